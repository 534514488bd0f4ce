"""generator.model.naming: page names → Python names, the same everywhere and on every Python version."""

from __future__ import annotations

import keyword

import pytest

from generator.model.naming import (
    RESERVED_ARGUMENTS,
    argument_name,
    class_name,
    is_snake_identifier,
    python_name,
    snake_case,
    table_classes,
    unusable_name,
)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("X-Language", "x_language"),
        ("errorCode", "error_code"),
        ("task_id", "task_id"),
        ("HTTPServer", "http_server"),
        ("ExportTaskItem", "export_task_item"),
        ("a--b", "a_b"),
        ("__x__", "x"),
        ("X-Auth-Token", "x_auth_token"),
        ("", ""),
    ],
)
def test_snake_case(name: str, expected: str) -> None:
    assert snake_case(name) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("X-Language", "x_language"),
        ("class", "class_"),
        ("from", "from_"),
        ("match", "match_"),
        ("case", "case_"),
        ("type", "type"),  # a soft keyword only from Python 3.12: the name must not depend on the interpreter
        ("123abc", "n_123abc"),
        ("", "value"),
        ("---", "value"),
        ("json", "json"),
    ],
)
def test_python_name(name: str, expected: str) -> None:
    ident = python_name(name)
    assert ident == expected
    assert ident.isidentifier() and not keyword.iskeyword(ident)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("json", "json_"),
        ("copy", "copy_"),
        ("model_config", "model_config_"),
        ("schema", "schema_"),
        ("id", "id"),
        ("model_validate", "field_model_validate"),
        ("modelDumpMode", "field_model_dump_mode"),
        ("str", "str_"),
        ("list", "list_"),
    ],
)
def test_model_fields_avoid_pydantic_attributes(name: str, expected: str) -> None:
    assert python_name(name, model_field=True) == expected


def test_argument_name_avoids_the_method_own_arguments() -> None:
    assert "timeout" in RESERVED_ARGUMENTS
    for name in RESERVED_ARGUMENTS:
        assert argument_name(name) == f"{name}_"
    assert argument_name("timeout_") == "timeout_", "two names can meet here: validate reports it"
    assert argument_name("json") == "json_"
    assert argument_name("X-Language") == "x_language"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("apps", "Apps"),
        ("export_task_item", "ExportTaskItem"),
        ("ExportTaskItem", "ExportTaskItem"),
        ("x-language", "XLanguage"),
        ("1st", "M1st"),
        ("", "Model"),
    ],
)
def test_class_name(name: str, expected: str) -> None:
    assert class_name(name) == expected
    assert expected.isidentifier()


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("list_export_tasks", True),
        ("v2_list", True),
        ("ListTasks", False),
        ("list-tasks", False),
        ("_private", False),
        ("2fa", False),
        ("import", False),
        ("", False),
    ],
)
def test_is_snake_identifier(name: str, expected: bool) -> None:
    assert is_snake_identifier(name) is expected


@pytest.mark.parametrize(
    ("ident", "argument", "model_field", "reason"),
    [
        ("file", False, True, None),
        ("class", False, True, "is a Python keyword"),
        ("None", False, False, "is a Python keyword"),
        ("match", False, True, None),
        ("_secret", False, True, "starts with `_`, which pydantic treats as a private attribute, not a field"),
        ("json", False, True, "is an attribute of pydantic's BaseModel"),
        ("model_id", False, True, None),
        ("model_fields", False, True, "is an attribute of pydantic's BaseModel"),
        (
            "model_dump_all",
            False,
            True,
            "starts with `model_validate` or `model_dump`, names pydantic keeps for itself",
        ),
        ("timeout", True, True, "is an argument every generated method already has"),
        ("timeout", False, True, None),
        ("Json", False, False, None),
        ("int", False, True, "is a name the generated models use for types; the field would hide it"),
        ("Field", False, True, "is a name the generated models use for types; the field would hide it"),
    ],
)
def test_unusable_name(ident: str, argument: bool, model_field: bool, reason: str | None) -> None:
    assert unusable_name(ident, argument=argument, model_field=model_field) == reason


