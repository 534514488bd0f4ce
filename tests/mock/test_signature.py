"""AK/SK verification: against huaweicloudsdkcore's signer, the generated AkSkAuth over HTTP, and tampering."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.sdk_request import SdkRequest
from hwcloud import AkSkAuth, AuthenticationError
from hwcloud.hss import AsyncHssClient, HssClient

from generator.mock.errors import MockError
from generator.mock.signature import AkSkVerifier, canonical_query, canonical_uri

from .conftest import Serve

AK, SK = "HPUAMOCKEXAMPLEAK01", "mock/Secret+Key=0123456789abcdef"
DATE = "20240131T235959Z"
NOW = datetime(2024, 1, 31, 23, 59, 59, tzinfo=UTC)
HOST = "127.0.0.1:8443"


def sdk_signed(
    method: str, path: str, query: list[tuple[str, str]], body: bytes = b"", **headers: str
) -> tuple[str, str, list[tuple[str, str]], bytes]:
    """A request signed by Huawei's own SDK: (raw path, raw query, headers, body) as a server receives them."""
    request = SdkRequest(
        method=method,
        schema="http",
        host=HOST,
        resource_path=path,
        query_params=query,
        header_params={**headers, "X-Sdk-Date": DATE},
        body=body,
    )
    signed = BasicCredentials(AK, SK, "p1").sign_request(request)
    raw_path, _, raw_query = signed.uri.partition("?")
    return raw_path, raw_query, list(signed.header_params.items()), body


VECTORS = {
    "get": ("GET", "/v5/p1/export-task/t1", [("enterprise_project_id", "all_granted_eps")], b"", {}),
    "encoded": ("GET", "/v5/p1/download/a%20b%2Fc~d", [("q", "x y+z"), ("a", ""), ("a", "é")], b"", {}),
    "json": ("POST", "/v5/p1/export-task", [], b'{"type":"operational-report"}', {"Content-Type": "application/json"}),
}


@pytest.mark.parametrize("name", list(VECTORS))
def test_accepts_what_huaweicloudsdkcore_signs(name: str) -> None:
    method, path, query, body, headers = VECTORS[name]
    raw_path, raw_query, sent, content = sdk_signed(method, path, query, body, **headers)
    AkSkVerifier(AK, SK, clock=lambda: NOW).verify(method, raw_path, raw_query, sent, content)


def _refusal(**change: object) -> str:
    method, path, query, body, headers = VECTORS["json"]
    raw_path, raw_query, sent, content = sdk_signed(method, path, query, body, **headers)
    skew = timedelta(**change.get("skew", {}))  # type: ignore[arg-type]
    verifier = AkSkVerifier(str(change.get("ak", AK)), str(change.get("sk", SK)), clock=lambda: NOW + skew)
    edit = change.get("headers")
    if callable(edit):
        sent = edit(sent)
    with pytest.raises(MockError) as info:
        verifier.verify(
            str(change.get("method", method)),
            str(change.get("path", raw_path)),
            str(change.get("query", raw_query)),
            sent,
            change.get("body", content),  # type: ignore[arg-type]
        )
    assert (info.value.status, info.value.code) == (401, "APIGW.0301")
    return info.value.message.removeprefix("Incorrect IAM authentication information: ")


