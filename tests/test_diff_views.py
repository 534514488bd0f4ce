"""generator.diff.views: the names the diff reports are the names the generated client has."""

from __future__ import annotations

from pathlib import Path

import pytest

import generator.model.build as build_module
from generator.diff.views import view_tree
from generator.model.build import build_api
from generator.spec.validate import validate_paths

ROOT = Path(__file__).resolve().parent.parent


def test_attribute_and_keyword_names_match_the_model() -> None:
    sources, findings = validate_paths([ROOT / "specs"])
    assert findings == []
    api, views = build_api(sources), view_tree(sources)
    checked = 0
    for service in api.services:
        models = {m.class_name: m for m in service.models}
        for op in service.operations:
            view = views.operations[(service.name, op.name)]
            assert sorted(view.keywords.values()) == sorted(a.python_name for a in op.arguments)
            ok = op.success
            if ok is None or ok.model is None:
                continue
            top = [f for f in view.responses[str(ok.status)].fields.values() if f.parent is None]
            assert [f.python for f in top] == [f.python_name for f in models[ok.model].fields]
            checked += 1
    assert checked >= 5


def test_paths_of_nested_fields() -> None:
    sources, _ = validate_paths([ROOT / "specs" / "roma"])
    view = view_tree(sources).operations[("roma", "export_asset")]
    assert [k for k in view.request if k.startswith("body")] == [
        "body.apps",
        "body.apps[].id",
        "body.tasks",
        "body.tasks[].id",
    ]
    assert view.request["header.x-auth-token"].path == "header.X-Auth-Token"
    assert view.methods == {
        "method": ("export_asset", ()),
        "workflow": ("export_asset_and_download", ("job",)),
    }
    status = view_tree(sources).operations[("roma", "check_asset_job_status")]
    assert "200.reason[].error_code" in status.responses["200"].fields
    assert status.methods["waiter"] == ("wait_for_asset_job", ("waiter", "name"))


def test_an_operation_one_side_lacks_is_compared_without_building_the_model(monkeypatch: pytest.MonkeyPatch) -> None:
    # `hwgen import` of a new service reports every operation added: the typed model (and its modules)
    # is needed only to name the SDK surface of an operation both sides have.
    from generator.diff.compare import compare

    sources, _ = validate_paths([ROOT / "specs" / "roma"])
    built: list[int] = []
    real = build_module.build_api
    monkeypatch.setattr(build_module, "build_api", lambda s: built.append(1) or real(s))
    changes = compare(view_tree([]), view_tree(sources))
    assert {c.rule_id for c in changes} >= {"operation-added"} and built == []
    both = view_tree(sources)
    assert both.operations[("roma", "export_asset")].keywords and built == [1]  # once for the tree
    assert both.operations[("roma", "check_asset_job_status")].methods and built == [1]
