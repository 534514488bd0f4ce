"""Uploads: files sent as a whole binary body or as multipart/form-data parts, streamed from disk.

A file argument is a path, an open binary file, bytes, or a `(filename, data, content_type)` tuple of
one of those. Paths and files are read in chunks while the request is sent, never whole; the plan of
a call (`plan_upload`) is made once, so each retry streams the same bytes again: a path is reopened,
a seekable file is sought back to where it stood, bytes are sent again. A file that cannot go back (a
pipe, a socket) is sent once: the call is not retried. `progress(sent, total)` is called as bytes go
out, as downloads report theirs (total is None when the size is unknown).
"""

import io
import mimetypes
import os
import secrets
from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from ._files import FileData, FileInput

__all__ = [
    "CHUNK_SIZE",
    "FileData",
    "FileInput",
    "UploadBody",
    "UploadPlan",
    "check_file_input",
    "plan_upload",
]

CHUNK_SIZE = 64 * 1024
Progress = Callable[[int, int | None], None]


def _is_data(value: Any) -> bool:
    if isinstance(value, bytes | str | os.PathLike):
        return True
    return callable(getattr(value, "read", None))  # an open file: read() must give bytes


def check_file_input(value: Any) -> Any:
    """The argument check of a file argument: what it may be, said before anything is sent."""
    if isinstance(value, tuple):
        if len(value) != 3 or not isinstance(value[0], str) or not isinstance(value[2], str):
            raise ValueError("a file tuple is (filename, data, content_type)")
        data = value[1]
    else:
        data = value
    if isinstance(data, io.TextIOBase):
        raise ValueError("a file to upload must be opened in binary mode ('rb')")
    if isinstance(data, bytearray | memoryview):
        raise ValueError("pass bytes(...) for a file's data")
    if not _is_data(data):
        raise ValueError(
            f"a file is a path, an open binary file or bytes, not {type(data).__name__}"
        )
    return value


@dataclass
class _Source:
    """One file to send: where its bytes come from, how many there are, where a retry starts."""

    data: bytes | None
    path: Path | None
    handle: IO[bytes] | None
    start: int | None  # a seekable file's position when the call began
    size: int | None
    filename: str | None
    content_type: str | None

    @classmethod
    def of(cls, value: Any) -> "_Source":
        filename = content_type = None
        if isinstance(value, tuple):
            filename, value, content_type = value
        if isinstance(value, bytes):
            return cls(value, None, None, None, len(value), filename, content_type)
        if isinstance(value, str | os.PathLike):
            path = Path(value)  # a missing file fails at stat(), before the request
            if path.is_dir():
                raise IsADirectoryError(f"{path} is a directory, not a file to upload")
            return cls(
                None, path, None, None, path.stat().st_size, filename or path.name, content_type
            )
        handle: IO[bytes] = value
        start: int | None = None
        size: int | None = None
        try:
            if handle.seekable():
                start = handle.tell()
                size = os.fstat(handle.fileno()).st_size - start
        except (AttributeError, OSError, ValueError):  # BytesIO has no fileno; a pipe no size
            if start is not None:
                end = handle.seek(0, os.SEEK_END)
                handle.seek(start)
                size = end - start
        name = getattr(handle, "name", None)
        if filename is None and isinstance(name, str) and not name.startswith("<"):
            filename = Path(name).name
        return cls(None, None, handle, start, size, filename, content_type)

    @property
    def rereadable(self) -> bool:
        return self.handle is None or self.start is not None

    def chunks(self) -> Iterator[bytes]:
        """The bytes, chunk by chunk, from the start (a path opened and closed here)."""
        if self.data is not None:
            view = memoryview(self.data)
            for at in range(0, len(view), CHUNK_SIZE):
                yield bytes(view[at : at + CHUNK_SIZE])
            return
        if self.path is not None:
            with self.path.open("rb") as handle:
                yield from iter(lambda: handle.read(CHUNK_SIZE), b"")
            return
        assert self.handle is not None
        if self.start is not None:
            self.handle.seek(self.start)
        for chunk in iter(lambda: self.handle.read(CHUNK_SIZE), b""):  # type: ignore[union-attr]
            if not isinstance(chunk, bytes):
                raise TypeError("a file to upload must be opened in binary mode ('rb')")
            yield chunk


