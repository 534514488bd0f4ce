"""Files hwgen writes get the mode an editor would give them: the umask's for new files, their own for old ones.

mkstemp alone makes 0600 files, which CI, containers and other users cannot read.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.incremental import pipeline
from generator.incremental.atomic import atomic_write


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def test_a_new_file_follows_the_umask(tmp_path: Path, umask: None) -> None:
    atomic_write(tmp_path / "a.txt", b"a")
    assert _mode(tmp_path / "a.txt") == 0o644
    os.umask(0o077)
    atomic_write(tmp_path / "b.txt", b"b")
    assert _mode(tmp_path / "b.txt") == 0o600


def test_a_replaced_file_keeps_its_mode(tmp_path: Path, umask: None) -> None:
    target = tmp_path / "run.sh"
    target.write_bytes(b"old")
    target.chmod(0o755)
    atomic_write(target, b"new")
    assert (_mode(target), target.read_bytes()) == (0o755, b"new")


def test_every_generated_file_is_readable_by_all(tmp_path: Path, umask: None, minimal_spec: str) -> None:
    specs = tmp_path / "specs" / "vpc"
    specs.mkdir(parents=True)
    (specs / "_service.yaml").write_text("spec_version: 1\ntitle: VPC\nendpoint: vpc\nclient_class: VpcClient\n")
    (specs / "list_vpcs.yaml").write_text(minimal_spec)
    out = tmp_path / "generated"
    pipeline.generate(tmp_path / "specs", out)
    modes = {p.relative_to(out).as_posix(): _mode(p) for p in out.rglob("*") if p.is_file()}
    assert modes and set(modes.values()) == {0o644}, modes
