"""Page types → JSON and Python types: the table of DESIGN.md, written once."""

from __future__ import annotations

from typing import Any

__all__ = ["NUMERIC", "PRIMITIVES", "json_type_ok", "openapi_type", "python_type"]

# page type → (Python type, OpenAPI schema)
PRIMITIVES: dict[str, tuple[str, dict[str, str]]] = {
    "String": ("str", {"type": "string"}),
    "Integer": ("int", {"type": "integer", "format": "int32"}),
    "Long": ("int", {"type": "integer", "format": "int64"}),
    "Float": ("float", {"type": "number", "format": "float"}),
    "Double": ("float", {"type": "number", "format": "double"}),
    "Number": ("float", {"type": "number"}),
    "Boolean": ("bool", {"type": "boolean"}),
}
NUMERIC = frozenset({"Integer", "Long", "Float", "Double", "Number"})


def python_type(page_type: str) -> str:
    return PRIMITIVES[page_type][0]


def openapi_type(page_type: str) -> dict[str, str]:
    return dict(PRIMITIVES[page_type][1])


def json_type_ok(page_type: str, value: Any) -> bool:
    """Does a JSON value have the page type? (bool is not an int here, as in JSON.)"""
    if page_type == "String":
        return isinstance(value, str)
    if page_type in ("Integer", "Long"):
        return isinstance(value, int) and not isinstance(value, bool)
    if page_type in NUMERIC:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if page_type == "Boolean":
        return isinstance(value, bool)
    return True
