# ruff: noqa: RUF001, RUF002
"""Pages that get their own layout wrong, read the evident way (issue 14, "pages that contradict themselves").

Each page is a short repository-Markdown page in the older template, written for this test; the shapes
are the ones real pages have:
- a POST whose body table is captioned "查询参数" while the example request sends those rows as its body;
- a String row whose description says "取值参考表2" (a list of values), which must not turn it into an object;
- a list of objects that no table describes ("具体参照查询…详情接口"), whose members the example shows.
"""

from __future__ import annotations

from typing import Any

from generator.importer.document import Problem
from generator.importer.readers import read_document
from generator.importer.transcribe import transcribe


def _spec(page: str) -> tuple[dict[str, Any], list[Problem]]:
    return _spec_named(page, "page.md")


def _spec_named(page: str, name: str) -> tuple[dict[str, Any], list[Problem]]:
    spec, problems, error = transcribe(read_document(page.encode(), name))
    assert error is None and spec is not None, error
    return spec, problems


def _names(fields: list[dict[str, Any]]) -> list[str]:
    return [f["name"] for f in fields]


BODY_CAPTIONED_AS_QUERY = """# 创建告警模板<a name="t1"></a>

## 功能介绍<a name="s1"></a>

新建一个告警模板。

## URI<a name="s2"></a>

POST /v2/\\{project\\_id\\}/alarm-templates

**表 1**  路径参数

|参数|是否必选|参数类型|描述|
|--|--|--|--|
|project\\_id|是|String|项目的ID。|

## 请求消息<a name="s3"></a>

**表 2**  查询参数

|参数|是否必选|参数类型|描述|
|--|--|--|--|
|name|是|String|模板名，最长64个字符。|
|level|否|Integer|告警级别，1到4。|
|enabled|否|Boolean|是否启用，默认启用。|

## 响应消息<a name="s4"></a>

**表 3**  响应参数

|参数|参数类型|描述|
|--|--|--|
|id|String|新模板的ID。|

## 请求示例<a name="s5"></a>

-   创建一个二级告警模板

    ```
    POST https://{Endpoint}/v2/0a1b2c/alarm-templates
    {
        "name": "disk-full",
        "level": 2,
        "enabled": true
    }
    ```

## 响应示例<a name="s6"></a>

```
{
    "id": "tpl-01"
}
```
"""


def test_a_query_caption_over_the_example_body_is_read_as_the_body() -> None:
    spec, problems = _spec(BODY_CAPTIONED_AS_QUERY)
    assert _names(spec["request_body"]["fields"]) == ["name", "level", "enabled"]
    assert "query" not in spec.get("parameters", {})
    warned = [p for p in problems if "sends these rows as its JSON body" in p.message]
    assert [p.severity for p in warned] == ["warning"]


def test_a_query_table_stays_query_when_the_example_url_carries_it() -> None:
    page = BODY_CAPTIONED_AS_QUERY.replace("/alarm-templates\n    {", "/alarm-templates?name=disk-full\n    {")
    spec, problems = _spec(page)
    assert _names(spec["parameters"]["query"]) == ["name", "level", "enabled"]
    assert not [p for p in problems if "sends these rows as its JSON body" in p.message]


def test_a_get_keeps_its_query_table() -> None:
    page = BODY_CAPTIONED_AS_QUERY.replace("POST /v2", "GET /v2").replace("POST https", "GET https")
    spec, _ = _spec(page)
    assert _names(spec["parameters"]["query"]) == ["name", "level", "enabled"]


VALUES_IN_ANOTHER_TABLE = """# 查询镜像属性<a name="t1"></a>

## 功能介绍<a name="s1"></a>

返回镜像的属性。

## URI<a name="s2"></a>

GET /v1/images/\\{image\\_id\\}

**表 1**  路径参数

|参数|是否必选|参数类型|描述|
|--|--|--|--|
|image\\_id|是|String|镜像ID。|

## 响应消息<a name="s4"></a>

**表 2**  响应参数

|参数|参数类型|描述|
|--|--|--|
|gpu\\_type|String|支持的GPU类型，取值参考表3。|
|disks|Array of objects|磁盘，详情请参见表3。|

**表 3**  disks字段说明

|参数|参数类型|描述|
|--|--|--|
|size|Integer|容量，单位GB。|
"""


