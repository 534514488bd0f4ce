"""What every diff rule does when it fires: record a located change (`Emitter.emit`)."""

from __future__ import annotations

from typing import Any, Literal

from ..spec.load import Pointer, SourceSpec
from .change import Change

__all__ = ["Direction", "Emitter", "show"]

Direction = Literal["request", "response"]


def show(value: Any) -> str:
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


class Emitter:
    """Collects the changes the rules find, each located in the spec that shows it."""

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
                old=None if old is None else show(old),
                new=None if new is None else show(new),
                message=message,
                file=source.display,
                line=line,
                side="old" if removal else "new",
                subject=subject,
            )
        )
