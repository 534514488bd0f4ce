"""A new spec's checks: its own (schema, then every check of one spec), then against its service.

The own checks need nothing but the spec, so a large run makes them in the worker that read the
page (pages.py), under the name the spec will most likely get; the service checks need the specs
already written, so they run as each page is written (run.py).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..findings import Finding
from ..spec.load import SourceSpec, load_text, spec_of
from ..spec.schema import schema_findings
from ..spec.semantics import check_operation
from ..spec.semantics_tree import check_service_tree
from ..spec.yamlread import within_bounds

if TYPE_CHECKING:
    from .service import ServiceIndex

__all__ = ["OwnChecks", "check", "own_checks"]


@dataclass(frozen=True)
class OwnChecks:
    """A spec and the findings of its own checks; `final` when they stop there (it does not load, or
    breaks the schema), so the service checks are not made."""

    spec: SourceSpec
    findings: list[Finding]
    final: bool


def own_checks(data: dict[str, Any], text: str | None, target: Path) -> OwnChecks:
    """`text` is `data` as written: read only when a finding needs its line (None: never written,
    findings on line 1)."""
    if text is not None and not within_bounds(data):  # too deep or big to load back: the loader says where
        read_back = load_text(text, target)
        if isinstance(read_back, Finding):
            return OwnChecks(spec_of(data, text, target), [read_back], True)
    loaded = spec_of(data, text, target)
    findings = schema_findings(loaded)
    if findings:
        return OwnChecks(loaded, findings, True)
    return OwnChecks(loaded, check_operation(loaded), False)


def check(
    data: dict[str, Any], text: str | None, target: Path, service: ServiceIndex, own: OwnChecks | None = None
) -> tuple[SourceSpec, list[Finding]]:
    """The new spec and its findings: its own checks (`own`, when made already), then those against its
    service. The other specs were checked once when the service was read; checking them again for
    every page would make an import of N pages cost N squared."""
    own = own or own_checks(data, text, target)
    if own.final:
        return own.spec, own.findings
    loaded = own.spec
    # The others' findings are dropped: without positions, none of them is located (a parse each)
    others = [replace(s, positions={}, key_positions={}, text=None) for s in service.neighbours(loaded.data, target)]
    tree = check_service_tree([s for s in (service.source, *others, loaded) if s is not None])
    return loaded, sorted(set(own.findings + [f for f in tree if f.path == loaded.display]))
