"""The page model every reader produces and transcription reads: one shape for three sources.

A documentation page reaches hwgen as copied site text, as saved site HTML or as Markdown from
Huawei's documentation repositories. Each reader turns its source into a `Document`: a title, a
date, the sections under their canonical keys, and in each section its blocks — paragraphs
(`Line`), tables with their caption, header and cells, and code blocks. Nothing downstream
knows which source a page came from.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

__all__ = [
    "BULLET",
    "EXAMPLE_LABELS",
    "SECTION_ITEMS",
    "Block",
    "Cell",
    "Code",
    "Document",
    "Line",
    "Link",
    "Problem",
    "Section",
    "SourceKind",
    "Table",
    "clean",
    "heading_key",
    "item_section",
    "label_note",
    "open_item",
]

BULLET = "\u2022"
# Headings the older template also writes as a list item ("-   请求样例", "• 响应样例", "-   接口约束"
# under the URI): such an item opens its section in every reader.
SECTION_ITEMS = frozenset(
    {"request", "response", "request_examples", "response_examples", "error_examples", "constraints"}
)
# Example labels open their section even as a plain paragraph ("## 示例", then "请求样例" and a code block).
EXAMPLE_LABELS = frozenset({"request_examples", "response_examples", "error_examples"})
SourceKind = Literal["text", "html", "markdown"]
_BULLETS = ("\u2022", "\u25cf", "\u00b7", "\u25aa", "\u2023")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))


def clean(text: str) -> str:
    """Whitespace-normalised text; a leading bullet glyph becomes `BULLET` + space.

    str.split() splits on every Unicode space (no-break, ideographic, the U+2000 block…), the same
    set as the regex `\\s`; the readers call this for every paragraph of every page.
    """
    text = " ".join(text.translate(_INVISIBLE).split())
    if text and text[0] in _BULLETS:
        return f"{BULLET} {text[1:].strip()}".rstrip()
    return text


@dataclass(frozen=True)
class Line:
    """One paragraph (or one line of one), with the page line it came from."""

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
    severity: Literal["error", "warning", "info"] = "warning"
    kind: str = "unplaced"


@dataclass(frozen=True)
class Link:
    text: str
    href: str
    line: int


@dataclass(frozen=True)
class Cell:
    """A table cell: its paragraphs in order (a cell may hold several, or bullets)."""

    lines: tuple[Line, ...]

    @property
    def text(self) -> str:
        return " ".join(line.text for line in self.lines)


@dataclass(frozen=True)
class Table:
    """A table as the page lays it out: caption ("表 3 credential"), header cells, rows of cells."""

    line: int
    caption: Line | None
    header: tuple[Line, ...]
    rows: tuple[tuple[Cell, ...], ...]
    anchor: str | None = None  # the id rows link to ("#table1997078319")
    links: tuple[str, ...] = ()  # per row, the first in-page link of its first cell ("" when none)

    def lines(self) -> Iterator[Line]:
        """The table as copied site text has it: caption, header cells, then every cell's lines."""
        if self.caption is not None:
            yield self.caption
        yield from self.header
        for row in self.rows:
            for cell in row:
                yield from cell.lines


@dataclass(frozen=True)
class Code:
    """A code block (example request, response, JSON), line by line."""

    line: int
    lines: tuple[Line, ...]


Block = Line | Table | Code


@dataclass
class Section:
    key: str | None  # canonical key ("uri", "request", "status_codes"); None: a heading we don't know
    heading: Line
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Document:
    """A page read by any reader: what transcription works on."""

    name: str
    source: SourceKind
    title: Line | None = None
    updated_on: Line | None = None
    head: list[Block] = field(default_factory=list)  # before the first heading
    sections: list[Section] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def blocks(self, key: str) -> list[Block]:
        return [block for section in self.sections if section.key == key for block in section.blocks]

    def lines(self, key: str, *, tables: bool = True) -> list[Line]:
        """A section flattened as copied site text: paragraphs, table cells and code lines in page order
        (without the tables' cells for a reader of examples, whose section may hold a table too)."""
        out: list[Line] = []
        for block in self.blocks(key):
            if isinstance(block, Line):
                out.append(block)
            elif isinstance(block, Table):
                out.extend(block.lines() if tables else ())
            else:
                out.extend(block.lines)
        return out

    def line_of(self, key: str) -> int | None:
        return next((s.heading.number for s in self.sections if s.key == key), None)

    def has(self, key: str) -> bool:
        return any(s.key == key for s in self.sections)

    @property
    def api_explorer(self) -> str | None:
        """The operation's name in API Explorer (`CopyImageInRegion`), when the page links it."""
        for link in self.links:
            if "apiexplorer" in link.href and (match := re.search(r"[?&]api=([A-Za-z][A-Za-z0-9]*)", link.href)):
                return match.group(1)
        return None


