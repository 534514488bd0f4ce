"""Response headers and raw responses over real HTTP, sync and async: IAM's token in X-Subject-Token
as a typed attribute of the result, and `client.with_raw_response(client.<operation>)(...)`."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import httpx
import pytest
from huaweicloudsdkcore.auth.credentials import GlobalCredentials
from huaweicloudsdkiam.v3 import (
    AuthScope,
    AuthScopeProject,
    KeystoneCreateUserTokenByPasswordRequest,
    KeystoneCreateUserTokenByPasswordRequestBody,
    PwdAuth,
    PwdIdentity,
    PwdPassword,
    PwdPasswordUser,
    PwdPasswordUserDomain,
)
from huaweicloudsdkiam.v3 import IamClient as SdkIamClient
from hwcloud import RawResponse, TokenAuth
from hwcloud.elb import AsyncElbClient, ElbClient
from hwcloud.elb import models as elb_models
from hwcloud.iam import AsyncIamClient, IamClient
from hwcloud.iam import models as iam_models

from .conftest import NO_RETRIES, PROJECT, TOKEN, Invoker
from .sdk_wire import AK, SK, record
from .server import ABSENT, MockServer, Reply, Request

IAM = (IamClient, AsyncIamClient)
SUBJECT = "MIIatAYJKoZIhvcNAQcCoIIapTCCGqECAQExDTALB-e2e"
AUTH = {
    "identity": {
        "methods": ["password"],
        "password": {"user": {"domain": {"name": "IAMDomain"}, "name": "IAMUser", "password": "IAMPassword"}},
    },
    "scope": {"project": {"name": "cn-north-1"}},
}
TOKEN_BODY = {"token": {"methods": ["password"], "expires_at": "2020-01-04T09:05:22.701000Z", "catalog": []}}


def expect_token(server: MockServer, headers: dict[str, str] | None = None) -> None:
    server.expect(
        Request(
            "POST",
            "/v3/auth/tokens",
            query=[("nocatalog", "true")],
            headers={"Content-Type": "application/json;charset=utf8"},
            json={"auth": AUTH},
        ),
        Reply(201, json=TOKEN_BODY, headers={"X-Subject-Token": SUBJECT} if headers is None else headers),
    )


def test_the_token_header_is_an_attribute_of_the_result(server: MockServer, invoke: Invoker) -> None:
    expect_token(server)
    result = invoke(IAM, "keystone_create_user_token_by_password", nocatalog="true", auth=AUTH)
    assert type(result) is iam_models.KeystoneCreateUserTokenByPasswordResponse
    assert result.x_subject_token == SUBJECT
    assert result.token is not None and result.token.methods == ["password"]
    assert SUBJECT not in repr(result)  # the page's secret stays out of logs


def test_a_header_the_server_leaves_out_is_none(server: MockServer, invoke: Invoker) -> None:
    expect_token(server, headers={})
    result = invoke(IAM, "keystone_create_user_token_by_password", nocatalog="true", auth=AUTH)
    assert result.x_subject_token is None


def raw_call(mode: str, server: MockServer, classes: tuple[type, type], method: str, **kwargs: Any) -> Any:
    sync_cls, async_cls = classes
    options = {"base_url": server.url, "project_id": PROJECT, "auth": TokenAuth(TOKEN), **NO_RETRIES}
    if mode == "sync":
        with sync_cls(**options) as client:
            return client.with_raw_response(getattr(client, method))(**kwargs)

    async def run() -> Any:
        async with async_cls(**options) as client:
            return await client.with_raw_response(getattr(client, method))(**kwargs)

    return asyncio.run(run())


def test_the_raw_response_has_status_headers_elapsed_and_the_result(server: MockServer, mode: str) -> None:
    expect_token(server)
    raw = raw_call(mode, server, IAM, "keystone_create_user_token_by_password", nocatalog="true", auth=AUTH)
    assert isinstance(raw, RawResponse)
    assert raw.status_code == 201
    assert raw.headers["X-Subject-Token"] == SUBJECT
    assert isinstance(raw.elapsed, timedelta) and raw.elapsed > timedelta(0)
    assert type(raw.parsed) is iam_models.KeystoneCreateUserTokenByPasswordResponse
    assert raw.parsed.x_subject_token == SUBJECT
    assert isinstance(raw.http_response, httpx.Response) and raw.http_response.json() == TOKEN_BODY


def test_a_get_has_its_request_id(server: MockServer, mode: str) -> None:
    server.expect(
        Request("GET", f"/v3/{PROJECT}/elb/flavors", query=[("limit", "1")], headers={"Content-Type": ABSENT}),
        Reply(200, json={"flavors": [{"id": "f1"}]}, headers={"X-Request-Id": "req-42"}),
    )
    raw = raw_call(mode, server, (ElbClient, AsyncElbClient), "list_flavors", limit=1)
    assert (raw.status_code, raw.request_id) == (200, "req-42")
    assert type(raw.parsed) is elb_models.ListFlavorsResponse and raw.parsed.flavors[0].id == "f1"


def test_only_an_operation_of_the_same_client_has_a_raw_response(server: MockServer) -> None:
    with ElbClient(base_url=server.url, project_id=PROJECT) as client, ElbClient(base_url=server.url) as other:
        with pytest.raises(TypeError, match="iter_list_flavors"):
            client.with_raw_response(client.iter_list_flavors)
        with pytest.raises(TypeError, match="operation method of this client"):
            client.with_raw_response(other.list_flavors)
        with pytest.raises(TypeError, match="keyword arguments only"):
            client.with_raw_response(client.list_flavors)(1)  # type: ignore[call-arg]
    assert server.requests == []


def test_iam_token_request_is_sent_as_huaweis_sdk_sends_it() -> None:
    """Both ask for the same token; the SDK's credentials add X-Domain-Id (a global service's scope),
    which a password token request has no use for and ours, called without credentials, leaves out."""
    reply = Reply(201, json=TOKEN_BODY, headers={"X-Subject-Token": SUBJECT})
    results: list[str | None] = []

    def ours(url: str) -> None:
        with IamClient(base_url=url) as client:
            result = client.keystone_create_user_token_by_password(nocatalog="true", auth=AUTH)
            results.append(result.x_subject_token)

    def theirs(url: str) -> None:
        client = (
            SdkIamClient.new_builder().with_credentials(GlobalCredentials(AK, SK, "d1")).with_endpoints([url]).build()
        )
        user = PwdPasswordUser(domain=PwdPasswordUserDomain(name="IAMDomain"), name="IAMUser", password="IAMPassword")
        identity = PwdIdentity(methods=["password"], password=PwdPassword(user=user))
        auth = PwdAuth(identity=identity, scope=AuthScope(project=AuthScopeProject(name="cn-north-1")))
        body = KeystoneCreateUserTokenByPasswordRequestBody(auth=auth)
        response = client.keystone_create_user_token_by_password(
            KeystoneCreateUserTokenByPasswordRequest(nocatalog="true", body=body)
        )
        results.append(response.x_subject_token)

    mine, sdk = record(ours, reply), record(theirs, reply)
    assert ("x-domain-id", "d1") in sdk.headers
    assert mine == type(sdk)(**{**vars(sdk), "headers": tuple(h for h in sdk.headers if h[0] != "x-domain-id")})
    assert results == [SUBJECT, SUBJECT]  # both read the token from the same header
