"""The generated clients' types, as a user's mypy, pyright, help() and inspect.signature see them.

Every method is a descriptor declared once for both clients (hwcloud._core._operation.Declared); these
checks prove the types it gives: results on the sync client, coroutines on the async one, iterators
for paged lists, and errors for wrong arguments. `assert_type` fails mypy on a mismatch, and an
unneeded `type: ignore` fails it too (--strict warns about unused ignores), so each expected error
must really occur.
"""

from __future__ import annotations

import asyncio
import inspect
import json
import pydoc
import subprocess
import sys
import textwrap
from collections.abc import AsyncIterator, Coroutine, Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent

USAGE = textwrap.dedent("""
    import asyncio
    from collections.abc import AsyncIterator, Coroutine, Iterator
    from pathlib import Path
    from typing import Any, Literal, assert_type

    from hwcloud import AsyncDownload, Download, RawResponse, TokenAuth
    from hwcloud.dns import AsyncDnsClient, DnsClient
    from hwcloud.dns import models as dns_models
    from hwcloud.drs import AsyncDrsClient, DrsClient
    from hwcloud.drs import models as drs_models
    from hwcloud.elb import ElbClient
    from hwcloud.elb import models as elb_models
    from hwcloud.hss import AsyncHssClient, HssClient
    from hwcloud.iam import AsyncIamClient, IamClient
    from hwcloud.iam import models as iam_models
    from hwcloud.ims import ImsClient
    from hwcloud.iotda import AsyncIoTDAClient, IoTDAClient
    from hwcloud.iotda import models as iotda_models
    from hwcloud.nat import models as nat_models
    from hwcloud.roma import AsyncRomaClient, RomaClient
    from hwcloud.workspace import AsyncWorkspaceClient, WorkspaceClient, models


    def sync_calls(client: WorkspaceClient, hss: HssClient, roma: RomaClient, drs: DrsClient) -> None:
        page = client.list_export_tasks(status="SUCCESS", limit=50, timeout=5.0)
        assert_type(page, models.ListExportTasksResponse)
        assert_type(client.download_export_file(task_id="t"), None)
        assert_type(client.iter_list_export_tasks(page_size=10), Iterator[models.ExportTaskItem])
        assert_type(client.iter_list_export_tasks_pages(), Iterator[models.ListExportTasksResponse])
        assert_type(client.wait_for_export_task(task_id="t", poll_interval=0.5), models.ListExportTasksResponse)
        assert_type(hss.list_download_exported_file(file_id="f"), Download)
        saved = hss.export_task_info_and_download(type="operational-report", operational_report_data={}, destination="")
        assert_type(saved, Path)
        assert_type(roma.export_asset_and_download(instance_id="i", apps=[], tasks=[]), Path)
        assert_type(drs.export_creation_template_and_wait(jobs=["j"]), drs_models.ShowExportProgressResponse)


    def raw_and_marker_calls(iam: IamClient, elb: ElbClient) -> None:
        raw = iam.with_raw_response(iam.keystone_create_user_token_by_password)(auth={}, nocatalog="true")
        assert_type(raw, RawResponse[iam_models.KeystoneCreateUserTokenByPasswordResponse])
        assert_type(raw.parsed.x_subject_token, str | None)
        assert_type(raw.status_code, int)
        assert_type(elb.iter_list_flavors(marker="m", page_size=10), Iterator[elb_models.Flavor])
        elb.iter_list_flavors(offset=1)  # type: ignore[call-arg]
        snat = nat_models.CreateNatGatewaySnatRuleOption
        assert_type(snat(nat_gateway_id="g", floating_ip_id="f", source_type=1).source_type, Literal[0, 1] | None)
        snat(nat_gateway_id="g", floating_ip_id="f", source_type=2)  # type: ignore[arg-type]


    def status_calls(dns: DnsClient) -> None:
        deleted = dns.delete_record_set(zone_id="z", recordset_id="r")
        assert_type(deleted, dns_models.DeleteRecordSetResponse | None)
        deleted.status  # type: ignore[union-attr]
        raw = dns.with_raw_response(dns.delete_record_set)(zone_id="z", recordset_id="r")
        assert_type(raw.parsed, dns_models.DeleteRecordSetResponse | None)


    async def async_status_calls(dns: AsyncDnsClient) -> None:
        deleted = await dns.delete_record_set(zone_id="z", recordset_id="r")
        assert_type(deleted, dns_models.DeleteRecordSetResponse | None)


    async def async_raw_calls(iam: AsyncIamClient) -> None:
        raw = await iam.with_raw_response(iam.keystone_create_user_token_by_password)(auth={})
        assert_type(raw, RawResponse[iam_models.KeystoneCreateUserTokenByPasswordResponse])


    def upload_calls(ims: ImsClient, iotda: IoTDAClient, path: Path) -> None:
        assert_type(ims.upload_image_file(image_id="i", file=path, progress=lambda sent, total: None), None)
        with open(path, "rb") as handle:
            assert_type(iotda.upload_batch_task_file(file=handle), iotda_models.UploadBatchTaskFileResponse)
        iotda.upload_batch_task_file(file=("a.xls", b"rows", "application/vnd.ms-excel"))
        iotda.upload_batch_task_file(file=3)  # type: ignore[arg-type]
        ims.upload_image_file(image_id="i", file=str(path), progress="no")  # type: ignore[arg-type]

    async def async_upload_calls(iotda: AsyncIoTDAClient) -> None:
        assert_type(await iotda.upload_batch_task_file(file=b"rows"), iotda_models.UploadBatchTaskFileResponse)

    def wrong_calls(client: WorkspaceClient) -> None:
        client.list_export_tasks(status="DONE")  # type: ignore[arg-type]
        client.list_export_tasks(bogus=1)  # type: ignore[call-arg]
        client.wait_for_export_task()  # type: ignore[call-arg]
        client.list_export_tasks(timeout="soon")  # type: ignore[arg-type]


    async def async_calls(
        client: AsyncWorkspaceClient, hss: AsyncHssClient, roma: AsyncRomaClient, drs: AsyncDrsClient
    ) -> None:
        call: Coroutine[Any, Any, models.ListExportTasksResponse] = client.list_export_tasks(limit=1)
        assert_type(await call, models.ListExportTasksResponse)
        items = client.iter_list_export_tasks()
        assert_type(items, AsyncIterator[models.ExportTaskItem])
        assert_type(await hss.list_download_exported_file(file_id="f"), AsyncDownload)
        assert_type(await roma.export_asset_and_download(instance_id="i", apps=[], tasks=[]), Path)
        assert_type(await client.wait_for_export_task(task_id="t"), models.ListExportTasksResponse)
        assert_type(client.iter_list_export_tasks_pages(), AsyncIterator[models.ListExportTasksResponse])
        saving: Coroutine[Any, Any, Path] = hss.export_task_info_and_download(
            type="operational-report", operational_report_data={}
        )
        assert_type(await saving, Path)
        finished = await drs.export_creation_template_and_wait(jobs=["j"])
        assert_type(finished, drs_models.ShowExportProgressResponse)


    async def main() -> None:
        async with AsyncWorkspaceClient(base_url="http://127.0.0.1:1", project_id="p", auth=TokenAuth("t")) as c:
            await c.list_export_tasks()


    asyncio.run(main())
    """)


