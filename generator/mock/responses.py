"""What a valid request gets: the page's example, or a body synthesised from the response table.

Everything here is deterministic (no randomness, no clock), so two runs answer with the same bytes.
Synthesis takes, per field: the first enum value, else the default, else a value of the page type
that respects the stated range and length (strings are the field's name, padded or cut to fit);
arrays get one item (or `min_items`), objects every field of their table.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Mapping
from typing import Any

from ..model.api import Field, Model, Operation, Response, TypeRef

__all__ = [
    "file_body",
    "file_name",
    "fit_text",
    "header_text",
    "json_bytes",
    "mock_id",
    "sample_fields",
    "success_body",
]

_ID_NAMESPACE = uuid.UUID("6f1f1c2e-6d0b-4a8e-9d52-0f7c3b8a1e55")
_FILE_LINES = 400
# The part of every synthesised file that does not depend on the request (~8 KiB, several network reads).
_FILE_TAIL = "".join(f"line {number:04d} of {_FILE_LINES}\n" for number in range(1, _FILE_LINES + 1)).encode()


def json_bytes(data: Any) -> bytes:
    """The wire form of a JSON body: compact, UTF-8, keys in the spec's order."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def mock_id(kind: str, number: int) -> str:
    """A UUID-shaped id, the same for the same kind and number in every run."""
    return str(uuid.uuid5(_ID_NAMESPACE, f"{kind}:{number}"))


def fit_text(text: str, fld: Field | None) -> str:
    """`text` padded with "x" or cut so that it respects the field's length limits."""
    if fld is None:
        return text
    c = fld.constraints
    if c.min_length is not None and len(text) < c.min_length:
        text += "x" * (c.min_length - len(text))
    if c.max_length is not None and len(text) > c.max_length:
        text = text[: c.max_length]
    return text


def _scalar(fld: Field, page_type: str) -> Any:
    if fld.enum:
        return fld.enum[0].value
    if fld.has_default and fld.type.page_type != "Array":
        return fld.default
    c = fld.constraints
    if page_type in ("Integer", "Long"):
        low = int(c.minimum) if c.minimum is not None else 0
        return min(max(low, 0), int(c.maximum)) if c.maximum is not None else max(low, 0)
    if page_type in ("Float", "Double", "Number"):
        bottom = float(c.minimum) if c.minimum is not None else 0.0
        return min(max(bottom, 0.0), float(c.maximum)) if c.maximum is not None else max(bottom, 0.0)
    if page_type == "Boolean":
        return False
    return fit_text(fld.name, fld)


def header_text(fld: Field) -> str:
    """A documented response header's value: its example, else one synthesised like a body field's."""
    value = fld.example if fld.example is not None else _scalar(fld, fld.type.page_type)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _sample(fld: Field, ref: TypeRef, models: Mapping[str, Model], seen: frozenset[str]) -> Any:
    if ref.page_type == "Array":
        c = fld.constraints
        count = max(1, c.min_items or 0)
        if c.max_items is not None:
            count = min(count, c.max_items)
        inner = ref.items or TypeRef("String")
        return [_sample(fld, inner, models, seen) for _ in range(count)]
    if ref.page_type == "Map":
        return {}
    if ref.page_type == "Object":
        if ref.model is None or ref.model in seen:  # a table that contains itself: stop at one level
            return {}
        return sample_fields(models[ref.model].fields, models, seen | {ref.model})
    return _scalar(fld, ref.page_type)


def sample_fields(fields: tuple[Field, ...], models: Mapping[str, Model], seen: frozenset[str] = frozenset()) -> Any:
    """A JSON object with every field of a table, each synthesised."""
    return {f.name: _sample(f, f.type, models, seen) for f in fields}


def success_body(response: Response, models: Mapping[str, Model]) -> Any:
    """The JSON of a documented response: its example, or a synthesised one; None when it has no body."""
    if response.has_example and not response.is_file:
        return response.example
    if response.whole is not None:  # a JSON array (one sample element) or map (none)
        whole = Field("body", "body", "response", response.whole, True, "")
        return _sample(whole, response.whole, models, frozenset())
    if response.fields is None:
        return None
    return sample_fields(response.fields, models)


def file_name(operation: Operation, path_params: Mapping[str, str]) -> str:
    """`<operation>-<value of the path's last placeholder>.bin`, in characters safe in any file system."""
    values = [path_params[name] for name in re.findall(r"\{([^}]+)\}", operation.path) if name in path_params]
    stem = f"{operation.name}-{values[-1]}" if values else operation.name
    return re.sub(r"[^A-Za-z0-9._-]", "_", stem)[:120] + ".bin"


def file_body(operation: Operation, path_params: Mapping[str, str], example: Any = None) -> bytes:
    """The bytes of a file response: the page's example when it is text, else a text naming the request."""
    if isinstance(example, str):
        return example.encode("utf-8")
    head = [f"hwgen mock file of {operation.service}.{operation.name}"]
    head += [f"{name}: {value}" for name, value in sorted(path_params.items())]
    return ("\n".join(head) + "\n").encode("utf-8") + _FILE_TAIL