def test_a_value_reference_does_not_make_a_string_an_object() -> None:
    spec, _ = _spec(VALUES_IN_ANOTHER_TABLE)
    gpu, disks = spec["responses"]["200"]["body"]["fields"]
    assert gpu == {"name": "gpu_type", "type": "String", "description": "支持的GPU类型，取值参考表3。"}
    assert disks["type"] == "Array" and _names(spec["objects"][disks["items"]]["fields"]) == ["size"]


LIST_DESCRIBED_ELSEWHERE = """# 查询主机列表<a name="t1"></a>

## 功能介绍<a name="s1"></a>

列出项目下的主机。

## URI<a name="s2"></a>

GET /v1/\\{project\\_id\\}/hosts

**表 1**  参数说明

|参数|是否必选|描述|
|--|--|--|
|project\\_id|是|项目ID。|

## 响应消息<a name="s4"></a>

|参数|参数类型|描述|
|--|--|--|
|hosts|列表数据结构|主机详情列表，具体参照查询主机详情接口。|
|count|Integer|主机总数。|

## 响应样例<a name="s6"></a>

```
{
    "count": 2,
    "hosts": [
        {
            "id": "h1",
            "name": "a",
            "flavor": {"vcpus": "8", "ram": 16384},
            "tags": {"env": "dev"},
            "addresses": {"5849fdf1-9d79-4589-80c2-fe557990c417": [{"addr": "192.168.0.3"}]}
        },
        {
            "id": "h2",
            "name": "b",
            "locked": false,
            "flavor": {"vcpus": "4", "disk": 40}
        }
    ]
}
```
"""


def test_a_list_no_table_describes_takes_its_members_from_the_example() -> None:
    spec, problems = _spec(LIST_DESCRIBED_ELSEWHERE)
    hosts, count = spec["responses"]["200"]["body"]["fields"]
    assert count == {"name": "count", "type": "Integer", "description": "主机总数。"}
    assert hosts["type"] == "Array" and "read from the page's example" in hosts["note"]
    host = spec["objects"][hosts["items"]]["fields"]
    # the union of both elements, in the order the example shows them, typed by their values
    assert [(f["name"], f["type"]) for f in host] == [
        ("id", "String"),
        ("name", "String"),
        ("flavor", "Object"),
        ("tags", "Object"),
        ("addresses", "Object"),
        ("locked", "Boolean"),
    ]
    flavor = spec["objects"][host[2]["object"]]["fields"]
    assert [(f["name"], f["type"]) for f in flavor] == [("vcpus", "String"), ("ram", "Long"), ("disk", "Long")]
    # a map keyed by ids is no object with members: it stays free-form
    assert "object" not in host[4]
    derived = [p for p in problems if "no table describes the members" in p.message]
    assert derived and {p.severity for p in derived} == {"info"}


SCENARIO_TABLES = """# 制作备份<a name="t1"></a>

## 功能介绍<a name="s1"></a>

从一台主机或一块磁盘制作备份。

## URI<a name="s2"></a>

POST /v1/\\{project\\_id\\}/backups

|参数|是否必选|描述|
|--|--|--|
|project\\_id|是|项目ID。|

## 请求消息<a name="s3"></a>

-   从主机制作备份时的请求参数

|参数|是否必选|参数类型|描述|
|--|--|--|--|
|name|是|String|备份名。|
|host\\_id|是|String|主机ID。|
|description|否|String|说明。|

-   从磁盘制作备份时的请求参数

|参数|是否必选|参数类型|描述|
|--|--|--|--|
|name|是|String|备份名。|
|disk\\_id|是|String|磁盘ID。|
|description|否|String|说明。|

## 响应消息<a name="s4"></a>

|参数|参数类型|描述|
|--|--|--|
|job\\_id|String|任务ID。|
"""


def test_request_tables_of_several_scenarios_are_one_body() -> None:
    spec, problems = _spec(SCENARIO_TABLES)
    fields = {f["name"]: f for f in spec["request_body"]["fields"]}
    assert list(fields) == ["name", "host_id", "description", "disk_id"]
    assert fields["name"].get("required") is True  # mandatory in every scenario
    assert "required" not in fields["host_id"] and "required" not in fields["disk_id"]
    assert "Mandatory in some of the page's request tables" in fields["disk_id"]["note"]
    said = [p for p in problems if "another scenario" in p.message or "not all" in p.message]
    assert {p.severity for p in said} == {"info"} and len(said) == 3


