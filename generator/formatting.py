"""Formatting: black, in-process, on generated Python; blank-line tidying on Markdown.

Named so it cannot shadow the built-in `format`.
"""

from __future__ import annotations

import black
from black.mode import TargetVersion
from black.parsing import InvalidInput

from .pysource import LINE_LENGTH

__all__ = ["BLACK_MODE", "format_files", "format_markdown", "format_python"]

# Must match [tool.black] in the generated pyproject.toml, so `black generated/` changes nothing.
BLACK_MODE = black.Mode(target_versions={TargetVersion.PY311}, line_length=LINE_LENGTH)


def format_python(source: str) -> str:
    return black.format_str(source, mode=BLACK_MODE)


def format_markdown(source: str) -> str:
    """One blank line between blocks at most, one newline at the end; code blocks are left alone."""
    out: list[str] = []
    fenced = False
    for line in source.splitlines():
        if line.startswith("```"):
            fenced = not fenced
        if not fenced and not line.strip() and (not out or not out[-1].strip()):
            continue
        out.append(line.rstrip() if not fenced else line)
    while out and not out[-1].strip():
        out.pop()
    return "\n".join(out) + "\n"


def format_files(files: dict[str, str], preformatted: frozenset[str] = frozenset()) -> dict[str, str]:
    """Format the `.py` files (except those rendered from templates that are black-clean already)."""
    formatted = {}
    for path, text in files.items():
        try:
            if path in preformatted:
                formatted[path] = text
            elif path.endswith(".py"):
                formatted[path] = format_python(text)
            elif path.endswith(".md"):
                formatted[path] = format_markdown(text)
            else:
                formatted[path] = text
        except InvalidInput as exc:  # a template bug, not bad input: say where
            raise RuntimeError(f"black cannot parse the rendered {path}: {exc}") from exc
    return formatted
