"""Semantic checks of a spec's `pagination` section: offset paging and marker paging.

Kept apart from semantics.py (which runs it) because the two styles and the dotted response paths
of marker paging are a job of their own.
"""

from __future__ import annotations

from typing import Any

from ..findings import Finding, did_you_mean
from .load import Pointer, SourceSpec

__all__ = ["check_pagination", "response_fields", "success_status"]

_INTEGERS = ("Integer", "Long")
_SOURCES = ("next_marker", "next_link", "item_marker")  # where marker paging finds the next marker


def success_status(data: dict[str, Any]) -> str | None:
    """The first 2xx status the page documents."""
    return next((s for s in sorted(data["responses"]) if s.startswith("2")), None)


def response_fields(data: dict[str, Any], status: str) -> list[dict[str, Any]]:
    """The body fields of one status (a shared body's fields live in _service.yaml: none here)."""
    body = data["responses"].get(status, {}).get("body")
    return list(body.get("fields", [])) if body else []


class _PagingChecker:
    def __init__(self, source: SourceSpec) -> None:
        self.src = source
        self.data: dict[str, Any] = source.data
        self.paging: dict[str, Any] = self.data["pagination"]
        self.findings: list[Finding] = []
        self.status = success_status(self.data)
        self.where = f"the {self.status or '2xx'} response"

    def error(self, key: str, message: str, hint: str | None = None) -> None:
        pointer: Pointer = ("pagination", key) if key else ("pagination",)
        self.findings.append(self.src.finding(pointer, message, hint, key=not key))

    def run(self) -> list[Finding]:
        paging = self.paging
        styles = [key for key in ("offset", "marker") if key in paging]
        if not styles:
            self.error(
                "",
                "pagination names neither `offset` nor `marker`: which query parameter moves through the list?",
                "add `offset: <Integer query parameter>` (offset paging) or `marker: <String query parameter>`"
                " with `next_marker` or `next_link` (marker paging)",
            )
        elif len(styles) == 2:
            self.error("marker", "pagination has both `offset` and `marker`", "a list pages one way: keep one of them")
        self.query_parameter("limit", _INTEGERS)
        if "offset" in paging:
            self.query_parameter("offset", _INTEGERS)
            for key in ("next_marker", "next_link"):
                if key in paging:
                    self.error(key, f"pagination.{key} belongs to marker paging, not offset paging", f"remove `{key}`")
        if "marker" in paging and "offset" not in paging:
            self.query_parameter("marker", ("String",))
            self.marker_source()
        fields = {f["name"]: f for f in response_fields(self.data, self.status)} if self.status else {}
        items = fields.get(paging["items"])
        if items is None or items["type"] != "Array":
            self.error(
                "items",
                f"pagination.items `{paging['items']}` is not an Array field of {self.where}",
                did_you_mean(paging["items"], list(fields)),
            )
        count = fields.get(paging.get("count", ""))
        if "count" in paging and (count is None or count["type"] not in _INTEGERS):
            self.error(
                "count",
                f"pagination.count `{paging['count']}` is not an Integer field of {self.where}"
                + (f" (it is {count['type']})" if count else ""),
                "name the Integer field with the total" if count else did_you_mean(paging["count"], list(fields)),
            )
        return self.findings

    def query_parameter(self, key: str, types: tuple[str, ...]) -> None:
        query = self.data.get("parameters", {}).get("query", [])
        param = next((p for p in query if p["name"] == self.paging[key]), None)
        wanted = " or ".join(types)
        if param is None:
            self.error(
                key,
                f"pagination.{key} `{self.paging[key]}` is not a query parameter of this operation",
                did_you_mean(self.paging[key], [p["name"] for p in query])
                or f"add a {wanted} query parameter `{self.paging[key]}`, or name an existing one",
            )
        elif param["type"] not in types:
            article = "an" if wanted[0] in "AEIOU" else "a"
            self.error(
                key, f"pagination.{key} `{self.paging[key]}` must be {article} {wanted} parameter, not {param['type']}"
            )

    def marker_source(self) -> None:
        """Marker paging reads the next marker from exactly one place, and that place must exist."""
        given = [key for key in _SOURCES if key in self.paging]
        if len(given) != 1:
            self.error(
                "marker",
                "marker paging needs exactly one of `next_marker`, `next_link` and `item_marker`"
                + (f", not {len(given)}" if given else ""),
                "`next_marker: page_info.next_marker` (the marker itself), `next_link: links` (links whose"
                " next URL carries it) or `item_marker: id` (the last item's id)",
            )
            return
        key = given[0]
        if key == "item_marker":
            self.check_item_marker()
            return
        fld = self.resolve(key)
        if fld is None:
            return
        if key == "next_marker" and fld["type"] != "String":
            self.error(key, f"pagination.next_marker `{self.paging[key]}` must be a String field, not {fld['type']}")
        if key == "next_link":
            self.check_links(fld)

    def resolve(self, key: str) -> dict[str, Any] | None:
        """The response field a dotted path names, through the object tables; None after a finding."""
        path = str(self.paging[key])
        fields = response_fields(self.data, self.status) if self.status else []
        found: dict[str, Any] | None = None
        for depth, name in enumerate(path.split(".")):
            found = next((f for f in fields if f["name"] == name), None)
            if found is None:
                holder = self.where if depth == 0 else f"the object at `{'.'.join(path.split('.')[:depth])}`"
                self.error(
                    key,
                    f"pagination.{key} `{path}`: `{name}` is not a field of {holder}",
                    did_you_mean(name, [f["name"] for f in fields])
                    or ("its fields: " + ", ".join(f"`{f['name']}`" for f in fields) if fields else None),
                )
                return None
            table = self.data.get("objects", {}).get(found.get("object", ""))
            fields = list(table["fields"]) if table and found["type"] == "Object" else []
        return found

    def check_item_marker(self) -> None:
        """The items are objects with a String (or Integer) field of that name."""
        name = self.paging["item_marker"]
        fields = {f["name"]: f for f in response_fields(self.data, self.status)} if self.status else {}
        items = fields.get(self.paging["items"])
        table = self.data.get("objects", {}).get(items.get("items", "")) if items else None
        if items is None or table is None:
            self.error(
                "item_marker",
                f"pagination.item_marker `{name}` needs items that are objects with such a field",
                "name the field with each item's id, and an `items` field that is an Array of an object table",
            )
            return
        found = next((f for f in table["fields"] if f["name"] == name), None)
        if found is None or found["type"] not in ("String", *_INTEGERS):
            self.error(
                "item_marker",
                f"pagination.item_marker `{name}` is not a String field of the `{items['items']}` items",
                did_you_mean(name, [f["name"] for f in table["fields"]]),
            )

    def check_links(self, fld: dict[str, Any]) -> None:
        path = self.paging["next_link"]
        if fld["type"] == "String":
            return  # the next page's URL itself (Glance's `next`)
        table_name = fld.get("items") if fld["type"] == "Array" else fld.get("object")
        table = self.data.get("objects", {}).get(table_name or "")
        if fld["type"] not in ("Array", "Object") or (fld["type"] == "Array" and table is None):
            self.error(
                "next_link",
                f"pagination.next_link `{path}` must be a String URL, an Array of link objects or an Object,"
                f" not {fld['type']}" + (f" of {table_name}" if table_name else ""),
                "links look like [{rel: next, href: <url>}], {next: <url>} or a String URL",
            )
            return
        if table is None:
            return  # an object without a table: read as a mapping at run time
        names = {f["name"] for f in table["fields"]}
        wanted = {"rel", "href"} if fld["type"] == "Array" else {"next"}
        missing = sorted(wanted - names)
        if missing:
            self.error(
                "next_link",
                f"pagination.next_link `{path}`: the `{table_name}` table has no "
                + " or ".join(f"`{m}`" for m in missing)
                + " field",
                "an array of links needs `rel` and `href`; an object of links needs `next`",
            )


def check_pagination(source: SourceSpec) -> list[Finding]:
    """The findings of the spec's `pagination` section (none without one)."""
    return _PagingChecker(source).run() if "pagination" in source.data else []
