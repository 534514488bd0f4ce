"""Semantic checks of one spec: what the schema cannot say (references, placeholders, ranges, examples,
names). The checks across a service's specs are semantics_tree.py's."""

from __future__ import annotations

import keyword
import re
from typing import Any

from ..findings import Finding, Severity, did_you_mean
from ..model.derive import (
    RUNTIME_HEADERS,
    field_python_name,
    upload_kind,
    whole_body,
)
from ..model.naming import (
    CLIENT_RESERVED,
    is_snake_identifier,
    snake_case,
    unusable_name,
)
from ..model.typemap import NUMERIC, PRIMITIVES, json_type_ok
from .load import Pointer, SourceSpec
from .semantics_body import check_whole_body, check_whole_headers
from .semantics_examples import ExampleChecks, listing, retype, same, show
from .semantics_paging import check_pagination, response_fields, success_status
from .semantics_params import check_collection_format, check_response_headers
from .semantics_status import check_statuses
from .semantics_upload import FILE_HINT, check_upload_body

__all__ = ["LOCATIONS", "PLACEHOLDER", "RUNTIME_HEADERS", "check_operation", "name_problem"]

PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
LOCATIONS = ("path", "query", "header")


class _Checker(ExampleChecks):
    def __init__(self, source: SourceSpec) -> None:
        self.src = source
        self.data: dict[str, Any] = source.data
        self.objects: dict[str, Any] = self.data.get("objects", {})
        self.findings: list[Finding] = []
        self.used_objects: set[str] = set()
        self.duplicates: set[Pointer] = set()  # items already reported as duplicates: no second finding
        self.multipart = upload_kind(self.data.get("request_body")) == "multipart"  # File parts allowed

    def error(self, pointer: Pointer, message: str, hint: str | None = None, *, key: bool = False) -> None:
        self.findings.append(self.src.finding(pointer, message, hint, key=key))

    def warn(self, pointer: Pointer, message: str, hint: str | None = None, *, key: bool = False) -> None:
        self.findings.append(self.src.finding(pointer, message, hint, key=key, severity=Severity.WARNING))

    # -- whole operation -------------------------------------------------------------------
    def run(self) -> list[Finding]:
        if not is_snake_identifier(self.src.name):
            self.error((), *name_problem("operation name (the file name)", self.src.name, "file", self.src.path.suffix))
        elif self.src.name in CLIENT_RESERVED:
            self.error(
                (),
                f"operation name `{self.src.name}` (the file name) is a name the generated client already uses",
                f"rename the file to a verb phrase, e.g. get_{self.src.name}{self.src.path.suffix}",
            )
        self.check_parameters()
        self.check_path()
        for i, fld in enumerate(self.data.get("request_body", {}).get("fields", [])):
            self.check_field(fld, ("request_body", "fields", i))
        self.check_unique_fields(self.data.get("request_body", {}).get("fields", []), ("request_body", "fields"))
        self.check_whole(self.data.get("request_body", {}), ("request_body",))
        self.findings += check_upload_body(self.src, self.data.get("request_body"))
        for status, response in self.data["responses"].items():
            self.check_whole(response.get("body", {}), ("responses", status, "body"))
            self.findings += check_whole_headers(self.src, status, response)
            self.findings += check_response_headers(self.src, status, response)
            for i, fld in enumerate(response.get("headers", [])):
                self.check_field(fld, ("responses", status, "headers", i))
            for i, fld in enumerate(response.get("body", {}).get("fields", [])):
                self.check_field(fld, ("responses", status, "body", "fields", i))
            self.check_unique_fields(
                response.get("body", {}).get("fields", []), ("responses", status, "body", "fields")
            )
        for name, obj in self.objects.items():
            reason = unusable_name(obj["python_name"], model_field=False) if "python_name" in obj else None
            if reason:
                self.error(
                    ("objects", name, "python_name"),
                    f"python_name `{obj['python_name']}` {reason}",
                    f"choose another class name, e.g. `{obj['python_name']}Model`",
                )
            for i, fld in enumerate(obj["fields"]):
                self.check_field(fld, ("objects", name, "fields", i))
            self.check_unique_fields(obj["fields"], ("objects", name, "fields"))
        for name in self.objects:
            if name not in self.used_objects:
                self.warn(
                    ("objects", name),
                    f"object table `{name}` is not used by any field",
                    "reference it with `items:` or `object:`, or remove it",
                    key=True,
                )
        self.check_keywords()
        self.check_examples()
        self.findings += check_pagination(self.src)
        self.findings += check_statuses(self.src)
        self.check_waiter()
        return self.findings

    def check_whole(self, raw_body: dict[str, Any], base: Pointer) -> None:
        findings, used = check_whole_body(self.src, raw_body, base, self.objects)
        self.findings += findings
        self.used_objects |= used

    def check_path(self) -> None:
        path = self.data["path"]
        placeholders = PLACEHOLDER.findall(path)
        declared = {p["name"]: i for i, p in enumerate(self.data.get("parameters", {}).get("path", []))}
        if "{" in PLACEHOLDER.sub("", path) or "}" in PLACEHOLDER.sub("", path):
            self.error(("path",), f"unbalanced `{{` or `}}` in the path {path}", "write placeholders as {name}")
            return  # which parameters the path holds is anyone's guess
        for name in placeholders:
            if not name.strip():
                self.error(("path",), "the path has an empty placeholder `{}`", "name it after its path parameter")
            elif name not in declared:
                self.error(
                    ("path",),
                    f"path placeholder `{{{name}}}` has no path parameter",
                    did_you_mean(name, list(declared))
                    or f"add `- name: {name}` with `required: true` under parameters.path",
                )
        for name, i in declared.items():
            pointer = ("parameters", "path", i)
            if name not in placeholders:
                self.error(
                    pointer,
                    f"path parameter `{name}` does not appear in the path {self.data['path']}",
                    f"add {{{name}}} to `path` or remove the parameter",
                )
            if self.data["parameters"]["path"][i].get("required") is not True:
                self.error(
                    (*pointer, "required"),
                    f"path parameter `{name}` must be `required: true`",
                    "path parameters are always mandatory",
                )

    def check_parameters(self) -> None:
        params = self.data.get("parameters", {})
        for location in LOCATIONS:
            seen: dict[str, int] = {}
            for i, param in enumerate(params.get(location, [])):
                pointer: Pointer = ("parameters", location, i)
                wire = param["name"].lower() if location == "header" else param["name"]
                if wire in seen:
                    first = params[location][seen[wire]]["name"]
                    other = "the same" if first == param["name"] else f"`{first}`; header names ignore case"
                    self.error(
                        (*pointer, "name"),
                        f"duplicate {location} parameter `{param['name']}` (item {seen[wire] + 1} is {other})",
                        "remove one of them",
                    )
                    self.duplicates.add(pointer)
                seen.setdefault(wire, i)
                self.check_field(param, pointer)
                is_runtime_header = location == "header" and wire in RUNTIME_HEADERS
                if is_runtime_header and not param.get("runtime"):
                    self.error(
                        (*pointer, "name"),
                        f"header `{param['name']}` is set by the client runtime, so it must be marked `runtime: true`",
                        "add `runtime: true` to the parameter",
                    )
                if param.get("runtime") and not is_runtime_header:
                    self.error(
                        (*pointer, "runtime"),
                        f"`runtime: true` is only for headers the runtime owns ({', '.join(sorted(RUNTIME_HEADERS))})",
                        "remove it",
                    )
                self.findings += check_collection_format(self.src, param, location, pointer)
                if param["type"] in ("Object", "Map", "File") or param.get("items") in self.objects:
                    self.error(
                        (*pointer, "type"),
                        f"a {location} parameter cannot be of type {param['type']} or hold objects",
                        "use String, a number, Boolean or an Array of them",
                    )

    # -- one field or parameter -------------------------------------------------------------
    def check_field(self, fld: dict[str, Any], pointer: Pointer) -> None:
        kind = fld["type"]
        if "python_name" in fld:
            argument = pointer[0] == "parameters" or pointer[:2] == ("request_body", "fields")
            reason = unusable_name(fld["python_name"], argument=argument)
            if reason:
                self.error(
                    (*pointer, "python_name"),
                    f"python_name `{fld['python_name']}` {reason}",
                    f"choose another name, e.g. `{fld['python_name'].strip('_')}_value`",
                )
        self.check_type_keys(fld, pointer)
        scalar = kind if kind in PRIMITIVES else (fld.get("items") if kind == "Array" else None)
        facts = self.check_ranges(fld, pointer, kind, scalar)
        values: list[tuple[Pointer, Any]] = []
        for i, item in enumerate(fld.get("enum", [])):
            value = item["value"] if isinstance(item, dict) else item
            values.append(((*pointer, "enum", i), value))
            if scalar in PRIMITIVES and not json_type_ok(scalar, value):
                self.error(
                    (*pointer, "enum", i), f"enum value {show(value)} is not of type {scalar}", retype(scalar, value)
                )
        enum_values = [v for _, v in values]
        if len(set(map(repr, enum_values))) != len(enum_values):
            self.error((*pointer, "enum"), f"`{fld['name']}` lists an enum value twice")
        if "default" in fld:
            default = fld["default"]
            at = (*pointer, "default")
            if scalar in PRIMITIVES and not json_type_ok(scalar, default):
                self.error(at, f"default {show(default)} is not of type {scalar}", retype(scalar, default))
            elif enum_values and not any(same(default, v) for v in enum_values):
                self.error(
                    at,
                    f"default {show(default)} is not one of the enum values: {listing(enum_values)}",
                    did_you_mean(default, enum_values) or "add it to `enum` or fix the default",
                )
            else:
                self.check_value_in_range(default, facts, at, "default")
        for at, value in values:
            self.check_value_in_range(value, facts, at, "enum value")

    def check_type_keys(self, fld: dict[str, Any], pointer: Pointer) -> None:
        kind = fld["type"]
        for key, owner in (("items", "Array"), ("object", "Object"), ("values", "Map")):
            if key in fld and kind != owner:
                self.error((*pointer, key), f"`{key}` is only for type {owner}, this is {kind}", f"remove `{key}`")
        if kind == "Array" and "items" not in fld:
            self.error(
                pointer,
                f"`{fld['name']}` is an Array but has no `items`",
                "add `items: String` or `items: <object table>`",
            )
        if kind == "File" and not (pointer[:2] == ("request_body", "fields") and self.multipart):
            self.error((*pointer, "type"), "File is not a field type here", FILE_HINT)
        for key in ("items", "values", "object"):
            ref = fld.get(key)
            if ref is None:
                continue
            if (ref in PRIMITIVES or ref == "Object") and key != "object":  # `Object`: free-form items or values
                continue
            if ref in self.objects:
                self.used_objects.add(ref)
                continue
            choices = [*self.objects, *(PRIMITIVES if key != "object" else ())]
            self.error(
                (*pointer, key),
                f"`{ref}` is neither a type nor an object table of this spec",
                did_you_mean(ref, choices) or "add it under `objects:`",
            )

    def check_ranges(self, fld: dict[str, Any], pointer: Pointer, kind: str, scalar: str | None) -> dict[str, Any]:
        facts: dict[str, Any] = {
            k: fld[k] for k in ("minimum", "maximum", "min_length", "max_length", "min_items", "max_items") if k in fld
        }
        allowed = {
            "minimum": scalar in NUMERIC,
            "maximum": scalar in NUMERIC,
            "min_length": scalar == "String",
            "max_length": scalar == "String",
            "min_items": kind == "Array",
            "max_items": kind == "Array",
        }
        for key in facts:
            if not allowed[key]:
                self.error((*pointer, key), f"`{key}` does not apply to type {kind}", f"remove `{key}`")
        for low, high in (("minimum", "maximum"), ("min_length", "max_length"), ("min_items", "max_items")):
            if low in facts and high in facts and facts[low] > facts[high]:
                self.error(
                    (*pointer, low),
                    f"`{low}` {facts[low]} is greater than `{high}` {facts[high]}",
                    "swap them or fix the range",
                )
        return facts

    def check_value_in_range(self, value: Any, facts: dict[str, Any], pointer: Pointer, what: str) -> None:
        numeric = isinstance(value, (int, float)) and not isinstance(value, bool)
        low, high = facts.get("minimum"), facts.get("maximum")
        if numeric and ((low is not None and value < low) or (high is not None and value > high)):
            self.error(
                pointer,
                f"{what} {show(value)} is outside the range"
                f" {facts.get('minimum', '-inf')}..{facts.get('maximum', 'inf')}",
                "fix the value, or the range in `minimum` and `maximum`",
            )
        short = isinstance(value, str) and len(value) < facts.get("min_length", 0)
        if short or (isinstance(value, str) and len(value) > facts.get("max_length", len(value))):
            self.error(
                pointer,
                f"{what} {show(value)} has a length outside"
                f" {facts.get('min_length', 0)}..{facts.get('max_length', 'any')}",
                "fix the value, or the range in `min_length` and `max_length`",
            )

    # -- names --------------------------------------------------------------------------------
    def check_unique_fields(self, fields: list[dict[str, Any]], pointer: Pointer) -> None:
        names: dict[str, int] = {}
        idents: dict[str, str] = {}
        for i, fld in enumerate(fields):
            if fld["name"] in names:
                self.error(
                    (*pointer, i, "name"),
                    f"duplicate field `{fld['name']}` (item {names[fld['name']] + 1} is the same)",
                    "remove one of them",
                )
                self.duplicates.add((*pointer, i))
                continue
            names[fld["name"]] = i
            ident = field_python_name(fld, "object")  # a model attribute's name
            if ident in idents:
                self.error(
                    (*pointer, i, "name"),
                    f"`{fld['name']}` and `{idents[ident]}` both become the Python name `{ident}`",
                    "give one of them a `python_name`",
                )
            idents.setdefault(ident, fld["name"])

    def check_keywords(self) -> None:
        """The method's keyword arguments: parameters and top-level body fields share one namespace."""
        seen: dict[str, tuple[str, dict[str, Any]]] = {}
        entries: list[tuple[Pointer, str, dict[str, Any]]] = []
        for location in LOCATIONS:
            for i, param in enumerate(self.data.get("parameters", {}).get(location, [])):
                if not param.get("runtime"):
                    entries.append((("parameters", location, i), f"{location} parameter", param))
        for i, fld in enumerate(self.data.get("request_body", {}).get("fields", [])):
            entries.append((("request_body", "fields", i), "body field", fld))
        whole = whole_body(self.data.get("request_body", {}))
        if whole is not None:  # the body itself is the keyword argument `body`
            entries.append((("request_body",), "the whole request body", whole))
        for pointer, what, item in entries:
            if pointer in self.duplicates:
                continue
            ident = field_python_name(item, "body")  # every entry is a keyword argument, as build.py names it
            if ident in seen:
                other_what, other = seen[ident]
                self.error(
                    (*pointer, "name"),
                    f"{what} `{item['name']}` and {other_what} `{other['name']}`"
                    f" both become the keyword argument `{ident}`",
                    "give one of them a `python_name`",
                )
            seen.setdefault(ident, (what, item))

    def _param(self, name: str, locations: tuple[str, ...] = ("query",)) -> dict[str, Any] | None:
        for location in locations:
            for param in self.data.get("parameters", {}).get(location, []):
                if param["name"] == name:
                    return dict(param)
        return None

    def check_waiter(self) -> None:
        waiter = self.data.get("waiter")
        if waiter is None:
            return
        status = success_status(self.data)
        fields = {f["name"]: f for f in response_fields(self.data, status)} if status else {}
        holder = f"the {status or '2xx'} response"
        if "select" in waiter:
            select = waiter["select"]
            if self._param(select["parameter"], LOCATIONS) is None:
                self.error(
                    ("waiter", "select", "parameter"), f"`{select['parameter']}` is not a parameter of this operation"
                )
            items = fields.get(select["items"])
            if items is None or items.get("items") not in self.objects:
                self.error(("waiter", "select", "items"), f"`{select['items']}` is not a response list of objects")
                return
            fields = {f["name"]: f for f in self.objects[items["items"]]["fields"]}
            holder = f"`{items['items']}` (the selected item)"
            if select["key"] not in fields:
                self.error(
                    ("waiter", "select", "key"),
                    f"`{select['key']}` is not a field of `{items['items']}`",
                    did_you_mean(select["key"], list(fields)),
                )
        state = fields.get(waiter["state"])
        if state is None:
            self.error(
                ("waiter", "state"),
                f"waiter state `{waiter['state']}` is not a field of {holder}",
                did_you_mean(waiter["state"], list(fields)) or f"fields: {', '.join(fields) or 'none'}",
            )
            return
        allowed = [e["value"] if isinstance(e, dict) else e for e in state.get("enum", [])]
        for key in ("success", "failure"):
            for i, value in enumerate(waiter[key]):
                if state["type"] in PRIMITIVES and not json_type_ok(state["type"], value):
                    self.error(
                        ("waiter", key, i),
                        f"waiter {key} value {show(value)} is not of type {state['type']}"
                        f" (the type of `{waiter['state']}`)",
                        retype(state["type"], value),
                    )
                elif allowed and not any(same(value, v) for v in allowed):
                    self.error(
                        ("waiter", key, i),
                        f"waiter {key} value {show(value)} is not a documented value of `{waiter['state']}`",
                        did_you_mean(value, allowed) or f"documented values: {listing(allowed)}",
                    )


def name_problem(what: str, name: str, thing: str, suffix: str) -> tuple[str, str]:
    """Message and hint for a file or directory name that is not a snake_case identifier."""
    if keyword.iskeyword(name):
        return (
            f"{what} `{name}` is a Python keyword",
            f"rename the {thing} to a longer phrase, e.g. {name}_tasks{suffix}",
        )
    fixed = snake_case(name)
    example = fixed if is_snake_identifier(fixed) else "list_export_tasks"
    return f"{what} `{name}` is not a snake_case identifier", f"rename the {thing} to {example}{suffix}"


def check_operation(source: SourceSpec) -> list[Finding]:
    """Every check that needs only this one spec."""
    return _Checker(source).run()
