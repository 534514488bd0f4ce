"""Validation: load every spec, run the schema pass, then the semantic checks."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..findings import Finding
from .load import SourceSpec, load_specs
from .schema import schema_findings
from .semantics import check_operation
from .semantics_tree import check_service_tree

__all__ = ["validate_paths", "validate_sources"]


def validate_sources(sources: list[SourceSpec]) -> list[Finding]:
    """Schema findings per file; semantic checks only on files whose shape is right."""
    findings: list[Finding] = []
    well_formed: list[SourceSpec] = []
    for source in sources:
        problems = schema_findings(source)
        findings.extend(problems)
        if not problems:
            well_formed.append(source)
            if source.kind == "operation":
                findings.extend(check_operation(source))
    findings.extend(check_service_tree(well_formed))
    return sorted(set(findings))


def validate_paths(paths: Iterable[Path]) -> tuple[list[SourceSpec], list[Finding]]:
    sources, findings = load_specs(paths)
    return sources, sorted(set(findings + validate_sources(sources)))
