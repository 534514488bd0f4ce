"""`python -m generator mock`: an HTTP server that answers every spec operation as its page documents.

Modules, one job each: `routing` (method + path → operation), `validation` (request checks),
`signature` (AK/SK verification), `responses` (examples and synthesised bodies), `state` (the
`--stateful` task store), `faults` (`--faults`), `app` (the ASGI app tying them together), `server` (uvicorn).
Imported only by the `mock` command, so the other commands never load starlette or uvicorn.
"""

from __future__ import annotations

from .app import STATUS_HEADER, MockApp, MockOptions
from .faults import FaultInjector, Faults, parse_faults
from .server import running, serve

__all__ = ["STATUS_HEADER", "FaultInjector", "Faults", "MockApp", "MockOptions", "parse_faults", "running", "serve"]
