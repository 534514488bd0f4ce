"""Spec data → YAML text in the house style of specs/ (what a person would write by hand).

PyYAML's dumper cannot be told to fold long prose at 80 columns, keep short value lists in
flow style and quote status codes, so the few shapes a spec has are written here directly:
mappings, lists, and scalars as plain, quoted, folded (`>-`) or literal (`|-`) text. The
output is checked by the tests to load back to the same data.
"""

from __future__ import annotations

import functools
import json
import re
from typing import Any

import yaml

__all__ = ["MODELINE", "dump_spec"]

# Where a spec's editor schema is when no [tool.hwgen] says: `specs/spec.schema.json`, beside the services.
MODELINE = "# yaml-language-server: $schema=../spec.schema.json\n"
WIDTH = 80
_FLOW_WIDTH = 100
_RESOLVER = yaml.resolver.Resolver()
_STR = "tag:yaml.org,2002:str"
_PLAIN_START = set("-?:,[]{}#&*!|>'\"%@`")
_FLOW_UNSAFE = set(",[]{}")


def _resolves_as_text(text: str) -> bool:
    tag: str = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    return tag == _STR


def _plain_ok(text: str, *, flow: bool = False) -> bool:
    if not text or text != text.strip() or text[0] in _PLAIN_START or "\n" in text:
        return False
    if ": " in text or " #" in text or text.endswith(":") or not text.isprintable():
        return False
    if flow and any(c in _FLOW_UNSAFE for c in text):
        return False
    if flow and "?" in text:  # PyYAML ends a plain scalar at "?" inside [...]: quoted, every parser reads it
        return False
    return _resolves_as_text(text)


# Characters a YAML file may not hold raw (outside its printable set), and the line breaks YAML folds
# inside quotes (NEL, LS, PS) and the byte-order mark: written as escapes in double quotes. Spelled as
# the characters escaped, not as the complement of those kept: the same set, compiled ten times faster.
_ESCAPE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def _double_quoted(text: str) -> str:
    return _ESCAPE.sub(_escape, json.dumps(text, ensure_ascii=False))


def _number(value: float) -> str:
    """PyYAML (YAML 1.1) reads `5e-324` as text: a float in exponent form gets its `.0`."""
    text = json.dumps(value)
    return re.sub(r"^(-?\d+)e", r"\1.0e", text) if isinstance(value, float) else text


def _quoted(text: str) -> str:
    if '"' in text and "'" not in text and text.isprintable():
        return f"'{text}'"
    return _double_quoted(text)


@functools.lru_cache(maxsize=8192, typed=True)  # typed: True and 1 are different scalars
def _scalar(value: Any, *, flow: bool = False) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return _number(value)
    text = str(value)
    return text if _plain_ok(text, flow=flow) else _quoted(text)


def _wrap(text: str, indent: int) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        if current and indent + len(current) + 1 + len(word) >= WIDTH:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append(current)
    return lines


def _text(text: str, indent: int) -> list[str] | str:
    """A string: inline (returned as str) or a block scalar (header + lines)."""
    pad = " " * indent
    printable = all(line.isprintable() for line in text.split("\n"))
    literal = (
        "\n" in text
        and printable
        and not text.startswith((" ", "\n"))
        and not text.endswith("\n")  # |- drops a final line break
        and "\n\n\n" not in text
    )
    if literal and all(line == line.rstrip() for line in text.split("\n")):
        return ["|-", *[pad + line if line else "" for line in text.split("\n")]]
    if len(text) > WIDTH and " " in text and text.isprintable() and text == text.strip() and "  " not in text:
        return [">-", *[pad + line for line in _wrap(text, indent)]]
    return _scalar(text)


def _is_scalar(value: Any) -> bool:
    return value is None or isinstance(value, str | int | float | bool)


def _flow(values: list[Any]) -> str | None:
    if not values or not all(_is_scalar(v) and not (isinstance(v, str) and " " in v) for v in values):
        return None
    return "[" + ", ".join(_scalar(v, flow=True) for v in values) + "]"


@functools.lru_cache(maxsize=4096, typed=True)
def _key(key: Any) -> str:
    """A mapping key; a spec has few distinct ones (name, type, description…): each is worked out once."""
    text = str(key)
    if isinstance(key, str) and _plain_ok(text) and re.fullmatch(r"[A-Za-z_][\w.-]*", text):
        return text
    return _double_quoted(text)


def _emit(value: Any, indent: int, out: list[str], prefix: str) -> None:
    """Write `value` after `prefix` (a key and colon, or a list dash), nesting at `indent`."""
    pad = " " * indent
    if isinstance(value, dict):
        if not value:
            out.append(f"{prefix} {{}}" if prefix else "{}")
            return
        first = True
        for key, item in value.items():
            head = f"{_key(key)}:"
            if first and prefix.endswith("-"):
                _emit(item, indent + 2, out, f"{prefix} {head}")
            else:
                if first and prefix:
                    out.append(prefix)
                _emit(item, indent + 2, out, f"{pad}{head}")
            first = False
        return
    if isinstance(value, list):
        if not value:
            out.append(f"{prefix} []")
            return
        flow = _flow(value)
        if flow is not None and len(prefix) + 1 + len(flow) <= _FLOW_WIDTH:
            out.append(f"{prefix} {flow}")
            return
        out.append(prefix)
        for item in value:
            _emit(item, indent + 2, out, f"{pad}-")
        return
    if isinstance(value, str):
        text = _text(value, indent)
        if isinstance(text, list):
            out.append(f"{prefix} {text[0]}")
            out.extend(text[1:])
        else:
            out.append(f"{prefix} {text}")
        return
    out.append(f"{prefix} {_scalar(value)}")


def dump_spec(data: dict[str, Any], hand_written: tuple[str, ...] = (), modeline: str = MODELINE) -> str:
    """The YAML text of a spec; the keys in `hand_written` follow a comment that says so."""
    out: list[str] = []
    for key, value in data.items():
        if key in hand_written and not any(k in hand_written for k in list(data)[: list(data).index(key)]):
            out.append("")
            out.append("# Beyond the page: written by hand.")
        _emit(value, 2, out, f"{_key(key)}:")
    body = "\n".join(line.rstrip() for line in out) + "\n"
    return modeline + body
