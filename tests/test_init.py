"""`hwgen init`: a working repository, pinned to the hwgen that made it, and never a file overwritten."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest
import yaml

from generator.cli import main
from generator.config import load_config, schema_comment
from generator.distribution import Origin
from generator.resources import schema_text
from generator.scaffold import render_scaffold, scaffold

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ".github/workflows/api.yml"
# The pin docs/ci-example.yml shows: hwgen from its git repository at a tag.
EXAMPLE = Origin(
    "vcs", "hwgen @ git+https://github.com/your-org/hwgen@v0.1.0", True, "https://github.com/your-org/hwgen", "v0.1.0"
)
ORIGINS = {
    "git": (EXAMPLE, "remote"),
    "index": (Origin("index", "hwgen==0.1.0", True), "python"),
    "wheel by URL": (Origin("archive", "hwgen @ https://example.com/hwgen-0.1.0-py3-none-any.whl", True), "python"),
    "local wheel": (Origin("archive", "hwgen @ file:///tmp/hwgen-0.1.0-py3-none-any.whl", False), "system"),
    "checkout": (Origin("local", "hwgen @ file:///src/hwgen", False, "file:///src/hwgen"), "system"),
}


def test_init_makes_a_repository_that_generates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["init", str(tmp_path / "repo"), "--package-name", "acme_hw"]) == 0
    repo = tmp_path / "repo"
    monkeypatch.chdir(repo)
    assert load_config().package_name == "acme_hw"
    assert (repo / "specs" / "spec.schema.json").read_text("utf-8") == schema_text()
    for spec in (repo / "specs").glob("*/*.yaml"):
        assert spec.read_text("utf-8").splitlines()[0] == schema_comment(spec)
    assert ".hwgen-cache/" in (repo / ".gitignore").read_text("utf-8").splitlines()
    assert main(["validate"]) == 0
    assert main(["generate"]) == 0
    assert main(["check"]) == 0
    assert (repo / "generated" / "acme_hw" / "vpc" / "_client.py").is_file()
    assert "Traceback" not in "".join(capsys.readouterr())


def test_init_never_overwrites(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "README.md").write_text("mine\n", "utf-8")
    assert main(["init", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err == (
        f"{tmp_path / 'README.md'}: exists\nhwgen init: error: nothing written: init never overwrites a file\n"
    )
    assert [p.name for p in tmp_path.iterdir()] == ["README.md"]  # nothing written
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'mine'\n", "utf-8")
    assert main(["init", str(tmp_path)]) == 1
    assert "pyproject.toml: exists (to keep it, add a [tool.hwgen] table to it by hand)\n" in capsys.readouterr().err
    assert (tmp_path / "README.md").read_text("utf-8") == "mine\n"


def test_a_bad_package_name_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["init", str(tmp_path), "--package-name", "acme-hw"]) == 2
    assert capsys.readouterr().err == (
        "hwgen init: error: --package-name: `acme-hw` is not an importable Python name"
        " (use `acme_hw`: letters, digits and underscores)\n"
    )
    assert not any(tmp_path.iterdir())


@pytest.mark.parametrize("how", sorted(ORIGINS))
def test_the_pin_follows_how_hwgen_was_installed(how: str) -> None:
    source, hooks = ORIGINS[how]
    files = render_scaffold("hwcloud", source)
    workflow = yaml.safe_load(files[WORKFLOW])
    installs = [step["run"] for step in workflow["jobs"]["api"]["steps"] if "pip install" in step.get("run", "")]
    pip = f"pip install {shlex.quote(source.requirement)}"
    assert installs == [pip]
    assert f"{pip} && hwgen generate" in files["README.md"]
    assert ("point this at a git URL" in files[WORKFLOW]) is not source.portable
    repos = yaml.safe_load(files[".pre-commit-config.yaml"])["repos"]
    assert len(repos) == 1
    repo = repos[0]
    assert [hook["id"] for hook in repo["hooks"]] == ["hwgen-validate", "hwgen-check"]
    if hooks == "remote":
        assert (repo["repo"], repo["rev"]) == ("https://github.com/your-org/hwgen", "v0.1.0")
    else:
        assert repo["repo"] == "local"
        assert {hook["language"] for hook in repo["hooks"]} == {hooks}
        if hooks == "python":
            assert all(hook["additional_dependencies"] == [source.requirement] for hook in repo["hooks"])


def test_the_ci_example_in_docs_is_the_workflow_init_writes() -> None:
    expected = render_scaffold("hwcloud", EXAMPLE)[WORKFLOW]
    assert (ROOT / "docs" / "ci-example.yml").read_text("utf-8") == expected, (
        "docs/ci-example.yml differs from templates/init/api.yml: rewrite it with"
        " `python -c 'from tests.test_init import write_ci_example; write_ci_example()'`"
    )


def write_ci_example() -> None:
    """Rewrite docs/ci-example.yml from the init template (the command the test above names)."""
    (ROOT / "docs" / "ci-example.yml").write_text(render_scaffold("hwcloud", EXAMPLE)[WORKFLOW], "utf-8")


def test_scaffold_is_all_or_nothing(tmp_path: Path) -> None:
    first = scaffold(tmp_path, source=EXAMPLE)
    assert not first.existing and (tmp_path / WORKFLOW).is_file()
    (tmp_path / "specs" / "vpc" / "list_vpcs.yaml").unlink()
    again = scaffold(tmp_path, source=EXAMPLE)
    assert "specs/vpc/list_vpcs.yaml" not in again.existing and len(again.existing) == len(first.files) - 1
    assert not (tmp_path / "specs" / "vpc" / "list_vpcs.yaml").exists()
