"""Services as units of work: each is loaded, validated, built, rendered and formatted on its own.

Nothing a service generates depends on another service's specs (every check across files stays
within a service), so a service is the unit the cache and the manifest key, the unit a process pool
spreads over the cores, and what `generate` redoes when one spec changes. Package-wide files are
assembled afterwards from the units' summaries and OpenAPI parts (generator.incremental.pipeline).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from ..emit.parts import Part
from ..findings import Finding, has_errors
from ..model.summary import ServiceSummary
from .fingerprint import FileHashes, content_hash, tree_hash

__all__ = ["UnitInput", "UnitResult", "check", "check_all", "discover", "process", "process_all"]

_Job = TypeVar("_Job")
_Result = TypeVar("_Result")

SPEC_SUFFIXES = (".yaml", ".yml")  # as generator.spec.load reads them
# Below this much YAML a process pool costs more than it saves.
_PARALLEL_BYTES = 256 * 1024


@dataclass(frozen=True)
class UnitInput:
    """One service directory's spec files and the hash of their names and contents."""

    service: str
    files: tuple[Path, ...]
    digest: str
    size: int


@dataclass(frozen=True)
class UnitResult:
    """What a service generates: its files (formatted), its share of the package-wide files, findings.

    `renders` holds the hash of the unformatted render of each file black changed; `summary` and
    `part` are None when the specs have errors (then `files` is empty).
    """

    service: str
    digest: str
    files: dict[str, str]
    renders: dict[str, str]
    summary: ServiceSummary | None
    part: Part | None
    findings: tuple[Finding, ...] = field(default=())


def discover(specs: Path, hashes: FileHashes | None = None) -> list[UnitInput]:
    """The spec files under `specs`, grouped as the loader groups them: by their directory's name.

    A unit's digest is the hash of its files' names and content hashes (`hashes` remembers those
    of files that did not change, so an unchanged tree is not read).
    """
    hashes = hashes or FileHashes(None)
    groups: dict[str, list[tuple[str, os.DirEntry[str]]]] = {}
    pending = [("", str(specs))]
    while pending:  # one scandir per directory; each file is stat'ed once
        prefix, directory = pending.pop()
        try:
            entries = list(os.scandir(directory))
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir():
                pending.append((f"{prefix}{entry.name}/", entry.path))
            elif entry.name.endswith(SPEC_SUFFIXES) and entry.is_file():
                groups.setdefault(os.path.basename(directory), []).append((prefix + entry.name, entry))
    units = []
    for service, files in sorted(groups.items()):
        files.sort(key=lambda item: item[0])
        stats = [entry.stat() for _, entry in files]
        contents = [
            (name, (hashes.hash(entry.path, stat) or "unreadable").encode())
            for (name, entry), stat in zip(files, stats, strict=True)
        ]
        paths = tuple(Path(entry.path) for _, entry in files)
        units.append(UnitInput(service, paths, tree_hash(contents), sum(s.st_size for s in stats)))
    return units


def process(unit: UnitInput, package: tuple[str, str], reuse: Mapping[str, str] | None = None) -> UnitResult:
    """Load → validate → build → render → format one service. `reuse` maps render hashes to the
    formatted text already on disk (from the manifest), so black sees only renders that changed."""
    # Loaded here, not at import: a run in which no service changed needs none of them.
    from ..emit.formatting import format_output
    from ..emit.openapi import service_part
    from ..emit.render import render_service
    from ..model.build import build_api
    from ..spec.load import load_specs
    from ..spec.validate import validate_sources

    sources, findings = load_specs(unit.files)
    findings = sorted(set(findings + validate_sources(sources)))
    if has_errors(findings):
        return UnitResult(unit.service, unit.digest, {}, {}, None, None, tuple(findings))
    service = build_api(sources, package).services[0]
    files: dict[str, str] = {}
    renders: dict[str, str] = {}
    for path, text in render_service(service, package[0]).items():
        rendered = content_hash(text)
        formatted = (reuse or {}).get(rendered)
        if formatted is None:
            formatted = format_output(path, text)
        files[path] = formatted
        if formatted != text:
            renders[path] = rendered
    return UnitResult(
        unit.service, unit.digest, files, renders, ServiceSummary.of(service), service_part(service), tuple(findings)
    )


def check(unit: UnitInput) -> tuple[tuple[Finding, ...], int]:
    """Load and validate one service only (for `validate`): its findings and how many operation specs it has."""
    from ..spec.load import load_specs
    from ..spec.validate import validate_sources

    sources, findings = load_specs(unit.files)
    return tuple(sorted(set(findings + validate_sources(sources)))), sum(s.kind == "operation" for s in sources)


def _work(job: tuple[UnitInput, tuple[str, str], Mapping[str, str]]) -> UnitResult:
    return process(*job)


def _warm_up(render: bool) -> None:
    """Load what the workers need before forking them, so that each does not load it again."""
    from ..spec.schema import warm_up as compile_schemas
    from ..spec.validate import validate_sources  # noqa: F401  (loads YAML and the semantic checks)

    compile_schemas()
    if render:
        from ..emit.formatting import format_python
        from ..emit.render import environment

        env = environment()
        for name in env.list_templates(extensions=["jinja"]):
            env.get_template(name)
        format_python("x = 1\n")


def _workers() -> int:
    configured = os.environ.get("HWGEN_WORKERS", "")
    if configured.isdigit() and int(configured) > 0:
        return int(configured)
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _spread(
    function: Callable[[_Job], _Result], jobs: Sequence[_Job], sizes: Sequence[int], *, render: bool
) -> list[_Result]:
    """`function` over `jobs`, in order; across a pool of processes (one per core) when there is enough to do."""
    workers = min(_workers(), len(jobs))
    if workers < 2 or sum(sizes) < _PARALLEL_BYTES:
        return [function(job) for job in jobs]
    _warm_up(render)
    from concurrent.futures import ProcessPoolExecutor  # here: a run of a few services never needs it
    from multiprocessing import get_context

    order = sorted(range(len(jobs)), key=lambda i: -sizes[i])  # largest first: the pool stays busy
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("fork")) as pool:
        done = list(pool.map(function, [jobs[i] for i in order]))
    results: dict[int, _Result] = dict(zip(order, done, strict=True))
    return [results[i] for i in range(len(jobs))]


def process_all(
    units: Sequence[UnitInput], package: tuple[str, str], reuse: Mapping[str, str] | None = None
) -> list[UnitResult]:
    """Every unit processed, in order (in parallel when there are many)."""
    return _spread(_work, [(unit, package, reuse or {}) for unit in units], [u.size for u in units], render=True)


def check_all(units: Sequence[UnitInput]) -> list[tuple[tuple[Finding, ...], int]]:
    """Every unit validated, in order (in parallel when there are many)."""
    return _spread(check, list(units), [u.size for u in units], render=False)
