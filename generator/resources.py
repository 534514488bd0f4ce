"""Where hwgen's own files are (templates, the spec schema), from a checkout and from an installed wheel alike.

In the repository `templates/` sits beside `generator/`; the wheel ships it inside the package as
`generator/templates/` (pyproject.toml, hatchling's force-include). Every reader of those files asks
here, so both layouts work everywhere.
"""

from __future__ import annotations

import errno
from functools import cache
from pathlib import Path

__all__ = ["PACKAGE_DIR", "schema_path", "schema_text", "templates_dir"]

PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def templates_dir() -> Path:
    """The templates directory: `generator/templates` when installed from a wheel, else the checkout's `templates/`."""
    for candidate in (PACKAGE_DIR / "templates", PACKAGE_DIR.parent / "templates"):
        if (candidate / "package").is_dir():
            return candidate
    raise FileNotFoundError(
        errno.ENOENT, "hwgen's templates are missing: the installation is broken, reinstall hwgen", str(PACKAGE_DIR)
    )


def schema_path() -> Path:
    """The JSON Schema of the spec format (the one definition of it)."""
    return PACKAGE_DIR / "spec.schema.json"


@cache
def schema_text() -> str:
    return schema_path().read_text("utf-8")
