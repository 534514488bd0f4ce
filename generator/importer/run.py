"""Importing pages, stage by stage: read → transcribe → find or name the spec → merge → check → write.

A spec that exists for the page's method and path is updated in place and keeps its name and
its hand-written parts; otherwise a new spec is named from `--operation` or the page title.
Each result is validated in memory before anything is written, and each file is written
atomically, so an interrupted import leaves every spec whole.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from ..findings import Finding, Severity, has_errors
from ..load import SERVICE_FILE, SourceSpec, display_path, load_file, load_text
from ..naming import is_snake_identifier
from ..schema import schema_findings
from ..semantics import check_operation, check_service_tree
from ..write import atomic_write
from .changes import api_changes
from .document import Document, Problem
from .emit import dump_spec
from .fixups import rename_colliding_objects, textify_bad_examples
from .merge import HAND_WRITTEN, merge
from .names import operation_name, route_name, snake
from .readers import read_document
from .rewrite import rewrite
from .transcribe import transcribe

__all__ = ["Imported", "import_pages"]

Action = Literal["created", "updated", "unchanged", "failed"]
_PLACEHOLDER = re.compile(r"\{[^/{}]*\}")


@dataclass
class Imported:
    """What happened to one page."""

    page: str
    spec: str | None = None
    action: Action = "failed"
    changes: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def _route(method: Any, path: Any) -> tuple[str, str]:
    return str(method).upper(), _PLACEHOLDER.sub("{}", str(path))


class _Service:
    """The specs of one service directory, loaded once: by route and by name."""

    def __init__(self, directory: Path, name: str) -> None:
        self.directory = directory
        self.name = name
        self.by_route: dict[tuple[str, str], Path] = {}
        self.routes: dict[str, tuple[str, str]] = {}
        self.source: SourceSpec | None = None
        self.specs: dict[Path, SourceSpec] = {}
        self.valid: dict[Path, SourceSpec] = {}  # the specs that pass the schema, for the tree checks
        self.broken: list[Finding] = []  # specs that do not load: the page might be theirs
        self.new_service_text: str | None = None
        service_file = directory / SERVICE_FILE
        if service_file.is_file():
            loaded = load_file(service_file)
            self.source = loaded if isinstance(loaded, SourceSpec) and not schema_findings(loaded) else None
        else:
            words = [w for w in re.split(r"[_\W]+", name) if w]
            data = {
                "spec_version": 1,
                "title": name.upper() if len(name) <= 4 else " ".join(w.capitalize() for w in words),
                "endpoint": name.replace("_", "-"),
                "client_class": "".join(w.capitalize() for w in words) + "Client",
            }
            self.new_service_text = dump_spec(data).replace(
                "spec.schema.json\n", "spec.schema.json#/$defs/service\n", 1
            )
            loaded = load_text(self.new_service_text, service_file)
            self.source = loaded if isinstance(loaded, SourceSpec) else None
        self.meta: dict[str, Any] = dict(self.source.data) if self.source is not None else {}
        for path in sorted(directory.glob("*.yaml")) if directory.is_dir() else []:
            if path.name == SERVICE_FILE:
                continue
            loaded = load_file(path)
            if isinstance(loaded, SourceSpec) and isinstance(loaded.data, dict):
                self.remember(loaded)
            else:
                self.broken.append(
                    loaded
                    if isinstance(loaded, Finding)
                    else Finding(display_path(path), 1, 1, Severity.ERROR, "not a spec")
                )

    def remember(self, spec: SourceSpec) -> None:
        method, path = spec.data.get("method"), spec.data.get("path")
        self.by_route.setdefault(_route(method, path), spec.path)
        self.routes[spec.path.stem] = (str(method), str(path))
        self.specs[spec.path] = spec
        if not schema_findings(spec):
            self.valid[spec.path] = spec


def _page_findings(display: str, problems: list[Problem], strict: bool) -> list[Finding]:
    def severity(problem: Problem) -> Severity:
        if problem.severity == "info":
            return Severity.INFO  # a derived fact: shown, never an error, even with --strict
        return Severity.ERROR if strict or problem.severity == "error" else Severity.WARNING

    return [Finding(display, p.line, 1, severity(p), p.message, p.hint) for p in problems]


def _name(data: dict[str, Any], doc: Document, operation: str | None) -> tuple[str | None, str]:
    """The new spec's name and where it came from: --operation, API Explorer, the route, the title."""
    if operation:
        return operation, "--operation"
    if api := doc.api_explorer:
        return snake(api), f"the page's API Explorer link ({api})"
    body_keys = [f["name"] for f in data.get("request_body", {}).get("fields", [])]
    if name := route_name(data["method"], data["path"], body_keys):
        return name, f"its method and route ({data['method']} {data['path']})"
    return operation_name(str(data["title"])), "the title"


