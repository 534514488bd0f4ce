"""Several 2xx statuses and typed error bodies (issue 18, feature 8) over real HTTP, sync and async:
DNS's DeleteRecordSet answers 200 or 202 with the record set, or 204 with nothing (the method returns
the model or None); NAT's DeleteNatGatewaySnatRule answers 204; SMN's DeleteResourceTag answers 204,
and each of its error statuses has a documented body, which the raised error carries as a model.
The DNS and NAT deletes are sent as Huawei's SDK sends them."""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Coroutine
from typing import Any

import pytest
from huaweicloudsdkcore.auth.credentials import BasicCredentials, GlobalCredentials
from huaweicloudsdkdns.v2 import DeleteRecordSetRequest
from huaweicloudsdkdns.v2 import DnsClient as SdkDnsClient
from huaweicloudsdkiam.v3 import AssociateRoleToUserOnEnterpriseProjectRequest
from huaweicloudsdkiam.v3 import IamClient as SdkIamClient
from huaweicloudsdknat.v2 import DeleteNatGatewaySnatRuleRequest
from huaweicloudsdknat.v2 import NatClient as SdkNatClient
from hwcloud import (
    AkSkAuth,
    ApiResponseValidationError,
    AuthenticationError,
    BadRequestError,
    NotFoundError,
    PermissionDeniedError,
)
from hwcloud.dns import AsyncDnsClient, DnsClient
from hwcloud.dns import models as dns_models
from hwcloud.iam import AsyncIamClient, IamClient
from hwcloud.iam import models as iam_models
from hwcloud.nat import AsyncNatClient, NatClient
from hwcloud.smn import AsyncSmnClient, SmnClient
from hwcloud.smn import models as smn_models

from .conftest import PROJECT, Invoker
from .sdk_wire import AK, SK, record
from .server import MockServer, Reply, Request

DNS = (DnsClient, AsyncDnsClient)
IAM = (IamClient, AsyncIamClient)
GRANT = "/v3.0/OS-PERMISSION/enterprise-projects/ep-1/users/u-1/roles/r-1"
NAT = (NatClient, AsyncNatClient)
SMN = (SmnClient, AsyncSmnClient)
ZONE, RECORDSET = "2c9eb155587194ec01587224c9f90149", "2c9eb155587228570158722b6ac30007"
DELETE_PATH = f"/v2/zones/{ZONE}/recordsets/{RECORDSET}"
RECORD_SET = {  # the page's 202 example
    "id": RECORDSET,
    "name": "www.example.com.",
    "type": "A",
    "ttl": 300,
    "status": "PENDING_DELETE",
    "links": {"self": f"https://Endpoint{DELETE_PATH}"},
    "zone_id": ZONE,
    "default": False,
}
TAG_PATH = f"/v2/{PROJECT}/smn_topic/topic-1/tags/DEV"
TAG_404 = {
    "request_id": "6a63a18b8bab40ffb71ebd9cb80d0085",
    "code": "SMN.00010008",
    "message": "Tag key does not exist",
}


@pytest.mark.parametrize("status", [200, 202])
def test_a_2xx_with_the_record_set_returns_it(server: MockServer, invoke: Invoker, status: int) -> None:
    server.expect(Request("DELETE", DELETE_PATH), Reply(status, json=RECORD_SET))
    result = invoke(DNS, "delete_record_set", zone_id=ZONE, recordset_id=RECORDSET)
    assert isinstance(result, dns_models.DeleteRecordSetResponse)
    assert (result.status, result.ttl, result.links and result.links.self) == (
        "PENDING_DELETE",
        300,
        f"https://Endpoint{DELETE_PATH}",
    )


def test_a_204_returns_none(server: MockServer, invoke: Invoker) -> None:
    server.expect(Request("DELETE", DELETE_PATH), Reply(204))
    assert invoke(DNS, "delete_record_set", zone_id=ZONE, recordset_id=RECORDSET) is None


def test_the_raw_response_tells_statuses_of_one_shape_apart(server: MockServer) -> None:
    server.expect(Request("DELETE", DELETE_PATH), Reply(200, json=RECORD_SET))
    server.expect(Request("DELETE", DELETE_PATH), Reply(202, json=RECORD_SET))
    server.expect(Request("DELETE", DELETE_PATH), Reply(204))
    with DnsClient(base_url=server.url, project_id=PROJECT) as client:
        delete = client.with_raw_response(client.delete_record_set)
        answers = [delete(zone_id=ZONE, recordset_id=RECORDSET) for _ in range(3)]
    assert [(a.status_code, type(a.parsed).__name__) for a in answers] == [
        (200, "DeleteRecordSetResponse"),
        (202, "DeleteRecordSetResponse"),
        (204, "NoneType"),
    ]


