"""[tool.hwgen]: a project's settings, found like a tool finds its pyproject.toml and checked like a spec.

The table comes from the nearest `pyproject.toml` that has one, searched upward from the spec
directory when one is given, else from the working directory (`--config FILE` names it instead).
Relative paths in it resolve from that file, so every directory of the project sees the same
settings. Every key is checked; an unknown one is a finding with a hint, as in a spec.
"""

from __future__ import annotations

import keyword
import os
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import SpecError
from .findings import Finding, Severity, did_you_mean, display_path

__all__ = [
    "DEFAULTS",
    "KEYS",
    "Config",
    "find_pyproject",
    "load_config",
    "package_name_problem",
    "schema_comment",
]

# Every key of [tool.hwgen], what it is (for findings and the README), and its default.
KEYS: dict[str, str] = {
    "specs": "the spec directory",
    "out": "the output directory (the generated package)",
    "package_name": "the import name of the generated package",
    "package_version": "the version of the generated package",
    "schema": "the editor copy of the spec schema that specs' `$schema` lines point at",
}
DEFAULTS: dict[str, str] = {
    "specs": "specs",
    "out": "generated",
    "package_name": "hwcloud",
    "package_version": "0.1.0",
    "schema": "specs/spec.schema.json",
}
# PEP 440, public and local parts (what pip accepts as a version).
_VERSION = re.compile(
    r"^v?(\d+!)?\d+(\.\d+)*([-_.]?(a|b|c|rc|alpha|beta|pre|preview)[-_.]?\d*)?"
    r"((-\d+)|([-_.]?(post|rev|r)[-_.]?\d*))?([-_.]?dev[-_.]?\d*)?(\+[a-z0-9]+([-_.][a-z0-9]+)*)?$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Config:
    """The settings one command runs with; paths as given or resolved from the config file."""

    file: Path | None  # the pyproject.toml they came from; None: the defaults
    specs: Path
    out: Path
    package_name: str = DEFAULTS["package_name"]
    package_version: str = DEFAULTS["package_version"]
    schema: Path = Path(DEFAULTS["schema"])

    @property
    def package(self) -> tuple[str, str]:
        """(name, version) of the generated package, as the pipeline takes it."""
        return self.package_name, self.package_version


def find_pyproject(start: Path) -> Path | None:
    """The nearest pyproject.toml with a [tool.hwgen] table, in `start` or a directory above it."""
    directory = start.resolve()
    if not directory.is_dir():
        directory = directory.parent
    for candidate in (directory, *directory.parents):
        path = candidate / "pyproject.toml"
        try:
            text = path.read_text("utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        if "hwgen" not in text:
            continue
        try:
            tool = tomllib.loads(text).get("tool")
        except tomllib.TOMLDecodeError:
            return path  # it mentions hwgen: load_config reports where it breaks
        if isinstance(tool, dict) and "hwgen" in tool:
            return path
    return None


def package_name_problem(name: str) -> tuple[str, str] | None:
    """Why `name` cannot be the import name of a package, with a hint; None if it can."""
    if name.isidentifier() and name.isascii() and not keyword.iskeyword(name):
        return None
    fixed = re.sub(r"\W", "_", name.strip()).strip("_").lower() or "hwcloud"
    fixed = f"_{fixed}" if fixed[0].isdigit() else fixed
    fixed = f"{fixed}_" if keyword.iskeyword(fixed) else fixed
    return f"`{name}` is not an importable Python name", f"use `{fixed}`: letters, digits and underscores"


def _relative(path: Path) -> Path:
    """`path` relative to the working directory (as messages show it) when that is shorter."""
    try:
        relative = Path(os.path.relpath(path))
    except ValueError:  # another drive (Windows)
        return path
    return relative if len(str(relative)) < len(str(path)) else path


def load_config(file: Path | None = None, *, start: Path | None = None) -> Config:
    """The settings from `file`, else from the nearest [tool.hwgen] above `start` (default: the working
    directory), else the defaults. Raises SpecError with a finding for every bad key."""
    if file is None:
        file = find_pyproject(start if start is not None else Path.cwd())
        if file is None:
            return Config(None, Path(DEFAULTS["specs"]), Path(DEFAULTS["out"]))
        table, findings = _read(file, required=False)
    else:
        table, findings = _read(file, required=True)
    settings = dict(DEFAULTS)
    text = _text(file)
    for key, value in table.items():
        line = _line_of(text, key)
        checker = _CHECKS.get(key)
        if checker is None:
            hint = did_you_mean(key, KEYS) or f"the keys are {', '.join(KEYS)}"
            findings.append(_finding(file, line, f"unknown key `{key}` in [tool.hwgen]", hint))
            continue
        problem = checker(value)
        if problem is not None:
            findings.append(_finding(file, line, f"[tool.hwgen] {key}: {problem[0]}", problem[1]))
        else:
            settings[key] = value
    if findings:
        raise SpecError(sorted(findings))
    base = file.parent
    return Config(
        file=file,
        specs=_relative(base / settings["specs"]),
        out=_relative(base / settings["out"]),
        package_name=settings["package_name"],
        package_version=settings["package_version"],
        schema=_relative(base / settings["schema"]),
    )


def _text(file: Path) -> str:
    try:
        return file.read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def _read(file: Path, *, required: bool) -> tuple[dict[str, Any], list[Finding]]:
    """The [tool.hwgen] table of `file` and the findings that reading it met."""
    try:
        data = tomllib.loads(file.read_text("utf-8"))
    except FileNotFoundError:
        return {}, [_finding(file, 1, "the configuration file does not exist")]
    except (OSError, UnicodeDecodeError) as exc:
        return {}, [_finding(file, 1, f"cannot read the configuration file: {getattr(exc, 'strerror', None) or exc}")]
    except tomllib.TOMLDecodeError as exc:
        where = re.search(r"line (\d+), column (\d+)", str(exc))
        line, col = (int(where[1]), int(where[2])) if where else (1, 1)
        message = str(exc).split(" (at ")[0]
        return {}, [Finding(display_path(file), line, col, Severity.ERROR, f"not valid TOML: {message}")]
    tool = data.get("tool", {})
    table = tool.get("hwgen") if isinstance(tool, dict) else None
    if table is None:
        missing = [_finding(file, 1, "no [tool.hwgen] table", "add one: `hwgen init` shows the keys")]
        return {}, missing if required else []
    if not isinstance(table, dict):
        return {}, [_finding(file, _line_of(_text(file), "hwgen"), "[tool.hwgen] is not a table")]
    return table, []


def _finding(file: Path, line: int, message: str, hint: str | None = None) -> Finding:
    return Finding(display_path(file), line, 1, Severity.ERROR, message, hint)


def _line_of(text: str, key: str) -> int:
    """The line that sets `key` after the [tool.hwgen] header (TOML parsers give no positions)."""
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if re.match(r"\s*\[\s*tool\s*\.\s*hwgen\s*\]", line)), 0)
    pattern = re.compile(rf"""\s*(["']?){re.escape(key)}\1\s*=""")
    for number in range(start, len(lines)):
        if pattern.match(lines[number]):
            return number + 1
    return start + 1


