"""A page, read into sections and tables, → spec data in the order the specs are written.

This is the one module that knows where each part of a page goes in a spec. What it cannot
place becomes a Problem with the page line, so nothing is dropped without a word.
"""

from __future__ import annotations

import re
from typing import Any

from .examples import read_request_examples, read_response_examples
from .merge import FIELD_ORDER
from .page import Line, Page, Problem
from .prose import Facts, join_units, read_facts, units
from .tables import Row, Table, read_tables

__all__ = ["RUNTIME_HEADERS", "transcribe"]

_METHOD_PATH = re.compile(r"^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+(\S+)$", re.IGNORECASE)
_ACTION = re.compile(r"^[A-Za-z0-9_-]+:[A-Za-z0-9_:*-]+$")
_CODE = re.compile(r"^[1-5]\d\d$")
_ACCESS = {"list", "read", "write", "permission management", "tagging"}
_PERMISSION_HEAD = re.compile(
    r"^(?:action|access level|resource type.*|condition key|alias|dependencies|"
    r"授权项|访问级别|资源类型.*|条件键|别名|依赖的授权项)$",
    re.IGNORECASE,
)
_NONE = {"none", "n/a", "无", "不涉及"}
_CONSTRAINT_WORDS = re.compile(
    r"\b(?:maximum|minimum|at most|at least|up to|only|must|cannot|can't|not allowed|not supported|limit(?:ed)?)\b",
    re.I,
)
_PRIMITIVES = {
    "string": "String",
    "integer": "Integer",
    "int": "Integer",
    "long": "Long",
    "float": "Float",
    "double": "Double",
    "number": "Number",
    "boolean": "Boolean",
    "file": "File",
    "object": "Object",
    "array": "Array",
}
_PLURALS = {f"{k}s": v for k, v in _PRIMITIVES.items() if k not in ("object", "array", "file", "int")}
_LOCATIONS = {
    "path parameters": "path",
    "path parameter": "path",
    "路径参数": "path",
    "query parameters": "query",
    "query parameter": "query",
    "query 参数": "query",
    "request header parameters": "header",
    "request header parameter": "header",
    "header parameters": "header",
    "请求header参数": "header",
    "请求 header 参数": "header",
}
_REQUEST_BODY = {"request body parameters", "request body parameter", "请求body参数", "请求 body 参数"}
_RESPONSE_BODY = {"response body parameters", "response body parameter", "响应body参数", "响应 body 参数"}
_RESPONSE_HEADER = {"response header parameters", "response header parameter", "响应header参数", "响应 header 参数"}
RUNTIME_HEADERS = {"x-auth-token", "content-type", "authorization", "x-sdk-date", "x-project-id", "x-security-token"}
_SENSITIVE_HEADERS = {"x-auth-token", "authorization", "x-security-token"}


def page_type(text: str) -> dict[str, str] | None:
    """`Array of ExportTaskItem objects` → {type: Array, items: ExportTaskItem}; None if no type."""
    text = " ".join(text.split())
    lower = text.lower()
    if lower in _PRIMITIVES:
        return {"type": _PRIMITIVES[lower]}
    if match := re.fullmatch(r"map\s*<\s*\w+\s*,\s*(\w+)\s*>", lower):
        inner = text[text.index(",") + 1 : text.rindex(">")].strip()
        return {"type": "Map", "values": _PRIMITIVES.get(match.group(1), inner)}
    if match := re.fullmatch(r"array of (\w+?)(?: objects?)?", text, re.IGNORECASE):
        word = match.group(1)
        plain = _PLURALS.get(word.lower()) or (_PRIMITIVES.get(word.lower()) if word.lower() != "object" else None)
        if plain and not lower.endswith(("objects", "object")):
            return {"type": "Array", "items": plain}
        return {"type": "Array", "items": word}
    if match := re.fullmatch(r"(\w+) objects?", text, re.IGNORECASE):
        return {"type": "Object", "object": match.group(1)}
    return None


