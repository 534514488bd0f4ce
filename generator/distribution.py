"""How this hwgen was installed (PEP 610 `direct_url.json`), so that a new repository can pin the same one.

`hwgen init` writes the pin into the CI workflow, the README and the pre-commit hooks; an optional
feature that lacks its libraries names the install command that works wherever hwgen came from.
"""

from __future__ import annotations

import json
import shlex
from dataclasses import dataclass
from typing import Any, Literal

from ._version import __version__

__all__ = ["Origin", "extra_install_command", "origin"]

NAME = "hwgen"
# What each extra adds, should the installed metadata be unreadable (kept equal to pyproject.toml).
_EXTRAS = {"mock": ("starlette>=0.40,<2", "uvicorn>=0.30,<1")}


@dataclass(frozen=True)
class Origin:
    """Where hwgen came from and the requirement that installs the same one again.

    `kind`: `index` (a version from a package index), `vcs` (a git URL at a commit), `archive` (a wheel
    or sdist by URL) or `local` (a directory, or a checkout it runs from). `portable`: the requirement
    works on another machine (CI); a file on this one does not.
    """

    kind: Literal["index", "vcs", "archive", "local"]
    requirement: str
    portable: bool
    url: str | None = None
    commit: str | None = None


def _direct_url() -> dict[str, Any] | None:
    from importlib import metadata

    try:
        text = metadata.distribution(NAME).read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        return {}  # not installed: run from a checkout
    if text is None:
        return None
    try:
        data = json.loads(text)
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def origin() -> Origin:
    """How the running hwgen was installed."""
    data = _direct_url()
    if data is None:
        return Origin("index", f"{NAME}=={__version__}", True)
    url = str(data.get("url", ""))
    local = url.startswith("file:") or not url
    vcs = data.get("vcs_info")
    if isinstance(vcs, dict) and vcs.get("vcs") == "git":
        commit = str(vcs.get("commit_id", ""))
        return Origin("vcs", f"{NAME} @ git+{url}@{commit}", not local, url, commit)
    if "archive_info" in data:
        return Origin("archive", f"{NAME} @ {url}", not local, url)
    return Origin("local", f"{NAME} @ {url}" if url else f"{NAME}=={__version__}", False, url or None)


def extra_install_command(extra: str) -> str:
    """A pip command that adds `extra`'s libraries to this environment, however hwgen was installed."""
    from importlib import metadata

    try:
        requires = metadata.requires(NAME) or []
    except metadata.PackageNotFoundError:
        requires = []
    marker = f'extra == "{extra}"'
    wanted = [r.split(";")[0].strip() for r in requires if marker in r.replace("'", '"')]
    return "pip install " + " ".join(shlex.quote(r) for r in (wanted or _EXTRAS[extra]))
