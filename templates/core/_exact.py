"""Enumerations of integers and booleans, enforced as exactly as enumerations of strings."""

from collections.abc import Callable
from typing import Any

import pydantic

__all__ = ["Exact"]


def Exact(kind: type) -> pydantic.BeforeValidator:  # noqa: N802 - reads as a type in annotations
    """A page's integer (or boolean) enumeration takes values of that type only.

    `Literal[0, 1]` alone would take `True` for 1, and `Literal[True]` would take 1, because they
    are equal in Python; `Annotated[Literal[0, 1], Exact(int)]` refuses both, as a page means.
    """
    return pydantic.BeforeValidator(_exactly(kind))


def _exactly(kind: type) -> Callable[[Any], Any]:
    def check(value: Any) -> Any:
        if type(value) is not kind:
            raise ValueError(f"expected {kind.__name__}, got {type(value).__name__} {value!r}")
        return value

    return check
