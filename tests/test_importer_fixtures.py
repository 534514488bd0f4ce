# ruff: noqa: E501 - Chinese file names have full-width brackets; reasons are long
"""Every fixture page imports, and every row its hand-written list names lands where the page puts it.

The fixtures are pages written in our own words in the shapes Huawei publishes: repository
Markdown (tests/fixtures/import/md/<service>/), copied site text and saved site HTML
(tests/fixtures/import/site/<service>_<operation>.<lang>.txt|html), both templates, both
languages. Each page has a `.rows.yaml` listing, by hand, its operation and every table row:
a row lands as a parameter or field with the same wire name, type and required flag, or (for
constructs the format does not have yet) as a finding that names it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.importer.run import import_pages

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "import"
_EXTENSIONS = (".md", ".txt", ".html")
# Pages whose constructs are not in the spec format yet: the reason is the issue that adds them.
_KNOWN_GAPS: dict[str, str] = {
    "site/bms_batch_start_baremetal_servers.en.txt": "an error body for no stated status (Abnormal response) has no place in the format yet",
    "site/elb_list_availability_zones.zh.txt": "Array<Array<AvailabilityZone>>: the format has no array of arrays",
}


def _cases() -> list[tuple[Path, Path, str]]:
    cases: list[tuple[Path, Path, str]] = []
    for rows in sorted(FIXTURES.glob("md/*/*.rows.yaml")) + sorted(FIXTURES.glob("site/*.rows.yaml")):
        stem = rows.name[: -len(".rows.yaml")]
        page = next((rows.with_name(stem + ext) for ext in _EXTENSIONS if rows.with_name(stem + ext).is_file()), None)
        if page is None:
            continue
        service = rows.parent.name if rows.parent.parent.name == "md" else stem.split("_", 1)[0]
        cases.append((page, rows, service))
    return cases


CASES = _cases()


def _field(fields: list[dict[str, Any]], objects: dict[str, Any], dotted: str) -> dict[str, Any] | None:
    """The field at a dotted path (`server.tags[].key`) through object tables."""
    whole = next((f for f in fields if f["name"] == dotted), None)
    if whole is not None:  # a name with a dot of its own: the query parameter "dim.0"
        return whole
    current = fields
    found: dict[str, Any] | None = None
    for part in dotted.replace("[]", "").split("."):
        renamed = f"table names this field {part!r}"  # the example's spelling won (consistency.py)
        found = next((f for f in current if f["name"] == part or renamed in f.get("note", "")), None)
        if found is None:
            return None
        ref = found.get("object") or found.get("items") or found.get("values")
        current = objects.get(ref, {}).get("fields", []) if isinstance(ref, str) else []
    return found


def _where(spec: dict[str, Any], place: str) -> list[dict[str, Any]] | None:
    if place in ("path", "query", "header"):
        return spec.get("parameters", {}).get(place, [])
    if place in ("body", "form"):  # a FormData table's rows are the parts of a multipart body
        body = spec.get("request_body", {})
        forms = ("multipart/form-data", "application/x-www-form-urlencoded")
        if place == "form" and not body.get("content_type", "").startswith(forms):
            return []
        return body.get("fields", [])
    if place == "file":  # a request table whose one row is the file: the body is that file
        return [{"name": "*", "type": "File", "required": True}] if "file" in spec.get("request_body", {}) else []
    if place.startswith("response ") and place.endswith(" header"):
        return list(spec["responses"].get(place.split()[1], {}).get("headers", []))
    if place.startswith("response "):
        body = spec["responses"].get(place.split()[1], {}).get("body", {})
        return body.get("fields", [])
    return None


def _check_row(
    spec: dict[str, Any], row: dict[str, Any], messages: str, optional_elsewhere: bool = False
) -> str | None:
    place, name = str(row["in"]), str(row["name"])
    fields = _where(spec, place)
    if fields is None:  # form fields: no construct yet, so a finding names the row
        leaf = name.split(".")[-1]
        return None if leaf in messages else f"{place} {name}: neither transcribed nor reported"
    found = fields[0] if place == "file" and fields else _field(fields, spec.get("objects", {}), name)
    if found is None:
        leaf = name.replace("[]", "").split(".")[-1]
        return None if f"{leaf!r}" in messages or f" {leaf}:" in messages else f"{place} {name}: missing"
    if not row.get("typeless") and found["type"] != row["type"]:
        return f"{place} {name}: type {found['type']}, the page says {row['type']}"
    scenario = "Mandatory in some of the page's request tables" in str(found.get("note", ""))
    if row.get("required") and ((scenario and name in messages) or optional_elsewhere):
        return None  # one body in several scenario tables: mandatory in one is optional, noted and reported
    if "required" in row and place != "path" and bool(found.get("required")) != bool(row["required"]):
        return f"{place} {name}: required {bool(found.get('required'))}, the page says {row['required']}"
    return None


def _check_shared(service_dir: Path, expected: dict[str, Any], action: str, messages: str) -> None:
    """A shared page lands in _service.yaml (responses shared by the service), or, when it lists
    only status codes ("通用请求返回值"), is skipped as such."""
    if not expected.get("rows"):
        assert action in ("skipped", "created"), messages
        return
    assert action == "created", messages
    service = yaml.safe_load((service_dir / "_service.yaml").read_text("utf-8"))
    fields = [f for response in service["shared_responses"].values() for f in response["fields"]]
    missing = [
        row["name"]
        for row in expected["rows"]
        if (found := _field(fields, service.get("objects", {}), str(row["name"]))) is None
        or found["type"] != row["type"]
    ]
    assert missing == [], messages


@pytest.mark.parametrize(
    "case",
    [
        (
            pytest.param(c, marks=pytest.mark.xfail(reason=_KNOWN_GAPS[f"{c[0].parent.name}/{c[0].name}"], strict=True))
            if f"{c[0].parent.name}/{c[0].name}" in _KNOWN_GAPS
            else c
        )
        for c in CASES
    ],
    ids=lambda c: f"{c[0].parent.name}/{c[0].name}",
)
def test_every_row_of_the_page_lands(case: tuple[Path, Path, str], tmp_path: Path) -> None:
    page, rows_file, service = case
    expected = yaml.safe_load(rows_file.read_text("utf-8"))
    [result] = import_pages([_outside_git(page, tmp_path)], service=service, specs=tmp_path)
    messages = "\n".join(f.message for f in result.findings)
    if expected.get("page_template") == "shared":
        _check_shared(tmp_path / service, expected, result.action, messages)
        return
    assert result.action == "created", messages
    assert result.spec is not None
    spec = yaml.safe_load(Path(result.spec).read_text("utf-8"))
    assert (spec["method"], spec["path"]) == (expected["method"], expected["path"])
    rows = expected.get("rows", [])
    optional = {(r["in"], r["name"]) for r in rows if r.get("required") is False}  # in another table
    missing = [
        problem for row in rows if (problem := _check_row(spec, row, messages, (row["in"], row["name"]) in optional))
    ]
    assert missing == [], messages
    stated = {code for code in expected.get("status", []) if str(code).startswith("2")}
    assert stated <= set(spec["responses"]), sorted(spec["responses"])


EXPECTED = FIXTURES / "expected-specs"


def _outside_git(page: Path, tmp_path: Path) -> Path:
    """The page copied out of this checkout: its spec must not take the date of the fixture's last commit."""
    copy = tmp_path / "page" / page.name
    copy.parent.mkdir()
    shutil.copy(page, copy)
    return copy


