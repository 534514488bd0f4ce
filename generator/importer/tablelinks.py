"""Which table describes an object row: an in-page link, "see Table 3", the type's name, a caption
naming the row or its path ("token.user.domain"), and in site text (no links) the tables' order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .document import Line, Problem, Table
from .read_text import CAPTION
from .rows import Row

__all__ = ["REFERENCE", "VALUES_BEFORE", "Candidate", "TableLinks", "cells_of", "object_name"]

REFERENCE = re.compile(r"(?:表|Table)\s*(\d+)", re.IGNORECASE)
# An array query parameter whose page joins its values with commas (else the key repeats: id=a&id=b)
_CAMEL_WORD = re.compile(r"[A-Z][a-z0-9]+|[A-Z]+(?![a-z])")  # DomainOrProjectBody → Domain, Or, Project, Body
_TYPE_NAME = re.compile(r"[A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*")  # GetIdTokenAuthParams, not token.user
# A field the page allows to be null; "不能指定为null" (must not be null) is no such field
VALUES_BEFORE = re.compile(r"取值|枚举|values?\b|enum", re.IGNORECASE)
_CAPTION_SUFFIX = re.compile(
    r"\s*(?:字段数据结构说明|数据结构说明|字段说明|参数说明|结构说明|数据结构|对象说明|响应参数|请求参数|说明|参数|字段|"
    r"field descriptions?|data structure(?: description)?|parameters?(?: description)?|descriptions?|objects?)\s*$",
    re.IGNORECASE,
)
_ASIDE = re.compile(r"\s*[\uff08(][^\uff08\uff09()]*[\uff09)]\s*$")  # "…字段数据结构说明\uff08响应参数\uff09": an aside
_PLAIN_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_.:\-]*$")


def object_name(caption: str) -> str | None:
    """`表 3 os-stop字段数据结构说明` → `os-stop`; None when the caption names nothing usable."""
    match = CAPTION.match(caption)
    text = re.sub(r"\s*\[\d+\]\s*", " ", match.group(2) if match else caption).strip()  # footnote marks
    if described := re.fullmatch(
        r"(?:description|parameters?) of (?:the )?(\S+?)(?: field| object| parameter)?", text, re.I
    ):
        text = described.group(1)  # "Description of the tags field"
    previous = None
    while previous != text:
        previous, text = text, _CAPTION_SUFFIX.sub("", _ASIDE.sub("", text)).strip()
    return text if _PLAIN_NAME.match(text) else None


def _one_letter_apart(a: str, b: str) -> bool:
    """One letter replaced, added or dropped, in names long enough for that to be a typo."""
    if min(len(a), len(b)) < 5 or abs(len(a) - len(b)) > 1 or a == b:
        return False
    start = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    return a[start + 1 :] == b[start + 1 :] or a[start:] == b[start + 1 :] or a[start + 1 :] == b[start:]


def _names_path(caption_name: str, path: list[str]) -> bool:
    """A dotted caption ("token.user.domain", "mappings.rules.local") names the row at the end of
    `path`: its parts end the path, a plural part matching a singular row name."""
    parts = caption_name.lower().split(".")
    tail = path[-len(parts) :]
    return len(tail) == len(parts) and all(a.rstrip("s") == b.rstrip("s") for a, b in zip(parts, tail, strict=True))


def cells_of(row: Row) -> list[Line]:
    """The cells that may point to a table: the type ("表4 object", a link on the site) and the rest."""
    return [row.type, *row.cells] if row.type is not None else row.cells


@dataclass
class Candidate:
    table: Table
    rows: list[Row]
    name: str | None  # from the caption
    number: int | None
    section: str | None = None
    key: str | None = None  # its key in `objects`, once used


class TableLinks:
    """The object tables of a page and the rules that link a row to one."""

    def __init__(self, problems: list[Problem], *, linkless: bool = False) -> None:
        self.problems = problems
        self.linkless = linkless  # site text: the page's in-page links are gone
        self.candidates: list[Candidate] = []
        self.section: str | None = None  # the section whose table is being read
        self.parent: str | None = None  # the caption of the object table being read ("auth.identity")
        self.path: list[str] = []  # the row names down to the object table being read ("token", "user")

    def warn(self, line: int, message: str, hint: str | None = None, severity: str = "warning") -> None:
        self.problems.append(Problem(line, message, hint, severity))  # type: ignore[arg-type]

    def add_candidate(self, table: Table, rows: list[Row], section: str | None = None) -> None:
        caption = table.caption.text if table.caption else ""
        match = CAPTION.match(caption)
        self.candidates.append(
            Candidate(
                table, rows, object_name(caption) if caption else None, int(match.group(1)) if match else None, section
            )
        )

    # -- linking a row to its table -------------------------------------------------------------
    def find(self, row: Row, named: str | None) -> Candidate | None:
        """The table a row's object is described in; the page's explicit clues first (an in-page
        link, "see Table 3"), then names, looked up in the row's own section before the others
        (a request and a response may both have a table "token")."""
        same = [c for c in self.candidates if c.section == self.section]
        others = [c for c in self.candidates if c.section != self.section]
        if named:  # the type names its table: "Array of ImageInfo objects"
            tables = [c for c in same + others if c.name and c.name.lower() == named.lower()]
            # one per status ("RespErrorMessage" under each error status): the next unused one after the row
            after = [c for c in tables if c.key is None and c.table.line > row.name.number]
            if tables:
                return min(after, key=lambda c: c.table.line) if len(tables) > 1 and after else tables[0]
        for c in self.candidates:
            if row.link and c.table.anchor == row.link:
                return c
        name = row.name.text.lower()
        for ref in (r for line in cells_of(row) for r in REFERENCE.finditer(line.text)):
            for c in self.candidates:
                if c.number == int(ref.group(1)):
                    # a reference off by one ("see Table 3" for the table captioned with the row's name)
                    # yields to the table that names the row
                    exact = [o for o in same + others if o.key is None and o.name and o.name.lower() == name]
                    return exact[0] if exact and c.name and c.name.lower() != name else c
        if (found := self._by_name(same, row, named)) is not None:
            return found
        if (found := self._misspelt(same, row)) is not None:
            return found
        if self.linkless and named is None and (found := self._next_type_table(row)) is not None:
            return found  # nearer evidence than a table of the row's name in another section
        return self._by_name(others, row, named)

    def _misspelt(self, group: list[Candidate], row: Row) -> Candidate | None:
        """An unused table after the row whose caption misspells its name by one letter ("表4
        Login_project" for `login_protect`): nearer evidence than another section's exact name."""
        name = row.name.text.lower()
        for c in group:
            if c.key is None and c.name and c.table.line > row.name.number and _one_letter_apart(c.name.lower(), name):
                self.warn(
                    c.table.line,
                    f"{c.name}: read as the table of {row.name.text!r}, which its caption misspells",
                    "fix the table's caption on the page",
                )
                return c
        return None

    def _pointed(self, row: Row) -> Candidate | None:
        """The unused table a row's own text points to (an in-page link or "see Table 4")."""
        for c in self.candidates:
            if c.key is None and row.link and c.table.anchor == row.link:
                return c
        for ref in (r for line in cells_of(row) for r in REFERENCE.finditer(line.text)):
            if VALUES_BEFORE.search(ref.string[max(0, ref.start() - 12) : ref.start()]):
                continue  # "取值参考表2", "values: see Table 2": a list of values, not the field's members
            for c in self.candidates:
                if c.key is None and c.number == int(ref.group(1)):
                    return c
        return None

    def _next_type_table(self, row: Row) -> Candidate | None:
        """Site text loses the link from a row ("auth", type "object") to its table ("表3
        GetIdTokenAuthParams"): a table of its own name already read ("links" twice), else the first
        unused table named like a type after the row, in its section, else a type table read for a
        sibling whose name has the row's name as a word."""
        name = row.name.text.lower()
        for c in self.candidates:
            if c.key is not None and c.section == self.section and c.name is not None and c.name.lower() == name:
                return c
        for c in self.candidates:
            if (
                c.key is None
                and c.section == self.section
                and c.table.line > row.name.number
                and c.name is not None
                and _TYPE_NAME.fullmatch(c.name)
            ):
                self.warn(
                    row.name.number,
                    f"{row.name.text}: no table is named for it; read as the next unused one, {c.name} "
                    "(site text keeps no links)",
                    "check the object's fields, or import the page's HTML or Markdown",
                    "info",
                )
                return c
        for c in self.candidates:  # "domain" and "project" both → "GetIdTokenScopeDomainOrProjectBody"
            if (
                c.key is not None
                and c.section == self.section
                and c.name is not None
                and _TYPE_NAME.fullmatch(c.name)
                and name in (word.lower() for word in _CAMEL_WORD.findall(c.name))
            ):
                self.warn(
                    row.name.number,
                    f"{row.name.text}: no table is named for it; read as {c.name}, whose name has its name",
                    "check the object's fields, or import the page's HTML or Markdown",
                    "info",
                )
                return c
        return None

    def _by_name(self, group: list[Candidate], row: Row, named: str | None) -> Candidate | None:
        name = row.name.text.lower()
        path = f"{self.parent}.{name}" if self.parent else None
        for test in (
            lambda c: path is not None and c.name.lower() == path,  # "auth.identity" + "password"
            lambda c: c.key is None and c.name.lower() in (name, name.replace("-", "_")),
            lambda c: c.key is None and "." in c.name and _names_path(c.name, [*self.path, name]),
        ):
            for c in group:
                if c.name and test(c):
                    return c
        return None
