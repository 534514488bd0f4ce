"""What a new user meets first: each mistake gets one clear line and the right exit code, never a traceback."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from generator._version import __version__
from generator.cli import main
from generator.resources import schema_text

if TYPE_CHECKING:
    from conftest import SpecTree

ROOT = Path(__file__).resolve().parent.parent


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(["--version"], capsys) == (0, f"hwgen {__version__}\n", "")


def test_validate_dot_inside_a_service_directory(
    spec_tree: SpecTree, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    spec_tree.spec()
    monkeypatch.chdir(spec_tree.specs / "workspace")
    assert _run(["validate", "."], capsys) == (0, "", "1 spec(s) valid\n")
    assert _run(["validate", "list_export_tasks.yaml"], capsys) == (0, "", "1 spec(s) valid\n")


def test_generate_on_an_empty_specs_directory(spec_tree: SpecTree, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(["generate"], capsys)
    assert code == 1
    assert err.startswith("specs:1:1: error: no specs found (") and err.count("\n") == 1
    assert not (spec_tree.root / "generated").exists()


def test_check_repeats_the_options_it_was_given(spec_tree: SpecTree, capsys: pytest.CaptureFixture[str]) -> None:
    spec_tree.spec()
    code, _, err = _run(["check", "--specs", "specs", "--out", "my out"], capsys)
    assert code == 1
    assert err.endswith("is stale: run `hwgen generate --specs specs --out 'my out'`\n")


def test_diff_with_no_specs_on_either_side_is_an_error(spec_tree: SpecTree, capsys: pytest.CaptureFixture[str]) -> None:
    (spec_tree.root / "other").mkdir()
    code, out, err = _run(["diff", "other", "specs"], capsys)
    assert (code, out) == (2, "")
    assert err == (
        "hwgen diff: error: neither OLD (other) nor NEW (specs) has specs under specs"
        " (--specs DIR names the spec directory)\n"
    )


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)


def test_githubactions_does_not_put_a_removed_item_on_a_line_of_the_new_file(
    spec_tree: SpecTree, capsys: pytest.CaptureFixture[str], minimal_spec: str
) -> None:
    query = "  query:\n    - name: limit\n      type: Integer\n      description: Page size.\n"
    spec_tree.spec(minimal_spec.replace("responses:", query + "responses:", 1))
    _git(spec_tree.root, "init", "-q")
    _git(spec_tree.root, "add", "specs")
    _git(spec_tree.root, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "specs")
    spec_tree.spec(minimal_spec)  # the query parameter is gone
    code, out, err = _run(["diff", "HEAD", "specs", "--format", "githubactions"], capsys)
    assert err == "", err
    removed = [line for line in out.splitlines() if "removed" in line]
    assert code == 0 and removed
    for line in removed:
        assert ",line=" not in line and "file=specs/workspace/list_export_tasks.yaml," in line
        assert "(line 16 in HEAD (" in line  # where it was, named, not marked


def test_schema_prints_writes_and_check_finds_a_stale_copy(
    spec_tree: SpecTree, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(["schema"], capsys) == (0, schema_text(), "")
    spec_tree.spec()
    assert _run(["schema", "--write"], capsys)[0] == 0
    copy = spec_tree.specs / "spec.schema.json"
    assert copy.read_text("utf-8") == schema_text()
    assert _run(["generate"], capsys)[0] == 0
    assert _run(["check"], capsys)[0] == 0
    copy.write_text(schema_text().replace('"title"', '"old_title"', 1), "utf-8")  # an older hwgen's copy
    code, out, err = _run(["check"], capsys)
    assert code == 1
    assert out == f"specs/spec.schema.json: stale: not the spec schema of hwgen {__version__}\n"
    assert err == "specs/spec.schema.json is stale: run `hwgen schema --write`\n"


def test_a_generated_method_names_itself_in_argument_errors() -> None:
    from hwcloud import TokenAuth
    from hwcloud.workspace import AsyncWorkspaceClient, WorkspaceClient

    with WorkspaceClient(base_url="http://127.0.0.1:9", project_id="p", auth=TokenAuth("t")) as client:
        with pytest.raises(TypeError, match=r"^download_export_file\(\) missing required keyword argument 'task_id'$"):
            client.download_export_file()  # type: ignore[call-arg]
        with pytest.raises(TypeError, match=r"^list_export_tasks\(\) takes 0 positional arguments but 1 was given$"):
            client.list_export_tasks("SUCCESS")  # type: ignore[misc]
        with pytest.raises(TypeError, match=r"^iter_list_export_tasks\(\) takes 0 positional arguments"):
            client.iter_list_export_tasks(10)  # type: ignore[misc]
    asynchronous = AsyncWorkspaceClient(base_url="http://127.0.0.1:9", project_id="p", auth=TokenAuth("t"))
    with pytest.raises(TypeError, match=r"^list_export_tasks\(\) takes 0 positional arguments but 1 was given$"):
        asynchronous.list_export_tasks("SUCCESS")  # type: ignore[misc]
