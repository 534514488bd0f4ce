"""Hashes: of file contents, of a service's specs, and of the generator itself.

The manifest in generated/ and the local cache are keyed by them: an output is reused only when
the specs it came from and the generator that made it (its code, templates, schema, the versions of
the libraries that shape its bytes, the package name and version) are all the same.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
import tempfile
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from ..resources import templates_dir

__all__ = ["FileHashes", "cache_fingerprint", "content_hash", "generator_fingerprint", "tree_hash"]

_GENERATOR = Path(__file__).resolve().parent.parent  # the generator package, this module two levels down
# Libraries whose version can change what is read, accepted or rendered. Only black's is part of the
# committed manifest's fingerprint (it is pinned, so every environment agrees on it); all of them
# key the local cache, which belongs to one environment.
_LIBRARIES = ("black", "jinja2", "pyyaml", "jsonschema", "jsonschema-rs")


_HASH_NAME = "sha256/128"  # what content_hash is: remembered hashes of another kind are not used


def content_hash(data: bytes | str) -> str:
    """128 bits of SHA-256, hex: enough to tell contents apart; SHA-256 runs in hardware on most CPUs."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return hashlib.sha256(raw).hexdigest()[:32]


def tree_hash(entries: Iterable[tuple[str, bytes]]) -> str:
    """One hash of (name, content) pairs, in the order given (callers sort)."""
    hasher = hashlib.sha256()
    for name, data in entries:
        hasher.update(name.encode("utf-8") + b"\0" + len(data).to_bytes(8, "big") + data)
    return hasher.hexdigest()[:32]


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


@cache
def _versions() -> dict[str, str]:
    """The version of each library, read from the names of the installed .dist-info directories.

    importlib.metadata would say the same, but importing it and asking takes 45 ms, a tenth of a
    run in which nothing changed.
    """
    wanted = {_normal(name): name for name in _LIBRARIES}
    found: dict[str, str] = {}
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for dist in names:
            if dist.endswith(".dist-info") and "-" in dist:
                name, _, rest = dist[: -len(".dist-info")].partition("-")
                found.setdefault(_normal(name), rest)
    return {name: found.get(key, "absent") for key, name in sorted(wanted.items())}


def _libraries() -> str:
    return ";".join(f"{name}={number}" for name, number in _versions().items())


# Parts of the generator that do not shape what `generate` writes: changing them leaves the manifest valid.
_NOT_GENERATING = (
    "importer",
    "diff",
    "mock",
    "cli.py",
    "__main__.py",
    "_version.py",
    "config.py",
    "distribution.py",
    "resources.py",
    "scaffold.py",
)
_NOT_RENDERED = ("init",)  # templates of `hwgen init`, not of the output


@cache
def _code() -> str:
    """The hash of the generator's sources and templates, named as in the repository (`generator/…`,
    `templates/…`), so a checkout and an installed wheel (templates inside the package) agree."""
    templates = templates_dir()
    named = [
        (f"generator/{p.relative_to(_GENERATOR).as_posix()}", p)
        for p in _GENERATOR.rglob("*")
        if p.relative_to(_GENERATOR).parts[0] not in (*_NOT_GENERATING, "templates")
    ]
    named += [
        (f"templates/{p.relative_to(templates).as_posix()}", p)
        for p in templates.rglob("*")
        if p.relative_to(templates).parts[0] not in _NOT_RENDERED
    ]
    files = sorted(
        (name, p)
        for name, p in named
        if p.is_file() and p.suffix in (".py", ".json", ".jinja") and "__pycache__" not in p.parts
    )
    return tree_hash((name, p.read_bytes()) for name, p in files)


def generator_fingerprint(package: tuple[str, str]) -> str:
    """What the generator is, for the manifest: its sources, templates and schema, black's version
    and the package it names. The same in every environment that installs the project."""
    return content_hash(f"{_code()}|black={_versions()['black']}|{package[0]}=={package[1]}")


def cache_fingerprint(package: tuple[str, str]) -> str:
    """What keys the local cache: the generator as above, and every library version of this environment."""
    return content_hash(f"{generator_fingerprint(package)}|{_libraries()}|{sys.version_info[:2]}")


class FileHashes:
    """Content hashes of files, remembered by size and modification time (as black's cache does).

    A file whose size and mtime are as recorded is not read again: on a tree of thousands of specs
    and outputs, reading them all would be most of a run that changes nothing. `None` as the store
    turns the memory off (every file is read).
    """

    def __init__(self, store: Path | None) -> None:
        self.store = store
        self.known: dict[str, list[Any]] = {}
        self.changed = False
        if store is not None:
            try:
                raw = json.loads(store.read_text("utf-8"))
                if isinstance(raw, dict) and raw.get("hash") == _HASH_NAME and isinstance(raw.get("files"), dict):
                    self.known = raw["files"]
            except (OSError, ValueError):
                self.known = {}

    def hash(self, path: Path | str, stat: os.stat_result | None = None) -> str | None:
        """The content hash of `path` (whose `stat` the caller may have), or None if it cannot be read."""
        key = str(path)
        try:
            stat = stat or os.stat(key)
        except OSError:
            return None
        seen = self.known.get(key)
        if isinstance(seen, list) and seen[:2] == [stat.st_size, stat.st_mtime_ns]:
            return str(seen[2])
        try:
            with open(key, "rb") as handle:
                data = handle.read()
        except OSError:
            return None
        return self.record(key, data)

    def record(self, path: Path | str, data: bytes) -> str:
        """Remember the hash of `data`, just read from or written to `path`."""
        digest = content_hash(data)
        try:
            stat = os.stat(path)
        except OSError:
            return digest
        entry = [stat.st_size, stat.st_mtime_ns, digest]
        if self.known.get(str(path)) != entry:
            self.known[str(path)] = entry
            self.changed = True
        return digest

    def save(self) -> None:
        if self.store is None or not self.changed:
            return
        try:
            self.store.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.store.parent, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(json.dumps({"hash": _HASH_NAME, "files": self.known}))  # dumps: the C encoder
            os.replace(tmp, self.store)
        except OSError:
            pass
