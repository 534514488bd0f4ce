"""Whole JSON bodies in the runtime (issue 18, feature 6): a map or a list of scalars sent as the body
itself (`whole_body=True`), and a result that is a list or a dict, read by its type (a wrong shape is an
ApiResponseValidationError, as for a model)."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any, Unpack

import httpx
import pydantic
import pytest

from .conftest import load_runtime

rt = load_runtime()
declare = rt.declare


class Label(pydantic.BaseModel):
    value: str
    weight: int | None = None


class _Operations:
    @declare.operation("PUT /v1/labels", body="body", whole_body=True)
    def put_labels(
        self, *, body: Mapping[str, Label | Mapping[str, Any]], **options: Unpack[rt.CallOptions]
    ) -> dict[str, Label]:
        """Replace the labels: the body is a map of label name to label."""

    @declare.operation("POST /v1/tags", body="body", whole_body=True)
    def add_tags(self, *, body: Sequence[str], **options: Unpack[rt.CallOptions]) -> list[str]:
        """Add tags: the body is a list of strings, and so is the answer."""


class LabelClient(rt.BaseClient, _Operations):
    _endpoint_prefix = "labels"


def _call(method: str, answer: Any, **kwargs: Any) -> tuple[httpx.Request, Any]:
    seen: list[httpx.Request] = []

    def reply(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=answer)

    http = httpx.Client(transport=httpx.MockTransport(reply))
    with LabelClient(base_url="https://x", auth=rt.TokenAuth("t"), http_client=http) as client:
        result = getattr(client, method)(**kwargs)
    (request,) = seen
    return request, result


def test_a_map_body_is_sent_and_read_as_a_dict() -> None:
    answer = {"env": {"value": "prod", "weight": 2}}
    request, result = _call(
        "put_labels", answer, body={"env": {"value": "prod", "weight": 2}, "tier": Label(value="web")}
    )
    assert json.loads(request.content) == {"env": {"value": "prod", "weight": 2}, "tier": {"value": "web"}}
    assert result == {"env": Label(value="prod", weight=2)}


def test_a_list_of_scalars_is_sent_and_read_as_a_list() -> None:
    request, result = _call("add_tags", ["a", "b"], body=["a", "b"])
    assert (request.content, request.headers["Content-Type"]) == (b'["a","b"]', "application/json")
    assert result == ["a", "b"]


def test_an_answer_of_the_wrong_shape_is_a_validation_error() -> None:
    with pytest.raises(rt.ApiResponseValidationError, match=r"does not match list\[str\]"):
        _call("add_tags", {"tags": ["a"]}, body=["a"])


def test_an_element_of_the_wrong_type_is_refused_before_sending() -> None:
    with pytest.raises(pydantic.ValidationError):
        _call("add_tags", [], body=["a", 1])
