"""Runnable docs examples, laid out exactly as black lays them out, without running black per page.

Each operation's page shows a sync and an async call with its required arguments. Formatting those
2,000 snippets of a 1,000-operation tree with black took longer than rendering everything else, and
their shape is fixed: imports, a `with` line, one call whose arguments are names and JSON values.
For that shape black's rules are few (tests/test_examples.py holds this module to black's output):

- a statement that fits in the line length (East Asian characters count twice) stays on one line;
- a call that does not fit puts its arguments on one indented line between the brackets if they fit
  there, else one argument per line with a trailing comma;
- a list or dict literal that does not fit puts one element per line, with a trailing comma.

A value this module does not lay out with certainty (a string with quotes, backslashes or control
characters, a number black would respell) sends the snippet to black instead.
"""

from __future__ import annotations

from typing import Any

from black.strings import str_width

from .formatting import BLACK_MODE, format_python
from .model import Operation, Service

__all__ = ["examples"]

_WIDTH = BLACK_MODE.line_length
_CONNECT = 'region="cn-north-4", project_id="<project id>", auth=TokenAuth("<token>")'


class _Unsure(Exception):
    """A value whose black layout this module does not reproduce: black formats the snippet."""


def _literal(value: Any) -> str:
    """A JSON value as black prints it on one line."""
    if value is None or isinstance(value, bool):
        return repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        text = repr(value)
        if "e" in text or "inf" in text or "nan" in text:
            raise _Unsure(text)
        return text
    if isinstance(value, str):
        if '"' in value or "\\" in value or not value.isprintable():
            raise _Unsure(value)
        return f'"{value}"'
    if isinstance(value, list):
        return "[" + ", ".join(_literal(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_literal(str(k))}: {_literal(v)}" for k, v in value.items()) + "}"
    raise _Unsure(repr(value))


def _element(prefix: str, value: Any, indent: int, suffix: str) -> list[str]:
    """`prefix value suffix` at `indent`: one line if it fits, else a literal split one element per line."""
    pad = " " * indent
    line = f"{pad}{prefix}{_literal(value)}{suffix}"
    if str_width(line) <= _WIDTH:
        return [line]
    if isinstance(value, list) and value:
        inner = [ln for item in value for ln in _element("", item, indent + 4, ",")]
        return [f"{pad}{prefix}[", *inner, f"{pad}]{suffix}"]
    if isinstance(value, dict) and value:
        inner = [ln for k, v in value.items() for ln in _element(f"{_literal(str(k))}: ", v, indent + 4, ",")]
        return [f"{pad}{prefix}{{", *inner, f"{pad}}}{suffix}"]
    raise _Unsure(line)


def _call(head: str, args: list[tuple[str, Any]], indent: int, tail: str = "") -> list[str]:
    """`head(name=value, ...)tail` at `indent`, as black splits a call that is too long."""
    pad = " " * indent
    body = ", ".join(f"{name}={_literal(value)}" for name, value in args)
    line = f"{pad}{head}({body}){tail}"
    if str_width(line) <= _WIDTH:
        return [line]
    if len(pad) + 4 + str_width(body) <= _WIDTH:
        return [f"{pad}{head}(", f"{pad}    {body}", f"{pad}){tail}"]
    inner = [ln for name, value in args for ln in _element(f"{name}=", value, indent + 4, ",")]
    return [f"{pad}{head}(", *inner, f"{pad}){tail}"]


def _placeholder(op: Operation) -> list[tuple[str, Any]]:
    """Required arguments, with the page's example values where it has them."""
    example = next((e.body for e in op.request_examples if e.has_body and isinstance(e.body, dict)), {})
    args: list[tuple[str, Any]] = []
    for fld in op.arguments:
        if not op.argument_required(fld):
            continue
        if fld.name in example:
            value = example[fld.name]
        elif fld.type.page_type == "Array":
            value = [f"<{fld.name}>"]
        elif fld.type.page_type in ("Integer", "Long", "Float", "Double", "Number"):
            value = 1
        else:
            value = f"<{fld.name}>"
        args.append((fld.python_name, value))
    return args


def _laid_out(service: Service, op: Operation) -> tuple[str, str]:
    args = _placeholder(op)
    sync_client, async_client = service.client_class, service.async_client_class
    sync = [
        "from hwcloud import TokenAuth",
        f"from hwcloud.{service.name} import {sync_client}",
        "",
        *_with(f"with {sync_client}", 0),
        *_call(f"result = client.{op.name}", args, 4),
    ]
    asynchronous = [
        "import asyncio",
        "",
        "from hwcloud import TokenAuth",
        f"from hwcloud.{service.name} import {async_client}",
        "",
        "",
        "async def main() -> None:",
        *_with(f"async with {async_client}", 4),
        *_call(f"result = await client.{op.name}", args, 8),
        "",
        "",
        "asyncio.run(main())",
    ]
    return "\n".join(sync) + "\n", "\n".join(asynchronous) + "\n"


def _with(head: str, indent: int) -> list[str]:
    pad = " " * indent
    line = f"{pad}{head}({_CONNECT}) as client:"
    if str_width(line) <= _WIDTH:
        return [line]
    return [f"{pad}{head}(", f"{pad}    {_CONNECT}", f"{pad}) as client:"]


def examples(service: Service, op: Operation) -> tuple[str, str]:
    """The sync and the async example of `op`'s docs page, black-formatted."""
    try:
        return _laid_out(service, op)
    except _Unsure:
        return _fallback(service, op)


def _fallback(service: Service, op: Operation) -> tuple[str, str]:
    args = ", ".join(f"{name}={value!r}" for name, value in _placeholder(op))
    cls, acls = service.client_class, service.async_client_class
    sync = (
        f"from hwcloud import TokenAuth\nfrom hwcloud.{service.name} import {cls}\n\n"
        f"with {cls}({_CONNECT}) as client:\n    result = client.{op.name}({args})\n"
    )
    asynchronous = (
        f"import asyncio\n\nfrom hwcloud import TokenAuth\nfrom hwcloud.{service.name} import {acls}\n\n\n"
        f"async def main() -> None:\n    async with {acls}({_CONNECT}) as client:\n"
        f"        result = await client.{op.name}({args})\n\n\nasyncio.run(main())\n"
    )
    return format_python(sync), format_python(asynchronous)
