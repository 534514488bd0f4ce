"""A Document (any source, either template, either language) → spec data, in the order specs are written.

This is the one module that knows where each part of a page goes in a spec. What it cannot
place becomes a Problem with the page line, so nothing is dropped without a word; what it
derives (a status the page does not state, a type a table lacks) is an `info`.
"""

from __future__ import annotations

import re
from typing import Any

from .captions import caption_category
from .consistency import check_examples, reconcile_path
from .document import Document, Line, Problem, Table
from .examples import RequestExample, read_request_examples, read_response_examples, stated_status, with_request_line
from .fields import FieldReader, Row, rows_of
from .merge import FIELD_ORDER
from .pagetypes import SCALARS, page_type
from .prose import join_units, says_nothing, units
from .requestline import fix_query, request_line, uri_row_location
from .sections import authorization, error_codes, function, leave_out, response_example_lines, status_codes
from .uploads import file_media_type, form_fields, urlencoded_form, whole_file_body
from .wholebody import whole_bodies

__all__ = ["transcribe"]

_SHARED = re.compile(  # "See Responses (Task).", "请参见响应(任务类)", brackets half- or full-width
    r"(?:请参见|参见|see)\s*[“\"]?\s*(?:响应|responses?)\s*[\uff08(]\s*([^\uff09)]+?)\s*[\uff09)]", re.IGNORECASE
)
# A parameter table after its section's example ("• 响应样例", then "• 参数说明" and the table, DLI)
# belongs to the section the example is of.
_EXAMPLES_OF = {"request_examples": "request", "response_examples": "response"}
_HEADER_TYPES = {"String", "Integer", "Long", "Float", "Double", "Number", "Boolean"}


def _response_scalars(tables: list[list[Row]]) -> dict[str, str]:
    """Response field names whose rows all give one scalar type ("delay": Integer), for the bare
    "Array" query filters on them (ELB's `delay=1&delay=5`)."""
    types: dict[str, set[str]] = {}
    for rows in tables:
        for row in rows:
            kind = page_type(row.type.text) if row.type is not None else None
            types.setdefault(row.name.text, set()).add(kind["type"] if kind else "?")
    values = SCALARS - {"Object", "File"}
    return {name: next(iter(found)) for name, found in types.items() if len(found) == 1 and found <= values}


