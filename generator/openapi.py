"""The OpenAPI 3.1 document of every spec: one path item per operation, one schema per model."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from .model import Api, Field, Model, Operation, Pagination, Service, TypeRef
from .typemap import openapi_type

__all__ = ["Part", "assemble", "openapi_document", "openapi_json", "service_part", "split"]

_ERROR_SCHEMA = "HuaweiError"


def _ref(service: Service, model: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{service.name}.{model}"}


def _type_schema(service: Service, ref: TypeRef) -> dict[str, Any]:
    if ref.page_type == "Array":
        return {"type": "array", "items": _type_schema(service, ref.items) if ref.items else {}}
    if ref.page_type == "Map":
        values = _type_schema(service, ref.items) if ref.items else {}
        return {"type": "object", "additionalProperties": values}
    if ref.page_type == "Object":
        return _ref(service, ref.model) if ref.model else {"type": "object"}
    if ref.page_type == "File":  # a file uploaded as the body or as a form-data part
        return {"type": "string", "format": "binary"}
    return openapi_type(ref.page_type)


def _body_schema(service: Service, op: Operation) -> dict[str, Any]:
    """A request body's schema: an object of its fields (a form's parts), or the array, map or file
    that is the whole body."""
    assert op.body is not None
    if op.body.whole or op.body.upload == "binary":
        schema = _field_schema(service, op.body.fields[0])
        return {**schema, "description": op.body.description} if op.body.description else schema
    return _object_schema(service, op.body.fields, op.body.description)


def _field_schema(service: Service, fld: Field) -> dict[str, Any]:
    schema = _type_schema(service, fld.type)
    target = schema["items"] if fld.type.page_type == "Array" and "$ref" not in schema.get("items", {}) else schema
    if fld.enum:
        target["enum"] = list(fld.enum_values)
    c = fld.constraints
    for key, value in (
        ("minimum", c.minimum),
        ("maximum", c.maximum),
        ("minLength", c.min_length),
        ("maxLength", c.max_length),
        ("pattern", c.pattern),
    ):
        if value is not None:
            target[key] = value
    for key, value in (("minItems", c.min_items), ("maxItems", c.max_items)):
        if value is not None:
            schema[key] = value
    if fld.has_default:
        schema["default"] = fld.default
    if fld.description:
        schema = (
            {"description": fld.description, **schema}
            if "$ref" not in schema
            else {"$ref": schema["$ref"], "description": fld.description}
        )
    if fld.deprecated:
        schema["deprecated"] = True
    if fld.nullable:  # OpenAPI 3.1: null is one more type, or one more choice beside a reference
        if "$ref" in schema:
            schema = {"anyOf": [{"$ref": schema.pop("$ref")}, {"type": "null"}], **schema}
        elif isinstance(schema.get("type"), str):
            schema["type"] = [schema["type"], "null"]
    return schema


def _object_schema(service: Service, fields: tuple[Field, ...], description: str | None = None) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "object"}
    if description:
        schema["description"] = description
    schema["properties"] = {f.name: _field_schema(service, f) for f in fields}
    required = [f.name for f in fields if f.required]
    if required:
        schema["required"] = required
    return schema


def _operation(service: Service, op: Operation) -> dict[str, Any]:
    result: dict[str, Any] = {
        "operationId": f"{service.name}.{op.name}",
        "tags": [service.title],
        "summary": op.title,
        "description": "\n\n".join(p for p in (op.summary, op.description, *op.constraints) if p),
    }
    parameters = []
    for fld in op.parameters:
        if fld.runtime:
            continue
        parameters.append(
            {
                "name": fld.name,
                "in": fld.location,
                "required": fld.required or fld.location == "path",
                "description": fld.description,
                "schema": _field_schema(service, fld),
                **_array_style(fld),
            }
        )
    if parameters:
        result["parameters"] = parameters
    if op.body:
        result["requestBody"] = {
            "required": True,
            "content": {op.body.content_type: {"schema": _body_schema(service, op)}},
        }
    responses: dict[str, Any] = {}
    for response in op.responses:
        entry: dict[str, Any] = {"description": response.description}
        if response.is_file:
            entry["content"] = {
                "application/octet-stream": {
                    "schema": {"type": "string", "contentMediaType": "application/octet-stream"}
                }
            }
        elif response.fields is not None or response.whole is not None:
            if response.whole is not None:  # a JSON array or map: the result's type itself
                schema = _type_schema(service, response.whole)
            elif response.model:
                schema = _ref(service, response.model)
            else:
                schema = _object_schema(service, response.fields or ())
            media: dict[str, Any] = {"schema": schema}
            if response.has_example:
                media["example"] = response.example
            entry["content"] = {"application/json": media}
        if response.headers:
            entry["headers"] = {
                h.name: {"description": h.description, "schema": _field_schema(service, h)} for h in response.headers
            }
        responses[str(response.status)] = entry
    responses["default"] = {
        "description": "Huawei Cloud error",
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{_ERROR_SCHEMA}"}}},
    }
    result["responses"] = responses
    if op.deprecated:
        result["deprecated"] = True
    if op.pagination:
        result["x-hwgen-pagination"] = _pagination(op.pagination)
    result["x-hwgen-spec"] = op.spec_path
    return result


def _array_style(fld: Field) -> dict[str, Any]:
    """OpenAPI's words for an array parameter's collection format: repeated keys are `form` exploded,
    comma-joined values `form` (query) or `simple` (header, path) not exploded."""
    if fld.collection_format is None:
        return {}
    if fld.location == "query":
        return {"style": "form", "explode": fld.collection_format == "multi"}
    return {"style": "simple", "explode": False}


def _pagination(paging: Pagination) -> dict[str, str]:
    """How the list pages, in wire names (OpenAPI has no word for it): the spec's section, resolved."""
    entry = {"style": paging.style, paging.style: paging.position.name, "limit": paging.limit.name}
    entry["items"] = paging.items.name
    if paging.count:
        entry["count"] = paging.count.name
    for key, path in (("next_marker", paging.next_marker), ("next_link", paging.next_link)):
        if path:
            entry[key] = ".".join(f.name for f in path)
    if paging.item_marker:
        entry["item_marker"] = paging.item_marker.name
    return entry


