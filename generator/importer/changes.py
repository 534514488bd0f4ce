"""What a re-import changed in the API, in words a reviewer reads at a glance.

This is the importer's short account ("query parameter limit: maximum 100 → 200"); the full,
rule-based classification of breaking changes is `python -m generator diff`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .merge import FIELD_ORDER, HAND_FIELD_KEYS, dig

__all__ = ["api_changes"]

# The facts a client depends on: every field key but its name, its text and what a person adds.
_FACTS = tuple(k for k in FIELD_ORDER if k not in ("name", "description", *HAND_FIELD_KEYS))


def _show(value: Any) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, list):
        return "[" + ", ".join(_show(v["value"] if isinstance(v, dict) else v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _kind(fld: dict[str, Any]) -> str:
    kind = str(fld.get("type"))
    detail = fld.get("items") or fld.get("object") or fld.get("values")
    return f"{kind} of {detail}" if detail and kind == "Array" else f"{kind} {detail}" if detail else kind


def _field_list(label: str, old: Any, new: Any) -> Iterator[str]:
    old_by = {f.get("name"): f for f in old or [] if isinstance(f, dict)}
    new_by = {f.get("name"): f for f in new or [] if isinstance(f, dict)}
    for name, fld in new_by.items():
        if name not in old_by:
            need = "required" if fld.get("required") else "optional"
            yield f"added: {label} {name} ({_kind(fld)}, {need})"
            continue
        before = old_by[name]
        for key in _FACTS:
            if before.get(key) != fld.get(key):
                yield f"changed: {label} {name}: {key} {_show(before.get(key))} → {_show(fld.get(key))}"
        if before.get("description") != fld.get("description"):
            yield f"changed: {label} {name}: description"
    for name in old_by:
        if name not in new_by:
            yield f"removed: {label} {name}"


def api_changes(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """One line per change between two versions of a spec, in spec order."""
    out: list[str] = []
    for key in ("method", "path"):
        if old.get(key) != new.get(key):
            out.append(f"changed: {key} {_show(old.get(key))} → {_show(new.get(key))}")
    for location in ("path", "query", "header"):
        label = f"{location} parameter"
        out += _field_list(label, dig(old, "parameters", location), dig(new, "parameters", location))
    out += _field_list("request body field", dig(old, "request_body", "fields"), dig(new, "request_body", "fields"))
    old_responses, new_responses = old.get("responses") or {}, new.get("responses") or {}
    for code, response in new_responses.items():
        if code not in old_responses:
            out.append(f"added: response {code}")
            continue
        before = old_responses[code]
        if ("file" in before) != ("file" in response):
            kinds = ["file" if "file" in r else "JSON" for r in (before, response)]
            out.append(f"changed: response {code}: {kinds[0]} → {kinds[1]}")
        label = f"response {code} field"
        out += _field_list(label, dig(before, "body", "fields"), dig(response, "body", "fields"))
    out += [f"removed: response {code}" for code in old_responses if code not in new_responses]
    old_objects, new_objects = old.get("objects") or {}, new.get("objects") or {}
    for name, obj in new_objects.items():
        if name not in old_objects:
            out.append(f"added: object {name}")
        else:
            out += _field_list(f"object {name} field", dig(old_objects[name], "fields"), obj.get("fields"))
    out += [f"removed: object {name}" for name in old_objects if name not in new_objects]
    return out
