"""A parameter table's rows, each cell known by its column's role (columns.py), whatever the order."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .columns import YES, roles
from .document import Line, Problem, Table

__all__ = ["Row", "rows_of"]

_LABELS = {
    "range": ("Value range", "取值范围"),
    "default": ("Default value", "默认值"),
    "example": ("Example", "示例"),
    "required": ("Mandatory", "是否必选"),
}


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
        said = {line.bullet_text for line in described}
        # a mandatory cell that states a condition ("对于集群实例" then "该参数必选") keeps its words
        conditions = [line for line in flag_cell if line.bullet_text not in said] if required is None else []
        extras = {e: by_role.get(e, []) for e in ("range", "default", "example")} | {"required": conditions}
        for extra, lines in extras.items():
            for line in lines:
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
