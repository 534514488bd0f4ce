"""Semantic checks: what the schema cannot say (references, placeholders, ranges, examples, names)."""

from __future__ import annotations

import json
import keyword
import re
from collections.abc import Iterator
from typing import Any

from ..findings import Finding, Severity, did_you_mean
from ..model.derive import (
    RUNTIME_HEADERS,
    body_fields,
    defaults_to_client,
    extra_methods,
    field_python_name,
    upload_kind,
    whole_body,
)
from ..model.naming import (
    CLIENT_RESERVED,
    is_snake_identifier,
    python_name,
    snake_case,
    table_classes,
    unusable_name,
)
from ..model.typemap import NUMERIC, PRIMITIVES, json_type_ok
from .load import SERVICE_FILE, Pointer, SourceSpec
from .semantics_body import check_whole_body, check_whole_headers, whole_item_field, whole_key
from .semantics_paging import check_pagination, response_fields, success_status
from .semantics_params import check_collection_format, check_response_headers
from .semantics_status import check_statuses
from .semantics_upload import FILE_HINT, check_upload_body

__all__ = ["RUNTIME_HEADERS", "check_operation", "check_service_tree"]

_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
_LOCATIONS = ("path", "query", "header")


class _Checker:
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
            self.error(
                (), *_name_problem("operation name (the file name)", self.src.name, "file", self.src.path.suffix)
            )
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
        placeholders = _PLACEHOLDER.findall(path)
        declared = {p["name"]: i for i, p in enumerate(self.data.get("parameters", {}).get("path", []))}
        if "{" in _PLACEHOLDER.sub("", path) or "}" in _PLACEHOLDER.sub("", path):
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
        for location in _LOCATIONS:
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
                    (*pointer, "enum", i), f"enum value {_show(value)} is not of type {scalar}", _retype(scalar, value)
                )
        enum_values = [v for _, v in values]
        if len(set(map(repr, enum_values))) != len(enum_values):
            self.error((*pointer, "enum"), f"`{fld['name']}` lists an enum value twice")
        if "default" in fld:
            default = fld["default"]
            at = (*pointer, "default")
            if scalar in PRIMITIVES and not json_type_ok(scalar, default):
                self.error(at, f"default {_show(default)} is not of type {scalar}", _retype(scalar, default))
            elif enum_values and not any(_same(default, v) for v in enum_values):
                self.error(
                    at,
                    f"default {_show(default)} is not one of the enum values: {_listing(enum_values)}",
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
                f"{what} {_show(value)} is outside the range"
                f" {facts.get('minimum', '-inf')}..{facts.get('maximum', 'inf')}",
                "fix the value, or the range in `minimum` and `maximum`",
            )
        short = isinstance(value, str) and len(value) < facts.get("min_length", 0)
        if short or (isinstance(value, str) and len(value) > facts.get("max_length", len(value))):
            self.error(
                pointer,
                f"{what} {_show(value)} has a length outside"
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
        for location in _LOCATIONS:
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

    # -- examples -----------------------------------------------------------------------------
    def check_examples(self) -> None:
        for status, response in self.data["responses"].items():
            if "example" in response and whole_key(response.get("body", {})):
                self.findings.extend(
                    self.check_whole_value(response["example"], response["body"], ("responses", status, "example"))
                )
            if "example" in response and "fields" in response.get("body", {}):
                pointer = ("responses", status, "example")
                if isinstance(response["example"], str):
                    self.warn(pointer, "the example is text, not JSON data", _text_example_hint(response["example"]))
                    continue
                self.findings.extend(self.check_value(response["example"], response["body"]["fields"], pointer))
        body = self.data.get("request_body")
        for i, example in enumerate(self.data.get("request_examples", [])):
            if "body" in example and body is not None and isinstance(example["body"], str):
                hint = _text_example_hint(example["body"])
                self.warn(("request_examples", i, "body"), "the example is text, not JSON data", hint)
            elif "body" in example and body is not None and whole_key(body):
                self.findings.extend(self.check_whole_value(example["body"], body, ("request_examples", i, "body")))
            elif "body" in example and body is not None:
                self.findings.extend(self.check_value(example["body"], body["fields"], ("request_examples", i, "body")))
            elif "body" in example:
                self.error(
                    ("request_examples", i, "body"),
                    "the example has a body but the spec has no `request_body`",
                    "add `request_body:` with its fields, or remove the example's body",
                )

    def check_whole_value(self, value: Any, raw_body: dict[str, Any], pointer: Pointer) -> Iterator[Finding]:
        """An example of a body that is a JSON array (a list) or map (a mapping), element by element."""
        item = whole_item_field(raw_body, self.objects)
        assert item is not None, "only whole bodies come here"
        if isinstance(value, str):
            yield self.src.finding(
                pointer, "the example is text, not JSON data", _text_example_hint(value), severity=Severity.WARNING
            )
            return
        expected = list if "array" in raw_body else dict
        if not isinstance(value, expected):
            what = "a list (the body is a JSON array)" if expected is list else "a mapping (the body is a JSON map)"
            yield self.src.finding(pointer, f"example should be {what}, got {_json_type(value)}")
            return
        elements = enumerate(value) if isinstance(value, list) else value.items()
        for key, element in elements:
            yield from self.check_typed(element, item, (*pointer, key))

    def check_value(self, value: Any, fields: list[dict[str, Any]], pointer: Pointer) -> Iterator[Finding]:
        if not isinstance(value, dict):
            yield self.src.finding(pointer, f"example should be a mapping of fields, got {_json_type(value)}")
            return
        by_name = {f["name"]: f for f in fields}
        for key, item in value.items():
            if key not in by_name:
                yield self.src.finding(
                    (*pointer, key),
                    f"example field `{key}` is not declared",
                    did_you_mean(key, list(by_name)) or "declare it or drop it from the example",
                    key=True,
                )
                continue
            yield from self.check_typed(item, by_name[key], (*pointer, key))
        for fld in fields:
            if fld.get("required") and fld["name"] not in value:
                yield self.src.finding(
                    pointer,
                    f"example lacks the required field `{fld['name']}`",
                    "add it to the example, or check the field's `required`",
                )

    def check_typed(self, value: Any, fld: dict[str, Any], pointer: Pointer) -> Iterator[Finding]:
        if value is None:  # null in an example: clients read every response field as optional
            return
        kind = fld["type"]
        if kind == "Array":
            if not isinstance(value, list):
                yield self.src.finding(
                    pointer, f"example value for `{fld['name']}` should be a list (its type is Array)"
                )
                return
            item_fld = (
                {"name": fld["name"], "type": "Object", "object": fld["items"]}
                if fld.get("items") in self.objects
                else {**fld, "type": fld.get("items", "String")}
            )
            for i, item in enumerate(value):
                yield from self.check_typed(item, item_fld, (*pointer, i))
        elif kind == "Object" and fld.get("object") in self.objects:
            yield from self.check_value(value, self.objects[fld["object"]]["fields"], pointer)
        elif kind in PRIMITIVES:
            if not json_type_ok(kind, value):
                yield self.src.finding(
                    pointer,
                    f"example value {_show(value)} for `{fld['name']}` is not of type {kind}",
                    _retype(kind, value),
                )
            elif fld.get("enum"):
                allowed = [e["value"] if isinstance(e, dict) else e for e in fld["enum"]]
                if not any(_same(value, v) for v in allowed):
                    yield self.src.finding(
                        pointer,
                        f"example value {_show(value)} for `{fld['name']}` is not one of: {_listing(allowed)}",
                        did_you_mean(value, allowed),
                    )

    # -- hand-written sections ---------------------------------------------------------------
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
            if self._param(select["parameter"], _LOCATIONS) is None:
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
                        f"waiter {key} value {_show(value)} is not of type {state['type']}"
                        f" (the type of `{waiter['state']}`)",
                        _retype(state["type"], value),
                    )
                elif allowed and not any(_same(value, v) for v in allowed):
                    self.error(
                        ("waiter", key, i),
                        f"waiter {key} value {_show(value)} is not a documented value of `{waiter['state']}`",
                        did_you_mean(value, allowed) or f"documented values: {_listing(allowed)}",
                    )


