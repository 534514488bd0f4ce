"""Copied site text → Document: the page as a browser copies it, one table cell per paragraph.

The same page reaches us with CRLF or LF, non-breaking spaces, tables as one cell per line or
as Markdown pipe rows, in English or Chinese, with the site's furniture ("Feedback", "Was this
page helpful?") around it. Cells carry no markup, so a table's rows are found by their shape:
the header row says which columns there are, and a row starts where a name is followed by the
short cells its header promises (Yes/No, a type).
"""

from __future__ import annotations

import bisect
import re

from .columns import YES, Role, role, roles
from .document import (
    BULLET,
    Block,
    Cell,
    Document,
    Line,
    Link,
    Problem,
    Section,
    Table,
    clean,
    heading_key,
    item_section,
    label_note,
)
from .document import HEAD_ONLY as _HEAD_ONLY
from .examples import is_request_line, stated_status
from .pagetypes import page_type
from .wholebody import names_whole_array

__all__ = ["CAPTION", "UPDATED", "read_text"]

# "Table 2 Request parameters", "表2 Query参数"; not the sentence "Table 1 describes the parameters in the URI."
CAPTION = re.compile(r"^(?:Table|表)\s*(\d+)\s*(?!describes |lists |shows |contains )(.*?)(?<![.。])$")
_PIPE_RULE = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?$")
UPDATED = re.compile(r"^(?:Updated on|Last updated|更新时间)\s*[:\uff1a]?\s*(.+)$", re.IGNORECASE)
_MAX_LINE = 20_000
# tables of status or error codes ("表2 状态码": 状态码 | 描述): their cells are read as lines
_CODES_TABLE = re.compile(r"状态码|返回值|错误码|status codes?|returned values?|error codes?", re.IGNORECASE)
_EXAMPLE_WORDS = frozenset({"示例", "样例", "Example", "example"})
_NUMBERED_ITEM = re.compile(r"^\d{1,2}[.)]\s+(\S.*)$")
_NAME = re.compile(r"^[A-Za-z_$@][\w.\-:$@\[\]/]*$")
# The site's furniture around the article: skipped wherever it appears.
_FURNITURE = re.compile(
    r"^(?:parent topic:.*|feedback|was this page helpful\??|provide feedback|helpful|not helpful|"
    r"thank you very much for your feedback.*|previous topic:?.*|next topic:?.*|share|comments?|"
    r"©.*|copyright ©.*|父主题[:\uff1a].*|意见反馈|该文档是否有帮助[?\uff1f]?|上一篇[:\uff1a]?.*|下一篇[:\uff1a]?.*)$",
    re.IGNORECASE,
)


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
            if cleaned := clean(part):
                out.append(Line(number, cleaned))
    return out


def _lines(text: str, problems: list[Problem]) -> list[Line]:
    out: list[Line] = []
    for number, raw in enumerate(text.splitlines(), 1):
        if len(raw) > _MAX_LINE:
            problems.append(Problem(number, f"line of {len(raw)} characters cut to {_MAX_LINE}"))
            raw = raw[:_MAX_LINE]
        cleaned = clean(raw)
        if not cleaned or _FURNITURE.match(cleaned):
            continue
        if numbered := _NUMBERED_ITEM.match(cleaned):  # "1. …": an ordered list's item, as Markdown's
            cleaned = f"{BULLET} {numbered.group(1)}"
        if cleaned.startswith("|") and cleaned.count("|") >= 2:
            out.extend(_cells(number, cleaned))
        else:
            out.append(Line(number, cleaned))
    return out


def _is_name(text: str) -> bool:
    if names_whole_array(text):  # "*[数组]*": the row that is the whole JSON array
        return True
    return len(text) <= 120 and bool(_NAME.match(text)) and text.lower() not in YES


def _shape(columns: list[Role]) -> list[Role]:
    """The short, one-line cells a row starts with: its name and what precedes the description."""
    out: list[Role] = []
    for column in columns:
        if column not in ("name", "required", "type"):
            break
        out.append(column)
    return out


def _fits(line: Line, column: Role) -> bool:
    if column == "name":
        return _is_name(line.text) or line.text in ("-", "\u2014")  # "-": a File response's only row
    if column == "required":
        return line.text.lower() in YES
    return page_type(line.text) is not None


_CONDITION = re.compile(r"必选|必填|可选|不传|mandatory|required|optional", re.IGNORECASE)
_MAX_CONDITION_LINES = 3


