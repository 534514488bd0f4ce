r"""Huawei Cloud's AK/SK request signature (`SDK-HMAC-SHA256`), applied in place to an `httpx.Request`.

    canonical request = METHOD "\n" canonical URI "\n" canonical query "\n"
                        canonical headers "\n" signed headers "\n" payload hash
    string to sign    = "SDK-HMAC-SHA256\n" X-Sdk-Date "\n" hex(sha256(canonical request))
    Authorization     = "SDK-HMAC-SHA256 Access=<AK>, SignedHeaders=<h1;h2>, Signature=<hex hmac-sha256(SK, string)>"

canonical URI: the path percent-decoded, split on "/", each segment encoded keeping only RFC 3986
unreserved characters, and a trailing "/" (for signing only). canonical query: the decoded pairs
sorted by name then value, each encoded the same way, `name=value` joined with "&". canonical
headers: `name:value\n` per signed header, names lower-cased, values trimmed, sorted by name.
payload hash: hex SHA-256 of the body; `UNSIGNED-PAYLOAD` (also sent as X-Sdk-Content-Sha256) for a
non-empty body that is not JSON and for a body that is a stream, which is not read to sign it.

The request is rewritten to carry exactly what was signed: X-Sdk-Date (the current UTC time unless
the request has one), trimmed header values, and the query re-encoded the canonical way (same
pairs, same order; "%20" rather than "+" for a space, so no server can read it differently).
"""

import hashlib
import hmac
from datetime import UTC, datetime
from urllib.parse import parse_qsl, quote, unquote

import httpx

__all__ = [
    "ALGORITHM",
    "CONTENT_SHA256_HEADER",
    "DATE_FORMAT",
    "DATE_HEADER",
    "UNSIGNED_PAYLOAD",
    "sign",
]

ALGORITHM = "SDK-HMAC-SHA256"
DATE_HEADER = "X-Sdk-Date"
DATE_FORMAT = "%Y%m%dT%H%M%SZ"
CONTENT_SHA256_HEADER = "X-Sdk-Content-Sha256"
UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD"

_EMPTY_SHA256 = hashlib.sha256(b"").hexdigest()
# Hashed bodies: JSON (and BSON, as Huawei's SDK does). Any other non-empty body is sent unsigned.
_HASHED_TYPES = ("application/json", "application/bson")
# Never signed: the signature itself, and hop-by-hop or transport headers that httpx, a proxy or a
# load balancer may add, drop or rewrite on the way. Names with "_" are skipped too (Huawei's SDK
# does; many proxies drop such headers).
_UNSIGNED_HEADERS = frozenset(
    {
        "authorization",
        "accept-encoding",
        "connection",
        "content-length",
        "expect",
        "keep-alive",
        "proxy-authorization",
        "proxy-connection",
        "te",
        "trailer",
        "transfer-encoding",
        "upgrade",
    }
)


def _encode(text: str) -> str:
    """UTF-8 percent-encoding of everything but the RFC 3986 unreserved characters A-Z a-z 0-9 - . _ ~."""
    return quote(text, safe="")


def canonical_uri(raw_path: str) -> str:
    """The path as signed: decoded, re-encoded segment by segment, ending in "/".

    The whole path is decoded before it is split, as Huawei's SDK does: an encoded "/" (%2F) inside a
    segment is signed as a separator.
    """
    uri = "/".join(_encode(segment) for segment in unquote(raw_path).split("/"))
    return uri if uri.endswith("/") else uri + "/"


def query_pairs(raw_query: str) -> list[tuple[str, str]]:
    """The decoded query pairs, in order; "+" is a space, a name without "=" has an empty value."""
    return parse_qsl(raw_query, keep_blank_values=True)


def canonical_query(pairs: list[tuple[str, str]]) -> str:
    """Pairs sorted by decoded name then value (a repeated name is one pair per value), then encoded."""
    return "&".join(f"{_encode(name)}={_encode(value)}" for name, value in sorted(pairs))


def _payload_hash(request: httpx.Request) -> str:
    try:
        body = request.content
    except httpx.RequestNotRead:  # a streamed body: sent as it comes, not read to be hashed
        body = None
    if body == b"":
        request.headers.pop(CONTENT_SHA256_HEADER, None)
        return _EMPTY_SHA256
    preset: str | None = request.headers.get(CONTENT_SHA256_HEADER)
    if preset:  # the caller's own hash (or UNSIGNED-PAYLOAD), as Huawei's SDK honours it
        return preset.strip()
    content_type: str = request.headers.get("Content-Type", "").strip().lower()
    if body is None or not content_type.startswith(_HASHED_TYPES):
        request.headers[CONTENT_SHA256_HEADER] = UNSIGNED_PAYLOAD
        return UNSIGNED_PAYLOAD
    return hashlib.sha256(body).hexdigest()


def _date(request: httpx.Request, now: datetime | None) -> str:
    value: str | None = request.headers.get(DATE_HEADER)
    if value is None:
        value = (now or datetime.now(UTC)).astimezone(UTC).strftime(DATE_FORMAT)
        request.headers[DATE_HEADER] = value
        return value
    value = value.strip()
    try:
        valid = datetime.strptime(value, DATE_FORMAT).strftime(DATE_FORMAT) == value
    except ValueError:
        valid = False
    if not valid:
        raise ValueError(
            f"the {DATE_HEADER} header {value!r} is not a UTC time like 20240131T235959Z"
        )
    return value


def _signed_headers(request: httpx.Request) -> dict[str, str]:
    """Lower-cased name -> trimmed value of every header to sign; trims the values on the request too."""
    if "Host" not in request.headers:
        request.headers["Host"] = request.url.netloc.decode("ascii")
    spelling = {
        key.lower(): key for key in (raw.decode("latin-1") for raw, _ in request.headers.raw)
    }
    signed: dict[str, str] = {}
    for name in sorted(spelling):
        if name in _UNSIGNED_HEADERS or "_" in name:
            continue
        sent = request.headers.get_list(name)
        value = ",".join(item.strip() for item in sent)
        if sent != [value]:  # padded, or repeated: send the one value that is signed
            request.headers[spelling[name]] = value
        signed[name] = value
    return signed


def sign(request: httpx.Request, ak: str, sk: str, *, now: datetime | None = None) -> None:
    """Sign `request` in place with the access key `ak` and secret key `sk` (sets Authorization)."""
    payload_hash = _payload_hash(request)
    date = _date(request, now)
    headers = _signed_headers(request)
    raw_path, _, raw_query = request.url.raw_path.decode("ascii").partition("?")
    pairs = query_pairs(raw_query)
    signed_names = ";".join(headers)
    canonical_request = "\n".join(
        (
            request.method.upper(),
            canonical_uri(raw_path),
            canonical_query(pairs),
            "".join(f"{name}:{value}\n" for name, value in headers.items()),
            signed_names,
            payload_hash,
        )
    )
    digest = hashlib.sha256(canonical_request.encode("utf-8")).hexdigest()
    string_to_sign = f"{ALGORITHM}\n{date}\n{digest}"
    signature = hmac.new(
        sk.encode("utf-8"), string_to_sign.encode("utf-8"), hashlib.sha256
    ).hexdigest()
    request.headers["Authorization"] = (
        f"{ALGORITHM} Access={ak}, SignedHeaders={signed_names}, Signature={signature}"
    )
    if raw_query:
        wire = "&".join(f"{_encode(name)}={_encode(value)}" for name, value in pairs)
        if wire != raw_query:  # rebuilding the URL costs a re-parse: only when the encoding differs
            request.url = request.url.copy_with(query=wire.encode("ascii"))
