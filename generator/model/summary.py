"""What the package-wide outputs need of the API, summarised: kept in the manifest and the cache, so
a run in which a service did not change neither loads its specs nor imports the typed model."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .api import Service

__all__ = ["ApiSummary", "OperationSummary", "ServiceSummary"]


@dataclass(frozen=True)
class OperationSummary:
    """What the package-wide outputs (README, docs index) say of an operation."""

    name: str
    method: str
    path: str
    summary: str


@dataclass(frozen=True)
class ServiceSummary:
    """What the package-wide outputs need of a service: enough to list it, not to generate it.

    Kept in the manifest, so a service whose specs did not change need not be loaded again.
    """

    name: str
    title: str
    description: str | None
    endpoint: str
    client_class: str
    operations: tuple[OperationSummary, ...]

    @property
    def async_client_class(self) -> str:
        return f"Async{self.client_class}"

    @classmethod
    def of(cls, service: Service) -> ServiceSummary:
        return cls(
            name=service.name,
            title=service.title,
            description=service.description,
            endpoint=service.endpoint,
            client_class=service.client_class,
            operations=tuple(OperationSummary(op.name, op.method, op.path, op.summary) for op in service.operations),
        )


@dataclass(frozen=True)
class ApiSummary:
    """The package-wide templates' view of the API: every service, summarised, in name order."""

    services: tuple[ServiceSummary, ...]
    package_name: str
    package_version: str
