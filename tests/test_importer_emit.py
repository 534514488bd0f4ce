"""The importer's YAML writer: whatever it writes, every YAML parser reads back as written."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from generator.importer.emit import dump_spec
from generator.spec.load import SourceSpec, load_text, spec_of

TEXTS = [
    "可在URI后用“?”和“&”拼接查询条件",
    "a ? b",
    "what?",
    "key: value",
    "50% off",
    "#hash",
    "x, y",
    "[1]",
    "&anchor",
    "*alias",
    "!tag",
    "yes",
    "0123",
    "1e3",
    "null",
    "@at",
    "`tick`",
    "a # comment",
    "trailing:",
    "tab\there",
]


@pytest.mark.parametrize("text", TEXTS)
def test_short_lists_and_plain_values_read_back_with_pyyaml(text: str) -> None:
    data = {"spec_version": 1, "title": text, "constraints": [text, "plain"], "notes": [text]}
    written = dump_spec(data)
    assert yaml.safe_load(written) == data, written


# Any value the importer can build: what it writes reads back as that value, with PyYAML and with
# hwgen's own loader. The importer relies on it: it checks the data it wrote without reading it back.
_SCALARS = st.one_of(
    st.text(max_size=40),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.booleans(),
    st.none(),
    st.floats(allow_nan=False, allow_infinity=False),
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(min_size=1, max_size=12), inner, max_size=4),
    max_leaves=20,
)


@given(st.dictionaries(st.text(min_size=1, max_size=12), _VALUES, min_size=1, max_size=6))
def test_whatever_the_importer_writes_reads_back_as_written(data: dict[str, Any]) -> None:
    written = dump_spec(data)
    assert yaml.safe_load(written) == data, written
    loaded = load_text(written, Path("specs/svc/op.yaml"))
    assert isinstance(loaded, SourceSpec) and loaded.data == data, written


@given(st.dictionaries(st.text(min_size=1, max_size=12), _VALUES, min_size=1, max_size=6))
def test_a_spec_built_in_memory_is_located_as_if_read_from_its_text(data: dict[str, Any]) -> None:
    """spec_of(...) parses nothing up front; where it places a finding is where the loader would."""
    written = dump_spec(data)
    path = Path("specs/svc/op.yaml")
    loaded = load_text(written, path)
    assert isinstance(loaded, SourceSpec)
    pointers = [(), *((key,) for key in data)]
    assert [spec_of(data, written, path).where(p) for p in pointers] == [loaded.where(p) for p in pointers]
    built = spec_of(data, written, path)
    assert [built.where(p, key=True) for p in pointers[1:]] == [loaded.where(p, key=True) for p in pointers[1:]]
