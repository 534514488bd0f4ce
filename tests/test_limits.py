"""Limits: inputs built to exhaust the generator are refused in bounded time and memory.

tests/cases/invalid holds the messages (alias_bomb, file_too_large, deep_nesting); these tests
measure what refusing them costs: a few tenths of a second and a few megabytes, however big the
input claims to be.
"""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from generator.findings import Finding
from generator.spec.load import MAX_DEPTH, MAX_FILE_BYTES, MAX_NODES, load_file

if TYPE_CHECKING:
    from conftest import SpecTree

HEAD = "spec_version: 1\ntitle: T\nsource: {page: p, updated_on: d}\nsummary: S\nmethod: GET\npath: /x\n"


def _refused(path: Path) -> tuple[Finding, float, int]:
    """The finding, the seconds it took and the peak bytes of Python memory (traced in a second run)."""
    started = time.perf_counter()
    result = load_file(path)
    elapsed = time.perf_counter() - started
    tracemalloc.start()
    try:
        load_file(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert isinstance(result, Finding), "the input was accepted"
    return result, elapsed, peak


def _billion_laughs(levels: int) -> str:
    lines = [HEAD, 'a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels):
        refs = ", ".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("levels", [9, 30])
def test_an_alias_bomb_is_refused_without_expanding_it(spec_tree: SpecTree, levels: int) -> None:
    finding, seconds, peak = _refused(spec_tree.spec(_billion_laughs(levels)))
    assert f"more than {MAX_NODES:,} values" in finding.message and "alias" in finding.message
    assert seconds < 1 and peak < 20 * 2**20


@pytest.mark.parametrize("megabytes", [10, 100])
def test_a_huge_file_is_refused_by_its_size_before_it_is_read(spec_tree: SpecTree, megabytes: int) -> None:
    path = spec_tree.spec(HEAD)
    with path.open("ab") as handle:
        handle.truncate(megabytes * 2**20)  # sparse: the size is real, nothing was written
    finding, seconds, peak = _refused(path)
    assert finding.message == f"the file is {megabytes * 2**20:,} bytes; specs are limited to {MAX_FILE_BYTES:,}"
    assert seconds < 0.5 and peak < 2**20


@pytest.mark.parametrize("style", ["flow", "block"])
def test_hundred_level_nesting_is_refused(spec_tree: SpecTree, style: str) -> None:
    depth = 100
    if style == "flow":
        text = HEAD + "notes: " + "[" * depth + "]" * depth + "\n"
    else:
        text = HEAD + "notes:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, depth)) + "  " * depth + "v: 1\n"
    finding, seconds, peak = _refused(spec_tree.spec(text))
    assert finding.message == f"nesting deeper than {MAX_DEPTH} levels"
    assert seconds < 1 and peak < 20 * 2**20


@pytest.mark.slow  # tracing the memory of 200,000 values takes half a minute; the message is a case too
def test_too_many_values_are_refused(spec_tree: SpecTree) -> None:
    text = HEAD + "notes: [" + ", ".join(["x"] * (MAX_NODES + 10)) + "]\n"
    finding, seconds, peak = _refused(spec_tree.spec(text))
    assert f"more than {MAX_NODES:,} values" in finding.message
    assert seconds < 3 and peak < 100 * 2**20
