# ruff: noqa: RUF001, RUF002, RUF003, E501
"""Layouts of services beyond the seven measured ones, each in a page written for this test.

A sweep over 40 pages of 13 other services (RDS, DDS, DCS, CSS, SWR, AS, FunctionGraph, ...) found
these shapes; each test below is one of them:
- RDS v3: "PATH：/…" and "Method：GET" lines, sections 请求 and 正常响应, tables captioned 要素说明,
  and a type cell that also points to its table ("列表数据结构，请参见表3");
- CSS: the Mandatory column headed 是否为必选, a status table headed 状态码 | 编码 | 状态码说明, and
  examples under "## 示例" labelled by plain paragraphs (请求样例, 响应样例);
- SWR: a body whose only row is "[数组元素]"; AS: an API Explorer link with a space before ")";
  FunctionGraph: "aliases" in a route; 接口约束 saying only 无.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from generator.importer.document import Problem
from generator.importer.names import route_name
from generator.importer.pagetypes import page_type
from generator.importer.readers import read_document
from generator.importer.transcribe import transcribe


def _as_site_text(markdown: str) -> str:
    """A small Markdown page as the site's copied text: no fences, marks or escapes; list items as
    bullets; pipe tables one cell per line (as the text reader takes them)."""
    lines = (line.strip().lstrip("# ") for line in markdown.splitlines())
    page = "\n".join(line for line in lines if not line.startswith("```"))
    page = re.sub(r"\*\*表 (\d+)\*\*\s+", r"表\1 ", page).replace("**", "")
    return page.replace("\n-   ", "\n• ").replace("\\", "")


def _spec(page: str, name: str = "page.md") -> tuple[dict[str, Any], list[Problem]]:
    spec, problems, error = transcribe(read_document(page.encode(), name))
    assert error is None and spec is not None, error
    return spec, problems


OLDER_RDS_STYLE = """# 查询可用备份时间窗<a name="t1"></a>

## 功能介绍<a name="s1"></a>

查询一个实例可以用来恢复的时间段。

## 接口约束<a name="s2"></a>

无

## URI<a name="s3"></a>

-   URI格式

    PATH：/\\{version\\_id\\}/\\{project\\_id\\}/clusters/\\{cluster\\_id\\}/restore-windows

    Method：GET

-   参数说明

    **表 1**  参数说明

|名称|是否为必选|说明|
|--|--|--|
|version\\_id|是|接口版本，取值v3。|
|project\\_id|是|项目ID。|
|cluster\\_id|是|集群ID。|

## 请求<a name="s4"></a>

无

## 正常响应<a name="s5"></a>

-   要素说明

    **表 2**  要素说明

|名称|参数类型|说明|
|--|--|--|
|windows|列表数据结构，请参见表3|可恢复的时间段。|

    **表 3**  windows字段数据结构说明

|名称|参数类型|说明|
|--|--|--|
|begin|Long|开始时间，毫秒。|
|end|Long|结束时间，毫秒。|

## 示例<a name="s6"></a>

请求样例

```
GET https://{Endpoint}/v3/0a1b/clusters/c-01/restore-windows
```

响应样例

```
{"windows": [{"begin": 1700000000000, "end": 1700003600000}]}
```

## 状态码<a name="s7"></a>

|状态码|编码|状态码说明|
|--|--|--|
|200|OK|请求成功。|
|404|NotFound|集群不存在。|
"""


def test_an_older_page_of_another_service_reads_whole() -> None:
    spec, problems = _spec(OLDER_RDS_STYLE)
    assert (spec["method"], spec["path"]) == ("GET", "/{version_id}/{project_id}/clusters/{cluster_id}/restore-windows")
    assert [p["name"] for p in spec["parameters"]["path"]] == ["version_id", "project_id", "cluster_id"]
    assert all(p["required"] for p in spec["parameters"]["path"])
    assert all("是" not in p.get("description", "") for p in spec["parameters"]["path"])  # no stray Mandatory cell
    [windows] = spec["responses"]["200"]["body"]["fields"]
    assert (windows["type"], windows["items"]) == ("Array", "windows")
    assert [f["name"] for f in spec["objects"]["windows"]["fields"]] == ["begin", "end"]
    assert spec["responses"]["200"]["example"] == {"windows": [{"begin": 1700000000000, "end": 1700003600000}]}
    assert spec["request_examples"][0]["url"].endswith("/restore-windows")
    assert "constraints" not in spec  # "无": none
    assert set(spec["responses"]) == {"200", "404"}
    assert not [p for p in problems if "not placed" in p.message or "no row refers" in p.message]


WHOLE_ARRAY_OF_ELEMENTS = """# 更新仓库授权<a name="t1"></a>

## 功能介绍<a name="s1"></a>

修改若干用户对仓库的权限。

## 调试<a name="s2"></a>

