"""Downloads: file responses streamed to disk or iterated in chunks, never held whole in memory."""

import os
import tempfile
from collections.abc import AsyncIterator, Callable, Iterator
from email.message import Message
from pathlib import Path
from types import TracebackType

import httpx

from ._errors import connection_error

__all__ = ["AsyncDownload", "Download", "filename_from_disposition"]

CHUNK_SIZE = 64 * 1024
Progress = Callable[[int, int | None], None]


def filename_from_disposition(value: str | None) -> str | None:
    """The file name of a Content-Disposition header (RFC 6266, including filename*=), made safe."""
    if not value:
        return None
    message = Message()
    message["content-disposition"] = value
    name = message.get_filename()
    if not name:
        return None
    name = Path(name.replace("\\", "/")).name
    return name if name not in ("", ".", "..") else None


def _header(response: httpx.Response, name: str) -> str | None:
    value = response.headers.get(name)
    return None if value is None else str(value)


class _DownloadBase:
    def __init__(self, response: httpx.Response) -> None:
        self._response = response

    @property
    def filename(self) -> str | None:
        return filename_from_disposition(self._response.headers.get("Content-Disposition"))

    @property
    def content_type(self) -> str | None:
        return _header(self._response, "Content-Type")

    @property
    def content_length(self) -> int | None:
        value = self._response.headers.get("Content-Length")
        return int(value) if value and value.isdigit() else None

    @property
    def request_id(self) -> str | None:
        return _header(self._response, "X-Request-Id")

    @property
    def headers(self) -> httpx.Headers:
        return self._response.headers

    def _target(self, path: str | os.PathLike[str]) -> Path:
        target = Path(path)
        if target.is_dir():
            target = target / (self.filename or "download")
        return target

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(filename={self.filename!r}, content_type={self.content_type!r})"
        )


class Download(_DownloadBase):
    """A streamed file response. Use it as a context manager, or call `save()`, which closes it."""

    def iter_bytes(self, chunk_size: int = CHUNK_SIZE) -> Iterator[bytes]:
        try:
            yield from self._response.iter_bytes(chunk_size)
        except httpx.TransportError as exc:
            raise connection_error(exc, self._response.request) from None

    def read(self) -> bytes:
        """The whole body in memory: for small files only."""
        try:
            return self._response.read()
        except httpx.TransportError as exc:
            raise connection_error(exc, self._response.request) from None
        finally:
            self.close()

    def save(self, path: str | os.PathLike[str], *, progress: Progress | None = None) -> Path:
        """Stream to `path` (a directory takes the server's file name); written atomically."""
        target = self._target(path)
        handle = tempfile.NamedTemporaryFile(
            dir=target.parent, prefix=f".{target.name}.", delete=False
        )
        done = 0
        try:
            with handle:
                for chunk in self.iter_bytes():
                    handle.write(chunk)
                    done += len(chunk)
                    if progress is not None:
                        progress(done, self.content_length)
            os.replace(handle.name, target)
        except BaseException:
            os.unlink(handle.name)
            raise
        finally:
            self.close()
        return target

    def close(self) -> None:
        self._response.close()

    def __enter__(self) -> "Download":
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class AsyncDownload(_DownloadBase):
    """The asynchronous twin of `Download`."""

    async def iter_bytes(self, chunk_size: int = CHUNK_SIZE) -> AsyncIterator[bytes]:
        try:
            async for chunk in self._response.aiter_bytes(chunk_size):
                yield chunk
        except httpx.TransportError as exc:
            raise connection_error(exc, self._response.request) from None

    async def read(self) -> bytes:
        try:
            return await self._response.aread()
        except httpx.TransportError as exc:
            raise connection_error(exc, self._response.request) from None
        finally:
            await self.close()

    async def save(self, path: str | os.PathLike[str], *, progress: Progress | None = None) -> Path:
        target = self._target(path)
        handle = tempfile.NamedTemporaryFile(
            dir=target.parent, prefix=f".{target.name}.", delete=False
        )
        done = 0
        try:
            with handle:
                async for chunk in self.iter_bytes():
                    handle.write(chunk)
                    done += len(chunk)
                    if progress is not None:
                        progress(done, self.content_length)
            os.replace(handle.name, target)
        except BaseException:
            os.unlink(handle.name)
            raise
        finally:
            await self.close()
        return target

    async def close(self) -> None:
        await self._response.aclose()

    async def __aenter__(self) -> "AsyncDownload":
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()
