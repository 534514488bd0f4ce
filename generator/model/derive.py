"""Every name and default a spec implies without stating it, derived once.

build, semantics, the diff, the filters and templates read these functions; none of them spells
`iter_…`, `…_pages`, `…_and_wait`, `…_and_download` or an argument's Python name itself
(tests/test_derive.py fails if one does). The facts the runtime shares (idempotent methods, the
default content type, the headers the client sets) come from its `_constants.py` (generator.runtime).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..runtime import DEFAULT_CONTENT_TYPE, IDEMPOTENT_METHODS, RUNTIME_HEADERS
from .naming import argument_name, python_name

__all__ = [
    "FILE_ARGUMENT_NOTE",
    "FILE_BODY_ARGUMENT",
    "FORM_URLENCODED",
    "MULTIPART",
    "OCTET_STREAM",
    "RUNTIME_HEADERS",
    "WHOLE_BODY_ARGUMENT",
    "body_fields",
    "collection_format",
    "content_type",
    "defaults_to_client",
    "exact_type",
    "extra_methods",
    "field_python_name",
    "file_body",
    "idempotent",
    "item_iterator",
    "media_type",
    "nullable_note",
    "page_iterator",
    "page_options",
    "paging_style",
    "upload_kind",
    "whole_body",
    "workflow",
]

_ARGUMENT_LOCATIONS = frozenset({"path", "query", "header", "body"})


def field_python_name(raw: Mapping[str, Any], location: str) -> str:
    """A field's Python name: its `python_name`, else a keyword argument's name for a parameter or
    top-level body field, else a model attribute's (the two differ in what they must avoid)."""
    chosen = raw.get("python_name")
    if chosen:
        return str(chosen)
    name = str(raw["name"])
    return argument_name(name) if location in _ARGUMENT_LOCATIONS else python_name(name, model_field=True)


# The keyword argument holding a request body that is a JSON array or map (Huawei's SDKs call it `body` too).
WHOLE_BODY_ARGUMENT = "body"
_WHOLE_KINDS = (("array", "Array", "items"), ("map", "Map", "values"))


def whole_body(raw_body: Mapping[str, Any]) -> dict[str, Any] | None:
    """A body that is a JSON array (`array: X`) or map (`map: X`), as the one field it amounts to:
    the method's `body` argument, a response's whole result. None for a body of `fields`."""
    for key, kind, ref in _WHOLE_KINDS:
        if key in raw_body:
            return {
                "name": WHOLE_BODY_ARGUMENT,
                "type": kind,
                ref: raw_body[key],
                "required": True,
                "description": raw_body.get("description") or f"The whole body: a JSON {key} of {raw_body[key]}.",
            }
    return None


# The keyword argument holding a request body that is a file sent as it is (`request_body: {file: ...}`).
FILE_BODY_ARGUMENT = "file"
OCTET_STREAM = "application/octet-stream"
# What docstrings and docs say a file argument takes, in one wording.
FILE_ARGUMENT_NOTE = (
    "A path, an open binary file, bytes, or a (filename, data, content_type) tuple; paths and files "
    "are streamed, not read whole (`progress=` reports the bytes sent)."
)
MULTIPART = "multipart/form-data"
FORM_URLENCODED = "application/x-www-form-urlencoded"  # a form of text fields, as a browser posts one


def file_body(raw_body: Mapping[str, Any]) -> dict[str, Any] | None:
    """A request body that is a file (`file: {...}`), as the one `file` argument it amounts to."""
    if "file" not in raw_body:
        return None
    raw_file = raw_body["file"] or {}
    description = raw_file.get("description") or raw_body.get("description") or "The file to send as the body."
    return {"name": FILE_BODY_ARGUMENT, "type": "File", "required": True, "description": description}


def upload_kind(raw_body: Mapping[str, Any] | None) -> str:
    """How a request body carries files: `binary` (the body is a file), `multipart` (form-data
    parts, some of them File fields), or "" (JSON)."""
    if raw_body is None:
        return ""
    if "file" in raw_body:
        return "binary"
    return "multipart" if media_type(content_type(raw_body)) == MULTIPART else ""


