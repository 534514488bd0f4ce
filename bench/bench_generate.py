"""Benchmark: hwgen validate / generate / check on the specs, against openapi-python-client in the same run.

    python bench/bench_generate.py [--runs 7] [--peer PATH/TO/openapi-python-client]

Every figure is the wall time of a whole command in a fresh process (what a user waits for), median of
--runs, with min and max. The peer generates a client from hwgen's own OpenAPI export of the same specs.
Writes bench/results-generate.md.
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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(command: list[str], cwd: Path, runs: int, before: object = None) -> tuple[float, float, float]:
    samples = []
    for _ in range(runs):
        if callable(before):
            before()
        start = time.perf_counter()
        subprocess.run(command, cwd=cwd, check=True, capture_output=True)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples), min(samples), max(samples)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument(
        "--peer", default=shutil.which("openapi-python-client"), help="openapi-python-client executable"
    )
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "results-generate.md")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="hwgen-bench-"))
    out = work / "generated"
    hwgen = [sys.executable, "-m", "generator"]
    specs = ROOT / "specs"
    operations = len([p for p in specs.rglob("*.yaml") if p.name != "_service.yaml"])

    rows: list[tuple[str, tuple[float, float, float]]] = []
    rows.append(("hwgen validate", timed([*hwgen, "validate", str(specs)], ROOT, args.runs)))
    rows.append(
        (
            "hwgen generate (cold: empty output)",
            timed(
                [*hwgen, "generate", "--specs", str(specs), "--out", str(out)],
                ROOT,
                args.runs,
                before=lambda: shutil.rmtree(out, ignore_errors=True),
            ),
        )
    )
    rows.append(
        (
            "hwgen generate (nothing changed)",
            timed([*hwgen, "generate", "--specs", str(specs), "--out", str(out)], ROOT, args.runs),
        )
    )
    rows.append(
        ("hwgen check (current)", timed([*hwgen, "check", "--specs", str(specs), "--out", str(out)], ROOT, args.runs))
    )
    rows.append(
        (
            "python -c 'import hwcloud.workspace'",
            timed([sys.executable, "-c", "import hwcloud.workspace"], out, args.runs),
        )
    )

    peer_rows: list[tuple[str, tuple[float, float, float]]] = []
    if args.peer:
        document = work / "openapi.json"
        subprocess.run([*hwgen, "openapi", "--specs", str(specs), "-o", str(document)], cwd=ROOT, check=True)
        peer_out = work / "peer"
        for label, extra in (("default hooks (ruff)", []), ("no hooks", ["--config", str(_no_hooks(work))])):
            command = [
                args.peer,
                "generate",
                "--path",
                str(document),
                "--output-path",
                str(peer_out),
                "--overwrite",
                *extra,
            ]
            peer_rows.append((f"openapi-python-client generate, {label}", timed(command, work, args.runs)))

    cold = rows[1][1][0]
    lines = [
        "# Benchmark: generate",
        "",
        f"Command: `python bench/bench_generate.py --runs {args.runs}`. Machine: {platform.machine()},"
        f" {_cpus()} CPUs, Python {platform.python_version()}, {platform.system()}."
        f" Specs: {operations} operations from specs/. Wall time of a fresh process;"
        f" median (min to max) of {args.runs}.",
        "",
        "| command | median s | min s | max s | hwgen generate (cold) ÷ this |",
        "|---|---|---|---|---|",
    ]
    for label, (median, low, high) in rows:
        lines.append(f"| {label} | {median:.3f} | {low:.3f} | {high:.3f} | - |")
    for label, (median, low, high) in peer_rows:
        lines.append(f"| {label} | {median:.3f} | {low:.3f} | {high:.3f} | {cold / median:.2f} |")
    text = "\n".join(lines) + "\n"
    args.output.write_text(text, "utf-8")
    sys.stdout.write(text)
    shutil.rmtree(work, ignore_errors=True)
    return 0


def _no_hooks(work: Path) -> Path:
    config = work / "no-hooks.yaml"
    config.write_text("post_hooks: []\n", "utf-8")
    return config


def _cpus() -> int:
    import os

    return os.cpu_count() or 1


if __name__ == "__main__":
    raise SystemExit(main())
