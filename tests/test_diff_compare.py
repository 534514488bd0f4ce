"""generator.diff.compare: one case per rule, two small spec trees and exactly the findings expected.

The trees are tests/cases/diff/base (trimmed copies of real specs) with text edits; the other
test_diff_* modules build theirs with the helpers here.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from generator.diff import RULES, diff

BASE = Path(__file__).resolve().parent / "cases" / "diff" / "base"
LIST = "workspace/list_export_tasks.yaml"
DOWNLOAD = "workspace/download_export_file.yaml"
EXPORT = "roma/export_asset.yaml"
STATUS = "roma/check_asset_job_status.yaml"

Edit = Callable[[Path], None]


def sub(file: str, old: str, new: str) -> Edit:
    """Replace text that occurs exactly once (so an edit never silently misses)."""

    def edit(root: Path) -> None:
        path = root / file
        text = path.read_text("utf-8")
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {file}"
        path.write_text(text.replace(old, new, 1), "utf-8")

    return edit


def remove(file: str) -> Edit:
    return lambda root: (root / file).unlink()


def rename(file: str, to: str) -> Edit:
    return lambda root: (root / file).rename(root / to)


def copy(file: str, to: str, *edits: tuple[str, str]) -> Edit:
    def edit(root: Path) -> None:
        text = (root / file).read_text("utf-8")
        for old, new in edits:
            text = text.replace(old, new)
        (root / to).write_text(text, "utf-8")

    return edit


def make_trees(tmp: Path, new_edits: Sequence[Edit], old_edits: Sequence[Edit] = ()) -> tuple[Path, Path]:
    """OLD and NEW copies of the base under tmp, each edited."""
    old, new = tmp / "old", tmp / "new"
    for root, edits in ((old, old_edits), (new, new_edits)):
        shutil.copytree(BASE, root)
        for edit in edits:
            edit(root)
    return old, new


FILE_NAME = "  - name: file_name\n    type: String\n    description: File name.\n"
LIMIT_MAX = "    maximum: 100\n"
STATUS_ENUM = "    - FAIL\n    - EXPIRED\n  - name: is_download"
PAGINATION = "pagination:\n  offset: offset\n  limit: limit\n  count: count\n  items: export_tasks\n"
OK_LIST = "responses:\n  '200':\n    description: Succeeded.\n"
HEADER = "    headers:\n    - name: X-Request-Id\n      type: {}\n      description: Request ID.\n"
TASKS_FIELD = "  - name: tasks\n    required: true\n    type: Array\n    items: tasks\n    description: Tasks.\n"
ITEM_FILE = "    - name: file_name\n      type: String\n      description: Name of the exported file.\n"
TAGS = "  - name: tags\n    type: Array\n    items: String\n"
PROGRESS = "        type: Float\n        description: Job progress percentage."
JOB_TYPE = "      - name: type\n        type: String\n"
JOB_ID = "      - name: id\n        type: String\n"
BEGIN = "      - name: begin_time\n        type: String\n"
OK_EMPTY = "  '200':\n    description: Succeeded.\n"
OK_FILE = OK_EMPTY + "    file:\n      description: The exported file.\n"
L, D, E, S = "workspace/list_export_tasks", "workspace/download_export_file", "roma/export_asset", STATUS[:-5]


@dataclass
class Case:
    new: list[Edit]
    expected: list[tuple[str, str, str, str | None, str | None]]  # rule, target, path, old, new
    old: list[Edit] = field(default_factory=list)


CASES: dict[str, Case] = {
    "operation-added": Case(
        [copy(DOWNLOAD, "workspace/delete_export_task.yaml", ("method: GET", "method: DELETE"), ("/download", ""))],
        [
            (
                "operation-added",
                "workspace/delete_export_task",
                "",
                None,
                "DELETE /v2/{project_id}/export-tasks/{task_id}",
            )
        ],
    ),
    "operation-removed": Case(
        [remove(DOWNLOAD)],
        [("operation-removed", D, "", "GET /v2/{project_id}/export-tasks/{task_id}/download", None)],
    ),
    "operation-renamed": Case(
        [rename(DOWNLOAD, "workspace/fetch_export_file.yaml")],
        [("operation-renamed", "workspace/fetch_export_file", "", "download_export_file", "fetch_export_file")],
    ),
    "operation-method-changed": Case(
        [sub(DOWNLOAD, "method: GET", "method: DELETE")], [("operation-method-changed", D, "", "GET", "DELETE")]
    ),
    "operation-path-changed": Case(
        [sub(DOWNLOAD, "}/download", "}/file")],
        [
            (
                "operation-path-changed",
                D,
                "",
                "/v2/{project_id}/export-tasks/{task_id}/download",
                "/v2/{project_id}/export-tasks/{task_id}/file",
            )
        ],
    ),
    "operation-deprecated": Case(
        [sub(DOWNLOAD, "error_codes:", "deprecated: true\nerror_codes:")],
        [("operation-deprecated", D, "", None, "true")],
    ),
    "operation-pagination-changed": Case(
        [sub(LIST, "  count: count\n", "")],
        [
            (
                "operation-pagination-changed",
                L,
                "pagination",
                "{offset: offset, limit: limit, count: count, items: export_tasks}",
                "{offset: offset, limit: limit, items: export_tasks}",
            )
        ],
    ),
    "operation-pagination-style-changed": Case(
        [
            sub(LIST, "pagination:\n  offset: offset\n", "pagination:\n  marker: marker\n  next_marker: next_marker\n"),
            sub(LIST, "  - name: offset\n", "  - name: marker\n    type: String\n  - name: offset\n"),
            sub(
                LIST,
                "      - name: count\n",
                "      - name: next_marker\n        type: String\n      - name: count\n",
            ),
        ],
        [
            (
                "operation-pagination-style-changed",
                L,
                "pagination",
                "{offset: offset, limit: limit, count: count, items: export_tasks}",
                "{marker: marker, next_marker: next_marker, limit: limit, count: count, items: export_tasks}",
            ),
            ("response-field-added", L, "200.next_marker", None, "String"),
            ("request-field-optional-added", L, "query.marker", None, "String"),
        ],
    ),
    "response-header-added": Case(
        [sub(LIST, OK_LIST, OK_LIST + HEADER.format("String"))],
        [("response-header-added", L, "200.header.X-Request-Id", None, "String")],
    ),
    "response-header-removed": Case(
        [],
        [("response-header-removed", L, "200.header.X-Request-Id", "String", None)],
        old=[sub(LIST, OK_LIST, OK_LIST + HEADER.format("String"))],
    ),
    "response-header-type-changed": Case(
        [sub(LIST, OK_LIST, OK_LIST + HEADER.format("Integer").replace("X-Request-Id", "x-request-id"))],
        [("response-header-type-changed", L, "200.header.x-request-id", "String", "Integer")],
        old=[sub(LIST, OK_LIST, OK_LIST + HEADER.format("String"))],
    ),
    "operation-waiter-changed": Case(
        [sub(LIST, "  - FAIL\n  - EXPIRED\n", "  - FAIL\n")],
        [
            (
                "operation-waiter-changed",
                L,
                "waiter",
                "{name: wait_for_export_task, select: {parameter: task_id, items: export_tasks, key: task_id},"
                " state: status, success: [SUCCESS], failure: [FAIL, EXPIRED]}",
                "{name: wait_for_export_task, select: {parameter: task_id, items: export_tasks, key: task_id},"
                " state: status, success: [SUCCESS], failure: [FAIL]}",
            )
        ],
    ),
    "operation-job-changed": Case(
        [sub(EXPORT, "    field: archive_id", "    field: id")],
        [
            (
                "operation-job-changed",
                E,
                "job",
                "{poll: check_asset_job_status, id_field: job_id, poll_parameter: job_id,"
                " download: {operation: download_asset_archive, parameter: archive_id, field: archive_id}}",
                "{poll: check_asset_job_status, id_field: job_id, poll_parameter: job_id,"
                " download: {operation: download_asset_archive, parameter: archive_id, field: id}}",
            )
        ],
    ),
    "service-endpoint-changed": Case(
        [sub("roma/_service.yaml", "endpoint: roma", "endpoint: roma-v2")],
        [("service-endpoint-changed", "roma", "", "roma", "roma-v2")],
    ),
    "request-content-type-changed": Case(
        [sub(EXPORT, "request_body:\n", "request_body:\n  content_type: application/json;charset=UTF-8\n")],
        [("request-content-type-changed", E, "body", "application/json", "application/json;charset=UTF-8")],
    ),
    "request-field-required-added": Case(
        [
            sub(
                LIST,
                FILE_NAME,
                FILE_NAME + "  - name: region\n    required: true\n    type: String\n    description: R.\n",
            )
        ],
        [("request-field-required-added", L, "query.region", None, "String")],
    ),
    "request-field-optional-added": Case(
        [sub(LIST, FILE_NAME, FILE_NAME + "  - name: marker\n    type: String\n    description: Marker.\n")],
        [("request-field-optional-added", L, "query.marker", None, "String")],
    ),
    "request-field-removed": Case(
        [sub(LIST, FILE_NAME, "")],
        [
            ("request-field-removed", L, "query.file_name", "String", None),
            ("sdk-keyword-removed", L, "query.file_name", "file_name", None),
        ],
    ),
    "request-field-became-required": Case(
        [sub(LIST, FILE_NAME, FILE_NAME.replace("    type", "    required: true\n    type"))],
        [("request-field-became-required", L, "query.file_name", "false", "true")],
    ),
    "request-field-became-optional": Case(
        [],
        [("request-field-became-optional", L, "query.file_name", "true", "false")],
        old=[sub(LIST, FILE_NAME, FILE_NAME.replace("    type", "    required: true\n    type"))],
    ),
    "request-field-location-changed": Case(
        [sub(LIST, FILE_NAME, ""), sub(LIST, "responses:\n", "  header:\n" + FILE_NAME + "responses:\n")],
        [("request-field-location-changed", L, "header.file_name", "query", "header")],
    ),
    "request-field-type-changed": Case(
        [
            sub(
                EXPORT,
                "      type: String\n      description: Application ID.",
                "      type: Integer\n      description: A.",
            )
        ],
        [("request-field-type-changed", E, "body.apps[].id", "String", "Integer")],
    ),
    "request-field-type-widened": Case(
        [sub(LIST, "    type: Integer\n    description: Page size.", "    type: Long\n    description: Page size.")],
        [("request-field-type-widened", L, "query.limit", "Integer", "Long")],
    ),
    "request-field-enum-value-removed": Case(
        [sub(LIST, STATUS_ENUM, "    - FAIL\n  - name: is_download")],
        [("request-field-enum-value-removed", L, "query.status", "EXPIRED", None)],
    ),
    "request-field-enum-value-added": Case(
        [sub(LIST, STATUS_ENUM, "    - FAIL\n    - EXPIRED\n    - CANCELLED\n  - name: is_download")],
        [("request-field-enum-value-added", L, "query.status", None, "CANCELLED")],
    ),
    "request-field-enum-introduced": Case(
        [sub(LIST, FILE_NAME, FILE_NAME + "    enum: [a.csv, b.csv]\n")],
        [("request-field-enum-introduced", L, "query.file_name", None, "a.csv, b.csv")],
    ),
    "request-field-enum-dropped": Case(
        [],
        [("request-field-enum-dropped", L, "query.file_name", "a.csv, b.csv", None)],
        old=[sub(LIST, FILE_NAME, FILE_NAME + "    enum: [a.csv, b.csv]\n")],
    ),
    "request-field-range-narrowed": Case(
        [sub(LIST, LIMIT_MAX, "    maximum: 50\n")],
        [("request-field-range-narrowed", L, "query.limit", "maximum: 100", "maximum: 50")],
    ),
    "request-field-range-widened": Case(
        [sub(LIST, LIMIT_MAX, "    maximum: 500\n")],
        [("request-field-range-widened", L, "query.limit", "maximum: 100", "maximum: 500")],
    ),
    "request-field-collection-format-changed": Case(
        [
            sub(
                LIST,
                STATUS_ENUM,
                STATUS_ENUM.replace(
                    "  - name: is_download", TAGS + "    collection_format: csv\n  - name: is_download"
                ),
            )
        ],
        [("request-field-collection-format-changed", L, "query.tags", "multi", "csv")],
        old=[sub(LIST, STATUS_ENUM, STATUS_ENUM.replace("  - name: is_download", TAGS + "  - name: is_download"))],
    ),
    "request-field-pattern-changed": Case(
        [sub(LIST, FILE_NAME, FILE_NAME + "    pattern: ^[a-z.]+$\n")],
        [("request-field-pattern-changed", L, "query.file_name", None, "^[a-z.]+$")],
    ),
    "request-field-default-changed": Case(
        [sub(LIST, "    default: 20\n", "    default: 50\n")],
        [("request-field-default-changed", L, "query.limit", "20", "50")],
    ),
    "request-field-deprecated": Case(
        [sub(LIST, FILE_NAME, FILE_NAME + "    deprecated: true\n")],
        [("request-field-deprecated", L, "query.file_name", None, "true")],
    ),
    "request-field-became-nullable": Case(
        [sub(E + ".yaml", TASKS_FIELD, TASKS_FIELD + "    nullable: true\n")],
        [("request-field-became-nullable", E, "body.tasks", "false", "true")],
    ),
    "request-field-no-longer-nullable": Case(
        [],
        [("request-field-no-longer-nullable", E, "body.tasks", "true", "false")],
        old=[sub(E + ".yaml", TASKS_FIELD, TASKS_FIELD + "    nullable: true\n")],
    ),
    "response-field-became-nullable": Case(
        [sub(LIST, ITEM_FILE, ITEM_FILE + "      nullable: true\n")],
        [("response-field-became-nullable", L, "200.export_tasks[].file_name", "false", "true")],
    ),
    "response-field-no-longer-nullable": Case(
        [],
        [("response-field-no-longer-nullable", L, "200.export_tasks[].file_name", "true", "false")],
        old=[sub(LIST, ITEM_FILE, ITEM_FILE + "      nullable: true\n")],
    ),
    "response-status-added": Case(
        [sub(LIST, "  '500':\n", "  '404':\n    description: Not found.\n  '500':\n")],
        [("response-status-added", L, "404", None, "404")],
    ),
    "response-status-removed": Case(
        [sub(STATUS, "  '403':\n    description: Forbidden\n", "  '499':\n    description: Forbidden\n")],
        [
            ("response-status-added", S, "499", None, "499"),
            ("response-status-removed", S, "403", "403", None),
        ],
    ),
    "response-success-status-added": Case(
        [sub(DOWNLOAD, OK_EMPTY, OK_EMPTY + "  '204':\n    description: Nothing to download.\n")],
        [("response-success-status-added", D, "204", None, "204")],
    ),
    "response-success-status-removed": Case(
        [],
        [("response-success-status-removed", D, "202", "202", None)],
        old=[sub(DOWNLOAD, OK_EMPTY, OK_EMPTY + "  '202':\n    description: Accepted.\n")],
    ),
    "response-error-body-changed": Case(
        [
            sub(
                DOWNLOAD,
                "  '401':\n    description: Authentication failed.\n    body:\n      fields:\n"
                "      - name: error_code\n        type: String\n",
                "  '401':\n    description: Authentication failed.\n    body:\n      fields:\n"
                "      - name: request_id\n        type: String\n        description: Request ID.\n"
                "      - name: error_code\n        type: Integer\n",
            )
        ],
        [("response-error-body-changed", D, "401", "error_code, error_msg", "error_code, error_msg, request_id")],
    ),
    "response-success-status-changed": Case(
        [sub(EXPORT, "  '200':\n    description: OK", "  '202':\n    description: OK")],
        [("response-success-status-changed", E, "202", "200", "202")],
    ),
    "response-became-file": Case(
        [sub(DOWNLOAD, OK_EMPTY, OK_FILE)], [("response-became-file", D, "200", "body", "file")]
    ),
    "response-became-json": Case(
        [], [("response-became-json", D, "200", "file", "body")], old=[sub(DOWNLOAD, OK_EMPTY, OK_FILE)]
    ),
    "response-field-added": Case(
        [sub(STATUS, BEGIN, "      - name: total\n        type: Integer\n        description: T.\n" + BEGIN)],
        [("response-field-added", S, "200.total", None, "Integer")],
    ),
    "response-field-removed": Case(
        [sub(STATUS, BEGIN + "        description: Start time of the job.\n", "")],
        [("response-field-removed", S, "200.begin_time", "String", None)],
    ),
    "response-field-became-optional": Case(
        [],
        [("response-field-became-optional", S, "200.type", "true", "false")],
        old=[sub(STATUS, JOB_TYPE, JOB_TYPE + "        required: true\n")],
    ),
    "response-field-became-required": Case(
        [sub(STATUS, JOB_TYPE, JOB_TYPE + "        required: true\n")],
        [("response-field-became-required", S, "200.type", "false", "true")],
    ),
    "response-field-type-changed": Case(
        [sub(STATUS, PROGRESS, PROGRESS.replace("Float", "String"))],
        [("response-field-type-changed", S, "200.progress_percent", "Float", "String")],
    ),
    "response-field-type-widened": Case(
        [sub(STATUS, PROGRESS, PROGRESS.replace("Float", "Double"))],
        [("response-field-type-widened", S, "200.progress_percent", "Float", "Double")],
    ),
    "response-field-type-narrowed": Case(
        [],
        [("response-field-type-narrowed", S, "200.progress_percent", "Double", "Float")],
        old=[sub(STATUS, PROGRESS, PROGRESS.replace("Float", "Double"))],
    ),
    "response-field-enum-value-added": Case(
        [sub(STATUS, "        - value: FAILED\n", "        - value: CANCELLED\n        - value: FAILED\n")],
        [("response-field-enum-value-added", S, "200.status", None, "CANCELLED")],
    ),
    "response-field-enum-value-removed": Case(
        [sub(STATUS, "        - value: RUNNING\n          description: The job is being executed.\n", "")],
        [("response-field-enum-value-removed", S, "200.status", "RUNNING", None)],
    ),
    "response-field-enum-introduced": Case(
        [sub(STATUS, JOB_TYPE, JOB_TYPE + "        enum: [exportAsset]\n")],
        [("response-field-enum-introduced", S, "200.type", None, "exportAsset")],
    ),
    "response-field-enum-dropped": Case(
        [],
        [("response-field-enum-dropped", S, "200.type", "exportAsset", None)],
        old=[sub(STATUS, JOB_TYPE, JOB_TYPE + "        enum: [exportAsset]\n")],
    ),
    "response-field-range-widened": Case(
        [],
        [("response-field-range-widened", S, "200.id", "max_length: 64", "max_length: none")],
        old=[sub(STATUS, JOB_ID, JOB_ID + "        max_length: 64\n")],
    ),
    "response-field-range-narrowed": Case(
        [sub(STATUS, JOB_ID, JOB_ID + "        max_length: 64\n")],
        [("response-field-range-narrowed", S, "200.id", "max_length: none", "max_length: 64")],
    ),
    "response-field-deprecated": Case(
        [sub(STATUS, BEGIN, BEGIN + "        deprecated: true\n")],
        [("response-field-deprecated", S, "200.begin_time", None, "true")],
    ),
    "sdk-client-renamed": Case(
        [sub("roma/_service.yaml", "client_class: RomaClient", "client_class: RomaV2Client")],
        [("sdk-client-renamed", "roma", "", "RomaClient", "RomaV2Client")],
    ),
    "sdk-method-added": Case(
        [],
        [
            ("sdk-method-added", L, "", None, "iter_list_export_tasks()"),
            ("sdk-method-added", L, "", None, "iter_list_export_tasks_pages()"),
        ],
        old=[sub(LIST, PAGINATION, "")],
    ),
    "sdk-method-removed": Case(
        [sub(LIST, PAGINATION, "")],
        [
            ("sdk-method-removed", L, "", "iter_list_export_tasks()", None),
            ("sdk-method-removed", L, "", "iter_list_export_tasks_pages()", None),
        ],
    ),
    "sdk-method-renamed": Case(
        [sub(LIST, "name: wait_for_export_task", "name: wait_for_task")],
        [("sdk-method-renamed", L, "", "wait_for_export_task()", "wait_for_task()")],
    ),
    "sdk-keyword-renamed": Case(
        [sub(LIST, FILE_NAME, FILE_NAME + "    python_name: name\n")],
        [("sdk-keyword-renamed", L, "query.file_name", "file_name", "name")],
    ),
    "sdk-attribute-renamed": Case(
        [sub(STATUS, "      - name: reason\n", "      - name: reason\n        python_name: reasons\n")],
        [("sdk-attribute-renamed", S, "200.reason", "reason", "reasons")],
    ),
}


def run_case(tmp: Path, case: Case) -> list[tuple[str, str, str, str | None, str | None]]:
    old, new = make_trees(tmp, case.new, case.old)
    result = diff(str(old), str(new))
    assert result.findings == [], result.findings
    return [(c.rule_id, c.target, c.path, c.old, c.new) for c in result.changes]


@pytest.mark.parametrize("name", sorted(CASES))
def test_rule(name: str, tmp_path: Path) -> None:
    assert run_case(tmp_path, CASES[name]) == CASES[name].expected


def test_every_rule_has_a_case() -> None:
    covered = {row[0] for case in CASES.values() for row in case.expected}
    assert covered == set(RULES)
    assert set(CASES) <= set(RULES)


def test_identical_trees_have_no_changes(tmp_path: Path) -> None:
    assert run_case(tmp_path, Case([], [])) == []
