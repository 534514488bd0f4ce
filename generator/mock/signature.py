r"""Verification of Huawei's AK/SK request signatures (`SDK-HMAC-SHA256`), written from the documented algorithm.

It deliberately shares no code with the generated client's signer, so that a bug in one is caught
by the other. The server rebuilds the signature from what arrived:

    canonical request = method "\n" canonical URI "\n" canonical query "\n"
                        "name:value\n" for each signed header "\n" signed header names ";"-joined "\n"
                        hex SHA-256 of the body (or the X-Sdk-Content-Sha256 value, e.g. UNSIGNED-PAYLOAD)
    string to sign    = "SDK-HMAC-SHA256" "\n" X-Sdk-Date "\n" hex SHA-256 of the canonical request
    signature         = hex HMAC-SHA256(SK, string to sign)

The canonical URI is the path decoded and re-encoded segment by segment (only A-Z a-z 0-9 - _ . ~
stay literal), ending in "/"; the canonical query is the decoded name=value pairs sorted, encoded the
same way and joined with "&". A request dated more than 15 minutes from the server's clock is refused,
as Huawei's gateway does, and the signed headers must include X-Sdk-Date.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime, timedelta

from .errors import auth_error

__all__ = [
    "ALGORITHM",
    "MAX_SKEW",
    "AkSkVerifier",
    "canonical_query",
    "canonical_uri",
    "looks_signed",
    "percent_encode",
]

ALGORITHM = "SDK-HMAC-SHA256"
MAX_SKEW = timedelta(minutes=15)
_UNRESERVED = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~")
_AUTHORIZATION = re.compile(
    r"SDK-HMAC-SHA256\s+Access=(?P<ak>[^,\s]+),\s*SignedHeaders=(?P<headers>[^,\s]+),\s*Signature=(?P<sig>[0-9a-fA-F]+)"
)
_PERCENT = re.compile(rb"%([0-9A-Fa-f]{2})")


def percent_encode(text: str) -> str:
    """UTF-8 bytes, every byte but the unreserved ones as %XX (upper-case hex)."""
    return "".join(chr(b) if b in _UNRESERVED else f"%{b:02X}" for b in text.encode("utf-8"))


def _decode(raw: str, *, plus_is_space: bool) -> str:
    data = raw.encode("latin-1", "replace")
    if plus_is_space:
        data = data.replace(b"+", b" ")
    return _PERCENT.sub(lambda m: bytes([int(m.group(1), 16)]), data).decode("utf-8", "replace")


def canonical_uri(raw_path: str) -> str:
    decoded = _decode(raw_path, plus_is_space=False)
    uri = "/".join(percent_encode(segment) for segment in decoded.split("/"))
    return uri if uri.endswith("/") else uri + "/"


def canonical_query(raw_query: str) -> str:
    pairs = []
    for part in raw_query.split("&"):
        if not part:
            continue
        name, _, value = part.partition("=")
        pairs.append((_decode(name, plus_is_space=True), _decode(value, plus_is_space=True)))
    return "&".join(f"{percent_encode(n)}={percent_encode(v)}" for n, v in sorted(pairs))


class AkSkVerifier:
    """Checks the Authorization header of a request against one AK/SK pair."""

    def __init__(self, ak: str, sk: str, *, clock: Callable[[], datetime] | None = None) -> None:
        self._ak = ak
        self._sk = sk.encode("utf-8")
        self._clock = clock or (lambda: datetime.now(UTC))

    def verify(
        self,
        method: str,
        raw_path: str,
        raw_query: str,
        headers: Sequence[tuple[str, str]],
        body: bytes,
    ) -> None:
        """Return if the signature is right; MockError 401 (APIGW.0301) saying what is wrong otherwise.

        `headers` are the raw (name, value) pairs as received; a repeated header is signed as its
        values joined with ",".
        """
        by_name: dict[str, list[str]] = {}
        for name, value in headers:
            by_name.setdefault(name.lower(), []).append(value.strip())
        match = _AUTHORIZATION.fullmatch(",".join(by_name.get("authorization", [])).strip())
        if match is None:
            raise auth_error(
                f"the Authorization header is not '{ALGORITHM} Access=..., SignedHeaders=..., Signature=...'"
            )
        if not hmac.compare_digest(match["ak"].encode("utf-8"), self._ak.encode("utf-8")):
            raise auth_error(f"unknown access key {match['ak']!r}")
        signed = match["headers"].lower().split(";")
        self._check_date(by_name, signed)
        missing = [name for name in signed if name not in by_name]
        if missing:
            raise auth_error(f"signed header {missing[0]!r} is not in the request")
        expected = self.signature(method, raw_path, raw_query, {n: by_name[n] for n in signed}, signed, body)
        if not hmac.compare_digest(expected, match["sig"].lower()):
            raise auth_error("verify aksk signature fail: the signature does not match the request")

    def signature(
        self,
        method: str,
        raw_path: str,
        raw_query: str,
        headers: Mapping[str, list[str]],
        signed: list[str],
        body: bytes,
    ) -> str:
        """The hex signature the request should carry."""
        declared = headers.get("x-sdk-content-sha256") or []
        payload = declared[0] if declared else hashlib.sha256(body).hexdigest()
        canonical = "\n".join(
            [
                method.upper(),
                canonical_uri(raw_path),
                canonical_query(raw_query),
                "".join(f"{name}:{','.join(headers[name])}\n" for name in signed),
                ";".join(signed),
                payload,
            ]
        )
        date = headers["x-sdk-date"][0]
        to_sign = f"{ALGORITHM}\n{date}\n{hashlib.sha256(canonical.encode('utf-8')).hexdigest()}"
        return hmac.new(self._sk, to_sign.encode("utf-8"), hashlib.sha256).hexdigest()

    def _check_date(self, headers: Mapping[str, list[str]], signed: list[str]) -> None:
        values = headers.get("x-sdk-date")
        if not values:
            raise auth_error("the X-Sdk-Date header is missing")
        if "x-sdk-date" not in signed:
            raise auth_error("X-Sdk-Date is not among the signed headers")
        try:
            when = datetime.strptime(values[0], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
        except ValueError:
            raise auth_error(f"X-Sdk-Date {values[0]!r} is not a time like 20240131T235959Z") from None
        if abs(self._clock() - when) > MAX_SKEW:
            raise auth_error(f"X-Sdk-Date {values[0]!r} is more than 15 minutes from the server's time")


def looks_signed(authorization: str | None) -> bool:
    """Does the Authorization header claim an AK/SK signature (verified when the mock has keys)?"""
    return authorization is not None and authorization.strip().startswith(ALGORITHM)
