"""Faults: whatever fails, and wherever, generated/ is left whole and no work is lost.

A failure before writing (loading, validating, rendering, formatting) leaves the output byte for
byte as it was. A failure while writing, an exception or Ctrl-C, leaves every file old or new,
never half of one, and the next generate completes the tree. Paths never lead outside the output
directory, and a directory that cannot be written gives a clear error, not a traceback.
"""

from __future__ import annotations

import ast
import ctypes
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import snapshot

from generator import cli
from generator.errors import SpecError
from generator.incremental import atomic, pipeline, write
from generator.incremental.manifest import MANIFEST

ROOT = Path(__file__).resolve().parent.parent


def _change_every_service(project: Path) -> None:
    for spec in sorted((project / "specs").rglob("*.yaml")):
        if spec.name != "_service.yaml":
            text = spec.read_text("utf-8")
            spec.write_text(text.replace("\nsummary: ", "\nsummary: Reworded. ", 1), "utf-8")


class Injected(RuntimeError):
    pass


def _explode(*args: object, **kwargs: object) -> None:
    raise Injected("injected fault")


STAGES = {
    "load": ("generator.spec.load", "load_specs"),
    "validate": ("generator.spec.validate", "validate_sources"),
    "build": ("generator.model.build", "build_api"),
    "render": ("generator.emit.render", "render_service"),
    "format": ("generator.emit.formatting", "format_output"),
    "package files": ("generator.emit.render", "render_package"),
    "openapi": ("generator.incremental.pipeline", "assemble"),
}


@pytest.mark.parametrize("stage", list(STAGES))
def test_a_failure_before_writing_leaves_the_output_as_it_was(
    project: Path, monkeypatch: pytest.MonkeyPatch, stage: str
) -> None:
    before = snapshot(project / "generated")
    _change_every_service(project)
    module, name = STAGES[stage]
    monkeypatch.setattr(f"{module}.{name}", _explode)
    with pytest.raises(Injected):
        pipeline.generate(project / "specs", project / "generated")
    assert snapshot(project / "generated") == before


@pytest.mark.parametrize(
    "fault", [OSError(28, "No space left on device"), KeyboardInterrupt()], ids=["disk full", "ctrl-c"]
)
# One cut in the default run; the first and last files in the slow tier (pytest -m slow).
@pytest.mark.parametrize(
    "after", [pytest.param(n, marks=pytest.mark.slow) for n in (0, 3, 11)]  # each regenerates a project
)
def test_a_write_cut_short_leaves_old_or_new_files_and_the_next_run_completes(
    project: Path, monkeypatch: pytest.MonkeyPatch, fault: BaseException, after: int
) -> None:
    before = snapshot(project / "generated")
    _change_every_service(project)
    expected = {p: t.encode() for p, t in pipeline.produce(project / "specs").files.items()}
    real = write.atomic_write
    written: list[Path] = []

    def flaky(target: Path, data: bytes) -> None:
        if len(written) == after:
            raise fault
        real(target, data)
        written.append(target)

    monkeypatch.setattr(write, "atomic_write", flaky)
    with pytest.raises(type(fault)):
        pipeline.generate(project / "specs", project / "generated")
    now = snapshot(project / "generated")
    assert not [p for p in now if p.endswith(".tmp")], "a temporary file was left behind"
    for path, data in now.items():
        assert data in (before.get(path), expected.get(path)), f"{path} is neither old nor new"
    assert now[MANIFEST] == before[MANIFEST]  # written last: it still describes the old tree
    monkeypatch.setattr(write, "atomic_write", real)
    pipeline.generate(project / "specs", project / "generated")
    completed = snapshot(project / "generated")
    completed.pop(MANIFEST)
    assert completed == expected


def test_no_path_can_lead_outside_the_output_directory(tmp_path: Path) -> None:
    out = tmp_path / "out"
    for path in ("../escape.py", "/etc/passwd", "a/../../escape.py"):
        with pytest.raises(ValueError, match="outside"):
            write.write_tree(out, {path: "x"}, manifest="", previous=frozenset())
    assert not (tmp_path / "escape.py").exists()


def test_a_symlink_in_the_output_cannot_carry_a_write_elsewhere(tmp_path: Path) -> None:
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    elsewhere.mkdir()
    out.mkdir()
    (out / "docs").symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(ValueError, match="outside"):
        write.write_tree(out, {"docs/page.md": "x"}, manifest="", previous=frozenset())
    assert list(elsewhere.iterdir()) == []


