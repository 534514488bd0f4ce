"""Formatting: black, in-process, on generated Python; blank-line tidying on Markdown.

Named so it cannot shadow the built-in `format`.
"""

from __future__ import annotations

import black
from black.mode import TargetVersion
from black.parsing import InvalidInput
from black.report import NothingChanged

from .pysource import LINE_LENGTH, str_width

__all__ = ["BLACK_MODE", "format_attribute", "format_markdown", "format_output", "format_parameter", "format_python"]

# Must match [tool.black] in the generated pyproject.toml, so `black generated/` changes nothing.
BLACK_MODE = black.Mode(target_versions={TargetVersion.PY311}, line_length=LINE_LENGTH)


def format_python(source: str) -> str:
    """black's output for `source`.

    In fast mode: black's proof that the output parses to the same AST is skipped, because the
    golden tests already hold every template to it (they run black over the whole output and the
    renders are black's output to begin with, so for them black changes nothing).
    """
    try:
        return black.format_file_contents(source, fast=True, mode=BLACK_MODE)
    except NothingChanged:
        return source


def format_parameter(line: str) -> str:
    """A keyword parameter line of a declared method (indented 8) as black splits it when too long.

    Templates write black's output themselves, so that black has nothing to do; an annotation too
    long for one line (a long enumeration, say) is the one piece laid out by black, alone.
    """
    if str_width(line) <= LINE_LENGTH:
        return line
    stub = f"class C:\n    def f(\n        self,\n        *,\n{line}\n    ) -> None: ...\n"
    lines = format_python(stub).splitlines()
    return "\n".join(lines[lines.index("        *,") + 1 : lines.index("    ) -> None: ...")])


def format_attribute(declaration: str) -> str:
    """A model attribute's declaration (written at indent 4) as black splits it when too long; the
    first line comes without its indent, which the template writes."""
    if str_width(declaration) + 4 <= LINE_LENGTH:
        return declaration
    lines = format_python(f"class C:\n    {declaration}\n").splitlines()[1:]
    return "\n".join([lines[0].removeprefix("    "), *lines[1:]])


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


def format_output(path: str, text: str) -> str:
    """One output file formatted for its kind: black for Python, tidying for Markdown."""
    try:
        if path.endswith(".py"):
            return format_python(text)
        if path.endswith(".md"):
            return format_markdown(text)
        return text
    except InvalidInput as exc:  # a template bug, not bad input: say where
        raise RuntimeError(f"black cannot parse the rendered {path}: {exc}") from exc