def _quote(text: str) -> str:
    """A name or file name inside a Content-Disposition header (the HTML form encoding)."""
    return text.replace("\\", "\\\\").replace('"', "%22").replace("\r", "%0D").replace("\n", "%0A")


@dataclass
class _Part:
    head: bytes
    value: bytes | _Source

    @property
    def size(self) -> int | None:
        if isinstance(self.value, bytes):
            return len(self.head) + len(self.value) + 2
        size = self.value.size
        return None if size is None else len(self.head) + size + 2


def _file_part(name: str, source: _Source) -> _Part:
    filename = source.filename or name
    content_type = (
        source.content_type or mimetypes.guess_type(filename)[0] or "application/octet-stream"
    )
    head = (
        f'Content-Disposition: form-data; name="{_quote(name)}"; filename="{_quote(filename)}"\r\n'
        f"Content-Type: {content_type}\r\n\r\n"
    )
    return _Part(head.encode("utf-8"), source)


def _field_part(name: str, value: Any) -> _Part:
    text = ("true" if value else "false") if isinstance(value, bool) else str(value)
    head = f'Content-Disposition: form-data; name="{_quote(name)}"\r\n\r\n'
    return _Part(head.encode("utf-8"), text.encode("utf-8"))


class UploadBody:
    """A request body streamed from its files, counting what was sent (`progress`).

    Iterate it on the sync client; `aiter()` gives the async client's stream (file reads are short
    and local, made between sends).
    """

    def __init__(self, plan: "UploadPlan") -> None:
        self._plan = plan

    def _chunks(self) -> Iterator[bytes]:
        plan = self._plan
        if plan.whole is not None:
            yield from plan.whole.chunks()
            return
        for part in plan.parts:
            yield b"--" + plan.boundary + b"\r\n" + part.head
            if isinstance(part.value, bytes):
                yield part.value
            else:
                yield from part.value.chunks()
            yield b"\r\n"
        yield b"--" + plan.boundary + b"--\r\n"

    def __iter__(self) -> Iterator[bytes]:
        sent, total, progress = 0, self._plan.size, self._plan.progress
        for chunk in self._chunks():
            yield chunk
            sent += len(chunk)
            if progress is not None:
                progress(sent, total)

    async def _aiter(self) -> AsyncIterator[bytes]:
        for chunk in self:
            yield chunk

    def aiter(self) -> AsyncIterator[bytes]:
        return self._aiter()


@dataclass
class UploadPlan:
    """What a call uploads, read once: the whole body's file, or the multipart parts."""

    whole: _Source | None
    parts: list[_Part]
    boundary: bytes
    content_type: str
    progress: Progress | None

    @property
    def rereadable(self) -> bool:
        """Can a retry send the same bytes again?"""
        sources = [self.whole] if self.whole else [p.value for p in self.parts]
        return all(s.rereadable for s in sources if isinstance(s, _Source))

    @property
    def size(self) -> int | None:
        if self.whole is not None:
            return self.whole.size
        sizes = [p.size for p in self.parts]
        if any(s is None for s in sizes):
            return None
        return sum(len(self.boundary) + 4 for _ in self.parts) + sum(sizes) + len(self.boundary) + 6  # type: ignore[arg-type]

    def headers(self) -> dict[str, str]:
        size = self.size
        return {
            "Content-Type": self.content_type,
            **({"Content-Length": str(size)} if size is not None else {}),
        }


def plan_upload(
    kind: str,
    content_type: str,
    values: Mapping[str, Any],
    files: frozenset[str],
    progress: Progress | None,
) -> UploadPlan:
    """The upload of one call: `kind` "binary" (the one value in `values` is the body) or
    "multipart" (each value a part named by its wire name; those in `files` are files). Form fields
    come first, then the files, as Huawei's SDK orders them."""
    if kind == "binary":
        (value,) = values.values()
        source = _Source.of(value)
        media = source.content_type or content_type
        return UploadPlan(source, [], b"", media, progress)
    boundary = secrets.token_hex(16).encode("ascii")
    fields = [_field_part(k, v) for k, v in values.items() if k not in files]
    parts = fields + [_file_part(k, _Source.of(v)) for k, v in values.items() if k in files]
    media = f"multipart/form-data; boundary={boundary.decode('ascii')}"
    return UploadPlan(None, parts, boundary, media, progress)
