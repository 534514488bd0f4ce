"""--stateful: the generated clients, sync and async, run whole workflows against the mock.

export → wait → download (HSS, ROMA), export → wait (DRS), paging through Workspace's task list (offset)
and through ELB's flavors and DNS's zones (marker).
"""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path
from typing import Any

import httpx
import pytest
from hwcloud import NotFoundError, TokenAuth
from hwcloud.dns import AsyncDnsClient, DnsClient
from hwcloud.drs import AsyncDrsClient, DrsClient
from hwcloud.elb import AsyncElbClient, ElbClient
from hwcloud.hss import AsyncHssClient, HssClient
from hwcloud.roma import AsyncRomaClient, RomaClient
from hwcloud.workspace import AsyncWorkspaceClient, WorkspaceClient

from generator.incremental import pipeline
from generator.mock import MockApp, MockOptions, running

from .conftest import SPECS, TOKEN, Serve

FAST = {"poll_interval": 0.01, "max_poll_interval": 0.02, "wait_timeout": 10.0}
REPORT = {"type": "operational-report", "operational_report_data": {"report_id": "2024-05"}}


def client_kwargs(url: str) -> dict[str, object]:
    return {"base_url": url, "project_id": "p1", "auth": TokenAuth("tok"), "max_retries": 0}


def header_lines(path: Path) -> list[str]:
    return path.read_text("utf-8").splitlines()[:2]


def test_hss_export_wait_download_sync(serve: Serve, tmp_path: Path) -> None:
    url = serve(stateful=True)
    with HssClient(**client_kwargs(url)) as client:  # type: ignore[arg-type]
        saved = client.export_task_info_and_download(**REPORT, destination=tmp_path, **FAST)  # type: ignore[arg-type]
    assert saved.parent == tmp_path
    assert saved.name.startswith("list_download_exported_file-") and saved.suffix == ".bin"
    file_id = saved.stem.removeprefix("list_download_exported_file-")
    assert header_lines(saved) == ["hwgen mock file of hss.list_download_exported_file", f"file_id: {file_id}"]


def test_hss_export_wait_download_async(serve: Serve, tmp_path: Path) -> None:
    url = serve(stateful=True)

    async def run() -> Path:
        async with AsyncHssClient(**client_kwargs(url)) as client:  # type: ignore[arg-type]
            return await client.export_task_info_and_download(**REPORT, destination=tmp_path, **FAST)  # type: ignore[arg-type]

    saved = asyncio.run(run())
    assert header_lines(saved)[0] == "hwgen mock file of hss.list_download_exported_file"


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_roma_export_check_download(serve: Serve, tmp_path: Path, mode: str) -> None:
    url = serve(stateful=True)
    args = {"instance_id": "i1", "apps": [{"id": "a1"}], "tasks": [{"id": "t1"}], "destination": tmp_path, **FAST}
    if mode == "sync":
        with RomaClient(**client_kwargs(url)) as client:  # type: ignore[arg-type]
            saved = client.export_asset_and_download(**args)  # type: ignore[arg-type]
    else:

        async def run() -> Path:
            async with AsyncRomaClient(**client_kwargs(url)) as client:  # type: ignore[arg-type]
                return await client.export_asset_and_download(**args)  # type: ignore[arg-type]

        saved = asyncio.run(run())
    assert header_lines(saved)[0] == "hwgen mock file of roma.download_asset_archive"


def test_drs_progress_moves_from_the_example_state_to_success(serve: Serve) -> None:
    url = serve(stateful=True)
    with DrsClient(**client_kwargs(url)) as client:  # type: ignore[arg-type]
        started = client.export_creation_template(jobs=["j1"])
        states = [client.show_export_progress(async_job_id=started.id or "").process_status for _ in range(3)]
        done = client.export_creation_template_and_wait(jobs=["j2"], **FAST)  # type: ignore[arg-type]
    assert states == ["pending", "pending", "success"]
    assert done.process_status == "success"

    async def run() -> str | None:
        async with AsyncDrsClient(**client_kwargs(url)) as client:  # type: ignore[arg-type]
            return (await client.export_creation_template_and_wait(jobs=["j3"], **FAST)).process_status  # type: ignore[arg-type]

    assert asyncio.run(run()) == "success"


