"""Base clients: turn a declared operation's validated arguments into an HTTP call, and the answer into a result.

The sync and async clients share everything but the send itself.
"""

import json
import re
import time
from collections.abc import Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar
from urllib.parse import quote

import httpx
import pydantic

from ._auth import resolve_auth
from ._config import DEFAULT_TIMEOUT, ClientConfig, resolve_base_url
from ._download import AsyncDownload, Download
from ._endpoint import Endpoint
from ._errors import ApiResponseValidationError, connection_error, error_from_response
from ._operation import CallSettings
from ._retry import DEFAULT_MAX_RETRIES, RetryPolicy, async_sleep

if TYPE_CHECKING:
    from ._operation import Operation

__all__ = ["AsyncBaseClient", "BaseClient"]

M = TypeVar("M", bound=pydantic.BaseModel)
Headers = Mapping[str, str]
Query = Mapping[str, str | int | float | bool]
_SELF = TypeVar("_SELF", bound="BaseClient")
_ASELF = TypeVar("_ASELF", bound="AsyncBaseClient")


def _text(value: Any) -> str:
    """A parameter's text on the wire; an array's values comma-joined (a header or the path holds
    one value; a query array is joined only where its operation says `csv`)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return ",".join(_text(v) for v in value)
    return str(value)


_TOKEN = re.compile(r"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")


def _header_value(name: str, value: str) -> str:
    """Refuse what could split or corrupt the header block before anything is sent."""
    if not _TOKEN.match(name):
        raise ValueError(f"{name!r} is not a valid header name")
    if any((ord(c) < 32 and c != "\t") or ord(c) == 127 for c in value):
        raise ValueError(f"header {name} contains a line break or another control character")
    if not value.isascii():
        raise ValueError(f"header {name} must be ASCII text")
    return value


class _ClientCore:
    """Configuration and request building shared by the sync and async clients.

    Credentials: an explicit `auth=` is used as given. Without it the client reads the environment
    variables Huawei's SDK uses: HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK (with
    HUAWEICLOUD_SDK_SECURITY_TOKEN for temporary credentials) sign requests with AkSkAuth, and
    HUAWEICLOUD_SDK_PROJECT_ID is the default project_id. With none of them set, requests are sent
    unauthenticated (the service answers 401: AuthenticationError); only half of them set is a
    ValueError. An AkSkAuth sends and signs the client's project_id as X-Project-Id. See `resolve_auth`.
    """

    _endpoint_prefix: ClassVar[str] = ""
    _asynchronous: ClassVar[bool] = False

    def __init__(
        self,
        *,
        region: str | None,
        base_url: str | None,
        project_id: str | None,
        auth: httpx.Auth | None,
        timeout: float | httpx.Timeout | None,
        extra_headers: Headers | None,
        extra_query: Query | None,
        max_retries: int,
    ) -> None:
        if max_retries < 0:
            raise ValueError("max_retries must be 0 or more")
        self._retry = RetryPolicy(max_retries=max_retries)
        auth, project_id = resolve_auth(auth, project_id)
        self._config = ClientConfig(
            base_url=resolve_base_url(self._endpoint_prefix, region, base_url),
            project_id=project_id,
            timeout=(
                timeout
                if isinstance(timeout, httpx.Timeout)
                else httpx.Timeout(DEFAULT_TIMEOUT if timeout is None else timeout)
            ),
        )
        self._auth = auth
        self._headers = {k: _header_value(k, v) for k, v in (extra_headers or {}).items()}
        self._query = dict(extra_query or {})

    @property
    def config(self) -> ClientConfig:
        return self._config

    def _project_id(self, project_id: str | None) -> str:
        value = project_id if project_id is not None else self._config.project_id
        if not value:
            raise ValueError(
                "project_id is required: pass it to the call or to the client (project_id=...)"
            )
        return value

    def _build_request(
        self,
        http: httpx.Client | httpx.AsyncClient,
        endpoint: Endpoint,
        request: pydantic.BaseModel,
        options: CallSettings,
    ) -> httpx.Request:
        timeout, extra_headers, extra_query = (
            options.timeout,
            options.extra_headers,
            options.extra_query,
        )
        path = endpoint.path
        for attr, wire in endpoint.path_params:
            value = _text(getattr(request, attr))
            if not value:
                raise ValueError(f"path parameter {wire} must not be empty")
            segment = quote(value, safe="")
            if segment in (".", ".."):  # a dot segment would be resolved away by URL normalisation
                segment = segment.replace(".", "%2E")
            path = path.replace("{" + wire + "}", segment)
        query: list[tuple[str, str | int | float | bool | None]] = []
        for attr, wire in endpoint.query:
            value = getattr(request, attr)
            if (
                value is None or value == []
            ):  # an empty array has no value to send, in either format
                continue
            repeated = isinstance(value, list) and attr not in endpoint.csv
            query.extend((wire, _text(v)) for v in (value if repeated else [value]))
        extra = {**self._query, **(extra_query or {})}
        query.extend((k, _text(v)) for k, v in extra.items() if v is not None)
        headers = dict(self._headers)
        for attr, wire in endpoint.headers:
            value = getattr(request, attr)
            if value is not None and value != []:
                headers[wire] = _header_value(wire, _text(value))
        content = None
        if endpoint.body:
            body = request.model_dump(
                mode="json",
                by_alias=True,
                exclude_none=True,
                include={attr for attr, _ in endpoint.body},
            )
            content = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
            headers["Content-Type"] = endpoint.content_type
        headers.update({k: _header_value(k, v) for k, v in (extra_headers or {}).items()})
        return http.build_request(
            endpoint.method,
            self._config.base_url + path,
            params=query,
            headers=headers,
            content=content,
            timeout=self._config.timeout if timeout is None else httpx.Timeout(timeout),
        )

    def _attempts(self, endpoint: Endpoint, options: CallSettings) -> int:
        """How many retries this call may make: none for operations that are not idempotent."""
        if not endpoint.idempotent:
            return 0
        return (
            self._retry.max_retries if options.max_retries is None else max(0, options.max_retries)
        )

    @staticmethod
    def _parse(response: httpx.Response, result: type[M]) -> M:
        try:
            return result.model_validate_json(response.content or b"{}")
        except pydantic.ValidationError as exc:
            raise ApiResponseValidationError(
                f"the {response.status_code} response does not match {result.__name__}: {exc}",
                status_code=response.status_code,
                request_id=response.headers.get("X-Request-Id"),
                body=response.content,
            ) from None

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self._config.base_url!r}, project_id={self._config.project_id!r})"


class BaseClient(_ClientCore):
    """Synchronous client on `httpx.Client`. A context manager; closes only what it opened."""

    def __init__(
        self,
        *,
        region: str | None = None,
        base_url: str | None = None,
        project_id: str | None = None,
        auth: httpx.Auth | None = None,
        timeout: float | httpx.Timeout | None = None,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        http_client: httpx.Client | None = None,
        max_retries: int = DEFAULT_MAX_RETRIES,
    ) -> None:
        super().__init__(
            region=region,
            base_url=base_url,
            project_id=project_id,
            auth=auth,
            timeout=timeout,
            extra_headers=extra_headers,
            extra_query=extra_query,
            max_retries=max_retries,
        )
        self._owns_http = http_client is None
        self._http = http_client if http_client is not None else httpx.Client()

    def _send(
        self, endpoint: Endpoint, request: pydantic.BaseModel, options: CallSettings
    ) -> httpx.Response:
        """Send with retries; error statuses raise their typed error. A file response stays streamed."""
        retries = self._attempts(endpoint, options)
        attempt = 0
        while True:
            http_request = self._build_request(self._http, endpoint, request, options)
            try:
                response = self._http.send(
                    http_request, auth=self._auth or httpx.USE_CLIENT_DEFAULT, stream=endpoint.file
                )
                if (
                    response.status_code >= 300
                ):  # redirects are not followed: the documented answers are 2xx
                    try:
                        response.read()
                    finally:
                        response.close()
            except httpx.TransportError as exc:
                if attempt < retries and not isinstance(exc, httpx.LocalProtocolError):
                    time.sleep(self._retry.delay(attempt))
                    attempt += 1
                    continue
                raise connection_error(exc, http_request) from None
            if response.status_code < 300:
                return response
            if attempt < retries and self._retry.retryable_status(response.status_code):
                time.sleep(self._retry.delay(attempt, response))
                attempt += 1
                continue
            raise error_from_response(response)

    def _call(self, operation: "Operation[Any, Any, Any]", arguments: dict[str, Any]) -> Any:
        """Run one declared operation: validate, send (with retries), read the answer."""
        request, options = operation.prepare(self, arguments)
        response = self._send(operation.endpoint, request, options)
        if operation.endpoint.file:
            return Download(response)
        return None if operation.result is None else self._parse(response, operation.result)

    def close(self) -> None:
        if self._owns_http:
            self._http.close()

    def __enter__(self: _SELF) -> _SELF:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class AsyncBaseClient(_ClientCore):
    """Asynchronous client on `httpx.AsyncClient` (real asyncio, no thread pool)."""

    _asynchronous: ClassVar[bool] = True

    def __init__(
        self,
        *,
        region: str | None = None,
        base_url: str | None = None,
        project_id: str | None = None,
        auth: httpx.Auth | None = None,
        timeout: float | httpx.Timeout | None = None,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        http_client: httpx.AsyncClient | None = None,
        max_retries: int = DEFAULT_MAX_RETRIES,
    ) -> None:
        super().__init__(
            region=region,
            base_url=base_url,
            project_id=project_id,
            auth=auth,
            timeout=timeout,
            extra_headers=extra_headers,
            extra_query=extra_query,
            max_retries=max_retries,
        )
        self._owns_http = http_client is None
        self._http = http_client if http_client is not None else httpx.AsyncClient()

    async def _send(
        self, endpoint: Endpoint, request: pydantic.BaseModel, options: CallSettings
    ) -> httpx.Response:
        """Send with retries; error statuses raise their typed error. A file response stays streamed."""
        retries = self._attempts(endpoint, options)
        attempt = 0
        while True:
            http_request = self._build_request(self._http, endpoint, request, options)
            try:
                response = await self._http.send(
                    http_request, auth=self._auth or httpx.USE_CLIENT_DEFAULT, stream=endpoint.file
                )
                if (
                    response.status_code >= 300
                ):  # redirects are not followed: the documented answers are 2xx
                    try:
                        await response.aread()
                    finally:
                        await response.aclose()
            except httpx.TransportError as exc:
                if attempt < retries and not isinstance(exc, httpx.LocalProtocolError):
                    await async_sleep(self._retry.delay(attempt))
                    attempt += 1
                    continue
                raise connection_error(exc, http_request) from None
            if response.status_code < 300:
                return response
            if attempt < retries and self._retry.retryable_status(response.status_code):
                await async_sleep(self._retry.delay(attempt, response))
                attempt += 1
                continue
            raise error_from_response(response)

    async def _call(self, operation: "Operation[Any, Any, Any]", arguments: dict[str, Any]) -> Any:
        """Run one declared operation: validate, send (with retries), read the answer."""
        request, options = operation.prepare(self, arguments)
        response = await self._send(operation.endpoint, request, options)
        if operation.endpoint.file:
            return AsyncDownload(response)
        return None if operation.result is None else self._parse(response, operation.result)

    async def close(self) -> None:
        if self._owns_http:
            await self._http.aclose()

    async def __aenter__(self: _ASELF) -> _ASELF:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()
