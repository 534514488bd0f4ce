"""The JSON Schema pass: spec.schema.json errors turned into findings a person can act on."""

from __future__ import annotations

import json
import re
from functools import cache
from typing import TYPE_CHECKING, Any

import jsonschema_rs

from ..findings import Finding, did_you_mean
from ..model.naming import class_name, is_snake_identifier, snake_case
from ..resources import schema_text
from .load import Pointer, SourceSpec

if TYPE_CHECKING:  # jsonschema loads only to explain an invalid spec (it takes longer to import than to run)
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

__all__ = ["SCHEMA", "schema_findings"]

SCHEMA: dict[str, Any] = json.loads(schema_text())

_TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "object": "a mapping of keys",
    "array": "a list",
    "null": "empty",
}


# The keys that say what a body is: exactly one of them (spec.schema.json `oneOf`).
_BODY_SHAPES = frozenset({"fields", "shared", "array", "map", "file"})


def _schema(kind: str) -> dict[str, Any]:
    return {"$defs": SCHEMA["$defs"], "$ref": "#/$defs/service"} if kind == "service" else SCHEMA


@cache
def _validator(kind: str) -> Draft202012Validator:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(_schema(kind))


@cache
def _quick(kind: str) -> Any:
    """jsonschema-rs, compiled once: it only says whether a spec is valid, some 70 times faster.

    Valid specs are the common case; for an invalid one, the jsonschema pass below finds every
    error and the branch that explains it.
    """
    return jsonschema_rs.Draft202012Validator(_schema(kind))


def warm_up() -> None:
    for kind in ("operation", "service"):
        _quick(kind)


def _surely_valid(source: SourceSpec) -> bool:
    try:
        return bool(_quick(source.kind).is_valid(source.data))
    except (ValueError, TypeError, OverflowError):  # a value it cannot convert: let jsonschema judge
        return False


def schema_findings(source: SourceSpec) -> list[Finding]:
    """All schema violations of one file, one finding each (for oneOf, of the branch that fits), sorted by place."""
    if _surely_valid(source):
        return []
    findings: list[Finding] = []
    for error in _validator(source.kind).iter_errors(source.data):
        findings.extend(_explain(source, _specific(error)))
    return sorted(set(findings))


def _specific(error: ValidationError) -> ValidationError:
    """For oneOf/anyOf, report the branch whose type matched rather than 'is not valid under any'.

    A branch whose own type check failed at the instance is the wrong shape altogether; when
    exactly one branch has the right shape, its errors are the ones that say what to fix.
    """
    while error.validator in ("oneOf", "anyOf") and error.context:
        branches: dict[Any, list[ValidationError]] = {}
        for sub in error.context:
            branches.setdefault(sub.relative_schema_path[0], []).append(sub)
        depth = len(error.absolute_path)
        shaped = [
            errors
            for errors in branches.values()
            if not any(e.validator == "type" and len(e.absolute_path) == depth for e in errors)
        ]
        if len(shaped) != 1:
            break
        from jsonschema.exceptions import best_match

        error = best_match(shaped[0])
    return error


def _name(pointer: Pointer) -> str:
    """How a message names the value at `pointer`: `key`, or item N of `key` for a list item."""
    for i in range(len(pointer) - 1, -1, -1):
        part = pointer[i]
        if isinstance(part, str):
            items = [p for p in pointer[i + 1 :] if isinstance(p, int)]
            return f"item {items[0] + 1} of `{part}`" if len(items) == 1 else f"`{part}`"
    return "the value"


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return _TYPE_WORDS["object" if isinstance(value, dict) else "array"]
    return repr(value) if value is not None else "nothing"


def _types(types: list[str]) -> str:
    """['string', 'number', 'integer'] → 'text or a number' (a number already includes whole numbers)."""
    names = list(dict.fromkeys(types))
    if "number" in names and "integer" in names:
        names.remove("integer")
    if len(names) == 1:
        return _TYPE_WORDS.get(names[0], names[0])
    words = ["a boolean" if t == "boolean" else _TYPE_WORDS.get(t, t) for t in names]
    return f"{', '.join(words[:-1])} or {words[-1]}"


def _at(data: Any, pointer: Pointer) -> Any:
    for part in pointer:
        data = data[part]
    return data if isinstance(data, dict) else {}


def _resolve(schema: dict[str, Any]) -> dict[str, Any]:
    """A schema with its $ref (to a shared definition, itself resolved) merged in."""
    ref = schema.get("$ref", "")
    if not ref.startswith("#/$defs/"):
        return schema
    target = _resolve(SCHEMA["$defs"][ref.removeprefix("#/$defs/")])
    return {**target, **{k: v for k, v in schema.items() if k != "$ref"}}


