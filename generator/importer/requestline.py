"""The request line of a page, in any of its layouts: method and path."""

from __future__ import annotations

import re

from .document import Line

__all__ = ["method_path"]

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
        if match := _METHOD_PATH.match(line.text):
            return match.group(1), _path(match.group(2))
        nxt = lines[index + 1].text if index + 1 < len(lines) else ""
        if _METHOD.match(line.text) and nxt.startswith("/") and " " not in nxt:
            return line.text, nxt
        if match := _URL_LINE.match(line.text):
            method, url = match.group(1) or method, _path(match.group(2))
        elif match := _METHOD_LINE.match(line.text):
            method = match.group(1)
    return (method, url) if method and url else None
