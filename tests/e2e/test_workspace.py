"""Workspace: Listing Export Tasks (tests/fixtures/pages/workspace_list_export_tasks.txt)."""

import pytest
from hwcloud import (
    ApiError,
    AuthenticationError,
    BadRequestError,
    InternalServerError,
)
from hwcloud.workspace import AsyncWorkspaceClient, WorkspaceClient, models

from .conftest import PROJECT, TOKEN
from .server import ABSENT, Reply, Request

WORKSPACE = (WorkspaceClient, AsyncWorkspaceClient)
PATH = f"/v2/{PROJECT}/export-tasks"
# A GET without a body: no Content-Type (the page lists no request parameters).
HEADERS = {"X-Auth-Token": TOKEN, "Content-Type": ABSENT}

# The page's example response.
PAGE_RESPONSE = {
    "export_tasks": [
        {
            "task_id": "string",
            "file_name": "string",
            "status": "CREATING",
            "fail_reason": "string",
            "error_code": "string",
            "create_time": "2022-03-28'T'00:00:00.000Z",
            "end_time": "2022-03-28'T'00:00:00.000Z",
            "is_download": True,
        }
    ],
    "count": 1,
}


def check_page_response(result):
    assert type(result) is models.ListExportTasksResponse
    assert result.count == 1
    assert len(result.export_tasks) == 1
    task = result.export_tasks[0]
    assert type(task) is models.ExportTaskItem
    assert task.task_id == "string"
    assert task.file_name == "string"
    assert task.status == "CREATING"
    assert task.fail_reason == "string"
    assert task.error_code == "string"
    assert task.create_time == "2022-03-28'T'00:00:00.000Z"
    assert task.end_time == "2022-03-28'T'00:00:00.000Z"
    assert task.is_download is True


def test_no_filters(server, invoke):
    server.expect(Request("GET", PATH, query=[], headers=HEADERS), Reply(200, json=PAGE_RESPONSE))
    check_page_response(invoke(WORKSPACE, "list_export_tasks"))


def test_status_and_limit(server, invoke):
    server.expect(
        Request("GET", PATH, query=[("status", "SUCCESS"), ("limit", "50")], headers=HEADERS),
        Reply(200, json=PAGE_RESPONSE),
    )
    check_page_response(invoke(WORKSPACE, "list_export_tasks", status="SUCCESS", limit=50))


def test_every_filter(server, invoke):
    # Falsy values (False, 0) are sent, booleans as true/false; the query follows Table 2's order.
    server.expect(
        Request(
            "GET",
            PATH,
            query=[
                ("file_name", "desktops 2024&Q1=x.xlsx"),
                ("task_id", "9f1c/2"),
                ("status", "EXPIRED"),
                ("is_download", "false"),
                ("sort_field", "create_time"),
                ("sort_type", "DESC"),
                ("offset", "0"),
                ("limit", "100"),
            ],
            headers=HEADERS,
        ),
        Reply(200, json={"export_tasks": [], "count": 0}),
    )
    result = invoke(
        WORKSPACE,
        "list_export_tasks",
        file_name="desktops 2024&Q1=x.xlsx",
        task_id="9f1c/2",
        status="EXPIRED",
        is_download=False,
        sort_field="create_time",
        sort_type="DESC",
        offset=0,
        limit=100,
    )
    assert result.export_tasks == []
    assert result.count == 0


def test_boolean_true_and_project_override(server, invoke):
    server.expect(
        Request("GET", "/v2/other-project/export-tasks", query=[("is_download", "true"), ("limit", "1")]),
        Reply(200, json=PAGE_RESPONSE),
    )
    result = invoke(WORKSPACE, "list_export_tasks", project_id="other-project", is_download=True, limit=1)
    assert result.export_tasks[0].is_download is True
    assert server.requests[0].query_string == "is_download=true&limit=1"


ERRORS = [
    (400, BadRequestError, "WKS.00010001", "Invalid request parameter."),
    (401, AuthenticationError, "WKS.00000401", "The token has expired."),
    (500, InternalServerError, "WKS.00000500", "Internal server error."),
]


@pytest.mark.parametrize(("status", "error_class", "code", "message"), ERRORS)
def test_error_statuses(server, invoke, status, error_class, code, message):
    server.expect(
        Request("GET", PATH, query=[("status", "FAIL")], headers=HEADERS),
        Reply(status, json={"error_code": code, "error_msg": message}, headers={"X-Request-Id": f"req-{status}"}),
    )
    with pytest.raises(error_class) as info:
        invoke(WORKSPACE, "list_export_tasks", status="FAIL")
    error = info.value
    assert isinstance(error, ApiError)
    assert type(error) is error_class
    assert error.status_code == status
    assert error.error_code == code
    assert error.error_msg == message
    assert error.request_id == f"req-{status}"
    # the page documents this status's body: the error carries it typed
    assert isinstance(error.body, models.ListExportTasksError)
    assert error.body.model_dump() == {"error_code": code, "error_msg": message}
    assert error.details is None
    assert str(error) == f"HTTP {status}: {code}: {message} (request id req-{status})"


def test_gateway_error_with_html_body(server, invoke):
    html = b"<html><body>502 Bad Gateway</body></html>"
    server.expect(
        Request("GET", PATH, headers=HEADERS),
        Reply(502, body=html, headers={"Content-Type": "text/html", "X-Request-Id": "gw-1"}),
    )
    with pytest.raises(InternalServerError) as info:
        invoke(WORKSPACE, "list_export_tasks")
    assert info.value.status_code == 502
    assert info.value.error_code is None
    assert info.value.error_msg == html.decode()
    assert info.value.request_id == "gw-1"
