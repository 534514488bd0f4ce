"""Benchmark: `python -m generator import` of N documentation pages (issue 5: 1,000 pages in under 10 s).

The pages are the 21 fixture pages (five seeds, sixteen written for the importer tests), each
copied N/21 times with a unique title and path, spread over 20 services. Timed, in one run:

- the CLI, cold: `python -m generator import` per service into an empty spec tree (what a user runs);
- the same import again over the specs it wrote (nothing changes: the update-in-place path);
- the importer in-process (no interpreter start), for the per-page cost.

Usage: python bench/bench_import.py [--pages 1000] [--runs 5] [--quick]   (writes bench/results-import.md)
"""

from __future__ import annotations

import argparse
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted((ROOT / "tests" / "fixtures" / "pages").glob("*.txt")) + sorted(
    (ROOT / "tests" / "fixtures" / "import" / "pages").glob("*.txt")
)
SERVICES = 20
_URI = re.compile(r"^((?:GET|POST|PUT|PATCH|DELETE) )(/\S+)$", re.MULTILINE)


def synthesise(count: int, out: Path) -> dict[str, list[Path]]:
    """`count` pages under `out`, grouped by service; titles and paths made unique."""
    by_service: dict[str, list[Path]] = {}
    for n in range(count):
        source = SOURCES[n % len(SOURCES)]
        text = source.read_text("utf-8")
        lines = text.splitlines(keepends=True)
        updated_at = next(i for i, line in enumerate(lines) if line.startswith("Updated on"))
        title_at = next(i for i, line in enumerate(lines) if i > updated_at and line.strip())
        if "创建主题" in lines[title_at]:
            lines[title_at] = "Creating a Topic\n"
        lines[title_at] = lines[title_at].rstrip("\r\n") + f" Variant{n}\n"
        text = _URI.sub(rf"\g<1>/bench{n}\g<2>", "".join(lines), count=1)
        service = f"svc{n % SERVICES:02d}"
        page = out / service / f"page{n:05d}.txt"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(text, "utf-8")
        by_service.setdefault(service, []).append(page)
    return by_service


def _cli(pages: dict[str, list[Path]], specs: Path) -> None:
    for service, files in pages.items():
        command = [sys.executable, "-m", "generator", "import", *map(str, files), "--service", service]
        done = subprocess.run([*command, "--specs", str(specs)], capture_output=True, text=True, cwd=ROOT)
        if done.returncode != 0:
            raise SystemExit(f"import failed for {service}:\n{done.stderr[-2000:]}")


def _in_process(pages: dict[str, list[Path]], specs: Path) -> None:
    sys.path.insert(0, str(ROOT))
    from generator.importer.run import import_pages

    for service, files in pages.items():
        results = import_pages(files, service=service, specs=specs)
        failed = [r.page for r in results if r.action == "failed"]
        if failed:
            raise SystemExit(f"import failed: {failed[:3]}")


def _time(runs: int, setup: Callable[[], Path], body: Callable[[Path], None]) -> list[float]:
    times: list[float] = []
    for _ in range(runs):
        specs = setup()
        started = time.perf_counter()
        body(specs)
        times.append(time.perf_counter() - started)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="100 pages, one run")
    args = parser.parse_args()
    count, runs = (100, 1) if args.quick else (args.pages, args.runs)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        pages = synthesise(count, root / "pages")
        counter = iter(range(10_000))

        def fresh() -> Path:
            return root / f"specs{next(counter)}"

        cold = _time(runs, fresh, lambda specs: _cli(pages, specs))
        warm_specs = fresh()
        _cli(pages, warm_specs)
        again = _time(runs, lambda: warm_specs, lambda specs: _cli(pages, specs))
        inproc = _time(runs, fresh, lambda specs: _in_process(pages, specs))
        written = sum(1 for _ in warm_specs.rglob("*.yaml"))
    rows = [
        ("CLI, cold (empty spec tree)", cold),
        ("CLI, again (every spec unchanged)", again),
        ("in-process import_pages, cold", inproc),
    ]
    lines = [
        "# Benchmark: importing documentation pages",
        "",
        f"`python bench/bench_import.py --pages {count} --runs {runs}` on {platform.machine()}, "
        f"{platform.python_implementation()} {platform.python_version()}, {_cpus()} CPUs.",
        f"{count} pages over {len(pages)} services ({SERVICES} `python -m generator import` processes per run), "
        f"{written} YAML files written. Target (issue 5): 1,000 pages in under 10 s.",
        "",
        "| what | median s | min s | max s | ms per page |",
        "|---|---:|---:|---:|---:|",
    ]
    for label, times in rows:
        median = statistics.median(times)
        lines.append(f"| {label} | {median:.2f} | {min(times):.2f} | {max(times):.2f} | {median / count * 1000:.2f} |")
    text = "\n".join(lines) + "\n"
    print(text)
    if not args.quick:
        (ROOT / "bench" / "results-import.md").write_text(text, "utf-8")


def _cpus() -> int:
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


if __name__ == "__main__":
    main()
