"""hwgen as a tool in any repository: installed only from its built wheel into a fresh venv, used in a new
git repository for every command, its generated client type-checked as its users see it, its CI
workflow and pre-commit hooks run as that repository would run them."""

from __future__ import annotations

import json
import os
import re
import shlex
import stat
import subprocess
import sys
import tarfile
import urllib.request
import zipfile
from pathlib import Path

import pytest
import yaml

from .conftest import PAGE, ROOT, Dist, Venv, git, make_venv, run

pytestmark = pytest.mark.slow

USER_SCRIPT = """\
from typing import assert_type

from {package} import ApiError, TokenAuth
from {package}.vpc import AsyncVpcClient, VpcClient, models


def first_vpc(client: VpcClient) -> str | None:
    result = client.list_vpcs(limit=1)
    assert_type(result, models.ListVpcsResponse)
    for vpc in result.vpcs or []:
        assert_type(vpc, models.Vpc)
        return vpc.id
    return None


async def count(client: AsyncVpcClient) -> int:
    return len((await client.list_vpcs()).vpcs or [])


def main() -> None:
    try:
        with VpcClient(region="cn-north-4", project_id="p", auth=TokenAuth("t")) as client:
            print(first_vpc(client))
    except ApiError as error:
        print(error.status_code)
"""


WORKSPACE_SCRIPT = """\
from collections.abc import Iterator
from typing import assert_type

from hwcloud import TokenAuth
from hwcloud.workspace import WorkspaceClient, models


def tasks(client: WorkspaceClient) -> Iterator[models.ExportTaskItem]:
    assert_type(client.list_export_tasks(status="SUCCESS", limit=50), models.ListExportTasksResponse)
    return client.iter_list_export_tasks(page_size=10)


with WorkspaceClient(region="cn-north-4", project_id="p", auth=TokenAuth("t")) as client:
    for task in tasks(client):
        print(task.task_id)
"""


def _tracked(*roots: str) -> list[str]:
    listed = subprocess.run(["git", "ls-files", "-z", "--", *roots], cwd=ROOT, capture_output=True, check=True)
    return [p for p in listed.stdout.decode().split("\0") if p and (ROOT / p).is_file()]


def test_wheel_and_sdist_ship_every_module_template_and_the_schema(dist: Dist) -> None:
    wheel = set(zipfile.ZipFile(dist.wheel).namelist())
    expected = {p if p.startswith("generator/") else f"generator/{p}" for p in _tracked("generator", "templates")}
    assert "generator/spec.schema.json" in expected and "generator/templates/core/_operation.py" in expected
    assert not expected - wheel, f"missing from the wheel: {sorted(expected - wheel)}"
    with tarfile.open(dist.sdist) as sdist:
        names = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
    wanted = {*_tracked("generator", "templates", "docs"), "pyproject.toml", "README.md", ".pre-commit-hooks.yaml"}
    assert not wanted - names, f"missing from the sdist: {sorted(wanted - names)}"
    metadata = zipfile.ZipFile(dist.wheel).read(f"{dist.wheel.name.split('-')[0]}-{_version()}.dist-info/METADATA")
    assert b"License-Expression: Apache-2.0" in metadata


def _version() -> str:
    text = (ROOT / "generator" / "_version.py").read_text("utf-8")
    found = re.search(r'__version__ = "(.+)"', text)
    assert found is not None
    return found[1]


def new_repository(env: Venv, where: Path) -> Path:
    """`hwgen init` in a new git repository, an imported page, generated and committed on main."""
    repo = where / "api-repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    run(["hwgen", "init"], repo, env=env.env)
    run(["hwgen", "import", PAGE, "--service", "workspace"], repo, env=env.env)
    run(["hwgen", "generate"], repo, env=env.env)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "hwgen init, one imported page, generated")
    return repo


def _modes(root: Path) -> set[int]:
    return {stat.S_IMODE(p.stat().st_mode) for p in root.rglob("*") if p.is_file()}


