"""generator.incremental.pipeline: work proportional to what changed, and the same bytes whatever was reused.

Every test compares with a cold, single-process run of the same specs (`produce` with no manifest
and no cache), because that is the output the manifest and the cache must never change.
"""

from __future__ import annotations

import concurrent.futures
import hashlib
import re
import shutil
from pathlib import Path

import pytest
from conftest import snapshot

from generator.emit import formatting
from generator.errors import SpecError
from generator.incremental import pipeline, units
from generator.incremental.manifest import MANIFEST, read_manifest
from generator.incremental.write import write_tree

ROOT = Path(__file__).resolve().parent.parent


_COLD: dict[bytes, dict[str, bytes]] = {}


def _cold(specs: Path, tmp: Path) -> dict[str, bytes]:
    """What a first generate of `specs` into an empty directory writes, manifest included.

    Made once per distinct input (the spec files and the project's pyproject.toml, byte for byte): several
    tests compare with the cold output of the same, unchanged specs."""
    inputs = [p for p in sorted(specs.rglob("*")) if p.is_file()] + [specs.parent / "pyproject.toml"]
    key = hashlib.sha256()
    for path in inputs:
        key.update(path.relative_to(specs.parent).as_posix().encode() + b"\0")
        key.update(path.read_bytes() if path.is_file() else b"-")
    if (made := _COLD.get(key.digest())) is None:
        made = _COLD[key.digest()] = _write_cold(specs, tmp)
    return made


def _write_cold(specs: Path, tmp: Path) -> dict[str, bytes]:
    out = tmp / "cold"
    shutil.rmtree(out, ignore_errors=True)
    plan = pipeline.plan(specs, incremental=False)
    write_tree(out, plan.files, manifest=plan.manifest_text, previous=frozenset())
    return snapshot(out)


def _edit_summary(spec: Path, text: str) -> None:
    spec.write_text(re.sub(r"^summary: .*$", f"summary: {text}", spec.read_text("utf-8"), count=1, flags=re.M))


def test_a_second_generate_loads_no_spec_and_changes_nothing(project: Path) -> None:
    before = snapshot(project / "generated")
    report, _, plan = pipeline.generate(project / "specs", project / "generated")
    assert plan.generated == [] and plan.cached == [] and plan.files == {}
    assert report.written == [] and report.removed == []
    assert snapshot(project / "generated") == before == _cold(project / "specs", project)


