"""Answers of a valid request: the page's example, or a deterministic synthesised body; files; request ids."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

from generator.mock import MockApp, running
from generator.mock.responses import sample_fields
from generator.model.api import Api, Constraints, EnumValue, Field, TypeRef

from .conftest import SPECS, TOKEN


def page_example(spec: str, status: str = "200") -> Any:
    """The example as the spec file holds it, read without the generator."""
    return yaml.safe_load(Path(SPECS, spec).read_text("utf-8"))["responses"][status]["example"]


def test_the_page_example_with_its_status(stateless: httpx.Client) -> None:
    response = stateless.get("/v2/p1/export-tasks")
    assert (response.status_code, response.json()) == (200, page_example("workspace/list_export_tasks.yaml"))
    assert response.headers["Content-Type"] == "application/json"
    drs = stateless.post("/v5/p1/jobs/export/template", json={"jobs": ["j"]}, headers=TOKEN)
    assert (drs.status_code, drs.json()) == (202, page_example("drs/export_creation_template.yaml", "202"))


def test_a_body_without_example_is_synthesised(stateless: httpx.Client) -> None:
    body = {"type": "operational-report", "operational_report_data": {"report_id": "r"}}
    response = stateless.post("/v5/p1/export-task", json=body, headers=TOKEN)
    assert (response.status_code, response.content) == (200, b'{"task_id":"task_id"}')


def test_a_response_without_body_is_empty(stateless: httpx.Client) -> None:
    response = stateless.get("/v2/p1/export-tasks/t1/download")
    assert (response.status_code, response.content) == (200, b"")


def test_a_file_example_is_the_file(stateless: httpx.Client) -> None:
    response = stateless.post("/v1/p1/workspaces/ws-1/soc/workflows/export", json={"id": ["w"]}, headers=TOKEN)
    assert response.status_code == 200
    assert response.content == b'{"Workflow file"}'
    assert response.headers["Content-Type"] == "application/octet-stream"
    assert response.headers["Content-Disposition"] == 'attachment; filename="export_aopworkflow-ws-1.bin"'


def test_a_file_without_example_is_a_deterministic_text(stateless: httpx.Client) -> None:
    first = stateless.get("/v5/p1/download/f%2F1", headers=TOKEN)
    again = stateless.get("/v5/p1/download/f%2F1", headers=TOKEN)
    assert first.content == again.content
    lines = first.text.splitlines()
    assert lines[:3] == ["hwgen mock file of hss.list_download_exported_file", "file_id: f/1", "project_id: p1"]
    assert lines[-1] == "line 0400 of 400"
    assert first.headers["Content-Disposition"] == 'attachment; filename="list_download_exported_file-f_1.bin"'


def test_request_ids_count_up(api: Api) -> None:
    with running(MockApp(api)) as url, httpx.Client(base_url=url) as client:
        ids = [
            client.get(path).headers["X-Request-Id"]
            for path in ("/v2/p1/export-tasks", "/nowhere", "/v2/p1/export-tasks")
        ]
    assert ids == [f"{n:032x}" for n in (1, 2, 3)]


def test_two_runs_answer_with_the_same_bytes(api: Api) -> None:
    def run() -> list[bytes]:
        with running(MockApp(api)) as url, httpx.Client(base_url=url, headers=TOKEN) as client:
            return [
                client.get("/v5/p1/export-task/t1").content,
                client.get("/v2/p1/instances/i1/assets/jobs/j1").content,
                client.get("/v2/p1/instances/i1/assets/archives/a1").content,
            ]

    assert run() == run()


def _field(name: str, page_type: str, **facts: Any) -> Field:
    enum = tuple(EnumValue(v) for v in facts.pop("enum", ()))
    items = facts.pop("items", None)
    return Field(
        name=name,
        python_name=name,
        location="response",
        type=TypeRef(page_type, items=TypeRef(items) if items else None),
        required=False,
        description="",
        enum=enum,
        constraints=Constraints(**facts),
    )


def test_synthesis_respects_enums_ranges_and_lengths() -> None:
    fields = (
        _field("id", "String", min_length=5),
        _field("name_that_is_long", "String", max_length=4),
        _field("state", "String", enum=["B", "A"]),
        _field("size", "Integer", minimum=3, maximum=9),
        _field("ratio", "Float", maximum=-1.5),
        _field("ok", "Boolean"),
        _field("tags", "Array", items="String", min_items=2),
        _field("labels", "Map"),
    )
    assert sample_fields(fields, {}) == {
        "id": "idxxx",
        "name_that_is_long": "name",
        "state": "B",
        "size": 3,
        "ratio": -1.5,
        "ok": False,
        "tags": ["tags", "tags"],
        "labels": {},
    }


def test_a_failure_inside_the_mock_is_a_logged_json_500(
    api: Api, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    app = MockApp(api)

    def broken(*args: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(app, "_answer", broken)
    with running(app) as url, caplog.at_level(logging.ERROR, "generator.mock.app"):
        response = httpx.get(f"{url}/v2/p1/export-tasks")
    assert response.status_code == 500
    assert response.json() == {
        "error_code": "HWGEN.0500",
        "error_msg": f"the mock failed on this request (id {response.headers['X-Request-Id']})",
    }
    assert "boom" in caplog.text