class _Transcriber:
    def __init__(self, page: Page) -> None:
        self.page = page
        self.problems: list[Problem] = page.problems
        self.objects: dict[str, dict[str, Any]] = {}
        self.object_lines: dict[str, int] = {}
        self.wanted_objects: dict[str, int] = {}

    def warn(self, line: int, message: str, hint: str | None = None) -> None:
        self.problems.append(Problem(line, message, hint))

    # -- text sections -----------------------------------------------------------------------------
    def text(self, key: str) -> str | None:
        lines = [line for line in self.page.section(key) if line.text.lower() not in _NONE]
        return join_units(units(lines))

    def function(self, spec: dict[str, Any]) -> None:
        parts = units(self.page.section("function"))
        if not parts:
            self.warn(self.page.title_line, "the page has no Function section: the summary is the title")
            spec["summary"] = self.page.title
            return
        # a Function made of bullets only: the first bullet is the summary and stays in the list
        bullets_only = all(p.startswith("- ") for p in parts)
        spec["summary"] = parts[0][2:] if parts[0].startswith("- ") else parts[0]
        described = parts if bullets_only and len(parts) > 1 else parts[1:]
        if description := join_units(described):
            spec["description"] = description
        constraints = [c for part in described if (c := _constraint(part))]
        constraints += [p[2:] if p.startswith("- ") else p for p in units(self.page.section("constraints"))]
        if constraints:
            spec["constraints"] = constraints

    def authorization(self) -> dict[str, Any] | None:
        """The section's prose, and its permission table (a row per action, cells of one or more values)."""
        lines = self.page.section("authorization")
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
        if permissions := self.permissions(cells):
            out["permissions"] = permissions
        return out or None

    def permissions(self, cells: list[list[Line]]) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = []
        i = 0
        while i < len(cells):
            head = cells[i][0]
            if not (_ACTION.match(head.text) and i + 1 < len(cells) and cells[i + 1][0].text.lower() in _ACCESS):
                self.warn(head.number, f"permissions table: not placed: {head.text[:60]!r}")
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

    def uri(self, spec: dict[str, Any]) -> list[Line]:
        lines = self.page.section("uri")
        for index, line in enumerate(lines):
            if match := _METHOD_PATH.match(line.text):
                path = match.group(2)
                if "?" in path:
                    self.warn(line.number, f"the query string of {path} is left out: query parameters are a table")
                    path = path.split("?", 1)[0]
                spec["method"], spec["path"] = match.group(1).upper(), path
                return lines[:index] + lines[index + 1 :]
        where = self.page.section_lines.get("uri", self.page.title_line)
        raise _Unusable(where, "no 'METHOD /path' line in the URI section")

    # -- tables --------------------------------------------------------------------------------------
    def field(self, row: Row, *, parameter: bool = False) -> dict[str, Any]:
        kind = page_type(row.type.text)
        if kind is None:  # _starts_row only accepts a TYPE match, so this is a safety net
            self.warn(row.type.number, f"{row.name.text}: unknown type {row.type.text!r}; read as String")
            kind = {"type": "String"}
        out: dict[str, Any] = {"name": row.name.text}
        if row.mandatory:
            out["required"] = True
        out.update(kind)
        for key in ("items", "object", "values"):
            if key in kind and kind[key] not in _SCALAR_TYPES:
                self.wanted_objects.setdefault(kind[key], row.type.number)
        lower = row.name.text.lower()
        if parameter and lower in RUNTIME_HEADERS:
            out["runtime"] = True
        if parameter and lower in _SENSITIVE_HEADERS:
            out["sensitive"] = True
        element = kind.get("items", "String") if kind["type"] == "Array" else kind["type"]
        facts = read_facts(row.cells, element if element in _SCALAR_TYPES else "Object", array=kind["type"] == "Array")
        self.place_facts(out, facts)
        return {key: out[key] for key in FIELD_ORDER if key in out}

    def place_facts(self, out: dict[str, Any], facts: Facts) -> None:
        if facts.description:
            out["description"] = facts.description
        if facts.enum:
            out["enum"] = facts.enum
        out.update(facts.limits)
        if facts.default is not None:
            out["default"] = facts.default
        if facts.note:
            out["note"] = facts.note

    def fields(self, table: Table, *, parameter: bool = False) -> list[dict[str, Any]]:
        seen: set[str] = set()
        out: list[dict[str, Any]] = []
        for row in table.rows:
            if row.name.text in seen:
                self.warn(row.name.number, f"{table.name}: {row.name.text} appears twice; the second row is left out")
                continue
            seen.add(row.name.text)
            out.append(self.field(row, parameter=parameter))
        return out

    def add_object(self, table: Table) -> None:
        name = table.name
        if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", name):
            self.warn(table.caption.number, f"table name {name!r} cannot be an object name; table left out")
            return
        fields = self.fields(table)
        if name in self.objects:
            if self.objects[name]["fields"] != fields:
                self.warn(table.caption.number, f"a second, different table {name!r}: left out (the first one is kept)")
            return
        self.objects[name] = {"fields": fields}
        self.object_lines[name] = table.caption.number

    def parameters(self, tables: list[Table], spec: dict[str, Any]) -> list[Table]:
        rest: list[Table] = []
        for table in tables:
            location = _LOCATIONS.get(table.name.lower())
            if location is None:
                rest.append(table)
                continue
            params = spec.setdefault("parameters", {}).setdefault(location, [])
            params.extend(self.fields(table, parameter=True))
        return rest

    def request(self, tables: list[Table], spec: dict[str, Any]) -> None:
        for table in tables:
            if table.name.lower() in _REQUEST_BODY:
                spec["request_body"] = {"fields": self.fields(table)}
            else:
                self.add_object(table)

    def response_tables(self, tables: list[Table]) -> dict[str, dict[str, Any]]:
        bodies: dict[str, dict[str, Any]] = {}
        for table in tables:
            name = table.name.lower()
            if name in _RESPONSE_HEADER:
                self.warn(table.caption.number, "response header tables are not part of the spec format; left out")
                continue
            if name not in _RESPONSE_BODY:
                self.add_object(table)
                continue
            if table.status is None:
                self.warn(table.caption.number, f"{table.caption.text}: no 'Status code: NNN' above it; left out")
                continue
            rows = table.rows
            if len(rows) == 1 and rows[0].name.text in ("-", "—") and rows[0].type.text.lower() == "file":
                file: dict[str, Any] = {}
                if text := join_units(units(rows[0].cells)):
                    file["description"] = text
                bodies[table.status] = {"file": file}
            else:
                bodies[table.status] = {"body": {"fields": self.fields(table)}}
        return bodies

    def status_codes(self) -> dict[str, str]:
        codes: dict[str, list[Line]] = {}
        current: list[Line] | None = None
        for line in self.page.section("status_codes"):
            if _CODE.match(line.text):
                current = codes.setdefault(line.text, [])
            elif current is not None:
                current.append(line)
            elif line.text.lower() not in ("status code", "description", "状态码", "描述"):
                self.warn(line.number, f"status code table: not placed: {line.text[:60]!r}")
        return {code: join_units(units(lines)) or "" for code, lines in codes.items()}

    def responses(self, bodies: dict[str, dict[str, Any]], described: dict[str, str]) -> dict[str, dict[str, Any]]:
        examples = read_response_examples(self.page.section("response_examples"), self.problems)
        order = list(dict.fromkeys([*described, *bodies, *(e.status for e in examples)]))
        responses: dict[str, dict[str, Any]] = {}
        for code in order:
            response: dict[str, Any] = {}
            description = described.get(code)
            example = next((e for e in examples if e.status == code), None)
            if not description:
                line = example.line if example else self.page.section_lines.get("response", 1)
                self.warn(line, f"status {code} is not in the Status Codes table", "add it to the table on the page")
                description = (example.caption if example else None) or f"Status code {code}."
            response["description"] = description
            response.update(bodies.get(code, {}))
            if example is not None:
                if example.has_body:
                    response["example"] = example.body
                if example.caption and example.caption != description:
                    response["example_description"] = example.caption
            responses[code] = response
        if not responses:
            line = self.page.section_lines.get("status_codes", self.page.title_line)
            raise _Unusable(line, "the page documents no status code (no Status Codes table, no response)")
        return responses

    def request_examples(self) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for example in read_request_examples(self.page.section("request_examples"), self.problems):
            item: dict[str, Any] = {}
            if example.description:
                item["description"] = example.description
            if example.method:
                item["method"] = example.method
            item["url"] = example.url
            if example.body is not None:
                item["body"] = example.body
            out.append(item)
        return out

    def loose(self, lines: list[Line], where: str) -> None:
        for line in lines:
            if line.text.lower() not in _NONE:
                self.warn(line.number, f"{where}: not placed: {line.text[:60]!r}", "is it part of a table?")

    def run(self) -> dict[str, Any]:
        page = self.page
        if page.updated_on is None:
            raise _Unusable(1, "the page has no 'Updated on …' line at its top")
        if page.title is None:
            raise _Unusable(page.updated_line or 1, "the page has no title after its 'Updated on …' line")
        spec: dict[str, Any] = {"spec_version": 1, "title": page.title}
        spec["source"] = {"page": page.name, "updated_on": page.updated_on}
        self.function(spec)
        for key in ("calling_method", "debugging"):
            if text := self.text(key):
                spec[key] = text
        if authorization := self.authorization():
            spec["authorization"] = authorization
        uri_rest = self.uri(spec)
        uri_tables, loose = read_tables(uri_rest, self.problems)
        self.loose(loose, "URI")
        request_tables, loose = read_tables(page.section("request"), self.problems)
        self.loose(loose, "Request Parameters")
        other = self.parameters(uri_tables + request_tables, spec)
        self.request(other, spec)
        response_tables, loose = read_tables(page.section("response"), self.problems)
        described = self.status_codes()
        # a status without a table may repeat its Status Codes description: nothing to place
        self.loose([line for line in loose if line.text not in described.values()], "Response Parameters")
        bodies = self.response_tables(response_tables)
        if examples := self.request_examples():
            spec["request_examples"] = examples
        spec["responses"] = self.responses(bodies, described)
        for name, line in self.wanted_objects.items():
            if name not in self.objects:
                self.warn(line, f"no table describes the object {name!r}", f"add a 'Table N {name}' to the page")
        if self.objects:
            spec["objects"] = self.objects
        if text := self.text("error_codes"):
            spec["error_codes"] = text
        _infer_content_type(spec)
        return spec


