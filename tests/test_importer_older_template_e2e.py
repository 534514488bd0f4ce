# ruff: noqa: RUF002 - Chinese page names have full-width brackets
"""An older-template service, end to end: its Markdown pages → specs → validate → a generated client → a call.

The BMS fixture pages are the older template as Huawei's repositories hold it: no status code on
the operation page, a response that only points to the service's shared "响应（任务类）" page. The
folder imports into a shared response and an operation that refers to it; the generated client's
method returns the one shared model class, and a call to the mock server comes back as it.
"""

from __future__ import annotations

import importlib
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from generator.cli import main
from generator.incremental import pipeline
from generator.mock import MockApp, running

MD = Path(__file__).resolve().parent / "fixtures" / "import" / "md" / "bms"
PACKAGE = ("bms_older_e2e", "0.1.0")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    root = tmp_path_factory.mktemp("older")
    folder = root / "API参考"
    folder.mkdir()
    for page in MD.glob("*.md"):
        shutil.copy(page, folder / page.name)
    assert main(["import", str(folder), "--service", "bms", "--specs", str(root / "specs")]) == 0
    yield root
    for name in [m for m in sys.modules if m.startswith(PACKAGE[0])]:
        del sys.modules[name]


def test_the_shared_page_becomes_a_shared_response_the_operation_refers_to(project: Path) -> None:
    service = yaml.safe_load((project / "specs" / "bms" / "_service.yaml").read_text("utf-8"))
    assert [f["name"] for f in service["shared_responses"]["Task"]["fields"]] == ["job_id"]
    spec = yaml.safe_load((project / "specs" / "bms" / "batch_reboot_baremetal_servers.yaml").read_text("utf-8"))
    [response] = [r for s, r in spec["responses"].items() if s.startswith("2")]
    assert response["body"] == {"shared": "Task"}
    assert main(["validate", str(project / "specs")]) == 0


def test_the_generated_client_calls_the_mock_and_returns_the_shared_model(project: Path) -> None:
    specs, out = project / "specs", project / "generated"
    pipeline.generate(specs, out, PACKAGE)
    sys.path.insert(0, str(out))
    try:
        core = importlib.import_module(f"{PACKAGE[0]}")
        bms = importlib.import_module(f"{PACKAGE[0]}.bms")
    finally:
        sys.path.remove(str(out))
    api, _ = pipeline.build(specs, PACKAGE)
    with running(MockApp(api)) as url, bms.BmsClient(base_url=url, project_id="p1", auth=core.TokenAuth("t")) as client:
        spec = yaml.safe_load((specs / "bms" / "batch_reboot_baremetal_servers.yaml").read_text("utf-8"))
        result = client.batch_reboot_baremetal_servers(**spec["request_examples"][0]["body"])  # the page's example
    assert type(result).__name__ == "TaskResponse"
    assert isinstance(result.job_id, str) and result.job_id
