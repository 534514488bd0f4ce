"""generator.emit.formatting: which rendered modules black sees, and what happens to the rest."""

from __future__ import annotations

import ast

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.emit.formatting import format_module, format_output, format_python
from generator.emit.pysource import LINE_LENGTH, quoted
from generator.emit.render import environment


def test_a_module_in_black_layout_is_kept_as_rendered() -> None:
    # Not black's layout (single quotes, no spaces): kept, because the templates own the layout and
    # the golden and property tests hold them to black's; black is not run to find that out.
    source = "x = {'a':1}\n"
    assert format_module(source) == source


def test_a_module_with_a_line_too_long_goes_through_black() -> None:
    call = "value = function(" + ", ".join(f"argument_{i}" for i in range(12)) + ")\n"
    assert len(call) > LINE_LENGTH
    formatted = format_module(call)
    assert formatted != call
    assert all(len(line) <= LINE_LENGTH for line in formatted.splitlines())


def test_wide_characters_count_twice_as_black_counts_them() -> None:
    # 40 CJK characters are 80 columns wide: with `x = "` and `"` the line is 86 columns, so kept.
    kept = 'x = "' + "说" * 40 + '"\n'
    assert format_module(kept) == kept
    long = "x = f(" + ", ".join(['"' + "说" * 10 + '"'] * 5) + ")\n"
    assert len(long) <= LINE_LENGTH < 2 * len(long) - 20
    assert format_module(long) != long


def test_a_module_that_does_not_parse_is_a_template_bug_named_by_path() -> None:
    with pytest.raises(RuntimeError, match=r"the rendered svc/models\.py is not Python \(a template bug\): line 2"):
        format_output("svc/models.py", "x = 1\ndef (:\n")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(["'", '"', "\\", "\t", "a", "说", "\x00", "\u2028"]) | st.characters()))
def test_a_string_literal_is_quoted_as_black_quotes_it(text: str) -> None:
    literal = quoted(text)
    assert ast.literal_eval(literal) == text
    assert format_python(f"x = {literal}\n") == f"x = {literal}\n"


_CLASS = (
    '{% from "_macros/docstring.jinja" import docstring %}'
    "class C:\n"
    "    {{ docstring(text) | indent(4) }}\n\n"
    "    x: int = 1\n"
    "    {{ docstring(text, attribute=true) | indent(4) }}\n"
)


def _yaml_allows(char: str) -> bool:
    """Whether a spec (YAML) can hold `char`: page text reaches a docstring only through one."""
    code = ord(char)
    return char in "\t\n\r\x85" or any(
        low <= code <= high for low, high in ((0x20, 0x7E), (0xA0, 0xD7FF), (0xE000, 0xFFFD), (0x10000, 0x10FFFF))
    )


_SPECIAL = st.sampled_from(['"', "'", "\\", "\t", " ", "\n", "\r", "\x85", "\u2028", "a", "说", "`"])
_PAGE_TEXT = st.text(alphabet=_SPECIAL | st.characters().filter(_yaml_allows))


@settings(max_examples=300, deadline=None)
@given(_PAGE_TEXT)
def test_page_text_in_a_docstring_or_after_a_field_is_laid_out_as_black_lays_it_out(text: str) -> None:
    source = environment().from_string(_CLASS).render(text=text)
    tree = ast.parse(source)
    assert format_python(source) == source
    assert ast.get_docstring(tree.body[0], clean=False) is not None
