"""What a page's transcription needs to fit its service and to validate, each change a finding.

- Object tables are per page, model classes per service: a table whose class another spec of
  the service defines with other fields gets `python_name: <Operation><Class>` (identical
  tables still share one class).
- An example that still contradicts its tables after consistency.py (a string for an integer,
  a value outside the enumeration) is kept as JSON text, which validates with a warning, and
  the first contradiction is reported.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterable
from typing import Any

from ..findings import Finding, Severity
from ..load import SourceSpec
from ..naming import class_name

__all__ = ["rename_colliding_objects", "textify_bad_examples"]


def _classes(specs: Iterable[SourceSpec]) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = {}
    for spec in specs:
        for name, table in (spec.data.get("objects") or {}).items():
            if isinstance(table, dict):
                out.setdefault(table.get("python_name") or class_name(name), []).append(table.get("fields"))
    return out


def rename_colliding_objects(data: dict[str, Any], operation: str, others: Iterable[SourceSpec]) -> list[str]:
    """Give a table whose class another spec defines differently a class of its own; the renamed tables."""
    taken = _classes(others)
    renamed: list[str] = []
    prefix = class_name(operation)
    for name, table in (data.get("objects") or {}).items():
        cls = table.get("python_name") or class_name(name)
        if cls in taken and any(fields != table["fields"] for fields in taken[cls]):
            base = f"{prefix}{cls}" if not cls.startswith(prefix) else f"{cls}Of{prefix}"
            cls, n = base, 2
            while cls in taken and any(fields != table["fields"] for fields in taken[cls]):
                cls, n = f"{base}{n}", n + 1
            table["python_name"] = cls
            renamed.append(name)
        taken.setdefault(cls, []).append(table["fields"])  # tables of this page meet each other too
    return renamed


def _examples(data: dict[str, Any]) -> list[tuple[str, dict[str, Any], str]]:
    """(where, holder, key) of every example value in a spec."""
    found = [(f"example response {c}", r, "example") for c, r in data.get("responses", {}).items() if "example" in r]
    found += [
        (f"example request {i + 1}", e, "body") for i, e in enumerate(data.get("request_examples", [])) if "body" in e
    ]
    return found


def textify_bad_examples(
    data: dict[str, Any], check: Callable[[dict[str, Any]], list[Finding]]
) -> list[tuple[str, Finding]]:
    """Examples whose checks fail become JSON text; returns each one with its first finding."""
    changed: list[tuple[str, Finding]] = []
    for where, holder, key in _examples(data):
        if isinstance(holder[key], str):
            continue
        alone = copy.deepcopy(data)
        for other_where, other, other_key in _examples(alone):
            if other_where != where:
                del other[other_key]
        errors = [f for f in check(alone) if f.severity is Severity.ERROR and "example" in f.message]
        if errors:
            holder[key] = json.dumps(holder[key], ensure_ascii=False, indent=2)
            changed.append((where, errors[0]))
    return changed
