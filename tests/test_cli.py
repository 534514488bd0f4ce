"""generator.cli `validate`: exit codes, output formats, and no traceback whatever the input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from generator.cli import main

if TYPE_CHECKING:
    from conftest import SpecTree

ROOT = Path(__file__).resolve().parent.parent
FINDING_KEYS = {"path", "line", "col", "severity", "message", "hint"}
UNUSED_OBJECT = "objects:\n  Spare:\n    fields:\n      - name: id\n        type: String\n"


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def _usage_error(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    code = main(argv)
    out, err = capsys.readouterr()
    assert code == 2, f"usage errors exit 2, got {code}"
    assert out == ""
    assert "Traceback" not in err
    return err


def test_real_specs_are_valid(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(ROOT)
    code, out, err = _run(["validate"], capsys)
    assert (code, out) == (0, ""), out
    count = len([p for p in (ROOT / "specs").rglob("*.yaml") if p.name != "_service.yaml"])
    assert err == f"{count} spec(s) valid\n"


def test_real_specs_as_json(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(ROOT)
    code, out, err = _run(["validate", "--format", "json", "specs"], capsys)
    assert (code, json.loads(out), err) == (0, [], "")


def test_findings_as_text(spec_tree: SpecTree, minimal_spec: str, capsys: pytest.CaptureFixture[str]) -> None:
    spec_tree.spec(minimal_spec.replace("method: GET", "method: FETCH"))
    code, out, err = _run(["validate", "specs"], capsys)
    assert code == 1
    assert out == (
        "specs/workspace/list_export_tasks.yaml:7:9: error: `method` must be one of:"
        " GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS; got 'FETCH' (did you mean `PATCH`?)\n"
    )
    assert err == ""


def test_findings_as_json(spec_tree: SpecTree, minimal_spec: str, capsys: pytest.CaptureFixture[str]) -> None:
    spec_tree.spec(minimal_spec.replace("method: GET", "method: FETCH") + "owner: me\n")
    code, out, _ = _run(["validate", "--format", "json"], capsys)
    assert code == 1
    rows = json.loads(out)
    assert [set(row) for row in rows] == [FINDING_KEYS, FINDING_KEYS]
    assert rows[0] == {
        "path": "specs/workspace/list_export_tasks.yaml",
        "line": 7,
        "col": 9,
        "severity": "error",
        "message": "`method` must be one of: GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS; got 'FETCH'",
        "hint": "did you mean `PATCH`?",
    }
    assert (rows[1]["line"], rows[1]["message"], rows[1]["hint"][:13]) == (18, "unknown key `owner`", "allowed here:")


def test_json_hint_is_null_when_there_is_none(
    spec_tree: SpecTree, minimal_spec: str, capsys: pytest.CaptureFixture[str]
) -> None:
    spec_tree.spec(minimal_spec.replace("type: String", "type: Array\n      items: String\n      maximum: 1"))
    _, out, _ = _run(["validate", "--format", "json"], capsys)
    [row] = json.loads(out)
    assert row["message"] == "`maximum` does not apply to type Array"
    assert row["hint"] == "remove `maximum`"


def test_warnings_alone_exit_0(spec_tree: SpecTree, minimal_spec: str, capsys: pytest.CaptureFixture[str]) -> None:
    spec_tree.spec(minimal_spec + UNUSED_OBJECT)
    code, out, err = _run(["validate", "specs"], capsys)
    assert code == 0
    assert out == (
        "specs/workspace/list_export_tasks.yaml:19:3: warning: object table `Spare` is not used by any field"
        " (reference it with `items:` or `object:`, or remove it)\n"
    )
    assert err == "1 spec(s) valid\n"
    code, out, _ = _run(["validate", "--format", "json", "specs"], capsys)
    assert code == 0
    assert [row["severity"] for row in json.loads(out)] == ["warning"]


def test_a_warning_and_an_error_exit_1(
    spec_tree: SpecTree, minimal_spec: str, capsys: pytest.CaptureFixture[str]
) -> None:
    spec_tree.spec(minimal_spec + UNUSED_OBJECT)
    spec_tree.spec(minimal_spec.replace("required: true", "required: false").replace("export-tasks", "x"), "other.yaml")
    code, out, _ = _run(["validate"], capsys)
    assert code == 1
    assert [line.split(": ")[1] for line in out.splitlines()] == ["warning", "error"]


def test_nonexistent_path_is_a_finding(spec_tree: SpecTree, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(["validate", "specs/nowhere.yaml", "missing_dir"], capsys)
    assert code == 1
    assert out == (
        "missing_dir:1:1: error: no such file or directory\n"
        "specs/nowhere.yaml:1:1: error: no such file or directory\n"
    )


def test_default_path_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = _run(["validate"], capsys)
    assert (code, out) == (1, "specs:1:1: error: no such file or directory\n")


def test_a_single_file(spec_tree: SpecTree, minimal_spec: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = spec_tree.spec(minimal_spec)
    spec_tree.spec("broken: [", "broken.yaml")
    code, out, err = _run(["validate", str(path)], capsys)
    assert (code, out, err) == (0, "", "1 spec(s) valid\n")


def test_output_is_sorted_by_file_then_line(
    spec_tree: SpecTree, minimal_spec: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # Problems on lines 7 and 13 of one file, line 1 of another that sorts first; line 13 after 7 (numeric order).
    spec_tree.spec(minimal_spec.replace("required: true", "requird: true").replace("GET", "FETCH"), "b_op.yaml")
    spec_tree.spec("", "a_op.yaml")
    _, out, _ = _run(["validate"], capsys)
    places = [line.split(": ")[0] for line in out.splitlines()]
    assert places == [
        "specs/workspace/a_op.yaml:1:1",
        "specs/workspace/b_op.yaml:7:9",
        "specs/workspace/b_op.yaml:13:7",
    ]


def test_the_same_file_twice_is_reported_once(
    spec_tree: SpecTree, minimal_spec: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = spec_tree.spec(minimal_spec.replace("GET", "FETCH"))
    code, out, _ = _run(["validate", str(path), "specs", f"./{path}"], capsys)
    assert code == 1
    assert len(out.splitlines()) == 1


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["bogus"], "invalid choice: 'bogus'"),
        ([], "required"),
        (["validate", "--bogus"], "unrecognized arguments: --bogus"),
        (["validate", "--format", "yaml"], "invalid choice: 'yaml'"),
        (["validate", "--format"], "expected one argument"),
    ],
)
def test_usage_errors_exit_2(argv: list[str], words: str, capsys: pytest.CaptureFixture[str]) -> None:
    err = _usage_error(argv, capsys)
    assert err.startswith("usage: hwgen")
    assert words in err


def test_module_entry_point(spec_tree: SpecTree, minimal_spec: str) -> None:
    spec_tree.spec(minimal_spec.replace("\n", "\n\t", 1))
    result = subprocess.run(
        [sys.executable, "-m", "generator", "validate", "specs"],
        cwd=spec_tree.root,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stdout.startswith("specs/workspace/list_export_tasks.yaml:2:1: error: YAML syntax error:")
    assert "Traceback" not in result.stderr
    usage = subprocess.run(
        [sys.executable, "-m", "generator", "frobnicate"], capture_output=True, text=True, check=False, timeout=60
    )
    assert usage.returncode == 2
    assert "Traceback" not in usage.stderr


def test_help_returns_zero(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(["--help"], capsys)
    assert code == 0 and "validate" in out and "generate" in out


def test_an_empty_specs_directory_is_a_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(["validate", str(tmp_path)], capsys)
    assert (code, out) == (0, "")
    assert err == f"warning: no specs found in {tmp_path}\n"
