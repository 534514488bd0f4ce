"""The runtime imported from where it lives (templates/core/), under a package name of its own.

Loading it as `runtime_under_test` rather than `hwcloud._core` proves it names no package: a
generated package of any name gets the same files.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

RUNTIME_DIR = Path(__file__).resolve().parents[2] / "templates" / "core"
PACKAGE = "runtime_under_test"


def load_runtime() -> ModuleType:
    """templates/core as the package `runtime_under_test` (loaded once per process)."""
    if PACKAGE in sys.modules:
        return sys.modules[PACKAGE]
    spec = importlib.util.spec_from_file_location(
        PACKAGE, RUNTIME_DIR / "__init__.py", submodule_search_locations=[str(RUNTIME_DIR)]
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[PACKAGE] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def runtime() -> ModuleType:
    return load_runtime()
