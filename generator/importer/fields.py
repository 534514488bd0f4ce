"""Parameter tables → spec fields and objects: every row lands, or becomes a finding.

A table's columns are known by their header (columns.py), whatever their order. A row whose
type is an object or an array of objects is linked to the table that describes it by the first
clue the page gives (tablelinks.py): the type's name (`Array of ImageInfo objects`), an in-page
link from the row, "see Table 3" / "详情请参见表3" in its description, or a table captioned with the
row's name ("os-stop字段数据结构说明"). A table without a Type column gets types from the
descriptions, each an `info`.
"""

from __future__ import annotations

import re
from typing import Any

from ..model.derive import RUNTIME_HEADERS
from .document import Line, Problem
from .merge import FIELD_ORDER
from .pagetypes import SCALARS, page_type
from .prose import Facts, read_facts
from .rows import Row, rows_of
from .tablelinks import REFERENCE, Candidate, TableLinks

__all__ = ["FieldReader", "Row", "identifier", "rows_of"]

_COMMA_JOINED = re.compile(
    r"(?:多个|值)[^。]{0,12}(?:逗号|,|\uff0c)\s*(?:分隔|隔开)|comma[- ]separated|separated by commas?", re.I
)
_NULLABLE = re.compile(
    r"(?:为|是)\s*null\s*时|(?<!不)可(?:以)?(?:设置|指定)?为\s*null|此处(?:值)?为\s*null"
    r"|(?:can|may) be (?:set to )?null|when (?:it is )?null",
    re.IGNORECASE,
)
SENSITIVE_HEADERS = {"x-auth-token", "authorization", "x-security-token"}


def identifier(name: str) -> str:
    """An object key the spec format accepts (`os-stop` → `os_stop`)."""
    text = re.sub(r"[^A-Za-z0-9_]+", "_", name).strip("_")
    return text if text[:1].isalpha() else f"T{text}"


class FieldReader(TableLinks):
    """Turns the page's parameter tables into fields; object tables are resolved on demand."""

    def __init__(self, problems: list[Problem], *, linkless: bool = False) -> None:
        super().__init__(problems, linkless=linkless)
        self.objects: dict[str, dict[str, Any]] = {}
        self.resolving: set[int] = set()
        self.response_scalars: dict[str, str] = {}  # response field name → its scalar type, when one

    def object_for(self, candidate: Candidate, row: Row, direction: str) -> str:
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
        if kind is None and any(c.name == row.type.text for c in self.candidates):
            kind = {"type": "Object", "object": row.type.text}  # a table's name as the type (TMS)
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
        if location in ("path", "query", "header") or not (REFERENCE.search(text) or row.link):
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
                    f"{row.name.text}: typed {row.type.text!r} but described in {label}: read as an object",
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
