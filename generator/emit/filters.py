"""Every Jinja filter, registered in one dict: escaping and the few strings templates print."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Callable
from typing import Any

from ..model import derive
from ..model.api import Field, Operation, Workflow
from ..model.declare import (
    operation_decorator,
    operation_result,
    paged_decorator,
    paged_result,
    waiter_decorator,
    workflow_decorator,
    workflow_result,
)
from ..runtime import error_class_name
from .formatting import format_attribute, format_parameter

__all__ = ["FILTERS", "docstring", "method_doc"]


def docstring(text: str, attribute: bool = False) -> str:
    """Make page text safe inside a triple-quoted string, in black's layout: no escape sequences, no
    closing quotes, no trailing spaces, continuation lines without a common indent, and in a
    docstring (not an `attribute`'s string) a space between a quote and the docstring's own quotes,
    as black pads them.

    A multi-line text ends with a newline so the closing quotes stand on their own line; the
    template's `indent` filter then indents the continuation lines.
    """
    text = text.strip().replace("\\", "\\\\")
    if '""' in text or text.endswith('"'):
        text = text.replace('"', '\\"')  # every quote escaped: none can close the string
    lines = [line.rstrip() for line in text.splitlines()] or [""]
    if lines[0].startswith('"') and not attribute:
        lines[0] = " " + lines[0]
    if len(lines) == 1:
        return lines[0] + " " if lines[0].endswith('"') and not attribute else lines[0]
    return "\n".join([lines[0], *_dedented(lines[1:])]) + "\n"


def _dedented(lines: list[str]) -> list[str]:
    """Lines without the indent they share, leading tabs counted as four spaces (PEP 257, as black)."""
    expanded = [line[: len(line) - len(line.lstrip())].expandtabs(4) + line.lstrip() for line in lines]
    cut = min((len(line) - len(line.lstrip()) for line in expanded if line), default=0)
    return [line[cut:] for line in expanded]


def pyrepr(value: Any) -> str:
    """A Python literal for a string, number or bool (deterministic, double-quoted for black)."""
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return repr(value)


def argument_annotation(fld: Field, op: Operation) -> str:
    return fld.argument_annotation(optional=not op.argument_required(fld))


def parameter(fld: Field, op: Operation, waiter: bool = False) -> str:
    """One keyword parameter of a generated method: `name: type` or `name: type | None = None`."""
    required = op.wait_required(fld) if waiter else op.argument_required(fld)
    annotation = fld.argument_annotation(optional=not required)
    return f"{fld.python_name}: {annotation}" if required else f"{fld.python_name}: {annotation} = None"


def parameter_lines(args: tuple[Field, ...], op: Operation, options: str, waiter: bool = False) -> str:
    """The keyword parameters of a declared method, one per line, ending with its `**options`."""
    lines = [format_parameter(f"        {parameter(a, op, waiter)},") for a in args]
    return "\n".join([*lines, f"        **options: Unpack[{options}],"])


def error_class(status: int) -> str:
    """The runtime's error class for `status` (templates/core/_constants.py says which)."""
    return error_class_name(status)


def _argument_doc(fld: Field, op: Operation) -> str:
    parts = [fld.description.replace("\n\n", " ").replace("\n", " ")]
    whole = op.body.whole_type if op.body else None
    if whole is not None and fld.location == "body":
        parts.insert(0, f"The whole request body, {whole.whole_label}.")
    if derive.defaults_to_client(fld.location, fld.name):
        parts.append("Defaults to the client's project_id.")
    if fld.type.page_type == "File":
        parts.append(derive.FILE_ARGUMENT_NOTE)
    if fld.enum:
        parts.append("One of: " + ", ".join(str(v) for v in fld.enum_values) + ".")
    facts = fld.constraints.describe()
    if facts:
        parts.append("Limits: " + ", ".join(facts) + ".")
    if fld.wire_form:
        parts.append(f"Sent as `{fld.wire_form}`.")
    if fld.nullable:
        parts.append(derive.nullable_note(fld.required))
    if fld.has_default and "default" not in fld.description.lower():
        parts.append(f"Service default: {fld.default!r}.")
    wire = (
        f" (sent as {fld.location} `{fld.name}`)"
        if fld.location in ("header", "query") and fld.name != fld.python_name
        else ""
    )
    body = " ".join(p for p in parts if p)
    return textwrap.fill(f"{fld.python_name}{wire}: {body}", width=96, subsequent_indent="    ")


def method_doc(op: Operation) -> str:
    """Docstring of a client method: summary, HTTP line, constraints, arguments, result, errors."""
    sections = [op.summary, f"`{op.method} {op.path}`"]
    if op.description:
        sections.append(op.description)
    if op.constraints:
        sections.append("Constraints:\n" + "\n".join(f"- {c}" for c in op.constraints))
    if op.arguments:
        sections.append("Args:\n" + "\n".join(textwrap.indent(_argument_doc(a, op), "    ") for a in op.arguments))
    ok = op.success
    if ok is not None:
        what = "a streamed download" if ok.is_file else (f"`{ok.model}`" if ok.model else "nothing")
        if ok.whole is not None:
            what = f"`{ok.whole.python()}`, the whole body ({ok.whole.whole_label})"
        returned = textwrap.fill(f"{what} ({ok.status}: {ok.description})", 92)
        if len(op.results) > 1:  # which status came back shows in the type (the raw response has it too)
            each = [f"`{r.result(qualified=False)}` ({r.status}: {r.description})" for r in op.successes]
            if len(op.results) < len(op.successes):  # two statuses, one type: the raw response tells them apart
                each.append("`client.with_raw_response(...)` has the status")
            returned = textwrap.fill("; ".join(each), 92)
        if op.response_headers:
            read = ", ".join(f"`{h.python_name}` (header {h.name})" for h in op.response_headers)
            returned = textwrap.fill(f"{returned}; with the response headers it documents as attributes: {read}", 92)
        sections.append("Returns:\n" + textwrap.indent(returned, "    "))
    if op.errors:
        lines = [
            f"    {error_class(r.status)}: {r.status} {r.description}"
            + (f" (`body`: `{r.model}`)" if r.model and r.fields else "")
            for r in op.errors
        ]
        sections.append("Raises:\n" + "\n".join(lines))
    return "\n\n".join(sections)


def _paragraphs(*paragraphs: str) -> str:
    """Docstring paragraphs, each prose one wrapped to the width of the method docs (sections stay)."""
    return "\n\n".join(p if "\n" in p else textwrap.fill(p, width=96) for p in paragraphs)


def paged_doc(op: Operation) -> str:
    """Docstring of an item iterator: what it crosses, how many items per request, when it stops."""
    paging = op.pagination
    assert paging is not None
    first = f"Every item of `{paging.items.name}` across all pages of `{op.name}`."
    pages = f"`{derive.page_iterator(op.name)}` yields the pages instead."
    if paging.marker is not None:
        if paging.next_marker:
            source = f"`{'.'.join(f.name for f in paging.next_marker)}` (a short page ends the list)"
        elif paging.item_marker:
            source = f"the `{paging.item_marker.name}` of the page's last item (a short page ends the list)"
        else:
            where = ".".join(f.name for f in paging.next_link)
            source = f"the `{paging.marker.name}` of the next URL in `{where}` (no such URL ends the list)"
        return _paragraphs(
            first,
            f"Arguments are those of `{op.name}` but `{paging.limit.python_name}`, which it sends itself,"
            f" `page_size` items per request (default {paging.page_size}); `{paging.marker.python_name}` says"
            f" where to start (default: the first page). Each next marker is read from {source}. Stops on an"
            " empty page; raises PaginationError if the service hands back a marker already followed. " + pages,
        )
    stop = f"the offset reaches `{paging.count.name}`" if paging.count else "a page comes back short"
    return _paragraphs(
        first,
        f"Arguments are those of `{op.name}` but `{paging.position.python_name}` and `{paging.limit.python_name}`,"
        f" which it sends itself: from `offset` (default 0), `page_size` items per request (default"
        f" {paging.page_size}). Stops on an empty page or when {stop}; raises PaginationError if the"
        " service returns the same page twice. " + pages,
    )


def waiter_doc(op: Operation) -> str:
    """Docstring of a waiter: what it polls, which states end it, what it returns or raises."""
    waiter = op.waiter
    assert waiter is not None
    where = f"`{waiter.state_wire}`"
    if waiter.select_parameter:
        where += f" of the `{waiter.select_items}` item whose `{waiter.select_key}` is `{waiter.select_parameter}`"
    success = ", ".join(map(str, waiter.success))
    failure = ", ".join(map(str, waiter.failure)) or "none documented"
    return _paragraphs(
        f"Poll `{op.name}` until the job ends, reading the state from {where}.",
        f"Success: {success}. Failure: {failure}.",
        "Polls every `poll_interval` seconds, growing by half each time up to `max_poll_interval`,"
        " for at most `wait_timeout` seconds.",
        f"Returns:\n    the last `{op.result_type}` (the one in a success state)",
        "Raises:\n    WaiterError: on a failure state or when `wait_timeout` passes; carries `last_response`.",
    )


def workflow_doc(flow: Workflow) -> str:
    """Docstring of a one-call workflow: the chain it runs and what it returns."""
    assert flow.poll.waiter is not None
    steps = [f"`{flow.start.name}`", f"`{flow.poll.waiter.name}` (polls `{flow.poll.name}`)"]
    if flow.download:
        steps.append(f"`{flow.download.name}`, saved to `destination`")
    result = "the saved file's path" if flow.download else f"the final `{flow.poll.result_type}`"
    return (
        f"Start the job, wait for it{' and download its file' if flow.download else ''}: {' → '.join(steps)}.\n\n"
        f"Arguments are those of `{flow.start.name}`; the ones `{flow.poll.name}`"
        f"{' and `' + flow.download.name + '`' if flow.download else ''} share are passed on.\n\n"
        f"Returns:\n    {result}\n\n"
        "Raises:\n    WaiterError: the job failed or did not finish within `wait_timeout`.\n"
        "    JobError: a response lacks the id the next step needs."
    )


def md_cell(text: Any) -> str:
    """Text for one Markdown table cell: no pipes or line breaks."""
    return str(text).replace("|", "\\|").replace("\r", "").replace("\n\n", "<br>").replace("\n", " ")


def json_text(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False)


FILTERS: dict[str, Callable[..., Any]] = {
    "argument_annotation": argument_annotation,
    "docstring": docstring,
    "format_attribute": format_attribute,
    "item_iterator": derive.item_iterator,
    "page_iterator": derive.page_iterator,
    "page_options": derive.page_options,
    "nullable_note": derive.nullable_note,
    "error_class": error_class,
    "json_text": json_text,
    "md_cell": md_cell,
    "method_doc": method_doc,
    "operation_decorator": operation_decorator,
    "operation_result": operation_result,
    "paged_decorator": paged_decorator,
    "paged_doc": paged_doc,
    "paged_result": paged_result,
    "waiter_decorator": waiter_decorator,
    "workflow_decorator": workflow_decorator,
    "waiter_doc": waiter_doc,
    "workflow_doc": workflow_doc,
    "workflow_result": workflow_result,
    "parameter": parameter,
    "parameter_lines": parameter_lines,
    "pyrepr": pyrepr,
}
