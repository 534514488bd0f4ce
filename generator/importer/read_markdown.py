"""Markdown from Huawei's documentation repositories → Document.

The repositories' pages (`cn.zh-cn/API参考/<title>.md`) are converted from DITA, and keep its
shape: headings with anchors (`## 功能介绍<a name="…"></a>`), escapes (`/v1/\\{project\\_id\\}`),
captions as bold paragraphs (`**表 1**  参数说明`), tables as embedded DITA HTML or as pipe
tables, sections opened by bullets (`-   请求参数`) with indented content, and fenced code
inside list items. The Markdown is read line by line; the embedded HTML goes to lxml.
"""

from __future__ import annotations

import html
import re

import lxml.html
from lxml import etree

from .document import (
    BULLET,
    Block,
    Cell,
    Code,
    Document,
    Line,
    Link,
    Problem,
    Section,
    Table,
    clean,
    heading_key,
    item_section,
    open_item,
)
from .read_html import parser_stops, table_of
from .read_text import CAPTION

__all__ = ["read_markdown"]

_FENCE = re.compile(r"^\s*(?:[-*+]\s+|\d+\.\s+)?(`{3,}|~{3,})")  # on a list item's line too: "-   ```" (ELB)
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(.*)$")
_PIPE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_LINK = re.compile(r"(!?)\[([^\]]*)\]\(\s*([^)\s]*)(?:\s+\"[^\"]*\")?\s*\)")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~])")
# Emphasis as CommonMark reads it: underscores never inside a word, so "__system__cmkid" is a name;
# an escaped \* is no delimiter
_EMPHASIS = re.compile(
    r"\*\*(.+?)\*\*|(?<!\w)__(?=\S)(.+?)(?<=\S)__(?!\w)|(?<![\w*\\])\*(?=[^\s*])([^*]+?)(?<=[^\s\\])\*(?![\w*])"
)
_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_ANCHOR_ONLY = re.compile(r'^\s*<a name="([^"]+)"></a>\s*$')
_BOLD_LINE = re.compile(r"^\s*\*\*([^*]+)\*\*\s*$")


def _html_text(text: str) -> str:
    """Inline HTML in a Markdown line (anchors, `<br>`, `<sup>`) → its text, via lxml."""
    try:
        fragment = lxml.html.fragment_fromstring(text, create_parent="div")
    except (etree.ParserError, ValueError):  # lxml refuses control characters
        return _TAG.sub("", text)
    try:
        for br in fragment.iter("br"):
            br.tail = "\n" + (br.tail or "")
    except ValueError:  # a control character the parser let through, which a text node refuses
        return _TAG.sub("", text.replace("<br>", "\n"))
    return "".join(fragment.itertext())


# The HTML the repositories' Markdown holds inline; any other "<word>" is the page's own text, a
# placeholder as the site shows it: "格式: <bucket>:<file>" (IMS's export)
_HTML_TAGS = frozenset(
    "a b br code div em font i img li ol p pre s span strong sub sup table tbody td th thead tr u ul".split()  # noqa: SIM905
)


def _kept_tag(match: re.Match[str]) -> str:
    name = re.match(r"</?([A-Za-z][A-Za-z0-9]*)", match.group(0))
    return match.group(0) if name and name.group(1).lower() in _HTML_TAGS else html.escape(match.group(0))


def _inline(text: str, number: int, links: list[Link]) -> str:
    """One line's inline Markdown → plain text; links are recorded, images dropped."""

    def link(match: re.Match[str]) -> str:
        if match.group(1):
            return ""
        links.append(Link(match.group(2), match.group(3), number))
        return match.group(2)

    text = _LINK.sub(link, text)
    if _TAG.search(text):
        text = _html_text(_TAG.sub(_kept_tag, text))
    text = _EMPHASIS.sub(lambda m: next(g for g in m.groups() if g is not None), text)
    return _ESCAPE.sub(r"\1", text)


def _pipe_cells(line: str) -> list[str]:
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") and not inner.endswith("\\|") else inner
    return re.split(r"(?<!\\)\|", inner)


def _pipe_cell(raw: str, number: int, links: list[Link]) -> Cell:
    parts = re.split(r"<br\s*/?>", raw, flags=re.IGNORECASE)
    lines = [clean(_inline(part, number, links)) for part in parts]
    return Cell(tuple(Line(number, text) for text in lines if text))


