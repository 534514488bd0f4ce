"""The checks of a spec's examples against its fields (a part of the operation checker), and how
values are shown in their findings."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ..findings import Finding, Severity, did_you_mean
from ..model.typemap import NUMERIC, PRIMITIVES, json_type_ok
from .load import Pointer, SourceSpec
from .semantics_body import whole_item_field, whole_key

__all__ = ["ExampleChecks", "json_type", "listing", "retype", "same", "show", "text_example_hint"]

_TEXT = "the example is text, not JSON data"


class ExampleChecks:
    """Mixed into the operation checker: its spec, objects and findings are the checker's."""

    src: SourceSpec
    data: dict[str, Any]
    objects: dict[str, Any]
    findings: list[Finding]

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
                    hint = text_example_hint(response["example"])
                    self.findings.append(self.src.finding(pointer, _TEXT, hint, severity=Severity.WARNING))
                    continue
                self.findings.extend(self.check_value(response["example"], response["body"]["fields"], pointer))
        body = self.data.get("request_body")
        for i, example in enumerate(self.data.get("request_examples", [])):
            if "body" in example and body is not None and isinstance(example["body"], str):
                hint = text_example_hint(example["body"])
                self.findings.append(
                    self.src.finding(("request_examples", i, "body"), _TEXT, hint, severity=Severity.WARNING)
                )
            elif "body" in example and body is not None and whole_key(body):
                self.findings.extend(self.check_whole_value(example["body"], body, ("request_examples", i, "body")))
            elif "body" in example and body is not None:
                self.findings.extend(self.check_value(example["body"], body["fields"], ("request_examples", i, "body")))
            elif "body" in example:
                message = "the example has a body but the spec has no `request_body`"
                hint = "add `request_body:` with its fields, or remove the example's body"
                self.findings.append(self.src.finding(("request_examples", i, "body"), message, hint))

    def check_whole_value(self, value: Any, raw_body: dict[str, Any], pointer: Pointer) -> Iterator[Finding]:
        """An example of a body that is a JSON array (a list) or map (a mapping), element by element."""
        item = whole_item_field(raw_body, self.objects)
        assert item is not None, "only whole bodies come here"
        if isinstance(value, str):
            yield self.src.finding(
                pointer, "the example is text, not JSON data", text_example_hint(value), severity=Severity.WARNING
            )
            return
        expected = list if "array" in raw_body else dict
        if not isinstance(value, expected):
            what = "a list (the body is a JSON array)" if expected is list else "a mapping (the body is a JSON map)"
            yield self.src.finding(pointer, f"example should be {what}, got {json_type(value)}")
            return
        elements = enumerate(value) if isinstance(value, list) else value.items()
        for key, element in elements:
            yield from self.check_typed(element, item, (*pointer, key))

    def check_value(self, value: Any, fields: list[dict[str, Any]], pointer: Pointer) -> Iterator[Finding]:
        if not isinstance(value, dict):
            yield self.src.finding(pointer, f"example should be a mapping of fields, got {json_type(value)}")
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
                    f"example value {show(value)} for `{fld['name']}` is not of type {kind}",
                    retype(kind, value),
                )
            elif fld.get("enum"):
                allowed = [e["value"] if isinstance(e, dict) else e for e in fld["enum"]]
                if not any(same(value, v) for v in allowed):
                    yield self.src.finding(
                        pointer,
                        f"example value {show(value)} for `{fld['name']}` is not one of: {listing(allowed)}",
                        did_you_mean(value, allowed),
                    )

    # -- hand-written sections ---------------------------------------------------------------


def text_example_hint(text: str) -> str:
    """Why an example is text: JSON that does not parse, or JSON that the fields do not describe."""
    try:
        json.loads(text)
    except ValueError:
        return "the page's JSON does not parse: correct it here as YAML data once you know what was meant"
    return "it is JSON that disagrees with the fields (the import said how): make them agree, as YAML data here"


def json_type(value: Any) -> str:
    names = {bool: "true or false", str: "text", int: "a number", float: "a number", list: "a list", dict: "a mapping"}
    return "nothing" if value is None else names.get(type(value), type(value).__name__)


def show(value: Any) -> str:
    """A value as the spec writes it: 'text', 20, true, null."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return "null" if value is None else repr(value)


def listing(values: list[Any]) -> str:
    return ", ".join(show(v) for v in values)


def same(a: Any, b: Any) -> bool:
    """Equal as JSON values: true is not 1, as it is in Python."""
    return isinstance(a, bool) == isinstance(b, bool) and a == b


def retype(page_type: str, value: Any) -> str:
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
