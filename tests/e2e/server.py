"""A small hand-written HTTP server for the end-to-end tests of the generated clients.

It shares no code with the generator or the generated runtime, so a bug in either cannot be
mirrored here. Tests register expectations (`Request`, `Reply` pairs) in the order the client
must send them; the server checks each request it receives against the next expectation (exact
method, raw percent-encoded path, ordered query pairs, the headers that matter, exact JSON body),
records it, and answers with the canned reply: a status, headers and a body (bytes or JSON),
optionally streamed in chunks or held back to provoke a timeout.

A request that does not match is answered with 418 and a JSON error body naming every
difference, and the difference is kept in `failures`; `verify()` (called by the fixture after
each test) fails the test if there was any, or if an expectation was never used.
"""

from __future__ import annotations

import contextlib
import json
import socket
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

__all__ = ["ABSENT", "ANY", "MockServer", "Recorded", "Reply", "Request", "strict_equal"]


class _Marker:
    def __init__(self, name: str) -> None:
        self._name = name

    def __repr__(self) -> str:
        return self._name


ABSENT: Any = _Marker("ABSENT")  # as a header value: the header must not be sent
ANY: Any = _Marker("ANY")  # as a body: do not check the body
_NO_JSON: Any = _Marker("NO_JSON")


def strict_equal(a: Any, b: Any) -> bool:
    """Equality of JSON values that also compares types: True != 1, 1 != 1.0, "1" != 1."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(strict_equal(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(strict_equal(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


@dataclass(frozen=True)
class Request:
    """What the client must send.

    headers: name -> exact value (the header must be sent exactly once), or ABSENT.
    json: the exact JSON body (types compared strictly); None means the body must be empty;
    ANY skips the body check. body: the exact raw bytes instead of json.
    """

    method: str
    path: str
    query: Sequence[tuple[str, str]] = ()
    headers: dict[str, Any] = field(default_factory=dict)
    json: Any = None
    body: bytes | None = None


@dataclass(frozen=True)
class Reply:
    """What the server answers.

    json or body: the response body (json sets Content-Type: application/json unless headers
    say otherwise). chunks: the body sent with Transfer-Encoding: chunked, one HTTP chunk per
    item. delay: seconds to wait before the status line (interrupted when the server stops).
    stall_after: with chunks, stop after this many chunks and wait `delay` instead.
    """

    status: int = 200
    json: Any = _NO_JSON
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    chunks: Iterable[bytes] | None = None
    delay: float = 0.0
    stall_after: int | None = None


@dataclass
class Recorded:
    """A request as it arrived on the socket."""

    method: str
    target: str  # the request-target of the request line, exactly as sent
    path: str  # raw, still percent-encoded
    query_string: str
    query: list[tuple[str, str]]
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str) -> str | None:
        values = self.header_values(name)
        return values[0] if values else None

    def header_values(self, name: str) -> list[str]:
        return [v for k, v in self.headers if k.lower() == name.lower()]

    def json(self) -> Any:
        return json.loads(self.body.decode("utf-8"))


def _differences(expected: Request, got: Recorded) -> list[str]:
    problems = []
    if got.method != expected.method:
        problems.append(f"method: expected {expected.method}, got {got.method}")
    if got.path != expected.path:
        problems.append(f"path: expected {expected.path!r}, got {got.path!r}")
    if got.query != list(expected.query):
        problems.append(f"query: expected {list(expected.query)!r}, got {got.query!r} ({got.query_string!r})")
    for name, want in expected.headers.items():
        values = got.header_values(name)
        if want is ABSENT:
            if values:
                problems.append(f"header {name}: expected absent, got {values!r}")
        elif values != [want]:
            problems.append(f"header {name}: expected [{want!r}], got {values!r}")
    if expected.body is not None:
        if got.body != expected.body:
            problems.append(f"body: expected {expected.body[:200]!r}, got {got.body[:200]!r}")
    elif expected.json is None:
        if got.body:
            problems.append(f"body: expected none, got {got.body[:200]!r}")
    elif expected.json is not ANY:
        try:
            body = got.json()
        except ValueError as exc:
            problems.append(f"body: not UTF-8 JSON ({exc}): {got.body[:200]!r}")
        else:
            if not strict_equal(body, expected.json):
                problems.append(f"body: expected {expected.json!r}, got {body!r}")
    return problems


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _handle(self) -> None:
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            body = self._read_chunked()
        else:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
        split = urlsplit(self.path)
        recorded = Recorded(
            method=self.command,
            target=self.path,
            path=split.path,
            query_string=split.query,
            query=parse_qsl(split.query, keep_blank_values=True),
            headers=list(self.headers.items()),
            body=body,
        )
        reply = self.server.owner._answer(recorded)
        self._send(reply)

    def _read_chunked(self) -> bytes:
        parts = []
        while True:
            size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
            if size == 0:
                while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                    pass
                return b"".join(parts)
            parts.append(self.rfile.read(size))
            self.rfile.readline()

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = _handle

    def _wait(self, seconds: float) -> None:
        self.server.owner._stopping.wait(seconds)

    def _send(self, reply: Reply) -> None:
        if reply.delay and reply.stall_after is None:
            self._wait(reply.delay)
        headers = dict(reply.headers)
        body = reply.body
        if reply.json is not _NO_JSON:
            body = json.dumps(reply.json).encode("utf-8")
            headers.setdefault("Content-Type", "application/json")
        self.send_response(reply.status)
        for name, value in headers.items():
            self.send_header(name, value)
        if reply.chunks is None:
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        for index, chunk in enumerate(reply.chunks):
            if reply.stall_after is not None and index == reply.stall_after:
                self.wfile.flush()
                self._wait(reply.delay)
                self.close_connection = True
                return
            if chunk:
                self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        self.wfile.write(b"0\r\n\r\n")


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    owner: MockServer

    def get_request(self) -> tuple[socket.socket, Any]:
        conn, address = super().get_request()
        with self.owner._lock:
            self.owner._connections.add(conn)
        return conn, address

    def shutdown_request(self, request: Any) -> None:
        with self.owner._lock:
            self.owner._connections.discard(request)
        super().shutdown_request(request)

    def handle_error(self, request: Any, client_address: Any) -> None:
        # The client went away (timeout tests) or the server is stopping: nothing to report.
        pass


class MockServer:
    """The server: `url`, `expect()`, `requests`, `failures`, `verify()`, `stop()`."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._connections: set[socket.socket] = set()
        self._expected: list[tuple[Request, Reply]] = []
        self.requests: list[Recorded] = []
        self.failures: list[str] = []
        # Answer for requests when no expectation is queued; None makes them failures.
        self.fallback: Reply | None = None
        self._httpd = _Server(("127.0.0.1", 0), _Handler)
        self._httpd.owner = self
        self.port: int = self._httpd.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
        self._thread.start()

    def expect(self, request: Request, reply: Reply) -> None:
        with self._lock:
            self._expected.append((request, reply))

    def _answer(self, got: Recorded) -> Reply:
        with self._lock:
            self.requests.append(got)
            if not self._expected:
                if self.fallback is not None:
                    return self.fallback
                problems = [f"unexpected request {got.method} {got.target}"]
            else:
                expected, reply = self._expected.pop(0)
                problems = _differences(expected, got)
                if not problems:
                    return reply
                problems.insert(0, f"{got.method} {got.target} does not match {expected.method} {expected.path}")
            self.failures.extend(problems)
        message = "; ".join(problems)
        return Reply(418, json={"error_code": "E2E.MISMATCH", "error_msg": message})

    def take_failures(self) -> list[str]:
        with self._lock:
            failures, self.failures = self.failures, []
            return failures

    def verify(self) -> None:
        with self._lock:
            problems = list(self.failures)
            problems.extend(f"expected request never sent: {r.method} {r.path}" for r, _ in self._expected)
        assert not problems, "\n".join(problems)

    def stop(self) -> None:
        self._stopping.set()
        self._httpd.shutdown()
        with self._lock:
            connections = list(self._connections)
        for conn in connections:  # wake handler threads waiting on keep-alive connections
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> MockServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
