"""Reading every page of a run: load (file or URL), read, transcribe: no spec is touched yet.

Pages are independent here, so a large run reads them in worker processes, one per core: this
stage is most of a folder import. Each worker also writes the page's spec as a new spec's text and
makes its own checks (checks.py), which need nothing else. What the later stages need of a page
travels back (its findings, data, text, own checks and API Explorer name), not the page model.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any, Literal

from ..findings import Finding, Severity, display_path
from ..model.naming import is_snake_identifier
from .checks import OwnChecks, own_checks
from .document import Problem
from .emit import dump_spec
from .merge import HAND_WRITTEN
from .readers import read_document
from .shared import SHARED_TITLE, read_shared
from .sources import FetchError, commit_dates, fetch, is_url
from .target import new_name
from .transcribe import transcribe

__all__ = ["Imported", "PageRead", "read_pages"]

Action = Literal["created", "updated", "unchanged", "skipped", "failed"]
# Below this many pages, starting worker processes costs more than it saves.
PARALLEL_FROM = 64


@dataclass
class Imported:
    """What happened to one page."""

    page: str
    spec: str | None = None
    action: Action = "failed"
    changes: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def _page_findings(display: str, problems: list[Problem], strict: bool) -> list[Finding]:
    def severity(problem: Problem) -> Severity:
        if problem.severity == "info":
            return Severity.INFO  # a derived fact: shown, never an error, even with --strict
        return Severity.ERROR if strict or problem.severity == "error" else Severity.WARNING

    return [Finding(display, p.line, 1, severity(p), p.message, p.hint) for p in problems]


@dataclass
class PageRead:
    """A page read and transcribed, not yet written."""

    result: Imported
    api_explorer: str | None = None  # the operation the page's API Explorer link names
    data: dict[str, Any] | None = None
    text: str | None = None  # `data` written as a new spec: dumped here, in the worker, while pages are read
    own: OwnChecks | None = None  # the own checks of that text, under the name a new spec would get
    shared: tuple[str, dict[str, Any], dict[str, Any]] | None = None  # a shared-responses page


def _load(source: Path | str) -> tuple[str, str, bytes] | Finding:
    """A page's display name, file name and bytes; a finding when it cannot be had."""
    if isinstance(source, str) and is_url(source):
        try:
            page = fetch(source)
        except FetchError as exc:
            return Finding(source, 1, 1, Severity.ERROR, f"cannot fetch the page: {exc}")
        return source, page.name, page.raw
    path = Path(source)
    try:
        return display_path(path), path.name, path.read_bytes()
    except OSError as exc:
        return Finding(display_path(path), 1, 1, Severity.ERROR, f"cannot read the page: {exc.strerror or exc}")


_GENERAL_VALUES = re.compile(r"^(?:通用请求返回值|returned values for general requests)", re.IGNORECASE)


def _read_page(
    source: Path | str,
    meta: dict[str, Any],
    strict: bool,
    in_folder: bool,
    date: str | None,
    modeline: str | None = None,
    directory: Path | None = None,
) -> PageRead:
    loaded = _load(source)
    if isinstance(loaded, Finding):
        return PageRead(Imported(loaded.path, findings=[loaded]))
    display, name, raw = loaded
    result = Imported(display)
    doc = read_document(raw, name)
    if doc.title is not None and SHARED_TITLE.match(doc.title.text):
        problems: list[Problem] = []
        shared = read_shared(doc, problems)
        result.findings += _page_findings(display, problems, strict)
        if shared is None:
            result.findings.append(Finding(display, 1, 1, Severity.ERROR, "no shared response on the page"))
        return PageRead(result, doc.api_explorer, shared=shared)
    if doc.title is not None and _GENERAL_VALUES.match(doc.title.text):
        message = "the service's general returned values: status codes every page refers to, not an operation"
        result.findings.append(Finding(display, doc.title.number, 1, Severity.INFO, message))
        result.action = "skipped"
        return PageRead(result, doc.api_explorer)
    data, problems, fatal = transcribe(doc, meta)
    if in_folder and fatal is not None and "METHOD /path" in fatal.message:
        message = "not an API page (no 'METHOD /path' line): skipped"
        result.findings.append(Finding(display, fatal.line, 1, Severity.INFO, message))
        result.action = "skipped"
        return PageRead(result, doc.api_explorer)
    if data is not None and date is not None and "updated_on" not in data["source"]:
        data["source"]["updated_on"] = date  # the page's last commit: repository Markdown states no date
    result.findings += _page_findings(display, problems, strict)
    if fatal is not None or data is None:
        line = fatal.line if fatal else 1
        message = fatal.message if fatal else "nothing to import"
        result.findings.append(Finding(display, line, 1, Severity.ERROR, message, "is this an API reference page?"))
        return PageRead(result, doc.api_explorer)
    text = dump_spec(data, HAND_WRITTEN, modeline) if modeline is not None else None
    spec_name = new_name(data, doc.api_explorer, None)[0]
    own = None
    if text is not None and directory is not None and spec_name and is_snake_identifier(spec_name):
        own = own_checks(data, text, directory / f"{spec_name}.yaml")
        # its findings hold their lines: the positions need not travel back (they are parsed again if asked)
        own = replace(own, spec=replace(own.spec, positions={}, key_positions={}))
    return PageRead(result, doc.api_explorer, data, text=text, own=own)


def _read_one(
    job: tuple[Path | str, bool, str | None],
    meta: dict[str, Any],
    strict: bool,
    modeline: str | None,
    directory: Path | None,
) -> PageRead:
    source, in_folder, date = job
    return _read_page(source, meta, strict, in_folder, date, modeline, directory)


def read_pages(
    pages: Sequence[Path | str],
    meta: dict[str, Any],
    *,
    strict: bool,
    folders: set[Path],
    progress: Callable[[int], None] | None = None,
    jobs: int | None = None,
    modeline: str | None = None,
    directory: Path | None = None,
) -> list[PageRead]:
    """Every page read and transcribed, in order; in `jobs` worker processes (default: one per core)
    when there are many. With the specs' `modeline` and the service's `directory`, each page's data
    is also written as a new spec's text and given its own checks there, in the worker."""
    roots = [f.resolve() for f in folders]
    files = [Path(p) for p in pages if not (isinstance(p, str) and is_url(p))]
    dates = commit_dates([f for f in files if f.suffix.lower() == ".md"]) if files else {}
    work: list[tuple[Path | str, bool, str | None]] = []
    for page in pages:
        path = None if isinstance(page, str) and is_url(page) else Path(page).resolve()
        in_folder = path is not None and any(root in path.parents for root in roots)
        work.append((page, in_folder, dates.get(path) if path else None))
    read = partial(_read_one, meta=meta, strict=strict, modeline=modeline, directory=directory)
    workers = jobs or min(os.cpu_count() or 1, 8)
    if len(work) < PARALLEL_FROM or workers < 2:
        return _collect(map(read, work), progress)
    from concurrent.futures import ProcessPoolExecutor  # here: a run of a few pages never starts one

    with ProcessPoolExecutor(workers) as pool:
        return _collect(pool.map(read, work, chunksize=max(1, len(work) // (workers * 8))), progress)


def _collect(reads: Iterator[PageRead], progress: Callable[[int], None] | None) -> list[PageRead]:
    out: list[PageRead] = []
    for page_read in reads:
        out.append(page_read)
        if progress is not None:
            progress(len(out))
    return out