ARRAY_QUERY = """# 查询地址组列表<a name="t1"></a>

## 功能介绍<a name="s1"></a>

列出地址组。

## URI<a name="s2"></a>

GET /v3/\\{project\\_id\\}/ip-groups

**表 1**  Query参数

|参数|是否必选|参数类型|描述|
|--|--|--|--|
|ip\\_list|否|Array|地址，多个用逗号分隔。|
|id|否|Array|地址组ID，多个ID查询时使用 id=xxx&id=xxx。|
|name|否|String|名称，多个标签的键值用英文逗号分隔。|

## 响应参数<a name="s4"></a>

**状态码： 200**

**表 2**  响应Body参数

|参数|参数类型|描述|
|--|--|--|
|request\\_id|String|请求ID。|
"""


def test_an_array_query_parameter_whose_values_the_page_joins_with_commas_is_csv() -> None:
    spec, _ = _spec(ARRAY_QUERY)
    query = {p["name"]: p for p in spec["parameters"]["query"]}
    assert query["ip_list"]["collection_format"] == "csv"
    assert "collection_format" not in query["id"]  # repeated keys: the default
    assert "collection_format" not in query["name"]  # not an array


LINKLESS_SITE_TEXT = """创建令牌

功能介绍

用账号和密码换取令牌。

URI

POST /v3/auth/tokens

请求参数

表1 请求Body参数

参数

是否必选

参数类型

描述

auth

是

object

认证信息。

表2 AuthParams

参数

是否必选

参数类型

描述

identity

是

object

身份。

scope

否

object

范围。

表3 IdentityBody

参数

是否必选

参数类型

描述

methods

是

Array of strings

认证方法。

表4 ScopeBody

参数

是否必选

参数类型

描述

project

否

object

项目。

表5 ProjectBody

参数

是否必选

参数类型

描述

id

否

String

项目ID。

响应参数

状态码： 201

表6 响应Body参数

参数

参数类型

描述

token

object

令牌信息。

表7 TokenBody

参数

参数类型

描述

expires_at

String

过期时间。

project

object

项目。
"""


def test_site_text_links_an_object_row_to_the_next_table_named_like_a_type() -> None:
    """Copied site text keeps no links from a row (auth, type "object") to its table (AuthParams): the
    next unused table named like a type, in the row's section, is its table; a table of the row's own
    name, already read, is shared (project)."""
    spec, problems = _spec_named(LINKLESS_SITE_TEXT, "page.txt")
    objects = spec["objects"]
    [auth] = spec["request_body"]["fields"]
    assert auth["object"] == "AuthParams"
    assert _names(objects["AuthParams"]["fields"]) == ["identity", "scope"]
    identity, scope = objects["AuthParams"]["fields"]
    assert (identity["object"], scope["object"]) == ("IdentityBody", "ScopeBody")
    assert objects["ScopeBody"]["fields"][0]["object"] == "ProjectBody"
    [token] = spec["responses"]["201"]["body"]["fields"]
    assert token["object"] == "TokenBody"  # the response's table, not one of the request's
    assert "object" not in objects["TokenBody"]["fields"][1]  # no table left for it: free-form, as before
    said = [p for p in problems if "read as the next unused one" in p.message]
    assert len(said) == 5 and {p.severity for p in said} == {"info"}


BARE_ARRAY = """# 查询监听器<a name="t1"></a>

## 功能介绍<a name="s1"></a>

查看一个监听器。

## URI<a name="s2"></a>

GET /v3/\\{project\\_id\\}/listeners/\\{listener\\_id\\}

|参数|是否必选|参数类型|描述|
|--|--|--|--|
|project\\_id|是|String|项目ID。|
|listener\\_id|是|String|监听器ID。|

## 响应参数<a name="s4"></a>

**状态码： 200**

|参数|参数类型|描述|
|--|--|--|
|sni\\_container\\_refs|Array|SNI证书ID列表。|
|ports|Array|端口。|
|tags|Array|标签列表。|

## 响应示例<a name="s6"></a>

**状态码： 200**

```
{
    "sni_container_refs": ["cert-1", "cert-2"],
    "ports": [80, 443],
    "tags": []
}
```
"""


