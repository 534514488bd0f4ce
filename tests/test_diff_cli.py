"""`hwgen diff` end to end through generator.cli.main: formats, --fail-on exit codes, errors without tracebacks."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from test_diff_compare import BASE, FILE_NAME, LIST, make_trees, sub

from generator.cli import main
from generator.diff import RULES

ROOT = Path(__file__).resolve().parent.parent
NARROWED = sub(LIST, "    maximum: 100\n", "    maximum: 50\n")  # breaking
DEPRECATED = sub(LIST, FILE_NAME, FILE_NAME + "    deprecated: true\n")  # warning
WIDENED = sub(LIST, "    maximum: 100\n", "    maximum: 500\n")  # info


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


@pytest.fixture
def cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize(
    ("edit", "fail_on", "expected"),
    [
        (NARROWED, "never", 0),
        (NARROWED, "breaking", 1),
        (NARROWED, "warning", 1),
        (DEPRECATED, "breaking", 0),
        (DEPRECATED, "warning", 1),
        (WIDENED, "warning", 0),
        (WIDENED, "breaking", 0),
    ],
)
def test_fail_on(cwd: Path, capsys: pytest.CaptureFixture[str], edit: object, fail_on: str, expected: int) -> None:
    make_trees(cwd, [edit])  # type: ignore[list-item]
    code, out, _ = run(["diff", "old", "new", "--fail-on", fail_on], capsys)
    assert code == expected
    assert out.count("\n") == 3


def test_default_is_text_and_never_fails(cwd: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_trees(cwd, [NARROWED])
    code, out, err = run(["diff", "old", "new"], capsys)
    assert (code, err) == (0, "")
    assert out.splitlines()[-1] == "1 breaking, 0 warning, 0 info; version bump: major"


@pytest.mark.parametrize("fmt", ["text", "markdown", "json", "githubactions", "changelog"])
def test_every_format_runs(cwd: Path, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    make_trees(cwd, [NARROWED])
    code, out, err = run(["diff", "old", "new", "--format", fmt], capsys)
    assert (code, err) == (0, "")
    assert ("limits narrowed" if fmt == "changelog" else "request-field-range-narrowed") in out
    if fmt == "json":
        assert json.loads(out)["summary"]["breaking"] == 1


def test_an_invalid_side_exits_1_with_findings(cwd: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_trees(cwd, [sub(LIST, "method: GET", "method: FETCH")])
    code, out, err = run(["diff", "old", "new"], capsys)
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "new/workspace/list_export_tasks.yaml:7:9: error: `method` must be one of: GET, POST, PUT, PATCH, DELETE,"
        " HEAD, OPTIONS; got 'FETCH' (did you mean `PATCH`?)",
        "hwgen diff: error: invalid specs or ignore file; nothing was compared",
    ]


def test_a_bad_source_is_a_usage_error(cwd: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["diff", "missing-dir", "also-missing"], capsys)
    assert (code, out) == (2, "")
    assert err == "hwgen diff: error: `missing-dir` is neither a directory nor a git revision\n"


def test_an_empty_side_is_a_warning(cwd: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (cwd / "empty").mkdir()
    code, out, err = run(["diff", "empty", str(BASE)], capsys)
    assert code == 0
    assert err == "hwgen diff: warning: OLD (empty) has no specs under empty\n"
    assert out.count("[operation-added]") == 5


def test_ignore_flag_and_stale_warning(cwd: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_trees(cwd, [NARROWED])
    (cwd / "accepted.yaml").write_text(
        "ignore:\n"
        "  - {rule: request-field-range-narrowed, operation: workspace/list_export_tasks, reason: agreed}\n"
        "  - {rule: operation-removed, operation: roma/export_asset, reason: stale}\n",
        "utf-8",
    )
    code, out, err = run(["diff", "old", "new", "--ignore", "accepted.yaml", "--fail-on", "breaking"], capsys)
    assert code == 0
    assert out.splitlines()[-1] == "0 breaking, 0 warning, 0 info, 1 ignored; version bump: none"
    assert err == (
        "accepted.yaml:3:1: warning: ignore entry matches no change: operation-removed on roma/export_asset"
        " (remove the entry if the change is gone)\n"
    )


def test_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", "a"]) == 2
    assert main(["diff", "a", "b", "--format", "yaml"]) == 2
    assert main(["diff", "a", "b", "--fail-on", "always"]) == 2
    capsys.readouterr()


def test_the_real_specs_against_themselves(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(ROOT)
    code, out, _ = run(["diff", "specs", "specs", "--format", "json"], capsys)
    assert code == 0 and json.loads(out)["changes"] == []


def test_docs_list_every_rule_with_its_level() -> None:
    text = (ROOT / "docs" / "diff-rules.md").read_text("utf-8")
    for rule in RULES.values():
        assert f"| `{rule.id}` | {rule.level.value} |" in text, rule.id


def test_python_m_generator_diff(tmp_path: Path) -> None:
    """The real entry point, in a fresh process."""
    import sys

    old, new = make_trees(tmp_path, [NARROWED])
    done = subprocess.run(
        [sys.executable, "-m", "generator", "diff", str(old), str(new), "--fail-on", "breaking", "--format", "json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert [c["rule"] for c in json.loads(done.stdout)["changes"]] == ["request-field-range-narrowed"]
