"""Parameter tables → spec fields and objects: every row lands, or becomes a finding.

A table's columns are known by their header (columns.py), whatever their order. A row whose
type is an object or an array of objects is linked to the table that describes it by the first
clue the page gives: the type's name (`Array of ImageInfo objects`), an in-page link from the
row, "see Table 3" / "详情请参见表3" in its description, or a table captioned with the row's
name ("os-stop字段数据结构说明"). A table without a Type column gets types from the
descriptions, each an `info`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..model.derive import RUNTIME_HEADERS
from .columns import YES, roles
from .document import Line, Problem, Table
from .merge import FIELD_ORDER
from .pagetypes import SCALARS, page_type
from .prose import Facts, read_facts
from .read_text import CAPTION

__all__ = ["FieldReader", "Row", "object_name", "rows_of"]

_REFERENCE = re.compile(r"(?:表|Table)\s*(\d+)", re.IGNORECASE)
# An array query parameter whose page joins its values with commas (else the key repeats: id=a&id=b)
_COMMA_JOINED = re.compile(
    r"(?:多个|值)[^。]{0,12}(?:逗号|,|\uff0c)\s*(?:分隔|隔开)|comma[- ]separated|separated by commas?", re.I
)
_CAMEL_WORD = re.compile(r"[A-Z][a-z0-9]+|[A-Z]+(?![a-z])")  # DomainOrProjectBody → Domain, Or, Project, Body
_TYPE_NAME = re.compile(r"[A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*")  # GetIdTokenAuthParams, not token.user
# A field the page allows to be null; "不能指定为null" (must not be null) is no such field
_NULLABLE = re.compile(
    r"(?:为|是)\s*null\s*时|(?<!不)可(?:以)?(?:设置|指定)?为\s*null|此处(?:值)?为\s*null"
    r"|(?:can|may) be (?:set to )?null|when (?:it is )?null",
    re.IGNORECASE,
)
_VALUES_BEFORE = re.compile(r"取值|枚举|values?\b|enum", re.IGNORECASE)
_CAPTION_SUFFIX = re.compile(
    r"\s*(?:字段数据结构说明|数据结构说明|字段说明|参数说明|结构说明|数据结构|对象说明|响应参数|请求参数|说明|参数|字段|"
    r"field descriptions?|data structure(?: description)?|parameters?(?: description)?|descriptions?|objects?)\s*$",
    re.IGNORECASE,
)
_ASIDE = re.compile(r"\s*[\uff08(][^\uff08\uff09()]*[\uff09)]\s*$")  # "…字段数据结构说明\uff08响应参数\uff09": an aside
_PLAIN_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_.:\-]*$")
SENSITIVE_HEADERS = {"x-auth-token", "authorization", "x-security-token"}
_LABELS = {"range": ("Value range", "取值范围"), "default": ("Default value", "默认值"), "example": ("Example", "示例")}


@dataclass(frozen=True)
class Row:
    """One table row, its cells known by role."""

    name: Line
    required: bool | None  # None: the table has no Mandatory column
    type: Line | None  # None: the table has no Type column
    cells: list[Line]  # the Description cell and any extra columns, line by line
    link: str  # the in-page anchor the row's name links to ("" when none)


def rows_of(table: Table, problems: list[Problem]) -> list[Row] | None:
    """The table's rows, or None when its header is not a parameter table's."""
    columns = roles([line.text for line in table.header])
    if columns is None:
        return None
    out: list[Row] = []
    label = table.caption.text if table.caption else "table"
    for index, cells in enumerate(table.rows):
        by_role: dict[str, list[Line]] = {}
        for column, cell in zip(columns, cells, strict=False):
            by_role.setdefault(column, []).extend(cell.lines)
        names = by_role.get("name", [])
        if not names or (names[0].text in ("-", "—", "") and "type" not in by_role):
            first = next((line for cell in cells for line in cell.lines), None)
            if first is not None:
                problems.append(Problem(first.number, f"{label}: a row without a parameter name: {first.text[:60]!r}"))
            continue
        name = names[0]
        flag_cell = by_role.get("required", [])
        type_cell = by_role.get("type")
        if flag_cell and type_cell and flag_cell[0].text.lower() not in YES and type_cell[0].text.lower() in YES:
            flag_cell, type_cell = type_cell, flag_cell  # cells not under their headers (real BMS pages)
        required = YES.get(flag_cell[0].text.lower().rstrip("。.")) if flag_cell else None
        if "required" in by_role and required is None:
            where = flag_cell[0].number if flag_cell else name.number
            problems.append(
                Problem(
                    where,
                    f"{label}: {name.text}: mandatory cell {flag_cell[0].text if flag_cell else ''!r} "
                    "is neither yes nor no; read as no",
                )
            )
        described = list(by_role.get("description", [])) + names[1:]
        for extra in ("range", "default", "example"):
            for line in by_role.get(extra, []):
                if line.text not in ("-", "—", "N/A", "无", "不涉及"):
                    english, chinese = _LABELS[extra]
                    word = chinese if re.search(r"[\u4e00-\u9fff]", label + line.text) else english
                    described.append(Line(line.number, f"{word}: {line.text}"))
        for line in by_role.get("other", []):
            described.append(line)
        link = table.links[index] if index < len(table.links) else ""
        out.append(
            Row(
                name,
                bool(required) if "required" in by_role else None,
                Line(type_cell[0].number, " ".join(t.text for t in type_cell)) if type_cell else None,
                described,
                link,
            )
        )
    return out


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


def _cells_of(row: Row) -> list[Line]:
    """The cells that may point to a table: the type ("表4 object", a link on the site) and the rest."""
    return [row.type, *row.cells] if row.type is not None else row.cells


def identifier(name: str) -> str:
    """An object key the spec format accepts (`os-stop` → `os_stop`)."""
    text = re.sub(r"[^A-Za-z0-9_]+", "_", name).strip("_")
    return text if text[:1].isalpha() else f"T{text}"


@dataclass
class _Candidate:
    table: Table
    rows: list[Row]
    name: str | None  # from the caption
    number: int | None
    section: str | None = None
    key: str | None = None  # its key in `objects`, once used


class FieldReader:
    """Turns the page's parameter tables into fields; object tables are resolved on demand."""

    def __init__(self, problems: list[Problem], *, linkless: bool = False) -> None:
        self.problems = problems
        self.linkless = linkless  # site text: the page's in-page links are gone
        self.candidates: list[_Candidate] = []
        self.objects: dict[str, dict[str, Any]] = {}
        self.resolving: set[int] = set()
        self.section: str | None = None  # the section whose table is being read
        self.parent: str | None = None  # the caption of the object table being read ("auth.identity")
        self.path: list[str] = []  # the row names down to the object table being read ("token", "user")
        self.response_scalars: dict[str, str] = {}  # response field name → its scalar type, when one

    def warn(self, line: int, message: str, hint: str | None = None, severity: str = "warning") -> None:
        self.problems.append(Problem(line, message, hint, severity))  # type: ignore[arg-type]

    def add_candidate(self, table: Table, rows: list[Row], section: str | None = None) -> None:
        caption = table.caption.text if table.caption else ""
        match = CAPTION.match(caption)
        self.candidates.append(
            _Candidate(
                table, rows, object_name(caption) if caption else None, int(match.group(1)) if match else None, section
            )
        )

    # -- linking a row to its table -------------------------------------------------------------
    def find(self, row: Row, named: str | None) -> _Candidate | None:
        """The table a row's object is described in; the page's explicit clues first (an in-page
        link, "see Table 3"), then names, looked up in the row's own section before the others
        (a request and a response may both have a table "token")."""
        same = [c for c in self.candidates if c.section == self.section]
        others = [c for c in self.candidates if c.section != self.section]
        for c in same + others:  # the type names its table: "Array of ImageInfo objects"
            if named and c.name and c.name.lower() == named.lower():
                return c
        for c in self.candidates:
            if row.link and c.table.anchor == row.link:
                return c
        name = row.name.text.lower()
        for ref in (r for line in _cells_of(row) for r in _REFERENCE.finditer(line.text)):
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

    def _misspelt(self, group: list[_Candidate], row: Row) -> _Candidate | None:
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

    def _pointed(self, row: Row) -> _Candidate | None:
        """The unused table a row's own text points to (an in-page link or "see Table 4")."""
        for c in self.candidates:
            if c.key is None and row.link and c.table.anchor == row.link:
                return c
        for ref in (r for line in _cells_of(row) for r in _REFERENCE.finditer(line.text)):
            if _VALUES_BEFORE.search(ref.string[max(0, ref.start() - 12) : ref.start()]):
                continue  # "取值参考表2", "values: see Table 2": a list of values, not the field's members
            for c in self.candidates:
                if c.key is None and c.number == int(ref.group(1)):
                    return c
        return None

    def _next_type_table(self, row: Row) -> _Candidate | None:
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

    def _by_name(self, group: list[_Candidate], row: Row, named: str | None) -> _Candidate | None:
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

    def object_for(self, candidate: _Candidate, row: Row, direction: str) -> str:
        if candidate.key is not None:
            return candidate.key
        base = identifier(candidate.name or row.name.text)
        key, n = base, 2
        while key in self.objects:
            key, n = f"{base}_{n}", n + 1
        candidate.key = key
        self.objects[key] = {"fields": []}  # placeholder: a table may refer to itself
        marker = id(candidate)
        self.resolving.add(marker)
        outer, self.section = self.section, candidate.section
        outer_parent, self.parent = self.parent, (candidate.name or "").lower() or None
        self.path.append(row.name.text.lower())
        self.objects[key] = {"fields": self.fields(candidate.rows, direction, label=candidate.table.caption)}
        self.path.pop()
        self.resolving.discard(marker)
        self.section, self.parent = outer, outer_parent
        return key

    # -- fields ---------------------------------------------------------------------------------
    def kind(self, row: Row, location: str) -> dict[str, Any]:
        if row.type is None:
            guess = self.guess(row, location)
            return guess
        kind = page_type(row.type.text)
        if kind is None:
            self.problems.append(
                Problem(
                    row.type.number,
                    f"{row.name.text}: unknown type {row.type.text!r}",
                    "docs/spec-format.md lists the type cells hwgen reads",
                    "error",
                    "type",
                )
            )
            return {"type": "String"}
        return dict(kind)

    def guess(self, row: Row, location: str) -> dict[str, Any]:
        """A row of a table without a Type column: String, unless its text points to a table."""
        text = " ".join(line.text for line in row.cells)
        if location in ("path", "query", "header") or not (_REFERENCE.search(text) or row.link):
            kind = {"type": "String"}
        elif re.search(r"列表|数组|array|list", text, re.IGNORECASE):
            kind = {"type": "Array"}
        else:
            kind = {"type": "Object"}
        self.warn(
            row.name.number, f"{row.name.text}: the table has no Type column; read as {kind['type']}", severity="info"
        )
        return kind

    def field(self, row: Row, location: str, direction: str) -> dict[str, Any]:
        kind = self.kind(row, location)
        out: dict[str, Any] = {"name": row.name.text}
        if row.required:
            out["required"] = True
        if kind["type"] == "String" and location in ("body", "response", "object") and row.type is not None:
            pointed = self._pointed(row)
            if pointed is not None:  # "*string", but "see Table 4" describes its fields: the evident reading
                label = pointed.table.caption.text if pointed.table.caption else "a table"
                self.warn(
                    row.type.number,
                    f"{row.name.text}: typed {row.type.text!r} but described in {label}: " "read as an object",
                    "fix the type cell on the page",
                )
                out["note"] = f"The page types it {row.type.text!r} and describes its fields in {label}."
                kind = {"type": "Object"}
        if location == "path" and kind["type"] in ("Object", "Array", "Map"):
            self.warn(
                row.name.number,
                f"{row.name.text}: a path parameter typed {kind['type']}: read as a String",
                "fix the type cell on the page",
            )
            out["note"] = f"The page types this path parameter {row.type.text if row.type else kind['type']!r}."
            kind = {"type": "String"}
        named = kind.get("object") or kind.get("items") or kind.get("values")
        if kind["type"] in ("Object", "Array", "Map") and (named is None or named not in SCALARS):
            candidate = self.find(row, named)
            if candidate is not None and id(candidate) not in self.resolving:
                key = self.object_for(candidate, row, direction)
                kind = {**kind, {"Object": "object", "Array": "items", "Map": "values"}[kind["type"]]: key}
            elif named is not None:
                self.warn(
                    row.type.number if row.type else row.name.number,
                    f"no table describes the object {named!r}: {row.name.text} is read as a free-form "
                    f"{'object' if kind['type'] == 'Object' else kind['type'].lower()}",
                    f"add a 'Table N {named}' to the page",
                )
                kind = {
                    "Object": {"type": "Object"},
                    "Array": {"type": "Array", "items": "Object"},
                    "Map": {"type": "Map", "values": "Object"},
                }[kind["type"]]
                out["note"] = (
                    f"The page names the type {row.type.text if row.type else named!r} but describes no such table."
                )
            elif kind["type"] == "Array" and location == "query" and row.name.text in self.response_scalars:
                element = self.response_scalars[row.name.text]  # a filter on a field the response lists
                kind = {"type": "Array", "items": element}
                if element != "String":  # the default for a bare Array parameter: nothing to say
                    self.warn(
                        row.type.number if row.type else row.name.number,
                        f"{row.name.text}: a bare Array filter, read as an Array of {element}, the type of the "
                        f"response's {row.name.text!r}",
                        "state the element type on the page (Array of ...)",
                        "info",
                    )
            elif kind["type"] == "Array":  # parameters are lists of values; body fields lists of objects
                kind = {"type": "Array", "items": "String" if location in ("path", "query", "header") else "Object"}
        out.update(kind)
        text = " ".join(c.text for c in row.cells)
        if location not in ("path", "query", "header") and _NULLABLE.search(text):
            out["nullable"] = True  # "取值为null时", "can be null": the page allows null
        if location == "query" and kind["type"] == "Array" and _COMMA_JOINED.search(text):
            out["collection_format"] = "csv"  # "多个用逗号分隔": one key, the values comma-joined
        lower = row.name.text.lower()
        if location == "header" and lower in RUNTIME_HEADERS:
            out["runtime"] = True
        if location == "header" and lower in SENSITIVE_HEADERS:
            out["sensitive"] = True
        element = kind.get("items", "String") if kind["type"] == "Array" else kind["type"]
        facts = read_facts(row.cells, element if element in SCALARS else "Object", array=kind["type"] == "Array")
        _place(out, facts)
        return {key: out[key] for key in FIELD_ORDER if key in out}

    def fields(
        self, rows: list[Row], location: str, *, label: Line | None = None, direction: str = "request"
    ) -> list[dict[str, Any]]:
        seen: dict[str, int] = {}
        out: list[dict[str, Any]] = []
        for row in rows:
            if row.name.text in seen:
                where = label.text if label else location
                self.warn(
                    row.name.number,
                    f"{where}: {row.name.text} appears twice (first on line "
                    f"{seen[row.name.text]}); the second row is left out",
                    "remove the repeated row",
                )
                continue
            seen[row.name.text] = row.name.number
            out.append(self.field(row, location, direction))
        return out

    def unused(self) -> None:
        for c in self.candidates:
            if c.key is None:
                where = c.table.caption or (c.table.header[0] if c.table.header else Line(c.table.line, ""))
                label = c.table.caption.text if c.table.caption else "a table"
                key = identifier(c.name or f"table_{c.number or c.table.line}")
                base, n = key, 2
                while key in self.objects:
                    key, n = f"{base}_{n}", n + 1
                c.key = key
                self.objects[key] = {"fields": self.fields(c.rows, "object", label=c.table.caption)}
                self.warn(
                    where.number,
                    f"{label}: no row refers to this table; kept as the object {key!r}",
                    "say on the page which parameter it describes",
                )


def _place(out: dict[str, Any], facts: Facts) -> None:
    if facts.description:
        out["description"] = facts.description
    if facts.enum:
        out["enum"] = facts.enum
    out.update(facts.limits)
    if facts.default is not None:
        out["default"] = facts.default
    if facts.note:
        out["note"] = f"{out['note']} {facts.note}" if "note" in out else facts.note
