"""The diff's output formats: text for a terminal, Markdown for a pull request, JSON, GitHub annotations, changelog.

Every format lists the same changes in the same order (worst first, then by service, operation and
path) and ends with (or carries) the version bump the generated package needs.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping
from typing import IO, Any

from . import DiffResult
from .change import Change, counts
from .rules import Level, Section

__all__ = ["FORMATS", "JSON_SCHEMA_VERSION", "render", "use_color"]

JSON_SCHEMA_VERSION = 1
_COLORS = {Level.BREAKING: "\033[1;31m", Level.WARNING: "\033[33m", Level.INFO: "\033[36m"}
_DIM, _RESET = "\033[2m", "\033[0m"


def use_color(stream: IO[str], environ: Mapping[str, str] | None = None) -> bool:
    """Colour on a terminal; NO_COLOR turns it off and FORCE_COLOR on (https://no-color.org)."""
    env = os.environ if environ is None else environ
    if env.get("NO_COLOR"):
        return False
    if env.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _where(change: Change) -> str:
    return f"{change.file}:{change.line}"


def _summary(result: DiffResult) -> str:
    n = counts(result.changes)
    parts = [f"{n[level]} {level.value}" for level in Level]
    if result.ignored:
        parts.append(f"{len(result.ignored)} ignored")
    return ", ".join(parts)


def _semver(result: DiffResult) -> str:
    bump = result.bump.value
    if result.version and result.next_version and result.next_version != result.version:
        return f"{bump} ({result.version} → {result.next_version})"
    return bump


def text(result: DiffResult, color: bool = False) -> str:
    """Compiler-style lines: `file:line: level: service/operation: message [rule]`."""

    def paint(code: str, value: str) -> str:
        return f"{code}{value}{_RESET}" if color else value

    lines = [f"API changes {result.old.describe()} → {result.new.describe()}"]
    for c in result.changes:
        side = " (in OLD)" if c.side == "old" else ""
        lines.append(
            f"{_where(c)}{side}: {paint(_COLORS[c.level], c.level.value)}: {c.target}: {c.message}"
            f" {paint(_DIM, f'[{c.rule_id}]')}"
        )
    if not result.changes:
        lines.append("no API changes")
    lines.append(f"{_summary(result)}; version bump: {_semver(result)}")
    return "\n".join(lines) + "\n"


def _cell(value: str | None) -> str:
    if value is None:
        return ""
    return value.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _code(value: str | None) -> str:
    return f"`{_cell(value)}`" if value else ""


def markdown(result: DiffResult) -> str:
    """A pull-request comment: the counts and the bump first, then one table per service, breaking first."""
    n = counts(result.changes)
    lines = [f"### API changes: `{result.old.describe()}` → `{result.new.describe()}`", ""]
    if not result.changes:
        lines.append("No API changes." + (f" {len(result.ignored)} ignored." if result.ignored else ""))
    else:
        headline = f"**{n[Level.BREAKING]} breaking**" if n[Level.BREAKING] else "0 breaking"
        rest = [f"{n[Level.WARNING]} warning", f"{n[Level.INFO]} info"]
        if result.ignored:
            rest.append(f"{len(result.ignored)} ignored")
        lines.append(f"{headline} · {' · '.join(rest)} · version bump: **{_semver(result)}**")
    worst: dict[str, int] = {}
    for c in result.changes:
        worst[c.service] = min(worst.get(c.service, 9), c.level.rank)
    services = sorted(worst, key=lambda name: (worst[name], name))  # services with breaking changes first
    for service in services:
        lines += ["", f"#### {service}", "", "| level | operation | change | path | old → new | where | rule |"]
        lines.append("|---|---|---|---|---|---|---|")
        for c in (c for c in result.changes if c.service == service):
            level = f"**{c.level.value}**" if c.level is Level.BREAKING else c.level.value
            moved = f"{_code(c.old) or 'none'} → {_code(c.new) or 'none'}" if (c.old or c.new) else ""
            lines.append(
                f"| {level} | {_code(c.operation)} | {_cell(c.message)} | {_code(c.path)} | {moved}"
                f" | {_cell(_where(c))} | `{c.rule_id}` |"
            )
    if result.ignored:
        lines += ["", "<details><summary>Ignored changes</summary>", ""]
        for c, entry in result.ignored:
            lines.append(f"- `{c.rule_id}` {c.target} {_code(c.path)}: {_cell(entry.reason)}")
        lines += ["", "</details>"]
    return "\n".join(lines) + "\n"


def _change_json(change: Change) -> dict[str, Any]:
    return {
        "level": change.level.value,
        "rule": change.rule_id,
        "service": change.service,
        "operation": change.operation,
        "path": change.path,
        "old": change.old,
        "new": change.new,
        "message": change.message,
        "file": change.file,
        "line": change.line,
        "side": change.side,
        "fingerprint": change.fingerprint,
    }


def as_json(result: DiffResult) -> str:
    """The shape documented in docs/diff-rules.md ("JSON output")."""
    n = counts(result.changes)

    def side(tree: Any) -> dict[str, Any]:
        return {"label": tree.label, "kind": tree.kind, "revision": tree.revision}

    document = {
        "schema_version": JSON_SCHEMA_VERSION,
        "old": side(result.old),
        "new": side(result.new),
        "summary": {**{level.value: n[level] for level in Level}, "ignored": len(result.ignored)},
        "semver": {"bump": result.bump.value, "current": result.version, "next": result.next_version},
        "changes": [_change_json(c) for c in result.changes],
        "ignored": [{**_change_json(c), "reason": e.reason} for c, e in result.ignored],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _escape(value: str, *, prop: bool = False) -> str:
    """GitHub workflow-command escaping (properties also escape `:` and `,`)."""
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if prop else value


def githubactions(result: DiffResult) -> str:
    """`::error file=…,line=…::` per breaking change, `::warning` and `::notice` for the others."""
    command = {Level.BREAKING: "error", Level.WARNING: "warning", Level.INFO: "notice"}
    lines = []
    # OLD's files are not in the checkout when OLD is a revision (or shares NEW's directory): a removed
    # item's OLD line would mark whatever NEW has there, so it annotates the file and names the line.
    old_elsewhere = result.old.kind == "git" or result.old.display_root == result.new.display_root
    for c in result.changes:
        title = _escape(f"{c.rule_id} ({c.target})", prop=True)
        where, message = f"file={_escape(c.file, prop=True)}", c.message
        if c.side == "new" or not old_elsewhere:
            where += f",line={c.line}"
        else:
            message += f" (line {c.line} in {result.old.describe()})"
        lines.append(f"::{command[c.level]} {where},title={title}::{_escape(message)}")
    lines.append(f"::notice title=hwgen diff::{_escape(_summary(result) + '; version bump: ' + _semver(result))}")
    return "\n".join(lines) + "\n"


def changelog(result: DiffResult) -> str:
    """A Keep-a-Changelog section for the generated package: Breaking, Added, Changed, Deprecated."""
    version = result.next_version if result.next_version and result.bump.value != "none" else None
    lines = [f"## [{version}] - Unreleased" if version else "## [Unreleased]"]
    for section in Section:
        entries = [
            c for c in result.changes if (Section.BREAKING if c.level is Level.BREAKING else c.rule.section) is section
        ]
        if not entries:
            continue
        lines += ["", f"### {section.value}", ""]
        lines += [f"- `{c.target}`: {c.message}." for c in entries]
    if not result.changes:
        lines += ["", "No API changes."]
    return "\n".join(lines) + "\n"


FORMATS: dict[str, Callable[[DiffResult], str]] = {
    "text": text,
    "markdown": markdown,
    "json": as_json,
    "githubactions": githubactions,
    "changelog": changelog,
}


def render(result: DiffResult, fmt: str, *, color: bool = False) -> str:
    return text(result, color) if fmt == "text" else FORMATS[fmt](result)
