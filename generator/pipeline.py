"""The pipeline, stage by stage: load → validate → build → render → format → write (or compare)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .build import build_api
from .errors import SpecError
from .findings import Finding, Severity, has_errors
from .formatting import format_files
from .model import Api
from .openapi import openapi_document
from .render import preformatted, render
from .validate import validate_paths
from .write import TreeDiff, WriteReport, compare_tree, write_tree

__all__ = ["Generated", "build", "check", "generate", "openapi", "produce"]


@dataclass(frozen=True)
class Generated:
    """The whole output, in memory, and the warnings met on the way."""

    files: dict[str, str]
    warnings: list[Finding]


def _package(specs: Path) -> tuple[str, str]:
    """Name and version of the generated distribution, from [tool.hwgen] of the project's pyproject.toml."""
    pyproject = specs.resolve().parent / "pyproject.toml"
    try:
        config = tomllib.loads(pyproject.read_text("utf-8")).get("tool", {}).get("hwgen", {})
    except (OSError, tomllib.TOMLDecodeError):
        config = {}
    return str(config.get("package_name", "hwcloud")), str(config.get("package_version", "0.1.0"))


def build(specs: Path) -> tuple[Api, list[Finding]]:
    """Load, validate and build the model; raise SpecError (with every finding) on invalid specs."""
    if not specs.is_dir():
        raise SpecError([Finding(str(specs), 1, 1, Severity.ERROR, "the specs directory does not exist")])
    sources, findings = validate_paths([specs])
    if has_errors(findings):
        raise SpecError(findings)
    return build_api(sources, _package(specs)), findings


def produce(specs: Path) -> Generated:
    """Everything `generate` would write, built in memory; nothing on disk is touched."""
    api, warnings = build(specs)
    return Generated(format_files(render(api), preformatted(api)), warnings)


def generate(specs: Path, out: Path) -> tuple[WriteReport, list[Finding]]:
    generated = produce(specs)
    return write_tree(out, generated.files), generated.warnings


def check(specs: Path, out: Path) -> TreeDiff:
    return compare_tree(out, produce(specs).files)


def openapi(specs: Path) -> dict[str, Any]:
    api, _ = build(specs)
    return openapi_document(api)
