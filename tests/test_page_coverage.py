"""Page coverage: every fact a documentation page states is in its spec.

The pages under tests/fixtures/pages are read with a small extractor written for this test
only (it shares no code with the generator): sections, parameter tables, the description
blocks of each row, enumerations, ranges, defaults, examples, status codes and the
permission table. Each fact is then looked up in the spec, and every miss is reported with
the page, the table and the row, so that a transcription that drops something fails here.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "tests" / "fixtures" / "pages"
SPECS = ROOT / "specs"

# page file → spec file (relative to specs/)
PAIRS = {
    "workspace_list_export_tasks.txt": "workspace/list_export_tasks.yaml",
    "drs_export_template.txt": "drs/export_creation_template.yaml",
    "roma_export_assets.txt": "roma/export_asset.yaml",
    "hss_query_export_task.txt": "hss/list_query_export_task.yaml",
    "secmaster_export_workflow.txt": "secmaster/export_aopworkflow.yaml",
}

BULLET = "\u2022"
# Section headings as the pages write them (DRS uses the singular forms) → section key.
SECTIONS = {
    "Function": "function",
    "Calling Method": "calling_method",
    "Debugging": "debugging",
    "Authorization Information": "authorization",
    "URI": "uri",
    "Request Parameters": "request",
    "Response Parameters": "response",
    "Example Requests": "request_examples",
    "Example Request": "request_examples",
    "Example Responses": "response_examples",
    "Example Response": "response_examples",
    "Status Codes": "status_codes",
    "Status Code": "status_codes",
    "Error Codes": "error_codes",
    "Error Code": "error_codes",
}
RUNTIME_HEADERS = {"x-auth-token", "content-type", "authorization", "x-sdk-date", "x-project-id"}
METHODS = "GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS"

TABLE = re.compile(r"^Table \d+ (.+)$")
STATUS = re.compile(r"^Status code: (\d{3})$")
TYPE = re.compile(
    r"^(?:String|Integer|Long|Float|Double|Number|Boolean|Object|File|Map<.+>|Array of \w+(?: objects)?|\w+ object)$"
)
URL_LINE = re.compile(rf"^(?:({METHODS}) )?(https?://\S+)$")
ACTION = re.compile(r"^[A-Za-z0-9_-]+:[A-Za-z0-9_:*-]+$")
BLOCKS = ("Definition", "Constraints", "Range", "Default Value")
PLURAL_TYPES = {
    "strings": "String",
    "integers": "Integer",
    "longs": "Long",
    "floats": "Float",
    "doubles": "Double",
    "numbers": "Number",
    "booleans": "Boolean",
}
PERMISSION_COLUMNS = (
    ("action", False),
    ("access_level", False),
    ("resource_types", True),
    ("condition_keys", True),
    ("alias", False),
    ("dependencies", True),
)


def norm(text: str) -> str:
    return " ".join(text.split())


def is_bullet(line: str) -> bool:
    return line.startswith(BULLET)


def unit(line: str) -> str:
    """A page line as the spec writes it: bullets become '- ' lines."""
    return f"- {norm(line[1:])}" if is_bullet(line) else norm(line)


def spec_units(text: Any) -> list[str]:
    """A spec text as units: paragraphs (whitespace-normalized) and '- ' lines."""
    out: list[str] = []
    for para in re.split(r"\n\s*\n", text if isinstance(text, str) else ""):
        prose: list[str] = []
        for line in para.splitlines():
            line = line.strip()
            if line.startswith("- "):
                if prose:
                    out.append(norm(" ".join(prose)))
                    prose = []
                out.append(norm(line))
            elif line:
                prose.append(line)
        if prose:
            out.append(norm(" ".join(prose)))
    return out


def as_page_text(value: Any) -> str:
    """A YAML value as the page would print it (false, 20, ASC)."""
    return value if isinstance(value, str) else json.dumps(value)


# -- the page ------------------------------------------------------------------------------------


@dataclass
class Facts:
    """What one table row's description states."""

    texts: list[str] = field(default_factory=list)
    enum: list[tuple[str, str | None]] = field(default_factory=list)
    limits: dict[str, str] = field(default_factory=dict)  # minimum/maximum/min_length/max_length
    default: str | None = None


