"""Reading pages: one layout whatever the line endings, spaces, table rendering or furniture."""

from __future__ import annotations

from pathlib import Path

from generator.importer.page import read_page
from generator.importer.tables import read_tables

SEED = Path(__file__).resolve().parent / "fixtures" / "pages" / "workspace_list_export_tasks.txt"


def texts(page_text: str, section: str) -> list[str]:
    return [line.text for line in read_page(page_text, "p.txt").section(section)]


def test_crlf_nbsp_and_invisible_characters_read_like_the_plain_page() -> None:
    plain = SEED.read_text("utf-8")
    noisy = plain.replace("\n", "\r\n").replace(" ", "\u00a0", 40).replace("Function", "\ufeffFunction\u200b", 1)
    a, b = read_page(plain, "p"), read_page(noisy, "p")
    assert a.sections.keys() == b.sections.keys()
    for key in a.sections:
        assert [line.text for line in a.sections[key]] == [line.text for line in b.sections[key]]


def test_heading_spellings_and_only_the_first_occurrence_starts_a_section() -> None:
    text = "Updated on 2026-01-01 GMT+08:00\nT\nExample Request\nhttps://x\n"
    text += "Status Code\nStatus Code\nDescription\n200\nOK\n"
    page = read_page(text, "p")
    assert page.title == "T"
    assert texts(text, "request_examples") == ["https://x"]
    assert texts(text, "status_codes") == ["Status Code", "Description", "200", "OK"]


def test_furniture_is_skipped_and_stray_text_is_reported_with_its_line() -> None:
    text = "Updated on 2026-01-01 GMT+08:00\nT\nstray words\nFunction\nDoes X.\nFeedback\nWas this page helpful?\n"
    page = read_page(text, "p")
    assert texts(text, "function") == ["Does X."]
    assert [(p.line, p.message) for p in page.problems] == [
        (3, "text before the first section is not placed: 'stray words'")
    ]


def test_title_before_the_updated_line() -> None:
    page = read_page("Deleting a VPC\nUpdated on 2026-01-01 GMT+08:00\nFunction\nDeletes.\n", "p")
    assert (page.title, page.updated_on) == ("Deleting a VPC", "2026-01-01 GMT+08:00")


def test_pipe_rows_become_cells_with_their_line_numbers() -> None:
    text = (
        "Updated on 2026-01-01 GMT+08:00\nT\nURI\nGET /v1/{id}\n"
        "Table 1 Path Parameters\n"
        "| Parameter | Mandatory | Type | Description |\n"
        "| --- | --- | --- | --- |\n"
        "| id | Yes | String | The ID.<br>Length: 1 to 36 characters |\n"
    )
    page = read_page(text, "p")
    tables, loose = read_tables(page.section("uri")[1:], page.problems)
    assert loose == []
    [row] = tables[0].rows
    assert (row.name.text, row.mandatory, row.type.text, row.name.number) == ("id", True, "String", 8)
    assert [c.text for c in row.cells] == ["The ID.", "Length: 1 to 36 characters"]


def test_rows_named_like_header_words_are_rows() -> None:
    lines = "Table 3 Request body parameters\nParameter\nMandatory\nType\nDescription\n"
    lines += "type\nYes\nString\nKind.\nname\nNo\nString\nName.\n"
    page = read_page("Updated on x\nT\nRequest Parameters\n" + lines, "p")
    tables, _ = read_tables(page.section("request"), page.problems)
    assert [(r.name.text, r.mandatory) for r in tables[0].rows] == [("type", True), ("name", False)]
    assert page.problems == []


def test_cells_that_are_no_row_are_reported() -> None:
    lines = "Table 1 Path Parameters\nParameter\nMandatory\nType\nDescription\nYes\nString\nid\nYes\nString\nThe ID.\n"
    page = read_page("Updated on x\nT\nURI\n" + lines, "p")
    tables, _ = read_tables(page.section("uri"), page.problems)
    assert [r.name.text for r in tables[0].rows] == ["id"]
    assert [p.line for p in page.problems] == [9, 10]


def test_invalid_utf8_is_reported() -> None:
    page = read_page(b"Updated on x\nT\nFunction\nbad \xff byte\n".decode("utf-8", "replace"), "p")
    assert [(p.line, p.message) for p in page.problems] == [(4, "bytes that are not UTF-8 were replaced")]
