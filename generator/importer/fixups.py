"""Examples that still contradict the page's tables after consistency.py (a string for an
integer, a value outside the enumeration) are kept as JSON text, which validates with a warning,
and the first contradiction is reported. (Tables whose class another spec defines differently
need nothing here: the model renames them by its one rule, with a warning.)
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

from ..findings import Finding, Severity

__all__ = ["textify_bad_examples"]


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
