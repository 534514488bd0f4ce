"""Uploads as pages write them: a request table whose only row is a file (the body is the file), and
FormData tables (multipart/form-data parts, `File` rows among them)."""

from __future__ import annotations

import re
from typing import Any

from ..model.derive import FORM_URLENCODED, MULTIPART, OCTET_STREAM

__all__ = ["file_media_type", "form_fields", "urlencoded_form", "whole_file_body"]


def form_fields(spec: dict[str, Any], fields: list[dict[str, Any]]) -> None:
    """Rows of a FormData table join the request body, which is then multipart/form-data."""
    body = spec.setdefault("request_body", {"fields": []})
    body.setdefault("fields", []).extend(fields)
    spec["request_body"] = {"content_type": MULTIPART, **{k: v for k, v in body.items() if k != "content_type"}}


def whole_file_body(spec: dict[str, Any]) -> None:
    """A request table whose only row is of type file (IMS's `*image_file*`): the body is that file
    (`request_body: {file: ...}`), sent as application/octet-stream unless the page names a type."""
    body = spec.get("request_body")
    if not body or body.get("content_type", "").startswith(MULTIPART):
        return
    fields = body.get("fields", [])
    if len(fields) != 1 or fields[0].get("type") != "File":
        return
    file: dict[str, Any] = {}
    if description := fields[0].get("description"):
        file["description"] = description
    content_type = body.get("content_type")
    if content_type and content_type not in ("application/json", OCTET_STREAM):
        file["content_type"] = content_type
    spec["request_body"] = {"file": file}


def urlencoded_form(spec: dict[str, Any]) -> None:
    """A FormData table of text fields whose page has the client send `Content-Type:
    application/x-www-form-urlencoded` (IAM's IdP-initiated token: "a browser's form post") is that
    form, not multipart/form-data."""
    body = spec.get("request_body")
    if not body or body.get("content_type") != MULTIPART or any(f["type"] == "File" for f in body["fields"]):
        return
    for header in spec.get("parameters", {}).get("header", []):
        if header["name"].lower() != "content-type":
            continue
        stated = [str(e["value"] if isinstance(e, dict) else e) for e in header.get("enum", [])]
        if any(FORM_URLENCODED in text for text in (*stated, str(header.get("description", "")))):
            body["content_type"] = FORM_URLENCODED


# Media types of a file, not of JSON or text a client parses: what a Content-Type row may name
_FILE_MEDIA = re.compile(
    r"\b((?:application/(?:octet-stream|zip|gzip|x-gzip|x-tar|pdf|x-yaml|vnd\.[\w.+-]+))|(?:image|audio|video)/[\w.+-]+)",
    re.IGNORECASE,
)


def file_media_type(description: str) -> str | None:
    """The file media type a response's Content-Type row names ("application/octet-stream;charset=UTF-8"
    in AOS's template download): its body is a file, not fields. None when it names none, or several."""
    found = {m.lower() for m in _FILE_MEDIA.findall(description)}
    return found.pop() if len(found) == 1 else None
