"""generator.spec.schema: JSON Schema errors as findings that say what is wrong, where, and how to fix it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from jsonschema import Draft202012Validator

from generator.findings import Finding, Severity
from generator.spec.load import SourceSpec, load_file
from generator.spec.schema import SCHEMA, _quick, _schema, schema_findings

if TYPE_CHECKING:
    from conftest import SpecTree


def _findings(tree: SpecTree, text: str) -> list[Finding]:
    return schema_findings(tree.load(text))


def _one(tree: SpecTree, text: str) -> Finding:
    findings = _findings(tree, text)
    assert len(findings) == 1, "\n".join(map(str, findings))
    assert findings[0].severity is Severity.ERROR
    return findings[0]


def test_schema_is_a_valid_json_schema() -> None:
    Draft202012Validator.check_schema(SCHEMA)


def test_minimal_spec_passes(spec_tree: SpecTree, minimal_spec: str) -> None:
    assert _findings(spec_tree, minimal_spec) == []


def test_service_file_is_checked_against_the_service_schema(spec_tree: SpecTree) -> None:
    loaded = load_file(spec_tree.service("workspace"))
    assert isinstance(loaded, SourceSpec)
    assert schema_findings(loaded) == []
    broken = load_file(spec_tree.service("workspace", "spec_version: 1\ntitle: W\nendpoint: w\nmethod: GET\n"))
    assert isinstance(broken, SourceSpec)
    messages = sorted(f.message for f in schema_findings(broken))
    assert messages == ["missing required key `client_class`", "unknown key `method`"]


def test_unknown_key_with_did_you_mean_at_the_key(spec_tree: SpecTree, minimal_spec: str) -> None:
    finding = _one(spec_tree, minimal_spec.replace("required: true", "requird: true"))
    assert (finding.line, finding.col) == (13, 7)
    assert finding.message == "unknown key `requird`"
    assert finding.hint == "did you mean `required`?"


def test_unknown_key_without_a_close_match_lists_the_allowed_keys(spec_tree: SpecTree, minimal_spec: str) -> None:
    finding = _one(spec_tree, minimal_spec + "zzz: 1\n")
    assert finding.message == "unknown key `zzz`"
    assert finding.hint is not None
    assert finding.hint.startswith("allowed here: authorization, calling_method,")


def test_unknown_key_of_a_parameter_knows_the_shared_facts(spec_tree: SpecTree, minimal_spec: str) -> None:
    finding = _one(
        spec_tree, minimal_spec.replace("      required: true\n", "      required: true\n      minimun: 1\n")
    )
    assert finding.hint == "did you mean `minimum`?"


def test_runtime_is_only_a_parameter_key(spec_tree: SpecTree, minimal_spec: str) -> None:
    text = minimal_spec + "request_body:\n  fields:\n    - name: a\n      type: String\n      runtime: true\n"
    assert _one(spec_tree, text).message == "unknown key `runtime`"


def test_missing_required_key_with_its_values(spec_tree: SpecTree, minimal_spec: str) -> None:
    finding = _one(spec_tree, minimal_spec.replace("method: GET\n", ""))
    assert (finding.line, finding.col) == (1, 1)
    assert finding.message == "missing required key `method`"
    assert finding.hint == "add `method:` with one of: GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS"


def test_missing_required_mapping_names_its_keys(spec_tree: SpecTree, minimal_spec: str) -> None:
    text = minimal_spec.replace(
        "source:\n  page: workspace_list_export_tasks.txt\n  updated_on: 2026-02-10 GMT+08:00\n", ""
    )
    assert _one(spec_tree, text).hint == "add `source:` with `page`"


def test_missing_type_of_a_parameter(spec_tree: SpecTree, minimal_spec: str) -> None:
    finding = _one(spec_tree, minimal_spec.replace("      type: String\n", ""))
    assert (finding.line, finding.message) == (11, "missing required key `type`")
    assert finding.hint is not None and "String, Integer" in finding.hint


@pytest.mark.parametrize(
    ("old", "new", "message", "hint"),
    [
        ("required: true", 'required: "yes"', "`required` must be true or false, got 'yes'", "without quotes"),
        ("summary: Lists export tasks.", "summary:", "`summary` must be text, got nothing", "after the colon"),
        ("summary: Lists export tasks.", "summary: 12", "`summary` must be text, got 12", 'quote it: "12"'),
        ("summary: Lists export tasks.", "summary: yes", "`summary` must be text, got true", "as a boolean"),
        ("summary: Lists export tasks.", "summary: [a]", "`summary` must be text, got a list", None),
        (
            "      description: Project ID.",
            "      minimum: '1'",
            "`minimum` must be a number, got '1'",
            "remove the quotes",
        ),
    ],
)
def test_wrong_types(
    spec_tree: SpecTree, minimal_spec: str, old: str, new: str, message: str, hint: str | None
) -> None:
    finding = _one(spec_tree, minimal_spec.replace(old, new))
    assert finding.message == message
    if hint is None:
        assert finding.hint is None
    else:
        assert hint in (finding.hint or "")


def test_a_list_item_is_named_by_its_position(spec_tree: SpecTree, minimal_spec: str) -> None:
    finding = _one(spec_tree, minimal_spec.replace("responses:", "  query:\n    - limit\nresponses:"))
    assert finding.message == "item 1 of `query` must be a mapping of keys, got 'limit'"
    assert finding.hint == "write it as keys: `- name: limit` with `type:` and the rest below it"
    assert (finding.line, finding.col) == (16, 7)


def test_wrong_type_of_a_whole_section(spec_tree: SpecTree, minimal_spec: str) -> None:
    finding = _one(spec_tree, minimal_spec + "notes: one remark\n")
    assert finding.message == "`notes` must be a list, got 'one remark'"
    assert finding.hint == "write a list, e.g. [one remark]"


def test_enum_with_case_insensitive_suggestion(spec_tree: SpecTree, minimal_spec: str) -> None:
    finding = _one(spec_tree, minimal_spec.replace("method: GET", "method: get"))
    assert finding.message == "`method` must be one of: GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS; got 'get'"
    assert finding.hint == "did you mean `GET`?"
    assert (finding.line, finding.col) == (7, 9)


def test_unknown_type_name(spec_tree: SpecTree, minimal_spec: str) -> None:
    finding = _one(spec_tree, minimal_spec.replace("type: String", "type: Strin"))
    assert finding.message.startswith("`type` must be one of: String, Integer,")
    assert finding.hint == "did you mean `String`?"


def test_spec_version_is_a_constant(spec_tree: SpecTree, minimal_spec: str) -> None:
    finding = _one(spec_tree, minimal_spec.replace("spec_version: 1", "spec_version: 2"))
    assert (finding.message, finding.hint) == ("`spec_version` must be 1, got 2", "write `spec_version: 1`")


def test_enum_item_reports_the_branch_that_fits(spec_tree: SpecTree, minimal_spec: str) -> None:
    text = minimal_spec.replace(
        "      description: Project ID.\n", "      enum:\n        - value: a\n          text: b\n"
    )
    finding = _one(spec_tree, text)
    assert finding.message == "unknown key `text`"
    assert finding.hint == "allowed here: description, value"


def test_enum_item_of_no_allowed_shape(spec_tree: SpecTree, minimal_spec: str) -> None:
    text = minimal_spec.replace("      description: Project ID.\n", "      enum: [[a]]\n")
    finding = _one(spec_tree, text)
    assert finding.message == "item 1 of `enum` must be text, a number, a boolean or a mapping of keys, got a list"


@pytest.mark.parametrize(
    ("old", "new", "message", "hint"),
    [
        (
            "path: /v2/{project_id}/export-tasks",
            "path: v2/{project_id}/export-tasks",
            "`path` must start with `/` and contain no spaces, `?` or `#`, got 'v2/{project_id}/export-tasks'",
            "did you mean `/v2/{project_id}/export-tasks`?",
        ),
        (
            "path: /v2/{project_id}/export-tasks",
            "path: /v2/{project_id}/export-tasks?limit=1",
            "`path` must start with `/` and contain no spaces, `?` or `#`, got '/v2/{project_id}/export-tasks?limit=1'",
            "query parameters go under `parameters.query`, not in the path",
        ),
        (
            "      description: Project ID.",
            "      python_name: 2nd",
            "`python_name` must be a Python identifier (letters, digits and `_`, not starting with a digit), got '2nd'",
            None,
        ),
    ],
)
def test_patterns_in_words(
    spec_tree: SpecTree, minimal_spec: str, old: str, new: str, message: str, hint: str | None
) -> None:
    finding = _one(spec_tree, minimal_spec.replace(old, new))
    assert (finding.message, finding.hint) == (message, hint)


def test_client_class_pattern_suggests_the_fix(spec_tree: SpecTree) -> None:
    loaded = load_file(
        spec_tree.service("workspace", "spec_version: 1\ntitle: W\nendpoint: w\nclient_class: Workspace\n")
    )
    assert isinstance(loaded, SourceSpec)
    [finding] = schema_findings(loaded)
    assert finding.message.startswith("`client_class` must be a PascalCase class name ending in `Client`")
    assert finding.hint == "did you mean `WorkspaceClient`?"
    assert (finding.line, finding.col) == (4, 15)


def test_status_code_key(spec_tree: SpecTree, minimal_spec: str) -> None:
    finding = _one(spec_tree, minimal_spec.replace('"200":', '"2000":'))
    assert (finding.line, finding.col) == (16, 3)
    assert finding.message == "`2000` is not an HTTP status code"


def test_unquoted_status_code_is_fine(spec_tree: SpecTree, minimal_spec: str) -> None:
    assert _findings(spec_tree, minimal_spec.replace('"200":', "200:")) == []


def test_object_table_name_pattern(spec_tree: SpecTree, minimal_spec: str) -> None:
    finding = _one(spec_tree, minimal_spec + "objects:\n  1st:\n    fields: []\n")
    assert finding.message == "key `1st` must start with a letter and contain only letters, digits and `_`"
    assert (finding.line, finding.col) == (19, 3)


def test_response_with_body_and_file_points_at_file(spec_tree: SpecTree, minimal_spec: str) -> None:
    finding = _one(spec_tree, minimal_spec + "    body:\n      fields: []\n    file:\n      description: f.\n")
    assert finding.message == "a response has either `body` or `file`, not both"
    assert (finding.line, finding.col) == (20, 5)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("responses: {}\n", "`responses` must not be empty"),
        ("waiter: {name: w, state: s, success: [], failure: []}\n", "`success` must not be empty"),
    ],
)
def test_empty_values(spec_tree: SpecTree, minimal_spec: str, text: str, message: str) -> None:
    base = minimal_spec.split("responses:")[0] + (
        'responses:\n  "200":\n    description: OK.\n' if "waiter" in text else ""
    )
    finding = _one(spec_tree, base + text)
    assert finding.message == message
    assert finding.hint


def test_every_problem_is_reported_once(spec_tree: SpecTree, minimal_spec: str) -> None:
    text = minimal_spec.replace("method: GET", "method: FETCH").replace("required: true", "requird: true")
    findings = _findings(spec_tree, text)
    assert [f.line for f in findings] == [7, 13]
    assert len(set(findings)) == len(findings)


def _every_case_and_spec() -> list[SourceSpec]:
    root = Path(__file__).resolve().parent.parent
    files = sorted((root / "tests" / "cases" / "invalid").glob("*.yaml")) + sorted((root / "specs").rglob("*.yaml"))
    loaded = [load_file(path) for path in files]
    return [s for s in loaded if isinstance(s, SourceSpec)]


def test_the_quick_validator_agrees_with_jsonschema_on_every_case_and_spec() -> None:
    # jsonschema-rs answers "valid?" for speed; a disagreement would skip real findings.
    sources = _every_case_and_spec()
    assert len(sources) > 60
    for source in sources:
        full = Draft202012Validator(_schema(source.kind))
        assert _quick(source.kind).is_valid(source.data) == full.is_valid(source.data), source.display
