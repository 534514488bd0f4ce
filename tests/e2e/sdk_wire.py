"""What Huawei's official SDK puts on the wire for a call, beside what a generated client does.

Both send to a recording server on 127.0.0.1 (`server.MockServer`); the comparison keeps what carries
meaning: method, raw path, query pairs (in key order: the SDK sorts them, the order of a repeated
key's values is kept), the headers a page or the signer's project scoping defines, and the body.
`User-Agent`, `X-Sdk-Date`, the signature, transport headers and a `Content-Type` on a request
without a body are left out, and a content type is compared without case (`_normal`). Issue 18:
the SDK is a test-only reference, never a dependency.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .server import MockServer, Recorded, Reply

__all__ = ["AK", "SK", "Wire", "record"]

AK = "HPUAWIREAK0000000000"
SK = "wire-secret-key-0123456789"

_NOISE = frozenset(
    {"user-agent", "x-sdk-date", "authorization", "accept", "accept-encoding", "connection", "host", "content-length"}
)


def _normal(name: str, value: str) -> str:
    """A content type's media type and charset compared as the standards do: without case, and with
    `utf8` the alias of `utf-8` (IAM's page writes `charset=utf8`; the SDK sends `charset=UTF-8`)."""
    if name.lower() != "content-type":
        return value
    return value.lower().replace(" ", "").replace("charset=utf8", "charset=utf-8")


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
