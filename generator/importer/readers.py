"""One entry point for every source: bytes of a page → Document, by the file's kind.

`.txt` is copied site text, `.html`/`.htm` a saved site page, `.md` a page of Huawei's
documentation repositories; any other name is sniffed. Text files come as UTF-8 (with or
without BOM), UTF-16 (with BOM) or, from Chinese Windows, GBK; bytes that none of those
decode are replaced and reported.

A page is refused, not read, with a finding, when it is over any of these limits. Before it is
read, the counts that reading time and memory grow with: 2 MB (`MAX_PAGE_BYTES`, as a spec file),
20,000 lines (`.txt`, `.md`), 50,000 tags (`<`: `.html`, `.md`), 20,000 pipes (`|`, table cells:
`.txt`, `.md`). Once read, what the rest of the import's time grows with: 1,000 table rows and
200,000 characters of text. The largest of 580 real pages has 100 KB, 1,555 lines, 3,854 tags
(as site HTML), 480 pipes, 110 rows and 14,280 characters; a page just under every limit is read
and imported in a few seconds and well under 300 MB.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import islice
from pathlib import Path

from .document import Code, Document, Line, Problem, SourceKind, Table
from .read_text import read_text

__all__ = [
    "MAX_PAGE_BYTES",
    "MAX_PAGE_LINES",
    "MAX_PAGE_PIPES",
    "MAX_PAGE_ROWS",
    "MAX_PAGE_TAGS",
    "MAX_PAGE_TEXT",
    "decode",
    "read_document",
    "source_kind",
]

MAX_PAGE_BYTES = 2 * 1024 * 1024  # a real page is under 200 KB; larger is refused, not read
MAX_PAGE_LINES = 20_000
MAX_PAGE_TAGS = 50_000
MAX_PAGE_PIPES = 20_000
MAX_PAGE_ROWS = 1_000
MAX_PAGE_TEXT = 200_000
_LINE_BREAK = re.compile(r"\r\n?|[\n\v\f\x1c-\x1e\x85\u2028\u2029]")  # where str.splitlines splits
_KINDS: dict[str, SourceKind] = {".txt": "text", ".html": "html", ".htm": "html", ".md": "markdown"}


def decode(raw: bytes) -> tuple[str, str | None]:
    """The text, and a problem to report when bytes had to be replaced."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace"), None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16", errors="replace"), None
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gb18030"), None
    except UnicodeDecodeError:
        return raw.decode("utf-8", errors="replace"), "bytes that are neither UTF-8, UTF-16 nor GBK were replaced"


def source_kind(name: str, text: str) -> SourceKind:
    kind = _KINDS.get(Path(name).suffix.lower())
    if kind is not None:
        return kind
    head = text.lstrip()[:200].lower()
    if head.startswith(("<!doctype", "<html")):
        return "html"
    if head.startswith("# ") or '<a name="' in head:
        return "markdown"
    return "text"


def _over(text: str, kind: SourceKind) -> str | None:
    """What the page has too much of, if anything: lines, tags or pipes."""
    if kind != "html" and next(islice(_LINE_BREAK.finditer(text), MAX_PAGE_LINES, None), None) is not None:
        return f"over {MAX_PAGE_LINES:,} lines"
    if kind != "text" and (tags := text.count("<")) > MAX_PAGE_TAGS:
        return f"{tags:,} tags ('<'), over {MAX_PAGE_TAGS:,}"
    if kind != "html" and (pipes := text.count("|")) > MAX_PAGE_PIPES:
        return f"{pipes:,} table pipes ('|'), over {MAX_PAGE_PIPES:,}"
    return None


def _too_much(doc: Document) -> str | None:
    """What the page read has too much of for the import, if anything: table rows or text."""
    rows = chars = 0
    for block in [*doc.head, *(block for section in doc.sections for block in section.blocks)]:
        if isinstance(block, Table):
            rows += len(block.rows)
            chars += sum(len(line.text) for row in block.rows for cell in row for line in cell.lines)
        elif isinstance(block, Code):
            chars += sum(len(line.text) for line in block.lines)
        elif isinstance(block, Line):
            chars += len(block.text)
    if rows > MAX_PAGE_ROWS:
        return f"tables of {rows:,} rows, over {MAX_PAGE_ROWS:,}"
    if chars > MAX_PAGE_TEXT:
        return f"{chars:,} characters of text, over {MAX_PAGE_TEXT:,}"
    return None


def _refused(name: str, kind: SourceKind, message: str) -> Document:
    doc = Document(name, kind)
    doc.problems.append(Problem(1, f"{message}: not read", "is this really one documentation page?", "error", "size"))
    return doc


def _reader(kind: SourceKind) -> Callable[[str, str], Document]:
    """The reader for `kind`; lxml (some 10 ms of a command's start-up) loads only for a page with
    HTML in it."""
    if kind == "html":
        from .read_html import read_html

        return read_html
    if kind == "markdown":
        from .read_markdown import read_markdown

        return read_markdown
    return read_text


def read_document(raw: bytes, name: str) -> Document:
    """Read a page's bytes; `name` (the file name) says which reader applies."""
    if len(raw) > MAX_PAGE_BYTES:
        return _refused(name, "text", f"the page is {len(raw):,} bytes, over the {MAX_PAGE_BYTES:,}-byte limit")
    if b"\x00" in raw[:4096] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        doc = Document(name, "text")
        doc.problems.append(
            Problem(1, "the file is binary, not a documentation page: not read", None, "error", "binary")
        )
        return doc
    text, problem = decode(raw)
    kind = source_kind(name, text)
    if (over := _over(text, kind)) is not None:
        return _refused(name, kind, f"the page has {over}")
    doc = _reader(kind)(text, name)
    if (over := _too_much(doc)) is not None:
        return _refused(name, kind, f"the page has {over}")
    if problem is not None:
        doc.problems.insert(0, Problem(1, problem, "save the page as UTF-8"))
    return doc
