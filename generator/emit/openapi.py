"""The OpenAPI 3.1 document of every spec: one path item per operation, one schema per model."""

from __future__ import annotations

import json
from typing import Any

from ..model.api import Api, Field, Model, Operation, Pagination, Service, TypeRef
from ..model.typemap import openapi_type
from .parts import ERROR_SCHEMA, PATH_DEPTH, SCHEMA_DEPTH, Part, assemble, nested

__all__ = ["openapi_document", "openapi_json", "service_part"]


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
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{ERROR_SCHEMA}"}}},
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
        paths=tuple((path, nested(item, PATH_DEPTH)) for path, item in sorted(paths.items())),
        schemas=tuple((name, nested(schema, SCHEMA_DEPTH)) for name, schema in sorted(schemas.items())),
        tag=(service.title, service.description or service.title),
    )


def openapi_document(api: Api) -> dict[str, Any]:
    """The document as data (the `openapi` command prints it)."""
    document: dict[str, Any] = json.loads(openapi_json(api))
    return document


def openapi_json(api: Api) -> str:
    return assemble([service_part(s) for s in api.services], api.package_version)
