"""The specs of one service directory, read once per import: by route, by name, and which are valid."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..config import find_pyproject, load_config, schema_comment
from ..findings import Finding, Severity
from ..model.naming import class_name, python_name
from ..spec.load import SERVICE_FILE, SourceSpec, display_path, load_file, load_text
from ..spec.schema import schema_findings
from .emit import MODELINE, dump_spec

__all__ = ["ServiceIndex", "modelines", "route_key"]

_PLACEHOLDER = re.compile(r"\{[^/{}]*\}")


def route_key(method: Any, path: Any) -> tuple[str, str]:
    return str(method).upper(), _PLACEHOLDER.sub("{}", str(path))


def modelines(directory: Path) -> tuple[str, str]:
    """The `$schema` first lines of an operation spec and of `_service.yaml` in a service directory:
    the project's editor schema ([tool.hwgen] `schema`), so they resolve in the user's repository."""
    if find_pyproject(directory) is None:
        return MODELINE, MODELINE.replace("\n", "#/$defs/service\n")
    config = load_config(start=directory)
    return (
        schema_comment(directory / "spec.yaml", config) + "\n",
        schema_comment(directory / SERVICE_FILE, config) + "\n",
    )


class ServiceIndex:
    """The specs of one service directory, loaded once: by route and by name."""

    def __init__(self, directory: Path, name: str) -> None:
        self.directory = directory
        self.name = name
        self.by_route: dict[tuple[str, str], list[Path]] = {}
        self.routes: dict[str, tuple[str, str]] = {}
        self.source: SourceSpec | None = None
        self.specs: dict[Path, SourceSpec] = {}
        self.valid: dict[Path, SourceSpec] = {}  # the specs that pass the schema, for the tree checks
        self.broken: list[Finding] = []  # specs that do not load: the page might be theirs
        self.new_service_text: str | None = None
        self.modeline, self.service_modeline = modelines(directory)
        self.classes: dict[str, set[Path]] = {}  # table class name → the valid specs that have one
        self.by_python_name: dict[str, set[Path]] = {}
        self.named_by_jobs: dict[str, set[Path]] = {}  # operation → the specs whose job names it
        self.touched: set[Path] = set()  # specs this run wrote: a second page on their route is another operation
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
            self.new_service_text = dump_spec(data, modeline=self.service_modeline)
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
        paths = self.by_route.setdefault(route_key(method, path), [])
        if spec.path not in paths:
            paths.append(spec.path)
        self.routes[spec.path.stem] = (str(method), str(path))
        self.specs[spec.path] = spec
        if not schema_findings(spec):
            self.valid[spec.path] = spec
            for cls in _table_classes(spec.data):
                self.classes.setdefault(cls, set()).add(spec.path)
            self.by_python_name.setdefault(python_name(spec.path.stem), set()).add(spec.path)
            for name in _job_targets(spec.data):
                self.named_by_jobs.setdefault(name, set()).add(spec.path)

    def snapshot(self) -> list[SourceSpec]:
        """The service's specs on disk now, in the diff's order (the service file first); a spec a
        run removed (--prune) is gone from it."""
        specs = [s for s in (self.source, *self.specs.values()) if s is not None and s.path.is_file()]
        return sorted(specs, key=lambda s: (s.kind != "service", s.name, s.display))

    def neighbours(self, data: dict[str, Any], target: Path) -> list[SourceSpec]:
        """The valid specs a new spec can meet in the service checks: its route, its method name,
        the operations its job names or that name it, and the specs that share a table class.
        Checking against these alone keeps an import of N pages linear, not quadratic."""
        near: set[Path] = set(self.by_route.get(route_key(data.get("method"), data.get("path")), []))
        near |= self.by_python_name.get(python_name(target.stem), set())
        near |= self.named_by_jobs.get(target.stem, set())  # specs whose job names this one
        for name in _job_targets(data):
            near |= {p for p in self.valid if p.stem == name}
        for cls in _table_classes(data):
            near |= self.classes.get(cls, set())
        near.discard(target)
        return [self.valid[p] for p in sorted(near) if p in self.valid]


def _table_classes(data: dict[str, Any]) -> set[str]:
    tables = data.get("objects") or {}
    return {t.get("python_name") or class_name(n) for n, t in tables.items() if isinstance(t, dict)}


def _job_targets(data: dict[str, Any]) -> set[str]:
    job = data.get("job") or {}
    return {n for n in (job.get("poll"), (job.get("download") or {}).get("operation")) if isinstance(n, str)}
