"""The pipeline: load → validate → build → render → format per service, then the package-wide files.

Work is proportional to what changed. A service whose specs hash as the manifest in generated/
records, and whose files there are intact, is not loaded at all; one the local cache holds is
taken from it; the rest are generated, across a process pool when there are many. The package-wide
files are then made from the services' summaries and OpenAPI parts, or kept when those did not
change. Whatever path each service takes, the bytes are those of a cold single-process run
(tests/test_pipeline.py holds every path to that).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..emit.parts import Part, assemble, split
from ..errors import SpecError
from ..findings import Finding, Severity, display_path, has_errors
from ..model.summary import ApiSummary, ServiceSummary
from .cache import UnitCache, cache_for, hashes_for
from .fingerprint import FileHashes, cache_fingerprint, content_hash, generator_fingerprint
from .manifest import FileEntry, Manifest, ServiceEntry, read_manifest
from .units import UnitInput, UnitResult, check_all, discover, process_all
from .write import TreeDiff, WriteReport, compare_tree, write_tree

if TYPE_CHECKING:  # the typed model loads only where a service is built
    from ..model.api import Api

__all__ = ["Generated", "Plan", "build", "check", "generate", "openapi", "plan", "produce", "validate"]

OPENAPI = "openapi.json"


@dataclass(frozen=True)
class Generated:
    """The whole output, in memory, and the warnings met on the way."""

    files: dict[str, str]
    warnings: list[Finding]


@dataclass
class Plan:
    """What `generate` leaves in the output directory, and what it had to do to know it.

    `files` holds the text of every file made in this run; `kept` the files proven current on disk,
    which were not read into memory; `previous` what the old manifest listed, so files no longer
    produced can be removed.
    """

    files: dict[str, str]
    kept: frozenset[str]
    manifest: Manifest
    previous: frozenset[str]
    warnings: list[Finding]
    services: int = 0
    generated: list[str] = field(default_factory=list)  # services loaded and generated in this run
    cached: list[str] = field(default_factory=list)  # services taken from the local cache
    hashes: FileHashes = field(default_factory=lambda: FileHashes(None))

    @property
    def manifest_text(self) -> str:
        return self.manifest.dumps()


def _package(specs: Path, package: tuple[str, str] | None = None) -> tuple[str, str]:
    """Name and version of the generated package: as given, else from the [tool.hwgen] found upward from `specs`."""
    if package is not None:
        return package
    from ..config import load_config

    return load_config(start=specs).package


def _require_directory(specs: Path) -> None:
    if not specs.is_dir():
        raise SpecError([Finding(str(specs), 1, 1, Severity.ERROR, "the specs directory does not exist")])


class _Disk:
    """The output directory as the old manifest describes it: which of its files are intact."""

    def __init__(self, out: Path | None, manifest: Manifest | None, hashes: FileHashes) -> None:
        self.out, self.manifest, self.hashes = out, manifest, hashes
        self._texts: dict[str, str | None] = {}
        self._owners: dict[str, list[str]] = {}
        for path, entry in manifest.files.items() if manifest else ():
            self._owners.setdefault(entry.owner, []).append(path)

    def text(self, path: str) -> str | None:
        """The file's text if its bytes still have the manifest's hash, else None."""
        if path not in self._texts:
            self._texts[path] = self._read(path)
        return self._texts[path]

    def _read(self, path: str) -> str | None:
        entry = self.manifest.files.get(path) if self.manifest else None
        if entry is None or self.out is None:
            return None
        try:
            data = (self.out / path).read_bytes()
        except OSError:
            return None
        return (
            data.decode("utf-8", "replace") if self.hashes.record(self.out / path, data) == entry.bytes_hash else None
        )

    def owned(self, owner: str) -> list[str]:
        return self._owners.get(owner, [])

    def intact(self, paths: list[str]) -> bool:
        """Every file in `paths` is on disk with the bytes the manifest recorded (read only if it changed)."""
        files = self.manifest.files if self.manifest else {}
        if self.out is None:
            return False
        root = str(self.out)
        return all(p in files and self.hashes.hash(os.path.join(root, p)) == files[p].bytes_hash for p in paths)

    def reuse(self, owners: set[str]) -> dict[str, str]:
        """Render hash → formatted text on disk, for the files of `owners`: black need not redo them."""
        known: dict[str, str] = {}
        for path, entry in self.manifest.files.items() if self.manifest else ():
            if entry.owner in owners and (text := self.text(path)) is not None:
                known[entry.render_hash or entry.bytes_hash] = text
        return known


def _package_digest(fingerprint: str, summaries: list[ServiceSummary]) -> str:
    data = [
        [s.name, s.title, s.description, s.endpoint, s.client_class, [list(vars(o).values()) for o in s.operations]]
        for s in summaries
    ]
    return content_hash(fingerprint + json.dumps(data, ensure_ascii=False))


def plan(
    specs: Path, out: Path | None = None, *, incremental: bool = True, package: tuple[str, str] | None = None
) -> Plan:
    """Work out the output for `specs`, reusing what the manifest in `out` and the local cache allow.

    Raises SpecError, with every finding, when a spec is invalid: then nothing may be written.
    """
    _require_directory(specs)
    package = _package(specs, package)
    fingerprint = generator_fingerprint(package)
    old = read_manifest(out) if out is not None else None
    trusted = old if incremental and old is not None and old.generator == fingerprint else None
    cache = cache_for(specs, cache_fingerprint(package)) if incremental else None
    hashes = hashes_for(cache)
    units = discover(specs, hashes)
    if not units:
        hint = "write <service>/<operation>.yaml there, or `hwgen import PAGE --service NAME`"
        raise SpecError([Finding(display_path(specs), 1, 1, Severity.ERROR, "no specs found", hint)])
    disk = _Disk(out, trusted, hashes)

    kept: dict[str, ServiceEntry] = {}
    results: dict[str, UnitResult] = {}
    pending: list[UnitInput] = []
    for unit in units:
        entry = trusted.services.get(unit.service) if trusted else None
        if entry is not None and entry.inputs == unit.digest and disk.intact(disk.owned(unit.service)):
            kept[unit.service] = entry
        elif (hit := _cached(cache, unit)) is not None:
            results[unit.service] = hit
        else:
            pending.append(unit)
    cached = sorted(results)
    parts = _kept_parts(disk, kept) if (pending or results or set(kept) != _listed(trusted)) else {}
    if parts is None:  # openapi.json cannot be cut into parts: the kept services are generated too
        pending += [u for u in units if u.service in kept]
        kept, parts = {}, {}
    if cache is not None and (pending or not kept) and (templates := cache.templates()) is not None:
        from ..emit.render import cache_templates

        cache_templates(templates)
    for result in process_all(pending, package, disk.reuse({u.service for u in pending})):
        results[result.service] = result
        if cache is not None:
            cache.put(result)

    findings = sorted(
        {f for r in results.values() for f in r.findings}
        | {_displayed(f, specs) for e in kept.values() for f in e.warnings}
    )
    if has_errors(findings):
        raise SpecError(findings)
    return _assemble(
        units,
        package,
        fingerprint,
        results,
        kept,
        parts,
        disk,
        old,
        findings,
        [u.service for u in pending],
        cached,
        specs,
    )


def _recorded(finding: Finding, specs: Path) -> Finding:
    """A warning as the manifest keeps it: its file relative to the project, wherever hwgen ran from."""
    try:
        path = Path(finding.path).resolve().relative_to(specs.resolve().parent).as_posix()
    except ValueError:
        path = finding.path
    return replace(finding, path=path)


def _displayed(finding: Finding, specs: Path) -> Finding:
    """A warning from the manifest as findings are shown: relative to the working directory."""
    return replace(finding, path=display_path(specs.resolve().parent / finding.path))


def _cached(cache: UnitCache | None, unit: UnitInput) -> UnitResult | None:
    return cache.get(unit.service, unit.digest) if cache is not None else None


def _listed(manifest: Manifest | None) -> set[str]:
    return set(manifest.services) if manifest else set()


def _kept_parts(disk: _Disk, kept: dict[str, ServiceEntry]) -> dict[str, Part] | None:
    """The OpenAPI parts of the kept services, cut from the committed openapi.json."""
    if not kept or disk.manifest is None:
        return {}
    text = disk.text(OPENAPI)
    if text is None:
        return None
    tags = {
        name: (e.summary.title, e.summary.description or e.summary.title) for name, e in disk.manifest.services.items()
    }
    whole = split(text, tags)
    return None if whole is None else {name: whole[name] for name in kept}


def _assemble(
    units: list[UnitInput],
    package: tuple[str, str],
    fingerprint: str,
    results: dict[str, UnitResult],
    kept: dict[str, ServiceEntry],
    parts: dict[str, Part],
    disk: _Disk,
    old: Manifest | None,
    findings: list[Finding],
    generated: list[str],
    cached: list[str],
    specs: Path,
) -> Plan:
    """The package-wide files, from the services' summaries and parts, and the new manifest."""
    files: dict[str, str] = {}
    kept_files: set[str] = set()
    entries: dict[str, FileEntry] = {}
    services: dict[str, ServiceEntry] = {}
    summaries: list[ServiceSummary] = []
    for unit in units:
        name = unit.service
        if name in kept:
            services[name] = kept[name]
            summaries.append(kept[name].summary)
            for path in disk.owned(name):
                kept_files.add(path)
                entries[path] = disk.manifest.files[path]  # type: ignore[union-attr]
            continue
        result = results[name]
        assert result.summary is not None and result.part is not None, f"{name} has no output but no errors"
        warnings = tuple(_recorded(f, specs) for f in result.findings if f.severity is Severity.WARNING)
        services[name] = ServiceEntry(result.digest, result.summary, warnings)
        summaries.append(result.summary)
        parts[name] = result.part
        for path, text in result.files.items():
            files[path] = text
            entries[path] = FileEntry(content_hash(text), result.renders.get(path), name)

    package_digest = _package_digest(fingerprint, summaries)
    trusted = disk.manifest
    shared = [p for p in disk.owned("") if p != OPENAPI]
    if trusted is not None and trusted.package == package_digest and shared and disk.intact(shared):
        for path in shared:
            kept_files.add(path)
            entries[path] = trusted.files[path]
    else:
        files.update(_package_files(ApiSummary(tuple(summaries), *package), disk, entries))
    if not results and set(kept) == _listed(trusted) and disk.intact([OPENAPI]) and trusted is not None:
        kept_files.add(OPENAPI)
        entries[OPENAPI] = trusted.files[OPENAPI]
    else:
        files[OPENAPI] = assemble([parts[u.service] for u in units], package[1])
        entries[OPENAPI] = FileEntry(content_hash(files[OPENAPI]), None, "")
    manifest = Manifest(fingerprint, package_digest, services, entries)
    previous = frozenset(old.files) if old is not None else frozenset()
    return Plan(files, frozenset(kept_files), manifest, previous, findings, len(units), generated, cached, disk.hashes)


