"""`hwgen diff OLD NEW`: what changed in the API between two spec trees, and whether it breaks clients.

sources (directory or git revision → files) → load and validate the services that differ → views
(fields by path, with positions) → compare (the rules in rules.py) → ignore file → report formats.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from ..findings import Finding, has_errors
from .change import Bump, Change, bump_of, next_version
from .compare import compare
from .ignore import IgnoreEntry, apply_ignore, load_ignore
from .rules import RULES, Level, Rule, Section
from .sources import SourceError, Tree, changed_groups, load_groups, read_tree
from .views import view_tree

__all__ = [
    "RULES",
    "Bump",
    "Change",
    "DiffResult",
    "IgnoreEntry",
    "Level",
    "Rule",
    "Section",
    "SourceError",
    "Tree",
    "diff",
    "diff_trees",
]


@dataclass(frozen=True)
class DiffResult:
    old: Tree
    new: Tree
    changes: list[Change]  # sorted, worst first; without the ignored ones
    ignored: list[tuple[Change, IgnoreEntry]] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)  # invalid specs, a bad ignore file, stale entries

    @property
    def valid(self) -> bool:
        return not has_errors(self.findings)

    @property
    def bump(self) -> Bump:
        return bump_of(self.changes)

    @property
    def version(self) -> str | None:
        return self.new.version or self.old.version

    @property
    def next_version(self) -> str | None:
        return next_version(self.version, self.bump)


def diff(old: str, new: str, *, specs_dir: str = "specs", ignore: Path | None = None) -> DiffResult:
    """Diff two directories or git revisions (SourceError when one is neither)."""
    return diff_trees(read_tree(old, specs_dir), read_tree(new, specs_dir), ignore=ignore)


def diff_trees(old: Tree, new: Tree, *, ignore: Path | None = None) -> DiffResult:
    """Only services whose files differ are loaded and validated: an unchanged service cannot hold a change."""
    groups = changed_groups(old, new)
    old_sources, old_findings = load_groups(old, groups)
    new_sources, new_findings = load_groups(new, groups)
    findings = _labelled(old, old_findings) + _labelled(new, new_findings)
    entries: list[IgnoreEntry] = []
    if ignore is not None:
        entries, problems = load_ignore(ignore)
        findings += problems
    if has_errors(findings):
        return DiffResult(old, new, [], findings=findings)
    changes = compare(view_tree(old_sources), view_tree(new_sources))
    kept, ignored, stale = apply_ignore(changes, entries)
    return DiffResult(old, new, kept, ignored, findings + stale)


def _labelled(tree: Tree, findings: list[Finding]) -> list[Finding]:
    """A finding in a git revision names the blob as git does (`main:specs/x.yaml`): it is not in the working tree."""
    if tree.kind != "git":
        return findings
    return [replace(f, path=f"{tree.label}:{f.path}") for f in findings]
