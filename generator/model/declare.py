"""The decorator calls that declare each generated client method, as Python source, and what each returns.

A service's client module holds one signature-only method per operation, paged list, waiter and
workflow; the decorator above each says how the call is made and the return annotation what the sync
client returns. The runtime (`_core._operation`, `_core._chain`) reads both, so what is written
here and what the runtime expects must stay in step (tests/e2e exercise every kind over HTTP).
"""

from __future__ import annotations

from collections.abc import Iterable

from ..emit.pysource import call, quoted, tuple_of
from ..runtime import DEFAULT_CONTENT_TYPE, IDEMPOTENT_METHODS
from .api import Field, Location, Operation, Workflow

__all__ = [
    "operation_decorator",
    "operation_result",
    "paged_decorator",
    "paged_result",
    "waiter_decorator",
    "workflow_decorator",
    "workflow_result",
]


def _names(fields: Iterable[Field]) -> str:
    return " ".join(f.python_name for f in fields)


def _call(name: str, positional: list[str], keywords: dict[str, str | None]) -> str:
    """The decorator line(s) as black lays them out in the class body (indented 4; the first line bare)."""
    args = positional + [f"{key}={value}" for key, value in keywords.items() if value is not None]
    return "\n".join(call(f"@declare.{name}", args, 4)).removeprefix("    ")


def operation_decorator(op: Operation) -> str:
    """`@declare.operation("GET /v2/{project_id}/tasks", query="...")` (the result is the declaration's);
    `csv` names the query arrays sent comma-joined (a header's or the path's always are)."""
    is_file = "Download" in op.results
    positional = [quoted(f"{op.method} {op.path}")]
    sent = [*(p for p in op.parameters if not p.runtime), *(op.body.fields if op.body else ())]
    renamed = {f.python_name: f.name for f in sent if f.python_name != f.name}
    locations: tuple[tuple[str, Location], ...] = (("query", "query"), ("headers", "header"), ("body", "body"))
    keywords: dict[str, str | None] = {
        key: quoted(_names(op.by_location(location))) if op.by_location(location) else None
        for key, location in locations
    }
    joined = [p for p in op.by_location("query") if p.collection_format == "csv"]
    if joined:
        keywords["csv"] = quoted(_names(joined))
    if renamed:
        keywords["wire"] = "{" + ", ".join(f"{quoted(k)}: {quoted(v)}" for k, v in renamed.items()) + "}"
    nullable = [f for f in op.by_location("body") if f.nullable]
    if nullable:
        keywords["nullable"] = quoted(_names(nullable))
    if op.nulls_inside:
        keywords["nulls_inside"] = quoted(" ".join(op.nulls_inside))
    if op.response_headers:
        keywords["response_headers"] = quoted(" ".join(h.name for h in op.response_headers))
    if op.body and op.body.whole:  # the one argument is the body itself, not a field of it
        keywords["whole_body"] = "True"
    if op.body and op.body.upload:  # files streamed as the body, or as form-data parts
        keywords["upload"] = quoted(op.body.upload)
        if op.body.upload == "multipart":
            keywords["files"] = quoted(_names(op.body.files))
    if op.body and op.body.content_type != DEFAULT_CONTENT_TYPE:
        keywords["content_type"] = quoted(op.body.content_type)
    if op.idempotent != (op.method in IDEMPOTENT_METHODS):
        keywords["idempotent"] = repr(op.idempotent)
    if op.results_by_status and not is_file:
        keywords["results"] = _statuses(op.results_by_status)
    if op.typed_errors:
        keywords["errors"] = _statuses(op.typed_errors)
    return _call("download" if is_file else "operation", positional, keywords)


def _statuses(groups: tuple[tuple[tuple[int, ...], str], ...]) -> str:
    """`{(200, 202): models.A, 204: None}`: the runtime's map of statuses to types."""
    keys = [str(statuses[0]) if len(statuses) == 1 else f"({', '.join(map(str, statuses))})" for statuses, _ in groups]
    return "{" + ", ".join(f"{key}: {kind}" for key, (_, kind) in zip(keys, groups, strict=True)) + "}"


