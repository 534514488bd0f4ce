"""Declarations: each generated method is declared once and serves the sync and the async client.

A service module declares its operations as signature-only methods of one class, under a decorator
that says how the call is sent (`operation`, `download`; `_declare`), how a list is paged, how a job
is waited for or chained (`paged`, `pages_of`, `waiter`, `workflow`, `download_workflow`; `_chain`).
The signature states what the sync client returns (`-> models.ListTasksResponse`,
`-> Iterator[models.Task]`, `-> Download`, `-> Path`). The decorator returns a descriptor, a
`Declared[P, S, A]`: read from a `BaseClient` it is a method taking `P` and returning `S`; read
from an `AsyncBaseClient`, one returning `A`, the same result awaited (a coroutine; an async
iterator for paged lists; an `AsyncDownload` for files). Both clients inherit the one class of
declarations, so the signature, which is what mypy, editors, `help()` and `inspect.signature` read,
is written once.

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
from collections.abc import AsyncIterator, Callable, Coroutine, Iterator, Mapping, Sequence
from typing import (
    TYPE_CHECKING,
    Annotated,
    Any,
    Concatenate,
    Generic,
    NamedTuple,
    ParamSpec,
    Self,
    TypedDict,
    TypeVar,
    Union,
    overload,
)

import pydantic

from ._constants import CALL_OPTIONS, UPLOAD_OPTIONS
from ._download import AsyncDownload, Download
from ._endpoint import Endpoint
from ._files import UPLOAD

if TYPE_CHECKING:
    from ._client import AsyncBaseClient as AsyncClient
    from ._client import BaseClient as SyncClient

__all__ = [
    "CallOptions",
    "CallSettings",
    "Declared",
    "DownloadWorkflowOptions",
    "MarkerPageOptions",
    "Operation",
    "PageOptions",
    "UploadOptions",
    "WaitOptions",
]

P = ParamSpec("P")
R = TypeVar("R")
S = TypeVar("S")  # what a method returns on the sync client
A = TypeVar("A")  # what it returns on the async client
Declaration = Callable[Concatenate[Any, P], R]  # a signature-only method stating the sync result
Awaited = Coroutine[Any, Any, R]


class CallOptions(TypedDict, total=False):
    """Per-call overrides every generated method accepts besides its parameters."""

    timeout: float | None
    extra_headers: Mapping[str, str] | None
    extra_query: Mapping[str, str | int | float | bool] | None
    max_retries: int | None


class UploadOptions(CallOptions, total=False):
    """Operations that upload files also take a progress callback: `progress(sent, total)`."""

    progress: Callable[[int, int | None], None] | None


class MarkerPageOptions(CallOptions, total=False):
    """Marker-paged iterators also take how many items to ask for per request (where to start is
    the operation's own marker argument)."""

    page_size: int


class PageOptions(MarkerPageOptions, total=False):
    """Offset-paged iterators also take the offset to start from."""

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


class CallSettings(NamedTuple):
    """The call options of one call, as the client reads them."""

    timeout: float | None = None
    extra_headers: Mapping[str, str] | None = None
    extra_query: Mapping[str, str | int | float | bool] | None = None
    max_retries: int | None = None
    progress: Callable[[int, int | None], None] | None = None


_ARGUMENTS = pydantic.ConfigDict(extra="forbid", arbitrary_types_allowed=True)
_LIST: Any = list  # subscripted at run time with types only known then
_DICT: Any = dict
_ASYNC_ITERATOR: Any = AsyncIterator
_COROUTINE: Any = Coroutine


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
    if origin is Annotated and UPLOAD in annotation.__metadata__:  # a file: checked, not converted
        from ._upload import check_file_input

        return Annotated[Any, pydantic.PlainValidator(check_file_input)]
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


def _async_result(result: Any) -> Any:
    """The async client's result for a sync result: `Iterator[T]` → `AsyncIterator[T]`, a
    `Download` → an awaitable `AsyncDownload`, anything else → an awaitable of it."""
    if typing.get_origin(result) is Iterator:
        return _ASYNC_ITERATOR[typing.get_args(result)[0]]
    return _COROUTINE[Any, Any, AsyncDownload if result is Download else result]


class Declared(ABC, Generic[P, S, A]):
    """A declared method: `P` its parameters, `S` its sync result, `A` its async result.

    Holds the signature, its name and docs, and binds to a client: this one set of `__get__`
    overloads types every kind of declaration, on both clients.
    """

    def __init__(self, signature: Callable[..., Any]) -> None:
        self._signature = signature
        self.__name__ = signature.__name__
        self.__qualname__ = signature.__qualname__
        self.__doc__ = signature.__doc__
        self.__module__ = signature.__module__
        self._public: tuple[inspect.Signature, inspect.Signature] | None = None
        self._accepted: frozenset[str] = frozenset()

    @functools.cached_property
    def _hints(self) -> dict[str, Any]:
        """The declaration's annotations, evaluated (they may be strings)."""
        return typing.get_type_hints(self._signature, include_extras=True)

    def _result(self) -> Any:
        """The sync result, as the declaration states it (`None` for none)."""
        result = self._hints.get("return")
        return None if result is type(None) else result

    def _signatures(self) -> tuple[inspect.Signature, inspect.Signature]:
        """The method's signatures without `self`, sync and async; built on first use."""
        if self._public is None:
            parameters = [
                p.replace(annotation=self._hints.get(p.name, p.annotation))
                for p in list(inspect.signature(self._signature).parameters.values())[1:]
            ]
            result = self._result()
            self._public = (
                inspect.Signature(parameters, return_annotation=result),
                inspect.Signature(parameters, return_annotation=_async_result(result)),
            )
            self._accepted = frozenset(_accepted_names(parameters))
        return self._public

    @property
    def __signature__(self) -> inspect.Signature:
        """The sync method's signature (for binding calls, help() and editors)."""
        return self._signatures()[0]

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

    @overload
    def __get__(self, client: None, owner: type[Any] | None = None) -> Self: ...
    @overload
    def __get__(self, client: "SyncClient", owner: type[Any] | None = None) -> Callable[P, S]: ...
    @overload
    def __get__(self, client: "AsyncClient", owner: type[Any] | None = None) -> Callable[P, A]: ...
    def __get__(self, client: Any, owner: type[Any] | None = None) -> Any:
        if client is None:
            return self
        method = self._method(client)
        method.__name__ = self.__name__
        # Python names the method by it in its own errors (a positional argument, say).
        method.__qualname__ = self.__name__
        method.__module__ = self.__module__
        method.__doc__ = self.__doc__
        method.__signature__ = self._signatures()[client._asynchronous]  # type: ignore[attr-defined]
        # what `client.with_raw_response(method)` looks up: the declaration and the client it is bound to
        method.__declared__ = self  # type: ignore[attr-defined]
        method.__client__ = client  # type: ignore[attr-defined]
        return method

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.__name__}{self.__signature__}>"


