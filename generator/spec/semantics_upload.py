"""Semantic checks of request bodies that carry files: a body that is a file, and form-data parts."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..findings import Finding
from ..model.derive import FORM_URLENCODED, MULTIPART, content_type, media_type, upload_kind
from ..model.typemap import PRIMITIVES
from .load import SourceSpec

__all__ = ["FILE_HINT", "check_upload_body"]

FILE_HINT = (
    "a file response is `file:` under its status, a body that is a file `request_body: {file: ...}`, "
    "and a File part needs `content_type: multipart/form-data` on the request body"
)
_NOT_SENDABLE = ("application/json", "multipart/")


def check_upload_body(src: SourceSpec, raw_body: Mapping[str, Any] | None) -> list[Finding]:
    """A file body names its content type under `file:` (not JSON, not a form); a form's parts are
    scalars or files (a urlencoded form's, scalars), since each is sent as one part of text or bytes."""
    kind = upload_kind(raw_body)
    if raw_body is not None and not kind and media_type(content_type(raw_body)) == FORM_URLENCODED:
        kind = "urlencoded"  # a form of text fields: the same rule for its fields, and no files
    if raw_body is None or not kind:
        return []
    findings: list[Finding] = []
    if kind == "binary":
        if "content_type" in raw_body:
            findings.append(
                src.finding(
                    ("request_body", "content_type"),
                    "a body that is a file states its content type under `file:`",
                    "move it to `file: {content_type: ...}`",
                )
            )
        media = str((raw_body["file"] or {}).get("content_type", "")).lower()
        if media.startswith(_NOT_SENDABLE):
            findings.append(
                src.finding(
                    ("request_body", "file", "content_type"),
                    f"a body that is a file cannot be sent as {media}",
                    "a JSON body is `fields:`; a form is `content_type: "
                    f"{MULTIPART}` with its parts as `fields:` (File for the files)",
                )
            )
        return findings
    for i, fld in enumerate(raw_body.get("fields", [])):
        if fld["type"] not in PRIMITIVES and fld["type"] != "File":  # a File outside a multipart form: semantics
            findings.append(
                src.finding(
                    ("request_body", "fields", i, "type"),
                    (
                        f"form part `{fld['name']}` is {fld['type']}: a part is text (a scalar) or a File"
                        if kind == "multipart"
                        else f"form field `{fld['name']}` is {fld['type']}: a urlencoded form's fields are text"
                    ),
                    "send structured data as a String part holding JSON, as the page does",
                )
            )
    return findings
