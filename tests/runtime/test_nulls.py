"""Nullable body fields in the runtime: left out → not sent; None → null (only where nullable), at the
top level and inside request models, whose nullable fields carry `json_schema_extra={"nullable": True}`."""

from __future__ import annotations

import json
from typing import Any, Unpack

import httpx
import pydantic

from .conftest import load_runtime

rt = load_runtime()
declare = rt.declare


class Pool(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(extra="forbid")

    name: str | None = None
    session_persistence: str | None = pydantic.Field(None, json_schema_extra={"nullable": True})


class _Operations:
    @declare.operation(
        "PUT /v1/pools/{pool_id}", body="description note pool pools", nullable="description", nulls_inside="pool pools"
    )
    def update_pool(
        self,
        *,
        pool_id: str,
        description: str | None = None,
        note: str | None = None,
        pool: Pool | None = None,
        pools: list[Pool] | None = None,
        **options: Unpack[rt.CallOptions],
    ) -> None:
        """Update a pool."""


class PoolClient(rt.BaseClient, _Operations):
    _endpoint_prefix = "pools"


def _body(**kwargs: Any) -> Any:
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200)

    http = httpx.Client(transport=httpx.MockTransport(answer))
    with PoolClient(base_url="https://x", auth=rt.TokenAuth("t"), http_client=http) as client:
        client.update_pool(pool_id="p1", **kwargs)
    return json.loads(seen[0].content)


def test_left_out_is_not_sent_and_none_is_null_only_where_nullable() -> None:
    assert _body(note="n") == {"note": "n"}
    assert _body(description=None, note=None) == {"description": None}
    assert _body(description="d") == {"description": "d"}


def test_nested_nullable_fields_send_null_when_set() -> None:
    assert _body(pool=Pool(name="a", session_persistence=None)) == {"pool": {"name": "a", "session_persistence": None}}
    assert _body(pool=Pool(name=None)) == {"pool": {}}
    assert _body(pool={"session_persistence": None}) == {"pool": {"session_persistence": None}}
    listed = _body(pools=[Pool(session_persistence=None), Pool(name="b")])
    assert listed == {"pools": [{"session_persistence": None}, {"name": "b"}]}


def test_nulls_are_looked_for_only_where_declared() -> None:
    class _Undeclared:
        @declare.operation("PUT /v1/pools/{pool_id}", body="pool")
        def update_pool(self, *, pool_id: str, pool: Pool | None = None, **options: Unpack[rt.CallOptions]) -> None:
            """Update a pool."""

    class Client(rt.BaseClient, _Undeclared):
        _endpoint_prefix = "pools"

    seen: list[httpx.Request] = []
    http = httpx.Client(transport=httpx.MockTransport(lambda r: seen.append(r) or httpx.Response(200)))
    with Client(base_url="https://x", auth=rt.TokenAuth("t"), http_client=http) as client:
        client.update_pool(pool_id="p", pool=Pool(session_persistence=None))
    assert json.loads(seen[0].content) == {"pool": {}}  # the declaration did not ask: no null sent
