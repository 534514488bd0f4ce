"""Marker paging in the runtime: where the next marker is read from, and when a list ends."""

from __future__ import annotations

from types import ModuleType, SimpleNamespace
from typing import Any

import pytest


def page(items: int, **fields: Any) -> SimpleNamespace:
    return SimpleNamespace(items=[f"i{n}" for n in range(items)], **fields)


def paging(runtime: ModuleType, **keys: Any) -> Any:
    return runtime._paging.MarkerPaging(items="items", **keys)


def test_a_marker_field_is_followed_until_a_short_page(runtime: ModuleType) -> None:
    marker = paging(runtime, next_marker=("page_info", "next_marker"))
    full = page(2, page_info=SimpleNamespace(next_marker="m2"))
    assert marker.next_of(full, 2, 2) == "m2"
    assert marker.next_of(full, 1, 2) is None  # short: the last page, though it names its last item
    assert marker.next_of(page(2, page_info=None), 2, 2) is None
    assert marker.next_of(page(2, page_info=SimpleNamespace(next_marker="")), 2, 2) is None


@pytest.mark.parametrize(
    "links",
    [
        [
            SimpleNamespace(rel="self", href="https://x/v2/lbs"),
            SimpleNamespace(rel="next", href="https://x/v2/lbs?limit=2&marker=a%2Fb"),
        ],
        [{"rel": "next", "href": "https://x/v2/lbs?marker=a%2Fb"}],  # an object the page gave no table: a dict
        SimpleNamespace(self="https://x/v2/lbs", next="/v2/lbs?marker=a%2Fb&limit=2"),
        {"next": "https://x/v2/lbs?marker=a%2Fb"},
        "/v2/images?limit=2&marker=a%2Fb",  # Glance: the next page's URL itself
    ],
)
def test_the_next_link_carries_the_marker(runtime: ModuleType, links: Any) -> None:
    assert paging(runtime, next_link=("links",)).next_of(page(1, links=links), 1, 2) == "a/b"


@pytest.mark.parametrize("links", [None, [], [SimpleNamespace(rel="self", href="x?marker=m")], {"self": "x"}, ""])
def test_no_next_link_ends_the_list(runtime: ModuleType, links: Any) -> None:
    assert paging(runtime, next_link=("links",)).next_of(page(2, links=links), 2, 2) is None


def test_the_link_parameter_names_the_query_key(runtime: ModuleType) -> None:
    links = {"next": "https://x/v2/zones?start=z9&marker=wrong"}
    marker = paging(runtime, next_link=("links",), link_parameter="start")
    assert marker.next_of(page(2, links=links), 2, 2) == "z9"


def test_pages_stop_and_loops_are_refused(runtime: ModuleType) -> None:
    marker = paging(runtime, next_marker=("next",))
    pages = {None: page(2, next="a"), "a": page(2, next="b"), "b": page(2, next="a")}
    calls: list[tuple[str | None, int]] = []

    def fetch(at: str | None, size: int) -> Any:
        calls.append((at, size))
        return pages[at]

    iterator = runtime._paging.iterate_marker_pages(fetch, marker, None, 2)
    with pytest.raises(runtime.PaginationError, match="'a' was already followed"):
        list(iterator)
    assert calls == [(None, 2), ("a", 2), ("b", 2)]


def test_the_last_items_field_is_the_marker_until_a_short_page(runtime: ModuleType) -> None:
    marker = paging(runtime, item_marker="id")
    full = SimpleNamespace(items=[SimpleNamespace(id="v1"), {"id": "v2"}])
    assert marker.next_of(full, 2, 2) == "v2"
    assert marker.next_of(full, 2, 3) is None  # short: the last page
    assert marker.next_of(SimpleNamespace(items=[SimpleNamespace(id=None)]), 1, 1) is None