class _Reader:
    def __init__(self, text: str, name: str) -> None:
        self.raw = text.splitlines()
        self.doc = Document(name, "markdown")
        self.current: Section | None = None
        self.caption: Line | None = None
        self.anchor: str | None = None

    def add(self, block: Block) -> None:
        if self.caption is not None and not isinstance(block, Table):
            pending, self.caption = self.caption, None
            self.add(pending)
        if self.current is None:
            self.doc.head.append(block)
        else:
            self.current.blocks.append(block)

    def table(self, table: Table) -> None:
        caption, self.caption = self.caption, None
        anchor, self.anchor = self.anchor, None
        if caption is not None or anchor is not None:
            table = Table(table.line, caption or table.caption, table.header, table.rows, anchor, table.links)
        self.add(table)

    def html_table(self, i: int) -> int:
        """An embedded `<table>…</table>` starting at line i; returns the index after it."""
        depth, j = 0, i
        while j < len(self.raw):
            lower = self.raw[j].lower()
            depth += lower.count("<table") - lower.count("</table>")
            j += 1
            if depth <= 0:
                break
        chunk = "\n".join(self.raw[i:j])
        parser = lxml.html.HTMLParser()
        try:
            element = lxml.html.fragment_fromstring(chunk, create_parent="div", parser=parser).find(".//table")
        except (etree.ParserError, ValueError):  # ValueError: control characters
            element = None
        self.doc.problems += parser_stops(parser, i)
        if element is None:
            self.doc.problems.append(Problem(i + 1, "an HTML table that does not parse: left out"))
            return j
        self.table(table_of(element, i, None))
        return j

    def pipe_table(self, i: int) -> int:
        number = i + 1
        links = self.doc.links
        header = tuple(Line(number, clean(_inline(c, number, links))) for c in _pipe_cells(self.raw[i]))
        j = i + 2
        rows: list[tuple[Cell, ...]] = []
        anchors: list[str] = []  # per row, its first in-page link ("Array of [Dimension](#…) objects")
        while j < len(self.raw) and self.raw[j].strip().startswith("|"):
            before = len(links)
            rows.append(tuple(_pipe_cell(c, j + 1, links) for c in _pipe_cells(self.raw[j])))
            anchors.append(next((link.href[1:] for link in links[before:] if link.href.startswith("#")), ""))
            j += 1
        self.table(Table(number, None, header, tuple(rows), None, tuple(anchors)))
        return j

    def code(self, i: int, fence: str) -> int:
        marker = fence.strip()[:3]
        j = i + 1
        lines: list[Line] = []
        while j < len(self.raw) and not self.raw[j].strip().startswith(marker):
            if text := clean(self.raw[j]):
                lines.append(Line(j + 1, text))
            j += 1
        self.add(Code(i + 1, tuple(lines)))
        return j + 1

    def heading(self, level: int, text: str, number: int) -> None:
        line = Line(number, clean(_inline(text, number, self.doc.links)))
        if level == 1 and self.doc.title is None:
            self.doc.title = line
            return
        self.current = Section(heading_key(line.text), line)
        self.doc.sections.append(self.current)

    def run(self) -> Document:
        i = 0
        while i < len(self.raw):
            raw = self.raw[i]
            stripped = raw.strip()
            if not stripped:
                i += 1
                continue
            if fence := _FENCE.match(raw):
                i = self.code(i, fence.group(1))
                continue
            if "<table" in raw.lower():
                i = self.html_table(i)
                continue
            if stripped.startswith("|") and i + 1 < len(self.raw) and _PIPE_RULE.match(self.raw[i + 1]):
                i = self.pipe_table(i)
                continue
            if anchor := _ANCHOR_ONLY.match(raw):
                self.anchor = anchor.group(1)
                i += 1
                continue
            if heading := _HEADING.match(stripped):
                self.heading(len(heading.group(1)), heading.group(2), i + 1)
                i += 1
                continue
            self.paragraph(raw, i + 1)
            i += 1
        if self.caption is not None:
            self.add(self.caption)
            self.caption = None
        return self.doc

    def paragraph(self, raw: str, number: int) -> None:
        item = _ITEM.match(raw)
        bold = _BOLD_LINE.match(raw)  # "**请求参数**" opens a section as "-   请求参数" does
        text = item.group(1) if item else bold.group(1) if bold else raw.strip().lstrip(">").strip()
        for part in _inline(text, number, self.doc.links).split("\n"):
            cleaned = clean(part)
            if not cleaned:
                continue
            key = item_section(cleaned, self.current, labelled=bool(item or bold))
            if key is not None and self.current is not None:
                self.current = open_item(key, Line(number, cleaned))
                self.doc.sections.append(self.current)
                continue
            if CAPTION.match(cleaned) and len(cleaned) < 200 and not item:
                if self.caption is not None:
                    self.add(self.caption)
                self.caption = Line(number, cleaned)
                continue
            self.add(Line(number, f"{BULLET} {cleaned}" if item else cleaned))


def read_markdown(text: str, name: str) -> Document:
    """Read a page of a Huawei documentation repository."""
    return _Reader(text, name).run()
