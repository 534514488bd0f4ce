"""`hwgen import`: pages, folders or URLs → one service's specs, then a summary and the API changes.

"The docs moved on; regenerate" is one command over a service's documentation folder: every
page is imported (other pages are skipped and counted), `--sync` lists the operations whose page
is gone and `--prune` removes them, and the run ends with what it changed in the API, classified
as `hwgen diff` classifies it.
"""

from __future__ import annotations

import argparse
import json
import keyword
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from ..findings import Finding, Severity, display_path, format_findings, has_errors
from ..model.naming import is_snake_identifier
from ..spec.load import SERVICE_FILE, SourceSpec
from .pages import Imported
from .run import import_pages
from .service import ServiceIndex
from .sources import expand

__all__ = ["run"]

_EXIT_OK, _EXIT_FINDINGS, _EXIT_USAGE = 0, 1, 2
_ACTIONS = ("created", "updated", "unchanged", "skipped", "failed")


def _cause(message: str) -> str:
    """A finding's message without its particulars, to count alike failures and warnings together."""
    text = re.sub(r"'[^']*'|`[^`]*`|\"[^\"]*\"|\{[^}]*\}|/\S+|\d+", "…", message)
    return text.split(" (", 1)[0][:70]


def _summary(results: list[Imported]) -> dict[str, Any]:
    counts: Counter[str] = Counter(r.action for r in results)
    failed = Counter(
        _cause(next((f.message for f in r.findings if f.severity is Severity.ERROR), "not imported"))
        for r in results
        if r.action == "failed"
    )
    skipped = Counter(
        _cause(next((f.message for f in reversed(r.findings) if f.severity is Severity.INFO), "skipped"))
        for r in results
        if r.action == "skipped"
    )
    warnings = Counter(_cause(f.message) for r in results for f in r.findings if f.severity is Severity.WARNING)
    return {
        "pages": len(results),
        **{action: counts.get(action, 0) for action in _ACTIONS},
        "failed_by_cause": dict(failed.most_common()),
        "skipped_by_cause": dict(skipped.most_common()),
        "warnings_by_kind": dict(warnings.most_common()),
    }


def _table(summary: dict[str, Any]) -> str:
    lines = ["", f"{summary['pages']} pages: " + ", ".join(f"{summary[a]} {a}" for a in _ACTIONS)]
    for key, title in (
        ("failed_by_cause", "failed"),
        ("skipped_by_cause", "skipped"),
        ("warnings_by_kind", "warnings"),
    ):
        if summary[key]:
            lines.append(f"  {title}:")
            lines += [f"    {n:5d}  {cause}" for cause, n in summary[key].items()]
    return "\n".join(lines) + "\n"


class _Progress:
    """One line on a terminal, rewritten in place: a progress bar is not worth a dependency."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.on = total > 1 and sys.stderr.isatty()

    def __call__(self, done: int) -> None:
        if self.on:
            width = 30
            filled = width * done // self.total
            sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{self.total} pages")
            sys.stderr.flush()

    def close(self) -> None:
        if self.on:
            sys.stderr.write("\r" + " " * 60 + "\r")


def _changes(before: list[SourceSpec], after: list[SourceSpec], specs: Path) -> str:
    """The run's API changes, as `hwgen diff` reports them, from the specs the run already holds.

    Every spec the run wrote was checked before it was written, so only the specs as they were
    before the run are validated here; nothing is read back from disk.
    """
    from ..diff import DiffResult, Tree
    from ..diff.compare import compare
    from ..diff.report import text
    from ..diff.views import view_tree
    from ..spec.validate import validate_sources

    old = Tree("before", "directory", None, {}, display_path(specs))
    new = Tree("after", "directory", None, {}, display_path(specs))
    if [(s.path, s.data) for s in before] == [(s.path, s.data) for s in after]:
        return "no API changes\n"
    if has_errors(validate_sources(before)):
        return "API changes not shown: the specs before this run do not validate (run `hwgen validate`)\n"
    return text(DiffResult(old, new, compare(view_tree(before), view_tree(after))))


def _gone(results: list[Imported], service_dir: Path, pages: set[str]) -> list[Path]:
    """Specs whose page is not among the pages of this run."""
    import yaml

    gone: list[Path] = []
    for path in sorted(service_dir.glob("*.yaml")):
        if path.name == SERVICE_FILE:
            continue
        try:
            data = yaml.safe_load(path.read_text("utf-8"))
        except (OSError, yaml.YAMLError):
            continue
        page = (data.get("source") or {}).get("page") if isinstance(data, dict) else None
        if isinstance(page, str) and page not in pages:
            gone.append(path)
    return gone


def _named_by_jobs(service_dir: Path, removing: set[str]) -> dict[str, str]:
    """Operations a kept spec's hand-written job still names: removing them would break it."""
    import yaml

    named: dict[str, str] = {}
    for path in sorted(service_dir.glob("*.yaml")):
        if path.name == SERVICE_FILE or path.stem in removing:
            continue
        data = yaml.safe_load(path.read_text("utf-8")) or {}
        job = data.get("job") or {} if isinstance(data, dict) else {}
        for target in (job.get("poll"), (job.get("download") or {}).get("operation")):
            if target in removing:
                named[target] = path.name
    return named


