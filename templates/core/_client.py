"""Base clients: turn a declared operation's validated arguments into an HTTP call, and the answer into a result.

The sync and async clients share everything but the send itself.
"""

import functools
import json
import re
import time
from collections.abc import Awaitable, Callable, Mapping
from datetime import timedelta
from types import TracebackType
from typing import TYPE_CHECKING, Any, ClassVar, ParamSpec, TypeVar

import httpx
import pydantic

from ._auth import resolve_auth
from ._config import DEFAULT_TIMEOUT, ClientConfig, resolve_base_url
from ._download import AsyncDownload, Download
from ._endpoint import Endpoint
from ._errors import ApiResponseValidationError, connection_error, error_from_response
from ._operation import CallSettings
from ._raw import RawResponse
from ._request import build_request, header_value, plan_request_upload
from ._retry import DEFAULT_MAX_RETRIES, RetryPolicy, async_sleep

if TYPE_CHECKING:
    from ._operation import Operation
    from ._upload import UploadPlan  # loads with the first call that sends a file

__all__ = ["AsyncBaseClient", "BaseClient"]

P = ParamSpec("P")
S = TypeVar("S")
Headers = Mapping[str, str]
Query = Mapping[str, str | int | float | bool]
_SELF = TypeVar("_SELF", bound="BaseClient")
_ASELF = TypeVar("_ASELF", bound="AsyncBaseClient")


@functools.cache
def _whole_reader(result: Any) -> pydantic.TypeAdapter[Any]:
    """The reader of a result that is a list or a dict (a whole JSON array or map), built once per type."""
    return pydantic.TypeAdapter(result)


def _type_name(result: Any) -> str:
    """A result type as messages name it: `ListTasksResponse`, `list[Item]`."""
    if isinstance(result, type):
        return result.__name__
    return re.sub(r"\b[\w.]+\.(\w+)", r"\1", str(result))


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
        self._headers = {k: header_value(k, v) for k, v in (extra_headers or {}).items()}
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
        upload: "UploadPlan | None" = None,
    ) -> httpx.Request:
        return build_request(
            http, endpoint, request, options, self._config, self._headers, self._query, upload
        )

    def _attempts(
        self, endpoint: Endpoint, options: CallSettings, upload: "UploadPlan | None" = None
    ) -> int:
        """How many retries this call may make: none for operations that are not idempotent, nor
        for an upload from a file that cannot be read again from its start."""
        if not endpoint.idempotent or (upload is not None and not upload.rereadable):
            return 0
        return (
            self._retry.max_retries if options.max_retries is None else max(0, options.max_retries)
        )

    @staticmethod
    def _parse(response: httpx.Response, result: Any, headers: tuple[str, ...] = ()) -> Any:
        """The answer read into its model; the documented `headers` join the body's fields (the
        model's header attributes take the header names as aliases). A result that is a list or a
        dict (a body that is a JSON array or map) is read by its type adapter."""
        try:
            if not (isinstance(result, type) and issubclass(result, pydantic.BaseModel)):
                return _whole_reader(result).validate_json(response.content or b"null")
            if not headers:
                return result.model_validate_json(response.content or b"{}")
            data = json.loads(response.content or b"{}")
            if isinstance(data, dict):
                data.update({h: response.headers[h] for h in headers if h in response.headers})
            return result.model_validate(data)
        except (pydantic.ValidationError, ValueError) as exc:
            raise ApiResponseValidationError(
                f"the {response.status_code} response does not match {_type_name(result)}: {exc}",
                status_code=response.status_code,
                request_id=response.headers.get("X-Request-Id"),
                body=response.content,
            ) from None

    def _result(
        self, operation: "Operation[Any, Any, Any]", response: httpx.Response, file: Any
    ) -> Any:
        """The call's result: a download (sync or async: `file`), the model the status is read
        into, or None (a status documented without a body: its body, if any, is not read)."""
        endpoint = operation.endpoint
        if endpoint.file:
            return file(response)
        result = operation.result_for(response.status_code)
        if result is None:
            return None
        return self._parse(response, result, endpoint.response_headers)

    @staticmethod
    def _raw(response: httpx.Response, result: Any, started: float) -> RawResponse[Any]:
        elapsed = timedelta(seconds=time.perf_counter() - started)
        return RawResponse(response.status_code, response.headers, elapsed, result, response)

    def _operation_of(self, method: Callable[..., Any]) -> "Operation[Any, Any, Any]":
        """The declared operation behind a method of this client (not a paged list or a waiter)."""
        from ._operation import Operation

        declared = getattr(method, "__declared__", None)
        if not isinstance(declared, Operation) or getattr(method, "__client__", None) is not self:
            name = getattr(method, "__name__", repr(method))
            raise TypeError(
                f"with_raw_response takes an operation method of this client, not {name}"
                " (paged lists, waiters and workflows make several requests)"
            )
        return declared

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
        upload = plan_request_upload(endpoint, request, options)
        retries = self._attempts(endpoint, options, upload)
        attempt = 0
        while True:
            http_request = self._build_request(self._http, endpoint, request, options, upload)
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
            raise error_from_response(response, endpoint.errors.get(response.status_code))

    def _call(
        self, operation: "Operation[Any, Any, Any]", arguments: dict[str, Any], raw: bool = False
    ) -> Any:
        """Run one declared operation: validate, send (with retries), read the answer (with `raw`,
        into a RawResponse)."""
        request, options = operation.prepare(self, arguments)
        started = time.perf_counter()
        response = self._send(operation.endpoint, request, options)
        result = self._result(operation, response, Download)
        return self._raw(response, result, started) if raw else result

    def with_raw_response(self, method: Callable[P, S]) -> Callable[P, RawResponse[S]]:
        """`client.with_raw_response(client.create_token)(...)`: the call, returning its RawResponse
        (status, headers, elapsed, and the parsed result) rather than the result alone."""
        operation = self._operation_of(method)

        def call(*args: P.args, **kwargs: P.kwargs) -> RawResponse[S]:
            if args:
                raise TypeError(f"{operation.__name__}() takes keyword arguments only")
            return self._call(operation, dict(kwargs), raw=True)  # type: ignore[no-any-return]

        return call

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
        upload = plan_request_upload(endpoint, request, options)
        retries = self._attempts(endpoint, options, upload)
        attempt = 0
        while True:
            http_request = self._build_request(self._http, endpoint, request, options, upload)
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
            raise error_from_response(response, endpoint.errors.get(response.status_code))

    async def _call(
        self, operation: "Operation[Any, Any, Any]", arguments: dict[str, Any], raw: bool = False
    ) -> Any:
        """Run one declared operation: validate, send (with retries), read the answer (with `raw`,
        into a RawResponse)."""
        request, options = operation.prepare(self, arguments)
        started = time.perf_counter()
        response = await self._send(operation.endpoint, request, options)
        result = self._result(operation, response, AsyncDownload)
        return self._raw(response, result, started) if raw else result

    def with_raw_response(
        self, method: Callable[P, Awaitable[S]]
    ) -> Callable[P, Awaitable[RawResponse[S]]]:
        """`await client.with_raw_response(client.create_token)(...)`: the call, returning its
        RawResponse (status, headers, elapsed, and the parsed result) rather than the result alone.
        """
        operation = self._operation_of(method)

        async def call(*args: P.args, **kwargs: P.kwargs) -> RawResponse[S]:
            if args:
                raise TypeError(f"{operation.__name__}() takes keyword arguments only")
            return await self._call(operation, dict(kwargs), raw=True)  # type: ignore[no-any-return]

        return call

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
