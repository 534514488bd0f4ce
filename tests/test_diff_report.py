"""generator.diff.report: every output format, exactly, for a small diff; colour rules."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from test_diff_compare import FILE_NAME, LIST, STATUS, make_trees, sub

from generator.diff import DiffResult, diff
from generator.diff.report import render, use_color

BEGIN = "      - name: begin_time\n        type: String\n"
EDITS = [
    sub(LIST, FILE_NAME, ""),
    sub(LIST, "    maximum: 100\n", "    maximum: 500\n"),
    sub(STATUS, BEGIN, BEGIN + "        deprecated: true\n"),
]
REMOVED = "old/workspace/list_export_tasks.yaml:16"
WIDENED = "new/workspace/list_export_tasks.yaml:54"
DEPRECATED = "new/roma/check_asset_job_status.yaml:63"


@pytest.fixture
def result(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> DiffResult:
    monkeypatch.chdir(tmp_path)
    make_trees(tmp_path, EDITS)
    (tmp_path / "pyproject.toml").write_text('[tool.hwgen]\npackage_version = "0.3.1"\n', "utf-8")
    return diff("old", "new")


def test_text(result: DiffResult) -> None:
    assert render(result, "text") == (
        "API changes old → new\n"
        f"{REMOVED} (in OLD): breaking: workspace/list_export_tasks: query parameter `file_name` removed"
        " [request-field-removed]\n"
        f"{REMOVED} (in OLD): breaking: workspace/list_export_tasks: keyword argument `file_name` removed from"
        " `list_export_tasks()` [sdk-keyword-removed]\n"
        f"{DEPRECATED}: warning: roma/check_asset_job_status: response field `begin_time` (200): deprecated"
        " [response-field-deprecated]\n"
        f"{WIDENED}: info: workspace/list_export_tasks: query parameter `limit`: limits widened: maximum 100 → 500"
        " [request-field-range-widened]\n"
        "2 breaking, 1 warning, 1 info; version bump: major (0.3.1 → 0.4.0)\n"
    )


def test_text_in_colour(result: DiffResult) -> None:
    lines = render(result, "text", color=True).splitlines()
    assert lines[1].endswith(
        ": \033[1;31mbreaking\033[0m: workspace/list_export_tasks: query parameter `file_name`"
        " removed \033[2m[request-field-removed]\033[0m"
    )
    assert "\033[33mwarning\033[0m" in lines[3] and "\033[36minfo\033[0m" in lines[4]


def test_markdown(result: DiffResult) -> None:
    header = "| level | operation | change | path | old → new | where | rule |\n|---|---|---|---|---|---|---|\n"
    assert render(result, "markdown") == (
        "### API changes: `old` → `new`\n\n"
        "**2 breaking** · 1 warning · 1 info · version bump: **major (0.3.1 → 0.4.0)**\n\n"
        "#### workspace\n\n"
        + header
        + "| **breaking** | `list_export_tasks` | query parameter `file_name` removed | `query.file_name`"
        f" | `String` → none | {REMOVED} | `request-field-removed` |\n"
        "| **breaking** | `list_export_tasks` | keyword argument `file_name` removed from `list_export_tasks()`"
        f" | `query.file_name` | `file_name` → none | {REMOVED} | `sdk-keyword-removed` |\n"
        "| info | `list_export_tasks` | query parameter `limit`: limits widened: maximum 100 → 500 | `query.limit`"
        f" | `maximum: 100` → `maximum: 500` | {WIDENED} | `request-field-range-widened` |\n\n"
        "#### roma\n\n"
        + header
        + "| warning | `check_asset_job_status` | response field `begin_time` (200): deprecated | `200.begin_time`"
        f" | none → `true` | {DEPRECATED} | `response-field-deprecated` |\n"
    )


def test_json(result: DiffResult) -> None:
    document = json.loads(render(result, "json"))
    assert document["schema_version"] == 1
    assert document["old"] == {"label": "old", "kind": "directory", "revision": None}
    assert document["summary"] == {"breaking": 2, "warning": 1, "info": 1, "ignored": 0}
    assert document["semver"] == {"bump": "major", "current": "0.3.1", "next": "0.4.0"}
    assert document["ignored"] == []
    first = document["changes"][0]
    assert first == {
        "level": "breaking",
        "rule": "request-field-removed",
        "service": "workspace",
        "operation": "list_export_tasks",
        "path": "query.file_name",
        "old": "String",
        "new": None,
        "message": "query parameter `file_name` removed",
        "file": "old/workspace/list_export_tasks.yaml",
        "line": 16,
        "side": "old",
        "fingerprint": result.changes[0].fingerprint,
    }
    assert [c["rule"] for c in document["changes"]] == [
        "request-field-removed",
        "sdk-keyword-removed",
        "response-field-deprecated",
        "request-field-range-widened",
    ]


def test_githubactions(result: DiffResult) -> None:
    assert render(result, "githubactions").splitlines() == [
        "::error file=old/workspace/list_export_tasks.yaml,line=16,title=request-field-removed"
        " (workspace/list_export_tasks)::query parameter `file_name` removed",
        "::error file=old/workspace/list_export_tasks.yaml,line=16,title=sdk-keyword-removed"
        " (workspace/list_export_tasks)::keyword argument `file_name` removed from `list_export_tasks()`",
        "::warning file=new/roma/check_asset_job_status.yaml,line=63,title=response-field-deprecated"
        " (roma/check_asset_job_status)::response field `begin_time` (200): deprecated",
        "::notice file=new/workspace/list_export_tasks.yaml,line=54,title=request-field-range-widened"
        " (workspace/list_export_tasks)::query parameter `limit`: limits widened: maximum 100 → 500",
        "::notice title=hwgen diff::2 breaking, 1 warning, 1 info; version bump: major (0.3.1 → 0.4.0)",
    ]


def test_changelog(result: DiffResult) -> None:
    assert render(result, "changelog") == (
        "## [0.4.0] - Unreleased\n\n"
        "### Breaking\n\n"
        "- `workspace/list_export_tasks`: query parameter `file_name` removed.\n"
        "- `workspace/list_export_tasks`: keyword argument `file_name` removed from `list_export_tasks()`.\n\n"
        "### Changed\n\n"
        "- `workspace/list_export_tasks`: query parameter `limit`: limits widened: maximum 100 → 500.\n\n"
        "### Deprecated\n\n"
        "- `roma/check_asset_job_status`: response field `begin_time` (200): deprecated.\n"
    )


def test_no_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    make_trees(tmp_path, [])
    same = diff("old", "new")
    assert (
        render(same, "text")
        == "API changes old → new\nno API changes\n0 breaking, 0 warning, 0 info; version bump: none\n"
    )
    assert render(same, "markdown") == "### API changes: `old` → `new`\n\nNo API changes.\n"
    assert render(same, "changelog") == "## [Unreleased]\n\nNo API changes.\n"
    assert (
        render(same, "githubactions")
        == "::notice title=hwgen diff::0 breaking, 0 warning, 0 info; version bump: none\n"
    )


def test_markdown_escapes_table_cells(result: DiffResult) -> None:
    from dataclasses import replace

    piped = replace(result, changes=[replace(result.changes[0], message="a | b\nc")])
    assert "| a \\| b c |" in render(piped, "markdown")


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("stream", "env", "expected"),
    [
        (_Tty(), {}, True),
        (io.StringIO(), {}, False),
        (_Tty(), {"NO_COLOR": "1"}, False),
        (io.StringIO(), {"FORCE_COLOR": "1"}, True),
        (_Tty(), {"NO_COLOR": "1", "FORCE_COLOR": "1"}, False),
    ],
)
def test_use_color(stream: io.StringIO, env: dict[str, str], expected: bool) -> None:
    assert use_color(stream, env) is expected