def _package_files(api: ApiSummary, disk: _Disk, entries: dict[str, FileEntry]) -> dict[str, str]:
    from ..emit.formatting import format_output
    from ..emit.render import preformatted, render_package

    static = preformatted(api.package_name)
    reuse = disk.reuse({""})
    files: dict[str, str] = {}
    for path, text in render_package(api).items():
        rendered = content_hash(text)
        formatted = text if path in static else reuse.get(rendered) or format_output(path, text)
        files[path] = formatted
        entries[path] = FileEntry(content_hash(formatted), rendered if formatted != text else None, "")
    return files


def build(specs: Path, package: tuple[str, str] | None = None) -> tuple[Api, list[Finding]]:
    """Load, validate and build the whole model; raise SpecError (with every finding) on invalid specs.

    For `openapi` and the mock server, which need every service's model, not just its output.
    """
    from ..model.build import build_api
    from ..spec.validate import validate_paths

    _require_directory(specs)
    sources, findings = validate_paths([specs])
    if has_errors(findings):
        raise SpecError(findings)
    return build_api(sources, _package(specs, package)), findings


def validate(specs: Path, package: tuple[str, str] | None = None) -> tuple[int, list[Finding]]:
    """Every finding in a spec directory and how many operation specs it holds.

    Service by service, as `generate` works: a service whose specs the local cache has seen is not
    loaded again, and many unseen ones are checked across a process pool.
    """
    package = _package(specs, package)
    cache = cache_for(specs, cache_fingerprint(package))
    units = discover(specs, hashes_for(cache))
    known = {u.service: cache.findings(u.service, u.digest) for u in units} if cache is not None else {}
    pending = [u for u in units if known.get(u.service) is None]
    for unit, (found, count) in zip(pending, check_all(pending), strict=True):
        known[unit.service] = (found, count)
        if cache is not None:
            cache.put_findings(unit.service, unit.digest, found, count)
    results = [r for r in known.values() if r is not None]
    return sum(count for _, count in results), sorted({f for found, _ in results for f in found})


def produce(specs: Path, package: tuple[str, str] | None = None) -> Generated:
    """Everything `generate` would write, built in memory from the specs alone (no cache, no manifest)."""
    result = plan(specs, incremental=False, package=package)
    return Generated(result.files, result.warnings)


def generate(
    specs: Path, out: Path, package: tuple[str, str] | None = None
) -> tuple[WriteReport, list[Finding], Plan]:
    result = plan(specs, out, package=package)
    report = write_tree(out, result.files, manifest=result.manifest_text, kept=result.kept, previous=result.previous)
    for path, text in result.files.items():
        result.hashes.record(out / path, text.encode("utf-8"))
    result.hashes.save()
    return report, result.warnings, result


def check(specs: Path, out: Path, package: tuple[str, str] | None = None) -> TreeDiff:
    result = plan(specs, out, package=package)
    diff = compare_tree(out, result.files, manifest=result.manifest_text, kept=result.kept, previous=result.previous)
    result.hashes.save()
    return diff


def openapi(specs: Path, package: tuple[str, str] | None = None) -> dict[str, Any]:
    from ..emit.openapi import openapi_document

    api, _ = build(specs, package)
    return openapi_document(api)

