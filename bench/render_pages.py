"""Render Huawei's Markdown API pages into the two other forms Huawei publishes, to measure the importer's readers.

    python bench/render_pages.py /work/shared/real-pages OUTDIR --form text|html [--locale zh|en]

writes OUTDIR/<service>/<stem>.txt (or .html) for every OUTDIR-less page of PAGES/<service>/*.md, and a copy
of PAGES/index.json so that `bench/compare_sdk.py --import OUTDIR/<service>` finds the pages' routes.

- `text`: the page as copied from the documentation site: the "更新时间\uff1a… GMT+08:00" line (`--locale en`:
  "Updated on …"; the date is index.json's commit_date), the title, then one line per heading, paragraph,
  bullet ("• text", indented under its parent), table caption ("表1 参数说明"; en: "Table 1 参数说明") and
  table cell (header cells first, then each row's cells; a cell of several paragraphs gives several
  lines), code blocks line for line. Anchors, Markdown escapes and link syntax are gone (link text stays).
  Blocks are separated by blank lines, as the site's text is. The site prints the date line above the
  title; `--title-first` puts it below.
- `html`: a complete page as the site serves it: header navigation, breadcrumbs, a left menu (the titles
  of the service's other pages), the article in `<div class="help-content">` (h1 title, the date,
  `<div class="section">` with `<h4 class="sectiontitle">` headings, `<p>`, `<ul><li>`, `<pre
  class="screen">`, notes, and every table as DITA HTML with its caption `<caption><b>表1 </b>…</caption>`),
  a "was this page helpful" widget, a footer and scripts.

The Markdown is read by the small converter below, written for these pages (ATX headings, paragraphs,
`-`/`1.` lists indented by four spaces per level, fenced code, `>` notes, pipe tables, embedded DITA
`<table>` HTML, `**表 N**` captions). It is independent of hwgen's importer on purpose: it produces the
input that the importer's text and HTML readers are measured on. Embedded HTML is parsed with lxml.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import shutil
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import lxml.html

INDENT = 4  # Markdown spaces per list level in these pages

# Tags that may appear as raw HTML inside Markdown text; any other `<…>` is literal text ("<OBS桶名>", "List<String>").
_INLINE_TAGS = ("a", "b", "br", "code", "em", "i", "span", "strong", "sub", "sup", "u", "p", "div", "ul", "ol", "li")
_BLOCK_TAGS = frozenset({"p", "div", "ul", "ol", "li", "pre", "table", "br", "thead", "tbody", "tr", "td", "th", "dl"})
_ESCAPABLE = "\\`*_{}[]()#+-.!|<>\"'~&:;=/$%,?@^"
_ESCAPE = re.compile(r"\\([" + re.escape(_ESCAPABLE) + r"])")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]*)(?:\s+\"[^\"]*\")?\s*\)")  # AS's "(…api=X )" too
_STRONG = re.compile(r"\*\*(.+?)\*\*")
_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#x[0-9A-Fa-f]+);")
_CAPTION = re.compile(r"^\*\*表\s*(\d+)\*\*\s*(.*)$")
_BULLET = re.compile(r"^([-*+]|\d+[.)])\s+(.*)$")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_PRIVATE = 0xE000  # escaped characters are parked in the private use area while inline syntax is converted

LOCALES: dict[str, dict[str, str]] = {
    "zh": {
        "updated": "更新时间\uff1a{date} GMT+08:00",
        "table": "表{n}",
        "lang": "zh-CN",
        "helpful": "文档是否有解决您的问题\uff1f",
        "yes": "有帮助",
        "no": "没帮助",
        "home": "帮助中心",
        "api": "API参考",
        "note": "说明\uff1a",
        "site": "华为云",
    },
    "en": {
        "updated": "Updated on {date} GMT+08:00",
        "table": "Table {n}",
        "lang": "en-US",
        "helpful": "Was this page helpful?",
        "yes": "Yes",
        "no": "No",
        "home": "Help Center",
        "api": "API Reference",
        "note": "NOTE:",
        "site": "Huawei Cloud",
    },
}
SERVICE_TITLES = {
    "ims": "镜像服务 IMS",
    "iam": "统一身份认证服务 IAM",
    "dns": "云解析服务 DNS",
    "nat": "NAT网关 NAT",
    "smn": "消息通知服务 SMN",
    "elb": "弹性负载均衡 ELB",
    "bms": "裸金属服务器 BMS",
}


# ---------------------------------------------------------------- the page model


@dataclass
class Inline:
    """A run of inline content: plain text, and the same as clean HTML."""

    text: str
    html: str


@dataclass
class CellBlock:
    kind: str  # p, li, pre
    content: Inline
    depth: int = 0  # list nesting inside the cell


@dataclass
class Cell:
    blocks: list[CellBlock]
    header: bool = False
    rowspan: int = 1
    colspan: int = 1


@dataclass
class Block:
    kind: str  # heading, para, bullet, code, caption (one without its table), table, note
    indent: int = 0  # list level in the Markdown (four spaces each)
    content: Inline = field(default_factory=lambda: Inline("", ""))
    level: int = 0  # heading level
    marker: str = ""  # bullet: "-" or "1."
    lines: list[str] = field(default_factory=list)  # code
    number: str = ""  # caption or captioned table: the table number (`content` holds the caption's text)
    rows: list[list[Cell]] = field(default_factory=list)  # table
    anchor: str = ""  # table: the id in-page links point to (the site keeps DITA's ids)
    children: list[Block] = field(default_factory=list)  # note


# ---------------------------------------------------------------- inline Markdown and HTML


def _park(match: re.Match[str]) -> str:
    return chr(_PRIVATE + ord(match.group(1)))


def _unpark(text: str) -> str:
    return "".join(chr(ord(c) - _PRIVATE) if _PRIVATE <= ord(c) < _PRIVATE + 128 else c for c in text)


def _starts_tag(text: str, at: int) -> bool:
    """Whether the `<` at `at` opens (or closes) one of the inline HTML tags the pages use."""
    rest = text[at + 1 : at + 12].lower().removeprefix("/")
    return any(rest.startswith(tag) and (len(rest) == len(tag) or rest[len(tag)] in " >/\t") for tag in _INLINE_TAGS)


def _escape_text(text: str) -> str:
    """Markdown text (inline HTML allowed) as an HTML fragment: stray `<` and `&` escaped, the rest kept."""
    out: list[str] = []
    for i, char in enumerate(text):
        if char == "<" and not _starts_tag(text, i):
            out.append("&lt;")
        elif char == "&" and not _ENTITY.match(text, i):
            out.append("&amp;")
        else:
            out.append(char)
    return "".join(out)


def markdown_inline(source: str) -> Inline:
    """One line (or joined lines) of Markdown text: escapes, links, images, bold and inline HTML."""
    text = _ESCAPE.sub(_park, source)
    text = _IMAGE.sub("", text)
    text = _escape_text(text)
    # `_escape_text` has already escaped the URL's `&`.
    text = _LINK.sub(lambda m: f'<a href="{_unpark(m.group(2)).replace(chr(34), "&quot;")}">{m.group(1)}</a>', text)
    text = _STRONG.sub(r"<strong>\1</strong>", text)
    text = "".join(
        html.escape(chr(ord(c) - _PRIVATE), quote=False) if _PRIVATE <= ord(c) < _PRIVATE + 128 else c for c in text
    )
    if not text.strip():
        return Inline("", "")
    root = lxml.html.fragment_fromstring(text, create_parent="div")
    return _inline_of(root)


def _clean(element: Any) -> None:
    """Anchors without href removed (their text and tail kept), ids and layout attributes dropped, links to .html."""
    for anchor in list(element.iter("a")):
        if anchor.get("href") is None:
            anchor.drop_tag()
    for node in element.iter():
        if not isinstance(node.tag, str):
            continue
        for attribute in ("id", "name", "width", "valign", "headers", "align"):
            node.attrib.pop(attribute, None)
        href = node.get("href")
        if node.tag == "a" and href and href.endswith(".md") and "://" not in href:
            node.set("href", href[:-3] + ".html")


def _normalise(text: str) -> str:
    return " ".join(text.split())


def _span() -> Any:
    return lxml.html.html_parser.makeelement("span")


def _inline_of(container: Any, clean: bool = True) -> Inline:
    """Text and HTML of an element's content (the element itself left out)."""
    if clean:
        _clean(container)
    parts = [html.escape(container.text or "", quote=False)]
    parts += [lxml.html.tostring(child, encoding="unicode", with_tail=True) for child in container]
    return Inline(_normalise(container.text_content()), _normalise("".join(parts)))


