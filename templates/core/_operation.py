"""Operations: each generated method is declared once and serves the sync and the async client.

A service module declares its operations as signature-only methods of one class, under a decorator
that says how the call is sent (`operation`, `download`), how a list is paged (`paged`, `pages_of`),
how a job is waited for (`waiter`) or chained (`workflow`, `download_workflow`). The decorator
returns a descriptor. Read from a `BaseClient` it is a method returning the result; read from an
`AsyncBaseClient`, a method returning an awaitable of it (or an async iterator, for paged lists).
Both clients inherit the one class of declarations, so the signature, which is what mypy and
editors check calls against, is written once.

At run time the signature is checked again: the first call of an operation builds a strict
pydantic model of its parameters from the annotations, so a value outside the page's enumerations,
ranges or lengths, or an unknown field of a nested object, is refused before anything is sent.
"""

import functools
import inspect
import operator
import os
import re
import types
import typing
from abc import ABC, abstractmethod
from collections.abc import (
    AsyncIterator,
    Callable,
    Coroutine,
    Iterator,
    Mapping,
    Sequence,
)
from dataclasses import dataclass
from pathlib import Path
from typing import (
    TYPE_CHECKING,
    Annotated,
    Any,
    Concatenate,
    Generic,
    ParamSpec,
    Self,
    TypedDict,
    TypeVar,
    Union,
    overload,
)

import pydantic

from ._constants import CALL_OPTIONS, DEFAULT_CONTENT_TYPE, IDEMPOTENT_METHODS, WAIT_DEFAULTS
from ._download import AsyncDownload, Download
from ._endpoint import Endpoint
from ._paging import Paging, aiterate_items, aiterate_pages, iterate_items, iterate_pages
from ._waiter import StateReader, await_state, job_value, wait_for_state

if TYPE_CHECKING:
    from ._client import AsyncBaseClient as AsyncClient
    from ._client import BaseClient as SyncClient

__all__ = [
    "CallOptions",
    "CallSettings",
    "DownloadOperation",
    "DownloadWorkflow",
    "DownloadWorkflowOptions",
    "Operation",
    "PageOptions",
    "Paged",
    "Pages",
    "WaitOptions",
    "Waiter",
    "Workflow",
    "download",
    "download_workflow",
    "operation",
    "paged",
    "pages_of",
    "waiter",
    "workflow",
]

P = ParamSpec("P")
R = TypeVar("R")
T = TypeVar("T")
Signature = Callable[Concatenate[Any, P], None]
Awaited = Coroutine[Any, Any, R]


class CallOptions(TypedDict, total=False):
    """Per-call overrides every generated method accepts besides its parameters."""

    timeout: float | None
    extra_headers: Mapping[str, str] | None
    extra_query: Mapping[str, str | int | float | bool] | None
    max_retries: int | None


class PageOptions(CallOptions, total=False):
    """Paged iterators also take where to start and how many items to ask for per request."""

    page_size: int
    offset: int


class WaitOptions(CallOptions, total=False):
    """Waiters poll every `poll_interval` seconds (growing by half up to `max_poll_interval`)."""

    poll_interval: float
    max_poll_interval: float
    wait_timeout: float


class DownloadWorkflowOptions(WaitOptions, total=False):
    """Workflows that end in a download also take where to save the file and a progress callback."""

    destination: str | os.PathLike[str]
    progress: Callable[[int, int | None], None] | None


@dataclass(frozen=True)
class CallSettings:
    """The call options of one call, as the client reads them."""

    timeout: float | None = None
    extra_headers: Mapping[str, str] | None = None
    extra_query: Mapping[str, str | int | float | bool] | None = None
    max_retries: int | None = None


_ARGUMENTS = pydantic.ConfigDict(extra="forbid", arbitrary_types_allowed=True)
_LIST: Any = list  # subscripted at run time with types only known then
_DICT: Any = dict


def _split(kwargs: dict[str, Any], names: Any) -> dict[str, Any]:
    """Remove and return the entries of `kwargs` named in `names`."""
    return {name: kwargs.pop(name) for name in list(kwargs) if name in names}


def _names(text: str) -> tuple[str, ...]:
    return tuple(text.split())


