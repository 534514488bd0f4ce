"""Python source for values and calls, written the way black writes them.

The generated modules still go through black, which has the last word; printing what black would
print keeps its work to a check (an unchanged file is one parse, no rewrite and no equivalence
proof) and keeps the docs examples, which black never sees, exactly as it would make them.

Black's rules for what is printed here are few: a line that fits (East Asian characters count
twice) stays whole; a call that does not fit puts its arguments on one indented line between the
brackets if they fit there, else one per line with a trailing comma; a list or dict literal that
does not fit puts one element per line, with a trailing comma.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

__all__ = ["LINE_LENGTH", "Unsure", "call", "element", "from_import", "literal", "quoted", "str_width", "tuple_of"]

LINE_LENGTH = 100  # of the generated package: formatting.black_mode() and its pyproject.toml use it


def str_width(text: str) -> int:
    """Width as black counts it (wide East Asian characters twice); black loads only for non-ASCII."""
    if text.isascii():
        return len(text)
    from black.strings import str_width as width

    return width(text)


class Unsure(Exception):
    """A value whose black spelling this module does not reproduce with certainty."""


def quoted(text: str) -> str:
    """A string literal that can hold any text, quoted as black quotes it: in double quotes unless
    single ones need fewer escapes (a text of double quotes only)."""
    body = "".join(c if c.isprintable() else _escape(c) for c in text.replace("\\", "\\\\"))
    if text.count("'") < text.count('"'):
        return "'" + body.replace("'", "\\'") + "'"
    return '"' + body.replace('"', '\\"') + '"'


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def tuple_of(values: Iterable[object]) -> str:
    items = [quoted(v) if isinstance(v, str) else repr(v) for v in values]
    return f"({items[0]},)" if len(items) == 1 else f"({', '.join(items)})"


def literal(value: Any) -> str:
    """A JSON value as black prints it on one line; Unsure where black might spell it otherwise."""
    if value is None or isinstance(value, bool):
        return repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        text = repr(value)
        if "e" in text or "inf" in text or "nan" in text:
            raise Unsure(text)
        return text
    if isinstance(value, str):
        if '"' in value or "\\" in value or not value.isprintable():
            raise Unsure(value)
        return f'"{value}"'
    if isinstance(value, list):
        return "[" + ", ".join(literal(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{literal(str(k))}: {literal(v)}" for k, v in value.items()) + "}"
    raise Unsure(repr(value))


def element(prefix: str, value: Any, indent: int, suffix: str) -> list[str]:
    """`prefix value suffix` at `indent`: one line if it fits, else the literal one element per line."""
    pad = " " * indent
    line = f"{pad}{prefix}{literal(value)}{suffix}"
    if str_width(line) <= LINE_LENGTH:
        return [line]
    if isinstance(value, list) and value:
        inner = [ln for item in value for ln in element("", item, indent + 4, ",")]
        return [f"{pad}{prefix}[", *inner, f"{pad}]{suffix}"]
    if isinstance(value, dict) and value:
        inner = [ln for k, v in value.items() for ln in element(f"{literal(str(k))}: ", v, indent + 4, ",")]
        return [f"{pad}{prefix}{{", *inner, f"{pad}}}{suffix}"]
    raise Unsure(line)


def call(head: str, args: list[str], indent: int, tail: str = "", exploded: list[str] | None = None) -> list[str]:
    """`head(args)tail` at `indent`, split as black splits a call that is too long.

    `args` are source texts (`name=value`, names, literals). One per line, an argument too long
    for its line is left whole for black to split, unless `exploded` gives those lines.
    """
    pad = " " * indent
    body = ", ".join(args)
    line = f"{pad}{head}({body}){tail}"
    if str_width(line) <= LINE_LENGTH:
        return [line]
    if indent + 4 + str_width(body) <= LINE_LENGTH:
        return [f"{pad}{head}(", f"{pad}    {body}", f"{pad}){tail}"]
    inner = exploded if exploded is not None else [f"{pad}    {arg}," for arg in args]
    return [f"{pad}{head}(", *inner, f"{pad}){tail}"]


def from_import(head: str, names: list[str]) -> str:
    """`from module import a, b`, one name per line (with a trailing comma) when it does not fit."""
    line = f"{head} import {', '.join(names)}"
    if str_width(line) <= LINE_LENGTH:
        return line
    return f"{head} import (\n" + "".join(f"    {name},\n" for name in names) + ")"
