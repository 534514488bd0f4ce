"""The prose sections of a page: Function, Authorization, and the status codes.

Status codes come from wherever the page states them — the Status Codes table, "Returned
Values" (正常 200), a "Status code: 200" above a response table, an example response — and a
page that states none gets one by a documented rule (docs/spec-format.md, "Derived facts"):
the service's `default_status`, else 200. A derived status is an `info`, never an error.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from http import HTTPStatus
from typing import Any

from .document import Code, Document, Line, Problem, Table
from .examples import read_response_examples
from .prose import join_units, says_nothing, units
from .shared import shared_name

__all__ = ["authorization", "error_codes", "function", "leave_out", "response_example_lines", "status_codes"]

_ACTION = re.compile(r"^[A-Za-z0-9_-]+:[A-Za-z0-9_:*-]+$")
_ACCESS = {"list", "read", "write", "permission management", "tagging"}
_PERMISSION_HEAD = re.compile(
    r"^(?:action|access level|resource type.*|condition key|alias|dependencies|"
    r"授权项|访问级别|资源类型.*|条件键|别名|依赖的授权项)$",
    re.IGNORECASE,
)
_CONSTRAINT_WORDS = re.compile(
    r"\b(?:maximum|minimum|at most|at least|up to|only|must|cannot|can't|not allowed|not supported|limit(?:ed)?)\b",
    re.I,
)
_LEAD = re.compile(r"^[^:\uff1a]{6,}[\u3002.]$")  # a sentence, not a label or a fragment
_CODE = re.compile(r"^([1-5]\d\d)(?:\s+(.+))?$")
# a note's label on a line of its own ("说明", "NOTE:"): the note's text follows it
_NOTE_LABEL = re.compile(r"^(?:- )?(?:说明|注意|须知|警告|note|notice|caution|warning)\s*[:\uff1a]?$", re.IGNORECASE)
_POINTER = re.compile(r"请参见|请参考|参见|\bsee\b|refer to|(?:见|如)表\s*\d+", re.IGNORECASE)
_STATUS_FURNITURE = re.compile(
    r"^(?:•\s*)?(?:status codes?|returned values?|description|状态码|http\s*状态码|"
    r"返回值|描述|说明|编码|状态码说明|状态说明|正常|异常|正常返回值|异常返回值|"
    r"normal|abnormal|.*(?:请参见|请参考|参见|see|refer to).*|接口正常的返回值为.*|.*\b2xx\b.*|"
    r"(?:表|table)\s*\d+.*|.*(?:见|如)表\s*\d+.*)[:\uff1a。.]?$",
    re.IGNORECASE,
)


def function(doc: Document, spec: dict[str, Any], problems: list[Problem]) -> None:
    described = _summary(doc, spec, problems)
    if description := join_units([*described, *_other_sections(doc, problems)]):
        spec["description"] = description
    constraints = [c for part in described if (c := _constraint(part))]
    stated = [p[2:] if p.startswith("- ") else p for p in units(doc.lines("constraints")) if not _NOTE_LABEL.match(p)]
    constraints += [] if len(stated) == 1 and says_nothing(stated[0]) else stated
    if constraints:
        spec["constraints"] = constraints


def _summary(doc: Document, spec: dict[str, Any], problems: list[Problem]) -> list[str]:
    """Set the summary; return the Function section's other units, the description's start."""
    parts = units(doc.lines("function"))
    if not parts:
        title = doc.title.number if doc.title else 1
        lead = next((b for b in doc.head if isinstance(b, Line) and _LEAD.search(b.text) and not b.is_bullet), None)
        if lead is not None:  # DCS: "# 删除备份文件", then the sentence that says what it does
            problems.append(
                Problem(
                    lead.number,
                    "the page has no Function section: the summary is the paragraph under the title",
                    None,
                    "info",
                )
            )
            spec["summary"] = lead.text
            return []
        problems.append(Problem(title, "the page has no Function section: the summary is the title"))
        spec["summary"] = doc.title.text if doc.title else spec["title"]
        return []
    # a Function made of bullets only: the first bullet is the summary and stays in the list
    bullets_only = all(p.startswith("- ") for p in parts)
    spec["summary"] = parts[0][2:] if parts[0].startswith("- ") else parts[0]
    return parts if bullets_only and len(parts) > 1 else parts[1:]


def _other_sections(doc: Document, problems: list[Problem]) -> list[str]:
    """Sections no key names ("## 常用列表查询方法", "## 注意事项"): their heading and text, kept
    in the description so that nothing the page says is lost (their tables are read as tables)."""
    out: list[str] = []
    for section in doc.sections:
        lines = [b for b in section.blocks if isinstance(b, Line)] if section.key is None else []
        if not lines:
            continue
        out += [section.heading.text, *units(lines)]
        message = f"section {section.heading.text!r}: no part of a spec holds it; its text is kept in the description"
        problems.append(Problem(section.heading.number, message, None, "info"))
    return out


def _constraint(unit: str) -> str | None:
    """A paragraph's limit: from its first sentence that states one to the paragraph's end."""
    sentences = re.split(r"(?<=[.!?])\s+", unit[2:] if unit.startswith("- ") else unit)
    for index, sentence in enumerate(sentences):
        if _CONSTRAINT_WORDS.search(sentence):
            return " ".join(sentences[index:])
    return None


def authorization(doc: Document, problems: list[Problem]) -> dict[str, Any] | None:
    """The section's prose, and its permission table (a row per action, cells of one or more values)."""
    lines = doc.lines("authorization")
    prose: list[Line] = []
    cells: list[list[Line]] = []  # a bullet run is one cell of several values
    for index, line in enumerate(lines):
        if _PERMISSION_HEAD.match(line.text):
            continue
        starts = _ACTION.match(line.text) and index + 1 < len(lines) and lines[index + 1].text.lower() in _ACCESS
        if not cells and not starts:
            prose.append(line)
        elif line.is_bullet and cells and cells[-1][-1].is_bullet and cells[-1][-1].number != line.number:
            cells[-1].append(line)
        else:
            cells.append([line])
    out: dict[str, Any] = {}
    if description := join_units(units(prose)):
        out["description"] = description
    if permissions := _permissions(cells, problems):
        out["permissions"] = permissions
    return out or None


