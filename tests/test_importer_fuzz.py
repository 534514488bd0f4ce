"""Mutated pages never crash the importer: each gives a spec, warnings or an error with a line.

Mutations are drawn from a seeded generator, so a failure names a case that reproduces: lines
dropped, duplicated or shuffled, a table truncated, random bytes written over the page, huge
lines. Every result is checked: no exception, every finding points at a line of the page or of
the spec, and what was written validates.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.findings import Severity
from generator.importer.run import import_pages
from generator.validate import validate_paths

ROOT = Path(__file__).resolve().parent
PAGES = sorted((ROOT / "fixtures" / "pages").glob("*.txt")) + sorted(
    (ROOT / "fixtures" / "import" / "pages").glob("*.txt")
)
CASES_PER_MUTATION = 12


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
    tables = [i for i, line in enumerate(lines) if line.startswith("Table ")] or [len(lines) // 2]
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


@pytest.mark.parametrize("mutation", list(MUTATIONS))
def test_mutated_pages_never_crash(mutation: str, tmp_path: Path) -> None:
    rng = random.Random(f"hwgen-{mutation}")
    for case in range(CASES_PER_MUTATION):
        page = rng.choice(PAGES)
        lines = page.read_text("utf-8").split("\n")
        mutated = tmp_path / f"{mutation}-{case}-{page.name}"
        mutated.write_text("\n".join(MUTATIONS[mutation](rng, lines)), "utf-8", errors="surrogateescape")
        specs = tmp_path / f"specs-{case}"
        started = time.perf_counter()
        [result] = import_pages([mutated], service="fuzz", specs=specs, operation=f"case_{case}")
        elapsed = time.perf_counter() - started
        label = f"{mutation} case {case} ({page.name})"
        assert elapsed < 5, f"{label}: {elapsed:.1f} s"
        assert all(f.line >= 1 for f in result.findings), label
        if result.action == "failed":
            assert any(f.severity is Severity.ERROR for f in result.findings), label
        else:
            _, findings = validate_paths([specs])
            assert [f for f in findings if f.severity is Severity.ERROR] == [], label
