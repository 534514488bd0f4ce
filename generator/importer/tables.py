"""Parameter tables: "Table N caption", a header row, then rows of one cell per line.

A row is found by its shape: a name, then (in request tables) "Yes" or "No", then a page
type. Everything up to the next row is the row's Description cell, which may run over many
lines (paragraphs, bullets, Definition / Range blocks).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .page import Line, Problem

__all__ = ["STATUS", "TYPE", "Row", "Table", "read_tables"]

TABLE = re.compile(r"^(?:Table|表)\s*\d+\s*(.*)$")
STATUS = re.compile(r"^(?:Status code|状态码)\s*[:\uff1a]\s*(\d{3})$", re.IGNORECASE)
TYPE = re.compile(
    r"^(?:String|Integer|Int|Long|Float|Double|Number|Boolean|Object|File|Array|Map\s*<\s*\w+\s*,\s*\w+\s*>|"
    r"Array of \w+(?: objects?)?|\w+ objects?)$",
    re.IGNORECASE,
)
_HEADER = {
    "parameter",
    "parameters",
    "name",
    "parameter name",
    "mandatory",
    "required",
    "type",
    "data type",
    "description",
    "参数",
    "是否必选",
    "参数类型",
    "类型",
    "描述",
}
_YES = {"yes": True, "no": False, "是": True, "否": False, "true": True, "false": False}


@dataclass(frozen=True)
class Row:
    name: Line
    mandatory: bool | None  # None: the table has no Mandatory column
    type: Line
    cells: list[Line]  # the Description cell, line by line


@dataclass(frozen=True)
class Table:
    caption: Line
    name: str  # "Path Parameters", "ExportTaskItem"
    status: str | None  # the "Status code: NNN" above a response table
    rows: list[Row]


def _is_name(text: str) -> bool:
    return bool(text) and len(text) <= 200 and " " not in text.strip() and not TYPE.match(text)


def _starts_row(cells: list[Line], k: int, mandatory: bool) -> bool:
    if not _is_name(cells[k].text):
        return False
    if mandatory:
        return k + 2 < len(cells) and cells[k + 1].text.lower() in _YES and bool(TYPE.match(cells[k + 2].text))
    return k + 1 < len(cells) and bool(TYPE.match(cells[k + 1].text))


def _rows(body: list[Line], mandatory: bool, caption: Line, problems: list[Problem]) -> list[Row]:
    starts = [k for k in range(len(body)) if _starts_row(body, k, mandatory)]
    # a start inside the previous row's name/flag/type cells is not a start
    kept: list[int] = []
    width = 3 if mandatory else 2
    for k in starts:
        if not kept or k >= kept[-1] + width:
            kept.append(k)
    if body and (not kept or kept[0] > 0):
        end = kept[0] if kept else len(body)
        for line in body[:end]:
            problems.append(Problem(line.number, f"{caption.text}: not a table row: {line.text[:60]!r}"))
    rows: list[Row] = []
    for index, k in enumerate(kept):
        end = kept[index + 1] if index + 1 < len(kept) else len(body)
        flag = _YES[body[k + 1].text.lower()] if mandatory else None
        rows.append(Row(body[k], flag, body[k + width - 1], body[k + width : end]))
    return rows


def read_tables(lines: list[Line], problems: list[Problem]) -> tuple[list[Table], list[Line]]:
    """The tables of one section, and the lines that are in no table (in page order)."""
    tables: list[Table] = []
    loose: list[Line] = []
    status: str | None = None
    i = 0
    while i < len(lines):
        line = lines[i]
        if match := STATUS.match(line.text):
            status = match.group(1)
            i += 1
            continue
        match = TABLE.match(line.text)
        if match is None:
            loose.append(line)
            i += 1
            continue
        j = i + 1
        columns: list[str] = []
        # the header row: each column once, and it ends with Description (a row may be named "type")
        while j < len(lines) and lines[j].text.lower() in _HEADER and lines[j].text.lower() not in columns:
            columns.append(lines[j].text.lower())
            j += 1
            if columns[-1] in ("description", "描述"):
                break
        end = j
        while end < len(lines) and not TABLE.match(lines[end].text) and not STATUS.match(lines[end].text):
            end += 1
        mandatory = any(c in ("mandatory", "required", "是否必选") for c in columns)
        if not columns:
            problems.append(Problem(line.number, f"{line.text}: no header row (Parameter, Type, Description)"))
        name = match.group(1).strip() or line.text
        tables.append(Table(line, name, status, _rows(lines[j:end], mandatory, line, problems)))
        i = end
    return tables, loose
