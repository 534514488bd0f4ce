"""Identifiers: turning page names into Python names, the same way everywhere."""

from __future__ import annotations

import functools
import keyword
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

# Keyword arguments every generated method has (the runtime's call options); a parameter with one of
# these names gets a `_`.
from ..runtime import RESERVED_ARGUMENTS

__all__ = [
    "CLASS_RESERVED",
    "CLIENT_RESERVED",
    "RESERVED_ARGUMENTS",
    "ClassRename",
    "argument_name",
    "class_name",
    "is_snake_identifier",
    "python_name",
    "snake_case",
    "table_classes",
    "unusable_name",
]

# What a client's methods may not be called: the names its class body reads (an operation named
# `models` would hide the models module from the declarations after it), and the clients' own members.
CLIENT_RESERVED = frozenset(
    {"models", "declare", "str", "int", "float", "bool", "list", "dict", "bytes", "object", "close", "config"}
)

_CAMEL_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_NON_WORD = re.compile(r"[^0-9A-Za-z]+")
_SNAKE = re.compile(r"^[a-z][a-z0-9_]*$")
# Python 3.11's soft keywords, written out: keyword.softkwlist grows with the interpreter (3.12 adds `type`),
# and the generated names must not depend on which Python runs the generator.
_SOFT_KEYWORDS = frozenset({"_", "case", "match"})

# Attribute names pydantic's BaseModel owns; a field with one of these names gets a trailing `_`.
_MODEL_RESERVED = frozenset(
    {"copy", "dict", "json", "schema", "schema_json", "construct", "validate", "fields", "parse_obj", "parse_raw"}
)
_MODEL_ATTRIBUTES = frozenset(
    {
        "model_config",
        "model_fields",
        "model_computed_fields",
        "model_extra",
        "model_fields_set",
        "model_construct",
        "model_copy",
        "model_json_schema",
        "model_parametrized_name",
        "model_post_init",
        "model_rebuild",
    }
)
# Names the generated model modules use in annotations and defaults: a field of that name would shadow
# them for the fields after it in the class body (`str: str | None` makes the next `str` the field).
_MODULE_NAMES = frozenset(
    {"str", "int", "float", "bool", "list", "dict", "bytes", "Any", "Literal", "Field", "AliasChoices", "BaseModel"}
)
# pydantic's protected namespaces: a field that merely starts with one of these draws a warning, even
# with a trailing `_` (`model_validate_`), so such a name gets a leading `field_` instead.
_PROTECTED_PREFIXES = ("model_validate", "model_dump")


def snake_case(name: str) -> str:
    """`X-Language` → `x_language`, `errorCode` → `error_code`, `task_id` stays."""
    words = _NON_WORD.sub("_", _CAMEL_BOUNDARY.sub("_", name)).strip("_").lower()
    return re.sub("_+", "_", words)


def python_name(name: str, *, model_field: bool = False) -> str:
    """A valid, non-reserved Python identifier for a wire name; keywords get a trailing underscore."""
    ident = snake_case(name) or "value"
    if ident[0].isdigit():
        ident = f"n_{ident}"
    if keyword.iskeyword(ident) or ident in _SOFT_KEYWORDS:
        ident += "_"
    if model_field and ident.startswith(_PROTECTED_PREFIXES):
        ident = f"field_{ident}"
    if model_field and (ident in _MODEL_RESERVED or ident in _MODULE_NAMES or ident.startswith("model_")):
        ident += "_"
    return ident


def argument_name(name: str) -> str:
    """Keyword argument (and request model attribute) for a parameter or top-level body field."""
    ident = python_name(name, model_field=True)
    return f"{ident}_" if ident in RESERVED_ARGUMENTS else ident


@functools.lru_cache(maxsize=8192)  # the service checks ask it again for every table of every spec
def class_name(name: str) -> str:
    """`apps` → `Apps`, `export_task_item` → `ExportTaskItem`, `ExportTaskItem` stays."""
    parts = [p for p in _NON_WORD.split(_CAMEL_BOUNDARY.sub("_", name)) if p]
    result = "".join(p[:1].upper() + p[1:] for p in parts) or "Model"
    return f"M{result}" if result[0].isdigit() else result


