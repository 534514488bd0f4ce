"""Formatting: black, in-process, on every generated Python file (named so it cannot shadow `format`)."""

from __future__ import annotations

import black
from black.mode import TargetVersion
from black.parsing import InvalidInput

__all__ = ["BLACK_MODE", "format_files", "format_python"]

# Must match [tool.black] in the generated pyproject.toml, so `black generated/` changes nothing.
BLACK_MODE = black.Mode(target_versions={TargetVersion.PY311}, line_length=100)


def format_python(source: str) -> str:
    return black.format_str(source, mode=BLACK_MODE)


def format_files(files: dict[str, str]) -> dict[str, str]:
    """Format the `.py` files; everything else passes through."""
    formatted = {}
    for path, text in files.items():
        try:
            formatted[path] = format_python(text) if path.endswith(".py") else text
        except InvalidInput as exc:  # a template bug, not bad input: say where
            raise RuntimeError(f"black cannot parse the rendered {path}: {exc}") from exc
    return formatted
