# ruff: noqa: RUF001, E501 - Chinese pages have full-width punctuation and long table rows
"""The three readers: copied site text, saved site HTML and repository Markdown give one Document."""

from __future__ import annotations

from pathlib import Path

from generator.importer.document import Code, Line, Table
from generator.importer.read_html import read_html
from generator.importer.read_markdown import read_markdown
from generator.importer.read_text import read_text
from generator.importer.readers import MAX_PAGE_BYTES, decode, read_document

SEED = Path(__file__).resolve().parent / "fixtures" / "pages" / "workspace_list_export_tasks.txt"


def tables(doc_blocks: list[object]) -> list[Table]:
    return [b for b in doc_blocks if isinstance(b, Table)]


def test_crlf_nbsp_and_invisible_characters_read_like_the_plain_page() -> None:
    plain = SEED.read_text("utf-8")
    noisy = plain.replace("\n", "\r\n").replace(" ", "\u00a0", 40).replace("Function", "\ufeffFunction\u200b", 1)
    a, b = read_text(plain, "p"), read_text(noisy, "p")
    assert [s.key for s in a.sections] == [s.key for s in b.sections]
    for key in ("function", "uri", "response", "status_codes"):
        assert [line.text for line in a.lines(key)] == [line.text for line in b.lines(key)]


def test_heading_spellings_and_only_the_first_occurrence_starts_a_section() -> None:
    text = "Updated on 2026-01-01 GMT+08:00\nT\nExample Request\nhttps://x\n"
    text += "Status Code\nStatus Code\nDescription\n200\nOK\n"
    doc = read_text(text, "p")
    assert doc.title == Line(2, "T")
    assert [line.text for line in doc.lines("request_examples")] == ["https://x"]
    assert [line.text for line in doc.lines("status_codes")] == ["Status Code", "Description", "200", "OK"]


def test_title_before_the_updated_line_and_furniture_skipped() -> None:
    doc = read_text("Deleting a Gateway\nUpdated on 2026-01-01 GMT+08:00\nFunction\nDeletes.\nFeedback\n", "p")
    assert (doc.title, doc.updated_on) == (Line(1, "Deleting a Gateway"), Line(2, "2026-01-01 GMT+08:00"))
    assert [line.text for line in doc.lines("function")] == ["Deletes."]


def test_pipe_rows_become_cells_with_their_line_numbers() -> None:
    text = (
        "Updated on 2026-01-01 GMT+08:00\nT\nURI\nGET /v1/{id}\n"
        "Table 1 Path Parameters\n"
        "| Parameter | Mandatory | Type | Description |\n"
        "| --- | --- | --- | --- |\n"
        "| id | Yes | String | The ID.<br>Length: 1 to 36 characters |\n"
    )
    [table] = tables(read_text(text, "p").blocks("uri"))
    [row] = table.rows
    assert [c.text for c in row[:3]] == ["id", "Yes", "String"]
    assert [line.text for line in row[3].lines] == ["The ID.", "Length: 1 to 36 characters"]
    assert row[0].lines[0].number == 8


def test_rows_named_like_header_words_are_rows_and_stray_cells_are_reported() -> None:
    lines = "Table 3 Request body parameters\nParameter\nMandatory\nType\nDescription\nYes\nString\n"
    lines += "type\nYes\nString\nKind.\nname\nNo\nString\nName.\n"
    doc = read_text("Updated on x\nT\nRequest Parameters\n" + lines, "p")
    [table] = tables(doc.blocks("request"))
    assert [(r[0].text, r[1].text) for r in table.rows] == [("type", "Yes"), ("name", "No")]
    assert [p.line for p in doc.problems] == [9, 10]


def test_a_table_without_a_type_column_and_a_caption_is_read_from_its_header() -> None:
    text = "Updated on x\nT\nURI\nGET /v1/{id}\nParameter\nMandatory\nDescription\nid\nYes\nThe ID.\n"
    [table] = tables(read_text(text, "p").blocks("uri"))
    assert table.caption is None and [h.text for h in table.header] == ["Parameter", "Mandatory", "Description"]
    assert [[c.text for c in row] for row in table.rows] == [["id", "Yes", "The ID."]]


MARKDOWN = """# 创建标签<a name="x_01"></a>

## 功能介绍<a name="s1"></a>

为资源添加一个标签，`key`重复时覆盖。

## 调试<a name="s2"></a>

您可以在[API Explorer](https://apiexplorer.developer.huaweicloud.com/apiexplorer/doc?product=DEMO&api=CreateDemoTag)中调试该接口。

## URI<a name="s3"></a>

POST /v2/\\{project\\_id\\}/demo/\\{resource\\_id\\}/tags

**表 1**  参数说明

|参数|是否必选|描述|
|--|--|--|
|project_id|是|项目ID。|
|resource_id|是|资源ID。<br>长度为1到36个字符。|

## 请求消息<a name="s4"></a>

-   请求参数

    **表 2**  请求参数

    <a name="t2"></a>
    <table><thead align="left"><tr><th><p>参数</p></th><th><p>是否必选</p></th><th><p>参数类型</p></th><th><p>描述</p></th></tr></thead>
    <tbody><tr><td><p><a href="#t3">tag</a></p></td><td><p>是</p></td><td><p>Object</p></td><td><p>标签，详情请参见<a href="#t3">表3</a>。</p></td></tr>
    </tbody>
    </table>

-   请求样例

    ```
    POST https://{Endpoint}/v2/9c5e/demo/42/tags
    ```
"""