def _text_example_hint(text: str) -> str:
    """Why an example is text: JSON that does not parse, or JSON that the fields do not describe."""
    try:
        json.loads(text)
    except ValueError:
        return "the page's JSON does not parse: correct it here as YAML data once you know what was meant"
    return "it is JSON that disagrees with the fields (the import said how): make them agree, as YAML data here"


def _json_type(value: Any) -> str:
    names = {bool: "true or false", str: "text", int: "a number", float: "a number", list: "a list", dict: "a mapping"}
    return "nothing" if value is None else names.get(type(value), type(value).__name__)


def _show(value: Any) -> str:
    """A value as the spec writes it: 'text', 20, true, null."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return "null" if value is None else repr(value)


def _listing(values: list[Any]) -> str:
    return ", ".join(_show(v) for v in values)


def _same(a: Any, b: Any) -> bool:
    """Equal as JSON values: true is not 1, as it is in Python."""
    return isinstance(a, bool) == isinstance(b, bool) and a == b


def _retype(page_type: str, value: Any) -> str:
    """How to fix a value of the wrong JSON type."""
    if page_type in NUMERIC and isinstance(value, str):
        try:
            float(value)
        except ValueError:
            return "use a number, or make the field a String"
        return "remove the quotes"
    if page_type in ("Integer", "Long") and isinstance(value, float) and value.is_integer():
        return f"write {int(value)}"
    if page_type == "String" and isinstance(value, bool):
        return "YAML reads unquoted true/false/yes/no/on/off as a boolean: quote it"
    if page_type == "String" and isinstance(value, (int, float)):
        return f'quote it: "{value}"'
    if page_type == "Boolean" and isinstance(value, str) and value.lower() in ("true", "false"):
        return "remove the quotes"
    return f"use a {page_type} value, or fix the field's type"


def _name_problem(what: str, name: str, thing: str, suffix: str) -> tuple[str, str]:
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


def _class_renames(sources: list[SourceSpec]) -> list[Finding]:
    """A warning per object table whose class is renamed (naming.table_classes says why and how)."""
    findings: list[Finding] = []
    by_service: dict[str, dict[str, SourceSpec]] = {}
    for src in sources:
        by_service.setdefault(src.service, {}).setdefault(src.name, src)
    for specs in by_service.values():
        _, renames = table_classes((name, src.data) for name, src in specs.items())
        for rename in renames:
            chosen = specs[rename.operation].data["objects"][rename.table].get("python_name")
            if chosen is not None and unusable_name(chosen, model_field=False):
                continue  # the python_name is an error of its own (_Checker)
            findings.append(
                specs[rename.operation].finding(
                    ("objects", rename.table),
                    f"object table `{rename.table}` becomes the class `{rename.given}`, not `{rename.wanted}`:"
                    f" {rename.reason}",
                    "give it a `python_name` to choose another name",
                    key=True,
                    severity=Severity.WARNING,
                )
            )
    return findings


def check_service_tree(sources: list[SourceSpec]) -> list[Finding]:
    """Checks across files: placement, duplicate operations, job links, model class names."""
    findings: list[Finding] = []
    services = {s.service for s in sources if s.kind == "service"}
    operations: dict[tuple[str, str], SourceSpec] = {}
    routes: dict[tuple[str, str, str], SourceSpec] = {}
    shared = {s.service: s.data.get("shared_responses") or {} for s in sources if s.kind == "service"}
    for src in sources:
        if src.kind == "service":
            findings += _check_shared_tables(src)
            if not is_snake_identifier(src.service):
                findings.append(
                    src.finding((), *_name_problem("service directory name", src.service, "directory", "/"))
                )
            continue
        # A _service.yaml that failed to load or to validate has its own finding; its specs are still in place.
        if src.service not in services and not (src.path.parent / SERVICE_FILE).is_file():
            findings.append(
                src.finding(
                    (),
                    "spec is outside specs/<service>/: there is no _service.yaml beside it",
                    "move it into specs/<service>/ or add that service's _service.yaml",
                )
            )
        for status, response in src.data["responses"].items():
            name = (response.get("body") or {}).get("shared")
            if name is not None and name not in shared.get(src.service, {}):
                known = list(shared.get(src.service, {}))
                hint = did_you_mean(name, known) or "define it under `shared_responses:` in the service's _service.yaml"
                findings.append(
                    src.finding(("responses", status, "body", "shared"), f"no shared response `{name}`", hint)
                )
        key = (src.service, python_name(src.name))
        if key in operations:
            other = operations[key]
            if other.name == src.name:
                message = (
                    f"duplicate operation `{src.name}` in service `{src.service}`: {other.display} has the same name"
                )
                hint = "keep one of the two files"
            else:
                message = (
                    f"operations `{src.name}` and `{other.name}` ({other.display}) both become the method `{key[1]}`"
                )
                hint = "rename one of them"
            findings.append(src.finding((), message, hint))
            continue  # one finding per duplicate: its method and path are the other file's business
        operations[key] = src
        route = (src.service, src.data["method"], re.sub(_PLACEHOLDER, "{}", src.data["path"]))
        if route in routes:
            findings.append(
                src.finding(
                    ("path",),
                    f"{src.data['method']} {src.data['path']} is already"
                    f" operation `{routes[route].name}` ({routes[route].display})",
                    "one page, one spec: if they are one operation, remove the duplicate",
                    # Huawei documents some routes as several operations (public and private DNS
                    # zones on POST /v2/zones): both are generated; the mock serves the first
                    severity=Severity.WARNING,
                )
            )
        routes.setdefault(route, src)
    findings.extend(_method_collisions([s for s in sources if s.kind == "operation"]))
    findings.extend(_class_renames([s for s in sources if s.kind == "operation"]))
    by_name = {(s.service, s.name): s for s in sources if s.kind == "operation"}
    for src in by_name.values():
        job = src.data.get("job")
        if job is None:
            continue
        poll = by_name.get((src.service, job["poll"]))
        status = success_status(src.data)
        if status is None or job["id_field"] not in {f["name"] for f in response_fields(src.data, status)}:
            findings.append(
                src.finding(("job", "id_field"), f"`{job['id_field']}` is not a field of the success response")
            )
        if poll is None:
            findings.append(
                src.finding(
                    ("job", "poll"),
                    f"no operation `{job['poll']}` in service `{src.service}`",
                    did_you_mean(job["poll"], [n for s, n in by_name if s == src.service])
                    or f"add specs/{src.service}/{job['poll']}.yaml with a `waiter`, or name an existing operation",
                )
            )
            continue
        if "waiter" not in poll.data:
            findings.append(src.finding(("job", "poll"), f"operation `{job['poll']}` has no `waiter` section"))
        params = [p["name"] for loc in _LOCATIONS for p in poll.data.get("parameters", {}).get(loc, [])]
        if job["poll_parameter"] not in params:
            findings.append(
                src.finding(
                    ("job", "poll_parameter"),
                    f"`{job['poll_parameter']}` is not a parameter of `{job['poll']}`",
                    did_you_mean(job["poll_parameter"], params),
                )
            )
        findings.extend(_check_job_chain(src, poll, by_name))
    return findings


_METHOD_KINDS = {
    "iter": "item iterator",
    "iter_pages": "page iterator",
    "waiter": "waiter",
    "workflow": "one-call workflow",
}


def _methods_of(src: SourceSpec) -> list[tuple[str, Pointer, str]]:
    """The client methods a spec makes beside its own: (name, where the spec asks for it, what it is)."""
    return [(name, pointer, _METHOD_KINDS[kind]) for kind, name, pointer in extra_methods(src.name, src.data)]


def _method_collisions(operations: list[SourceSpec]) -> list[Finding]:
    """Two methods of one client with the same name: the second would silently replace the first."""
    findings: list[Finding] = []
    seen: dict[tuple[str, str], str] = {(s.service, s.name): f"operation `{s.name}` ({s.display})" for s in operations}
    for src in operations:
        for name, pointer, what in _methods_of(src):
            key = (src.service, name)
            if key in seen:
                findings.append(
                    src.finding(
                        pointer,
                        f"the {what} `{name}` of `{src.name}` has the name of {seen[key]}",
                        "rename one of them: a client cannot have two methods of one name",
                        key=pointer[-1] != "name",
                    )
                )
            else:
                seen[key] = f"the {what} of `{src.name}`"
    return findings


def _argument_names(data: dict[str, Any]) -> set[str]:
    params = {p["name"] for loc in _LOCATIONS for p in data.get("parameters", {}).get(loc, []) if not p.get("runtime")}
    return params | {f["name"] for f in body_fields(data.get("request_body"))}


def _unforwardable(target: SourceSpec, start: SourceSpec, own: str) -> list[str]:
    """Required arguments of `target` that the one-call workflow cannot take from the start operation."""
    given = _argument_names(start.data) | {own}
    required = [
        p["name"]
        for loc in _LOCATIONS
        for p in target.data.get("parameters", {}).get(loc, [])
        if p.get("required") and not p.get("runtime") and not defaults_to_client(loc, p["name"])
    ]
    required += [f["name"] for f in body_fields(target.data.get("request_body")) if f.get("required")]
    return [name for name in required if name not in given]


def _check_job_chain(src: SourceSpec, poll: SourceSpec, by_name: dict[tuple[str, str], SourceSpec]) -> list[Finding]:
    """The workflow start → poll (→ download) must be callable with the start operation's arguments."""
    job = src.data["job"]
    findings = [
        src.finding(
            ("job", "poll"),
            f"`{job['poll']}` requires `{name}`, which `{src.name}` does not take",
            "the one-call workflow passes on only the arguments both operations share",
        )
        for name in _unforwardable(poll, src, job["poll_parameter"])
    ]
    download = job.get("download")
    if download is None:
        return findings
    target = by_name.get((src.service, download["operation"]))
    if target is None:
        return [
            *findings,
            src.finding(
                ("job", "download", "operation"),
                f"no operation `{download['operation']}` in service `{src.service}`",
                did_you_mean(download["operation"], [n for s, n in by_name if s == src.service]),
            ),
        ]
    if not any("file" in r for s, r in target.data["responses"].items() if s.startswith("2")):
        findings.append(
            src.finding(
                ("job", "download", "operation"),
                f"`{download['operation']}` has no file response",
                "mark its 2xx `file:`",
            )
        )
    if download["parameter"] not in _argument_names(target.data):
        findings.append(
            src.finding(
                ("job", "download", "parameter"),
                f"`{download['parameter']}` is not a parameter of `{download['operation']}`",
                did_you_mean(download["parameter"], sorted(_argument_names(target.data))),
            )
        )
    status = success_status(poll.data)
    poll_fields = [f["name"] for f in response_fields(poll.data, status)] if status else []
    if download["field"] not in poll_fields:
        findings.append(
            src.finding(
                ("job", "download", "field"),
                f"`{download['field']}` is not a field of `{job['poll']}`'s success response",
                did_you_mean(download["field"], poll_fields),
            )
        )
    findings += [
        src.finding(
            ("job", "download", "operation"),
            f"`{download['operation']}` requires `{name}`, which `{src.name}` does not take",
        )
        for name in _unforwardable(target, src, download["parameter"])
    ]
    return findings


def _check_shared_tables(src: SourceSpec) -> list[Finding]:
    """A shared response's object references resolve to the service file's own object tables."""
    tables = src.data.get("objects") or {}
    findings: list[Finding] = []
    everything = [
        (("shared_responses", n, "fields"), r["fields"]) for n, r in (src.data.get("shared_responses") or {}).items()
    ]
    everything += [(("objects", n, "fields"), t["fields"]) for n, t in tables.items()]
    for pointer, fields in everything:
        for i, fld in enumerate(fields):
            for key in ("items", "values", "object"):
                ref = fld.get(key)
                if ref is None or ref in tables or (key != "object" and (ref in PRIMITIVES or ref == "Object")):
                    continue
                hint = did_you_mean(ref, list(tables)) or "add the table under `objects:` in _service.yaml"
                findings.append(src.finding((*pointer, i, key), f"`{ref}` is no object table of the service", hint))
    return findings