您可以在[API Explorer](https://apiexplorer.developer.huaweicloud.com/apiexplorer/doc?product=SWR&api=UpdateRepoAuth )中调试该接口。

## URI<a name="s3"></a>

PATCH /v2/manage/repos/\\{repo\\}/access

|参数|是否必选|参数类型|描述|
|--|--|--|--|
|repo|是|String|仓库名称。|

## 请求参数<a name="s4"></a>

**表 2**  请求Body参数

|参数|是否必选|参数类型|描述|
|--|--|--|--|
|[数组元素]|是|Array of [RepoAuth](#RepoAuth) objects|授权列表。|

**表 3**  RepoAuth<a name="RepoAuth"></a>

|参数|是否必选|参数类型|描述|
|--|--|--|--|
|user_id|是|String|用户ID。|
|auth|是|Integer|权限级别。|

## 响应参数<a name="s5"></a>

**状态码： 201**

无
"""


def test_a_body_of_array_elements_and_a_link_with_a_space() -> None:
    spec, _ = _spec(WHOLE_ARRAY_OF_ELEMENTS)
    element = spec["request_body"]["array"]
    assert [f["name"] for f in spec["objects"][element]["fields"]] == ["user_id", "auth"]
    assert read_document(WHOLE_ARRAY_OF_ELEMENTS.encode(), "page.md").api_explorer == "UpdateRepoAuth"


def test_irregular_plurals_in_routes() -> None:
    assert route_name("DELETE", "/v2/{project_id}/fgs/functions/{function_urn}/aliases/{name}") == "delete_alias"
    assert route_name("PUT", "/v2/zones/{zone_id}/statuses") == "update_zone_status"


@pytest.mark.parametrize(
    ("method", "path", "name"),
    [
        ("POST", "/v2/{project_id}/datasets/{dataset_id}/samples/delete", "delete_dataset_samples"),  # ModelArts
        (
            "POST",
            "/v2/{project_id}/clusters/{cluster_id}/job-executions/batch-delete",
            "batch_delete_cluster_job_executions",
        ),
        ("POST", "/v2/{project_id}/dnat_rules/batch", "batch_dnat_rules"),
        ("POST", "/v1.0/{project_id}/kms/create-key", "create_key"),  # the verb names its object itself
    ],
)
def test_a_route_ending_in_a_bare_verb_names_what_the_verb_acts_on(method: str, path: str, name: str) -> None:
    assert route_name(method, path) == name


NO_FUNCTION_SECTION = """# 清理过期日志<a name="t1"></a>

清理一个实例中已过保留期的日志文件。

## URI<a name="s1"></a>

DELETE /v1.0/\\{project\\_id\\}/instances/\\{instance\\_id\\}/logs

|参数|是否必选|参数类型|描述|
|--|--|--|--|
|project\\_id|是|String|项目ID。|
|instance\\_id|是|String|实例ID。|

## 响应消息<a name="s2"></a>

无

## 返回值<a name="s3"></a>

|返回值|说明|
|--|--|
|204|删除成功。|
"""


def test_a_page_without_a_function_section_is_summarised_by_its_lead_paragraph() -> None:
    spec, problems = _spec(NO_FUNCTION_SECTION)
    assert spec["summary"] == "清理一个实例中已过保留期的日志文件。"
    [said] = [p for p in problems if "no Function section" in p.message]
    assert said.severity == "info" and "paragraph under the title" in said.message


def test_nothing_said_in_any_form_is_nothing() -> None:
    """ "无", "无。", "None.", "N/A", "不涉及": one rule for every section that can say there is nothing."""
    page = NO_FUNCTION_SECTION.replace(
        "## 响应消息", "## 请求消息\n\n-   请求样例\n\n    无。\n\n## 接口约束\n\n无。\n\n## 响应消息"
    )
    spec, problems = _spec(page)
    assert "request_examples" not in spec and "constraints" not in spec
    assert not [p for p in problems if "without a URL" in p.message]


FULL_URL_AND_FIXED_QUERY = """# 启动引擎<a name="t1"></a>

## 功能介绍<a name="s1"></a>

启动一个已停止的引擎。

## URI<a name="s2"></a>

POST https://\\{endpoint\\}/v1.0/\\{project\\_id\\}/engines/\\{engine\\_id\\}/action?action\\_id=start

|参数|是否必选|参数类型|描述|
|--|--|--|--|
|endpoint|是|String|终端节点，即调用API的请求地址。|
|project\\_id|是|String|项目ID。|
|engine\\_id|是|String|引擎ID。|

## 响应参数<a name="s3"></a>

**状态码： 204**

**表 2**  响应Body参数

|参数|参数类型|描述|
|--|--|--|
|job\\_id|String|任务ID。|
"""


def test_a_full_url_a_fixed_query_value_and_a_204_with_a_table() -> None:
    spec, problems = _spec(FULL_URL_AND_FIXED_QUERY)
    assert spec["path"] == "/v1.0/{project_id}/engines/{engine_id}/action"
    assert [p["name"] for p in spec["parameters"]["path"]] == ["project_id", "engine_id"]  # the host is no parameter
    [action] = spec["parameters"]["query"]
    assert (action["name"], action["required"], action["enum"]) == ("action_id", True, ["start"])
    assert "body" not in spec["responses"]["204"]
    assert any("a 204 answer has no body" in p.message and "job_id" in p.message for p in problems)


DELETE_WITH_BODY = """# 删除访问端口<a name="t1"></a>

## 功能介绍<a name="s1"></a>

批量删除实例上的访问端口。

## URI<a name="s2"></a>

DELETE /v1/\\{project\\_id\\}/access-ports

|参数|是否必选|参数类型|描述|
|--|--|--|--|
|project\\_id|是|String|项目ID。|

## 请求参数<a name="s3"></a>

**表 2**  请求Body参数

|参数|是否必选|参数类型|描述|
|--|--|--|--|
|instance\\_ids|是|Array of strings|实例ID列表。|
|ports|是|Array of integers|端口列表。|

## 请求示例<a name="s4"></a>

```
DELETE https://{Endpoint}/v1/0a1b/access-ports

{"instance_ids": ["i-1"], "ports": [8080]}
```

## 响应参数<a name="s5"></a>

**状态码： 200**

|参数|参数类型|描述|
|--|--|--|
|job\\_id|String|任务ID。|
"""


def test_a_delete_whose_example_sends_a_body_has_one() -> None:
    spec, _ = _spec(DELETE_WITH_BODY)
    assert [f["name"] for f in spec["request_body"]["fields"]] == ["instance_ids", "ports"]
    assert "query" not in spec.get("parameters", {})


SUCCESS_AND_FAILURE_EXAMPLES = """# 删除作业模板<a name="t1"></a>

## 功能介绍<a name="s1"></a>

删除一个作业模板。

## URI<a name="s2"></a>

DELETE /v1/\\{project\\_id\\}/job-templates/\\{template\\_name\\}

|参数|是否必选|参数类型|描述|
|--|--|--|--|
|project\\_id|是|String|项目ID。|
|template\\_name|是|String|模板名称。|

## 响应消息<a name="s3"></a>

无

## 示例<a name="s4"></a>

-   请求

    ```
    DELETE /v1/0a1b/job-templates/nightly
    ```

-   成功响应

    HTTP状态码 204

-   失败响应

    HTTP状态码 404

    ```
    {"error_code": "JOB.1001", "error_msg": "The template does not exist."}
    ```

-   失败响应示例

    ```
    {"error_code": "JOB.0001", "error_msg": "Internal error."}
    ```
"""


def test_success_and_failure_examples_of_an_older_page() -> None:
    """ "## 示例" with "• 请求", "• 成功响应" stating only "HTTP状态码 204", and "• 失败响应" with its
    status and body: the request example, the 204, and a typed 404 body; a failure example that
    states no status is left out with an info."""
    spec, problems = _spec(SUCCESS_AND_FAILURE_EXAMPLES)
    assert spec["request_examples"] == [{"method": "DELETE", "url": "/v1/0a1b/job-templates/nightly"}]
    assert set(spec["responses"]) == {"204", "404"}
    assert [f["name"] for f in spec["responses"]["404"]["body"]["fields"]] == ["error_code", "error_msg"]
    assert spec["responses"]["404"]["example"]["error_code"] == "JOB.1001"
    assert any("failure example states no status" in p.message and p.severity == "info" for p in problems)


@pytest.mark.parametrize(
    ("cell", "kind"),
    [
        ("phones参数结构体", {"type": "Object", "object": "phones"}),  # CPH
        ("job结构体数组", {"type": "Array", "items": "job"}),
        ("jsonString", {"type": "String"}),
        ("JSON array对象", {"type": "Array"}),  # AOM
        ("列表数据结构，请参见表3", {"type": "Array"}),  # RDS: the reference links the row
        ("Strng", None),  # a misspelt scalar stays an error naming the cell
        ("token.user", None),
        ("predefine_tag_request", None),  # a table's name: the row reader looks it up (fields.py)
    ],
)
def test_type_cells_of_other_services(cell: str, kind: dict[str, str] | None) -> None:
    assert page_type(cell) == kind


TABLE_NAME_AS_TYPE = """# 修改预置标签<a name="t1"></a>

## 功能介绍<a name="s1"></a>

修改一个预置标签。

## URI<a name="s2"></a>

PUT /v1.0/predefined-tags

## 请求参数<a name="s3"></a>

**表 1**  请求Body参数

|参数|是否必选|参数类型|描述|
|--|--|--|--|
|new\\_tag|是|tag\\_request|新标签。|
|old\\_tag|是|tag\\_request|旧标签。|

**表 2**  tag\\_request

|参数|是否必选|参数类型|描述|
|--|--|--|--|
|key|是|String|键。|
|value|是|String|值。|

## 响应参数<a name="s4"></a>

**状态码： 204**

无
"""


def test_a_type_cell_naming_a_table_of_the_page_is_that_object() -> None:
    spec, _ = _spec(TABLE_NAME_AS_TYPE)
    assert [(f["type"], f["object"]) for f in spec["request_body"]["fields"]] == [("Object", "tag_request")] * 2


def _error_status(status: int, table: int) -> str:
    return f"""**状态码： {status}**

**表 {table}**  响应Body参数

|参数|参数类型|描述|
|--|--|--|
|error|[ErrorInfo](#ErrorInfo{table}) object|错误信息。|

**表 {table + 1}**  ErrorInfo

|参数|参数类型|描述|
|--|--|--|
|code|String|错误码。|
|message|String|错误描述。|

"""


ONE_ERROR_TABLE_PER_STATUS = """# 查询配额<a name="t1"></a>

## 功能介绍<a name="s1"></a>

查询标签配额。

## URI<a name="s2"></a>

GET /v1.0/tag-quotas

## 响应参数<a name="s3"></a>

**状态码： 200**

|参数|参数类型|描述|
|--|--|--|
|quota|Integer|配额。|

""" + _error_status(400, 2) + _error_status(404, 4)


def test_a_table_repeated_under_each_error_status_serves_its_own_status() -> None:
    """TMS repeats "ErrorInfo" under every error status, linked by name only (site text keeps no anchors):
    each status's row takes the next such table, and none is left over."""
    spec, problems = _spec(
        ONE_ERROR_TABLE_PER_STATUS.replace("[ErrorInfo](#ErrorInfo2)", "ErrorInfo").replace(
            "[ErrorInfo](#ErrorInfo4)", "ErrorInfo"
        )
    )
    objects = [spec["responses"][s]["body"]["fields"][0]["object"] for s in ("400", "404")]
    assert objects == ["ErrorInfo", "ErrorInfo_2"]
    assert not [p for p in problems if "no row refers to this table" in p.message]


TABLE_AFTER_ITS_EXAMPLE = """# 删除变量<a name="t1"></a>

## 功能介绍<a name="s1"></a>

删除一个全局变量。

## URI<a name="s2"></a>

DELETE /v1.0/\\{project\\_id\\}/variables/\\{var\\_name\\}

|参数|是否必选|说明|
|--|--|--|
|project\\_id|是|项目ID。|
|var\\_name|是|变量名。|

## 响应消息<a name="s3"></a>

-   响应样例

    ```
    {"is_success": true, "message": ""}
    ```

-   参数说明

    **表 2**  响应参数说明

|参数|参数类型|说明|
|--|--|--|
|is\\_success|Boolean|是否成功。|
|message|String|提示信息。|
"""


def test_a_response_table_after_its_example_is_the_response() -> None:
    spec, problems = _spec(TABLE_AFTER_ITS_EXAMPLE)
    assert [f["name"] for f in spec["responses"]["200"]["body"]["fields"]] == ["is_success", "message"]
    assert spec["responses"]["200"]["example"] == {"is_success": True, "message": ""}
    assert not [p for p in problems if "not placed" in p.message]


def test_an_error_code_table_is_one_line_a_code() -> None:
    page = TABLE_AFTER_ITS_EXAMPLE + """
## 错误码<a name="s4"></a>

调用出错时返回错误码。

**表 3**  错误码

|错误码|错误信息|
|--|--|
|DLI.0001|参数校验错误|
|DLI.0999|服务端系统错误|
"""
    spec, _ = _spec(page)
    assert spec["error_codes"] == "调用出错时返回错误码。\n\n- DLI.0001: 参数校验错误\n- DLI.0999: 服务端系统错误"


RETURN_SECTIONS = """# 删除标签分组<a name="t1"></a>

## 功能介绍<a name="s1"></a>

删除一个标签分组。

## URI<a name="s2"></a>

DELETE /v1.0/\\{project\\_id\\}/label-groups?id=\\{id\\}

**表 1**  路径参数

|参数|是否必选|参数类型|描述|
|--|--|--|--|
|project\\_id|是|String|项目ID。|

**表 2**  Query参数

|参数|是否必选|参数类型|描述|
|--|--|--|--|
|id|是|Integer|分组ID。|

## 返回参数<a name="s3"></a>

-   **处理成功时无返回参数**
-   **处理失败时返回**

    **表 3**  处理失败返回参数

    |名称|类型|说明|
    |--|--|--|
    |error\\_code|String|错误码。|
    |error\\_msg|String|错误描述。|

## 返回示例<a name="s4"></a>

-   处理成功返回（204 No Content）
-   处理失败返回（400 Bad Request\\)

    ```
    {
      "error_code": "LBL.1001",
      "error_msg": "分组不存在"
    }
    ```
"""


def test_return_sections_and_statuses_given_in_brackets_after_a_label() -> None:
    # VOD's layout: "返回参数" and "返回示例" for the response sections, each example labelled by what
    # happened with the status and its reason in brackets (full-width or not).
    spec, problems = _spec(RETURN_SECTIONS)
    assert list(spec["responses"]) == ["204", "400"]
    assert "body" not in spec["responses"]["204"]
    assert spec["responses"]["400"]["example"] == {"error_code": "LBL.1001", "error_msg": "分组不存在"}
    assert not [p for p in problems if "derived" in p.message]  # the page states its success status
    # the failure table is no success body: it is reported, not put under 204
    [unused] = [p for p in problems if "处理失败返回参数" in p.message]
    assert "no row refers to this table" in unused.message


PATH_AND_METHOD_AS_LIST_ITEMS = """# 删除同步任务<a name="t1"></a>

## 功能描述<a name="s1"></a>

删除一个已结束的同步任务。

## URI<a name="s2"></a>

-   URI格式

    PATH：/sync/\\{version\\}/\\{project\\_id\\}/sync\\_task/\\{task\\_id\\}

-   Method：DELETE
-   参数说明

    **表 1**  参数说明

    |名称|是否必选|说明|
    |--|--|--|
    |version|是|API版本号，如v1.0。|
    |projectId|是|项目ID。|
    |jobId|是|任务ID。|

## 响应消息<a name="s3"></a>

**表 2**  响应参数

|名称|取值类型|说明|
|--|--|--|
|retained|integer (int32)|保留的备份数。|
|finished|boolean|是否已结束。|
"""


def test_method_as_a_list_item_rows_named_unlike_their_placeholders_and_kubernetes_types() -> None:
    # DRS's layout: "PATH：" and "-   Method：" as list items, and URI rows named in camelCase where
    # the route has snake_case placeholders; CCI's `integer (int32)` types, APM's 取值类型 column.
    spec, problems = _spec(PATH_AND_METHOD_AS_LIST_ITEMS)
    assert (spec["method"], spec["path"]) == ("DELETE", "/sync/{version}/{project_id}/sync_task/{task_id}")
    assert spec["summary"] == "删除一个已结束的同步任务。"  # 功能描述 is the Function section
    assert [p["name"] for p in spec["parameters"]["path"]] == ["version", "project_id", "task_id"]
    assert "query" not in spec["parameters"]
    renamed = [p.message for p in problems if "as the URI says" in p.message]
    assert len(renamed) == 2 and any("'jobId' is {task_id}" in m for m in renamed)
    fields = spec["responses"]["200"]["body"]["fields"]
    assert fields[0] == {"name": "retained", "type": "Integer", "format": "int32", "description": "保留的备份数。"}
    assert fields[1]["type"] == "Boolean"


FILE_BY_CONTENT_TYPE = """# 下载编排模板<a name="t1"></a>

## 功能介绍<a name="s1"></a>

下载一个编排模板的文件。

## URI<a name="s2"></a>

GET /v3/\\{project\\_id\\}/blueprints/\\{blueprint\\_id\\}/content

|参数|是否必选|描述|
|--|--|--|
|project\\_id|是|项目ID。|
|blueprint\\_id|是|模板ID。|

## 响应消息<a name="s3"></a>

-   响应参数

    **表 2**  响应消息头

    |参数|参数类型|描述|
    |--|--|--|
    |Content-Type|String|消息体的类型：application/octet-stream;charset=UTF-8|

    响应内容：

    ```
    name: demo
    resources: {}
    ```

## 响应样例<a name="s4"></a>

**状态码： 403**

-   示例 1

    ```
    {"error_code": "BP.0403", "error_msg": "no permission"}
    ```

-   示例 2

    ```
    {"error_code": "BP.0404", "error_msg": "token expired"}
    ```

-   错误响应样例

    ```
    {"error_code": "BP.0500", "error_msg": "internal error"}
    ```

## 返回值<a name="s5"></a>

-   正常

    200
"""


def test_a_response_whose_content_type_is_a_file_type_is_a_download_and_each_example_is_accounted_for() -> None:
    # AOS's template download: no body table, a Content-Type header row naming a file type
    spec, problems = _spec(FILE_BY_CONTENT_TYPE)
    ok = spec["responses"]["200"]
    assert ok["file"] == {"content_type": "application/octet-stream"} and "body" not in ok
    assert [h["name"] for h in ok["headers"]] == ["Content-Type"]
    assert any("the file's content, as the page shows it, is not kept" in p.message for p in problems)
    # "示例 2" under "状态码： 403" is the 403's too (it was taken for the success status's example)
    assert spec["responses"]["403"]["example"]["error_code"] == "BP.0403"
    assert "example" not in ok
    second = [p for p in problems if "second example" in p.message]
    assert len(second) == 1 and "403" in second[0].message and second[0].severity == "info"
    # "错误响应样例" is a failure example: with no status of its own it is left out, and said so
    assert any("failure example states no status" in p.message for p in problems)


def test_an_error_example_offered_after_or_is_not_the_success_example() -> None:
    # EIP's deletes: "响应样例", then "无", "或" and an error body with no status
    page = SUCCESS_AND_FAILURE_EXAMPLES.split("## 示例")[0] + """## 响应样例<a name="s5"></a>

无

或

```
{"code": "JOB.0400", "message": "bad request"}
```
"""
    spec, problems = _spec(page)
    assert all("example" not in r for r in spec["responses"].values())
    assert all(r["description"] != "或" for r in spec["responses"].values())
    assert any("after 'or'" in p.message and p.severity == "info" for p in problems)


EXAMPLES_AS_RAW_HTTP = """# 修改别名<a name="t1"></a>

## 功能介绍<a name="s1"></a>

修改一个函数别名。

## URI<a name="s2"></a>

PUT /v2/\\{project\\_id\\}/fgs/functions/\\{function\\_urn\\}/aliases/\\{name\\}

|参数|是否必选|参数类型|描述|
|--|--|--|--|
|project\\_id|是|String|项目ID。|
|function\\_urn|是|String|函数的URN。|
|name|是|String|别名。|

## 请求消息<a name="s3"></a>

|参数|是否必选|参数类型|描述|
|--|--|--|--|
|version|是|String|别名对应的版本。|

**请求示例**

-   示例1：

    请求URL：

    'PUT https://\\{endpoint\\}/v2/\\{project\\_id\\}/fgs/functions/\\{function\\_urn\\}/aliases/dev'

    ```
    {"version": "latest"}
    ```

## 响应消息<a name="s4"></a>

**表 3**  响应Header参数

|参数|参数类型|描述|
|--|--|--|
|Content-Range|String|分页信息。|

**表 4**  响应Body参数

|参数|参数类型|描述|
|--|--|--|
|\\[数组元素\\]|Array of strings|别名的标签。|

**响应示例**

成功时的返回格式：

```
HTTP/1.1 200
["a", "b"]
```

失败时的返回格式（示例）：

```
HTTP/1.1 404 Not Found
{"error_code": "FSS.1051", "error_msg": "Not found the function"}
```
"""


def test_raw_http_status_lines_a_quoted_request_line_and_list_item_labels() -> None:
    # FunctionGraph writes examples as raw HTTP ("HTTP/1.1 404 Not Found", then the body); Kafka
    # quotes its request line; DCS labels the URL ("请求URL：") and numbers examples as list items.
    spec, problems = _spec(EXAMPLES_AS_RAW_HTTP)
    assert spec["responses"]["404"]["example"]["error_code"] == "FSS.1051"
    assert spec["responses"]["200"]["example"] == ["a", "b"]
    [example] = spec["request_examples"]
    assert example["method"] == "PUT" and example["url"].endswith("/aliases/dev")
    assert "description" not in example and example["body"] == {"version": "latest"}  # "示例1" names, not describes
    assert not [p for p in problems if "without a URL" in p.message]
    # a JSON-array result has no attributes for headers (SWR's Content-Range): left out, and said
    assert spec["responses"]["200"]["body"] == {"array": "String"} and "headers" not in spec["responses"]["200"]
    assert any("the body is a JSON array, so its headers (Content-Range)" in p.message for p in problems)


@pytest.mark.parametrize("name", ["[数组]", "[数组元素]", "*[数组]*", "[Array]", "[array items]"])
def test_a_body_table_whose_one_row_is_the_array_is_a_json_array_body(name: str) -> None:
    # "*[数组]*": the site shows the emphasis marks as text where the repository's Markdown italicises
    from generator.importer.wholebody import whole_bodies

    objects: dict[str, Any] = {"Patch": {"fields": [{"name": "op", "type": "String"}]}}
    spec: dict[str, Any] = {
        "method": "PATCH",
        "path": "/v2/images/{image_id}",
        "request_body": {"fields": [{"name": name, "type": "Array", "items": "Patch"}]},
    }
    whole_bodies(spec, {}, objects, [], 1)
    assert spec["request_body"] == {"array": "update_image_request_item"}
    assert list(objects) == ["update_image_request_item"]


SITE_TEXT_CELLS_THAT_READ_LIKE_HEADINGS = """查询播放状态码统计
更新时间：2026-05-12 GMT+08:00
功能介绍
查询播放域名的HTTP状态码统计。
URI
GET /v2/{project_id}/stats/play-codes
表1 路径参数
参数
是否必选
参数类型
描述
project_id
是
String
项目ID。
响应参数
状态码：200
表2 响应Body参数
参数
参数类型
描述
codes
Array of CodeCount objects
各状态码的次数。
表3 CodeCount
参数
参数类型
描述
code
Integer
状态码
count
Integer
该状态码出现的次数。
状态码：400
表4 响应Body参数
参数
参数类型
描述
error_code
String
错误码
error_msg
String
错误描述。
状态码
状态码
描述
200
处理成功。
400
请求参数有误。
错误码
请参见错误码。
"""


def test_a_table_cell_that_reads_like_a_section_heading_stays_a_cell() -> None:
    # Site text puts every cell on a line of its own: the description "状态码" of a `code` row and
    # "错误码" of an `error_code` row look like the headings that come later on the page.
    spec, _ = _spec(SITE_TEXT_CELLS_THAT_READ_LIKE_HEADINGS, "page.txt")
    code_count = [f["name"] for f in spec["objects"]["CodeCount"]["fields"]]
    assert code_count == ["code", "count"]
    error = [(f["name"], f.get("description")) for f in spec["responses"]["400"]["body"]["fields"]]
    assert error == [("error_code", "错误码"), ("error_msg", "错误描述。")]
    assert sorted(spec["responses"]) == ["200", "400"] and spec["error_codes"] == "请参见错误码。"


OLDER_DDS_STYLE = """# 重启节点<a name="t1"></a>

## 功能介绍<a name="s1"></a>

重启实例或实例中的一个节点组。

## 重启后的连接说明<a name="s2"></a>

重启期间连接会中断，客户端需要重连。

## URI<a name="s3"></a>

-   URI格式

    POST /v3/\\{project\\_id\\}/instances/\\{instance\\_id\\}/reboot

-   参数说明

    **表 1**  参数说明

    |名称|是否必选|描述|
    |--|--|--|
    |project_id|是|项目ID。|
    |instance_id|是|实例ID。|

## 请求消息<a name="s4"></a>

-   参数说明

    **表 2**  要素说明

    |名称|是否必选|参数类型|描述|
    |--|--|--|--|
    |node_group|重启一个节点组时必选。重启整个实例时不传。|String|节点组名称。|
    |instance_ref|是|String|实例ID。|

-   请求头

    ```
    POST https://服务的Endpoint/v3/{project_id}/instances/{instance_id}/reboot
    ```

-   请求体样例

    重启整个实例：

    ```
    {"instance_ref": "i-01"}
    ```

    重启一个节点组：

    ```
    {"instance_ref": "i-01", "node_group": "g-02"}
    ```

## 响应消息<a name="s5"></a>

-   要素说明

    **表 3**  要素说明

    |名称|参数类型|描述|
    |--|--|--|
    |job_id|String|任务ID。|

-   响应样例

    ```
    {"job_id": "j-77"}
    ```

## 返回码<a name="s6"></a>

请参见状态码。
"""


def test_an_older_page_with_a_request_line_block_a_conditional_mandatory_cell_and_a_section_of_its_own() -> None:
    # DDS shows the full request line under "请求头" and the bodies under "请求体样例"; a mandatory
    # cell states a condition; a section no spec key names keeps its words in the description.
    spec, problems = _spec(OLDER_DDS_STYLE)
    url = "https://服务的Endpoint/v3/{project_id}/instances/{instance_id}/reboot"
    examples = [(e["description"], e["method"], e["url"], e["body"]) for e in spec["request_examples"]]
    assert examples == [
        ("重启整个实例", "POST", url, {"instance_ref": "i-01"}),
        ("重启一个节点组", "POST", url, {"instance_ref": "i-01", "node_group": "g-02"}),
    ]
    [group, ref] = spec["request_body"]["fields"]
    assert "required" not in group and group["description"].endswith(
        "是否必选: 重启一个节点组时必选。重启整个实例时不传。"
    )
    assert ref["required"] is True
    assert spec["description"] == "重启后的连接说明\n\n重启期间连接会中断，客户端需要重连。"
    assert any("'重启后的连接说明'" in p.message and p.severity == "info" for p in problems)


OLDER_DDS_STYLE_AS_SITE_TEXT = """重启节点
更新时间：2026-04-02 GMT+08:00
功能介绍
重启实例或实例中的一个节点组。
URI
  • URI格式
    POST /v3/{project_id}/instances/{instance_id}/reboot
  • 参数说明
    表1 参数说明
    名称
    是否必选
    描述
    project_id
    是
    项目ID。
    instance_id
    是
    实例ID。
请求消息
  • 参数说明
    表2 要素说明
    名称
    是否必选
    参数类型
    描述
    node_group
    重启一个节点组时必选。
    重启整个实例时不传。
    String
    节点组名称。
    instance_ref
    是
    String
    实例ID。
  • 请求头
    POST https://服务的Endpoint/v3/{project_id}/instances/{instance_id}/reboot
  • 请求体样例
    {"instance_ref": "i-01"}
响应消息
  • 要素说明
    表3 要素说明
    名称
    参数类型
    描述
    job_id
    String
    任务ID。
"""


def test_site_text_a_mandatory_cell_in_sentences_and_a_part_label_after_a_table() -> None:
    # one cell per line: the condition spans two lines before the type; "• 请求头" ends the table
    spec, _ = _spec(OLDER_DDS_STYLE_AS_SITE_TEXT, "page.txt")
    [group, ref] = spec["request_body"]["fields"]
    assert group["name"] == "node_group" and "required" not in group
    assert group["description"] == "节点组名称。\n\n是否必选: 重启一个节点组时必选。\n\n是否必选: 重启整个实例时不传。"
    assert ref == {"name": "instance_ref", "required": True, "type": "String", "description": "实例ID。"}
    [example] = spec["request_examples"]
    assert example["url"].startswith("https://服务的Endpoint/") and example["body"] == {"instance_ref": "i-01"}


EXAMPLES_LABELLED_WITH_THEIR_SCENARIO = """# 创建集群

## 功能介绍

创建一个计算集群。

## URI

POST /v1/\\{project\\_id\\}/clusters

## 请求消息

-   请求参数

    **表 1**  请求参数

    |参数|是否必选|参数类型|描述|
    |--|--|--|--|
    |name|是|String|集群名称。|
    |size|否|Integer|节点数。|

-   请求样例（创建单节点集群）

    ```
    POST https://{Endpoint}/v1/{project_id}/clusters
    ```

    ```
    {"name": "c1"}
    ```

-   请求样例（创建三节点集群）

    ```
    {"name": "c3", "size": 3}
    ```

## 响应消息

无
"""


@pytest.mark.parametrize("name", ["page.md", "page.txt"])
def test_example_labels_with_their_scenario_in_brackets_open_the_examples(name: str) -> None:
    # BMS writes "请求样例（…）" list items inside the request section: each is an example, captioned
    page = EXAMPLES_LABELLED_WITH_THEIR_SCENARIO
    spec, _ = _spec(_as_site_text(page) if name == "page.txt" else page, name)
    url = "https://{Endpoint}/v1/{project_id}/clusters"
    examples = [(e.get("description"), e["url"], e["body"]) for e in spec["request_examples"]]
    assert examples == [("创建单节点集群", url, {"name": "c1"}), ("创建三节点集群", url, {"name": "c3", "size": 3})]


RESPONSE_EXAMPLES_WITHOUT_A_STATUS = """# 查询备份策略

## 功能介绍

查询实例的自动备份策略。

## URI

GET /v3/\\{project\\_id\\}/instances/\\{instance\\_id\\}/backups/policy

## 响应消息

|名称|参数类型|描述|
|--|--|--|
|keep_days|Integer|保留天数。|

## 响应样例

-   响应样例1

    策略开启时：

    ```
    {"keep_days": 7}
    ```

    策略关闭时：

    ```
    {"keep_days": 0}
    ```

    或

    ```
    {"error": {"message": "x", "code": "DBS.0001"}}
    ```

    如报错为：

    ```
    {"badrequest": {"message": "y", "code": 400}}
    ```
"""


def test_captions_of_examples_under_no_status_describe_the_examples() -> None:
    # DDS states no status: the derived 200 keeps its reason phrase; the first caption (without
    # its "响应样例1" label) describes the example; the error bodies after it are left out, said why
    spec, problems = _spec(RESPONSE_EXAMPLES_WITHOUT_A_STATUS)
    ok = spec["responses"]["200"]
    assert (ok["description"], ok["example_description"], ok["example"]) == ("OK", "策略开启时：", {"keep_days": 7})
    said = [p.message for p in problems if p.severity == "info"]
    assert any("a second example of the status ('策略关闭时：')" in m for m in said)
    assert any("after 'or'" in m for m in said)
    assert any("an error example with no status of its own ('如报错为：')" in m for m in said)


OLDER_PAGE_WITH_PARTS_UNDER_ITS_URI = """# 删除备份

## 功能介绍

删除一个手动备份。

## URI

DELETE /v1.0/\\{project\\_id\\}/backups/\\{backup\\_id\\}

**表 1**  参数说明

|参数|是否必选|参数类型|描述|
|--|--|--|--|
|project_id|是|String|项目ID。|
|backup_id|是|String|备份ID。|

**示例**

```
DELETE https://{endpoint}/v1.0/p-1/backups/b-9
```

-   接口约束
    1.  自动备份不能删除。
    2.  删除后不能恢复。

## 请求

无

## 响应

无

## 状态码

详情请参见状态码。

## 异常响应

请参见异常请求结果。
"""


@pytest.mark.parametrize("name", ["page.md", "page.txt"])
def test_an_example_and_constraints_under_the_uri_and_pointers_to_other_pages(name: str) -> None:
    # RDS lists constraints and DCS a full request line under the URI's table; both point to the
    # statuses and error answers on other pages
    page = OLDER_PAGE_WITH_PARTS_UNDER_ITS_URI
    spec, problems = _spec(_as_site_text(page) if name == "page.txt" else page, name)
    assert spec["constraints"] == ["自动备份不能删除。", "删除后不能恢复。"]
    assert spec["request_examples"] == [{"method": "DELETE", "url": "https://{endpoint}/v1.0/p-1/backups/b-9"}]
    assert [p["description"] for p in spec["parameters"]["path"]] == ["项目ID。", "备份ID。"]
    assert spec["error_codes"] == "请参见异常请求结果。"
    assert any("'详情请参见状态码。' points to another page" in p.message for p in problems)


def test_a_request_line_with_spaces_in_its_query_and_an_empty_body_under_no_request_table() -> None:
    # DDS writes times with a space in the example's query; RDS shows "{}" for its empty body
    page = """# 查询备份

## 功能介绍

查询备份列表。

## URI

GET /v3/\\\\{project\\\\_id\\\\}/backups

## 请求消息

-   请求头

    ```
    GET https://{endpoint}/v3/p-1/backups?begin_time=2018-08-06 10:41:14&limit=10
    ```

-   请求体样例

    ```
    {}
    ```

## 响应消息

无
"""
    spec, problems = _spec(page)
    [example] = spec["request_examples"]
    assert example == {
        "method": "GET",
        "url": "https://{endpoint}/v3/p-1/backups?begin_time=2018-08-06%2010:41:14&limit=10",
    }
    assert not [p for p in problems if "has no place" in p.message]


def test_a_json_block_under_the_response_of_a_page_without_examples_is_its_example() -> None:
    # DDS's older pages show the answer right under "## 响应消息" and have no examples section
    page = """# 设置备份策略

## 功能介绍

设置自动备份策略。

## URI

PUT /v3/\\\\{project\\\\_id\\\\}/instances/\\\\{instance\\\\_id\\\\}/backups/policy

## 响应消息

|名称|参数类型|描述|
|--|--|--|
|policy_id|String|策略ID。|

```
{"policy_id": "p-1"}
```
"""
    spec, problems = _spec(page)
    assert spec["responses"]["200"]["example"] == {"policy_id": "p-1"}
    assert not [p for p in problems if "code block" in p.message]
    # an error body shown there (BMS: "如果不存在指定标签", then itemNotFound) is no success example
    spec, problems = _spec(page.replace('{"policy_id": "p-1"}', '{"itemNotFound": {"code": 404}}'))
    assert "example" not in spec["responses"]["200"]
    assert [p for p in problems if "a code block outside the examples is not kept" in p.message]


def test_a_page_without_a_function_section_keeps_its_constraints_and_other_sections() -> None:
    page = """# 删除备份文件

删除一个备份文件。

## 约束与限制

运行中的备份不能删除。

## 注意事项

删除后无法恢复。

## URI

DELETE /v2/\\\\{project\\\\_id\\\\}/backups/\\\\{backup\\\\_id\\\\}
"""
    spec, _ = _spec(page)
    assert spec["summary"] == "删除一个备份文件。"
    assert spec["constraints"] == ["运行中的备份不能删除。"]
    assert spec["description"] == "注意事项\n\n删除后无法恢复。"
