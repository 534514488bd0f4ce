"""Runnable docs examples, laid out exactly as black lays them out, without running black per page.

Each operation's page shows a sync and an async call with its required arguments. Formatting those
2,000 snippets of a 1,000-operation tree with black took longer than rendering everything else, and
their shape is fixed: imports, a `with` line, one call whose arguments are names and JSON values.
For that shape black's rules are few, and generator.emit.pysource applies them (tests/test_examples.py
holds the result to black's own).

A value pysource does not lay out with certainty (a string with quotes, backslashes or control
characters, a number black would respell) sends the snippet to black instead.
"""

from __future__ import annotations

from typing import Any

from ..model.api import Operation, Service
from .formatting import format_python
from .pysource import Unsure, call, element, literal

__all__ = ["examples"]

_CONNECT = 'region="cn-north-4", project_id="<project id>", auth=TokenAuth("<token>")'


def _call(head: str, args: list[tuple[str, Any]], indent: int) -> list[str]:
    """`head(name=value, ...)` at `indent`; one argument per line splits its literal as black would."""
    texts = [f"{name}={literal(value)}" for name, value in args]
    exploded = [line for name, value in args for line in element(f"{name}=", value, indent + 4, ",")]
    return call(head, texts, indent, exploded=exploded)


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
        elif fld.type.page_type == "File":  # a path: streamed from disk
            value = f"<path of the {fld.name} to upload>"
        else:
            value = f"<{fld.name}>"
        args.append((fld.python_name, value))
    return args


def _laid_out(service: Service, op: Operation, package: str = "hwcloud") -> tuple[str, str]:
    args = _placeholder(op)
    sync_client, async_client = service.client_class, service.async_client_class
    sync = [
        f"from {package} import TokenAuth",
        f"from {package}.{service.name} import {sync_client}",
        "",
        *_with(f"with {sync_client}", 0),
        *_call(f"{_keep(op)}client.{op.name}", args, 4),
    ]
    asynchronous = [
        "import asyncio",
        "",
        f"from {package} import TokenAuth",
        f"from {package}.{service.name} import {async_client}",
        "",
        "",
        "async def main() -> None:",
        *_with(f"async with {async_client}", 4),
        *_call(f"{_keep(op)}await client.{op.name}", args, 8),
        "",
        "",
        "asyncio.run(main())",
    ]
    return "\n".join(sync) + "\n", "\n".join(asynchronous) + "\n"


def _keep(op: Operation) -> str:
    """`result = ` before a call that returns something (a call that returns None is a statement)."""
    return "" if op.result_type == "None" else "result = "


def _with(head: str, indent: int) -> list[str]:
    return call(head, [_CONNECT], indent, " as client:")


def examples(service: Service, op: Operation, package: str = "hwcloud") -> tuple[str, str]:
    """The sync and the async example of `op`'s docs page, black-formatted; `package` is the import name."""
    try:
        return _laid_out(service, op, package)
    except Unsure:
        return _fallback(service, op, package)


def _fallback(service: Service, op: Operation, package: str) -> tuple[str, str]:
    args = ", ".join(f"{name}={value!r}" for name, value in _placeholder(op))
    cls, acls = service.client_class, service.async_client_class
    sync = (
        f"from {package} import TokenAuth\nfrom {package}.{service.name} import {cls}\n\n"
        f"with {cls}({_CONNECT}) as client:\n    {_keep(op)}client.{op.name}({args})\n"
    )
    asynchronous = (
        f"import asyncio\n\nfrom {package} import TokenAuth\nfrom {package}.{service.name} import {acls}\n\n\n"
        f"async def main() -> None:\n    async with {acls}({_CONNECT}) as client:\n"
        f"        {_keep(op)}await client.{op.name}({args})\n\n\nasyncio.run(main())\n"
    )
    return format_python(sync), format_python(asynchronous)
