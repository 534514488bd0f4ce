"""YAML text → plain data plus the line and column of every value and key.

PyYAML's composer gives nodes with marks; we construct the data ourselves so that we can
record positions, refuse duplicate keys (PyYAML silently keeps the last one), and bound the
work an alias bomb or a huge file can cause. The one-pass reader over the parser's events
(yamlquick.py) serves the documents specs are; the two-pass reader here (bounds first, then
nodes) reports anything else precisely. load.py turns what these return into SourceSpecs and findings.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import yaml

__all__ = [
    "LOADER",
    "MAP_TAG",
    "MAX_DEPTH",
    "MAX_NODES",
    "SEQ_TAG",
    "LoadError",
    "Pointer",
    "decode",
    "read_precisely",
    "scalar_value",
    "within_bounds",
]

MAX_NODES = 200_000
MAX_DEPTH = 64

Pointer = tuple[str | int, ...]
_T = TypeVar("_T")

try:  # the C loader is several times faster; the pure-Python one gives the same nodes
    LOADER: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    LOADER = yaml.SafeLoader

_YAML_TAG_PREFIX = "tag:yaml.org,2002:"
MAP_TAG, SEQ_TAG = f"{_YAML_TAG_PREFIX}map", f"{_YAML_TAG_PREFIX}seq"
_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}
_constructor = yaml.constructor.SafeConstructor()


class LoadError(Exception):
    def __init__(self, line: int, col: int, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.line, self.col, self.message, self.hint = line, col, message, hint


class _TooDeepForLibyaml(LoadError):
    """libyaml's own nesting limit (1,000 levels) tripped before our event walk could report ours."""


class _Builder:
    """Turns a node graph into data, recording positions and enforcing the limits."""

    def __init__(self) -> None:
        self.positions: dict[Pointer, tuple[int, int]] = {}
        self.key_positions: dict[Pointer, tuple[int, int]] = {}
        self.nodes = 0

    def build(self, node: yaml.Node, pointer: Pointer = ()) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:  # _scan refuses these first; this bounds the work if it ever does not
            raise LoadError(
                *_mark(node),
                f"the document expands to more than {MAX_NODES:,} values",
                "a spec is small: write the values out instead of nesting aliases",
            )
        if len(pointer) > MAX_DEPTH:
            raise LoadError(*_mark(node), f"nesting deeper than {MAX_DEPTH} levels", "flatten the structure")
        self.positions[pointer] = _mark(node)
        if isinstance(node, yaml.MappingNode):
            _check_tag(node, MAP_TAG)
            return self._mapping(node, pointer)
        if isinstance(node, yaml.SequenceNode):
            _check_tag(node, SEQ_TAG)
            return [self.build(item, (*pointer, i)) for i, item in enumerate(node.value)]
        return scalar_value(node)

    def _mapping(self, node: yaml.MappingNode, pointer: Pointer) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise LoadError(*_mark(key_node), "a mapping key must be a plain value, not a list or mapping")
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise LoadError(*_mark(key_node), "merge keys (<<) are not supported", "write the keys out")
            key = str(key_node.value)
            child = (*pointer, key)
            if key in result:
                first = self.key_positions[child]
                raise LoadError(
                    *_mark(key_node),
                    f"duplicate key `{key}` (first at line {first[0]})",
                    "remove one of them; YAML keeps only the last",
                )
            self.key_positions[child] = _mark(key_node)
            result[key] = self.build(value_node, child)
        return result


def scalar_value(node: yaml.Node) -> Any:
    if node.tag == "tag:yaml.org,2002:timestamp":
        return str(node.value)  # dates stay text: specs hold what the page printed
    _check_tag(node, *_SCALAR_TAGS)
    # The tag's constructor itself: construct_object would keep every node it ever saw in its memo.
    return _constructor.yaml_constructors[node.tag](_constructor, node)


def _check_tag(node: yaml.Node, *allowed: str) -> None:
    if node.tag not in allowed:
        tag = str(node.tag).replace(_YAML_TAG_PREFIX, "!!", 1)
        raise LoadError(*_mark(node), f"unsupported YAML tag `{tag}`", "specs use plain YAML: remove the tag")


