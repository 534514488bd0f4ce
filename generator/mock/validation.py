"""Request checks from the typed model: presence, types, enumerations, ranges, lengths, content type, body.

Each check raises a 400 `MockError` whose message names the parameter or field where it failed
(`query parameter 'limit': 0 is below the minimum 1`, `body field 'apps[0].id': expected String, got
integer`), the first problem found, in the order path, query, header, body. Values from the URL and
headers are text and are parsed to the page type first; JSON values must already have the page type
(an Integer takes 20, not 20.0 or "20"), as `docs/spec-format.md` says of examples.

Runtime headers (`X-Auth-Token`, `Content-Type`, …) are not parameters here: authentication and the
content type are checked on their own.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..model.api import Constraints, Field, Model, Operation, TypeRef
from ..model.derive import FORM_URLENCODED
from .errors import MockError, bad_request
from .uploads import check_form, parse_form, parse_urlencoded

__all__ = ["Checked", "RequestValidator", "media_type"]

_LABELS = {"path": "path parameter", "query": "query parameter", "header": "header", "body": "body field"}
_INT_RANGES = {"Integer": ("int32", 2**31), "Long": ("int64", 2**63)}
_NUMBER_TYPES = ("Float", "Double", "Number")
_INTEGER_TEXT = re.compile(r"-?[0-9]+")
_FLOAT_TEXT = re.compile(r"-?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


@dataclass(frozen=True)
class Checked:
    """A request that passed: typed values by wire name (query arrays as lists), and the JSON body."""

    path: dict[str, Any]
    query: dict[str, Any]
    headers: dict[str, Any]
    body: Any


class _Invalid(Exception):
    """A value is wrong; the caller adds where."""


def media_type(content_type: str) -> str:
    """`application/json;charset=UTF-8` → `application/json`."""
    return content_type.split(";", 1)[0].strip().lower()


def _show(value: Any) -> str:
    return repr(value) if isinstance(value, str) else json.dumps(value)


def _json_kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


def _from_text(text: str, page_type: str) -> Any:
    """A URL or header value as its page type."""
    if page_type in _INT_RANGES:
        if not _INTEGER_TEXT.fullmatch(text):
            raise _Invalid(f"{text!r} is not a valid {page_type}")
        return int(text)
    if page_type in _NUMBER_TYPES:
        if not _FLOAT_TEXT.fullmatch(text) or not math.isfinite(float(text)):
            raise _Invalid(f"{text!r} is not a valid {page_type}")
        return float(text)
    if page_type == "Boolean":
        if text not in ("true", "false"):
            raise _Invalid(f"{text!r} is not a valid Boolean (true or false)")
        return text == "true"
    return text


def _check_facts(value: Any, page_type: str, fld: Field) -> None:
    """Enumeration, integer width, range, length and pattern of one scalar."""
    if page_type in _INT_RANGES:
        width, bound = _INT_RANGES[page_type]
        if not -bound <= value < bound:
            raise _Invalid(f"{value} is outside the {page_type} ({width}) range")
    if page_type in _NUMBER_TYPES and not math.isfinite(value):
        raise _Invalid(f"{value} is not a finite number")
    if fld.enum and value not in fld.enum_values:
        raise _Invalid(f"{_show(value)} is not one of {', '.join(str(v) for v in fld.enum_values)}")
    c: Constraints = fld.constraints
    if isinstance(value, int | float) and not isinstance(value, bool):
        if c.minimum is not None and value < c.minimum:
            raise _Invalid(f"{_show(value)} is below the minimum {_show(c.minimum)}")
        if c.maximum is not None and value > c.maximum:
            raise _Invalid(f"{_show(value)} is above the maximum {_show(c.maximum)}")
    if isinstance(value, str):
        if c.min_length is not None and len(value) < c.min_length:
            raise _Invalid(f"length {len(value)} is below the minimum length {c.min_length}")
        if c.max_length is not None and len(value) > c.max_length:
            raise _Invalid(f"length {len(value)} is above the maximum length {c.max_length}")
        if c.pattern is not None and re.search(c.pattern, value) is None:
            raise _Invalid(f"{value!r} does not match the pattern {c.pattern!r}")


def _check_count(count: int, fld: Field) -> None:
    c = fld.constraints
    if c.min_items is not None and count < c.min_items:
        raise _Invalid(f"{count} items, fewer than the minimum {c.min_items}")
    if c.max_items is not None and count > c.max_items:
        raise _Invalid(f"{count} items, more than the maximum {c.max_items}")


class RequestValidator:
    """The checks of one operation; `models` resolves the object tables its body refers to."""

    def __init__(self, operation: Operation, models: Mapping[str, Model]) -> None:
        self.operation = operation
        self._models = {name: {f.name: f for f in model.fields} for name, model in models.items()}
        self._params = [p for p in operation.parameters if not p.runtime]
        body = operation.body
        self._body_fields = {f.name: f for f in body.fields} if body else None
        self._whole = body.fields[0] if body and body.whole else None  # a body that is a JSON array or map
        self._content_type = media_type(body.content_type) if body else None
        self._upload = body.upload if body else ""

    def check(
        self,
        path: Mapping[str, str],
        query: Sequence[tuple[str, str]],
        headers: Mapping[str, str],
        content_type: str | None,
        body: bytes,
    ) -> Checked:
        """Check the whole request; `headers` must look names up case-insensitively."""
        values: dict[str, dict[str, Any]] = {"path": {}, "query": {}, "header": {}}
        for fld in self._params:
            if fld.location == "path":
                texts = [path[fld.name]] if fld.name in path else []
            elif fld.location == "query":
                texts = [value for name, value in query if name == fld.name]
            else:
                texts = [headers[fld.name]] if fld.name in headers else []
            parsed = self._parameter(fld, texts)
            if parsed is not None:
                values[fld.location][fld.name] = parsed
        parsed_body = self._body(content_type, body) if self._body_fields is not None else None
        return Checked(values["path"], values["query"], values["header"], parsed_body)

    # -- parameters ------------------------------------------------------------------------
    def _parameter(self, fld: Field, texts: list[str]) -> Any:
        label = f"{_LABELS[fld.location]} '{fld.name}'"
        if not texts:
            if fld.required:
                raise bad_request(f"{label} is required")
            return None
        is_array = fld.type.page_type == "Array"
        joined = fld.collection_format == "csv"
        if len(texts) > 1 and (not is_array or joined):
            hint = " (its values go comma-joined under one key)" if joined else ""
            raise bad_request(f"{label} is given {len(texts)} times{hint}")
        if joined:
            texts = texts[0].split(",")
        item_type = fld.type.items.page_type if is_array and fld.type.items else fld.type.page_type
        try:
            items = [_from_text(text, item_type) for text in texts]
            for item in items:
                _check_facts(item, item_type, fld)
            if is_array:
                _check_count(len(items), fld)
        except _Invalid as exc:
            raise bad_request(f"{label}: {exc}") from None
        return items if is_array else items[0]

    def _form_value(self, text: str, fld: Field) -> Any:
        """A form part's text as its field's scalar, with the page's facts checked."""
        try:
            value = _from_text(text, fld.type.page_type)
            _check_facts(value, fld.type.page_type, fld)
        except _Invalid as exc:
            what = "form part" if self._upload == "multipart" else "form field"
            raise bad_request(f"{what} '{fld.name}': {exc}") from None
        return value

    # -- body ------------------------------------------------------------------------------
    def _body(self, content_type: str | None, raw: bytes) -> Any:
        if not raw and self._upload != "binary":  # an empty file is still a file
            raise bad_request("request body is required")
        if content_type is None:
            raise bad_request("header 'Content-Type' is required")
        if media_type(content_type) != self._content_type:
            raise bad_request(f"header 'Content-Type': {content_type!r} is not {self._content_type}")
        if self._upload == "binary":  # the file itself: any bytes
            return {"size": len(raw)}
        if self._upload == "multipart":
            assert self._body_fields is not None
            return check_form(parse_form(content_type, raw), self._body_fields, self._form_value)
        if self._content_type == FORM_URLENCODED:  # text fields, as a browser posts a form
            assert self._body_fields is not None
            return check_form(parse_urlencoded(raw), self._body_fields, self._form_value, "form field")
        try:
            data = json.loads(raw.decode("utf-8"), parse_constant=_refuse_constant)
        except (UnicodeDecodeError, ValueError) as exc:
            raise bad_request(f"request body is not valid JSON: {exc}") from None
        if self._whole is not None:  # the JSON array or map itself, element by element ('[0].op')
            kind = self._whole.type.page_type
            if not isinstance(data, list if kind == "Array" else dict):
                expected = "an array" if kind == "Array" else "an object (a map)"
                raise bad_request(f"request body: expected {expected}, got {_json_kind(data)}")
            self._value(data, self._whole.type, self._whole, "")
            return data
        if not isinstance(data, dict):
            raise bad_request(f"request body: expected an object, got {_json_kind(data)}")
        assert self._body_fields is not None
        self._object(data, self._body_fields, "")
        return data

    def _object(self, data: dict[str, Any], fields: Mapping[str, Field], prefix: str) -> None:
        for name in data:
            if name not in fields:
                raise bad_request(f"body field '{prefix}{name}' is not documented")
        for fld in fields.values():
            where = f"{prefix}{fld.name}"
            if fld.name not in data:
                if fld.required:
                    raise bad_request(f"body field '{where}' is required")
                continue
            if data[fld.name] is None and fld.nullable:  # null is a value the page allows here
                continue
            self._value(data[fld.name], fld.type, fld, where)

    def _value(self, value: Any, ref: TypeRef, fld: Field, where: str) -> None:
        """One JSON value of type `ref`; `fld` gives the facts (for an array: of its items)."""
        kind = ref.page_type
        if kind == "Array":
            if not isinstance(value, list):
                raise self._wrong(where, "Array", value)
            try:
                _check_count(len(value), fld)
            except _Invalid as exc:
                raise bad_request(f"body field '{where}': {exc}") from None
            inner = ref.items or TypeRef("String")
            for index, item in enumerate(value):
                self._value(item, inner, fld, f"{where}[{index}]")
            return
        if kind in ("Object", "Map"):
            if not isinstance(value, dict):
                raise self._wrong(where, kind, value)
            if kind == "Object" and ref.model is not None:
                self._object(value, self._models[ref.model], f"{where}.")
            elif kind == "Map" and ref.items is not None:
                for key, item in value.items():
                    self._value(item, ref.items, fld, f"{where}.{key}")
            return
        if not _json_is(value, kind):
            raise self._wrong(where, kind, value)
        try:
            _check_facts(value, kind, fld)
        except _Invalid as exc:
            raise bad_request(f"body field '{where}': {exc}") from None

    @staticmethod
    def _wrong(where: str, kind: str, value: Any) -> MockError:
        return bad_request(f"body field '{where}': expected {kind}, got {_json_kind(value)}")


def _json_is(value: Any, kind: str) -> bool:
    if kind == "Boolean":
        return isinstance(value, bool)
    if isinstance(value, bool):
        return False
    if kind in _INT_RANGES:
        return isinstance(value, int)
    if kind in _NUMBER_TYPES:
        return isinstance(value, int | float)
    return isinstance(value, str)


def _refuse_constant(name: str) -> Any:
    """NaN and Infinity are not JSON."""
    raise ValueError(f"{name} is not a JSON value")
