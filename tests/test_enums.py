"""Enumerations of integers and booleans: validated like string ones, and typed so that Python's
True == 1 lets neither stand for the other (the runtime's `Exact`, tests/runtime/test_exact.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from generator.model.build import build_api
from generator.spec.load import load_file
from generator.spec.semantics import check_operation

if TYPE_CHECKING:
    from conftest import SpecTree

FIELDS = (
    "request_body:\n  fields:\n"
    "    - name: admin_state_up\n      type: Boolean\n      enum: [true]\n"
    "    - name: weight\n      type: Integer\n      enum: [0, 1, 100]\n      default: 1\n"
    "    - name: levels\n      type: Array\n      items: Integer\n      enum: [1, 2]\n"
)


def _field_annotations(spec_tree: SpecTree, minimal_spec: str) -> dict[str, str]:
    path = spec_tree.spec(minimal_spec.replace("responses:", FIELDS + "responses:", 1))
    source = load_file(path)
    assert check_operation(source) == []
    (service,) = build_api([source, load_file(path.parent / "_service.yaml")]).services
    op = service.operations[0]
    return {f.name: f.argument_annotation(optional=True) for f in op.by_location("body")}


def test_integer_and_boolean_enumerations_are_exact_literals(spec_tree: SpecTree, minimal_spec: str) -> None:
    assert _field_annotations(spec_tree, minimal_spec) == {
        "admin_state_up": "Annotated[Literal[True], Exact(bool)] | None",
        "weight": "Annotated[Literal[0, 1, 100], Exact(int)] | None",
        "levels": "Sequence[Annotated[Literal[1, 2], Exact(int)]] | None",
    }


@pytest.mark.parametrize(
    ("enum", "message"),
    [
        ("[1, true]", "is not of type Integer"),
        ('["1"]', "is not of type Integer"),
        ("[false, 0]", "is not of type Boolean"),
    ],
)
def test_enumeration_values_have_the_fields_type(
    spec_tree: SpecTree, minimal_spec: str, enum: str, message: str
) -> None:
    kind = "Boolean" if "false" in enum else "Integer"
    body = f"request_body:\n  fields:\n    - name: x\n      type: {kind}\n      enum: {enum}\n"
    findings = check_operation(load_file(spec_tree.spec(minimal_spec.replace("responses:", body + "responses:", 1))))
    assert findings and message in findings[0].message, findings