def _model_schema(service: Service, model: Model) -> dict[str, Any]:
    return _object_schema(service, model.fields, model.description)


@dataclass(frozen=True)
class Part:
    """One service's share of the document: its path items and schemas as JSON text, and its tag.

    Texts are what `json.dumps(..., indent=2)` writes for the value nested at its place in the
    document, so the document is assembled by joining them (`assemble`) and a committed document is
    cut back into them (`split`) without encoding anything twice.
    """

    service: str
    paths: tuple[tuple[str, str], ...]
    schemas: tuple[tuple[str, str], ...]
    tag: tuple[str, str]


def _nested(value: Any, depth: int) -> str:
    """`value` as JSON text at its depth: a path item is two levels in, a schema three."""
    return _dumps(value).replace("\n", "\n" + "  " * depth)


def _dumps(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False)


def service_part(service: Service) -> Part:
    """The path items, schemas and tag that `service` contributes to the document."""
    server = {
        "url": f"https://{service.endpoint}.{{region}}.myhuaweicloud.com",
        "variables": {"region": {"default": "cn-north-4"}},
    }
    paths: dict[str, dict[str, Any]] = {}
    for op in service.operations:
        item = paths.setdefault(op.path, {"servers": [server]})
        item[op.method.lower()] = _operation(service, op)
    schemas = {
        f"{service.name}.{model.class_name}": _model_schema(service, model)
        for model in service.models
        if model.direction == "response" or not model.class_name.endswith("Request")
    }
    return Part(
        service=service.name,
        paths=tuple((path, _nested(item, _PATH_DEPTH)) for path, item in sorted(paths.items())),
        schemas=tuple((name, _nested(schema, _SCHEMA_DEPTH)) for name, schema in sorted(schemas.items())),
        tag=(service.title, service.description or service.title),
    )


_PATH_DEPTH, _SCHEMA_DEPTH = 2, 3
_SECURITY_SCHEMES = {
    "token": {"type": "apiKey", "in": "header", "name": "X-Auth-Token"},
    "aksk": {
        "type": "apiKey",
        "in": "header",
        "name": "Authorization",
        "description": "SDK-HMAC-SHA256 AK/SK signature",
    },
}
_ERROR_BODY = {
    "type": "object",
    "description": "Error body; services use one of these key pairs.",
    "properties": {key: {"type": "string"} for key in ("error_code", "error_msg", "code", "message", "request_id")},
}


def _members(entries: list[tuple[str, str]], depth: int) -> str:
    """The members of a JSON object at `depth`, from (key, nested text) pairs."""
    return ",\n".join(f"{'  ' * depth}{_dumps(key)}: {text}" for key, text in entries)


