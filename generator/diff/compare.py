"""The rules applied: two trees of operation views in, a sorted list of changes out.

Direction decides the level: a request change breaks clients when the server accepts less than
before; a response change breaks them when more (or something else) may come back.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from ..model.derive import content_type, paging_style
from .change import Change
from .emitter import show
from .field_rules import FieldRules
from .headers import header_changes
from .views import FieldView, OperationView, ResponseView, TreeView

__all__ = ["compare"]


class _Comparer(FieldRules):
    """Trees, operations, methods and responses; fields and parameters by the rules it inherits."""

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


def _without_name(section: Mapping[str, Any]) -> dict[str, Any]:
    """A waiter's name is its client method's name: a new one is reported as a renamed method, not here."""
    return {k: v for k, v in section.items() if k != "name"}


def _flat(section: Mapping[str, Any]) -> str:
    def text(value: Any) -> str:
        if isinstance(value, dict):
            return "{" + ", ".join(f"{k}: {text(v)}" for k, v in value.items()) + "}"
        if isinstance(value, list):
            return "[" + ", ".join(text(v) for v in value) + "]"
        return show(value)

    return text(dict(section))


def compare(old: TreeView, new: TreeView) -> list[Change]:
    comparer = _Comparer()
    comparer.trees(old, new)
    return sorted(comparer.changes, key=Change.sort_key)
