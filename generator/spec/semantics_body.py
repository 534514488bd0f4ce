"""Semantic checks of a body that is a JSON array or map (`array: X` / `map: X`) rather than fields."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..findings import Finding, did_you_mean
from ..model.derive import whole_body
from ..model.typemap import PRIMITIVES
from .load import Pointer, SourceSpec

__all__ = ["check_whole_body", "check_whole_headers", "whole_item_field", "whole_key"]


def whole_key(raw_body: Mapping[str, Any]) -> str | None:
    """`array` or `map` for a whole-array or whole-map body, else None."""
    return next((key for key in ("array", "map") if key in raw_body), None)


def whole_item_field(raw_body: Mapping[str, Any], objects: Mapping[str, Any]) -> dict[str, Any] | None:
    """One element (array) or value (map) of a whole body, as a field an example is checked against."""
    key = whole_key(raw_body)
    if key is None:
        return None
    ref = raw_body[key]
    name = f"[{key}]"
    return {"name": name, "type": "Object", "object": ref} if ref in objects else {"name": name, "type": ref}


def check_whole_body(
    src: SourceSpec, raw_body: Mapping[str, Any], base: Pointer, objects: Mapping[str, Any]
) -> tuple[list[Finding], set[str]]:
    """Findings for a whole body's element type, and the object tables it uses.

    The element is a scalar type, `Object` (free-form) or an object table of the spec; a response whose
    result is a list or dict has no attributes to carry documented headers (the raw response has them).
    """
    key = whole_key(raw_body)
    if key is None or whole_body(raw_body) is None:
        return [], set()
    findings: list[Finding] = []
    ref = raw_body[key]
    used: set[str] = set()
    if ref in objects:
        used.add(ref)
    elif ref not in PRIMITIVES and ref != "Object":
        findings.append(
            src.finding(
                (*base, key),
                f"`{ref}` is neither a type nor an object table of this spec",
                did_you_mean(ref, [*objects, *PRIMITIVES]) or "add it under `objects:`, or name a type (String, …)",
            )
        )
    return findings, used


def check_whole_headers(src: SourceSpec, status: str, response: Mapping[str, Any]) -> list[Finding]:
    """A result that is a list or a dict cannot also carry the response's headers as attributes."""
    if whole_key(response.get("body", {})) is None or not response.get("headers"):
        return []
    return [
        src.finding(
            ("responses", status, "headers"),
            "a response whose body is a JSON array or map returns a list or dict, with no attributes for headers",
            "remove `headers`: callers read them from `client.with_raw_response(...)`",
        )
    ]
