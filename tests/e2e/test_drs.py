"""DRS: Exporting a Task Creation Template (tests/fixtures/pages/drs_export_template.txt)."""

import pydantic
import pytest
from hwcloud.drs import AsyncDrsClient, DrsClient, models

from .conftest import PROJECT, TOKEN
from .server import ABSENT, Reply, Request

DRS = (DrsClient, AsyncDrsClient)

# The page's example request: project 5237e10f..., one job id.
PAGE_PROJECT = "5237e10fe9aa4ad5b16b6a5245248314"
PAGE_JOB = "2e69ebb1-f06d-4eb2-a789-2883629jb204"
PAGE_RESPONSE = {"id": "62a055ae-ce03-4232-beb6-46c83b8ef2b2", "status": "SUCCESS"}


def test_page_example(server, invoke):
    server.expect(
        Request(
            "POST",
            f"/v5/{PAGE_PROJECT}/jobs/export/template",
            headers={"X-Auth-Token": TOKEN, "Content-Type": "application/json", "X-Language": ABSENT},
            json={"jobs": [PAGE_JOB]},
        ),
        Reply(202, json=PAGE_RESPONSE),
    )
    result = invoke(DRS, "export_creation_template", jobs=[PAGE_JOB], project_id=PAGE_PROJECT)
    assert type(result) is models.ExportCreationTemplateResponse
    assert result.id == "62a055ae-ce03-4232-beb6-46c83b8ef2b2"
    assert result.status == "SUCCESS"
    assert len(server.requests) == 1


def test_language_header_and_client_project(server, invoke):
    jobs = ["job-1", "job-2", "job-3"]
    server.expect(
        Request(
            "POST",
            f"/v5/{PROJECT}/jobs/export/template",
            headers={"X-Auth-Token": TOKEN, "Content-Type": "application/json", "X-Language": "zh-cn"},
            json={"jobs": jobs},
        ),
        Reply(202, json={"id": "async-1", "status": "RUNNING"}),
    )
    result = invoke(DRS, "export_creation_template", jobs=jobs, x_language="zh-cn")
    assert (result.id, result.status) == ("async-1", "RUNNING")


def test_language_outside_enumeration_is_rejected(server, invoke):
    with pytest.raises(pydantic.ValidationError):
        invoke(DRS, "export_creation_template", jobs=[PAGE_JOB], x_language="fr-fr")
    with pytest.raises(pydantic.ValidationError):
        invoke(DRS, "export_creation_template", jobs="not-a-list")
    assert server.requests == []
