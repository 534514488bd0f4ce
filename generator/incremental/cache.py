"""The local cache (.hwgen-cache/ beside specs/, not committed): each service's result, by its inputs.

A unit's result (its formatted files, summary, OpenAPI part and findings) is stored under a key of
the generator's fingerprint, the service's spec hash and the working directory (findings name files
relative to it). An entry that cannot be read or does not decode is a miss, never an error.
`HWGEN_CACHE_DIR` moves the cache; `HWGEN_NO_CACHE=1` turns it off.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from ..emit.parts import Part
from ..findings import Finding, Severity
from ..model.summary import OperationSummary, ServiceSummary
from .fingerprint import FileHashes, content_hash
from .units import UnitResult

__all__ = ["CACHE_DIR", "UnitCache", "cache_for", "hashes_for"]

CACHE_DIR = ".hwgen-cache"
_VERSION = 1
_KEEP = 3  # entries per service: the current one and a few to switch back to


class UnitCache:
    def __init__(self, root: Path, fingerprint: str) -> None:
        self.base = root
        self.fingerprint = fingerprint
        self.context = os.getcwd()

    def _path(self, service: str, digest: str, kind: str = "units") -> Path:
        key = content_hash(f"{_VERSION}|{self.fingerprint}|{digest}|{self.context}")
        return self.base / kind / service / f"{key}.json"

    def templates(self) -> Path | None:
        """Where compiled templates are kept (created on first use), or None if it cannot be."""
        directory = self.base / "templates"
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except OSError:
            return None
        return directory

    def findings(self, service: str, digest: str) -> tuple[tuple[Finding, ...], int] | None:
        """What `validate` found in a service's specs, and how many operation specs it has."""
        try:
            raw = json.loads(self._path(service, digest, "validate").read_text("utf-8"))
            return tuple(_finding(item) for item in raw["findings"]), int(raw["operations"])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put_findings(self, service: str, digest: str, findings: tuple[Finding, ...], operations: int) -> None:
        data = {"findings": [_finding_json(f) for f in findings], "operations": operations}
        self._write(self._path(service, digest, "validate"), data)

    def get(self, service: str, digest: str) -> UnitResult | None:
        try:
            raw = json.loads(self._path(service, digest).read_text("utf-8"))
            return _decode(raw) if raw.get("digest") == digest else None
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, result: UnitResult) -> None:
        self._write(self._path(result.service, result.digest), _encode(result))

    @staticmethod
    def _write(target: Path, data: dict[str, Any]) -> None:
        """Store an entry (best effort: a cache that cannot be written only makes the next run slower)."""
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(json.dumps(data, ensure_ascii=False))  # dumps, not dump: the C encoder
            os.replace(tmp, target)
            entries = sorted(target.parent.glob("*.json"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
            for stale in entries[_KEEP:]:
                stale.unlink(missing_ok=True)
        except OSError:
            pass


def cache_for(specs: Path, fingerprint: str) -> UnitCache | None:
    if os.environ.get("HWGEN_NO_CACHE") == "1":
        return None
    root = os.environ.get("HWGEN_CACHE_DIR")
    return UnitCache(Path(root) if root else specs.resolve().parent / CACHE_DIR, fingerprint)


def _finding_json(f: Finding) -> list[Any]:
    return [f.path, f.line, f.col, f.severity.value, f.message, f.hint]


def _finding(item: list[Any]) -> Finding:
    path, line, col, severity, message, hint = item
    return Finding(path, line, col, Severity(severity), message, hint)


def _encode(result: UnitResult) -> dict[str, Any]:
    summary = None
    if result.summary is not None:
        s = result.summary
        ops = [[o.name, o.method, o.path, o.summary] for o in s.operations]
        summary = [s.name, s.title, s.description, s.endpoint, s.client_class, ops]
    part = None
    if result.part is not None:
        p = result.part
        part = [p.service, [list(x) for x in p.paths], [list(x) for x in p.schemas], list(p.tag)]
    return {
        "digest": result.digest,
        "service": result.service,
        "files": result.files,
        "renders": result.renders,
        "summary": summary,
        "part": part,
        "findings": [_finding_json(f) for f in result.findings],
    }


def _decode(raw: dict[str, Any]) -> UnitResult:
    summary = None
    if raw["summary"] is not None:
        name, title, description, endpoint, client_class, ops = raw["summary"]
        operations = tuple(OperationSummary(*op) for op in ops)
        summary = ServiceSummary(name, title, description, endpoint, client_class, operations)
    part = None
    if raw["part"] is not None:
        service, paths, schemas, tag = raw["part"]
        part = Part(service, tuple((a, b) for a, b in paths), tuple((a, b) for a, b in schemas), (tag[0], tag[1]))
    findings = tuple(_finding(item) for item in raw["findings"])
    return UnitResult(raw["service"], raw["digest"], dict(raw["files"]), dict(raw["renders"]), summary, part, findings)


def hashes_for(cache: UnitCache | None) -> FileHashes:
    return FileHashes(cache.base / "hashes.json" if cache is not None else None)
