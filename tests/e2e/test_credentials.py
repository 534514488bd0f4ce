"""Credentials: from the environment (Huawei's SDK names) when no auth= is given, and never leaked.

The rules under test (documented in hwcloud._core._auth.resolve_auth and the clients' docstring):
without auth=, HUAWEICLOUD_SDK_AK + HUAWEICLOUD_SDK_SK (+ HUAWEICLOUD_SDK_SECURITY_TOKEN) sign
requests, HUAWEICLOUD_SDK_PROJECT_ID is the default project id; with none set, requests go out
unauthenticated; half a key pair is a ValueError. An explicit auth= ignores the environment.
Secrets never show in repr/str, in exception messages or in log records.
"""

from __future__ import annotations

import asyncio
import logging
import socket
import traceback
from collections.abc import Iterator
from typing import Any

import pytest
from hwcloud import AkSkAuth, ApiConnectionError, AuthenticationError, TokenAuth
from hwcloud.workspace import AsyncWorkspaceClient, WorkspaceClient

from .test_aksk import AK, ENV_NAMES, SK, TOKEN, SigningServer

ENV_PROJECT = "envproject0123456789abcdef"
SECRETS = (SK, TOKEN)


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ENV_NAMES:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def env_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HUAWEICLOUD_SDK_AK", AK)
    monkeypatch.setenv("HUAWEICLOUD_SDK_SK", SK)
    monkeypatch.setenv("HUAWEICLOUD_SDK_SECURITY_TOKEN", TOKEN)
    monkeypatch.setenv("HUAWEICLOUD_SDK_PROJECT_ID", ENV_PROJECT)


@pytest.fixture
def server() -> Iterator[SigningServer]:
    """Checks the AK/SK signature of signed requests; lets unsigned ones through (to see what was sent)."""
    mock = SigningServer({AK: SK}, require_signature=False)
    try:
        yield mock
    finally:
        mock.stop()


