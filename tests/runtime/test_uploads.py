"""Form uploads in the runtime (issue 18, feature 2): text fields and files as multipart/form-data parts
(`upload="multipart"`, `files=`), with each part's name, filename and content type, streamed with a
Content-Length, and retried only when every file can be read again from its start."""

from __future__ import annotations

import asyncio
import email.parser
import email.policy
import io
import os
from pathlib import Path
from typing import Any, Unpack

import httpx
import pytest

from .conftest import load_runtime

rt = load_runtime()
declare = rt.declare


class _Operations:
    @declare.operation(
        "POST /v1/packages",
        body="name size public code",
        wire={"size": "code_size"},
        upload="multipart",
        files="code",
        content_type="multipart/form-data",
        idempotent=True,
    )
    def upload_package(
        self,
        *,
        name: str,
        code: rt.FileInput,
        size: int | None = None,
        public: bool | None = None,
        **options: Unpack[rt.UploadOptions],
    ) -> None:
        """Upload a code package with its name and flags."""


class PackageClient(rt.BaseClient, _Operations):
    _endpoint_prefix = "packages"


def _parts(request: httpx.Request, body: bytes) -> list[tuple[str | None, str | None, str | None, bytes]]:
    """(name, filename, content type, bytes) of each part, read with the standard library."""
    head = b"Content-Type: " + request.headers["Content-Type"].encode() + b"\r\n\r\n"
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + body)
    assert message.is_multipart() and not message.defects
    out = []
    for part in message.iter_parts():
        content_type = part["Content-Type"]
        payload = part.get_payload(decode=True)
        assert isinstance(payload, bytes)
        out.append((part.get_param("name", header="content-disposition"), part.get_filename(), content_type, payload))
    return out


def _send(replies: list[int], max_retries: int = 0, **kwargs: Any) -> list[tuple[httpx.Request, bytes]]:
    seen: list[tuple[httpx.Request, bytes]] = []

    def reply(request: httpx.Request) -> httpx.Response:
        seen.append((request, request.read()))
        return httpx.Response(replies[len(seen) - 1], headers={"Retry-After": "0"}, json={})

    http = httpx.Client(transport=httpx.MockTransport(reply))
    with PackageClient(base_url="https://x", auth=rt.TokenAuth("t"), http_client=http, max_retries=max_retries) as c:
        c.upload_package(**kwargs)
    return seen


def test_fields_come_first_then_files_with_their_names(tmp_path: Path) -> None:
    path = tmp_path / "app.zip"
    path.write_bytes(b"PK\x03\x04zip")
    [(request, body)] = _send([204], name="app", size=7, public=False, code=path)
    assert _parts(request, body) == [
        ("name", None, None, b"app"),
        ("code_size", None, None, b"7"),
        ("public", None, None, b"false"),
        ("code", "app.zip", "application/zip", b"PK\x03\x04zip"),
    ]
    assert request.headers["Content-Length"] == str(len(body))
    assert request.headers["Content-Type"].startswith("multipart/form-data; boundary=")


@pytest.mark.parametrize(
    ("code", "filename", "content_type"),
    [
        (b"raw", "code", "application/octet-stream"),  # bytes: named after the part
        (("index.py", b"raw", "text/x-python"), "index.py", "text/x-python"),
        (('name with "quote".bin', b"raw", "application/octet-stream"), "name with %22quote%22.bin", None),
    ],
)
def test_a_file_part_is_named(code: Any, filename: str, content_type: str | None) -> None:
    [(request, body)] = _send([204], name="app", code=code)
    name, got_filename, got_type, data = _parts(request, body)[-1]
    assert (name, got_filename, data) == ("code", filename, b"raw")
    assert content_type is None or got_type == content_type


def test_an_unset_field_is_no_part() -> None:
    [(request, body)] = _send([204], name="app", code=b"x")
    assert [p[0] for p in _parts(request, body)] == ["name", "code"]


def test_a_seekable_file_is_sent_again_on_a_retry() -> None:
    handle = io.BytesIO(b"0123456789")
    handle.seek(2)
    first, second = _send([503, 204], max_retries=1, name="app", code=handle)
    assert first[1] == second[1].replace(_boundary(second[0]), _boundary(first[0]))
    assert _parts(*second)[-1][3] == b"23456789"


def test_a_pipe_is_sent_once() -> None:
    read_end, write_end = os.pipe()
    with os.fdopen(write_end, "wb") as writer:
        writer.write(b"streamed")
    with os.fdopen(read_end, "rb") as reader, pytest.raises(rt.InternalServerError):
        _send([503, 204], max_retries=3, name="app", code=reader)


def test_progress_reaches_the_whole_body(tmp_path: Path) -> None:
    path = tmp_path / "big.bin"
    path.write_bytes(os.urandom(300_000))
    seen: list[tuple[int, int | None]] = []
    [(_, body)] = _send([204], name="app", code=path, progress=lambda n, total: seen.append((n, total)))
    assert seen[-1] == (len(body), len(body))


def _boundary(request: httpx.Request) -> bytes:
    return request.headers["Content-Type"].split("boundary=")[1].encode()


class AsyncPackageClient(rt.AsyncBaseClient, _Operations):
    _endpoint_prefix = "packages"


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_a_form_over_real_http(tmp_path: Path, mode: str) -> None:
    """The same form through a socket (the e2e tests' hand-written server), on both clients: text
    parts first, then the file, streamed with a Content-Length the server reads to the end."""
    from e2e.server import ANY, MockServer, Reply, Request

    path = tmp_path / "index.zip"
    path.write_bytes(os.urandom(100_000))
    with MockServer() as server:
        server.expect(Request("POST", "/v1/packages", json=ANY), Reply(204))
        options: dict[str, Any] = {"base_url": server.url, "auth": rt.TokenAuth("t"), "max_retries": 0}
        if mode == "sync":
            with PackageClient(**options) as client:
                client.upload_package(name="fn", size=3, public=True, code=path)
        else:

            async def run() -> None:
                async with AsyncPackageClient(**options) as client:
                    await client.upload_package(name="fn", size=3, public=True, code=path)

            asyncio.run(run())
        [got] = server.requests
        server.verify()
    request = httpx.Request("POST", "https://x", headers={"Content-Type": got.header("Content-Type") or ""})
    assert _parts(request, got.body) == [
        ("name", None, None, b"fn"),
        ("code_size", None, None, b"3"),
        ("public", None, None, b"true"),
        ("code", "index.zip", "application/zip", path.read_bytes()),
    ]
    assert got.header("Content-Length") == str(len(got.body))
