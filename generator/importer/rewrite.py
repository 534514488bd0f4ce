"""Rewriting an existing spec so that only what changed changes: comments, anchors and layout stay.

ruamel.yaml's round-trip mode keeps a YAML file's comments, anchors, quoting and block styles;
it is the one well-kept library that does, which is why the importer uses it (and only here,
for the rare spec whose page really changed: it is 20 times slower than the C loader). New
values are written in the house style by `emit` and read back by ruamel, so they look the same
as in a freshly imported spec. The result is checked against the intended data; should ruamel
ever produce anything else, the caller falls back to a clean rewrite.
"""

from __future__ import annotations

import io
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from .emit import dump_spec

__all__ = ["rewrite"]


def _yaml() -> YAML:
    yaml = YAML()
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096  # keep every existing line as it is
    yaml.preserve_quotes = True
    return yaml


def plain(value: Any) -> Any:
    """ruamel's styled containers and scalars as plain Python data."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return bool(value) if type(value).__name__ == "ScalarBoolean" else int(value)
    if isinstance(value, float):
        return float(value)
    return str(value) if isinstance(value, str) else value


def _fresh(value: Any, yaml: YAML) -> Any:
    """`value` as ruamel data in the house style (folded prose, flow lists of values)."""
    text = dump_spec({"value": value})
    return yaml.load(text)["value"]


def _named(items: Any) -> bool:
    return isinstance(items, list) and all(isinstance(i, dict) and "name" in i for i in items)


def _update(old: Any, new: Any, yaml: YAML) -> Any:
    """`old` (ruamel data) made equal to `new`, reusing whatever did not change."""
    if plain(old) == new:
        return old
    if isinstance(old, CommentedMap) and isinstance(new, dict):
        for key in [k for k in old if k not in new]:
            del old[key]
        previous: str | None = None
        for key, value in new.items():
            if key in old:
                old[key] = _update(old[key], value, yaml)
            else:
                position = list(old).index(previous) + 1 if previous is not None else 0
                old.insert(position, key, _fresh(value, yaml))
            previous = key
        return old
    if isinstance(old, CommentedSeq) and _named(old) and _named(new):
        by_name = {str(item["name"]): item for item in old}
        seq = CommentedSeq()
        for item in new:
            kept = by_name.get(str(item["name"]))
            seq.append(_update(kept, item, yaml) if kept is not None else _fresh(item, yaml))
        return seq
    return _fresh(new, yaml)


def rewrite(text: str, data: dict[str, Any]) -> str:
    """The spec `text` changed to hold `data`, keeping its comments and layout where nothing changed."""
    yaml = _yaml()
    tree = yaml.load(text)
    if not isinstance(tree, CommentedMap):
        return dump_spec(data)
    _update(tree, data, yaml)
    out = io.StringIO()
    yaml.dump(tree, out)
    return out.getvalue()
