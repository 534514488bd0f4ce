"""The mock's checks of request bodies that carry files: a whole binary body, multipart/form-data parts."""

from __future__ import annotations

import email.parser
import email.policy
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import parse_qsl

from ..model.api import Field
from .errors import bad_request

__all__ = ["check_form", "parse_form", "parse_urlencoded"]

_PARSER = email.parser.BytesParser(policy=email.policy.HTTP)


def parse_form(content_type: str, raw: bytes) -> list[tuple[str, str | None, bytes]]:
    """The parts of a multipart/form-data body: (name, filename or None, bytes), in order."""
    if "boundary=" not in content_type:
        raise bad_request("header 'Content-Type': multipart/form-data without a boundary")
    message = _PARSER.parsebytes(b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n" + raw)
    if not message.is_multipart() or message.defects:
        raise bad_request("request body is not a well-formed multipart/form-data body")
    parts: list[tuple[str, str | None, bytes]] = []
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if part.get_content_disposition() != "form-data" or not isinstance(name, str):
            raise bad_request("a multipart part has no 'Content-Disposition: form-data; name=...'")
        payload = part.get_payload(decode=True)
        parts.append((name, part.get_filename(), payload if isinstance(payload, bytes) else b""))
    return parts


def parse_urlencoded(raw: bytes) -> list[tuple[str, str | None, bytes]]:
    """The fields of an application/x-www-form-urlencoded body, as parts without filenames."""
    try:
        pairs = parse_qsl(raw.decode("ascii"), keep_blank_values=True, strict_parsing=True)
    except (UnicodeDecodeError, ValueError):
        raise bad_request("request body is not a well-formed application/x-www-form-urlencoded form") from None
    return [(name, None, value.encode("utf-8")) for name, value in pairs]


def check_form(
    parts: list[tuple[str, str | None, bytes]],
    fields: Mapping[str, Field],
    scalar: Callable[[str, Field], Any],
    what: str = "form part",
) -> dict[str, Any]:
    """Each part documented and given once, each required part present, a File part sent as a file
    (with a filename), and a text part's value of its field's type (`scalar` parses and checks it).
    Returns the form as data: a file's entry is its filename and size. `what` names a part in messages
    (a urlencoded form's are "form field"s)."""
    seen: dict[str, Any] = {}
    for name, filename, data in parts:
        fld = fields.get(name)
        if fld is None:
            raise bad_request(f"{what} '{name}' is not documented")
        if name in seen:
            raise bad_request(f"{what} '{name}' is given 2 times")
        if fld.type.page_type == "File":
            if filename is None:
                raise bad_request(f"form part '{name}' is a file: it needs a filename")
            seen[name] = {"filename": filename, "size": len(data)}
            continue
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise bad_request(f"{what} '{name}' is not UTF-8 text") from None
        seen[name] = scalar(text, fld)
    for fld in fields.values():
        if fld.required and fld.name not in seen:
            raise bad_request(f"{what} '{fld.name}' is required")
    return seen