class _Unusable(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line, self.message = line, message


class _Transcriber:
    def __init__(self, doc: Document, service: dict[str, Any] | None) -> None:
        self.doc = doc
        self.problems: list[Problem] = doc.problems
        self.reader = FieldReader(self.problems, linkless=doc.source == "text")
        self.service = service or {}
        self.example_keys: set[str] = set()  # the keys of the example requests' JSON bodies
        self.uri_queries: set[str] = set()  # rows of the URI's own table read as queries: no placeholder has them

    def warn(self, line: int, message: str, hint: str | None = None, severity: str = "warning") -> None:
        self.problems.append(Problem(line, message, hint, severity))  # type: ignore[arg-type]

    def text(self, key: str) -> str | None:
        return join_units(units([line for line in self.doc.lines(key) if not says_nothing(line.text)]))

    # -- tables -----------------------------------------------------------------------------------
    def tables(self) -> list[tuple[str | None, str | None, Table, list[Row]]]:
        """Every parameter table with its section and the status it is under (for responses)."""
        out: list[tuple[str | None, str | None, Table, list[Row]]] = []
        for section in self.doc.sections:
            status: str | None = None
            for block in section.blocks:
                if isinstance(block, Line):
                    if stated := stated_status(block.text):
                        status = stated
                    continue
                if not isinstance(block, Table):
                    continue
                rows = rows_of(block, self.problems)
                if rows is None:
                    if section.key in ("uri", "request", "response"):
                        self.unplaced_table(block)
                    continue
                key = _EXAMPLES_OF.get(section.key or "", section.key)
                if key is not None and key not in ("uri", "request", "response"):
                    self.unplaced_table(block)
                    continue
                out.append((key, status, block, rows))
        return out

    def unplaced_table(self, table: Table) -> None:
        label = table.caption.text if table.caption else " | ".join(h.text for h in table.header)[:60]
        if table.caption and re.search(r"状态码|status code|返回值|错误码|error code", table.caption.text, re.I):
            return
        header = " ".join(h.text for h in table.header).lower()
        if re.search(r"请求方法|method", header) and re.search(r"uri|url", header):
            return  # the request line as a Method | URI table: read by _method_path
        self.warn(
            table.line,
            f"{label}: a table hwgen does not read here; its rows are not placed",
            "is it a parameter table? its header needs a name column and a type or description column",
        )

    def place(
        self, spec: dict[str, Any], query_names: set[str], examples: list[RequestExample]
    ) -> dict[str, dict[str, Any]]:
        """Parameters and bodies from the tables; the response bodies by status (None: the success status)."""
        bodies: dict[str, dict[str, Any]] = {}
        placed: list[tuple[str, str | None, Table, list[Row]]] = []
        self.example_keys = {key for e in examples if isinstance(e.body, dict) for key in e.body}
        request_seen = False
        for section, status, table, rows in self.tables():
            category = caption_category(table, section)
            if category is None:
                if section == "uri":
                    category = "uri"
                elif (
                    section == "request" and table.caption is None and (not request_seen or _alternative(rows, placed))
                ):
                    category = "body"  # the body's table, or another scenario's ("…from an OBS file")
                elif (
                    section == "response"
                    and table.caption is None
                    and (status is not None or not any(p[0] == "response" for p in placed))
                ):
                    category = "response"  # the first untitled table, or one under "HTTP 状态码 400"
            elif category == "query" and section == "request" and self.body_named_query(spec, table, rows, examples):
                category = "body"
            if category is None:
                self.reader.add_candidate(table, rows, section)
                continue
            if category == "body":
                request_seen = True
            placed.append((category, status, table, rows))
        bodies_of_request = [rows for category, _, _, rows in placed if category == "body"]
        self.reader.response_scalars = _response_scalars(
            [rows for category, _, _, rows in placed if category == "response"]
            + [c.rows for c in self.reader.candidates if c.section == "response"]
        )
        for category, status, table, rows in placed:
            self.reader.section = (
                "response"
                if category in ("response", "response_header")
                else ("uri" if category in ("path", "query", "uri") else "request")
            )
            self.place_table(spec, category, status, table, rows, query_names, bodies)
        self.reader.unused()
        if len(bodies_of_request) > 1:
            self.alternatives(spec, bodies_of_request)
        whole_bodies(spec, bodies, self.reader.objects, self.problems, self.doc.line_of("response") or 1)
        return bodies

    def alternatives(self, spec: dict[str, Any], tables: list[list[Row]]) -> None:
        """A body described by several tables, one per scenario: a field is mandatory only if every
        table makes it so (a caller of one scenario must not be made to send another's fields)."""
        everywhere = set.intersection(*({row.name.text for row in rows if row.required} for rows in tables))
        for fld in spec.get("request_body", {}).get("fields", []):
            if fld.get("required") and fld["name"] not in everywhere:
                del fld["required"]
                note = "Mandatory in some of the page's request tables (one per scenario), not in all."
                fld["note"] = f"{fld['note']} {note}" if fld.get("note") else note
                self.warn(
                    1,
                    f"request field {fld['name']}: mandatory in some of the page's {len(tables)} request tables, "
                    "not all: read as optional",
                    "check the page: each table is a scenario of the one request",
                    "info",
                )

    def body_named_query(
        self, spec: dict[str, Any], table: Table, rows: list[Row], examples: list[RequestExample]
    ) -> bool:
        """A "Query parameters" table of the request that the example request sends as its JSON body.

        Some pages caption a POST's body table "查询参数"; the example's body keys are the evident
        reading (the SDK sends them in the body too), so the rows go there, with a warning.
        """
        if spec["method"] not in ("POST", "PUT", "PATCH"):
            return False
        keys = {k for e in examples if isinstance(e.body, dict) for k in e.body}
        keys |= {k for e in examples if isinstance(e.body, str) for k in re.findall(r'"([^"\\]+)"\s*:', e.body)}
        in_url = {part.split("=", 1)[0] for e in examples for part in (e.url or "").partition("?")[2].split("&")}
        names = {row.name.text for row in rows}
        if not names or names & in_url or len(names & keys) * 2 <= len(names):
            return False  # most rows must be body keys of the example, and none a query key of its URL
        caption = table.caption.text if table.caption else "the table"
        self.warn(
            table.line,
            f"{caption}: the example request sends these rows as its JSON body, not in the query: read as the body",
            "a page error: ask the page's owners to caption the table as the request body",
        )
        return True

    def place_table(
        self,
        spec: dict[str, Any],
        category: str,
        status: str | None,
        table: Table,
        rows: list[Row],
        query_names: set[str],
        bodies: dict[str, dict[str, Any]],
    ) -> None:
        reader = self.reader
        uri_table = category == "uri"  # the URI section's own table (older template), not a GET's
        sent = {row.name.text for row in rows} & self.example_keys
        if category == "body" and spec["method"] == "DELETE" and sent:
            pass  # a DELETE whose example sends these rows as its JSON body (CPH's port deletion): a body
        elif category == "body" and spec["method"] in ("GET", "HEAD", "DELETE") and table.caption is not None:
            # "请求参数" of a GET: a request that has no body, so its parameters are the URI's
            self.warn(
                table.line,
                f"{table.caption.text}: a {spec['method']} sends no body: read as URI parameters",
                severity="info",
            )
            category = "uri"
        if category in ("path", "query", "header", "uri"):
            for row in rows:
                location = (
                    category
                    if category != "uri"
                    else uri_row_location(row.name.text, row.required, spec["path"], query_names)
                )
                if location is None:
                    self.warn(
                        row.name.number,
                        f"{row.name.text} is in the URI table but the route {spec['path']} has no "
                        f"{{{row.name.text}}}: left out (a project is a part of the route, which the client fills in; "
                        "as a required query parameter it would go with every call)",
                        f"if the route has it, add {{{row.name.text}}} to the request line",
                    )
                    continue
                fields = reader.fields([row], location)
                if location == "query" and uri_table and row.name.text not in query_names:
                    self.uri_queries.add(row.name.text)
                if location == "path":
                    fields[0]["required"] = True
                spec.setdefault("parameters", {}).setdefault(location, []).extend(fields)
        elif category == "body":
            fields = spec.setdefault("request_body", {"fields": []})["fields"]
            known = {f["name"]: f["type"] for f in fields}
            shared: list[str] = []
            for row in rows:
                if row.name.text in known:  # two tables of one body, one per scenario ("for an image file")
                    shared.append(row.name.text)
                    if reader.kind(row, "body")["type"] != known[row.name.text]:
                        self.warn(
                            row.name.number,
                            f"{row.name.text} is in an earlier table of the request body too, with another type: "
                            "the first row is kept",
                            "one field, one type: check the page",
                        )
                    continue
                fields.extend(reader.fields([row], "body"))
            if shared:
                self.warn(
                    table.line,
                    f"request table of another scenario: {', '.join(shared)} are fields of an earlier table too "
                    "(one field each, described as there)",
                    severity="info",
                )
        elif category == "response":
            entry = bodies.setdefault(status or "", {})  # its headers may be placed already
            if (
                len(rows) == 1
                and rows[0].name.text in ("-", "—")
                and rows[0].type
                and rows[0].type.text.lower() == "file"
            ):
                file: dict[str, Any] = {}
                if text := join_units(units(rows[0].cells)):
                    file["description"] = text
                entry.pop("body", None)
                entry["file"] = file
            elif "file" not in entry:
                entry.setdefault("body", {"fields": []})["fields"].extend(
                    reader.fields(rows, "response", direction="response")
                )
        elif category == "response_header":
            headers = bodies.setdefault(status or "", {}).setdefault("headers", [])
            named = {h["name"].lower() for h in headers}
            for fld in reader.fields(rows, "response_header", direction="response"):
                if fld["name"].lower() in named:
                    continue  # the same header in a second table of the status: said once
                if fld["type"] not in _HEADER_TYPES:
                    self.warn(
                        table.line,
                        f"response header {fld['name']}: typed {fld['type']}: read as a String",
                        "a header carries text: fix the type cell on the page",
                    )
                    fld = {k: v for k, v in fld.items() if k not in ("items", "object", "values")} | {"type": "String"}
                if "token" in fld["name"].lower():
                    fld["sensitive"] = True  # X-Subject-Token: kept out of reprs and logs
                headers.append({k: fld[k] for k in FIELD_ORDER if k in fld})
                if fld["name"].lower() == "content-type" and (media := file_media_type(fld.get("description", ""))):
                    entry = bodies.setdefault(status or "", {})  # a file, as the Content-Type says (AOS)
                    if not entry.get("body", {}).get("fields"):
                        entry.pop("body", None)
                        entry.setdefault("file", {})["content_type"] = media
        elif category == "form":  # FormData: multipart/form-data parts, files among them
            form_fields(spec, reader.fields(rows, "body"))

    # -- the page ---------------------------------------------------------------------------------
    def run(self) -> dict[str, Any]:
        doc = self.doc
        if doc.title is None:
            raise _Unusable(1, "the page has no title")
        spec: dict[str, Any] = {"spec_version": 1, "title": doc.title.text}
        source: dict[str, Any] = {"page": doc.name}
        if doc.updated_on is not None:
            source["updated_on"] = doc.updated_on.text
        spec["source"] = source
        function(doc, spec, self.problems)
        for key in ("calling_method", "debugging"):
            if text := self.text(key):
                spec[key] = text
        if auth := authorization(doc, self.problems):
            spec["authorization"] = auth
        line = request_line(doc, spec)
        if line is None:
            where = doc.line_of("uri") or (doc.title.number if doc.title else 1)
            raise _Unusable(where, "no 'METHOD /path' line in the URI section")
        query_names = line.query
        shown = doc.lines("uri", tables=False) + doc.lines("request", tables=False)  # DCS: "**示例**" under the URI
        example_lines = with_request_line(shown, doc.lines("request_examples", tables=False))
        examples = read_request_examples(example_lines, self.problems, spec["path"], spec["method"])
        bodies = self.place(spec, query_names, examples)
        fix_query(spec, line, self.problems, doc.line_of("uri") or 1)
        reconcile_path(spec, self.problems, doc.line_of("uri") or 1, self.uri_queries)
        if examples:
            spec["request_examples"] = [
                {k: v for k, v in (("description", e.description), ("method", e.method), ("url", e.url)) if v}
                | ({"body": e.body} if e.body is not None else {})
                for e in examples
            ]
        responses = status_codes(doc, self.service, bodies, self.problems, self.shared_response())
        leave_out(doc, responses, self.problems)
        spec["responses"] = responses
        if self.reader.objects:
            spec["objects"] = self.reader.objects
        if text := error_codes(doc):
            spec["error_codes"] = text
        _infer_content_type(spec)
        whole_file_body(spec)
        urlencoded_form(spec)
        check_examples(spec, self.problems, read_response_examples(response_example_lines(doc), []))
        return spec

    def shared_response(self) -> str | None:
        for line in self.doc.lines("response"):
            if match := _SHARED.search(line.text):
                return match.group(1)
        return None


def _alternative(rows: list[Row], placed: list[tuple[str, str | None, Table, list[Row]]]) -> bool:
    """An untitled request table sharing much of the body's first table: another scenario's body."""
    first = next((r for category, _, _, r in placed if category == "body"), None)
    if first is None:
        return False
    names, theirs = {row.name.text for row in rows}, {row.name.text for row in first}
    return len(names & theirs) >= max(2, min(len(names), len(theirs)) // 3)


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


def transcribe(
    doc: Document, service: dict[str, Any] | None = None
) -> tuple[dict[str, Any] | None, list[Problem], Problem | None]:
    """Spec data for a page, the problems met, and the one error that made the page unusable (if any)."""
    transcriber = _Transcriber(doc, service)
    try:
        spec = transcriber.run()
    except _Unusable as exc:
        return None, transcriber.problems, Problem(exc.line, exc.message, severity="error")
    return spec, transcriber.problems, None
