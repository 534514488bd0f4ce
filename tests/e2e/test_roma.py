"""ROMA Connect: Exporting Assets in Batches (tests/fixtures/pages/roma_export_assets.txt)."""

import pydantic
import pytest
from hwcloud import ApiError, PermissionDeniedError
from hwcloud.roma import AsyncRomaClient, RomaClient, models

from .conftest import PROJECT, TOKEN
from .server import Reply, Request

ROMA = (RomaClient, AsyncRomaClient)
INSTANCE = "inst-0a1b"
PATH = f"/v2/{PROJECT}/instances/{INSTANCE}/assets/export"
HEADERS = {"X-Auth-Token": TOKEN, "Content-Type": "application/json"}

# The page's example request and responses.
APPS = ["b1e6b1e6-4f3f-4a80-bb45-f4b9039f95a3", "b2e6b145-4f3f-4a80-aa45-f4b8029f95a4"]
TASKS = ["b2e6a456-1234-4a80-aa45-f4b8029f95a4", "123456648-4f3f-4a80-aa45-f4b00005a42"]
PAGE_BODY = {"apps": [{"id": a} for a in APPS], "tasks": [{"id": t} for t in TASKS]}
PAGE_RESPONSE = {"job_id": "ff8080814dbd65d7014dbe0d84db0013"}
PAGE_403 = {
    "error_code": "ROMA.00000101",
    "error_msg": "error summary",
    "error_details": "some error details here",
    "request_id": "13760c1fe8655e61209b75665e9bef43",
}


@pytest.mark.parametrize(
    "style",
    ["models", "dicts", "mixed"],
)
def test_page_example(server, invoke, style):
    server.expect(Request("POST", PATH, headers=HEADERS, json=PAGE_BODY), Reply(200, json=PAGE_RESPONSE))
    if style == "models":
        apps = [models.Apps(id=a) for a in APPS]
        tasks = [models.Tasks(id=t) for t in TASKS]
    elif style == "dicts":
        apps = [{"id": a} for a in APPS]
        tasks = [{"id": t} for t in TASKS]
    else:
        apps = [models.Apps(id=APPS[0]), {"id": APPS[1]}]
        tasks = [{"id": TASKS[0]}, models.Tasks(id=TASKS[1])]
    result = invoke(ROMA, "export_asset", instance_id=INSTANCE, apps=apps, tasks=tasks)
    assert type(result) is models.ExportAssetResponse
    assert result.job_id == "ff8080814dbd65d7014dbe0d84db0013"


def test_empty_lists_and_object_without_id(server, invoke):
    # `id` is optional in both objects (Tables 4 and 5); an unset id is left out, not sent as null.
    server.expect(
        Request("POST", PATH, headers=HEADERS, json={"apps": [{}], "tasks": []}),
        Reply(200, json={"job_id": "j"}),
    )
    assert invoke(ROMA, "export_asset", instance_id=INSTANCE, apps=[models.Apps()], tasks=[]).job_id == "j"


def test_unknown_object_key_is_rejected_before_sending(server, invoke):
    with pytest.raises(pydantic.ValidationError):
        invoke(ROMA, "export_asset", instance_id=INSTANCE, apps=[{"id": "a", "name": "x"}], tasks=[])
    with pytest.raises(pydantic.ValidationError):
        invoke(ROMA, "export_asset", instance_id=INSTANCE, apps=[{"id": 7}], tasks=[])
    assert server.requests == []


def test_403_page_example(server, invoke):
    server.expect(
        Request("POST", PATH, headers=HEADERS, json=PAGE_BODY),
        Reply(403, json=PAGE_403, headers={"X-Request-Id": "header-id-must-lose"}),
    )
    with pytest.raises(PermissionDeniedError) as info:
        invoke(ROMA, "export_asset", instance_id=INSTANCE, apps=PAGE_BODY["apps"], tasks=PAGE_BODY["tasks"])
    error = info.value
    assert isinstance(error, ApiError)
    assert error.status_code == 403
    assert error.error_code == "ROMA.00000101"
    assert error.error_msg == "error summary"
    assert error.details == "some error details here"
    assert error.request_id == "13760c1fe8655e61209b75665e9bef43"
    assert isinstance(error.body, models.ExportAssetError)  # the page's 403 table, typed
    assert error.body.model_dump(by_alias=True, exclude_none=True) == PAGE_403
    assert "ROMA.00000101" in str(error)