def test_a_bare_array_holds_what_its_example_lists() -> None:
    spec, problems = _spec(BARE_ARRAY)
    refs, ports, tags = spec["responses"]["200"]["body"]["fields"]
    assert (refs["items"], ports["items"]) == ("String", "Long")
    assert tags["items"] == "Object" and "note" not in tags  # an empty example says nothing
    assert len([p for p in problems if "as its example shows" in p.message]) == 2


NULLABLE = """# 创建监听器<a name="t1"></a>

## 功能介绍<a name="s1"></a>

创建监听器。

## URI<a name="s2"></a>

POST /v3/\\{project\\_id\\}/listeners

|参数|是否必选|参数类型|描述|
|--|--|--|--|
|project\\_id|是|String|项目ID。|

## 请求参数<a name="s3"></a>

**表 2**  请求Body参数

|参数|是否必选|参数类型|描述|
|--|--|--|--|
|default\\_pool\\_id|否|String|默认后端服务器组。当该字段为null时，表示监听器无默认后端服务器组。|
|ipgroup\\_id|否|String|IP地址组，不能指定为null。|
|session\\_persistence|否|String|会话保持。Can be null to turn it off.|
|ttl|是|Integer|缓存时间。此处值为null。|

## 响应参数<a name="s4"></a>

**状态码： 201**

|参数|参数类型|描述|
|--|--|--|
|id|String|监听器ID。|
"""


def test_a_field_the_page_allows_to_be_null_is_nullable() -> None:
    spec, _ = _spec(NULLABLE)
    pool, group, persistence, ttl = spec["request_body"]["fields"]
    assert pool.get("nullable") is True and persistence.get("nullable") is True and ttl.get("nullable") is True
    assert "nullable" not in group  # "must not be null"


WHOLE_ARRAY = """# 更新镜像<a name="t1"></a>

## 功能介绍<a name="s1"></a>

用一组补丁操作更新镜像。

## URI<a name="s2"></a>

PATCH /v2/images/\\{image\\_id\\}

|参数|是否必选|参数类型|描述|
|--|--|--|--|
|image\\_id|是|String|镜像ID。|

## 请求消息<a name="s3"></a>

**表 2**  请求消息体

|参数|是否必选|参数类型|描述|
|--|--|--|--|
|*[数组]*|是|Array of objects|详情请参见表3。|

**表 3**  _\\[数组\\]_字段说明

|参数|参数类型|是否必选|描述|
|--|--|--|--|
|op|String|是|操作：replace、add、remove。|
|path|String|是|属性名，前加“/”。|

-   请求样例

    ```
    PATCH https://{Endpoint}/v2/images/img-1
    [{"op": "replace", "path": "/name"}]
    ```

## 响应消息<a name="s4"></a>

|参数|参数类型|描述|
|--|--|--|
|[数组]|Array of strings|更新后的属性名。|
"""


def test_a_table_whose_only_row_is_the_array_is_a_whole_array_body() -> None:
    spec, _ = _spec(WHOLE_ARRAY)
    assert spec["request_body"] == {"array": "update_image_request_item"}
    assert _names(spec["objects"]["update_image_request_item"]["fields"]) == ["op", "path"]
    assert spec["request_examples"][0]["body"] == [{"op": "replace", "path": "/name"}]
    assert spec["responses"]["200"]["body"] == {"array": "String"}


ASIDE_CAPTION = """# 修改节点名称<a name="t1"></a>

## 功能介绍<a name="s1"></a>

修改一个节点的名称。

## URI<a name="s2"></a>

PUT /v1/\\{project\\_id\\}/nodes/\\{node\\_id\\}

|参数|是否必选|描述|
|--|--|--|
|project\\_id|是|项目ID。|
|node\\_id|是|节点ID。|

## 请求消息<a name="s3"></a>

|参数|是否必选|参数类型|描述|
|--|--|--|--|
|name|是|String|新名称。|

## 响应消息<a name="s4"></a>

**表 3**  参数说明

|参数|参数类型|描述|
|--|--|--|
|name|String|节点名称。|
|os:placement|Object|节点的调度信息。|

**表 4**  os:placement字段数据结构说明（响应参数）

|参数|参数类型|描述|
|--|--|--|
|group|Array of strings|节点组ID。|

## 返回值<a name="s5"></a>

|返回值|说明|
|--|--|
|200|成功。|
"""