def _allowed_keys(schema: dict[str, Any]) -> list[str]:
    keys = list(schema.get("properties", {}))
    ref = schema.get("$ref", "")
    if ref.startswith("#/$defs/"):
        keys += _allowed_keys(SCHEMA["$defs"][ref.removeprefix("#/$defs/")])
    return keys


def _property(schema: dict[str, Any], key: str) -> dict[str, Any]:
    """The schema of `key` in an object schema, following $ref to shared definitions."""
    if key in schema.get("properties", {}):
        return _resolve(schema["properties"][key])
    ref = schema.get("$ref", "")
    return _property(SCHEMA["$defs"][ref.removeprefix("#/$defs/")], key) if ref.startswith("#/$defs/") else {}


def _listing(options: list[Any]) -> str:
    return ", ".join(str(o) for o in options)


def _required_hint(schema: dict[str, Any], key: str) -> str:
    prop = _property(schema, key)
    if "const" in prop:
        return f"add `{key}: {prop['const']}`"
    if "enum" in prop:
        return f"add `{key}:` with one of: {_listing(prop['enum'])}"
    if prop.get("type") == "object" and prop.get("required"):
        keys = [f"`{k}`" for k in prop["required"]]
        listed = f"{', '.join(keys[:-1])} and {keys[-1]}" if len(keys) > 1 else keys[0]
        return f"add `{key}:` with {listed}"
    if "description" in prop:
        return f"add `{key}:`, {prop['description'][:1].lower()}{prop['description'][1:]}"
    return f"add `{key}:`; see docs/spec-format.md"


def _type_hint(expected: list[str], value: Any, schema: dict[str, Any]) -> str | None:
    """The usual reason a value has the wrong type, and its fix."""
    text = value if isinstance(value, str) else None
    if expected == ["object"] and text is not None and "name" in _allowed_keys(schema):
        return f"write it as keys: `- name: {text}` with `type:` and the rest below it"
    if "boolean" in expected and text is not None and text.lower() in ("true", "false", "yes", "no"):
        return "write true or false, without quotes"
    if "string" in expected and isinstance(value, bool):
        return "YAML reads unquoted true/false/yes/no/on/off as a boolean: quote the text"
    if "string" in expected and isinstance(value, (int, float)):
        return f'quote it: "{value}"'
    if {"number", "integer"} & set(expected) and text is not None and _is_number(text):
        return "remove the quotes"
    if expected == ["array"] and not isinstance(value, (list, dict)) and value is not None:
        return f"write a list, e.g. [{value}]"
    if value is None:
        return "write the value after the colon, or remove the key"
    return None


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


# What each pattern of the schema means, in words, with an example.
_PATTERNS: dict[str, str] = {
    "^/[^\\s?#]*$": "must start with `/` and contain no spaces, `?` or `#`",
    "^[A-Za-z_][A-Za-z0-9_]*$": "must be a Python identifier (letters, digits and `_`, not starting with a digit)",
    "^[A-Za-z0-9_-]+:[A-Za-z0-9_:*-]+$": "must be an IAM action `service:resource:verb` (e.g. `workspace:tasks:list`)",
    "^[A-Za-z][A-Za-z0-9_]*$": "must start with a letter and contain only letters, digits and `_`",
    "^[A-Z][A-Za-z0-9]*$": "must be a PascalCase class name (e.g. `ExportTaskItem`)",
    "^[a-z][a-z0-9_]*$": "must be snake_case (e.g. `wait_for_export_task`)",
    "^[a-z0-9][a-z0-9-]*$": "must be a host prefix of lowercase letters, digits and `-` (e.g. `workspace`)",
    "^[A-Z][A-Za-z0-9]*Client$": "must be a PascalCase class name ending in `Client` (e.g. `WorkspaceClient`)",
}


def _pattern_hint(pattern: str, value: str) -> str | None:
    if pattern.endswith("Client$"):
        fixed = class_name(value.removesuffix("client").removesuffix("Client")) + "Client"
        return f"did you mean `{fixed}`?" if re.match(pattern, fixed) else None
    if pattern == "^[a-z][a-z0-9_]*$" and is_snake_identifier(snake_case(value)):
        return f"did you mean `{snake_case(value)}`?"
    if pattern == "^[A-Z][A-Za-z0-9]*$" and class_name(value) != value:
        return f"did you mean `{class_name(value)}`?"
    if pattern.startswith("^/"):
        if "?" in value:
            return "query parameters go under `parameters.query`, not in the path"
        if not value.startswith("/"):
            return f"did you mean `/{value}`?"
    return None


