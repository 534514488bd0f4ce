"""AK/SK signing (AkSkAuth): byte for byte against huaweicloudsdkcore's own signer, and over real HTTP.

The first half builds the same request twice, as huaweicloudsdkcore's SdkRequest and as an
httpx.Request, signs each with its own signer and compares the Authorization headers (and what is
sent). The second half runs a local server that checks every signature it receives with a verifier
written here, independently of both signers, and answers 401 on a mismatch.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, quote_from_bytes, unquote_to_bytes, urlsplit

import httpx
import pytest
from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.sdk_request import SdkRequest
from hwcloud import AkSkAuth, AuthenticationError
from hwcloud.workspace import AsyncWorkspaceClient, WorkspaceClient

AK = "HPUAEXAMPLE4AK7Q2ZXW"
SK = "sk/Example+Secret=Key0123456789abcdefGHIJ"
TOKEN = "sts-token-Zm9vYmFy/0123+secret=="
PROJECT = "0a1b2c3d4e5f60718293a4b5c6d7e8f9"
DATE = "20240131T235959Z"
ENV_NAMES = (
    "HUAWEICLOUD_SDK_AK",
    "HUAWEICLOUD_SDK_SK",
    "HUAWEICLOUD_SDK_SECURITY_TOKEN",
    "HUAWEICLOUD_SDK_PROJECT_ID",
)


@pytest.fixture(autouse=True)
def _no_credentials_in_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ENV_NAMES:
        monkeypatch.delenv(name, raising=False)


# --------------------------------------------------------------------------------------------
# Byte for byte against huaweicloudsdkcore
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Vector:
    """One request, described once and built for both signers. `path` is the raw (encoded) path."""

    method: str = "GET"
    host: str = "workspace.cn-north-4.myhuaweicloud.com"
    path: str = "/v2/p1/export-tasks"
    query: list[tuple[str, str]] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    security_token: str | None = None
    project_id: str | None = None


VECTORS: dict[str, Vector] = {
    "plain-get": Vector(query=[("status", "SUCCESS"), ("limit", "5")]),
    "no-query-no-headers": Vector(method="DELETE", path="/v2/p1/export-tasks/42"),
    "repeated-query-keys": Vector(
        query=[("tag", "b"), ("tag", "a"), ("limit", "10"), ("tag", "a"), ("Tag", "z"), ("offset", "0")]
    ),
    "unicode-and-spaces-in-query": Vector(
        query=[
            ("name", "hello world"),
            ("name", "你好 世界"),
            ("q", "a+b=c&d/e?f#g"),
            ("emoji", "😀"),
            ("tilde", "~x-y_z.~"),
            ("empty", ""),
            ("key with space", "v"),
            ("ключ", "значение"),
            ("brace", "{x}"),
        ]
    ),
    "path-segments-need-encoding": Vector(
        path="/v1/p1/dir%20name/%E6%96%87%E4%BB%B6/a%2Fb/%C3%BC.txt/keep-._~/%21%2A%27%28%29%3A%40"
    ),
    "path-with-trailing-slash": Vector(path="/v1/p1/items/"),
    "root-path": Vector(path="/"),
    "json-body": Vector(
        method="POST",
        path="/v5/p1/jobs/export/template",
        headers={"Content-Type": "application/json;charset=UTF-8"},
        body=json.dumps({"jobs": ["a", "b"], "name": "é 你"}, ensure_ascii=False).encode(),
    ),
    "empty-json-body": Vector(method="PUT", headers={"Content-Type": "application/json"}, body=b""),
    "binary-body-unsigned-payload": Vector(
        method="PUT",
        path="/v1/p1/objects/blob.bin",
        headers={"Content-Type": "application/octet-stream"},
        body=bytes(range(256)),
    ),
    "form-body-unsigned-payload": Vector(
        method="POST", headers={"Content-Type": "application/x-www-form-urlencoded"}, body=b"a=1&b=2"
    ),
    "extra-headers-with-whitespace": Vector(
        query=[("limit", "1")],
        headers={
            "X-Custom": "  spaced value \t",
            "x-lower": "v",
            "X-UPPER": "V",
            "X-Language": " en-us",
            "X-Unicode": "  ünïcødé ",
            "X_Underscore": "not signed",
            "User-Agent": "hwcloud-test/1.0",
        },
    ),
    "security-token": Vector(query=[("limit", "5")], security_token=TOKEN),
    "project-id": Vector(query=[("limit", "5")], project_id=PROJECT),
    "token-project-and-body": Vector(
        method="POST",
        headers={"Content-Type": "application/json", "X-Client-Token": "  idem-1  "},
        body=b'{"a":1}',
        security_token=TOKEN,
        project_id=PROJECT,
    ),
    "non-default-port": Vector(host="127.0.0.1:8443", query=[("a", "1")]),
}


def sdk_sign(vector: Vector, date: str = DATE) -> SdkRequest:
    """huaweicloudsdkcore's view: credentials add X-Project-Id and X-Security-Token, then its Signer signs."""
    request = SdkRequest(
        method=vector.method,
        schema="https",
        host=vector.host,
        resource_path=vector.path,
        query_params=list(vector.query),
        header_params={**vector.headers, "X-Sdk-Date": date},
        body=vector.body,
    )
    credentials = BasicCredentials(AK, SK, vector.project_id)
    if vector.security_token:
        credentials = credentials.with_security_token(vector.security_token)
    return credentials.sign_request(request)


