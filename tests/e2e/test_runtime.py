"""The shared runtime of the generated clients (hwcloud._core), exercised over a real socket."""

import asyncio
import contextlib
import socket
import time
from urllib.parse import unquote

import httpx
import pydantic
import pytest
from hwcloud import (
    ApiConnectionError,
    ApiError,
    ApiResponseValidationError,
    ApiTimeoutError,
    HwCloudError,
    InternalServerError,
    NotFoundError,
    RateLimitError,
    TokenAuth,
)
from hwcloud.drs import AsyncDrsClient, DrsClient
from hwcloud.hss import AsyncHssClient, HssClient
from hwcloud.roma import AsyncRomaClient, RomaClient
from hwcloud.secmaster import AsyncSecMasterClient, SecMasterClient
from hwcloud.workspace import AsyncWorkspaceClient, WorkspaceClient

from .conftest import PROJECT, TOKEN
from .server import ABSENT, Reply, Request

WORKSPACE = (WorkspaceClient, AsyncWorkspaceClient)
HSS = (HssClient, AsyncHssClient)
DRS = (DrsClient, AsyncDrsClient)
LIST_PATH = f"/v2/{PROJECT}/export-tasks"
OK = Reply(200, json={"export_tasks": [], "count": 0})


# --- the test server itself: a wrong request must fail the test ---------------------------------


def test_server_reports_mismatches(server):
    server.expect(Request("POST", "/x", query=[("a", "1")], headers={"H": "v"}, json={"b": True}), Reply(204))
    with httpx.Client() as http:
        response = http.post(f"{server.url}/x?a=2", headers={"H": "w"}, json={"b": 1})
        assert response.status_code == 418
        assert response.json()["error_code"] == "E2E.MISMATCH"
        assert http.get(f"{server.url}/unexpected").status_code == 418
    failures = server.take_failures()
    assert any(f.startswith("query:") for f in failures)
    assert any(f.startswith("header H:") for f in failures)
    assert any(f.startswith("body:") for f in failures), "True and 1 must differ"
    assert any(f.startswith("unexpected request") for f in failures)
    server.expect(Request("GET", "/never"), Reply(200))
    with pytest.raises(AssertionError, match="never sent"):
        server.verify()
    server.expect(Request("GET", "/never"), Reply(200))  # consumed below, so the fixture's verify passes
    with httpx.Client() as http:
        assert http.get(f"{server.url}/never").status_code == 200
        assert http.get(f"{server.url}/never").status_code == 200


# --- validation before anything is sent ---------------------------------------------------------


@pytest.mark.parametrize(
    "arguments",
    [
        {"limit": 0},
        {"limit": 101},
        {"limit": -1},
        {"status": "BOGUS"},
        {"status": "success"},
        {"sort_type": "asc"},
        {"sort_field": "end_time"},
        {"offset": "ten"},
    ],
    ids=lambda a: "-".join(f"{k}={v}" for k, v in a.items()),
)
def test_invalid_arguments_are_rejected_before_sending(server, invoke, arguments):
    with pytest.raises(pydantic.ValidationError):
        invoke(WORKSPACE, "list_export_tasks", **arguments)
    assert server.requests == []


@pytest.mark.parametrize(
    ("method", "arguments", "name"),
    [
        ("list_export_tasks", {"bogus": 1}, "bogus"),
        ("list_export_tasks", {"page_size": 10}, "page_size"),  # an iterator's option, not the call's
        ("list_export_tasks", {"poll_interval": 1.0}, "poll_interval"),
        ("wait_for_export_task", {"task_id": "t", "page_size": 10}, "page_size"),
        ("download_export_file", {"task_id": "t", "taskid": "t"}, "taskid"),
    ],
)
def test_unknown_arguments_are_a_type_error_as_in_python(server, invoke, method, arguments, name):
    with pytest.raises(TypeError, match=rf"{method}\(\) got an unexpected keyword argument '{name}'"):
        invoke(WORKSPACE, method, **arguments)
    assert server.requests == []


def test_missing_required_arguments_are_a_type_error(server, invoke):
    with pytest.raises(TypeError, match=r"^download_export_file\(\) missing required keyword argument 'task_id'$"):
        invoke(WORKSPACE, "download_export_file")
    assert server.requests == []


def test_limit_bounds_are_inclusive(server, invoke):
    server.expect(Request("GET", LIST_PATH, query=[("limit", "1")]), OK)
    server.expect(Request("GET", LIST_PATH, query=[("limit", "100")]), OK)
    invoke(WORKSPACE, "list_export_tasks", limit=1)
    invoke(WORKSPACE, "list_export_tasks", limit=100)