def _explain(source: SourceSpec, error: ValidationError) -> list[Finding]:
    pointer: Pointer = tuple(str(p) if not isinstance(p, int) else p for p in error.absolute_path)
    name = _name(pointer)
    kind, value = error.validator, error.instance
    schema: dict[str, Any] = error.schema if isinstance(error.schema, dict) else {}
    if kind in ("additionalProperties", "unevaluatedProperties") and isinstance(value, dict):
        allowed = _allowed_keys(schema)
        unknown = [k for k in value if k not in allowed]
        return [
            source.finding(
                (*pointer, key),
                f"unknown key `{key}`",
                did_you_mean(key, allowed) or f"allowed here: {', '.join(sorted(allowed))}",
                key=True,
            )
            for key in unknown
        ]
    if kind == "required":
        missing = error.message.split("'")[1] if "'" in error.message else "?"
        return [source.finding(pointer, f"missing required key `{missing}`", _required_hint(schema, missing))]
    if kind == "type":
        expected = [str(t) for t in (schema["type"] if isinstance(schema["type"], list) else [schema["type"]])]
        message = f"{name} must be {_types(expected)}, got {_describe(value)}"
        return [source.finding(pointer, message, _type_hint(expected, value, schema))]
    if kind in ("oneOf", "anyOf"):
        expected = [
            str(t)
            for sub in error.context or []
            if sub.validator == "type"
            for t in (sub.validator_value if isinstance(sub.validator_value, list) else [sub.validator_value])
        ]
        if expected:
            return [source.finding(pointer, f"{name} must be {_types(expected)}, got {_describe(value)}")]
    if kind == "oneOf" and isinstance(value, dict) and len(set(value) & _BODY_SHAPES) > 1:
        shapes = [k for k in value if k in _BODY_SHAPES]
        return [
            source.finding(
                (*pointer, shapes[1]),
                f"a body has one of {_listing(sorted(_BODY_SHAPES & set(schema.get('properties', {}))))}; this one has"
                f" {' and '.join(f'`{s}`' for s in shapes)}",
                "`fields` for a JSON object (or a form's parts); `array: X` or `map: X` for a body that is a whole"
                " array or map; `file:` for a body that is a file",
                key=True,
            )
        ]
    if kind == "const":
        const = schema["const"]
        const_hint = f"write `{_last_key(pointer)}: {const}`"
        return [source.finding(pointer, f"{name} must be {const!r}, got {_describe(value)}", const_hint)]
    if kind == "enum":
        options = schema["enum"]
        hint = did_you_mean(str(value), [str(o) for o in options]) if isinstance(value, str) else None
        return [source.finding(pointer, f"{name} must be one of: {_listing(options)}; got {_describe(value)}", hint)]
    if kind == "pattern" and isinstance(value, str) and value in _at(source.data, pointer):
        # propertyNames: the failing instance is a key of the mapping at `pointer`
        where = (*pointer, value)
        if pointer == ("responses",):
            return [source.finding(where, f"`{value}` is not an HTTP status code", 'use three digits: "200"', key=True)]
        rule = _PATTERNS.get(schema["pattern"], f"must match {schema['pattern']}")
        return [source.finding(where, f"key `{value}` {rule}", _pattern_hint(schema["pattern"], value), key=True)]
    if kind == "pattern" and isinstance(value, str):
        rule = _PATTERNS.get(schema["pattern"], f"must match {schema['pattern']}")
        return [source.finding(pointer, f"{name} {rule}, got {value!r}", _pattern_hint(schema["pattern"], value))]
    if kind == "not" and isinstance(value, dict) and {"body", "file"} <= set(value):
        return [
            source.finding(
                (*pointer, "file"),
                "a response has either `body` or `file`, not both",
                "a download has only `file`; a JSON response only `body`",
                key=True,
            )
        ]
    if kind in ("minLength", "minItems", "minProperties"):
        return [source.finding(pointer, f"{name} must not be empty", _EMPTY_HINTS.get(_last_key(pointer)))]
    return [source.finding(pointer, f"{name}: {error.message}")]


_EMPTY_HINTS = {
    "responses": 'add at least one status code, e.g. "200": {description: Succeeded.}',
    "success": "list the state values that mean the job succeeded",
    "enum": "list the values, or remove `enum`",
}


def _last_key(pointer: Pointer) -> str:
    return next((p for p in reversed(pointer) if isinstance(p, str)), "")
