"""Table header cells → the role of their column, in both languages.

Parameter tables come with their columns in different orders, with or without a Type or a
Mandatory column, and sometimes with extra columns ("Value Range", "默认值"). The role of each
column, not its position, says what a cell means.
"""

from __future__ import annotations

import re

__all__ = ["YES", "Role", "role", "roles"]

Role = str  # "name" | "required" | "type" | "description" | "range" | "default" | "example" | "other"

_ROLES: dict[str, Role] = {
    word: role
    for role, words in {
        "name": "parameter|parameters|name|parameter name|field|attribute|key|property|参数|参数名|参数名称|名称|字段|"
        "字段名|属性|属性名",
        "required": "mandatory|required|is mandatory|是否必选|是否为必选|必选|是否必填|必填|是否必须",
        "type": "type|data type|parameter type|value type|参数类型|类型|数据类型|值类型|字段类型|取值类型",
        "description": "description|remarks|remark|描述|说明|参数说明|参数描述|备注|含义",
        "range": "value range|range|values|valid values|取值范围|取值|约束|constraints",
        "default": "default|default value|默认值|缺省值",
        "example": "example|示例|样例",
    }.items()
    for word in words.split("|")
}
YES = {
    **{"yes": True, "no": False, "是": True, "否": False, "true": True, "false": False, "必选": True, "可选": False},
    **{"-": False, "—": False, "n/a": False, "不涉及": False},  # no mandatory flag to give: not mandatory
}


def role(header: str) -> Role | None:
    """The role of a header cell, or None when it is no parameter-table header."""
    text = re.sub(r"\s+", " ", header.strip().lower().rstrip(":\uff1a"))
    return _ROLES.get(text)


def roles(header: list[str]) -> list[Role] | None:
    """Roles of a whole header row when it is a parameter table's (a name and a description or type)."""
    found = [role(cell) or "other" for cell in header]
    if not found or found[0] != "name" or not ({"description", "type"} & set(found)):
        return None
    return found
