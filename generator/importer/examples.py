"""Example requests and responses: a caption, a URL line, and JSON that may span many lines.

JSON is collected by bracket depth (strings and escapes respected), so a body ends where its
last bracket closes. A body that does not parse is kept as text, with a problem to report.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from .document import Line, Problem
from .prose import says_nothing

__all__ = [
    "RequestExample",
    "ResponseExample",
    "is_request_line",
    "read_request_examples",
    "read_response_examples",
    "stated_status",
    "with_request_line",
]

# "Status code: 200", "状态码: 200" (full-width colon too), "状态码为 200 时:", "STATUS CODE 200"; or a short
# label that ends with the status and its reason in brackets, full-width ones too: "处理成功返回(204 No Content)"
# (the reason is what tells it from a type cell: "String(255)")
STATUS = re.compile(
    r"^(?:•\s*)?(?:(?:status code|状态码|状态码为|返回码|http status code|http\s*状态码)\s*[:\uff1a]?\s*(\d{3})"
    r"(?:\s*时)?|[^\s:\uff1a(\uff08][^:\uff1a(\uff08]{0,30}[(\uff08]\s*(\d{3})\s+[A-Za-z][A-Za-z -]*[)\uff09])"
    r"\s*[:\uff1a]?\s*$",
    re.IGNORECASE,
)

# A raw HTTP response in an example ("HTTP/1.1 404 Not Found", its headers, then the body): the status of
# that body, never of a bodiless example (IMS shows "HTTP/1.1 200 OK" and headers for a 204)
_HTTP_STATUS = re.compile(r"^HTTP/\d(?:\.\d)?\s+(\d{3})(?:\s+[A-Za-z][A-Za-z -]*)?$")
_HTTP_HEADER = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*:\s")
# labels that announce the URL or the body below them: they describe no example
_URL_LABEL = re.compile(
    r"^(?:请求\s*)?(?:URL|URI|地址|路径|头|体|体样例|request (?:url|uri|header|body))\s*[:\uff1a]?$",
    re.IGNORECASE,
)
_OR = {"或", "或者", "or"}  # a caption that only offers an alternative to what came before
# a caption that announces a failure's body ("如报错为", "异常响应", "error response") after the success
_ERROR_CAPTION = re.compile(r"报错|错误|失败|异常|\berror\b|\bfail", re.IGNORECASE)
# a numbered example's label before its caption ("• 响应样例1 action为filter时响应体"): no words of it
_LABEL = re.compile(
    r"^(?:•\s*)?(?:响应|请求|response |request )?(?:示例|样例|example)\s*(?:\d+\s*[:\uff1a]?|[:\uff1a]|$)\s*",
    re.IGNORECASE,
)
_NUMBERED = re.compile(r"^(?:•\s*)?(?:示例|样例|example)\s*\d+\s*[:\uff1a]?$", re.IGNORECASE)  # "• 示例 2"


def stated_status(text: str) -> str | None:
    """The status a line states on its own, if it is such a line."""
    match = STATUS.match(text)
    return (match.group(1) or match.group(2)) if match else None


_METHODS = "GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS"
_METHOD_WORDS = frozenset(_METHODS.split("|"))
_URL = re.compile(  # "POST https://{Endpoint}/v1/…", also as a raw HTTP request line ("… HTTP/1.1")
    rf"^(?:({_METHODS})\s+)?((?:https?://|\{{[^}}\s\"':]+\}}|/)(?:\{{[^}}]*\}}|\S)*)(?:\s+HTTP/\d(?:\.\d)?)?$",
    re.IGNORECASE,  # "{endpoint}/v1/…", but not a JSON body on one line ('{"name": "x"}')
)
# a request line whose query values hold spaces ("…&begin_time=2018-08-06 10:41:14")
_SPACED_QUERY = re.compile(rf"^((?:{_METHODS})\s+(?:https?://|\{{)\S*\?)(\S*=.*\S)$", re.IGNORECASE)


@dataclass(frozen=True)
class RequestExample:
    description: str | None
    method: str | None
    url: str
    body: Any  # parsed JSON, the raw text when it does not parse, or None
    line: int


@dataclass(frozen=True)
class ResponseExample:
    status: str
    caption: str | None
    body: Any
    has_body: bool
    line: int


def _starts_json(text: str) -> bool:
    return text[:1] in "{[" or (text.startswith('"') and text.endswith('"') and len(text) > 1)


def _depth(text: str, depth: int, in_string: bool) -> tuple[int, bool]:
    escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "{[":
            depth += 1
        elif char in "}]":
            depth -= 1
    return depth, in_string


def _json(lines: list[Line], start: int, problems: list[Problem], what: str) -> tuple[Any, int]:
    """The JSON value starting at lines[start]; returns it and the index after its last line."""
    depth, in_string, end = 0, False, start
    while end < len(lines):
        depth, in_string = _depth(lines[end].text, depth, in_string)
        end += 1
        if depth <= 0 and not in_string:
            break
        if end < len(lines) and (stated_status(lines[end].text) or _URL.match(lines[end].text)):
            break
    text = "\n".join(line.text for line in lines[start:end])
    try:
        return json.loads(text), end
    except ValueError as exc:
        message = f"{what}: the JSON does not parse ({exc.args[0].split(':')[0]}); kept as text"
        problems.append(Problem(lines[start].number, message, "correct the JSON on the page, or in the spec"))
        return text, end
    except RecursionError:  # nested past Python's limit: no page's example is
        message = f"{what}: the JSON is nested too deep to read; left out"
        problems.append(Problem(lines[start].number, message, "correct the JSON on the page"))
        return None, end


def _unquoted(text: str) -> str:
    return text[1:-1].strip() if len(text) > 1 and text[0] == text[-1] and text[0] in "'\"" else text


def _url_match(text: str) -> re.Match[str] | None:
    """The request line in a line: quoted or not ('GET https://…', Kafka), its query's values
    perhaps written with spaces ("…&begin_time=2018-08-06 10:41:14", DDS): sent as %20."""
    text = _unquoted(text)
    if match := _URL.match(text):
        return match
    spaced = _SPACED_QUERY.match(text)
    return _URL.match(f"{spaced.group(1)}{spaced.group(2).replace(' ', '%20')}") if spaced else None


def is_request_line(text: str) -> bool:
    """A full request line: a method and a URL with its host ("DELETE https://{endpoint}/v1/…")."""
    if text.lstrip("'\"").split(" ", 1)[0].upper() not in _METHOD_WORDS:
        return False  # most lines: decided without the regular expressions
    match = _url_match(text)
    return bool(match and match.group(1) and not match.group(2).startswith("/"))


def with_request_line(request: list[Line], examples: list[Line]) -> list[Line]:
    """The examples' lines, led by the full request line the request section shows when the
    examples give none (the older template's "• 请求头" code block, then bodies under "• 请求体样例")."""
    if any(_url_match(line.text) for line in examples):
        return examples
    for line in request:
        if is_request_line(line.text):
            return [line, *examples]
    return examples


def read_request_examples(
    lines: list[Line], problems: list[Problem], default_url: str = "/", default_method: str | None = None
) -> list[RequestExample]:
    examples: list[RequestExample] = []
    caption: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        match = _url_match(line.text)
        if match:
            body: Any = None
            j = i + 1
            if j < len(lines) and _starts_json(lines[j].text):
                body, j = _json(lines, j, problems, "example request")
            description = " ".join(caption) or None
            examples.append(RequestExample(description, match.group(1), match.group(2), body, line.number))
            caption = []
            i = j
            continue
        if says_nothing(line.text) and not caption:
            i += 1
            continue
        if _starts_json(line.text):  # a further body for the URL above, or a body with no URL at all
            body, i = _json(lines, i, problems, "example request")
            last = examples[-1] if examples else None
            url = last.url if last else default_url
            method = last.method if last else default_method
            if last is not None and last.body is None:
                description = last.description or " ".join(caption) or None  # a caption, then its body
                examples[-1] = RequestExample(description, last.method, last.url, body, last.line)
            else:
                examples.append(RequestExample(" ".join(caption) or None, method, url, body, line.number))
            caption = []
            continue
        text = line.text.removeprefix("•").strip().rstrip(":\uff1a")  # "• 示例2", a list item: the words alone
        if not _URL_LABEL.match(text) and (text := _LABEL.sub("", text)):  # "请求URL", "请求样例1": no words
            caption.append(text)
        i += 1
    for text in caption:
        problems.append(Problem(lines[-1].number, f"example request text without a URL: {text[:60]!r}"))
    return examples


def read_response_examples(lines: list[Line], problems: list[Problem]) -> list[ResponseExample]:
    examples: list[ResponseExample] = []
    status: str | None = None
    last = ""  # the status of the example before
    raw = False  # the status came from a raw HTTP status line
    caption: list[str] = []
    start = 0
    i = 0

    def close(body: Any, has_body: bool) -> None:
        # a status with no body ("HTTP状态码 204" alone under "• 成功响应") states the status too, but
        # not a raw status line with no body after it
        if (status is not None and has_body) or (status and not raw):
            words = " ".join(_LABEL.sub("", text) for text in caption).strip()
            examples.append(ResponseExample(status, words or None, body, has_body, start))

    while i < len(lines):
        line = lines[i]
        http = _HTTP_STATUS.match(line.text)
        if stated := stated_status(line.text) or (http and http.group(1)):
            close(None, False)
            status, caption, start = stated, (caption if status is None else []), line.number
            raw = http is not None
            i += 1
            continue
        if raw and status and _HTTP_HEADER.match(line.text):  # the raw response's headers: no caption
            i += 1
            continue
        if status is None:
            if _starts_json(line.text):  # no status above it: the success status (the caller's), or the
                start = line.number  # one before's when only "示例 2" stands between ("状态码为 400 时", "示例 1")
                status = last if caption and all(_NUMBERED.match(text) for text in caption) else ""
                body, i = _json(lines, i, problems, f"example response {status}" if status else "example response")
                if caption and caption[-1].lower() in _OR:  # "无", "或", then an error body (EIP): no success
                    problems.append(
                        Problem(start, "an example after 'or' with no status of its own: left out", None, "info")
                    )
                elif caption and _ERROR_CAPTION.search(caption[-1]) and examples:  # "如报错为", then an error
                    message = f"an error example with no status of its own ({caption[-1][:40]!r}): left out"
                    problems.append(Problem(start, message, None, "info"))
                else:
                    close(body, True)
                status, caption = None, []
                continue
            if not says_nothing(line.text):
                caption.append(line.text)
            i += 1
            continue
        if _starts_json(line.text):
            body, i = _json(lines, i, problems, f"example response {status}")
            close(body, True)
            last, status, caption = status, None, []
            continue
        if not says_nothing(line.text):
            caption.append(line.text)
        i += 1
    close(None, False)
    return examples
