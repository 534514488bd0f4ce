"""Request validation over HTTP: each kind of mistake gets a 400 whose body names the parameter, exactly."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from .conftest import TOKEN

HSS_EXPORT = "/v5/p1/export-task"
DRS_EXPORT = "/v5/p1/jobs/export/template"
ROMA_EXPORT = "/v2/p1/instances/i1/assets/export"
TASKS = "/v2/p1/export-tasks"
REPORT = {"type": "operational-report", "operational_report_data": {"report_id": "2024-05"}}


def bad(message: str) -> dict[str, str]:
    return {"error_code": "HWGEN.0400", "error_msg": message}


def post(client: httpx.Client, path: str, body: Any, **headers: str) -> httpx.Response:
    return client.post(path, json=body, headers={**TOKEN, **headers})


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("limit=abc", "query parameter 'limit': 'abc' is not a valid Integer"),
        ("limit=1.5", "query parameter 'limit': '1.5' is not a valid Integer"),
        ("limit=0", "query parameter 'limit': 0 is below the minimum 1"),
        ("limit=101", "query parameter 'limit': 101 is above the maximum 100"),
        ("limit=99999999999", "query parameter 'limit': 99999999999 is outside the Integer (int32) range"),
        ("limit=1&limit=2", "query parameter 'limit' is given 2 times"),
        ("status=DONE", "query parameter 'status': 'DONE' is not one of CREATING, SUCCESS, FAIL, EXPIRED"),
        ("is_download=yes", "query parameter 'is_download': 'yes' is not a valid Boolean (true or false)"),
        ("sort_type=asc", "query parameter 'sort_type': 'asc' is not one of ASC, DESC"),
    ],
)
def test_query_parameters(stateless: httpx.Client, query: str, message: str) -> None:
    response = stateless.get(f"{TASKS}?{query}")
    assert (response.status_code, response.json()) == (400, bad(message))


def test_a_valid_query_passes(stateless: httpx.Client) -> None:
    response = stateless.get(TASKS, params={"limit": 100, "offset": 0, "status": "SUCCESS", "is_download": "true"})
    assert response.status_code == 200


def test_string_length_of_query_and_path_parameters(stateless: httpx.Client) -> None:
    response = post(stateless, f"{HSS_EXPORT}?enterprise_project_id=", REPORT)
    assert response.json() == bad("query parameter 'enterprise_project_id': length 0 is below the minimum length 1")
    response = post(stateless, f"/v5/{'p' * 257}/export-task", REPORT)
    assert response.json() == bad("path parameter 'project_id': length 257 is above the maximum length 256")


def test_header_enumeration(stateless: httpx.Client) -> None:
    response = post(stateless, DRS_EXPORT, {"jobs": ["j1"]}, **{"X-Language": "fr-fr"})
    assert (response.status_code, response.json()) == (
        400,
        bad("header 'X-Language': 'fr-fr' is not one of en-us, zh-cn"),
    )
    assert post(stateless, DRS_EXPORT, {"jobs": ["j1"]}, **{"x-language": "zh-cn"}).status_code == 202


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"operational_report_data": {"report_id": "r"}}, "body field 'type' is required"),
        (
            {"type": "other", "operational_report_data": {"report_id": "r"}},
            "body field 'type': 'other' is not one of operational-report",
        ),
        ({"type": 1, "operational_report_data": {}}, "body field 'type': expected String, got integer"),
        (
            {"type": "operational-report", "operational_report_data": []},
            "body field 'operational_report_data': expected Object, got array",
        ),
        (
            {"type": "operational-report", "operational_report_data": {}},
            "body field 'operational_report_data.report_id' is required",
        ),
        (
            {"type": "operational-report", "operational_report_data": {"report_id": "x" * 33}},
            "body field 'operational_report_data.report_id': length 33 is above the maximum length 32",
        ),
        (
            {"type": "operational-report", "operational_report_data": {"report_id": "r", "month": 5}},
            "body field 'operational_report_data.month' is not documented",
        ),
        ({**REPORT, "extra": True}, "body field 'extra' is not documented"),
        ({"type": None, "operational_report_data": {"report_id": "r"}}, "body field 'type': expected String, got null"),
    ],
)
def test_body_schema(stateless: httpx.Client, body: Any, message: str) -> None:
    response = post(stateless, HSS_EXPORT, body)
    assert (response.status_code, response.json()) == (400, bad(message))


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"apps": [{"id": 5}], "tasks": []}, "body field 'apps[0].id': expected String, got integer"),
        ({"apps": [{"id": "a"}, "b"], "tasks": []}, "body field 'apps[1]': expected Object, got string"),
        ({"apps": {"id": "a"}, "tasks": []}, "body field 'apps': expected Array, got object"),
        ({"apps": []}, "body field 'tasks' is required"),
    ],
)
def test_nested_arrays_of_objects(stateless: httpx.Client, body: Any, message: str) -> None:
    response = post(stateless, ROMA_EXPORT, body)
    assert (response.status_code, response.json()) == (400, bad(message))


def test_array_items_of_a_scalar_type(stateless: httpx.Client) -> None:
    response = post(stateless, DRS_EXPORT, {"jobs": ["j1", 2]})
    assert response.json() == bad("body field 'jobs[1]': expected String, got integer")


@pytest.mark.parametrize(
    ("content", "content_type", "message"),
    [
        (b'{"jobs": ["j"]}', "text/plain", "header 'Content-Type': 'text/plain' is not application/json"),
        (b'{"jobs": ["j"]}', None, "header 'Content-Type' is required"),
        (b"", "application/json", "request body is required"),
        (b"[1]", "application/json", "request body: expected an object, got array"),
        (b'{"jobs": NaN}', "application/json", "request body is not valid JSON: NaN is not a JSON value"),
        (
            b'{"jobs": [',
            "application/json",
            "request body is not valid JSON: Expecting value: line 1 column 11 (char 10)",
        ),
        (
            b"\xff",
            "application/json",
            "request body is not valid JSON: 'utf-8' codec can't decode byte 0xff in position 0: invalid start byte",
        ),
    ],
)
def test_content_type_and_json(stateless: httpx.Client, content: bytes, content_type: str | None, message: str) -> None:
    headers = {**TOKEN, **({"Content-Type": content_type} if content_type else {})}
    response = stateless.post(DRS_EXPORT, content=content, headers=headers)
    assert (response.status_code, response.json()) == (400, bad(message))


def test_a_charset_parameter_does_not_change_the_media_type(stateless: httpx.Client) -> None:
    """SecMaster documents application/json;charset=UTF-8; plain application/json is the same media type."""
    path = "/v1/p1/workspaces/w1/soc/workflows/export"
    for content_type in ("application/json;charset=UTF-8", "application/json"):
        response = stateless.post(path, content=b'{"id": ["x"]}', headers={**TOKEN, "Content-Type": content_type})
        assert response.status_code == 200, response.text


def test_authentication_comes_before_validation(stateless: httpx.Client) -> None:
    response = stateless.post(HSS_EXPORT, json={"type": 1})
    assert response.status_code == 401
    assert response.json() == {
        "error_code": "APIGW.0301",
        "error_msg": "Incorrect IAM authentication information: the request has neither an X-Auth-Token header"
        " nor an SDK-HMAC-SHA256 Authorization header",
    }


def test_an_authorization_that_is_not_a_signature_is_refused(stateless: httpx.Client) -> None:
    response = stateless.post(HSS_EXPORT, json=REPORT, headers={"Authorization": "Basic dTpw"})
    assert response.status_code == 401
    assert response.json()["error_msg"].endswith("the Authorization header is not an SDK-HMAC-SHA256 signature")


def test_a_page_without_an_auth_header_needs_no_credentials(stateless: httpx.Client) -> None:
    """Workspace's pages list no X-Auth-Token: the mock asks only for what the page documents."""
    assert stateless.get(TASKS).status_code == 200


