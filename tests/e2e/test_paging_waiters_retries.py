"""Pagination, waiters, retries and one-call workflows of the generated clients, over real HTTP on 127.0.0.1."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
from hwcloud import TokenAuth
from hwcloud._core import JobError, PaginationError, WaiterError
from hwcloud.drs import DrsClient
from hwcloud.hss import AsyncHssClient, HssClient
from hwcloud.roma import RomaClient
from hwcloud.workspace import AsyncWorkspaceClient, WorkspaceClient

Reply = tuple[int, dict[str, str], Any]


class Script:
    """A queue of replies per path; records (method, path, query) of every request."""

    def __init__(self) -> None:
        self.replies: dict[str, list[Reply | Callable[[dict[str, str]], Reply]]] = {}
        self.seen: list[tuple[str, str, dict[str, str]]] = []
        self.lock = threading.Lock()

    def add(self, path: str, *replies: Reply | Callable[[dict[str, str]], Reply]) -> None:
        self.replies.setdefault(path, []).extend(replies)

    def take(self, method: str, target: str) -> Reply:
        parts = urlsplit(target)
        query = dict(parse_qsl(parts.query))
        with self.lock:
            self.seen.append((method, parts.path, query))
            queue = self.replies.get(parts.path, [])
            reply = queue.pop(0) if len(queue) > 1 else (queue[0] if queue else (404, {}, {"error_code": "NO"}))
        return reply(query) if callable(reply) else reply


@pytest.fixture
def script() -> Iterator[tuple[Script, str]]:
    state = Script()

    class Handler(BaseHTTPRequestHandler):
        def _answer(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            self.rfile.read(length)
            status, headers, body = state.take(self.command, self.path)
            raw = isinstance(body, bytes)
            data = body if raw else json.dumps(body).encode()
            self.send_response(status)
            kind = "application/octet-stream" if raw else "application/json"
            for key, value in {"Content-Type": kind, **headers}.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = _answer

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    # shutdown() waits for the loop's next poll: half a second per test at the default interval
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    yield state, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


TASKS = "/v2/p1/export-tasks"


def _task(i: int, status: str = "SUCCESS") -> dict[str, Any]:
    return {"task_id": f"t{i}", "file_name": f"f{i}.zip", "status": status}


def _pages(total: int) -> Callable[[dict[str, str]], Reply]:
    def reply(query: dict[str, str]) -> Reply:
        offset, limit = int(query["offset"]), int(query["limit"])
        tasks = [_task(i) for i in range(offset, min(offset + limit, total))]
        return 200, {}, {"export_tasks": tasks, "count": total}

    return reply


def test_items_cross_three_pages_and_stop_at_count(script: tuple[Script, str]) -> None:
    state, url = script
    state.add(TASKS, _pages(25))
    with WorkspaceClient(base_url=url, project_id="p1", auth=TokenAuth("tok")) as client:
        ids = [t.task_id for t in client.iter_list_export_tasks(status="SUCCESS", page_size=10)]
    assert ids == [f"t{i}" for i in range(25)]
    assert [(q["offset"], q["limit"], q["status"]) for _, _, q in state.seen] == [
        ("0", "10", "SUCCESS"),
        ("10", "10", "SUCCESS"),
        ("20", "10", "SUCCESS"),
    ]


def test_pages_stop_on_an_empty_page_without_count(script: tuple[Script, str]) -> None:
    state, url = script
    state.add(TASKS, (200, {}, {"export_tasks": [_task(0), _task(1)]}), (200, {}, {"export_tasks": []}))
    with WorkspaceClient(base_url=url, project_id="p1") as client:
        pages = list(client.iter_list_export_tasks_pages(page_size=2))
    assert [len(p.export_tasks or []) for p in pages] == [2]
    assert len(state.seen) == 2


def test_default_page_size_is_the_page_maximum(script: tuple[Script, str]) -> None:
    state, url = script
    state.add(TASKS, _pages(3))
    with WorkspaceClient(base_url=url, project_id="p1") as client:
        assert len(list(client.iter_list_export_tasks())) == 3
    assert state.seen[0][2]["limit"] == "100"


def test_a_page_size_outside_the_range_is_refused_before_sending(script: tuple[Script, str]) -> None:
    state, url = script
    with WorkspaceClient(base_url=url, project_id="p1") as client, pytest.raises(ValueError, match="limit"):
        list(client.iter_list_export_tasks(page_size=101))
    assert state.seen == []


def test_a_server_that_does_not_advance_raises(script: tuple[Script, str]) -> None:
    state, url = script
    state.add(TASKS, (200, {}, {"export_tasks": [_task(0), _task(1)], "count": 10}))
    with WorkspaceClient(base_url=url, project_id="p1") as client, pytest.raises(PaginationError):
        list(client.iter_list_export_tasks(page_size=2))


def test_async_items_cross_pages(script: tuple[Script, str]) -> None:
    state, url = script
    state.add(TASKS, _pages(5))

    async def run() -> list[str | None]:
        async with AsyncWorkspaceClient(base_url=url, project_id="p1") as client:
            return [t.task_id async for t in client.iter_list_export_tasks(page_size=2)]

    assert asyncio.run(run()) == [f"t{i}" for i in range(5)]
    assert len(state.seen) == 3


def _listing(*statuses: str) -> list[Reply]:
    return [
        (200, {}, {"export_tasks": [_task(9, "CREATING"), {**_task(7), "status": s}], "count": 2}) for s in statuses
    ]


def test_workspace_waiter_follows_the_selected_task_to_success(script: tuple[Script, str]) -> None:
    state, url = script
    state.add(TASKS, *_listing("CREATING", "CREATING", "SUCCESS"))
    with WorkspaceClient(base_url=url, project_id="p1") as client:
        result = client.wait_for_export_task(task_id="t7", poll_interval=0.01)
    assert [t.status for t in result.export_tasks or [] if t.task_id == "t7"] == ["SUCCESS"]
    assert [q["task_id"] for _, _, q in state.seen] == ["t7", "t7", "t7"]


def test_workspace_waiter_raises_on_a_failure_state(script: tuple[Script, str]) -> None:
    state, url = script
    state.add(TASKS, *_listing("CREATING", "FAIL"))
    with WorkspaceClient(base_url=url, project_id="p1") as client, pytest.raises(WaiterError) as info:
        client.wait_for_export_task(task_id="t7", poll_interval=0.01)
    assert info.value.state == "FAIL"
    assert info.value.last_response.count == 2


def test_waiter_gives_up_at_its_deadline(script: tuple[Script, str]) -> None:
    state, url = script
    state.add(TASKS, *_listing("CREATING"))
    started = time.monotonic()
    with WorkspaceClient(base_url=url, project_id="p1") as client, pytest.raises(WaiterError, match="within"):
        client.wait_for_export_task(task_id="t7", poll_interval=0.05, wait_timeout=0.3)
    assert time.monotonic() - started < 2
    assert len(state.seen) >= 2


def test_hss_async_waiter_reads_task_status(script: tuple[Script, str]) -> None:
    state, url = script
    path = "/v5/p1/export-task/job-1"
    body = {"task_id": "job-1", "task_name": "n", "file_id": "f", "file_name": "x.zip"}
    state.add(path, (200, {}, {**body, "task_status": "running"}), (200, {}, {**body, "task_status": "success"}))

    async def run() -> str | None:
        async with AsyncHssClient(base_url=url, project_id="p1") as client:
            done = await client.wait_for_export_task(task_id="job-1", poll_interval=0.01)
            return done.file_id

    assert asyncio.run(run()) == "f"
    assert len(state.seen) == 2


def test_503_then_200_is_retried(script: tuple[Script, str]) -> None:
    state, url = script
    path = "/v5/p1/export-task/job-1"
    state.add(path, (503, {}, {"error_code": "HSS.503", "error_msg": "busy"}), (200, {}, {"task_id": "job-1"}))
    with HssClient(base_url=url, project_id="p1") as client:
        assert client.list_query_export_task(task_id="job-1").task_id == "job-1"
    assert len(state.seen) == 2


def test_429_waits_for_retry_after(script: tuple[Script, str]) -> None:
    state, url = script
    path = "/v5/p1/export-task/job-1"
    state.add(path, (429, {"Retry-After": "1"}, {"error_code": "HSS.429"}), (200, {}, {"task_id": "job-1"}))
    started = time.monotonic()
    with HssClient(base_url=url, project_id="p1") as client:
        client.list_query_export_task(task_id="job-1")
    assert 0.9 < time.monotonic() - started < 3


def test_retries_stop_after_max_retries(script: tuple[Script, str]) -> None:
    state, url = script
    path = "/v5/p1/export-task/job-1"
    state.add(path, (500, {"Retry-After": "0"}, {"error_code": "HSS.500", "error_msg": "down"}))
    from hwcloud import InternalServerError

    with HssClient(base_url=url, project_id="p1", max_retries=3) as client, pytest.raises(InternalServerError):
        client.list_query_export_task(task_id="job-1")
    assert len(state.seen) == 4
    state.seen.clear()
    with HssClient(base_url=url, project_id="p1") as client, pytest.raises(InternalServerError):
        client.list_query_export_task(task_id="job-1", max_retries=0)
    assert len(state.seen) == 1


def test_a_post_that_is_not_idempotent_is_not_retried(script: tuple[Script, str]) -> None:
    state, url = script
    path = "/v2/p1/instances/i1/assets/export"
    state.add(path, (503, {"Retry-After": "0"}, {"error_code": "ROMA.503"}), (200, {}, {"job_id": "j"}))
    from hwcloud import InternalServerError

    with RomaClient(base_url=url, project_id="p1") as client, pytest.raises(InternalServerError):
        client.export_asset(instance_id="i1", apps=[], tasks=[])
    assert len(state.seen) == 1


def _hss_export(state: Script, archive: bytes) -> None:
    state.add("/v5/p1/export-task", (200, {}, {"task_id": "job-9"}))
    running = {"task_id": "job-9", "task_status": "running"}
    done = {**running, "task_status": "success", "file_id": "file-3", "file_name": "report.zip"}
    state.add("/v5/p1/export-task/job-9", (200, {}, running), (200, {}, done))
    disposition = {"Content-Disposition": 'attachment; filename="report.zip"'}
    state.add("/v5/p1/download/file-3", (200, disposition, archive))


def test_hss_export_wait_download_in_one_call(script: tuple[Script, str], tmp_path: Any) -> None:
    state, url = script
    archive = bytes(range(256)) * 4096
    _hss_export(state, archive)
    with HssClient(base_url=url, project_id="p1") as client:
        saved = client.export_task_info_and_download(
            type="operational-report",
            operational_report_data={"report_id": "r1"},
            enterprise_project_id="all_granted_eps",
            destination=tmp_path,
            poll_interval=0.01,
        )
    assert saved == tmp_path / "report.zip"
    assert saved.read_bytes() == archive
    calls = [(m, p, q.get("enterprise_project_id")) for m, p, q in state.seen]
    assert calls == [
        ("POST", "/v5/p1/export-task", "all_granted_eps"),
        ("GET", "/v5/p1/export-task/job-9", "all_granted_eps"),
        ("GET", "/v5/p1/export-task/job-9", "all_granted_eps"),
        ("GET", "/v5/p1/download/file-3", "all_granted_eps"),
    ]


def test_async_hss_export_wait_download_in_one_call(script: tuple[Script, str], tmp_path: Any) -> None:
    state, url = script
    _hss_export(state, b"zip bytes")

    async def run() -> Any:
        async with AsyncHssClient(base_url=url, project_id="p1") as client:
            return await client.export_task_info_and_download(
                type="operational-report",
                operational_report_data={"report_id": "r1"},
                destination=tmp_path / "named.zip",
                poll_interval=0.01,
            )

    assert asyncio.run(run()).read_bytes() == b"zip bytes"


def test_a_start_response_without_the_job_id_raises_job_error(script: tuple[Script, str]) -> None:
    state, url = script
    state.add("/v5/p1/jobs/export/template", (202, {}, {"status": "SUCCESS"}))
    with DrsClient(base_url=url, project_id="p1") as client, pytest.raises(JobError, match="no id"):
        client.export_creation_template_and_wait(jobs=["j1"])
    assert len(state.seen) == 1


def test_drs_export_and_wait_returns_the_final_progress(script: tuple[Script, str]) -> None:
    state, url = script
    state.add("/v5/p1/jobs/export/template", (202, {}, {"id": "async-1", "status": "SUCCESS"}))
    state.add(
        "/v5/p1/jobs/async-1/export/progress",
        (200, {}, {"process_status": "pending"}),
        (200, {}, {"process_status": "success"}),
    )
    with DrsClient(base_url=url, project_id="p1") as client:
        done = client.export_creation_template_and_wait(jobs=["j1"], poll_interval=0.01)
    assert done.process_status == "success"
    assert [p for _, p, _ in state.seen][-1] == "/v5/p1/jobs/async-1/export/progress"


def _reset_then_answer(body: bytes) -> tuple[str, list[int]]:
    """A raw socket server: the first connection is reset (RST) after the request, the next one answered."""
    import socket
    import struct

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    served: list[int] = []

    def serve() -> None:
        for attempt in range(2):
            conn, _ = listener.accept()
            conn.recv(65536)
            served.append(attempt)
            if attempt == 0:
                conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            else:
                head = f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
                conn.sendall(head.encode() + body)
            conn.close()
        listener.close()

    threading.Thread(target=serve, daemon=True).start()
    return f"http://127.0.0.1:{listener.getsockname()[1]}", served


def test_a_connection_reset_is_retried() -> None:
    url, served = _reset_then_answer(b'{"task_id": "job-1", "task_status": "success"}')
    with HssClient(base_url=url, project_id="p1") as client:
        assert client.list_query_export_task(task_id="job-1").task_status == "success"
    assert served == [0, 1]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"error_code": "A.1", "error_msg": "flat"}, ("A.1", "flat")),
        ({"code": "B.2", "message": "code/message"}, ("B.2", "code/message")),
        ({"errorCode": "C.3", "errorMsg": "camel"}, ("C.3", "camel")),
        ({"error": {"error_code": "D.4", "error_msg": "nested"}}, ("D.4", "nested")),
        ({"error": {"code": "E.5", "message": "nested code"}}, ("E.5", "nested code")),
        ({"error": {"errorCode": "F.6", "errorMsg": "nested camel"}}, ("F.6", "nested camel")),
    ],
)
def test_every_huawei_error_body_shape_parses(
    script: tuple[Script, str], body: dict[str, Any], expected: tuple[str, str]
) -> None:
    from hwcloud import NotFoundError

    state, url = script
    state.add("/v5/p1/export-task/gone", (404, {"X-Request-Id": "rid-7"}, body))
    with HssClient(base_url=url, project_id="p1") as client, pytest.raises(NotFoundError) as info:
        client.list_query_export_task(task_id="gone")
    assert (info.value.error_code, info.value.error_msg, info.value.request_id) == (*expected, "rid-7")
    assert info.value.status_code == 404 and info.value.body == body
