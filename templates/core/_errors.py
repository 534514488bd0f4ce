"""Errors raised by the clients.

HwCloudError
├── ApiError                     the service answered with an error status
│   ├── BadRequestError          400
│   ├── AuthenticationError      401
│   ├── PermissionDeniedError    403
│   ├── NotFoundError            404
│   ├── ConflictError            409
│   ├── RateLimitError           429
│   └── InternalServerError      5xx
├── ApiConnectionError           no answer: DNS, refused or reset connection
│   └── ApiTimeoutError          no answer in time
└── ApiResponseValidationError   a success answer that does not match the documented body
"""

import json
from typing import Any

import httpx
import pydantic

from ._constants import error_class_name

__all__ = [
    "ApiConnectionError",
    "ApiError",
    "ApiResponseValidationError",
    "ApiTimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "HwCloudError",
    "InternalServerError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "connection_error",
    "error_from_response",
]

_CODE_KEYS = ("error_code", "code", "errorCode")
_MESSAGE_KEYS = ("error_msg", "message", "errorMsg", "error_message")


class HwCloudError(Exception):
    """Base of every error the generated clients raise."""


class ApiError(HwCloudError):
    """The service answered with an error status; carries Huawei's error code, message and request id.

    `body` is the answer's body: read into the operation's model for this status where the page
    documents one (`isinstance(err.body, models.XError)`), else as it came (parsed JSON, or text).
    """

    def __init__(
        self,
        status_code: int,
        *,
        error_code: str | None = None,
        error_msg: str | None = None,
        request_id: str | None = None,
        body: Any = None,
        details: Any = None,
    ) -> None:
        self.status_code = status_code
        self.error_code = error_code
        self.error_msg = error_msg
        self.request_id = request_id
        self.body = body
        self.details = details
        super().__init__(str(self))

    def __str__(self) -> str:
        parts = [f"HTTP {self.status_code}"]
        if self.error_code:
            parts.append(self.error_code)
        if self.error_msg:
            parts.append(self.error_msg)
        text = ": ".join(parts)
        return f"{text} (request id {self.request_id})" if self.request_id else text


class BadRequestError(ApiError):
    """400: the service rejected the request."""


class AuthenticationError(ApiError):
    """401: missing, expired or wrong credentials."""


class PermissionDeniedError(ApiError):
    """403: the credentials lack a permission."""


class NotFoundError(ApiError):
    """404: no such resource."""


class ConflictError(ApiError):
    """409: the request conflicts with the resource's state."""


class RateLimitError(ApiError):
    """429: too many requests."""


class InternalServerError(ApiError):
    """5xx: the service failed."""


class ApiConnectionError(HwCloudError):
    """The request got no answer (connection refused or reset, DNS failure)."""


class ApiTimeoutError(ApiConnectionError):
    """The request got no answer in time."""


class ApiResponseValidationError(HwCloudError):
    """A success response whose body does not match the documented model."""

    def __init__(
        self, message: str, *, status_code: int, request_id: str | None, body: bytes
    ) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.request_id = request_id
        self.body = body


# The classes _constants.ERROR_CLASSES names (the generator documents them in each method's Raises).
_BY_NAME: dict[str, type[ApiError]] = {
    cls.__name__: cls
    for cls in (
        ApiError,
        BadRequestError,
        AuthenticationError,
        PermissionDeniedError,
        NotFoundError,
        ConflictError,
        RateLimitError,
        InternalServerError,
    )
}


def _first(mapping: dict[str, Any], keys: tuple[str, ...]) -> Any:
    return next((mapping[k] for k in keys if mapping.get(k) not in (None, "")), None)


def _error_fields(body: Any) -> dict[str, Any]:
    """Find Huawei's error fields at the top level or nested one level down ({"error": {...}})."""
    if not isinstance(body, dict):
        return {}
    candidates = [body, *(v for v in body.values() if isinstance(v, dict))]
    for candidate in candidates:
        if (
            _first(candidate, _CODE_KEYS) is not None
            or _first(candidate, _MESSAGE_KEYS) is not None
        ):
            return candidate
    return {}


def _typed(body: Any, body_type: Any) -> Any:
    """The body read into the type the page documents for its status; as it came when it does not
    match (or is not JSON)."""
    if body_type is None or body is None or isinstance(body, str):
        return body
    try:
        return pydantic.TypeAdapter(body_type).validate_python(body)
    except pydantic.ValidationError:
        return body


def error_from_response(response: httpx.Response, body_type: Any = None) -> ApiError:
    """Build the typed error for an error response whose body has been read; `body_type` is the
    page's model of this status's body, if it documents one."""
    try:
        body: Any = json.loads(response.content) if response.content else None
    except (ValueError, UnicodeDecodeError):
        body = response.text
    fields = _error_fields(body)
    request_id = _first(fields, ("request_id", "requestId")) or response.headers.get("X-Request-Id")
    status = response.status_code
    cls = _BY_NAME[error_class_name(status)]
    code, message = _first(fields, _CODE_KEYS), _first(fields, _MESSAGE_KEYS)
    if message is None and isinstance(body, str) and body:
        message = body[:500]
    return cls(
        status,
        error_code=None if code is None else str(code),
        error_msg=None if message is None else str(message),
        request_id=None if request_id is None else str(request_id),
        body=_typed(body, body_type),
        details=fields.get("error_details"),
    )


def connection_error(exc: httpx.TransportError, request: httpx.Request) -> ApiConnectionError:
    """The typed error for a request that got no (complete) answer; the URL is shown without its query."""
    where = f"{request.method} {request.url.copy_with(query=None)}"
    if isinstance(exc, httpx.TimeoutException):
        return ApiTimeoutError(f"{where} timed out ({type(exc).__name__})")
    return ApiConnectionError(f"{where} failed: {type(exc).__name__}: {exc}")
