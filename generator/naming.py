"""Identifiers: turning page names into Python names, the same way everywhere."""

from __future__ import annotations

import keyword
import re

__all__ = ["RESERVED_ARGUMENTS", "argument_name", "class_name", "is_snake_identifier", "python_name", "snake_case"]

# Keyword arguments every generated method has; a parameter with one of these names gets a `_`.
RESERVED_ARGUMENTS = frozenset({"self", "timeout", "extra_headers", "extra_query", "max_retries"})

_CAMEL_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_NON_WORD = re.compile(r"[^0-9A-Za-z]+")
_SNAKE = re.compile(r"^[a-z][a-z0-9_]*$")

# Attribute names pydantic's BaseModel owns; a field with one of these names gets a trailing `_`.
_MODEL_RESERVED = frozenset(
    {"copy", "dict", "json", "schema", "schema_json", "construct", "validate", "fields", "parse_obj", "parse_raw"}
)


def snake_case(name: str) -> str:
    """`X-Language` → `x_language`, `errorCode` → `error_code`, `task_id` stays."""
    words = _NON_WORD.sub("_", _CAMEL_BOUNDARY.sub("_", name)).strip("_").lower()
    return re.sub("_+", "_", words)


def python_name(name: str, *, model_field: bool = False) -> str:
    """A valid, non-reserved Python identifier for a wire name; keywords get a trailing underscore."""
    ident = snake_case(name) or "value"
    if ident[0].isdigit():
        ident = f"n_{ident}"
    if keyword.iskeyword(ident) or keyword.issoftkeyword(ident):
        ident += "_"
    if model_field and (ident in _MODEL_RESERVED or ident.startswith("model_")):
        ident += "_"
    return ident


def argument_name(name: str) -> str:
    """Keyword argument (and request model attribute) for a parameter or top-level body field."""
    ident = python_name(name, model_field=True)
    return f"{ident}_" if ident in RESERVED_ARGUMENTS else ident


def class_name(name: str) -> str:
    """`apps` → `Apps`, `export_task_item` → `ExportTaskItem`, `ExportTaskItem` stays."""
    parts = [p for p in _NON_WORD.split(_CAMEL_BOUNDARY.sub("_", name)) if p]
    result = "".join(p[:1].upper() + p[1:] for p in parts) or "Model"
    return f"M{result}" if result[0].isdigit() else result


def is_snake_identifier(name: str) -> bool:
    return bool(_SNAKE.match(name)) and not keyword.iskeyword(name)