def httpx_request(vector: Vector, date: str | None = DATE) -> httpx.Request:
    # Raw bytes: httpx sends a non-ASCII value as its UTF-8 bytes, as the SDK does.
    headers = [(k.encode(), v.encode()) for k, v in vector.headers.items()]
    if date is not None:
        headers.append((b"X-Sdk-Date", date.encode()))
    request = httpx.Request(
        vector.method,
        f"https://{vector.host}{vector.path}",
        params=tuple(vector.query),
        headers=headers,
        content=vector.body,
    )
    assert request.url.raw_path.partition(b"?")[0].decode() == vector.path, "httpx changed the path"
    return request


def our_sign(vector: Vector, request: httpx.Request | None = None) -> httpx.Request:
    auth = AkSkAuth(AK, SK, vector.security_token, project_id=vector.project_id)
    flow = auth.sync_auth_flow(request if request is not None else httpx_request(vector))
    return next(flow)


@pytest.mark.parametrize("name", list(VECTORS))
def test_signature_matches_huaweicloudsdkcore(name: str) -> None:
    vector = VECTORS[name]
    theirs = sdk_sign(vector)
    ours = our_sign(vector)

    assert ours.headers["Authorization"] == theirs.header_params["Authorization"]

    # Every header the SDK signed is sent by us with the same (trimmed) value.
    signed = re.search(r"SignedHeaders=([^,]+),", ours.headers["Authorization"])
    assert signed is not None
    their_headers = {k.lower(): v for k, v in theirs.header_params.items()}
    for header in signed.group(1).split(";"):
        assert ours.headers[header] == their_headers[header].encode("iso-8859-1").decode("utf-8"), header
    assert ("x-sdk-content-sha256" in ours.headers) == ("x-sdk-content-sha256" in their_headers)
    # The same query pairs are sent (the SDK sorts them on the wire; we keep the caller's order).
    their_query = urlsplit(theirs.uri).query
    assert sorted(parse_qsl(ours.url.query.decode(), keep_blank_values=True)) == sorted(
        parse_qsl(their_query, keep_blank_values=True)
    )


def test_vectors_cover_what_they_claim() -> None:
    signed = {name: our_sign(v) for name, v in VECTORS.items()}
    assert "SignedHeaders=host;x-sdk-date," in signed["plain-get"].headers["Authorization"]
    assert "x-security-token" in signed["security-token"].headers["Authorization"]
    assert signed["security-token"].headers["X-Security-Token"] == TOKEN
    assert signed["project-id"].headers["X-Project-Id"] == PROJECT
    assert "x-project-id" in signed["project-id"].headers["Authorization"]
    assert signed["binary-body-unsigned-payload"].headers["X-Sdk-Content-Sha256"] == "UNSIGNED-PAYLOAD"
    assert signed["form-body-unsigned-payload"].headers["X-Sdk-Content-Sha256"] == "UNSIGNED-PAYLOAD"
    assert "X-Sdk-Content-Sha256" not in signed["json-body"].headers
    assert "X-Sdk-Content-Sha256" not in signed["empty-json-body"].headers
    extra = signed["extra-headers-with-whitespace"]
    assert extra.headers["X-Custom"] == "spaced value"
    assert extra.headers["X_Underscore"] == "not signed"
    assert "x_underscore" not in extra.headers["Authorization"]
    assert "x-unicode;" in extra.headers["Authorization"]
    assert all(s.headers["X-Sdk-Date"] == DATE for s in signed.values())


