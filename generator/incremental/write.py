"""Writing the output tree atomically, and comparing it for `check`.

Each file goes to a temporary file beside its target and is moved into place, so a reader (or a crash)
sees the old file or the new one, never half of one. The manifest (generator.incremental.manifest), written last,
lists what hwgen produced: files it produced before and no longer does are removed, while files it
never produced are reported and kept.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Set
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .atomic import atomic_write
from .manifest import MANIFEST, listed_files

__all__ = [
    "MANIFEST",
    "TreeDiff",
    "WriteReport",
    "atomic_write",
    "compare_tree",
    "is_by_product",
    "write_tree",
]

_IGNORED_PARTS = frozenset({"__pycache__", "build", "dist", ".pytest_cache", ".mypy_cache", ".ruff_cache"})
_IGNORED_SUFFIXES = (".pyc", ".pyo", ".egg-info")


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)


@dataclass
class TreeDiff:
    stale: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    diffs: dict[str, str] = field(default_factory=dict)

    @property
    def clean(self) -> bool:
        return not (self.stale or self.missing or self.extra or self.foreign)


def is_by_product(relative: PurePosixPath) -> bool:
    """Build and tool by-products (caches, egg-info) that `check` and the manifest ignore."""
    return any(part in _IGNORED_PARTS or part.endswith(_IGNORED_SUFFIXES) for part in relative.parts) or (
        relative.name.endswith(_IGNORED_SUFFIXES)
    )


def _on_disk(out: Path) -> set[str]:
    """Every file under `out` but build by-products, as relative POSIX paths (one scandir per directory)."""
    found: set[str] = set()
    pending = [("", str(out))]
    while pending:
        prefix, directory = pending.pop()
        try:
            entries = list(os.scandir(directory))
        except (FileNotFoundError, NotADirectoryError):
            continue
        for entry in entries:
            relative = prefix + entry.name
            if entry.name in _IGNORED_PARTS or entry.name.endswith(_IGNORED_SUFFIXES):
                continue
            if entry.is_dir(follow_symlinks=False):
                pending.append((relative + "/", entry.path))
            elif entry.is_file():
                found.add(relative)
    return found


def _target(out: Path, path: str) -> Path:
    """Where `path` goes under `out`; ValueError if it (or a symlink on its way) leads outside it.

    The paths come from service and operation names the validator has checked; this is the last
    line of defence, so that no input can make a write land elsewhere.
    """
    relative = PurePosixPath(path)
    if relative.is_absolute() or ".." in relative.parts or not relative.parts:
        raise ValueError(f"refusing to write {path!r}: it leads outside {out}")
    target = out / relative
    root = out.resolve()
    if not target.resolve().is_relative_to(root):
        raise ValueError(f"refusing to write {path!r}: it leads outside {out} (through a symbolic link)")
    return target


def write_tree(
    out: Path,
    files: dict[str, str],
    *,
    manifest: str,
    kept: Set[str] = frozenset(),
    previous: Set[str] | None = None,
) -> WriteReport:
    """Bring `out` to `files` plus the `kept` files already there (and the user's own), touching only what changed."""
    report = WriteReport()
    previous = listed_files(out) if previous is None else previous
    targets = {path: _target(out, path) for path in files}  # every path checked before anything is written
    existing = _on_disk(out)
    for path in sorted(files):
        data = files[path].encode("utf-8")
        target = targets[path]
        if path in existing and target.read_bytes() == data:
            report.unchanged.append(path)
            continue
        atomic_write(target, data)
        report.written.append(path)
    report.unchanged = sorted([*report.unchanged, *kept])
    produced = set(files) | set(kept)
    for path in sorted((set(previous) & existing) - produced):
        (out / path).unlink()
        report.removed.append(path)
        _prune(out, (out / path).parent)
    report.foreign = sorted(existing - set(previous) - produced - {MANIFEST})
    data = manifest.encode("utf-8")
    if MANIFEST not in existing or (out / MANIFEST).read_bytes() != data:
        atomic_write(out / MANIFEST, data)  # last: it describes a finished tree
    return report


def _prune(root: Path, directory: Path) -> None:
    while directory != root and directory.is_dir() and not any(directory.iterdir()):
        directory.rmdir()
        directory = directory.parent


def compare_tree(
    out: Path,
    files: dict[str, str],
    *,
    manifest: str,
    kept: Set[str] = frozenset(),
    previous: Set[str] | None = None,
    context: int = 3,
) -> TreeDiff:
    """What `write_tree` would change, with a short unified diff per stale file."""
    diff = TreeDiff()
    previous = listed_files(out) if previous is None else previous
    existing = _on_disk(out)
    for path, text in sorted({**files, MANIFEST: manifest}.items()):
        if path not in existing:
            diff.missing.append(path)
            continue
        current = (out / path).read_bytes()
        if current != text.encode("utf-8"):
            diff.stale.append(path)
            if path == MANIFEST:
                continue  # its lines are hashes: the stale files above are the news
            old = current.decode("utf-8", "replace").splitlines(keepends=True)
            lines = difflib.unified_diff(
                old, text.splitlines(keepends=True), f"{path} (on disk)", f"{path} (generated)", n=context
            )
            diff.diffs[path] = "".join(list(lines)[:60])
    leftover = existing - set(files) - set(kept) - {MANIFEST}
    diff.extra = sorted(leftover & set(previous))
    diff.foreign = sorted(leftover - set(previous))
    return diff
