"""The decorators a generated client module declares its methods with: `declare.operation(...)` and the rest."""

from ._chain import download_workflow, paged, pages_of, waiter, workflow
from ._operation import download, operation

__all__ = ["download", "download_workflow", "operation", "paged", "pages_of", "waiter", "workflow"]
