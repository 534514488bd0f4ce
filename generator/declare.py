"""The decorator calls that declare each generated client method, as Python source.

A service's client module holds one signature-only method per operation, paged list, waiter and
workflow; the decorator above each says how the call is made. `hwcloud._core._operation` reads these
calls at import time, so what is written here and what the runtime expects must stay in step
(tests/e2e exercise every kind over HTTP).
"""

from __future__ import annotations

from collections.abc import Iterable

from .model import Field, Location, Operation, Workflow

__all__ = ["operation_decorator", "paged_decorator", "waiter_decorator", "workflow_decorator"]

_IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})


def _text(value: object) -> str:
    """A double-quoted Python literal (black's preferred quotes) for a string or a scalar."""
    if isinstance(value, str):
        escaped = value.replace("\\", "\\\\").replace('"', '\\"')
        escaped = "".join(c if c.isprintable() else _escape(c) for c in escaped)
        return f'"{escaped}"'
    return repr(value)


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def _tuple(values: Iterable[object]) -> str:
    items = [_text(v) for v in values]
    return f"({items[0]},)" if len(items) == 1 else f"({', '.join(items)})"


def _names(fields: Iterable[Field]) -> str:
    return " ".join(f.python_name for f in fields)


def _call(name: str, positional: list[str], keywords: dict[str, str | None]) -> str:
    args = positional + [f"{key}={value}" for key, value in keywords.items() if value is not None]
    return f"@declare.{name}({', '.join(args)})"


def operation_decorator(op: Operation) -> str:
    """`@declare.operation("GET /v2/{project_id}/tasks", models.ListTasksResponse, query="...")`."""
    is_file = op.result_type == "Download"
    positional = [_text(f"{op.method} {op.path}")]
    if not is_file and op.result_type != "None":
        positional.append(f"models.{op.result_type}")
    sent = [*(p for p in op.parameters if not p.runtime), *(op.body.fields if op.body else ())]
    renamed = {f.python_name: f.name for f in sent if f.python_name != f.name}
    locations: tuple[tuple[str, Location], ...] = (("query", "query"), ("headers", "header"), ("body", "body"))
    keywords: dict[str, str | None] = {
        key: _text(_names(op.by_location(location))) if op.by_location(location) else None
        for key, location in locations
    }
    if renamed:
        keywords["wire"] = "{" + ", ".join(f"{_text(k)}: {_text(v)}" for k, v in renamed.items()) + "}"
    if op.body and op.body.content_type != "application/json":
        keywords["content_type"] = _text(op.body.content_type)
    if op.idempotent != (op.method in _IDEMPOTENT_METHODS):
        keywords["idempotent"] = repr(op.idempotent)
    return _call("download" if is_file else "operation", positional, keywords)


def paged_decorator(op: Operation) -> str:
    """`@declare.paged(list_tasks, models.Task, items="tasks", offset=..., limit=..., page_size=100)`."""
    paging = op.pagination
    assert paging is not None, f"{op.name} has no pagination"
    keywords: dict[str, str | None] = {
        "items": _text(paging.items.python_name),
        "offset": _text(paging.offset.python_name),
        "limit": _text(paging.limit.python_name),
        "page_size": str(paging.page_size),
        "count": _text(paging.count.python_name) if paging.count else None,
    }
    return _call("paged", [op.name, paging.item_type], keywords)


def waiter_decorator(op: Operation) -> str:
    """`@declare.waiter(show_job, state="status", success=("SUCCESS",), failure=("FAILED",))`."""
    waiter = op.waiter
    assert waiter is not None, f"{op.name} has no waiter"
    keywords: dict[str, str | None] = {
        "state": _text(waiter.state),
        "success": _tuple(waiter.success),
        "failure": _tuple(waiter.failure) if waiter.failure else None,
        "items": _text(waiter.select_items) if waiter.select_items else None,
        "key": _text(waiter.select_key) if waiter.select_key else None,
        "select": _text(waiter.select_parameter) if waiter.select_parameter else None,
    }
    return _call("waiter", [op.name], keywords)


def workflow_decorator(flow: Workflow) -> str:
    """`@declare.workflow(...)` (start and wait) or `@declare.download_workflow(...)` (and download)."""
    assert flow.poll.waiter is not None, f"{flow.name} polls {flow.poll.name}, which has no waiter"
    positional = [flow.start.name, flow.poll.waiter.name]
    keywords: dict[str, str | None] = {
        "job_id": _text(flow.id_attr),
        "argument": _text(flow.poll_argument),
        "shared": _text(" ".join(flow.shared)) if flow.shared else None,
    }
    if flow.download is None:
        return _call("workflow", positional, keywords)
    positional.append(flow.download.name)
    keywords["file_argument"] = _text(flow.download_argument)
    keywords["file_field"] = _text(flow.download_field)
    keywords["file_shared"] = _text(" ".join(flow.download_shared)) if flow.download_shared else None
    return _call("download_workflow", positional, keywords)
