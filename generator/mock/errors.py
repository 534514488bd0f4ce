"""The mock's error answers: one exception that carries the status and the Huawei-style error body."""

from __future__ import annotations

__all__ = [
    "AUTH_CODE",
    "METHOD_CODE",
    "MISSING_CODE",
    "NOT_FOUND_CODE",
    "VALIDATION_CODE",
    "MockError",
    "auth_error",
    "bad_request",
]

# Huawei's API gateway codes for an unknown API and bad IAM (token or AK/SK) authentication; the
# mock's own codes (HWGEN.*) for what the gateway would leave to the service.
NOT_FOUND_CODE = "APIGW.0101"
AUTH_CODE = "APIGW.0301"
VALIDATION_CODE = "HWGEN.0400"
METHOD_CODE = "HWGEN.0405"
MISSING_CODE = "HWGEN.0404"


class MockError(Exception):
    """An answer other than the documented one: `{"error_code": code, "error_msg": message}` with `status`."""

    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers or {}

    @property
    def body(self) -> dict[str, str]:
        return {"error_code": self.code, "error_msg": self.message}


def bad_request(message: str) -> MockError:
    """A request that breaks its spec: 400, the message naming the parameter or field."""
    return MockError(400, VALIDATION_CODE, message)


def auth_error(reason: str) -> MockError:
    """Missing or wrong credentials: 401, worded like the gateway's own answer."""
    return MockError(401, AUTH_CODE, f"Incorrect IAM authentication information: {reason}")
