"""generator.spec.semantics: the checks the schema cannot express, one spec at a time and across a service."""

from __future__ import annotations

import sys
import types
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from generator.findings import Finding, Severity
from generator.incremental import pipeline
from generator.spec.load import SourceSpec, load_specs
from generator.spec.schema import schema_findings
from generator.spec.semantics import RUNTIME_HEADERS, check_operation
from generator.spec.semantics_tree import check_service_tree

if TYPE_CHECKING:
    from conftest import SpecTree

QUERY = "  query:\n"
HEADER = "  header:\n"


def _check(tree: SpecTree, text: str, name: str = "list_export_tasks.yaml") -> list[Finding]:
    source = tree.load(text, name)
    assert schema_findings(source) == [], "the test spec must pass the schema so that only semantics are tested"
    return check_operation(source)


def _one(tree: SpecTree, text: str, name: str = "list_export_tasks.yaml") -> Finding:
    findings = _check(tree, text, name)
    assert len(findings) == 1, "\n".join(map(str, findings))
    return findings[0]


def _with_params(minimal_spec: str, section: str, rows: str) -> str:
    return minimal_spec.replace("responses:", section + rows + "responses:")


def _with_body(minimal_spec: str, fields: str, extra: str = "") -> str:
    return minimal_spec + "    body:\n      fields:\n" + fields + extra


def test_minimal_spec_is_clean(spec_tree: SpecTree, minimal_spec: str) -> None:
    assert _check(spec_tree, minimal_spec) == []


def test_real_specs_are_clean(real_specs: SpecTree) -> None:
    sources, findings = load_specs([Path("specs")])
    assert findings == []
    operations = [s for s in sources if s.kind == "operation"]
    assert operations
    for source in operations:
        assert schema_findings(source) == [], source.display
        assert check_operation(source) == [], source.display
    assert check_service_tree(sources) == []


# -- path ----------------------------------------------------------------------------------------


def test_undeclared_placeholder(spec_tree: SpecTree, minimal_spec: str) -> None:
    finding = _one(spec_tree, minimal_spec.replace("/export-tasks", "/export-tasks/{task_id}"))
    assert (finding.line, finding.col) == (8, 7)
    assert finding.message == "path placeholder `{task_id}` has no path parameter"
    assert finding.hint == "add `- name: task_id` with `required: true` under parameters.path"


def test_misspelt_placeholder_gets_did_you_mean(spec_tree: SpecTree, minimal_spec: str) -> None:
    text = minimal_spec.replace("path: /v2/{project_id}", "path: /v2/{projectid}")
    findings = _check(spec_tree, text)
    assert [f.hint for f in findings if "placeholder" in f.message] == ["did you mean `project_id`?"]


def test_unused_path_parameter(spec_tree: SpecTree, minimal_spec: str) -> None:
    finding = _one(spec_tree, minimal_spec.replace("path: /v2/{project_id}/export-tasks", "path: /v2/export-tasks"))
    assert (finding.line, finding.col) == (11, 7)
    assert finding.message == "path parameter `project_id` does not appear in the path /v2/export-tasks"


@pytest.mark.parametrize(
    ("old", "new", "line", "col"),
    [("required: true", "required: false", 13, 17), ("      required: true\n", "", 11, 7)],
)
def test_path_parameter_must_be_required(
    spec_tree: SpecTree, minimal_spec: str, old: str, new: str, line: int, col: int
) -> None:
    finding = _one(spec_tree, minimal_spec.replace(old, new))
    assert finding.message == "path parameter `project_id` must be `required: true`"
    assert (finding.line, finding.col) == (line, col)


def test_empty_placeholder_and_unbalanced_braces(spec_tree: SpecTree, minimal_spec: str) -> None:
    empty = _check(spec_tree, minimal_spec.replace("/export-tasks", "/export-tasks/{}"))
    assert [f.message for f in empty] == ["the path has an empty placeholder `{}`"]
    unbalanced = _one(spec_tree, minimal_spec.replace("{project_id}", "{project_id"))
    assert unbalanced.message == "unbalanced `{` or `}` in the path /v2/{project_id/export-tasks"


# -- parameters ------------------------------------------------------------------------------------