def _mark(node: yaml.Node | yaml.Event) -> tuple[int, int]:
    mark = node.start_mark
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def decode(raw: bytes) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before[before.rfind(b"\n") + 1 :].decode("utf-8")) + 1  # columns count characters, as YAML's do
        raise LoadError(
            line, col, f"the file is not valid UTF-8 (byte 0x{raw[exc.start]:02x})", "save the file as UTF-8"
        ) from None


# Hints for the syntax errors people actually make, keyed by a fragment of PyYAML's problem text.
_SYNTAX_HINTS = (
    ("mapping values are not allowed", "quote a value that contains `: `, or fix the indentation of this line"),
    ("tab character", "indent with spaces; YAML does not allow tabs for indentation"),
    ("cannot start any token", "quote a value that starts with @ or `"),
    ("did not find expected key", "check the indentation: this line does not line up with the keys above it"),
    ("expected <block end>", "check the indentation: this line does not line up with the keys above it"),
    ("did not find expected ',' or ']'", "close the `[` list, or quote a value that contains `[`"),
    ("did not find expected ',' or '}'", "close the `{` mapping, or quote a value that contains `{`"),
    ("found unexpected end of stream", "close the quote"),
    ("found unknown escape character", "inside double quotes `\\` starts an escape: write `\\\\` or use single quotes"),
    ("could not find expected ':'", "add the `:` after the key, or quote a value that spans lines"),
)


def _syntax_error(exc: yaml.MarkedYAMLError, text: str) -> LoadError:
    """PyYAML's "while <context> ... <problem>" as one line: the problem where it was found, the context's start."""
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = str(exc.problem or exc.context or "cannot read the document")
    lines = text.splitlines()
    if line <= len(lines) and lines[line - 1][col - 1 : col] == "\t":
        problem = problem.replace("found character that", "found a tab, which")
        problem = problem.replace("found character '\\t' that", "found a tab, which")
    message = f"YAML syntax error: {problem}"
    if exc.context and exc.problem:
        context = exc.context_mark
        where = f" at line {context.line + 1}, column {context.column + 1}" if context else ""
        message += f" ({exc.context}{where})"
    hint = next((h for fragment, h in _SYNTAX_HINTS if fragment in problem), None)
    if "found a tab" in problem:
        hint = "indent with spaces; YAML does not allow tabs for indentation"
    return LoadError(line, col, message, hint)


def _reader_error(exc: yaml.reader.ReaderError, text: str) -> LoadError:
    char = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "\0")
    # The C reader counts UTF-8 bytes, the Python one characters; the first such character is the one.
    position = text.find(chr(char))
    position = exc.position if position < 0 else position
    before = text[:position]
    line, col = before.count("\n") + 1, position - (before.rfind("\n") + 1) + 1
    return LoadError(
        line,
        col,
        f"the file contains the control character U+{char:04X}, which YAML does not allow",
        f"remove it, or inside double quotes write it as the escape \\u{char:04X}",
    )