@pytest.mark.parametrize("call_project", [None, ""])
def test_missing_project_id(server, invoke, call_project):
    with pytest.raises(ValueError, match="project_id"):
        invoke(WORKSPACE, "list_export_tasks", client={"project_id": None}, project_id=call_project)
    with pytest.raises(ValueError, match="project_id"):
        invoke(HSS, "list_query_export_task", client={"project_id": None}, task_id="t")
    assert server.requests == []


def test_empty_path_parameter_is_rejected(server, invoke):
    with pytest.raises(ValueError, match="task_id"):
        invoke(HSS, "list_query_export_task", task_id="")
    assert server.requests == []


# --- path parameters are one percent-encoded segment ---------------------------------------------


@pytest.mark.parametrize(
    ("task_id", "wire"),
    [
        ("../admin", "..%2Fadmin"),
        ("..%2Fadmin", "..%252Fadmin"),
        ("a/b?c=d#e", "a%2Fb%3Fc%3Dd%23e"),
        ("id with space", "id%20with%20space"),
        ("{project_id}", "%7Bproject_id%7D"),
        ("任务", "%E4%BB%BB%E5%8A%A1"),
    ],
)
def test_path_value_is_percent_encoded(server, invoke, task_id, wire):
    server.expect(
        Request("GET", f"/v5/{PROJECT}/export-task/{wire}", query=[], headers={"X-Auth-Token": TOKEN}),
        Reply(200, json={"task_id": task_id}),
    )
    assert invoke(HSS, "list_query_export_task", task_id=task_id).task_id == task_id


# '.' and '..' would be dot segments that URL normalisation resolves away (GET /v5/p1 for task_id='..').
@pytest.mark.parametrize("task_id", ["..", "."])
def test_dot_segment_cannot_change_the_path(server, invoke, task_id):
    server.fallback = Reply(200, json={})
    with contextlib.suppress(ValueError):  # refusing the value is fine too
        invoke(HSS, "list_query_export_task", task_id=task_id)
    for request in server.requests:
        prefix, _, last = request.path.rpartition("/")
        assert prefix == f"/v5/{PROJECT}/export-task"
        assert unquote(last) == task_id


def test_dot_segment_project_id_cannot_change_the_path(server, invoke):
    server.fallback = Reply(202, json={})
    with contextlib.suppress(ValueError):
        invoke(DRS, "export_creation_template", project_id="..", jobs=["j"])
    for request in server.requests:
        assert request.path == "/v5/%2E%2E/jobs/export/template"


# --- headers ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("bad", ["cn-north-4\r\nX-Evil: 1", "a\nb", "a\rb"])
def test_header_value_with_line_break_is_rejected(server, invoke, bad):
    with pytest.raises(ValueError, match="line break"):
        invoke(HSS, "list_query_export_task", task_id="t", region=bad)
    with pytest.raises(ValueError, match="line break"):
        invoke(HSS, "list_query_export_task", task_id="t", extra_headers={"X-Trace": bad})
    with pytest.raises(ValueError, match="line break"):
        invoke(HSS, "list_query_export_task", client={"extra_headers": {"X-Trace": bad}}, task_id="t")
    with pytest.raises(ValueError, match="line break"):
        TokenAuth(bad)
    assert server.requests == []


def test_header_name_with_line_break_never_reaches_the_server(server, invoke):
    # httpx/h11 refuses it; the runtime does not check names itself (see the report).
    with pytest.raises((ValueError, HwCloudError)):
        invoke(HSS, "list_query_export_task", task_id="t", extra_headers={"X-A\r\nX-Evil": "1"})
    assert server.requests == []


@pytest.mark.parametrize(
    "headers", [{"X-A\r\nX-Evil": "1"}, {"X A": "1"}, {"X-A": "a\x00b"}], ids=["crlf", "space", "nul"]
)
def test_invalid_header_is_a_value_error(server, invoke, headers):
    with pytest.raises(ValueError):
        invoke(HSS, "list_query_export_task", task_id="t", extra_headers=headers)
    assert server.requests == []


def test_extra_query_none_is_not_sent_as_text(server, invoke):
    server.fallback = Reply(200, json={})
    with contextlib.suppress(ValueError, TypeError):
        invoke(HSS, "list_query_export_task", task_id="t", extra_query={"marker": None})
    assert all(("marker", "None") not in request.query for request in server.requests)


