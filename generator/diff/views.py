"""What the diff compares: each operation's spec flattened into fields by path, each with its place in the YAML.

The wire facts come from the validated spec data (which knows line numbers); the SDK surface (method
and keyword names) from the typed model, so the diff names exactly what the generated client exposes.
The model is built, and its modules loaded, the first time a view is asked for that surface: an
operation only one side has needs none (`hwgen import` of a new service reports it added).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..model import derive
from ..model.derive import field_python_name
from ..spec.load import Pointer, SourceSpec
from .headers import headers_of

if TYPE_CHECKING:
    from ..model.api import Operation, Service

__all__ = ["FieldView", "OperationView", "ResponseView", "ServiceView", "TreeView", "view_tree"]

_PLACEHOLDER = re.compile(r"\{[^{}]*\}")
_PARAMETER_LOCATIONS = ("path", "query", "header")


@dataclass(frozen=True)
class FieldView:
    """A parameter or field, named by its path: `query.limit`, `body.apps[].id`, `200.export_tasks[].status`."""

    path: str
    key: str  # what matches it across the two sides: the path, with header names in lower case
    parent: str | None  # key of the enclosing field
    location: str  # path, query, header, body or response
    name: str
    python: str  # model attribute (keyword arguments come from the model, see OperationView.keywords)
    type: str  # the page type with object tables erased: `Array of Object`, `Map of String`
    raw: Mapping[str, Any]
    pointer: Pointer

    @property
    def required(self) -> bool:
        return bool(self.raw.get("required", False))

    @property
    def runtime(self) -> bool:
        return bool(self.raw.get("runtime", False))


@dataclass(frozen=True)
class ResponseView:
    status: str
    pointer: Pointer
    is_file: bool
    fields: dict[str, FieldView]
    headers: dict[str, tuple[Pointer, Mapping[str, Any]]]  # by lower-case name (diff.headers)


@dataclass(frozen=True)
class OperationView:
    service: str
    name: str
    source: SourceSpec
    request: dict[str, FieldView]
    responses: dict[str, ResponseView]
    resolve: Callable[[], tuple[Service, Operation]] = field(repr=False, compare=False)  # the typed model's

    @property
    def data(self) -> Mapping[str, Any]:
        return self.source.data  # type: ignore[no-any-return]

    @property
    def shape(self) -> tuple[str, str]:
        """Method and path with placeholder names erased: what a renamed operation keeps."""
        return (self.data["method"], _PLACEHOLDER.sub("{}", self.data["path"]))

    @property
    def success(self) -> str | None:
        return next((s for s in sorted(self.responses) if s.startswith("2")), None)

    @functools.cached_property
    def model(self) -> Operation:
        return self.resolve()[1]

    @functools.cached_property
    def keywords(self) -> dict[str, str]:
        """Request field key → the keyword argument the generated method takes for it."""
        return {_key(a.location, a.name): a.python_name for a in self.model.arguments}

    @functools.cached_property
    def methods(self) -> dict[str, tuple[str, Pointer]]:
        """The client methods this operation gives (names as templates/service/client.py.jinja writes them):
        role → (method name, the spec key that makes it)."""
        service, op = self.resolve()
        result: dict[str, tuple[str, Pointer]] = {"method": (op.name, ())}
        if op.pagination:
            result["iter_pages"] = (derive.page_iterator(op.name), ("pagination",))
            result["iter"] = (derive.item_iterator(op.name), ("pagination",))
        if op.waiter:
            result["waiter"] = (op.waiter.name, ("waiter", "name"))
        for flow in service.workflows:
            if flow.start.name == op.name:
                result["workflow"] = (flow.name, ("job",))
        return result


@dataclass(frozen=True)
class ServiceView:
    name: str
    source: SourceSpec


@dataclass(frozen=True)
class TreeView:
    services: dict[str, ServiceView] = field(default_factory=dict)
    operations: dict[tuple[str, str], OperationView] = field(default_factory=dict)


def _key(location: str, path: str) -> str:
    return f"{location}.{path.lower()}" if location == "header" else f"{location}.{path}"


def view_tree(sources: list[SourceSpec]) -> TreeView:
    """Views of validated sources (build_api must accept them, when a view needs the model)."""

    @functools.cache
    def models() -> dict[tuple[str, str], tuple[Service, Operation]]:
        from ..model.build import build_api

        api = build_api(sources)
        return {(s.name, op.name): (s, op) for s in api.services for op in s.operations}

    tree = TreeView()
    for source in sources:
        if source.kind == "service":
            tree.services[source.service] = ServiceView(source.service, source)
            continue
        key = (source.service, source.name)
        tree.operations[key] = _Flattener(source).view(functools.partial(_model_of, models, key))
    return tree


def _model_of(
    models: Callable[[], dict[tuple[str, str], tuple[Service, Operation]]], key: tuple[str, str]
) -> tuple[Service, Operation]:
    return models()[key]


class _Flattener:
    def __init__(self, source: SourceSpec) -> None:
        self.source = source
        self.tables: dict[str, Any] = source.data.get("objects", {})

    def view(self, resolve: Callable[[], tuple[Service, Operation]]) -> OperationView:
        data = self.source.data
        request: dict[str, FieldView] = {}
        for location in _PARAMETER_LOCATIONS:
            for i, raw in enumerate(data.get("parameters", {}).get(location, [])):
                self.add(request, raw, location, location, ("parameters", location, i), None, top=True)
        for i, raw in enumerate(data.get("request_body", {}).get("fields", [])):
            self.add(request, raw, "body", "body", ("request_body", "fields", i), None, top=True)
        self.add_whole(request, data.get("request_body", {}), "body", "body", ("request_body",))
        file = derive.file_body(data.get("request_body", {}))
        if file is not None:  # a body that is a file: one required body field `file` of type File
            self.add(request, file, "body", "body", ("request_body", "file"), None, top=True)
        responses = {}
        for status, raw_response in data["responses"].items():
            fields: dict[str, FieldView] = {}
            self.add_whole(fields, raw_response.get("body", {}), "response", status, ("responses", status, "body"))
            for i, raw in enumerate(raw_response.get("body", {}).get("fields", [])):
                self.add(fields, raw, "response", status, ("responses", status, "body", "fields", i), None, top=False)
            pointer = ("responses", status)
            headers = headers_of(status, raw_response)
            responses[status] = ResponseView(status, pointer, "file" in raw_response, fields, headers)
        return OperationView(self.source.service, self.source.name, self.source, request, responses, resolve)

    def add(
        self,
        out: dict[str, FieldView],
        raw: Mapping[str, Any],
        location: str,
        prefix: str,
        pointer: Pointer,
        parent: str | None,
        *,
        top: bool,
        seen: tuple[str, ...] = (),
    ) -> None:
        name = raw["name"]
        path = f"{prefix}.{name}"
        key = _key(location, path.partition(".")[2]) if location == "header" else path
        # The same choice as build.py: keyword arguments and model attributes are named differently.
        python = field_python_name(raw, location if top else "object")
        view = FieldView(path, key, parent, location, name, python, self.type_label(raw), raw, pointer)
        out.setdefault(key, view)
        table, suffix = self.nested(raw)
        if table is None or table in seen:  # a table that contains itself is walked once
            return
        for i, child in enumerate(self.tables[table]["fields"]):
            child_pointer = ("objects", table, "fields", i)
            self.add(out, child, location, f"{path}{suffix}", child_pointer, key, top=False, seen=(*seen, table))

    def add_whole(
        self, out: dict[str, FieldView], raw_body: Mapping[str, Any], location: str, path: str, base: Pointer
    ) -> None:
        """A body that is a JSON array or map, as one field named by the body's own path (`body`, `200`),
        its elements' fields below it (`body[].op`, `200[].platform`): an element type changed is a type change."""
        raw = derive.whole_body(raw_body)
        if raw is None:
            return
        pointer = (*base, "array" if "array" in raw_body else "map")
        view = FieldView(path, path, None, location, raw["name"], raw["name"], self.type_label(raw), raw, pointer)
        out.setdefault(path, view)
        table, suffix = self.nested(raw)
        if table is None:
            return
        for i, child in enumerate(self.tables[table]["fields"]):
            child_pointer = ("objects", table, "fields", i)
            self.add(out, child, location, f"{path}{suffix}", child_pointer, path, top=False, seen=(table,))

    def nested(self, raw: Mapping[str, Any]) -> tuple[str | None, str]:
        """The object table a field's values are made of, and the path suffix that steps into it."""
        kind = raw["type"]
        name, suffix = {"Array": (raw.get("items"), "[]"), "Map": (raw.get("values"), "{}")}.get(
            kind, (raw.get("object"), "")
        )
        return (name, suffix) if name in self.tables else (None, "")

    def type_label(self, raw: Mapping[str, Any]) -> str:
        def named(name: str) -> str:
            return "Object" if name in self.tables else name

        kind = raw["type"]
        if kind == "Array":
            return f"Array of {named(raw.get('items', 'String'))}"
        if kind == "Map":
            return f"Map of {named(raw['values'])}" if "values" in raw else "Map"
        if kind == "Object" and "object" not in raw:
            return "Object (any keys)"
        return str(kind)
