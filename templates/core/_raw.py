"""The raw response of a call: status, headers and elapsed time beside the parsed result."""

from datetime import timedelta
from typing import Generic, NamedTuple, TypeVar

import httpx

__all__ = ["RawResponse"]

T = TypeVar("T")


class RawResponse(NamedTuple, Generic[T]):
    """What `client.with_raw_response(client.<operation>)(...)` returns.

    `parsed` is what the plain call returns (the model, a `Download`, or None); `elapsed` is the
    whole call's time, retries included; `http_response` the httpx response itself (its body
    already read, except for a streamed download).
    """

    status_code: int
    headers: httpx.Headers
    elapsed: timedelta
    parsed: T
    http_response: httpx.Response

    @property
    def request_id(self) -> str | None:
        """The `X-Request-Id` Huawei Cloud answers with, for support requests."""
        value: str | None = self.headers.get("X-Request-Id")
        return value