def test_duplicate_query_parameter_is_reported_once(spec_tree: SpecTree, minimal_spec: str) -> None:
    rows = "    - name: limit\n      type: Integer\n" * 2
    finding = _one(spec_tree, _with_params(minimal_spec, QUERY, rows))
    assert finding.message == "duplicate query parameter `limit` (item 1 is the same)"
    assert (finding.line, finding.col) == (18, 13)


def test_header_duplicates_ignore_case(spec_tree: SpecTree, minimal_spec: str) -> None:
    rows = "    - name: X-Language\n      type: String\n    - name: x-language\n      type: String\n"
    finding = _one(spec_tree, _with_params(minimal_spec, HEADER, rows))
    assert (
        finding.message == "duplicate header parameter `x-language` (item 1 is `X-Language`; header names ignore case)"
    )


def test_query_names_are_case_sensitive(spec_tree: SpecTree, minimal_spec: str) -> None:
    rows = (
        "    - name: Limit\n      type: Integer\n      python_name: big_limit\n    - name: limit\n      type: Integer\n"
    )
    assert _check(spec_tree, _with_params(minimal_spec, QUERY, rows)) == []


def test_runtime_headers(spec_tree: SpecTree, minimal_spec: str) -> None:
    assert "x-auth-token" in RUNTIME_HEADERS
    marked = "    - name: X-Auth-Token\n      type: String\n      runtime: true\n"
    assert _check(spec_tree, _with_params(minimal_spec, HEADER, marked)) == []
    unmarked = _one(spec_tree, _with_params(minimal_spec, HEADER, "    - name: Content-Type\n      type: String\n"))
    assert unmarked.message.startswith("header `Content-Type` is set by the client runtime")
    assert unmarked.hint == "add `runtime: true` to the parameter"


def test_runtime_on_an_ordinary_parameter(spec_tree: SpecTree, minimal_spec: str) -> None:
    rows = "    - name: limit\n      type: Integer\n      runtime: true\n"
    finding = _one(spec_tree, _with_params(minimal_spec, QUERY, rows))
    assert finding.message.startswith("`runtime: true` is only for headers the runtime owns")
    assert (finding.line, finding.col) == (18, 16)


@pytest.mark.parametrize("kind", ["Object", "Map", "File"])
def test_parameter_cannot_hold_objects(spec_tree: SpecTree, minimal_spec: str, kind: str) -> None:
    findings = _check(spec_tree, _with_params(minimal_spec, QUERY, f"    - name: filter\n      type: {kind}\n"))
    assert f"a query parameter cannot be of type {kind} or hold objects" in [f.message for f in findings]


def test_keyword_argument_collision_across_locations(spec_tree: SpecTree, minimal_spec: str) -> None:
    rows = (
        QUERY + "    - name: x_language\n      type: String\n" + HEADER + "    - name: X-Language\n      type: String\n"
    )
    finding = _one(spec_tree, minimal_spec.replace("responses:", rows + "responses:"))
    assert finding.message == (
        "header parameter `X-Language` and query parameter `x_language` both become the keyword argument `x_language`"
    )
    assert finding.hint == "give one of them a `python_name`"


def test_keyword_collision_resolved_by_python_name(spec_tree: SpecTree, minimal_spec: str) -> None:
    rows = (
        QUERY
        + "    - name: x_language\n      type: String\n"
        + HEADER
        + "    - name: X-Language\n      type: String\n      python_name: language_header\n"
    )
    assert _check(spec_tree, minimal_spec.replace("responses:", rows + "responses:")) == []


def test_keyword_collision_uses_the_generated_argument_names(spec_tree: SpecTree, minimal_spec: str) -> None:
    # `timeout` is a keyword argument of every method, so a parameter `timeout` becomes `timeout_`.
    rows = "    - name: timeout\n      type: Integer\n    - name: timeout_\n      type: Integer\n"
    finding = _one(spec_tree, _with_params(minimal_spec, QUERY, rows))
    assert finding.message.endswith("both become the keyword argument `timeout_`")


def test_body_field_collides_with_a_parameter(spec_tree: SpecTree, minimal_spec: str) -> None:
    text = minimal_spec.replace("method: GET", "method: POST") + (
        "request_body:\n  fields:\n    - name: projectId\n      type: String\n"
    )
    finding = _one(spec_tree, text)
    assert finding.message == (
        "body field `projectId` and path parameter `project_id` both become the keyword argument `project_id`"
    )


