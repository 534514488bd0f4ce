"""Benchmark: every hwgen command on spec trees of N operations, against openapi-python-client in the same run.

    python bench/bench_scale.py                  # N = 100, 1,000 and 5,000; median of 3 runs
    python bench/bench_scale.py --quick          # N = 100, one run (under two minutes)
    python bench/bench_scale.py --sizes 1000 --runs 5 --peer /path/to/openapi-python-client

Trees come from bench/synth.py (copies of the real services under new names, five operations a
service). Every figure is the wall time of a command in a fresh process, what a user waits for:
median, min and max of --runs, and the peak resident memory of the process and its workers. The
peer, openapi-python-client, generates from hwgen's own OpenAPI export of the same tree, with its
default post-hooks (ruff) and without; it runs from a virtual environment of its own (created in
bench/.peer-venv on first use unless --peer is given). Writes bench/results.md (not in --quick).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from bench_diff import mutate  # noqa: E402
from bench_import import synthesise as synthesise_pages  # noqa: E402
from synth import synthesise  # noqa: E402

PEER_VERSION = "0.29.1"
PEER_VENV = ROOT / "bench" / ".peer-venv"
HWGEN = [sys.executable, "-m", "generator"]


@dataclass
class Sample:
    label: str
    times: list[float] = field(default_factory=list)
    rss_kb: int = 0

    @property
    def median(self) -> float:
        return statistics.median(self.times)


def run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB, the process or any worker it waited for) of one command."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    stderr = process.stderr.read() if process.stderr else ""
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}) in {cwd}:\n{stderr[-3000:]}")
    return elapsed, usage.ru_maxrss


def measure(label: str, runs: int, command: Callable[[], tuple[list[str], Path, dict[str, str]]]) -> Sample:
    """`command()` gives what to run, after setting up its run (a fresh clone, an empty directory)."""
    sample = Sample(label)
    for _ in range(runs):
        argv, cwd, env = command()
        seconds, rss = run(argv, cwd, env)
        sample.times.append(seconds)
        sample.rss_kb = max(sample.rss_kb, rss)
    return sample


def environment(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "HWGEN_NO_CACHE")}
    return {**env, **extra}


def python_lines(root: Path) -> tuple[int, int]:
    files = [p for p in root.rglob("*.py") if "__pycache__" not in p.parts]
    return len(files), sum(p.read_bytes().count(b"\n") for p in files)


def peer_command(path: str | None) -> list[str]:
    """The openapi-python-client executable: given, or installed in a virtual environment of its own."""
    if path:
        return [path]
    executable = PEER_VENV / "bin" / "openapi-python-client"
    if not executable.exists():
        subprocess.run([sys.executable, "-m", "venv", str(PEER_VENV)], check=True)
        pip = [str(PEER_VENV / "bin" / "python"), "-m", "pip", "install", "--quiet"]
        subprocess.run([*pip, f"openapi-python-client=={PEER_VERSION}"], check=True)
    return [str(executable)]


@dataclass
class Tree:
    """A project (specs/, pyproject.toml, generated/) committed in git, to clone fresh for each run."""

    root: Path
    operations: int
    services: int


def make_tree(work: Path, operations: int) -> Tree:
    project = work / f"project-{operations}"
    services = synthesise(project / "specs", operations)
    shutil.copy(ROOT / "pyproject.toml", project / "pyproject.toml")
    (project / ".gitignore").write_text(".hwgen-cache/\n__pycache__/\n")
    run([*HWGEN, "generate"], project, environment(HWGEN_NO_CACHE="1"))
    git = ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.com"]
    subprocess.run(["git", "init", "-q", str(project)], check=True)
    subprocess.run([*git, "-C", str(project), "add", "-A"], check=True)
    subprocess.run([*git, "-C", str(project), "commit", "-qm", "tree"], check=True)
    count = sum(1 for p in (project / "specs").rglob("*.yaml") if p.name != "_service.yaml")
    return Tree(project, count, services)


def fresh_clone(tree: Tree, work: Path) -> Path:
    clone = work / "clone"
    shutil.rmtree(clone, ignore_errors=True)
    subprocess.run(["git", "clone", "-q", str(tree.root), str(clone)], check=True)
    return clone


_COUNTER = iter(range(1_000_000))


def change_one_spec(project: Path) -> None:
    spec = next(iter(sorted((project / "specs").glob("roma_*/export_asset.yaml"))))
    text = spec.read_text("utf-8")
    spec.write_text(re.sub(r"^summary: .*$", f"summary: Reworded {next(_COUNTER)}.", text, count=1, flags=re.M))


def bench_size(operations: int, runs: int, work: Path, peer: list[str] | None) -> dict[str, object]:
    work = work / f"n{operations}"
    work.mkdir()
    tree = make_tree(work, operations)
    project, n = tree.root, tree.operations
    cold_out = work / "cold-out"
    cache = work / "cache"
    samples: list[Sample] = []

    def cold_validate() -> tuple[list[str], Path, dict[str, str]]:
        return [*HWGEN, "validate"], project, environment(HWGEN_NO_CACHE="1")

    def warm(*argv: str) -> Callable[[], tuple[list[str], Path, dict[str, str]]]:
        return lambda: ([*HWGEN, *argv], project, environment(HWGEN_CACHE_DIR=str(cache)))

    def cold_generate() -> tuple[list[str], Path, dict[str, str]]:
        shutil.rmtree(cold_out, ignore_errors=True)
        return [*HWGEN, "generate", "--out", str(cold_out)], project, environment(HWGEN_NO_CACHE="1")

    def clone_then(*argv: str, change: bool) -> Callable[[], tuple[list[str], Path, dict[str, str]]]:
        def setup() -> tuple[list[str], Path, dict[str, str]]:
            clone = fresh_clone(tree, work)
            if change:
                change_one_spec(clone)
            return [*HWGEN, *argv], clone, environment(HWGEN_CACHE_DIR=str(work / "no-cache" / str(next(_COUNTER))))

        return setup

    def warm_change() -> tuple[list[str], Path, dict[str, str]]:
        change_one_spec(project)
        return [*HWGEN, "generate"], project, environment(HWGEN_CACHE_DIR=str(cache))

    samples.append(measure("validate, cold (no cache)", runs, cold_validate))
    run(*warm("validate")())
    samples.append(measure("validate, cache warm", runs, warm("validate")))
    samples.append(measure("generate, cold (empty output, no cache)", runs, cold_generate))
    run(*warm("generate")())
    samples.append(measure("generate, nothing changed", runs, warm("generate")))
    samples.append(measure("generate, one spec changed, cache warm", runs, warm_change))
    samples.append(measure("generate, one spec changed, fresh clone", runs, clone_then("generate", change=True)))
    samples.append(measure("check, unchanged tree, cache warm", runs, warm("check")))
    samples.append(measure("check, unchanged tree, fresh clone", runs, clone_then("check", change=False)))

    pages = {service: [str(p) for p in files] for service, files in synthesise_pages(n, work / "pages").items()}
    listing = work / "pages.json"
    listing.write_text(json.dumps(pages), "utf-8")

    def import_pages() -> tuple[list[str], Path, dict[str, str]]:
        """One `python -m generator import` per service, into an empty spec tree (what a user runs)."""
        target = work / "imported"
        shutil.rmtree(target, ignore_errors=True)
        script = (
            "import json, subprocess, sys\n"
            f"for service, files in json.loads(open({str(listing)!r}).read()).items():\n"
            "    subprocess.run([sys.executable, '-m', 'generator', 'import', *files, '--service', service,"
            f" '--specs', {str(target)!r}], check=True, capture_output=True)\n"
        )
        return [sys.executable, "-c", script], ROOT, environment()

    samples.append(measure(f"import {n} pages ({len(pages)} import commands)", runs, import_pages))
    edited = work / "edited"
    shutil.copytree(project / "specs", edited)
    changed = mutate(edited, 0.03)
    diff = [*HWGEN, "diff", str(project / "specs"), str(edited), "--format", "json"]
    samples.append(
        measure(f"diff of two {n}-operation trees ({changed} edited)", runs, lambda: (diff, ROOT, environment()))
    )

    out = project / "generated"
    service = sorted(p.name for p in (out / "hwcloud").iterdir() if p.name.startswith("roma_"))[0]
    importing = [sys.executable, "-c", f"import hwcloud.{service}"]
    samples.append(
        measure(
            f"python -c 'import hwcloud.{service}'", runs, lambda: (importing, out, environment(PYTHONPATH=str(out)))
        )
    )
    added = import_cost(out, service, max(runs, 5))
    files, lines = python_lines(out)

    peer_samples: list[Sample] = []
    peer_files = peer_lines = 0
    if peer is not None:
        document = work / "openapi.json"
        shutil.copy(out / "openapi.json", document)
        peer_out = work / "peer"
        no_hooks = work / "no-hooks.yaml"
        no_hooks.write_text("post_hooks: []\n")
        peer_env = environment(PATH=f"{Path(peer[0]).parent}{os.pathsep}{os.environ.get('PATH', '')}")
        base = [*peer, "generate", "--path", str(document), "--output-path", str(peer_out), "--overwrite"]
        for label, extra in (("default hooks (ruff)", []), ("no hooks", ["--config", str(no_hooks)])):
            peer_samples.append(
                measure(
                    f"openapi-python-client generate, {label}",
                    runs,
                    lambda extra=extra: ([*base, *extra], work, peer_env),
                )
            )
        peer_files, peer_lines = python_lines(peer_out)
    return {
        "operations": n,
        "services": tree.services,
        "samples": samples,
        "peer": peer_samples,
        "files": files,
        "lines": lines,
        "peer_files": peer_files,
        "peer_lines": peer_lines,
        "import_added_ms": added,
        "service": service,
    }


def import_cost(out: Path, service: str, runs: int) -> list[float]:
    """Milliseconds `import hwcloud.<service>` adds to a process that has imported httpx and pydantic."""
    code = (
        "import time, httpx, pydantic\nfrom pydantic import BaseModel\n"
        f"t = time.perf_counter()\nimport hwcloud.{service}\nprint((time.perf_counter() - t) * 1000)\n"
        f"assert hwcloud.__file__.startswith({str(out)!r}), hwcloud.__file__\n"
    )
    results = []
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-c", code], cwd=out, env=environment(PYTHONPATH=str(out)), capture_output=True, text=True
        )
        if done.returncode != 0:
            raise SystemExit(done.stderr)
        results.append(float(done.stdout))
    return results


def report(results: list[dict[str, object]], args: argparse.Namespace) -> str:
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    command = "python bench/bench_scale.py" + (
        " --quick" if args.quick else f" --sizes {args.sizes} --runs {args.runs}"
    )
    lines = [
        "# Benchmark: hwgen at scale, against openapi-python-client",
        "",
        f"`{command}` on {platform.machine()}, {cpus} CPUs, {platform.system()}, Python {platform.python_version()};"
        f" openapi-python-client {PEER_VERSION} in a virtual environment of its own, generating from hwgen's"
        " OpenAPI export of the same tree. Wall time of a fresh process, median (min to max) of"
        f" {args.runs if not args.quick else 1} runs; peak RSS of the process and its workers. Trees from"
        " `bench/synth.py`: copies of the five real services, five operations a service.",
        "",
    ]
    for result in results:
        samples: list[Sample] = result["samples"]  # type: ignore[assignment]
        peer: list[Sample] = result["peer"]  # type: ignore[assignment]
        reference = peer[0].median if peer else None
        lines += [
            f"## {result['operations']} operations, {result['services']} services",
            "",
            "| command | median s | min s | max s | peak RSS MB | hwgen ÷ openapi-python-client (default hooks) |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        for s in [*samples, *peer]:
            compared = reference and ("generate" in s.label or "check" in s.label)
            ratio = f"{s.median / reference:.2f}" if compared else "-"
            figures = f"{s.median:.3f} | {min(s.times):.3f} | {max(s.times):.3f} | {s.rss_kb / 1024:.0f}"
            lines.append(f"| {s.label} | {figures} | {ratio} |")
        added: list[float] = result["import_added_ms"]  # type: ignore[assignment]
        lines += [
            "",
            f"Importing `hwcloud.{result['service']}` adds {statistics.median(added):.1f} ms (min {min(added):.1f},"
            f" max {max(added):.1f}, {len(added)} runs) to a process that has imported httpx, pydantic and"
            f" pydantic.BaseModel; the package holds {result['services']} services and imports none of the others.",
            "",
        ]
        if result["peer_lines"]:
            share = int(result["lines"]) / int(result["peer_lines"])  # type: ignore[call-overload]
            lines += [
                "| generated Python | files | lines |",
                "|---|---:|---:|",
                f"| hwgen | {result['files']:,} | {result['lines']:,} |",
                f"| openapi-python-client | {result['peer_files']:,} | {result['peer_lines']:,} |",
                f"| hwgen ÷ openapi-python-client | | {share:.2f} |",
                "",
            ]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,5000", help="operations per tree, comma-separated")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="100 operations, one run, results not written")
    parser.add_argument("--peer", help="an openapi-python-client executable (default: bench/.peer-venv)")
    parser.add_argument("--peer-sizes", default="100,1000", help="sizes at which the peer runs too")
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "results.md")
    args = parser.parse_args()
    sizes = [100] if args.quick else [int(s) for s in args.sizes.split(",")]
    runs = 1 if args.quick else args.runs
    peer_sizes = {int(s) for s in args.peer_sizes.split(",")}
    peer = peer_command(args.peer)
    work = Path(tempfile.mkdtemp(prefix="hwgen-bench-"))
    results: list[dict[str, object]] = []
    try:
        for n in sizes:
            results.append(bench_size(n, runs, work, peer if n in peer_sizes else None))
            text = report(results, args)  # after each size, so a long run that stops keeps what it measured
            if not args.quick:
                args.output.write_text(text, "utf-8")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    sys.stdout.write(report(results, args))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
