"""Findings: problems in the input, as values that know where they happened."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from enum import StrEnum

__all__ = ["Finding", "Severity", "format_findings", "has_errors"]


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Finding:
    """One problem: where (path, 1-based line and column), how bad, what, and how to fix it."""

    path: str
    line: int
    col: int
    severity: Severity
    message: str
    hint: str | None = None

    def __str__(self) -> str:
        text = f"{self.path}:{self.line}:{self.col}: {self.severity.value}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.severity is Severity.ERROR for f in findings)


def format_findings(findings: Iterable[Finding], fmt: str = "text") -> str:
    """Render findings sorted by place, as compiler-style lines or a JSON list."""
    ordered = sorted(findings)
    if fmt == "json":
        rows = [{**asdict(f), "severity": f.severity.value} for f in ordered]
        return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"
    return "".join(f"{f}\n" for f in ordered)