def _target(service: _Service, data: dict[str, Any], operation: str | None, page: str, doc: Document) -> Path | Finding:
    route = _route(data["method"], data["path"])
    if route in service.by_route:
        return service.by_route[route]
    name, origin = _name(data, doc, operation)
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
        body_keys = [f["name"] for f in data.get("request_body", {}).get("fields", [])]
        fallback = route_name(data["method"], data["path"], body_keys)
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


def _check(text: str, target: Path, service: _Service) -> tuple[SourceSpec | None, list[Finding]]:
    """The new spec, loaded, and its findings: its own checks, then those against its service.

    The other specs were checked once when the service was read; checking them again for every
    page would make an import of N pages cost N squared.
    """
    loaded = load_text(text, target, display_path(target))
    if isinstance(loaded, Finding):
        return None, [loaded]
    findings = schema_findings(loaded)
    if findings:
        return loaded, findings
    others = [s for path, s in service.valid.items() if path != target]
    tree = check_service_tree([s for s in (service.source, *others, loaded) if s is not None])
    findings = check_operation(loaded) + [f for f in tree if f.path == loaded.display]
    return loaded, sorted(set(findings))


def _import_one(path: Path, service: _Service, operation: str | None, strict: bool) -> Imported:
    display = display_path(path)
    result = Imported(display)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        result.findings.append(Finding(display, 1, 1, Severity.ERROR, f"cannot read the page: {exc.strerror or exc}"))
        return result
    doc = read_document(raw, path.name)
    data, problems, fatal = transcribe(doc, service.meta)
    result.findings += _page_findings(display, problems, strict)
    if fatal is not None or data is None:
        line = fatal.line if fatal else 1
        message = fatal.message if fatal else "nothing to import"
        result.findings.append(Finding(display, line, 1, Severity.ERROR, message, "is this an API reference page?"))
        return result
    if service.broken:
        result.findings += service.broken
        hint = "fix the spec(s) above first: the page may be theirs"
        result.findings.append(Finding(display, 1, 1, Severity.ERROR, f"not imported into {service.name}", hint))
        return result
    target = _target(service, data, operation, display, doc)
    if isinstance(target, Finding):
        result.findings.append(target)
        return result
    result.spec = display_path(target)
    others = [s for path, s in service.valid.items() if path != target]
    for name in rename_colliding_objects(data, target.stem, others):
        message = f"object table {name!r}: another spec of the service defines its class differently: renamed"
        result.findings.append(Finding(display, 1, 1, Severity.INFO, message))
    old_text = target.read_text("utf-8") if target.exists() else None
    if old_text is not None:
        loaded = service.specs[target]
        data = merge(data, loaded.data)
        if data == loaded.data:
            result.action = "unchanged"
            return result
        result.changes = api_changes(loaded.data, data)
    new_text = _text(data, old_text, target, result)
    checked, findings = _check(new_text, target, service)
    if has_errors(findings) and any("example" in f.message for f in findings):
        changed = textify_bad_examples(data, lambda d: _check(dump_spec(d, HAND_WRITTEN), target, service)[1])
        for where, finding in changed:
            message = f"{where} contradicts the page's tables ({finding.message}); kept as text"
            result.findings.append(Finding(display, 1, 1, Severity.WARNING, message, "make the page consistent"))
        if changed:
            new_text = _text(data, old_text, target, result)
            checked, findings = _check(new_text, target, service)
    result.findings += findings
    if checked is None or has_errors(result.findings):
        return result
    if service.new_service_text is not None:
        atomic_write(service.directory / SERVICE_FILE, service.new_service_text.encode("utf-8"))
        service.new_service_text = None
        message = "created for a new service: check its title, endpoint and client_class"
        result.findings.append(Finding(display_path(service.directory / SERVICE_FILE), 1, 1, Severity.WARNING, message))
    atomic_write(target, new_text.encode("utf-8"))
    service.remember(checked)
    result.action = "updated" if old_text is not None else "created"
    return result


def _text(data: dict[str, Any], old_text: str | None, target: Path, result: Imported) -> str:
    """The spec's new text: the old text updated in place, or written in the house style."""
    if old_text is None:
        return dump_spec(data, HAND_WRITTEN)
    new_text = rewrite(old_text, data)
    check = load_text(new_text, target)
    if not isinstance(check, SourceSpec) or check.data != data:
        new_text = dump_spec(data, HAND_WRITTEN)
        message = "rewritten in full: its comments could not be kept"
        result.findings.append(Finding(display_path(target), 1, 1, Severity.WARNING, message))
    return new_text


def import_pages(
    pages: Sequence[Path], *, service: str, specs: Path, operation: str | None = None, strict: bool = False
) -> list[Imported]:
    """Import each page into `specs/<service>/`; one result per page, in order."""
    index = _Service(specs / service, service)
    return [_import_one(page, index, operation, strict) for page in pages]
