"""Where pages come from: files, folders of them (recursively), and URLs of the documentation site.

A folder is a service's API reference as Huawei's repositories hold it; a URL is fetched with
httpx (timeouts, a size limit, redirects only within the same host) and read as site HTML.
Markdown pages state no date: in a git checkout, a page's last commit date stands in for it.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .readers import MAX_PAGE_BYTES

__all__ = ["PAGE_SUFFIXES", "FetchError", "RemotePage", "commit_dates", "expand", "fetch", "is_url"]

PAGE_SUFFIXES = (".md", ".html", ".htm", ".txt")
_TIMEOUT = 20.0
_MAX_REDIRECTS = 5


@dataclass(frozen=True)
class RemotePage:
    """A page fetched from a URL: its bytes, and a file name that says it is HTML."""

    url: str
    raw: bytes

    @property
    def name(self) -> str:
        last = unquote(urlsplit(self.url).path.rstrip("/").rpartition("/")[2]) or "index"
        return last if last.lower().endswith((".html", ".htm")) else f"{last}.html"


class FetchError(Exception):
    """A URL that could not be fetched: the message says why, for a finding."""


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def expand(sources: list[str]) -> tuple[list[Path | str], set[Path]]:
    """Files as given, folders as the pages under them (sorted), URLs as they are; and the folders."""
    out: list[Path | str] = []
    folders: set[Path] = set()
    for source in sources:
        path = Path(source)
        if is_url(source):
            out.append(source)
        elif path.is_dir():
            folders.add(path)
            out += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in PAGE_SUFFIXES)
        else:
            out.append(path)
    return out, folders


def fetch(url: str) -> RemotePage:
    """GET a page; redirects are followed only within the URL's own host."""
    import httpx

    host = urlsplit(url).hostname
    try:
        with httpx.Client(timeout=_TIMEOUT, follow_redirects=False) as client:
            for _ in range(_MAX_REDIRECTS + 1):
                with client.stream("GET", url, headers={"Accept": "text/html"}) as response:
                    if response.is_redirect:
                        target = str(response.url.join(response.headers.get("location", "")))
                        if urlsplit(target).hostname != host:
                            raise FetchError(f"redirected to another host ({target}): not followed")
                        url = target
                        continue
                    if response.status_code != 200:
                        raise FetchError(f"HTTP {response.status_code}")
                    body = bytearray()
                    for chunk in response.iter_bytes():
                        body += chunk
                        if len(body) > MAX_PAGE_BYTES:
                            raise FetchError(f"over the {MAX_PAGE_BYTES:,}-byte limit: not read")
                    return RemotePage(url, bytes(body))
            raise FetchError(f"more than {_MAX_REDIRECTS} redirects")
    except httpx.HTTPError as exc:
        raise FetchError(f"{type(exc).__name__}: {exc}") from exc


def commit_dates(paths: list[Path]) -> dict[Path, str]:
    """Each file's last commit date (YYYY-MM-DD) where it is in a git checkout; one git call per checkout."""
    dates: dict[Path, str] = {}
    by_root: dict[Path, list[Path]] = {}
    roots: dict[Path, Path | None] = {}
    for path in paths:
        parent = path.resolve().parent
        if parent not in roots:
            roots[parent] = _toplevel(parent)
        root = roots[parent]
        if root is not None:
            by_root.setdefault(root, []).append(path.resolve())
    for root, files in by_root.items():
        wanted = {f.relative_to(root).as_posix(): f for f in files}
        common = Path(*Path(next(iter(wanted))).parts[:-1]) if len(wanted) == 1 else _common(list(wanted))
        try:
            log = ["git", "-C", str(root), "-c", "core.quotePath=false", "log", "--format=%x00%cs", "--name-only"]
            done = subprocess.run(
                [*log, "--", str(common) or "."],
                capture_output=True,
                check=False,
                timeout=60,
            )
        except (OSError, subprocess.TimeoutExpired):
            continue
        date = ""
        for line in done.stdout.decode("utf-8", "replace").splitlines():
            if line.startswith("\x00"):
                date = line[1:]
            elif line and line in wanted and wanted[line] not in dates:
                dates[wanted[line]] = date
    return dates


def _toplevel(directory: Path) -> Path | None:
    try:
        done = subprocess.run(
            ["git", "-C", str(directory), "rev-parse", "--show-toplevel"], capture_output=True, check=False, timeout=10
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return Path(done.stdout.decode().strip()) if done.returncode == 0 else None


def _common(relative: list[str]) -> Path:
    parts = [Path(r).parts[:-1] for r in relative]
    prefix: list[str] = []
    for column in zip(*parts, strict=False):
        if len(set(column)) != 1:
            break
        prefix.append(column[0])
    return Path(*prefix) if prefix else Path(".")
