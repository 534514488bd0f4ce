"""Retries: which failures are worth another try, and how long to wait before it."""

import random
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import NamedTuple

import httpx

__all__ = ["DEFAULT_MAX_RETRIES", "RetryPolicy", "async_sleep", "parse_retry_after"]

DEFAULT_MAX_RETRIES = 2


async def async_sleep(seconds: float) -> None:
    """asyncio.sleep, imported on first use: a running event loop has loaded asyncio already, and
    importing it with the package would make importing the package slower for every sync user."""
    import asyncio

    await asyncio.sleep(seconds)


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header: delta-seconds or an HTTP date; None if absent or bad."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class RetryPolicy(NamedTuple):
    """Retry connection errors, timeouts, 408, 429 and 5xx, with exponential backoff and jitter.

    Only idempotent operations are retried (GET and the like, and POSTs whose spec says so).
    A `Retry-After` header wins over the backoff, capped at `max_retry_after` seconds.
    """

    max_retries: int = DEFAULT_MAX_RETRIES
    initial_delay: float = 0.5
    max_delay: float = 8.0
    max_retry_after: float = 60.0

    @staticmethod
    def retryable_status(status: int) -> bool:
        return status in (408, 429) or status >= 500

    def delay(self, attempt: int, response: httpx.Response | None = None) -> float:
        """Seconds before retry number `attempt + 1`."""
        if response is not None:
            retry_after = parse_retry_after(response.headers.get("Retry-After"))
            if retry_after is not None:
                return min(retry_after, self.max_retry_after)
        backoff = min(self.initial_delay * 2.0**attempt, self.max_delay)
        return float(backoff * (0.5 + random.random() / 2))