def test_a_request_without_a_date_gets_the_current_one_and_the_sdk_agrees() -> None:
    vector = VECTORS["unicode-and-spaces-in-query"]
    before = datetime.now(UTC).replace(microsecond=0)
    ours = our_sign(vector, httpx_request(vector, date=None))
    sent = datetime.strptime(ours.headers["X-Sdk-Date"], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    assert before <= sent <= datetime.now(UTC)
    assert ours.headers["Authorization"] == sdk_sign(vector, ours.headers["X-Sdk-Date"]).header_params["Authorization"]


def test_a_streamed_body_is_sent_unsigned_as_the_sdk_signs_a_preset_content_hash() -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"a":'
        yield b"1}"

    vector = Vector(method="PUT", headers={"Content-Type": "application/json"}, body=b'{"a":1}')
    request = httpx.Request(
        "PUT", f"https://{vector.host}{vector.path}", headers={**vector.headers, "X-Sdk-Date": DATE}, content=chunks()
    )
    ours = our_sign(vector, request)
    assert ours.headers["X-Sdk-Content-Sha256"] == "UNSIGNED-PAYLOAD"
    preset = Vector(
        method="PUT",
        headers={"Content-Type": "application/json", "X-Sdk-Content-Sha256": "UNSIGNED-PAYLOAD"},
        body=b'{"a":1}',
    )
    assert ours.headers["Authorization"] == sdk_sign(preset).header_params["Authorization"]


def test_the_wire_carries_what_was_signed() -> None:
    vector = Vector(path="/v1/p1/a%20b", query=[("q", "x y+z"), ("b", "1"), ("a", "é")])
    ours = our_sign(vector)
    assert ours.url.raw_path == b"/v1/p1/a%20b?q=x%20y%2Bz&b=1&a=%C3%A9"  # no "+" for a space, order kept
    assert not ours.url.raw_path.startswith(b"/v1/p1/a%20b/")  # the trailing "/" is for signing only


def test_transport_headers_are_not_signed() -> None:
    with httpx.Client() as client:
        request = client.build_request("POST", "https://h.example.com/x", json={"a": 1}, headers={"X-Sdk-Date": DATE})
    ours = next(AkSkAuth(AK, SK).sync_auth_flow(request))
    signed = re.search(r"SignedHeaders=([^,]+),", ours.headers["Authorization"])
    assert signed is not None
    assert signed.group(1).split(";") == ["accept", "content-type", "host", "user-agent", "x-sdk-date"]


def test_a_malformed_date_is_refused() -> None:
    request = httpx.Request("GET", "https://h.example.com/", headers={"X-Sdk-Date": "2024-01-31T23:59:59Z"})
    with pytest.raises(ValueError, match="X-Sdk-Date") as info:
        next(AkSkAuth(AK, SK).sync_auth_flow(request))
    assert SK not in str(info.value)


def test_repr_and_str_never_show_the_secrets() -> None:
    for auth in (AkSkAuth(AK, SK), AkSkAuth(AK, SK, TOKEN), AkSkAuth(AK, SK, TOKEN, project_id=PROJECT)):
        for text in (repr(auth), str(auth), f"{auth}", f"{auth!r}"):
            assert SK not in text and TOKEN not in text and AK not in text
            assert "AkSkAuth(" in text and "***" in text
    assert "HPUA" in repr(AkSkAuth(AK, SK))  # the AK is shown masked


@pytest.mark.parametrize(
    ("args", "message"),
    [(("", SK), "access key"), ((AK, ""), "secret key"), ((AK, "bad\nsk"), "secret key"), ((AK, SK, "t\r\n"), "token")],
)
def test_bad_credentials_are_refused_without_echoing_them(args: tuple[str, ...], message: str) -> None:
    with pytest.raises(ValueError, match=message) as info:
        AkSkAuth(*args)
    assert "bad" not in str(info.value) and SK not in str(info.value)


# --------------------------------------------------------------------------------------------
# Over real HTTP, checked by an independent verifier
# --------------------------------------------------------------------------------------------

_AUTHORIZATION = re.compile(
    rb"^SDK-HMAC-SHA256 Access=(?P<ak>[^,\s]+), SignedHeaders=(?P<names>[a-z0-9;-]+), Signature=(?P<sig>[0-9a-f]{64})$"
)


def verify(method: bytes, target: bytes, headers: list[tuple[bytes, bytes]], body: bytes, keys: dict[str, str]) -> str:
    """Recompute the signature of a received request from its raw bytes. Returns "" if valid, else why not.

    Written from the public description of the scheme, on bytes, sharing no code with either signer.
    """
    by_name: dict[bytes, list[bytes]] = {}
    for name, value in headers:
        by_name.setdefault(name.lower(), []).append(value.strip(b" \t"))
    auth = by_name.get(b"authorization", [b""])[0]
    match = _AUTHORIZATION.match(auth)
    if not match:
        return "malformed Authorization"
    sk = keys.get(match["ak"].decode())
    if sk is None:
        return "unknown access key"
    names = match["names"].split(b";")
    if names != sorted(set(names)) or b"host" not in names or b"x-sdk-date" not in names:
        return "bad SignedHeaders"
    if any(n not in by_name for n in names):
        return "a signed header is missing"
    date = datetime.strptime(by_name[b"x-sdk-date"][0].decode(), "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    if abs(datetime.now(UTC) - date) > timedelta(minutes=15):
        return "stale X-Sdk-Date"

    raw_path, _, raw_query = target.partition(b"?")
    segments = [quote_from_bytes(s, safe=b"").encode() for s in unquote_to_bytes(raw_path).split(b"/")]
    uri = b"/".join(segments)
    if not uri.endswith(b"/"):
        uri += b"/"
    pairs = []
    for item in raw_query.split(b"&") if raw_query else []:
        key, _, value = item.replace(b"+", b" ").partition(b"=")
        pairs.append((unquote_to_bytes(key), unquote_to_bytes(value)))
    query = b"&".join(
        quote_from_bytes(k, safe=b"").encode() + b"=" + quote_from_bytes(v, safe=b"").encode() for k, v in sorted(pairs)
    )
    canonical_headers = b"".join(n + b":" + b",".join(by_name[n]) + b"\n" for n in names)
    content_hash = by_name.get(b"x-sdk-content-sha256", [b""])[0]
    payload = (
        hashlib.sha256(body).hexdigest().encode() if not body or content_hash != b"UNSIGNED-PAYLOAD" else content_hash
    )
    canonical = b"\n".join([method.upper(), uri, query, canonical_headers, match["names"], payload])
    to_sign = b"SDK-HMAC-SHA256\n" + by_name[b"x-sdk-date"][0] + b"\n" + hashlib.sha256(canonical).hexdigest().encode()
    expected = hmac.new(sk.encode(), to_sign, hashlib.sha256).hexdigest().encode()
    return "" if hmac.compare_digest(expected, match["sig"]) else "signature mismatch"


@dataclass
class Received:
    method: str
    target: str
    headers: dict[str, str]
    body: bytes
    verdict: str


class SigningServer:
    """A local HTTP server that checks each request's AK/SK signature: 200 with `reply` if valid, 401 if not.

    keys: access key -> secret key it accepts. `require_signature=False` also answers 200 to unsigned
    requests; `status` forces the status of every answer (e.g. 401).
    """

    def __init__(self, keys: dict[str, str], *, require_signature: bool = True) -> None:
        self.keys = keys
        self.require_signature = require_signature
        self.status: int | None = None
        self.reply: Any = {"export_tasks": [], "count": 0}
        self.received: list[Received] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:  # silence stderr
                pass

            def handle_any(self) -> None:
                if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
                    body = b""
                    while size := int(self.rfile.readline().strip().split(b";")[0], 16):
                        body += self.rfile.read(size)
                        self.rfile.readline()
                    self.rfile.readline()
                else:
                    body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                raw = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in self.headers.items()]
                signed = any(k.lower() == b"authorization" for k, _ in raw)
                verdict = (
                    verify(self.command.encode(), self.path.encode("latin-1"), raw, body, owner.keys)
                    if signed or owner.require_signature
                    else ""
                )
                owner.received.append(Received(self.command, self.path, dict(self.headers.items()), body, verdict))
                if owner.status is not None:
                    status, answer = owner.status, {
                        "error_code": "APIGW.0301",
                        "error_msg": "Incorrect IAM authentication information",
                    }
                elif verdict:
                    status, answer = 401, {
                        "error_code": "APIGW.0301",
                        "error_msg": f"Incorrect IAM authentication information: {verdict}",
                    }
                else:
                    status, answer = 200, owner.reply
                data = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.send_header("X-Request-Id", "req-0001")
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = handle_any

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.02,), daemon=True)
        self._thread.start()
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}"

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join()