def test_array_query_parameters_in_their_collection_format(stateless: httpx.Client) -> None:
    """ELB's ip_list is comma-joined (one key, values split on commas); NAT's status repeats its key."""
    groups, gateways = "/v3/p1/elb/ipgroups", "/v2/p1/nat_gateways"
    assert stateless.get(groups, params={"ip_list": "10.0.0.1,10.0.0.2"}, headers=TOKEN).status_code == 200
    repeated = stateless.get(groups, params=[("ip_list", "10.0.0.1"), ("ip_list", "10.0.0.2")], headers=TOKEN)
    assert (repeated.status_code, repeated.json()) == (
        400,
        bad("query parameter 'ip_list' is given 2 times (its values go comma-joined under one key)"),
    )
    states = [("status", "ACTIVE"), ("status", "INACTIVE")]
    assert stateless.get(gateways, params=states, headers=TOKEN).status_code == 200
    joined = stateless.get(gateways, params={"status": "ACTIVE,INACTIVE"}, headers=TOKEN)
    assert (joined.status_code, joined.json()) == (
        400,
        bad(
            "query parameter 'status': 'ACTIVE,INACTIVE' is not one of ACTIVE, PENDING_CREATE, PENDING_UPDATE,"
            " PENDING_DELETE, INACTIVE"
        ),
    )


def test_documented_response_headers_are_sent(stateless: httpx.Client) -> None:
    """IAM's token comes back in X-Subject-Token (the page's example value), beside the body."""
    auth = {
        "identity": {
            "methods": ["password"],
            "password": {"user": {"domain": {"name": "d"}, "name": "u", "password": "p"}},
        }
    }
    response = stateless.post(
        "/v3/auth/tokens", json={"auth": auth}, headers={"Content-Type": "application/json;charset=utf8"}
    )
    assert response.status_code == 201
    assert response.headers["X-Subject-Token"] == "MIIatAYJKoZIhvcNAQcCoIIapTCCGqECAQExDTALB..."
    assert response.json()["token"]["methods"] == ["password"]


def test_null_only_where_the_page_allows_it(stateless: httpx.Client) -> None:
    ptr = "/v2/reverse/floatingips/region_id:c5504932"
    assert stateless.patch(ptr, json={"ptrdname": None}, headers=TOKEN).status_code == 200
    response = post(stateless, ROMA_EXPORT, {"apps": None, "tasks": []})
    assert (response.status_code, response.json()) == (400, bad("body field 'apps': expected Array, got null"))


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (True, "body field 'snat_rule.source_type': expected Integer, got boolean"),
        ("1", "body field 'snat_rule.source_type': expected Integer, got string"),
        (2, "body field 'snat_rule.source_type': 2 is not one of 0, 1"),
    ],
)
def test_an_integer_enumeration_is_exact(stateless: httpx.Client, value: Any, message: str) -> None:
    rule = {"nat_gateway_id": "a" * 36, "floating_ip_id": "f", "source_type": value}
    response = post(stateless, "/v2/p1/snat_rules", {"snat_rule": rule})
    assert (response.status_code, response.json()) == (400, bad(message))
    assert post(stateless, "/v2/p1/snat_rules", {"snat_rule": {**rule, "source_type": 1}}).status_code == 201
