"""Loading specs: files (or text) → SourceSpecs, each problem a located finding.

The YAML reading itself (positions, duplicate keys, bounds) is yamlread.py's and yamlquick.py's.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from ..findings import Finding, Severity, display_path
from . import SERVICE_FILE
from .yamlquick import quick_read
from .yamlread import MAX_DEPTH, MAX_NODES, LoadError, Pointer, decode, read_precisely

__all__ = [
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_NODES",
    "SERVICE_FILE",
    "Pointer",
    "SourceSpec",
    "display_path",
    "load_file",
    "load_specs",
    "load_text",
    "spec_of",
]

SPEC_SUFFIXES = (".yaml", ".yml")
MAX_FILE_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True)
class SourceSpec:
    """One loaded YAML file: its data and where each value (and each mapping key) stands."""

    path: Path
    display: str
    kind: Literal["operation", "service"]
    service: str
    name: str
    data: Any
    positions: dict[Pointer, tuple[int, int]] = field(repr=False)
    key_positions: dict[Pointer, tuple[int, int]] = field(repr=False)
    text: str | None = field(default=None, repr=False, compare=False)  # positions not read yet: see spec_of

    def where(self, pointer: Pointer, *, key: bool = False) -> tuple[int, int]:
        """Line and column of the value at `pointer` (or of its key), falling back to the nearest parent."""
        if self.text is not None and not self.positions and not pointer and not key:
            return _first_line(self.text)  # the document: where a whole new spec is reported
        if self.text is not None and not self.positions:
            _, positions, key_positions = quick_read(self.text) or read_precisely(self.text)
            self.positions.update(positions)
            self.key_positions.update(key_positions)
        if key and pointer in self.key_positions:
            return self.key_positions[pointer]
        while pointer not in self.positions and pointer:
            pointer = pointer[:-1]
        return self.positions.get(pointer, (1, 1))

    def finding(
        self,
        pointer: Pointer,
        message: str,
        hint: str | None = None,
        *,
        key: bool = False,
        severity: Severity = Severity.ERROR,
    ) -> Finding:
        line, col = self.where(pointer, key=key)
        return Finding(self.display, line, col, severity, message, hint)


def load_file(path: Path, display: str | None = None) -> SourceSpec | Finding:
    """Load one spec or service file; any problem comes back as a single Finding."""
    display = display or display_path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise LoadError(
                1,
                1,
                f"the file is {size:,} bytes; specs are limited to {MAX_FILE_BYTES:,}",
                "split the page or trim it",
            )
        text = decode(path.read_bytes())
    except LoadError as exc:
        return Finding(display, exc.line, exc.col, Severity.ERROR, exc.message, exc.hint)
    except OSError as exc:
        return Finding(display, 1, 1, Severity.ERROR, f"cannot read the file: {exc.strerror or exc}")
    return load_text(text, path, display)


def load_text(text: str, path: Path, display: str | None = None) -> SourceSpec | Finding:
    """Load a spec held in memory as if it were the file `path` (the importer checks its output so)."""
    display = display or display_path(path)
    try:
        data, positions, key_positions = quick_read(text) or read_precisely(text)
    except LoadError as exc:
        return Finding(display, exc.line, exc.col, Severity.ERROR, exc.message, exc.hint)
    return SourceSpec(
        path=path,
        display=display,
        kind="service" if path.name == SERVICE_FILE else "operation",
        service=path.parent.name,
        name=path.name.rsplit(".", 1)[0],
        data=data,
        positions=positions,
        key_positions=key_positions,
    )


def _first_line(text: str) -> tuple[int, int]:
    """Where the top mapping of a block-style document starts: its first line of content."""
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip() and not line.lstrip().startswith("#"):
            return number, len(line) - len(line.lstrip()) + 1
    return 1, 1


def spec_of(data: dict[str, Any], text: str | None, path: Path, display: str | None = None) -> SourceSpec:
    """A spec built in memory and written as `text` by a writer whose output reads back as `data`
    (the importer's, property-tested): no parse until a finding needs a line. Without a text, every
    finding is on line 1 (for checks whose messages alone matter)."""
    return SourceSpec(
        path=path,
        display=display or display_path(path),
        kind="service" if path.name == SERVICE_FILE else "operation",
        service=path.parent.name,
        name=path.name.rsplit(".", 1)[0],
        data=data,
        positions={},
        key_positions={},
        text=text,
    )


def _discover(paths: Iterable[Path]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.suffix in SPEC_SUFFIXES and p.is_file())
        else:
            yield path


def load_specs(paths: Iterable[Path]) -> tuple[list[SourceSpec], list[Finding]]:
    """Load every spec under `paths` (files or directories) and the `_service.yaml` beside each."""
    seen: set[Path] = set()
    files: list[Path] = []
    for path in _discover(paths):
        for candidate in (path, path.parent / SERVICE_FILE):
            resolved = candidate.resolve()
            if resolved not in seen and (candidate == path or candidate.is_file()):
                seen.add(resolved)
                files.append(candidate)
    sources: list[SourceSpec] = []
    findings: list[Finding] = []
    for file in files:
        if not file.exists():
            findings.append(Finding(display_path(file), 1, 1, Severity.ERROR, "no such file or directory"))
            continue
        loaded = load_file(file)
        if isinstance(loaded, Finding):
            findings.append(loaded)
        else:
            sources.append(loaded)
    sources.sort(key=lambda s: (s.service, s.kind != "service", s.name, s.display))
    return sources, findings
