"""The one exception the pipeline raises for bad input: it carries findings, never a traceback."""

from __future__ import annotations

from .findings import Finding

__all__ = ["SpecError"]


class SpecError(Exception):
    """Raised when input is invalid; the CLI prints its findings and exits 1."""

    def __init__(self, findings: list[Finding]) -> None:
        super().__init__(f"{len(findings)} finding(s)")
        self.findings = findings