# -- fields, types, facts ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("row", "message", "hint"),
    [
        ("type: Integer\n      default: '20'", "default '20' is not of type Integer", "remove the quotes"),
        ("type: Integer\n      default: 2.0", "default 2.0 is not of type Integer", "write 2"),
        ("type: Integer\n      default: true", "default true is not of type Integer", None),
        ("type: String\n      default: 5", "default 5 is not of type String", 'quote it: "5"'),
        ("type: Boolean\n      default: 'false'", "default 'false' is not of type Boolean", "remove the quotes"),
        (
            "type: String\n      enum: [a, b]\n      default: c",
            "default 'c' is not one of the enum values: 'a', 'b'",
            None,
        ),
        ("type: Integer\n      enum: [1, 2]\n      default: true", "default true is not of type Integer", None),
        ("type: Integer\n      enum: [1, x]", "enum value 'x' is not of type Integer", None),
        ("type: String\n      enum: [on, off]", "enum value true is not of type String", "as a boolean"),
        ("type: String\n      enum: [a, a]", "`p` lists an enum value twice", None),
        ("type: Integer\n      maximum: 10\n      default: 11", "default 11 is outside the range -inf..10", None),
        ("type: Integer\n      minimum: 5\n      maximum: 1", "`minimum` 5 is greater than `maximum` 1", None),
        ("type: String\n      max_length: 2\n      default: abc", "default 'abc' has a length outside 0..2", None),
        ("type: String\n      minimum: 1", "`minimum` does not apply to type String", "remove `minimum`"),
        ("type: Integer\n      max_length: 1", "`max_length` does not apply to type Integer", None),
        ("type: String\n      items: String", "`items` is only for type Array, this is String", "remove `items`"),
        ("type: Array", "`p` is an Array but has no `items`", None),
        ("type: Array\n      items: Strng", "`Strng` is neither a type nor an object table of this spec", None),
    ],
)
def test_field_facts(spec_tree: SpecTree, minimal_spec: str, row: str, message: str, hint: str | None) -> None:
    findings = _check(spec_tree, _with_params(minimal_spec, QUERY, f"    - name: p\n      {row}\n"))
    assert message in [f.message for f in findings], "\n".join(map(str, findings))
    if hint is not None:
        assert any(hint in (f.hint or "") for f in findings if f.message == message)


@pytest.mark.parametrize(
    "row",
    [
        "type: Number\n      default: 1",
        "type: Integer\n      minimum: 1\n      maximum: 10\n      default: 10",
        "type: Array\n      items: String\n      min_length: 1\n      max_items: 3",
        "type: String\n      enum: [{value: a, description: A.}, b]\n      default: a",
    ],
)
def test_field_facts_that_are_fine(spec_tree: SpecTree, minimal_spec: str, row: str) -> None:
    assert _check(spec_tree, _with_params(minimal_spec, QUERY, f"    - name: p\n      {row}\n")) == []


def test_duplicate_field_despite_python_name(spec_tree: SpecTree, minimal_spec: str) -> None:
    fields = (
        "        - name: a\n          type: String\n          python_name: b\n"
        "        - name: a\n          type: String\n"
    )
    finding = _one(spec_tree, _with_body(minimal_spec, fields))
    assert finding.message == "duplicate field `a` (item 1 is the same)"
    assert (finding.line, finding.col) == (23, 17)


def test_fields_that_become_the_same_python_name(spec_tree: SpecTree, minimal_spec: str) -> None:
    fields = "        - name: errorCode\n          type: String\n        - name: error_code\n          type: String\n"
    finding = _one(spec_tree, _with_body(minimal_spec, fields))
    assert finding.message == "`error_code` and `errorCode` both become the Python name `error_code`"


def test_object_tables(spec_tree: SpecTree, minimal_spec: str) -> None:
    fields = "        - name: tasks\n          type: Array\n          items: Tsk\n"
    objects = "objects:\n  Task:\n    fields:\n      - name: id\n        type: String\n"
    findings = _check(spec_tree, _with_body(minimal_spec, fields, objects))
    assert [(f.severity, f.message, f.hint) for f in findings] == [
        (Severity.ERROR, "`Tsk` is neither a type nor an object table of this spec", "did you mean `Task`?"),
        (
            Severity.WARNING,
            "object table `Task` is not used by any field",
            "reference it with `items:` or `object:`, or remove it",
        ),
    ]