def _strict_type(annotation: Any) -> Any:
    """The validation type of a parameter: `models.X | Mapping[str, Any]` validates as `models.X`.

    Methods accept a model or a plain mapping for an object; a mapping is validated as the model, so
    its keys are checked and its values converted exactly as the model's would be.
    """
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is Annotated:
        return Annotated[(_strict_type(args[0]), *annotation.__metadata__)]
    if origin in (Union, types.UnionType):
        has_model = any(isinstance(a, type) and issubclass(a, pydantic.BaseModel) for a in args)
        kept = [
            _strict_type(a) for a in args if not (has_model and typing.get_origin(a) is Mapping)
        ]
        return functools.reduce(operator.or_, kept)
    if origin is Sequence:
        return _LIST[_strict_type(args[0])]
    if origin is Mapping:
        return _DICT[args[0], _strict_type(args[1])]
    return annotation


def _accepted_names(parameters: list[inspect.Parameter]) -> list[str]:
    """The keyword arguments a declaration takes: its parameters and the keys of its `**options`."""
    names = [p.name for p in parameters if p.kind is p.KEYWORD_ONLY]
    for parameter in parameters:
        if parameter.kind is parameter.VAR_KEYWORD:  # **options: Unpack[CallOptions] and the like
            (options,) = typing.get_args(parameter.annotation) or (dict,)
            names += list(getattr(options, "__annotations__", {}))
    return names


class _Declared(ABC, Generic[P]):
    """What every declaration shares: the signature, its name and docs, and binding to a client."""

    def __init__(self, signature: Callable[..., None]) -> None:
        self._signature = signature
        self.__name__ = signature.__name__
        self.__qualname__ = signature.__qualname__
        self.__doc__ = signature.__doc__
        self.__module__ = signature.__module__
        self._public: inspect.Signature | None = None
        self._accepted: frozenset[str] = frozenset()

    @property
    def __signature__(self) -> inspect.Signature:
        """The method's signature without `self` (for binding calls, help() and editors); built on first use."""
        if self._public is None:
            parameters = list(inspect.signature(self._signature).parameters.values())[1:]
            self._public = inspect.Signature(parameters)
            self._accepted = frozenset(_accepted_names(parameters))
        return self._public

    def __set_name__(self, owner: type[Any], name: str) -> None:
        self.__name__ = name

    def _bind(self, client: Any, kwargs: dict[str, Any]) -> dict[str, Any]:
        """Check the call against the signature as Python would: unknown and missing names fail."""
        signature = self.__signature__
        unknown = sorted(set(kwargs) - self._accepted)
        if unknown:
            raise TypeError(f"{self.__name__}() got an unexpected keyword argument {unknown[0]!r}")
        try:
            signature.bind(**kwargs)
        except TypeError as exc:  # inspect's words name no method: Python's own do
            missing = re.fullmatch(
                r"missing a required (?:keyword-only )?argument: ('.*')", str(exc)
            )
            reason = f"missing required keyword argument {missing[1]}" if missing else str(exc)
            raise TypeError(f"{self.__name__}() {reason}") from None
        return kwargs

    @abstractmethod
    def _method(self, client: Any) -> Callable[..., Any]:
        """The call this declaration makes on `client` (sync or async, as the client is)."""

    def __get__(self, client: Any, owner: type[Any] | None = None) -> Any:
        if client is None:
            return self
        method = self._method(client)
        method.__name__ = self.__name__
        # Python names the method by it in its own errors (a positional argument, say).
        method.__qualname__ = self.__name__
        method.__doc__ = self.__doc__
        method.__signature__ = self.__signature__  # type: ignore[attr-defined]
        return method

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.__name__}{self.__signature__}>"


