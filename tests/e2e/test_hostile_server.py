"""A server that answers badly: every answer becomes a typed error or a result, never a stray exception.

Truncated and malformed JSON, wrong types, wrong content types, bytes that are not UTF-8, huge
bodies, a connection cut in the middle of a body; and, whatever goes wrong, the credentials never
appear in an exception or a log line.
"""

from __future__ import annotations

import logging
import random

import pytest
from hwcloud import AkSkAuth, ApiConnectionError, ApiError, ApiResponseValidationError, HwCloudError, TokenAuth
from hwcloud.workspace import AsyncWorkspaceClient, WorkspaceClient

from .conftest import TOKEN
from .server import Reply, Request

WORKSPACE = (WorkspaceClient, AsyncWorkspaceClient)
LIST_PATH = "/v2/p1/export-tasks"
SECRET_KEY = "sk-must-never-show-9c41"
TASKS = b'{"export_tasks": [{"task_id": "t1", "status": "SUCCESS"}], "count": 1}'


def _truncations() -> list[bytes]:
    rng = random.Random("hwgen-truncate")
    return [TASKS[: rng.randrange(1, len(TASKS) - 1)] for _ in range(6)]


BAD_BODIES = [
    *_truncations(),
    b"\xff\xfe\x00not utf-8",
    b'{"export_tasks": [], "count": 1e999999}',
    b"[1, 2, 3]",
    b'"just a string"',
    b"null",
    b"{" * 10_000 + b"}" * 10_000,
]


@pytest.mark.parametrize("body", BAD_BODIES, ids=[f"body{i}" for i in range(len(BAD_BODIES))])
def test_a_malformed_success_body_is_a_typed_error(server, invoke, body: bytes) -> None:
    server.expect(Request("GET", LIST_PATH), Reply(200, body=body, headers={"Content-Type": "application/json"}))
    with pytest.raises(HwCloudError) as raised:
        invoke(WORKSPACE, "list_export_tasks")
    assert isinstance(raised.value, ApiResponseValidationError)
    assert raised.value.status_code == 200 and raised.value.body == body


@pytest.mark.parametrize(
    "content_type", ["text/html", "application/octet-stream", "", "application/json; charset=latin-1"]
)
def test_a_wrong_content_type_is_read_as_the_body_allows(server, invoke, content_type: str) -> None:
    server.expect(Request("GET", LIST_PATH), Reply(200, body=TASKS, headers={"Content-Type": content_type}))
    page = invoke(WORKSPACE, "list_export_tasks")
    assert page.count == 1 and page.export_tasks[0].task_id == "t1"


@pytest.mark.parametrize("status", [400, 403, 404, 409, 429, 500, 502, 599])
@pytest.mark.parametrize("body", [b"", b"<html>oops</html>", b"\xff\xfe", b'{"error_code": 5', b"[]"])
def test_any_error_answer_is_an_api_error_with_its_status(server, invoke, status: int, body: bytes) -> None:
    server.expect(Request("GET", LIST_PATH), Reply(status, body=body, headers={"Content-Type": "application/json"}))
    with pytest.raises(ApiError) as raised:
        invoke(WORKSPACE, "list_export_tasks")
    assert raised.value.status_code == status


@pytest.mark.slow  # 200,000 items each way: ten seconds
def test_a_huge_body_is_parsed_or_refused_but_never_crashes(server, invoke) -> None:
    items = b",".join(b'{"task_id": "t%d", "status": "SUCCESS"}' % i for i in range(200_000))
    body = b'{"export_tasks": [' + items + b'], "count": 200000}'
    server.expect(Request("GET", LIST_PATH), Reply(200, body=body, headers={"Content-Type": "application/json"}))
    page = invoke(WORKSPACE, "list_export_tasks")
    assert page.count == 200_000 and len(page.export_tasks) == 200_000


def test_a_body_cut_short_is_a_connection_error(server, invoke) -> None:
    server.expect(
        Request("GET", LIST_PATH),
        Reply(200, body=TASKS[:20], headers={"Content-Type": "application/json", "Content-Length": "500"}),
    )
    with pytest.raises(ApiConnectionError):
        invoke(WORKSPACE, "list_export_tasks")


@pytest.mark.parametrize("auth", ["token", "aksk"])
def test_secrets_appear_in_no_error_and_no_log(server, invoke, auth: str, caplog: pytest.LogCaptureFixture) -> None:
    credentials = TokenAuth(TOKEN) if auth == "token" else AkSkAuth("AK-EXAMPLE", SECRET_KEY, security_token=TOKEN)
    caplog.set_level(logging.DEBUG)
    server.expect(Request("GET", LIST_PATH), Reply(401, json={"error_code": "APIGW.0301", "error_msg": "bad token"}))
    server.expect(
        Request("GET", LIST_PATH), Reply(200, body=b'{"count": "x"', headers={"Content-Type": "application/json"})
    )
    errors: list[BaseException] = []
    for _ in range(2):
        with pytest.raises(HwCloudError) as raised:
            invoke(WORKSPACE, "list_export_tasks", client={"auth": credentials})
        errors.append(raised.value)
    logged = "\n".join(record.getMessage() for record in caplog.records)
    for error in errors:
        shown = f"{error}\n{error!r}\n{error.args!r}"
        assert SECRET_KEY not in shown and TOKEN not in shown
    assert SECRET_KEY not in logged and TOKEN not in logged
    assert SECRET_KEY not in repr(credentials) and TOKEN not in repr(credentials)
