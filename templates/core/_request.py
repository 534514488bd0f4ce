"""Requests: a declared operation's validated arguments as the HTTP request that carries them."""

import json
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlencode

import httpx
import pydantic
from pydantic.fields import FieldInfo

from ._config import ClientConfig
from ._endpoint import Endpoint
from ._operation import CallSettings

if TYPE_CHECKING:  # the upload machinery loads with the first call that sends a file
    from ._upload import UploadPlan

__all__ = ["build_request", "header_value", "plan_request_upload", "restore_nulls"]


def _text(value: Any) -> str:
    """A parameter's text on the wire; an array's values comma-joined (a header or the path holds
    one value; a query array is joined only where its operation says `csv`)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return ",".join(_text(v) for v in value)
    return str(value)


FORM_URLENCODED = "application/x-www-form-urlencoded"


def _media(content_type: str) -> str:
    return content_type.split(";")[0].strip().lower()


_TOKEN = re.compile(r"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")


def header_value(name: str, value: str) -> str:
    """Refuse what could split or corrupt the header block before anything is sent."""
    if not _TOKEN.match(name):
        raise ValueError(f"{name!r} is not a valid header name")
    if any((ord(c) < 32 and c != "\t") or ord(c) == 127 for c in value):
        raise ValueError(f"header {name} contains a line break or another control character")
    if not value.isascii():
        raise ValueError(f"header {name} must be ASCII text")
    return value


def _nullable(info: FieldInfo) -> bool:
    extra = info.json_schema_extra
    return isinstance(extra, dict) and extra.get("nullable") is True


def restore_nulls(value: Any, dumped: Any, only: set[str] | None = None) -> None:
    """Put back the nulls the caller asked for: a nullable field set to None (`nullable` in its
    Field's json_schema_extra) is sent as null; any other None, and anything not set, is not sent.

    `dumped` is `value` dumped without its Nones; both are walked together (`only`: the top level's
    fields to look at)."""
    if isinstance(value, pydantic.BaseModel) and isinstance(dumped, dict):
        for name, info in type(value).model_fields.items():
            if only is not None and name not in only:
                continue
            item, key = getattr(value, name), info.serialization_alias or name
            if item is None and name in value.model_fields_set and _nullable(info):
                dumped[key] = None
            elif item is not None and key in dumped:
                restore_nulls(item, dumped[key])
    elif isinstance(value, list | tuple) and isinstance(dumped, list):
        for item, out in zip(value, dumped, strict=False):
            restore_nulls(item, out)
    elif isinstance(value, dict) and isinstance(dumped, dict):
        for key, item in value.items():
            if key in dumped:
                restore_nulls(item, dumped[key])


def plan_request_upload(
    endpoint: Endpoint, request: pydantic.BaseModel, options: CallSettings
) -> "UploadPlan | None":
    """The files and form fields a call uploads, read once for all its attempts (None: no upload)."""
    if not endpoint.upload:
        return None
    from ._upload import plan_upload

    # a binary body's one argument is its file; a form's files are those `files` names
    is_file = {a for a, _ in endpoint.body} if endpoint.upload == "binary" else endpoint.files
    plain = {attr for attr, _ in endpoint.body if attr not in is_file}
    dumped = (
        request.model_dump(mode="json", by_alias=True, exclude_none=True, include=plain)
        if plain
        else {}
    )
    values: dict[str, Any] = {}
    for attr, wire in endpoint.body:
        value = getattr(request, attr) if attr in is_file else dumped.get(wire)
        if value is not None:
            values[wire] = value
    files = frozenset(wire for attr, wire in endpoint.body if attr in is_file)
    return plan_upload(endpoint.upload, endpoint.content_type, values, files, options.progress)


def build_request(
    http: httpx.Client | httpx.AsyncClient,
    endpoint: Endpoint,
    request: pydantic.BaseModel,
    options: CallSettings,
    config: ClientConfig,
    client_headers: Mapping[str, str],
    client_query: Mapping[str, str | int | float | bool],
    upload: "UploadPlan | None" = None,
) -> httpx.Request:
    """The HTTP request of one call: path, query, headers and JSON body from the validated
    arguments, with the client's and the call's extra headers and query; an `upload` is streamed
    from its files (each attempt from their start)."""
    timeout, extra_headers, extra_query = (
        options.timeout,
        options.extra_headers,
        options.extra_query,
    )
    path = endpoint.path
    for attr, wire in endpoint.path_params:
        value = _text(getattr(request, attr))
        if not value:
            raise ValueError(f"path parameter {wire} must not be empty")
        segment = quote(value, safe="")
        if segment in (".", ".."):  # a dot segment would be resolved away by URL normalisation
            segment = segment.replace(".", "%2E")
        path = path.replace("{" + wire + "}", segment)
    query: list[tuple[str, str | int | float | bool | None]] = []
    for attr, wire in endpoint.query:
        value = getattr(request, attr)
        # an empty array has no value to send, in either format
        if value is None or value == []:
            continue
        repeated = isinstance(value, list) and attr not in endpoint.csv
        query.extend((wire, _text(v)) for v in (value if repeated else [value]))
    extra = {**client_query, **(extra_query or {})}
    query.extend((k, _text(v)) for k, v in extra.items() if v is not None)
    headers = dict(client_headers)
    for attr, wire in endpoint.headers:
        value = getattr(request, attr)
        if value is not None and value != []:
            headers[wire] = header_value(wire, _text(value))
    content: Any = None
    if upload is not None:
        from ._upload import UploadBody

        body_stream = UploadBody(upload)
        content = body_stream.aiter() if isinstance(http, httpx.AsyncClient) else body_stream
        headers.update(upload.headers())
    elif endpoint.body:
        sent = {attr for attr, _ in endpoint.body}
        body = request.model_dump(mode="json", by_alias=True, exclude_none=True, include=sent)
        looked_at = endpoint.nullable | endpoint.nulls_inside
        if looked_at:  # only where the page allows a null: no walk over other bodies
            restore_nulls(request, body, set(looked_at))
        if endpoint.whole_body:  # the one argument's value is the body: a JSON array or map
            body = body[endpoint.body[0][1]]
        if _media(endpoint.content_type) == FORM_URLENCODED:  # a form of text fields
            content = urlencode([(k, _text(v)) for k, v in body.items()]).encode("ascii")
        else:
            content = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        headers["Content-Type"] = endpoint.content_type
    headers.update({k: header_value(k, v) for k, v in (extra_headers or {}).items()})
    return http.build_request(
        endpoint.method,
        config.base_url + path,
        params=query,
        headers=headers,
        content=content,
        timeout=config.timeout if timeout is None else httpx.Timeout(timeout),
    )
