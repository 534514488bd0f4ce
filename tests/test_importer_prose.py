# ruff: noqa: RUF001 - the pages are Chinese: full-width punctuation is what they write
"""Description cells → description text and facts, one rule at a time (docs/spec-format.md)."""

from __future__ import annotations

from typing import Any

import pytest

from generator.importer.document import BULLET, Line
from generator.importer.prose import Facts, read_facts


def cell(*texts: str) -> list[Line]:
    return [Line(n, f"{BULLET} {t[2:]}" if t.startswith("- ") else t) for n, t in enumerate(texts, 1)]


def facts(page_type: str, *texts: str, array: bool = False) -> dict[str, Any]:
    found: Facts = read_facts(cell(*texts), page_type, array=array)
    out: dict[str, Any] = {"description": found.description, **found.limits}
    if found.enum:
        out["enum"] = found.enum
    if found.default is not None:
        out["default"] = found.default
    if found.note:
        out["note"] = found.note
    return out


def test_paragraphs_and_bullets_keep_the_pages_words() -> None:
    got = facts("String", "First paragraph.", "Second paragraph.", "- If one thing, this.", "- If another, that.")
    assert got == {"description": "First paragraph.\n\nSecond paragraph.\n\n- If one thing, this.\n- If another, that."}


@pytest.mark.parametrize(
    ("page_type", "text", "expected"),
    [
        ("Integer", "Page size. The value ranges from 1 to 100.", {"minimum": 1, "maximum": 100}),
        ("Integer", "Value range: 0-65535.", {"minimum": 0, "maximum": 65535}),
        ("Float", "Must be between 0.5 and 2.5.", {"minimum": 0.5, "maximum": 2.5}),
        ("Integer", "Minimum value: 1. Maximum value: 10.", {"minimum": 1, "maximum": 10}),
        ("String", "Name. Length: 1 to 64 characters", {"min_length": 1, "max_length": 64}),
        ("String", "The value can contain 1 to 128 characters.", {"min_length": 1, "max_length": 128}),
        ("String", "It contains a maximum of 255 characters.", {"max_length": 255}),
        ("String", "The value ranges from 1 to 64 characters.", {"min_length": 1, "max_length": 64}),
    ],
)
def test_ranges_and_lengths_in_prose(page_type: str, text: str, expected: dict[str, Any]) -> None:
    assert facts(page_type, text) == {"description": text, **expected}


def test_array_sizes_and_element_lengths() -> None:
    got = facts("String", "IDs. The list holds 1 to 50 items. Each ID is 1 to 36 characters.", array=True)
    assert (got["min_items"], got["max_items"], got["min_length"], got["max_length"]) == (1, 50, 1, 36)


@pytest.mark.parametrize(
    ("page_type", "text", "default"),
    [
        ("Integer", "Paging offset. The default value is 0.", 0),
        ("Boolean", "Whether the file has been downloaded. The value can be true or false (default).", False),
        ("String", "MIME type. The default value application/json is recommended.", "application/json"),
        ("String", "Language. Default value: en-us", "en-us"),
        ("Long", "Timeout, which defaults to 3600.", 3600),
    ],
)
def test_defaults_in_prose(page_type: str, text: str, default: Any) -> None:
    assert facts(page_type, text)["default"] == default


def test_prose_enumeration_stays_in_the_description() -> None:
    text = "Export task status. The value can be CREATING, SUCCESS, FAIL, or EXPIRED."
    assert facts("String", text) == {"description": text, "enum": ["CREATING", "SUCCESS", "FAIL", "EXPIRED"]}


def test_true_or_false_is_not_an_enumeration_and_prose_lists_need_tokens() -> None:
    assert "enum" not in facts("Boolean", "The value can be true or false.")
    assert "enum" not in facts("String", "The value can be a name or an ID of the instance.")
    assert facts("Integer", "The value can be 0, 1, or 2.")["enum"] == [0, 1, 2]


def test_enumerated_values_list_leaves_the_description() -> None:
    got = facts("String", "Request language type.", "Enumerated values:", "- en-us", "- zh-cn")
    assert got == {"description": "Request language type.", "enum": ["en-us", "zh-cn"]}


