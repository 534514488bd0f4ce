"""Bodies that are a JSON array (issue 18, feature 6): the mock validates a top-level array request
element by element and answers a top-level array response (IMS GlanceUpdateImage, ListOsVersions)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from generator.mock.responses import success_body
from generator.model.api import Field, Model, Response, TypeRef

PATCH = "application/openstack-images-v2.1-json-patch"
IMAGE = "/v2/images/33ad552d-1149-471c-8190-ff6776174a00"


def bad(message: str) -> dict[str, str]:
    return {"error_code": "HWGEN.0400", "error_msg": message}


def patch(client: httpx.Client, body: Any, content_type: str = PATCH) -> httpx.Response:
    return client.patch(IMAGE, json=body, headers={"Content-Type": content_type})


def test_a_valid_array_body_passes(stateless: httpx.Client) -> None:
    response = patch(stateless, [{"op": "replace", "path": "/name", "value": "img"}, {"op": "remove", "path": "/x"}])
    assert response.status_code == 200
    assert response.json()["name"] == "ims_test"  # the page's example answer


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"op": "replace", "path": "/name"}, "request body: expected an array, got object"),
        ("replace", "request body: expected an array, got string"),
        ([{"op": "rename", "path": "/name"}], "body field '[0].op': 'rename' is not one of replace, add, remove"),
        ([{"op": "add", "path": "/a"}, {"op": "add"}], "body field '[1].path' is required"),
        ([{"op": "add", "path": "/a", "extra": 1}], "body field '[0].extra' is not documented"),
        (["replace"], "body field '[0]': expected Object, got string"),
    ],
)
def test_array_body_mistakes_are_located(stateless: httpx.Client, body: Any, message: str) -> None:
    response = patch(stateless, body)
    assert (response.status_code, response.json()) == (400, bad(message))


def test_an_empty_array_is_a_body(stateless: httpx.Client) -> None:
    assert patch(stateless, []).status_code == 200


def test_the_content_type_is_the_pages(stateless: httpx.Client) -> None:
    response = patch(stateless, [{"op": "remove", "path": "/x"}], "application/json")
    assert response.status_code == 400
    assert "is not application/openstack-images-v2.1-json-patch" in response.json()["error_msg"]


def test_a_top_level_array_response(stateless: httpx.Client) -> None:
    response = stateless.get("/v1/cloudimages/os_version", params={"tag": "arm"})
    assert response.status_code == 200
    body = response.json()
    assert isinstance(body, list)
    assert [item["platform"] for item in body] == ["SUSE", "Other"]  # the page's example


def test_a_synthesised_array_answer_has_one_element_of_the_table() -> None:
    """Without the page's example, the answer is an array of one synthesised element."""
    item = Model("Item", "", (Field("id", "id", "object", TypeRef("String"), True, ""),), "response")
    array = Response(200, "ok", None, None, whole=TypeRef("Array", items=TypeRef("Object", model="Item")))
    assert success_body(array, {"Item": item}) == [{"id": "id"}]
    mapping = Response(200, "ok", None, None, whole=TypeRef("Map", items=TypeRef("String")))
    assert success_body(mapping, {}) == {}
