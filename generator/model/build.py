"""Validated specs → the typed model. The only module that reads spec keys."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..spec.load import SourceSpec
from .api import Api, Body, Job, Operation, Pagination, Permission, RequestExample, Response, Service, Waiter, Workflow
from .derive import body_fields, collection_format, content_type, field_python_name, idempotent, upload_kind, whole_body
from .fields import Constraints, Direction, EnumValue, Field, Location, Model, TypeRef
from .naming import class_name, table_classes

__all__ = ["build_api"]

_DEFAULT_PACKAGE = ("hwcloud", "0.1.0")


def build_api(sources: Iterable[SourceSpec], package: tuple[str, str] = _DEFAULT_PACKAGE) -> Api:
    """Build the model from specs that passed validation (a failure here is a bug, not bad input)."""
    by_service: dict[str, list[SourceSpec]] = {}
    for source in sources:
        by_service.setdefault(source.service, []).append(source)
    services = [_service(name, specs) for name, specs in sorted(by_service.items())]
    return Api(services=tuple(services), package_name=package[0], package_version=package[1])


def _service(name: str, sources: list[SourceSpec]) -> Service:
    meta = next(s for s in sources if s.kind == "service").data
    specs = sorted((s for s in sources if s.kind == "operation"), key=lambda s: s.name)
    models: dict[str, Model] = {}
    classes, _ = table_classes((spec.name, spec.data) for spec in specs)
    operations = [_OperationBuilder(spec, models, classes, meta).build() for spec in specs]
    return Service(
        workflows=_workflows(operations, {s.name: s.data for s in specs}),
        name=name,
        title=meta["title"],
        description=meta.get("description"),
        endpoint=meta["endpoint"],
        client_class=meta["client_class"],
        spec_paths=tuple(s.display for s in specs),
        operations=tuple(operations),
        models=_ordered(models),
    )


def _workflows(operations: list[Operation], data: dict[str, dict[str, Any]]) -> tuple[Workflow, ...]:
    """Resolve each `job` section into the chain start → poll (→ download), in Python names."""
    by_name = {op.name: op for op in operations}
    result = []
    for start in operations:
        job = data[start.name].get("job")
        poll = by_name.get(job["poll"]) if job else None
        if job is None or poll is None or poll.waiter is None or start.success is None:
            continue
        start_args = {a.name for a in start.arguments}
        id_attr = next(f.python_name for f in start.success.fields or () if f.name == job["id_field"])
        poll_argument = next(a.python_name for a in poll.arguments if a.name == job["poll_parameter"])
        shared = tuple(a.python_name for a in poll.arguments if a.name in start_args)
        workflow = Workflow(start, poll, id_attr, poll_argument, shared)
        link = job.get("download")
        target = by_name.get(link["operation"]) if link else None
        if link and target and poll.success:
            workflow = replace(
                workflow,
                download=target,
                download_argument=next(a.python_name for a in target.arguments if a.name == link["parameter"]),
                download_field=next(f.python_name for f in poll.success.fields or () if f.name == link["field"]),
                download_shared=tuple(a.python_name for a in target.arguments if a.name in start_args),
            )
        result.append(workflow)
    return tuple(result)


def _ordered(models: dict[str, Model]) -> tuple[Model, ...]:
    """Dependencies before dependants, otherwise alphabetical: stable output and no forward references."""
    done: dict[str, Model] = {}

    def visit(name: str) -> None:
        if name in done:
            return
        for dep in models[name].dependencies:
            if dep != name:
                visit(dep)
        done[name] = models[name]

    for name in sorted(models):
        visit(name)
    return tuple(done.values())


def _enum(raw: list[Any]) -> tuple[EnumValue, ...]:
    return tuple(
        EnumValue(item["value"], item.get("description")) if isinstance(item, dict) else EnumValue(item) for item in raw
    )


class _OperationBuilder:
    def __init__(
        self,
        source: SourceSpec,
        models: dict[str, Model],
        classes: dict[tuple[str, str], str],
        service: dict[str, Any] | None = None,
    ) -> None:
        self.src = source
        self.data: dict[str, Any] = source.data
        self.models = models
        self.classes = classes  # (operation, table) → class: naming.table_classes
        self.shared: dict[str, Any] = (service or {}).get("shared_responses", {})
        # the service's tables (those of its shared responses) are every operation's, the page's own win
        self.tables: dict[str, Any] = {**(service or {}).get("objects", {}), **self.data.get("objects", {})}
        self.prefix = class_name(source.name)

    # -- types and fields -------------------------------------------------------------------
    def type_ref(self, raw: dict[str, Any], direction: Direction) -> TypeRef:
        kind = raw["type"]
        if kind == "Array":
            return TypeRef("Array", items=self.named_type(raw.get("items", "String"), direction))
        if kind == "Map":
            return TypeRef("Map", items=self.named_type(raw["values"], direction) if "values" in raw else None)
        if kind == "Object":
            return self.named_type(raw["object"], direction) if "object" in raw else TypeRef("Object")
        return TypeRef(kind)

    def named_type(self, name: str, direction: Direction) -> TypeRef:
        if name not in self.tables:
            return TypeRef(name)
        return TypeRef("Object", model=self.object_model(name, direction))

    def object_model(self, name: str, direction: Direction) -> str:
        table = self.tables[name]
        # A table of the service (_service.yaml) is named by its own rule until naming.table_classes sees them.
        cls = self.classes.get((self.src.name, name)) or table.get("python_name") or class_name(name)
        existing = self.models.get(cls)
        if existing is None or (existing.direction == "request" and direction == "response"):
            # A table used in both directions is built leniently (open enums, no request limits).
            self.models[cls] = Model(cls, table.get("description", ""), (), direction)  # placeholder breaks cycles
            fields = tuple(self.field(f, "object", direction) for f in table["fields"])
            self.models[cls] = Model(cls, table.get("description") or f"The `{name}` object.", fields, direction)
        return cls

    def field(self, raw: dict[str, Any], location: Location, direction: Direction) -> Field:
        return Field(
            name=raw["name"],
            python_name=field_python_name(raw, location),
            location=location,
            type=self.type_ref(raw, direction),
            required=bool(raw.get("required", False)),
            description=raw.get("description", ""),
            enum=_enum(raw.get("enum", [])),
            default=raw.get("default"),
            has_default="default" in raw,
            constraints=Constraints(
                **{
                    k: raw[k]
                    for k in ("minimum", "maximum", "min_length", "max_length", "min_items", "max_items", "pattern")
                    if k in raw
                }
            ),
            note=raw.get("note"),
            runtime=bool(raw.get("runtime", False)),
            sensitive=bool(raw.get("sensitive", False)),
            deprecated=bool(raw.get("deprecated", False)),
            example=raw.get("example"),
            nullable=bool(raw.get("nullable", False)),
            collection_format=(
                collection_format(location, raw.get("collection_format"))
                if raw["type"] == "Array" and location in ("path", "query", "header")
                else None
            ),
        )

    # -- the operation ---------------------------------------------------------------------
    def build(self) -> Operation:
        data = self.data
        params = data.get("parameters", {})
        parameters = tuple(
            self.field(raw, location, "request")
            for location in ("path", "query", "header")
            for raw in params.get(location, [])
        )
        body = None
        if "request_body" in data:
            raw_body = data["request_body"]
            body = Body(
                content_type=content_type(raw_body),
                description=raw_body.get("description"),
                fields=tuple(self.field(f, "body", "request") for f in body_fields(raw_body)),
                whole=whole_body(raw_body) is not None,
                upload=upload_kind(raw_body),
            )
        responses: list[Response] = []
        for status, raw in sorted(data["responses"].items()):
            responses.append(self.response(int(status), raw, responses))
        method = data["method"]
        op = Operation(
            name=self.src.name,
            class_prefix=self.prefix,
            service=self.src.service,
            spec_path=_spec_path(self.src),
            title=data["title"],
            summary=data["summary"],
            description=data.get("description"),
            constraints=tuple(data.get("constraints", [])),
            notes=tuple(data.get("notes", [])),
            method=method,
            path=data["path"],
            parameters=parameters,
            body=body,
            responses=self.error_models(responses),
            permissions=tuple(
                Permission(
                    action=p["action"],
                    access_level=p["access_level"],
                    resource_types=tuple(p.get("resource_types", [])),
                    condition_keys=tuple(p.get("condition_keys", [])),
                    alias=p.get("alias"),
                    dependencies=tuple(p.get("dependencies", [])),
                )
                for p in data.get("authorization", {}).get("permissions", [])
            ),
            authorization=data.get("authorization", {}).get("description"),
            request_examples=tuple(
                RequestExample(e.get("description"), e.get("method"), e["url"], e.get("body"), "body" in e)
                for e in data.get("request_examples", [])
            ),
            source_page=data["source"]["page"],
            updated_on=data["source"].get("updated_on"),
            error_codes=data.get("error_codes"),
            idempotent=idempotent(method, data.get("idempotent")),
            deprecated=bool(data.get("deprecated", False)),
        )
        return self.with_extras(op)

    def response(self, status: int, raw: dict[str, Any], earlier: list[Response]) -> Response:
        success = 200 <= status < 300
        fields = None
        model = None
        headers = tuple(self.field(h, "response_header", "response") for h in raw.get("headers", []))
        whole_raw = whole_body(raw.get("body", {}))
        whole = self.type_ref(whole_raw, "response") if whole_raw is not None else None
        if "body" in raw and "shared" in raw["body"]:
            name = raw["body"]["shared"]
            fields = tuple(self.field(f, "response", "response") for f in self.shared[name]["fields"])
            model = f"{class_name(name)}Response"  # one class for every operation that refers to it
            title = self.shared[name].get("title", name)
            self.models[model] = Model(model, f"The service's shared response `{title}`.", fields, "response")
        elif "body" in raw and whole is None:
            fields = tuple(self.field(f, "response", "response") for f in raw["body"]["fields"])
        own_class = whole is None and "file" not in raw  # a whole array or map is the result itself
        if success and own_class and (headers or ("body" in raw and "shared" not in raw["body"])):
            # the operation's own class: its own body, and the headers it reads (a shared body's too);
            # a second 2xx of the same shape shares it, one of another shape has a class of its own
            own = [r for r in earlier if r.is_success and r.model and r.model.startswith(self.prefix)]
            model = next((r.model for r in own if (r.fields, r.headers) == (fields, headers)), None)
            if model is None:
                model = f"{self.prefix}{status}Response" if own else f"{self.prefix}Response"
                what = f"Response of `{self.src.name}` ({status})."
                self.models[model] = Model(model, what, fields or (), "response", headers)
        return Response(
            status=status,
            description=raw["description"],
            fields=fields,
            model=model,
            is_file="file" in raw,
            file_description=raw.get("file", {}).get("description"),
            example=raw.get("example"),
            has_example="example" in raw,
            example_description=raw.get("example_description"),
            headers=headers,
            whole=whole,
        )

    def error_models(self, responses: list[Response]) -> tuple[Response, ...]:
        """Each error body the page documents in a table of its own becomes a class the raised error
        reads it into: `{Prefix}Error` when every such status shares one shape, else one per shape
        (`{Prefix}{status}Error`, named by its first status)."""
        shapes: dict[tuple[Field, ...], list[int]] = {}
        for r in responses:
            if not r.is_success and r.fields and r.model is None:
                shapes.setdefault(r.fields, []).append(r.status)
        names: dict[int, str] = {}
        for fields, statuses in shapes.items():
            name = f"{self.prefix}Error" if len(shapes) == 1 else f"{self.prefix}{statuses[0]}Error"
            listed = ", ".join(map(str, statuses))
            self.models[name] = Model(name, f"Error body of `{self.src.name}` ({listed}).", fields, "response")
            names.update(dict.fromkeys(statuses, name))
        return tuple(replace(r, model=names[r.status]) if r.status in names else r for r in responses)

    def field_path(self, response: Response | None, dotted: str | None) -> tuple[Field, ...]:
        """The response fields a dotted path (`page_info.next_marker`) names, outermost first."""
        if not dotted or response is None:
            return ()
        fields, path = response.fields or (), []
        for name in dotted.split("."):
            found = next(f for f in fields if f.name == name)
            path.append(found)
            fields = self.models[found.type.model].fields if found.type.model else ()
        return tuple(path)

    def item_field(self, items: Field, name: str | None) -> Field | None:
        """The field of a list's items that `item_marker` names."""
        model = items.type.items.model if items.type.items else None
        if name is None or model is None:
            return None
        return next(f for f in self.models[model].fields if f.name == name)

    def with_extras(self, op: Operation) -> Operation:
        """Attach the hand-written sections, resolved to the fields they name."""
        ok = op.success
        response_fields = {f.name: f for f in (ok.fields or ())} if ok else {}
        arguments = {f.name: f for f in op.arguments}
        pagination = waiter = job = None
        if "pagination" in self.data:
            raw = self.data["pagination"]
            items = response_fields[raw["items"]]
            pagination = Pagination(
                limit=arguments[raw["limit"]],
                items=items,
                item_type=_item_type(items.type.items),
                count=response_fields.get(raw.get("count", "")),
                offset=arguments.get(raw.get("offset", "")),
                marker=arguments.get(raw.get("marker", "")),
                next_marker=self.field_path(ok, raw.get("next_marker")),
                next_link=self.field_path(ok, raw.get("next_link")),
                item_marker=self.item_field(items, raw.get("item_marker")),
            )
        if "waiter" in self.data:
            raw = self.data["waiter"]
            select = raw.get("select")
            state_fields = response_fields
            if select:
                item_model = response_fields[select["items"]].type.items
                if item_model is not None and item_model.model is not None:
                    state_fields = {f.name: f for f in self.models[item_model.model].fields}
            waiter = Waiter(
                name=raw["name"],
                state=state_fields[raw["state"]].python_name,
                state_wire=raw["state"],
                success=tuple(raw["success"]),
                failure=tuple(raw["failure"]),
                select_parameter=arguments[select["parameter"]].python_name if select else None,
                select_items=response_fields[select["items"]].python_name if select else None,
                select_key=state_fields[select["key"]].python_name if select else None,
            )
        if "job" in self.data:
            raw = self.data["job"]
            job = Job(poll=raw["poll"], id_field=raw["id_field"], poll_parameter=raw["poll_parameter"])
        nulls_inside = tuple(f.python_name for f in op.by_location("body") if self.holds_nullable(f.type, set()))
        return replace(op, pagination=pagination, waiter=waiter, job=job, nulls_inside=nulls_inside)

    def holds_nullable(self, ref: TypeRef, seen: set[str]) -> bool:
        """Whether a value of this type may hold a nullable field: the runtime looks for nulls to send
        only in those arguments."""
        if ref.model is not None:
            if ref.model in seen:
                return False
            seen.add(ref.model)
            return any(f.nullable or self.holds_nullable(f.type, seen) for f in self.models[ref.model].fields)
        return ref.items is not None and self.holds_nullable(ref.items, seen)


def _item_type(items: TypeRef | None) -> str:
    """The type of one item of a paged list, as the client module names it."""
    if items is None:
        return "Any"
    return f"models.{items.model}" if items.model else items.python()


def _spec_path(source: SourceSpec) -> str:
    return Path("specs", source.service, source.path.name).as_posix()
