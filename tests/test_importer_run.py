"""The importer end to end: pages in, specs out, through `python -m generator import`.

- Re-importing every page whose spec is committed (the five seeds and six more) changes
  nothing: the importer's transcription is the one the specs hold.
- Pages of other operations import into the expected specs of tests/fixtures/import/expected
  (HWGEN_UPDATE_CASES=1 rewrites them; review the diff).
- An updated page updates its spec in place: the hand-written parts and comments stay, the
  API changes are printed.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml

from generator.cli import main
from generator.importer.run import import_pages

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "tests" / "fixtures" / "pages"
PAGES = ROOT / "tests" / "fixtures" / "import" / "pages"
EXPECTED = ROOT / "tests" / "fixtures" / "import" / "expected"
UPDATE = os.environ.get("HWGEN_UPDATE_CASES") == "1"

# page → (service, spec) for pages whose spec is committed under specs/
COMMITTED = {
    SEEDS / "workspace_list_export_tasks.txt": ("workspace", "list_export_tasks"),
    SEEDS / "drs_export_template.txt": ("drs", "export_creation_template"),
    SEEDS / "roma_export_assets.txt": ("roma", "export_asset"),
    SEEDS / "hss_query_export_task.txt": ("hss", "list_query_export_task"),
    SEEDS / "secmaster_export_workflow.txt": ("secmaster", "export_aopworkflow"),
    PAGES / "drs_show_export_progress.txt": ("drs", "show_export_progress"),
    PAGES / "hss_export_task_info.txt": ("hss", "export_task_info"),
    PAGES / "hss_list_download_exported_file.txt": ("hss", "list_download_exported_file"),
    PAGES / "roma_check_asset_job_status.txt": ("roma", "check_asset_job_status"),
    PAGES / "roma_download_asset_archive.txt": ("roma", "download_asset_archive"),
    PAGES / "workspace_download_export_file.txt": ("workspace", "download_export_file"),
}
# pages of other services → service (and --operation where the title cannot give a name)
NEW = {
    page: (page.name.split("_", 1)[0], "create_topic" if page.name == "smn_create_topic.txt" else None)
    for page in sorted(PAGES.glob("*.txt"))
    if page not in COMMITTED
}


@pytest.fixture
def specs(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "specs", tmp_path / "specs")
    return tmp_path / "specs"


def test_every_fixture_page_is_listed() -> None:
    assert len(NEW) >= 10
    assert set(COMMITTED) | set(NEW) == set(SEEDS.glob("*.txt")) | set(PAGES.glob("*.txt"))


@pytest.mark.parametrize("page", list(COMMITTED), ids=lambda p: p.name)
def test_reimporting_a_committed_page_changes_nothing(page: Path, specs: Path) -> None:
    service, name = COMMITTED[page]
    before = (specs / service / f"{name}.yaml").read_bytes()
    [result] = import_pages([page], service=service, specs=specs)
    assert result.action == "unchanged", [str(f) for f in result.findings]
    assert [f for f in result.findings if f.severity == "error"] == []
    assert (specs / service / f"{name}.yaml").read_bytes() == before


@pytest.mark.parametrize("page", list(NEW), ids=lambda p: p.name)
def test_new_page_imports_into_its_expected_spec(page: Path, tmp_path: Path) -> None:
    service, operation = NEW[page]
    specs = tmp_path / "specs"
    [result] = import_pages([page], service=service, specs=specs, operation=operation)
    assert result.action == "created", [str(f) for f in result.findings]
    [written] = [p for p in (specs / service).glob("*.yaml") if p.name != "_service.yaml"]
    expected = EXPECTED / service / written.name
    if UPDATE:
        expected.parent.mkdir(parents=True, exist_ok=True)
        expected.write_bytes(written.read_bytes())
    assert expected.is_file(), f"no expected spec {expected.relative_to(ROOT)}: run with HWGEN_UPDATE_CASES=1"
    assert written.read_text("utf-8") == expected.read_text("utf-8")
    # the house-style YAML the importer writes reads back as the data it meant
    assert yaml.safe_load(written.read_text("utf-8"))["source"]["page"] == page.name


def test_expected_specs_validate_together(tmp_path: Path) -> None:
    for page, (service, operation) in NEW.items():
        import_pages([page], service=service, specs=tmp_path / "specs", operation=operation)
    assert main(["validate", str(tmp_path / "specs")]) == 0


def _edit(page: Path, out: Path, *pairs: tuple[str, str]) -> Path:
    text = page.read_text("utf-8")
    for old, new in pairs:
        assert old in text
        text = text.replace(old, new, 1)
    out.write_text(text, "utf-8")
    return out


def test_updated_page_keeps_hand_written_parts_and_reports_changes(
    specs: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = _edit(
        SEEDS / "workspace_list_export_tasks.txt",
        tmp_path / "workspace_list_export_tasks.txt",
        ("Page size. The value ranges from 1 to 100.", "Page size. The value ranges from 1 to 200."),
        ("file_name\n\nNo\n\nString\n\nFile name.\n\n", ""),
        (
            "is_download\n\nBoolean\n\nWhether the file is downloaded.",
            "is_download\n\nBoolean\n\nWhether the file is downloaded.\n\nsize\n\nLong\n\nFile size in bytes.",
        ),
    )
    spec = specs / "workspace" / "list_export_tasks.yaml"
    before = spec.read_text("utf-8")
    assert main(["import", str(page), "--service", "workspace", "--specs", str(specs)]) == 0
    err = capsys.readouterr().err
    assert "list_export_tasks.yaml: updated from" in err
    assert "  changed: query parameter limit: maximum 100 → 200" in err
    assert "  changed: query parameter limit: description" in err
    assert "  removed: query parameter file_name" in err
    assert "  added: object ExportTaskItem field size (Long, optional)" in err
    after = spec.read_text("utf-8")
    data = yaml.safe_load(after)
    # hand-written: pagination, waiter, the note on sort_type, the runtime and sensitive flags, the comment
    assert data["pagination"] == yaml.safe_load(before)["pagination"]
    assert data["waiter"] == yaml.safe_load(before)["waiter"]
    assert "# Beyond the page: how a client pages through the list and waits on a task." in after
    assert "fields: &error_fields" in after and "fields: *error_fields" in after
    sort_type = next(p for p in data["parameters"]["query"] if p["name"] == "sort_type")
    assert sort_type["note"].startswith('The page gives the default as "ascending"')
    # only the changed lines changed
    changed = {line for line in after.splitlines()} ^ {line for line in before.splitlines()}
    assert changed == {
        "      description: Page size. The value ranges from 1 to 100. The default value is 20.",
        "      description: Page size. The value ranges from 1 to 200. The default value is 20.",
        "      maximum: 100",
        "      maximum: 200",
        "    - name: file_name",  # the query parameter (the object field of that name stays)
        "      description: File name.",
        "      - name: size",
        "        type: Long",
        "        description: File size in bytes.",
    }


def test_update_that_breaks_a_hand_written_part_is_refused(
    specs: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = _edit(
        SEEDS / "workspace_list_export_tasks.txt",
        tmp_path / "workspace_list_export_tasks.txt",
        ("task_id\n\nNo\n\nString\n\nTask ID.\n\n", ""),
    )
    spec = specs / "workspace" / "list_export_tasks.yaml"
    before = spec.read_bytes()
    assert main(["import", str(page), "--service", "workspace", "--specs", str(specs)]) == 1
    err = capsys.readouterr().err
    assert "list_export_tasks.yaml:154:16: error: `task_id` is not a parameter of this operation" in err
    assert "workspace_list_export_tasks.txt: not imported" in err
    assert spec.read_bytes() == before


def test_new_service_gets_a_service_file_and_a_route_derived_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    specs = tmp_path / "specs"  # empty: the project's own specs/ may hold a nat service
    page = PAGES / "nat_delete_nat_gateway.txt"
    assert main(["import", str(page), "--service", "nat", "--specs", str(specs)]) == 0
    err = capsys.readouterr().err
    assert "_service.yaml:1:1: warning: created for a new service" in err
    assert (specs / "nat" / "delete_nat_gateway.yaml").is_file()
    assert yaml.safe_load((specs / "nat" / "_service.yaml").read_text())["client_class"] == "NatClient"
    assert main(["validate", str(specs)]) == 0


def test_operation_names_a_new_spec(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    page = PAGES / "nat_delete_nat_gateway.txt"
    assert main(["import", str(page), "--service", "nat", "--operation", "remove_gateway", "--specs", str(specs)]) == 0
    assert (specs / "nat" / "remove_gateway.yaml").is_file()


def test_existing_spec_wins_over_operation(specs: Path) -> None:
    page = SEEDS / "secmaster_export_workflow.txt"
    [result] = import_pages([page], service="secmaster", specs=specs, operation="other_name")
    assert (result.action, result.spec) == ("unchanged", _display(specs / "secmaster" / "export_aopworkflow.yaml"))
    said = [f.message for f in result.findings]
    assert any("--operation other_name: POST" in m and "export_aopworkflow" in m for m in said), said


def _display(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def test_name_taken_by_another_route_is_an_error(specs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = PAGES / "nat_delete_nat_gateway.txt"
    code = main(
        ["import", str(page), "--service", "workspace", "--operation", "list_export_tasks", "--specs", str(specs)]
    )
    assert code == 1
    err = capsys.readouterr().err
    assert "list_export_tasks.yaml already exists for GET /v2/{project_id}/export-tasks, not for DELETE /v2/" in err
    assert "(pass --operation with another name)" in err


def test_chinese_title_is_named_from_the_route(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = PAGES / "smn_create_topic.txt"
    assert main(["import", str(page), "--service", "smn", "--specs", str(tmp_path)]) == 0
    assert (tmp_path / "smn" / "create_topic.yaml").is_file()


def test_a_page_with_no_name_to_derive_needs_operation(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "p.txt"
    text = (PAGES / "smn_create_topic.txt").read_text("utf-8")
    page.write_text(text.replace("POST /v2/{project_id}/notifications/topics", "POST /{project_id}"), "utf-8")
    assert main(["import", str(page), "--service", "smn", "--specs", str(tmp_path / "specs")]) == 1
    err = capsys.readouterr().err
    assert "cannot make an operation name from the title '创建主题' (pass --operation NAME (snake_case))" in err
    assert not (tmp_path / "specs" / "smn").exists()


def test_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = str(PAGES / "nat_delete_nat_gateway.txt")
    assert main(["import", page, page, "--service", "vpc", "--operation", "x", "--specs", str(tmp_path)]) == 2
    assert main(["import", page, "--service", "../vpc", "--specs", str(tmp_path)]) == 2
    assert main(["import", page, "--service", "vpc", "--operation", "Delete-It", "--specs", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "--operation names one spec" in err
    assert "--service '../vpc' is not a snake_case name" in err
    assert not any(tmp_path.iterdir())


def test_unreadable_and_unusable_pages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "missing.txt"
    empty = tmp_path / "empty.txt"
    empty.write_text("Updated on 2026-01-01 GMT+08:00\n\nA Title\n\nFunction\n\nDoes things.\n", "utf-8")
    code = main(["import", str(missing), str(empty), "--service", "vpc", "--specs", str(tmp_path / "specs")])
    assert code == 1
    err = capsys.readouterr().err
    assert "missing.txt:1:1: error: cannot read the page: No such file or directory" in err
    assert "empty.txt:3:1: error: no 'METHOD /path' line in the URI section (is this an API reference page?)" in err
    assert "0 created, 0 updated, 0 unchanged, 0 skipped, 2 failed" in err
    assert not (tmp_path / "specs").exists()


def test_strict_turns_warnings_into_errors_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = PAGES / "cbr_create_vault.txt"
    specs = tmp_path / "specs"
    assert main(["import", str(page), "--service", "cbr", "--specs", str(specs), "--strict"]) == 1
    err = capsys.readouterr().err
    assert "cbr_create_vault.txt:383:1: error: example response 200: the JSON does not parse" in err
    assert not (specs / "cbr" / "create_vault.yaml").exists()
    assert main(["import", str(page), "--service", "cbr", "--specs", str(specs)]) == 0
    assert "cbr_create_vault.txt:383:1: warning: example response 200" in capsys.readouterr().err
    assert (specs / "cbr" / "create_vault.yaml").is_file()


def test_spec_that_does_not_load_stops_imports_into_its_service(
    specs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = specs / "secmaster" / "export_aopworkflow.yaml"
    spec.write_text(spec.read_text("utf-8") + "broken: [\n", "utf-8")
    before = sorted(p.name for p in spec.parent.iterdir())
    page = SEEDS / "secmaster_export_workflow.txt"
    assert main(["import", str(page), "--service", "secmaster", "--specs", str(specs)]) == 1
    err = capsys.readouterr().err
    assert "export_aopworkflow.yaml:" in err and "error:" in err
    assert "secmaster_export_workflow.txt:1:1: error: not imported into secmaster (fix the spec(s) above first" in err
    assert sorted(p.name for p in spec.parent.iterdir()) == before
