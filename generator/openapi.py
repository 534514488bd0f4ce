"""The OpenAPI 3.1 document of every spec: one path item per operation, one schema per model."""

from __future__ import annotations

import json
from typing import Any

from .model import Api, Field, Model, Operation, Service, TypeRef
from .typemap import openapi_type

__all__ = ["openapi_document", "openapi_json"]

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
    return openapi_type(ref.page_type)


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
            }
        )
    if parameters:
        result["parameters"] = parameters
    if op.body:
        result["requestBody"] = {
            "required": True,
            "content": {op.body.content_type: {"schema": _object_schema(service, op.body.fields, op.body.description)}},
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
        elif response.fields is not None:
            schema = _ref(service, response.model) if response.model else _object_schema(service, response.fields)
            media: dict[str, Any] = {"schema": schema}
            if response.has_example:
                media["example"] = response.example
            entry["content"] = {"application/json": media}
        responses[str(response.status)] = entry
    responses["default"] = {
        "description": "Huawei Cloud error",
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{_ERROR_SCHEMA}"}}},
    }
    result["responses"] = responses
    if op.deprecated:
        result["deprecated"] = True
    result["x-hwgen-spec"] = op.spec_path
    return result


def _model_schema(service: Service, model: Model) -> dict[str, Any]:
    return _object_schema(service, model.fields, model.description)


def openapi_document(api: Api) -> dict[str, Any]:
    paths: dict[str, Any] = {}
    schemas: dict[str, Any] = {
        _ERROR_SCHEMA: {
            "type": "object",
            "description": "Error body; services use one of these key pairs.",
            "properties": {
                key: {"type": "string"} for key in ("error_code", "error_msg", "code", "message", "request_id")
            },
        }
    }
    for service in api.services:
        server = {
            "url": f"https://{service.endpoint}.{{region}}.myhuaweicloud.com",
            "variables": {"region": {"default": "cn-north-4"}},
        }
        for op in service.operations:
            item = paths.setdefault(op.path, {"servers": [server]})
            item[op.method.lower()] = _operation(service, op)
        for model in service.models:
            if model.direction == "response" or not model.class_name.endswith("Request"):
                schemas[f"{service.name}.{model.class_name}"] = _model_schema(service, model)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Huawei Cloud APIs (hwgen)",
            "version": api.package_version,
            "description": "Generated by hwgen from specs/; do not edit.",
        },
        "tags": [{"name": s.title, "description": s.description or s.title} for s in api.services],
        "paths": dict(sorted(paths.items())),
        "components": {
            "schemas": dict(sorted(schemas.items())),
            "securitySchemes": {
                "token": {"type": "apiKey", "in": "header", "name": "X-Auth-Token"},
                "aksk": {
                    "type": "apiKey",
                    "in": "header",
                    "name": "Authorization",
                    "description": "SDK-HMAC-SHA256 AK/SK signature",
                },
            },
        },
        "security": [{"token": []}, {"aksk": []}],
    }


def openapi_json(api: Api) -> str:
    return json.dumps(openapi_document(api), indent=2, ensure_ascii=False, sort_keys=False) + "\n"