def _sync(results: list[Imported], args: argparse.Namespace, names: set[str]) -> list[Finding]:
    service_dir = args.specs / args.service
    gone = _gone(results, service_dir, names)
    findings: list[Finding] = []
    blocked = _named_by_jobs(service_dir, {p.stem for p in gone}) if args.prune else {}
    for path in gone:
        where = display_path(path)
        if not args.prune:
            sys.stderr.write(f"{where}: its page is gone from the folder (--prune removes it)\n")
        elif path.stem in blocked:
            message = f"its page is gone, but {blocked[path.stem]}'s job still names {path.stem}: not removed"
            findings.append(Finding(where, 1, 1, Severity.ERROR, message, "edit that job first"))
        else:
            path.unlink()
            sys.stderr.write(f"{where}: removed (its page is gone)\n")
    return findings


def run(args: argparse.Namespace) -> int:
    for flag, value in (("--service", args.service), ("--operation", args.operation)):
        if value is not None and not is_snake_identifier(value):
            why = (
                f"is a Python keyword, which cannot name a module (try {value}_service)"
                if keyword.iskeyword(value)
                else "is not a snake_case name (like list_export_tasks)"
            )
            sys.stderr.write(f"hwgen import: error: {flag} {value!r} {why}\n")
            return _EXIT_USAGE
    sources, folders = expand(args.pages)
    if args.operation and len(sources) > 1:
        sys.stderr.write("hwgen import: error: --operation names one spec: give a single page with it\n")
        return _EXIT_USAGE
    if args.prune and not args.sync:
        sys.stderr.write("hwgen import: error: --prune works with --sync\n")
        return _EXIT_USAGE
    if args.sync and not folders:
        sys.stderr.write("hwgen import: error: --sync needs a folder of pages: it lists the specs whose page is gone\n")
        return _EXIT_USAGE
    index = ServiceIndex(args.specs / args.service, args.service)
    before = index.snapshot()
    progress = _Progress(len(sources))
    results = import_pages(
        sources,
        service=args.service,
        specs=args.specs,
        operation=args.operation,
        strict=args.strict,
        folders=folders,
        progress=progress,
        index=index,
        jobs=args.jobs,
    )
    progress.close()
    findings = sorted(f for result in results for f in result.findings)
    if args.sync:
        findings += _sync(results, args, {Path(str(s)).name for s in sources})
    summary = _summary(results)
    if args.format == "json":
        payload = {
            "results": [{"page": r.page, "spec": r.spec, "action": r.action, "changes": r.changes} for r in results],
            "summary": summary,
            "findings": json.loads(format_findings(findings, "json") or "[]"),
        }
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        return _EXIT_FINDINGS if has_errors(findings) else _EXIT_OK
    sys.stderr.write(format_findings(findings))
    for result in results:
        if result.action == "failed":
            sys.stderr.write(f"{result.page}: not imported\n")
        elif result.action != "skipped":
            sys.stderr.write(f"{result.spec}: {result.action} from {result.page}\n")
            for change in result.changes:
                sys.stderr.write(f"  {change}\n")
    sys.stderr.write(_table(summary))
    sys.stderr.write(_changes(before, index.snapshot(), args.specs))
    return _EXIT_FINDINGS if has_errors(findings) else _EXIT_OK
