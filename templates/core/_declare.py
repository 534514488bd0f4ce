"""The decorators a generated client module declares its methods with: `declare.operation(...)` and the rest.

`operation` and `download` (here) make an `Operation` from an HTTP route and where each argument is
sent; `paged`, `marker_paged`, `pages_of`, `waiter`, `workflow` and `download_workflow` (`_chain`)
build on operations already declared.
"""

from collections.abc import Callable, Mapping
from typing import TypeVar

from ._chain import download_workflow, marker_paged, paged, pages_of, waiter, workflow
from ._constants import DEFAULT_CONTENT_TYPE, IDEMPOTENT_METHODS
from ._download import AsyncDownload, Download
from ._endpoint import Endpoint, Statuses, by_status
from ._operation import Awaited, Declaration, Operation, P, _names

__all__ = [
    "download",
    "download_workflow",
    "marker_paged",
    "operation",
    "paged",
    "pages_of",
    "waiter",
    "workflow",
]

R = TypeVar("R")


def _endpoint(
    route: str,
    *,
    query: str,
    headers: str,
    body: str,
    wire: Mapping[str, str] | None,
    csv: str,
    nullable: str,
    nulls_inside: str,
    response_headers: str,
    whole_body: bool,
    upload: str,
    files: str,
    content_type: str,
    idempotent: bool | None,
    file: bool,
    results: Statuses | None = None,
    errors: Statuses | None = None,
) -> Endpoint:
    method, _, path = route.partition(" ")
    wire = wire or {}
    python = {name: attr for attr, name in wire.items()}
    placeholders = [part.split("}", 1)[0] for part in path.split("{")[1:]]

    def pairs(names: str) -> tuple[tuple[str, str], ...]:
        return tuple((attr, wire.get(attr, attr)) for attr in _names(names))

    return Endpoint(
        name="",
        method=method,
        path=path,
        path_params=tuple((python.get(name, name), name) for name in placeholders),
        query=pairs(query),
        headers=pairs(headers),
        body=pairs(body),
        csv=frozenset(_names(csv)),
        nullable=frozenset(_names(nullable)),
        nulls_inside=frozenset(_names(nulls_inside)),
        response_headers=_names(response_headers),
        whole_body=whole_body,
        upload=upload,
        files=frozenset(_names(files)),
        content_type=content_type,
        idempotent=method in IDEMPOTENT_METHODS if idempotent is None else idempotent,
        file=file,
        results=by_status(results),
        errors=by_status(errors),
    )


def operation(
    route: str,
    *,
    query: str = "",
    headers: str = "",
    body: str = "",
    wire: Mapping[str, str] | None = None,
    csv: str = "",
    nullable: str = "",
    nulls_inside: str = "",
    response_headers: str = "",
    whole_body: bool = False,
    upload: str = "",
    files: str = "",
    content_type: str = DEFAULT_CONTENT_TYPE,
    idempotent: bool | None = None,
    results: Statuses | None = None,
    errors: Statuses | None = None,
) -> Callable[[Declaration[P, R]], Operation[P, R, Awaited[R]]]:
    """Declare an operation: `route` is "METHOD /path/{param}"; `query`, `headers` and `body` name
    the parameters sent there (space-separated); `csv` the query arrays sent comma-joined under one
    key (the others repeat the key per value; a header's or the path's arrays are always joined);
    `nullable` the body arguments whose None is sent as null when passed (left out, they are not
    sent), `nulls_inside` those whose objects hold such fields; `wire` maps a parameter to its name on the wire where the two differ; `response_headers` names
    the headers of the answer read into the result (its attributes accept the header names); `whole_body`
    says the one `body` argument is sent as the whole JSON body (an array or a map); `upload` is
    "binary" (the one body argument is a file sent as the whole body) or "multipart" (the body
    arguments are form-data parts, `files` naming the file parts); `idempotent` defaults to the method's (RFC 9110), and only idempotent
    calls are retried. The declaration's return annotation is the model the answer is read into;
    where the documented 2xx statuses differ, `results` maps each (a status or a tuple of them) to its
    own (`{200: models.A, 204: None}`) and the annotation is their union. `errors` maps error
    statuses to the type of their documented body, which the raised error's `body` is read into."""
    endpoint = _endpoint(
        route,
        query=query,
        headers=headers,
        body=body,
        wire=wire,
        csv=csv,
        nullable=nullable,
        nulls_inside=nulls_inside,
        response_headers=response_headers,
        whole_body=whole_body,
        upload=upload,
        files=files,
        content_type=content_type,
        idempotent=idempotent,
        file=False,
        results=results,
        errors=errors,
    )
    return lambda signature: Operation(signature, endpoint)


def download(
    route: str,
    *,
    query: str = "",
    headers: str = "",
    body: str = "",
    wire: Mapping[str, str] | None = None,
    csv: str = "",
    nullable: str = "",
    nulls_inside: str = "",
    response_headers: str = "",
    whole_body: bool = False,
    upload: str = "",
    files: str = "",
    content_type: str = DEFAULT_CONTENT_TYPE,
    idempotent: bool | None = None,
    errors: Statuses | None = None,
) -> Callable[[Declaration[P, Download]], Operation[P, Download, Awaited[AsyncDownload]]]:
    """Declare an operation whose answer is a file (`-> Download`), streamed rather than read into
    memory; the async client returns an `AsyncDownload`."""
    endpoint = _endpoint(
        route,
        query=query,
        headers=headers,
        body=body,
        wire=wire,
        csv=csv,
        nullable=nullable,
        nulls_inside=nulls_inside,
        response_headers=response_headers,
        whole_body=whole_body,
        upload=upload,
        files=files,
        content_type=content_type,
        idempotent=idempotent,
        file=True,
        errors=errors,
    )
    return lambda signature: Operation(signature, endpoint)
