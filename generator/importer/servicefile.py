"""Writing what a service's pages share into its `_service.yaml`: the shared responses and their tables.

The file is updated in place (comments and layout kept, as for specs), validated before it is
written, and written atomically; the import's other pages then see the new definitions.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

from ..findings import Finding, Severity, display_path
from ..incremental.atomic import atomic_write
from ..spec.load import SERVICE_FILE, SourceSpec, load_text
from ..spec.schema import schema_findings

if TYPE_CHECKING:
    from .pages import Imported
    from .service import ServiceIndex

__all__ = ["write_shared"]


def write_shared(result: Imported, shared: tuple[str, dict[str, Any], dict[str, Any]], service: ServiceIndex) -> None:
    _, responses, objects = shared
    path = service.directory / SERVICE_FILE
    old_text = service.new_service_text if service.new_service_text is not None else path.read_text("utf-8")
    loaded = load_text(old_text, path)
    if not isinstance(loaded, SourceSpec) or not isinstance(loaded.data, dict):
        result.findings.append(Finding(display_path(path), 1, 1, Severity.ERROR, "the service file does not load"))
        return
    data = copy.deepcopy(loaded.data)
    data.setdefault("shared_responses", {}).update(responses)
    if objects:
        data.setdefault("objects", {}).update(objects)
    result.spec = display_path(path)
    if data == loaded.data and service.new_service_text is None:
        result.action = "unchanged"
        return
    from .rewrite import rewrite  # ruamel.yaml loads only when a spec is updated in place

    text = rewrite(old_text, data)
    checked = load_text(text, path)
    findings = schema_findings(checked) if isinstance(checked, SourceSpec) else [checked]
    if findings:
        result.findings += findings
        return
    atomic_write(path, text.encode("utf-8"))
    result.action = "created" if service.new_service_text is not None else "updated"
    if service.new_service_text is not None:
        message = "created for a new service: check its title, endpoint and client_class"
        result.findings.append(Finding(display_path(path), 1, 1, Severity.WARNING, message))
    service.new_service_text = None
    service.meta = data
    service.source = checked if isinstance(checked, SourceSpec) else service.source
    result.changes = [f"shared response {key}: {len(r['fields'])} fields" for key, r in responses.items()]
