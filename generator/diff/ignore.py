"""The ignore file: changes a team has looked at and accepted, each with the reason why.

ignore:
  - rule: request-field-removed
    operation: workspace/list_export_tasks   # service/operation; the service alone for service changes
    path: query.file_name                    # optional: every path of that rule and operation otherwise
    reason: The service never read this parameter (ticket 1234).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..findings import Finding, Severity, did_you_mean
from ..spec.load import SourceSpec, load_file
from .change import Change
from .rules import RULES

__all__ = ["IgnoreEntry", "apply_ignore", "load_ignore"]

_KEYS = ("rule", "operation", "path", "reason")


@dataclass(frozen=True)
class IgnoreEntry:
    rule: str
    operation: str
    path: str | None
    reason: str
    file: str
    line: int

    def matches(self, change: Change) -> bool:
        return (
            change.rule_id == self.rule
            and change.target == self.operation
            and (self.path is None or change.path == self.path)
        )


def load_ignore(path: Path) -> tuple[list[IgnoreEntry], list[Finding]]:
    """The entries of an ignore file; every malformed one is a finding at its line instead."""
    loaded = load_file(path)
    if isinstance(loaded, Finding):
        return [], [loaded]
    data = loaded.data
    if set(data) != {"ignore"} or not isinstance(data["ignore"], list):
        extra = sorted(set(data) - {"ignore"})
        where = (extra[0],) if extra else ()
        return [], [loaded.finding(where, "an ignore file is a mapping with one key, `ignore`, holding a list")]
    entries: list[IgnoreEntry] = []
    findings: list[Finding] = []
    for i, item in enumerate(data["ignore"]):
        entry = _entry(loaded, item, ("ignore", i), findings)
        if entry is not None:
            entries.append(entry)
    return entries, sorted(findings)


def _entry(src: SourceSpec, item: Any, at: tuple[str, int], findings: list[Finding]) -> IgnoreEntry | None:
    if not isinstance(item, dict):
        findings.append(src.finding(at, "an ignore entry is a mapping with `rule`, `operation`, `reason` (and `path`)"))
        return None
    problems = len(findings)
    for key in item:
        if key not in _KEYS:
            findings.append(src.finding((*at, key), f"unknown key `{key}`", did_you_mean(key, _KEYS), key=True))
    for key in ("rule", "operation", "reason"):
        if key not in item:
            hint = "say why the change is acceptable" if key == "reason" else None
            findings.append(src.finding(at, f"the entry has no `{key}`", hint))
    for key in _KEYS:
        if key in item and (not isinstance(item[key], str) or not item[key].strip()):
            findings.append(src.finding((*at, key), f"`{key}` must be a non-empty text"))
    rule = item.get("rule")
    if isinstance(rule, str) and rule.strip() and rule not in RULES:
        findings.append(src.finding((*at, "rule"), f"unknown rule `{rule}`", did_you_mean(rule, RULES)))
    if len(findings) > problems:
        return None
    return IgnoreEntry(
        rule=item["rule"],
        operation=item["operation"].strip("/"),
        path=item.get("path"),
        reason=item["reason"],
        file=src.display,
        line=src.where(at)[0],
    )


def apply_ignore(
    changes: Iterable[Change], entries: list[IgnoreEntry]
) -> tuple[list[Change], list[tuple[Change, IgnoreEntry]], list[Finding]]:
    """Kept changes, ignored ones with the entry that matched, and a warning per entry that matched nothing."""
    kept: list[Change] = []
    ignored: list[tuple[Change, IgnoreEntry]] = []
    used: set[int] = set()
    for change in changes:
        match = next((i for i, e in enumerate(entries) if e.matches(change)), None)
        if match is None:
            kept.append(change)
        else:
            used.add(match)
            ignored.append((change, entries[match]))
    stale = [
        Finding(
            e.file,
            e.line,
            1,
            Severity.WARNING,
            f"ignore entry matches no change: {e.rule} on {e.operation}" + (f" at {e.path}" if e.path else ""),
            "remove the entry if the change is gone",
        )
        for i, e in enumerate(entries)
        if i not in used
    ]
    return kept, ignored, stale
