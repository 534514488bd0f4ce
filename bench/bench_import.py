"""Benchmark: `python -m generator import DIR` over a folder of 1,000 mixed pages (issue 15, item 8).

The folder is generated from the importer's fixture pages, all three sources and both page templates:
repository Markdown (`tests/fixtures/import/md/<service>/*.md`), site HTML and site text
(`tests/fixtures/import/site/*.{html,txt}`, `tests/fixtures/import/pages/*.txt`, `tests/fixtures/pages/*.txt`).
Each operation page is copied until there are N pages, every copy a distinct operation: its URI path gets a
segment of its own (`/v2/…` → `/v2/bench0042/…` everywhere on the page, examples included), its title a
number and its API Explorer link a name of its own. Pages that are no operation (shared responses, a
service's general status codes) go in once, as a service folder holds them.

Measured in the same run:

- (a) `python -m generator import DIR --service bench --specs TMP`: one command, cold (a fresh interpreter
  and an empty spec tree each run), wall time and peak RSS (`/usr/bin/time -v`, else
  `getrusage(RUSAGE_CHILDREN)`); it reads the pages in a worker process per core;
- (a1) the same with `--jobs 1`: every page read in the command's own process;
- (b) the floor: the same files read and parsed by the parsers alone, in this process: `lxml.html` for
  `.html`, lxml on each embedded `<table>` plus a line split for `.md`, a line split for `.txt`.

Target (issue 15): (a) under 5 s for 1,000 pages on 2 cores.

Usage: python bench/bench_import.py [--pages 1000] [--runs 3] [--keep DIR]   (writes bench/results-import.md)

`synthesise()` (text pages over 20 services, issue 5's benchmark) stays for bench_scale.py.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import lxml.html
import yaml

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
TIME = Path("/usr/bin/time")
SOURCES = sorted((FIXTURES / "pages").glob("*.txt")) + sorted((FIXTURES / "import" / "pages").glob("*.txt"))
SERVICES = 20
_URI = re.compile(r"^((?:GET|POST|PUT|PATCH|DELETE) )(/\S+)$", re.MULTILINE)
_METHOD_PATH = re.compile(r"\b(?:GET|POST|PUT|PATCH|DELETE|HEAD)\s+(?:https?://[^/\s]+)?(/[^\s<\"'?]*)")
_API = re.compile(r"(api=)([A-Za-z][A-Za-z0-9]*)")
_SUMMARY = re.compile(r"^(\d+) pages: (\d+) created, (\d+) updated, (\d+) unchanged, (\d+) skipped, (\d+) failed", re.M)


# -- the folder ------------------------------------------------------------------------------------


@dataclass
class Source:
    path: Path
    kind: str  # md, site, pages: the folder it goes to
    template: str  # current, older, or "" where the fixture README does not say
    operation: bool  # an operation page (copied), else a shared-response or status-code page (once)
    title: tuple[int, str] | None = None  # the title's line (0-based) and text, as the reader found it
    segment: str | None = None  # the URI path's first literal segment ("v2"), with the page's escaping


@dataclass
class Folder:
    root: Path
    files: list[Path] = field(default_factory=list)
    by_kind: dict[str, int] = field(default_factory=dict)
    by_template: dict[str, int] = field(default_factory=dict)


def _templates() -> dict[str, str]:
    """File name → template, from the fixture READMEs' tables (a "Template" column)."""
    out: dict[str, str] = {}
    for readme in (FIXTURES / "import").glob("*/README.md"):
        column = None
        for line in readme.read_text("utf-8").splitlines():
            cells = [c.strip().strip("`") for c in line.strip().strip("|").split("|")]
            if column is None and "Template" in cells:
                column = cells.index("Template")
            elif column is not None and len(cells) > column and not set(cells[0]) <= {"-", " "}:
                out[Path(cells[0]).name] = cells[column].split()[0].lower() if cells[column] else ""
    return out


