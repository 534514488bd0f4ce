"""The generated clients' static types, as a user's mypy sees them.

Every method is a descriptor declared once for both clients (hwcloud._core._operation); these
checks prove the types it gives: results on the sync client, coroutines on the async one, iterators
for paged lists, and errors for wrong arguments. `assert_type` fails mypy on a mismatch, and an
unneeded `type: ignore` fails it too (--strict warns about unused ignores), so each expected error
must really occur.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

USAGE = textwrap.dedent(
    """
    import asyncio
    from collections.abc import AsyncIterator, Coroutine, Iterator
    from pathlib import Path
    from typing import Any, assert_type

    from hwcloud import AsyncDownload, Download, TokenAuth
    from hwcloud.drs import DrsClient
    from hwcloud.hss import AsyncHssClient, HssClient
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
        drs.export_creation_template_and_wait(jobs=["j"])


    def wrong_calls(client: WorkspaceClient) -> None:
        client.list_export_tasks(status="DONE")  # type: ignore[arg-type]
        client.list_export_tasks(bogus=1)  # type: ignore[call-arg]
        client.wait_for_export_task()  # type: ignore[call-arg]
        client.list_export_tasks(timeout="soon")  # type: ignore[arg-type]


    async def async_calls(client: AsyncWorkspaceClient, hss: AsyncHssClient, roma: AsyncRomaClient) -> None:
        call: Coroutine[Any, Any, models.ListExportTasksResponse] = client.list_export_tasks(limit=1)
        assert_type(await call, models.ListExportTasksResponse)
        items = client.iter_list_export_tasks()
        assert_type(items, AsyncIterator[models.ExportTaskItem])
        assert_type(await hss.list_download_exported_file(file_id="f"), AsyncDownload)
        assert_type(await roma.export_asset_and_download(instance_id="i", apps=[], tasks=[]), Path)
        assert_type(await client.wait_for_export_task(task_id="t"), models.ListExportTasksResponse)


    async def main() -> None:
        async with AsyncWorkspaceClient(base_url="http://127.0.0.1:1", project_id="p", auth=TokenAuth("t")) as c:
            await c.list_export_tasks()


    asyncio.run(main())
    """
)


def test_users_get_exact_types_and_errors_for_wrong_arguments(tmp_path: Path) -> None:
    usage = tmp_path / "usage.py"
    usage.write_text(USAGE, "utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--cache-dir", str(tmp_path), str(usage)],
        capture_output=True,
        text=True,
        cwd=ROOT / "generated",
    )
    assert result.returncode == 0, result.stdout
