"""Findings: problems in the input, as values that know where they happened."""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from enum import StrEnum
from pathlib import Path

__all__ = ["Finding", "Severity", "did_you_mean", "display_path", "format_findings", "has_errors"]


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"  # a fact hwgen derived (a status a page does not state): shown, never an error


@functools.total_ordering
@dataclass(frozen=True)
class Finding:
    """One problem: where (path, 1-based line and column), how bad, what, and how to fix it.

    Findings sort by place, then severity and text; a missing hint sorts before any hint.
    """

    path: str
    line: int
    col: int
    severity: Severity
    message: str
    hint: str | None = None

    def _key(self) -> tuple[str, int, int, str, str, bool, str]:
        return (
            self.path,
            self.line,
            self.col,
            self.severity.value,
            self.message,
            self.hint is not None,
            self.hint or "",
        )

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Finding):
            return NotImplemented
        return self._key() < other._key()

    def __str__(self) -> str:
        """One line, whatever the message holds: a line break inside it is written as \\n."""
        text = f"{self.path}:{self.line}:{self.col}: {self.severity.value}: {self.message}"
        text = f"{text} ({self.hint})" if self.hint else text
        return text.replace("\r", "\\r").replace("\n", "\\n")


def did_you_mean(word: object, choices: Iterable[object]) -> str | None:
    """A hint naming the closest choice (the same word in another case first), or None."""
    import difflib  # only when there is a finding to hint at

    texts = [str(c) for c in choices]
    close = [t for t in texts if t.casefold() == str(word).casefold()]
    close = close or difflib.get_close_matches(str(word), texts, n=1, cutoff=0.6)
    return f"did you mean `{close[0]}`?" if close else None


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.severity is Severity.ERROR for f in findings)


def format_findings(findings: Iterable[Finding], fmt: str = "text") -> str:
    """Render findings sorted by place, as compiler-style lines or a JSON list."""
    ordered = sorted(findings)
    if fmt == "json":
        rows = [{**asdict(f), "severity": f.severity.value} for f in ordered]
        return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"
    return "".join(f"{f}\n" for f in ordered)


def display_path(path: Path) -> str:
    """A path as findings show it: relative to the working directory when it is below it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()
