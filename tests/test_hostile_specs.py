"""Property tests: specs written by many hands, with every name and text a page can hold.

hypothesis draws specs whose names are Python keywords and builtins, names the generated modules
use (for fields, and for object tables, whose classes must shadow neither them nor each other), wire
names with hyphens, dots, capitals and Chinese, and texts with quotes, triple quotes, backslashes and
template syntax. The properties:

- validating never raises, and every finding says where (a line and column in the spec);
- a spec that validates generates modules that parse and that black leaves as they are, whose
  response models round-trip the spec's own example, and whose texts stay inert (no name, call or
  import the spec did not declare; template syntax printed as written).

The generated packages are also imported, and type-checked with mypy --strict, on a sample.
A plain `pytest` draws a twentieth of the examples; .ci/run draws them all (HYPOTHESIS_PROFILE=ci).
"""

from __future__ import annotations

import ast
import itertools
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from generator.emit.formatting import format_python
from generator.errors import SpecError
from generator.findings import Severity
from generator.incremental import pipeline
from generator.incremental.pipeline import validate

# Property tests over whole spec trees (half a minute even at the default example count): the slow tier.
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
MARKER = "HWGEN_INJECTED"
SLOW_DATA = [HealthCheck.too_slow, HealthCheck.data_too_large]


def examples(full: int) -> int:
    """`full` examples under the ci profile (100 by default), the same share of it under a smaller one."""
    return max(2, full * settings.default.max_examples // 100)


# Names a page may give a parameter or field: each a trap for a generator.
HOSTILE_NAMES = [
    "id", "type", "from", "class", "list", "dict", "str", "int", "float", "bool", "bytes", "None", "True",
    "self", "cls", "async", "await", "match", "case", "_", "lambda", "import", "print", "object",
    "models", "declare", "Field", "Literal", "Annotated", "Any", "BaseModel", "Unpack", "CallOptions",
    "timeout", "extra_headers", "extra_query", "max_retries", "options", "page_size", "poll_interval",
    "model_config", "model_dump", "json", "schema", "copy", "validate", "fields",
    "X-Auth-Token", "X-Language", "x-lang", "a.b", "Task-ID", "taskId", "TaskID", "9lives", "__init__",
    "中文名称", "naïve", "São", "ÅngströmUnit", MARKER, "ConfigDict", "AliasChoices", "DoThingResponse",
]  # fmt: skip
# Names a page may give an object table: each a class name the generated models module already uses
# (pydantic's, typing's, the builtins' and keywords', the operation's own response model).
HOSTILE_TABLES = [
    "Field", "field", "BaseModel", "ConfigDict", "AliasChoices", "Any", "Literal", "Annotated", "str", "list",
    "object", "None", "none", "True", "DoThingResponse", "do_thing_response", "Model", "Task", "task",
]  # fmt: skip
HOSTILE_TEXTS = [
    '"""', "'''", '"', "\\", "\\n", "\\x00", "{{ 7 * 7 }}", "{% for x in y %}{{ x }}{% endfor %}", "{#", "#}",
    '"""; import os; os.system("echo pwned")  #', "</script>", "`code`", "|pipe|", "中文描述：导出任务。",  # noqa: RUF001
    "\u202etext", "a" * 3000, f"{MARKER}()", f"__import__('{MARKER}')",
]  # fmt: skip

names = st.one_of(st.sampled_from(HOSTILE_NAMES), st.from_regex(r"[A-Za-z][A-Za-z0-9_.\-]{0,24}", fullmatch=True))
texts = st.one_of(
    st.sampled_from(HOSTILE_TEXTS),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=200),
).filter(lambda t: t.strip() != "")
scalars = st.sampled_from(["String", "Integer", "Long", "Float", "Double", "Boolean"])


@st.composite
def objects(draw: st.DrawFn, depth: int, tables: dict[str, Any], prefix: str) -> dict[str, Any]:
    """A field whose type is an object table, nested up to `depth`, or an empty object."""
    name = draw(st.sampled_from(HOSTILE_TABLES) | st.just(f"{prefix}T{len(tables)}"))
    if name in tables:
        name = f"{prefix}T{len(tables)}"  # the count only grows: no earlier table has this name
    tables[name] = {"description": draw(texts), "fields": []}  # placeholder keeps the name unique
    fields = draw(st.lists(field_rows(depth - 1, tables, prefix), max_size=3 if depth else 0))
    tables[name] = {"description": draw(texts), "fields": fields}
    return {"type": "Object", "object": name}


