"""The rules applied: two trees of operation views in, a sorted list of changes out.

Direction decides the level: a request change breaks clients when the server accepts less than
before; a response change breaks them when more (or something else) may come back.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any, Literal

from ..model.derive import collection_format, content_type, paging_style
from ..spec.load import Pointer, SourceSpec
from .change import Change
from .headers import header_changes
from .views import FieldView, OperationView, ResponseView, TreeView

__all__ = ["compare"]

Direction = Literal["request", "response"]

# Numbers only ever widen along this order (a value of the left type fits the right one).
_NUMERIC_ORDER = {"Integer": 0, "Long": 1, "Float": 2, "Double": 3, "Number": 4}
_LOW_BOUNDS = ("minimum", "min_length", "min_items")
_HIGH_BOUNDS = ("maximum", "max_length", "max_items")
_LOCATION_WORDS = {
    "path": "path parameter",
    "query": "query parameter",
    "header": "header",
    "body": "body field",
    "response": "response field",
}


def _show(value: Any) -> str:
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _enum_values(raw: Mapping[str, Any]) -> list[Any]:
    return [item["value"] if isinstance(item, dict) else item for item in raw.get("enum", [])]


def _enum_key(value: Any) -> tuple[str, Any]:
    return (type(value).__name__, value)  # true and 1 are different enum values


class _Comparer:
    def __init__(self) -> None:
        self.changes: list[Change] = []

    def emit(
        self,
        rule_id: str,
        source: SourceSpec,
        pointer: Pointer,
        operation: str,
        path: str,
        old: Any,
        new: Any,
        message: str,
        *,
        removal: bool = False,
        subject: str = "",
        key: bool = False,
    ) -> None:
        line, _ = source.where(pointer, key=key)
        self.changes.append(
            Change(
                rule_id=rule_id,
                service=source.service,
                operation=operation,
                path=path,
                old=None if old is None else _show(old),
                new=None if new is None else _show(new),
                message=message,
                file=source.display,
                line=line,
                side="old" if removal else "new",
                subject=subject,
            )
        )

    # -- trees and operations --------------------------------------------------------------
    def trees(self, old: TreeView, new: TreeView) -> None:
        for name in sorted(old.services.keys() & new.services.keys()):
            before, after = old.services[name].source, new.services[name].source
            for key, rule_id in (("client_class", "sdk-client-renamed"), ("endpoint", "service-endpoint-changed")):
                was, now = before.data[key], after.data[key]
                if was != now:
                    self.emit(rule_id, after, (key,), "", "", was, now, f"{key} changed from `{was}` to `{now}`")
        removed = {k: v for k, v in old.operations.items() if k not in new.operations}
        added = {k: v for k, v in new.operations.items() if k not in old.operations}
        for (service, old_name), (_, new_name) in self.renames(removed, added):
            was, now = removed.pop((service, old_name)), added.pop((service, new_name))
            method, path = now.data["method"], now.data["path"]
            self.emit(
                "operation-renamed",
                now.source,
                (),
                new_name,
                "",
                old_name,
                new_name,
                f"renamed? `{old_name}` was removed and `{new_name}` added with the same {method} {path};"
                f" the client method `{old_name}()` is now `{new_name}()`",
            )
            self.operation(was, now)
        for pair in sorted(old.operations.keys() & new.operations.keys()):
            self.operation(old.operations[pair], new.operations[pair])
        for view in removed.values():
            self.emit(
                "operation-removed",
                view.source,
                (),
                view.name,
                "",
                f"{view.data['method']} {view.data['path']}",
                None,
                f"operation removed: `{view.name}()` ({view.data['method']} {view.data['path']})",
                removal=True,
            )
        for view in added.values():
            self.emit(
                "operation-added",
                view.source,
                (),
                view.name,
                "",
                None,
                f"{view.data['method']} {view.data['path']}",
                f"operation added: `{view.name}()` ({view.data['method']} {view.data['path']})",
            )

    @staticmethod
    def renames(
        removed: Mapping[tuple[str, str], OperationView], added: Mapping[tuple[str, str], OperationView]
    ) -> list[tuple[tuple[str, str], tuple[str, str]]]:
        """Pairs of a removed and an added operation of one service with the same method and path, when unique."""
        by_shape: dict[tuple[str, str, str], tuple[list[tuple[str, str]], list[tuple[str, str]]]] = {}
        for side, views in ((0, removed), (1, added)):
            for key, view in views.items():
                by_shape.setdefault((view.service, *view.shape), ([], []))[side].append(key)
        return [(gone[0], came[0]) for gone, came in by_shape.values() if len(gone) == len(came) == 1]

    def operation(self, old: OperationView, new: OperationView) -> None:
        name, src = new.name, new.source
        for key, rule_id in (("method", "operation-method-changed"), ("path", "operation-path-changed")):
            if old.data[key] != new.data[key]:
                self.emit(
                    rule_id,
                    src,
                    (key,),
                    name,
                    "",
                    old.data[key],
                    new.data[key],
                    f"{key} changed from `{old.data[key]}` to `{new.data[key]}`",
                )
        if new.data.get("deprecated") and not old.data.get("deprecated"):
            self.emit("operation-deprecated", src, ("deprecated",), name, "", None, True, "operation deprecated")
        self.methods(old, new)
        for section in ("pagination", "waiter", "job"):
            before, after = old.data.get(section), new.data.get(section)
            if not (before and after) or _without_name(before) == _without_name(after):
                continue  # a section added or removed is a client method added or removed, said in methods()
            if before != after:
                restyled = section == "pagination" and paging_style(before) != paging_style(after)
                self.emit(
                    "operation-pagination-style-changed" if restyled else f"operation-{section}-changed",
                    src,
                    (section,),
                    name,
                    section,
                    _flat(before),
                    _flat(after),
                    f"the `{section}` section changed",
                    key=True,
                )
        old_body, new_body = old.data.get("request_body"), new.data.get("request_body")
        if old_body and new_body:
            was, now = content_type(old_body), content_type(new_body)
            if was != now:
                self.emit(
                    "request-content-type-changed",
                    src,
                    ("request_body", "content_type"),
                    name,
                    "body",
                    was,
                    now,
                    f"request content type changed from `{was}` to `{now}`",
                )
        self.keywords(old, new)
        self.fields(old, new, old.request, new.request, "request")
        self.responses(old, new)

    def methods(self, old: OperationView, new: OperationView) -> None:
        """Client methods that come from the hand-written sections: iterators, waiters, workflows."""
        name = new.name
        for role in sorted(old.methods.keys() | new.methods.keys()):
            if role == "method":
                continue  # the operation's own method: operation-renamed, -removed and -added say it
            was, now = old.methods.get(role), new.methods.get(role)
            if was and now and was[0] != now[0]:
                self.emit(
                    "sdk-method-renamed",
                    new.source,
                    now[1],
                    name,
                    "",
                    f"{was[0]}()",
                    f"{now[0]}()",
                    f"client method `{was[0]}()` renamed to `{now[0]}()`",
                    subject=role,
                )
            elif bool(was) != bool(now):
                gone = now is None
                method, section = (was if gone else now) or ("", ("",))
                what = f"`{section[0]}` section"
                how = f"removed (no {what} any more)" if gone else f"added (from the new {what})"
                self.emit(
                    "sdk-method-removed" if gone else "sdk-method-added",
                    (old if gone else new).source,
                    section,
                    name,
                    "",
                    f"{method}()" if gone else None,
                    None if gone else f"{method}()",
                    f"client method `{method}()` {how}",
                    removal=gone,
                    subject=role,
                    key=True,
                )

    def keywords(self, old: OperationView, new: OperationView) -> None:
        """Keyword arguments of the operation's method that users' code names and that no longer work."""
        before, after = old.keywords, new.keywords
        remaining = set(after.values())
        for key, was in before.items():
            now = after.get(key)
            if now is not None and now != was:
                field = new.request[key]
                self.emit(
                    "sdk-keyword-renamed",
                    new.source,
                    field.pointer,
                    new.name,
                    field.path,
                    was,
                    now,
                    f"keyword argument `{was}` of `{new.name}()` renamed to `{now}`",
                )
            elif now is None and was not in remaining:  # a parameter that moved keeps its keyword
                field = old.request[key]
                self.emit(
                    "sdk-keyword-removed",
                    old.source,
                    field.pointer,
                    new.name,
                    field.path,
                    was,
                    None,
                    f"keyword argument `{was}` removed from `{new.name}()`",
                    removal=True,
                )

    # -- fields --------------------------------------------------------------------------
    def fields(
        self,
        old_op: OperationView,
        new_op: OperationView,
        old: Mapping[str, FieldView],
        new: Mapping[str, FieldView],
        direction: Direction,
    ) -> None:
        name = new_op.name
        changed_type: set[str] = set()
        for key in [k for k in old if k in new]:
            if not self.field(old_op, new_op, old[key], new[key], direction):
                changed_type.add(key)
        gone = {k: f for k, f in old.items() if k not in new}
        came = {k: f for k, f in new.items() if k not in old}
        if direction == "request":
            for key, before in list(gone.items()):
                if before.parent is not None:
                    continue
                moved = [k for k, f in came.items() if f.parent is None and f.name.lower() == before.name.lower()]
                if len(moved) == 1:
                    after = came.pop(moved[0])
                    del gone[key]
                    changed_type.add(key)  # what is below a moved field is not compared
                    self.emit(
                        "request-field-location-changed",
                        new_op.source,
                        after.pointer,
                        name,
                        after.path,
                        before.location,
                        after.location,
                        f"`{after.name}` moved from the {_LOCATION_WORDS[before.location]}s"
                        f" to the {_LOCATION_WORDS[after.location]}s",
                    )
        skip = changed_type | gone.keys() | came.keys()
        for before in gone.values():
            if before.runtime or _below(before, skip, old):
                continue
            self.emit(
                f"{direction}-field-removed",
                old_op.source,
                before.pointer,
                name,
                before.path,
                before.type,
                None,
                f"{_label(before)} removed",
                removal=True,
            )
        for after in came.values():
            if after.runtime or _below(after, skip, new):
                continue
            if direction == "response":
                rule_id, how = "response-field-added", ""
            else:
                rule_id = f"request-field-{'required' if after.required else 'optional'}-added"
                how = "required " if after.required else "optional "
            self.emit(
                rule_id,
                new_op.source,
                after.pointer,
                name,
                after.path,
                None,
                after.type,
                f"{how}{_label(after)} added",
            )

    def field(
        self, old_op: OperationView, op: OperationView, old: FieldView, new: FieldView, direction: Direction
    ) -> bool:
        """Compare one field on both sides; False when its type changed (so nothing below it is compared)."""
        src, name, path = op.source, op.name, new.path
        pointer = new.pointer

        def emit(rule: str, key: str, was: Any, now: Any, message: str, **extra: Any) -> None:
            at = (*pointer, key) if key in new.raw else pointer
            self.emit(f"{direction}-field-{rule}", src, at, name, path, was, now, f"{_label(new)}: {message}", **extra)

        top_request = direction == "request" and new.parent is None
        if not top_request and old.python != new.python:  # keyword arguments are compared by keywords()
            self.emit(
                "sdk-attribute-renamed",
                src,
                pointer,
                name,
                path,
                old.python,
                new.python,
                f"model attribute `{old.python}` of {_label(new)} renamed to `{new.python}`",
            )
        if old.required != new.required:
            rule = "became-required" if new.required else "became-optional"
            emit(rule, "required", old.required, new.required, rule.replace("-", " "))
        if old.type != new.type:
            rank_old, rank_new = _NUMERIC_ORDER.get(old.type), _NUMERIC_ORDER.get(new.type)
            rule = "type-changed"
            if rank_old is not None and rank_new is not None and rank_old != rank_new:
                rule = "type-widened" if rank_new > rank_old else "type-changed"
                if direction == "response" and rank_new < rank_old:
                    rule = "type-narrowed"
            emit(rule, "type", old.type, new.type, f"type changed from {old.type} to {new.type}")
            return False
        self.enums(old_op, op, old, new, direction)
        narrowed, widened = _bounds(old.raw, new.raw)
        for rule, moves in (("range-narrowed", narrowed), ("range-widened", widened)):
            if moves:
                keys = [k for k, _, _ in moves]
                emit(
                    rule,
                    keys[0],
                    ", ".join(f"{k}: {_show(o)}" for k, o, _ in moves),
                    ", ".join(f"{k}: {_show(n)}" for k, _, n in moves),
                    rule.replace("range-", "limits ")
                    + ": "
                    + ", ".join(f"{k} {_show(o)} → {_show(n)}" for k, o, n in moves),
                )
        if direction == "request" and new.type.startswith("Array") and new.location in ("path", "query", "header"):
            before, after = (collection_format(f.location, f.raw.get("collection_format")) for f in (old, new))
            if before != after:
                emit("collection-format-changed", "collection_format", before, after, f"sent as {after}, not {before}")
        if direction == "request":
            for key, rule in (("pattern", "pattern-changed"), ("default", "default-changed")):
                was, now = old.raw.get(key), new.raw.get(key)
                if was != now or (key in old.raw) != (key in new.raw):
                    emit(rule, key, was, now, f"{key} changed from {_show(was)} to {_show(now)}")
        was, now = bool(old.raw.get("nullable")), bool(new.raw.get("nullable"))
        if was != now:  # a request that may send null is more lenient; a response that may, less
            emit("became-nullable" if now else "no-longer-nullable", "nullable", was, now, f"nullable: {was} → {now}")
        if new.raw.get("deprecated") and not old.raw.get("deprecated"):
            emit("deprecated", "deprecated", None, True, "deprecated")
        return True

    def enums(
        self, old_op: OperationView, op: OperationView, old: FieldView, new: FieldView, direction: Direction
    ) -> None:
        """Values removed or added one by one; a whole enumeration appearing or going as one change."""
        before, after = _enum_values(old.raw), _enum_values(new.raw)
        if before == after:
            return
        src, path, pointer = op.source, new.path, new.pointer
        if not before or not after:
            rule = "enum-introduced" if after else "enum-dropped"
            at = (*pointer, "enum") if after else pointer
            text = "takes only the values " if after else "no longer limited to "
            values = ", ".join(map(_show, after or before))
            self.emit(
                f"{direction}-field-{rule}",
                src,
                at,
                op.name,
                path,
                None if after else values,
                values if after else None,
                f"{_label(new)} {text}{values}",
            )
            return
        old_keys = {_enum_key(v): i for i, v in enumerate(before)}
        new_keys = {_enum_key(v): i for i, v in enumerate(after)}
        for value in before:
            if _enum_key(value) not in new_keys:
                self.emit(
                    f"{direction}-field-enum-value-removed",
                    old_op.source,
                    (*old.pointer, "enum", old_keys[_enum_key(value)]),
                    op.name,
                    path,
                    value,
                    None,
                    f"{_label(new)}: enum value {_show(value)} removed",
                    removal=True,
                    subject=_show(value),
                )
        for value in after:
            if _enum_key(value) not in old_keys:
                at = (*pointer, "enum", new_keys[_enum_key(value)])
                self.emit(
                    f"{direction}-field-enum-value-added",
                    src,
                    at,
                    op.name,
                    path,
                    None,
                    value,
                    f"{_label(new)}: enum value {_show(value)} added",
                    subject=_show(value),
                )

    # -- responses -------------------------------------------------------------------------
    def responses(self, old: OperationView, new: OperationView) -> None:
        name = new.name
        pairs: list[tuple[ResponseView, ResponseView]] = []
        old_ok, new_ok = old.success, new.success
        if old_ok and new_ok and old_ok != new_ok and old_ok not in new.responses and new_ok not in old.responses:
            self.emit(
                "response-success-status-changed",
                new.source,
                new.responses[new_ok].pointer,
                name,
                new_ok,
                old_ok,
                new_ok,
                f"success status changed from {old_ok} to {new_ok}",
                key=True,
            )
            pairs.append((old.responses[old_ok], new.responses[new_ok]))
            skip = {old_ok, new_ok}
        else:
            skip = set()
        for status in sorted(old.responses.keys() | new.responses.keys()):
            before, after = old.responses.get(status), new.responses.get(status)
            if status in skip:
                continue
            if before and after:
                pairs.append((before, after))
            elif before:
                self.emit(
                    "response-success-status-removed" if status.startswith("2") else "response-status-removed",
                    old.source,
                    before.pointer,
                    name,
                    status,
                    status,
                    None,
                    f"status {status} no longer documented",
                    removal=True,
                    key=True,
                )
            elif after:
                self.emit(
                    "response-success-status-added" if status.startswith("2") else "response-status-added",
                    new.source,
                    after.pointer,
                    name,
                    status,
                    None,
                    status,
                    f"status {status} may now be returned",
                    key=True,
                )
        for before, after in pairs:
            if before.is_file != after.is_file:
                rule = "response-became-file" if after.is_file else "response-became-json"
                shapes = ("a file download", "a JSON body") if after.is_file else ("a JSON body", "a file download")
                shape_old, shape_new = ("body", "file") if after.is_file else ("file", "body")
                self.emit(
                    rule,
                    new.source,
                    (*after.pointer, "file") if after.is_file else after.pointer,
                    name,
                    after.status,
                    shape_old,
                    shape_new,
                    f"status {after.status} now returns {shapes[0]}",
                )
                continue
            if not after.status.startswith("2"):  # an error body is read leniently: one warning per status
                self.error_body(new, before, after)
                continue
            self.fields(old, new, _rebased(before, after.status), after.fields, "response")
            for change in header_changes(after.status, before.headers, after.headers):
                side = old.source if change.removal else new.source
                self.emit(
                    change.rule_id,
                    side,
                    change.pointer,
                    name,
                    change.path,
                    change.old,
                    change.new,
                    change.message,
                    removal=change.removal,
                )


    def error_body(self, new: OperationView, before: ResponseView, after: ResponseView) -> None:
        """An error status's body table, compared as a whole: the raised error's typed `body` changes
        with it (a body that no longer matches is kept as it came, so nothing breaks)."""
        old_shape = {k: f.type for k, f in before.fields.items()}
        new_shape = {k: f.type for k, f in after.fields.items()}
        if old_shape == new_shape:
            return
        cut = len(after.status) + 1
        parts = [f"- `{k[cut:]}`" for k in old_shape if k not in new_shape]
        parts += [f"+ `{k[cut:]}`" for k in new_shape if k not in old_shape]
        parts += [f"`{k[cut:]}`: {old_shape[k]} → {t}" for k, t in new_shape.items() if old_shape.get(k, t) != t]
        self.emit(
            "response-error-body-changed",
            new.source,
            after.pointer,
            new.name,
            after.status,
            ", ".join(sorted(k[cut:] for k in old_shape)) or None,
            ", ".join(sorted(k[cut:] for k in new_shape)) or None,
            f"the {after.status} error body changed: {', '.join(parts)}",
            key=True,
        )


def _rebased(response: ResponseView, status: str) -> dict[str, FieldView]:
    """A response's fields keyed as if under another status: the success body across a status change."""
    if response.status == status:
        return response.fields
    cut = len(response.status)
    return {f"{status}{k[cut:]}": _moved(f, status, cut) for k, f in response.fields.items()}


