"""Hostile pages (issue 15, item 7): each is read, or refused with a finding, within 5 s and 300 MB.

Every case goes through the three entry points — `read_document`, `import_pages` and
`main(["import", ...])` — and each must return (no exception, no traceback, exit 0 or 1), give
findings whose line is at least 1, and take under 5 s. The big pages (50 MB, 15 MB of table rows,
pages just under every limit of `generator/importer/readers.py`) run in a subprocess, which
measures its peak memory (`VmHWM`, else `ru_maxrss`) as well as the time of each entry point.
"""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

import pytest

from generator.cli import main
from generator.importer.document import Code, Document, Table
from generator.importer.readers import (
    MAX_PAGE_BYTES,
    MAX_PAGE_LINES,
    MAX_PAGE_PIPES,
    MAX_PAGE_ROWS,
    MAX_PAGE_TAGS,
    MAX_PAGE_TEXT,
    read_document,
)
from generator.importer.run import import_pages

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "import"
HTML_PAGE = FIXTURES / "site" / "smn_publish_message.zh.html"
MD_PAGE = FIXTURES / "md" / "dcs" / "创建缓存实例.md"
PIPE_PAGE = FIXTURES / "md" / "swr" / "创建镜像仓库.md"
TEXT_PAGE = FIXTURES / "pages" / "smn_create_topic.txt"
SECONDS = 5.0
MEGABYTES = 300
MB = 1024 * 1024
T = TypeVar("T")


def _rows(doc: Document) -> int:
    blocks = [*doc.head, *(block for section in doc.sections for block in section.blocks)]
    return sum(len(block.rows) for block in blocks if isinstance(block, Table))


def _nest(depth: int, cell: str = "x") -> str:
    return "<table><tr><td>" * depth + cell + "</td></tr></table>" * depth


# -- small hostile pages: name → bytes ------------------------------------------------------------

_HTML_HEAD = "<!DOCTYPE html><html><head><title>t</title></head><body><h1>创建主题</h1>"
_HTML_URI = "<h2>URI</h2><p>POST /v2/{project_id}/notifications/topics</p><h2>请求参数</h2>"
_MD_HEAD = "# 创建主题\n\n## URI\n\nPOST /v2/\\{project\\_id\\}/notifications/topics\n\n## 请求参数\n\n"
_TEXT_HEAD = "Updated on 2025-01-01 GMT+08:00\n\n创建主题\n\nURI\n\nPOST /v2/{project_id}/notifications/topics\n\n"
_SCRIPT = (
    "<script>var t = '<table><tr><td>name</td><td>是</td><td>String</td><td>x</td></tr></table>';"
    "if (a < b && c > d) { document.write('<tr><td>evil</td></tr>'); }</script>"
    "<style>table td { color: red } /* <table><tr><td>z</td></tr></table> */</style>"
)
_BROKEN = (
    "<p>&amp; &lt; &#x41; &#65; &#99999999; &#0; &#xD800; &bogus; & &; &#; &#x;</p>"
    "<div><p>unclosed <b>bold <i>italic</div></td></tr></table></span>"
    "<table><tr><td>a<td>b<tr><td>c</table></table></table>"
    "<tr><td>row outside a table</td></tr><td>cell alone</td>"
    '<p class=unquoted id=\'x" title="<table>\'>attr</p><a href="#" <b>broken tag</a>'
    "<![CDATA[ <table> ]]><!-- unclosed comment"
)


_COMMENT_IN_CELL = (
    "<table><tr><th>参数</th><th>参数类型</th><th>描述</th></tr>"
    "<tr><td>name<!-- a comment --></td><td>String<?pi x?></td><td>a <!-- c -->b</td></tr></table>"
)


def _junk(seed: str, size: int, nul: bool) -> bytes:
    raw = bytearray(random.Random(seed).randbytes(size))
    if not nul:
        raw = raw.replace(b"\x00", b"\x01")
    return bytes(raw)


