"""Marker pagination over real HTTP, sync and async: ELB's `page_info.next_marker` and DNS's `links.next`.

The server checks every request exactly (marker and limit sent by the iterator, the caller's filters
kept, repeated `id` keys); the pages come from the specs' example items.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkdns.v2 import DnsClient as SdkDnsClient
from huaweicloudsdkdns.v2 import ListPublicZonesRequest
from huaweicloudsdkelb.v3 import ElbClient as SdkElbClient
from huaweicloudsdkelb.v3 import ListFlavorsRequest
from hwcloud import AkSkAuth, TokenAuth
from hwcloud._core import PaginationError
from hwcloud.dns import AsyncDnsClient, DnsClient
from hwcloud.dns import models as dns_models
from hwcloud.elb import AsyncElbClient, ElbClient
from hwcloud.elb import models as elb_models

from .conftest import NO_RETRIES, PROJECT, TOKEN
from .sdk_wire import AK, SK, record
from .server import MockServer, Reply, Request

FLAVORS = f"/v3/{PROJECT}/elb/flavors"
AUTH = {"X-Auth-Token": TOKEN}


def collect(mode: str, classes: tuple[type, type], server: MockServer, method: str, **kwargs: Any) -> list[Any]:
    """Every item (or page) the iterator yields, through the sync or the async client."""
    sync_cls, async_cls = classes
    options = {"base_url": server.url, "project_id": PROJECT, "auth": TokenAuth(TOKEN), **NO_RETRIES}
    if mode == "sync":
        with sync_cls(**options) as client:
            return list(getattr(client, method)(**kwargs))

    async def run() -> list[Any]:
        async with async_cls(**options) as client:
            return [item async for item in getattr(client, method)(**kwargs)]

    return asyncio.run(run())


def flavor(ident: str) -> dict[str, Any]:
    return {"id": ident, "name": f"L7_flavor.{ident}", "type": "L7", "shared": True, "info": {"lcu": 10}}


def flavors_page(*ids: str, next_marker: str | None) -> dict[str, Any]:
    info = {"previous_marker": ids[0] if ids else None, "current_count": len(ids), "next_marker": next_marker}
    return {"flavors": [flavor(i) for i in ids], "page_info": info, "request_id": "r-1"}


def test_elb_follows_page_info_next_marker_until_a_short_page(server: MockServer, mode: str) -> None:
    ids = [("id", "f1"), ("id", "f3"), ("id", "f4")]
    for marker, page in (
        (None, flavors_page("f1", "f2", next_marker="f2")),
        ("f2", flavors_page("f3", "f4", next_marker="f4")),
        ("f4", flavors_page("f5", next_marker="f5")),  # short: the last page, though it names a marker
    ):
        query = ([("marker", marker)] if marker else []) + [("limit", "2"), *ids, ("shared", "true")]
        server.expect(Request("GET", FLAVORS, query=query, headers=AUTH), Reply(200, json=page))
    items = collect(
        mode, (ElbClient, AsyncElbClient), server, "iter_list_flavors", id=["f1", "f3", "f4"], shared=True, page_size=2
    )
    assert [type(i) for i in items] == [elb_models.Flavor] * 5
    assert [i.id for i in items] == ["f1", "f2", "f3", "f4", "f5"]


def test_elb_starts_at_the_given_marker_and_yields_pages(server: MockServer, mode: str) -> None:
    server.expect(
        Request("GET", FLAVORS, query=[("marker", "f2"), ("limit", "2000")], headers=AUTH),
        Reply(200, json=flavors_page("f3", next_marker="f3")),
    )
    pages = collect(mode, (ElbClient, AsyncElbClient), server, "iter_list_flavors_pages", marker="f2")
    assert [type(p) for p in pages] == [elb_models.ListFlavorsResponse]
    assert pages[0].page_info.next_marker == "f3"


def test_elb_stops_on_an_empty_page(server: MockServer, mode: str) -> None:
    server.expect(
        Request("GET", FLAVORS, query=[("limit", "1")], headers=AUTH),
        Reply(200, json=flavors_page("f1", next_marker="f1")),
    )
    server.expect(
        Request("GET", FLAVORS, query=[("marker", "f1"), ("limit", "1")], headers=AUTH),
        Reply(200, json=flavors_page(next_marker=None)),
    )
    assert [f.id for f in collect(mode, (ElbClient, AsyncElbClient), server, "iter_list_flavors", page_size=1)] == [
        "f1"
    ]


def test_elb_refuses_a_marker_it_already_followed(server: MockServer, mode: str) -> None:
    server.expect(
        Request("GET", FLAVORS, query=[("limit", "1")], headers=AUTH),
        Reply(200, json=flavors_page("f1", next_marker="f1")),
    )
    server.expect(
        Request("GET", FLAVORS, query=[("marker", "f1"), ("limit", "1")], headers=AUTH),
        Reply(200, json=flavors_page("f2", next_marker="f1")),  # points back: would loop forever
    )
    with pytest.raises(PaginationError, match="'f1' was already followed"):
        collect(mode, (ElbClient, AsyncElbClient), server, "iter_list_flavors", page_size=1)


def zone(ident: str) -> dict[str, Any]:
    return {"id": ident, "name": f"{ident}.example.com.", "zone_type": "public", "record_num": 2}


def test_dns_follows_links_next_and_stops_without_one(server: MockServer, mode: str) -> None:
    first = {
        "links": {
            "self": "https://dns.example/v2/zones?type=public&limit=2",
            "next": "https://dns.example/v2/zones?type=public&limit=2&marker=z2",
        },
        "zones": [zone("z1"), zone("z2")],
        "metadata": {"total_count": 4},
    }
    # Full, but no next link: the list ends here.
    last = {"links": {"self": "https://dns.example/v2/zones?marker=z2"}, "zones": [zone("z3"), zone("z4")]}
    server.expect(
        Request("GET", "/v2/zones", query=[("type", "public"), ("limit", "2")], headers=AUTH), Reply(200, json=first)
    )
    server.expect(
        Request("GET", "/v2/zones", query=[("type", "public"), ("marker", "z2"), ("limit", "2")], headers=AUTH),
        Reply(200, json=last),
    )
    items = collect(mode, (DnsClient, AsyncDnsClient), server, "iter_list_public_zones", type="public", page_size=2)
    assert [type(z) for z in items] == [dns_models.Zones] * 4
    assert [z.id for z in items] == ["z1", "z2", "z3", "z4"]


# -- the same call as Huawei's SDK builds it -----------------------------------------------------


def test_elb_list_flavors_is_sent_as_huaweis_sdk_sends_it() -> None:
    def ours(url: str) -> None:
        with ElbClient(base_url=url, project_id=PROJECT, auth=AkSkAuth(AK, SK)) as client:
            client.list_flavors(marker="f2", limit=2, id=["f3", "f4"], type=["L7"], page_reverse=False, shared=True)

    def theirs(url: str) -> None:
        client = (
            SdkElbClient.new_builder().with_credentials(BasicCredentials(AK, SK, PROJECT)).with_endpoints([url]).build()
        )
        client.list_flavors(
            ListFlavorsRequest(marker="f2", limit=2, id=["f3", "f4"], type=["L7"], page_reverse=False, shared=True)
        )

    assert record(ours) == record(theirs)


def test_dns_list_public_zones_is_sent_as_huaweis_sdk_sends_it() -> None:
    def ours(url: str) -> None:
        with DnsClient(base_url=url, project_id=PROJECT, auth=AkSkAuth(AK, SK)) as client:
            client.list_public_zones(type="public", marker="z2", limit=10, name="example")

    def theirs(url: str) -> None:
        client = (
            SdkDnsClient.new_builder().with_credentials(BasicCredentials(AK, SK, PROJECT)).with_endpoints([url]).build()
        )
        client.list_public_zones(ListPublicZonesRequest(type="public", marker="z2", limit=10, name="example"))

    assert record(ours) == record(theirs)
