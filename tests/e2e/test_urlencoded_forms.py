"""Forms of text fields (issue 18, feature 2: a FormData table whose page has the client post it as a
browser does) over real HTTP, sync and async: IAM's create_unscope_token_by_idp_initiated sends
SAMLResponse as `application/x-www-form-urlencoded`, reads the token from X-Subject-Token, and puts on
the wire what Huawei's SDK puts there."""

from __future__ import annotations

from typing import Any

from huaweicloudsdkcore.auth.credentials import GlobalCredentials
from huaweicloudsdkiam.v3 import CreateUnscopeTokenByIdpInitiatedRequest as SdkRequest
from huaweicloudsdkiam.v3 import CreateUnscopeTokenByIdpInitiatedRequestBody as SdkBody
from huaweicloudsdkiam.v3 import IamClient as SdkIamClient
from hwcloud import AkSkAuth
from hwcloud.iam import AsyncIamClient, IamClient

from .conftest import Invoker
from .sdk_wire import AK, SK, record
from .server import MockServer, Reply, Request

IAM = (IamClient, AsyncIamClient)
ROUTE = "/v3.0/OS-FEDERATION/tokens"
FORM = "application/x-www-form-urlencoded"
SAML = "PHNhbWxwOlJlc3BvbnNlIElEPSJfMSI+/a+b=="  # base64 text: "+", "/" and "=" are escaped in the form
SUBJECT = "MIIatAYJKoZIhvcNAQcCoIIapTCCGqECAQExDTALB"
TOKEN: dict[str, Any] = {
    "token": {
        "expires_at": "2020-02-13T14:21:34.042000Z",
        "issued_at": "2020-02-12T14:21:34.042000Z",
        "methods": ["mapped"],
        "user": {"id": "u1", "name": "FederationUser", "domain": {"id": "d1", "name": "IAMDomain"}},
    }
}


def test_the_form_is_sent_urlencoded(server: MockServer, invoke: Invoker) -> None:
    wire = b"SAMLResponse=PHNhbWxwOlJlc3BvbnNlIElEPSJfMSI%2B%2Fa%2Bb%3D%3D"
    server.expect(
        Request("POST", ROUTE, headers={"Content-Type": FORM, "X-Idp-Id": "idp1"}, body=wire),
        Reply(201, json=TOKEN, headers={"X-Subject-Token": SUBJECT}),
    )
    result = invoke(IAM, "create_unscope_token_by_idp_initiated", x_idp_id="idp1", saml_response=SAML)
    assert result.x_subject_token == SUBJECT
    assert result.token is not None and result.token.user is not None and result.token.user.name == "FederationUser"


def test_on_the_wire_as_huaweis_sdk_sends_it() -> None:
    reply = Reply(201, json=TOKEN, headers={"X-Subject-Token": SUBJECT})

    def ours(url: str) -> None:
        with IamClient(base_url=url, auth=AkSkAuth(AK, SK), max_retries=0) as client:
            client.create_unscope_token_by_idp_initiated(x_idp_id="idp1", saml_response=SAML)

    def theirs(url: str) -> None:
        credentials = GlobalCredentials(AK, SK, "d1")
        client = SdkIamClient.new_builder().with_credentials(credentials).with_endpoints([url]).build()
        client.create_unscope_token_by_idp_initiated(SdkRequest(x_idp_id="idp1", body=SdkBody(saml_response=SAML)))

    mine, sdk = record(ours, reply), record(theirs, reply)
    # both sign (the form unsigned, as every non-JSON body); the SDK's global credentials add their domain
    assert ("x-sdk-content-sha256", "UNSIGNED-PAYLOAD") in mine.headers
    assert mine == type(sdk)(**{**vars(sdk), "headers": tuple(h for h in sdk.headers if h[0] != "x-domain-id")})
    assert mine.body == b"SAMLResponse=PHNhbWxwOlJlc3BvbnNlIElEPSJfMSI%2B%2Fa%2Bb%3D%3D"
