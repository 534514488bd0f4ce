"""Invalid-spec cases: each tests/cases/invalid/<name>.yaml must give exactly the findings of <name>.out.

A case is copied into a fresh tree as specs/workspace/<name>.yaml (next to a valid _service.yaml)
and `validate specs` runs in-process from the tree's root. An optional first line
`# case: key=value ...` changes that:

  service=DIR      the service directory (empty: the spec goes directly into specs/)
  file=NAME        the file name (`_service.yaml` makes the case the service file; a valid spec joins it)
  copy=NAME        also write the case under this second name (duplicates)
  encoding=CODEC   write the text in this encoding instead of UTF-8 (bytes that are not UTF-8)
  pad=BYTES        append comment lines until the file is exactly this size (size limit)
  seconds=N        `validate` must finish within N seconds (alias bombs, huge files)

Refresh the expectations after an intended change of messages:

  HWGEN_UPDATE_CASES=1 pytest tests/test_cases.py
"""

from __future__ import annotations

import difflib
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from generator.cli import main

if TYPE_CHECKING:
    from conftest import SpecTree

CASES = Path(__file__).resolve().parent / "cases" / "invalid"
UPDATE = os.environ.get("HWGEN_UPDATE_CASES") == "1"
REFRESH = "HWGEN_UPDATE_CASES=1 pytest tests/test_cases.py"
DIRECTIVE = "# case:"
OPTIONS = {"service", "file", "copy", "encoding", "pad", "seconds"}
FINDING_LINE = re.compile(r"^specs/\S+:\d+:\d+: (error|warning): \S.*$")


@dataclass
class Case:
    name: str
    text: str
    file: str
    service: str = "workspace"
    copy: str | None = None
    encoding: str = "utf-8"
    pad: int | None = None
    seconds: float | None = None

    @classmethod
    def read(cls, path: Path) -> Case:
        text = path.read_text("utf-8")
        first = text.split("\n", 1)[0]
        options: dict[str, str] = {}
        if first.startswith(DIRECTIVE):
            for word in first.removeprefix(DIRECTIVE).split():
                key, sep, value = word.partition("=")
                assert sep and key in OPTIONS, f"{path.name}: unknown case option {word!r} (known: {sorted(OPTIONS)})"
                options[key] = value
        return cls(
            name=path.stem,
            text=text,
            service=options.get("service", "workspace"),
            file=options.get("file", f"{path.stem}.yaml"),
            copy=options.get("copy"),
            encoding=options.get("encoding", "utf-8"),
            pad=int(options["pad"]) if "pad" in options else None,
            seconds=float(options["seconds"]) if "seconds" in options else None,
        )

    def content(self) -> bytes:
        data = self.text.encode(self.encoding)
        if self.pad is not None:
            line = b"# " + b"x" * 1021 + b"\n"
            missing = self.pad - len(data)
            data += line * (missing // len(line)) + b"#" * (missing % len(line))
            assert len(data) == self.pad
        return data


def _case_paths() -> list[Path]:
    return sorted(CASES.glob("*.yaml"))


def test_there_are_cases_and_each_has_its_expectation() -> None:
    paths = _case_paths()
    assert len(paths) >= 25
    outs = {p.stem for p in CASES.glob("*.out")}
    orphans = sorted(outs - {p.stem for p in paths})
    assert not orphans, f"expected output without a case: {orphans}"
    if not UPDATE:
        missing = sorted(p.name for p in paths if p.stem not in outs)
        assert not missing, f"cases without a .out file: {missing}; run `{REFRESH}`"


@pytest.mark.parametrize("path", _case_paths(), ids=lambda p: p.stem)
def test_invalid_case(path: Path, spec_tree: SpecTree, minimal_spec: str, capsys: pytest.CaptureFixture[str]) -> None:
    case = Case.read(path)
    directory = f"{case.service}/" if case.service else ""
    if case.service:
        spec_tree.service(case.service)
    if case.file == "_service.yaml":
        spec_tree.write(f"{directory}list_export_tasks.yaml", minimal_spec)
    spec_tree.write(f"{directory}{case.file}", case.content())
    if case.copy:
        spec_tree.write(f"{directory}{case.copy}", case.content())

    started = time.perf_counter()
    code = main(["validate", "specs"])
    elapsed = time.perf_counter() - started
    out, err = capsys.readouterr()

    assert "Traceback" not in err and "Traceback" not in out
    assert code == 1, f"expected exit 1 (findings), got {code}; stdout:\n{out}\nstderr:\n{err}"
    assert out, "an invalid case must print at least one finding"
    bad_lines = [line for line in out.splitlines() if not FINDING_LINE.match(line)]
    assert not bad_lines, f"lines that are not `path:line:col: severity: message`: {bad_lines}"
    if case.seconds is not None:
        assert elapsed < case.seconds, f"validate took {elapsed:.2f}s, the case allows {case.seconds}s"

    expected_path = path.with_suffix(".out")
    if UPDATE:
        expected_path.write_text(out, "utf-8")
        return
    assert expected_path.exists(), f"no {expected_path.name}; run `{REFRESH}`"
    expected = expected_path.read_text("utf-8")
    if out != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                out.splitlines(keepends=True),
                fromfile=f"{expected_path.name} (expected)",
                tofile="validate (actual)",
            )
        )
        pytest.fail(f"findings differ from {expected_path.name}:\n{diff}\nIf the change is intended: {REFRESH}")