def _path(value: object) -> tuple[str, str] | None:
    if not isinstance(value, str) or not value.strip():
        return "expected a path (a non-empty string)", "relative paths resolve from this pyproject.toml"
    return None


def _package_name(value: object) -> tuple[str, str] | None:
    if not isinstance(value, str):
        return "expected a string", "an importable name, like `hwcloud`"
    return package_name_problem(value)


def _package_version(value: object) -> tuple[str, str] | None:
    if not isinstance(value, str) or not _VERSION.match(value):
        return f"{value!r} is not a version pip accepts", 'a PEP 440 version, like "1.2.0"'
    return None


_CHECKS: dict[str, Callable[[object], tuple[str, str] | None]] = {
    "specs": _path,
    "out": _path,
    "package_name": _package_name,
    "package_version": _package_version,
    "schema": _path,
}


def schema_comment(spec: Path, config: Config | None = None) -> str:
    """The first line of a spec at `spec`: the yaml-language-server `$schema` reference, relative to it.

    It points at the project's editor copy of the schema (`schema` in [tool.hwgen]; written by
    `hwgen init` and `hwgen schema --write`), so it resolves in the user's repository, wherever
    hwgen is installed. `config` defaults to the settings found upward from the spec.
    """
    config = config if config is not None else load_config(start=spec.parent)
    target = Path(os.path.relpath(config.schema.resolve(), spec.resolve().parent)).as_posix()
    part = "#/$defs/service" if spec.name == "_service.yaml" else ""  # a service file's own definition
    return f"# yaml-language-server: $schema={target}{part}"
