"""Response header changes: a documented header added, removed or retyped, between two responses."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from ..spec.load import Pointer

__all__ = ["HeaderChange", "header_changes", "headers_of"]


@dataclass(frozen=True)
class HeaderChange:
    rule_id: str
    path: str  # `201.header.X-Subject-Token`
    old: Any
    new: Any
    message: str
    pointer: Pointer  # on the side that has the header (the old one for a removal)
    removal: bool


def headers_of(status: str, raw: Mapping[str, Any]) -> dict[str, tuple[Pointer, Mapping[str, Any]]]:
    """A response's headers by lower-case name (header names ignore case), with where each is."""
    return {
        str(h["name"]).lower(): (("responses", status, "headers", i), h) for i, h in enumerate(raw.get("headers", []))
    }


def header_changes(
    status: str,
    before: Mapping[str, tuple[Pointer, Mapping[str, Any]]],
    after: Mapping[str, tuple[Pointer, Mapping[str, Any]]],
) -> Iterator[HeaderChange]:
    """Removed (breaking: code reading it gets None), retyped (breaking), added (info)."""
    for key in sorted(before.keys() | after.keys()):
        was, now = before.get(key), after.get(key)
        if now is None and was is not None:
            name, kind = was[1]["name"], was[1]["type"]
            path = f"{status}.header.{name}"
            yield HeaderChange("response-header-removed", path, kind, None, f"header `{name}` removed", was[0], True)
        elif was is None and now is not None:
            name, kind = now[1]["name"], now[1]["type"]
            path = f"{status}.header.{name}"
            yield HeaderChange("response-header-added", path, None, kind, f"header `{name}` added", now[0], False)
        elif was is not None and now is not None and was[1]["type"] != now[1]["type"]:
            name = now[1]["name"]
            message = f"header `{name}`: type changed from {was[1]['type']} to {now[1]['type']}"
            path = f"{status}.header.{name}"
            yield HeaderChange(
                "response-header-type-changed", path, was[1]["type"], now[1]["type"], message, now[0], False
            )
