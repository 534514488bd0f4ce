"""Routing: every operation under one host, 404 and 405, service prefixes and Host labels, literal segments first."""

from __future__ import annotations

from dataclasses import replace

import httpx
import pytest

from generator.mock.errors import MockError
from generator.mock.routing import RouteTable
from generator.model.api import Api

from .conftest import TOKEN

NOT_FOUND = {
    "error_code": "APIGW.0101",
    "error_msg": "The API does not exist or has not been published in the environment",
}


def test_every_operation_is_routed(api: Api) -> None:
    table = RouteTable(api)
    for op in api.operations:
        path = op.path.replace("{", "").replace("}", "")  # each placeholder filled with its own name
        match = table.resolve(op.method, path)
        assert match.route.operation is op
        assert match.path_params == {name: name for name in match.route.names}


def test_unknown_path_is_404(stateless: httpx.Client) -> None:
    response = stateless.get("/v9/p1/nothing-here")
    assert (response.status_code, response.json()) == (404, NOT_FOUND)
    assert len(response.headers["X-Request-Id"]) == 32


def test_wrong_method_is_405_with_allow(stateless: httpx.Client) -> None:
    response = stateless.delete("/v5/p1/export-task/t1", headers=TOKEN)
    assert response.status_code == 405
    assert response.headers["Allow"] == "GET"
    assert response.json() == {
        "error_code": "HWGEN.0405",
        "error_msg": "method DELETE is not allowed on this path; allowed: GET",
    }


def test_an_empty_segment_is_not_a_value(stateless: httpx.Client) -> None:
    assert stateless.get("/v2//export-tasks").status_code == 404


def test_service_prefix_restricts_to_that_service(stateless: httpx.Client) -> None:
    assert stateless.get("/hss/v5/p1/export-task/t1", headers=TOKEN).status_code == 200
    assert stateless.get("/workspace/v5/p1/export-task/t1", headers=TOKEN).json() == NOT_FOUND


def test_host_label_restricts_to_that_service(stateless: httpx.Client) -> None:
    assert stateless.get("/v5/p1/export-task/t1", headers={**TOKEN, "Host": "hss.localhost"}).status_code == 200
    wrong = stateless.get("/v5/p1/export-task/t1", headers={**TOKEN, "Host": "roma.cn-north-4.myhuaweicloud.com"})
    assert wrong.status_code == 404


def test_literal_segments_win_over_placeholders(api: Api) -> None:
    service = api.services[0]
    template = service.operations[0]
    generic = replace(template, name="generic", method="GET", path="/v1/{a}/items", parameters=())
    special = replace(template, name="special", method="GET", path="/v1/special/items", parameters=())
    posted = replace(template, name="posted", method="POST", path="/v1/{a}/items", parameters=())
    for order in ((generic, special, posted), (special, posted, generic)):
        table = RouteTable(replace(api, services=(replace(service, operations=order),)))
        assert table.resolve("GET", "/v1/special/items").route.operation.name == "special"
        assert table.resolve("GET", "/v1/other/items").path_params == {"a": "other"}
        # The literal route has no POST; the placeholder route that fits has one.
        assert table.resolve("POST", "/v1/special/items").route.operation.name == "posted"
        with pytest.raises(MockError) as info:
            table.resolve("PUT", "/v1/special/items")
        assert (info.value.status, info.value.headers) == (405, {"Allow": "GET, POST"})


def test_path_values_are_percent_decoded(api: Api) -> None:
    match = RouteTable(api).resolve("GET", "/v5/p1/export-task/a%2Fb%20c")
    assert match.path_params == {"project_id": "p1", "task_id": "a/b c"}
