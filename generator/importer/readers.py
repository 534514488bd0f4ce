"""One entry point for every source: bytes of a page → Document, by the file's kind.

`.txt` is copied site text, `.html`/`.htm` a saved site page, `.md` a page of Huawei's
documentation repositories; any other name is sniffed. Text files come as UTF-8 (with or
without BOM), UTF-16 (with BOM) or, from Chinese Windows, GBK; bytes that none of those
decode are replaced and reported.
"""

from __future__ import annotations

from pathlib import Path

from .document import Document, Problem, SourceKind
from .read_html import read_html
from .read_markdown import read_markdown
from .read_text import read_text

__all__ = ["MAX_PAGE_BYTES", "decode", "read_document", "source_kind"]

MAX_PAGE_BYTES = 20 * 1024 * 1024  # a real page is under 1 MB; larger is refused, not read
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


def read_document(raw: bytes, name: str) -> Document:
    """Read a page's bytes; `name` (the file name) says which reader applies."""
    if len(raw) > MAX_PAGE_BYTES:
        doc = Document(name, "text")
        doc.problems.append(
            Problem(
                1,
                f"the page is {len(raw):,} bytes, over the {MAX_PAGE_BYTES:,}-byte limit: " "not read",
                "is this really one documentation page?",
                "error",
                "size",
            )
        )
        return doc
    if b"\x00" in raw[:4096] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        doc = Document(name, "text")
        doc.problems.append(
            Problem(1, "the file is binary, not a documentation page: not read", None, "error", "binary")
        )
        return doc
    text, problem = decode(raw)
    kind = source_kind(name, text)
    reader = {"text": read_text, "html": read_html, "markdown": read_markdown}[kind]
    doc = reader(text, name)
    if problem is not None:
        doc.problems.insert(0, Problem(1, problem, "save the page as UTF-8"))
    return doc