def test_file_is_not_a_field_type(spec_tree: SpecTree, minimal_spec: str) -> None:
    finding = _one(spec_tree, _with_body(minimal_spec, "        - name: f\n          type: File\n"))
    assert finding.message == "File is not a field type here"
    assert "multipart/form-data" in (finding.hint or "")


# -- examples --------------------------------------------------------------------------------------

EXAMPLE_FIELDS = (
    "        - name: count\n          type: Integer\n          required: true\n"
    "        - name: tasks\n          type: Array\n          items: Task\n"
)
EXAMPLE_OBJECTS = (
    "objects:\n  Task:\n    fields:\n      - name: status\n        type: String\n        enum: [RUNNING, DONE]\n"
)


@pytest.mark.parametrize(
    ("example", "message"),
    [
        ("{count: '3'}", "example value '3' for `count` is not of type Integer"),
        ("{count: 3, cnt: 1}", "example field `cnt` is not declared"),
        ("{tasks: []}", "example lacks the required field `count`"),
        ("{count: 3, tasks: {status: DONE}}", "example value for `tasks` should be a list (its type is Array)"),
        ("{count: 3, tasks: [{status: done}]}", "example value 'done' for `status` is not one of: 'RUNNING', 'DONE'"),
        ("[1, 2]", "example should be a mapping of fields, got a list"),
    ],
)
def test_response_examples(spec_tree: SpecTree, minimal_spec: str, example: str, message: str) -> None:
    text = _with_body(minimal_spec, EXAMPLE_FIELDS, f"    example: {example}\n" + EXAMPLE_OBJECTS)
    assert [f.message for f in _check(spec_tree, text)] == [message]


def test_a_matching_example_is_fine(spec_tree: SpecTree, minimal_spec: str) -> None:
    example = "    example: {count: 1, tasks: [{status: DONE}]}\n"
    assert _check(spec_tree, _with_body(minimal_spec, EXAMPLE_FIELDS, example + EXAMPLE_OBJECTS)) == []


def test_request_example_body(spec_tree: SpecTree, minimal_spec: str) -> None:
    example = "request_examples:\n  - url: /v2/p/export-tasks\n    body: {limit: 1}\n"
    finding = _one(spec_tree, minimal_spec + example)
    assert finding.message == "the example has a body but the spec has no `request_body`"
    with_body = minimal_spec + "request_body:\n  fields:\n    - name: limit\n      type: Integer\n" + example
    assert _check(spec_tree, with_body.replace("{limit: 1}", "{limit: one}")) != []
    assert _check(spec_tree, with_body) == []


# -- pagination and waiters -------------------------------------------------------------------------

PAGED_QUERY = "    - name: offset\n      type: Integer\n    - name: limit\n      type: Integer\n"
PAGED_FIELDS = (
    "        - name: items\n          type: Array\n          items: String\n"
    "        - name: total\n          type: Integer\n"
)


def _paged(minimal_spec: str, pagination: str, query: str = PAGED_QUERY) -> str:
    return _with_body(_with_params(minimal_spec, QUERY, query), PAGED_FIELDS, pagination)


def test_pagination_that_fits(spec_tree: SpecTree, minimal_spec: str) -> None:
    text = _paged(minimal_spec, "pagination: {offset: offset, limit: limit, items: items, count: total}\n")
    assert _check(spec_tree, text) == []


@pytest.mark.parametrize(
    ("pagination", "query", "message"),
    [
        (
            "{offset: start, limit: limit, items: items}",
            PAGED_QUERY,
            "pagination.offset `start` is not a query parameter of this operation",
        ),
        (
            "{offset: offset, limit: limit, items: items}",
            PAGED_QUERY.replace("name: limit\n      type: Integer", "name: limit\n      type: String"),
            "pagination.limit `limit` must be an Integer or Long parameter, not String",
        ),
        (
            "{offset: offset, limit: limit, items: total}",
            PAGED_QUERY,
            "pagination.items `total` is not an Array field of the 200 response",
        ),
        (
            "{offset: offset, limit: limit, items: items, count: items}",
            PAGED_QUERY,
            "pagination.count `items` is not an Integer field of the 200 response (it is Array)",
        ),
        (
            "{offset: offset, marker: marker, limit: limit, items: items}",
            PAGED_QUERY + "    - name: marker\n      type: String\n",
            "pagination has both `offset` and `marker`",
        ),
        (
            "{offset: offset, limit: limit, items: items, next_link: items}",
            PAGED_QUERY,
            "pagination.next_link belongs to marker paging, not offset paging",
        ),
    ],
)
def test_pagination_problems(spec_tree: SpecTree, minimal_spec: str, pagination: str, query: str, message: str) -> None:
    finding = _one(spec_tree, _paged(minimal_spec, f"pagination: {pagination}\n", query))
    assert finding.message == message