@st.composite
def field_rows(draw: st.DrawFn, depth: int, tables: dict[str, Any], prefix: str) -> dict[str, Any]:
    kind = draw(st.sampled_from(["scalar", "enum", "array", "object"] if depth > 0 else ["scalar", "enum", "array"]))
    row: dict[str, Any] = {"name": draw(names), "description": draw(texts)}
    if kind == "scalar":
        row["type"] = draw(scalars)
    elif kind == "enum":
        row["type"] = "String"
        row["enum"] = draw(st.lists(texts, min_size=1, max_size=4, unique=True))
    elif kind == "array":
        row.update({"type": "Array", "items": draw(st.sampled_from(["String", "Integer"]))})
    else:
        row.update(draw(objects(depth, tables, prefix)))
    if draw(st.booleans()):
        row["required"] = True
    return row


@st.composite
def specs(draw: st.DrawFn) -> dict[str, Any]:
    tables: dict[str, Any] = {}
    query = draw(
        st.lists(st.builds(lambda n, t, d: {"name": n, "type": t, "description": d}, names, scalars, texts), max_size=5)
    )
    headers = draw(
        st.lists(st.builds(lambda n, d: {"name": n, "type": "String", "description": d}, names, texts), max_size=2)
    )
    body = draw(st.lists(field_rows(draw(st.integers(0, 4)), tables, "Req"), max_size=5))
    answer = draw(st.lists(field_rows(draw(st.integers(0, 4)), tables, "Resp"), max_size=5))
    spec: dict[str, Any] = {
        "spec_version": 1,
        "title": draw(texts),
        "source": {"page": draw(texts), "updated_on": "2026-01-01 GMT+08:00"},
        "summary": draw(texts),
        "description": draw(texts),
        "method": "POST",
        "path": "/v1/{project_id}/things",
        "parameters": {
            "path": [{"name": "project_id", "type": "String", "required": True, "description": draw(texts)}],
            "query": query,
            "header": headers,
        },
        "responses": {"200": {"description": draw(texts), "body": {"fields": answer}}},
    }
    if body:
        spec["request_body"] = {"fields": body}
    if tables:
        spec["objects"] = tables
    return spec


def _tree(spec: dict[str, Any], root: Path) -> Path:
    specs_dir = root / "specs"
    (specs_dir / "svc").mkdir(parents=True)
    (specs_dir / "svc" / "_service.yaml").write_text(
        "spec_version: 1\ntitle: Svc\nendpoint: svc\nclient_class: SvcClient\n", "utf-8"
    )
    (specs_dir / "svc" / "do_thing.yaml").write_text(yaml.safe_dump(spec, allow_unicode=True, sort_keys=False), "utf-8")
    return specs_dir


def _gist(message: str) -> str:
    """A finding's message without the names in it, to count findings by kind."""
    return re.sub(r"`[^`]*`", "`…`", message)[:70]