class Operation(_Declared[P], Generic[P, R]):
    """One HTTP operation: its endpoint, its parameter model and how its answer is read."""

    def __init__(
        self,
        signature: Signature[P],
        endpoint: Endpoint,
        result: type[R] | None,
    ) -> None:
        super().__init__(signature)
        self.endpoint = endpoint
        self.result = result
        self._model: type[pydantic.BaseModel] | None = None

    def __set_name__(self, owner: type[Any], name: str) -> None:
        super().__set_name__(owner, name)
        self.endpoint = self.endpoint.named(name)

    @property
    def arguments_model(self) -> type[pydantic.BaseModel]:
        """The strict model of this operation's parameters, built from the signature on first use."""
        if self._model is None:
            hints = typing.get_type_hints(self._signature, include_extras=True)
            wire = dict(self.endpoint.body)
            fields: dict[str, Any] = {}
            for parameter in self.__signature__.parameters.values():
                if parameter.kind is not parameter.KEYWORD_ONLY:
                    continue
                default = ... if parameter.default is parameter.empty else parameter.default
                alias = wire.get(parameter.name, parameter.name)
                fields[parameter.name] = (
                    _strict_type(hints[parameter.name]),
                    pydantic.Field(default, serialization_alias=alias),
                )
            self._model = pydantic.create_model(
                f"{self.__name__}_arguments", __config__=_ARGUMENTS, **fields
            )
        return self._model

    def prepare(
        self, client: Any, kwargs: dict[str, Any]
    ) -> tuple[pydantic.BaseModel, CallSettings]:
        """Validate a call's arguments; returns the request model and the call's options."""
        self._bind(client, kwargs)
        options = CallSettings(**_split(kwargs, CALL_OPTIONS))
        if "project_id" in self.endpoint.path_names and kwargs.get("project_id") is None:
            kwargs["project_id"] = client._project_id(None)
        return self.arguments_model.model_validate(kwargs), options

    def _method(self, client: Any) -> Callable[..., Any]:
        def call(**kwargs: Any) -> Any:
            return client._call(self, kwargs)

        return call

    @overload
    def __get__(self, client: None, owner: type[Any] | None = None) -> Self: ...
    @overload
    def __get__(self, client: "SyncClient", owner: type[Any] | None = None) -> Callable[P, R]: ...
    @overload
    def __get__(
        self, client: "AsyncClient", owner: type[Any] | None = None
    ) -> Callable[P, Awaited[R]]: ...
    def __get__(self, client: Any, owner: type[Any] | None = None) -> Any:
        return super().__get__(client, owner)


class DownloadOperation(Operation[P, Download]):
    """An operation whose answer is a file: a streamed `Download` (an `AsyncDownload` when async)."""

    @overload  # type: ignore[override]
    def __get__(self, client: None, owner: type[Any] | None = None) -> Self: ...
    @overload
    def __get__(
        self, client: "SyncClient", owner: type[Any] | None = None
    ) -> Callable[P, Download]: ...
    @overload
    def __get__(
        self, client: "AsyncClient", owner: type[Any] | None = None
    ) -> Callable[P, Awaited[AsyncDownload]]: ...
    def __get__(self, client: Any, owner: type[Any] | None = None) -> Any:
        return _Declared.__get__(self, client, owner)


def _endpoint(
    route: str,
    *,
    query: str,
    headers: str,
    body: str,
    wire: Mapping[str, str] | None,
    content_type: str,
    idempotent: bool | None,
    file: bool,
) -> Endpoint:
    method, _, path = route.partition(" ")
    wire = wire or {}
    python = {name: attr for attr, name in wire.items()}
    placeholders = [part.split("}", 1)[0] for part in path.split("{")[1:]]

    def pairs(names: str) -> tuple[tuple[str, str], ...]:
        return tuple((attr, wire.get(attr, attr)) for attr in _names(names))

    return Endpoint(
        name="",
        method=method,
        path=path,
        path_params=tuple((python.get(name, name), name) for name in placeholders),
        query=pairs(query),
        headers=pairs(headers),
        body=pairs(body),
        content_type=content_type,
        idempotent=method in IDEMPOTENT_METHODS if idempotent is None else idempotent,
        file=file,
    )


@overload
def operation(
    route: str,
    result: type[R],
    *,
    query: str = "",
    headers: str = "",
    body: str = "",
    wire: Mapping[str, str] | None = None,
    content_type: str = DEFAULT_CONTENT_TYPE,
    idempotent: bool | None = None,
) -> Callable[[Signature[P]], Operation[P, R]]: ...
@overload
def operation(
    route: str,
    result: None = None,
    *,
    query: str = "",
    headers: str = "",
    body: str = "",
    wire: Mapping[str, str] | None = None,
    content_type: str = DEFAULT_CONTENT_TYPE,
    idempotent: bool | None = None,
) -> Callable[[Signature[P]], Operation[P, None]]: ...
def operation(
    route: str,
    result: Any = None,
    *,
    query: str = "",
    headers: str = "",
    body: str = "",
    wire: Mapping[str, str] | None = None,
    content_type: str = DEFAULT_CONTENT_TYPE,
    idempotent: bool | None = None,
) -> Callable[[Signature[P]], Operation[P, Any]]:
    """Declare an operation: `route` is "METHOD /path/{param}"; `query`, `headers` and `body` name
    the parameters sent there (space-separated); `wire` maps a parameter to its name on the wire
    where the two differ; `idempotent` defaults to the method's (RFC 9110), and only idempotent
    calls are retried."""
    endpoint = _endpoint(
        route,
        query=query,
        headers=headers,
        body=body,
        wire=wire,
        content_type=content_type,
        idempotent=idempotent,
        file=False,
    )
    return lambda signature: Operation(signature, endpoint, result)


