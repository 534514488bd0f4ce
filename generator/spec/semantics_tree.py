"""Checks across a service's specs: class names, method names, job chains, shared tables, directories."""

from __future__ import annotations

import re
from typing import Any

from ..findings import Finding, Severity, did_you_mean
from ..model.derive import (
    body_fields,
    defaults_to_client,
    extra_methods,
)
from ..model.naming import (
    is_snake_identifier,
    python_name,
    table_classes,
    unusable_name,
)
from ..model.typemap import PRIMITIVES
from .load import SERVICE_FILE, Pointer, SourceSpec
from .semantics import LOCATIONS, PLACEHOLDER, name_problem
from .semantics_paging import response_fields, success_status

__all__ = ["check_service_tree"]


def _class_renames(sources: list[SourceSpec]) -> list[Finding]:
    """A warning per object table whose class is renamed (naming.table_classes says why and how)."""
    findings: list[Finding] = []
    by_service: dict[str, dict[str, SourceSpec]] = {}
    for src in sources:
        by_service.setdefault(src.service, {}).setdefault(src.name, src)
    for specs in by_service.values():
        _, renames = table_classes((name, src.data) for name, src in specs.items())
        for rename in renames:
            chosen = specs[rename.operation].data["objects"][rename.table].get("python_name")
            if chosen is not None and unusable_name(chosen, model_field=False):
                continue  # the python_name is an error of its own (_Checker)
            findings.append(
                specs[rename.operation].finding(
                    ("objects", rename.table),
                    f"object table `{rename.table}` becomes the class `{rename.given}`, not `{rename.wanted}`:"
                    f" {rename.reason}",
                    "give it a `python_name` to choose another name",
                    key=True,
                    severity=Severity.WARNING,
                )
            )
    return findings


def check_service_tree(sources: list[SourceSpec]) -> list[Finding]:
    """Checks across files: placement, duplicate operations, job links, model class names."""
    findings: list[Finding] = []
    services = {s.service for s in sources if s.kind == "service"}
    operations: dict[tuple[str, str], SourceSpec] = {}
    routes: dict[tuple[str, str, str], SourceSpec] = {}
    shared = {s.service: s.data.get("shared_responses") or {} for s in sources if s.kind == "service"}
    for src in sources:
        if src.kind == "service":
            findings += _check_shared_tables(src)
            if not is_snake_identifier(src.service):
                findings.append(src.finding((), *name_problem("service directory name", src.service, "directory", "/")))
            continue
        # A _service.yaml that failed to load or to validate has its own finding; its specs are still in place.
        if src.service not in services and not (src.path.parent / SERVICE_FILE).is_file():
            findings.append(
                src.finding(
                    (),
                    "spec is outside specs/<service>/: there is no _service.yaml beside it",
                    "move it into specs/<service>/ or add that service's _service.yaml",
                )
            )
        for status, response in src.data["responses"].items():
            name = (response.get("body") or {}).get("shared")
            if name is not None and name not in shared.get(src.service, {}):
                known = list(shared.get(src.service, {}))
                hint = did_you_mean(name, known) or "define it under `shared_responses:` in the service's _service.yaml"
                findings.append(
                    src.finding(("responses", status, "body", "shared"), f"no shared response `{name}`", hint)
                )
        key = (src.service, python_name(src.name))
        if key in operations:
            other = operations[key]
            if other.name == src.name:
                message = (
                    f"duplicate operation `{src.name}` in service `{src.service}`: {other.display} has the same name"
                )
                hint = "keep one of the two files"
            else:
                message = (
                    f"operations `{src.name}` and `{other.name}` ({other.display}) both become the method `{key[1]}`"
                )
                hint = "rename one of them"
            findings.append(src.finding((), message, hint))
            continue  # one finding per duplicate: its method and path are the other file's business
        operations[key] = src
        route = (src.service, src.data["method"], re.sub(PLACEHOLDER, "{}", src.data["path"]))
        if route in routes:
            findings.append(
                src.finding(
                    ("path",),
                    f"{src.data['method']} {src.data['path']} is already"
                    f" operation `{routes[route].name}` ({routes[route].display})",
                    "one page, one spec: if they are one operation, remove the duplicate",
                    # Huawei documents some routes as several operations (public and private DNS
                    # zones on POST /v2/zones): both are generated; the mock serves the first
                    severity=Severity.WARNING,
                )
            )
        routes.setdefault(route, src)
    findings.extend(_method_collisions([s for s in sources if s.kind == "operation"]))
    findings.extend(_class_renames([s for s in sources if s.kind == "operation"]))
    by_name = {(s.service, s.name): s for s in sources if s.kind == "operation"}
    for src in by_name.values():
        job = src.data.get("job")
        if job is None:
            continue
        poll = by_name.get((src.service, job["poll"]))
        status = success_status(src.data)
        if status is None or job["id_field"] not in {f["name"] for f in response_fields(src.data, status)}:
            findings.append(
                src.finding(("job", "id_field"), f"`{job['id_field']}` is not a field of the success response")
            )
        if poll is None:
            findings.append(
                src.finding(
                    ("job", "poll"),
                    f"no operation `{job['poll']}` in service `{src.service}`",
                    did_you_mean(job["poll"], [n for s, n in by_name if s == src.service])
                    or f"add specs/{src.service}/{job['poll']}.yaml with a `waiter`, or name an existing operation",
                )
            )
            continue
        if "waiter" not in poll.data:
            findings.append(src.finding(("job", "poll"), f"operation `{job['poll']}` has no `waiter` section"))
        params = [p["name"] for loc in LOCATIONS for p in poll.data.get("parameters", {}).get(loc, [])]
        if job["poll_parameter"] not in params:
            findings.append(
                src.finding(
                    ("job", "poll_parameter"),
                    f"`{job['poll_parameter']}` is not a parameter of `{job['poll']}`",
                    did_you_mean(job["poll_parameter"], params),
                )
            )
        findings.extend(_check_job_chain(src, poll, by_name))
    return findings


