"""`hwgen diff` over bodies that are a JSON array or map (issue 18, feature 6): the whole body is one
field named by the body's path (`body`, `200`), its elements' fields below it (`body[].op`), so an element
type changed is a type change (breaking) and the element tables are compared field by field."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.diff import diff
from generator.findings import Severity

SERVICE = "spec_version: 1\ntitle: IMS\nendpoint: ims\nclient_class: ImsClient\n"
OPERATION = """spec_version: 1
title: Updating an Image
source:
  page: ims_update_image.txt
summary: Updates an image.
method: PATCH
path: /v2/images/{{image_id}}
parameters:
  path:
    - name: image_id
      type: String
      required: true
      description: Image ID.
request_body:
  content_type: application/openstack-images-v2.1-json-patch
  array: {request}
responses:
  "200":
    description: Succeeded.
    body:
      {response}
objects:
  Operation:
    fields:
      - name: op
        type: String
        required: true
        description: The operation.
{extra}  Version:
    fields:
      - name: platform
        type: String
        description: Platform.
{os_bit}"""
OS_BIT = "      - name: os_bit\n        type: Integer\n        description: Word size.\n"
BASE = {"request": "Operation", "response": "array: Version", "extra": "", "os_bit": OS_BIT}
PATH_FIELD = "      - name: path\n        type: String\n        required: true\n        description: The property.\n"


def tree(root: Path, **changes: str) -> str:
    (root / "ims").mkdir(parents=True)
    (root / "ims" / "_service.yaml").write_text(SERVICE, "utf-8")
    (root / "ims" / "update_image.yaml").write_text(OPERATION.format(**{**BASE, **changes}), "utf-8")
    return str(root)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (  # the request's elements: strings → integers (the element table is then unused: a warning)
            {"request": "String"},
            {"request": "Integer"},
            ("request-field-type-changed", "body", "Array of String", "Array of Integer", "breaking"),
        ),
        (  # the result: a list → a dict of the same elements
            {},
            {"response": "map: Version"},
            ("response-field-type-changed", "200", "Array of Object", "Map of Object", "breaking"),
        ),
        (  # an element's new required field: old callers do not send it
            {},
            {"extra": PATH_FIELD},
            ("request-field-required-added", "body[].path", None, "String", "breaking"),
        ),
        (  # a field of the result's elements that no longer comes back
            {},
            {"os_bit": ""},
            ("response-field-removed", "200[].os_bit", "Integer", None, "breaking"),
        ),
    ],
)
def test_whole_body_changes(
    tmp_path: Path, old: dict[str, str], new: dict[str, str], expected: tuple[str, ...]
) -> None:
    result = diff(tree(tmp_path / "old", **old), tree(tmp_path / "new", **new))
    assert [f for f in result.findings if f.severity is not Severity.WARNING] == []
    assert [(c.rule_id, c.path, c.old, c.new, c.level) for c in result.changes] == [expected]