def cell_blocks(element: Any, depth: int = 0) -> list[CellBlock]:
    """The paragraphs, list items and code of an HTML cell (or of a block inside one), in order."""
    out: list[CellBlock] = []
    holder = _span()
    holder.text = element.text or ""

    def flush() -> Any:
        content = _inline_of(holder, clean=False)
        if content.text:
            out.append(CellBlock("p", content, depth))
        return _span()

    for child in list(element):
        tag = child.tag if isinstance(child.tag, str) else ""
        is_title = tag == "span" and child.get("class") == "notetitle"
        if tag not in _BLOCK_TAGS and not is_title:
            holder.append(child)  # its tail comes along
            continue
        holder = flush()
        holder.text = child.tail or ""
        if tag == "pre":
            code = child.text_content()
            out.append(CellBlock("pre", Inline(code, html.escape(code, quote=False)), depth))
        elif tag in ("ul", "ol"):
            for item in child:
                if isinstance(item.tag, str) and item.tag == "li":
                    inner = cell_blocks(item, depth + 1)
                    if inner and inner[0].kind == "p":
                        inner[0].kind = "li"
                    out += inner
        elif is_title:
            words = _normalise(child.text_content())
            out.append(CellBlock("p", Inline(words, html.escape(words, quote=False)), depth))
        elif tag != "br":
            out += cell_blocks(child, depth)
    flush()
    return out