MARKER_QUERY = "    - name: marker\n      type: String\n    - name: limit\n      type: Integer\n"
LINK_FIELDS = (
    "        - name: items\n          type: Array\n          items: String\n"
    "        - name: links\n          type: Array\n          items: Link\n"
    "        - name: page\n          type: Object\n          object: Page\n"
)
LINK_TABLES = (
    "objects:\n"
    "  Link:\n    fields:\n      - {name: rel, type: String}\n      - {name: href, type: String}\n"
    "  Page:\n    fields:\n      - {name: next, type: String}\n      - {name: marker, type: String}\n"
)


def _marker_paged(minimal_spec: str, pagination: str) -> str:
    spec = _with_body(_with_params(minimal_spec, QUERY, MARKER_QUERY), LINK_FIELDS, LINK_TABLES)
    return spec + f"pagination: {pagination}\n"


@pytest.mark.parametrize(
    "source",
    [
        "next_link: links",
        "next_link: page",
        "next_link: page.next",
        "next_marker: page.marker",
        "next_marker: page.next",
    ],
)
def test_marker_pagination_that_fits(spec_tree: SpecTree, minimal_spec: str, source: str) -> None:
    text = _marker_paged(minimal_spec, f"{{marker: marker, limit: limit, items: items, {source}}}")
    assert _check(spec_tree, text) == []


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("next_link: items", "pagination.next_link `items` must be a String URL, an Array of link objects or an"),
        ("item_marker: id", "pagination.item_marker `id` needs items that are objects with such a field"),
        ("next_marker: page", "pagination.next_marker `page` must be a String field, not Object"),
        ("next_marker: links.href", "pagination.next_marker `links.href`: `href` is not a field of the object at"),
        ("next_marker: page.marker, next_link: links", "marker paging needs exactly one of `next_marker`, `next_link`"),
    ],
)
def test_marker_pagination_problems(spec_tree: SpecTree, minimal_spec: str, source: str, message: str) -> None:
    finding = _one(spec_tree, _marker_paged(minimal_spec, f"{{marker: marker, limit: limit, items: items, {source}}}"))
    assert finding.message.startswith(message), finding.message


def test_links_without_rel_and_href_are_refused(spec_tree: SpecTree, minimal_spec: str) -> None:
    text = _marker_paged(minimal_spec, "{marker: marker, limit: limit, items: items, next_link: links}")
    finding = _one(spec_tree, text.replace("{name: rel, type: String}", "{name: kind, type: String}"))
    assert finding.message == "pagination.next_link `links`: the `Link` table has no `rel` field"


STATE_FIELDS = "        - name: status\n          type: String\n          enum: [RUNNING, SUCCESS, FAIL]\n"


@pytest.mark.parametrize(
    ("waiter", "message", "hint"),
    [
        ("state: status, success: [SUCCESS], failure: [FAIL]", None, None),
        (
            "state: state, success: [SUCCESS], failure: [FAIL]",
            "waiter state `state` is not a field of the 200 response",
            "did you mean `status`?",
        ),
        (
            "state: status, success: [SUCCEEDED], failure: [FAIL]",
            "waiter success value 'SUCCEEDED' is not a documented value of `status`",
            "did you mean `SUCCESS`?",
        ),
        (
            "state: status, success: [SUCCESS], failure: [1]",
            "waiter failure value 1 is not of type String (the type of `status`)",
            'quote it: "1"',
        ),
    ],
)
def test_waiter(spec_tree: SpecTree, minimal_spec: str, waiter: str, message: str | None, hint: str | None) -> None:
    text = _with_body(minimal_spec, STATE_FIELDS, f"waiter: {{name: wait_for_task, {waiter}}}\n")
    findings = _check(spec_tree, text)
    if message is None:
        assert findings == []
    else:
        assert [(f.message, f.hint) for f in findings] == [(message, hint)]


