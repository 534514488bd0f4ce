"""The typed intermediate model: what the templates, the docs and the OpenAPI export read.

Everything here is frozen and already sorted and named; the objects present themselves to
templates (type strings, pydantic field expressions, docstrings), so templates only print.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from ..emit.pysource import quoted
from . import derive
from .typemap import python_type

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

Scalar = str | int | float | bool
Location = Literal["path", "query", "header", "body", "response", "response_header", "object"]
Direction = Literal["request", "response"]


@dataclass(frozen=True)
class TypeRef:
    """A page type resolved: `Array of ExportTaskItem objects` → array of model ExportTaskItem."""

    page_type: str  # String, Integer, …, Object, Array, Map
    items: TypeRef | None = None  # Array elements, Map values
    model: str | None = None  # class name of an Object

    @property
    def label(self) -> str:
        """The type as the page writes it."""
        if self.page_type == "Array" and self.items is not None:
            inner = self.items
            return f"Array of {inner.model} objects" if inner.model else f"Array of {inner.label.lower()}s"
        if self.model:
            return f"{self.model} object"
        return self.page_type

    def python(self, literal: tuple[Scalar, ...] = (), *, argument: bool = False) -> str:
        """Python annotation; `literal` narrows a scalar (or an array's scalars) to a Literal.

        `argument` gives the looser type a method accepts: `models.X` or a plain mapping, any sequence.
        """
        if literal and self.page_type != "Array":
            values = f"Literal[{', '.join(quoted(v) if isinstance(v, str) else repr(v) for v in literal)}]"
            exact = derive.exact_type(literal)
            return f"Annotated[{values}, Exact({exact})]" if exact else values
        if self.page_type == "Array":
            inner = self.items.python(literal, argument=argument) if self.items else "Any"
            return f"Sequence[{inner}]" if argument else f"list[{inner}]"
        if self.page_type == "Map":
            inner = self.items.python(argument=argument) if self.items else "Any"
            return f"Mapping[str, {inner}]" if argument else f"dict[str, {inner}]"
        if self.page_type == "Object":
            if self.model is None:
                return "Mapping[str, Any]" if argument else "dict[str, Any]"
            return f"models.{self.model} | Mapping[str, Any]" if argument else self.model
        if self.page_type == "File":  # a path, an open binary file, bytes, or (filename, data, type)
            return "FileInput"
        return python_type(self.page_type)

    @property
    def whole_label(self) -> str:
        """A whole body of this type, in words: `a JSON array of ImagePatchOperation objects`."""
        inner = self.items.label if self.items else "any values"
        inner = f"{self.items.model} objects" if self.items and self.items.model else inner
        return f"a JSON array of {inner}" if self.page_type == "Array" else f"a JSON object mapping keys to {inner}"

    def qualified(self) -> str:
        """The annotation in a client module, which reads the models as `models.X`: `list[models.X]`."""
        if self.model:
            return f"models.{self.model}"
        if self.page_type in ("Array", "Map") and self.items is not None:
            inner = self.items.qualified()
            return f"list[{inner}]" if self.page_type == "Array" else f"dict[str, {inner}]"
        return self.python()

    @property
    def models(self) -> tuple[str, ...]:
        """Model classes this type refers to."""
        if self.model:
            return (self.model,)
        return self.items.models if self.items else ()


@dataclass(frozen=True)
class EnumValue:
    value: Scalar
    description: str | None = None


@dataclass(frozen=True)
class Constraints:
    minimum: float | None = None
    maximum: float | None = None
    min_length: int | None = None
    max_length: int | None = None
    min_items: int | None = None
    max_items: int | None = None
    pattern: str | None = None

    def pydantic_args(self, on_items: bool) -> list[str]:
        """Field(...) keyword arguments; scalar limits move to the items for arrays (handled by caller)."""
        args: list[str] = []
        pairs = (("ge", self.minimum), ("le", self.maximum)) if not on_items else ()
        for key, value in (*pairs, ("min_length", self.min_items), ("max_length", self.max_items)):
            if value is not None:
                args.append(f"{key}={_number(value)}")
        if not on_items:
            for key, value in (("min_length", self.min_length), ("max_length", self.max_length)):
                if value is not None:
                    args.append(f"{key}={value}")
            if self.pattern is not None:
                args.append(f"pattern={quoted(self.pattern)}")
        return args

    def describe(self) -> list[str]:
        """Human-readable facts for docs: 'range 1..100', 'length 1..64'."""
        facts = []
        for label, low, high in (
            ("value", self.minimum, self.maximum),
            ("length", self.min_length, self.max_length),
            ("items", self.min_items, self.max_items),
        ):
            if low is not None or high is not None:
                lo = _number(low) if low is not None else "…"
                hi = _number(high) if high is not None else "…"
                facts.append(f"{label} {lo}..{hi}")
        if self.pattern:
            facts.append(f"pattern `{self.pattern}`")
        return facts

    @property
    def empty(self) -> bool:
        return self == Constraints()


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(value)


@dataclass(frozen=True)
class Field:
    """A parameter, body field or response field: one table row."""

    name: str  # wire name, as on the page
    python_name: str
    location: Location
    type: TypeRef
    required: bool
    description: str
    enum: tuple[EnumValue, ...] = ()
    default: Scalar | None = None
    has_default: bool = False
    constraints: Constraints = field(default_factory=Constraints)
    note: str | None = None
    runtime: bool = False
    sensitive: bool = False
    deprecated: bool = False
    collection_format: str | None = None  # an Array parameter's: multi (repeated keys) or csv (comma-joined)
    example: Any = None  # the page's example value, where it gives one
    nullable: bool = False  # null is a value: sent when the caller passes None, and may come back

    @property
    def wire_form(self) -> str | None:
        """How an Array parameter's values are sent, as an example: `id=a&id=b` or `id=a,b`."""
        if self.collection_format is None:
            return None
        if self.collection_format == "multi":
            return f"{self.name}=a&{self.name}=b"
        return f"{self.name}=a,b" if self.location == "query" else f"{self.name}: a,b"

    @property
    def enum_values(self) -> tuple[Scalar, ...]:
        return tuple(e.value for e in self.enum)

    def annotation(self, direction: Direction) -> str:
        """Request enums are closed (Literal, validated); response enums stay open so new values parse."""
        literal = self.enum_values if direction == "request" else ()
        base = self.type.python(literal)
        return base if self.required and not self.nullable else f"{base} | None"

    def argument_annotation(self, optional: bool) -> str:
        """The client method's annotation for this argument, with the page's limits.

        The runtime validates calls against the signature, so the limits live here, as pydantic
        `Field` constraints inside `Annotated`: `Annotated[int, Field(ge=1, le=100)] | None`.
        """
        base = self.type.python(self.enum_values, argument=True)
        item = self.item_annotation()
        if item is not None:
            base = f"Sequence[{item}]"
        outer = self.constraints.pydantic_args(on_items=self.type.page_type == "Array")
        if outer:
            base = f"Annotated[{base}, Field({', '.join(outer)})]"
        return f"{base} | None" if optional or self.nullable else base

    def field_expr(self, direction: Direction) -> str:
        """Right-hand side of the pydantic field declaration."""
        # Optional values default to None, meaning "not sent": the server applies the page's default.
        default = "..." if self.required else "None"
        args = [default]
        if self.python_name != self.name:
            args.append(f'validation_alias=AliasChoices("{self.python_name}", {quoted(self.name)})')
            args.append(f"serialization_alias={quoted(self.name)}")
        if direction == "request":
            args += self.constraints.pydantic_args(on_items=self.type.page_type == "Array")
            if self.nullable:  # the runtime sends this field's None as null, when it was set
                args.append('json_schema_extra={"nullable": True}')
        if self.sensitive:
            args.append("repr=False")
        if len(args) == 1:
            return args[0]
        if not self.required:  # by keyword: pyright reads a field specifier's default only so
            args[0] = "default=None"
        return f"Field({', '.join(args)})"

    def item_annotation(self) -> str | None:
        """For a request array of constrained scalars: the Annotated element type."""
        inner = self.type.items
        if self.type.page_type != "Array" or inner is None or inner.model:
            return None
        c = self.constraints
        args = [
            f"{k}={_number(v)}"
            for k, v in (
                ("ge", c.minimum),
                ("le", c.maximum),
                ("min_length", c.min_length),
                ("max_length", c.max_length),
            )
            if v is not None
        ]
        return f"Annotated[{inner.python(self.enum_values)}, Field({', '.join(args)})]" if args else None

    def declaration(self, direction: Direction) -> str:
        """`name: annotation = Field(...)`, the whole model attribute line."""
        annotation = self.annotation(direction)
        item = self.item_annotation() if direction == "request" else None
        if item is not None:
            annotation = f"list[{item}]" + ("" if self.required else " | None")
        expr = self.field_expr(direction)
        return f"{self.python_name}: {annotation}" if expr == "..." else f"{self.python_name}: {annotation} = {expr}"

    @property
    def doc(self) -> str:
        """Description plus the facts a reader of the docstring needs."""
        parts = [self.description]
        if self.location == "response_header":
            parts.insert(0, f"The response header `{self.name}` (not part of the JSON body).")
        if self.has_default and "default" not in self.description.lower():
            parts.append(f"Default (applied by the service when omitted): {self.default!r}.")
        if self.nullable:
            parts.append(derive.nullable_note(self.required))
        if self.enum and any(e.description for e in self.enum):
            parts.append(
                "\n".join(f"- {e.value}: {e.description}" if e.description else f"- {e.value}" for e in self.enum)
            )
        return "\n\n".join(parts)


@dataclass(frozen=True)
class Model:
    """A pydantic model class: an object table, a request or a response body."""

    class_name: str
    description: str
    fields: tuple[Field, ...]
    direction: Direction
    headers: tuple[Field, ...] = ()  # response headers the client reads into the result

    @property
    def dependencies(self) -> tuple[str, ...]:
        return tuple(sorted({m for f in self.fields for m in f.type.models}))


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