def _sources() -> list[Source]:
    """Every fixture page, classified by importing it once (in-process, as part of a folder)."""
    sys.path.insert(0, str(ROOT))
    from generator.importer.readers import read_document
    from generator.importer.run import import_pages

    md = sorted((FIXTURES / "import" / "md").glob("*/*.md"))
    site = sorted(p for p in (FIXTURES / "import" / "site").iterdir() if p.suffix in (".html", ".txt"))
    pages = sorted((FIXTURES / "import" / "pages").glob("*.txt")) + sorted((FIXTURES / "pages").glob("*.txt"))
    templates = _templates()
    out: list[Source] = []
    with tempfile.TemporaryDirectory() as tmp:
        for kind, paths in (("md", md), ("site", site), ("pages", pages)):
            for path in paths:
                specs = Path(tmp) / str(len(out))
                [result] = import_pages([path], service="calibrate", specs=specs, folders={path.parent})
                doc = read_document(path.read_bytes(), path.name)
                spec = Path(result.spec) if result.spec else None
                operation = result.action in ("created", "updated") and spec is not None and spec.stem != "_service"
                source = Source(path, kind, templates.get(path.name, ""), operation)
                if doc.title is not None:
                    source.title = (doc.title.number - 1, doc.title.text)
                if operation and spec is not None:
                    route = str(yaml.safe_load(spec.read_text("utf-8"))["path"])
                    first = route.split("/")[1] if route.count("/") > 1 else ""
                    source.segment = first if first and not first.startswith("{") else None
                out.append(source)
    return out