def test_an_output_directory_that_cannot_be_written_is_a_clear_error(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(project / "generated")
    _change_every_service(project)

    def refuse(*, dir: str, prefix: str, suffix: str) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied", dir)

    monkeypatch.setattr(atomic.tempfile, "mkstemp", refuse)
    code = cli.main(["generate", "--specs", str(project / "specs"), "--out", str(project / "generated")])
    err = capsys.readouterr().err
    assert code == 1
    assert "Permission denied" in err and str(project / "generated") in err and "Traceback" not in err
    assert snapshot(project / "generated") == before


def _as_a_user() -> None:
    """In the child, before exec: as root, give up what lets root write past a directory's mode.

    CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH leave the bounding set, so the program run after exec does
    not get them back; every other right of root stays (it still owns, reads and runs its files)."""
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def test_a_read_only_output_directory_is_a_clear_error(project: Path) -> None:
    _change_every_service(project)
    out = project / "generated"
    before = snapshot(out)
    modes = {p: p.stat().st_mode for p in [out, *out.rglob("*")] if p.is_dir()}
    try:
        for directory in modes:
            directory.chmod(0o555)
        done = subprocess.run(
            [sys.executable, "-m", "generator", "generate", "--specs", "specs", "--out", "generated"],
            cwd=project,
            capture_output=True,
            text=True,
            preexec_fn=_as_a_user,  # as root, chmod alone would not stop a write
        )
    finally:
        for directory, mode in modes.items():
            directory.chmod(mode)
    assert done.returncode == 1, done.stderr
    assert "Permission denied" in done.stderr and "Traceback" not in done.stderr
    assert snapshot(out) == before


def test_files_hwgen_did_not_write_are_reported_and_kept(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mine = project / "generated" / "hwcloud" / "my_helpers.py"
    mine.write_text("MINE = 1\n")
    assert cli.main(["check", "--specs", str(project / "specs"), "--out", str(project / "generated")]) == 1
    assert "my_helpers.py: extra: not produced by hwgen" in capsys.readouterr().out
    _change_every_service(project)
    assert cli.main(["generate", "--specs", str(project / "specs"), "--out", str(project / "generated")]) == 0
    assert "my_helpers.py: kept" in capsys.readouterr().err
    assert mine.read_text() == "MINE = 1\n"


# -- nothing from a spec becomes code or a path ---------------------------------------------------------


@pytest.mark.parametrize("service", ["..x", "evil.name", "Evil", "x-y", "_core"])
def test_a_service_directory_that_is_not_an_identifier_is_refused(project: Path, service: str) -> None:
    (project / "specs" / "workspace").rename(project / "specs" / service)
    before = snapshot(project / "generated")
    with pytest.raises(SpecError) as raised:
        pipeline.generate(project / "specs", project / "generated")
    assert any("service directory name" in f.message for f in raised.value.findings)
    assert snapshot(project / "generated") == before


@pytest.mark.parametrize("name", ["..", ".hidden", "a b", "List-Tasks", "9tasks", "class"])
def test_an_operation_file_that_is_not_an_identifier_is_refused(project: Path, name: str) -> None:
    shutil.copy(project / "specs/workspace/list_export_tasks.yaml", project / "specs/workspace" / f"{name}.yaml")
    with pytest.raises(SpecError) as raised:
        pipeline.generate(project / "specs", project / "generated")
    assert any("operation name" in f.message for f in raised.value.findings)


def test_template_syntax_and_code_in_page_text_stay_text(project: Path) -> None:
    spec = project / "specs/secmaster/export_aopworkflow.yaml"
    payload = '{{ 7 * 7 }} {% for x in range(3) %}{{ x }}{% endfor %} """); import os  # \\'
    line = f"summary: {json.dumps(payload)}"
    text = re.sub(r"^summary: .*$", lambda _: line, spec.read_text("utf-8"), count=1, flags=re.M)
    spec.write_text(text, "utf-8")
    files = pipeline.produce(project / "specs").files
    client = files["hwcloud/secmaster/_client.py"]
    assert "{{ 7 * 7 }} {% for x in range(3) %}{{ x }}{% endfor %}" in client
    assert "{{ 7 * 7 }} {% for x in range(3) %}{{ x }}{% endfor %}" in files["docs/secmaster/export_aopworkflow.md"]
    tree = ast.parse(client)
    imported = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    assert "os" not in imported
    docstring = ast.get_docstring(next(n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)))
    assert docstring is not None and payload.replace("\\\\", "\\") in docstring
