"""The request line of a page, in any of its layouts: method, path, and what its query part says."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any, Literal

from ..model.derive import defaults_to_client
from .document import Document, Line, Problem

__all__ = ["RequestLine", "fix_query", "method_path", "request_line", "uri_row_location"]

_METHOD_PATH = re.compile(r"^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+(\S+)$", re.IGNORECASE)
_METHOD = re.compile(r"^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)$", re.IGNORECASE)
_URL_LINE = re.compile(
    r"^(?:URL|URI|PATH|请求URL|请求地址|请求URI|请求路径)\s*[:\uff1a]\s*(?:(GET|POST|PUT|PATCH|DELETE|HEAD)\s+)?"
    r"((?:https?://[^/\s]+)?/\S*)$",
    re.I,
)
_METHOD_LINE = re.compile(
    r"^(?:Method|HTTP method|请求方法|HTTP方法)\s*[:\uff1a]\s*(GET|POST|PUT|PATCH|DELETE|HEAD)$", re.I
)


def _path(url: str) -> str:
    """The path of a full URL ("https://{endpoint}/v2/{project_id}/ocr/bankcard", as OCR's pages
    write the request line), or the path as it is."""
    return re.sub(r"^https?://[^/]+", "", url) or "/"


def method_path(lines: list[Line]) -> tuple[str, str] | None:
    """The request line in any of the pages' layouts: "GET /v1/x"; a Method | URI table
    ("DELETE", "/v1/x" as cells); or "URL: /v1/x" with "Method: GET" on another line."""
    url: str | None = None
    method: str | None = None
    for index, line in enumerate(lines):
        text = line.text.removeprefix("•").lstrip()  # "-   Method: DELETE" as a list item (DRS)
        if match := _METHOD_PATH.match(text):
            return match.group(1), _path(match.group(2))
        nxt = lines[index + 1].text if index + 1 < len(lines) else ""
        if _METHOD.match(text) and nxt.startswith("/") and " " not in nxt:
            return text, nxt
        if match := _URL_LINE.match(text):
            method, url = match.group(1) or method, _path(match.group(2))
        elif match := _METHOD_LINE.match(text):
            method = match.group(1)
    return (method, url) if method and url else None


@dataclass
class RequestLine:
    """What the request line says besides method and path."""

    query: set[str] = field(default_factory=set)  # the query names it lists ("{?limit,marker}", "?a={a}")
    fixed: dict[str, str] = field(default_factory=dict)  # values it fixes ("?action_id=stop")
    host_parameter: bool = False  # its host is "{endpoint}" ("https://{endpoint}/v2/…")


def request_line(doc: Document, spec: dict[str, Any]) -> RequestLine | None:
    """Method and path into `spec`; None when the page has no request line."""
    for key in ("uri", "request", "function"):
        if (found := method_path(doc.lines(key))) is None:
            continue
        method, path = found
        line = RequestLine(host_parameter=any(re.search(r"://\{endpoint\}", x.text, re.I) for x in doc.lines(key)))
        if template := re.search(r"\{\?([^}]*)\}", path):
            line.query = {name.strip() for name in template.group(1).split(",")}
            path = path.replace(template.group(0), "")
        if "?" in path or "&" in path:  # "…/servers&image={image}&…": a query written without "?"
            path, rest = re.split(r"[?&]", path, maxsplit=1)
            pairs = [part.partition("=") for part in rest.split("&") if part]
            line.query |= {name for name, _, _ in pairs}
            line.fixed = {  # "…/action?action_id=stop": a value the URI fixes, sent on every call
                name: value
                for name, _, value in pairs
                if re.fullmatch(r"[A-Za-z_]\w*", name)
                and re.fullmatch(r"[A-Za-z][\w-]*", value)
                and value.lower() not in ("xxx", "xxxx", "value", "string")
            }
        spec["method"], spec["path"] = method.upper(), path.rstrip("/") or "/"
        return line
    return None


def fix_query(spec: dict[str, Any], line: RequestLine, problems: list[Problem], number: int) -> None:
    """A query value the URI line fixes ("?action_id=stop") is a required parameter of that one value;
    the row of the host in "https://{endpoint}/v2/…" (OCR) is no parameter: the client's endpoint is."""
    params = spec.setdefault("parameters", {})
    query = params.setdefault("query", [])
    for location in ("path", "query") if line.host_parameter else ():
        rows = params.get(location, [])
        for row in [r for r in rows if r["name"].lower() == "endpoint"]:
            rows.remove(row)
            message = "parameter 'endpoint' is the request's host, which the client sets"
            problems.append(Problem(number, message, None, "info"))
    for name, value in line.fixed.items():
        if any(p["name"] == name for p in query):
            continue  # a row describes it: the URI line shows an example value, not a fixed one
        note = f"The page's URI fixes it: ?{name}={value}."
        query.append({"name": name, "required": True, "type": "String", "enum": [value], "note": note})
        message = f"query parameter {name!r}: the URI fixes it to {value!r}, read as its one value"
        problems.append(Problem(number, message, None, "info"))
    for location in ("path", "query"):
        if location in params and not params[location]:
            del params[location]
    if not params:
        del spec["parameters"]


def uri_row_location(
    name: str, required: bool | None, path: str, query_names: Collection[str]
) -> Literal["path", "query"] | None:
    """Where a row of a URI table that has no location of its own goes: a placeholder of the route (its
    name matched loosely: case, `-` and `_` aside) is a path parameter, any other row a query parameter.
    None for a required path parameter the client fills in (`project_id`) that the route lacks: the
    page lists the route's usual project by habit, and as a query parameter it would be sent with
    every call. An optional one is a filter (ELB v2's `project_id`, a synonym of `tenant_id`)."""
    if name in query_names:
        return "query"
    placeholders = re.findall(r"\{([^}]+)\}", path)
    if name in placeholders or _loosely(name) in {_loosely(p) for p in placeholders}:
        return "path"
    return None if required and defaults_to_client("path", name) else "query"


def _loosely(name: str) -> str:
    return re.sub(r"[-_]", "", name).lower()
