"""The client runtime: plain Python in templates/core/, copied into every generated package verbatim.

The runtime is real code, linted, type-checked and tested where it lives (tests/runtime/); the
generator only copies it. The facts both sides need (error classes, reserved argument names,
idempotent methods, the default content type, runtime headers) are stated once, in its
`_constants.py`, which imports only the standard library; this module loads that file and gives
them types.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Mapping
from types import ModuleType
from typing import cast

from .resources import templates_dir

__all__ = [
    "DEFAULT_CONTENT_TYPE",
    "ERROR_CLASSES",
    "IDEMPOTENT_METHODS",
    "RESERVED_ARGUMENTS",
    "RUNTIME_DIR",
    "RUNTIME_HEADERS",
    "error_class_name",
    "runtime_modules",
]

RUNTIME_DIR = templates_dir() / "core"  # generator.resources: a checkout or an installed wheel


def _load_constants() -> ModuleType:
    """templates/core/_constants.py as a module of its own (the runtime's package needs httpx)."""
    spec = importlib.util.spec_from_file_location("_hwgen_runtime_constants", RUNTIME_DIR / "_constants.py")
    assert spec is not None and spec.loader is not None, f"{RUNTIME_DIR} holds no _constants.py"
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_constants = _load_constants()
DEFAULT_CONTENT_TYPE = cast(str, _constants.DEFAULT_CONTENT_TYPE)
ERROR_CLASSES = cast(Mapping[int, str], _constants.ERROR_CLASSES)
IDEMPOTENT_METHODS = cast(frozenset[str], _constants.IDEMPOTENT_METHODS)
RESERVED_ARGUMENTS = cast(frozenset[str], _constants.RESERVED_ARGUMENTS)
RUNTIME_HEADERS = cast(frozenset[str], _constants.RUNTIME_HEADERS)
error_class_name = cast(Callable[[int], str], _constants.error_class_name)


def runtime_modules() -> tuple[str, ...]:
    """The runtime's module names (`__init__`, `_auth`, ...), sorted: generate copies each."""
    return tuple(sorted(p.stem for p in RUNTIME_DIR.glob("*.py")))