def operation_result(op: Operation) -> str:
    """What the sync client returns, as the declaration states it: `models.X`, `Download` or `None`
    (a waiter returns what the operation it polls does)."""
    return " | ".join(op.results) if op.results else "None"


def paged_result(op: Operation) -> str:
    """`Iterator[models.Task]`: what an item iterator yields."""
    assert op.pagination is not None, f"{op.name} has no pagination"
    return f"Iterator[{op.pagination.item_type}]"


def workflow_result(flow: Workflow) -> str:
    """`Path` (the saved file) for a workflow that downloads, else what its waiter returns."""
    return "Path" if flow.download else operation_result(flow.poll)


def _attribute_path(fields: tuple[Field, ...]) -> str | None:
    """`page_info.next_marker`: the attributes the runtime follows, in Python names."""
    return quoted(".".join(f.python_name for f in fields)) if fields else None


def paged_decorator(op: Operation) -> str:
    """`@declare.paged(list_tasks, items="tasks", offset=..., limit=..., page_size=100)`, or
    `@declare.marker_paged(list_lbs, items=..., marker=..., limit=..., next_marker="page_info.next_marker")`."""
    paging = op.pagination
    assert paging is not None, f"{op.name} has no pagination"
    keywords: dict[str, str | None] = {"items": quoted(paging.items.python_name)}
    if paging.marker is not None:
        keywords["marker"] = quoted(paging.marker.python_name)
    else:
        keywords["offset"] = quoted(paging.position.python_name)
    keywords["limit"] = quoted(paging.limit.python_name)
    keywords["page_size"] = str(paging.page_size)
    if paging.marker is not None:
        keywords["next_marker"] = _attribute_path(paging.next_marker)
        keywords["next_link"] = _attribute_path(paging.next_link)
        keywords["item_marker"] = quoted(paging.item_marker.python_name) if paging.item_marker else None
        if paging.next_link and paging.marker.name != "marker":
            keywords["link_parameter"] = quoted(paging.marker.name)
        return _call("marker_paged", [op.name], keywords)
    keywords["count"] = quoted(paging.count.python_name) if paging.count else None
    return _call("paged", [op.name], keywords)


def waiter_decorator(op: Operation) -> str:
    """`@declare.waiter(show_job, state="status", success=("SUCCESS",), failure=("FAILED",))`."""
    waiter = op.waiter
    assert waiter is not None, f"{op.name} has no waiter"
    keywords: dict[str, str | None] = {
        "state": quoted(waiter.state),
        "success": tuple_of(waiter.success),
        "failure": tuple_of(waiter.failure) if waiter.failure else None,
        "items": quoted(waiter.select_items) if waiter.select_items else None,
        "key": quoted(waiter.select_key) if waiter.select_key else None,
        "select": quoted(waiter.select_parameter) if waiter.select_parameter else None,
    }
    return _call("waiter", [op.name], keywords)


def workflow_decorator(flow: Workflow) -> str:
    """`@declare.workflow(...)` (start and wait) or `@declare.download_workflow(...)` (and download)."""
    assert flow.poll.waiter is not None, f"{flow.name} polls {flow.poll.name}, which has no waiter"
    positional = [flow.start.name, flow.poll.waiter.name]
    keywords: dict[str, str | None] = {
        "job_id": quoted(flow.id_attr),
        "argument": quoted(flow.poll_argument),
        "shared": quoted(" ".join(flow.shared)) if flow.shared else None,
    }
    if flow.download is None:
        return _call("workflow", positional, keywords)
    assert flow.download_argument and flow.download_field, f"{flow.name} downloads without an argument or field"
    positional.append(flow.download.name)
    keywords["file_argument"] = quoted(flow.download_argument)
    keywords["file_field"] = quoted(flow.download_field)
    keywords["file_shared"] = quoted(" ".join(flow.download_shared)) if flow.download_shared else None
    return _call("download_workflow", positional, keywords)
