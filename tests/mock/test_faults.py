"""Failure paths: `--faults` (statuses with Retry-After, dropped connections, latency, a seed) and a job
made to fail with `X-Hwgen-Job-Outcome: failure`, met by the generated clients over real HTTP."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest
from hwcloud import TokenAuth
from hwcloud._core import WaiterError
from hwcloud.drs import AsyncDrsClient, DrsClient
from hwcloud.workspace import WorkspaceClient

from generator.cli import main
from generator.mock import FaultInjector, MockApp, MockOptions, parse_faults, running
from generator.mock.faults import FAULT_HEADER
from generator.mock.state import OUTCOME_HEADER
from generator.model.api import Api

from .conftest import TOKEN

FAST = {"poll_interval": 0.01, "max_poll_interval": 0.02, "wait_timeout": 10.0}
LIST = "/v2/p1/export-tasks"  # Workspace's list: a GET, so the clients retry it


@contextmanager
def faulty(api: Api, spec: str, seed: int = 0, **options: object) -> Iterator[str]:
    app = FaultInjector(MockApp(api, MockOptions(**options)), parse_faults(spec, seed))  # type: ignore[arg-type]
    with running(app) as url:  # type: ignore[arg-type]
        yield url


def test_the_fault_spec_is_read_and_explained() -> None:
    faults = parse_faults("429=0.1, 503=0.05,reset=0.02,latency=20-200ms,retry-after=2", seed=7)
    assert faults.statuses == ((429, 0.1), (503, 0.05))
    assert (faults.reset, faults.latency, faults.retry_after, faults.seed) == (0.02, (0.02, 0.2), 2, 7)
    assert faults.describe() == "faults: 429 at 0.1, 503 at 0.05, resets at 0.02, latency 20-200 ms (seed 7)"
    assert parse_faults("latency=1s,retry-after=none").retry_after is None


@pytest.mark.parametrize(
    ("spec", "said"),
    [
        ("429", "has no value"),
        ("418=0.1", "a fault status is one of 408, 429, 500, 502, 503, 504"),
        ("503=2", "a rate is a number from 0 to 1"),
        ("503=0.6,reset=0.6", "add up to more than 1"),
        ("latency=fast", "write it as 50ms, 20-200ms or 1s"),
        ("latency=200-20ms", "from low to high"),
        ("retry-after=soon", "whole seconds, or none"),
        ("timeout=0.1", "unknown fault 'timeout'"),
    ],
)
def test_a_bad_fault_spec_says_what_to_write(spec: str, said: str) -> None:
    with pytest.raises(ValueError, match=said):
        parse_faults(spec)


def test_a_bad_fault_spec_is_a_usage_error_before_anything_loads(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["mock", "--specs", "no-such-dir", "--faults", "503=x"]) == 2
    assert "hwgen mock: error: --faults: 503=x: a rate is a number from 0 to 1" in capsys.readouterr().err


def test_a_status_fault_answers_with_retry_after_and_never_reaches_the_operation(api: Api) -> None:
    with faulty(api, "503=1,retry-after=3", stateful=True) as url, httpx.Client(base_url=url, headers=TOKEN) as http:
        answer = http.post("/v5/p1/export-task", json={"type": "operational-report"})
    assert answer.status_code == 503
    assert answer.headers["Retry-After"] == "3" and answer.headers[FAULT_HEADER] == "503"
    assert answer.json() == {"error_code": "HWGEN.0503", "error_msg": "fault injected by --faults: 503"}


def test_a_reset_drops_the_connection_mid_answer(api: Api) -> None:
    with (
        faulty(api, "reset=1") as url,
        httpx.Client(base_url=url, headers=TOKEN) as http,
        pytest.raises(httpx.RemoteProtocolError),
    ):
        http.get(LIST)


def test_latency_delays_every_answer(api: Api) -> None:
    with faulty(api, "latency=150ms") as url, httpx.Client(base_url=url, headers=TOKEN) as http:
        started = time.perf_counter()
        assert http.get(LIST).status_code == 200
        assert time.perf_counter() - started >= 0.15


def test_the_same_seed_gives_the_same_faults(api: Api) -> None:
    def statuses(seed: int) -> list[int]:
        with faulty(api, "429=0.3,500=0.2", seed) as url, httpx.Client(base_url=url, headers=TOKEN) as http:
            return [http.get(LIST).status_code for _ in range(12)]

    first = statuses(4)
    assert first == statuses(4)
    assert {429, 500, 200} == set(first)
    assert first != statuses(5)


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_the_generated_clients_retry_through_faults(api: Api, mode: str) -> None:
    """With seed 72 the first request is answered 429 and the second dropped: the call still succeeds."""
    from hwcloud.workspace import AsyncWorkspaceClient

    kwargs = {"project_id": "p1", "auth": TokenAuth("tok"), "max_retries": 6}
    injector = FaultInjector(MockApp(api), parse_faults("429=0.3,reset=0.3,retry-after=0", seed=72))
    with running(injector) as url:  # type: ignore[arg-type]
        if mode == "sync":
            with WorkspaceClient(base_url=url, **kwargs) as client:  # type: ignore[arg-type]
                page = client.list_export_tasks()
        else:

            async def run() -> object:
                async with AsyncWorkspaceClient(base_url=url, **kwargs) as client:  # type: ignore[arg-type]
                    return await client.list_export_tasks()

            page = asyncio.run(run())
    assert page.count == 1  # type: ignore[attr-defined]  # the documented example, once the faults let it through
    assert injector.injected == ["429", "reset"]


def test_a_job_made_to_fail_ends_in_its_waiters_failure_state(api: Api) -> None:
    kwargs = {"project_id": "p1", "auth": TokenAuth("tok"), "max_retries": 0}
    with running(MockApp(api, MockOptions(stateful=True))) as url:
        failing = DrsClient(base_url=url, extra_headers={OUTCOME_HEADER: "failure"}, **kwargs)  # type: ignore[arg-type]
        with failing as client, pytest.raises(WaiterError, match="failed"):
            client.export_creation_template_and_wait(jobs=["j1"], **FAST)  # type: ignore[arg-type]
        with DrsClient(base_url=url, **kwargs) as client:  # type: ignore[arg-type]
            assert client.export_creation_template_and_wait(jobs=["j2"], **FAST).process_status == "success"  # type: ignore[arg-type]

        async def run() -> None:
            headers = {OUTCOME_HEADER: "failure"}
            async with AsyncDrsClient(base_url=url, extra_headers=headers, **kwargs) as client:  # type: ignore[arg-type]
                await client.export_creation_template_and_wait(jobs=["j3"], **FAST)  # type: ignore[arg-type]

        with pytest.raises(WaiterError, match="failed"):
            asyncio.run(run())


def test_an_outcome_the_waiter_cannot_give_is_a_400(api: Api) -> None:
    with running(MockApp(api, MockOptions(stateful=True))) as url, httpx.Client(base_url=url, headers=TOKEN) as http:
        report = {"type": "operational-report", "operational_report_data": {"report_id": "2024-05"}}
        unknown = http.post("/v5/p1/export-task", json=report, headers={OUTCOME_HEADER: "maybe"})
    assert unknown.status_code == 400
    assert "X-Hwgen-Job-Outcome: 'maybe' is neither success nor failure" in unknown.json()["error_msg"]
