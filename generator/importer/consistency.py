"""Pages that contradict themselves: the evident reading, a warning, and a note quoting the page.

- A path placeholder named differently from its parameter row: the placeholder is the wire
  name, the row's name goes into the note.
- An example field that no table lists: the tables are kept, the example keeps its key (and so
  stays as text when it no longer validates); only a body the page has no table for at all takes
  its fields from the example, each noted.
- A list of objects no table describes ("servers: list, see the Show Server API"):
  its members come from the page's example, an `info` (a derived fact), the field noted.
- A row whose name differs from the example's key only in case or `-`/`_`: the example is what
  the API sent, so its spelling is the wire name; the note quotes the row's.
- `null` in an example for a field the page marks mandatory: kept, warned and noted.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import Any

from ..spec.yamlread import MAX_DEPTH
from .document import Problem
from .examples import ResponseExample
from .fields import identifier
from .merge import FIELD_ORDER

__all__ = ["check_examples", "reconcile_path"]


def _loose(name: str) -> str:
    return re.sub(r"[-_]", "", name).lower()


def _note(fld: dict[str, Any], text: str) -> None:
    fld["note"] = f"{fld['note']} {text}" if fld.get("note") else text


def reconcile_path(spec: dict[str, Any], problems: list[Problem], line: int, uri_queries: Collection[str] = ()) -> None:
    """Path rows and the URI's placeholders made to agree: the placeholder's name wins (the wire name).

    `uri_queries`: rows of the URI's own table read as query parameters because no placeholder has
    their name; the one required among them is the row of the one placeholder that has none
    (DRS: `jobId` for `{task_id}`)."""
    placeholders = re.findall(r"\{([^}]+)\}", spec["path"])
    params = spec.setdefault("parameters", {})
    rows = params.get("path", [])
    unmatched = [r for r in rows if r["name"] not in placeholders]
    strays = [q for q in params.get("query", []) if q["name"] in uri_queries and q.get("required")]
    for placeholder in placeholders:
        if any(r["name"] == placeholder for r in rows):
            continue
        match = next((r for r in unmatched if _loose(r["name"]) == _loose(placeholder)), None)
        rowless = sum(p not in {r["name"] for r in rows} for p in placeholders)
        if match is None and len(unmatched) == 1 and rowless == 1:
            match = unmatched[0]
        if match is None and not unmatched and len(strays) == 1 and rowless == 1:
            match = strays.pop()
            params["query"].remove(match)
            rows.append(match)
            unmatched.append(match)
        if match is not None:
            unmatched.remove(match)
            old = match["name"]
            match["name"] = placeholder
            _note(
                match,
                f"The page's parameter table names this parameter {old!r}; the URI says {{{placeholder}}}, "
                "the name sent on the wire.",
            )
            problems.append(
                Problem(
                    line,
                    f"path parameter {old!r} is {{{placeholder}}} in the URI: named {placeholder!r}, as the URI says",
                    "fix the parameter table on the page",
                )
            )
            continue
        rows.append(
            {
                "name": placeholder,
                "required": True,
                "type": "String",
                "note": "The page's URI has this placeholder but its parameter table has no row for it.",
            }
        )
        problems.append(
            Problem(
                line,
                f"path placeholder {{{placeholder}}} has no parameter row: added as a String",
                "add the row to the page's URI table",
            )
        )
    for row in unmatched:
        rows.remove(row)
        row.pop("required", None)
        _note(row, "The page lists this as a path parameter, but the URI has no such placeholder.")
        params.setdefault("query", []).append(row)
        problems.append(
            Problem(
                line,
                f"path parameter {row['name']!r} is not in the URI: read as a query parameter",
                "fix the URI or the parameter table on the page",
            )
        )
    names = {r["name"] for r in rows}
    for row in [q for q in params.get("query", []) if q["name"] in names]:
        params["query"].remove(row)
        problems.append(
            Problem(
                line,
                f"{row['name']!r} is listed as a path and a query parameter: kept as the path parameter the URI has",
                "remove the query row from the page",
            )
        )
    if "query" in params and not params["query"]:
        del params["query"]
    if rows:
        params["path"] = rows
    elif "path" in params:
        del params["path"]
    if not params:
        del spec["parameters"]


def _json_type(value: Any) -> dict[str, Any]:
    if isinstance(value, bool):
        return {"type": "Boolean"}
    if isinstance(value, int):
        return {"type": "Long"}
    if isinstance(value, float):
        return {"type": "Double"}
    if isinstance(value, list):
        inner = _json_type(value[0]) if value else {"type": "String"}
        return {"type": "Array", "items": inner["type"]}
    if isinstance(value, dict):
        return {"type": "Object"}
    return {"type": "String"}


_FREE_FORM = re.compile(r"键值对|键值|字典|key[-/ ]value|map\b", re.IGNORECASE)
_DATA_KEY = re.compile(r"^(?:[0-9a-f]{8}-[0-9a-f]{4}-|[0-9a-f]{32}$|\d)|[^\w:.@-]", re.IGNORECASE)


def _has_members(value: Any) -> bool:
    """An object whose keys name members (not a map keyed by ids: `{"5849fdf1-…": [...]}`)."""
    return isinstance(value, dict) and bool(value) and not any(_DATA_KEY.search(key) for key in value)


class _Examples:
    def __init__(self, spec: dict[str, Any], problems: list[Problem], add: bool = False) -> None:
        self.spec = spec
        self.objects: dict[str, Any] = spec.get("objects", {})
        self.problems = problems
        self.add = add  # fields come from the example: the page has no table for this body
        self.derived: set[str] = set()  # objects whose members come from the example

    def walk(
        self, value: Any, fields: list[dict[str, Any]], line: int, where: str, derived: bool = False, depth: int = 0
    ) -> Any:
        """The example value, its keys aligned with the fields; fields added for keys no table has.
        Below MAX_DEPTH levels the example is kept as it is (no spec nests deeper: load.MAX_DEPTH)."""
        if not isinstance(value, dict) or depth > MAX_DEPTH:
            return value
        by_name = {f["name"]: f for f in fields}
        out: dict[str, Any] = {}
        for key, item in value.items():
            fld = by_name.get(key)
            if fld is None:
                loose = [f for f in fields if _loose(f["name"]) == _loose(key) and f["name"] not in value]
                if len(loose) == 1:  # the example is what the API sent: its spelling is the wire name
                    fld = loose[0]
                    _note(fld, f"The page's table names this field {fld['name']!r}; its example sends {key!r}.")
                    self.problems.append(
                        Problem(
                            line,
                            f"{where}: the table's {fld['name']!r} is {key!r} in the example: named as the example",
                            "make the page consistent",
                        )
                    )
                    by_name[key] = fld
                    fld["name"] = key
                elif derived:  # a member of an object only the example describes: said once, by derive()
                    fld = {"name": key, **_json_type(item)}
                    fields.append(fld)
                    by_name[key] = fld
                elif self.add:
                    fld = {
                        "name": key,
                        **_json_type(item),
                        "note": f"Not in the page's tables; the page's {where} has it.",
                    }
                    fields.append(fld)
                    by_name[key] = fld
                    self.problems.append(
                        Problem(
                            line,
                            f"{where}: field {key!r} is in no table: added as {fld['type']}",
                            "add a row for it to the page's table",
                        )
                    )
                else:  # the tables are the API's description; the example keeps its extra key
                    self.problems.append(
                        Problem(
                            line,
                            f"{where}: field {key!r} is in no table: the tables are kept as they are",
                            "add a row for it to the page's table, or drop it from the example",
                        )
                    )
                    out[key] = item
                    continue
            if item is None and fld.get("required"):
                _note(fld, f"The page marks it mandatory, but its {where} gives null.")
                self.problems.append(
                    Problem(
                        line,
                        f"{where}: null for the mandatory field {key!r}",
                        "check the page: mandatory fields should not be null",
                    )
                )
            out[key] = self.inner(item, fld, line, where, derived, depth + 1)
        return out

    def inner(
        self, item: Any, fld: dict[str, Any], line: int, where: str, derived: bool = False, depth: int = 0
    ) -> Any:
        """The example value inside a field; a list of objects no table describes takes its members
        from the example, and so do the objects inside those (a lone object may be a map: kept free-form)."""
        elements = item if isinstance(item, list) else [item]
        if (
            fld["type"] == "Array"
            and fld.get("items") == "Object"
            and isinstance(item, list)
            and item
            and len({type(e) for e in item}) == 1
            and isinstance(item[0], str | int | float | bool)
        ):  # "Array" with no table: the example shows what it holds (sni_container_refs: ["id", …])
            fld["items"] = _json_type(item[0])["type"]
            _note(fld, "The page types it Array and names no table; its example lists values.")
            self.problems.append(
                Problem(
                    line,
                    f"{where}: {fld['name']} is read as an Array of {fld['items']}, as its example shows",
                    None,
                    "info",
                )
            )
            return item
        if (
            fld.get({"Object": "object", "Array": "items"}.get(fld["type"], "")) in (None, "Object")
            and (fld["type"] == "Array" or (fld["type"] == "Object" and derived))
            and any(_has_members(e) for e in elements)
            and not _FREE_FORM.search(f"{fld.get('description', '')} {fld.get('note', '')}")
        ):
            self.derive(fld, line, where)
        if fld["type"] == "Object" and fld.get("object") in self.objects:
            key = fld["object"]
            return self.walk(item, self.objects[key]["fields"], line, where, key in self.derived, depth)
        if fld["type"] == "Array" and fld.get("items") in self.objects and isinstance(item, list):
            key = fld["items"]
            fields = self.objects[key]["fields"]
            return [self.walk(element, fields, line, where, key in self.derived, depth) for element in item]
        return item

    def derive(self, fld: dict[str, Any], line: int, where: str) -> None:
        """An object no table describes takes its members from the example (walk adds them)."""
        base = identifier(fld["name"])
        key, n = base, 2
        while key in self.objects:
            key, n = f"{base}_{n}", n + 1
        self.objects[key] = {"fields": []}
        self.spec["objects"] = self.objects
        self.derived.add(key)
        _note(fld, "No table on the page describes its members; they are read from the page's example.")
        fld[{"Object": "object", "Array": "items"}[fld["type"]]] = key
        ordered = {k: fld[k] for k in FIELD_ORDER if k in fld}
        fld.clear()
        fld.update(ordered)
        self.problems.append(
            Problem(
                line,
                f"{where}: no table describes the members of {fld['name']!r}: read from the example as {key}",
                "add a table for it to the page",
                "info",
            )
        )


def _shape(value: Any) -> Any:
    """An example's structure, without its values: error examples of one shape share one table."""
    if isinstance(value, dict):
        return tuple((k, _shape(v)) for k, v in value.items())
    if isinstance(value, list):
        return ("[]", _shape(value[0]) if value else None)
    return type(value).__name__