def html_table(source: str) -> list[list[Cell]]:
    table = lxml.html.fragment_fromstring(source)
    _clean(table)
    rows: list[list[Cell]] = []
    for row in table.iter("tr"):
        cells = []
        for cell in row:
            if not isinstance(cell.tag, str) or cell.tag not in ("td", "th"):
                continue
            in_head = any(isinstance(a.tag, str) and a.tag == "thead" for a in cell.iterancestors())
            cells.append(
                Cell(
                    cell_blocks(cell),
                    header=cell.tag == "th" or in_head,
                    rowspan=int(cell.get("rowspan", "1") or 1),
                    colspan=int(cell.get("colspan", "1") or 1),
                )
            )
        rows.append(cells)
    return rows


def _pipe_cells(line: str) -> list[str]:
    """The cells of a Markdown pipe-table row (`\\|` is a literal bar)."""
    body = line.strip()
    body = body[1:] if body.startswith("|") else body
    body = body[:-1] if body.endswith("|") and not body.endswith("\\|") else body
    cells, current, i = [], [], 0
    while i < len(body):
        if body[i] == "\\" and i + 1 < len(body) and body[i + 1] == "|":
            current.append("\\|")
            i += 2
            continue
        if body[i] == "|":
            cells.append("".join(current))
            current = []
        else:
            current.append(body[i])
        i += 1
    cells.append("".join(current))
    return [c.strip() for c in cells]


def pipe_table(lines: list[str]) -> list[list[Cell]]:
    rows: list[list[Cell]] = []
    for n, line in enumerate(lines):
        cells = _pipe_cells(line)
        if n == 1 and all(set(c) <= set("-: ") and c for c in cells):
            continue
        row = []
        for text in cells:
            blocks = []
            for part in _split_br(text):
                content = markdown_inline(part)
                if content.text:
                    blocks.append(CellBlock("p", content))
            row.append(Cell(blocks, header=n == 0))
        rows.append(row)
    return rows


def _split_br(text: str) -> list[str]:
    """A pipe cell's text split at `<br>` line breaks (the only block markup these cells carry)."""
    parts, start, i = [], 0, 0
    lower = text.lower()
    while i < len(text):
        if lower.startswith("<br", i) and _starts_tag(text, i):
            end = text.find(">", i)
            if end < 0:
                break
            parts.append(text[start:i])
            start = i = end + 1
            continue
        i += 1
    parts.append(text[start:])
    return parts


# ---------------------------------------------------------------- block Markdown


def _indent_of(line: str) -> int:
    expanded = line.expandtabs(4)
    return len(expanded) - len(expanded.lstrip(" "))