def test_markdown_headings_escapes_pipe_and_html_tables_bullet_sections_and_code() -> None:
    doc = read_markdown(MARKDOWN, "创建标签.md")
    assert doc.title == Line(1, "创建标签")
    assert doc.api_explorer == "CreateDemoTag"
    assert [s.key for s in doc.sections] == ["function", "debugging", "uri", "request", "request", "request_examples"]
    assert doc.lines("uri")[0].text == "POST /v2/{project_id}/demo/{resource_id}/tags"
    [pipe] = tables(doc.blocks("uri"))
    assert pipe.caption == Line(15, "表 1 参数说明")
    assert [line.text for line in pipe.rows[1][2].lines] == ["资源ID。", "长度为1到36个字符。"]
    [html] = tables(doc.blocks("request"))
    assert (html.caption, html.anchor, html.links) == (Line(26, "表 2 请求参数"), "t2", ("t3",))
    assert [c.text for c in html.rows[0]] == ["tag", "是", "Object", "标签，详情请参见表3。"]
    [code] = [b for b in doc.blocks("request_examples") if isinstance(b, Code)]
    assert code.lines[0].text == "POST https://{Endpoint}/v2/9c5e/demo/42/tags"


HTML = """<!DOCTYPE html><html><head><title>x</title><script>var t = "<table><tr><td>a</td></tr></table>";</script>
<style>p { color: red }</style></head><body><nav><a href="/">Home</a> &gt; API</nav>
<div class="menu"><ul><li>Other page</li></ul></div>
<div class="wrap"><div class="help-content"><h1>Deleting a Tag</h1><p>Updated on 2025-05-06 GMT+08:00</p>
<h4>Function</h4><p>Deletes a tag &amp; its value.<p>Second paragraph, unclosed.
<h4>URI</h4><p>DELETE /v2/{project_id}/tags/{key}</p></div>
<table><caption><b>Table 1 </b>Path Parameters</caption><thead><tr><th><p>Parameter</p></th><th><p>Mandatory</p></th>
<th><p>Type</p></th><th><p>Description</p></th></tr></thead><tbody><tr><td><p>key</p></td><td><p>Yes</p></td>
<td><p>String</p></td><td><p>Tag key.</p><ul><li>At most 36 characters.</li></ul></td></tr></tbody></table>
</div></div><div class="feedback">Was this page helpful?</div><footer>© Huawei</footer></body></html>
"""


def test_html_article_is_found_inside_chrome_and_broken_markup_is_read() -> None:
    doc = read_html(HTML, "p.html")
    assert doc.title is not None and doc.title.text == "Deleting a Tag"
    assert doc.updated_on is not None and doc.updated_on.text == "2025-05-06 GMT+08:00"
    assert [line.text for line in doc.lines("function")] == [
        "Deletes a tag & its value.",
        "Second paragraph, unclosed.",
    ]
    [table] = tables(doc.blocks("uri"))
    assert table.caption is not None and table.caption.text == "Table 1 Path Parameters"
    assert [line.text for line in table.rows[0][3].lines] == ["Tag key.", "\u2022 At most 36 characters."]
    assert all(
        "Home" not in line.text and "helpful" not in line.text for s in doc.sections for line in doc.lines(s.key or "")
    )


def test_decoding_utf8_bom_utf16_and_gbk() -> None:
    text = "更新时间：2025-01-01\n标题\n"
    assert decode(b"\xef\xbb\xbf" + text.encode("utf-8")) == (text, None)
    assert decode(text.encode("utf-16")) == (text, None)
    assert decode(text.encode("gbk")) == (text, None)
    assert decode(b"\xff\xfe\xfe")[1] is None  # UTF-16 with a bad tail: replaced, still UTF-16
    assert decode(b"ok \x80\x80\x80\xff")[1] is not None


def test_oversized_and_binary_pages_are_refused_with_a_finding() -> None:
    big = read_document(b"x" * (MAX_PAGE_BYTES + 1), "big.html")
    assert [p.kind for p in big.problems] == ["size"] and big.sections == []
    binary = read_document(b"\x00\x01\x02PK\x03\x04" * 100, "junk.md")
    assert [p.kind for p in binary.problems] == ["binary"]


