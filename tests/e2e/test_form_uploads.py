"""Form uploads (issue 18, feature 2) over real HTTP, sync and async: IoTDA's upload_batch_task_file
(POST /v5/iot/{project_id}/batchtask-files, multipart/form-data with one File part) sends the file as a
named part with its filename, streams paths and files, reports progress, and puts on the wire, part by
part, what Huawei's SDK puts there."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.http.formdata import FormFile
from huaweicloudsdkiotda.v5 import IoTDAClient as SdkIoTDAClient
from huaweicloudsdkiotda.v5 import UploadBatchTaskFileRequest, UploadBatchTaskFileRequestBody
from hwcloud import AkSkAuth
from hwcloud.iotda import AsyncIoTDAClient, IoTDAClient

from .conftest import PROJECT, Invoker
from .sdk_wire import AK, SK, form_parts, record
from .server import ANY, MockServer, Recorded, Reply, Request

IOTDA = (IoTDAClient, AsyncIoTDAClient)
ROUTE = f"/v5/iot/{PROJECT}/batchtask-files"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CREATED = {"file_id": "f-1", "file_name": "devices.xlsx", "upload_time": "20200617T081608Z"}
SHEET = os.urandom(150_000)


@pytest.fixture
def sheet(tmp_path: Path) -> Path:
    path = tmp_path / "devices.xlsx"
    path.write_bytes(SHEET)
    return path


def _only_request(server: MockServer) -> Recorded:
    [got] = server.requests
    return got


def _parts(got: Recorded) -> tuple[tuple[str | None, str | None, str | None, bytes], ...]:
    return form_parts(got.header("Content-Type") or "", got.body)


def test_a_path_is_one_named_file_part(server: MockServer, invoke: Invoker, sheet: Path) -> None:
    server.expect(Request("POST", ROUTE, headers={"Instance-Id": "inst-1"}, json=ANY), Reply(201, json=CREATED))
    result = invoke(IOTDA, "upload_batch_task_file", file=sheet, instance_id="inst-1")
    assert result.file_id == "f-1"
    got = _only_request(server)
    assert _parts(got) == (("file", "devices.xlsx", XLSX, SHEET),)
    assert got.header("Content-Length") == str(len(got.body)) and got.header("Transfer-Encoding") is None


def test_bytes_an_open_file_and_a_tuple(server: MockServer, invoke: Invoker, sheet: Path) -> None:
    for _ in range(3):
        server.expect(Request("POST", ROUTE, json=ANY), Reply(201, json=CREATED))
    invoke(IOTDA, "upload_batch_task_file", file=b"rows")
    with sheet.open("rb") as handle:
        invoke(IOTDA, "upload_batch_task_file", file=handle)
    invoke(IOTDA, "upload_batch_task_file", file=("batch.xls", b"old rows", "application/vnd.ms-excel"))
    first, second, third = (_parts(got) for got in server.requests)
    assert first == (("file", "file", "application/octet-stream", b"rows"),)
    assert second == (("file", "devices.xlsx", XLSX, SHEET),)
    assert third == (("file", "batch.xls", "application/vnd.ms-excel", b"old rows"),)


def test_progress_reports_the_whole_body(server: MockServer, invoke: Invoker, sheet: Path) -> None:
    server.expect(Request("POST", ROUTE, json=ANY), Reply(201, json=CREATED))
    seen: list[tuple[int, int | None]] = []
    invoke(IOTDA, "upload_batch_task_file", file=sheet, progress=lambda n, total: seen.append((n, total)))
    size = len(_only_request(server).body)
    assert seen[-1] == (size, size) and len(seen) > 2


def test_the_file_is_required(server: MockServer, invoke: Invoker) -> None:
    with pytest.raises(TypeError, match="missing required keyword argument 'file'"):
        invoke(IOTDA, "upload_batch_task_file")
    assert server.requests == []


def test_on_the_wire_as_huaweis_sdk_sends_it(sheet: Path) -> None:
    """UploadBatchTaskFile through huaweicloudsdkiotda and through the generated client: same method,
    path, headers and parts (name, filename, content type, bytes), the boundary aside."""

    def sdk(url: str) -> None:
        credentials = BasicCredentials(AK, SK, PROJECT)
        client = SdkIoTDAClient.new_builder().with_credentials(credentials).with_endpoints([url]).build()
        with sheet.open("rb") as handle:
            body = UploadBatchTaskFileRequestBody(file=FormFile(handle, XLSX))
            client.upload_batch_task_file(UploadBatchTaskFileRequest(instance_id="inst-1", body=body))

    def ours(url: str) -> None:
        with IoTDAClient(base_url=url, project_id=PROJECT, auth=AkSkAuth(AK, SK), max_retries=0) as client:
            client.upload_batch_task_file(file=sheet, instance_id="inst-1")

    reply = Reply(201, json=CREATED)
    theirs, mine = record(sdk, reply), record(ours, reply)
    assert mine == theirs
    assert mine.body == (("file", "devices.xlsx", XLSX, SHEET),)