def test_a_poll_reports_the_documented_states_then_the_file(serve: Serve) -> None:
    url = serve(stateful=True, pending_reads=3)
    with httpx.Client(base_url=url, headers=TOKEN) as client:
        task_id = client.post("/v5/p1/export-task", json=REPORT).json()["task_id"]
        polls = [client.get(f"/v5/p1/export-task/{task_id}").json() for _ in range(4)]
        assert [p["task_status"] for p in polls] == ["running", "running", "running", "success"]
        assert all(p["task_id"] == task_id for p in polls)
        assert ["file_id" in p for p in polls] == [False, False, False, True]
        download = client.get(f"/v5/p1/download/{polls[-1]['file_id']}")
        assert download.status_code == 200
        # Another task's ids are its own.
        other = client.post("/v5/p1/export-task", json=REPORT).json()["task_id"]
        assert other != task_id


def test_unknown_tasks_and_unfinished_files_are_404(serve: Serve) -> None:
    url = serve(stateful=True)
    with HssClient(**client_kwargs(url)) as client:  # type: ignore[arg-type]
        with pytest.raises(NotFoundError) as info:
            client.list_query_export_task(task_id="nope")
        assert (info.value.error_code, info.value.error_msg) == ("HWGEN.0404", "parameter 'task_id': no task 'nope'")
        with pytest.raises(NotFoundError):
            client.list_download_exported_file(file_id="nope")


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_workspace_paging_through_seeded_tasks(serve: Serve, mode: str) -> None:
    url = serve(stateful=True, seed=25)
    if mode == "sync":
        with WorkspaceClient(**client_kwargs(url)) as client:  # type: ignore[arg-type]
            pages = list(client.iter_list_export_tasks_pages(page_size=10))
    else:

        async def run() -> list[object]:
            async with AsyncWorkspaceClient(**client_kwargs(url)) as client:  # type: ignore[arg-type]
                return [page async for page in client.iter_list_export_tasks_pages(page_size=10)]

        pages = asyncio.run(run())  # type: ignore[arg-type]
    sizes = [len(p.export_tasks or []) for p in pages]  # type: ignore[attr-defined]
    ids = [t.task_id for p in pages for t in p.export_tasks or []]  # type: ignore[attr-defined]
    assert sizes == [10, 10, 5]
    assert {p.count for p in pages} == {25}  # type: ignore[attr-defined]
    assert len(set(ids)) == 25


def test_workspace_offset_limit_filters_and_waiter(serve: Serve) -> None:
    url = serve(stateful=True, seed=5)
    with WorkspaceClient(**client_kwargs(url)) as client:  # type: ignore[arg-type]
        everything = client.list_export_tasks(limit=100)
        ids = [t.task_id or "" for t in everything.export_tasks or []]
        assert [t.status for t in everything.export_tasks or []] == ["CREATING"] * 5
        tail = client.list_export_tasks(offset=3, limit=1)
        assert ([t.task_id for t in tail.export_tasks or []], tail.count) == ([ids[3]], 5)
        beyond = client.list_export_tasks(offset=9)
        assert (beyond.export_tasks, beyond.count) == ([], 5)
        one = client.list_export_tasks(task_id=ids[0])
        assert [t.task_id for t in one.export_tasks or []] == [ids[0]]
        done = client.wait_for_export_task(task_id=ids[1], **FAST)  # type: ignore[arg-type]
        assert [t.status for t in done.export_tasks or []] == ["SUCCESS"]
        # Each listing is a read: tasks 0 and 3 were listed twice, task 1 polled until done.
        finished = client.list_export_tasks(status="SUCCESS")
        assert [t.task_id for t in finished.export_tasks or []] == [ids[0], ids[1], ids[3]]
        assert finished.count == 3


