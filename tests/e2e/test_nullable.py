"""Nullable request fields over real HTTP, sync and async: DNS's PTR restore sends `{"ptrdname": null}`,
an explicit None is null and a field left out is not sent (tests/runtime/test_nulls.py covers optional
and nested fields)."""

from __future__ import annotations

import pytest
from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkdns.v2 import DnsClient as SdkDnsClient
from huaweicloudsdkdns.v2 import RestorePtrRecordRequest, RestorePtrReq
from hwcloud import AkSkAuth
from hwcloud.dns import AsyncDnsClient, DnsClient

from .conftest import PROJECT, TOKEN, Invoker
from .sdk_wire import AK, SK, record
from .server import MockServer, Reply, Request

DNS = (DnsClient, AsyncDnsClient)
EIP = "c5504932-bf23-4171-b655-b87a6bc59334"
PATH = f"/v2/reverse/floatingips/region_id:{EIP}"
HEADERS = {"X-Auth-Token": TOKEN, "Content-Type": "application/json"}


@pytest.mark.parametrize(
    ("value", "body"), [(None, {"ptrdname": None}), ("ptr.example.com.", {"ptrdname": "ptr.example.com."})]
)
def test_none_is_sent_as_null(server: MockServer, invoke: Invoker, value: str | None, body: dict[str, object]) -> None:
    server.expect(Request("PATCH", PATH, headers=HEADERS, json=body), Reply(200))
    assert invoke(DNS, "restore_ptr_record", region="region_id", floatingip_id=EIP, ptrdname=value) is None
    assert server.requests[0].body == (b'{"ptrdname":null}' if value is None else b'{"ptrdname":"ptr.example.com."}')


def test_a_required_nullable_field_must_still_be_given(server: MockServer, invoke: Invoker) -> None:
    with pytest.raises(TypeError, match="missing required keyword argument 'ptrdname'"):
        invoke(DNS, "restore_ptr_record", region="region_id", floatingip_id=EIP)
    assert server.requests == []


def test_dns_restore_ptr_record_is_sent_as_huaweis_sdk_sends_it_but_for_the_null() -> None:
    """Method, path, query and headers equal the SDK's; the body is the one known difference (issue
    18): the SDK drops every None, so it cannot send the page's `{"ptrdname": null}`; with a value,
    the bodies are equal too."""

    def ours(value: str | None) -> object:
        def call(url: str) -> None:
            with DnsClient(base_url=url, project_id=PROJECT, auth=AkSkAuth(AK, SK)) as client:
                client.restore_ptr_record(region="region_id", floatingip_id=EIP, ptrdname=value)

        return call

    def theirs(value: str | None) -> object:
        def call(url: str) -> None:
            credentials = BasicCredentials(AK, SK, PROJECT)
            client = SdkDnsClient.new_builder().with_credentials(credentials).with_endpoints([url]).build()
            request = RestorePtrRecordRequest(region="region_id", floatingip_id=EIP, body=RestorePtrReq(ptrdname=value))
            client.restore_ptr_record(request)

        return call

    mine, sdk = record(ours(None)), record(theirs(None))  # type: ignore[arg-type]
    assert (mine.method, mine.path, mine.query, mine.headers) == (sdk.method, sdk.path, sdk.query, sdk.headers)
    assert (mine.body, sdk.body) == ({"ptrdname": None}, {})
    assert record(ours("ptr.example.com.")) == record(theirs("ptr.example.com."))  # type: ignore[arg-type]