def download(
    route: str,
    *,
    query: str = "",
    headers: str = "",
    body: str = "",
    wire: Mapping[str, str] | None = None,
    content_type: str = DEFAULT_CONTENT_TYPE,
    idempotent: bool | None = None,
) -> Callable[[Signature[P]], DownloadOperation[P]]:
    """Declare an operation whose answer is a file, streamed rather than read into memory."""
    endpoint = _endpoint(
        route,
        query=query,
        headers=headers,
        body=body,
        wire=wire,
        content_type=content_type,
        idempotent=idempotent,
        file=True,
    )
    return lambda signature: DownloadOperation(signature, endpoint, Download)


class Paged(_Declared[P], Generic[P, R, T]):
    """Every item of a paged list operation, across as many requests as it takes."""

    def __init__(
        self,
        signature: Signature[P],
        source: Operation[Any, R],
        paging: Paging,
        offset: str,
        limit: str,
        page_size: int,
    ) -> None:
        super().__init__(signature)
        self.source, self.paging = source, paging
        self.offset, self.limit, self.page_size = offset, limit, page_size

    def _fetcher(self, client: Any, kwargs: dict[str, Any]) -> tuple[Callable[..., Any], int, int]:
        self._bind(client, kwargs)
        page_size = kwargs.pop("page_size", self.page_size)
        offset = kwargs.pop("offset", 0)
        call = self.source.__get__(client)
        return (
            lambda start, size: call(**kwargs, **{self.offset: start, self.limit: size}),
            offset,
            page_size,
        )

    def pages(self, client: Any, kwargs: dict[str, Any]) -> Any:
        fetch, offset, page_size = self._fetcher(client, kwargs)
        iterate = aiterate_pages if client._asynchronous else iterate_pages
        return iterate(fetch, self.paging, offset, page_size)

    def _method(self, client: Any) -> Callable[..., Any]:
        items = aiterate_items if client._asynchronous else iterate_items
        return lambda **kwargs: items(self.pages(client, kwargs), self.paging)

    @overload
    def __get__(self, client: None, owner: type[Any] | None = None) -> Self: ...
    @overload
    def __get__(
        self, client: "SyncClient", owner: type[Any] | None = None
    ) -> Callable[P, Iterator[T]]: ...
    @overload
    def __get__(
        self, client: "AsyncClient", owner: type[Any] | None = None
    ) -> Callable[P, AsyncIterator[T]]: ...
    def __get__(self, client: Any, owner: type[Any] | None = None) -> Any:
        return super().__get__(client, owner)


class Pages(_Declared[P], Generic[P, R]):
    """Every page of a paged list operation: the responses themselves, not their items."""

    def __init__(self, items: "Paged[P, R, Any]") -> None:
        super().__init__(items._signature)
        self.items = items
        self.__doc__ = (
            f"Every page of `{items.source.__name__}`: the same arguments as "
            f"`{items.__name__}`, one response per request."
        )

    def _method(self, client: Any) -> Callable[..., Any]:
        return lambda **kwargs: self.items.pages(client, kwargs)

    @overload
    def __get__(self, client: None, owner: type[Any] | None = None) -> Self: ...
    @overload
    def __get__(
        self, client: "SyncClient", owner: type[Any] | None = None
    ) -> Callable[P, Iterator[R]]: ...
    @overload
    def __get__(
        self, client: "AsyncClient", owner: type[Any] | None = None
    ) -> Callable[P, AsyncIterator[R]]: ...
    def __get__(self, client: Any, owner: type[Any] | None = None) -> Any:
        return super().__get__(client, owner)


