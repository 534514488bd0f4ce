"""The mock's ASGI application: route, authenticate, validate, then answer as the spec documents.

Starlette provides the request and response objects; the routing is the mock's own route table
(Starlette's router would not match a path with an encoded line break, and answers such a request
with a text/plain 404 the specs do not document). Validators and response builders are compiled once
from the typed model. A bug in the mock is answered with a JSON 500 (HWGEN.0500) and logged.

Every answer carries `X-Request-Id`: a 32-hex-digit counter (1, 2, … per app), so runs are
reproducible and ids easy to follow in logs.
"""

from __future__ import annotations

import itertools
import logging
from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from ..model.api import Api, Operation, Service
from .errors import MockError, auth_error, bad_request
from .responses import file_body, file_name, header_text, json_bytes, success_body
from .routing import Match, RouteTable
from .signature import AkSkVerifier, looks_signed
from .state import DEFAULT_PENDING_READS, OUTCOME_HEADER, TaskStore
from .validation import Checked, RequestValidator

__all__ = ["STATUS_HEADER", "MockApp", "MockOptions"]

STATUS_HEADER = "X-Hwgen-Status"  # on a request: answer with this documented status instead of the first 2xx

_JSON = "application/json"
_FILE = "application/octet-stream"
_AUTH_HEADERS = ("x-auth-token", "authorization")
_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class MockOptions:
    """How the mock behaves: `stateful` task store (with `seed` tasks per list), AK/SK keys to verify."""

    stateful: bool = False
    aksk: tuple[str, str] | None = None
    seed: int = 25
    pending_reads: int = DEFAULT_PENDING_READS


@dataclass(frozen=True)
class _Compiled:
    """What is known about one operation before any request arrives."""

    service: Service
    validator: RequestValidator
    needs_auth: bool
    body: bytes | None  # the documented JSON answer, or None (no body, or a file)
    others: dict[int, bytes | None]  # every documented status's JSON answer, for STATUS_HEADER