def test_bullets_of_values_become_enum_with_descriptions() -> None:
    got = facts("String", "Sorting field.", "- create_time: creation time", "- OS::Nova::Server")
    assert got["enum"] == [{"value": "create_time", "description": "creation time"}, "OS::Nova::Server"]
    assert got["description"] == "Sorting field."


def test_default_named_by_an_enum_description_gets_a_note() -> None:
    got = facts(
        "String", "Sorting type. The default value is ascending.", "- ASC ascending order.", "- DESC: descending order."
    )
    assert got["default"] == "ASC"
    assert got["note"] == (
        'The page gives the default as "ascending" while its values are ASC and DESC; '
        "ASC is the value that means ascending."
    )


def test_prose_bullets_stay_bullets() -> None:
    got = facts("String", "Scope.", "- If you are using roles, see A.", "- If you are using policies, see B.")
    assert "enum" not in got
    assert got["description"] == "Scope.\n\n- If you are using roles, see A.\n- If you are using policies, see B."


def test_definition_blocks() -> None:
    got = facts(
        "String",
        "Definition",
        "Content type.",
        "- application/json;charset=UTF-8: common API request type",
        "Constraints",
        "N/A",
        "Range",
        "- application/json;charset=UTF-8",
        "Default Value",
        "N/A",
    )
    assert got == {
        "description": "Content type.\n\n- application/json;charset=UTF-8: common API request type",
        "enum": ["application/json;charset=UTF-8"],
    }


def test_block_facts_and_block_text() -> None:
    got = facts(
        "String",
        "Definition",
        "Task name.",
        "Constraints",
        "Set it only after enabling the feature.",
        "Range",
        "Length: 1 to 64 characters",
        "Default Value",
        "0: default enterprise project.",
    )
    assert got == {
        "description": "Task name.\n\nConstraints: Set it only after enabling the feature.",
        "min_length": 1,
        "max_length": 64,
        "default": "0",
    }


def test_block_bullets_that_are_not_values_stay_under_their_heading() -> None:
    got = facts("Boolean", "Definition", "Dry run.", "Range", "- true: only check the request.", "- false: run it.")
    assert got["description"] == "Dry run.\n\nRange:\n\n- true: only check the request.\n- false: run it."


@pytest.mark.parametrize(
    ("page_type", "text", "expected"),
    [
        ("Integer", "IP地址的版本，取值为4或6。", {"enum": [4, 6]}),
        ("String", "架构。取值：x86、arm。", {"enum": ["x86", "arm"]}),
        ("String", "统计方式，取值：average、min、max、sum。", {"enum": ["average", "min", "max", "sum"]}),
        ("Boolean", "是否启用。仅支持true。", {"enum": [True]}),
        ("Boolean", "是否共享。只支持设置为true。", {"enum": [True]}),
        ("Integer", "模式。取值范围：0-100，默认为0。", {"minimum": 0, "maximum": 100, "default": 0}),
        ("String", "实例名称，长度为4-64个字符。", {"min_length": 4, "max_length": 64}),
        ("String", "描述，长度不超过1024个字符，默认为空。", {"max_length": 1024}),
        ("String", "最小长度：1 最大长度：36", {"min_length": 1, "max_length": 36}),
        ("String", "语言。默认值：en-us。", {"default": "en-us"}),
        ("String", "类型。缺省值为application/json", {"default": "application/json"}),
        # what is no fact: a range as a list, words as a value, a limit of one channel, a unit
        ("Integer", "健康检查间隔。取值：1-50s。", {}),
        ("String", "内容类型，取值：application/json。", {}),
        ("String", "开始时间，默认为当前时间。", {}),
        ("String", "消息正文，推送到短信时最多490个字符。", {}),
        ("String", "取值：0表示关闭，1表示开启。", {}),
        ("Boolean", "是否自动支付，取值true或false。", {}),
    ],
)
def test_facts_in_chinese_pages_words(page_type: str, text: str, expected: dict[str, Any]) -> None:
    got = facts(page_type, text)
    assert got.pop("description") == text
    assert got == expected


