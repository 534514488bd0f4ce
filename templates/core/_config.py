"""Client configuration: where requests go, which project, how long to wait."""

from typing import NamedTuple

import httpx

__all__ = ["DEFAULT_TIMEOUT", "ClientConfig", "resolve_base_url"]

DEFAULT_TIMEOUT = 60.0


def resolve_base_url(endpoint: str, region: str | None, base_url: str | None) -> str:
    """`base_url` wins; otherwise Huawei's public endpoint for the service in `region`."""
    if base_url:
        return base_url.rstrip("/")
    if not region:
        raise ValueError("pass region= (e.g. 'cn-north-4') or base_url=")
    if not region.replace("-", "").isalnum():
        raise ValueError(f"region {region!r} is not a region name such as 'cn-north-4'")
    return f"https://{endpoint}.{region}.myhuaweicloud.com"


class ClientConfig(NamedTuple):
    base_url: str
    project_id: str | None
    timeout: httpx.Timeout

    def __repr__(self) -> str:
        return f"ClientConfig(base_url={self.base_url!r}, project_id={self.project_id!r})"