def parse_markdown(text: str) -> list[Block]:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    blocks: list[Block] = []
    anchor = ""  # the last `<a name>` line: the id of the table that follows
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        level = _indent_of(line) // INDENT
        if not stripped:
            i += 1
            continue
        if stripped.startswith("```") or stripped.startswith("~~~"):
            fence, width = stripped[:3], _indent_of(line)
            body: list[str] = []
            i += 1
            while i < len(lines) and not lines[i].strip().startswith(fence):
                raw = lines[i].expandtabs(4)
                body.append(raw[min(width, _indent_of(raw)) :] if raw.strip() else "")
                i += 1
            i += 1
            while body and not body[-1].strip():
                body.pop()
            blocks.append(Block("code", level, lines=body))
            continue
        if stripped.startswith("<table"):
            chunk = [stripped]
            while "</table>" not in chunk[-1] and i + 1 < len(lines):
                i += 1
                chunk.append(lines[i].strip())
            i += 1
            blocks.append(Block("table", level, rows=html_table("\n".join(chunk)), anchor=anchor))
            anchor = ""
            continue
        if _is_anchor_line(stripped):
            names = lxml.html.fragment_fromstring(stripped, create_parent="div").xpath("./a/@name")
            anchor = str(names[-1]) if names else anchor
            i += 1
            continue
        if stripped.startswith("|"):
            chunk = []
            while i < len(lines) and lines[i].strip().startswith("|"):
                chunk.append(lines[i])
                i += 1
            blocks.append(Block("table", level, rows=pipe_table(chunk), anchor=anchor))
            anchor = ""
            continue
        if stripped.startswith(">"):
            quoted = []
            while i < len(lines) and lines[i].strip().startswith(">"):
                quoted.append(
                    lines[i].strip()[1:].removeprefix(" ") if lines[i].strip()[1:2] == " " else lines[i].strip()[1:]
                )
                i += 1
            if quoted and "![" in quoted[0]:
                quoted.insert(1, "")  # the note's icon and title are a paragraph of their own on the site
            blocks.append(Block("note", level, children=parse_markdown("\n".join(quoted))))
            continue
        if heading := _HEADING.match(line):
            blocks.append(Block("heading", 0, markdown_inline(heading.group(2)), level=len(heading.group(1))))
            i += 1
            continue
        if caption := _CAPTION.match(stripped):
            blocks.append(Block("caption", level, markdown_inline(caption.group(2)), number=caption.group(1)))
            i += 1
            continue
        bullet = _BULLET.match(stripped)
        joined = [bullet.group(2) if bullet else stripped]
        i += 1
        while i < len(lines) and _continues(lines[i]):
            joined.append(lines[i].strip())
            i += 1
        content = markdown_inline(" ".join(joined))
        if bullet:
            marker = "1." if bullet.group(1)[0].isdigit() else "-"
            blocks.append(Block("bullet", level, content, marker=marker))
        elif content.text:
            blocks.append(Block("para", level, content))
    return _attach_captions(blocks)


def _attach_captions(blocks: list[Block]) -> list[Block]:
    """A caption followed by its table becomes the table's caption (the table at the deeper of the two levels:
    a pipe table cannot be indented in Markdown, though on the site it sits in the list item with its caption)."""
    out: list[Block] = []
    for block in blocks:
        previous = out[-1] if out else None
        if block.kind == "table" and previous is not None and previous.kind == "caption":
            out.pop()
            block.number, block.content = previous.number, previous.content
            block.indent = max(block.indent, previous.indent)
        out.append(block)
    return out


def _is_anchor_line(stripped: str) -> bool:
    """A line holding only `<a name="…"></a>` anchors (parsed, not pattern-matched)."""
    if not stripped.startswith("<a "):
        return False
    fragment = lxml.html.fragment_fromstring(stripped, create_parent="div")
    return not fragment.text_content().strip() and all(
        isinstance(c.tag, str) and c.tag == "a" and c.get("href") is None for c in fragment
    )


def _continues(line: str) -> bool:
    """Whether a line continues the paragraph above it (lazy continuation in Markdown)."""
    s = line.strip()
    if not s:
        return False
    starts = ("```", "~~~", "<table", "|", ">", "#", "<a name")
    return not s.startswith(starts) and not _BULLET.match(s) and not _CAPTION.match(s)


# ---------------------------------------------------------------- site text


def _text_cell_lines(cell: Cell) -> list[str]:
    out = []
    for block in cell.blocks:
        if block.kind == "pre":
            out += block.content.text.rstrip("\n").split("\n")
        elif block.kind == "li":
            out.append("  " * block.depth + "• " + block.content.text)
        else:
            out.append(block.content.text)
    return out