def assemble(parts: list[Part], version: str) -> str:
    """The whole document (openapi.json) from the services' parts, in service order.

    Byte for byte `json.dumps(document, indent=2)`; a path that two services share is merged as
    the document would merge it: the first service's servers, every service's methods.
    """
    paths: dict[str, str] = {}
    shared: dict[str, dict[str, Any]] = {}
    for part in parts:
        for path, text in part.paths:
            if path in shared:
                shared[path].update({k: v for k, v in json.loads(text).items() if k != "servers"})
            elif path in paths:
                shared[path] = {
                    **json.loads(paths[path]),
                    **{k: v for k, v in json.loads(text).items() if k != "servers"},
                }
            else:
                paths[path] = text
    paths.update({path: _nested(item, _PATH_DEPTH) for path, item in shared.items()})
    schemas = {_ERROR_SCHEMA: _nested(_ERROR_BODY, _SCHEMA_DEPTH)}
    schemas.update(entry for part in parts for entry in part.schemas)
    head = {
        "openapi": "3.1.0",
        "info": {
            "title": "Huawei Cloud APIs (hwgen)",
            "version": version,
            "description": "Generated by hwgen from specs/; do not edit.",
        },
        "tags": [{"name": name, "description": text} for name, text in (part.tag for part in parts)],
    }
    tail = {"securitySchemes": _SECURITY_SCHEMES}
    opening = _dumps(head)[:-2]  # without the closing "\n}"
    path_block = f'  "paths": {{\n{_members(sorted(paths.items()), _PATH_DEPTH)}\n  }}' if paths else '  "paths": {}'
    schema_block = _members(sorted(schemas.items()), _SCHEMA_DEPTH)
    schemes = _dumps(tail)[2:-2]  # `  "securitySchemes": {...}` at the depth of components
    components = f'  "components": {{\n    "schemas": {{\n{schema_block}\n    }},\n{_indent(schemes)}\n  }}'
    security = '  "security": [\n    {\n      "token": []\n    },\n    {\n      "aksk": []\n    }\n  ]'
    return f"{opening},\n{path_block},\n{components},\n{security}\n}}\n"


_OPERATION_ID = re.compile(r'\n {8}"operationId": ("(?:[^"\\\\]|\\\\.)*"),?\n')


_KEY = r'("(?:[^"\\]|\\.)*")'
_PATH_KEY = re.compile(rf"\n {{4}}{_KEY}: ")  # a leading newline, not ^: the scan for it runs in C
_SCHEMA_KEY = re.compile(rf"\n {{6}}{_KEY}: ")
_VERSION = re.compile(rf'^ {{4}}"version": {_KEY},$', re.MULTILINE)


def _entries(block: str, key: re.Pattern[str]) -> list[tuple[str, str]]:
    """The members of an object's body text, as (key, nested text): each runs to the next key."""
    found = list(key.finditer(block))
    ends = [m.start() for m in found[1:]] + [len(block)]
    pairs = zip(found, ends, strict=True)
    return [(_key(m.group(1)), block[m.end() : end].removesuffix(",")) for m, end in pairs]


def _key(quoted: str) -> str:
    """A JSON string's value; only one with an escape needs the decoder."""
    return json.loads(quoted) if "\\" in quoted else quoted[1:-1]


def split(text: str, parts: dict[str, tuple[str, str]]) -> dict[str, Part] | None:
    """Cut a document `assemble` wrote back into the parts of its services.

    `parts` gives each service its tag (name, description). The result is checked: assembled again,
    it must be `text` byte for byte; anything else (a hand-edited file, a path two services share)
    gives None, and the caller regenerates instead.
    """
    starts = (text.find('\n  "paths": {\n'), text.find('\n  "components": {\n'))
    version = _VERSION.search(text)
    if min(starts) < 0 or version is None:
        return None
    schemas_start = text.find('\n    "schemas": {\n', starts[1])
    schemas_end = text.find('\n    },\n    "securitySchemes"', schemas_start)
    if schemas_start < 0 or schemas_end < 0:
        return None
    close = "\n  },"  # of "paths", just before "components"
    if text[starts[1] - len(close) : starts[1]] != close:
        return None
    paths = _entries(text[starts[0] : starts[1] - len(close)], _PATH_KEY)
    schemas = _entries(text[schemas_start:schemas_end], _SCHEMA_KEY)
    owned: dict[str, tuple[list[tuple[str, str]], list[tuple[str, str]]]] = {name: ([], []) for name in parts}
    for path, item in paths:
        services = {_key(found).split(".", 1)[0] for found in _OPERATION_ID.findall(item)}
        if len(services) != 1 or not services <= owned.keys():
            return None
        owned[services.pop()][0].append((path, item))
    for name, schema in schemas:
        if name == _ERROR_SCHEMA:
            continue
        owner = name.split(".", 1)[0]
        if owner not in owned:
            return None
        owned[owner][1].append((name, schema))
    result = {name: Part(name, tuple(p), tuple(sc), parts[name]) for name, (p, sc) in owned.items()}
    return result if assemble(list(result.values()), json.loads(version.group(1))) == text else None


def _indent(text: str) -> str:
    return "\n".join("  " + line for line in text.split("\n"))


def openapi_document(api: Api) -> dict[str, Any]:
    """The document as data (the `openapi` command prints it)."""
    document: dict[str, Any] = json.loads(openapi_json(api))
    return document


def openapi_json(api: Api) -> str:
    return assemble([service_part(s) for s in api.services], api.package_version)
