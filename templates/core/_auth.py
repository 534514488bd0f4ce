"""Authentication as `httpx.Auth`: IAM tokens, AK/SK signatures, credentials from the environment.

Secrets (token, SK, security token) never appear in repr or str, nor in any error message raised here.
"""

import os
from collections.abc import Generator

import httpx

from ._signer import sign

__all__ = [
    "ENV_AK",
    "ENV_PROJECT_ID",
    "ENV_SECURITY_TOKEN",
    "ENV_SK",
    "AkSkAuth",
    "TokenAuth",
    "resolve_auth",
]

# The environment variables Huawei's own SDK reads (EnvCredentialProvider).
ENV_AK = "HUAWEICLOUD_SDK_AK"
ENV_SK = "HUAWEICLOUD_SDK_SK"
ENV_SECURITY_TOKEN = "HUAWEICLOUD_SDK_SECURITY_TOKEN"
ENV_PROJECT_ID = "HUAWEICLOUD_SDK_PROJECT_ID"


def _check(what: str, value: str | None, *, required: bool) -> None:
    if required and not value:
        raise ValueError(f"{what} must not be empty")
    if value and ("\r" in value or "\n" in value):
        raise ValueError(f"the {what} contains a line break")


class TokenAuth(httpx.Auth):
    """Sends an IAM user token as `X-Auth-Token` on every request."""

    def __init__(self, token: str) -> None:
        if not token:
            raise ValueError("TokenAuth needs a non-empty token")
        if "\r" in token or "\n" in token:
            raise ValueError("the token contains a line break")
        self._token = token

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["X-Auth-Token"] = self._token
        yield request

    def __repr__(self) -> str:
        return "TokenAuth(token='***')"

    __str__ = __repr__


class AkSkAuth(httpx.Auth):
    """Signs every request with an access key (AK) and secret key (SK): Huawei's `SDK-HMAC-SHA256`.

    security_token: with temporary credentials (from STS or an agency), sent and signed as
    `X-Security-Token`.
    project_id: sent and signed as `X-Project-Id`, as Huawei's SDK does. A client given an AkSkAuth
    without one uses a copy bound to the client's own project_id (the object passed is not changed).
    An `X-Project-Id` header already on the request (e.g. extra_headers) is kept.

    Each request gets `X-Sdk-Date` (the current UTC time, unless the request already carries one: it
    is then signed with that date) and `Authorization`; non-JSON and streamed bodies are sent with
    `X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD`. See `_signer` for the exact canonical form.

        client = WorkspaceClient(region="cn-north-4", project_id="...", auth=AkSkAuth(ak, sk))
        AkSkAuth.from_env()  # HUAWEICLOUD_SDK_AK, _SK and _SECURITY_TOKEN, as Huawei's SDK reads them
    """

    def __init__(
        self, ak: str, sk: str, security_token: str | None = None, *, project_id: str | None = None
    ) -> None:
        _check("access key (ak)", ak, required=True)
        _check("secret key (sk)", sk, required=True)
        _check("security token", security_token, required=False)
        _check("project id", project_id, required=False)
        self._ak = ak
        self._sk = sk
        self._security_token = security_token or None
        self._project_id = project_id or None

    @classmethod
    def from_env(cls, *, project_id: str | None = None) -> "AkSkAuth":
        """Credentials from HUAWEICLOUD_SDK_AK, HUAWEICLOUD_SDK_SK and HUAWEICLOUD_SDK_SECURITY_TOKEN.

        `project_id` defaults to HUAWEICLOUD_SDK_PROJECT_ID. ValueError (naming the variables, never
        their values) if the AK or the SK is missing.
        """
        auth = _env_auth(project_id if project_id is not None else _env(ENV_PROJECT_ID))
        if auth is None:
            raise ValueError(f"set {ENV_AK} and {ENV_SK} to sign requests with an access key")
        return auth

    @property
    def ak(self) -> str:
        """The access key ID (not a secret; the SK is)."""
        return self._ak

    @property
    def project_id(self) -> str | None:
        return self._project_id

    def with_project_id(self, project_id: str | None) -> "AkSkAuth":
        """A copy with the same keys that sends `X-Project-Id: project_id` (none if None)."""
        return AkSkAuth(self._ak, self._sk, self._security_token, project_id=project_id)

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        if self._security_token:
            request.headers["X-Security-Token"] = self._security_token
        if self._project_id and "X-Project-Id" not in request.headers:
            request.headers["X-Project-Id"] = self._project_id
        sign(request, self._ak, self._sk)
        yield request

    def __repr__(self) -> str:
        ak = self._ak[:4] + "***" if len(self._ak) >= 12 else "***"
        token = ", security_token='***'" if self._security_token else ""
        project = f", project_id={self._project_id!r}" if self._project_id else ""
        return f"AkSkAuth(ak={ak!r}, sk='***'{token}{project})"

    __str__ = __repr__


def _env(name: str) -> str | None:
    return os.environ.get(name) or None


def _env_auth(project_id: str | None) -> AkSkAuth | None:
    """AkSkAuth from the environment; None if none of its variables is set; ValueError if half set."""
    ak, sk, token = _env(ENV_AK), _env(ENV_SK), _env(ENV_SECURITY_TOKEN)
    if ak and sk:
        return AkSkAuth(ak, sk, token, project_id=project_id)
    if ak or sk or token:
        missing = " and ".join(name for name, value in ((ENV_AK, ak), (ENV_SK, sk)) if not value)
        raise ValueError(
            f"{missing} not set: AK/SK credentials from the environment need both {ENV_AK} and {ENV_SK}"
        )
    return None


def resolve_auth(
    auth: httpx.Auth | None, project_id: str | None
) -> tuple[httpx.Auth | None, str | None]:
    """The auth and default project id of a client given `auth` and `project_id` (either may be None).

    auth=None: the environment, under the names Huawei's SDK uses. HUAWEICLOUD_SDK_PROJECT_ID is the
    default project id when none is passed; HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK (both, plus
    HUAWEICLOUD_SDK_SECURITY_TOKEN for temporary credentials) give an AkSkAuth. With none of them set
    the auth stays None: requests are sent unauthenticated (or with the auth of the `http_client`
    passed), and Huawei's services answer 401 (AuthenticationError). Only one of AK and SK, or a token
    without them, is a configuration mistake: ValueError.
    An explicit `auth` is used as given, and the environment is not read. An AkSkAuth without a project
    id is bound to the client's project id (a copy), so that `X-Project-Id` is sent and signed.
    """
    if auth is None:
        if project_id is None:
            project_id = _env(ENV_PROJECT_ID)
        auth = _env_auth(project_id)
    elif isinstance(auth, AkSkAuth) and auth.project_id is None and project_id:
        auth = auth.with_project_id(project_id)
    return auth, project_id
