"""The one-pass YAML reader: parser events straight to data and positions, for the documents specs
are (no aliases past a bound, no errors). Anything unusual returns None and yamlread.py's two-pass
reader reads it precisely, so both give the same data and positions for every document this one reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from .yamlread import LOADER, MAP_TAG, MAX_DEPTH, MAX_NODES, SEQ_TAG, LoadError, Pointer, scalar_value

__all__ = ["quick_read"]


# Values aliases may repeat before the one-pass reader hands the document to the two-pass one.
_QUICK_REPEATS = 5_000


class _Unusual(Exception):
    """Something the one-pass reader leaves to the two-pass one: an alias, an error, a limit."""


def _copy(value: Any) -> Any:
    """A fresh copy of plain data (an alias gets its own containers, as the two-pass reader builds them)."""
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


@dataclass
class _Anchor:
    """An anchored value and its subtree's positions, relative to it, for the aliases that repeat it."""

    value: Any
    positions: list[tuple[Pointer, tuple[int, int]]]
    keys: list[tuple[Pointer, tuple[int, int]]]
    nodes: int
    depth: int


def _one_pass(loader: Any) -> tuple[Any, dict[Pointer, tuple[int, int]], dict[Pointer, tuple[int, int]]]:
    """Data and positions straight from the parser's events: no composed node graph, no second scan.

    For the documents specs are: mappings, lists and plain values, with anchors and aliases. Anything
    else (a second document, a tag, a merge key, a duplicate or non-scalar key, a depth or size limit,
    a recursive alias, any error) raises _Unusual, and the two-pass reader, which reports each of
    these precisely, reads the document instead. Both give the same data and positions for every
    document this one accepts (tests/test_load.py).
    """
    positions: list[tuple[Pointer, tuple[int, int]]] = []
    keys: list[tuple[Pointer, tuple[int, int]]] = []
    anchors: dict[str, _Anchor] = {}
    # One frame per open collection: [container, pointer, key awaiting its value, is_map, anchor, starts]
    stack: list[list[Any]] = []
    root: Any = None
    documents = count = repeated = 0
    resolve = loader.resolve

    def tag_of(event: Any, node_kind: type) -> str:
        value = event.value if node_kind is yaml.ScalarNode else None
        return str(event.tag) if event.tag not in (None, "!") else str(resolve(node_kind, value, event.implicit))

    def place(value: Any) -> None:
        nonlocal root
        frame = stack[-1] if stack else None
        if frame is None:
            root = value
        elif frame[3]:
            frame[0][frame[2]] = value
            frame[2] = None
        else:
            frame[0].append(value)

    def anchor(name: str, value: Any, start: tuple[int, int, int], pointer: Pointer, nodes: int) -> None:
        if name in anchors:
            raise _Unusual("an anchor defined twice")
        depth = len(pointer)
        rel_positions = [(p[depth:], m) for p, m in positions[start[0] :]]
        rel_keys = [(p[depth:], m) for p, m in keys[start[1] :]]
        deepest = max((len(p) for p, _ in rel_positions), default=0)
        anchors[name] = _Anchor(_copy(value), rel_positions, rel_keys, nodes, deepest)

    while loader.check_event():
        event = loader.get_event()
        kind = type(event)
        if kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise _Unusual("a second document")
            continue
        if kind in (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent):
            continue
        if kind in (yaml.MappingEndEvent, yaml.SequenceEndEvent):
            closed = stack.pop()
            if closed[4] is not None:
                anchor(closed[4], closed[0], closed[5], closed[1], count - closed[5][2])
            continue
        frame = stack[-1] if stack else None
        mark = (event.start_mark.line + 1, event.start_mark.column + 1)
        if frame is not None and frame[3] and frame[2] is None:  # a mapping key
            if kind is not yaml.ScalarEvent or event.anchor is not None:
                raise _Unusual("a key that is not a plain value")
            if tag_of(event, yaml.ScalarNode) == "tag:yaml.org,2002:merge":
                raise _Unusual("a merge key")
            key = str(event.value)
            if key in frame[0]:
                raise _Unusual("a duplicate key")
            count += 1
            keys.append(((*frame[1], key), mark))
            frame[2] = key
            continue
        if frame is None:
            pointer: Pointer = ()
        elif frame[3]:
            pointer = (*frame[1], frame[2])
        else:
            pointer = (*frame[1], len(frame[0]))
        if kind is yaml.AliasEvent:
            target = anchors.get(event.anchor)
            if target is None:
                raise _Unusual("an alias of an open or unknown anchor")
            count += target.nodes
            repeated += target.nodes
            if repeated > _QUICK_REPEATS or count > MAX_NODES or len(pointer) + target.depth > MAX_DEPTH:
                raise _Unusual("a limit")  # the two-pass reader measures an alias bomb without expanding it
            positions.extend(((*pointer, *rel), m) for rel, m in target.positions)
            keys.extend(((*pointer, *rel), m) for rel, m in target.keys)
            place(_copy(target.value))
            continue
        count += 1
        if count > MAX_NODES or len(stack) > MAX_DEPTH:
            raise _Unusual("a limit")
        starts = (len(positions), len(keys), count - 1)
        positions.append((pointer, mark))
        if kind is yaml.ScalarEvent:
            tag = tag_of(event, yaml.ScalarNode)
            value = scalar_value(yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style))
            place(value)
            if event.anchor is not None:
                anchor(event.anchor, value, starts, pointer, 1)
            continue
        is_map = kind is yaml.MappingStartEvent
        if tag_of(event, yaml.MappingNode if is_map else yaml.SequenceNode) != (MAP_TAG if is_map else SEQ_TAG):
            raise _Unusual("a tag")
        container: Any = {} if is_map else []
        place(container)
        stack.append([container, pointer, None, is_map, event.anchor, starts])
    if not isinstance(root, dict):
        raise _Unusual("not a mapping")
    return root, dict(positions), dict(keys)


def quick_read(text: str) -> tuple[Any, dict[Pointer, tuple[int, int]], dict[Pointer, tuple[int, int]]] | None:
    loader = LOADER(text)
    try:
        return _one_pass(loader)
    except (_Unusual, yaml.YAMLError, LoadError, KeyError, RecursionError):
        return None
    finally:
        loader.dispose()