@dataclass
class Row:
    name: str
    mandatory: bool | None  # None: the table has no Mandatory column
    type: str
    cells: list[str]


@dataclass
class Table:
    caption: str  # "Table 4 apps"
    name: str  # "apps"
    status: str | None  # the "Status code: NNN" above a response table
    rows: list[Row]


@dataclass
class Page:
    file: str
    updated_on: str
    title: str
    sections: dict[str, list[str]]

    def section(self, key: str) -> list[str]:
        return self.sections.get(key, [])


def read_page(path: Path) -> Page:
    lines = [line.strip() for line in path.read_text("utf-8").splitlines()]
    lines = [line for line in lines if line]
    match = re.match(r"^Updated on (.+)$", lines[0])
    assert match, f"{path.name}: the first line is not 'Updated on ...'"
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in lines[2:]:
        key = SECTIONS.get(line)
        # a heading starts its section once (DRS repeats "Status Code" as a column of the table)
        if key and key not in sections:
            current = sections[key] = []
        elif current is not None:
            current.append(line)
    return Page(path.name, match.group(1), lines[1], sections)


def starts_row(cells: list[str], k: int, mandatory: bool) -> bool:
    if mandatory:
        return k + 2 < len(cells) and cells[k + 1] in ("Yes", "No") and bool(TYPE.match(cells[k + 2]))
    return k + 1 < len(cells) and bool(TYPE.match(cells[k + 1])) and not TYPE.match(cells[k])


def read_tables(page: Page) -> list[Table]:
    """The parameter tables of the URI, Request Parameters and Response Parameters sections."""
    return [
        table
        for lines in (page.section("uri")[1:], page.section("request"), page.section("response"))
        for table in read_section_tables(page, lines)
    ]


def read_section_tables(page: Page, lines: list[str]) -> list[Table]:
    tables: list[Table] = []
    status: str | None = None
    i = 0
    while i < len(lines):
        if m := STATUS.match(lines[i]):
            status = m.group(1)
        if not (m := TABLE.match(lines[i])):
            i += 1
            continue
        caption, j = lines[i], i + 1
        header: list[str] = []
        while j < len(lines) and lines[j] in ("Parameter", "Mandatory", "Type", "Description") and len(header) < 4:
            header.append(lines[j])
            j += 1
        assert header in (
            ["Parameter", "Mandatory", "Type", "Description"],
            ["Parameter", "Type", "Description"],
        ), f"{page.file}: {caption}: unexpected columns {header}"
        mandatory = "Mandatory" in header
        cells: list[str] = []
        while j < len(lines) and not TABLE.match(lines[j]) and not STATUS.match(lines[j]):
            cells.append(lines[j])
            j += 1
        rows: list[Row] = []
        k = 0
        while k < len(cells):
            if starts_row(cells, k, mandatory):
                flag = cells[k + 1] == "Yes" if mandatory else None
                width = 3 if mandatory else 2
                rows.append(Row(cells[k], flag, cells[k + width - 1], []))
                k += width
                continue
            if not rows:
                raise AssertionError(f"{page.file}: {caption}: cannot read the row starting at {cells[k]!r}")
            rows[-1].cells.append(cells[k])
            k += 1
        tables.append(Table(caption, m.group(1), status, rows))
        i = j
    return tables


def prose_facts(text: str, page_type: str, facts: Facts) -> None:
    """Facts stated in a sentence: ranges, lengths, defaults, 'The value can be A, B, or C'."""
    if m := re.search(r"ranges from (-?\d+(?:\.\d+)?) to (-?\d+(?:\.\d+)?)", text):
        facts.limits.update(minimum=m.group(1), maximum=m.group(2))
    if m := re.search(r"(?:Length: |contain )(\d+) to (\d+) characters", text):
        facts.limits.update(min_length=m.group(1), max_length=m.group(2))
    if m := re.search(r"[Tt]he default value (?:is )?([^\s,]+?)\.?(?=[\s,]|$)", text):
        facts.default = m.group(1)
    if m := re.search(r"The value can be (.+?)\.(?:\s|$)", text):
        tokens = [t.strip() for t in re.split(r",\s*or\s+|,\s*|\s+or\s+", m.group(1))]
        values = []
        for token in tokens:
            if token.endswith(" (default)"):
                token = token.removesuffix(" (default)")
                facts.default = token
            values.append(token)
        if page_type != "Boolean" and all(re.fullmatch(r"[\w.-]+", v) for v in values):
            facts.enum += [(v, None) for v in values]