_METHOD_KINDS = {
    "iter": "item iterator",
    "iter_pages": "page iterator",
    "waiter": "waiter",
    "workflow": "one-call workflow",
}


def _methods_of(src: SourceSpec) -> list[tuple[str, Pointer, str]]:
    """The client methods a spec makes beside its own: (name, where the spec asks for it, what it is)."""
    return [(name, pointer, _METHOD_KINDS[kind]) for kind, name, pointer in extra_methods(src.name, src.data)]


def _method_collisions(operations: list[SourceSpec]) -> list[Finding]:
    """Two methods of one client with the same name: the second would silently replace the first."""
    findings: list[Finding] = []
    seen: dict[tuple[str, str], str] = {(s.service, s.name): f"operation `{s.name}` ({s.display})" for s in operations}
    for src in operations:
        for name, pointer, what in _methods_of(src):
            key = (src.service, name)
            if key in seen:
                findings.append(
                    src.finding(
                        pointer,
                        f"the {what} `{name}` of `{src.name}` has the name of {seen[key]}",
                        "rename one of them: a client cannot have two methods of one name",
                        key=pointer[-1] != "name",
                    )
                )
            else:
                seen[key] = f"the {what} of `{src.name}`"
    return findings


def _argument_names(data: dict[str, Any]) -> set[str]:
    params = {p["name"] for loc in LOCATIONS for p in data.get("parameters", {}).get(loc, []) if not p.get("runtime")}
    return params | {f["name"] for f in body_fields(data.get("request_body"))}


def _unforwardable(target: SourceSpec, start: SourceSpec, own: str) -> list[str]:
    """Required arguments of `target` that the one-call workflow cannot take from the start operation."""
    given = _argument_names(start.data) | {own}
    required = [
        p["name"]
        for loc in LOCATIONS
        for p in target.data.get("parameters", {}).get(loc, [])
        if p.get("required") and not p.get("runtime") and not defaults_to_client(loc, p["name"])
    ]
    required += [f["name"] for f in body_fields(target.data.get("request_body")) if f.get("required")]
    return [name for name in required if name not in given]


def _check_job_chain(src: SourceSpec, poll: SourceSpec, by_name: dict[tuple[str, str], SourceSpec]) -> list[Finding]:
    """The workflow start → poll (→ download) must be callable with the start operation's arguments."""
    job = src.data["job"]
    findings = [
        src.finding(
            ("job", "poll"),
            f"`{job['poll']}` requires `{name}`, which `{src.name}` does not take",
            "the one-call workflow passes on only the arguments both operations share",
        )
        for name in _unforwardable(poll, src, job["poll_parameter"])
    ]
    download = job.get("download")
    if download is None:
        return findings
    target = by_name.get((src.service, download["operation"]))
    if target is None:
        return [
            *findings,
            src.finding(
                ("job", "download", "operation"),
                f"no operation `{download['operation']}` in service `{src.service}`",
                did_you_mean(download["operation"], [n for s, n in by_name if s == src.service]),
            ),
        ]
    if not any("file" in r for s, r in target.data["responses"].items() if s.startswith("2")):
        findings.append(
            src.finding(
                ("job", "download", "operation"),
                f"`{download['operation']}` has no file response",
                "mark its 2xx `file:`",
            )
        )
    if download["parameter"] not in _argument_names(target.data):
        findings.append(
            src.finding(
                ("job", "download", "parameter"),
                f"`{download['parameter']}` is not a parameter of `{download['operation']}`",
                did_you_mean(download["parameter"], sorted(_argument_names(target.data))),
            )
        )
    status = success_status(poll.data)
    poll_fields = [f["name"] for f in response_fields(poll.data, status)] if status else []
    if download["field"] not in poll_fields:
        findings.append(
            src.finding(
                ("job", "download", "field"),
                f"`{download['field']}` is not a field of `{job['poll']}`'s success response",
                did_you_mean(download["field"], poll_fields),
            )
        )
    findings += [
        src.finding(
            ("job", "download", "operation"),
            f"`{download['operation']}` requires `{name}`, which `{src.name}` does not take",
        )
        for name in _unforwardable(target, src, download["parameter"])
    ]
    return findings


def _check_shared_tables(src: SourceSpec) -> list[Finding]:
    """A shared response's object references resolve to the service file's own object tables."""
    tables = src.data.get("objects") or {}
    findings: list[Finding] = []
    everything = [
        (("shared_responses", n, "fields"), r["fields"]) for n, r in (src.data.get("shared_responses") or {}).items()
    ]
    everything += [(("objects", n, "fields"), t["fields"]) for n, t in tables.items()]
    for pointer, fields in everything:
        for i, fld in enumerate(fields):
            for key in ("items", "values", "object"):
                ref = fld.get(key)
                if ref is None or ref in tables or (key != "object" and (ref in PRIMITIVES or ref == "Object")):
                    continue
                hint = did_you_mean(ref, list(tables)) or "add the table under `objects:` in _service.yaml"
                findings.append(src.finding((*pointer, i, key), f"`{ref}` is no object table of the service", hint))
    return findings