def test_client_headers_extra_headers_and_extra_query_reach_the_server(server, invoke):
    server.expect(
        Request(
            "GET",
            LIST_PATH,
            # the per-call page=3 overrides the client's page=1 in place
            query=[("status", "SUCCESS"), ("region_tag", "c1"), ("page", "3"), ("marker", "m 1"), ("with_sub", "true")],
            headers={
                "X-Auth-Token": TOKEN,
                "X-Client-Default": "kept",
                "X-Overridden": "per-call",
                "X-Trace-Id": "trace-42",
            },
        ),
        OK,
    )
    invoke(
        WORKSPACE,
        "list_export_tasks",
        client={
            "extra_headers": {"X-Client-Default": "kept", "X-Overridden": "client"},
            "extra_query": {"region_tag": "c1", "page": 1},
        },
        status="SUCCESS",
        extra_headers={"X-Trace-Id": "trace-42", "X-Overridden": "per-call"},
        extra_query={"marker": "m 1", "with_sub": True, "page": 3},
    )


# --- secrets stay out of repr ------------------------------------------------------------------


def test_token_is_not_in_repr():
    auth = TokenAuth("secret-token-value")
    assert "secret-token-value" not in repr(auth)
    assert "secret-token-value" not in str(auth)
    for cls in (WorkspaceClient, AsyncWorkspaceClient, HssClient, SecMasterClient):
        client = cls(base_url="http://127.0.0.1:9", project_id="p1", auth=auth)
        try:
            assert "secret-token-value" not in repr(client)
            assert "secret-token-value" not in repr(client.config)
            assert "p1" in repr(client)
        finally:
            if isinstance(client, AsyncWorkspaceClient):
                asyncio.run(client.close())
            else:
                client.close()


def test_token_is_not_in_errors(server, invoke):
    server.expect(Request("GET", LIST_PATH), Reply(401, json={"error_code": "APIGW.0301", "error_msg": "bad token"}))
    with pytest.raises(ApiError) as info:
        invoke(WORKSPACE, "list_export_tasks")
    assert TOKEN not in str(info.value)
    assert TOKEN not in repr(info.value)


# --- the httpx client: closed if the client opened it, left open if the user passed it ---------------


def test_sync_client_closes_only_what_it_opened(server, monkeypatch):
    opened = []

    class Recording(httpx.Client):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            opened.append(self)

    server.expect(Request("GET", LIST_PATH), OK)
    server.expect(Request("GET", LIST_PATH), OK)
    server.expect(Request("GET", "/direct"), Reply(204))
    monkeypatch.setattr(httpx, "Client", Recording)
    with WorkspaceClient(base_url=server.url, project_id=PROJECT, auth=TokenAuth(TOKEN)) as client:
        client.list_export_tasks()
    assert len(opened) == 1
    assert opened[0].is_closed

    mine = Recording()
    try:
        with WorkspaceClient(base_url=server.url, project_id=PROJECT, http_client=mine) as client:
            client.list_export_tasks()
        assert len(opened) == 2, "the client must use the given http_client, not open its own"
        assert not mine.is_closed
        assert mine.get(f"{server.url}/direct").status_code == 204
    finally:
        mine.close()


def test_async_client_closes_only_what_it_opened(server, monkeypatch):
    opened = []

    class Recording(httpx.AsyncClient):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            opened.append(self)

    server.expect(Request("GET", LIST_PATH), OK)
    server.expect(Request("GET", LIST_PATH), OK)
    monkeypatch.setattr(httpx, "AsyncClient", Recording)

    async def run():
        async with AsyncWorkspaceClient(base_url=server.url, project_id=PROJECT) as client:
            await client.list_export_tasks()
        assert len(opened) == 1
        assert opened[0].is_closed
        mine = Recording()
        try:
            async with AsyncWorkspaceClient(base_url=server.url, project_id=PROJECT, http_client=mine) as client:
                await client.list_export_tasks()
            assert len(opened) == 2
            assert not mine.is_closed
        finally:
            await mine.aclose()

    asyncio.run(run())