def test_a_stateless_mock_keeps_answering_the_example(serve: Serve) -> None:
    url = serve()
    with httpx.Client(base_url=url, headers=TOKEN) as client:
        first = client.get("/v5/p1/export-task/anything").json()
        assert first["task_status"] == "success"
        assert client.get("/v5/p1/export-task/anything").json() == first


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_elb_marker_paging_through_seeded_flavors(serve: Serve, mode: str) -> None:
    """page_info.next_marker names each page's last item; the iterator follows it to a short page."""
    url = serve(stateful=True, seed=7)
    if mode == "sync":
        with ElbClient(**client_kwargs(url)) as client:  # type: ignore[arg-type]
            pages = list(client.iter_list_flavors_pages(page_size=3))
            after = list(client.iter_list_flavors(marker=pages[0].flavors[-1].id, page_size=3))  # type: ignore[index]
    else:

        async def run() -> tuple[list[Any], list[Any]]:
            async with AsyncElbClient(**client_kwargs(url)) as client:  # type: ignore[arg-type]
                pages = [page async for page in client.iter_list_flavors_pages(page_size=3)]
                start = pages[0].flavors[-1].id  # type: ignore[index]
                return pages, [f async for f in client.iter_list_flavors(marker=start, page_size=3)]

        pages, after = asyncio.run(run())
    assert [len(p.flavors or []) for p in pages] == [3, 3, 1]
    ids = [f.id for p in pages for f in p.flavors or []]
    assert len(set(ids)) == 7
    assert pages[0].page_info is not None and pages[0].page_info.next_marker == ids[2]
    assert [f.id for f in after] == ids[3:]


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_dns_marker_paging_follows_links_next(serve: Serve, mode: str) -> None:
    """links.next carries the marker while a next page exists; the last page has no next link."""
    url = serve(stateful=True, seed=5)
    if mode == "sync":
        with DnsClient(**client_kwargs(url)) as client:  # type: ignore[arg-type]
            pages = list(client.iter_list_public_zones_pages(page_size=2))
    else:

        async def run() -> list[Any]:
            async with AsyncDnsClient(**client_kwargs(url)) as client:  # type: ignore[arg-type]
                return [page async for page in client.iter_list_public_zones_pages(page_size=2)]

        pages = asyncio.run(run())
    assert [len(p.zones or []) for p in pages] == [2, 2, 1]
    assert pages[-1].links is None or pages[-1].links.next is None
    first_next = pages[0].links.next if pages[0].links else None
    assert first_next is not None and first_next.startswith("/v2/zones?") and "marker=" in first_next


def test_an_unknown_marker_is_refused(serve: Serve) -> None:
    url = serve(stateful=True, seed=2)
    response = httpx.get(f"{url}/v3/p1/elb/flavors", params={"marker": "nope", "limit": 1}, headers=TOKEN)
    assert response.status_code == 400
    assert "no item 'nope'" in response.text


def test_marker_paging_by_the_last_items_id(tmp_path: Path) -> None:
    """`item_marker: id` (VPC's and IMS's lists answer with the items alone): the mock pages by the id
    of the last item the client saw, and puts no marker in the answer."""
    specs = tmp_path / "specs"
    shutil.copytree(SPECS / "elb", specs / "elb")
    spec = specs / "elb" / "list_flavors.yaml"
    spec.write_text(spec.read_text("utf-8").replace("next_marker: page_info.next_marker", "item_marker: id"), "utf-8")
    built, _ = pipeline.build(specs)
    with running(MockApp(built, MockOptions(stateful=True, seed=5))) as url, httpx.Client(base_url=url) as http:
        first = http.get("/v3/p1/elb/flavors", params={"limit": 3}, headers=TOKEN).json()
        ids = [f["id"] for f in first["flavors"]]
        rest = http.get("/v3/p1/elb/flavors", params={"limit": 3, "marker": ids[-1]}, headers=TOKEN).json()
    assert len(ids) == 3 and len(rest["flavors"]) == 2
    assert not set(ids) & {f["id"] for f in rest["flavors"]}
