"""Endpoint: the static description of one operation's request layout, from its declaration."""

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, NamedTuple

from ._constants import DEFAULT_CONTENT_TYPE

__all__ = ["Endpoint", "Statuses", "by_status"]

_NONE: Mapping[int, Any] = MappingProxyType({})
Statuses = Mapping[int | tuple[int, ...], Any]  # status(es) → the type a body with it is read into


def by_status(statuses: Statuses | None) -> dict[int, Any]:
    """`{(200, 202): X, 204: None}` → one entry per status."""
    flat: dict[int, Any] = {}
    for key, kind in (statuses or {}).items():
        flat.update(dict.fromkeys(key if isinstance(key, tuple) else (key,), kind))
    return flat


class Endpoint(NamedTuple):
    """Which parameter goes where: (Python name, wire name) pairs per location."""

    name: str
    method: str
    path: str
    path_params: tuple[tuple[str, str], ...] = ()
    query: tuple[tuple[str, str], ...] = ()
    headers: tuple[tuple[str, str], ...] = ()
    body: tuple[tuple[str, str], ...] = ()
    # query arrays sent comma-joined under one key, not repeated
    csv: frozenset[str] = frozenset()
    # body arguments whose None is sent as null when the caller passes it
    nullable: frozenset[str] = frozenset()
    # body arguments whose objects hold nullable fields: where the runtime looks for nulls to send
    nulls_inside: frozenset[str] = frozenset()
    # headers of the answer read into the result, as its documented attributes
    response_headers: tuple[str, ...] = ()
    # the one body argument is the whole JSON body (an array or a map), not a field of it
    whole_body: bool = False
    # "binary": the one body argument is a file sent as the whole body; "multipart": the body
    # arguments are form-data parts, those in `files` files
    upload: str = ""
    files: frozenset[str] = frozenset()
    content_type: str = DEFAULT_CONTENT_TYPE
    idempotent: bool = False
    file: bool = False
    # what each documented 2xx status is read into, when they differ (None: no body); else empty
    results: Mapping[int, Any] = _NONE
    # the type each error status's documented body is read into, on the raised error
    errors: Mapping[int, Any] = _NONE

    def named(self, name: str) -> "Endpoint":
        return self._replace(name=name)

    @property
    def path_names(self) -> tuple[str, ...]:
        return tuple(attr for attr, _ in self.path_params)
