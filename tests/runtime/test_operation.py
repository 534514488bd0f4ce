"""Declarations and clients of the runtime where it lives, over httpx.MockTransport (no generated code)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Coroutine, Iterator
from typing import Any, Unpack

import httpx
import pydantic
import pytest

from .conftest import load_runtime

rt = load_runtime()
declare = rt.declare


class Thing(pydantic.BaseModel):
    id: str


class Things(pydantic.BaseModel):
    things: list[Thing]
    count: int


class _Operations:
    @declare.operation("GET /v1/{project_id}/things", query="offset limit")
    def list_things(
        self,
        *,
        project_id: str | None = None,
        offset: int | None = None,
        limit: int | None = None,
        **options: Unpack[rt.CallOptions],
    ) -> Things:
        """List the things."""
        ...

    @declare.paged(list_things, items="things", offset="offset", limit="limit", page_size=2, count="count")
    def iter_list_things(self, *, project_id: str | None = None, **options: Unpack[rt.PageOptions]) -> Iterator[Thing]:
        """Every thing."""
        ...

    iter_list_things_pages = declare.pages_of(iter_list_things)

    @declare.operation("POST /v1/{project_id}/things", body="name", idempotent=False)
    def create_thing(self, *, name: str, project_id: str | None = None, **options: Unpack[rt.CallOptions]) -> None:
        """Create a thing."""


class ThingClient(rt.BaseClient, _Operations):
    _endpoint_prefix = "things"


class AsyncThingClient(rt.AsyncBaseClient, _Operations):
    _endpoint_prefix = "things"


ALL = [{"id": str(n)} for n in range(5)]
POSTS: list[httpx.Request] = []


def _answer(request: httpx.Request) -> httpx.Response:
    assert request.headers["X-Auth-Token"] == "tok"
    if request.method == "POST":
        POSTS.append(request)
        assert json.loads(request.content) == {"name": "n"}
        return httpx.Response(500, json={"error_code": "X.500", "error_msg": "down"})
    start, size = int(request.url.params["offset"]), int(request.url.params["limit"])
    return httpx.Response(200, json={"things": ALL[start : start + size], "count": len(ALL)})


def _sync() -> Any:
    transport = httpx.MockTransport(_answer)
    return ThingClient(
        base_url="https://x", project_id="p1", auth=rt.TokenAuth("tok"), http_client=httpx.Client(transport=transport)
    )


def test_a_call_sends_the_declared_request_and_reads_the_result() -> None:
    with _sync() as client:
        page = client.list_things(offset=1, limit=2)
    assert page == Things(things=[Thing(id="1"), Thing(id="2")], count=5)


def test_paged_iterators_cross_pages() -> None:
    with _sync() as client:
        assert [t.id for t in client.iter_list_things()] == ["0", "1", "2", "3", "4"]
        assert [len(p.things) for p in client.iter_list_things_pages()] == [2, 2, 1]


def test_errors_are_typed_and_a_non_idempotent_call_is_not_retried() -> None:
    with _sync() as client, pytest.raises(rt.InternalServerError) as info:
        client.create_thing(name="n")
    assert info.value.error_code == "X.500"
    assert len(POSTS) == 1


def test_arguments_are_checked_before_sending() -> None:
    with _sync() as client:
        with pytest.raises(TypeError, match="unexpected keyword argument 'bogus'"):
            client.list_things(bogus=1)
        with pytest.raises(pydantic.ValidationError):
            client.list_things(limit="many")


def test_the_async_client_shares_the_declarations() -> None:
    async def run() -> tuple[Things, list[str]]:
        transport = httpx.MockTransport(_answer)
        async with AsyncThingClient(
            base_url="https://x",
            project_id="p1",
            auth=rt.TokenAuth("tok"),
            http_client=httpx.AsyncClient(transport=transport),
        ) as client:
            page = await client.list_things(offset=0, limit=1)
            return page, [t.id async for t in client.iter_list_things()]

    page, ids = asyncio.run(run())
    assert page.count == 5 and ids == ["0", "1", "2", "3", "4"]


def test_signatures_and_help_show_parameters_result_and_docs() -> None:
    import inspect
    import pydoc

    with _sync() as client:
        signature = inspect.signature(client.list_things)
        assert list(signature.parameters) == ["project_id", "offset", "limit", "options"]
        assert signature.return_annotation is Things
        assert inspect.signature(client.iter_list_things).return_annotation == Iterator[Thing]
        assert inspect.signature(client.iter_list_things_pages).return_annotation == Iterator[Things]
        assert inspect.signature(client.create_thing).return_annotation is None
        text = pydoc.render_doc(client.list_things, renderer=pydoc.plaintext)
        assert "limit: int | None = None" in text and "-> " in text and "List the things." in text
    aclient = AsyncThingClient(base_url="https://x", project_id="p1", auth=rt.TokenAuth("tok"))
    assert inspect.signature(aclient.list_things).return_annotation == Coroutine[Any, Any, Things]
    assert inspect.signature(aclient.iter_list_things).return_annotation == AsyncIterator[Thing]
    assert aclient.iter_list_things_pages.__doc__.startswith("Every page of `list_things`")
    asyncio.run(aclient.close())