def test_an_undocumented_2xx_is_read_as_the_first_documented_body(server: MockServer, invoke: Invoker) -> None:
    server.expect(Request("DELETE", DELETE_PATH), Reply(203, json=RECORD_SET))
    assert invoke(DNS, "delete_record_set", zone_id=ZONE, recordset_id=RECORDSET).id == RECORDSET
    server.expect(Request("DELETE", DELETE_PATH), Reply(206, json=["not", "a", "record", "set"]))
    with pytest.raises(ApiResponseValidationError, match="206 response does not match DeleteRecordSetResponse"):
        invoke(DNS, "delete_record_set", zone_id=ZONE, recordset_id=RECORDSET)


def test_a_bodiless_204_operation_returns_none(server: MockServer, invoke: Invoker) -> None:
    path = f"/v2/{PROJECT}/nat_gateways/{'g' * 36}/snat_rules/{'r' * 36}"
    server.expect(Request("DELETE", path), Reply(204))
    assert invoke(NAT, "delete_nat_gateway_snat_rule", nat_gateway_id="g" * 36, snat_rule_id="r" * 36) is None


def test_a_documented_error_body_is_typed_on_the_error(server: MockServer, invoke: Invoker) -> None:
    server.expect(Request("DELETE", TAG_PATH), Reply(404, json=TAG_404))
    with pytest.raises(NotFoundError) as info:
        invoke(SMN, "delete_resource_tag", resource_type="smn_topic", resource_id="topic-1", key="DEV")
    error = info.value
    assert isinstance(error.body, smn_models.DeleteResourceTagError)
    assert (error.body.code, error.body.message, error.body.request_id) == (
        "SMN.00010008",
        "Tag key does not exist",
        "6a63a18b8bab40ffb71ebd9cb80d0085",
    )
    # the fields every error has are read as before
    assert (error.error_code, error.error_msg, error.request_id) == (
        "SMN.00010008",
        "Tag key does not exist",
        "6a63a18b8bab40ffb71ebd9cb80d0085",
    )


def _grant(invoke: Invoker) -> object:
    return invoke(
        IAM, "associate_role_to_user_on_enterprise_project", enterprise_project_id="ep-1", user_id="u-1", role_id="r-1"
    )


@pytest.mark.parametrize(
    ("status", "error", "title"),
    [
        (400, BadRequestError, "Bad Request"),
        (401, AuthenticationError, "Unauthorized"),
        (403, PermissionDeniedError, "Forbidden"),
    ],
)
def test_iams_nested_error_body_is_typed(
    server: MockServer, invoke: Invoker, status: int, error: type[Exception], title: str
) -> None:
    """IAM documents its error body by example only: `{"error": {"message", "code", "title"}}`."""
    server.expect(
        Request("PUT", GRANT), Reply(status, json={"error": {"message": "m", "code": status, "title": title}})
    )
    with pytest.raises(error) as info:
        _grant(invoke)
    body = info.value.body  # type: ignore[attr-defined]
    assert isinstance(body, iam_models.AssociateRoleToUserOnEnterpriseProjectError)
    assert isinstance(body.error, iam_models.Error)
    assert (body.error.code, body.error.title, body.error.message) == (status, title, "m")
    assert (info.value.error_code, info.value.error_msg) == (str(status), "m")  # type: ignore[attr-defined]


def test_iams_grant_answers_204_with_nothing(server: MockServer, invoke: Invoker) -> None:
    server.expect(Request("PUT", GRANT), Reply(204))
    assert _grant(invoke) is None


def test_an_error_body_that_does_not_match_stays_as_it_came(server: MockServer, invoke: Invoker) -> None:
    server.expect(Request("DELETE", TAG_PATH), Reply(400, json={"code": ["not", "a", "string"]}))
    with pytest.raises(BadRequestError) as info:
        invoke(SMN, "delete_resource_tag", resource_type="smn_topic", resource_id="topic-1", key="DEV")
    assert info.value.body == {"code": ["not", "a", "string"]}
    html = b"<html>gateway</html>"
    server.expect(Request("DELETE", TAG_PATH), Reply(404, body=html, headers={"Content-Type": "text/html"}))
    with pytest.raises(NotFoundError) as gateway:
        invoke(SMN, "delete_resource_tag", resource_type="smn_topic", resource_id="topic-1", key="DEV")
    assert gateway.value.body == html.decode()


