"""The route table: every operation's method and path template, compiled once, matched per request.

Services share one host. A request path may carry a `/{endpoint}` prefix (`/hss/v5/...`), or its Host
may start with a service's endpoint label (`hss.cn-north-4.myhuaweicloud.com`); either restricts the
match to that service, which is how two services with the same method and path would be told apart.
Literal segments win over placeholders, so `/jobs/export/template` is never read as `/jobs/{id}/...`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import unquote

from ..model.api import Api, Operation, Service
from .errors import METHOD_CODE, NOT_FOUND_CODE, MockError

__all__ = ["Match", "Route", "RouteTable"]


_PLACEHOLDER = re.compile(r"\{([^{}]+)\}")


@dataclass(frozen=True)
class Route:
    """One operation: its template split into segments; a segment `None` is a placeholder, a pattern
    a segment that mixes placeholders and text (DNS's `{region}:{floatingip_id}`)."""

    service: Service
    operation: Operation
    segments: tuple[str | re.Pattern[str] | None, ...]
    names: tuple[str, ...]  # placeholder names, in path order

    @classmethod
    def compile(cls, service: Service, operation: Operation) -> Route:
        segments: list[str | re.Pattern[str] | None] = []
        names: list[str] = []
        for part in operation.path.strip("/").split("/"):
            found = _PLACEHOLDER.findall(part)
            if part.startswith("{") and part.endswith("}") and len(found) == 1:
                segments.append(None)
            elif found:
                pieces = _PLACEHOLDER.split(part)  # text, name, text, name, ..., text
                regex = "".join(re.escape(p) if i % 2 == 0 else "(.+?)" for i, p in enumerate(pieces))
                segments.append(re.compile(f"{regex}$"))
            else:
                segments.append(part)
            names += found
        return cls(service, operation, tuple(segments), tuple(names))

    @property
    def specificity(self) -> tuple[bool, ...]:
        """Sort key: literal segments first, from the left."""
        return tuple(isinstance(s, str) for s in self.segments)

    def match(self, parts: list[str]) -> dict[str, str] | None:
        """The decoded path parameters if `parts` (raw segments) fit this template."""
        if len(parts) != len(self.segments):
            return None
        values: list[str] = []
        for part, segment in zip(parts, self.segments, strict=True):
            if segment is None:
                if not part:  # `//`: no value, not an empty one
                    return None
                values.append(unquote(part))
            elif isinstance(segment, re.Pattern):
                found = segment.match(part)
                if found is None:
                    return None
                values += [unquote(v) for v in found.groups()]
            elif unquote(part) != segment:
                return None
        return dict(zip(self.names, values, strict=True))


@dataclass(frozen=True)
class Match:
    route: Route
    path_params: dict[str, str]


class RouteTable:
    """Method + path → operation, with 404 and 405 (and its Allow header) for everything else."""

    def __init__(self, api: Api) -> None:
        routes = [Route.compile(service, op) for service in api.services for op in service.operations]
        # Most specific first, so the first fitting route of a method is the one to take.
        self._routes = sorted(routes, key=lambda r: r.specificity, reverse=True)
        self._endpoints = {service.endpoint: service.name for service in api.services}

    @property
    def routes(self) -> tuple[Route, ...]:
        return tuple(self._routes)

    def _service_hint(self, parts: list[str], host: str) -> tuple[str | None, list[str]]:
        """The service named by a path prefix or the Host's first label, and the path without the prefix."""
        if parts and parts[0] in self._endpoints:
            return self._endpoints[parts[0]], parts[1:]
        label = host.split(".", 1)[0] if "." in host else ""
        return self._endpoints.get(label), parts

    def resolve(self, method: str, raw_path: str, host: str = "") -> Match:
        """The operation for this request, or MockError 404 (no such path) / 405 (path known, method not)."""
        parts = raw_path.strip("/").split("/") if raw_path.strip("/") else []
        service, rest = self._service_hint(parts, host)
        allowed: set[str] = set()
        for route, params in self._fitting(rest, service):
            if route.operation.method == method:
                return Match(route, params)
            allowed.add(route.operation.method)
        if allowed:
            listed = ", ".join(sorted(allowed))
            raise MockError(
                405, METHOD_CODE, f"method {method} is not allowed on this path; allowed: {listed}", {"Allow": listed}
            )
        raise MockError(404, NOT_FOUND_CODE, "The API does not exist or has not been published in the environment")

    def _fitting(self, parts: list[str], service: str | None) -> Iterable[tuple[Route, dict[str, str]]]:
        for route in self._routes:
            if service is not None and route.service.name != service:
                continue
            params = route.match(parts)
            if params is not None:
                yield route, params
