"""The rules for fields and parameters: added, removed, retyped, narrowed, made required or
nullable, and their enumerations; the direction decides whether a change breaks clients."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..model.derive import collection_format
from .emitter import Direction, Emitter, show
from .views import FieldView, OperationView

__all__ = ["FieldRules"]

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


def _enum_values(raw: Mapping[str, Any]) -> list[Any]:
    return [item["value"] if isinstance(item, dict) else item for item in raw.get("enum", [])]


def _enum_key(value: Any) -> tuple[str, Any]:
    return (type(value).__name__, value)  # true and 1 are different enum values


class FieldRules(Emitter):
    """Field and enumeration rules, for the operation comparer to apply to each body and parameter list."""

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
                    ", ".join(f"{k}: {show(o)}" for k, o, _ in moves),
                    ", ".join(f"{k}: {show(n)}" for k, _, n in moves),
                    rule.replace("range-", "limits ")
                    + ": "
                    + ", ".join(f"{k} {show(o)} → {show(n)}" for k, o, n in moves),
                )
        if direction == "request" and new.type.startswith("Array") and new.location in ("path", "query", "header"):
            before, after = (collection_format(f.location, f.raw.get("collection_format")) for f in (old, new))
            if before != after:
                emit("collection-format-changed", "collection_format", before, after, f"sent as {after}, not {before}")
        if direction == "request":
            for key, rule in (("pattern", "pattern-changed"), ("default", "default-changed")):
                was, now = old.raw.get(key), new.raw.get(key)
                if was != now or (key in old.raw) != (key in new.raw):
                    emit(rule, key, was, now, f"{key} changed from {show(was)} to {show(now)}")
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
            values = ", ".join(map(show, after or before))
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
                    f"{_label(new)}: enum value {show(value)} removed",
                    removal=True,
                    subject=show(value),
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
                    f"{_label(new)}: enum value {show(value)} added",
                    subject=show(value),
                )

    # -- responses -------------------------------------------------------------------------


def _below(view: FieldView, keys: set[str], fields: Mapping[str, FieldView]) -> bool:
    """Whether an enclosing field is itself added, removed, moved or retyped (and so reported instead)."""
    parent = view.parent
    while parent is not None:
        if parent in keys:
            return True
        parent = fields[parent].parent if parent in fields else None
    return False


def _what(view: FieldView) -> str:
    return _LOCATION_WORDS[view.location]


def _label(view: FieldView) -> str:
    """`query parameter `limit``, `body field `apps[].id``, `response field `count` (200)`."""
    head, _, rest = view.path.partition(".")
    return f"{_what(view)} `{rest}`" + (f" ({head})" if view.location == "response" else "")


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
