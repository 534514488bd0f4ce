"""Pagination: cross the pages of a list operation, as pages or as items.

Two styles: offset paging (`offset` + `limit`) and marker paging (`marker` + `limit`, the next
page's marker read from a response field such as `page_info.next_marker`, or from the URL of a
`links` entry whose rel is `next`, or of a `links.next` attribute).
"""

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Any, NamedTuple, TypeVar
from urllib.parse import parse_qs, urlsplit

from ._errors import HwCloudError

__all__ = [
    "MarkerPaging",
    "PaginationError",
    "Paging",
    "aiterate_marker_pages",
    "aiterate_items",
    "aiterate_pages",
    "iterate_items",
    "iterate_marker_pages",
    "iterate_pages",
]

P = TypeVar("P")


class PaginationError(HwCloudError):
    """The service returned the same page again: following it would never end."""


class Paging(NamedTuple):
    """Where a page keeps its items and total, as the spec's pagination section says."""

    items: str
    total: str | None = None  # the field holding the total count (not `count`: tuples have that)

    def items_of(self, page: Any) -> list[Any]:
        return list(getattr(page, self.items, None) or [])

    def done(self, page: Any, offset: int, received: int, page_size: int) -> bool:
        """Stop on a short page or when the offset reaches the reported total."""
        total = getattr(page, self.total, None) if self.total else None
        return received < page_size or (isinstance(total, int) and offset >= total)


def _attribute(value: Any, name: str) -> Any:
    """An attribute of a model, or a key of a plain mapping (an object the page gave no table)."""
    if isinstance(value, dict):
        return value.get(name)
    return getattr(value, name, None)


def _follow(value: Any, path: tuple[str, ...]) -> Any:
    for name in path:
        if value is None:
            return None
        value = _attribute(value, name)
    return value


def _next_url(links: Any) -> str | None:
    """The next page's URL: the URL itself, the `href` of the entry whose `rel` is `next`, or a
    `next` attribute."""
    if isinstance(links, str):
        return links or None
    if isinstance(links, list):
        hrefs = [_attribute(entry, "href") for entry in links if _attribute(entry, "rel") == "next"]
        return str(hrefs[0]) if hrefs and hrefs[0] else None
    url = _attribute(links, "next") if links is not None else None
    return str(url) if url else None


class MarkerPaging(NamedTuple):
    """Where a marker-paged page keeps its items and the next page's marker.

    `next_marker` is the attribute path of the marker itself (`("page_info", "next_marker")`);
    `next_link` that of the links (or the URL) whose next URL carries it in its `link_parameter`
    query key; `item_marker` the attribute of each item whose value on the last one is the marker.
    """

    items: str
    next_marker: tuple[str, ...] = ()
    next_link: tuple[str, ...] = ()
    link_parameter: str = "marker"
    item_marker: str | None = None

    def items_of(self, page: Any) -> list[Any]:
        return list(getattr(page, self.items, None) or [])

    def next_of(self, page: Any, received: int, page_size: int) -> str | None:
        """The marker of the page after `page`, None at the end of the list.

        A marker field (or the last item) names the last item even on the last page, so a short page
        ends the list there; a link is only given while there is a next page, so its absence ends it.
        """
        if self.next_marker or self.item_marker:
            if self.item_marker:
                items = self.items_of(page)
                marker = _attribute(items[-1], self.item_marker) if items else None
            else:
                marker = _follow(page, self.next_marker)
            return str(marker) if marker not in (None, "") and received >= page_size else None
        url = _next_url(_follow(page, self.next_link))
        if url is None:
            return None
        values = parse_qs(urlsplit(url).query).get(self.link_parameter)
        return values[0] if values else None


def _advance(paging: MarkerPaging, page: Any, seen: set[str | None], page_size: int) -> str | None:
    """The next marker, refusing one already followed (a service that loops would never end)."""
    marker = paging.next_of(page, len(paging.items_of(page)), page_size)
    if marker is not None and marker in seen:
        raise PaginationError(f"the next marker {marker!r} was already followed")
    seen.add(marker)
    return marker


def iterate_marker_pages(
    fetch: Callable[[str | None, int], P], paging: MarkerPaging, marker: str | None, page_size: int
) -> Iterator[P]:
    """Call `fetch(marker, limit)` page after page, from `marker` (None: the first page); stops
    on an empty page or when no next marker is given."""
    seen: set[str | None] = {marker}
    while True:
        page = fetch(marker, page_size)
        if not paging.items_of(page):
            return
        yield page
        marker = _advance(paging, page, seen, page_size)
        if marker is None:
            return


async def aiterate_marker_pages(
    fetch: Callable[[str | None, int], Awaitable[P]],
    paging: MarkerPaging,
    marker: str | None,
    page_size: int,
) -> AsyncIterator[P]:
    """The asynchronous twin of `iterate_marker_pages`."""
    seen: set[str | None] = {marker}
    while True:
        page = await fetch(marker, page_size)
        if not paging.items_of(page):
            return
        yield page
        marker = _advance(paging, page, seen, page_size)
        if marker is None:
            return


def iterate_pages(
    fetch: Callable[[int, int], P], paging: Paging, offset: int, page_size: int
) -> Iterator[P]:
    """Call `fetch(offset, limit)` page after page; stops on an empty or short page or at `count`."""
    previous: list[Any] | None = None
    while True:
        page = fetch(offset, page_size)
        items = paging.items_of(page)
        if not items:
            return
        if items == previous:
            raise PaginationError(f"the page at offset {offset} repeats the previous page")
        yield page
        offset += len(items)
        if paging.done(page, offset, len(items), page_size):
            return
        previous = items


async def aiterate_pages(
    fetch: Callable[[int, int], Awaitable[P]], paging: Paging, offset: int, page_size: int
) -> AsyncIterator[P]:
    """The asynchronous twin of `iterate_pages`."""
    previous: list[Any] | None = None
    while True:
        page = await fetch(offset, page_size)
        items = paging.items_of(page)
        if not items:
            return
        if items == previous:
            raise PaginationError(f"the page at offset {offset} repeats the previous page")
        yield page
        offset += len(items)
        if paging.done(page, offset, len(items), page_size):
            return
        previous = items


def iterate_items(pages: Iterator[Any], paging: Paging | MarkerPaging) -> Iterator[Any]:
    for page in pages:
        yield from paging.items_of(page)


async def aiterate_items(
    pages: AsyncIterator[Any], paging: Paging | MarkerPaging
) -> AsyncIterator[Any]:
    async for page in pages:
        for item in paging.items_of(page):
            yield item
