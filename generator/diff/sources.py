"""OLD and NEW: a spec directory or a git revision, read into memory without touching the working tree.

A git revision is read with `git ls-tree` and `git cat-file --batch`; only the services that differ
between the two sides are ever written out (to a temporary directory) to be loaded and validated.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Literal

from ..findings import Finding
from ..spec.load import SPEC_SUFFIXES, SourceSpec, display_path, load_file
from ..spec.validate import validate_sources

__all__ = ["SourceError", "Tree", "changed_groups", "load_groups", "read_tree"]


class SourceError(Exception):
    """OLD or NEW names neither a directory nor a git revision (a usage error, not a finding)."""


@dataclass(frozen=True)
class Tree:
    """One side of the diff: every spec file's bytes, keyed by its path below the spec root."""

    label: str  # as the user wrote it: `specs`, `main`, `HEAD~1`
    kind: Literal["directory", "git"]
    revision: str | None  # the commit, for a git revision
    files: dict[str, bytes]
    display_root: str  # what paths below the root are shown under: `specs`
    root: Path | None = None  # the directory, for a directory side
    version: str | None = None  # [tool.hwgen] package_version beside the spec root, when there is one

    def display(self, relative: str) -> str:
        return relative if self.display_root in ("", ".") else f"{self.display_root}/{relative}"

    def describe(self) -> str:
        return f"{self.label} ({self.revision[:12]})" if self.revision else self.label


def _group(relative: str) -> str:
    """The directory a file sits in: the service, for a spec tree."""
    return relative.rpartition("/")[0]


def _version(pyproject: bytes | None) -> str | None:
    if pyproject is None:
        return None
    try:
        config = tomllib.loads(pyproject.decode("utf-8")).get("tool", {}).get("hwgen", {})
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    return str(config.get("package_version", "0.1.0")) if isinstance(config, dict) else None


def read_tree(spec: str, specs_dir: str = "specs") -> Tree:
    """A directory if `spec` is one, else a git revision of the current repository; SourceError otherwise."""
    if not spec.strip():
        raise SourceError(f"`{spec}` is neither a directory nor a git revision")
    path = Path(spec)
    if path.is_dir():
        files = {
            p.relative_to(path).as_posix(): p.read_bytes()
            for p in sorted(path.rglob("*"))
            if p.suffix in SPEC_SUFFIXES and p.is_file()
        }
        pyproject = path.resolve().parent / "pyproject.toml"
        version = _version(pyproject.read_bytes() if pyproject.is_file() else None)
        return Tree(spec, "directory", None, files, display_path(path), root=path, version=version)
    return _read_revision(spec, specs_dir)


def _git(*args: str, stdin: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(["git", *args], input=stdin, capture_output=True, check=False)
    except OSError as exc:
        raise SourceError(f"cannot run git: {exc.strerror or exc}") from None
    if done.returncode != 0:
        raise SourceError(done.stderr.decode("utf-8", "replace").strip() or f"git {args[0]} failed")
    return done.stdout


def _read_revision(rev: str, specs_dir: str) -> Tree:
    if rev.startswith("-"):  # never let a name be read as a git option
        raise SourceError(f"`{rev}` is neither a directory nor a git revision")
    try:
        commit = _git("rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}").decode().strip()
    except SourceError:
        raise SourceError(f"`{rev}` is neither a directory nor a git revision") from None
    root = PurePosixPath(os.path.normpath(specs_dir).replace(os.sep, "/"))
    listing = _git("ls-tree", "-r", "-z", commit, "--", root.as_posix())
    blobs: list[tuple[str, str]] = []  # (object id, path relative to the spec root)
    for entry in filter(None, listing.split(b"\0")):
        meta, _, name = entry.partition(b"\t")
        mode, kind, oid = meta.decode().split()
        file = PurePosixPath(name.decode("utf-8", "surrogateescape"))
        if kind == "blob" and mode != "120000" and file.suffix in SPEC_SUFFIXES:
            relative = file.relative_to(root) if root.as_posix() != "." else file
            blobs.append((oid, relative.as_posix()))
    contents = _cat_blobs([oid for oid, _ in blobs])
    files = {relative: contents[oid] for oid, relative in blobs}
    beside = PurePosixPath(os.path.normpath(f"{root.as_posix()}/..")) / "pyproject.toml"
    pyproject = _cat_blob_named(f"{commit}:./{beside.as_posix()}")
    return Tree(rev, "git", commit, files, root.as_posix(), version=_version(pyproject))


def _cat_blobs(oids: Iterable[str]) -> dict[str, bytes]:
    """Many objects in one `git cat-file --batch` process."""
    wanted = list(dict.fromkeys(oids))
    if not wanted:
        return {}
    out = _git("cat-file", "--batch", stdin="".join(f"{oid}\n" for oid in wanted).encode())
    result: dict[str, bytes] = {}
    at = 0
    for oid in wanted:
        header_end = out.index(b"\n", at)
        size = int(out[at:header_end].split()[2])
        result[oid] = out[header_end + 1 : header_end + 1 + size]
        at = header_end + 1 + size + 1
    return result


def _cat_blob_named(name: str) -> bytes | None:
    out = _git("cat-file", "--batch", stdin=f"{name}\n".encode())
    header, _, rest = out.partition(b"\n")
    parts = header.split()
    return rest[: int(parts[2])] if len(parts) == 3 and parts[1] == b"blob" else None


def changed_groups(old: Tree, new: Tree) -> set[str]:
    """Directories (services) whose files differ in any way; the others cannot hold a change."""
    names = old.files.keys() | new.files.keys()
    return {_group(r) for r in names if old.files.get(r) != new.files.get(r)}


def load_groups(tree: Tree, groups: set[str]) -> tuple[list[SourceSpec], list[Finding]]:
    """Load and validate the files of `groups` (each a whole service, so cross-file checks hold)."""
    chosen = sorted(r for r in tree.files if _group(r) in groups)
    if tree.root is not None:
        return _validated([load_file(tree.root / r) for r in chosen])
    with tempfile.TemporaryDirectory(prefix="hwgen-diff-") as tmp:
        loaded: list[SourceSpec | Finding] = []
        for relative in chosen:
            # Under the spec root's own name: a spec directly in the root takes its service name from it.
            target = Path(tmp, PurePosixPath(tree.display_root).name or "specs", relative)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(tree.files[relative])
            loaded.append(load_file(target, tree.display(relative)))
        return _validated(loaded)


def _validated(loaded: list[SourceSpec | Finding]) -> tuple[list[SourceSpec], list[Finding]]:
    sources = [s for s in loaded if isinstance(s, SourceSpec)]
    sources.sort(key=lambda s: (s.service, s.kind != "service", s.name, s.display))
    findings = [f for f in loaded if isinstance(f, Finding)] + validate_sources(sources)
    return sources, sorted(set(findings))