def test_waiter_with_select(spec_tree: SpecTree, minimal_spec: str) -> None:
    query = "    - name: task_id\n      type: String\n"
    fields = "        - name: tasks\n          type: Array\n          items: Task\n"
    objects = (
        "objects:\n  Task:\n    fields:\n"
        "      - name: task_id\n        type: String\n"
        "      - name: status\n        type: String\n        enum: [RUNNING, SUCCESS, FAIL]\n"
    )
    waiter = (
        "waiter:\n  name: wait_for_task\n  select: {parameter: task_id, items: tasks, key: %s}\n"
        "  state: %s\n  success: [SUCCESS]\n  failure: [FAIL]\n"
    )
    base = _with_body(_with_params(minimal_spec, QUERY, query), fields, objects)
    assert _check(spec_tree, base + waiter % ("task_id", "status")) == []
    assert [f.message for f in _check(spec_tree, base + waiter % ("id", "status"))] == ["`id` is not a field of `Task`"]
    assert [f.message for f in _check(spec_tree, base + waiter % ("task_id", "state"))] == [
        "waiter state `state` is not a field of `Task` (the selected item)"
    ]


# -- names and the service tree --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "message", "hint"),
    [
        (
            "ListTasks.yaml",
            "operation name (the file name) `ListTasks` is not a snake_case identifier",
            "list_tasks.yaml",
        ),
        (
            "list-tasks.yml",
            "operation name (the file name) `list-tasks` is not a snake_case identifier",
            "list_tasks.yml",
        ),
        ("class.yaml", "operation name (the file name) `class` is a Python keyword", "class_tasks.yaml"),
    ],
)
def test_operation_names(spec_tree: SpecTree, minimal_spec: str, name: str, message: str, hint: str) -> None:
    finding = _one(spec_tree, minimal_spec, name)
    assert finding.message == message
    assert finding.hint is not None and finding.hint.endswith(hint)


def _tree(tree: SpecTree) -> list[Finding]:
    sources, findings = load_specs([Path("specs")])
    assert findings == []
    return check_service_tree([s for s in sources if not schema_findings(s)])


def test_duplicate_routes_and_names(spec_tree: SpecTree, minimal_spec: str) -> None:
    spec_tree.spec(minimal_spec, "list_export_tasks.yaml")
    spec_tree.spec(minimal_spec, "list_export_tasks.yml")
    spec_tree.spec(minimal_spec, "list_again.yaml")
    spec_tree.spec(minimal_spec, "list-again.yaml")
    spec_tree.spec(minimal_spec, "other_service_is_fine.yaml", service="hss")
    assert [(f.path, f.line, f.message) for f in _tree(spec_tree)] == [
        (
            "specs/workspace/list_again.yaml",
            1,
            "operations `list_again` and `list-again` (specs/workspace/list-again.yaml) both become the method"
            " `list_again`",
        ),
        (
            "specs/workspace/list_export_tasks.yaml",
            8,
            "GET /v2/{project_id}/export-tasks is already operation `list-again` (specs/workspace/list-again.yaml)",
        ),
        (
            "specs/workspace/list_export_tasks.yml",
            1,
            "duplicate operation `list_export_tasks` in service `workspace`:"
            " specs/workspace/list_export_tasks.yaml has the same name",
        ),
    ]


def test_routes_differ_by_method_or_placeholder_name_only(spec_tree: SpecTree, minimal_spec: str) -> None:
    spec_tree.spec(minimal_spec, "list_export_tasks.yaml")
    spec_tree.spec(minimal_spec.replace("method: GET", "method: POST"), "create_export_task.yaml")
    renamed = minimal_spec.replace("project_id", "project")
    spec_tree.spec(renamed, "list_again.yaml")
    findings = _tree(spec_tree)
    assert [f.message for f in findings] == [
        "GET /v2/{project_id}/export-tasks is already operation `list_again` (specs/workspace/list_again.yaml)"
    ]
    # Huawei documents some routes as several operations: both generate, so this is a warning
    assert [f.severity.value for f in findings] == ["warning"]