def _constraint(unit: str) -> str | None:
    """A paragraph's limit: from its first sentence that states one to the paragraph's end."""
    sentences = re.split(r"(?<=[.!?])\s+", unit[2:] if unit.startswith("- ") else unit)
    for index, sentence in enumerate(sentences):
        if _CONSTRAINT_WORDS.search(sentence):
            return " ".join(sentences[index:])
    return None


_SCALAR_TYPES = {"String", "Integer", "Long", "Float", "Double", "Number", "Boolean", "File", "Object"}


def _infer_content_type(spec: dict[str, Any]) -> None:
    """A request body whose Content-Type header allows one value other than JSON's default declares it."""
    body = spec.get("request_body")
    if body is None:
        return
    for header in spec.get("parameters", {}).get("header", []):
        if header["name"].lower() == "content-type" and len(header.get("enum", [])) == 1:
            value = header["enum"][0]
            value = value["value"] if isinstance(value, dict) else value
            if value != "application/json":
                spec["request_body"] = {"content_type": value, **body}


class _Unusable(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def transcribe(page: Page) -> tuple[dict[str, Any] | None, list[Problem], Problem | None]:
    """Spec data for a page, the problems met, and the one error that made the page unusable (if any)."""
    transcriber = _Transcriber(page)
    try:
        spec = transcriber.run()
    except _Unusable as exc:
        return None, transcriber.problems, Problem(exc.line, exc.message)
    return spec, transcriber.problems, None
