"""Pagination: cross offset/limit pages of a list operation, as pages or as items."""

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

from ._errors import HwCloudError

__all__ = [
    "PaginationError",
    "Paging",
    "aiterate_items",
    "aiterate_pages",
    "iterate_items",
    "iterate_pages",
]

P = TypeVar("P")


class PaginationError(HwCloudError):
    """The service returned the same page again: following it would never end."""


@dataclass(frozen=True)
class Paging:
    """Where a page keeps its items and total, as the spec's pagination section says."""

    items: str
    count: str | None = None

    def items_of(self, page: Any) -> list[Any]:
        return list(getattr(page, self.items, None) or [])

    def done(self, page: Any, offset: int, received: int, page_size: int) -> bool:
        """Stop on a short page or when the offset reaches the reported total."""
        total = getattr(page, self.count, None) if self.count else None
        return received < page_size or (isinstance(total, int) and offset >= total)


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


def iterate_items(pages: Iterator[Any], paging: Paging) -> Iterator[Any]:
    for page in pages:
        yield from paging.items_of(page)


async def aiterate_items(pages: AsyncIterator[Any], paging: Paging) -> AsyncIterator[Any]:
    async for page in pages:
        for item in paging.items_of(page):
            yield item
