"""Waiters: poll an operation until an export job reaches a final state, with backoff and a deadline."""

import time
from collections.abc import Awaitable, Callable
from typing import Any, NamedTuple, TypeVar

from ._errors import HwCloudError
from ._retry import async_sleep

__all__ = ["JobError", "StateReader", "WaiterError", "await_state", "job_value", "wait_for_state"]

R = TypeVar("R")


class WaiterError(HwCloudError):
    """The job ended in a failure state, or did not finish before the deadline.

    `last_response` is the last poll's response and `state` the state it reported.
    """

    def __init__(self, message: str, *, last_response: Any, state: Any) -> None:
        super().__init__(message)
        self.last_response = last_response
        self.state = state


class JobError(HwCloudError):
    """A response in a one-call workflow lacks the id the next step needs."""


def job_value(response: Any, attr: str, operation: str) -> str:
    """The id a workflow passes from one step to the next; JobError if the service left it out."""
    value = getattr(response, attr, None)
    if value is None or value == "":
        raise JobError(f"the {operation} response has no {attr}")
    return str(value)


class StateReader(NamedTuple):
    """Where the job state is: a response field, or a field of the list item whose `key` matches."""

    state: str
    success: tuple[Any, ...]
    failure: tuple[Any, ...]
    items: str | None = None
    key: str | None = None

    def read(self, response: Any, selected: Any = None) -> Any:
        if self.items is None or self.key is None:
            return getattr(response, self.state, None)
        for item in getattr(response, self.items, None) or []:
            if getattr(item, self.key, None) == selected:
                return getattr(item, self.state, None)
        return None  # not listed yet: still pending

    def verdict(self, response: Any, selected: Any, deadline_passed: bool, waited: float) -> bool:
        """True when done; raises WaiterError on a failure state or a passed deadline; False to poll again."""
        state = self.read(response, selected)
        if state in self.success:
            return True
        if state in self.failure:
            raise WaiterError(
                f"the job ended in state {state!r}", last_response=response, state=state
            )
        if deadline_passed:
            raise WaiterError(
                f"the job did not finish within {waited:.1f}s (last state {state!r})",
                last_response=response,
                state=state,
            )
        return False


def wait_for_state(
    poll: Callable[[], R],
    reader: StateReader,
    selected: Any = None,
    *,
    interval: float,
    max_interval: float,
    timeout: float,
    sleep: Callable[[float], None] = time.sleep,
) -> R:
    """Poll until `reader` sees a success state; the interval grows by half each time up to `max_interval`."""
    start = time.monotonic()
    delay = interval
    while True:
        response = poll()
        elapsed = time.monotonic() - start
        if reader.verdict(response, selected, elapsed >= timeout, elapsed):
            return response
        sleep(min(delay, max(0.0, timeout - elapsed)))
        delay = min(delay * 1.5, max_interval)


async def await_state(
    poll: Callable[[], Awaitable[R]],
    reader: StateReader,
    selected: Any = None,
    *,
    interval: float,
    max_interval: float,
    timeout: float,
) -> R:
    """The asynchronous twin of `wait_for_state`."""
    start = time.monotonic()
    delay = interval
    while True:
        response = await poll()
        elapsed = time.monotonic() - start
        if reader.verdict(response, selected, elapsed >= timeout, elapsed):
            return response
        await async_sleep(min(delay, max(0.0, timeout - elapsed)))
        delay = min(delay * 1.5, max_interval)
