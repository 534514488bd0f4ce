"""Several 2xx statuses and typed error bodies in the runtime (issue 18, feature 8): each documented
status is read into its own type (`results=`), an undocumented 2xx as the first documented one with
a body, and an error status's documented body into its model on the raised error (`errors=`), or
left as it came when it does not match."""

from __future__ import annotations

import asyncio
from typing import Any, Unpack

import httpx
import pydantic
import pytest

from .conftest import load_runtime

rt = load_runtime()
declare = rt.declare


class Zone(pydantic.BaseModel):
    id: str
    status: str | None = None


class Job(pydantic.BaseModel):
    job_id: str


class FlatError(pydantic.BaseModel):
    error_code: str
    error_msg: str


class Inner(pydantic.BaseModel):
    code: str
    message: str


class NestedError(pydantic.BaseModel):
    error: Inner


class _Operations:
    @declare.operation(
        "DELETE /v2/zones/{zone_id}",
        results={(200, 201): Zone, 202: Job, 204: None},
        errors={400: FlatError, (404, 409): NestedError},
    )
    def delete_zone(self, *, zone_id: str, **options: Unpack[rt.CallOptions]) -> Zone | Job | None:
        """Delete a zone: 200/201 the zone, 202 a job, 204 nothing."""

    @declare.operation("DELETE /v2/records/{record_id}")
    def delete_record(self, *, record_id: str, **options: Unpack[rt.CallOptions]) -> None:
        """Delete a record: one documented status without a body."""


class ZoneClient(rt.BaseClient, _Operations):
    _endpoint_prefix = "dns"


class AsyncZoneClient(rt.AsyncBaseClient, _Operations):
    _endpoint_prefix = "dns"


def _client(status: int, body: Any = None) -> Any:
    def reply(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, json=body) if body is not None else httpx.Response(status)

    http = httpx.Client(transport=httpx.MockTransport(reply))
    return ZoneClient(base_url="https://x", auth=rt.TokenAuth("t"), http_client=http)


@pytest.mark.parametrize(
    ("status", "body", "expected"),
    [
        (200, {"id": "z1", "status": "PENDING_DELETE"}, Zone(id="z1", status="PENDING_DELETE")),
        (201, {"id": "z1"}, Zone(id="z1")),
        (202, {"job_id": "j1"}, Job(job_id="j1")),
        (204, None, None),
    ],
)
def test_each_documented_2xx_is_read_into_its_own_type(status: int, body: Any, expected: Any) -> None:
    with _client(status, body) as client:
        assert client.delete_zone(zone_id="z1") == expected
        raw = client.with_raw_response(client.delete_zone)(zone_id="z1")
    assert raw.status_code == status and raw.parsed == expected


def test_an_undocumented_2xx_is_read_as_the_first_documented_body() -> None:
    with _client(203, {"id": "z1"}) as client:
        assert client.delete_zone(zone_id="z1") == Zone(id="z1")
    with _client(206, {"unexpected": True}) as client, pytest.raises(rt.ApiResponseValidationError) as info:
        client.delete_zone(zone_id="z1")
    assert info.value.status_code == 206 and info.value.body == b'{"unexpected":true}'


def test_a_bodiless_status_ignores_a_body_that_comes_anyway() -> None:
    with _client(204) as client:
        assert client.delete_record(record_id="r") is None
    with _client(200, {"surprise": 1}) as client:
        assert client.delete_record(record_id="r") is None
        assert client.with_raw_response(client.delete_record)(record_id="r").http_response.json() == {"surprise": 1}


def test_error_bodies_are_typed_per_status() -> None:
    with (
        _client(400, {"error_code": "DNS.0001", "error_msg": "bad"}) as client,
        pytest.raises(rt.BadRequestError) as bad,
    ):
        client.delete_zone(zone_id="z1")
    assert bad.value.body == FlatError(error_code="DNS.0001", error_msg="bad")
    assert (bad.value.error_code, bad.value.error_msg) == ("DNS.0001", "bad")
    nested = {"error": {"code": "DNS.0404", "message": "no zone"}}
    for status, error in ((404, rt.NotFoundError), (409, rt.ConflictError)):
        with _client(status, nested) as client, pytest.raises(error) as info:
            client.delete_zone(zone_id="z1")
        assert info.value.body == NestedError(error=Inner(code="DNS.0404", message="no zone"))
        assert (info.value.error_code, info.value.error_msg) == ("DNS.0404", "no zone")


def test_an_error_body_that_does_not_match_stays_as_it_came() -> None:
    flat = {"error_code": "DNS.0404", "error_msg": "flat, not nested"}
    with _client(404, flat) as client, pytest.raises(rt.NotFoundError) as info:
        client.delete_zone(zone_id="z1")
    assert info.value.body == flat and info.value.error_code == "DNS.0404"
    with _client(500, {"error_code": "X"}) as client, pytest.raises(rt.InternalServerError) as undocumented:
        client.delete_zone(zone_id="z1")
    assert undocumented.value.body == {"error_code": "X"}


def test_the_async_client_reads_statuses_the_same_way() -> None:
    answers = iter(
        [
            httpx.Response(202, json={"job_id": "j"}),
            httpx.Response(204),
            httpx.Response(409, json={"error": {"code": "c", "message": "m"}}),
        ]
    )

    async def run() -> tuple[Any, Any, Any]:
        http = httpx.AsyncClient(transport=httpx.MockTransport(lambda request: next(answers)))
        async with AsyncZoneClient(base_url="https://x", auth=rt.TokenAuth("t"), http_client=http) as client:
            first = await client.delete_zone(zone_id="z")
            second = await client.delete_zone(zone_id="z")
            with pytest.raises(rt.ConflictError) as info:
                await client.delete_zone(zone_id="z")
        return first, second, info.value.body

    assert asyncio.run(run()) == (Job(job_id="j"), None, NestedError(error=Inner(code="c", message="m")))