def _calls_and_imports(tree: ast.AST) -> set[str]:
    """Every function called by name and every module imported: what a text must never become."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            found.add(node.func.id)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            found.update({node.module or "", *(alias.name for alias in node.names)})
    return found


def _check_generated(spec: dict[str, Any], files: dict[str, str]) -> None:
    for path, text in files.items():
        if path.endswith(".py"):
            tree = ast.parse(text, path)
            assert format_python(text) == text, f"{path}: black would change it"
            if "/svc/" in path:  # the service's own modules: only what the templates put there
                assert not _calls_and_imports(tree) & {MARKER, "__import__", "os", "system", "eval", "exec"}, path
    if any(mark in spec["summary"] for mark in ("{{", "{%", "{#")):
        assert spec["summary"] in files["docs/svc/do_thing.md"]  # printed as written, never run


@settings(max_examples=examples(150), deadline=None, suppress_health_check=SLOW_DATA)
@given(specs())
def test_any_spec_validates_or_says_where_and_valid_ones_generate_inert_code(spec: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        specs_dir = _tree(spec, Path(tmp))
        _, findings = validate(specs_dir)
        for finding in findings:
            assert finding.line >= 1 and finding.col >= 1 and finding.path.endswith(".yaml"), finding
        errors = [f for f in findings if f.severity is Severity.ERROR]
        event(f"refused: {_gist(errors[0].message)}" if errors else "valid: generated")
        if errors:
            return
        try:
            files = pipeline.produce(specs_dir).files
        except SpecError as exc:  # pragma: no cover - validate and produce must agree
            pytest.fail(f"validate passed but generate found {exc.findings}")
        _check_generated(spec, files)


def _example_for(fields: list[dict[str, Any]], tables: dict[str, Any], depth: int = 0) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for row in fields:
        kind = row["type"]
        if kind == "Object" and depth < 6:
            values[row["name"]] = _example_for(tables[row["object"]]["fields"], tables, depth + 1)
        elif kind == "Array":
            values[row["name"]] = ["x"] if row["items"] == "String" else [1]
        elif "enum" in row:
            values[row["name"]] = row["enum"][0]
        else:
            values[row["name"]] = {
                "String": "s",
                "Integer": 1,
                "Long": 2,
                "Float": 1.5,
                "Double": 2.5,
                "Boolean": True,
            }[kind]
    return values


def test_generated_packages_import_round_trip_examples_and_type_check(tmp_path: Path) -> None:
    """Each drawn spec that validates becomes a package of its own name; then one run imports them all
    and round-trips their examples, and one mypy run type-checks them all (a mypy per spec cost minutes)."""
    packages: list[tuple[str, Any]] = []
    drawn = itertools.count()

    @settings(max_examples=examples(20), deadline=None, suppress_health_check=SLOW_DATA)
    @given(specs())
    def generate(spec: dict[str, Any]) -> None:
        example = _example_for(spec["responses"]["200"]["body"]["fields"], spec.get("objects", {}))
        spec["responses"]["200"]["example"] = example
        name = f"pkg{next(drawn)}"
        specs_dir = _tree(spec, tmp_path / name)
        _, findings = validate(specs_dir)
        if not any(f.severity is Severity.ERROR for f in findings):
            pipeline.generate(specs_dir, tmp_path / name / "out", package=(name, "0.1.0"))
            packages.append((name, example))

    generate()
    assert packages, "no drawn spec validated"
    script = (
        "import importlib, json, sys\n"
        f"for name, example in json.loads({json.dumps(packages)!r}):\n"
        "    svc = importlib.import_module(name + '.svc')\n"
        "    parsed = svc.models.DoThingResponse.model_validate(example)\n"
        "    again = parsed.model_dump(mode='json', by_alias=True, exclude_unset=True)\n"
        "    assert again == example, (name, again, example)\n"
        "    assert callable(svc.SvcClient(base_url='http://127.0.0.1:9', project_id='p').do_thing)\n"
    )
    roots = [str(tmp_path / name / "out") for name, _ in packages]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(roots)}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    command = [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--cache-dir", str(tmp_path / "mypy")]
    checked = subprocess.run(
        [*command, *(str(tmp_path / name / "out" / name) for name, _ in packages)], capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stdout


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a spec's data: keys of mappings and indexes of lists."""
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, child in value.items():
            found += _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            found += _paths(child, (*prefix, i))
    return found


junk = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | texts,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=6,
)


@settings(max_examples=examples(150), deadline=None, suppress_health_check=SLOW_DATA)
@given(specs(), st.data())
def test_a_broken_spec_gets_findings_that_say_where_never_a_traceback(
    spec: dict[str, Any], data: st.DataObject
) -> None:
    for _ in range(data.draw(st.integers(1, 4))):
        places = _paths(spec)
        if not places:
            break
        *parent_path, last = data.draw(st.sampled_from(places))
        parent: Any = spec
        for part in parent_path:
            parent = parent[part]
        if data.draw(st.booleans()):
            del parent[last]
        else:
            parent[last] = data.draw(junk)
    with tempfile.TemporaryDirectory() as tmp:
        specs_dir = _tree(spec, Path(tmp))
        _, findings = validate(specs_dir)
        for finding in findings:
            assert finding.line >= 1 and finding.col >= 1 and finding.message, finding
        refused = any(f.severity is Severity.ERROR for f in findings)
        event("refused" if refused else "still valid: generated")
        if not refused:
            _check_generated(spec, pipeline.produce(specs_dir).files)


@settings(max_examples=examples(100), deadline=None)
@given(st.binary(max_size=2000) | st.text(max_size=2000).map(str.encode))
def test_any_bytes_as_a_spec_get_findings_never_a_traceback(raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        specs_dir = _tree({}, Path(tmp))
        (specs_dir / "svc" / "do_thing.yaml").write_bytes(raw)
        _, findings = validate(specs_dir)
    assert findings and all(f.line >= 1 and f.col >= 1 for f in findings)
