"""Fixtures of the mock-server tests: the real specs' model, and mocks served by uvicorn in a thread."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path

import httpx
import pytest

from generator.incremental import pipeline
from generator.mock import MockApp, MockOptions, running
from generator.model.api import Api

try:
    import hwcloud  # noqa: F401 - only checking that it imports
except ImportError:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "generated"))

SPECS = Path(__file__).resolve().parents[2] / "specs"
TOKEN = {"X-Auth-Token": "tok-mock"}
Serve = Callable[..., str]


@pytest.fixture(scope="session")
def api() -> Api:
    built, _ = pipeline.build(SPECS)
    return built


@pytest.fixture
def serve(api: Api) -> Iterator[Serve]:
    """`serve(stateful=True, ...)` → the URL of a fresh mock with those options, stopped after the test."""
    with ExitStack() as stack:

        def start(**options: object) -> str:
            return stack.enter_context(running(MockApp(api, MockOptions(**options))))  # type: ignore[arg-type]

        yield start


@pytest.fixture(scope="module")
def stateless(api: Api) -> Iterator[httpx.Client]:
    """One stateless mock per module, with an httpx client on it (the requests of these tests change nothing)."""
    with running(MockApp(api)) as url, httpx.Client(base_url=url) as client:
        yield client
