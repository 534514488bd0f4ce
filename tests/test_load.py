"""generator.spec.load: YAML files → data with positions, refusing what YAML would do silently or expensively."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import yaml

from generator.findings import Finding, Severity
from generator.spec.load import MAX_DEPTH, MAX_FILE_BYTES, MAX_NODES, SERVICE_FILE, SourceSpec, load_file, load_specs

if TYPE_CHECKING:
    from conftest import SpecTree

BILLION_LAUGHS = """\
a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g, *g]
i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h, *h]
"""


def _problem(tree: SpecTree, content: str | bytes, name: str = "list_export_tasks.yaml") -> Finding:
    loaded = load_file(tree.spec(content, name))
    assert isinstance(loaded, Finding), f"expected a finding, got data: {loaded}"
    assert loaded.severity is Severity.ERROR
    return loaded


# -- data and positions ---------------------------------------------------------------------------


def test_loads_the_same_data_as_pyyaml(spec_tree: SpecTree, minimal_spec: str) -> None:
    source = spec_tree.load(minimal_spec)
    assert source.data == yaml.safe_load(minimal_spec)
    assert source.kind == "operation"
    assert source.service == "workspace"
    assert source.name == "list_export_tasks"
    assert source.display == "specs/workspace/list_export_tasks.yaml"


def test_dates_stay_the_text_the_page_printed(spec_tree: SpecTree, minimal_spec: str) -> None:
    source = spec_tree.load(minimal_spec.replace("2026-02-10 GMT+08:00", "2026-02-10"))
    assert source.data["source"]["updated_on"] == "2026-02-10"


def test_positions_of_values_and_keys(spec_tree: SpecTree, minimal_spec: str) -> None:
    source = spec_tree.load(minimal_spec)
    assert source.where(("method",)) == (7, 9)
    assert source.where(("method",), key=True) == (7, 1)
    assert source.where(("parameters", "path", 0)) == (11, 7)
    assert source.where(("parameters", "path", 0, "required")) == (13, 17)
    assert source.where(("responses", "200"), key=True) == (16, 3)


def test_where_falls_back_to_the_nearest_parent(spec_tree: SpecTree, minimal_spec: str) -> None:
    source = spec_tree.load(minimal_spec)
    assert source.where(("parameters", "path", 0, "no_such_key")) == (11, 7)
    assert source.where(("no", "such", "thing")) == source.where(())


def test_finding_carries_place_severity_and_hint(spec_tree: SpecTree, minimal_spec: str) -> None:
    source = spec_tree.load(minimal_spec)
    finding = source.finding(("method",), "bad method", "use GET", severity=Severity.WARNING)
    assert finding == Finding("specs/workspace/list_export_tasks.yaml", 7, 9, Severity.WARNING, "bad method", "use GET")
    assert source.finding(("method",), "m", key=True).col == 1


def test_service_file_kind(spec_tree: SpecTree) -> None:
    loaded = load_file(spec_tree.service("workspace"))
    assert isinstance(loaded, SourceSpec)
    assert loaded.kind == "service"
    assert loaded.service == "workspace"


def test_plain_anchors_and_aliases_are_fine(spec_tree: SpecTree, minimal_spec: str) -> None:
    text = minimal_spec + "notes: &n [one, two]\nconstraints: *n\n"
    source = spec_tree.load(text)
    assert source.data["constraints"] == ["one", "two"]
    assert source.where(("constraints", 1)) == source.where(("notes", 1))


def test_byte_order_mark_is_accepted(spec_tree: SpecTree, minimal_spec: str) -> None:
    source = spec_tree.load(b"\xef\xbb\xbf" + minimal_spec.encode())
    assert source.data["method"] == "GET"


# -- refused input --------------------------------------------------------------------------------


def test_duplicate_key_points_at_the_second(spec_tree: SpecTree, minimal_spec: str) -> None:
    finding = _problem(spec_tree, minimal_spec + "method: POST\n")
    assert (finding.line, finding.col) == (18, 1)
    assert finding.message == "duplicate key `method` (first at line 7)"
    assert finding.hint


def test_duplicate_key_in_a_nested_mapping(spec_tree: SpecTree, minimal_spec: str) -> None:
    finding = _problem(spec_tree, minimal_spec.replace("      description: Project ID.\n", "      type: Integer\n"))
    assert (finding.line, finding.message) == (14, "duplicate key `type` (first at line 12)")


def test_alias_bomb_is_refused_quickly_at_the_alias(spec_tree: SpecTree) -> None:
    started = time.perf_counter()
    finding = _problem(spec_tree, BILLION_LAUGHS)
    assert time.perf_counter() - started < 2
    assert f"expands to more than {MAX_NODES:,} values" in finding.message
    assert "alias bomb" in (finding.hint or "")
    assert finding.line > 1, "reported where an alias tips the size over, not at the top of the file"


def test_alias_bomb_without_a_mapping_at_the_top(spec_tree: SpecTree) -> None:
    text = "- &a [x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"- &{c} [{', '.join([f'*{p}'] * 16)}]\n" for p, c in zip("abcde", "bcdef", strict=True)
    )
    assert "expands to more than" in _problem(spec_tree, text).message


@pytest.mark.slow  # 200,000 values, read twice (as tests/test_limits.py measures)
def test_many_plain_values_are_refused_too(spec_tree: SpecTree) -> None:
    text = "notes:\n" + "  - x\n" * (MAX_NODES + 10)
    assert len(text) < MAX_FILE_BYTES
    finding = _problem(spec_tree, text)
    assert f"more than {MAX_NODES:,} values" in finding.message


def test_file_over_the_size_limit_is_refused_before_parsing(spec_tree: SpecTree) -> None:
    content = b"[" * (MAX_FILE_BYTES + 1)  # not YAML at all: only the size may be reported
    started = time.perf_counter()
    finding = _problem(spec_tree, content)
    assert time.perf_counter() - started < 1
    assert finding.message == f"the file is {MAX_FILE_BYTES + 1:,} bytes; specs are limited to {MAX_FILE_BYTES:,}"
    assert (finding.line, finding.col) == (1, 1)


def test_file_at_the_size_limit_is_read(spec_tree: SpecTree, minimal_spec: str) -> None:
    text = minimal_spec + "#" * (MAX_FILE_BYTES - len(minimal_spec))
    assert len(text.encode()) == MAX_FILE_BYTES
    assert spec_tree.load(text).data["method"] == "GET"


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 100_000])
def test_deep_nesting_is_refused_without_crashing(spec_tree: SpecTree, depth: int) -> None:
    # 100,000 levels used to overflow the C stack of PyYAML's composer and kill the interpreter.
    started = time.perf_counter()
    finding = _problem(spec_tree, "notes: " + "[" * depth + "]" * depth + "\n")
    assert time.perf_counter() - started < 2
    assert finding.message == f"nesting deeper than {MAX_DEPTH} levels"
    assert (finding.line, finding.col) == (1, 8 + MAX_DEPTH)


def test_nesting_at_the_limit_is_read(spec_tree: SpecTree) -> None:
    depth = MAX_DEPTH
    loaded = load_file(spec_tree.spec("notes: " + "[" * depth + "]" * depth + "\n"))
    assert isinstance(loaded, SourceSpec)


def test_recursive_alias(spec_tree: SpecTree) -> None:
    finding = _problem(spec_tree, "notes: &n\n  - *n\n")
    assert (finding.line, finding.col) == (2, 5)
    assert "inside the value it refers to" in finding.message


def test_undefined_alias(spec_tree: SpecTree) -> None:
    finding = _problem(spec_tree, "title: *nope\n")
    assert (finding.line, finding.col, finding.message) == (1, 8, "alias `*nope` has no anchor")


def test_anchor_defined_twice(spec_tree: SpecTree) -> None:
    finding = _problem(spec_tree, "title: &x a\nsummary: &x b\n")
    assert (finding.line, finding.message) == (2, "anchor `&x` is defined twice (first at line 1)")


def test_not_utf8_points_at_the_byte(spec_tree: SpecTree) -> None:
    finding = _problem(spec_tree, "title: ok\nsummary: caf\xe9\n".encode("latin-1"))
    assert (finding.line, finding.col) == (2, 13)
    assert finding.message == "the file is not valid UTF-8 (byte 0xe9)"
    assert finding.hint == "save the file as UTF-8"


def test_control_character(spec_tree: SpecTree) -> None:
    finding = _problem(spec_tree, "title: ok\nsummary: a\x07b\n")
    assert (finding.line, finding.col) == (2, 11)
    assert "U+0007" in finding.message
    assert "\n" not in finding.message


@pytest.mark.parametrize(
    ("text", "line", "col", "words", "hint"),
    [
        ("title: a: b\n", 1, 9, "mapping values are not allowed", "quote"),
        ("title: [a\nsummary: b\n", 2, 8, "(while parsing a flow sequence at line 1, column 8)", "close the `[`"),
        ('title: "open\n', 2, 1, "found unexpected end of stream", "close the quote"),
        ("title:\n\t- a\n", 2, 1, "found a tab", "indent with spaces"),
        ("title: a\n  summary: b\n", 2, 10, "mapping values are not allowed", None),
    ],
)
def test_syntax_errors(spec_tree: SpecTree, text: str, line: int, col: int, words: str, hint: str | None) -> None:
    finding = _problem(spec_tree, text)
    assert finding.message.startswith("YAML syntax error: ")
    assert words in finding.message
    assert (finding.line, finding.col) == (line, col)
    if hint:
        assert hint in (finding.hint or "")
    assert "\n" not in finding.message


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the file is empty"),
        ("# only a comment\n", "the file is empty"),
        ("- a\n- b\n", "expected a mapping of keys at the top of the file, got a list"),
        ("just text\n", "expected a mapping of keys at the top of the file, got a single value, 'just text'"),
        ("title: !!python/object:os.system x\n", "unsupported YAML tag `!!python/object:os.system`"),
        ("title: !!set {a, b}\n", "unsupported YAML tag `!!set`"),
        ("title: !custom x\n", "unsupported YAML tag `!custom`"),
        ("base: &b {a: 1}\nother:\n  <<: *b\n", "merge keys (<<) are not supported"),
        ("? [a, b]\n: c\n", "a mapping key must be a plain value, not a list or mapping"),
        ("title: a\n---\ntitle: b\n", "a spec file holds one YAML document, this is a second one"),
    ],
)
def test_refused_documents(spec_tree: SpecTree, text: str, message: str) -> None:
    assert _problem(spec_tree, text).message == message


def test_explicit_plain_tags_are_fine(spec_tree: SpecTree) -> None:
    loaded = load_file(spec_tree.spec("title: !!str 12\nnotes: !!seq [a]\n"))
    assert isinstance(loaded, SourceSpec)
    assert loaded.data == {"title": "12", "notes": ["a"]}


def test_unreadable_file(spec_tree: SpecTree) -> None:
    directory = spec_tree.root / "specs" / "workspace" / "dir.yaml"
    directory.mkdir(parents=True)
    loaded = load_file(directory)
    assert isinstance(loaded, Finding)
    assert loaded.message.startswith("cannot read the file: ")


# -- load_specs -----------------------------------------------------------------------------------


def test_load_specs_walks_directories(spec_tree: SpecTree, minimal_spec: str) -> None:
    spec_tree.spec(minimal_spec, "b_op.yml")
    spec_tree.spec(minimal_spec, "a_op.yaml")
    spec_tree.spec(minimal_spec, "c_op.yaml", service="hss")
    spec_tree.write("workspace/README.md", "not a spec")
    sources, findings = load_specs([Path("specs")])
    assert findings == []
    assert [s.display for s in sources] == [
        "specs/hss/_service.yaml",
        "specs/hss/c_op.yaml",
        "specs/workspace/_service.yaml",
        "specs/workspace/a_op.yaml",
        "specs/workspace/b_op.yml",
    ]


def test_load_specs_adds_the_service_file_of_a_single_spec(spec_tree: SpecTree, minimal_spec: str) -> None:
    path = spec_tree.spec(minimal_spec)
    sources, findings = load_specs([path, path, Path("specs/workspace")])
    assert findings == []
    assert [s.display for s in sources] == ["specs/workspace/_service.yaml", "specs/workspace/list_export_tasks.yaml"]


def test_load_specs_reports_missing_paths_and_keeps_going(spec_tree: SpecTree, minimal_spec: str) -> None:
    spec_tree.spec(minimal_spec)
    sources, findings = load_specs([Path("specs/nowhere.yaml"), Path("specs")])
    assert [(f.path, f.message) for f in findings] == [("specs/nowhere.yaml", "no such file or directory")]
    assert len(sources) == 2


def test_load_specs_reports_each_broken_file(spec_tree: SpecTree, minimal_spec: str) -> None:
    spec_tree.spec(minimal_spec)
    spec_tree.spec("title: [", "broken.yaml")
    spec_tree.service("workspace", "")
    sources, findings = load_specs([Path("specs")])
    assert [s.display for s in sources] == ["specs/workspace/list_export_tasks.yaml"]
    assert sorted(f.path for f in findings) == ["specs/workspace/_service.yaml", "specs/workspace/broken.yaml"]


def test_service_file_name_constant() -> None:
    assert SERVICE_FILE == "_service.yaml"


def test_columns_count_characters_not_bytes(spec_tree: SpecTree) -> None:
    assert _problem(spec_tree, "title: ééé\x07\n").col == 11
    assert _problem(spec_tree, "title: ééé".encode() + b"\xff\n").col == 11
    assert _problem(spec_tree, "title: ééé: b\n").col == 11


def _two_pass(text: str) -> tuple[object, dict[object, object], dict[object, object]]:
    from generator.spec.yamlread import _Builder, _parse

    node = _parse(text)
    builder = _Builder()
    return builder.build(node), builder.positions, builder.key_positions


def test_the_one_pass_reader_gives_what_the_two_pass_reader_gives() -> None:
    from generator.spec.yamlquick import quick_read as _quick_read

    root = Path(__file__).resolve().parent.parent
    files = sorted((root / "specs").rglob("*.yaml")) + sorted((root / "tests" / "cases").rglob("*.yaml"))
    read = 0
    for path in files:
        try:
            text = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            continue
        quick = _quick_read(text)
        if quick is not None:
            read += 1
            assert quick == _two_pass(text), path
    assert read > 80  # the real specs and every well-formed case took the quick path


@pytest.mark.parametrize(
    "text",
    [
        "a: &x 1\nb: *x\n",
        "a: &m\n  k: [1, {z: 2}]\n  j: q\nb:\n  - *m\n  - c: *m\n",
        "a: &s [x, y]\nb: {c: *s, d: *s}\n",
        "notes: &n text\nlist:\n  - *n\n  - &o {p: 1}\n  - *o\n",
    ],
)
def test_aliases_read_in_one_pass_as_in_two(text: str) -> None:
    from generator.spec.yamlquick import quick_read as _quick_read

    quick = _quick_read(text)
    assert quick is not None and quick == _two_pass(text)


@pytest.mark.parametrize(
    "text",
    [
        "a: &x\n  - *x\n",
        "a: 1\n---\nb: 2\n",
        "a: !!binary aGk=\n",
        "a: 1\na: 2\n",
        "? [k]\n: v\n",
        "- 1\n",
        "<<: {a: 1}\n",
    ],
    ids=["recursive alias", "two documents", "tag", "duplicate", "complex key", "not a mapping", "merge"],
)
def test_what_the_one_pass_reader_leaves_to_the_precise_one(text: str) -> None:
    from generator.spec.yamlquick import quick_read as _quick_read

    assert _quick_read(text) is None
