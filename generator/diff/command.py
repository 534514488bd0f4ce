"""The `diff` command's behaviour behind the flags: run the diff, print, choose the exit code."""

from __future__ import annotations

from pathlib import Path
from typing import IO

from ..findings import format_findings
from . import SourceError, diff
from .report import render, use_color
from .rules import Level

__all__ = ["FAIL_ON", "run"]

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
FAIL_ON = {"breaking": (Level.BREAKING,), "warning": (Level.BREAKING, Level.WARNING), "never": ()}


def run(
    old: str,
    new: str,
    *,
    fmt: str,
    fail_on: str,
    ignore: Path | None,
    specs_dir: str,
    stdout: IO[str],
    stderr: IO[str],
) -> int:
    """0, or 1 when a change reaches `fail_on` or a side (or the ignore file) is invalid; 2 for a bad OLD/NEW."""
    try:
        result = diff(old, new, specs_dir=specs_dir, ignore=ignore)
    except SourceError as exc:
        stderr.write(f"hwgen diff: error: {exc}\n")
        return EXIT_USAGE
    stderr.write(format_findings(result.findings))
    if not result.valid:
        stderr.write("hwgen diff: error: invalid specs or ignore file; nothing was compared\n")
        return EXIT_FINDINGS
    if not result.old.files and not result.new.files:
        stderr.write(
            f"hwgen diff: error: neither OLD ({result.old.describe()}) nor NEW ({result.new.describe()}) has specs"
            f" under {result.new.display_root} (--specs DIR names the spec directory)\n"
        )
        return EXIT_USAGE
    for name, tree in (("OLD", result.old), ("NEW", result.new)):
        if not tree.files:
            stderr.write(f"hwgen diff: warning: {name} ({tree.describe()}) has no specs under {tree.display_root}\n")
    stdout.write(render(result, fmt, color=fmt == "text" and use_color(stdout)))
    failing = FAIL_ON[fail_on]
    return EXIT_FINDINGS if any(c.level in failing for c in result.changes) else EXIT_OK