CONTENT_IDS_HTML = """<html><body>
<div class="breadcrumb-nav">Home &gt; API</div>
<h1>Querying a Share</h1>
<div id="page-catalog"><ul><li>Catalog entry</li></ul></div>
<div class="section" id="topic_0001_searchshare"><h4>Response Parameters</h4>
<div class="tablenoborder"><table id="topic_0001_response_ShareCatalogArritem">
<caption><b>Table 3 </b>share.catalog</caption>
<thead><tr><th><p>Parameter</p></th><th><p>Type</p></th><th><p>Description</p></th></tr></thead>
<tbody><tr><td><p>menu_id</p></td><td><p>String</p></td><td><p>Menu ID.</p></td></tr></tbody>
</table></div></div>
</body></html>"""


def test_html_content_whose_ids_hold_chrome_words_is_read() -> None:
    """DITA ids name content ("response_ShareCatalogArritem", "searchshare"): only the site's own
    navigation, by its class or a whole id word ("page-catalog"), is chrome."""
    doc = read_html(CONTENT_IDS_HTML, "p.html")
    [table] = tables(doc.blocks("response"))
    assert table.caption is not None and table.caption.text == "Table 3 share.catalog"
    assert not any("Catalog entry" in line.text for s in doc.sections for line in doc.lines(s.key or ""))


def test_a_list_nested_in_a_cell_gives_each_item_once() -> None:
    """DDS: "<li>必选条件<ul><li>取值一</li>…</ul></li>": the outer item's line is its own words only."""
    cell = (
        "<table><thead><tr><th><p>参数</p></th><th><p>参数类型</p></th><th><p>描述</p></th></tr></thead>"
        "<tbody><tr><td><p>target_type</p></td><td><p>String</p></td><td><p>对象类型。</p>"
        "<ul><li>重启节点时必选。<ul><li>mongos节点：mongos</li><li>shard组：shard</li></ul></li>"
        "<li>重启实例时不传。</li></ul></td></tr></tbody></table>"
    )
    doc = read_markdown(f"# 重启\n\n## 请求消息\n\n{cell}\n", "p.md")
    [table] = tables(doc.blocks("request"))
    assert [line.text for line in table.rows[0][2].lines] == [
        "对象类型。",
        "\u2022 重启节点时必选。",
        "\u2022 mongos节点：mongos",
        "\u2022 shard组：shard",
        "\u2022 重启实例时不传。",
    ]


def test_angle_brackets_that_are_no_html_are_the_pages_text() -> None:
    # The repositories' Markdown holds inline HTML (<br>, <sup>, anchors) and also the page's own
    # words in angle brackets: a generic type and a placeholder, which the site shows as written.
    text = (
        "# 导出\n\n## URI\n\nPOST /v1/exports\n\n**表 1**  请求参数\n\n"
        "|参数|是否必选|参数类型|描述|\n|--|--|--|--|\n"
        "|target|是|String|目的文件，格式：<bucket>:<file>。<br>桶须是标准存储。|\n"
        "|labels|否|Map<String,String>|标签。<sup>[1]</sup>|\n"
    )
    [table] = tables(read_markdown(text, "p.md").blocks("uri"))
    target, labels = table.rows
    assert [line.text for line in target[3].lines] == ["目的文件，格式：<bucket>:<file>。", "桶须是标准存储。"]
    assert labels[2].text == "Map<String,String>" and labels[3].text == "标签。[1]"


def test_a_code_fence_opened_on_a_list_items_line_is_a_code_block() -> None:
    # ELB's pool pages: "-   ```" opens each example request, not a paragraph of three backticks
    text = '# 创建\n\n## 请求示例\n\n-   ```\nPOST https://{endpoint}/v3/pools\n\n{"pool": {}}\n```\n'
    doc = read_markdown(text, "p.md")
    [code] = [b for b in doc.blocks("request_examples") if isinstance(b, Code)]
    assert [line.text for line in code.lines] == ["POST https://{endpoint}/v3/pools", '{"pool": {}}']
    assert not [b for b in doc.blocks("request_examples") if isinstance(b, Line) and "```" in b.text]


def test_a_note_inside_a_list_item_is_a_line_of_its_own_not_part_of_the_value() -> None:
    # IAM's value lists: the last <li> holds a note (a div with its own list) after the value
    html = (
        "<html><body><h1>T</h1><h2>请求参数</h2><table><thead><tr><th>参数</th><th>参数类型</th><th>描述</th></tr></thead>"
        "<tbody><tr><td>scope</td><td>String</td><td><p>范围。</p><p>枚举值：</p><ul><li>openid</li>"
        '<li>profile<div class="note"><span class="notetitle">说明：</span><div class="notebody">'
        "<ul><li>必须含openid。</li></ul><p>例如：openid profile</p></div></div></li>"
        "<li><p>email</p></li></ul></td></tr></tbody></table></body></html>"
    )
    [table] = tables(read_html(html, "p.html").blocks("request"))
    lines = [line.text for line in table.rows[0][2].lines]
    assert lines == [
        "范围。",
        "枚举值：",
        "• openid",
        "• profile",
        "说明：例如：openid profile",
        "• 必须含openid。",
        "• email",
    ]
