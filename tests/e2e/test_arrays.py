"""Array query parameters over real HTTP, sync and async: repeated keys (ELB ids, NAT states) and a
comma-joined key (ELB ip_list, whose page says the addresses are separated by commas)."""

from __future__ import annotations

from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkelb.v3 import ElbClient as SdkElbClient
from huaweicloudsdkelb.v3 import ListIpGroupsRequest
from huaweicloudsdknat.v2 import ListNatGatewaysRequest
from huaweicloudsdknat.v2 import NatClient as SdkNatClient
from hwcloud import AkSkAuth
from hwcloud.elb import AsyncElbClient, ElbClient
from hwcloud.nat import AsyncNatClient, NatClient

from .conftest import PROJECT, TOKEN, Invoker
from .sdk_wire import AK, SK, record
from .server import MockServer, Reply, Request

ELB = (ElbClient, AsyncElbClient)
NAT = (NatClient, AsyncNatClient)
AUTH = {"X-Auth-Token": TOKEN}


def test_ip_list_is_comma_joined_and_ids_repeat(server: MockServer, invoke: Invoker) -> None:
    query = [("id", "g1"), ("id", "g2"), ("ip_list", "192.168.1.123,192.168.3.0/24")]
    server.expect(
        Request("GET", f"/v3/{PROJECT}/elb/ipgroups", query=query, headers=AUTH),
        Reply(200, json={"ipgroups": [{"id": "g1", "ip_list": [{"ip": "192.168.1.123"}]}], "request_id": "r"}),
    )
    result = invoke(ELB, "list_ip_groups", id=["g1", "g2"], ip_list=["192.168.1.123", "192.168.3.0/24"])
    assert [g.id for g in result.ipgroups] == ["g1"]
    # the comma travels percent-encoded, as Huawei's SDK sends one in a value
    assert server.requests[0].query_string.endswith("ip_list=192.168.1.123%2C192.168.3.0%2F24")


def test_one_value_and_no_value(server: MockServer, invoke: Invoker) -> None:
    server.expect(
        Request("GET", f"/v2/{PROJECT}/nat_gateways", query=[("status", "ACTIVE")], headers=AUTH),
        Reply(200, json={"nat_gateways": []}),
    )
    server.expect(
        Request("GET", f"/v2/{PROJECT}/nat_gateways", query=[], headers=AUTH), Reply(200, json={"nat_gateways": []})
    )
    assert invoke(NAT, "list_nat_gateways", status=["ACTIVE"]).nat_gateways == []
    assert invoke(NAT, "list_nat_gateways", status=[], spec=[]).nat_gateways == []


def test_nat_states_and_sizes_repeat_their_keys(server: MockServer, invoke: Invoker) -> None:
    query = [("status", "ACTIVE"), ("status", "INACTIVE"), ("spec", "1"), ("spec", "4"), ("limit", "10")]
    server.expect(
        Request("GET", f"/v2/{PROJECT}/nat_gateways", query=query, headers=AUTH),
        Reply(200, json={"nat_gateways": [{"id": "n1", "status": "ACTIVE", "spec": "1"}]}),
    )
    result = invoke(NAT, "list_nat_gateways", status=["ACTIVE", "INACTIVE"], spec=["1", "4"], limit=10)
    assert [(g.id, g.status, g.spec) for g in result.nat_gateways] == [("n1", "ACTIVE", "1")]


# -- the same call as Huawei's SDK builds it -----------------------------------------------------


def test_nat_list_nat_gateways_is_sent_as_huaweis_sdk_sends_it() -> None:
    def ours(url: str) -> None:
        with NatClient(base_url=url, project_id=PROJECT, auth=AkSkAuth(AK, SK)) as client:
            client.list_nat_gateways(status=["ACTIVE", "INACTIVE"], spec=["1", "2"], name="nat 01", limit=10)

    def theirs(url: str) -> None:
        credentials = BasicCredentials(AK, SK, PROJECT)
        client = SdkNatClient.new_builder().with_credentials(credentials).with_endpoints([url]).build()
        request = ListNatGatewaysRequest(status=["ACTIVE", "INACTIVE"], spec=["1", "2"], name="nat 01", limit=10)
        client.list_nat_gateways(request)

    assert record(ours) == record(theirs)


def test_elb_list_ip_groups_is_sent_as_huaweis_sdk_sends_it() -> None:
    """The SDK repeats every query array's key; given the page's comma-separated text as one value, its
    request equals ours, which joins the addresses as the page says."""

    def ours(url: str) -> None:
        with ElbClient(base_url=url, project_id=PROJECT, auth=AkSkAuth(AK, SK)) as client:
            client.list_ip_groups(id=["g1", "g2"], ip_list=["10.0.0.1", "10.0.1.0/24"], limit=5)

    def theirs(url: str) -> None:
        credentials = BasicCredentials(AK, SK, PROJECT)
        client = SdkElbClient.new_builder().with_credentials(credentials).with_endpoints([url]).build()
        client.list_ip_groups(ListIpGroupsRequest(id=["g1", "g2"], ip_list=["10.0.0.1,10.0.1.0/24"], limit=5))

    assert record(ours) == record(theirs)
