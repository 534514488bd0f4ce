"""Benchmark: `hwgen diff` of two 1,000-operation spec trees synthesised from specs/.

    python bench/bench_diff.py [--runs 7] [--operations 1000] [--changed 0.03]

OLD holds copies of every service of specs/ under new names (`roma_000`, `roma_001`, ...) until it has
--operations operations; NEW is OLD with --changed of its operations edited (deprecated, a new status
code, a reworded summary). A third tree, every file touched (a comment appended), is the worst case:
nothing can be skipped. Reports the median (min to max) of --runs for the in-process diff and for the
command in a fresh process, and writes bench/results-diff.md.
"""

from __future__ import annotations

import argparse
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.diff import diff  # noqa: E402
from generator.diff.compare import compare  # noqa: E402
from generator.diff.sources import changed_groups, load_groups, read_tree  # noqa: E402
from generator.diff.views import view_tree  # noqa: E402


def _add_status(text: str) -> str:
    """A documented error status the spec does not have yet (a spec may list 404 already)."""
    status = next(s for s in ("404", "409", "429", "503", "504") if f'\n  "{s}":' not in text)
    return text.replace("\nresponses:\n", f'\nresponses:\n  "{status}":\n    description: Added.\n', 1)


EDITS: tuple[Callable[[str], str], ...] = (
    lambda text: text.rstrip("\n") + "\ndeprecated: true\n",
    lambda text: _add_status(text),
    lambda text: text.replace("\nsummary: ", "\nsummary: Reworded. ", 1),
)


def synthesise(out: Path, operations: int) -> int:
    """Copies of the real services under new names until there are `operations` operations."""
    services = sorted(p for p in (ROOT / "specs").iterdir() if p.is_dir())
    count, copy = 0, 0
    while count < operations:
        for service in services:
            shutil.copytree(service, out / f"{service.name}_{copy:03d}")
            count += sum(1 for p in service.glob("*.yaml") if p.name != "_service.yaml")
        copy += 1
    return count


def mutate(tree: Path, share: float) -> int:
    """Edit every n-th operation so that `share` of them change; returns how many were edited."""
    specs = sorted(p for p in tree.rglob("*.yaml") if p.name != "_service.yaml")
    step = max(1, round(1 / share))
    edited = specs[::step]
    for i, path in enumerate(edited):
        path.write_text(EDITS[i % len(EDITS)](path.read_text("utf-8")), "utf-8")
    return len(edited)


def touch_all(tree: Path) -> None:
    for path in tree.rglob("*.yaml"):
        path.write_text(path.read_text("utf-8") + "# touched\n", "utf-8")


def timed(run: Callable[[], object], runs: int) -> tuple[float, float, float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples), min(samples), max(samples)


def stages(old: Path, new: Path) -> list[tuple[str, float]]:
    """Where one diff's time goes: reading, loading and validating, building the views, comparing."""
    marks = [time.perf_counter()]
    trees = read_tree(str(old)), read_tree(str(new))
    groups = changed_groups(*trees)
    marks.append(time.perf_counter())
    loaded = [load_groups(tree, groups)[0] for tree in trees]
    marks.append(time.perf_counter())
    views = [view_tree(sources) for sources in loaded]
    marks.append(time.perf_counter())
    compare(*views)
    marks.append(time.perf_counter())
    names = (
        "read both trees",
        "load and validate (generator.spec.load, generator.spec.validate)",
        "build the views",
        "compare",
    )
    return [(name, marks[i + 1] - marks[i]) for i, name in enumerate(names)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--operations", type=int, default=1000)
    parser.add_argument("--changed", type=float, default=0.03)
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "results-diff.md")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="hwgen-bench-diff-"))
    old, new, touched = work / "old", work / "new", work / "touched"
    count = synthesise(old, args.operations)
    shutil.copytree(old, new)
    edited = mutate(new, args.changed)
    shutil.copytree(new, touched)
    touch_all(touched)

    result = diff(str(old), str(new))
    assert result.valid, result.findings
    findings = len(result.changes)

    def cli(target: Path) -> Callable[[], object]:
        command = [sys.executable, "-m", "generator", "diff", str(old), str(target), "--format", "json"]
        return lambda: subprocess.run(command, cwd=ROOT, check=True, capture_output=True)

    rows = [
        (f"in-process diff, {edited} operations edited", timed(lambda: diff(str(old), str(new)), args.runs)),
        (f"`python -m generator diff --format json`, {edited} edited", timed(cli(new), args.runs)),
        ("in-process diff, every file touched (worst case)", timed(lambda: diff(str(old), str(touched)), args.runs)),
        ("`python -m generator diff`, every file touched", timed(cli(touched), args.runs)),
    ]
    breakdown = stages(old, touched)
    shutil.rmtree(work, ignore_errors=True)

    machine = f"{platform.machine()}, {__import__('os').cpu_count()} CPUs, Python {platform.python_version()}, "
    machine += platform.system()
    lines = [
        "# Benchmark: diff",
        "",
        f"Command: `python bench/bench_diff.py --runs {args.runs} --operations {args.operations}"
        f" --changed {args.changed}`. Machine: {machine}.",
        f"Trees: {count} operations in OLD; NEW edits {edited} of them ({findings} findings).",
        "Median (min to max) of the runs, seconds.",
        "",
        "| what | median s | min s | max s |",
        "|---|---|---|---|",
    ]
    lines += [f"| {name} | {m:.3f} | {lo:.3f} | {hi:.3f} |" for name, (m, lo, hi) in rows]
    lines += [
        "",
        "Services whose files are byte-identical on both sides are not loaded: they cannot differ. The worst",
        "case, where every file differs, loads and validates both whole trees; one run of it, by stage:",
        "",
        "| stage | s |",
        "|---|---|",
        *(f"| {name} | {seconds:.3f} |" for name, seconds in breakdown),
    ]
    text = "\n".join(lines) + "\n"
    args.output.write_text(text, "utf-8")
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