@pytest.fixture
def signing_server() -> Iterator[SigningServer]:
    server = SigningServer({AK: SK})
    try:
        yield server
    finally:
        server.stop()


def test_the_generated_client_is_accepted_by_an_independent_verifier(signing_server: SigningServer) -> None:
    with WorkspaceClient(base_url=signing_server.url, project_id=PROJECT, auth=AkSkAuth(AK, SK)) as client:
        result = client.list_export_tasks(status="SUCCESS", limit=5)
    assert result.count == 0 and result.export_tasks == []
    (received,) = signing_server.received
    assert received.verdict == ""
    assert received.target == f"/v2/{PROJECT}/export-tasks?status=SUCCESS&limit=5"
    assert received.headers["X-Project-Id"] == PROJECT
    assert ";x-project-id;" in received.headers["Authorization"]


def test_the_async_client_is_accepted_too_with_a_token_and_awkward_query(signing_server: SigningServer) -> None:
    async def run() -> None:
        auth = AkSkAuth(AK, SK, TOKEN)
        async with AsyncWorkspaceClient(base_url=signing_server.url, project_id=PROJECT, auth=auth) as client:
            await client.list_export_tasks(
                file_name="résumé 2024+final.csv", status="SUCCESS", limit=5, extra_query={"x": "~/?&="}
            )

    asyncio.run(run())
    (received,) = signing_server.received
    assert received.verdict == ""
    assert received.headers["X-Security-Token"] == TOKEN
    assert "file_name=r%C3%A9sum%C3%A9%202024%2Bfinal.csv" in received.target


