"""Benchmark: the mock server (`python -m generator mock`) under 50 concurrent clients.

    python bench/bench_mock.py [--requests 5000] [--clients 50] [--stateful]

The mock runs as a user starts it, `python -m generator mock --port 0`, in its own process on
127.0.0.1 (so the load generator does not share its interpreter); the script reads the URL it prints
and stops it with SIGINT at the end. --clients asyncio tasks, each with its own httpx.AsyncClient
(one keep-alive connection), share --requests requests, cycling through a mix of the specs'
operations, all valid: a paged list with query parameters, polls, a JSON POST with a nested body
and a file download. A request counts as an error if it raises or its status is not the documented
2xx. Latency is measured per request on the client (send to body read).

Writes bench/results-mock.md and prints the same.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import re
import signal
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results-mock.md"
TOKEN = {"X-Auth-Token": "bench-token"}


@dataclass(frozen=True)
class Call:
    label: str
    method: str
    path: str
    status: int
    json: Any = None


MIX = (
    Call("Workspace list (GET, query)", "GET", "/v2/p1/export-tasks?status=SUCCESS&limit=10&offset=0", 200),
    Call("HSS poll (GET)", "GET", "/v5/p1/export-task/t1?enterprise_project_id=all_granted_eps", 200),
    Call(
        "HSS export (POST, nested JSON)",
        "POST",
        "/v5/p1/export-task",
        200,
        {"type": "operational-report", "operational_report_data": {"report_id": "2024-05"}},
    ),
    Call("ROMA job status (GET)", "GET", "/v2/p1/instances/i1/assets/jobs/j1", 200),
    Call("DRS export (POST, 202)", "POST", "/v5/p1/jobs/export/template", 202, {"jobs": ["j1", "j2"]}),
    Call("HSS download (GET, file)", "GET", "/v5/p1/download/f1", 200),
)


def start_mock(stateful: bool) -> tuple[subprocess.Popen[str], str]:
    command = [sys.executable, "-m", "generator", "mock", "--port", "0", "--specs", str(ROOT / "specs")]
    if stateful:
        command.append("--stateful")
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    found = re.search(r"listening on (http://\S+)", process.stdout.readline())
    if not found:
        process.kill()
        raise SystemExit("the mock did not print its URL")
    return process, found.group(1)


async def client(url: str, calls: list[Call], latencies: list[float], errors: list[str]) -> None:
    limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
    async with httpx.AsyncClient(base_url=url, headers=TOKEN, limits=limits, timeout=30) as http:
        for call in calls:
            started = time.perf_counter()
            try:
                response = await http.request(call.method, call.path, json=call.json)
                if response.status_code != call.status:
                    errors.append(f"{call.label}: {response.status_code} {response.text[:200]}")
            except httpx.HTTPError as exc:
                errors.append(f"{call.label}: {type(exc).__name__}: {exc}")
            latencies.append(time.perf_counter() - started)


async def load(url: str, total: int, clients: int) -> tuple[float, list[float], list[str]]:
    plan = [MIX[i % len(MIX)] for i in range(total)]
    shares = [plan[i::clients] for i in range(clients)]
    latencies: list[float] = []
    errors: list[str] = []
    started = time.perf_counter()
    await asyncio.gather(*(client(url, share, latencies, errors) for share in shares))
    return time.perf_counter() - started, latencies, errors


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of a process so far (Linux /proc), to tell the server's share of the work."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=5000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--stateful", action="store_true")
    args = parser.parse_args()
    process, url = start_mock(args.stateful)
    cpu: float | None = None
    try:
        asyncio.run(load(url, 200, min(args.clients, 10)))  # warm-up: connections, caches
        wall, latencies, errors = asyncio.run(load(url, args.requests, args.clients))
        cpu = cpu_seconds(process.pid)
    finally:
        process.send_signal(signal.SIGINT)
        code = process.wait(timeout=30)
    ms = [s * 1000 for s in latencies]
    cpu_text = "n/a" if cpu is None else f"{cpu:.2f} s ({cpu / len(latencies) * 1e6:.0f} µs per request)"
    flags = " --stateful" if args.stateful else ""
    command = f"python bench/bench_mock.py --requests {args.requests} --clients {args.clients}{flags}"
    lines = [
        "# Mock server benchmark (bench/bench_mock.py)",
        "",
        f"Command: `{command}`",
        "",
        f"Machine: {os.cpu_count()} CPUs, Python {platform.python_version()} ({platform.python_implementation()}),"
        f" {platform.system()} {platform.release()}; httpx {httpx.__version__}.",
        "",
        f"Server: `python -m generator mock --port 0{flags}` (starlette + uvicorn, one process, h11) on 127.0.0.1;"
        f" load: {args.clients} asyncio clients in another process, one keep-alive connection each, after a"
        " 200-request warm-up. Request mix, in turn: " + "; ".join(c.label for c in MIX) + ".",
        "",
        "| figure | value |",
        "| --- | --- |",
        f"| requests | {len(latencies)} |",
        f"| errors | {len(errors)} |",
        f"| wall time | {wall:.2f} s |",
        f"| requests per second | {len(latencies) / wall:.0f} |",
        f"| latency p50 | {statistics.median(ms):.1f} ms |",
        f"| latency p99 | {percentile(ms, 0.99):.1f} ms |",
        f"| latency max | {max(ms):.1f} ms |",
        f"| mock CPU time (whole run, incl. start-up and warm-up) | {cpu_text} |",
        f"| mock exit code after SIGINT | {code} |",
        "",
    ]
    if errors:
        lines += ["First errors:", "", *(f"- {e}" for e in errors[:10]), ""]
    text = "\n".join(lines)
    RESULTS.write_text(text, "utf-8")
    sys.stdout.write(text)
    return 1 if errors or code != 0 else 0


if __name__ == "__main__":
    raise SystemExit(main())
