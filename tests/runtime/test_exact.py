"""`Exact`: a Literal of integers or booleans takes that type only (Python holds True == 1)."""

from __future__ import annotations

from typing import Annotated, Literal

import pydantic
import pytest

from .conftest import load_runtime


def test_exact_refuses_the_other_type() -> None:
    exact = load_runtime().Exact
    adapter = pydantic.TypeAdapter(Annotated[Literal[True], exact(bool)])
    assert adapter.validate_python(True) is True
    for wrong in (1, "true"):
        with pytest.raises(pydantic.ValidationError, match="expected bool"):
            adapter.validate_python(wrong)
    numbers = pydantic.TypeAdapter(Annotated[Literal[0, 1], exact(int)])
    assert numbers.validate_python(0) == 0
    with pytest.raises(pydantic.ValidationError, match="expected int, got bool"):
        numbers.validate_python(False)
