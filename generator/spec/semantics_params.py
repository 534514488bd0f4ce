"""Semantic checks of what goes on the wire as headers and query text: the collection format of an
Array parameter, and the documented headers of a response."""

from __future__ import annotations

from typing import Any

from ..findings import Finding
from ..model.derive import field_python_name
from .load import Pointer, SourceSpec

__all__ = ["check_collection_format", "check_response_headers"]

_HEADER_TYPES = ("String", "Integer", "Long", "Float", "Double", "Number", "Boolean")


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


def check_response_headers(src: SourceSpec, status: str, response: dict[str, Any]) -> list[Finding]:
    """A response header is a scalar, named once (names ignore case), and its attribute on the result
    must not be a body field's."""
    findings: list[Finding] = []
    body = {field_python_name(f, "response"): f["name"] for f in response.get("body", {}).get("fields", [])}
    seen: dict[str, str] = {}
    attributes: dict[str, str] = {}  # python name → the header that has it
    for i, header in enumerate(response.get("headers", [])):
        pointer: Pointer = ("responses", status, "headers", i)
        name = header["name"]
        if header["type"] not in _HEADER_TYPES:
            message = f"response header `{name}` is {header['type']}: a header holds one text value"
            findings.append(src.finding((*pointer, "type"), message, "use String (or a number or Boolean)"))
        if name.lower() in seen:
            message = f"response header `{name}` is listed twice (as `{seen[name.lower()]}` before)"
            findings.append(src.finding((*pointer, "name"), message, "header names ignore case: remove one"))
        seen.setdefault(name.lower(), name)
        attribute = field_python_name(header, "response_header")
        if attribute in body:
            message = f"response header `{name}` and body field `{body[attribute]}` would both be `{attribute}`"
            findings.append(src.finding((*pointer, "name"), message, "give the header a `python_name`"))
        elif attribute in attributes and attributes[attribute].lower() != name.lower():
            message = f"response headers `{attributes[attribute]}` and `{name}` would both be `{attribute}`"
            findings.append(src.finding((*pointer, "name"), message, "give one of them a `python_name`"))
        attributes.setdefault(attribute, name)
    return findings