def render_text(title: Inline, date: str, blocks: list[Block], locale: str, title_first: bool = False) -> str:
    words = LOCALES[locale]
    chunks: list[str] = []  # each chunk is printed followed by a blank line
    updated = words["updated"].format(date=date)
    chunks += [title.text, updated] if title_first else [updated, title.text]
    chunks += _text_blocks(blocks, locale)
    return "\n\n".join(chunks).rstrip("\n") + "\n"


def _text_blocks(blocks: list[Block], locale: str) -> list[str]:
    words = LOCALES[locale]
    chunks: list[str] = []
    for block in blocks:
        pad = " " * (INDENT * block.indent)
        if block.kind == "heading":
            if block.level > 1:
                chunks.append(block.content.text)
        elif block.kind == "para":
            chunks.append(pad + block.content.text)
        elif block.kind == "bullet":
            marker = "•" if block.marker == "-" else block.marker
            chunks.append(pad + "  " + marker + " " + block.content.text)
        elif block.kind == "code":
            chunks.append("\n".join((pad + line) if line else "" for line in block.lines))
        elif block.kind == "caption":
            number = words["table"].format(n=block.number)
            chunks.append(pad + f"{number} {block.content.text}".rstrip())
        elif block.kind == "table":
            if block.number:
                number = words["table"].format(n=block.number)
                chunks.append(pad + f"{number} {block.content.text}".rstrip())
            for row in block.rows:
                for cell in row:
                    lines = _text_cell_lines(cell) or [""]
                    chunks += [pad + line if line else "" for line in lines]
        elif block.kind == "note":
            inner = _text_blocks(block.children, locale)
            chunks += [pad + "\n".join(chunk.split("\n")) for chunk in inner]
    return [c for c in chunks if c.strip() or c == ""]


# ---------------------------------------------------------------- site HTML


def _cell_html(cell: Cell) -> str:
    out: list[str] = []
    depth = 0
    for block in cell.blocks:
        while depth > (block.depth if block.kind == "li" else 0):
            out.append("</ul>")
            depth -= 1
        if block.kind == "li":
            while depth < block.depth:
                out.append('<ul class="ul">')
                depth += 1
            out.append(f"<li>{block.content.html}</li>")
        elif block.kind == "pre":
            out.append(f'<pre class="screen">{block.content.html}</pre>')
        else:
            out.append(f"<p>{block.content.html}</p>")
    out += ["</ul>"] * depth
    return "".join(out)


def _table_html(block: Block, locale: str) -> str:
    words = LOCALES[locale]
    table_id = f' id="{html.escape(block.anchor)}"' if block.anchor else ""
    parts = [
        '<div class="tablenoborder">'
        f'<table{table_id} cellpadding="4" cellspacing="0" frame="border" border="1" rules="all">'
    ]
    if block.number:
        number = words["table"].format(n=block.number)
        parts.append(f"<caption><b>{html.escape(number)} </b>{block.content.html}</caption>")
    head = [row for row in block.rows if row and all(c.header for c in row)]
    body = [row for row in block.rows if not (row and all(c.header for c in row))]
    for group, rows, tag in (("thead", head, "th"), ("tbody", body, "td")):
        if not rows:
            continue
        parts.append(f'<{group} align="left">' if group == "thead" else f"<{group}>")
        for row in rows:
            parts.append("<tr>")
            for cell in row:
                span = (f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else "") + (
                    f' colspan="{cell.colspan}"' if cell.colspan > 1 else ""
                )
                parts.append(f'<{tag} class="cellrowborder" valign="top"{span}>{_cell_html(cell)}</{tag}>')
            parts.append("</tr>")
        parts.append(f"</{group}>")
    parts.append("</table></div>")
    return "\n".join(parts)


def _nest(blocks: list[Block]) -> list[tuple[Block, list[Any]]]:
    """Blocks as a tree: a bullet owns the blocks indented deeper than it that follow it."""
    root: list[tuple[Block, list[Any]]] = []
    stack: list[tuple[int, list[tuple[Block, list[Any]]]]] = [(-1, root)]
    for block in blocks:
        level = block.indent if block.kind != "heading" else -1
        while len(stack) > 1 and stack[-1][0] >= level:
            stack.pop()
        node: tuple[Block, list[Any]] = (block, [])
        stack[-1][1].append(node)
        if block.kind == "bullet":
            stack.append((block.indent, node[1]))
    return root