def _typecheck(env: Venv, script: Path) -> None:
    """mypy --strict and pyright (basedpyright, strict) see the package through its editable install."""
    run([sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--python-executable", env.python, script.name],
        script.parent)  # fmt: skip
    (script.parent / "pyrightconfig.json").write_text('{"typeCheckingMode": "strict"}\n', "utf-8")
    basedpyright = Path(sys.executable).parent / "basedpyright"
    run([basedpyright, "--pythonpath", env.python, script.name], script.parent)


def test_every_command_in_a_new_repository(user_venv: Venv, tmp_path: Path) -> None:
    env = user_venv.env
    assert run(["hwgen", "--version"], tmp_path, env=env).stdout == f"hwgen {_version()}\n"
    umask = os.umask(0o022)
    try:
        repo = new_repository(user_venv, tmp_path)
    finally:
        os.umask(umask)
    assert _modes(repo / "generated") == {0o644} and _modes(repo / "specs") == {0o644}
    run(["hwgen", "validate"], repo, env=env)
    run(["hwgen", "check"], repo, env=env)
    run(["hwgen", "validate", "."], repo / "specs" / "vpc", env=env)  # from inside a service
    run(["hwgen", "check"], repo / "specs" / "workspace", env=env)  # [tool.hwgen] found upward
    assert json.loads(run(["hwgen", "openapi"], repo, env=env).stdout)["openapi"].startswith("3.1")
    assert run(["hwgen", "schema"], repo, env=env).stdout == (repo / "specs" / "spec.schema.json").read_text()

    spec = repo / "specs" / "vpc" / "list_vpcs.yaml"  # a breaking change: a query parameter goes
    text = spec.read_text("utf-8")
    marker = "    - name: marker\n"
    spec.write_text(text[: text.index(marker)] + text[text.index("responses:") :], "utf-8")
    diff = run(["hwgen", "diff", "HEAD", "specs", "--fail-on", "breaking"], repo, env=env, expect=1)
    assert "request-field-removed" in diff.stdout
    run(["hwgen", "check"], repo, env=env, expect=1)
    run(["hwgen", "generate"], repo, env=env)
    run(["hwgen", "check"], repo, env=env)

    _mock_serves(user_venv, repo)
    _ci_steps_run(user_venv, repo)

    user_venv.pip("-e", repo / "generated", cwd=repo)
    elsewhere = tmp_path / "user-code"
    elsewhere.mkdir()
    (elsewhere / "use_client.py").write_text(USER_SCRIPT.format(package="hwcloud"), "utf-8")
    _typecheck(user_venv, elsewhere / "use_client.py")
    run([user_venv.python, "-c", "import hwcloud.vpc, hwcloud.workspace"], elsewhere, env=env)


def _mock_serves(env: Venv, repo: Path) -> None:
    argv = ["hwgen", "mock", "--port", "0"]
    with subprocess.Popen(
        argv, cwd=repo, env=env.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as server:
        try:
            assert server.stdout is not None
            line = server.stdout.readline()
            found = re.search(r"listening on (http://\S+)", line)
            assert found, f"no address in {line!r}"
            with urllib.request.urlopen(f"{found[1]}/v1/p1/vpcs?limit=1", timeout=30) as answer:
                assert answer.status == 200
                assert json.load(answer)["vpcs"][0]["name"] == "default"
        finally:
            server.terminate()
            server.communicate(timeout=30)


def _ci_steps_run(env: Venv, repo: Path) -> None:
    """The workflow's shell steps (install, check, diff) on a pull-request branch, as the runner has them."""
    git(repo, "checkout", "-q", "-b", "pull-request")
    git(repo, "commit", "-qam", "drop the marker query parameter")
    git(repo, "remote", "add", "origin", str(repo))
    git(repo, "fetch", "-q", "origin")
    workflow = yaml.safe_load((repo / ".github" / "workflows" / "api.yml").read_text("utf-8"))
    steps = [
        s for s in workflow["jobs"]["api"]["steps"] if "run" in s and "gh " not in s["run"] and s["run"] != "exit 1"
    ]
    assert [s.get("name", s["run"]) for s in steps][1:] == ["generated/ is current", "API diff"]
    output = repo.parent / "github-output"
    for step in steps:
        script = step["run"].replace("${{ github.base_ref }}", "main")
        step_env = {**env.env, "GITHUB_OUTPUT": str(output), "BASE": "origin/main"}
        run(["bash", "-e", "-c", script], repo, env=step_env)
    assert output.read_text("utf-8") == "status=1\n"  # the breaking change fails the job's last step
    assert (repo / "api-diff.md").read_text("utf-8").startswith("### API changes")


def test_the_wheel_finds_hwgens_own_output_current(user_venv: Venv, tmp_path: Path) -> None:
    """hwgen from the wheel (templates inside the package) makes the checkout's bytes and trusts its manifest."""
    for name in ("specs", "generated"):
        for path in _tracked(name):
            (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / path).write_bytes((ROOT / path).read_bytes())
    (tmp_path / "pyproject.toml").write_bytes((ROOT / "pyproject.toml").read_bytes())
    (tmp_path / "generator").mkdir()
    (tmp_path / "generator" / "spec.schema.json").write_bytes((ROOT / "generator" / "spec.schema.json").read_bytes())
    checked = run(["hwgen", "check"], tmp_path, env={**user_venv.env, "HWGEN_NO_CACHE": "1"})
    assert checked.stderr == "generated is current\n"


def test_pre_commit_hooks_in_a_user_repository(user_venv: Venv, tmp_path: Path) -> None:
    repo = new_repository(user_venv, tmp_path)
    home = {**user_venv.env, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}
    pre_commit = [sys.executable, "-m", "pre_commit"]
    run([*pre_commit, "run", "--all-files"], repo, env=home)  # the config init wrote (hwgen on PATH)
    run([*pre_commit, "try-repo", ROOT, "hwgen-validate", "--all-files"], repo, env=home, timeout=900)
    run([*pre_commit, "try-repo", ROOT, "hwgen-check", "--all-files"], repo, env=home, timeout=900)
    stale = repo / "generated" / "README.md"
    stale.write_text(stale.read_text("utf-8") + "edited by hand\n", "utf-8")
    failed = run([*pre_commit, "try-repo", ROOT, "hwgen-check", "--all-files"], repo, env=home, expect=1)
    assert "generated/README.md: stale" in failed.stdout


def test_the_workflows_pass_actionlint(actionlint: list[str], user_venv: Venv, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    run(["hwgen", "init", repo], tmp_path, env=user_venv.env)
    run([*actionlint, ROOT / "docs" / "ci-example.yml", repo / ".github" / "workflows" / "api.yml"], tmp_path)
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n"
    )
    assert "nope" in run([*actionlint, broken], tmp_path, expect=1).stdout  # the linter does find errors


def test_the_readme_set_up_in_a_fresh_venv(tmp_path: Path) -> None:
    """The README's first command in a copy of the checkout; then a user script elsewhere type-checks."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    )
    copy = tmp_path / "hwgen"
    for name in filter(None, listed.stdout.decode().split("\0")):
        if (ROOT / name).is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            (copy / name).write_bytes((ROOT / name).read_bytes())
    blocks = re.findall(r"```bash\n(.*?)\n```", (ROOT / "README.md").read_text("utf-8"), re.S)
    env = make_venv(tmp_path / "venv")
    run(["bash", "-e", "-c", blocks[0]], copy, env=env.env, timeout=900)
    run([env.python, "-m", "generator", "check"], copy, env=env.env)
    elsewhere = tmp_path / "user-code"
    elsewhere.mkdir()
    script = (ROOT / "README.md").read_text("utf-8").split("```python\n", 1)[1].split("```", 1)[0]
    (elsewhere / "readme_example.py").write_text(script, "utf-8")
    (elsewhere / "typed.py").write_text(WORKSPACE_SCRIPT, "utf-8")
    for name in ("typed.py", "readme_example.py"):
        _typecheck(env, elsewhere / name)
    assert shlex.split(blocks[0])[:2] == ["pip", "install"]
