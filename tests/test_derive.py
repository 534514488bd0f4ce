"""generator.model.derive: the names and defaults a spec implies, and the rule that only derive makes them."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from generator.model import derive

ROOT = Path(__file__).resolve().parent.parent
# Modules that may build these names: derive itself, and naming (the identifier rules it uses).
ALLOWED = {"generator/model/derive.py", "generator/model/naming.py"}
SKIPPED: tuple[str, ...] = ()


def test_extra_methods_of_a_spec() -> None:
    data = {
        "pagination": {},
        "waiter": {"name": "wait_for_export_task"},
        "job": {"poll": "show_task", "download": {"operation": "download_file"}},
    }
    assert derive.extra_methods("export_task", data) == [
        ("iter", "iter_export_task", ("pagination",)),
        ("iter_pages", "iter_export_task_pages", ("pagination",)),
        ("waiter", "wait_for_export_task", ("waiter", "name")),
        ("workflow", "export_task_and_download", ("job",)),
    ]
    assert derive.workflow("start_job", downloads=False) == "start_job_and_wait"
    assert derive.extra_methods("get_thing", {}) == []


@pytest.mark.parametrize(
    ("method", "stated", "expected"),
    [("GET", None, True), ("PUT", None, True), ("POST", None, False), ("POST", True, True), ("GET", False, False)],
)
def test_idempotent_defaults_to_the_methods(method: str, stated: bool | None, expected: bool) -> None:
    assert derive.idempotent(method, stated) is expected


def test_defaults() -> None:
    assert derive.content_type({}) == "application/json"
    assert derive.content_type({"content_type": "multipart/form-data"}) == "multipart/form-data"
    assert derive.defaults_to_client("path", "project_id") and not derive.defaults_to_client("query", "project_id")
    assert "host" in derive.RUNTIME_HEADERS and "x-auth-token" in derive.RUNTIME_HEADERS


def test_python_names_of_arguments_and_attributes() -> None:
    assert derive.field_python_name({"name": "timeout"}, "query") == "timeout_"  # an option every method has
    assert derive.field_python_name({"name": "timeout"}, "response") == "timeout"
    assert derive.field_python_name({"name": "class"}, "object") == "class_"
    assert derive.field_python_name({"name": "x", "python_name": "y"}, "body") == "y"


def _builds_a_derived_name(node: ast.AST) -> bool:
    """An f-string or `+` that makes `iter_…`, `…_pages` or `…_and_…`, or a call of argument_name."""
    if isinstance(node, ast.JoinedStr):
        parts = [v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str)]
        return any(p.startswith("iter_") or p.startswith("_and_") or p == "_pages" for p in parts)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        sides = [s.value for s in (node.left, node.right) if isinstance(s, ast.Constant) and isinstance(s.value, str)]
        return any(s in ("iter_", "_pages", "_and_wait", "_and_download") for s in sides)
    if isinstance(node, ast.Call):
        func = node.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
        return name == "argument_name"
    return False


def test_no_other_module_derives_these_names_itself() -> None:
    offenders = []
    for path in sorted((ROOT / "generator").rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if relative in ALLOWED or relative.startswith(SKIPPED):
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if _builds_a_derived_name(node):
                offenders.append(f"{relative}:{getattr(node, 'lineno', '?')}")
    assert not offenders, f"derive names in generator/model/derive.py, not here: {offenders}"


def test_the_client_template_takes_method_names_from_derive() -> None:
    template = (ROOT / "templates" / "service" / "client.py.jinja").read_text("utf-8")
    assert not re.search(r"\biter_|_pages\b|_and_(wait|download)\b", template)
