"""Formatting: generated Python in black's layout; blank-line tidying on Markdown.

The templates write black's layout themselves (the golden tests hold them to it on the real specs,
the property tests on hostile ones), so a rendered module goes through black only when a line of
code in it is too long, the one thing a spec's text can bring that a template cannot lay out. black was half
of a cold `generate`'s time while it changed nothing. Every module is still parsed, so a template
bug never writes broken Python.

Named so it cannot shadow the built-in `format`.
"""

from __future__ import annotations

import ast
import functools
from typing import TYPE_CHECKING

from .pysource import LINE_LENGTH, str_width

if TYPE_CHECKING:
    import black

__all__ = [
    "TemplateBug",
    "black_mode",
    "format_attribute",
    "format_markdown",
    "format_module",
    "format_output",
    "format_parameter",
    "format_python",
]


class TemplateBug(Exception):
    """A rendered module that is not Python: the templates' fault, never the spec's."""


@functools.cache
def black_mode() -> black.Mode:
    """Must match [tool.black] in the generated pyproject.toml, so `black generated/` changes nothing.

    black loads here, on first use (a tenth of a second): most runs never need it.
    """
    import black
    from black.mode import TargetVersion

    return black.Mode(target_versions={TargetVersion.PY311}, line_length=LINE_LENGTH)


def format_python(source: str) -> str:
    """black's output for `source`.

    In fast mode: black's proof that its output parses to the same AST is skipped; the golden and
    property tests run black over the templates' output.
    """
    mode = black_mode()
    import black
    from black.parsing import InvalidInput
    from black.report import NothingChanged

    try:
        return black.format_file_contents(source, fast=True, mode=mode)
    except NothingChanged:
        return source
    except InvalidInput as exc:
        raise TemplateBug(str(exc)) from exc


def format_module(source: str) -> str:
    """A rendered module in black's layout: as rendered, or black's output when a line of code is
    too long (a long comment or docstring line is black's layout too: black splits neither).

    Raises `TemplateBug` on a module that does not parse.
    """
    lines = source.split("\n")  # as Python numbers lines: str.splitlines also splits at U+2028 and such
    try:
        tree = ast.parse(source, "<generated>")
    except SyntaxError as exc:
        raise TemplateBug(f"line {exc.lineno}: {exc.msg}") from exc
    long = {n for n, line in enumerate(lines, 1) if str_width(line) > LINE_LENGTH and line.lstrip()[:1] != "#"}
    if long and not long <= _inside_docstrings(tree.body):
        return format_python(source)
    return source


def _inside_docstrings(body: list[ast.stmt]) -> set[int]:
    """The lines of the statements' string expressions (docstrings) that black keeps however long:
    all but the closing line of one on several lines (black moves its closing quotes onto a line of
    their own when they end a long line), and the whole of one on a single line."""
    lines: set[int] = set()
    for statement in body:
        if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant):
            end = statement.end_lineno or statement.lineno
            lines.update(range(statement.lineno, end if end > statement.lineno else end + 1))
        elif isinstance(statement, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef | ast.If):
            lines |= _inside_docstrings(statement.body)
    return lines


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
            return format_module(text)
        if path.endswith(".md"):
            return format_markdown(text)
        return text
    except TemplateBug as exc:  # not bad input: say where
        raise RuntimeError(f"the rendered {path} is not Python (a template bug): {exc}") from exc
