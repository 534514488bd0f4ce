"""SecMaster: Exporting a Workflow (tests/fixtures/pages/secmaster_export_workflow.txt): a file response."""

import asyncio
import random

import httpx
import pytest
from hwcloud import (
    ApiTimeoutError,
    AsyncDownload,
    BadRequestError,
    Download,
    HwCloudError,
)
from hwcloud.secmaster import AsyncSecMasterClient, SecMasterClient, models

from .conftest import PROJECT, TOKEN
from .server import Reply, Request

SECMASTER = (SecMasterClient, AsyncSecMasterClient)
WORKSPACE_ID = "ws-5d2c"
WORKFLOW = "c19470f3-5eaf-4572-82e8-2ff094495919"  # the page's example request
PATH = f"/v1/{PROJECT}/workspaces/{WORKSPACE_ID}/soc/workflows/export"
# Table 2: content-type is required and its only value is application/json;charset=UTF-8.
EXPECTED = Request(
    "POST",
    PATH,
    headers={"X-Auth-Token": TOKEN, "Content-Type": "application/json;charset=UTF-8"},
    json={"id": [WORKFLOW]},
)
DISPOSITION = {"Content-Disposition": 'attachment; filename="workflows.json"'}
# A few MB that are not a multiple of any chunk size, sent in odd-sized HTTP chunks.
DATA = random.Random(20251029).randbytes(3 * 1024 * 1024 + 12345)
CHUNK = 65_537


def chunks(data: bytes = DATA, size: int = CHUNK) -> list[bytes]:
    return [data[i : i + size] for i in range(0, len(data), size)]


def file_reply(**overrides) -> Reply:
    fields = {
        "status": 200,
        "headers": {"Content-Type": "application/octet-stream", "X-Request-Id": "sm-req-1", **DISPOSITION},
        "chunks": chunks(),
    }
    fields.update(overrides)
    return Reply(**fields)


def fetch(invoke, sync_action, async_action, *, client=None, **call):
    """Call export_aopworkflow and hand the open download to the action while the client is open."""
    kwargs = invoke.client_kwargs(client)
    call = {"workspace_id": WORKSPACE_ID, "id": [WORKFLOW], **call}
    if invoke.mode == "sync":
        with SecMasterClient(**kwargs) as sync_client:
            download = sync_client.export_aopworkflow(**call)
            assert type(download) is Download
            return sync_action(download)

    async def run():
        async with AsyncSecMasterClient(**kwargs) as async_client:
            download = await async_client.export_aopworkflow(**call)
            assert type(download) is AsyncDownload
            return await async_action(download)

    return asyncio.run(run())


def test_save_to_directory(server, invoke, tmp_path):
    server.expect(EXPECTED, file_reply())

    async def async_save(download):
        return await download.save(tmp_path)

    def check(download):
        assert download.filename == "workflows.json"
        assert download.content_type == "application/octet-stream"
        assert download.request_id == "sm-req-1"
        assert download.content_length is None  # chunked
        return download.save(tmp_path)

    async def async_check(download):
        check_meta = (download.filename, download.content_type, download.request_id)
        assert check_meta == ("workflows.json", "application/octet-stream", "sm-req-1")
        return await async_save(download)

    saved = fetch(invoke, check, async_check)
    assert saved == tmp_path / "workflows.json"
    content = saved.read_bytes()
    assert len(content) == len(DATA)
    assert content == DATA
    # Written atomically: no temporary file is left next to it.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["workflows.json"]


def test_save_to_file_path_with_progress(server, invoke, tmp_path):
    server.expect(EXPECTED, file_reply(chunks=None, body=DATA))
    target = tmp_path / "mine.bin"
    seen = []

    def progress(done, total):
        seen.append((done, total))

    async def async_save(download):
        return await download.save(target, progress=progress)

    saved = fetch(invoke, lambda d: d.save(target, progress=progress), async_save)
    assert saved == target
    assert target.read_bytes() == DATA
    assert seen[-1] == (len(DATA), len(DATA))
    assert all(total == len(DATA) for _, total in seen)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


def test_iter_bytes(server, invoke):
    server.expect(EXPECTED, file_reply(chunks=None, body=DATA))

    def collect(download):
        assert download.content_length == len(DATA)
        with download:
            return list(download.iter_bytes(chunk_size=100_000))

    async def async_collect(download):
        assert download.content_length == len(DATA)
        async with download:
            return [chunk async for chunk in download.iter_bytes(chunk_size=100_000)]

    pieces = fetch(invoke, collect, async_collect)
    assert b"".join(pieces) == DATA
    assert len(pieces) > 1
    assert all(len(p) <= 100_000 for p in pieces)


def test_page_example_response_read(server, invoke):
    # The page's example response is the placeholder file "{\"Workflow file\"}".
    body = b'{"Workflow file"}'
    server.expect(EXPECTED, Reply(200, body=body, headers={"Content-Type": "application/octet-stream"}))

    async def async_read(download):
        return await download.read()

    assert fetch(invoke, lambda d: d.read(), async_read) == body


def test_hostile_filename_stays_in_directory(server, invoke, tmp_path):
    server.expect(
        EXPECTED,
        file_reply(headers={"Content-Disposition": 'attachment; filename="../../etc/evil.json"'}),
    )

    async def async_save(download):
        return await download.save(tmp_path)

    saved = fetch(invoke, lambda d: d.save(tmp_path), async_save)
    assert saved == tmp_path / "evil.json"
    assert saved.read_bytes() == DATA


def test_400_code_and_message(server, invoke):
    body = {"code": "SecMaster.20010001", "message": "workflow id is invalid"}
    server.expect(EXPECTED, Reply(400, json=body, headers={"X-Request-Id": "sm-400"}))
    with pytest.raises(BadRequestError) as info:
        invoke(SECMASTER, "export_aopworkflow", workspace_id=WORKSPACE_ID, id=[WORKFLOW])
    error = info.value
    assert error.status_code == 400
    assert error.error_code == "SecMaster.20010001"
    assert error.error_msg == "workflow id is invalid"
    assert error.request_id == "sm-400"
    assert isinstance(error.body, models.ExportAopworkflowError)  # the page's 400 table, typed
    assert error.body.model_dump(exclude_none=True) == body


def _stalled_reply() -> Reply:
    # Headers and three chunks, then nothing for longer than the client's timeout.
    return file_reply(stall_after=3, delay=5)


def test_stall_mid_download_leaves_no_partial_file(server, invoke, tmp_path):
    server.expect(EXPECTED, _stalled_reply())

    async def async_save(download):
        return await download.save(tmp_path)

    with pytest.raises((HwCloudError, httpx.TransportError)):
        fetch(invoke, lambda d: d.save(tmp_path), async_save, client={"timeout": 0.3})
    assert list(tmp_path.iterdir()) == []


def test_stall_mid_download_raises_api_timeout_error(server, invoke, tmp_path):
    server.expect(EXPECTED, _stalled_reply())

    async def async_save(download):
        return await download.save(tmp_path)

    with pytest.raises(ApiTimeoutError):
        fetch(invoke, lambda d: d.save(tmp_path), async_save, client={"timeout": 0.3})


def test_stalled_error_body_raises_api_timeout_error(server, invoke):
    server.expect(
        EXPECTED,
        Reply(400, chunks=[b'{"code": "SecMaster.1",', b' "message": "m"}'], stall_after=1, delay=5),
    )
    with pytest.raises(ApiTimeoutError):
        invoke(SECMASTER, "export_aopworkflow", client={"timeout": 0.3}, workspace_id=WORKSPACE_ID, id=[WORKFLOW])