def _error_bodies(spec: dict[str, Any], walker: _Examples, examples: list[ResponseExample]) -> None:
    """An error status the page documents by its example alone (IAM's `{"error": {"code", "message",
    "title"}}`) takes its body from the example, nested objects included, so the raised error can
    carry it typed; statuses whose examples have one shape share the table (a derived fact)."""
    tables: dict[Any, list[dict[str, Any]]] = {}
    for code, response in spec["responses"].items():
        example = response.get("example")
        if code.startswith("2") or "body" in response or "file" in response or not _has_members(example):
            continue
        shape = _shape(example)
        if shape not in tables:
            fields: list[dict[str, Any]] = []
            line = next((e.line for e in examples if e.status == code), 1)
            walker.walk(example, fields, line, f"example response {code}", derived=True)
            tables[shape] = fields
            walker.problems.append(
                Problem(
                    line,
                    f"status {code}: no table describes its body: read from its example",
                    "add the body table to the page",
                    "info",
                    "derived",
                )
            )
        response["body"] = {"fields": [dict(f) for f in tables[shape]]}
        moved = {k: response.pop(k) for k in ("example", "example_description") if k in response}
        response.update(moved)


def check_examples(spec: dict[str, Any], problems: list[Problem], examples: list[ResponseExample]) -> None:
    walker = _Examples(spec, problems)
    _error_bodies(spec, walker, examples)
    for code, response in spec["responses"].items():
        body = response.get("body")
        if "example" in response and body is not None and "fields" in body:
            line = next((e.line for e in examples if e.status == code), 1)
            response["example"] = walker.walk(response["example"], body["fields"], line, f"example response {code}")
    request = spec.get("request_body")
    for example in spec.get("request_examples", []):
        body = example.get("body")
        no_body = spec["method"] in ("GET", "HEAD", "DELETE") and request is None
        whole = request is not None and "array" in request and isinstance(body, list)
        if body is not None and not whole and (no_body or (request is None and not isinstance(body, dict))):
            del example["body"]  # a GET's body, or a bare list (the format has no top-level arrays yet)
            if body in ({}, []):
                continue  # "{}" under "空请求体" (RDS): an empty body says what no body says
            problems.append(
                Problem(
                    1,
                    f"the example request's body has no place (a {spec['method']} with no request "
                    "table, or a bare list): left out of the spec",
                    "check the page's example",
                )
            )
    from_example = request is None and any(isinstance(e.get("body"), dict) for e in spec.get("request_examples", []))
    if from_example:
        request = spec["request_body"] = {"fields": []}  # the example's keys become fields, each noted
        problems.append(
            Problem(
                1,
                "the example request has a body but the page has no request table: its fields come from the example",
                "add the request body table to the page",
            )
        )
    walker.add = from_example
    for example in spec.get("request_examples", []):
        if "body" in example and request is not None and "fields" in request:
            example["body"] = walker.walk(example["body"], request["fields"], 1, "example request")
        elif "body" in example and request is not None and isinstance(example["body"], list):
            fields = walker.objects.get(request.get("array"), {}).get("fields")  # a whole-array body
            if fields is not None:
                example["body"] = [walker.walk(e, fields, 1, "example request") for e in example["body"]]
