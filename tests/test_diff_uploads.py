"""`hwgen diff` over request bodies that carry files (issue 18, features 2 and 3): a body that is a file
is one required body field `file` of type File, and a form's parts are body fields, so a file body or a
required part added, and a part or the file body removed, are breaking; a new optional part is info."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.diff import diff
from generator.findings import Severity

SERVICE = "spec_version: 1\ntitle: IoTDA\nendpoint: iotda\nclient_class: IoTDAClient\n"
OPERATION = """spec_version: 1
title: Uploading a File
source:
  page: upload.txt
summary: Uploads a file.
method: POST
path: /v5/iot/files
{body}responses:
  "201":
    description: Created.
"""
FORM = """request_body:
  content_type: multipart/form-data
  fields:
    - name: file
      type: File
      required: true
      description: The file.
{extra}"""
BINARY = "request_body:\n  file:\n    description: The file.\n"
NOTE_OPTIONAL = "    - name: note\n      type: String\n      description: A note.\n"
NOTE_REQUIRED = "    - name: note\n      type: String\n      required: true\n      description: A note.\n"
EMPTY, WITH_NOTE, WITH_REQUIRED = (FORM.format(extra=e) for e in ("", NOTE_OPTIONAL, NOTE_REQUIRED))


def tree(root: Path, body: str) -> str:
    (root / "iotda").mkdir(parents=True)
    (root / "iotda" / "_service.yaml").write_text(SERVICE, "utf-8")
    (root / "iotda" / "upload_file.yaml").write_text(OPERATION.format(body=body), "utf-8")
    return str(root)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (EMPTY, WITH_NOTE, ("request-field-optional-added", "body.note", "info")),
        (EMPTY, WITH_REQUIRED, ("request-field-required-added", "body.note", "breaking")),
        (WITH_NOTE, EMPTY, ("request-field-removed", "body.note", "breaking")),
        ("", BINARY, ("request-field-required-added", "body.file", "breaking")),
        (BINARY, "", ("request-field-removed", "body.file", "breaking")),
    ],
)
def test_upload_changes(tmp_path: Path, old: str, new: str, expected: tuple[str, ...]) -> None:
    result = diff(tree(tmp_path / "old", old), tree(tmp_path / "new", new))
    assert [f for f in result.findings if f.severity is not Severity.WARNING] == []
    changes = [(c.rule_id, c.path, c.level) for c in result.changes]
    assert expected in changes  # a removed argument is also an SDK keyword removed
    assert {c[0] for c in changes} <= {expected[0], "sdk-keyword-removed"}


def test_a_file_body_becoming_a_form_is_breaking(tmp_path: Path) -> None:
    result = diff(tree(tmp_path / "old", BINARY), tree(tmp_path / "new", EMPTY))
    rules = {(c.rule_id, c.level) for c in result.changes}
    assert ("request-content-type-changed", "breaking") in rules