@pytest.mark.slow  # mypy/pyright over the generated package: seconds
def test_the_package_and_its_users_type_check_with_exact_types_and_errors(tmp_path: Path) -> None:
    """One mypy --strict run over the committed package and a user's calls (golden: it equals a fresh one)."""
    usage = tmp_path / "usage.py"
    usage.write_text(USAGE, "utf-8")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-incremental",
            "--cache-dir",
            str(tmp_path),
            "hwcloud",
            str(usage),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT / "generated",
    )
    assert result.returncode == 0, result.stdout


@pytest.mark.slow  # mypy/pyright over the generated package: seconds
def test_pyright_sees_the_same_types(tmp_path: Path) -> None:
    usage = tmp_path / "usage.py"
    usage.write_text(USAGE + REVEALED_SOURCE, "utf-8")
    config = {"typeCheckingMode": "standard", "extraPaths": [str(ROOT / "generated")], "pythonVersion": "3.11"}
    (tmp_path / "pyrightconfig.json").write_text(json.dumps(config), "utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "basedpyright", "--outputjson", str(usage)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    diagnostics = json.loads(result.stdout)["generalDiagnostics"]
    errors = [f"{d['range']['start']['line'] + 1}: {d['message']}" for d in diagnostics if d["severity"] == "error"]
    assert not errors, "\n".join(errors)
    revealed = [d["message"].rsplit(" is ", 1)[1].strip('"') for d in diagnostics if d["message"].startswith("Type of")]
    assert revealed == [expected for _, expected in REVEALED]


# What reveal_type shows a pyright user, for each kind of method on each client.
REVEALED = [
    ("client.list_export_tasks(limit=1)", "ListExportTasksResponse"),
    ("aclient.list_export_tasks(limit=1)", "Coroutine[Any, Any, ListExportTasksResponse]"),
    ("client.iter_list_export_tasks()", "Iterator[ExportTaskItem]"),
    ("aclient.iter_list_export_tasks()", "AsyncIterator[ExportTaskItem]"),
    ("client.iter_list_export_tasks_pages()", "Iterator[ListExportTasksResponse]"),
    ("aclient.iter_list_export_tasks_pages()", "AsyncIterator[ListExportTasksResponse]"),
    ("client.wait_for_export_task(task_id='t')", "ListExportTasksResponse"),
    ("aclient.wait_for_export_task(task_id='t')", "Coroutine[Any, Any, ListExportTasksResponse]"),
    ("hss.list_download_exported_file(file_id='f')", "Download"),
    ("ahss.list_download_exported_file(file_id='f')", "Coroutine[Any, Any, AsyncDownload]"),
    ("roma.export_asset_and_download(instance_id='i', apps=[], tasks=[])", "Path"),
    ("aroma.export_asset_and_download(instance_id='i', apps=[], tasks=[])", "Coroutine[Any, Any, Path]"),
    ("drs.export_creation_template_and_wait(jobs=['j'])", "ShowExportProgressResponse"),
]
REVEALED_SOURCE = (
    "\n\ndef revealed(\n"
    "    client: WorkspaceClient, aclient: AsyncWorkspaceClient, hss: HssClient, ahss: AsyncHssClient,\n"
    "    roma: RomaClient, aroma: AsyncRomaClient, drs: DrsClient,\n"
    ") -> None:\n" + "".join(f"    reveal_type({expression})\n" for expression, _ in REVEALED)
)


def test_signature_and_help_show_parameters_result_and_docs() -> None:
    from hwcloud import TokenAuth
    from hwcloud.workspace import AsyncWorkspaceClient, WorkspaceClient, models

    options = {"base_url": "http://127.0.0.1:1", "project_id": "p", "auth": TokenAuth("t")}
    with WorkspaceClient(**options) as client:
        signature = inspect.signature(client.list_export_tasks)
        assert signature.return_annotation is models.ListExportTasksResponse
        assert "limit" in signature.parameters and "options" in signature.parameters
        assert inspect.signature(client.iter_list_export_tasks).return_annotation == Iterator[models.ExportTaskItem]
        text = pydoc.render_doc(client.list_export_tasks, renderer=pydoc.plaintext)
        assert "-> hwcloud.workspace.models.ListExportTasksResponse" in text
        assert "Lists export tasks." in text and "status: " in text and "Literal['CREATING'" in text

    async def async_view() -> tuple[inspect.Signature, inspect.Signature, str]:
        async with AsyncWorkspaceClient(**options) as aclient:
            return (
                inspect.signature(aclient.list_export_tasks),
                inspect.signature(aclient.iter_list_export_tasks),
                pydoc.render_doc(aclient.list_export_tasks, renderer=pydoc.plaintext),
            )

    call, items, text = asyncio.run(async_view())
    assert call.return_annotation == Coroutine[Any, Any, models.ListExportTasksResponse]
    assert call.parameters == signature.parameters
    assert items.return_annotation == AsyncIterator[models.ExportTaskItem]
    assert "Lists export tasks." in text and "ListExportTasksResponse" in text
