"""What Huawei's official SDK puts on the wire for a call, beside what a generated client does.

Both send to a recording server on 127.0.0.1 (`server.MockServer`); the comparison keeps what carries
meaning: method, raw path, query pairs (in key order: the SDK sorts them, the order of a repeated
key's values is kept), the headers a page or the signer's project scoping defines, and the body.
`User-Agent`, `X-Sdk-Date`, the signature, transport headers and a `Content-Type` on a request
without a body are left out, and a content type is compared without case (`_normal`). Issue 18:
the SDK is a test-only reference, never a dependency.
"""

from __future__ import annotations

import email.parser
import email.policy
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .server import MockServer, Recorded, Reply

__all__ = ["AK", "SK", "Wire", "form_parts", "record"]

AK = "HPUAWIREAK0000000000"
SK = "wire-secret-key-0123456789"

_NOISE = frozenset(
    {"user-agent", "x-sdk-date", "authorization", "accept", "accept-encoding", "connection", "host", "content-length"}
)


def _normal(name: str, value: str) -> str:
    """A content type's media type and charset compared as the standards do: without case, and with
    `utf8` the alias of `utf-8` (IAM's page writes `charset=utf8`; the SDK sends `charset=UTF-8`); a
    form's boundary, chosen at random by each side, is left out."""
    if name.lower() != "content-type":
        return value
    value = value.lower().replace(" ", "").replace("charset=utf8", "charset=utf-8")
    return value.split(";boundary=")[0] if value.startswith("multipart/form-data") else value


Part = tuple[str | None, str | None, str | None, bytes]


def form_parts(content_type: str, body: bytes) -> tuple[Part, ...]:
    """A multipart/form-data body part by part: (name, filename, content type, bytes), in order."""
    head = b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n"
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + body)
    assert message.is_multipart() and not message.defects, body[:200]
    parts: list[Part] = []
    for part in message.iter_parts():
        payload = part.get_payload(decode=True)
        name = part.get_param("name", header="content-disposition")
        content = part["Content-Type"]
        parts.append(
            (
                name if isinstance(name, str) else None,
                part.get_filename(),
                None if content is None else str(content),
                payload if isinstance(payload, bytes) else b"",
            )
        )
    return tuple(parts)


@dataclass(frozen=True)
class Wire:
    method: str
    path: str
    query: tuple[str, ...]
    headers: tuple[tuple[str, str], ...]
    body: Any

    @classmethod
    def of(cls, got: Recorded) -> Wire:
        headers = [(k.lower(), _normal(k, v)) for k, v in got.headers if k.lower() not in _NOISE]
        if not got.body:
            headers = [(k, v) for k, v in headers if k != "content-type"]
        body: Any = got.body
        # any JSON media type: application/json, or IMS's application/openstack-images-v2.1-json-patch
        if got.body and "json" in (got.header("Content-Type") or "").partition(";")[0]:
            body = json.loads(got.body)
        elif (got.header("Content-Type") or "").lower().startswith("multipart/form-data"):
            body = form_parts(got.header("Content-Type") or "", got.body)  # part by part, modulo the boundary
        return cls(
            method=got.method,
            path=got.path,
            # raw `key=value` tokens, percent-encoding and all, stably sorted by key
            query=(
                tuple(sorted(got.query_string.split("&"), key=lambda token: token.split("=")[0]))
                if got.query_string
                else ()
            ),
            headers=tuple(sorted(headers)),
            body=body,
        )


def record(call: Callable[[str], object], reply: Reply | None = None) -> Wire:
    """Run `call(base_url)` against a fresh recording server; the one request it sent, as a Wire."""
    server = MockServer()
    server.fallback = reply or Reply(200, json={})
    try:
        call(server.url)
    finally:
        server.stop()
    assert len(server.requests) == 1, [r.target for r in server.requests]
    return Wire.of(server.requests[0])