def paged(
    source: Operation[Any, R],
    item: type[T],
    *,
    items: str,
    offset: str,
    limit: str,
    page_size: int,
    count: str | None = None,
) -> Callable[[Signature[P]], Paged[P, R, T]]:
    """Declare the item iterator of `source`: it sends `offset` and `limit` itself, `page_size`
    items per request by default, and stops on a short or empty page or at the total in `count`."""
    paging = Paging(items=items, count=count)
    return lambda signature: Paged(signature, source, paging, offset, limit, page_size)


def pages_of(items: Paged[P, R, Any]) -> Pages[P, R]:
    """The page iterator that goes with an item iterator, with the same arguments."""
    return Pages(items)


class Waiter(_Declared[P], Generic[P, R]):
    """Poll an operation until the job it reports on ends; the last response is the result."""

    def __init__(
        self,
        signature: Signature[P],
        source: Operation[Any, R],
        reader: StateReader,
        select: str | None,
    ) -> None:
        super().__init__(signature)
        self.source, self.reader, self.select = source, reader, select

    def _method(self, client: Any) -> Callable[..., Any]:
        call = self.source.__get__(client)
        wait = await_state if client._asynchronous else wait_for_state

        def run(**kwargs: Any) -> Any:
            self._bind(client, kwargs)
            timing = {**WAIT_DEFAULTS, **_split(kwargs, WAIT_DEFAULTS)}
            selected = kwargs.get(self.select) if self.select else None
            return wait(
                lambda: call(**kwargs),
                self.reader,
                selected,
                interval=timing["poll_interval"],
                max_interval=timing["max_poll_interval"],
                timeout=timing["wait_timeout"],
            )

        return run

    @overload
    def __get__(self, client: None, owner: type[Any] | None = None) -> Self: ...
    @overload
    def __get__(self, client: "SyncClient", owner: type[Any] | None = None) -> Callable[P, R]: ...
    @overload
    def __get__(
        self, client: "AsyncClient", owner: type[Any] | None = None
    ) -> Callable[P, Awaited[R]]: ...
    def __get__(self, client: Any, owner: type[Any] | None = None) -> Any:
        return super().__get__(client, owner)


def waiter(
    source: Operation[Any, R],
    *,
    state: str,
    success: tuple[Any, ...],
    failure: tuple[Any, ...] = (),
    items: str | None = None,
    key: str | None = None,
    select: str | None = None,
) -> Callable[[Signature[P]], Waiter[P, R]]:
    """Declare a waiter on `source`: the job's state is the response's `state` attribute or, with
    `items` and `key`, that of the list item whose `key` equals the argument named by `select`."""
    reader = StateReader(state=state, success=success, failure=failure, items=items, key=key)
    return lambda signature: Waiter(signature, source, reader, select)


