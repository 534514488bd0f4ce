"""Array parameters in the runtime: repeated query keys, comma-joined query keys, headers and path segments."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Unpack

import httpx

from .conftest import load_runtime

rt = load_runtime()
declare = rt.declare


class _Operations:
    @declare.operation(
        "GET /v1/{ids}/things", query="tag state", headers="x_trace", csv="state", wire={"x_trace": "X-Trace"}
    )
    def list_things(
        self,
        *,
        ids: Sequence[str],
        tag: Sequence[str] | None = None,
        state: Sequence[str] | None = None,
        x_trace: Sequence[int] | None = None,
        **options: Unpack[rt.CallOptions],
    ) -> None:
        """List the things."""


class ThingClient(rt.BaseClient, _Operations):
    _endpoint_prefix = "things"


def _sent(**kwargs: Any) -> httpx.Request:
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200)

    http = httpx.Client(transport=httpx.MockTransport(answer))
    with ThingClient(base_url="https://x", auth=rt.TokenAuth("t"), http_client=http) as client:
        client.list_things(**kwargs)
    (request,) = seen
    return request


def test_query_arrays_repeat_their_key_unless_comma_joined() -> None:
    request = _sent(ids=["a"], tag=["x", "y"], state=["ACTIVE", "INACTIVE"])
    assert request.url.params.multi_items() == [("tag", "x"), ("tag", "y"), ("state", "ACTIVE,INACTIVE")]


def test_header_and_path_arrays_are_comma_joined() -> None:
    request = _sent(ids=["a", "b/c"], x_trace=[1, 2])
    assert request.url.raw_path == b"/v1/a%2Cb%2Fc/things"
    assert request.headers.get_list("X-Trace") == ["1,2"]


def test_an_empty_array_sends_nothing() -> None:
    request = _sent(ids=["a"], tag=[], state=[], x_trace=[])
    assert request.url.params.multi_items() == []
    assert "X-Trace" not in request.headers
