"""HSS: Querying Export Tasks (tests/fixtures/pages/hss_query_export_task.txt)."""

from hwcloud.hss import AsyncHssClient, HssClient, models

from .conftest import PROJECT, TOKEN
from .server import ABSENT, Reply, Request

HSS = (HssClient, AsyncHssClient)

# The page's example response.
PAGE_RESPONSE = {
    "task_id": "94ad7efb-xxxxx-46ed-99bf-dcd8c1c75dc2",
    "task_name": "vul_vul_xxxxxxx_export_task",
    "task_status": "success",
    "file_id": "b3e83d25-d92f-4963-a293-e056e81ec44d",
    "file_name": "hss-vul-vul-zh-xxxxxxxx.zip",
}
TASK = PAGE_RESPONSE["task_id"]


def test_page_example(server, invoke):
    # GET .../export-task/{task_id}?enterprise_project_id=all_granted_eps, with the region header.
    server.expect(
        Request(
            "GET",
            f"/v5/{PROJECT}/export-task/{TASK}",
            query=[("enterprise_project_id", "all_granted_eps")],
            headers={"X-Auth-Token": TOKEN, "region": "cn-north-4", "Content-Type": ABSENT},
        ),
        Reply(200, json=PAGE_RESPONSE),
    )
    result = invoke(
        HSS,
        "list_query_export_task",
        task_id=TASK,
        enterprise_project_id="all_granted_eps",
        region="cn-north-4",
    )
    assert type(result) is models.ListQueryExportTaskResponse
    assert result.task_id == "94ad7efb-xxxxx-46ed-99bf-dcd8c1c75dc2"
    assert result.task_name == "vul_vul_xxxxxxx_export_task"
    assert result.task_status == "success"
    assert result.file_id == "b3e83d25-d92f-4963-a293-e056e81ec44d"
    assert result.file_name == "hss-vul-vul-zh-xxxxxxxx.zip"
    assert server.requests[0].query_string == "enterprise_project_id=all_granted_eps"


def test_optional_parameters_left_out(server, invoke):
    server.expect(
        Request("GET", f"/v5/{PROJECT}/export-task/t-1", query=[], headers={"X-Auth-Token": TOKEN, "region": ABSENT}),
        Reply(200, json={"task_id": "t-1", "task_status": "running"}),
    )
    result = invoke(HSS, "list_query_export_task", task_id="t-1")
    assert (result.task_id, result.task_status, result.file_name) == ("t-1", "running", None)
