"""generator.emit.examples: docs examples laid out by hand must be exactly what black makes of them."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from generator.emit.examples import _laid_out, examples
from generator.emit.formatting import format_python
from generator.emit.pysource import Unsure
from generator.incremental.pipeline import build
from generator.model.api import Operation, RequestExample, Service

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def services() -> tuple[Service, ...]:
    api, _ = build(ROOT / "specs")
    return api.services


def _assert_black_keeps(text: str) -> None:
    assert format_python(text) == text, text


def test_every_real_operation_is_laid_out_without_black(services: tuple[Service, ...]) -> None:
    for service in services:
        for op in service.operations:
            for text in _laid_out(service, op):  # raises Unsure if it would need black
                _assert_black_keeps(text)


def _with_example(op: Operation, body: dict[str, Any]) -> Operation:
    """`op` whose page example request body is `body` (its required arguments take these values)."""
    return dataclasses.replace(op, request_examples=(RequestExample(None, "POST", "https://x", body, True),))


VALUES: list[Any] = [
    "short",
    "x" * 60,
    ["a"] * 3,
    [f"item-{i:03d}" for i in range(30)],
    [{"id": f"b1e6b1e6-4f3f-4a80-bb45-f4b9039f95a{i}", "name": "n" * 20} for i in range(4)],
    {"key": "value", "nested": {"deeper": [1, 2, 3], "flag": True, "none": None}},
    {"k" * 30: ["v" * 30, "w" * 30, {"x": 1.5}]},
    [],
    {},
    0,
    -12,
    3.25,
    True,
    "中文描述",
]


@pytest.mark.parametrize("value", VALUES, ids=range(len(VALUES)))
def test_arguments_of_every_shape_match_black(services: tuple[Service, ...], value: Any) -> None:
    service = next(s for s in services if s.name == "roma")
    op = next(o for o in service.operations if o.name == "export_asset")
    for long_name in (False, True):
        if long_name:
            service = dataclasses.replace(service, client_class="VeryLongServiceNameForTheLineWidthClient")
        changed = _with_example(op, {"instance_id": value, "apps": value, "tasks": [value]})
        for text in _laid_out(service, changed):
            _assert_black_keeps(text)


@pytest.mark.parametrize("value", ['say "hi"', "back\\slash", "tab\there", 1e-7, "x" * 120])
def test_values_it_cannot_lay_out_go_to_black(services: tuple[Service, ...], value: Any) -> None:
    service = next(s for s in services if s.name == "roma")
    op = _with_example(next(o for o in service.operations if o.name == "export_asset"), {"instance_id": value})
    with pytest.raises(Unsure):
        _laid_out(service, op)
    for text in examples(service, op):
        _assert_black_keeps(text)
        compile(text, "<example>", "exec")
