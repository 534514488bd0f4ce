"""generator.diff.sources: directories and git revisions (in a temporary repository) as OLD and NEW."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from test_diff_compare import BASE, FILE_NAME, LIST, sub

from generator.diff import SourceError, diff
from generator.diff.sources import changed_groups, read_tree


def git(repo: Path, *args: str) -> str:
    command = ["git", "-c", "user.name=hwgen", "-c", "user.email=hwgen@example.com", "-c", "commit.gpgsign=false"]
    return subprocess.run([*command, *args], cwd=repo, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two commits: the base specs, then `file_name` removed; the current directory is the repository."""
    shutil.copytree(BASE, tmp_path / "specs")
    (tmp_path / "pyproject.toml").write_text('[tool.hwgen]\npackage_version = "1.2.3"\n', "utf-8")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "base")
    sub(LIST, FILE_NAME, "")(tmp_path / "specs")
    git(tmp_path, "commit", "-qam", "remove file_name")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_two_revisions(repo: Path) -> None:
    result = diff("HEAD~1", "HEAD")
    assert [(c.rule_id, c.file, c.line, c.side) for c in result.changes] == [
        ("request-field-removed", "specs/workspace/list_export_tasks.yaml", 16, "old"),
        ("sdk-keyword-removed", "specs/workspace/list_export_tasks.yaml", 16, "old"),
    ]
    assert result.old.revision == git(repo, "rev-parse", "HEAD~1").strip()
    assert result.old.describe() == f"HEAD~1 ({result.old.revision[:12]})"  # type: ignore[index]
    assert (result.version, result.next_version) == ("1.2.3", "2.0.0")


def test_revision_against_the_working_tree(repo: Path) -> None:
    sub(LIST, "    maximum: 100\n", "    maximum: 50\n")(repo / "specs")
    result = diff("HEAD", "specs")
    assert [(c.rule_id, c.file, c.line) for c in result.changes] == [
        ("request-field-range-narrowed", "specs/workspace/list_export_tasks.yaml", 54)
    ]


def test_the_working_tree_is_not_touched(repo: Path) -> None:
    sub(LIST, "    maximum: 100\n", "    maximum: 50\n")(repo / "specs")
    before = git(repo, "status", "--porcelain")
    diff("HEAD~1", "HEAD")
    assert git(repo, "status", "--porcelain") == before == " M specs/workspace/list_export_tasks.yaml\n"


def test_a_branch_name_and_a_subdirectory_spec_root(repo: Path) -> None:
    git(repo, "branch", "-q", "base", "HEAD~1")
    assert [c.rule_id for c in diff("base", "HEAD", specs_dir="specs/workspace").changes] == [
        "request-field-removed",
        "sdk-keyword-removed",
    ]
    assert diff("base", "HEAD", specs_dir="specs/roma").changes == []


@pytest.mark.parametrize("name", ["no-such-branch", "HEAD~9", "--output=x", ""])
def test_a_bad_revision_is_a_clear_error(repo: Path, name: str) -> None:
    with pytest.raises(SourceError) as caught:
        read_tree(name)
    assert str(caught.value) == f"`{name}` is neither a directory nor a git revision"


def test_outside_a_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SourceError, match="is neither a directory nor a git revision"):
        read_tree("main")


def test_an_invalid_revision_gives_findings_named_by_revision(repo: Path) -> None:
    sub(LIST, "method: GET", "method: FETCH")(repo / "specs")
    git(repo, "commit", "-qam", "break it")
    result = diff("HEAD~1", "HEAD")
    assert not result.valid and result.changes == []
    assert [(f.path, f.line) for f in result.findings] == [("HEAD:specs/workspace/list_export_tasks.yaml", 7)]


def test_only_services_that_differ_are_loaded(repo: Path) -> None:
    old, new = read_tree("HEAD~1"), read_tree("HEAD")
    assert changed_groups(old, new) == {"workspace"}
    assert set(old.files) == set(new.files) and len(old.files) == 7