def _permissions(cells: list[list[Line]], problems: list[Problem]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    i = 0
    while i < len(cells):
        head = cells[i][0]
        if not (_ACTION.match(head.text) and i + 1 < len(cells) and cells[i + 1][0].text.lower() in _ACCESS):
            problems.append(Problem(head.number, f"permissions table: not placed: {head.text[:60]!r}"))
            i += 1
            continue
        access = cells[i + 1][0].text
        row: dict[str, Any] = {"action": head.text, "access_level": access[:1].upper() + access[1:].lower()}
        rest = cells[i + 2 : i + 6]
        for key, cell in zip(("resource_types", "condition_keys", "alias", "dependencies"), rest, strict=False):
            values = [line.bullet_text for line in cell if line.bullet_text not in ("-", "—")]
            if values:
                row[key] = " ".join(values) if key == "alias" else values
        i += 6
        # a continuation row names another resource type and its condition keys
        while i + 1 < len(cells) and not _ACTION.match(cells[i][0].text):
            for key, cell in zip(("resource_types", "condition_keys"), cells[i : i + 2], strict=True):
                values = [line.bullet_text for line in cell if line.bullet_text not in ("-", "—")]
                if values:
                    row[key] = [*row.get(key, []), *values]
            i += 2
        rows.append(row)
    return rows


def _described(doc: Document, problems: list[Problem]) -> dict[str, str]:
    """Code → description, from the Status Codes / Returned Values section in any of its layouts."""
    codes: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in doc.lines("status_codes"):
        text = line.bullet_text
        if match := _CODE.match(text):
            current = codes.setdefault(match.group(1), [])
            if match.group(2):
                current.append(match.group(2))
        elif _STATUS_FURNITURE.match(text):
            if _POINTER.search(text) and not codes:  # "详情请参见状态码。": the codes are on another page
                message = f"status codes: {text[:60]!r} points to another page; only statuses this page states are kept"
                problems.append(Problem(line.number, message, None, "info"))
            continue
        elif current is not None:
            current.append(line.text if not line.is_bullet else f"- {text}")
        else:
            problems.append(Problem(line.number, f"status codes: not placed: {line.text[:60]!r}"))
    return {code: join_units(parts) or "" for code, parts in codes.items()}


def status_codes(
    doc: Document,
    service: dict[str, Any],
    bodies: dict[str, dict[str, Any]],
    problems: list[Problem],
    shared: str | None,
) -> dict[str, dict[str, Any]]:
    """Every status the page documents, each with its body and example; the success status derived if need be."""
    described = _described(doc, problems)
    examples = read_response_examples(response_example_lines(doc), problems)
    failures = read_response_examples(
        doc.lines("error_examples", tables=False), []
    )  # "• 失败响应", then "HTTP状态码 400"
    examples += [e for e in failures if e.status[:1] in ("4", "5")]
    stated = [*described, *(c for c in bodies if c), *(e.status for e in examples if e.status)]
    success = sorted({c for c in stated if c.startswith("2")})
    where = doc.line_of("status_codes") or doc.line_of("response") or (doc.title.number if doc.title else 1)
    if not success:
        default = str(service.get("default_status", "200"))
        rule = "the service's default_status" if "default_status" in service else "the default 200"
        problems.append(
            Problem(
                where,
                f"status {default} is derived: the page states no success status ({rule})",
                "docs/spec-format.md, 'Derived facts'",
                "info",
                "derived",
            )
        )
        success = [default]
    unstated = {e.line for e in examples if not e.status}  # their captions describe them, not a status
    examples = [replace(e, status=success[0]) if not e.status else e for e in examples]
    unmarked = bodies.pop("", None)
    if unmarked is not None:  # tables before any status line: the success status's
        marked = bodies.setdefault(success[0], unmarked)
        for key, value in unmarked.items() if marked is not unmarked else ():
            if key == "body" and "fields" in marked.get("body", {}) and "fields" in value:
                marked["body"]["fields"].extend(value["fields"])
            elif key == "headers":
                marked.setdefault("headers", []).extend(value)
            else:
                marked.setdefault(key, value)
    if shared is not None and success[0] not in bodies:
        name = shared_name(shared)
        if name is None:
            line = doc.line_of("response") or where
            problems.append(Problem(line, f"cannot name the shared response {shared!r}: the body is left out"))
        else:
            bodies[success[0]] = {"body": {"shared": name}}
    order = list(dict.fromkeys([*described, *success, *bodies, *(e.status for e in examples)]))
    responses: dict[str, dict[str, Any]] = {}
    for code in sorted(order, key=lambda c: (not c.startswith("2"), order.index(c))):
        response: dict[str, Any] = {}
        example = next((e for e in examples if e.status == code), None)
        caption = example.caption if example and example.line not in unstated else None
        description = described.get(code) or caption or _standard(code)
        response["description"] = description
        response.update(bodies.get(code, {}))
        if example is not None:
            if example.has_body:
                response["example"] = example.body
            if example.caption and example.caption != description:
                response["example_description"] = example.caption
        responses[code] = response
    for extra in [e for e in examples if e.has_body and e is not next(x for x in examples if x.status == e.status)]:
        problems.append(
            Problem(
                extra.line,
                f"example response {extra.status}: a second example of the status"
                + (f" ({extra.caption[:40]!r})" if extra.caption else "")
                + ": the first is kept",
                "a spec keeps one example a status: add others to its description by hand",
                "info",
            )
        )
    return dict(sorted(responses.items(), key=lambda item: order.index(item[0])))


def _standard(code: str) -> str:
    """The status's reason phrase (`401` → "Unauthorized"), for a code the page states without words."""
    try:
        return HTTPStatus(int(code)).phrase
    except ValueError:
        return f"Status code {code}."


def error_codes(doc: Document) -> str | None:
    """The Error Codes section as text; a table of codes (DLI, AOM) one `- code: message` line a row."""
    parts: list[str] = []
    for block in doc.blocks("error_codes"):
        if isinstance(block, Table) and block.rows and len(block.rows[0]) >= 2:
            cells = [[" ".join(line.text for line in cell.lines) for cell in row] for row in block.rows]
            parts += [f"- {row[0]}: {' '.join(c for c in row[1:] if c)}" for row in cells if row[0]]
        elif isinstance(block, Table):
            parts += units(list(block.lines()))
        elif isinstance(block, Line) and not says_nothing(block.text):
            parts += units([block])
        elif isinstance(block, Code):
            parts += units(list(block.lines))
    return join_units(parts)


def response_example_lines(doc: Document) -> list[Line]:
    """The lines of the response examples; on a page with no such section, the JSON code blocks
    its response section shows (DDS: "## 响应消息", then "{}")."""
    if doc.has("response_examples"):
        return doc.lines("response_examples", tables=False)
    return [line for code in _json_blocks(doc) for line in code.lines]


def _json_blocks(doc: Document) -> list[Code]:
    """The response section's code blocks that are the success answer: JSON whose keys its tables
    name (or `{}`); an error body shown there ("itemNotFound", BMS) is none."""
    if doc.has("response_examples"):
        return []
    named = {
        row[0].lines[0].text
        for table in doc.blocks("response")
        if isinstance(table, Table)
        for row in table.rows
        if row and row[0].lines
    }
    found: list[Code] = []
    for code in (b for b in doc.blocks("response") if isinstance(b, Code)):
        try:
            value = json.loads("\n".join(line.text for line in code.lines))
        except ValueError:
            continue
        if value in ({}, []) or (isinstance(value, dict) and set(value) <= named):
            found.append(code)
    return found


def leave_out(doc: Document, responses: dict[str, dict[str, Any]], problems: list[Problem]) -> None:
    """What the page shows that the responses cannot hold, left out and said: a failure example with
    no status, a 204's body table, a code block outside the examples."""
    failures = read_response_examples(doc.lines("error_examples", tables=False), [])
    unstated = [e for e in failures if not e.status or e.status[0] not in "45"]
    if unstated:  # "失败响应示例" and a body, no status: which error is it?
        message = "the page's failure example states no status: left out of the spec"
        problems.append(Problem(unstated[0].line, message, "add it by hand under its error status", "info"))
    for status in ("204", "205"):  # API Explorer's template gives a 204 its (empty) body table
        if "body" in responses.get(status, {}):
            body = responses[status].pop("body")
            responses[status].pop("example", None)
            names = ", ".join(f["name"] for f in body.get("fields", [])) or "its body"
            message = f"a {status} answer has no body: the page's table for it ({names}) is left out"
            problems.append(Problem(doc.line_of("response") or 1, message, "check the page: is the status 200?"))
    downloads = any("file" in r for r in responses.values())
    examples = _json_blocks(doc)
    for code in (b for b in doc.blocks("response") if isinstance(b, Code) and b not in examples):  # read by no rule
        what = "the file's content, as the page shows it," if downloads else "a code block outside the examples"
        problems.append(Problem(code.line, f"{what} is not kept", "an example goes under the examples section", "info"))