def media_type(value: str) -> str:
    """A content type without its parameters, lower-cased: `multipart/form-data`."""
    return value.split(";")[0].strip().lower()


def body_fields(raw_body: Mapping[str, Any] | None) -> list[dict[str, Any]]:
    """The fields of a body as the method takes them: its `fields`, or the one `body` of a whole
    array or map, or the one `file` of a body that is a file."""
    if raw_body is None:
        return []
    whole = whole_body(raw_body) or file_body(raw_body)
    return [whole] if whole is not None else list(raw_body.get("fields", []))


def item_iterator(operation: str) -> str:
    """`iter_list_tasks`: every item of a paged list."""
    return f"iter_{operation}"


def page_iterator(operation: str) -> str:
    """`iter_list_tasks_pages`: every page of a paged list."""
    return f"iter_{operation}_pages"


def paging_style(pagination: Mapping[str, Any]) -> str:
    """`marker` when a spec's pagination names a marker parameter, else `offset`."""
    return "marker" if "marker" in pagination else "offset"


def page_options(style: str) -> str:
    """The runtime's options of a paged iterator: `PageOptions` (offset paging, which also takes
    `offset`) or `MarkerPageOptions` (marker paging starts at the operation's own marker)."""
    return "MarkerPageOptions" if style == "marker" else "PageOptions"


def workflow(operation: str, downloads: bool) -> str:
    """`export_task_and_wait`, or `export_task_and_download` when the job ends in a file."""
    return f"{operation}_and_{'download' if downloads else 'wait'}"


def extra_methods(operation: str, data: Mapping[str, Any]) -> list[tuple[str, str, tuple[str, ...]]]:
    """The client methods a spec adds beside its operation's own, from its data alone:
    (kind, method name, the spec key that asks for it); kinds: iter, iter_pages, waiter, workflow."""
    methods: list[tuple[str, str, tuple[str, ...]]] = []
    if "pagination" in data:
        methods.append(("iter", item_iterator(operation), ("pagination",)))
        methods.append(("iter_pages", page_iterator(operation), ("pagination",)))
    if "waiter" in data:
        methods.append(("waiter", str(data["waiter"]["name"]), ("waiter", "name")))
    if "job" in data:
        methods.append(("workflow", workflow(operation, "download" in data["job"]), ("job",)))
    return methods


def exact_type(values: tuple[Any, ...]) -> str | None:
    """`int` or `bool` for an enumeration of integers or booleans, whose Literal needs the runtime's
    `Exact` (Python holds True == 1); None for strings, which a Literal already keeps apart."""
    if values and all(isinstance(v, bool) for v in values):
        return "bool"
    if values and all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return "int"
    return None


def nullable_note(required: bool) -> str:
    """What docs and docstrings say of a nullable field, in one wording."""
    if required:
        return "May be null: passing None sends null."
    return "May be null: passing None sends null; leaving it out sends nothing."


def idempotent(method: str, stated: bool | None) -> bool:
    """Whether calls may be retried: as the spec states, else as the HTTP method is (RFC 9110)."""
    return method in IDEMPOTENT_METHODS if stated is None else stated


def collection_format(location: str, stated: str | None) -> str:
    """How an Array parameter is sent: as the spec states, else `multi` (repeated keys) in the query
    and `csv` (comma-joined) in a header or the path, which carry one value."""
    return stated or ("multi" if location == "query" else "csv")


def content_type(body: Mapping[str, Any]) -> str:
    """The request body's content type: as the spec states, else JSON (a file body's: its file's,
    else application/octet-stream)."""
    if "file" in body:
        return str((body["file"] or {}).get("content_type", OCTET_STREAM))
    return str(body.get("content_type", DEFAULT_CONTENT_TYPE))


def defaults_to_client(location: str, name: str) -> bool:
    """`project_id` in the path is never required of a call: it defaults to the client's."""
    return location == "path" and name == "project_id"
