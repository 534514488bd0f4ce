"""Bodies that are a JSON array, as pages write them: a table whose one row is "[数组]" ("*[数组元素]*",
"[Array]") of the element type."""

from __future__ import annotations

import re
from typing import Any

from .document import Problem
from .names import route_name

__all__ = ["names_whole_array", "whole_bodies"]

_WHOLE_ARRAY = re.compile(r"^\*?\[(?:数组(?:元素)?|array(?: items?)?|list)\]\*?$", re.IGNORECASE)  # "*[数组]*" too


def names_whole_array(name: str) -> bool:
    """Whether a row's name stands for the whole body ("[数组]", "*[数组元素]*", "[Array]")."""
    return bool(_WHOLE_ARRAY.match(name))


def whole_bodies(
    spec: dict[str, Any],
    bodies: dict[str, dict[str, Any]],
    objects: dict[str, Any],
    problems: list[Problem],
    line: int,
) -> None:
    """The request body and each response body that is such a table become `array: <element>`. A
    response's headers go: its result is a list, with no attributes to hold them (SWR's Content-Range)."""
    whole = route_name(spec["method"], spec["path"], lists=True) or "body"
    if (request := spec.get("request_body")) and (array := _array(request, f"{whole}_request_item", objects)):
        spec["request_body"] = {k: v for k, v in request.items() if k != "fields"} | array
    for status, entry in bodies.items():
        if "body" not in entry or (array := _array(entry["body"], f"{whole}_response_item", objects)) is None:
            continue
        entry["body"] = array
        if headers := entry.pop("headers", None):
            names = ", ".join(h["name"] for h in headers)
            problems.append(
                Problem(
                    line,
                    f"status {status or 'of success'}: the body is a JSON array, so its headers ({names}) "
                    "are left out of the spec",
                    "callers read them with client.with_raw_response(...)",
                )
            )


def _array(body: dict[str, Any], key: str, objects: dict[str, Any]) -> dict[str, Any] | None:
    """`{array: element}` for a body table whose only row is the whole array; its element table is
    renamed to a class-like key (`[数组]` names no class)."""
    fields = body.get("fields", [])
    if len(fields) != 1 or not _WHOLE_ARRAY.match(fields[0]["name"]) or fields[0]["type"] != "Array":
        return None
    element = fields[0].get("items", "Object")
    if element in objects and key not in objects:
        objects[key] = objects.pop(element)
        element = key
    return {"array": element}
