"""Mutated pages never crash the importer: each gives a spec, warnings or an error with a line.

Mutations are drawn from a seeded generator, so a failure names a case that reproduces: lines
dropped, duplicated or shuffled, a table truncated, random bytes written over the page, huge
lines. They run over every reader (site text `.txt`, site HTML `.html`, repository Markdown
`.md`), page by page through `import_pages` and a folder of them through `main(["import", DIR])`.
Every result is checked: no exception, every finding points at a line of the page or of the
spec, and what was written validates.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.cli import main
from generator.findings import Severity
from generator.importer.run import import_pages
from generator.spec.validate import validate_paths

ROOT = Path(__file__).resolve().parent
PAGES = {
    "txt": sorted((ROOT / "fixtures" / "pages").glob("*.txt"))
    + sorted((ROOT / "fixtures" / "import" / "pages").glob("*.txt")),
    "html": sorted((ROOT / "fixtures" / "import" / "site").glob("*.html")),
    "md": sorted(p for p in (ROOT / "fixtures" / "import" / "md").glob("*/*.md")),
}
CASES_PER_MUTATION = 12
PAGES_PER_FOLDER = 4  # of each source, in the folder one `main(["import", DIR])` reads
_TABLE_STARTS = ("Table ", "表", "**表", "<table", "|")


def _drop(rng: random.Random, lines: list[str]) -> list[str]:
    return [line for line in lines if rng.random() > 0.15]


def _duplicate(rng: random.Random, lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        out += [line, line] if rng.random() < 0.1 else [line]
    return out


def _shuffle(rng: random.Random, lines: list[str]) -> list[str]:
    start = rng.randrange(len(lines))
    window = lines[start : start + rng.randint(3, 40)]
    rng.shuffle(window)
    return lines[:start] + window + lines[start + len(window) :]


def _truncate(rng: random.Random, lines: list[str]) -> list[str]:
    tables = [i for i, line in enumerate(lines) if line.lstrip().startswith(_TABLE_STARTS)] or [len(lines) // 2]
    return lines[: rng.choice(tables) + rng.randint(1, 12)]


def _bytes(rng: random.Random, lines: list[str]) -> list[str]:
    raw = bytearray("\n".join(lines).encode("utf-8"))
    for _ in range(rng.randint(1, 40)):
        raw[rng.randrange(len(raw))] = rng.randrange(256)
    return raw.decode("utf-8", "replace").split("\n")


def _huge(rng: random.Random, lines: list[str]) -> list[str]:
    at = rng.randrange(len(lines))
    return [*lines[:at], "x" * rng.randint(10_000, 200_000) + " {" * 5_000, *lines[at:]]


MUTATIONS: dict[str, Callable[[random.Random, list[str]], list[str]]] = {
    "drop": _drop,
    "duplicate": _duplicate,
    "shuffle": _shuffle,
    "truncate": _truncate,
    "bytes": _bytes,
    "huge": _huge,
}


def _mutated(rng: random.Random, mutation: str, page: Path, out: Path) -> Path:
    lines = page.read_text("utf-8").split("\n")
    out.write_text("\n".join(MUTATIONS[mutation](rng, lines)), "utf-8", errors="surrogateescape")
    return out


@pytest.mark.parametrize("kind", list(PAGES))
@pytest.mark.parametrize("mutation", list(MUTATIONS))
def test_mutated_pages_never_crash(mutation: str, kind: str, tmp_path: Path) -> None:
    rng = random.Random(f"hwgen-{mutation}" if kind == "txt" else f"hwgen-{mutation}-{kind}")
    for case in range(CASES_PER_MUTATION):
        page = rng.choice(PAGES[kind])
        mutated = _mutated(rng, mutation, page, tmp_path / f"{mutation}-{case}-{page.name}")
        specs = tmp_path / f"specs-{case}"
        started = time.perf_counter()
        [result] = import_pages([mutated], service="fuzz", specs=specs, operation=f"case_{case}")
        elapsed = time.perf_counter() - started
        label = f"{mutation} case {case} ({page.name})"
        assert elapsed < 5, f"{label}: {elapsed:.1f} s"
        assert all(f.line >= 1 for f in result.findings), label
        if result.action == "failed":
            assert any(f.severity is Severity.ERROR for f in result.findings), label
        if specs.exists():  # a skipped page (the general status codes) writes nothing
            _, findings = validate_paths([specs])
            assert [f for f in findings if f.severity is Severity.ERROR] == [], label


@pytest.mark.parametrize("mutation", list(MUTATIONS))
def test_a_folder_of_mutated_pages_never_crashes(
    mutation: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rng = random.Random(f"hwgen-folder-{mutation}")
    folder = tmp_path / "docs"
    for kind, pages in PAGES.items():
        for case, page in enumerate(rng.sample(pages, PAGES_PER_FOLDER)):
            (folder / kind).mkdir(parents=True, exist_ok=True)
            _mutated(rng, mutation, page, folder / kind / f"{case}-{page.name}")
    specs = tmp_path / "specs"
    started = time.perf_counter()
    code = main(["import", str(folder), "--service", "fuzz", "--specs", str(specs), "--format", "json"])
    elapsed = time.perf_counter() - started
    out, err = capsys.readouterr()
    assert code in (0, 1), f"{mutation}: exit {code}\n{err[-2000:]}"
    assert "Traceback" not in err and elapsed < 5 * PAGES_PER_FOLDER, (mutation, elapsed, err[-2000:])
    report = json.loads(out)
    assert len(report["results"]) == PAGES_PER_FOLDER * len(PAGES), mutation
    assert all(f["line"] >= 1 for f in report["findings"]), mutation
    if code == 1:
        assert any(f["severity"] == "error" for f in report["findings"]), mutation
    if specs.exists():
        _, findings = validate_paths([specs])
        assert [f for f in findings if f.severity is Severity.ERROR] == [], (mutation, findings[:3])