def test_spec_without_a_service_file(spec_tree: SpecTree, minimal_spec: str) -> None:
    spec_tree.write("list_export_tasks.yaml", minimal_spec)
    [finding] = _tree(spec_tree)
    assert finding.path == "specs/list_export_tasks.yaml"
    assert finding.message == "spec is outside specs/<service>/: there is no _service.yaml beside it"


def test_a_broken_service_file_does_not_make_its_specs_homeless(spec_tree: SpecTree, minimal_spec: str) -> None:
    spec_tree.spec(minimal_spec)
    spec_tree.service("workspace", "spec_version: 1\ntitle: W\nendpoint: w\nclient_class: Bad\n")
    assert _tree(spec_tree) == []


def test_service_directory_name(spec_tree: SpecTree, minimal_spec: str) -> None:
    spec_tree.spec(minimal_spec, service="Work-Space")
    [finding] = _tree(spec_tree)
    assert (finding.path, finding.message) == (
        "specs/Work-Space/_service.yaml",
        "service directory name `Work-Space` is not a snake_case identifier",
    )
    assert finding.hint == "rename the directory to work_space/"


def test_model_class_defined_differently_is_renamed_with_a_warning(spec_tree: SpecTree, minimal_spec: str) -> None:
    body = "    body:\n      fields:\n        - name: t\n          type: Object\n          object: Task\n"
    one = minimal_spec + body + "objects:\n  Task:\n    fields:\n      - name: id\n        type: String\n"
    spec_tree.spec(one, "list_export_tasks.yaml")
    spec_tree.spec(one.replace("method: GET", "method: POST"), "create_task.yaml")
    assert _tree(spec_tree) == []
    spec_tree.spec(one.replace("method: GET", "method: PUT").replace("name: id", "name: key"), "update_task.yaml")
    [finding] = _tree(spec_tree)
    assert (finding.path, finding.severity) == ("specs/workspace/update_task.yaml", Severity.WARNING)
    assert finding.message == (
        "object table `Task` becomes the class `TaskObject`, not `Task`:"
        " it is already the class of a different table `Task` (`create_task`)"
    )


def test_tables_named_like_generated_names_generate_working_code(
    spec_tree: SpecTree, minimal_spec: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = (
        "    body:\n      fields:\n"
        "        - name: f\n          type: Object\n          object: Field\n"
        "        - name: r\n          type: Object\n          object: ListExportTasksResponse\n"
    )
    tables = (
        "objects:\n"
        "  Field:\n    fields:\n      - name: Field\n        type: String\n"
        "  ListExportTasksResponse:\n    fields:\n      - name: BaseModel\n        type: Integer\n"
    )
    spec_tree.spec(minimal_spec + body + tables)
    findings = _tree(spec_tree)
    assert [f.severity for f in findings] == [Severity.WARNING, Severity.WARNING]
    files = pipeline.produce(spec_tree.specs).files
    models = files["hwcloud/workspace/models.py"]
    assert "class FieldObject(BaseModel):" in models and "class ListExportTasksResponseObject(BaseModel):" in models
    module = types.ModuleType("renamed_tables_models")
    monkeypatch.setitem(sys.modules, module.__name__, module)
    exec(compile(models, "models.py", "exec"), module.__dict__)  # shadowing would break the classes after it
    parsed = module.ListExportTasksResponse.model_validate({"f": {"Field": "x"}, "r": {"BaseModel": 1}})
    assert parsed.model_dump(by_alias=True) == {"f": {"Field": "x"}, "r": {"BaseModel": 1}}


def test_jobs(spec_tree: SpecTree, minimal_spec: str) -> None:
    start = minimal_spec.replace("method: GET", "method: POST") + (
        "    body:\n      fields:\n        - name: job_id\n          type: String\n"
        "job: {poll: show_job, id_field: job_id, poll_parameter: job_id}\n"
    )
    spec_tree.spec(start, "start_job.yaml")
    assert [f.message for f in _tree(spec_tree)] == ["no operation `show_job` in service `workspace`"]
    poll = minimal_spec.replace("/export-tasks", "/jobs/{job_id}").replace(
        "      description: Project ID.\n",
        "      description: Project ID.\n    - name: job_id\n      type: String\n      required: true\n",
    )
    spec_tree.spec(poll, "show_job.yaml")
    assert [f.message for f in _tree(spec_tree)] == ["operation `show_job` has no `waiter` section"]
    waited = poll + (
        "    body:\n      fields:\n        - name: status\n          type: String\n"
        "waiter: {name: wait_for_job, state: status, success: [done], failure: [failed]}\n"
    )
    spec_tree.spec(waited, "show_job.yaml")
    assert _tree(spec_tree) == []
    spec_tree.spec(start.replace("poll_parameter: job_id", "poll_parameter: jobid"), "start_job.yaml")
    findings = [(f.message, f.hint) for f in _tree(spec_tree)]
    assert ("`jobid` is not a parameter of `show_job`", "did you mean `job_id`?") in findings


def test_findings_point_into_the_right_file(spec_tree: SpecTree, minimal_spec: str) -> None:
    source = spec_tree.load(minimal_spec.replace("required: true", "required: false"), "a_op.yaml")
    assert isinstance(source, SourceSpec)
    [finding] = check_operation(source)
    assert finding.path == "specs/workspace/a_op.yaml"


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("python_name: class", "python_name `class` is a Python keyword"),
        ("python_name: timeout", "python_name `timeout` is an argument every generated method already has"),
        ("python_name: model_fields", "python_name `model_fields` is an attribute of pydantic's BaseModel"),
        ("python_name: model_name", None),
        (
            "python_name: _p",
            "python_name `_p` starts with `_`, which pydantic treats as a private attribute, not a field",
        ),
        ("python_name: p_value", None),
    ],
)
def test_python_name_overrides(spec_tree: SpecTree, minimal_spec: str, row: str, message: str | None) -> None:
    findings = _check(spec_tree, _with_params(minimal_spec, QUERY, f"    - name: p\n      type: String\n      {row}\n"))
    assert [f.message for f in findings] == ([message] if message else [])
    if message:
        assert (findings[0].line, findings[0].col) == (18, 20)


