"""Which spec a page goes to: the spec of its operation on its route, or a new one, named by rule.

A new spec is named (docs/spec-format.md, "Derived facts") by `--operation`, else the page's API
Explorer link as Huawei's SDKs name it, else method and route, else the English title. A route
may carry several operations (Huawei documents public and private DNS zones on one POST): a page
whose API Explorer name is another spec's on the same route goes to that spec.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..findings import Finding, Severity
from ..model.naming import is_snake_identifier
from .names import operation_name, route_name, snake
from .service import ServiceIndex, route_key

__all__ = ["find_target", "new_name", "titled_apart"]


def new_name(data: dict[str, Any], api_explorer: str | None, operation: str | None) -> tuple[str | None, str]:
    """The new spec's name and where it came from: --operation, API Explorer, the route, the title."""
    if operation:
        return operation, "--operation"
    if api := api_explorer:
        return snake(api), f"the page's API Explorer link ({api})"
    if name := route_name(data["method"], data["path"], _action_keys(data), _naming_action(data), _lists(data)):
        return name, f"its method and route ({data['method']} {data['path']})"
    return operation_name(str(data["title"])), "the title"


def find_target(
    service: ServiceIndex, data: dict[str, Any], operation: str | None, page: str, api_explorer: str | None
) -> Path | Finding:
    on_route = service.by_route.get(route_key(data["method"], data["path"]), [])
    name, origin = new_name(data, api_explorer, operation)
    if api_explorer and not operation:
        mine = [p for p in on_route if p.stem == snake(api_explorer)]
        if mine:
            return mine[0]
        others = [p for p in on_route if p not in service.touched and not _titled_apart(service, p, data)]
        if len(others) == 1 and not any(p in service.touched for p in on_route):
            return others[0]
    elif on_route:
        # A page updates the spec of its route, unless the route holds several operations: told apart
        # by the body's action ("create", "delete") or by their titles; then a page of another one is
        # another spec.
        action = _action_value(data)
        if action is None:
            same = [p for p in on_route if not _titled_apart(service, p, data)]
        else:
            same = [p for p in on_route if p in service.specs and _action_value(service.specs[p].data) == action]
        if same or (operation and action is None):
            return (same or on_route)[0]
    if name is None or not is_snake_identifier(name):
        return Finding(
            page,
            1,
            1,
            Severity.ERROR,
            f"cannot make an operation name from the title {data['title']!r}",
            "pass --operation NAME (snake_case)",
        )
    if origin.startswith("its method"):  # a derived name yields to an existing one with a suffix
        base, n = str(name), 2
        while name in service.routes:
            name, n = f"{base}_{n}", n + 1
    taken = service.routes.get(name)
    if taken is not None and origin.startswith("the page's API Explorer"):  # real pages link the wrong API at times
        fallback = route_name(data["method"], data["path"], _action_keys(data), _naming_action(data), _lists(data))
        base, n = str(fallback), 2
        while fallback is not None and fallback in service.routes:
            fallback, n = f"{base}_{n}", n + 1
        if fallback is not None:
            name, taken = fallback, None
    if taken is not None:
        where = f"{taken[0]} {taken[1]}"
        return Finding(
            page,
            1,
            1,
            Severity.ERROR,
            f"{service.directory / name}.yaml already exists for {where}, not for {data['method']} {data['path']}",
            "pass --operation with another name",
        )
    return service.directory / f"{name}.yaml"


def _action_keys(data: dict[str, Any]) -> list[str]:
    """An action's verb is its body's key only when that key holds the action's object ({"os-stop": {…}})."""
    return [f["name"] for f in data.get("request_body", {}).get("fields", [])[:1] if f["type"] == "Object"]


_PAGING = frozenset({"limit", "offset", "marker", "page", "page_size", "pagesize", "start"})


def _lists(data: dict[str, Any]) -> bool:
    """Whether the answer is a list: paged (a query parameter such as `limit`), or a JSON array."""
    if any(p["name"].lower() in _PAGING for p in data.get("parameters", {}).get("query", [])):
        return True
    return any("array" in r.get("body", {}) for code, r in data.get("responses", {}).items() if code[:1] == "2")


def _naming_action(data: dict[str, Any]) -> str | None:
    """The action that names the operation: "action" itself when the body's `action` field lists
    several values (one operation pauses or resumes: ActionScalingGroup), else `_action_value`."""
    fields = data.get("request_body", {}).get("fields", [])
    if any(f["name"] == "action" and len(f.get("enum", [])) > 1 for f in fields):
        return "action"
    return _action_value(data)


def _action_value(data: dict[str, Any]) -> str | None:
    """The verb of a body like `{"action": "create", "tags": […]}` (tag management, one route for
    several operations): the `action` value its example request sends, or the one value the URI
    fixes for an action query parameter (GES: `…/action?action_id=stop`)."""
    for param in data.get("parameters", {}).get("query", []):
        values = [v["value"] if isinstance(v, dict) else v for v in param.get("enum", [])]
        fixed = param.get("required") and len(values) == 1 and isinstance(values[0], str)
        if "action" in param["name"].lower() and fixed and re.fullmatch(r"[A-Za-z][A-Za-z_-]{1,30}", values[0]):
            return str(values[0])
    fields = data.get("request_body", {}).get("fields", [])
    if not any(f["name"] == "action" and f["type"] == "String" for f in fields):
        return None
    for example in data.get("request_examples", []):
        value = (example.get("body") or {}).get("action") if isinstance(example.get("body"), dict) else None
        if isinstance(value, str) and re.fullmatch(r"[A-Za-z][A-Za-z_-]{1,30}", value):
            return value
    return None


def _script(text: str) -> str:
    return "zh" if re.search(r"[\u4e00-\u9fff]", text) else "en"


def titled_apart(title: str, other: str) -> bool:
    """Two pages on one route whose titles differ in the same language document two operations
    (DNS: 创建公网域名 and 创建私网域名, both POST /v2/zones); a title in the other language is the
    same page from another source."""
    return title != other and _script(title) == _script(other)


def _titled_apart(service: ServiceIndex, path: Path, data: dict[str, Any]) -> bool:
    spec = service.specs.get(path)
    return spec is not None and titled_apart(str(data.get("title", "")), str(spec.data.get("title", "")))
