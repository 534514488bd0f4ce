"""A change between two spec trees, and what a set of changes means for the package's version."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from .rules import RULES, Level, Rule, Section

__all__ = ["Bump", "Change", "bump_of", "counts", "next_version"]


@dataclass(frozen=True)
class Change:
    """One finding of the diff: which rule, where in the API, what it was and is, and where in the YAML.

    `file` and `line` are in NEW, or in OLD when the thing is gone (`side` says which).
    `subject` tells apart several findings of one rule on one field (each enum value removed).
    """

    rule_id: str
    service: str
    operation: str  # "" for a change of the service itself
    path: str  # field path: query.limit, body.apps[].id, 200.export_tasks[].status; "" for the operation
    old: str | None
    new: str | None
    message: str
    file: str
    line: int
    side: Literal["old", "new"]
    subject: str = ""

    @property
    def rule(self) -> Rule:
        return RULES[self.rule_id]

    @property
    def level(self) -> Level:
        return self.rule.level

    @property
    def target(self) -> str:
        """`service/operation`, or the service alone for a service-level change."""
        return f"{self.service}/{self.operation}" if self.operation else self.service

    @property
    def fingerprint(self) -> str:
        """Names the change, not its place in the file: stable across unrelated edits."""
        import hashlib  # here: the text report, which every import command prints, names no change by it

        key = "\x1f".join((self.rule_id, self.service, self.operation, self.path, self.subject))
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]

    def sort_key(self) -> tuple[int, str, str, str, str, str]:
        return (self.level.rank, self.service, self.operation, self.path, self.rule_id, self.subject)


class Bump(StrEnum):
    MAJOR = "major"
    MINOR = "minor"
    PATCH = "patch"
    NONE = "none"


def bump_of(changes: Iterable[Change]) -> Bump:
    """Breaking → major; a warning or an addition → minor; anything else → patch; nothing → none."""
    bump = Bump.NONE
    for change in changes:
        if change.level is Level.BREAKING:
            return Bump.MAJOR
        if change.level is Level.WARNING or change.rule.section is Section.ADDED:
            bump = Bump.MINOR
        elif bump is Bump.NONE:
            bump = Bump.PATCH
    return bump


def next_version(current: str | None, bump: Bump) -> str | None:
    """The version after `bump`; below 1.0 every step moves down one place (0.1.0 + major → 0.2.0).

    Semantic Versioning promises nothing before 1.0; the common reading (Cargo's, npm's caret) is
    that 0.y acts as the major number, so a breaking change bumps y and anything else bumps z.
    """
    if current is None or bump is Bump.NONE:
        return current
    parts = current.split(".")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        return None
    major, minor, patch = (int(p) for p in parts)
    if major == 0:
        return f"0.{minor + 1}.0" if bump is Bump.MAJOR else f"0.{minor}.{patch + 1}"
    if bump is Bump.MAJOR:
        return f"{major + 1}.0.0"
    return f"{major}.{minor + 1}.0" if bump is Bump.MINOR else f"{major}.{minor}.{patch + 1}"


def counts(changes: Iterable[Change]) -> dict[Level, int]:
    result = dict.fromkeys(Level, 0)
    for change in changes:
        result[change.level] += 1
    return result