def range_facts(text: str, page_type: str) -> dict[str, str]:
    """The limits a Range block states; empty when it states something else (kept as text)."""
    found = Facts()
    prose_facts(text, page_type, found)
    return found.limits


def bullet_value(line: str) -> tuple[str, str | None]:
    """'• running: The task is being executed.' → ('running', 'The task is being executed.')."""
    text = norm(line[1:])
    if ": " in text:
        value, description = text.split(": ", 1)
        return value, description
    if " " in text:
        value, description = text.split(" ", 1)
        return value, description
    return text, None


def row_facts(row: Row) -> Facts:
    facts = Facts()
    if row.cells[:1] == ["Definition"]:
        blocks: dict[str, list[str]] = {}
        heading = "Definition"
        for cell in row.cells:
            if cell in BLOCKS:
                heading = cell
                blocks[heading] = []
            else:
                blocks[heading].append(cell)
        for heading, body in blocks.items():
            if body in ([], ["N/A"]):
                continue
            if heading == "Definition":
                facts.texts += [unit(c) for c in body]
                for c in body:
                    prose_facts(c, row.type, facts)
            elif heading == "Range" and all(is_bullet(c) for c in body):
                facts.enum += [bullet_value(c) for c in body]
            elif heading == "Range" and len(body) == 1 and (stated := range_facts(body[0], row.type)):
                facts.limits.update(stated)
            elif heading == "Default Value" and len(body) == 1 and " " not in body[0]:
                facts.default = body[0]
            else:
                facts.texts.append(norm(f"{heading}: {body[0]}"))
                facts.texts += [unit(c) for c in body[1:]]
        return facts
    for cell in row.cells:
        if cell == "Enumerated values:":
            continue
        if is_bullet(cell):
            facts.enum.append(bullet_value(cell))
        else:
            facts.texts.append(unit(cell))
            prose_facts(cell, row.type, facts)
    return facts


def expected_type(page_type: str) -> dict[str, str]:
    if m := re.fullmatch(r"Array of (\w+)( objects)?", page_type):
        items = m.group(1) if m.group(2) else PLURAL_TYPES.get(m.group(1), m.group(1))
        return {"type": "Array", "items": items}
    if m := re.fullmatch(r"(\w+) object", page_type):
        return {"type": "Object", "object": m.group(1)}
    if page_type.startswith("Map<"):
        return {"type": "Map"}
    return {"type": page_type}


def read_json(lines: list[str], start: int) -> tuple[Any, int]:
    """The JSON value that starts at lines[start]; returns it and the index after it."""
    for end in range(start + 1, len(lines) + 1):
        try:
            return json.loads("\n".join(lines[start:end])), end
        except json.JSONDecodeError:
            continue
    raise AssertionError(f"no JSON value starts at {lines[start]!r}")


def starts_json(line: str) -> bool:
    return line[:1] in ("{", "[", '"')


# -- the checks ----------------------------------------------------------------------------------