@pytest.mark.parametrize(
    ("page_type", "lines", "expected"),
    [
        # the current template states limits as lines of their own, in both languages
        ("Integer", ["Weight of the member.", "最小值：0", "最大值：100"], {"minimum": 0, "maximum": 100}),
        ("Integer", ["Page size.", "Minimum: 1", "Maximum: 2000"], {"minimum": 1, "maximum": 2000}),
        # under a String, the bare "Minimum:" and "Maximum:" are its length
        ("String", ["Project ID.", "Minimum: 1", "Maximum: 64"], {"min_length": 1, "max_length": 64}),
    ],
)
def test_minimum_and_maximum_lines(page_type: str, lines: list[str], expected: dict[str, Any]) -> None:
    got = facts(page_type, *lines)
    assert {k: v for k, v in got.items() if k != "description"} == expected


def test_value_bullets_and_an_enumerated_values_list_of_the_same_values_state_one_enum() -> None:
    # APIG lists each value with its meaning, then "枚举值" lists the same values again
    described = [{"value": 1, "description": "私网通道"}, {"value": 2, "description": "快速通道"}]
    got = facts("Integer", "通道类型。", "- 1：私网通道", "- 2：快速通道", "枚举值：", "- 1", "- 2")
    assert got == {"description": "通道类型。", "enum": described}
    got = facts("Integer", "通道类型。", "枚举值：", "- 1", "- 2", "- 1：私网通道", "- 2：快速通道")
    assert got == {"description": "通道类型。", "enum": described}
    # bullets naming other values than the list stay text
    got = facts("Integer", "通道类型。", "枚举值：", "- 1", "- 2", "曾经还有：", "- 3：旧通道")
    assert got == {"description": "通道类型。\n\n曾经还有：\n\n- 3：旧通道", "enum": [1, 2]}


def test_value_bullets_written_in_quotes_are_values() -> None:
    got = facts("String", "运营商：", '- "CMCC ：移动"', '- "OTHER: 其他"')
    enum = [{"value": "CMCC", "description": "移动"}, {"value": "OTHER", "description": "其他"}]
    assert got == {"description": "运营商：", "enum": enum}


def test_value_bullets_giving_the_meaning_first() -> None:
    # AS writes the meaning, a colon and then the value
    got = facts("String", "操作标识。", "- 启用：resume", "- 停止：pause")
    enum = [{"value": "resume", "description": "启用"}, {"value": "pause", "description": "停止"}]
    assert got == {"description": "操作标识。", "enum": enum}


@pytest.mark.parametrize("lead", ["取值示例：", "例如：", "For example:", "Example:"])
def test_bullets_after_words_that_introduce_examples_are_no_enum(lead: str) -> None:
    # DDS lists two of the 96 valid backup windows after "取值示例": they are examples, not the values
    got = facts("String", "备份时间段，格式为hh:mm-HH:MM。", lead, "- 08:15-09:15", "- 23:00-00:00")
    assert "enum" not in got and got["description"].endswith(f"{lead}\n\n- 08:15-09:15\n- 23:00-00:00")


def test_values_with_their_meanings_after_such_as_are_the_states() -> None:
    got = facts("String", "集群所处的状态，例如：", "- Creating：创建中", "- Available：可用")
    states = [{"value": "Creating", "description": "创建中"}, {"value": "Available", "description": "可用"}]
    assert got["enum"] == states


@pytest.mark.parametrize(
    ("bullets", "default"),
    [
        (["- no：不强制删除伸缩组，默认为no。", "- yes：强制删除伸缩组。"], "no"),  # AS
        (["- no：保留。", "- yes：删除。"], None),
        (["- no：保留。", "- yes：删除（默认）。"], "yes"),
    ],
)
def test_a_default_stated_in_a_values_own_words(bullets: list[str], default: str | None) -> None:
    assert facts("String", "是否强制删除。", *bullets).get("default") == default


def test_a_range_written_with_units() -> None:
    got = facts("Integer", "扩容后的容量，取值范围：50GB~4000GB。")
    assert (got["minimum"], got["maximum"]) == (50, 4000)


def test_value_bullets_that_say_the_value_in_quotes() -> None:
    # DDS: each bullet says "the value is" a quoted value, then what it means
    got = facts("String", "备份类型。", "- 取值为“Auto”，表示自动全量备份。", "- 取值为“Manual”，表示手动全量备份。")
    enum = [{"value": "Auto", "description": "自动全量备份。"}, {"value": "Manual", "description": "手动全量备份。"}]
    assert got == {"description": "备份类型。", "enum": enum}
