"""The typed intermediate model: what the templates, the docs and the OpenAPI export read.

Everything here is frozen and already sorted and named; the objects present themselves to
templates (type strings, pydantic field expressions, docstrings), so templates only print.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from . import derive
from .fields import Constraints, EnumValue, Field, Location, Model, Scalar, TypeRef

__all__ = [
    "Api",
    "Body",
    "Constraints",
    "EnumValue",
    "Field",
    "Job",
    "Location",
    "Model",
    "Operation",
    "Pagination",
    "Permission",
    "RequestExample",
    "Response",
    "Service",
    "TypeRef",
    "Waiter",
    "Workflow",
]


@dataclass(frozen=True)
class Body:
    content_type: str
    description: str | None
    fields: tuple[Field, ...]  # a whole array or map: the one `body` argument holding it
    whole: bool = False  # the body is that one argument's value (a JSON array or map), not an object of fields
    upload: str = ""  # "binary": the body is the one `file` argument; "multipart": form-data parts

    @property
    def is_urlencoded(self) -> bool:
        """A form of text fields (application/x-www-form-urlencoded), not JSON."""
        return derive.media_type(self.content_type) == derive.FORM_URLENCODED

    @property
    def files(self) -> tuple[Field, ...]:
        """The body arguments that are files (the one of a binary body, the File parts of a form)."""
        return tuple(f for f in self.fields if f.type.page_type == "File")

    @property
    def whole_type(self) -> TypeRef | None:
        """The type of a body that is a JSON array or map, else None."""
        return self.fields[0].type if self.whole else None


@dataclass(frozen=True)
class Response:
    status: int
    description: str
    fields: tuple[Field, ...] | None  # None: no body documented
    model: str | None  # class name of the success body model
    is_file: bool = False
    file_description: str | None = None
    example: Any = None
    has_example: bool = False
    example_description: str | None = None
    headers: tuple[Field, ...] = ()  # the documented response headers
    whole: TypeRef | None = None  # a body that is a JSON array or map: the result is a list or dict

    @property
    def is_success(self) -> bool:
        return 200 <= self.status < 300

    def result(self, qualified: bool = True) -> str:
        """What an answer with this status is read into: `models.X` (`X` unqualified), a list or dict
        of them, `Download`, or `None` (no body documented)."""
        if self.whole is not None:
            return self.whole.qualified() if qualified else self.whole.python()
        if self.is_file:
            return "Download"
        if self.model is None or (self.fields is None and not self.headers):
            return "None"
        return f"models.{self.model}" if qualified else self.model


@dataclass(frozen=True)
class Pagination:
    """Offset paging (`offset` set) or marker paging (`marker` set, with `next_marker`, `next_link` or
    `item_marker`)."""

    limit: Field
    items: Field
    item_type: str  # Python type of one item
    count: Field | None = None
    offset: Field | None = None
    marker: Field | None = None
    next_marker: tuple[Field, ...] = ()  # the response fields down to the next page's marker
    next_link: tuple[Field, ...] = ()  # the response fields down to the links holding the next URL
    item_marker: Field | None = None  # the item field whose value on a page's last item is the next marker

    @property
    def position(self) -> Field:
        """The argument that says where a page starts: the offset, or the marker."""
        position = self.offset or self.marker
        assert position is not None, "a pagination has an offset or a marker"
        return position

    @property
    def style(self) -> Literal["offset", "marker"]:
        return "marker" if self.marker is not None else "offset"

    @property
    def page_size(self) -> int:
        """Default page size of the iterators: the largest the page allows, else its default, else 20."""
        limit = self.limit
        if limit.constraints.maximum is not None:
            return int(limit.constraints.maximum)
        return int(limit.default) if isinstance(limit.default, int) else 20


@dataclass(frozen=True)
class Waiter:
    name: str
    state: str  # python attribute holding the state
    state_wire: str
    success: tuple[Scalar, ...]
    failure: tuple[Scalar, ...]
    select_parameter: str | None = None  # python name of the argument that selects the item
    select_items: str | None = None  # python attribute of the response list
    select_key: str | None = None  # python attribute of the item


@dataclass(frozen=True)
class Job:
    poll: str
    id_field: str
    poll_parameter: str


@dataclass(frozen=True)
class Workflow:
    """A one-call helper: start a job, wait for it, and download its file when the specs say how."""

    start: Operation
    poll: Operation
    id_attr: str  # attribute of the start response holding the job id
    poll_argument: str  # argument of the poll operation taking it
    shared: tuple[str, ...]  # arguments of the poll passed on from the start call
    download: Operation | None = None
    download_argument: str | None = None
    download_field: str | None = None  # attribute of the poll's final response holding the file id
    download_shared: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return derive.workflow(self.start.name, self.download is not None)


@dataclass(frozen=True)
class Permission:
    action: str
    access_level: str
    resource_types: tuple[str, ...] = ()
    condition_keys: tuple[str, ...] = ()
    alias: str | None = None
    dependencies: tuple[str, ...] = ()


@dataclass(frozen=True)
class RequestExample:
    description: str | None
    method: str | None
    url: str
    body: Any
    has_body: bool


@dataclass(frozen=True)
class Operation:
    name: str  # method name: list_export_tasks
    class_prefix: str  # ListExportTasks
    service: str
    spec_path: str  # specs/workspace/list_export_tasks.yaml
    title: str
    summary: str
    description: str | None
    constraints: tuple[str, ...]
    notes: tuple[str, ...]
    method: str
    path: str
    parameters: tuple[Field, ...]  # path, query, header, in page order within each
    body: Body | None
    responses: tuple[Response, ...]
    permissions: tuple[Permission, ...]
    authorization: str | None
    request_examples: tuple[RequestExample, ...]
    source_page: str
    updated_on: str | None  # None: the page states no date (repository Markdown)
    error_codes: str | None
    idempotent: bool
    deprecated: bool
    pagination: Pagination | None = None
    waiter: Waiter | None = None
    job: Job | None = None
    nulls_inside: tuple[str, ...] = ()  # body arguments whose objects hold nullable fields (at any depth)

    @property
    def arguments(self) -> tuple[Field, ...]:
        """Keyword arguments of the client method: required first, then optional, each in page order."""
        fields = [p for p in self.parameters if not p.runtime]
        if self.body:
            fields += self.body.fields
        required = [f for f in fields if self.argument_required(f)]
        return (*required, *(f for f in fields if not self.argument_required(f)))

    def argument_required(self, fld: Field) -> bool:
        """Required, except `project_id` in the path, which defaults to the client's."""
        return fld.required and not derive.defaults_to_client(fld.location, fld.name)

    @property
    def page_arguments(self) -> tuple[Field, ...]:
        """Arguments of the paging iterators: all but the offset and limit they drive (a marker stays:
        it says where a marker-paged iterator starts)."""
        paging = self.pagination
        if paging is None:
            return ()
        driven = {paging.limit.name, *(f.name for f in (paging.offset,) if f is not None)}
        return tuple(a for a in self.arguments if a.name not in driven)

    def wait_required(self, fld: Field) -> bool:
        """In a waiter, the argument that selects the job's list item is required too."""
        selected = self.waiter.select_parameter if self.waiter else None
        return self.argument_required(fld) or fld.python_name == selected

    def by_location(self, location: Location) -> tuple[Field, ...]:
        if location == "body":
            return self.body.fields if self.body else ()
        return tuple(p for p in self.parameters if p.location == location and not p.runtime)

    @property
    def success(self) -> Response | None:
        """The first documented 2xx: the one paging, waiters and jobs read (validate makes sure the
        others, if any, have the same shape there)."""
        return next((r for r in self.responses if r.is_success), None)

    @property
    def successes(self) -> tuple[Response, ...]:
        return tuple(r for r in self.responses if r.is_success)

    @property
    def results(self) -> tuple[str, ...]:
        """The distinct results of the documented 2xx statuses, qualified, in status order with
        `None` last: `("models.A", "models.B", "None")`."""
        seen = dict.fromkeys(r.result() for r in self.successes)
        return (*(t for t in seen if t != "None"), *(("None",) if "None" in seen else ()))

    @property
    def results_by_status(self) -> tuple[tuple[tuple[int, ...], str], ...]:
        """Statuses grouped by what they are read into, when the 2xx statuses differ (else ()):
        `(((200, 202), "models.A"), ((204,), "None"))`."""
        if len(self.results) < 2:
            return ()
        return _grouped((r.status, r.result()) for r in self.successes)

    @property
    def typed_errors(self) -> tuple[tuple[tuple[int, ...], str], ...]:
        """Error statuses whose documented body has a type, grouped by it: the error raised for one
        carries its body read into that type."""
        return _grouped((r.status, r.result()) for r in self.errors if r.result() not in ("None", "Download"))

    @property
    def call_options(self) -> str:
        """The runtime's options the method takes besides its arguments: `UploadOptions` (with a
        `progress` callback) for one that sends files, else `CallOptions`."""
        return "UploadOptions" if self.body and self.body.upload else "CallOptions"

    @property
    def result_type(self) -> str:
        """What the client method returns (unqualified for one model: `ListTasksResponse`)."""
        if len(self.results) > 1:
            return " | ".join(self.results)
        ok = self.success
        return ok.result(qualified=False) if ok is not None else "None"

    @property
    def response_headers(self) -> tuple[Field, ...]:
        """The success responses' documented headers, which their results carry (none for a file)."""
        found = {h.name.lower(): h for r in self.successes if not r.is_file for h in r.headers}
        return tuple(found.values())

    @property
    def errors(self) -> tuple[Response, ...]:
        return tuple(r for r in self.responses if not r.is_success)


def _grouped(pairs: Iterable[tuple[int, str]]) -> tuple[tuple[tuple[int, ...], str], ...]:
    """(status, type) pairs → the statuses of each type, types in order of first status."""
    groups: dict[str, list[int]] = {}
    for status, kind in pairs:
        groups.setdefault(kind, []).append(status)
    return tuple((tuple(statuses), kind) for kind, statuses in groups.items())


@dataclass(frozen=True)
class Service:
    name: str  # package name: workspace
    title: str
    description: str | None
    endpoint: str  # host prefix
    client_class: str  # WorkspaceClient
    spec_paths: tuple[str, ...]
    operations: tuple[Operation, ...]
    models: tuple[Model, ...]  # in dependency order
    workflows: tuple[Workflow, ...] = ()

    @property
    def async_client_class(self) -> str:
        return f"Async{self.client_class}"


@dataclass(frozen=True)
class Api:
    services: tuple[Service, ...]
    package_name: str
    package_version: str

    @property
    def operations(self) -> tuple[Operation, ...]:
        return tuple(op for s in self.services for op in s.operations)