def is_snake_identifier(name: str) -> bool:
    return bool(_SNAKE.match(name)) and not keyword.iskeyword(name)


def unusable_name(ident: str, *, argument: bool = False, model_field: bool = True) -> str | None:
    """Why a hand-chosen `python_name` cannot be used as it is, or None when it can.

    The generated names avoid these cases by themselves; an override is used verbatim.
    """
    if keyword.iskeyword(ident):
        return "is a Python keyword"
    if model_field and ident.startswith("_"):
        return "starts with `_`, which pydantic treats as a private attribute, not a field"
    if model_field and (ident in _MODEL_RESERVED or ident in _MODEL_ATTRIBUTES):
        return "is an attribute of pydantic's BaseModel"
    if model_field and ident.startswith(_PROTECTED_PREFIXES):
        return "starts with `model_validate` or `model_dump`, names pydantic keeps for itself"
    if model_field and ident in _MODULE_NAMES:
        return "is a name the generated models use for types; the field would hide it"
    if argument and ident in RESERVED_ARGUMENTS:
        return "is an argument every generated method already has"
    return None


# What an object table's class may not be called: the names a generated models module imports or
# names in its annotations (pydantic's, typing's, the builtins), and the keywords class_name can make.
CLASS_RESERVED = frozenset(
    {
        *("BaseModel", "ConfigDict", "Field", "AliasChoices"),
        *("Any", "Literal", "Annotated"),
        *("str", "int", "float", "bool", "list", "dict", "bytes", "object"),
        *("None", "True", "False"),
    }
)


@dataclass(frozen=True)
class ClassRename:
    """An object table whose class took another name than the one it asked for, and why."""

    operation: str
    table: str
    wanted: str
    given: str
    reason: str


def _clash(wanted: str, responses: Mapping[str, str], owners: Mapping[str, tuple[str, str]]) -> str:
    if wanted in CLASS_RESERVED:
        return "the models module uses that name (pydantic, typing or a builtin)"
    if wanted in responses:
        return f"it is the response model of `{responses[wanted]}`"
    operation, table = owners[wanted]
    return f"it is already the class of a different table `{table}` (`{operation}`)"


def table_classes(
    operations: Iterable[tuple[str, Mapping[str, Any]]],
) -> tuple[dict[tuple[str, str], str], list[ClassRename]]:
    """The class of every object table of one service, keyed by (operation, table), and the renames.

    A table's class is its `python_name`, else its name in PascalCase. When that name is one the
    models module uses (CLASS_RESERVED), an operation's response model (`<Operation>Response`), or
    the class of a different table met earlier (operations in name order, tables in file order),
    the class is `<name>Object` (then `<name>Object2`, ...). Tables with the same fields share a class.
    """
    ordered = sorted(operations, key=lambda pair: pair[0])
    responses = {f"{class_name(name)}Response": name for name, _ in ordered}
    fields: dict[str, Any] = {}
    owners: dict[str, tuple[str, str]] = {}
    classes: dict[tuple[str, str], str] = {}
    renames: list[ClassRename] = []
    for operation, data in ordered:
        for table, obj in data.get("objects", {}).items():
            wanted = obj.get("python_name") or class_name(table)
            given, number = wanted, 1
            while given in CLASS_RESERVED or given in responses or fields.get(given, obj["fields"]) != obj["fields"]:
                number += 1
                given = f"{wanted}Object" if number == 2 else f"{wanted}Object{number - 1}"
            fields.setdefault(given, obj["fields"])
            owners.setdefault(given, (operation, table))
            classes[(operation, table)] = given
            if given != wanted:
                renames.append(ClassRename(operation, table, wanted, given, _clash(wanted, responses, owners)))
    return classes, renames
