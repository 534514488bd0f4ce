"""Facts the runtime and the generator share, stated once: the generator reads this file too.

It imports only the standard library, so the generator can load it without httpx or pydantic, and
everything here is plain data (names, not classes) for the same reason.
"""

__all__ = [
    "CALL_OPTIONS",
    "DEFAULT_CONTENT_TYPE",
    "DOWNLOAD_OPTIONS",
    "ERROR_CLASSES",
    "IDEMPOTENT_METHODS",
    "MARKER_PAGE_OPTIONS",
    "PAGE_OPTIONS",
    "RESERVED_ARGUMENTS",
    "RUNTIME_HEADERS",
    "UPLOAD_OPTIONS",
    "WAIT_DEFAULTS",
    "error_class_name",
]

# Keys of `CallOptions`, `MarkerPageOptions`, `PageOptions`, `WaitOptions` and
# `DownloadWorkflowOptions` (_operation): every generated method takes them as keyword arguments
# besides the page's parameters.
CALL_OPTIONS = ("timeout", "extra_headers", "extra_query", "max_retries")
MARKER_PAGE_OPTIONS = ("page_size",)
PAGE_OPTIONS = (*MARKER_PAGE_OPTIONS, "offset")
WAIT_DEFAULTS = {"poll_interval": 2.0, "max_poll_interval": 30.0, "wait_timeout": 600.0}
DOWNLOAD_OPTIONS = ("destination", "progress")
UPLOAD_OPTIONS = ("progress",)  # `UploadOptions`: methods that send files

# Names a page's parameter cannot take as a method argument (the generator appends `_`): the
# declaration's own `self` and `**options`, and the options above. `offset` is not among them: the
# only method that takes it as an option, the paged iterator, sends the page's offset itself.
RESERVED_ARGUMENTS = frozenset(
    {"self", "options", *CALL_OPTIONS, "page_size", *WAIT_DEFAULTS, *DOWNLOAD_OPTIONS}
)

# Methods retried without a spec's say-so (RFC 9110 idempotent methods).
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})

# The body's content type when a spec names none.
DEFAULT_CONTENT_TYPE = "application/json"

# Headers the client sets itself (authentication, signing, content type, host): never parameters.
RUNTIME_HEADERS = frozenset(
    {
        "x-auth-token",
        "content-type",
        "authorization",
        "x-sdk-date",
        "x-project-id",
        "x-security-token",
        "host",
    }
)

# The `ApiError` subclass raised for an error status (5xx: `InternalServerError`, else `ApiError`).
ERROR_CLASSES = {
    400: "BadRequestError",
    401: "AuthenticationError",
    403: "PermissionDeniedError",
    404: "NotFoundError",
    409: "ConflictError",
    429: "RateLimitError",
}


def error_class_name(status: int) -> str:
    """The name of the error class raised for `status`."""
    return ERROR_CLASSES.get(status, "InternalServerError" if status >= 500 else "ApiError")