def _encoding(raw: bytes) -> str:
    """The fixture's encoding (a few are UTF-16 or GBK, as saved on Windows): copies keep it."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if raw.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return "gb18030"
    return "utf-8"


def _copy(source: Source, n: int) -> str:
    """The page as operation number n: its own path segment, title and API Explorer name."""
    text = source.path.read_bytes().decode(_encoding(source.path.read_bytes()))
    if n < 0:
        return text
    tag = f"bench{n:04d}"
    escaped = (source.segment or "").replace("_", "\\_")  # Markdown escapes underscores
    if source.segment and f"/{source.segment}/" in text:
        text = text.replace(f"/{source.segment}/", f"/{source.segment}/{tag}/")
    elif source.segment and f"/{escaped}/" in text:
        text = text.replace(f"/{escaped}/", f"/{escaped}/{tag}/")
    else:  # a route that starts with a placeholder: the URI line only
        text = _METHOD_PATH.sub(lambda m: m.group(0).replace(m.group(1), f"/{tag}{m.group(1)}", 1), text, count=1)
    if source.title is not None:
        lines = text.split("\n")
        number, title = source.title
        if number < len(lines) and title in lines[number]:
            lines[number] = lines[number].replace(title, f"{title} {n}", 1)
        text = "\n".join(lines)
    return _API.sub(lambda m: f"{m.group(1)}{m.group(2)}Bench{n:04d}", text)


def build_folder(count: int, root: Path) -> Folder:
    """`count` pages under `root/{md,site,pages}/`: the non-operation pages once, operation pages copied."""
    sources = _sources()
    once = [s for s in sources if not s.operation]
    copied = [s for s in sources if s.operation]
    plan = [(s, -1) for s in once] + [(copied[i % len(copied)], i) for i in range(count - len(once))]
    folder = Folder(root)
    for number, (source, n) in enumerate(plan):
        target = root / source.kind / f"{number:04d}-{source.path.name}"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_copy(source, n), _encoding(source.path.read_bytes()))
        folder.files.append(target)
        label = f"{source.path.suffix[1:]} ({ {'md': 'repository', 'site': 'site', 'pages': 'site'}[source.kind] })"
        folder.by_kind[label] = folder.by_kind.get(label, 0) + 1
        template = source.template or "not stated"
        folder.by_template[template] = folder.by_template.get(template, 0) + 1
    return folder


# -- (a) the command, (b) the floor ----------------------------------------------------------------


@dataclass
class Run:
    seconds: float
    rss_mb: float
    summary: str


def cli(folder: Path, specs: Path, *extra: str) -> Run:
    """`python -m generator import DIR --service bench --specs TMP [extra]`, in a fresh process."""
    command = [sys.executable, "-m", "generator", "import", str(folder), "--service", "bench", "--specs", str(specs)]
    command += extra
    with tempfile.NamedTemporaryFile(suffix=".time") as report:
        timed = [str(TIME), "-v", "-o", report.name, *command] if TIME.exists() else command
        before = _children_rss_kb()
        started = time.perf_counter()
        done = subprocess.run(timed, capture_output=True, text=True, cwd=ROOT, check=False)
        seconds = time.perf_counter() - started
        if done.returncode not in (0, 1):
            raise SystemExit(f"import failed ({done.returncode}):\n{done.stderr[-3000:]}")
        if TIME.exists():
            found = re.search(r"Maximum resident set size \(kbytes\): (\d+)", Path(report.name).read_text())
            rss_kb = int(found.group(1)) if found else 0
        else:
            rss_kb = max(_children_rss_kb(), before)
    summary = _SUMMARY.search(done.stderr)
    return Run(seconds, rss_kb / 1024, summary.group(0) if summary else done.stderr[-300:])


def profile(folder: Path, specs: Path, top: int = 15) -> list[str]:
    """One run of the command under cProfile: the costliest generator functions by cumulative time."""
    import pstats

    with tempfile.NamedTemporaryFile(suffix=".prof") as out:
        command = [sys.executable, "-m", "cProfile", "-o", out.name, "-m", "generator", "import", str(folder)]
        subprocess.run(
            [*command, "--service", "bench", "--specs", str(specs)], capture_output=True, cwd=ROOT, check=False
        )
        stats = pstats.Stats(out.name)
    total = max(entry[3] for entry in stats.stats.values())  # type: ignore[attr-defined]
    rows = []
    for (path, line, name), (_, calls, _, cumulative, _) in stats.stats.items():  # type: ignore[attr-defined]
        if "/generator/" in path and name not in ("main", "run", "<module>", "_import", "import_pages", "<listcomp>"):
            module = path.split("/generator/", 1)[1]
            rows.append(
                (cumulative, f"| `{module}:{line}` {name} | {calls} | {cumulative:.1f} | {cumulative / total:.0%} |")
            )
    rows.sort(reverse=True)
    return [line for _, line in rows[:top]]


def _children_rss_kb() -> int:
    import resource

    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak


def _md_tables(lines: list[str]) -> list[str]:
    """The embedded `<table>…</table>` chunks of a Markdown page, as its reader cuts them."""
    chunks: list[str] = []
    i = 0
    while i < len(lines):
        if "<table" not in lines[i].lower():
            i += 1
            continue
        depth, j = 0, i
        while j < len(lines):
            lower = lines[j].lower()
            depth += lower.count("<table") - lower.count("</table>")
            j += 1
            if depth <= 0:
                break
        chunks.append("\n".join(lines[i:j]))
        i = j
    return chunks


def floor(files: list[Path]) -> float:
    """Read and parse every file with the parsers alone; seconds."""
    started = time.perf_counter()
    for path in files:
        text = path.read_bytes().decode("utf-8", "replace")
        if path.suffix == ".html":
            lxml.html.document_fromstring(text)
        elif path.suffix == ".md":
            for chunk in _md_tables(text.splitlines()):
                lxml.html.fragment_fromstring(chunk, create_parent="div")
        else:
            text.splitlines()
    return time.perf_counter() - started


# -- issue 5's text pages, for bench_scale.py -------------------------------------------------------


def synthesise(count: int, out: Path) -> dict[str, list[Path]]:
    """`count` site-text pages under `out`, grouped over 20 services; titles and paths made unique."""
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


# -- the report ------------------------------------------------------------------------------------


def _cpus() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3, help="runs of each measurement (default 3)")
    parser.add_argument("--keep", type=Path, help="build the folder here and keep it")
    parser.add_argument("--no-write", action="store_true", help="print only, do not write bench/results-import.md")
    parser.add_argument("--scale", default="250,500", help="also one run at these page counts (default 250,500)")
    parser.add_argument("--profile", action="store_true", help="add the top costs of one run under cProfile")
    args = parser.parse_args()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        root = args.keep or work / "pages"
        shutil.rmtree(root, ignore_errors=True)
        folder = build_folder(args.pages, root)
        runs = [cli(root, work / f"specs{i}") for i in range(args.runs)]  # first: nothing in this process yet
        written = sum(1 for p in (work / "specs0" / "bench").glob("*.yaml") if p.name != "_service.yaml")
        single = [cli(root, work / f"single{i}", "--jobs", "1") for i in range(args.runs)]
        floors = [floor(folder.files) for _ in range(args.runs)]
        scale: list[tuple[int, Run]] = []
        for n in [int(n) for n in args.scale.split(",") if n.strip()]:
            smaller = build_folder(n, work / f"pages{n}")
            scale.append((n, cli(smaller.root, work / f"specs-{n}")))
        costs = profile(root, work / "specs-profile") if args.profile else []
    count = len(folder.files)
    times = [r.seconds for r in runs]
    cli_s, floor_s = statistics.median(times), statistics.median(floors)
    rss = max(r.rss_mb for r in runs)
    one = [r.seconds for r in single]
    if count < 1000:
        verdict = f"this run has {count} pages"
    else:
        verdict = "met" if cli_s < 5 else f"not met: {cli_s / 5:.2f} times the target"
    kinds = ", ".join(f"{n} {kind}" for kind, n in sorted(folder.by_kind.items()))
    templates = ", ".join(f"{n} {t}" for t, n in sorted(folder.by_template.items()))
    lines = [
        "# Benchmark: importing a folder of documentation pages",
        "",
        f"`{' '.join(['python bench/bench_import.py', *sys.argv[1:]])}` on {platform.machine()}, "
        f"{platform.python_implementation()} {platform.python_version()}, {_cpus()} CPUs. "
        f"{count} pages generated from the importer's fixtures: {kinds}; template {templates}. "
        f"Load average at the start: {load:.1f} (others' work on the machine slows every figure). "
        f"Target (issue 15): (a) under 5 s for 1,000 pages — {verdict}.",
        "",
        "| what | median s | min s | max s | ms per page | peak RSS MB |",
        "|---|---:|---:|---:|---:|---:|",
        f"| (a) `python -m generator import DIR --service bench --specs TMP`, cold | {cli_s:.2f} | "
        f"{min(times):.2f} | {max(times):.2f} | {cli_s / count * 1000:.2f} | {rss:.0f} |",
        f"| (a1) the same with `--jobs 1`: every page read in the command's own process | "
        f"{statistics.median(one):.2f} | {min(one):.2f} | {max(one):.2f} | "
        f"{statistics.median(one) / count * 1000:.2f} | {max(r.rss_mb for r in single):.0f} |",
        f"| (b) floor: the parsers alone (lxml.html, lxml on Markdown's tables, line splits), in-process | "
        f"{floor_s:.2f} | {min(floors):.2f} | {max(floors):.2f} | {floor_s / count * 1000:.2f} | — |",
        f"| ratio (a) / (b) | {cli_s / floor_s:.0f} times | | | | |",
        "",
        f"The command's summary (first run): `{runs[0].summary}`; {written} operation specs written. "
        f"Peak RSS from {'`/usr/bin/time -v`' if TIME.exists() else '`getrusage(RUSAGE_CHILDREN)`'}.",
    ]
    if scale:
        lines += [
            "",
            "Scaling, one cold run each:",
            "",
            "| pages | s | ms per page | peak RSS MB |",
            "|---:|---:|---:|---:|",
        ]
        for n, run in [*scale, (count, runs[0])]:
            lines.append(f"| {n} | {run.seconds:.2f} | {run.seconds / n * 1000:.1f} | {run.rss_mb:.0f} |")
    if costs:
        lines += [
            "",
            "Where (a)'s time goes: one run under `python -m cProfile -m generator import …` (cProfile roughly",
            "doubles the time), generator functions by cumulative time:",
            "",
            "| function | calls | cumulative s | of the run |",
            "|---|---:|---:|---:|",
            *costs,
        ]
    text = "\n".join(lines) + "\n"
    print(text)
    if not args.no_write:
        (ROOT / "bench" / "results-import.md").write_text(text, "utf-8")


if __name__ == "__main__":
    main()
