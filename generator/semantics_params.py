"""Semantic checks of how a parameter goes on the wire: the collection format of an Array parameter."""

from __future__ import annotations

from typing import Any

from .findings import Finding
from .load import Pointer, SourceSpec

__all__ = ["check_collection_format"]


def check_collection_format(src: SourceSpec, param: dict[str, Any], location: str, pointer: Pointer) -> list[Finding]:
    """`collection_format` only on an Array parameter, and `multi` only in the query (a header or the
    path carries one value: comma-joined)."""
    stated = param.get("collection_format")
    if stated is None:
        return []
    where: Pointer = (*pointer, "collection_format")
    if param["type"] != "Array":
        message = f"`collection_format` is only for Array parameters; `{param['name']}` is {param['type']}"
        return [src.finding(where, message, "remove it", key=True)]
    if stated == "multi" and location != "query":
        message = f"a {location} parameter carries one value: `{param['name']}` cannot repeat (`multi`)"
        return [src.finding(where, message, "use `collection_format: csv` (the values comma-joined), or remove it")]
    return []