class Checker:
    """Looks every fact of one page up in one spec; `problems` lists what is missing or wrong."""

    def __init__(self, page: Page, spec: dict[str, Any]) -> None:
        self.page, self.spec = page, spec
        self.problems: list[str] = []

    def problem(self, where: str, message: str) -> None:
        self.problems.append(f"{self.page.file}: {where}: {message}")

    def run(self) -> list[str]:
        self.check_header()
        self.check_texts()
        self.check_authorization()
        self.check_uri()
        self.check_tables()
        self.check_request_examples()
        self.check_response_examples()
        self.check_status_codes()
        self.check_constraints()
        return self.problems

    # page top, prose sections ----------------------------------------------------------------
    def check_header(self) -> None:
        if self.spec.get("title") != self.page.title:
            self.problem("title", f"spec title {self.spec.get('title')!r}, page {self.page.title!r}")
        source = self.spec.get("source") or {}
        if source.get("updated_on") != self.page.updated_on:
            self.problem(
                "Updated on", f"spec source.updated_on {source.get('updated_on')!r}, page {self.page.updated_on!r}"
            )
        if source.get("page") != self.page.file:
            self.problem("source", f"spec source.page {source.get('page')!r}, expected {self.page.file!r}")

    def expect_units(self, where: str, lines: list[str], key: str, text: Any) -> None:
        have = spec_units(text)
        for line in lines:
            if unit(line) not in have:
                self.problem(where, f"{unit(line)!r} is missing from `{key}`")

    def check_texts(self) -> None:
        function = self.page.section("function")
        if not function:
            self.problem("Function", "the page has no Function section")
        elif norm(str(self.spec.get("summary", ""))) != norm(function[0]):
            self.problem("Function", f"summary should be {function[0]!r}")
        self.expect_units("Function", function[1:], "description", self.spec.get("description"))
        for key, section in (("calling_method", "Calling Method"), ("debugging", "Debugging")):
            lines = self.page.section(key)
            if spec_units(self.spec.get(key)) != [unit(line) for line in lines]:
                self.problem(section, f"`{key}` should hold {lines}")
        lines = self.page.section("error_codes")
        if spec_units(self.spec.get("error_codes")) != [unit(line) for line in lines]:
            self.problem("Error Codes", f"`error_codes` should hold {lines}")

    def check_authorization(self) -> None:
        lines = self.page.section("authorization")
        auth = self.spec.get("authorization") or {}
        start = next(
            (i for i in range(len(lines) - 1) if lines[i] == "Action" and lines[i + 1] == "Access Level"), len(lines)
        )
        self.expect_units(
            "Authorization Information", lines[:start], "authorization.description", auth.get("description")
        )
        if lines and not auth:
            self.problem("Authorization Information", "the spec has no `authorization`")
        cells = lines[start + len(PERMISSION_COLUMNS) :]
        rows = []
        while len(cells) >= len(PERMISSION_COLUMNS) and ACTION.match(cells[0]):
            rows.append(cells[: len(PERMISSION_COLUMNS)])
            cells = cells[len(PERMISSION_COLUMNS) :]
        self.expect_units("Authorization Information", cells, "authorization.description", auth.get("description"))
        have = {p.get("action"): p for p in auth.get("permissions") or []}
        for row in rows:
            where = f"permissions table, row {row[0]}"
            permission = have.pop(row[0], None)
            if permission is None:
                self.problem(where, "missing from `authorization.permissions`")
                continue
            for (key, is_list), cell in zip(PERMISSION_COLUMNS, row, strict=True):
                want = None if cell == "-" else ([cell] if is_list else cell)
                if permission.get(key) != want:
                    self.problem(where, f"`{key}` should be {want!r} (absent for '-'), got {permission.get(key)!r}")
        for action in have:
            self.problem("permissions table", f"spec permission {action!r} is not on the page")

    def check_uri(self) -> None:
        lines = self.page.section("uri")
        method, _, path = (lines[0] if lines else "").partition(" ")
        if (self.spec.get("method"), self.spec.get("path")) != (method, path):
            self.problem("URI", f"spec has {self.spec.get('method')} {self.spec.get('path')}, page {method} {path}")

    # tables --------------------------------------------------------------------------------------
    def target(self, table: Table) -> tuple[str, list[dict[str, Any]] | None]:
        """Where a page table lives in the spec: a label and the spec's list (None if absent)."""
        params = self.spec.get("parameters") or {}
        name = table.name.lower()
        locations = {"path parameters": "path", "query parameters": "query", "request header parameters": "header"}
        if name in locations:
            return f"parameters.{locations[name]}", params.get(locations[name])
        if name == "request body parameters":
            return "request_body.fields", (self.spec.get("request_body") or {}).get("fields")
        if name == "response body parameters":
            response = (self.spec.get("responses") or {}).get(table.status) or {}
            return f"responses.{table.status}.body.fields", (response.get("body") or {}).get("fields")
        return f"objects.{table.name}.fields", ((self.spec.get("objects") or {}).get(table.name) or {}).get("fields")

    def check_tables(self) -> None:
        tables = read_tables(self.page)
        has_request = "request_body" in self.spec or (self.spec.get("parameters") or {}).get("header")
        if self.page.section("request") == ["None"] and has_request:
            self.problem("Request Parameters", "the page has none, the spec has a request body or headers")
        transcribed: set[str] = set()
        for table in tables:
            if [row.type for row in table.rows] == ["File"] and table.rows[0].name == "-":
                self.check_file(table)
                continue
            label, fields = self.target(table)
            transcribed.add(label)
            where = f"{table.caption}" + (f" (status {table.status})" if table.status else "")
            by_name = {f.get("name"): f for f in fields or [] if isinstance(f, dict)}
            for row in table.rows:
                if row.name not in by_name:
                    self.problem(where, f"row `{row.name}` is missing from {label}")
                else:
                    self.check_row(f"{where}, row `{row.name}`", row, by_name[row.name], label)
            page_names = [row.name for row in table.rows]
            extra = [name for name in by_name if name not in page_names]
            for name in extra:
                self.problem(where, f"{label} has `{name}`, which is not a row of the table")
            spec_order = [name for name in by_name if name in page_names]
            if spec_order != [name for name in page_names if name in by_name]:
                self.problem(where, f"{label} is not in page order: {spec_order} vs {page_names}")
        for label in self.spec_tables():
            if label not in transcribed:
                self.problem("tables", f"{label} has no table on the page")

    def spec_tables(self) -> list[str]:
        """The labels of every list of fields the spec holds (as `target` names them)."""
        labels = [f"parameters.{location}" for location in (self.spec.get("parameters") or {})]
        if "request_body" in self.spec:
            labels.append("request_body.fields")
        for status, response in (self.spec.get("responses") or {}).items():
            if isinstance(response, dict) and "body" in response:
                labels.append(f"responses.{status}.body.fields")
        return labels + [f"objects.{name}.fields" for name in self.spec.get("objects") or {}]

    def check_file(self, table: Table) -> None:
        response = (self.spec.get("responses") or {}).get(table.status) or {}
        where = f"{table.caption} (status {table.status}), row `-` of type File"
        text = norm(" ".join(table.rows[0].cells))
        if "file" not in response:
            self.problem(where, f"responses.{table.status} should have `file:` (and no body)")
        elif norm(str((response["file"] or {}).get("description", ""))) != text:
            self.problem(where, f"responses.{table.status}.file.description should be {text!r}")

    def check_row(self, where: str, row: Row, fld: dict[str, Any], label: str) -> None:
        if row.mandatory is not None and bool(fld.get("required", False)) != row.mandatory:
            self.problem(where, f"Mandatory is {'Yes' if row.mandatory else 'No'}, spec required={fld.get('required')}")
        for key, want in expected_type(row.type).items():
            if fld.get(key) != want:
                self.problem(where, f"type {row.type!r} means `{key}: {want}`, spec has {fld.get(key)!r}")
        if label == "parameters.header" and row.name.lower() in RUNTIME_HEADERS:
            if fld.get("runtime") is not True:
                self.problem(where, "a header the runtime owns needs `runtime: true`")
            if row.name.lower() == "x-auth-token" and fld.get("sensitive") is not True:
                self.problem(where, "X-Auth-Token needs `sensitive: true`")
        facts = row_facts(row)
        have = spec_units(fld.get("description"))
        for text in facts.texts:
            if text not in have:
                self.problem(where, f"description text {text!r} is missing")
        self.check_enum(where, facts, fld)
        for key in ("minimum", "maximum", "min_length", "max_length"):
            stated = facts.limits.get(key)
            got = fld.get(key)
            if stated is not None and (got is None or float(got) != float(stated)):
                self.problem(where, f"the page states {key} {stated}, spec has {got!r}")
            elif stated is None and got is not None:
                self.problem(where, f"spec has {key} {got!r}, which the page does not state")
        if facts.default is not None:
            got = fld.get("default")
            noted = f'"{facts.default}"' in str(fld.get("note", ""))
            if got is None or (as_page_text(got) != facts.default and not noted):
                self.problem(where, f"the page states default {facts.default!r}, spec has {got!r}")
        elif "default" in fld:
            self.problem(where, f"spec has default {fld['default']!r}, which the page does not state")

    def check_enum(self, where: str, facts: Facts, fld: dict[str, Any]) -> None:
        spec_enum: dict[str, str | None] = {}
        for item in fld.get("enum") or []:
            if isinstance(item, dict):
                spec_enum[as_page_text(item.get("value"))] = item.get("description")
            else:
                spec_enum[as_page_text(item)] = None
        page_values = {value for value, _ in facts.enum}
        for value, text in facts.enum:
            if value not in spec_enum:
                self.problem(where, f"enumerated value {value!r} is missing from `enum`")
            elif text is not None and norm(str(spec_enum[value] or "")) != norm(text):
                self.problem(where, f"enum value {value!r} should have the description {text!r}")
        for value in spec_enum:
            if value not in page_values:
                self.problem(where, f"spec enum value {value!r} is not on the page")

    # examples and status codes ------------------------------------------------------------------
    def check_request_examples(self) -> None:
        lines = self.page.section("request_examples")
        found: list[dict[str, Any]] = []
        description: list[str] = []
        i = 0
        while i < len(lines) and lines != ["None"]:
            if m := URL_LINE.match(lines[i]):
                example: dict[str, Any] = {"description": norm(" ".join(description)), "url": m.group(2)}
                if m.group(1):
                    example["method"] = m.group(1)
                i += 1
                if i < len(lines) and starts_json(lines[i]):
                    example["body"], i = read_json(lines, i)
                found.append(example)
                description = []
            else:
                description.append(lines[i])
                i += 1
        have = self.spec.get("request_examples") or []
        for n, want in enumerate(found, 1):
            where = f"Example Requests, example {n} ({want['url']})"
            match = next((e for e in have if e.get("url") == want["url"]), None)
            if match is None:
                self.problem(where, "missing from `request_examples` (compare the url verbatim)")
                continue
            got = {**match, "description": norm(str(match.get("description", "")))}
            for key in ("description", "method", "body"):
                if got.get(key) != want.get(key):
                    self.problem(where, f"`{key}` should be {want.get(key)!r}, spec has {got.get(key)!r}")
        if len(have) != len(found):
            self.problem("Example Requests", f"the page has {len(found)} example(s), the spec {len(have)}")

    def check_response_examples(self) -> None:
        lines = self.page.section("response_examples")
        responses = self.spec.get("responses") or {}
        documented: set[str] = set()
        i = 0
        while i < len(lines) and lines != ["None"]:
            m = STATUS.match(lines[i])
            if not m:
                raise AssertionError(f"{self.page.file}: Example Responses: unexpected line {lines[i]!r}")
            status, i = m.group(1), i + 1
            caption: list[str] = []
            while i < len(lines) and not starts_json(lines[i]):
                caption.append(lines[i])
                i += 1
            data, i = read_json(lines, i)
            documented.add(status)
            where = f"Example Responses, status {status}"
            response = responses.get(status) or {}
            if "example" not in response:
                self.problem(where, f"missing: responses.{status}.example")
            elif response["example"] != data:
                self.problem(where, f"responses.{status}.example differs from the page: {data!r}")
            text = norm(" ".join(caption))
            got = norm(str(response.get("example_description") or response.get("description") or ""))
            if text != got:
                self.problem(where, f"caption {text!r} is neither example_description nor the status description")
        for status, response in responses.items():
            if isinstance(response, dict) and "example" in response and status not in documented:
                self.problem("Example Responses", f"responses.{status} has an example the page does not show")

    def check_status_codes(self) -> None:
        lines = self.page.section("status_codes")
        if lines[:2] != ["Status Code", "Description"]:
            self.problem("Status Codes", f"unexpected table head {lines[:2]}")
        codes: dict[str, list[str]] = {}
        current: list[str] = []
        for line in lines[2:]:
            if re.fullmatch(r"\d{3}", line):
                current = codes[line] = []
            else:
                current.append(line)
        responses = self.spec.get("responses") or {}
        for code, text in codes.items():
            where = f"Status Codes, row {code}"
            if code not in responses:
                self.problem(where, f'missing from `responses` (add "{code}": {{description: ...}})')
            elif norm(str((responses[code] or {}).get("description", ""))) != norm(" ".join(text)):
                self.problem(where, f"responses.{code}.description should be {norm(' '.join(text))!r}")
        for code in responses:
            if code not in codes:
                self.problem("Status Codes", f"responses.{code} is not in the page's status code table")

    def check_constraints(self) -> None:
        whole = norm(" ".join(line for lines in self.page.sections.values() for line in lines))
        for text in self.spec.get("constraints") or []:
            if norm(text) not in whole:
                self.problem("constraints", f"{text!r} is not verbatim on the page")


