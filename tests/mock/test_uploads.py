"""Request bodies that carry files (issue 18, features 2 and 3): the mock takes a whole binary body in
its content type (IMS upload_image_file) and parses and checks multipart/form-data parts."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from generator.mock.errors import MockError
from generator.mock.uploads import check_form
from generator.model.api import Field, TypeRef

FILE_ROUTE = "/v2/images/4ca46bf1-5c61-48ff-b4f3-0ad4e5e3ba90/file"


def test_a_binary_body_is_taken_in_its_content_type(stateless: httpx.Client) -> None:
    response = stateless.put(FILE_ROUTE, content=b"\x00\xffimage", headers={"Content-Type": "application/octet-stream"})
    assert response.status_code == 204


def test_an_empty_file_is_a_file(stateless: httpx.Client) -> None:
    response = stateless.put(FILE_ROUTE, content=b"", headers={"Content-Type": "application/octet-stream"})
    assert response.status_code == 204


def test_a_binary_body_in_another_content_type_is_refused(stateless: httpx.Client) -> None:
    response = stateless.put(FILE_ROUTE, content=b"{}", headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert "is not application/octet-stream" in response.json()["error_msg"]


FORM_ROUTE = "/v5/iot/p1/batchtask-files"


def _form(client: httpx.Client, files: dict[str, Any], data: dict[str, str] | None = None) -> httpx.Response:
    return client.post(FORM_ROUTE, files=files, data=data or {})


def test_a_form_with_its_file_part_passes(stateless: httpx.Client) -> None:
    response = _form(stateless, {"file": ("devices.xlsx", b"rows", "application/vnd.ms-excel")})
    assert response.status_code == 201
    assert response.json()["file_name"] == "BatchCreateDevices_test01.xlsx"  # the page's example answer


@pytest.mark.parametrize(
    ("files", "data", "message"),
    [
        ({"other": ("a.xlsx", b"x")}, None, "form part 'other' is not documented"),
        ({"file": ("a.xlsx", b"x")}, {"note": "x"}, "form part 'note' is not documented"),
        ({"file": (None, b"x")}, None, "form part 'file' is a file: it needs a filename"),
    ],
)
def test_form_mistakes_are_located(
    stateless: httpx.Client, files: dict[str, Any], data: dict[str, str] | None, message: str
) -> None:
    response = _form(stateless, files, data)
    assert (response.status_code, response.json()["error_msg"]) == (400, message)


def test_a_form_of_no_parts_is_refused(stateless: httpx.Client) -> None:
    headers = {"Content-Type": "multipart/form-data; boundary=b"}
    response = stateless.post(FORM_ROUTE, content=b"--b--\r\n", headers=headers)
    assert response.json()["error_msg"] == "request body is not a well-formed multipart/form-data body"


def test_required_parts_and_text_parts_are_checked() -> None:
    fields = {
        "file": Field("file", "file", "body", TypeRef("File"), True, "The file."),
        "count": Field("count", "count", "body", TypeRef("Integer"), True, "How many."),
    }
    with pytest.raises(MockError, match="form part 'file' is required"):
        check_form([("count", None, b"3")], fields, _scalar)
    with pytest.raises(MockError, match="form part 'count' is given 2 times"):
        check_form([("count", None, b"3"), ("count", None, b"4")], fields, _scalar)
    assert check_form([("count", None, b"3"), ("file", "a.bin", b"xy")], fields, _scalar) == {
        "count": 3,
        "file": {"filename": "a.bin", "size": 2},
    }


def _scalar(text: str, fld: Field) -> Any:
    return int(text) if fld.type.page_type == "Integer" else text


def test_a_form_without_a_boundary_is_refused(stateless: httpx.Client) -> None:
    response = stateless.post(FORM_ROUTE, content=b"x", headers={"Content-Type": "multipart/form-data"})
    assert response.json()["error_msg"] == "header 'Content-Type': multipart/form-data without a boundary"


TOKEN_ROUTE = "/v3.0/OS-FEDERATION/tokens"
URLENCODED = {"Content-Type": "application/x-www-form-urlencoded", "X-Idp-Id": "idp1"}


def test_a_urlencoded_form_is_read_as_fields(stateless: httpx.Client) -> None:
    response = stateless.post(TOKEN_ROUTE, content=b"SAMLResponse=PHNhbWw%2B", headers=URLENCODED)
    assert response.status_code == 201


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"", "request body is required"),
        (b"Other=1", "form field 'Other' is not documented"),
        (b"SAMLResponse", "request body is not a well-formed application/x-www-form-urlencoded form"),
        (b'{"SAMLResponse": "x"}', "request body is not a well-formed application/x-www-form-urlencoded form"),
    ],
)
def test_urlencoded_form_mistakes_are_located(stateless: httpx.Client, body: bytes, message: str) -> None:
    response = stateless.post(TOKEN_ROUTE, content=body, headers=URLENCODED)
    assert (response.status_code, response.json()["error_msg"]) == (400, message)
