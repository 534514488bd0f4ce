"""Fixtures of the end-to-end tests: a local HTTP server and a way to call a client sync or async."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

try:
    import hwcloud  # noqa: F401 - only checking that it imports
except ImportError:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "generated"))

from hwcloud import TokenAuth

from .server import MockServer

TOKEN = "tok-e2e-7f3a"
PROJECT = "p1"
# The tests that expect one request per call turn retries off (retries are tested on their own in
# test_runtime.py).
NO_RETRIES = {"max_retries": 0}


@pytest.fixture(autouse=True)
def _no_sdk_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Clients without auth= read Huawei SDK variables (HUAWEICLOUD_SDK_*): keep the tests independent of them."""
    for name in (
        "HUAWEICLOUD_SDK_AK",
        "HUAWEICLOUD_SDK_SK",
        "HUAWEICLOUD_SDK_SECURITY_TOKEN",
        "HUAWEICLOUD_SDK_PROJECT_ID",
    ):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def server() -> Iterator[MockServer]:
    """A fresh server per test; fails the test if a request did not match or was never sent."""
    mock = MockServer()
    try:
        yield mock
    finally:
        mock.stop()
    mock.verify()


@pytest.fixture(params=["sync", "async"])
def mode(request: pytest.FixtureRequest) -> str:
    return str(request.param)


class Invoker:
    """Calls one operation through the sync or the async client, each opened and closed for the call."""

    def __init__(self, mode: str, server: MockServer) -> None:
        self.mode = mode
        self.server = server

    def client_kwargs(self, overrides: dict[str, Any] | None = None) -> dict[str, Any]:
        kwargs: dict[str, Any] = {
            "base_url": self.server.url,
            "project_id": PROJECT,
            "auth": TokenAuth(TOKEN),
            **NO_RETRIES,
        }
        kwargs.update(overrides or {})
        return kwargs

    def __call__(
        self, clients: tuple[type, type], method: str, /, *, client: dict[str, Any] | None = None, **kwargs: Any
    ) -> Any:
        sync_cls, async_cls = clients
        if self.mode == "sync":
            with sync_cls(**self.client_kwargs(client)) as sync_client:
                return getattr(sync_client, method)(**kwargs)

        async def run() -> Any:
            async with async_cls(**self.client_kwargs(client)) as async_client:
                return await getattr(async_client, method)(**kwargs)

        return asyncio.run(run())


@pytest.fixture
def invoke(mode: str, server: MockServer) -> Invoker:
    return Invoker(mode, server)