def check_page(page_file: str, spec: dict[str, Any]) -> list[str]:
    return Checker(read_page(PAGES / page_file), spec).run()


def load_spec(page_file: str) -> dict[str, Any]:
    data = yaml.safe_load((SPECS / PAIRS[page_file]).read_text("utf-8"))
    assert isinstance(data, dict)
    return data


# -- tests ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("page_file", sorted(PAIRS))
def test_spec_covers_page(page_file: str) -> None:
    problems = check_page(page_file, load_spec(page_file))
    assert not problems, "\n".join(problems)


def test_every_page_has_a_spec() -> None:
    assert sorted(p.name for p in PAGES.glob("*.txt")) == sorted(PAIRS)


def test_extractor_reads_tables() -> None:
    """The extractor itself: rows, flags, types and fact blocks of a page with all of them."""
    tables = {t.caption: t for t in read_tables(read_page(PAGES / "hss_query_export_task.txt"))}
    query = tables["Table 2 Query Parameters"]
    assert [(r.name, r.mandatory, r.type) for r in query.rows] == [("enterprise_project_id", False, "String")]
    assert len(query.rows[0].cells) == 3
    body = tables["Table 4 Response body parameters"]
    assert body.status == "200"
    assert [r.name for r in body.rows] == ["task_id", "task_name", "task_status", "file_id", "file_name"]
    status = row_facts(body.rows[2])
    assert status.texts == ["Status of the export task."]
    assert status.enum == [("success", None), ("failure", None), ("running", "The task is being executed.")]
    assert row_facts(body.rows[1]).limits == {"min_length": "1", "max_length": "128"}
    query = read_tables(read_page(PAGES / "workspace_list_export_tasks.txt"))[1]
    facts = {row.name: row_facts(row) for row in query.rows}
    assert facts["limit"].limits == {"minimum": "1", "maximum": "100"}
    assert facts["limit"].default == "20"
    assert facts["is_download"].default == "false"
    assert facts["is_download"].enum == []  # a Boolean's "true or false" is not an enumeration
    assert facts["sort_type"].enum == [("ASC", "ascending order."), ("DESC", "descending order.")]
    assert facts["status"].enum == [("CREATING", None), ("SUCCESS", None), ("FAIL", None), ("EXPIRED", None)]


