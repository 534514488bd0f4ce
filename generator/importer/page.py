"""Reading a documentation page: clean lines with their line numbers, cut into sections.

Pages come as text copied from Huawei's site. The same page reaches us with CRLF or LF, with
non-breaking spaces, with tables as one cell per line or as Markdown pipe rows, in English or
Chinese, and with the site's furniture ("Feedback", "Was this page helpful?") at the end. This
module irons all of that out, so the rest of the importer sees one layout: non-empty,
whitespace-normalised lines, each remembering the page line it came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["BULLET", "Line", "Page", "Problem", "read_page"]

BULLET = "\u2022"
_BULLETS = ("\u2022", "\u25cf", "\u00b7", "\u25aa", "\u2023")
_SPACES = re.compile(r"[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))
_PIPE_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$")
_UPDATED = re.compile(r"^(?:Updated on|更新时间[:\uff1a]?)\s*(.+)$")
_MAX_LINE = 20_000

# Section headings as pages spell them (lower-cased) → section key.
_HEADINGS = {
    "function": "function",
    "functions": "function",
    "功能介绍": "function",
    "calling method": "calling_method",
    "调用方法": "calling_method",
    "debugging": "debugging",
    "调试": "debugging",
    "authorization information": "authorization",
    "授权信息": "authorization",
    "constraints": "constraints",
    "接口约束": "constraints",
    "uri": "uri",
    "request parameters": "request",
    "request parameter": "request",
    "请求参数": "request",
    "response parameters": "response",
    "response parameter": "response",
    "响应参数": "response",
    "example request": "request_examples",
    "example requests": "request_examples",
    "request example": "request_examples",
    "request examples": "request_examples",
    "请求示例": "request_examples",
    "example response": "response_examples",
    "example responses": "response_examples",
    "response example": "response_examples",
    "response examples": "response_examples",
    "响应示例": "response_examples",
    "status code": "status_codes",
    "status codes": "status_codes",
    "状态码": "status_codes",
    "error code": "error_codes",
    "error codes": "error_codes",
    "错误码": "error_codes",
}
# Sections that only a page's head can have: later, the same word is a block heading in a table.
_HEAD_ONLY = {"constraints"}
# The site's furniture around the article: skipped wherever it appears.
_FURNITURE = re.compile(
    r"^(?:parent topic:.*|feedback|was this page helpful\??|provide feedback|helpful|not helpful|"
    r"thank you very much for your feedback.*|previous topic:?.*|next topic:?.*|share|comments?|"
    r"©.*|copyright ©.*|父主题[:\uff1a].*|意见反馈|该文档是否有帮助[?\uff1f]?)$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Line:
    """One non-empty line of the page (or one cell of a pipe row), whitespace-normalised."""

    number: int
    text: str

    @property
    def is_bullet(self) -> bool:
        return self.text.startswith(BULLET)

    @property
    def bullet_text(self) -> str:
        return self.text[1:].strip() if self.is_bullet else self.text


@dataclass(frozen=True)
class Problem:
    """Something the importer could not place, at a page line; the caller makes it a finding."""

    line: int
    message: str
    hint: str | None = None


@dataclass
class Page:
    """A page cut into its sections. `head` holds what precedes the first heading."""

    name: str
    title: str | None
    title_line: int
    updated_on: str | None
    updated_line: int
    sections: dict[str, list[Line]]
    section_lines: dict[str, int]
    problems: list[Problem] = field(default_factory=list)

    def section(self, key: str) -> list[Line]:
        return self.sections.get(key, [])


def _clean(text: str) -> str:
    text = text.translate(_INVISIBLE)
    text = _SPACES.sub(" ", text).strip()
    for mark in _BULLETS:
        if text.startswith(mark):
            return f"{BULLET} {text[len(mark) :].strip()}".rstrip()
    return text


def _cells(number: int, text: str) -> list[Line]:
    """A Markdown pipe row as one line per cell; `<br>` inside a cell splits it too."""
    if _PIPE_RULE.match(text):
        return []
    inner = text.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") else inner
    out: list[Line] = []
    for cell in re.split(r"(?<!\\)\|", inner):
        for part in re.split(r"<br\s*/?>", cell.replace("\\|", "|"), flags=re.IGNORECASE):
            cleaned = _clean(part)
            if cleaned:
                out.append(Line(number, cleaned))
    return out


def _lines(text: str, problems: list[Problem]) -> list[Line]:
    out: list[Line] = []
    for number, raw in enumerate(text.splitlines(), 1):
        if len(raw) > _MAX_LINE:
            problems.append(Problem(number, f"line of {len(raw)} characters cut to {_MAX_LINE}"))
            raw = raw[:_MAX_LINE]
        cleaned = _clean(raw)
        if not cleaned or _FURNITURE.match(cleaned):
            continue
        if cleaned.startswith("|") and cleaned.count("|") >= 2:
            out.extend(_cells(number, cleaned))
        else:
            out.append(Line(number, cleaned))
    return out


def _heading(line: Line) -> str | None:
    return _HEADINGS.get(line.text.lower().rstrip(":\uff1a"))


def read_page(text: str, name: str) -> Page:
    """Cut a page into sections. Each heading starts its section once; a later repeat is content."""
    problems: list[Problem] = []
    if "\ufffd" in text:
        first = text[: text.index("\ufffd")].count("\n") + 1
        problems.append(Problem(first, "bytes that are not UTF-8 were replaced", "save the page as UTF-8"))
    lines = _lines(text, problems)
    updated_on, updated_line, title, title_line = None, 0, None, 0
    start = 0
    for index, line in enumerate(lines[:3]):
        if match := _UPDATED.match(line.text):
            updated_on, updated_line = match.group(1).strip(), line.number
            start = index + 1
            break
    body = lines[start:]
    if body and _heading(body[0]) is None:
        title, title_line = body[0].text, body[0].number
        body = body[1:]
    elif start > 1:  # the title came before the "Updated on" line
        title, title_line = lines[0].text, lines[0].number
    sections: dict[str, list[Line]] = {}
    section_lines: dict[str, int] = {}
    current: list[Line] | None = None
    for line in body:
        key = _heading(line)
        if key and key not in sections and not (key in _HEAD_ONLY and "uri" in sections):
            current = sections[key] = []
            section_lines[key] = line.number
        elif current is not None:
            current.append(line)
        else:
            problems.append(Problem(line.number, f"text before the first section is not placed: {line.text[:60]!r}"))
    return Page(name, title, title_line, updated_on, updated_line, sections, section_lines, problems)
