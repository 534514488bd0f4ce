"""generator.diff.ignore: accepted changes leave the report, malformed entries are findings, stale ones warnings."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_diff_compare import FILE_NAME, LIST, make_trees, sub

from generator.diff import diff
from generator.findings import Severity


@pytest.fixture
def trees(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    make_trees(tmp_path, [sub(LIST, FILE_NAME, ""), sub(LIST, "    maximum: 100\n", "    maximum: 50\n")])
    return tmp_path


def ignore_file(root: Path, text: str) -> Path:
    path = root / ".hwgen-diff-ignore.yaml"
    path.write_text(text, "utf-8")
    return path


def test_an_entry_with_a_path_ignores_that_change_only(trees: Path) -> None:
    path = ignore_file(
        trees,
        "ignore:\n"
        "  - rule: request-field-removed\n"
        "    operation: workspace/list_export_tasks\n"
        "    path: query.file_name\n"
        "    reason: The service never read it.\n",
    )
    result = diff("old", "new", ignore=path)
    assert [c.rule_id for c in result.changes] == ["sdk-keyword-removed", "request-field-range-narrowed"]
    assert [(c.rule_id, e.reason, e.line) for c, e in result.ignored] == [
        ("request-field-removed", "The service never read it.", 2)
    ]
    assert result.findings == []


def test_an_entry_without_a_path_ignores_the_rule_for_the_operation(trees: Path) -> None:
    path = ignore_file(
        trees,
        "ignore:\n"
        "  - {rule: request-field-range-narrowed, operation: workspace/list_export_tasks, reason: agreed}\n"
        "  - {rule: sdk-keyword-removed, operation: workspace/list_export_tasks, reason: agreed}\n"
        "  - {rule: request-field-removed, operation: workspace/list_export_tasks, reason: agreed}\n",
    )
    result = diff("old", "new", ignore=path)
    assert result.changes == [] and len(result.ignored) == 3
    assert result.bump.value == "none"


def test_an_entry_that_matches_nothing_is_a_warning(trees: Path) -> None:
    path = ignore_file(
        trees,
        "ignore:\n  - rule: operation-removed\n    operation: workspace/list_export_tasks\n    reason: gone\n",
    )
    result = diff("old", "new", ignore=path)
    assert result.valid and len(result.changes) == 3
    assert [(f.line, f.severity, f.message) for f in result.findings] == [
        (2, Severity.WARNING, "ignore entry matches no change: operation-removed on workspace/list_export_tasks")
    ]


def test_malformed_entries_are_findings_at_their_lines(trees: Path) -> None:
    path = ignore_file(
        trees,
        "ignore:\n"
        "  - rule: request-field-removd\n"  # 2
        "    operation: workspace/list_export_tasks\n"
        "    reason: typo\n"
        "  - rule: request-field-removed\n"  # 5
        "    operation: workspace/list_export_tasks\n"
        "  - rule: request-field-removed\n"  # 7
        "    operation: workspace/list_export_tasks\n"
        "    reason: ''\n"
        "    why: no\n"
        "  - just a string\n",  # 11
    )
    result = diff("old", "new", ignore=path)
    assert not result.valid and result.changes == []
    assert [(f.line, f.message, f.hint) for f in result.findings] == [
        (2, "unknown rule `request-field-removd`", "did you mean `request-field-removed`?"),
        (5, "the entry has no `reason`", "say why the change is acceptable"),
        (9, "`reason` must be a non-empty text", None),
        (10, "unknown key `why`", None),
        (11, "an ignore entry is a mapping with `rule`, `operation`, `reason` (and `path`)", None),
    ]


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("- rule: x\n", 1, "expected a mapping of keys at the top of the file, got a list"),
        ("ignore: {}\n", 1, "an ignore file is a mapping with one key, `ignore`, holding a list"),
        ("ignore: []\nextra: 1\n", 2, "an ignore file is a mapping with one key, `ignore`, holding a list"),
        ("ignore: [\n", 2, "YAML syntax error"),
    ],
)
def test_a_malformed_file(trees: Path, text: str, line: int, message: str) -> None:
    result = diff("old", "new", ignore=ignore_file(trees, text))
    assert [(f.line, f.severity) for f in result.findings] == [(line, Severity.ERROR)]
    assert result.findings[0].message.startswith(message)


def test_a_missing_file(trees: Path) -> None:
    result = diff("old", "new", ignore=trees / "nope.yaml")
    assert [f.message.split(":")[0] for f in result.findings] == ["cannot read the file"]