def _short_cells(body: list[Line], k: int, shape: list[Role]) -> list[tuple[int, int]] | None:
    """The spans of a row's short cells if one starts at body[k]. A mandatory cell may state a
    condition in sentences ("该参数必选" when restarting one group) when a type cell follows it."""
    if not shape or not _fits(body[k], shape[0]):
        return None  # most lines start no row: decided by the first cell
    spans: list[tuple[int, int]] = [(k, k + 1)]
    at = k + 1
    for index, column in enumerate(shape[1:], 1):
        if at < len(body) and _fits(body[at], column):
            spans.append((at, at + 1))
            at += 1
            continue
        if column != "required" or index + 1 >= len(shape) or shape[index + 1] != "type":
            return None
        end = at
        while end < min(len(body), at + _MAX_CONDITION_LINES) and _CONDITION.search(body[end].text):
            end += 1
        if end == at or end >= len(body) or not _fits(body[end], "type"):
            return None
        spans.append((at, end))
        at = end
    return spans


def _rows(body: list[Line], columns: list[Role], caption: str, problems: list[Problem]) -> list[tuple[Cell, ...]]:
    shape = _shape(columns)
    starts: list[list[tuple[int, int]]] = []
    k = 0
    while k < len(body):
        spans = _short_cells(body, k, shape) if shape else None
        if spans is None:
            k += 1
            continue
        starts.append(spans)
        k = spans[-1][1]
    first = starts[0][0][0] if starts else len(body)
    for line in body[:first]:
        problems.append(Problem(line.number, f"{caption}: not a table row: {line.text[:60]!r}"))
    rows: list[tuple[Cell, ...]] = []
    for index, spans in enumerate(starts):
        end = starts[index + 1][0][0] if index + 1 < len(starts) else len(body)
        short = tuple(Cell(tuple(body[a:b])) for a, b in spans)
        rows.append((*short, Cell(tuple(body[spans[-1][1] : end]))))
    return rows


def _header(lines: list[Line], start: int) -> tuple[list[Line], list[Role]] | None:
    """The header row at lines[start]: known column names, each once; after Description only
    an extra column (Value Range, Default) that is not followed by a row's short cell."""
    found: list[Line] = []
    seen: set[Role] = set()
    j = start
    while j < len(lines):
        column = role(lines[j].text)
        if column is None or column in seen:
            break
        if "description" in seen and (
            column not in ("range", "default", "example")
            or (j + 1 < len(lines) and (_fits(lines[j + 1], "required") or _fits(lines[j + 1], "type")))
        ):
            break
        found.append(lines[j])
        seen.add(column)
        j += 1
    parsed = roles([line.text for line in found])
    return (found, parsed) if parsed else None


_TYPE_CELL = re.compile(r"(?:array of )?(?:objects?|array|map|对象|数组)$", re.IGNORECASE)


# The older template's list items that introduce a part of a section ("  • 请求头", then the
# request line): a table above one ends there.
_PART_LABEL = re.compile(
    r"^(?:URI格式|参数说明|要素说明|请求头|请求体|请求体样例|请求样例|响应样例|请求消息|响应消息|"
    r"URI format|parameter description|request header|request body|example request|example response)$",
    re.IGNORECASE,
)


def _ends_table(lines: list[Line], i: int) -> bool:
    """A caption, a "Status code: NNN" line or a part's list item ends the table before it
    (headings already cut the section); "表4 object" with no header row after it is a type cell
    (a link to Table 4 on the site)."""
    text = lines[i].text
    if lines[i].is_bullet and _PART_LABEL.match(lines[i].bullet_text.rstrip(":\uff1a")):
        return True
    if is_request_line(text) or (
        text.rstrip(":\uff1a") in _EXAMPLE_WORDS and i + 1 < len(lines) and is_request_line(lines[i + 1].text)
    ):
        return True  # a full request line, or "示例" above one (DCS, after the URI's table)
    caption = CAPTION.match(text)
    if caption and _TYPE_CELL.match(caption.group(2)):
        return _header(lines, i + 1) is not None
    return bool(caption or stated_status(text))


