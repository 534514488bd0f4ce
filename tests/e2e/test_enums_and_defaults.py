"""Integer enumerations and body-field defaults over real HTTP, sync and async: NAT's SNAT rule takes
source_type 0 or 1 (an int, never True or "1"), and its documented default 0 is never sent unless passed."""

from __future__ import annotations

import pydantic
import pytest
from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdknat.v2 import CreateNatGatewaySnatRuleOption as SdkSnatRule
from huaweicloudsdknat.v2 import CreateNatGatewaySnatRuleRequest, CreateNatGatewaySnatRuleRequestOption
from huaweicloudsdknat.v2 import NatClient as SdkNatClient
from hwcloud import AkSkAuth
from hwcloud.nat import AsyncNatClient, NatClient, models

from .conftest import PROJECT, TOKEN, Invoker
from .sdk_wire import AK, SK, record
from .server import MockServer, Reply, Request

NAT = (NatClient, AsyncNatClient)
GATEWAY = "a78fb3eb-1654-4710-8742-3fc49d5f04f8"
EIP = "bdc10a4c-d81a-41ec-adf7-de857f7c812a"
RULES = f"/v2/{PROJECT}/snat_rules"
HEADERS = {"X-Auth-Token": TOKEN, "Content-Type": "application/json"}
CREATED = {"snat_rule": {"id": "5b95c675-69c2-4656-ba06-58ff72e1d338", "source_type": 1, "status": "PENDING_CREATE"}}


def test_the_default_is_not_sent_when_not_passed(server: MockServer, invoke: Invoker) -> None:
    sent = {"snat_rule": {"nat_gateway_id": GATEWAY, "cidr": "172.30.0.0/24", "floating_ip_id": EIP}}
    server.expect(Request("POST", RULES, headers=HEADERS, json=sent), Reply(201, json=CREATED))
    rule = {"nat_gateway_id": GATEWAY, "cidr": "172.30.0.0/24", "floating_ip_id": EIP}
    result = invoke(NAT, "create_nat_gateway_snat_rule", snat_rule=rule)
    assert type(result) is models.CreateNatGatewaySnatRuleResponse
    assert result.snat_rule is not None and result.snat_rule.source_type == 1


@pytest.mark.parametrize("source_type", [0, 1])
def test_an_integer_enumeration_value_is_sent_as_an_integer(
    server: MockServer, invoke: Invoker, source_type: int
) -> None:
    sent = {"snat_rule": {"nat_gateway_id": GATEWAY, "source_type": source_type, "floating_ip_id": EIP}}
    server.expect(Request("POST", RULES, headers=HEADERS, json=sent), Reply(201, json=CREATED))
    rule = models.CreateNatGatewaySnatRuleOption(nat_gateway_id=GATEWAY, source_type=source_type, floating_ip_id=EIP)
    invoke(NAT, "create_nat_gateway_snat_rule", snat_rule=rule)


@pytest.mark.parametrize("wrong", [True, "1", 1.0, 2])
def test_values_outside_the_integer_enumeration_are_refused_before_sending(
    server: MockServer, invoke: Invoker, wrong: object
) -> None:
    rule = {"nat_gateway_id": GATEWAY, "source_type": wrong, "floating_ip_id": EIP}
    with pytest.raises(pydantic.ValidationError, match="source_type"):
        invoke(NAT, "create_nat_gateway_snat_rule", snat_rule=rule)
    assert server.requests == []


def test_an_open_response_enumeration_keeps_a_new_value(server: MockServer, invoke: Invoker) -> None:
    server.expect(
        Request("POST", RULES, headers=HEADERS, json={"snat_rule": {"nat_gateway_id": GATEWAY, "floating_ip_id": EIP}}),
        Reply(201, json={"snat_rule": {"source_type": 2}}),
    )
    result = invoke(NAT, "create_nat_gateway_snat_rule", snat_rule={"nat_gateway_id": GATEWAY, "floating_ip_id": EIP})
    assert result.snat_rule.source_type == 2  # responses stay lenient: a value added later still parses


def test_nat_create_snat_rule_is_sent_as_huaweis_sdk_sends_it() -> None:
    def ours(url: str) -> None:
        with NatClient(base_url=url, project_id=PROJECT, auth=AkSkAuth(AK, SK)) as client:
            rule = {"nat_gateway_id": GATEWAY, "cidr": "172.30.0.0/24", "source_type": 1, "floating_ip_id": EIP}
            client.create_nat_gateway_snat_rule(snat_rule=rule)

    def theirs(url: str) -> None:
        client = (
            SdkNatClient.new_builder().with_credentials(BasicCredentials(AK, SK, PROJECT)).with_endpoints([url]).build()
        )
        rule = SdkSnatRule(nat_gateway_id=GATEWAY, cidr="172.30.0.0/24", source_type=1, floating_ip_id=EIP)
        client.create_nat_gateway_snat_rule(
            CreateNatGatewaySnatRuleRequest(body=CreateNatGatewaySnatRuleRequestOption(snat_rule=rule))
        )

    reply = Reply(201, json=CREATED)
    mine = record(ours, reply)
    assert mine == record(theirs, reply)
    assert mine.body["snat_rule"]["source_type"] == 1 and "source_type" in mine.body["snat_rule"]
