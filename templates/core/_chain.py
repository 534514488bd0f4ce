"""Declarations built on operations: paged lists, waiters and one-call workflows.

Each is a `Declared[P, S, A]` (`_operation`): its signature states the sync result, and the async
client's methods return the same result awaited, or an async iterator for paged lists.
"""

from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any, Generic, ParamSpec, TypeVar

from ._constants import CALL_OPTIONS, WAIT_DEFAULTS
from ._download import AsyncDownload, Download
from ._operation import Awaited, Declaration, Declared, Operation, _names, _split
from ._paging import (
    MarkerPaging,
    Paging,
    aiterate_items,
    aiterate_marker_pages,
    aiterate_pages,
    iterate_items,
    iterate_marker_pages,
    iterate_pages,
)
from ._waiter import StateReader, await_state, job_value, wait_for_state

__all__ = [
    "DownloadWorkflow",
    "Paged",
    "Pages",
    "Waiter",
    "Workflow",
    "download_workflow",
    "marker_paged",
    "paged",
    "pages_of",
    "waiter",
    "workflow",
]

P = ParamSpec("P")
R = TypeVar("R")
T = TypeVar("T")
_ITERATOR: Any = Iterator  # subscripted at run time with the source's result


class Paged(Declared[P, Iterator[T], AsyncIterator[T]], Generic[P, R, T]):
    """Every item of a paged list operation, across as many requests as it takes.

    Offset paging (`Paging`) starts at the `offset` option (default 0); marker paging
    (`MarkerPaging`) at the operation's own marker argument (default: the first page).
    """

    def __init__(
        self,
        signature: Declaration[P, Iterator[T]],
        source: Operation[Any, R, Any],
        paging: Paging | MarkerPaging,
        position: str,
        limit: str,
        page_size: int,
    ) -> None:
        super().__init__(signature)
        self.source, self.paging = source, paging
        # `position`: the argument that says where a page starts (the offset, or the marker).
        self.position, self.limit, self.page_size = position, limit, page_size

    def pages(self, client: Any, kwargs: dict[str, Any]) -> Any:
        self._bind(client, kwargs)
        page_size = kwargs.pop("page_size", self.page_size)
        call = self.source.__get__(client)

        def fetch(start: Any, size: int) -> Any:
            return call(**kwargs, **{self.position: start, self.limit: size})

        asynchronous = client._asynchronous
        if isinstance(self.paging, MarkerPaging):
            marker = kwargs.pop(self.position, None)
            follow = aiterate_marker_pages if asynchronous else iterate_marker_pages
            return follow(fetch, self.paging, marker, page_size)
        offset = kwargs.pop("offset", 0)
        iterate = aiterate_pages if asynchronous else iterate_pages
        return iterate(fetch, self.paging, offset, page_size)

    def _method(self, client: Any) -> Callable[..., Any]:
        items = aiterate_items if client._asynchronous else iterate_items
        return lambda **kwargs: items(self.pages(client, kwargs), self.paging)


class Pages(Declared[P, Iterator[R], AsyncIterator[R]]):
    """Every page of a paged list operation: the responses themselves, not their items."""

    def __init__(self, items: "Paged[P, R, Any]") -> None:
        super().__init__(items._signature)
        self.items = items
        self.__doc__ = (
            f"Every page of `{items.source.__name__}`: the same arguments as "
            f"`{items.__name__}`, one response per request."
        )

    def _result(self) -> Any:
        return _ITERATOR[self.items.source._result()]

    def _method(self, client: Any) -> Callable[..., Any]:
        return lambda **kwargs: self.items.pages(client, kwargs)


def paged(
    source: Operation[Any, R, Any],
    *,
    items: str,
    offset: str,
    limit: str,
    page_size: int,
    count: str | None = None,
) -> Callable[[Declaration[P, Iterator[T]]], Paged[P, R, T]]:
    """Declare the item iterator of `source`: it sends `offset` and `limit` itself, `page_size`
    items per request by default, and stops on a short or empty page or at the total in `count`."""
    paging = Paging(items=items, total=count)
    return lambda signature: Paged(signature, source, paging, offset, limit, page_size)


