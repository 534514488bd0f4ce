"""Semantic checks of an operation's statuses: several 2xx answers, bodiless ones, and what reads them.

An operation may document several 2xx statuses (200 and 202 with a body, 204 without); its method
returns the union of what they are read into. Paging, waiters and jobs read one answer, so there the
2xx statuses must agree; a download is the one 2xx with content; a 204 has no body by definition.
"""

from __future__ import annotations

import json
from typing import Any

from ..findings import Finding
from .load import SourceSpec

__all__ = ["check_statuses", "success_shape"]

_NO_BODY = ("204", "205")  # RFC 9110: these answers end at their headers


def success_shape(response: dict[str, Any]) -> str:
    """What a 2xx answer is read into, as a comparable text: `file`, `none`, or its body and headers."""
    if "file" in response:
        return "file"
    if "body" not in response and not response.get("headers"):
        return "none"
    return json.dumps([response.get("body"), response.get("headers")], sort_keys=True, default=str)


def check_statuses(source: SourceSpec) -> list[Finding]:
    """Findings for statuses that cannot be read as documented."""
    data = source.data
    findings: list[Finding] = []
    successes = {s: r for s, r in sorted(data["responses"].items()) if s.startswith("2")}
    for status in _NO_BODY:
        response = successes.get(status)
        for key in ("body", "file"):
            if response is not None and key in response:
                findings.append(
                    source.finding(
                        ("responses", status, key),
                        f"a {status} answer has no body, but the spec gives it a `{key}`",
                        "the page likely means 200 or 202: fix the status, or remove the body",
                        key=True,
                    )
                )
    files = [s for s, r in successes.items() if "file" in r]
    with_content = [s for s, r in successes.items() if success_shape(r) != "none"]
    if files and len(with_content) > 1:
        other = next(s for s in with_content if s != files[0])
        findings.append(
            source.finding(
                ("responses", files[0], "file"),
                f"a download ({files[0]}) and another 2xx answer with content ({other}) on one operation",
                "a file is streamed, not read: keep the other status without a body, or split the page's cases",
                key=True,
            )
        )
    shapes = {success_shape(r) for r in successes.values()}
    if len(shapes) > 1:
        listed = ", ".join(successes)
        for section in ("pagination", "waiter", "job"):
            if section in data:
                findings.append(
                    source.finding(
                        (section,),
                        f"`{section}` reads the answer, but the 2xx statuses ({listed}) differ in shape",
                        "keep one 2xx status with a body, or give them the same body, so the answer it reads is clear",
                        key=True,
                    )
                )
    return findings
