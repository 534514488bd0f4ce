"""Shared runtime of the generated clients: configuration, transport, auth, errors, downloads, uploads."""

from . import _declare as declare
from ._auth import AkSkAuth, TokenAuth
from ._chain import download_workflow, marker_paged, paged, pages_of, waiter, workflow
from ._client import AsyncBaseClient, BaseClient
from ._config import ClientConfig, resolve_base_url
from ._declare import download, operation
from ._download import AsyncDownload, Download
from ._endpoint import Endpoint
from ._errors import (
    ApiConnectionError,
    ApiError,
    ApiResponseValidationError,
    ApiTimeoutError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    HwCloudError,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
)
from ._exact import Exact
from ._files import FileInput
from ._operation import (
    CallOptions,
    DownloadWorkflowOptions,
    MarkerPageOptions,
    PageOptions,
    UploadOptions,
    WaitOptions,
)
from ._paging import MarkerPaging, PaginationError, Paging
from ._raw import RawResponse
from ._retry import RetryPolicy
from ._waiter import JobError, StateReader, WaiterError

__all__ = [
    "AkSkAuth",
    "ApiConnectionError",
    "ApiError",
    "ApiResponseValidationError",
    "ApiTimeoutError",
    "AsyncBaseClient",
    "AsyncDownload",
    "AuthenticationError",
    "BadRequestError",
    "BaseClient",
    "CallOptions",
    "ClientConfig",
    "ConflictError",
    "Download",
    "DownloadWorkflowOptions",
    "Endpoint",
    "Exact",
    "FileInput",
    "HwCloudError",
    "InternalServerError",
    "JobError",
    "MarkerPageOptions",
    "MarkerPaging",
    "NotFoundError",
    "PageOptions",
    "PaginationError",
    "Paging",
    "PermissionDeniedError",
    "RateLimitError",
    "RawResponse",
    "RetryPolicy",
    "StateReader",
    "TokenAuth",
    "UploadOptions",
    "WaitOptions",
    "WaiterError",
    "declare",
    "download",
    "download_workflow",
    "marker_paged",
    "operation",
    "paged",
    "pages_of",
    "resolve_base_url",
    "waiter",
    "workflow",
]
