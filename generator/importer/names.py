"""Operation names from page titles: "Exporting a Workflow" → `export_workflow`.

Huawei titles start with a gerund ("Querying", "Creating", "Obtaining"). The name keeps the
title's words in order, the gerund turned into its verb and articles dropped. English has no
rule that restores a dropped "e" from the gerund alone, so the verbs API titles use are
listed; other gerunds fall back to a spelling heuristic.
"""

from __future__ import annotations

import re

__all__ = ["operation_name", "verb"]

# Gerund stems whose verb ends in a silent "e" (creat → create) as API titles use them.
_SILENT_E = frozenset(
    (  # noqa: SIM905 - as a list literal, 80 stems would take 80 lines
        "activat allocat analyz authoriz updat creat delet configur enabl disabl chang renam remov releas "
        "resiz restor increas decreas us clos replac sav validat generat migrat rotat terminat execut "
        "revok invok schedul manag synchroniz archiv retriev receiv issu continu pars merg purg packag "
        "stag compar describ subscrib unsubscrib initializ customiz authenticat associat disassociat "
        "duplicat escalat estimat evaluat integrat isolat locat modulat negotiat operat optimiz prepar "
        "provid reserv resolv reus scal shar stor tim trac upgrad"
    ).split()
)
# Gerunds whose final consonant was doubled (stopping → stop).
_DOUBLED = re.compile(r"([bdgklmnprt])\1$")
_KEEP_DOUBLE = frozenset(
    ["install", "uninstall", "fill", "poll", "roll", "enroll", "kill", "pull", "push", "miss", "pass", "add"]
)
_ARTICLES = frozenset({"a", "an", "the"})


def verb(word: str) -> str:
    """The verb of a gerund ("Querying" → "query", "Getting" → "get"); other words unchanged."""
    lower = word.lower()
    if not lower.endswith("ing") or len(lower) <= 5:
        return lower
    stem = lower[:-3]
    if stem in _SILENT_E:
        return stem + "e"
    if stem in _KEEP_DOUBLE:
        return stem
    if _DOUBLED.search(stem):
        return stem[:-1]
    return stem


def operation_name(title: str) -> str | None:
    """The snake_case operation name a title gives, or None when it has no usable words."""
    words = re.findall(r"[A-Za-z][A-Za-z0-9]*", title)
    if not words:
        return None
    words = [verb(words[0]), *(w.lower() for w in words[1:] if w.lower() not in _ARTICLES)]
    return "_".join(words)
