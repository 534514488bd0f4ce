"""The importer's YAML writer: whatever it writes, every YAML parser reads back as written."""

from __future__ import annotations

import pytest
import yaml

from generator.importer.emit import dump_spec

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
