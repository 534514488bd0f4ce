"""Bodies that are a JSON array (issue 18, feature 6) over real HTTP, sync and async: IMS's
GlanceUpdateImage takes `body: list[ImagePatchOperation]` (a JSON patch), ListOsVersions returns
`list[OsVersionList]`; and both are sent as Huawei's SDK sends them."""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Coroutine, Mapping, Sequence
from typing import Any

import pydantic
import pytest
from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkims.v2 import GlanceUpdateImageRequest, GlanceUpdateImageRequestBody, ListOsVersionsRequest
from huaweicloudsdkims.v2 import ImsClient as SdkImsClient
from hwcloud import AkSkAuth, ApiResponseValidationError
from hwcloud.ims import AsyncImsClient, ImsClient, models

from .conftest import PROJECT, Invoker
from .sdk_wire import AK, SK, record
from .server import MockServer, Reply, Request

IMS = (ImsClient, AsyncImsClient)
PATCH = "application/openstack-images-v2.1-json-patch"
OS_VERSIONS = [
    {"platform": "SUSE", "version_list": [{"platform": "SUSE", "os_version": "SUSE 15 64bit", "os_bit": 64}]},
    {"platform": "Other", "version_list": []},
]


def test_an_array_body_is_sent_as_the_whole_body(server: MockServer, invoke: Invoker) -> None:
    wire = [{"op": "replace", "path": "/name", "value": "test01"}, {"op": "remove", "path": "/__os_bit"}]
    server.expect(
        Request("PATCH", "/v2/images/img1", headers={"Content-Type": PATCH}, json=wire),
        Reply(200, json={"id": "img1", "name": "test01", "__os_bit": "64"}),
    )
    # a model and a plain mapping, mixed: each element is validated into the table's model
    body = [
        models.ImagePatchOperation(op="replace", path="/name", value="test01"),
        {"op": "remove", "path": "/__os_bit"},
    ]
    result = invoke(IMS, "glance_update_image", image_id="img1", body=body)
    assert (result.id, result.name, result.os_bit) == ("img1", "test01", "64")


def test_an_empty_array_is_sent_as_one(server: MockServer, invoke: Invoker) -> None:
    server.expect(Request("PATCH", "/v2/images/img1", json=[]), Reply(200, json={"id": "img1"}))
    assert invoke(IMS, "glance_update_image", image_id="img1", body=[]).id == "img1"


@pytest.mark.parametrize(
    "body",
    [
        [{"op": "rename", "path": "/name"}],  # not one of the page's operations
        [{"op": "add"}],  # path is required
        {"op": "add", "path": "/a"},  # one operation, not an array of them
    ],
)
def test_a_bad_element_is_refused_before_sending(server: MockServer, invoke: Invoker, body: object) -> None:
    with pytest.raises(pydantic.ValidationError, match="body"):
        invoke(IMS, "glance_update_image", image_id="img1", body=body)
    assert server.requests == []


def test_an_array_answer_is_a_list_of_models(server: MockServer, invoke: Invoker) -> None:
    server.expect(Request("GET", "/v1/cloudimages/os_version", query=[("tag", "arm")]), Reply(200, json=OS_VERSIONS))
    result = invoke(IMS, "list_os_versions", tag="arm")
    assert isinstance(result, list) and all(isinstance(item, models.OsVersionList) for item in result)
    assert [(r.platform, [v.os_bit for v in r.version_list or []]) for r in result] == [("SUSE", [64]), ("Other", [])]


def test_an_answer_that_is_not_an_array_is_a_validation_error(server: MockServer, invoke: Invoker) -> None:
    server.expect(Request("GET", "/v1/cloudimages/os_version"), Reply(200, json={"platform": "SUSE"}))
    with pytest.raises(ApiResponseValidationError, match=r"does not match list\[OsVersionList\]"):
        invoke(IMS, "list_os_versions")


def test_the_raw_response_carries_the_list(server: MockServer) -> None:
    server.expect(Request("GET", "/v1/cloudimages/os_version"), Reply(200, json=OS_VERSIONS))
    with ImsClient(base_url=server.url, project_id=PROJECT) as client:
        raw = client.with_raw_response(client.list_os_versions)()
    assert raw.status_code == 200
    assert [item.platform for item in raw.parsed] == ["SUSE", "Other"]


def test_the_declarations_state_the_real_types() -> None:
    """help() and type checkers read these: the list itself, not a wrapper model."""
    with ImsClient(base_url="http://127.0.0.1:9", project_id=PROJECT) as client:
        assert inspect.signature(client.list_os_versions).return_annotation == list[models.OsVersionList]
        assert "`list[OsVersionList]`, the whole body" in (client.list_os_versions.__doc__ or "")
        body = inspect.signature(client.glance_update_image).parameters["body"].annotation
        assert body == Sequence[models.ImagePatchOperation | Mapping[str, Any]]

    async def returned() -> Any:
        async with AsyncImsClient(base_url="http://127.0.0.1:9", project_id=PROJECT) as aclient:
            return inspect.signature(aclient.list_os_versions).return_annotation

    assert asyncio.run(returned()) == Coroutine[Any, Any, list[models.OsVersionList]]


# -- the same call as Huawei's SDK builds it -----------------------------------------------------


def _sdk(url: str) -> SdkImsClient:
    credentials = BasicCredentials(AK, SK, PROJECT)
    return SdkImsClient.new_builder().with_credentials(credentials).with_endpoints([url]).build()


# the SDK marks its method deprecated (the page does not): the reference call may still be compared
@pytest.mark.filterwarnings("ignore:Method 'glance_update_image' of ImsClient is deprecated:DeprecationWarning")
def test_glance_update_image_is_sent_as_huaweis_sdk_sends_it() -> None:
    """The JSON patch array, its content type and the image path, as the SDK's `body: list[...]` sends them
    (JSON compared as data: the SDK writes spaces after separators, the client does not)."""

    def ours(url: str) -> None:
        with ImsClient(base_url=url, project_id=PROJECT, auth=AkSkAuth(AK, SK)) as client:
            client.glance_update_image(
                image_id="33ad552d",
                body=[
                    {"op": "replace", "path": "/name", "value": "test01"},
                    {"op": "remove", "path": "/__description"},
                ],
            )

    def theirs(url: str) -> None:
        body = [
            GlanceUpdateImageRequestBody(op="replace", path="/name", value="test01"),
            GlanceUpdateImageRequestBody(op="remove", path="/__description"),
        ]
        _sdk(url).glance_update_image(GlanceUpdateImageRequest(image_id="33ad552d", body=body))

    reply = Reply(200, json={"id": "33ad552d"})
    mine, sdk = record(ours, reply), record(theirs, reply)
    assert mine == sdk
    assert isinstance(mine.body, list) and len(mine.body) == 2


def test_list_os_versions_is_sent_as_huaweis_sdk_sends_it() -> None:
    def ours(url: str) -> None:
        with ImsClient(base_url=url, project_id=PROJECT, auth=AkSkAuth(AK, SK)) as client:
            client.list_os_versions(tag="uefi")

    def theirs(url: str) -> None:
        _sdk(url).list_os_versions(ListOsVersionsRequest(tag="uefi"))

    reply = Reply(200, json=OS_VERSIONS)
    assert record(ours, reply) == record(theirs, reply)
