"""A table's caption → where its rows go: path, query, header, body, response, form, a response header.

Captions name their tables in both languages and many forms ("Table 2 Query parameters", "表2
Query参数", "请求Header参数", "certificates响应参数"); the first pattern that matches wins.
"""

from __future__ import annotations

import re

from .document import Table

__all__ = ["caption_category"]

_A, _Z = r"(?<![A-Za-z])", r"(?![A-Za-z])"  # whole English words: "MetricQueryParam" is no Query table
_RESPONSE = r"response (?:body|parameters?|examples?)|parameters in the response|normal response"
_REQUEST = r"request (?:body|parameters?|examples?)|parameters in the request"
_CATEGORIES = [  # caption words → where its rows go (first match wins)
    (re.compile(rf"{_A}path{_Z}|路径参数|路径", re.I), "path"),
    (re.compile(rf"{_A}query{_Z}|查询参数", re.I), "query"),
    (re.compile(rf"{_A}form ?data{_Z}|表单", re.I), "form"),
    (re.compile(rf"{_A}response header|响应\s*header|响应消息头|响应头", re.I), "response_header"),
    (re.compile(rf"{_A}(?:request )?header{_Z}|请求\s*header|请求头|消息头", re.I), "header"),
    # "返回参数" (VOD) too, but not "处理失败返回参数": an error's table, whose status its example states
    (
        re.compile(rf"{_A}(?:{_RESPONSE}){_Z}|响应\s*body|响应参数|响应消息|响应样例|正常响应|(?<!失败)返回参数", re.I),
        "response",
    ),
    (re.compile(rf"{_A}(?:{_REQUEST}){_Z}|请求\s*body|请求参数|请求消息|请求样例", re.I), "body"),
    (
        re.compile(
            r"^(?:参数说明表?|要素说明|parameter descriptions?|uri parameters?|uri参数|parameters in the uri)$",
            re.I,
        ),
        "uri",
    ),
]


_LOCATION_WORDS = {"query", "header", "body", "path", "formdata", "uri", "request", "response", "url"}


def caption_category(table: Table, section: str | None) -> str | None:
    text = table.caption.text if table.caption else ""
    name = re.sub(r"^(?:Table|表)\s*\d+\s*", "", text, flags=re.IGNORECASE).strip()
    # an ASCII field name right before the words: "v2.1版本请求消息体" names no field
    owner = re.match(r"^([A-Za-z_][A-Za-z0-9_.:\-]*)\s*(?:响应|请求|参数|字段|对象|数据结构)", name)
    if owner and owner.group(1).lower() not in _LOCATION_WORDS:
        return None  # "certificates响应参数": the table of the field `certificates`
    for pattern, category in _CATEGORIES:
        if name and pattern.search(name) and category == "uri" and section in ("request", "response"):
            return "body" if section == "request" else "response"  # the older template's "参数说明" tables
        if name and pattern.search(name) and (category != "uri" or section == "uri"):
            return category
    return None