class Operation(Declared[P, S, A]):
    """One HTTP operation: its endpoint, its parameter model and how its answer is read."""

    def __init__(self, signature: Callable[..., Any], endpoint: Endpoint) -> None:
        super().__init__(signature)
        self.endpoint = endpoint
        self._model: type[pydantic.BaseModel] | None = None

    def __set_name__(self, owner: type[Any], name: str) -> None:
        super().__set_name__(owner, name)
        self.endpoint = self.endpoint.named(name)

    @functools.cached_property
    def result(self) -> type[pydantic.BaseModel] | None:
        """The model the answer is read into (None: the answer has no body, or is a file)."""
        return None if self.endpoint.file else self._result()

    def result_for(self, status: int) -> Any:
        """What a 2xx answer with `status` is read into. Where the documented statuses differ, their
        own type; an undocumented 2xx is read as the first documented one with a body (None if none
        has one). Otherwise the declaration's result, for any 2xx."""
        results = self.endpoint.results
        if not results:
            return self.result
        if status in results:
            return results[status]
        return next((kind for kind in results.values() if kind is not None), None)

    @property
    def arguments_model(self) -> type[pydantic.BaseModel]:
        """The strict model of this operation's parameters, built from the signature on first use."""
        if self._model is None:
            hints = self._hints
            wire = dict(self.endpoint.body)
            fields: dict[str, Any] = {}
            for parameter in self.__signature__.parameters.values():
                if parameter.kind is not parameter.KEYWORD_ONLY:
                    continue
                default = ... if parameter.default is parameter.empty else parameter.default
                alias = wire.get(parameter.name, parameter.name)
                nullable: dict[str, Any] | None = (
                    {"nullable": True} if parameter.name in self.endpoint.nullable else None
                )
                fields[parameter.name] = (
                    _strict_type(hints[parameter.name]),
                    pydantic.Field(default, serialization_alias=alias, json_schema_extra=nullable),
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
        options = CallSettings(**_split(kwargs, (*CALL_OPTIONS, *UPLOAD_OPTIONS)))
        if "project_id" in self.endpoint.path_names and kwargs.get("project_id") is None:
            kwargs["project_id"] = client._project_id(None)
        return self.arguments_model.model_validate(kwargs), options

    def _method(self, client: Any) -> Callable[..., Any]:
        def call(**kwargs: Any) -> Any:
            return client._call(self, kwargs)

        return call