class MockApp:
    """An ASGI app serving every operation of `api`."""

    def __init__(self, api: Api, options: MockOptions | None = None) -> None:
        self.options = options or MockOptions()
        self.routes = RouteTable(api)
        self._compiled: dict[tuple[str, str], _Compiled] = {}
        for service in api.services:
            models = {m.class_name: m for m in service.models}
            for op in service.operations:
                body = success_body(op.success, models) if op.success and not op.success.is_file else None
                self._compiled[(service.name, op.name)] = _Compiled(
                    service,
                    RequestValidator(op, models),
                    any(
                        p.location == "header" and p.required and p.name.lower() in _AUTH_HEADERS for p in op.parameters
                    ),
                    None if body is None else json_bytes(body),
                    {r.status: _json_or_none(success_body(r, models)) for r in op.responses if not r.is_file},
                )
        self._store = (
            TaskStore(api, seed=self.options.seed, pending_reads=self.options.pending_reads)
            if self.options.stateful
            else None
        )
        self._verifier = AkSkVerifier(*self.options.aksk) if self.options.aksk else None
        self._ids = itertools.count(1)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":  # no websockets; lifespan events are not sent (uvicorn runs with lifespan off)
            return
        response = await self._endpoint(Request(scope, receive))
        await response(scope, receive, send)

    async def _endpoint(self, request: Request) -> Response:
        request_id = f"{next(self._ids):032x}"
        try:
            response = await self._handle(request)
        except MockError as exc:
            response = Response(json_bytes(exc.body), exc.status, exc.headers, _JSON)
        except Exception:
            _log.exception("hwgen mock: request %s failed", request_id)
            body = {"error_code": "HWGEN.0500", "error_msg": f"the mock failed on this request (id {request_id})"}
            response = Response(json_bytes(body), 500, media_type=_JSON)
        response.headers["X-Request-Id"] = request_id
        return response

    async def _handle(self, request: Request) -> Response:
        raw_path = bytes(request.scope.get("raw_path") or request.url.path.encode()).decode("latin-1")
        match = self.routes.resolve(request.method, raw_path, request.headers.get("host", ""))
        op = match.route.operation
        compiled = self._compiled[(match.route.service.name, op.name)]
        body = await request.body()
        self._authenticate(request, compiled, raw_path, body)
        checked = compiled.validator.check(
            match.path_params,
            request.query_params.multi_items(),
            request.headers,
            request.headers.get("content-type"),
            body,
        )
        chosen = request.headers.get(STATUS_HEADER)
        if chosen is not None:
            return self._chosen(match, compiled, chosen.strip())
        return self._answer(match, compiled, checked, request.headers.get(OUTCOME_HEADER))

    def _chosen(self, match: Match, compiled: _Compiled, chosen: str) -> Response:
        """The answer of a documented status the request asked for: its example or synthesised body
        and its headers; an error status without a documented body gets a Huawei-style one."""
        op: Operation = match.route.operation
        response = next((r for r in op.responses if str(r.status) == chosen), None)
        if response is None:
            listed = ", ".join(str(r.status) for r in op.responses)
            raise bad_request(f"{STATUS_HEADER}: {chosen!r} is not a documented status of {op.name} ({listed})")
        if response.is_file:
            content = file_body(op, match.path_params, response.example if response.has_example else None)
            return Response(content, response.status, media_type=_FILE)
        body = compiled.others.get(response.status)
        if body is None and not response.is_success:
            body = json_bytes({"error_code": f"HWGEN.{response.status}", "error_msg": response.description})
        answer = Response(body, response.status, media_type=_JSON if body is not None else None)
        for header in response.headers:
            answer.headers[header.name] = header_text(header)
        return answer

    def _authenticate(self, request: Request, compiled: _Compiled, raw_path: str, body: bytes) -> None:
        """A token or an AK/SK signature, where the page has an auth header; signatures checked under --aksk."""
        authorization = request.headers.get("authorization")
        if looks_signed(authorization):
            if self._verifier is not None:
                headers = [(k.decode("latin-1"), v.decode("latin-1")) for k, v in request.scope["headers"]]
                query = bytes(request.scope.get("query_string", b"")).decode("latin-1")
                self._verifier.verify(request.method, raw_path, query, headers, body)
            return
        if request.headers.get("x-auth-token") or not compiled.needs_auth:
            return
        if authorization:
            raise auth_error("the Authorization header is not an SDK-HMAC-SHA256 signature")
        raise auth_error("the request has neither an X-Auth-Token header nor an SDK-HMAC-SHA256 Authorization header")

    def _answer(self, match: Match, compiled: _Compiled, checked: Checked, outcome: str | None) -> Response:
        op: Operation = match.route.operation
        ok = op.success
        if ok is None:
            return Response(status_code=200)
        response = self._body_of(match, compiled, checked, outcome)
        for header in ok.headers:  # the documented response headers, as the page shows them
            response.headers[header.name] = header_text(header)
        return response

    def _body_of(self, match: Match, compiled: _Compiled, checked: Checked, outcome: str | None) -> Response:
        op: Operation = match.route.operation
        ok = op.success
        assert ok is not None
        stored = self._store.answer(compiled.service, op, checked, outcome) if self._store else None
        if stored is not None:
            return Response(json_bytes(stored), ok.status, media_type=_JSON)
        if ok.is_file:
            content = file_body(op, match.path_params, ok.example if ok.has_example else None)
            disposition = f'attachment; filename="{file_name(op, match.path_params)}"'
            return Response(content, ok.status, {"Content-Disposition": disposition}, _FILE)
        if compiled.body is None:
            return Response(status_code=ok.status)
        return Response(compiled.body, ok.status, media_type=_JSON)


def _json_or_none(body: object) -> bytes | None:
    return None if body is None else json_bytes(body)