def test_a_wrong_secret_key_is_rejected_by_the_verifier(signing_server: SigningServer) -> None:
    client = WorkspaceClient(
        base_url=signing_server.url, project_id=PROJECT, auth=AkSkAuth(AK, SK + "x"), max_retries=0
    )
    with client, pytest.raises(AuthenticationError) as info:
        client.list_export_tasks(limit=5)
    assert info.value.status_code == 401
    assert signing_server.received[0].verdict == "signature mismatch"


@pytest.mark.parametrize(
    ("headers", "content"),
    [
        ({"Content-Type": "application/json"}, b'{"name":"\xc3\xa9 \xe4\xbd\xa0","n":[1,2]}'),
        ({"Content-Type": "application/octet-stream"}, bytes(range(256)) * 4),
        ({"Content-Type": "text/plain"}, b""),
        ({}, b""),
    ],
    ids=["json", "binary", "empty-non-json", "no-body"],
)
def test_bodies_are_accepted_over_http(signing_server: SigningServer, headers: dict[str, str], content: bytes) -> None:
    with httpx.Client(auth=AkSkAuth(AK, SK, project_id=PROJECT)) as client:
        response = client.put(
            f"{signing_server.url}/v1/{PROJECT}/a%20b/%E4%BD%A0/c%2Fd", headers=headers, content=content
        )
    assert response.status_code == 200, response.text
    assert signing_server.received[0].body == content


def test_a_streamed_upload_is_accepted_over_http(signing_server: SigningServer) -> None:
    def chunks() -> Iterator[bytes]:
        yield b"part one, "
        yield b"part two"

    with httpx.Client(auth=AkSkAuth(AK, SK)) as client:
        response = client.post(
            f"{signing_server.url}/v1/upload", headers={"Content-Type": "application/json"}, content=chunks()
        )
    assert response.status_code == 200, response.text
    assert signing_server.received[0].headers["X-Sdk-Content-Sha256"] == "UNSIGNED-PAYLOAD"
    assert signing_server.received[0].body == b"part one, part two"
