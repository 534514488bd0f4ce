"""`hwgen init`: a repository of one's own that uses hwgen, made from templates/init/.

It writes the settings, an example service, the editor schema, a CI workflow, pre-commit hooks,
a .gitignore and a README, all pinned to the hwgen that runs it; it never overwrites a file.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import jinja2

from .config import package_name_problem
from .distribution import Origin, origin
from .incremental.atomic import atomic_write
from .resources import schema_text, templates_dir

__all__ = ["FILES", "Scaffold", "render_scaffold", "scaffold"]

# Target path in the new repository → template under templates/init/ (dotfiles are not templates' names).
FILES = {
    "pyproject.toml": "pyproject.toml",
    "README.md": "README.md",
    ".gitignore": "gitignore",
    ".github/workflows/api.yml": "api.yml",
    ".pre-commit-config.yaml": "pre-commit-config.yaml",
    "specs/vpc/_service.yaml": "specs/vpc/_service.yaml",
    "specs/vpc/list_vpcs.yaml": "specs/vpc/list_vpcs.yaml",
}
SCHEMA = "specs/spec.schema.json"


@dataclass(frozen=True)
class Scaffold:
    """What `init` writes (path → text) and what it refused to overwrite."""

    files: dict[str, str]
    existing: list[str]


@cache
def _environment() -> jinja2.Environment:
    """Square-bracket delimiters: the workflow is full of GitHub's own `${{ }}`."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir() / "init"),
        undefined=jinja2.StrictUndefined,
        variable_start_string="[[",
        variable_end_string="]]",
        block_start_string="[%",
        block_end_string="%]",
        comment_start_string="[#",
        comment_end_string="#]",
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.filters["shell"] = shlex.quote
    return env


def _hooks(source: Origin) -> str:
    """remote: hwgen's own hook repository at a commit; python: local hooks that install the pin;
    system: local hooks that run the hwgen on PATH (the pin is a path on this machine)."""
    if not source.portable:
        return "system"
    return "remote" if source.kind == "vcs" else "python"


def render_scaffold(package_name: str = "hwcloud", source: Origin | None = None) -> dict[str, str]:
    """Every file of a new repository, by its path in it."""
    source = source if source is not None else origin()
    repo = (source.url or "").removeprefix("git+")
    context = {
        "package_name": package_name,
        "pin": source.requirement,
        "portable": source.portable,
        "hooks": _hooks(source),
        "repo": repo,
        "rev": source.commit or "",
        "specs": "specs",
        "out": "generated",
        "schema": SCHEMA,
        "specs_pattern": re.escape("specs"),
        "out_pattern": re.escape("generated"),
    }
    env = _environment()
    files = {target: env.get_template(name).render(**context) for target, name in FILES.items()}
    files[SCHEMA] = schema_text()
    return files


def scaffold(directory: Path, package_name: str = "hwcloud", source: Origin | None = None) -> Scaffold:
    """Write a new repository into `directory` (made if missing), unless that would overwrite a file.

    All or nothing: when any file exists, nothing is written and `existing` lists them.
    """
    problem = package_name_problem(package_name)
    if problem is not None:
        raise ValueError(f"{problem[0]} ({problem[1]})")
    files = render_scaffold(package_name, source)
    existing = sorted(path for path in files if (directory / path).exists() or (directory / path).is_symlink())
    if existing:
        return Scaffold(files, existing)
    for path, text in sorted(files.items()):
        atomic_write(directory / path, text.encode("utf-8"))
    return Scaffold(files, [])