def test_a_caption_with_an_aside_names_a_field_with_a_colon() -> None:
    """ "os:placement字段数据结构说明（响应参数）" describes `os:placement`, not the response itself;
    the older template's "参数说明" under 响应消息 is the response."""
    spec, _ = _spec(ASIDE_CAPTION)
    _, placement = spec["responses"]["200"]["body"]["fields"]
    assert placement["object"] == "os_placement"
    assert _names(spec["objects"]["os_placement"]["fields"]) == ["group"]


LINKLESS_NESTED = """创建会话

功能介绍

用联邦凭据创建一个会话。

URI

POST /v3/sessions

请求参数

表1 请求Body参数

参数

是否必选

参数类型

描述

backup_policy

是

object

备份策略。

target

是

object

会话作用的范围。

表2 Backup_polcy

参数

是否必选

参数类型

描述

enabled

是

Boolean

是否开启。

表3 TargetScopeBody

参数

是否必选

参数类型

描述

domain

否

object

账号。

project

否

object

项目。

表4 TargetDomainOrProjectBody

参数

是否必选

参数类型

描述

id

否

String

ID。

name

否

String

名称。

响应参数

状态码：201

表5 响应Body参数

参数

参数类型

描述

session

object

会话信息。

backup_policy

object

生效的备份策略。

表6 SessionInfo

参数

参数类型

描述

user

object

会话的用户。

domain

object

会话所属账号。

project

object

会话所属项目。

表7 UserBody

参数

参数类型

描述

name

String

用户名。

domain

object

用户所属账号。

表8 session.user.domain

参数

参数类型

描述

id

String

账号ID。

表9 DomainInfo

参数

参数类型

描述

name

String

账号名。

表10 ProjectInfo

参数

参数类型

描述

id

String

项目ID。

domain

object

项目所属账号。

表11 session.project.domain

参数

参数类型

描述

region

String

区域。

表12 backup_policy

参数

参数类型

描述

retention

Integer

保留天数。
"""


def test_site_text_links_nested_rows_by_their_path_a_shared_type_and_a_misspelt_caption() -> None:
    """Tables follow their rows depth first; a dotted caption names a row by its path (the session's
    own `domain` is DomainInfo, not session.project.domain); a type table shared by two siblings
    (TargetDomainOrProjectBody) serves both; a caption misspelling its row's name by one letter
    ("Backup_polcy") in the row's section beats a table of the exact name in another section."""
    spec, problems = _spec_named(LINKLESS_NESTED, "page.txt")
    objects = spec["objects"]
    policy, target = spec["request_body"]["fields"]
    assert policy["object"] == "Backup_polcy" and _names(objects["Backup_polcy"]["fields"]) == ["enabled"]
    assert target["object"] == "TargetScopeBody"
    domain, project = objects["TargetScopeBody"]["fields"]
    assert domain["object"] == project["object"] == "TargetDomainOrProjectBody"
    session, policy_out = spec["responses"]["201"]["body"]["fields"]
    assert (session["object"], policy_out["object"]) == ("SessionInfo", "backup_policy")
    user, own_domain, own_project = objects["SessionInfo"]["fields"]
    assert (user["object"], own_domain["object"], own_project["object"]) == ("UserBody", "DomainInfo", "ProjectInfo")
    assert objects["UserBody"]["fields"][1]["object"] == "session_user_domain"
    assert objects["ProjectInfo"]["fields"][1]["object"] == "session_project_domain"
    assert any("which its caption misspells" in p.message and p.severity == "warning" for p in problems)
    assert not any("no row refers to this table" in p.message for p in problems)


TYPE_CELL_LINK = """查询推送平台

功能介绍

查询一个推送平台的属性。

URI

GET /v2/{project_id}/push-platforms/{platform_id}

表1 路径参数

参数

是否必选

参数类型

描述

project_id

是

String

项目ID。

platform_id

是

String

平台ID。

响应参数

状态码： 200

表2 响应Body参数

参数

参数类型

描述

platform_id

String

平台ID。

settings

表3 object

-

expires

String

过期时间。

表3 PlatformSettings

参数

参数类型

描述

enabled

String

是否启用。

certificate_expiry

String

证书过期时间。
"""


