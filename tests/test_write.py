"""write.py: atomic, minimal writes; the manifest; check's comparison."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator import write
from generator.write import MANIFEST, compare_tree, write_tree


def test_first_write_creates_files_and_manifest(tmp_path: Path) -> None:
    report = write_tree(tmp_path, {"a.py": "x = 1\n", "pkg/b.md": "# b\n"})
    assert report.written == ["a.py", "pkg/b.md"]
    assert (tmp_path / "pkg/b.md").read_text() == "# b\n"
    listed = (tmp_path / MANIFEST).read_text().splitlines()
    assert listed[1:] == [MANIFEST, "a.py", "pkg/b.md"]


def test_unchanged_files_are_not_rewritten(tmp_path: Path) -> None:
    write_tree(tmp_path, {"a.py": "x = 1\n", "b.py": "y = 2\n"})
    before = os.stat(tmp_path / "a.py")
    report = write_tree(tmp_path, {"a.py": "x = 1\n", "b.py": "y = 3\n"})
    assert report.unchanged == ["a.py"] and report.written == ["b.py"]
    after = os.stat(tmp_path / "a.py")
    assert (before.st_ino, before.st_mtime_ns) == (after.st_ino, after.st_mtime_ns)


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


def test_build_by_products_are_ignored(tmp_path: Path) -> None:
    write_tree(tmp_path, {"pkg/a.py": ""})
    (tmp_path / "pkg/__pycache__").mkdir()
    (tmp_path / "pkg/__pycache__/a.cpython-311.pyc").write_bytes(b"\0")
    (tmp_path / "hwcloud.egg-info").mkdir()
    (tmp_path / "hwcloud.egg-info/PKG-INFO").write_text("x")
    assert compare_tree(tmp_path, {"pkg/a.py": ""}).clean


def test_compare_lists_stale_missing_extra_and_foreign(tmp_path: Path) -> None:
    write_tree(tmp_path, {"stale.py": "x = 1\n", "extra.py": ""})
    (tmp_path / "foreign.txt").write_text("")
    diff = compare_tree(tmp_path, {"stale.py": "x = 2\n", "missing.py": ""})
    assert diff.stale == [MANIFEST, "stale.py"]  # the listing changed too
    assert diff.missing == ["missing.py"]
    assert diff.extra == ["extra.py"]
    assert diff.foreign == ["foreign.txt"]
    assert "-x = 1" in diff.diffs["stale.py"] and "+x = 2" in diff.diffs["stale.py"]
    assert not diff.clean


def test_a_failed_write_leaves_the_old_file_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_tree(tmp_path, {"a.py": "old\n"})

    def explode(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(write.os, "replace", explode)
    with pytest.raises(OSError):
        write_tree(tmp_path, {"a.py": "new\n"})
    assert (tmp_path / "a.py").read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