def _pipe_columns(columns: int, prefix: str) -> str:
    header = "|" + "|".join(f"c{i}" for i in range(columns)) + "|\n"
    return prefix + header + "|" + "--|" * columns + "\n" + "|" + "|".join("v" for _ in range(columns)) + "|\n"


SMALL: dict[str, Callable[[], bytes]] = {
    "nested_tables_1000.html": lambda: (_HTML_HEAD + _HTML_URI + _nest(1000) + "<h2>响应参数</h2></body>").encode(),
    "nested_tables_1000.md": lambda: (_MD_HEAD + _nest(1000) + "\n\n## 响应参数\n\n无\n").encode(),
    "nested_tables_1000_lines.md": lambda: (
        _MD_HEAD + "<table><tr><td>\n" * 1000 + "x\n" + "</td></tr></table>\n" * 1000
    ).encode(),
    "nested_lists_1000.html": lambda: (_HTML_HEAD + "<ul><li><p>item</p>" * 1000 + "</li></ul>" * 1000).encode(),
    "nested_lists_1000.md": lambda: (_MD_HEAD + "".join("    " * i + "-   item\n" for i in range(1000))).encode(),
    "nested_lists_1000.txt": lambda: (_TEXT_HEAD + "".join(" " * i + "• item\n" for i in range(1000))).encode(),
    "script_style.html": lambda: (_HTML_HEAD + _SCRIPT + _HTML_URI + _SCRIPT + "</body></html>").encode(),
    "script_style.md": lambda: (_MD_HEAD + _SCRIPT.replace(";", ";\n") + "\n").encode(),
    "entities_broken.html": lambda: (_HTML_HEAD + _HTML_URI + _BROKEN).encode(),
    "entities_broken.md": lambda: (_MD_HEAD + _BROKEN + "\n" + _BROKEN.replace("><", ">\n<") + "\n").encode(),
    "comment_in_cell.html": lambda: (_HTML_HEAD + _HTML_URI + _COMMENT_IN_CELL).encode(),
    "comment_in_cell.md": lambda: (_MD_HEAD + _COMMENT_IN_CELL + "\n").encode(),
    "comment_only.html": lambda: b"<!-- nothing but a comment -->",
    "doctype_only.html": lambda: b"<!DOCTYPE html>",
    "xml_declaration.html": lambda: b'<?xml version="1.0" encoding="UTF-8"?>\n' + (_HTML_HEAD + _HTML_URI).encode(),
    "nul_junk.html": lambda: _junk("html", 64 * 1024, nul=True),
    "nul_junk.md": lambda: _junk("md", 64 * 1024, nul=True),
    "binary_no_nul.html": lambda: _junk("html2", 64 * 1024, nul=False),
    "binary_no_nul.md": lambda: _junk("md2", 64 * 1024, nul=False),
    "png_named.md": lambda: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 64,
    "invalid_utf8.md": lambda: _MD_HEAD.encode() + b"\xff\xfe\xfd\x80\xc3\x28 bad \xe2\x82\n\xf0\x28\x8c\xbc\n",
    "invalid_utf8.html": lambda: (_HTML_HEAD + _HTML_URI).encode() + b"<p>\xff\xc3\x28\xe2\x82 bad</p>",
    "invalid_utf8.txt": lambda: _TEXT_HEAD.encode() + b"\xff\xfe\xfd junk \xc3\x28\n",
    "utf16_no_bom.md": lambda: _MD_HEAD.encode("utf-16-le"),
    "utf16_no_bom.html": lambda: (_HTML_HEAD + _HTML_URI).encode("utf-16-be"),
    "utf16_no_bom.txt": lambda: _TEXT_HEAD.encode("utf-16-le"),
    "long_line.md": lambda: (_MD_HEAD + "描述" * 50_000 + "\n" + "[a](b)**c**\\_<b>d</b>" * 5_000 + "\n").encode(),
    "long_line.html": lambda: (_HTML_HEAD + _HTML_URI + "<p>" + "x" * 100_000 + "</p>").encode(),
    "long_line.txt": lambda: (_TEXT_HEAD + "Table 1 x\n" + "y" * 100_000 + "\n").encode(),
    "unclosed_fence.md": lambda: (_MD_HEAD + "```json\n" + '{"a": 1,\n' * 5_000).encode(),
    "pipe_10000_columns.md": lambda: _pipe_columns(10_000, _MD_HEAD).encode(),
    "pipe_10000_columns.txt": lambda: _pipe_columns(10_000, _TEXT_HEAD + "Table 1 Body\n").encode(),
    "columns_10000.html": lambda: (
        _HTML_HEAD + _HTML_URI + "<table><tr>" + "<th>c</th>" * 10_000 + "</tr><tr>" + "<td>v</td>" * 10_000
    ).encode(),
    "cr_only.md": lambda: (_MD_HEAD + "<table><tr><td>x</td></tr></table>\n" * 10).replace("\n", "\r").encode(),
    "form_feeds.txt": lambda: (_TEXT_HEAD + "a\f" * 30_000).encode(),
    "empty.md": lambda: b"",
    "blank.html": lambda: b" \n\t\n",
}


