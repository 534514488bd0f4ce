"""The mock and an operation's statuses (issue 18, feature 8): it answers the first documented 2xx,
and a request can ask for any other documented status, success or error, with `X-Hwgen-Status`."""

from __future__ import annotations

import httpx
import pytest

from generator.mock import STATUS_HEADER

RECORD_SET = "/v2/zones/2c9eb155587194ec01587224c9f90149/recordsets/2c9eb155587228570158722b6ac30007"
TAG = "/v2/p1/smn_topic/topic-1/tags/DEV"
TOKEN = {"X-Auth-Token": "tok-mock"}


def test_the_first_documented_2xx_is_the_default_answer(stateless: httpx.Client) -> None:
    response = stateless.delete(RECORD_SET, headers=TOKEN)
    assert response.status_code == 200
    assert response.json()["id"] == "id"  # synthesised: the page's example is the 202's


@pytest.mark.parametrize(
    ("status", "body"),
    [
        ("202", {"status": "PENDING_DELETE"}),  # the page's 202 example
        ("204", None),
        ("404", {"error_code": "HWGEN.404", "error_msg": "No such zone or record set."}),  # no body documented
    ],
)
def test_another_documented_status_on_request(
    stateless: httpx.Client, status: str, body: dict[str, str] | None
) -> None:
    response = stateless.delete(RECORD_SET, headers={**TOKEN, STATUS_HEADER: status})
    assert response.status_code == int(status)
    if body is None:
        assert response.content == b""
    else:
        assert body.items() <= response.json().items()


def test_a_documented_error_body_is_the_pages(stateless: httpx.Client) -> None:
    response = stateless.delete(TAG, headers={**TOKEN, STATUS_HEADER: "404"})
    assert (response.status_code, response.json()["code"]) == (404, "SMN.00010008")  # the page's example
    synthesised = stateless.delete(TAG, headers={**TOKEN, STATUS_HEADER: "403"}).json()
    assert set(synthesised) == {"request_id", "code", "message"}  # the 403 table, every field


def test_an_undocumented_status_is_refused(stateless: httpx.Client) -> None:
    response = stateless.delete(TAG, headers={**TOKEN, STATUS_HEADER: "418"})
    assert response.status_code == 400
    assert response.json()["error_msg"] == (
        "X-Hwgen-Status: '418' is not a documented status of delete_resource_tag (204, 400, 403, 404, 500)"
    )


def test_the_request_is_still_validated_first(stateless: httpx.Client) -> None:
    response = stateless.delete(TAG, headers={STATUS_HEADER: "204"})  # no token: the page requires one
    assert response.status_code == 401