def test_one_changed_spec_regenerates_its_service_alone(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    formatted: list[str] = []
    real = formatting.format_module
    monkeypatch.setattr(formatting, "format_module", lambda text: formatted.append(text) or real(text))
    _edit_summary(project / "specs/hss/export_task_info.yaml", "Exports the monthly report, reworded.")
    report, _, plan = pipeline.generate(project / "specs", project / "generated")
    assert plan.generated == ["hss"]
    assert "hwcloud/hss/_client.py" in report.written and "docs/hss/export_task_info.md" in report.written
    assert "hwcloud/hss/models.py" not in plan.files or "hwcloud/hss/models.py" in report.unchanged
    assert len(formatted) == 1  # only the client's render changed: models and __init__ were reused
    assert snapshot(project / "generated") == _cold(project / "specs", project)


def test_a_fresh_clone_trusts_the_committed_manifest_not_a_cache(project: Path, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    shutil.copytree(project, clone)
    _edit_summary(clone / "specs/workspace/list_export_tasks.yaml", "Lists the export tasks, reworded.")
    _, _, plan = pipeline.generate(clone / "specs", clone / "generated")
    assert plan.generated == ["workspace"] and plan.cached == []
    assert snapshot(clone / "generated") == _cold(clone / "specs", tmp_path)


def test_the_local_cache_serves_a_service_it_has_seen(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HWGEN_NO_CACHE")
    monkeypatch.setenv("HWGEN_CACHE_DIR", str(project / "cache"))
    spec = project / "specs/drs/show_export_progress.yaml"
    original = spec.read_text("utf-8")
    (project / "generated" / MANIFEST).unlink()
    pipeline.generate(project / "specs", project / "generated")  # nothing kept: the cache learns every service
    _edit_summary(spec, "Shows the progress, reworded.")
    assert pipeline.generate(project / "specs", project / "generated")[2].generated == ["drs"]
    spec.write_text(original, "utf-8")  # back as it was: the manifest does not know it, the cache does
    _, _, plan = pipeline.generate(project / "specs", project / "generated")
    assert plan.generated == [] and plan.cached == ["drs"]
    assert snapshot(project / "generated") == _cold(project / "specs", project)


def test_a_corrupted_cache_entry_is_a_miss(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HWGEN_NO_CACHE")
    monkeypatch.setenv("HWGEN_CACHE_DIR", str(project / "cache"))
    (project / "generated" / MANIFEST).unlink()  # nothing kept: every service from the cache or the specs
    pipeline.generate(project / "specs", project / "generated")
    for entry in (project / "cache" / "units").rglob("*.json"):
        entry.write_text(entry.read_text()[:100])
    (project / "generated" / MANIFEST).unlink()
    _, _, plan = pipeline.generate(project / "specs", project / "generated")
    assert plan.cached == [] and sorted(plan.generated) == _services(project)
    assert snapshot(project / "generated") == _cold(project / "specs", project)


def _services(project: Path) -> list[str]:
    """Every service of the project's specs: what a generation that trusts nothing redoes."""
    return sorted(p.name for p in (project / "specs").iterdir() if (p / "_service.yaml").is_file())


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text.replace('"drs"', '"drz"', 1),  # the checksum no longer matches
        lambda text: text[: len(text) // 2],  # truncated
        lambda text: "not a manifest\n",
    ],
    ids=["edited", "truncated", "replaced"],
)
def test_a_damaged_manifest_is_ignored_never_trusted(project: Path, damage: object) -> None:
    manifest = project / "generated" / MANIFEST
    manifest.write_text(damage(manifest.read_text()))  # type: ignore[operator]
    assert read_manifest(project / "generated") is None
    _edit_summary(project / "specs/roma/export_asset.yaml", "Exports assets, reworded.")
    _, _, plan = pipeline.generate(project / "specs", project / "generated")
    assert sorted(plan.generated) == _services(project)
    assert snapshot(project / "generated") == _cold(project / "specs", project)


def test_a_manifest_another_generator_wrote_is_not_trusted(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "generator_fingerprint", lambda package: "another generator")
    _, _, plan = pipeline.generate(project / "specs", project / "generated")
    assert sorted(plan.generated) == _services(project)


def test_a_hand_edited_output_is_reported_then_restored(project: Path) -> None:
    client = project / "generated/hwcloud/roma/_client.py"
    original = client.read_bytes()
    client.write_text(client.read_text() + "# my change\n")
    diff = pipeline.check(project / "specs", project / "generated")
    assert diff.stale == ["hwcloud/roma/_client.py"] and "-# my change" in diff.diffs["hwcloud/roma/_client.py"]
    _, _, plan = pipeline.generate(project / "specs", project / "generated")
    assert plan.generated == ["roma"]
    assert client.read_bytes() == original


def test_a_removed_service_leaves_every_file(project: Path) -> None:
    shutil.rmtree(project / "specs/secmaster")
    report, _, plan = pipeline.generate(project / "specs", project / "generated")
    assert plan.generated == []  # the others are kept; the package-wide files drop secmaster
    assert "hwcloud/secmaster/_client.py" in report.removed
    assert "openapi.json" in report.written and "docs/index.md" in report.written
    assert snapshot(project / "generated") == _cold(project / "specs", project)


def test_an_invalid_spec_writes_nothing(project: Path) -> None:
    before = snapshot(project / "generated")
    spec = project / "specs/hss/export_task_info.yaml"
    spec.write_text(spec.read_text().replace("method: POST", "method: SEND"))
    with pytest.raises(SpecError) as raised:
        pipeline.generate(project / "specs", project / "generated")
    assert any("method" in f.message for f in raised.value.findings)
    assert snapshot(project / "generated") == before


def test_a_pool_of_processes_writes_what_one_process_does(
    project: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    serial = pipeline.produce(project / "specs").files
    monkeypatch.setattr(units, "_PARALLEL_BYTES", 0)
    monkeypatch.setenv("HWGEN_WORKERS", "3")
    calls: list[int] = []
    real = concurrent.futures.ProcessPoolExecutor
    monkeypatch.setattr(
        concurrent.futures, "ProcessPoolExecutor", lambda **kw: calls.append(kw["max_workers"]) or real(**kw)
    )
    assert pipeline.produce(project / "specs").files == serial
    assert calls == [3]


def test_validate_by_service_finds_what_validating_the_whole_tree_does(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.spec.validate import validate_paths

    spec = project / "specs/roma/export_asset.yaml"
    spec.write_text(spec.read_text().replace("method: POST", "method: SEND"))
    sources, whole = validate_paths([project / "specs"])
    operations = sum(s.kind == "operation" for s in sources)
    assert pipeline.validate(project / "specs") == (operations, whole) and whole
    monkeypatch.delenv("HWGEN_NO_CACHE")
    monkeypatch.setenv("HWGEN_CACHE_DIR", str(project / "cache"))
    assert pipeline.validate(project / "specs") == (operations, whole)  # fills the cache
    monkeypatch.setattr(units, "check", lambda unit: pytest.fail(f"{unit.service} was loaded again"))
    assert pipeline.validate(project / "specs") == (operations, whole)  # all from the cache


def test_warnings_of_kept_services_are_shown_wherever_hwgen_runs(
    project: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    spec = project / "specs/secmaster/export_aopworkflow.yaml"
    spec.write_text(spec.read_text() + "objects:\n  Unused:\n    fields:\n      - {name: a, type: String}\n")
    monkeypatch.chdir(project)
    first = pipeline.generate(Path("specs"), Path("generated"))[1]
    assert [f.path for f in first] == ["specs/secmaster/export_aopworkflow.yaml"]
    manifest = (project / "generated" / MANIFEST).read_text()
    monkeypatch.chdir("/")  # elsewhere: the service is kept, its warning comes from the manifest
    _, again, plan = pipeline.generate(project / "specs", project / "generated")
    assert plan.generated == [] and [f.message for f in again] == [f.message for f in first]
    assert again[0].path == (project / "specs/secmaster/export_aopworkflow.yaml").relative_to("/").as_posix()
    assert (project / "generated" / MANIFEST).read_text() == manifest  # the same, wherever it ran