def _html_nodes(nodes: list[tuple[Block, list[Any]]], locale: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(nodes):
        block, children = nodes[i]
        if block.kind == "bullet":
            tag = "ol" if block.marker == "1." else "ul"
            items = []
            while i < len(nodes) and nodes[i][0].kind == "bullet" and nodes[i][0].marker == block.marker:
                item, inner = nodes[i]
                items.append(f"<li><p>{item.content.html}</p>{_html_nodes(inner, locale)}</li>")
                i += 1
            out.append(f'<{tag} class="{tag}">' + "\n".join(items) + f"</{tag}>")
            continue
        out.append(_html_block(block, children, locale))
        i += 1
    return "\n".join(out)


_NOTE_LABELS = frozenset({"说明", "注意", "须知", "警告", "危险", "NOTE", "NOTICE", "CAUTION", "WARNING", "DANGER"})


def _html_block(block: Block, children: list[Any], locale: str) -> str:
    words = LOCALES[locale]
    if block.kind == "para":
        return f"<p>{block.content.html}</p>"
    if block.kind == "code":
        return '<pre class="screen">' + html.escape("\n".join(block.lines), quote=False) + "</pre>"
    if block.kind == "caption":
        number = words["table"].format(n=block.number)
        return f'<p class="tablecap"><b>{html.escape(number)} </b>{block.content.html}</p>'
    if block.kind == "table":
        return _table_html(block, locale)
    if block.kind == "note":
        first = block.children[0].content.text.strip() if block.children else ""
        own = first.strip(" :\uff1a") in _NOTE_LABELS  # the note's own label (须知 and the like) is its title
        inner = block.children[1:] if own else block.children
        body = _html_nodes(_nest(inner), locale)
        return (
            f'<div class="note"><span class="notetitle"> {html.escape(first if own else words["note"])} </span>'
            f'<div class="notebody">{body}</div></div>'
        )
    return _html_nodes(children, locale)


def render_html(
    title: Inline, date: str, blocks: list[Block], locale: str, service: str, menu: list[tuple[str, str]], stem: str
) -> str:
    words = LOCALES[locale]
    sections: list[str] = []
    current: list[Block] = []
    heading: Block | None = None

    def close() -> None:
        if heading is None and not current:
            return
        inner = _html_nodes(_nest(current), locale)
        head = f'<h4 class="sectiontitle">{heading.content.html}</h4>' if heading is not None else ""
        sections.append(f'<div class="section">{head}{inner}</div>')

    for block in blocks:
        if block.kind == "heading" and block.level == 1:
            continue
        if block.kind == "heading":
            close()
            heading, current = block, []
        else:
            current.append(block)
    close()
    product = SERVICE_TITLES.get(service, service.upper())
    menu_items = "\n".join(
        f'<li class="{"active" if s == stem else "item"}"><a href="{html.escape(s)}.html">{html.escape(t)}</a></li>'
        for s, t in menu
    )
    escaped_title = html.escape(title.text)
    return f"""<!DOCTYPE html>
<html lang="{words['lang']}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escaped_title}_{html.escape(product)}_{words['api']}_{words['site']}</title>
<link rel="stylesheet" href="https://res-static.hc-cdn.cn/cloudbu-site/china/zh-cn/support/help.css">
<script>window.__HELP_CONFIG__ = {{"product": "{service}", "lang": "{words['lang']}", "menu": true}};</script>
</head>
<body>
<header class="hwc-header">
<nav class="hwc-nav"><a class="logo" href="https://www.huaweicloud.com/">{words['site']}</a>
<a href="https://www.huaweicloud.com/product/">产品</a> <a href="https://www.huaweicloud.com/solution/">解决方案</a>
<a href="https://support.huaweicloud.com/">{words['home']}</a> <a href="https://www.huaweicloud.com/pricing.html">价格</a>
<a href="https://auth.huaweicloud.com/">登录</a></nav>
</header>
<div class="crumbs"><a href="https://support.huaweicloud.com/">{words['home']}</a> &gt;
<a href="https://support.huaweicloud.com/{service}/index.html">{html.escape(product)}</a> &gt;
<a href="https://support.huaweicloud.com/api-{service}/index.html">{words['api']}</a> &gt;
<span>{escaped_title}</span></div>
<div class="help-layout">
<aside class="help-menu"><div class="menu-title">{html.escape(product)} {words['api']}</div><ul>
{menu_items}
</ul></aside>
<main class="help-main">
<div class="help-content" id="help-content">
<h1 class="topictitle1">{title.html}</h1>
<div class="update-time">{html.escape(words['updated'].format(date=date))}</div>
<div class="topicbody">
{chr(10).join(sections)}
</div>
</div>
<div class="help-feedback"><p class="feedback-title">{words['helpful']}</p>
<button type="button" class="feedback-yes">{words['yes']}</button>
<button type="button" class="feedback-no">{words['no']}</button>
<textarea placeholder="意见反馈" maxlength="200"></textarea></div>
</main>
</div>
<footer class="hwc-footer"><p>© 2024 Huawei Cloud Computing Technologies Co., Ltd. All rights reserved.</p>
<a href="https://www.huaweicloud.com/declaration/sa_prp.html">隐私政策声明</a> <a href="https://www.huaweicloud.com/declaration/sa_cookies.html">Cookies</a></footer>
<script>(function () {{
  var el = document.getElementById("help-content");
  if (el) {{ el.setAttribute("data-ready", "1"); }}
}})();</script>
<script async src="https://res-static.hc-cdn.cn/cloudbu-site/china/zh-cn/support/analytics.js"></script>
</body>
</html>
"""


# ---------------------------------------------------------------- main


@dataclass
class Page:
    service: str
    path: Path
    title: Inline
    blocks: list[Block]
    date: str


def read_page(service: str, path: Path, index: dict[str, Any]) -> Page:
    blocks = parse_markdown(path.read_text("utf-8-sig"))
    title = next((b.content for b in blocks if b.kind == "heading" and b.level == 1), Inline(path.stem, path.stem))
    entry = index.get(f"{service}/{path.name}", {})
    return Page(service, path, title, blocks, str(entry.get("commit_date") or "2024-01-01"))


def iter_pages(pages: Path) -> Iterator[tuple[str, Path]]:
    for directory in sorted(d for d in pages.iterdir() if d.is_dir()):
        for path in sorted(directory.glob("*.md")):
            yield directory.name, path


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Render the real Markdown pages as site text or site HTML.")
    parser.add_argument("pages", type=Path, help="directory of <service>/*.md pages (with index.json)")
    parser.add_argument("out", type=Path, help="output directory: <service>/<stem>.txt|.html")
    parser.add_argument("--form", choices=("text", "html"), required=True)
    parser.add_argument("--locale", choices=sorted(LOCALES), default="zh", help="the site's own words (default zh)")
    parser.add_argument("--title-first", action="store_true", help="text: the title above the date line")
    parser.add_argument("--service", action="append", default=[], help="only these services (repeatable)")
    args = parser.parse_args(argv)
    index_file = args.pages / "index.json"
    index: dict[str, Any] = json.loads(index_file.read_text("utf-8")) if index_file.is_file() else {}
    if not isinstance(index, dict):
        parser.error(f"{index_file}: an object keyed by '<service>/<file>.md' is needed, as ../shared/real-pages has")
    by_service: dict[str, list[Page]] = {}
    for service, path in iter_pages(args.pages):
        if not args.service or service in args.service:
            by_service.setdefault(service, []).append(read_page(service, path, index))
    if not by_service:
        parser.error(f"no <service>/*.md pages under {args.pages}")
    written = 0
    for service, pages in by_service.items():
        target = args.out / service
        target.mkdir(parents=True, exist_ok=True)
        menu = [(p.path.stem, p.title.text) for p in pages]
        for page in pages:
            if args.form == "text":
                text = render_text(page.title, page.date, page.blocks, args.locale, args.title_first)
                (target / f"{page.path.stem}.txt").write_text(text, "utf-8")
            else:
                text = render_html(page.title, page.date, page.blocks, args.locale, service, menu, page.path.stem)
                (target / f"{page.path.stem}.html").write_text(text, "utf-8")
            written += 1
    if index_file.is_file():
        shutil.copyfile(index_file, args.out / "index.json")
    sys.stderr.write(f"{written} page(s) written to {args.out} ({args.form})\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
