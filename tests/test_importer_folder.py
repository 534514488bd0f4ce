# ruff: noqa: RUF001 - Chinese file names have full-width brackets
"""Whole services from a documentation folder: import DIR, the summary, copies, --sync/--prune, URLs, dates."""

from __future__ import annotations

import concurrent.futures
import http.server
import json
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from generator.cli import main
from generator.importer import pages

MD = Path(__file__).resolve().parent / "fixtures" / "import" / "md"
SITE = Path(__file__).resolve().parent / "fixtures" / "import" / "site"


def _folder(tmp_path: Path, service: str) -> Path:
    """A copy of a fixture service's documentation folder, as the repositories lay it out."""
    folder = tmp_path / "docs" / "cn.zh-cn" / "API参考"
    shutil.copytree(MD / service, folder)
    for rows in folder.glob("*.rows.yaml"):
        rows.unlink()
    (folder / "API概览.md").write_text("# API概览\n\n本章介绍接口分类。\n", "utf-8")
    return folder


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_a_folder_imports_its_api_pages_and_counts_the_others(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _folder(tmp_path, "dcs")
    specs = tmp_path / "specs"
    code, _, err = _run(capsys, "import", str(folder), "--service", "dcs", "--specs", str(specs))
    assert code == 0, err
    assert "3 pages: 2 created, 0 updated, 0 unchanged, 1 skipped, 0 failed" in err
    assert "not an API page" in err
    assert "API changes before → after" in err and "operation added" in err
    assert sorted(p.name for p in (specs / "dcs").glob("*.yaml")) == [
        "_service.yaml",
        "create_instance.yaml",
        "update_instance.yaml",
    ]


def test_json_format_for_machines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _folder(tmp_path, "dcs")
    code, out, _ = _run(
        capsys, "import", str(folder), "--service", "dcs", "--specs", str(tmp_path / "s"), "--format", "json"
    )
    assert code == 0
    payload = json.loads(out)
    assert payload["summary"]["created"] == 2 and payload["summary"]["skipped"] == 1
    assert {r["action"] for r in payload["results"]} == {"created", "skipped"}


def test_a_deprecated_copy_yields_to_the_current_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _folder(tmp_path, "dli")
    assert {p.name for p in folder.glob("创建队列*.md")} == {"创建队列.md", "创建队列（废弃）.md"}
    code, _, err = _run(capsys, "import", str(folder), "--service", "dli", "--specs", str(tmp_path / "specs"))
    assert code == 0, err
    assert "an older copy of POST /v1.0/{}/queues" in err
    spec = yaml.safe_load((tmp_path / "specs" / "dli" / "create_queue.yaml").read_text("utf-8"))
    assert spec["source"]["page"] == "创建队列.md"


def test_a_reworded_copy_of_a_page_is_skipped_as_its_copy(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Repositories keep one operation under two titles ("创建NAT网关" and "创建公网NAT网关"): other words,
    the same parameters and fields. The first page by path is imported, the other is an info."""
    folder = _folder(tmp_path, "dcs")
    page = (folder / "修改实例信息.md").read_text("utf-8")
    (folder / "修改缓存实例信息.md").write_text(page.replace("修改实例信息", "修改缓存实例的信息"), "utf-8")
    code, _, err = _run(capsys, "import", str(folder), "--service", "dcs", "--specs", str(tmp_path / "specs"))
    assert code == 0, err
    assert "修改缓存实例信息.md:1:1: info: the same operation as " in err and "skipped as its copy" in err
    spec = yaml.safe_load((tmp_path / "specs" / "dcs" / "update_instance.yaml").read_text("utf-8"))
    assert spec["source"]["page"] == "修改实例信息.md"


def test_two_current_pages_of_one_route_are_an_error_and_neither_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two pages of one route that disagree on a field: which one is right is for a person to say."""
    folder = _folder(tmp_path, "dcs")
    page = (folder / "修改实例信息.md").read_text("utf-8")
    (folder / "修改实例信息（英文版）.md").write_text(page.replace(">description</p>", ">remark</p>"), "utf-8")
    code, _, err = _run(capsys, "import", str(folder), "--service", "dcs", "--specs", str(tmp_path / "specs"))
    assert code == 1
    assert sum("error:" in line and "neither is imported" in line for line in err.splitlines()) == 2
    assert not (tmp_path / "specs" / "dcs" / "update_instance.yaml").exists()


def test_sync_lists_and_prune_removes_operations_whose_page_is_gone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _folder(tmp_path, "dcs")
    specs = tmp_path / "specs"
    assert _run(capsys, "import", str(folder), "--service", "dcs", "--specs", str(specs))[0] == 0
    # one page disappears, another changes
    (folder / "修改实例信息.md").unlink()
    page = folder / "创建缓存实例.md"
    page.write_text(page.read_text("utf-8").replace("实例名称", "缓存实例的名称"), "utf-8")
    code, _, err = _run(capsys, "import", str(folder), "--service", "dcs", "--specs", str(specs), "--sync")
    assert code == 0, err
    assert "update_instance.yaml: its page is gone from the folder (--prune removes it)" in err
    assert "create_instance.yaml: updated from" in err
    assert (specs / "dcs" / "update_instance.yaml").exists()
    code, _, err = _run(capsys, "import", str(folder), "--service", "dcs", "--specs", str(specs), "--sync", "--prune")
    assert code == 0, err
    assert "update_instance.yaml: removed (its page is gone)" in err
    assert "operation removed" in err and "breaking" in err
    assert not (specs / "dcs" / "update_instance.yaml").exists()


def test_prune_keeps_an_operation_a_job_still_names(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _folder(tmp_path, "dcs")
    specs = tmp_path / "specs"
    assert _run(capsys, "import", str(folder), "--service", "dcs", "--specs", str(specs))[0] == 0
    create = specs / "dcs" / "create_instance.yaml"
    create.write_text(
        create.read_text("utf-8") + "job:\n  poll: update_instance\n  id_field: instance_id\n  poll_parameter: x\n",
        "utf-8",
    )
    (folder / "修改实例信息.md").unlink()
    code, _, err = _run(capsys, "import", str(folder), "--service", "dcs", "--specs", str(specs), "--sync", "--prune")
    assert code == 1
    assert "create_instance.yaml's job still names update_instance: not removed" in err
    assert (specs / "dcs" / "update_instance.yaml").exists()


def test_usage_errors_of_sync_and_prune(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = str(MD / "dcs" / "创建缓存实例.md")
    assert _run(capsys, "import", page, "--service", "dcs", "--specs", str(tmp_path), "--sync")[0] == 2
    assert _run(capsys, "import", str(MD / "dcs"), "--service", "dcs", "--specs", str(tmp_path), "--prune")[0] == 2


def test_markdown_in_a_git_checkout_gets_its_last_commit_date(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _folder(tmp_path, "dcs")
    env = {"GIT_AUTHOR_DATE": "2024-05-06T10:00:00", "GIT_COMMITTER_DATE": "2024-05-06T10:00:00"}
    repo = tmp_path / "docs"
    for argv in (["init", "-q"], ["add", "."], ["-c", "user.name=t", "-c", "user.email=t@e", "commit", "-qm", "docs"]):
        subprocess.run(["git", "-C", str(repo), *argv], check=True, env={**env, "PATH": "/usr/bin:/bin"})
    specs = tmp_path / "specs"
    assert _run(capsys, "import", str(folder), "--service", "dcs", "--specs", str(specs))[0] == 0
    spec = yaml.safe_load((specs / "dcs" / "create_instance.yaml").read_text("utf-8"))
    assert spec["source"]["updated_on"] == "2024-05-06"
    # outside a checkout the key is left out
    other = tmp_path / "plain"
    shutil.copytree(MD / "dcs", other)
    assert (
        _run(capsys, "import", str(other / "创建缓存实例.md"), "--service", "dcs", "--specs", str(tmp_path / "s2"))[0]
        == 0
    )
    assert (
        "updated_on"
        not in yaml.safe_load((tmp_path / "s2" / "dcs" / "create_instance.yaml").read_text("utf-8"))["source"]
    )


class _Site(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/away":
            self.send_response(302)
            self.send_header("Location", "http://example.invalid/page.html")
            self.end_headers()
            return
        if self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/api-as/page.html")
            self.end_headers()
            return
        if self.path != "/api-as/page.html":
            self.send_response(404)
            self.end_headers()
            return
        body = (SITE / "as_action_scaling_group.en.html").read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def site() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_a_url_is_fetched_and_read_as_site_html(site: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "import", f"{site}/moved", "--service", "autoscaling", "--specs", str(tmp_path))
    assert code == 0, err
    spec = yaml.safe_load((tmp_path / "autoscaling" / "action_scaling_group.yaml").read_text("utf-8"))
    assert spec["source"]["page"] == "page.html" and spec["method"] == "POST"
    code, _, err = _run(capsys, "import", f"{site}/away", "--service", "autoscaling", "--specs", str(tmp_path / "x"))
    assert code == 1 and "redirected to another host" in err
    code, _, err = _run(capsys, "import", f"{site}/missing", "--service", "autoscaling", "--specs", str(tmp_path / "x"))
    assert code == 1 and "cannot fetch the page: HTTP 404" in err


def test_specs_point_at_the_projects_editor_schema(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.hwgen]\nspecs = "api"\nschema = "tools/spec.schema.json"\n')
    page = MD / "dcs" / "创建缓存实例.md"
    code, _, err = _run(capsys, "import", str(page), "--service", "dcs", "--specs", str(tmp_path / "api"))
    assert code == 0, err
    spec = (tmp_path / "api" / "dcs" / "create_instance.yaml").read_text("utf-8")
    service = (tmp_path / "api" / "dcs" / "_service.yaml").read_text("utf-8")
    assert spec.startswith("# yaml-language-server: $schema=../../tools/spec.schema.json\n")
    assert service.startswith("# yaml-language-server: $schema=../../tools/spec.schema.json#/$defs/service\n")


def test_a_large_folder_is_read_in_worker_processes_with_the_same_result(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pages are read and transcribed in a process pool from PARALLEL_FROM pages on: the specs and
    every finding are those of reading them one by one in this process."""
    folder = tmp_path / "pages"
    shutil.copytree(MD, folder, ignore=shutil.ignore_patterns("*.rows.yaml", "README.md"))
    pools: list[int] = []

    class CountedPool(concurrent.futures.ProcessPoolExecutor):
        def __init__(self, workers: int) -> None:
            pools.append(workers)
            super().__init__(workers)

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", CountedPool)  # read_pages imports it late
    monkeypatch.setattr(pages.os, "cpu_count", lambda: 2)
    seen = {}  # run names sort after "pages", as the findings of the pages' own paths do
    for run, threshold, jobs in (("serial", 10**9, []), ("pooled", 2, []), ("single", 2, ["--jobs", "1"])):
        monkeypatch.setattr(pages, "PARALLEL_FROM", threshold)
        specs = tmp_path / run
        code, _, err = _run(capsys, "import", str(folder), "--service", "mixed", "--specs", str(specs), *jobs)
        files = {p.name: p.read_bytes() for p in sorted((specs / "mixed").glob("*.yaml"))}
        seen[run] = (code, err.replace(str(specs), "SPECS"), files)
    assert pools == [2]  # --jobs 1 started none
    assert len(seen["pooled"][2]) > 10
    assert seen["pooled"] == seen["serial"] == seen["single"]


_TAG_ACTION = """# 批量{verb}专属主机标签<a name="deh_02_{n}"></a>

## 功能介绍<a name="s1"></a>

为一台专属主机一次{verb}多个标签。

## URI<a name="s2"></a>

POST /v1.0/\\{{project\\_id\\}}/dedicated-host-tags/\\{{dedicated\\_host\\_id\\}}/tags/action

**表 1**  参数说明

|参数|是否必选|参数类型|描述|
|--|--|--|--|
|project\\_id|是|String|项目ID。|
|dedicated\\_host\\_id|是|String|专属主机ID。|

## 请求消息<a name="s3"></a>

|参数|是否必选|参数类型|描述|
|--|--|--|--|
|action|是|String|操作标识，取值：{action}。|
|tags|是|Array of objects|标签列表，详见表2。|

**表 2**  tags字段说明

|参数|是否必选|参数类型|描述|
|--|--|--|--|
|key|是|String|标签键。|
|value|{value_required}|String|标签值。|

## 请求样例<a name="s4"></a>

```
POST https://{{Endpoint}}/v1.0/0a1b/dedicated-host-tags/d1/tags/action
{{
    "action": "{action}",
    "tags": [{{"key": "env", "value": "dev"}}]
}}
```

## 响应消息<a name="s5"></a>

无

## 返回值<a name="s6"></a>

|返回值|说明|
|--|--|
|204|请求成功。|
"""


def test_one_route_with_several_actions_gives_one_spec_per_action(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Tag management pages share `POST …/tags/action` and differ in the body's `action` value: each
    is its own operation, named from that value, in a folder import and on re-import page by page."""
    folder = tmp_path / "pages"
    folder.mkdir()
    for n, (verb, action, required) in enumerate((("添加", "create", "是"), ("删除", "delete", "否")), 1):
        page = _TAG_ACTION.format(verb=verb, action=action, n=n, value_required=required)
        (folder / f"批量{verb}专属主机标签.md").write_text(page, "utf-8")
    specs = tmp_path / "specs"
    code, _, err = _run(capsys, "import", str(folder), "--service", "deh", "--specs", str(specs))
    assert code == 0, err
    made = sorted(p.stem for p in (specs / "deh").glob("*.yaml"))
    assert made == ["_service", "create_dedicated_host_tag_tags", "delete_dedicated_host_tag_tags"]
    for page in sorted(folder.iterdir()):
        code, _, err = _run(capsys, "import", str(page), "--service", "deh", "--specs", str(specs))
        assert code == 0 and "1 unchanged" in err, err


def test_pages_on_one_route_with_titles_of_their_own_are_operations_of_their_own(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """DNS documents 创建公网Zone and 创建内网Zone, both POST /v2/zones; copied from the site, the pages
    keep no API Explorer link to name them. Different titles in one language: two specs, in a folder
    import and page by page (the second page never overwrites the first)."""
    folder = tmp_path / "pages"
    folder.mkdir()
    for n, (verb, required) in enumerate((("添加", "是"), ("删除", "否")), 1):  # fields apart: no copies
        page = _TAG_ACTION.format(verb=verb, action="x", n=n, value_required=required)
        page = page.replace("|action|是|String|操作标识，取值：x。|\n", "").replace('"action": "x",\n', "")
        (folder / f"{n}.md").write_text(page, "utf-8")
    for run, inputs in (("folder", [folder]), ("one by one", sorted(folder.iterdir()))):
        specs = tmp_path / run
        for page in inputs:
            code, _, err = _run(capsys, "import", str(page), "--service", "deh", "--specs", str(specs))
            assert code == 0 and " 0 updated," in err, err
        titles = sorted(yaml.safe_load(p.read_text("utf-8"))["title"] for p in (specs / "deh").glob("[!_]*.yaml"))
        assert titles == ["批量删除专属主机标签", "批量添加专属主机标签"], run


def test_the_current_template_wins_over_an_older_copy_in_site_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Site text keeps no links, so the current page of a route is the one with a 调试 (Debugging)
    section, which only the current template has; the older copy yields to it."""
    folder = tmp_path / "pages"
    folder.mkdir()
    older = _TAG_ACTION.format(verb="添加", action="create", n=1, value_required="否")
    current = _TAG_ACTION.format(verb="添加", action="create", n=2, value_required="是").replace(
        "## URI", "## 调试\n\n您可以在API Explorer中调试该接口。\n\n## URI"
    )
    (folder / "a.md").write_text(older, "utf-8")
    (folder / "b.md").write_text(current, "utf-8")
    code, _, err = _run(capsys, "import", str(folder), "--service", "deh", "--specs", str(tmp_path / "s"))
    assert code == 0, err
    assert "a.md:1:1: info: an older copy of POST" in err and "b.md is imported instead" in err