def _scan(loader: Any) -> None:
    """Walk the events (flat, cheap) to refuse what would make composing or building expensive or wrong.

    The C composer recurses once per nesting level and crashes the interpreter on a deep enough
    document, so depth is bounded here, before it runs. Each anchor's expanded size is computed
    as it closes, so an alias bomb is refused at the alias that tips it over, without expanding it.
    """
    total = 0
    open_nodes: list[tuple[str | None, int]] = []  # (anchor, total before the node started)
    sizes: dict[str, int] = {}
    anchors: dict[str, tuple[int, int]] = {}
    documents = 0
    while loader.check_event():
        event = loader.get_event()
        at = _mark(event)
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise LoadError(
                    *at,
                    "a spec file holds one YAML document, this is a second one",
                    "remove the `---` line and what follows, or move it to its own file",
                )
            continue
        anchor = getattr(event, "anchor", None)
        if isinstance(event, yaml.AliasEvent):
            if anchor not in anchors:
                raise LoadError(
                    *at, f"alias `*{anchor}` has no anchor", f"define `&{anchor}` on a value before using `*{anchor}`"
                )
            if anchor not in sizes:
                raise LoadError(
                    *at,
                    f"alias `*{anchor}` is inside the value it refers to (a recursive structure)",
                    "write the value out",
                )
            total += sizes[anchor]
            if total > MAX_NODES:
                raise LoadError(
                    *at,
                    f"the document expands to more than {MAX_NODES:,} values; alias `*{anchor}` here repeats"
                    f" {sizes[anchor]:,} of them",
                    "aliases of aliases that multiply like this are an alias bomb; a spec is small: write it out",
                )
            continue
        if isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)):
            if len(open_nodes) > MAX_DEPTH:
                raise LoadError(*at, f"nesting deeper than {MAX_DEPTH} levels", "flatten the structure")
            if anchor is not None:
                if anchor in anchors:
                    first = anchors[anchor]
                    raise LoadError(
                        *at, f"anchor `&{anchor}` is defined twice (first at line {first[0]})", "rename one of them"
                    )
                anchors[anchor] = at
            total += 1
            if total > MAX_NODES:
                raise LoadError(*at, f"the document has more than {MAX_NODES:,} values", "a spec is one page: trim it")
        if isinstance(event, yaml.ScalarEvent):
            if anchor is not None:
                sizes[anchor] = 1
        elif isinstance(event, yaml.CollectionStartEvent):
            open_nodes.append((anchor, total - 1))
        elif isinstance(event, yaml.CollectionEndEvent):
            anchor, start = open_nodes.pop()
            if anchor is not None:
                sizes[anchor] = total - start


def _run(text: str, step: Callable[[Any], _T], loader_class: type | None = None) -> _T:
    """Run one pass of a fresh loader over `text`, turning every YAML error into a LoadError."""
    loader = (loader_class or LOADER)(text)
    try:
        return step(loader)
    except yaml.MarkedYAMLError as exc:
        if "maximum nesting depth" in str(exc.problem):
            raise _TooDeepForLibyaml(1, 1, f"nesting deeper than {MAX_DEPTH} levels", "flatten the structure") from None
        raise _syntax_error(exc, text) from None
    except yaml.reader.ReaderError as exc:
        raise _reader_error(exc, text) from None
    except yaml.YAMLError as exc:
        raise LoadError(1, 1, f"YAML error: {' '.join(str(exc).split())}") from None
    except RecursionError:
        raise LoadError(1, 1, "the document is nested too deeply to read") from None
    finally:
        loader.dispose()


def _parse(text: str) -> yaml.Node | None:
    try:  # bounds first: the composer must never see a document that is too deep or too big
        _run(text, _scan)
    except _TooDeepForLibyaml:
        # libyaml scans a flow collection to its end before emitting events, so it refuses 1,000 levels
        # before _scan sees level 65; the pure-Python scanner has no such limit and lets _scan say where.
        _run(text, _scan, yaml.SafeLoader)
        raise
    node: yaml.Node | None = _run(text, lambda loader: loader.get_single_node())
    return node


def read_precisely(text: str) -> tuple[Any, dict[Pointer, tuple[int, int]], dict[Pointer, tuple[int, int]]]:
    """The two-pass reader: bounds checked first, then the node graph built; any problem a LoadError."""
    node = _parse(text)
    if node is None:
        raise LoadError(1, 1, "the file is empty", "a spec is a YAML mapping; see docs/spec-format.md")
    builder = _Builder()
    data = builder.build(node)
    if not isinstance(data, dict):
        what = "a list" if isinstance(data, list) else f"a single value, {data!r}"
        raise LoadError(
            *_mark(node),
            f"expected a mapping of keys at the top of the file, got {what}",
            "a spec is `key: value` lines: `spec_version: 1`, `title: ...` and so on",
        )
    return data, builder.positions, builder.key_positions


def within_bounds(data: Any) -> bool:
    """Whether data written as YAML would load: at most MAX_DEPTH levels and MAX_NODES values
    (what the readers refuse), counted without recursion."""
    stack: list[tuple[Any, int]] = [(data, 1)]
    nodes = 0
    while stack:
        value, depth = stack.pop()
        nodes += 1
        if depth > MAX_DEPTH or nodes > MAX_NODES:
            return False
        if isinstance(value, dict):
            stack.extend((item, depth + 1) for item in value.values())
        elif isinstance(value, list):
            stack.extend((item, depth + 1) for item in value)
    return True