@pytest.fixture(params=["sync", "async"])
def mode(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def call(mode: str, **client: Any) -> Any:
    """list_export_tasks(limit=5) through a fresh sync or async Workspace client built with `client`."""
    if mode == "sync":
        with WorkspaceClient(**client) as sync_client:
            return sync_client.list_export_tasks(limit=5)

    async def run() -> Any:
        async with AsyncWorkspaceClient(**client) as async_client:
            return await async_client.list_export_tasks(limit=5)

    return asyncio.run(run())


def refused_url() -> str:
    """A local address nobody listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def assert_no_secret(*texts: str) -> None:
    for text in texts:
        for secret in SECRETS:
            assert secret not in text


# --- where credentials come from -------------------------------------------------------------


@pytest.mark.usefixtures("env_credentials")
def test_without_auth_the_environment_signs_and_names_the_project(mode: str, server: SigningServer) -> None:
    result = call(mode, base_url=server.url)
    assert result.count == 0
    (received,) = server.received
    assert received.verdict == ""  # signed with HUAWEICLOUD_SDK_AK / _SK
    assert received.target == f"/v2/{ENV_PROJECT}/export-tasks?limit=5"
    assert received.headers["X-Project-Id"] == ENV_PROJECT
    assert received.headers["X-Security-Token"] == TOKEN
    assert f"Access={AK}," in received.headers["Authorization"]
    assert "x-project-id;x-sdk-date;x-security-token," in received.headers["Authorization"]


@pytest.mark.usefixtures("env_credentials")
def test_a_project_id_passed_to_the_client_beats_the_environment(server: SigningServer) -> None:
    call("sync", base_url=server.url, project_id="p1")
    (received,) = server.received
    assert received.verdict == ""
    assert received.target == "/v2/p1/export-tasks?limit=5"
    assert received.headers["X-Project-Id"] == "p1"


def test_the_security_token_and_project_id_are_optional_in_the_environment(
    monkeypatch: pytest.MonkeyPatch, server: SigningServer
) -> None:
    monkeypatch.setenv("HUAWEICLOUD_SDK_AK", AK)
    monkeypatch.setenv("HUAWEICLOUD_SDK_SK", SK)
    monkeypatch.setenv("HUAWEICLOUD_SDK_SECURITY_TOKEN", "")  # empty counts as unset
    call("sync", base_url=server.url, project_id="p1")
    (received,) = server.received
    assert received.verdict == ""
    assert "X-Security-Token" not in received.headers


def test_with_nothing_set_requests_go_unauthenticated(mode: str, server: SigningServer) -> None:
    call(mode, base_url=server.url, project_id="p1")
    (received,) = server.received
    for header in ("Authorization", "X-Auth-Token", "X-Sdk-Date", "X-Project-Id", "X-Security-Token"):
        assert header not in received.headers


def test_with_nothing_set_the_service_answer_is_an_authentication_error() -> None:
    strict = SigningServer({AK: SK})
    try:
        with pytest.raises(AuthenticationError) as info:
            call("sync", base_url=strict.url, project_id="p1", max_retries=0)
    finally:
        strict.stop()
    assert info.value.status_code == 401
    assert strict.received[0].verdict == "malformed Authorization"


def test_with_nothing_set_a_project_id_is_still_required() -> None:
    with pytest.raises(ValueError, match="project_id is required"):
        call("sync", base_url=refused_url())


@pytest.mark.parametrize(
    ("present", "missing"),
    [
        ({"HUAWEICLOUD_SDK_AK": AK}, "HUAWEICLOUD_SDK_SK"),
        ({"HUAWEICLOUD_SDK_SK": SK}, "HUAWEICLOUD_SDK_AK"),
        ({"HUAWEICLOUD_SDK_SECURITY_TOKEN": TOKEN}, "HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK"),
        ({"HUAWEICLOUD_SDK_AK": AK, "HUAWEICLOUD_SDK_SECURITY_TOKEN": TOKEN}, "HUAWEICLOUD_SDK_SK"),
    ],
)
def test_half_a_key_pair_in_the_environment_is_a_clear_error(
    monkeypatch: pytest.MonkeyPatch, present: dict[str, str], missing: str
) -> None:
    for name, value in present.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(ValueError) as info:
        WorkspaceClient(base_url="http://127.0.0.1:9", project_id="p1")
    assert str(info.value).startswith(f"{missing} not set")
    assert_no_secret(str(info.value), repr(info.value))
    assert AK not in str(info.value)


@pytest.mark.usefixtures("env_credentials")
def test_an_explicit_auth_ignores_the_environment(server: SigningServer) -> None:
    call("sync", base_url=server.url, project_id="p1", auth=TokenAuth("tok-1"))
    (received,) = server.received
    assert received.headers["X-Auth-Token"] == "tok-1"
    assert "Authorization" not in received.headers and "X-Project-Id" not in received.headers
    with pytest.raises(ValueError, match="project_id is required"):  # HUAWEICLOUD_SDK_PROJECT_ID not used either
        call("sync", base_url=server.url, auth=TokenAuth("tok-1"))


def test_an_explicit_aksk_auth_is_bound_to_the_clients_project(server: SigningServer) -> None:
    auth = AkSkAuth(AK, SK)
    call("sync", base_url=server.url, project_id="p1", auth=auth)
    call("sync", base_url=server.url, project_id="p2", auth=auth)
    call("sync", base_url=server.url, project_id="p3", auth=AkSkAuth(AK, SK, project_id="own"))
    assert [r.verdict for r in server.received] == ["", "", ""]
    assert [r.headers["X-Project-Id"] for r in server.received] == ["p1", "p2", "own"]
    assert auth.project_id is None  # the caller's object is not changed


def test_an_x_project_id_header_on_the_call_is_kept_and_signed(server: SigningServer) -> None:
    with WorkspaceClient(base_url=server.url, project_id="p1", auth=AkSkAuth(AK, SK)) as client:
        client.list_export_tasks(project_id="p9", extra_headers={"X-Project-Id": "p9"})
    (received,) = server.received
    assert received.verdict == ""
    assert received.target == "/v2/p9/export-tasks"
    assert received.headers["X-Project-Id"] == "p9"


def test_aksk_auth_from_env(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ValueError, match="HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK"):
        AkSkAuth.from_env()
    monkeypatch.setenv("HUAWEICLOUD_SDK_AK", AK)
    monkeypatch.setenv("HUAWEICLOUD_SDK_SK", SK)
    monkeypatch.setenv("HUAWEICLOUD_SDK_PROJECT_ID", ENV_PROJECT)
    auth = AkSkAuth.from_env()
    assert auth.ak == AK and auth.project_id == ENV_PROJECT
    assert AkSkAuth.from_env(project_id="p1").project_id == "p1"


# --- secrets stay secret ---------------------------------------------------------------------


@pytest.mark.usefixtures("env_credentials")
def test_repr_and_str_of_auth_and_client_hide_the_secrets() -> None:
    auth = AkSkAuth.from_env()
    with WorkspaceClient(base_url="http://127.0.0.1:9") as client:
        texts = [repr(auth), str(auth), repr(client), str(client), repr(client.config)]
    assert_no_secret(*texts)
    assert ENV_PROJECT in repr(client)  # the project id is not a secret


@pytest.mark.usefixtures("env_credentials")
def test_a_refused_connection_error_does_not_carry_the_secrets(mode: str) -> None:
    with pytest.raises(ApiConnectionError) as info:
        call(mode, base_url=refused_url(), max_retries=0)
    assert_no_secret(str(info.value), repr(info.value), "".join(traceback.format_exception(info.value)))


@pytest.mark.usefixtures("env_credentials")
def test_a_401_error_does_not_carry_the_secrets(mode: str, server: SigningServer) -> None:
    server.status = 401
    with pytest.raises(AuthenticationError) as info:
        call(mode, base_url=server.url, max_retries=0)
    assert server.received[0].verdict == ""  # the request was signed right; the answer is forced
    assert_no_secret(
        str(info.value), repr(info.value), repr(info.value.body), "".join(traceback.format_exception(info.value))
    )


@pytest.mark.usefixtures("env_credentials")
def test_log_records_do_not_carry_the_secrets(
    caplog: pytest.LogCaptureFixture, mode: str, server: SigningServer
) -> None:
    for name in ("httpx", "httpcore", "hwcloud"):
        caplog.set_level(logging.DEBUG, logger=name)
    call(mode, base_url=server.url)
    server.status = 401
    with pytest.raises(AuthenticationError):
        call(mode, base_url=server.url, max_retries=0)
    with pytest.raises(ApiConnectionError):
        call(mode, base_url=refused_url(), max_retries=0)
    assert any(r.name.startswith("httpx") for r in caplog.records)  # the capture works
    for record in caplog.records:
        assert_no_secret(record.getMessage(), repr(record.args), record.exc_text or "", str(record.__dict__))
    assert_no_secret(caplog.text)