# --- where requests go ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("clients", "method", "arguments", "url"),
    [
        (WORKSPACE, "list_export_tasks", {}, "https://workspace.cn-north-4.myhuaweicloud.com/v2/p1/export-tasks"),
        (
            HSS,
            "list_query_export_task",
            {"task_id": "t"},
            "https://hss.cn-north-4.myhuaweicloud.com/v5/p1/export-task/t",
        ),
        (
            DRS,
            "export_creation_template",
            {"jobs": []},
            "https://drs.cn-north-4.myhuaweicloud.com/v5/p1/jobs/export/template",
        ),
        (
            (RomaClient, AsyncRomaClient),
            "export_asset",
            {"instance_id": "i", "apps": [], "tasks": []},
            "https://roma.cn-north-4.myhuaweicloud.com/v2/p1/instances/i/assets/export",
        ),
        (
            (SecMasterClient, AsyncSecMasterClient),
            "export_aopworkflow",
            {"workspace_id": "w", "id": []},
            "https://secmaster.cn-north-4.myhuaweicloud.com/v1/p1/workspaces/w/soc/workflows/export",
        ),
    ],
    ids=["workspace", "hss", "drs", "roma", "secmaster"],
)
def test_region_builds_the_public_endpoint(mode, clients, method, arguments, url):
    seen = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        return httpx.Response(200, json={})

    sync_cls, async_cls = clients
    kwargs = {"region": "cn-north-4", "project_id": "p1", "auth": TokenAuth(TOKEN)}
    if mode == "sync":
        with httpx.Client(transport=httpx.MockTransport(handler)) as http, sync_cls(**kwargs, http_client=http) as c:
            assert c.config.base_url == url.split("/v")[0]
            result = getattr(c, method)(**arguments)
            if hasattr(result, "close"):
                result.close()
    else:

        async def run():
            async with (
                httpx.AsyncClient(transport=httpx.MockTransport(handler)) as http,
                async_cls(**kwargs, http_client=http) as c,
            ):
                result = await getattr(c, method)(**arguments)
                if hasattr(result, "close"):
                    await result.close()

        asyncio.run(run())
    assert seen == [url]


@pytest.mark.parametrize("region", ["cn-north-4.evil.com/x", "cn north", "cn-north-4@evil"])
def test_bad_region_is_rejected(region):
    with pytest.raises(ValueError, match="region"):
        WorkspaceClient(region=region, project_id="p1")


def test_region_or_base_url_is_required():
    with pytest.raises(ValueError, match="region"):
        WorkspaceClient(project_id="p1")


def test_base_url_wins_and_trailing_slash_is_dropped(server, invoke):
    server.expect(Request("GET", LIST_PATH), OK)
    invoke(WORKSPACE, "list_export_tasks", client={"base_url": server.url + "/", "region": "cn-north-4"})


# --- transport failures ------------------------------------------------------------------------------


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_connection_refused(invoke):
    port = _closed_port()
    with pytest.raises(ApiConnectionError) as info:
        invoke(WORKSPACE, "list_export_tasks", client={"base_url": f"http://127.0.0.1:{port}"}, status="FAIL")
    assert not isinstance(info.value, ApiTimeoutError)
    assert f"127.0.0.1:{port}/v2/p1/export-tasks" in str(info.value)
    assert TOKEN not in str(info.value)


@pytest.mark.parametrize("where", ["client", "call"])
def test_stalled_server_times_out(server, invoke, where):
    server.expect(Request("GET", LIST_PATH), Reply(200, json={"count": 1}, delay=5))
    client, call = ({"timeout": 0.3}, {}) if where == "client" else ({}, {"timeout": 0.3})
    started = time.monotonic()
    with pytest.raises(ApiTimeoutError) as info:
        invoke(WORKSPACE, "list_export_tasks", client=client, **call)
    assert time.monotonic() - started < 2
    assert isinstance(info.value, ApiConnectionError)
    assert "timed out" in str(info.value)


# --- responses ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        b'{"export_tasks": [], "count": "many"}',
        b'{"export_tasks": {"task_id": "t"}, "count": 1}',
        b'{"export_tasks": [{"is_download": "perhaps"}], "count": 1}',
        b"<html>not json</html>",
    ],
    ids=["count-many", "tasks-not-a-list", "bad-boolean", "not-json"],
)
def test_response_not_matching_the_model(server, invoke, body):
    server.expect(
        Request("GET", LIST_PATH),
        Reply(200, body=body, headers={"Content-Type": "application/json", "X-Request-Id": "rv-1"}),
    )
    with pytest.raises(ApiResponseValidationError) as info:
        invoke(WORKSPACE, "list_export_tasks")
    error = info.value
    assert isinstance(error, HwCloudError)
    assert error.status_code == 200
    assert error.request_id == "rv-1"
    assert error.body == body
    assert "ListExportTasksResponse" in str(error)