# Section headings as pages spell them (lower-cased, colon stripped) → section key. Both
# templates, both languages: the older template says Request / Response / Returned Values.
_HEADINGS = {
    "function": "function",
    "functions": "function",
    "功能介绍": "function",
    "功能说明": "function",
    "功能描述": "function",
    "calling method": "calling_method",
    "调用方法": "calling_method",
    "debugging": "debugging",
    "调试": "debugging",
    "authorization information": "authorization",
    "授权信息": "authorization",
    "constraints": "constraints",
    "constraints and limitations": "constraints",
    "restrictions": "constraints",
    "接口约束": "constraints",
    "约束与限制": "constraints",
    "约束": "constraints",
    "约束限制": "constraints",
    "uri": "uri",
    "request parameters": "request",
    "request parameter": "request",
    "request": "request",
    "request message": "request",
    "请求参数": "request",
    "请求消息": "request",
    "请求": "request",
    "response parameters": "response",
    "response parameter": "response",
    "response": "response",
    "response message": "response",
    "响应参数": "response",
    "响应消息": "response",
    "响应": "response",
    "正常响应": "response",
    "返回参数": "response",
    "normal response": "response",
    "example request": "request_examples",
    "example requests": "request_examples",
    "request example": "request_examples",
    "request examples": "request_examples",
    "请求示例": "request_examples",
    "请求样例": "request_examples",
    "请求消息样例": "request_examples",
    "请求体样例": "request_examples",
    "example response": "response_examples",
    "example responses": "response_examples",
    "response example": "response_examples",
    "response examples": "response_examples",
    "响应示例": "response_examples",
    "响应样例": "response_examples",
    "响应消息样例": "response_examples",
    "正常响应样例": "response_examples",
    "返回示例": "response_examples",
    "返回样例": "response_examples",
    "成功响应样例": "response_examples",
    "成功响应示例": "response_examples",
    "成功示例": "response_examples",
    "成功响应": "response_examples",
    "失败响应样例": "error_examples",
    "失败响应示例": "error_examples",
    "失败示例": "error_examples",
    "失败响应": "error_examples",
    "错误响应样例": "error_examples",
    "错误响应示例": "error_examples",
    "异常响应样例": "error_examples",
    "异常响应示例": "error_examples",
    "status code": "status_codes",
    "status codes": "status_codes",
    "returned value": "status_codes",
    "returned values": "status_codes",
    "return value": "status_codes",
    "return values": "status_codes",
    "状态码": "status_codes",
    "返回值": "status_codes",
    "返回码": "status_codes",
    "异常响应": "error_codes",  # RDS: "请参见异常请求结果", the page of error answers
    "error code": "error_codes",
    "error codes": "error_codes",
    "错误码": "error_codes",
    "sdk代码示例": "sdk_examples",
    "sdk sample code": "sdk_examples",
}
# Sections that only a page's head can have: later, the same word is a block heading in a table.
HEAD_ONLY = frozenset({"constraints", "function"})


_EXAMPLES_HEADING = re.compile(r"^(?:示例|样例|examples?)$", re.IGNORECASE)


# an example label with a note in brackets: "请求样例" then the scenario it shows, in brackets
_LABEL_NOTE = re.compile(r"^(.+?)\s*[\uff08(]([^\uff08\uff09()]+)[\uff09)]\s*[:\uff1a]?$")


def label_note(text: str) -> str | None:
    """The note in brackets after an example label: the caption of the example below it."""
    match = _LABEL_NOTE.match(text)
    return match.group(2).strip() if match and heading_key(match.group(1)) in EXAMPLE_LABELS else None


def open_item(key: str, line: Line) -> Section:
    """The section a list item opens, led by its label's note as a caption (see `label_note`)."""
    section = Section(key, line)
    if note := label_note(line.text):
        section.blocks.append(Line(line.number, note))
    return section


def item_section(text: str, current: Section | None, *, labelled: bool) -> str | None:
    """The section a list item, a bold line or (`labelled` False) a plain paragraph opens, or None:
    an example label opens its section anywhere, other section words only as items or bold lines;
    "• 正常响应" under the response examples labels the success example and opens nothing; under
    "## 示例", "• 请求" and "• 响应" open the examples of each."""
    key = heading_key(text)
    if key is None and label_note(text) is not None:
        key = heading_key(_LABEL_NOTE.sub(r"\1", text))
    under = current.key if current is not None else None
    examples = current is not None and _EXAMPLES_HEADING.match(current.heading.text.strip().rstrip(":\uff1a"))
    if under is None and examples and key in ("request", "response"):
        key = f"{key}_examples"  # "## 示例", then "-   请求" and "-   响应"
    if key not in SECTION_ITEMS or (not labelled and key not in EXAMPLE_LABELS):
        return None
    return None if key == "response" and under == "response_examples" else key


def heading_key(text: str) -> str | None:
    """The section key a heading's text names, or None."""
    return _HEADINGS.get(text.strip().lower().rstrip(":\uff1a").strip())