MISMATCH = "verify aksk signature fail: the signature does not match the request"


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"sk": "other"}, MISMATCH),
        ({"body": b'{"type":"other"}'}, MISMATCH),
        ({"query": "x=1"}, MISMATCH),
        ({"path": "/v5/p2/export-task"}, MISMATCH),
        ({"method": "PUT"}, MISMATCH),
        ({"ak": "SOMEONEELSE"}, f"unknown access key {AK!r}"),
        ({"skew": {"minutes": 16}}, "X-Sdk-Date '20240131T235959Z' is more than 15 minutes from the server's time"),
        (
            {
                "headers": lambda h: [(k, v) for k, v in h if k != "Authorization"]
                + [("Authorization", "SDK-HMAC-SHA256 x")]
            },
            "the Authorization header is not 'SDK-HMAC-SHA256 Access=..., SignedHeaders=..., Signature=...'",
        ),
        ({"headers": lambda h: [(k, v) for k, v in h if k != "X-Sdk-Date"]}, "the X-Sdk-Date header is missing"),
        (
            {"headers": lambda h: [(k, "2024-01-31" if k == "X-Sdk-Date" else v) for k, v in h]},
            "X-Sdk-Date '2024-01-31' is not a time like 20240131T235959Z",
        ),
        (
            {"headers": lambda h: [(k, v) for k, v in h if k != "X-Project-Id"]},
            "signed header 'x-project-id' is not in the request",
        ),
        ({"headers": lambda h: [(k, v + "0" if k == "X-Project-Id" else v) for k, v in h]}, MISMATCH),
    ],
)
def test_refuses_what_was_not_signed_so(change: dict[str, object], reason: str) -> None:
    assert _refusal(**change) == reason


def test_the_date_must_be_signed() -> None:
    raw_path, raw_query, sent, body = sdk_signed("GET", "/v1/x", [])
    sent = [(k, v.replace("x-sdk-date", "x-project-id") if k == "Authorization" else v) for k, v in sent]
    with pytest.raises(MockError, match="X-Sdk-Date is not among the signed headers"):
        AkSkVerifier(AK, SK, clock=lambda: NOW).verify("GET", raw_path, raw_query, sent, body)


def test_canonical_forms() -> None:
    assert canonical_uri("/v1/a%20b/%7Ec") == "/v1/a%20b/~c/"
    assert canonical_uri("/v1/x/") == "/v1/x/"
    # Sorted by the decoded text ("x y" < "é"), as huaweicloudsdkcore does.
    assert canonical_query("b=2&a=%C3%A9&a=x+y&c") == "a=x%20y&a=%C3%A9&b=2&c="


def test_generated_aksk_client_is_accepted_and_a_wrong_key_refused(serve: Serve) -> None:
    url = serve(aksk=(AK, SK))
    with HssClient(base_url=url, project_id="p1", auth=AkSkAuth(AK, SK), max_retries=0) as client:
        assert (
            client.list_query_export_task(task_id="t 1", enterprise_project_id="all granted").task_status == "success"
        )
        saved = client.export_task_info(type="operational-report", operational_report_data={"report_id": "r"})
        assert saved.task_id
    wrong = AkSkAuth(AK, "wrong")
    with (
        HssClient(base_url=url, project_id="p1", auth=wrong, max_retries=0) as client,
        pytest.raises(AuthenticationError) as info,
    ):
        client.list_query_export_task(task_id="t1")
    assert (info.value.status_code, info.value.error_code) == (401, "APIGW.0301")

    async def run() -> str | None:
        async with AsyncHssClient(base_url=url, project_id="p1", auth=AkSkAuth(AK, SK), max_retries=0) as client:
            return (await client.list_query_export_task(task_id="t1")).task_status

    assert asyncio.run(run()) == "success"


def test_a_request_tampered_after_signing_is_401(serve: Serve) -> None:
    url = serve(aksk=(AK, SK))
    request = httpx.Request(
        "POST",
        f"{url}/v5/p1/export-task",
        json={"type": "operational-report", "operational_report_data": {"report_id": "r"}},
    )
    signed = next(AkSkAuth(AK, SK).sync_auth_flow(request))
    with httpx.Client() as client:
        assert client.send(signed).status_code == 200
        tampered = httpx.Request(
            "POST", signed.url, headers=signed.headers, content=signed.content.replace(b'"r"', b'"s"')
        )
        response = client.send(tampered)
    assert response.status_code == 401
    assert response.json() == {
        "error_code": "APIGW.0301",
        "error_msg": f"Incorrect IAM authentication information: {MISMATCH}",
    }


def test_without_aksk_any_signature_and_any_token_pass(serve: Serve) -> None:
    url = serve()
    with HssClient(base_url=url, project_id="p1", auth=AkSkAuth(AK, "anything"), max_retries=0) as client:
        assert client.list_query_export_task(task_id="t1").task_status == "success"