def _blocks(lines: list[Line], problems: list[Problem]) -> list[Block]:
    """A section's lines → paragraphs and tables ("Table N caption" or a bare header row, then cells)."""
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        caption = lines[i] if CAPTION.match(lines[i].text) else None
        start = i + 1 if caption else i
        header = _header(lines, start) if start < len(lines) else None
        if header is None:
            if caption is not None and not _CODES_TABLE.search(caption.text):  # those read as lines
                message = f"{caption.text}: no header row (Parameter, Type, Description)"
                problems.append(Problem(caption.number, message))
            blocks.append(lines[i])
            i += 1
            continue
        found, columns = header
        end = start + len(found)
        while end < len(lines) and not _ends_table(lines, end):
            if _header(lines, end) is not None and not _is_name(lines[end].text):
                break
            end += 1
        label = caption.text if caption else found[0].text
        body = lines[start + len(found) : end]
        rows = _rows(body, columns, label, problems)
        blocks.append(Table((caption or found[0]).number, caption, tuple(found), tuple(rows)))
        i = end
    return blocks


def _short_cell(line: Line) -> bool:
    """Whether a line may be the last short cell of a row (its name, Yes/No or type)."""
    return _is_name(line.text) or _fits(line, "required") or _fits(line, "type")


def _header_starts(lines: list[Line]) -> list[int]:
    """Where each header row starts: the first of a run of lines that read as a header."""
    starts: list[int] = []
    previous = False
    for j, line in enumerate(lines):
        here = role(line.text) is not None and _header(lines, j) is not None
        if here and not previous:
            starts.append(j)
        previous = here
    return starts


def _in_a_row(lines: list[Line], k: int, starts: list[int]) -> bool:
    """Whether lines[k] is the first line of a table row's description ("error_code / String /
    错误码"): the nearest header row above it promises short cells that end right before it."""
    at = bisect.bisect_left(starts, k) - 1
    if at < 0:
        return False
    j = starts[at]
    header = _header(lines, j)
    assert header is not None
    found, columns = header
    shape = _shape(columns)
    start = j + len(found)
    if not shape or start > k or any(_ends_table(lines, i) for i in range(start, k)):
        return False
    s = start  # walk the rows as _rows does: a row ends where the next starts
    while s < k:
        spans = _short_cells(lines, s, shape)
        if spans is None:
            s += 1
        elif spans[-1][1] == k:
            return True
        else:
            s = spans[-1][1]
    return False


def read_text(text: str, name: str) -> Document:
    """Cut copied site text into sections. Each heading starts its section once; a later repeat is content."""
    doc = Document(name, "text")
    lines = _lines(text, doc.problems)
    start = 0
    for index, line in enumerate(lines[:3]):
        if match := UPDATED.match(line.text):
            doc.updated_on = Line(line.number, match.group(1).strip())
            start = index + 1
            break
    body = lines[start:]
    if body and heading_key(body[0].text) is None:
        doc.title, body = body[0], body[1:]
    elif start > 1:  # the title came before the "Updated on" line
        doc.title = lines[0]
    seen: set[str] = set()
    current: list[Line] | None = None
    sections: list[tuple[Section, list[Line]]] = []
    head: list[Line] = []
    starts: list[int] | None = None  # header rows, found when a heading-like line needs them
    for index, line in enumerate(body):
        key = heading_key(line.bullet_text) if not line.is_bullet or current is None else None
        if key and key not in seen and index and _short_cell(body[index - 1]):  # a repeat is content anyway
            starts = _header_starts(body) if starts is None else starts
            key = None if _in_a_row(body, index, starts) else key  # "error_code / String / 错误码"
        if line.is_bullet and current is not None:  # "  • 响应样例": the older template's list-item heading
            key = item_section(line.bullet_text, sections[-1][0] if sections else None, labelled=True)
        note = label_note(line.bullet_text) if line.is_bullet else None
        item = line.is_bullet and current is not None  # a list item's label is no cell's block heading
        if key and key not in seen and not (key in _HEAD_ONLY and "uri" in seen and not item):
            seen.add(key)
            current = [Line(line.number, note)] if note else []
            sections.append((Section(key, line), current))
        elif current is not None:
            current.append(Line(line.number, note) if note else line)  # a later example's label: its caption
        else:
            head.append(line)
    doc.head = list(head)
    for section, content in sections:
        section.blocks = _blocks(content, doc.problems)
        doc.sections.append(section)
    _links(doc)
    return doc


def _links(doc: Document) -> None:
    """Site text keeps no links; an API Explorer URL pasted into the page still counts."""
    for section in doc.sections:
        for block in section.blocks:
            if isinstance(block, Line) and "apiexplorer" in block.text:
                for url in re.findall(r"https?://\S+", block.text):
                    doc.links.append(Link(block.text, url, block.number))