UPDATE = os.environ.get("HWGEN_UPDATE_CASES") == "1"


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c[0].parent.name}/{c[0].name}")
def test_the_page_imports_into_its_expected_spec(case: tuple[Path, Path, str], tmp_path: Path) -> None:
    """The whole transcription, reviewed once and kept: `HWGEN_UPDATE_CASES=1 pytest` rewrites it."""
    page, _, service = case
    [result] = import_pages([_outside_git(page, tmp_path)], service=service, specs=tmp_path)
    written = sorted((tmp_path / service).glob("*.yaml")) if result.action != "failed" else []
    expected_dir = EXPECTED / f"{page.parent.name}" / page.name
    errors = sorted({f.message for f in result.findings if f.severity.value == "error"})
    outcome = "\n".join([result.action, *errors]) + "\n"  # what the import did, and why it failed if it did
    if UPDATE:
        shutil.rmtree(expected_dir, ignore_errors=True)
        expected_dir.mkdir(parents=True)
        (expected_dir / "outcome.txt").write_text(outcome, "utf-8")
        for path in written:
            shutil.copy(path, expected_dir / path.name)
    assert expected_dir.is_dir(), f"no expected specs in {expected_dir}: run HWGEN_UPDATE_CASES=1 pytest {__file__}"
    assert outcome == (expected_dir / "outcome.txt").read_text("utf-8")
    assert sorted(p.name for p in expected_dir.glob("*.yaml")) == [p.name for p in written]
    for path in written:
        assert path.read_text("utf-8") == (expected_dir / path.name).read_text("utf-8"), path.name


def test_there_are_at_least_forty_fixture_pages_in_three_sources() -> None:
    kinds = {page.suffix for page, _, _ in CASES}
    assert len(CASES) >= 40 and kinds == set(_EXTENSIONS), (len(CASES), kinds)
