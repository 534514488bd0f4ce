"""The JSON Schema pass: spec.schema.json errors turned into findings a person can act on."""

from __future__ import annotations

import difflib
import json
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError, best_match

from .findings import Finding
from .load import Pointer, SourceSpec

__all__ = ["SCHEMA", "schema_findings"]

SCHEMA: dict[str, Any] = json.loads(resources.files(__package__).joinpath("spec.schema.json").read_text("utf-8"))

_TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "object": "a mapping of keys",
    "array": "a list",
    "null": "empty",
}


@cache
def _validator(kind: str) -> Draft202012Validator:
    if kind == "service":
        return Draft202012Validator({"$defs": SCHEMA["$defs"], "$ref": "#/$defs/service"})
    return Draft202012Validator(SCHEMA)


def schema_findings(source: SourceSpec) -> list[Finding]:
    """All schema violations of one file, one finding each, deepest and most specific first."""
    findings: list[Finding] = []
    for error in _validator(source.kind).iter_errors(source.data):
        findings.extend(_explain(source, _specific(error)))
    return sorted(set(findings))


def _specific(error: ValidationError) -> ValidationError:
    """For oneOf/anyOf, report the branch that came closest rather than 'is not valid under any'."""
    while error.validator in ("oneOf", "anyOf") and error.context:
        deeper = [e for e in error.context if len(e.absolute_path) > len(error.absolute_path)]
        if not deeper:
            break
        error = best_match(deeper)
    return error


def _name(pointer: Pointer) -> str:
    for part in reversed(pointer):
        if isinstance(part, str):
            return part
    return "value"


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, (dict, list)):
        return _TYPE_WORDS["object" if isinstance(value, dict) else "array"]
    return repr(value) if value is not None else "nothing"


def _at(data: Any, pointer: Pointer) -> Any:
    for part in pointer:
        data = data[part]
    return data if isinstance(data, dict) else {}


def _allowed_keys(schema: dict[str, Any]) -> list[str]:
    keys = list(schema.get("properties", {}))
    ref = schema.get("$ref", "")
    if ref.startswith("#/$defs/"):
        keys += _allowed_keys(SCHEMA["$defs"][ref.removeprefix("#/$defs/")])
    return keys


def _suggest(word: str, choices: list[str]) -> str | None:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"did you mean `{close[0]}`?" if close else None


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
                _suggest(key, allowed) or f"allowed here: {', '.join(sorted(allowed))}",
                key=True,
            )
            for key in unknown
        ]
    if kind == "required":
        missing = error.message.split("'")[1] if "'" in error.message else "?"
        return [source.finding(pointer, f"missing required key `{missing}`", "see docs/spec-format.md")]
    if kind == "type":
        expected = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        words = " or ".join(_TYPE_WORDS.get(str(t), str(t)) for t in expected)
        return [source.finding(pointer, f"`{name}` must be {words}, got {_describe(value)}")]
    if kind in ("enum", "const"):
        options = schema.get("enum", [schema.get("const")])
        hint = _suggest(str(value), [str(o) for o in options]) if isinstance(value, str) else None
        listed = ", ".join(str(o) for o in options)
        return [source.finding(pointer, f"`{name}` must be one of: {listed}; got {_describe(value)}", hint)]
    if kind == "pattern" and isinstance(value, str) and value in _at(source.data, pointer):
        # propertyNames: the failing instance is a key of the mapping at `pointer`
        where = (*pointer, value)
        if pointer == ("responses",):
            return [source.finding(where, f"`{value}` is not an HTTP status code", 'use three digits: "200"', key=True)]
        return [source.finding(where, f"key `{value}` does not match {schema['pattern']}", key=True)]
    if kind == "pattern":
        return [source.finding(pointer, f"`{name}` value {_describe(value)} does not match {schema['pattern']}")]
    if kind == "not" and isinstance(value, dict) and {"body", "file"} <= set(value):
        return [source.finding(pointer, "a response has either `body` or `file`, not both")]
    if kind in ("minLength", "minItems", "minProperties"):
        return [source.finding(pointer, f"`{name}` must not be empty")]
    return [source.finding(pointer, f"`{name}`: {error.message}")]
