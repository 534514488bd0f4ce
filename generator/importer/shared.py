"""Pages that define a response once for a whole service: "Responses (Task)", 响应(任务类).

Older-template services document the body many operations return ("See Responses (Task).") on a
page of its own. Such a page becomes `shared_responses.<Name>` in the service's `_service.yaml`
(its nested tables under the file's `objects`, prefixed with the name), and every operation page
that points to it gets `body: {shared: <Name>}`: one model class for all of them.
"""

from __future__ import annotations

import re
from typing import Any

from .columns import roles
from .document import Document, Problem, Table
from .fields import FieldReader, rows_of

__all__ = ["SHARED_TITLE", "read_shared", "shared_name"]

SHARED_TITLE = re.compile(  # "Responses (Task)", 响应(任务类), full-width brackets too
    r"^(?:响应\s*[\uff08(]|responses?\s*\()", re.IGNORECASE
)
# The Chinese names Huawei gives its shared responses, in the English the SDKs use.
_NAMES = {"任务类": "Task", "任务": "Task", "通用": "General", "通用类": "General", "异步任务": "Task"}
_ABNORMAL = re.compile(r"异常|abnormal|error|失败|failure", re.IGNORECASE)


def shared_name(text: str) -> str | None:
    """`Task` / `任务类` → `Task`: the key a shared response has in `_service.yaml`."""
    text = text.strip()
    if text in _NAMES:
        return _NAMES[text]
    words = re.findall(r"[A-Za-z][A-Za-z0-9]*", text)
    return "".join(w[:1].upper() + w[1:] for w in words) or None


def _tables(doc: Document) -> list[Table]:
    return [b for s in doc.sections for b in s.blocks if isinstance(b, Table)] + [
        b for b in doc.head if isinstance(b, Table)
    ]


def read_shared(doc: Document, problems: list[Problem]) -> tuple[str, dict[str, dict[str, Any]], dict[str, Any]] | None:
    """The shared responses a page defines (its normal body, and an `<Name>Error` body when it documents
    one) and their object tables; None when the title names no response."""
    title = doc.title.text if doc.title else ""
    match = re.search(r"[\uff08(]([^\uff09)]+)[\uff09)]", title)
    name = shared_name(match.group(1)) if match else None
    if name is None:
        problems.append(Problem(doc.title.number if doc.title else 1, f"cannot name the shared response {title!r}"))
        return None
    reader = FieldReader(problems)
    tops: list[tuple[Table, list[Any]]] = []
    for table in _tables(doc):
        rows = rows_of(table, problems)
        if rows is None or roles([h.text for h in table.header]) is None:
            continue
        caption = table.caption.text if table.caption else ""
        if (
            re.search(r"响应要素|响应参数|response (?:elements|parameters)|返回参数", caption, re.IGNORECASE)
            or not tops
        ):
            tops.append((table, rows))
        else:
            reader.add_candidate(table, rows, None)
    responses: dict[str, dict[str, Any]] = {}
    for table, rows in tops:
        key = f"{name}Error" if table.caption and _ABNORMAL.search(table.caption.text) else name
        if key in responses:
            continue
        fields = reader.fields(rows, "response", direction="response")
        responses[key] = {"title": title, "source": {"page": doc.name}, "fields": fields}
    reader.unused()
    objects = {f"{name}_{k}": v for k, v in reader.objects.items()}
    for response in responses.values():  # refer to the prefixed tables
        _prefix(response["fields"], reader.objects, name)
    for nested in objects.values():
        _prefix(nested["fields"], reader.objects, name)
    return name, responses, objects


def _prefix(fields: list[dict[str, Any]], tables: dict[str, Any], name: str) -> None:
    for fld in fields:
        for key in ("object", "items", "values"):
            if fld.get(key) in tables:
                fld[key] = f"{name}_{fld[key]}"