def test_a_type_cell_linking_to_its_table_is_no_caption_in_site_text() -> None:
    """On the site a type cell can be a link, "表3 object": in copied text it looks like a caption,
    but no header row follows it; the row keeps its place and its table is Table 3."""
    spec, _ = _spec_named(TYPE_CELL_LINK, "page.txt")
    _, settings, expires = spec["responses"]["200"]["body"]["fields"]
    assert (settings["type"], settings["object"], expires["name"]) == ("Object", "PlatformSettings", "expires")
    assert _names(spec["objects"]["PlatformSettings"]["fields"]) == ["enabled", "certificate_expiry"]


BARE_ARRAY_FILTERS = """# 查询后端服务器列表<a name="t1"></a>

## 功能介绍<a name="s1"></a>

按条件查询后端服务器。

## URI<a name="s2"></a>

GET /v3/\\{project\\_id\\}/backends

|参数|是否必选|参数类型|描述|
|--|--|--|--|
|project\\_id|是|String|项目ID。|

|参数|是否必选|参数类型|描述|
|--|--|--|--|
|port|否|Array|后端端口。支持多值查询，查询条件格式：port=xxx&port=xxx。|
|name|否|Array|后端名称。支持多值查询。|
|enabled|否|Array|是否启用。|

## 响应参数<a name="s3"></a>

**状态码： 200**

|参数|参数类型|描述|
|--|--|--|
|backends|Array of [Backend](#backend) objects|后端列表。|

**表 3**  Backend<a name="backend"></a>

|参数|参数类型|描述|
|--|--|--|
|port|Integer|后端端口。|
|name|String|后端名称。|
|enabled|Boolean|是否启用。|
"""


def test_a_bare_array_filter_takes_the_type_of_the_response_field_it_filters() -> None:
    spec, problems = _spec(BARE_ARRAY_FILTERS)
    items = {p["name"]: p["items"] for p in spec["parameters"]["query"]}
    assert items == {"port": "Integer", "name": "String", "enabled": "Boolean"}
    said = [p for p in problems if "a bare Array filter" in p.message]
    assert len(said) == 2 and {p.severity for p in said} == {"info"}  # String is the default: not said


PROJECT_NOT_IN_ROUTE = """# 查询备份任务进度<a name="t1"></a>

## 功能介绍<a name="s1"></a>

扩展接口，查询一个备份任务的进度。

## URI<a name="s2"></a>

GET /v1/backup-tasks/\\{task\\_id\\}

参数说明请参见[表1](#t1)。

**表 1**  参数说明

|参数|是否必选|描述|
|--|--|--|
|project_id|是|项目ID|
|task_id|是|备份任务ID|
|verbose|否|是否返回子任务|

## 响应消息<a name="s4"></a>

-   响应参数

|参数|参数类型|描述|
|--|--|--|
|status|String|任务状态。|
"""


def test_a_project_the_route_does_not_have_is_left_out_with_a_warning_not_made_a_query_parameter() -> None:
    # Real IMS pages list project_id under a route without {project_id}: as a required query parameter
    # it would be sent with every call, which the API does not take.
    spec, problems = _spec(PROJECT_NOT_IN_ROUTE)
    assert _names(spec["parameters"]["path"]) == ["task_id"]
    assert _names(spec["parameters"]["query"]) == ["verbose"]  # any other row the route lacks is a query
    [left_out] = [p for p in problems if "project_id" in p.message]
    assert left_out.severity == "warning" and left_out.line == 17
    assert "has no {project_id}" in left_out.message and left_out.hint and "add {project_id}" in left_out.hint


def test_an_optional_project_the_route_does_not_have_is_a_query_filter() -> None:
    # ELB v2's list pages: `project_id`, optional, a synonym of the `tenant_id` filter
    spec, problems = _spec(PROJECT_NOT_IN_ROUTE.replace("|project_id|是|项目ID|", "|project_id|否|项目ID，过滤条件|"))
    assert _names(spec["parameters"]["query"]) == ["project_id", "verbose"]
    assert not [p for p in problems if "project_id" in p.message and p.severity != "info"]