def test_unknown_response_fields_and_values_are_tolerated(server, invoke):
    server.expect(
        Request("GET", LIST_PATH),
        Reply(
            200,
            json={
                "export_tasks": [{"task_id": "t-9", "status": "PAUSED", "progress": 40, "is_download": False}],
                "count": 1,
                "next_marker": "abc",
            },
        ),
    )
    result = invoke(WORKSPACE, "list_export_tasks")
    assert result.count == 1
    task = result.export_tasks[0]
    assert (task.task_id, task.status, task.is_download) == ("t-9", "PAUSED", False)
    assert task.model_extra == {"progress": 40}
    assert result.model_extra == {"next_marker": "abc"}


@pytest.mark.parametrize(
    ("status", "error_class"),
    [(404, NotFoundError), (429, RateLimitError), (503, ApiError), (409, ApiError), (422, ApiError)],
)
def test_other_error_statuses(server, invoke, status, error_class):
    body = {"error": {"code": "X.1", "message": "nested", "request_id": "body-rid"}}
    server.expect(Request("GET", LIST_PATH), Reply(status, json=body))
    with pytest.raises(error_class) as info:
        invoke(WORKSPACE, "list_export_tasks")
    assert info.value.status_code == status
    assert (info.value.error_code, info.value.error_msg, info.value.request_id) == ("X.1", "nested", "body-rid")


def test_request_carries_no_body_or_content_type_on_get(server, invoke):
    server.expect(
        Request("GET", LIST_PATH, headers={"Content-Type": ABSENT, "Content-Length": ABSENT}, json=None),
        OK,
    )
    invoke(WORKSPACE, "list_export_tasks")


# --- retries (idempotent operations only) -----------------------------------------------------------

RETRY_NOW = {"Retry-After": "0"}


def test_idempotent_get_is_retried_identically(server, invoke):
    expected = Request("GET", LIST_PATH, query=[("status", "SUCCESS")], headers={"X-Auth-Token": TOKEN})
    server.expect(expected, Reply(503, json={"error_code": "X", "error_msg": "busy"}, headers=RETRY_NOW))
    server.expect(expected, Reply(429, json={"error_code": "Y", "error_msg": "slow down"}, headers=RETRY_NOW))
    server.expect(expected, Reply(200, json={"count": 7}))
    result = invoke(WORKSPACE, "list_export_tasks", client={"max_retries": 2}, status="SUCCESS")
    assert result.count == 7
    assert len(server.requests) == 3


def test_retries_give_up_with_the_last_error(server, invoke):
    for _ in range(3):
        server.expect(
            Request("GET", LIST_PATH),
            Reply(500, json={"error_code": "WKS.500", "error_msg": "down"}, headers=RETRY_NOW),
        )
    with pytest.raises(InternalServerError) as info:
        invoke(WORKSPACE, "list_export_tasks", client={"max_retries": 2})
    assert info.value.error_code == "WKS.500"
    assert len(server.requests) == 3


def test_client_errors_are_not_retried(server, invoke):
    server.expect(Request("GET", LIST_PATH), Reply(400, json={"error_code": "B", "error_msg": "bad"}))
    with pytest.raises(ApiError):
        invoke(WORKSPACE, "list_export_tasks", client={"max_retries": 2})
    assert len(server.requests) == 1


def test_per_call_max_retries_wins(server, invoke):
    server.expect(Request("GET", LIST_PATH), Reply(503, json={}, headers=RETRY_NOW))
    with pytest.raises(InternalServerError):
        invoke(WORKSPACE, "list_export_tasks", client={"max_retries": 2}, max_retries=0)
    assert len(server.requests) == 1


def test_non_idempotent_post_is_not_retried(server, invoke):
    server.expect(
        Request("POST", f"/v5/{PROJECT}/jobs/export/template", json={"jobs": ["j"]}),
        Reply(503, json={"error_code": "DRS.503", "error_msg": "busy"}, headers=RETRY_NOW),
    )
    with pytest.raises(InternalServerError):
        invoke(DRS, "export_creation_template", client={"max_retries": 2}, jobs=["j"])
    assert len(server.requests) == 1


def test_timeout_is_retried_then_succeeds(server, invoke):
    server.expect(Request("GET", LIST_PATH), Reply(200, json={"count": 1}, delay=5))
    server.expect(Request("GET", LIST_PATH), Reply(200, json={"count": 2}))
    result = invoke(WORKSPACE, "list_export_tasks", client={"max_retries": 1, "timeout": 0.3})
    assert result.count == 2