def _findings_have_lines(findings: Sequence[object], label: str) -> None:
    """Findings (JSON rows), Findings and Problems alike: each points at a line of the page or spec."""
    for finding in findings:
        line = finding["line"] if isinstance(finding, dict) else getattr(finding, "line", None)
        assert isinstance(line, int) and line >= 1, f"{label}: {finding}"


def _timed(label: str, call: Callable[[], T]) -> T:
    started = time.perf_counter()
    result = call()
    elapsed = time.perf_counter() - started
    assert elapsed < SECONDS, f"{label}: {elapsed:.1f} s"
    return result


def _cli(argv: list[str], capsys: pytest.CaptureFixture[str], label: str) -> list[dict[str, object]]:
    code = _timed(f"{label}: main", lambda: main([*argv, "--format", "json"]))
    out, err = capsys.readouterr()
    assert code in (0, 1), f"{label}: exit {code}\n{err[-2000:]}"
    assert "Traceback" not in err, f"{label}: {err[-2000:]}"
    findings: list[dict[str, object]] = json.loads(out)["findings"]
    _findings_have_lines(findings, label)
    return findings


@pytest.mark.parametrize("name", list(SMALL))
def test_a_hostile_page_is_read_or_refused_with_a_finding(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = SMALL[name]()
    doc = _timed(f"{name}: read_document", lambda: read_document(raw, name))
    _findings_have_lines(doc.problems, name)
    page = tmp_path / "pages" / name
    page.parent.mkdir()
    page.write_bytes(raw)
    results = _timed(f"{name}: import_pages", lambda: import_pages([page], service="hostile", specs=tmp_path / "a"))
    [result] = results
    _findings_have_lines(result.findings, name)
    if result.action == "failed":
        assert any(f.severity.value == "error" for f in result.findings), name
    _cli(["import", str(page), "--service", "hostile", "--specs", str(tmp_path / "b")], capsys, name)
    _cli(["import", str(page.parent), "--service", "hostile", "--specs", str(tmp_path / "c")], capsys, name)


def test_what_the_readers_make_of_some_hostile_pages() -> None:
    def read(name: str) -> Document:
        return read_document(SMALL[name](), name)

    for name in ("nested_tables_1000.html", "nested_tables_1000.md"):  # libxml2 stops at 256 levels: said so
        doc = read(name)
        assert doc.title is not None and any("255 levels" in p.message and p.severity == "error" for p in doc.problems)
    script = read("script_style.html")
    assert _rows(script) == 0 and "evil" not in str(script) and "color" not in str(script)
    assert read("entities_broken.html").title is not None
    for name in ("comment_in_cell.html", "comment_in_cell.md"):  # a comment in a cell crashed the cell reader
        [table] = [b for b in read(name).sections[-1].blocks if isinstance(b, Table)]
        assert [cell.text for cell in table.rows[0]] == ["name", "String", "a b"]
    for name in ("comment_only.html", "doctype_only.html"):
        assert [p.message for p in read(name).problems] == ["the page holds no HTML element"]
    declared = read("xml_declaration.html")
    assert declared.title is not None and declared.title.text == "创建主题" and declared.title.number == 2
    for name in ("nul_junk.html", "nul_junk.md", "png_named.md", "utf16_no_bom.md", "utf16_no_bom.txt"):
        assert [p.kind for p in read(name).problems] == ["binary"], name
    assert "replaced" in read("invalid_utf8.md").problems[0].message
    assert any("cut to" in p.message for p in read("long_line.txt").problems)
    fence = read("unclosed_fence.md")
    code = fence.sections[-1].blocks[-1]
    assert isinstance(code, Code) and len(code.lines) == 5_000  # the rest of the page, as code
    for name in ("pipe_10000_columns.md", "pipe_10000_columns.txt"):  # 30,001 pipes
        assert [p.kind for p in read(name).problems] == ["size"], name
    wide = read("columns_10000.html").sections[-1].blocks[0]
    assert isinstance(wide, Table) and len(wide.header) == 10_000


def test_a_folder_of_every_hostile_page_imports_in_one_call(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    for name, build in SMALL.items():
        (folder / name).write_bytes(build())
    findings = _cli(["import", str(folder), "--service", "hostile", "--specs", str(tmp_path / "s")], capsys, "folder")
    assert {Path(str(f["path"])).name for f in findings} >= {"nul_junk.html", "nested_tables_1000.md"}


def test_an_example_nested_100000_deep(tmp_path: Path) -> None:
    text = TEXT_PAGE.read_text("utf-8")
    page = tmp_path / "deep.txt"
    page.write_text(text.replace('{\n  "name" : "test_topic_v2"', "[" * 100_000 + '{\n  "name" : "x"', 1), "utf-8")
    [result] = import_pages([page], service="hostile", specs=tmp_path / "s")
    assert any("nested too deep" in f.message and f.line > 1 for f in result.findings), result.findings


def test_a_list_of_objects_nested_400_deep_in_an_example(tmp_path: Path) -> None:
    """The members of a list no table describes come from its example, level by level: 400 levels
    stop at the loader's depth bound with a located error, and nothing is written."""
    deep = '{"id": "x"}'
    for _ in range(400):
        deep = '{"hosts": [' + deep + '], "n": 1}'
    page = tmp_path / "deep.md"
    page.write_text(
        "# 查询主机列表\n\n## 功能介绍\n\n列出主机。\n\n## URI\n\nGET /v1/hosts\n\n## 响应消息\n\n"
        "|参数|参数类型|描述|\n|--|--|--|\n|hosts|列表数据结构|主机列表\uff0c具体参照查询主机详情接口。|\n\n"
        f"## 响应样例\n\n```\n{deep}\n```\n",
        "utf-8",
    )
    [result] = import_pages([page], service="hostile", specs=tmp_path / "s")
    assert result.action == "failed"
    assert any("nesting deeper than 64 levels" in f.message and f.line > 1 for f in result.findings), result.findings
    assert not list((tmp_path / "s").glob("*/[!_]*.yaml"))


# -- big pages: a subprocess per run measures time and peak memory ---------------------------------

_PROBE = """
import contextlib, io, json, resource, sys, time
from pathlib import Path
from generator.cli import main
from generator.importer.readers import read_document
from generator.importer.run import import_pages

def peak():  # MB; VmHWM is this process's own (ru_maxrss keeps the forking parent's peak across exec)
    status = Path("/proc/self/status")
    if status.exists():
        return int(next(l for l in status.read_text().splitlines() if l.startswith("VmHWM:")).split()[1]) / 1024
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kb / 1024 / (1024 if sys.platform == "darwin" else 1)

report = {"baseline": peak(), "pages": []}
for arg in sys.argv[1:]:
    page, before = Path(arg), peak()
    started = time.perf_counter()
    doc = read_document(page.read_bytes(), page.name)
    read = time.perf_counter()
    rows = sum(len(b.rows) for s in doc.sections for b in s.blocks if hasattr(b, "rows"))
    problems = [[p.line, p.kind, p.message] for p in doc.problems]
    del doc
    [result] = import_pages([page], service="hostile", specs=page.parent / ("specs-" + page.name))
    imported = time.perf_counter()
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["import", str(page), "--service", "hostile", "--specs", str(page.parent / ("cli-" + page.name)),
                     "--format", "json"])
    done = time.perf_counter()
    report["pages"].append({
        "page": page.name, "bytes": page.stat().st_size, "rows": rows, "problems": problems,
        "action": result.action, "lines": [f.line for f in result.findings], "exit": code,
        "cli_lines": [f["line"] for f in json.loads(out.getvalue())["findings"]],
        "traceback": "Traceback" in err.getvalue(),
        "read_s": read - started, "import_s": imported - read, "cli_s": done - imported,
        "peak_before": before, "peak_after": peak(),
    })
print(json.dumps(report))
"""


def _grown(page: str, row: str, copy: Callable[[int], str], count: int) -> str:
    at = page.index(row) + len(row)
    return page[:at] + "".join(copy(i) for i in range(count)) + page[at:]


def _padded(page: str, target: int) -> str:
    """Trailing spaces on every line (no text, no tags, no lines) until the page is about `target` bytes."""
    lines = page.split("\n")
    pad = max(0, (target - len(page.encode("utf-8"))) // len(lines))
    return "\n".join(line + " " * pad for line in lines)


def _under_every_limit(kind: str) -> tuple[str, str]:
    """A valid-looking page with table rows, text and bytes each just under the readers' limits."""
    rows = MAX_PAGE_ROWS - 30  # the fixture's own rows besides
    words = "描述" * int(MAX_PAGE_TEXT * 0.7 / rows / 2)  # 70 % of the text in the rows, the page's own besides
    target = MAX_PAGE_BYTES - 64 * 1024
    if kind == "html":
        page = HTML_PAGE.read_text("utf-8")
        found = re.search(r"<tr><td[^>]*><p>subject</p>.*?</tr>\n", page, re.DOTALL)
        assert found is not None
        row = found.group()
        copy = row.replace("。", words, 1)
        page = _grown(page, row, lambda i: copy.replace(">subject<", f">subject_{i}<"), rows)
        script = "<script>/* " + "-" * (target - len(page.encode("utf-8"))) + " */</script>"
        return page.replace("</head>", script + "</head>", 1), "under_limits.html"
    if kind == "md":
        page = MD_PAGE.read_text("utf-8")
        found = re.search(r'<tr id="row4583839084712">.*?</tr>\n', page, re.DOTALL)
        assert found is not None
        row = found.group()
        copy = row.replace("实例名称。", words)
        page = _grown(page, row, lambda i: copy.replace(">name<", f">name_{i}<"), rows)
        return _padded(page, target), "under_limits.md"
    if kind == "pipe":
        page, row = PIPE_PAGE.read_text("utf-8"), "|description|否|String|仓库的描述信息。|\n"
        copy = row.replace("仓库的描述信息。", words)
        page = _grown(page, row, lambda i: copy.replace("description", f"description_{i}"), rows)
        return _padded(page, target), "under_limits_pipe.md"
    page, row = TEXT_PAGE.read_text("utf-8"), "name\n\nYes\n\nString\n\n主题名称。\n\n"
    copy = row.replace("主题名称。", words)
    page = _grown(page, row, lambda i: copy.replace("name", f"name_{i}", 1), rows)
    return _padded(page, target), "under_limits.txt"


def _fifteen_mb_of_rows(kind: str) -> tuple[str, str]:
    """A page of the fixture's table row copied to 15 MB (over MAX_PAGE_BYTES, under the old 20 MB)."""
    page = HTML_PAGE.read_text("utf-8") if kind == "html" else MD_PAGE.read_text("utf-8")
    pattern = r"<tr><td[^>]*><p>subject</p>.*?</tr>\n" if kind == "html" else r'<tr id="row4583839084712">.*?</tr>\n'
    found = re.search(pattern, page, re.DOTALL)
    assert found is not None
    row, name = found.group(), ">subject<" if kind == "html" else ">name<"
    count = 15 * MB // len(row.encode("utf-8"))
    return _grown(page, row, lambda i: row.replace(name, f">field_{i}<"), count), f"rows_15mb.{kind}"


@pytest.mark.slow  # 50 MB pages and pages under every limit, timed and measured in a subprocess: 6 s
def test_big_pages_in_time_and_memory(tmp_path: Path) -> None:
    pytest.importorskip("resource")
    pages: list[Path] = []
    for name, head, chunk in (
        ("huge_50mb.html", b"<html><body><h1>T</h1>", b"<p>x</p>\n" * (MB // 9)),
        ("huge_50mb.md", b"# T\n\n|a|b|\n|--|--|\n", b"|x|y|\n" * (MB // 6)),
    ):
        pages.append(tmp_path / name)
        with pages[-1].open("wb") as out:
            out.write(head)
            for _ in range(50):
                out.write(chunk)
    for text, name in [_fifteen_mb_of_rows("html"), _fifteen_mb_of_rows("md")] + [
        _under_every_limit(kind) for kind in ("html", "md", "pipe", "txt")
    ]:
        pages.append(tmp_path / name)
        pages[-1].write_text(text, "utf-8")
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, *map(str, pages)], capture_output=True, text=True, cwd=ROOT, timeout=300
    )
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout)
    by_name = {page["page"]: page for page in report["pages"]}
    for page in report["pages"]:
        label = f"{page['page']} ({page['bytes']:,} bytes)"
        for step in ("read_s", "import_s", "cli_s"):
            assert page[step] < SECONDS, f"{label}: {step} {page[step]:.1f} s"
        assert page["peak_after"] < MEGABYTES, f"{label}: peak {page['peak_after']:.0f} MB"
        assert min(page["lines"] + page["cli_lines"] + [p[0] for p in page["problems"]], default=1) >= 1, label
        assert page["exit"] in (0, 1) and not page["traceback"], label
    for name in ("huge_50mb.html", "huge_50mb.md", "rows_15mb.html", "rows_15mb.md"):
        page = by_name[name]
        assert [p[1] for p in page["problems"]] == ["size"] and page["action"] == "failed", name
        assert page["read_s"] < 1.0, f"{name}: refused in {page['read_s']:.2f} s"
    first = by_name["huge_50mb.html"]  # the first big page: read once, refused, never copied
    assert first["peak_after"] - first["peak_before"] < 1.5 * first["bytes"] / MB, first
    for name in ("under_limits.html", "under_limits.md", "under_limits_pipe.md", "under_limits.txt"):
        page = by_name[name]
        assert page["problems"] == [] or all(p[1] != "size" for p in page["problems"]), (name, page["problems"])
        assert page["rows"] > MAX_PAGE_ROWS - 40 and page["bytes"] > MAX_PAGE_BYTES * 0.9, (name, page["rows"])


def test_just_over_each_count_is_refused_quickly() -> None:
    cases = {
        "lines.txt": "\n" * (MAX_PAGE_LINES + 1),
        "lines_cr.md": "a\r" * (MAX_PAGE_LINES + 1),
        "tags.html": "<b>" * (MAX_PAGE_TAGS + 1),
        "tags.md": "<b>" * (MAX_PAGE_TAGS + 1),
        "pipes.md": "|" * (MAX_PAGE_PIPES + 1),
        "rows.md": "# T\n\n|a|b|\n|--|--|\n" + "|x|y|\n" * (MAX_PAGE_ROWS + 1),
        "text.txt": "T\n\nFunction\n\n" + ("x" * 999 + "\n") * (MAX_PAGE_TEXT // 999 + 1),
        "bytes.html": "x" * (MAX_PAGE_BYTES + 1),
    }
    for name, text in cases.items():
        started = time.perf_counter()
        doc = read_document(text.encode(), name)
        assert time.perf_counter() - started < 1.0, name
        assert [(p.line, p.kind, p.severity) for p in doc.problems] == [(1, "size", "error")], (name, doc.problems)
        assert doc.sections == [] and doc.title is None
