"""Update in place: the page's transcription, with the spec's hand-written parts carried over.

A spec is part page, part hand: pagination, jobs, waiters, naming overrides, sensitive flags and
notes exist only in the spec. Re-importing a page replaces what the page says and keeps the
rest, matching parameters and fields by name and objects by table name.
"""

from __future__ import annotations

from typing import Any

__all__ = ["FIELD_ORDER", "HAND_FIELD_KEYS", "HAND_WRITTEN", "dig", "merge"]

# Top-level sections that only a person writes (kept in this order at the end of a spec).
HAND_WRITTEN = ("pagination", "waiter", "job", "idempotent", "deprecated", "notes")
HAND_FIELD_KEYS = ("python_name", "sensitive", "runtime", "pattern", "format", "example", "deprecated", "note")
_OBJECT_KEYS = ("python_name", "description")
# The order of a parameter's or field's keys in a spec, page facts and hand-written keys alike.
FIELD_ORDER = (
    "name",
    "python_name",
    "required",
    "nullable",
    "type",
    "items",
    "object",
    "values",
    "collection_format",
    "runtime",
    "sensitive",
    "description",
    "enum",
    "minimum",
    "maximum",
    "min_length",
    "max_length",
    "min_items",
    "max_items",
    "pattern",
    "format",
    "default",
    "example",
    "deprecated",
    "note",
)


def _fields(new: list[dict[str, Any]], old: Any) -> list[dict[str, Any]]:
    by_name = {f.get("name"): f for f in old} if isinstance(old, list) else {}
    out = []
    for fld in new:
        previous = by_name.get(fld["name"])
        merged = dict(fld)
        if isinstance(previous, dict):
            for key in HAND_FIELD_KEYS:
                if key in previous:
                    merged[key] = previous[key]
        out.append({k: merged[k] for k in FIELD_ORDER if k in merged})
    return out


def dig(data: Any, *keys: str) -> Any:
    """data[k1][k2]..., or None where a level is missing or not a mapping."""
    for key in keys:
        data = data.get(key) if isinstance(data, dict) else None
    return data


def merge(imported: dict[str, Any], existing: dict[str, Any]) -> dict[str, Any]:
    """`imported` with the hand-written parts of `existing` (a spec of the same operation)."""
    out = dict(imported)
    if isinstance(page := dig(existing, "source", "page"), str):
        out["source"] = {**imported["source"], "page": page}
    for location, params in imported.get("parameters", {}).items():
        out["parameters"] = {**out["parameters"], location: _fields(params, dig(existing, "parameters", location))}
    if "request_body" in imported:
        body = dict(imported["request_body"])
        old_body = dig(existing, "request_body") or {}
        for key in ("content_type", "description"):
            if key not in body and key in old_body:
                body[key] = old_body[key]
        body["fields"] = _fields(body["fields"], old_body.get("fields"))
        out["request_body"] = {k: body[k] for k in ("content_type", "description", "fields") if k in body}
    responses = {}
    for code, response in imported["responses"].items():
        response = dict(response)
        if "body" in response:
            response["body"] = {
                "fields": _fields(response["body"]["fields"], dig(existing, "responses", code, "body", "fields"))
            }
        old_type = dig(existing, "responses", code, "file", "content_type")
        if "file" in response and old_type and "content_type" not in response["file"]:
            response["file"] = {**response["file"], "content_type": old_type}
        responses[code] = response
    out["responses"] = responses
    if "objects" in imported:
        objects = {}
        for name, obj in imported["objects"].items():
            old = dig(existing, "objects", name) or {}
            kept = {k: old[k] for k in _OBJECT_KEYS if k in old}
            objects[name] = {**kept, "fields": _fields(obj["fields"], old.get("fields"))}
        out["objects"] = objects
    for key in HAND_WRITTEN:
        if key in existing:
            out[key] = existing[key]
    return out
