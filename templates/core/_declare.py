"""The decorators a generated client module declares its methods with: `declare.operation(...)` and the rest."""

from ._chain import download_workflow, marker_paged, paged, pages_of, waiter, workflow
from ._operation import download, operation

__all__ = [
    "download",
    "download_workflow",
    "marker_paged",
    "operation",
    "paged",
    "pages_of",
    "waiter",
    "workflow",
]
