"""`--faults`: the mock fails on purpose, so users can test their retries as they test the happy path.

`--faults "429=0.1,503=0.05,reset=0.02,latency=20-200ms,retry-after=1"` answers one request in ten
with 429 and one in twenty with 503 (each with `Retry-After`, unless `retry-after=none`), drops the
connection in the middle of one answer in fifty, and delays every answer by 20 to 200 ms. The draws
come from one random generator seeded by `--fault-seed` (default 0): a client that sends the same
requests in the same order meets the same faults. The wrapper sits in front of the mock's app, so
a faulted request never reaches the operation (no task is created, no state changes).
"""

from __future__ import annotations

import logging
import random
import re
from dataclasses import dataclass

from starlette.types import ASGIApp, Receive, Scope, Send

from .errors import MockError
from .responses import json_bytes

__all__ = ["FAULT_HEADER", "FaultInjector", "Faults", "parse_faults"]

FAULT_HEADER = "X-Hwgen-Fault"  # on every faulted answer: which fault it is
_STATUSES = frozenset((408, 429, 500, 502, 503, 504))
_LATENCY = re.compile(r"^(\d+(?:\.\d+)?)(?:-(\d+(?:\.\d+)?))?(ms|s)$")
_FORM = "comma-separated key=value: 429=0.1, 503=0.05, reset=0.02, latency=20-200ms, retry-after=1 (or none)"


@dataclass(frozen=True)
class Faults:
    """What to inject: statuses and resets, each at a rate (0 to 1, summing to at most 1); a latency range."""

    statuses: tuple[tuple[int, float], ...] = ()
    reset: float = 0.0
    latency: tuple[float, float] = (0.0, 0.0)  # seconds, lowest and highest
    retry_after: int | None = 1
    seed: int = 0

    def describe(self) -> str:
        parts = [f"{status} at {rate:g}" for status, rate in self.statuses]
        if self.reset:
            parts.append(f"resets at {self.reset:g}")
        if self.latency[1]:
            low, high = (round(v * 1000) for v in self.latency)
            parts.append(f"latency {low}-{high} ms" if low != high else f"latency {low} ms")
        return f"faults: {', '.join(parts)} (seed {self.seed})"


def parse_faults(text: str, seed: int = 0) -> Faults:
    """The `--faults` value; ValueError with a message that says what to write instead."""
    statuses: list[tuple[int, float]] = []
    reset, latency = 0.0, (0.0, 0.0)
    retry_after: int | None = 1
    for item in filter(None, (part.strip() for part in text.split(","))):
        key, sep, value = (s.strip() for s in item.partition("="))
        if not sep:
            raise ValueError(f"{item!r} has no value: {_FORM}")
        if key == "latency":
            match = _LATENCY.match(value)
            if match is None:
                raise ValueError(f"latency {value!r}: write it as 50ms, 20-200ms or 1s")
            scale = 0.001 if match.group(3) == "ms" else 1.0
            low = float(match.group(1)) * scale
            high = float(match.group(2)) * scale if match.group(2) else low
            if high < low:
                raise ValueError(f"latency {value!r}: the range runs from low to high")
            latency = (low, high)
        elif key == "retry-after":
            if value != "none" and not value.isdigit():
                raise ValueError(f"retry-after {value!r}: whole seconds, or none to leave the header out")
            retry_after = None if value == "none" else int(value)
        elif key == "reset" or key.isdigit():
            rate = _rate(key, value)
            if key == "reset":
                reset = rate
            elif int(key) not in _STATUSES:
                raise ValueError(f"{key}: a fault status is one of {', '.join(map(str, sorted(_STATUSES)))}")
            else:
                statuses.append((int(key), rate))
        else:
            raise ValueError(f"unknown fault {key!r}: {_FORM}")
    if sum(rate for _, rate in statuses) + reset > 1:
        raise ValueError("the fault rates add up to more than 1")
    return Faults(tuple(statuses), reset, latency, retry_after, seed)


def _rate(key: str, value: str) -> float:
    try:
        rate = float(value)
    except ValueError:
        rate = -1.0
    if not 0 <= rate <= 1:
        raise ValueError(f"{key}={value}: a rate is a number from 0 to 1 (0.1: one request in ten)")
    return rate


class _Reset(Exception):
    """Raised mid-answer: the server drops the connection, as a reset or a crashed backend would."""


class _QuietResets(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.exc_info and isinstance(record.exc_info[1], _Reset))


class FaultInjector:
    """An ASGI app that answers some requests with a fault and passes the others to `app`."""

    def __init__(self, app: ASGIApp, faults: Faults) -> None:
        self.app = app
        self.faults = faults
        self.random = random.Random(faults.seed)
        self.injected: list[str] = []  # the faults so far, in order ("429", "reset"): for tests and logs
        logging.getLogger("uvicorn.error").addFilter(_QuietResets())

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        low, high = self.faults.latency
        delay = self.random.uniform(low, high) if high else 0.0
        draw = self.random.random()
        if delay:
            import asyncio

            await asyncio.sleep(delay)
        for status, rate in self.faults.statuses:
            if draw < rate:
                self.injected.append(str(status))
                await self._answer(send, status)
                return
            draw -= rate
        if draw < self.faults.reset:
            self.injected.append("reset")
            await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"64")]})
            await send({"type": "http.response.body", "body": b'{"partial": ', "more_body": True})
            raise _Reset("fault injected by --faults: connection dropped")
        await self.app(scope, receive, send)

    async def _answer(self, send: Send, status: int) -> None:
        body = json_bytes(MockError(status, f"HWGEN.{status:04d}", f"fault injected by --faults: {status}").body)
        headers = [(b"content-type", b"application/json"), (FAULT_HEADER.lower().encode(), str(status).encode())]
        if self.faults.retry_after is not None:
            headers.append((b"retry-after", str(self.faults.retry_after).encode()))
        headers.append((b"content-length", str(len(body)).encode()))
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})