def _remove(path: tuple[Any, ...], match: Callable[[Any], bool]) -> Callable[[dict[str, Any]], None]:
    def mutate(spec: dict[str, Any]) -> None:
        target: Any = spec
        for part in path:
            target = target[part]
        for i, item in enumerate(target):
            if match(item):
                del target[i]
                return
        raise AssertionError(f"nothing to remove at {path}")

    return mutate


def _set(path: tuple[Any, ...], value: Any) -> Callable[[dict[str, Any]], None]:
    def mutate(spec: dict[str, Any]) -> None:
        target: Any = spec
        for part in path[:-1]:
            target = target[part]
        if value is None:
            del target[path[-1]]
        else:
            target[path[-1]] = value

    return mutate


def _named(name: str) -> Callable[[Any], bool]:
    return lambda item: isinstance(item, dict) and (item.get("name") == name or item.get("action") == name)


MUTATIONS = [
    pytest.param(
        "hss_query_export_task.txt",
        _remove(("responses", "200", "body", "fields"), _named("task_status")),
        "Table 4 Response body parameters (status 200): row `task_status` is missing",
        id="hss-response-field",
    ),
    pytest.param(
        "roma_export_assets.txt",
        _remove(("objects", "apps", "fields"), _named("id")),
        "Table 4 apps: row `id` is missing from objects.apps.fields",
        id="roma-object-field",
    ),
    pytest.param(
        "roma_export_assets.txt",
        _set(("request_body", "fields", 1, "required"), None),
        "Table 3 Request body parameters, row `tasks`: Mandatory is Yes",
        id="roma-mandatory",
    ),
    pytest.param(
        "drs_export_template.txt",
        _set(("parameters", "header", 2, "enum"), ["en-us"]),
        "row `X-Language`: enumerated value 'zh-cn' is missing",
        id="drs-enum-value",
    ),
    pytest.param(
        "drs_export_template.txt",
        _set(("request_body", "fields", 0, "items"), "Integer"),
        "row `jobs`: type 'Array of strings' means `items: String`",
        id="drs-array-items",
    ),
    pytest.param(
        "hss_query_export_task.txt",
        _set(("responses", "200", "body", "fields", 4, "max_length"), 256),
        "row `file_name`: the page states max_length 255",
        id="hss-length",
    ),
    pytest.param(
        "workspace_list_export_tasks.txt",
        _set(("parameters", "query", 7, "default"), None),
        "row `limit`: the page states default '20'",
        id="workspace-default",
    ),
    pytest.param(
        "workspace_list_export_tasks.txt",
        _set(("parameters", "query", 7, "minimum"), None),
        "row `limit`: the page states minimum 1",
        id="workspace-range",
    ),
    pytest.param(
        "workspace_list_export_tasks.txt",
        _remove(("authorization", "permissions"), _named("workspace:tenants:listExportTasks")),
        "permissions table, row workspace:tenants:listExportTasks: missing",
        id="workspace-permission",
    ),
    pytest.param(
        "secmaster_export_workflow.txt",
        _set(("responses", "400"), None),
        "Status Codes, row 400: missing from `responses`",
        id="secmaster-status-code",
    ),
    pytest.param(
        "secmaster_export_workflow.txt",
        _set(("responses", "200", "example"), "Workflow file"),
        "Example Responses, status 200: responses.200.example differs",
        id="secmaster-response-example",
    ),
    pytest.param(
        "roma_export_assets.txt",
        _set(("request_examples", 0, "body", "tasks"), []),
        "Example Requests, example 1",
        id="roma-request-example",
    ),
    pytest.param(
        "hss_query_export_task.txt",
        _set(("parameters", "query", 0, "description"), "ID of the enterprise project that a server belongs."),
        "row `enterprise_project_id`: description text 'An enterprise project can be configured",
        id="hss-description-paragraph",
    ),
    pytest.param(
        "secmaster_export_workflow.txt",
        _set(("responses", "200", "file"), None),
        "row `-` of type File: responses.200 should have `file:`",
        id="secmaster-file",
    ),
    pytest.param(
        "roma_export_assets.txt",
        _set(("objects", "extra"), {"fields": [{"name": "id", "type": "String"}]}),
        "tables: objects.extra.fields has no table on the page",
        id="roma-extra-object",
    ),
    pytest.param(
        "roma_export_assets.txt",
        _set(("description",), "- A maximum of 100 applications and tasks are supported."),
        "Function: '- This API is used to create a job for exporting assets",
        id="roma-function-bullet",
    ),
    pytest.param(
        "drs_export_template.txt",
        _set(("source", "updated_on"), "2025-12-16 GMT+08:00"),
        "drs_export_template.txt: Updated on:",
        id="drs-updated-on",
    ),
]


@pytest.mark.parametrize(("page_file", "mutate", "expected"), MUTATIONS)
def test_check_reports_a_dropped_fact(page_file: str, mutate: Callable[[dict[str, Any]], None], expected: str) -> None:
    spec = copy.deepcopy(load_spec(page_file))
    assert not check_page(page_file, spec)
    mutate(spec)
    problems = check_page(page_file, spec)
    assert any(expected in p for p in problems), "\n".join(problems) or "no problem reported"
    assert all(p.startswith(f"{page_file}: ") for p in problems)