def test_generated_names_are_always_usable() -> None:
    for name in ["class", "json", "model_x", "timeout", "_x", "self", "None", "match", "2x", "X-Auth-Token", "str"]:
        assert unusable_name(argument_name(name), argument=True) is None
        assert unusable_name(python_name(name, model_field=True)) is None


NAMES_THAT_MEET_PYDANTIC = [
    "json",
    "copy",
    "schema",
    "model_config",
    "model_fields",
    "model_validate",
    "model_dump_x",
    "str",
    "int",
    "bool",
    "float",
    "list",
]


@pytest.mark.parametrize("name", NAMES_THAT_MEET_PYDANTIC)
def test_model_field_names_work_in_a_pydantic_model(name: str) -> None:
    ident = python_name(name, model_field=True)
    # Shaped like a generated model: a field that shadowed `str` or `list` would break the fields after it,
    # and pytest turns pydantic's warnings (shadowed attribute, protected namespace) into errors.
    source = (
        "from pydantic import BaseModel\n"
        "class M(BaseModel):\n"
        f"    {ident}: int | None = None\n"
        "    a: str | None = None\n"
        "    b: list[int] | None = None\n"
        "    c: bool | None = None\n"
        "    d: float | None = None\n"
        "    e: int | None = None\n"
    )
    namespace: dict[str, object] = {}
    exec(compile(source, "<model>", "exec"), namespace)
    model = namespace["M"]
    assert ident in model.model_fields  # type: ignore[attr-defined]


# -- object table classes ------------------------------------------------------------------------


def _tables(**tables: list[str]) -> dict[str, object]:
    return {"objects": {name: {"fields": [{"name": f} for f in fields]} for name, fields in tables.items()}}


def test_a_table_named_like_a_name_the_models_module_uses_is_renamed() -> None:
    classes, renames = table_classes([("do_thing", _tables(Field=["a"], none=["b"], Any=["c"]))])
    assert classes == {
        ("do_thing", "Field"): "FieldObject",
        ("do_thing", "none"): "NoneObject",
        ("do_thing", "Any"): "AnyObject",
    }
    assert [r.reason for r in renames] == ["the models module uses that name (pydantic, typing or a builtin)"] * 3


def test_a_table_named_like_a_response_model_is_renamed() -> None:
    classes, [rename] = table_classes([("list_tasks", _tables(ListTasksResponse=["a"]))])
    assert classes == {("list_tasks", "ListTasksResponse"): "ListTasksResponseObject"}
    assert rename.reason == "it is the response model of `list_tasks`"


def test_identical_tables_share_a_class_and_a_different_one_is_renamed() -> None:
    classes, renames = table_classes(
        [
            ("update_task", _tables(Task=["key"])),
            ("create_task", _tables(Task=["id"])),
            ("list_tasks", _tables(task=["id"], Task_=["key"])),
        ]
    )
    assert classes == {
        ("create_task", "Task"): "Task",  # operations in name order: create_task comes first
        ("list_tasks", "task"): "Task",
        ("list_tasks", "Task_"): "TaskObject",
        ("update_task", "Task"): "TaskObject",
    }
    assert [(r.operation, r.given) for r in renames] == [("list_tasks", "TaskObject"), ("update_task", "TaskObject")]
    assert renames[0].reason == "it is already the class of a different table `Task` (`create_task`)"


def test_renames_count_up_until_a_name_is_free() -> None:
    classes, _ = table_classes([("a_op", _tables(Field=["x"])), ("b_op", _tables(Field=["y"], field=["x"]))])
    assert classes == {
        ("a_op", "Field"): "FieldObject",
        ("b_op", "Field"): "FieldObject2",
        ("b_op", "field"): "FieldObject",
    }
    hand_named = {"objects": {"Mine": {"fields": [], "python_name": "Field"}}}
    assert table_classes([("a_op", hand_named)])[0] == {("a_op", "Mine"): "FieldObject"}  # python_name too
