"""generator.findings (and the ordering validate gives them): one line per problem, sorted, no duplicates."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from generator.findings import Finding, Severity, format_findings, has_errors
from generator.spec.validate import validate_paths, validate_sources

if TYPE_CHECKING:
    from conftest import SpecTree

E, W = Severity.ERROR, Severity.WARNING


def test_text_form_with_and_without_hint() -> None:
    assert str(Finding("a.yaml", 3, 7, E, "bad", "fix it")) == "a.yaml:3:7: error: bad (fix it)"
    assert str(Finding("a.yaml", 3, 7, W, "odd")) == "a.yaml:3:7: warning: odd"


def test_a_finding_is_always_one_line() -> None:
    text = str(Finding("a.yaml", 1, 1, E, "unknown key `a\nb`", "did you\r\nmean"))
    assert text == "a.yaml:1:1: error: unknown key `a\\nb` (did you\\r\\nmean)"


def test_has_errors() -> None:
    assert not has_errors([])
    assert not has_errors([Finding("a", 1, 1, W, "w")])
    assert has_errors([Finding("a", 1, 1, W, "w"), Finding("a", 2, 1, E, "e")])


def test_text_is_sorted_by_path_then_numeric_line_and_column() -> None:
    findings = [
        Finding("b.yaml", 1, 1, E, "b"),
        Finding("a.yaml", 10, 1, E, "a10"),
        Finding("a.yaml", 9, 12, E, "a9c12"),
        Finding("a.yaml", 9, 2, W, "a9c2"),
    ]
    assert [line.split(": ")[0] for line in format_findings(findings).splitlines()] == [
        "a.yaml:9:2",
        "a.yaml:9:12",
        "a.yaml:10:1",
        "b.yaml:1:1",
    ]


def test_sorting_mixes_findings_with_and_without_hints() -> None:
    with_hint = Finding("a.yaml", 1, 1, E, "same", "hint")
    without = Finding("a.yaml", 1, 1, E, "same")
    assert sorted([with_hint, without]) == [without, with_hint]
    assert format_findings([with_hint, without]).splitlines() == [str(without), str(with_hint)]


def test_empty_output() -> None:
    assert format_findings([]) == ""
    assert format_findings([], "json") == "[]\n"


def test_json_rows() -> None:
    rows = json.loads(format_findings([Finding("b", 2, 3, W, "été", None), Finding("a", 1, 1, E, "x", "y")], "json"))
    assert rows == [
        {"path": "a", "line": 1, "col": 1, "severity": "error", "message": "x", "hint": "y"},
        {"path": "b", "line": 2, "col": 3, "severity": "warning", "message": "été", "hint": None},
    ]
    assert "été" in format_findings([Finding("b", 2, 3, W, "été")], "json"), "JSON keeps text readable"


def test_validate_sources_deduplicates(spec_tree: SpecTree, minimal_spec: str) -> None:
    source = spec_tree.load(minimal_spec.replace("GET", "FETCH"))
    once = validate_sources([source])
    assert len(once) == 1
    assert validate_sources([source, source]) == once


def test_validate_paths_sorts_and_deduplicates(spec_tree: SpecTree, minimal_spec: str) -> None:
    spec_tree.spec(minimal_spec.replace("GET", "FETCH").replace("required: true", "requird: true"), "b_op.yaml")
    spec_tree.spec("- a\n", "a_op.yaml")
    path = Path("specs/workspace/b_op.yaml")
    sources, findings = validate_paths([path, Path("specs"), path])
    assert findings == sorted(findings)
    assert len(findings) == len(set(findings)) == 3
    assert [(f.path, f.line) for f in findings] == [
        ("specs/workspace/a_op.yaml", 1),
        ("specs/workspace/b_op.yaml", 7),
        ("specs/workspace/b_op.yaml", 13),
    ]
    assert sorted(s.display for s in sources) == ["specs/workspace/_service.yaml", "specs/workspace/b_op.yaml"]


def test_semantic_checks_wait_for_a_clean_schema(spec_tree: SpecTree, minimal_spec: str) -> None:
    # The path placeholder is undeclared too, but with a schema error in the file only that one is reported.
    text = minimal_spec.replace("/export-tasks", "/{task_id}").replace("method: GET", "method: FETCH")
    findings = validate_sources([spec_tree.load(text)])
    assert [f.message.split(":")[0] for f in findings] == ["`method` must be one of"]