def marker_paged(
    source: Operation[Any, R, Any],
    *,
    items: str,
    marker: str,
    limit: str,
    page_size: int,
    next_marker: str | None = None,
    next_link: str | None = None,
    link_parameter: str = "marker",
    item_marker: str | None = None,
) -> Callable[[Declaration[P, Iterator[T]]], Paged[P, R, T]]:
    """Declare the item iterator of a marker-paged `source`: it sends `marker` and `limit` itself,
    reading the next marker from the dotted attribute path `next_marker`, from the query key
    `link_parameter` of the next URL in the links at `next_link`, or from the attribute
    `item_marker` of a page's last item."""
    paging = MarkerPaging(
        items=items,
        next_marker=tuple(next_marker.split(".")) if next_marker else (),
        next_link=tuple(next_link.split(".")) if next_link else (),
        link_parameter=link_parameter,
        item_marker=item_marker,
    )
    return lambda signature: Paged(signature, source, paging, marker, limit, page_size)


def pages_of(items: Paged[P, R, Any]) -> Pages[P, R]:
    """The page iterator that goes with an item iterator, with the same arguments."""
    return Pages(items)


class Waiter(Declared[P, R, Awaited[R]]):
    """Poll an operation until the job it reports on ends; the last response is the result."""

    def __init__(
        self,
        signature: Declaration[P, R],
        source: Operation[Any, R, Any],
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


def waiter(
    source: Operation[Any, R, Any],
    *,
    state: str,
    success: tuple[Any, ...],
    failure: tuple[Any, ...] = (),
    items: str | None = None,
    key: str | None = None,
    select: str | None = None,
) -> Callable[[Declaration[P, R]], Waiter[P, R]]:
    """Declare a waiter on `source`: the job's state is the response's `state` attribute or, with
    `items` and `key`, that of the list item whose `key` equals the argument named by `select`."""
    reader = StateReader(state=state, success=success, failure=failure, items=items, key=key)
    return lambda signature: Waiter(signature, source, reader, select)


class _Chain:
    """The steps of a one-call workflow: start a job, wait for it, maybe download its file."""

    def __init__(
        self,
        start: Operation[Any, Any, Any],
        wait: Waiter[Any, Any],
        job_id: str,
        argument: str,
        shared: str,
        download: Operation[Any, Download, Any] | None = None,
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


class Workflow(Declared[P, R, Awaited[R]]):
    """Start a job and wait for it in one call; the result is the waiter's last response."""

    def __init__(self, signature: Declaration[P, R], chain: _Chain) -> None:
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


class DownloadWorkflow(Declared[P, Path, Awaited[Path]]):
    """Start a job, wait for it and save its file in one call; the result is the file's path."""

    def __init__(self, signature: Declaration[P, Path], chain: _Chain) -> None:
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


def workflow(
    start: Operation[Any, Any, Any],
    wait: Waiter[Any, R],
    *,
    job_id: str,
    argument: str,
    shared: str = "",
) -> Callable[[Declaration[P, R]], Workflow[P, R]]:
    """Declare start-and-wait: `job_id` is the start response's attribute holding the job, passed
    to the waiter as `argument`, with the arguments named in `shared` passed on as given."""
    chain = _Chain(start, wait, job_id, argument, shared)
    return lambda signature: Workflow(signature, chain)


def download_workflow(
    start: Operation[Any, Any, Any],
    wait: Waiter[Any, Any],
    file: Operation[Any, Download, Any],
    *,
    job_id: str,
    argument: str,
    file_argument: str,
    file_field: str,
    shared: str = "",
    file_shared: str = "",
) -> Callable[[Declaration[P, Path]], DownloadWorkflow[P]]:
    """Declare start, wait and download: the waiter's last response holds the file's id in
    `file_field`, passed to the download as `file_argument`."""
    chain = _Chain(
        start, wait, job_id, argument, shared, file, file_argument, file_field, file_shared
    )
    return lambda signature: DownloadWorkflow(signature, chain)