def _moved(view: FieldView, status: str, cut: int) -> FieldView:
    parent = f"{status}{view.parent[cut:]}" if view.parent else None
    return replace(view, key=f"{status}{view.key[cut:]}", path=f"{status}{view.path[cut:]}", parent=parent)


def _below(view: FieldView, keys: set[str], fields: Mapping[str, FieldView]) -> bool:
    """Whether an enclosing field is itself added, removed, moved or retyped (and so reported instead)."""
    parent = view.parent
    while parent is not None:
        if parent in keys:
            return True
        parent = fields[parent].parent if parent in fields else None
    return False


def _without_name(section: Mapping[str, Any]) -> dict[str, Any]:
    """A waiter's name is its client method's name: a new one is reported as a renamed method, not here."""
    return {k: v for k, v in section.items() if k != "name"}


def _what(view: FieldView) -> str:
    return _LOCATION_WORDS[view.location]


def _label(view: FieldView) -> str:
    """`query parameter `limit``, `body field `apps[].id``, `response field `count` (200)`."""
    head, _, rest = view.path.partition(".")
    return f"{_what(view)} `{rest}`" + (f" ({head})" if view.location == "response" else "")


def _flat(section: Mapping[str, Any]) -> str:
    def text(value: Any) -> str:
        if isinstance(value, dict):
            return "{" + ", ".join(f"{k}: {text(v)}" for k, v in value.items()) + "}"
        if isinstance(value, list):
            return "[" + ", ".join(text(v) for v in value) + "]"
        return _show(value)

    return text(dict(section))


def _bounds(
    old: Mapping[str, Any], new: Mapping[str, Any]
) -> tuple[list[tuple[str, Any, Any]], list[tuple[str, Any, Any]]]:
    """Which limits moved inward (fewer values allowed) and which outward; a new limit is inward."""
    narrowed: list[tuple[str, Any, Any]] = []
    widened: list[tuple[str, Any, Any]] = []
    for keys, sign in ((_LOW_BOUNDS, 1), (_HIGH_BOUNDS, -1)):
        for key in keys:
            was, now = old.get(key), new.get(key)
            if was == now:
                continue
            inward = was is None or (now is not None and (now - was) * sign > 0)
            (narrowed if inward else widened).append((key, was, now))
    return narrowed, widened


def compare(old: TreeView, new: TreeView) -> list[Change]:
    comparer = _Comparer()
    comparer.trees(old, new)
    return sorted(comparer.changes, key=Change.sort_key)
