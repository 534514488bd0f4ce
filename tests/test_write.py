"""write.py: atomic, minimal writes; removal of what hwgen no longer produces; check's comparison."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.incremental import atomic, write
from generator.incremental.fingerprint import content_hash
from generator.incremental.manifest import FileEntry, Manifest, read_manifest
from generator.incremental.write import MANIFEST, TreeDiff, WriteReport, compare_tree


def _manifest(files: dict[str, str]) -> str:
    entries = {path: FileEntry(content_hash(text), None, "") for path, text in files.items()}
    return Manifest("generator", "package", {}, entries).dumps()


def write_tree(out: Path, files: dict[str, str]) -> WriteReport:
    """The generator's call: the files and the manifest that lists them."""
    return write.write_tree(out, files, manifest=_manifest(files))


def compare(out: Path, files: dict[str, str]) -> TreeDiff:
    return compare_tree(out, files, manifest=_manifest(files))


def test_first_write_creates_files_and_manifest(tmp_path: Path) -> None:
    report = write_tree(tmp_path, {"a.py": "x = 1\n", "pkg/b.md": "# b\n"})
    assert report.written == ["a.py", "pkg/b.md"]
    assert (tmp_path / "pkg/b.md").read_text() == "# b\n"
    manifest = read_manifest(tmp_path)
    assert manifest is not None and sorted(manifest.files) == ["a.py", "pkg/b.md"]


def test_unchanged_files_are_not_rewritten(tmp_path: Path) -> None:
    write_tree(tmp_path, {"a.py": "x = 1\n", "b.py": "y = 2\n"})
    before = os.stat(tmp_path / "a.py")
    report = write_tree(tmp_path, {"a.py": "x = 1\n", "b.py": "y = 3\n"})
    assert report.unchanged == ["a.py"] and report.written == ["b.py"]
    after = os.stat(tmp_path / "a.py")
    assert (before.st_ino, before.st_mtime_ns) == (after.st_ino, after.st_mtime_ns)


def test_kept_files_are_neither_written_nor_removed(tmp_path: Path) -> None:
    write_tree(tmp_path, {"a.py": "x = 1\n", "b.py": "y = 2\n"})
    report = write.write_tree(tmp_path, {"b.py": "y = 3\n"}, manifest=_manifest({"a.py": "x = 1\n"}), kept={"a.py"})
    assert report.written == ["b.py"] and report.removed == [] and report.unchanged == ["a.py"]
    assert (tmp_path / "a.py").read_text() == "x = 1\n"


def test_files_no_longer_produced_are_removed_and_empty_dirs_pruned(tmp_path: Path) -> None:
    write_tree(tmp_path, {"keep.py": "", "old/gone.py": ""})
    report = write_tree(tmp_path, {"keep.py": ""})
    assert report.removed == ["old/gone.py"]
    assert not (tmp_path / "old").exists()


def test_files_never_produced_are_reported_and_kept(tmp_path: Path) -> None:
    write_tree(tmp_path, {"a.py": ""})
    (tmp_path / "notes.txt").write_text("mine")
    report = write_tree(tmp_path, {"a.py": ""})
    assert report.foreign == ["notes.txt"]
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_a_corrupted_manifest_lists_nothing_so_nothing_is_removed(tmp_path: Path) -> None:
    write_tree(tmp_path, {"a.py": "", "b.py": ""})
    text = (tmp_path / MANIFEST).read_text()
    (tmp_path / MANIFEST).write_text(text.replace('"b.py"', '"c.py"'))  # the checksum no longer matches
    assert read_manifest(tmp_path) is None
    report = write_tree(tmp_path, {"a.py": ""})
    assert report.removed == [] and report.foreign == ["b.py"]
    assert (tmp_path / "b.py").exists()


def test_build_by_products_are_ignored(tmp_path: Path) -> None:
    write_tree(tmp_path, {"pkg/a.py": ""})
    (tmp_path / "pkg/__pycache__").mkdir()
    (tmp_path / "pkg/__pycache__/a.cpython-311.pyc").write_bytes(b"\0")
    (tmp_path / "hwcloud.egg-info").mkdir()
    (tmp_path / "hwcloud.egg-info/PKG-INFO").write_text("x")
    assert compare(tmp_path, {"pkg/a.py": ""}).clean


def test_compare_lists_stale_missing_extra_and_foreign(tmp_path: Path) -> None:
    write_tree(tmp_path, {"stale.py": "x = 1\n", "extra.py": ""})
    (tmp_path / "foreign.txt").write_text("")
    diff = compare(tmp_path, {"stale.py": "x = 2\n", "missing.py": ""})
    assert diff.stale == [MANIFEST, "stale.py"]  # the manifest's hashes changed too
    assert diff.missing == ["missing.py"]
    assert diff.extra == ["extra.py"]
    assert diff.foreign == ["foreign.txt"]
    assert "-x = 1" in diff.diffs["stale.py"] and "+x = 2" in diff.diffs["stale.py"]
    assert MANIFEST not in diff.diffs
    assert not diff.clean


def test_a_failed_write_leaves_the_old_file_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_tree(tmp_path, {"a.py": "old\n"})

    def explode(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(atomic.os, "replace", explode)
    with pytest.raises(OSError):
        write_tree(tmp_path, {"a.py": "new\n"})
    assert (tmp_path / "a.py").read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