class _Chain:
    """The steps of a one-call workflow: start a job, wait for it, maybe download its file."""

    def __init__(
        self,
        start: Operation[Any, Any],
        wait: Waiter[Any, Any],
        job_id: str,
        argument: str,
        shared: str,
        download: DownloadOperation[Any] | None = None,
        download_argument: str = "",
        download_field: str = "",
        download_shared: str = "",
    ) -> None:
        self.start, self.wait, self.job_id, self.argument = start, wait, job_id, argument
        self.shared = _names(shared)
        self.download, self.download_argument = download, download_argument
        self.download_field, self.download_shared = download_field, _names(download_shared)

    def split(self, kwargs: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        """The options of every step, and the waiter's; what is left in `kwargs` starts the job."""
        options = _split(kwargs, CALL_OPTIONS)
        timing = _split(kwargs, WAIT_DEFAULTS)
        return options, timing

    def poll_arguments(self, started: Any, kwargs: dict[str, Any]) -> dict[str, Any]:
        job = job_value(started, self.job_id, self.start.__name__)
        return {self.argument: job, **{k: kwargs[k] for k in self.shared if k in kwargs}}

    def file_arguments(self, done: Any, kwargs: dict[str, Any]) -> dict[str, Any]:
        assert self.download is not None
        value = job_value(done, self.download_field, self.wait.source.__name__)
        shared = {k: kwargs[k] for k in self.download_shared if k in kwargs}
        return {self.download_argument: value, **shared}


class Workflow(_Declared[P], Generic[P, R]):
    """Start a job and wait for it in one call; the result is the waiter's last response."""

    def __init__(self, signature: Signature[P], chain: _Chain) -> None:
        super().__init__(signature)
        self.chain = chain

    def _method(self, client: Any) -> Callable[..., Any]:
        chain = self.chain
        start, wait = chain.start.__get__(client), chain.wait.__get__(client)

        def run(**kwargs: Any) -> Any:
            self._bind(client, kwargs)
            options, timing = chain.split(kwargs)
            started = start(**kwargs, **options)
            return wait(**chain.poll_arguments(started, kwargs), **timing, **options)

        async def arun(**kwargs: Any) -> Any:
            self._bind(client, kwargs)
            options, timing = chain.split(kwargs)
            started = await start(**kwargs, **options)
            return await wait(**chain.poll_arguments(started, kwargs), **timing, **options)

        return arun if client._asynchronous else run

    @overload
    def __get__(self, client: None, owner: type[Any] | None = None) -> Self: ...
    @overload
    def __get__(self, client: "SyncClient", owner: type[Any] | None = None) -> Callable[P, R]: ...
    @overload
    def __get__(
        self, client: "AsyncClient", owner: type[Any] | None = None
    ) -> Callable[P, Awaited[R]]: ...
    def __get__(self, client: Any, owner: type[Any] | None = None) -> Any:
        return super().__get__(client, owner)


class DownloadWorkflow(_Declared[P]):
    """Start a job, wait for it and save its file in one call; the result is the file's path."""

    def __init__(self, signature: Signature[P], chain: _Chain) -> None:
        super().__init__(signature)
        self.chain = chain

    def _method(self, client: Any) -> Callable[..., Any]:
        chain = self.chain
        assert chain.download is not None
        start, wait = chain.start.__get__(client), chain.wait.__get__(client)
        fetch = chain.download.__get__(client)

        def run(**kwargs: Any) -> Path:
            self._bind(client, kwargs)
            destination, progress = kwargs.pop("destination", "."), kwargs.pop("progress", None)
            options, timing = chain.split(kwargs)
            started = start(**kwargs, **options)
            done = wait(**chain.poll_arguments(started, kwargs), **timing, **options)
            file: Download = fetch(**chain.file_arguments(done, kwargs), **options)
            return file.save(destination, progress=progress)

        async def arun(**kwargs: Any) -> Path:
            self._bind(client, kwargs)
            destination, progress = kwargs.pop("destination", "."), kwargs.pop("progress", None)
            options, timing = chain.split(kwargs)
            started = await start(**kwargs, **options)
            done = await wait(**chain.poll_arguments(started, kwargs), **timing, **options)
            file: AsyncDownload = await fetch(**chain.file_arguments(done, kwargs), **options)
            return await file.save(destination, progress=progress)

        return arun if client._asynchronous else run

    @overload
    def __get__(self, client: None, owner: type[Any] | None = None) -> Self: ...
    @overload
    def __get__(
        self, client: "SyncClient", owner: type[Any] | None = None
    ) -> Callable[P, Path]: ...
    @overload
    def __get__(
        self, client: "AsyncClient", owner: type[Any] | None = None
    ) -> Callable[P, Awaited[Path]]: ...
    def __get__(self, client: Any, owner: type[Any] | None = None) -> Any:
        return super().__get__(client, owner)


def workflow(
    start: Operation[Any, Any],
    wait: Waiter[Any, R],
    *,
    job_id: str,
    argument: str,
    shared: str = "",
) -> Callable[[Signature[P]], Workflow[P, R]]:
    """Declare start-and-wait: `job_id` is the start response's attribute holding the job, passed
    to the waiter as `argument`, with the arguments named in `shared` passed on as given."""
    chain = _Chain(start, wait, job_id, argument, shared)
    return lambda signature: Workflow(signature, chain)


def download_workflow(
    start: Operation[Any, Any],
    wait: Waiter[Any, Any],
    file: DownloadOperation[Any],
    *,
    job_id: str,
    argument: str,
    file_argument: str,
    file_field: str,
    shared: str = "",
    file_shared: str = "",
) -> Callable[[Signature[P]], DownloadWorkflow[P]]:
    """Declare start, wait and download: the waiter's last response holds the file's id in
    `file_field`, passed to the download as `file_argument`."""
    chain = _Chain(
        start, wait, job_id, argument, shared, file, file_argument, file_field, file_shared
    )
    return lambda signature: DownloadWorkflow(signature, chain)