def test_object_class_name_override(spec_tree: SpecTree, minimal_spec: str) -> None:
    fields = "        - name: r\n          type: Object\n          object: R\n"
    objects = "objects:\n  R:\n    python_name: %s\n    fields: []\n"
    assert _check(spec_tree, _with_body(minimal_spec, fields, objects % "Result")) == []
    finding = _one(spec_tree, _with_body(minimal_spec, fields, objects % "'True'"))
    assert finding.message == "python_name `True` is a Python keyword"


# -- client method names ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["models", "declare", "close", "config", "str"])
def test_an_operation_may_not_take_a_name_the_client_uses(spec_tree: SpecTree, minimal_spec: str, name: str) -> None:
    finding = _one(spec_tree, minimal_spec, f"{name}.yaml")
    assert f"operation name `{name}`" in finding.message and "already uses" in finding.message
    assert finding.hint == f"rename the file to a verb phrase, e.g. get_{name}.yaml"


def test_two_methods_of_one_client_with_one_name_are_refused(real_specs: SpecTree) -> None:
    # list_export_tasks pages, which makes iter_list_export_tasks: an operation of that name collides.
    page = (real_specs.specs / "workspace" / "list_export_tasks.yaml").read_text()
    other = page.replace("path: /v2/{project_id}/export-tasks\n", "path: /v2/{project_id}/other-tasks\n")
    other = other.split("\n# Beyond the page")[0] + "\n"
    real_specs.write("workspace/iter_list_export_tasks.yaml", other)
    sources, _ = load_specs([Path("specs")])
    findings = [f for f in check_service_tree(sources) if "has the name of" in f.message]
    assert len(findings) == 1, findings
    assert findings[0].path == "specs/workspace/list_export_tasks.yaml"
    assert "item iterator `iter_list_export_tasks`" in findings[0].message
    assert "operation `iter_list_export_tasks`" in findings[0].message


@pytest.mark.parametrize(
    ("example", "said"),
    [('\'{"count": "one"\'', "does not parse"), ('\'{"count": "one"}\'', "disagrees with the fields")],
)
def test_a_text_example_says_whether_its_json_parses(
    spec_tree: SpecTree, minimal_spec: str, example: str, said: str
) -> None:
    """The importer keeps as text both JSON that does not parse and JSON that contradicts the tables."""
    text = _with_body(minimal_spec, "        - name: count\n          type: Integer\n", f"    example: {example}\n")
    finding = _one(spec_tree, text)
    assert finding.message == "the example is text, not JSON data" and said in (finding.hint or "")
