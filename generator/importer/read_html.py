"""Saved site HTML → Document, and the DITA tables that Markdown pages embed.

Parsed with lxml: it is libxml2's forgiving HTML parser (broken markup, entities, stray end
tags), the fastest well-kept parser for Python, and the only one of those measured that gives
each element its source line, which findings need. The article starts at the title `<h1>`;
the site's chrome (navigation,
breadcrumbs, feedback widgets, scripts) is dropped by tag or class, and whatever precedes the
title. Markup broken around the article (a stray `</div>`) therefore loses nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

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
from .read_text import CAPTION, UPDATED

__all__ = ["parser_stops", "read_html", "table_of"]

_SKIP = {"script", "style", "noscript", "nav", "header", "footer", "aside", "form", "button", "iframe", "svg"}
_BLOCK = {"p", "li", "pre", "div", "ul", "ol", "table", "h1", "h2", "h3", "h4", "h5", "h6", "dl", "dt", "dd", "note"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_NESTING = {"p", "div", "table", "pre", "ul", "ol"}
_CHROME = (
    "breadcrumb",
    "feedback",
    "menu",
    "sidebar",
    "navbar",
    "nav-",
    "footer",
    "header-",
    "toolbar",
    "catalog",
    "cookie",
    "search",
    "banner",
    "helpful",
    "share",
)
_XML_DECLARATION = re.compile(r"<\?xml[^>]*>")


def _all_text(element: etree._Element) -> str:
    return "".join(str(part) for part in element.itertext())


def _text(element: etree._Element) -> str:
    return clean(_all_text(element))


def _own_text(item: etree._Element, nesting: frozenset[str] = frozenset(("ul", "ol"))) -> str:
    """An element's text without the `nesting` blocks in it: a list item's without its nested lists
    (their items are lines of their own), or without any block (a note: IAM's value lists)."""
    parts = [item.text or ""]
    for child in item:
        nested = isinstance(child.tag, str) and child.tag in nesting
        parts += ["" if nested else _all_text(child), child.tail or ""]
    return clean("".join(parts))


# Blocks inside a list item that are not its words: a note (IAM's value lists), a table, code
_ASIDES = frozenset(("div", "table", "pre"))


def _items(listing: etree._Element, offset: int) -> list[Line]:
    """A list's items, nested ones too, each its own words (its paragraphs included); a note, table
    or code inside an item gives its words as a line after the item, so no value swallows them."""
    out: list[Line] = []
    for li in listing.iter("li"):
        if text := _own_text(li, _ASIDES | {"ul", "ol"}):
            out.append(Line(_line(li, offset), f"{BULLET} {text}"))
        blocks = [b for b in li if isinstance(b.tag, str) and b.tag in _ASIDES]
        out += [Line(_line(b, offset), words) for b in blocks if (words := clean(_outside_lists(b)))]
    return out


def _outside_lists(element: etree._Element) -> str:
    """The text of an element but for the lists at any depth in it (they give lines of their own)."""
    parts = [element.text or ""]
    for child in element:
        inside = _outside_lists(child) if isinstance(child.tag, str) and child.tag not in ("ul", "ol") else ""
        parts += [inside, child.tail or ""]
    return "".join(parts)


def _line(element: etree._Element, offset: int) -> int:
    line: int | None = getattr(element, "sourceline", None)  # lxml-stubs types it loosely
    return (line or 1) + offset


def _cell_lines(cell: etree._Element, offset: int) -> tuple[Line, ...]:
    """A cell's paragraphs: its block children each give a line, loose text one more."""
    out: list[Line] = []
    loose: list[str] = [cell.text or ""]
    for child in cell:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in _BLOCK and tag != "table":
            if text := clean("".join(loose)):
                out.append(Line(_line(cell, offset), text))
            loose = []
            if tag in ("ul", "ol"):
                out += _items(child, offset)
            elif tag == "div" and any(isinstance(c.tag, str) and c.tag in _BLOCK for c in child):
                out += _cell_lines(child, offset)
            elif text := _text(child):
                out.append(Line(_line(child, offset), f"{BULLET} {text}" if tag == "li" else text))
        elif tag == "br":
            if text := clean("".join(loose)):
                out.append(Line(_line(cell, offset), text))
            loose = []
        elif tag and tag not in _SKIP:  # not a comment or processing instruction: no text of its own
            loose.append(_all_text(child))
        loose.append(child.tail or "")
    if text := clean("".join(loose)):
        out.append(Line(_line(cell, offset), text))
    return tuple(out)


def _in_page_link(cell: etree._Element) -> str:
    for anchor in cell.iter("a"):
        href = anchor.get("href") or ""
        if href.startswith("#"):
            return href[1:]
    return ""


def table_of(element: etree._Element, offset: int = 0, caption: Line | None = None, anchor: str | None = None) -> Table:
    """A `<table>` as rows of cells; the header is its `<thead>` row, else its first row of `<th>`."""
    rows = [tr for tr in element.iter("tr") if _owner(tr) is element]
    header: tuple[Line, ...] = ()
    body = rows
    parent = rows[0].getparent() if rows else None
    if rows and (
        (parent is not None and parent.tag == "thead") or all(c.tag == "th" for c in rows[0] if isinstance(c.tag, str))
    ):
        header = tuple(Line(_line(c, offset), _text(c)) for c in rows[0] if c.tag in ("th", "td"))
        body = rows[1:]
    if caption is None and (found := element.find("caption")) is not None and _text(found):
        caption = Line(_line(found, offset), _text(found))
    cells = [[c for c in tr if c.tag in ("td", "th")] for tr in body]
    return Table(
        _line(element, offset),
        caption,
        header,
        tuple(tuple(Cell(_cell_lines(c, offset)) for c in row) for row in cells if row),
        anchor or element.get("id"),
        tuple(_in_page_link(row[0]) if row else "" for row in cells if row),
    )


def _owner(tr: etree._Element) -> etree._Element | None:
    parent = tr.getparent()
    while parent is not None and parent.tag != "table":
        parent = parent.getparent()
    return parent


def _chrome(element: etree._Element) -> bool:
    """The site's page chrome, by tag or by the class and id words the site gives it."""
    if element.tag in _SKIP:
        return True
    if element.tag == "table":
        return False  # content: DITA gives tables ids such as "response_Rs31TokenCatalogArritem"
    classes = (element.get("class") or "").lower()
    ids = re.split(r"[\s_-]+", (element.get("id") or "").lower())  # "topic_01_searchshare" is no search box
    return any(word in classes or word.strip("-") in ids for word in _CHROME)


def _walk(element: etree._Element) -> Iterator[etree._Element]:
    """Block elements in document order, not descending into tables, lists' items or pre."""
    for child in element:
        if not isinstance(child.tag, str) or _chrome(child):
            continue
        if child.tag == "li" and any(isinstance(c.tag, str) and c.tag in _NESTING for c in child):
            yield from _walk(child)  # a list item holding paragraphs, tables or code: its blocks
        elif child.tag in _HEADINGS or child.tag in ("p", "pre", "table", "li", "dt", "dd"):
            yield child
        elif child.tag in ("div", "section", "article", "main", "ul", "ol", "dl", "span", "body", "blockquote"):
            if child.text and child.text.strip() and child.tag in ("div", "span"):
                yield child  # a div holding text directly is a paragraph
            else:
                yield from _walk(child)


def parser_stops(parser: etree.HTMLParser, offset: int) -> list[Problem]:
    """libxml2 stops at a fatal error (markup nested over 255 levels deep, a text node over 10 MB)
    and keeps what it read so far: the page is cut short there, which is an error."""
    return [
        Problem(
            max(1, error.line + offset),
            "the HTML parser stopped here ("
            + ("markup nested over 255 levels deep" if "depth" in error.message else error.message.strip())
            + "): the rest of the page is not read",
            "is this really one documentation page?",
            "error",
            "markup",
        )
        for error in parser.error_log
        if error.level_name == "FATAL"
    ]


def read_html(text: str, name: str) -> Document:
    """Read a page saved from the documentation site."""
    doc = Document(name, "html")
    if not text.strip():
        doc.problems.append(Problem(1, "the page is empty"))
        return doc
    if declaration := _XML_DECLARATION.match(text):  # lxml refuses a str that declares an encoding
        text = "\n" * declaration.group().count("\n") + text[declaration.end() :]
    parser = lxml.html.HTMLParser()
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except etree.ParserError:  # only a comment, a doctype or a processing instruction
        doc.problems.append(Problem(1, "the page holds no HTML element"))
        return doc
    doc.problems += parser_stops(parser, 0)
    for anchor in root.iter("a"):
        if href := anchor.get("href"):
            doc.links.append(Link(_text(anchor), href, _line(anchor, 0)))
    body = root.find("body")
    article = body if body is not None else root
    current: Section | None = None
    caption: Line | None = None
    seen_title = False
    for element in _walk(article):
        tag = element.tag
        if not seen_title and tag != "h1":  # before the title: breadcrumbs, menus, banners
            continue
        if tag in _HEADINGS:
            text = _text(element)
            key = heading_key(text)
            if tag == "h1" and not seen_title:
                doc.title, seen_title = Line(_line(element, 0), text), True
                continue
            if text:
                current = Section(key, Line(_line(element, 0), text))
                doc.sections.append(current)
            continue
        blocks: list[Block]
        if tag == "table":
            blocks = [table_of(element, 0, caption)]
            caption = None
        elif tag == "pre":
            raw = _all_text(element).split("\n")
            lines = tuple(Line(_line(element, 0) + i, clean(t)) for i, t in enumerate(raw))
            blocks = [Code(_line(element, 0), tuple(line for line in lines if line.text))]
        else:
            text = _text(element)
            if not text:
                continue
            if doc.updated_on is None and (date := UPDATED.match(text)):
                doc.updated_on = Line(_line(element, 0), date.group(1).strip())
                continue
            parent = element.getparent()
            first_in_item = parent is not None and parent.tag == "li" and next(iter(parent), None) is element
            label = item_section(text, current, labelled=first_in_item)
            if current is not None and label is not None:
                current = open_item(label, Line(_line(element, 0), text))  # "• 请求样例" opens a section
                doc.sections.append(current)
                continue
            line = Line(_line(element, 0), f"{BULLET} {text}" if tag == "li" or first_in_item else text)
            if CAPTION.match(text) and len(text) < 200:
                caption = line
                continue
            blocks = [line]
        if caption is not None and tag != "table":
            blocks.insert(0, caption)  # a caption-like paragraph with no table after it
            caption = None
        if current is None:
            doc.head.extend(blocks)
        else:
            current.blocks.extend(blocks)
    return doc
