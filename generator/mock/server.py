"""Serving the mock with uvicorn: in the foreground for the CLI, or in a thread for tests and benchmarks.

The socket is bound (and listening) before uvicorn starts, so `--port 0` can report the port the
system picked, and a client that connects at once waits in the backlog instead of being refused.
Ctrl-C (SIGINT) and SIGTERM make uvicorn finish the requests in flight and stop.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import uvicorn
from starlette.types import ASGIApp
from uvicorn.config import LOGGING_CONFIG

__all__ = ["bind", "running", "serve", "url_of"]

_BACKLOG = 2048
_GRACE_SECONDS = 5


def bind(host: str, port: int) -> socket.socket:
    """A listening TCP socket on host:port (port 0: any free port); OSError if it cannot be had."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(_BACKLOG)
    except OSError:
        sock.close()
        raise
    return sock


def url_of(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def _server(app: ASGIApp, *, configure_logging: bool) -> uvicorn.Server:
    config = uvicorn.Config(
        app,
        lifespan="off",
        log_level="warning",
        access_log=False,
        timeout_graceful_shutdown=_GRACE_SECONDS,
        # In a thread, leave the host program's logging alone.
        log_config=LOGGING_CONFIG if configure_logging else None,
    )
    return uvicorn.Server(config)


def serve(app: ASGIApp, host: str, port: int, on_ready: Callable[[str], None]) -> None:
    """Serve in the foreground until Ctrl-C or SIGTERM; `on_ready(url)` once the socket listens."""
    sock = bind(host, port)
    try:
        on_ready(url_of(sock))
        # uvicorn re-raises the SIGINT it handled once its graceful shutdown is done.
        with contextlib.suppress(KeyboardInterrupt):
            _server(app, configure_logging=True).run(sockets=[sock])
    finally:
        sock.close()


@contextmanager
def running(app: ASGIApp, host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
    """The app served by uvicorn in a background thread; yields its URL, stops it on exit."""
    sock = bind(host, port)
    server = _server(app, configure_logging=False)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name="hwgen-mock", daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 10
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the mock server did not start")
            time.sleep(0.01)
        yield url_of(sock)
    finally:
        server.should_exit = True
        thread.join(timeout=_GRACE_SECONDS + 5)
        sock.close()