def test_the_declarations_state_every_2xx() -> None:
    """help() and type checkers read these: the model or None, awaited on the async client."""
    with DnsClient(base_url="http://127.0.0.1:9", project_id=PROJECT) as client:
        returned = inspect.signature(client.delete_record_set).return_annotation
        doc = client.delete_record_set.__doc__ or ""
    assert returned == dns_models.DeleteRecordSetResponse | None
    assert "`None` (204: The record set was deleted" in doc and "(202: The deletion was accepted" in doc

    async def awaited() -> Any:
        async with AsyncDnsClient(base_url="http://127.0.0.1:9", project_id=PROJECT) as aclient:
            return inspect.signature(aclient.delete_record_set).return_annotation

    assert asyncio.run(awaited()) == Coroutine[Any, Any, dns_models.DeleteRecordSetResponse | None]
    with SmnClient(base_url="http://127.0.0.1:9", project_id=PROJECT) as smn:
        assert "NotFoundError: 404 Not Found (`body`: `DeleteResourceTagError`)" in (
            smn.delete_resource_tag.__doc__ or ""
        )


# -- the same calls as Huawei's SDK builds them ---------------------------------------------------


def test_delete_record_set_is_sent_as_huaweis_sdk_sends_it() -> None:
    def ours(url: str) -> None:
        with DnsClient(base_url=url, project_id=PROJECT, auth=AkSkAuth(AK, SK)) as client:
            assert client.delete_record_set(zone_id=ZONE, recordset_id=RECORDSET) is not None

    def theirs(url: str) -> None:
        sdk = SdkDnsClient.new_builder().with_credentials(BasicCredentials(AK, SK, PROJECT)).with_endpoints([url])
        answer = sdk.build().delete_record_set(DeleteRecordSetRequest(zone_id=ZONE, recordset_id=RECORDSET))
        assert answer.status == "PENDING_DELETE"  # both read the same 202

    reply = Reply(202, json=RECORD_SET)
    mine, sdk = record(ours, reply), record(theirs, reply)
    assert mine == sdk
    assert (mine.method, mine.path, mine.body) == ("DELETE", DELETE_PATH, b"")


def test_delete_nat_gateway_snat_rule_is_sent_as_huaweis_sdk_sends_it() -> None:
    gateway, rule = "f4dfea98-874a-46f7-aa2a-fb348d0ceb02", "a78fb3eb-1654-4710-8742-3fc49d5f04f8"

    def ours(url: str) -> None:
        with NatClient(base_url=url, project_id=PROJECT, auth=AkSkAuth(AK, SK)) as client:
            assert client.delete_nat_gateway_snat_rule(nat_gateway_id=gateway, snat_rule_id=rule) is None

    def theirs(url: str) -> None:
        sdk = SdkNatClient.new_builder().with_credentials(BasicCredentials(AK, SK, PROJECT)).with_endpoints([url])
        sdk.build().delete_nat_gateway_snat_rule(
            DeleteNatGatewaySnatRuleRequest(nat_gateway_id=gateway, snat_rule_id=rule)
        )

    reply = Reply(204)
    mine, sdk = record(ours, reply), record(theirs, reply)
    assert mine == sdk
    assert (mine.method, mine.path) == ("DELETE", f"/v2/{PROJECT}/nat_gateways/{gateway}/snat_rules/{rule}")


def test_associate_role_to_user_on_enterprise_project_is_sent_as_huaweis_sdk_sends_it() -> None:
    """A PUT with no body answered by a 204: path and headers as the SDK's."""

    def ours(url: str) -> None:
        with IamClient(base_url=url, auth=AkSkAuth(AK, SK)) as client:  # a global service: no project
            client.associate_role_to_user_on_enterprise_project(
                enterprise_project_id="ep-1", user_id="u-1", role_id="r-1"
            )

    def theirs(url: str) -> None:
        sdk = SdkIamClient.new_builder().with_credentials(GlobalCredentials(AK, SK)).with_endpoints([url]).build()
        request = AssociateRoleToUserOnEnterpriseProjectRequest(
            enterprise_project_id="ep-1", user_id="u-1", role_id="r-1"
        )
        sdk.associate_role_to_user_on_enterprise_project(request)

    reply = Reply(204)
    mine, sdk = record(ours, reply), record(theirs, reply)
    assert mine == sdk
    assert (mine.method, mine.path) == ("PUT", GRANT)
