"""report, templates and export: valid Markdown, inert case text, exact golden output, round trips."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import sqlite3
import tomllib
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from reformkit.render.briefing.anchors import slug

from .conftest import REPO, minimal_case

GOLDEN = Path(__file__).parent / "golden"
GOLDEN_IDS = "id:hnbiz-4-02,hnftp-12-01,haikou-p168-12"
TEMPLATES = ("briefing", "digest", "table")


def parse(markdown: str):
    return MarkdownIt("commonmark").enable("table").parse(markdown)


def headings(tokens):
    """(level, rendered text) of every heading."""
    found = []
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            found.append(
                (
                    int(token.tag[1]),
                    tokens[index + 1].children
                    and "".join(
                        child.content
                        for child in tokens[index + 1].children
                        if child.type in ("text", "code_inline")
                    ),
                )
            )
    return found


def table_rows(tokens):
    """Cell counts of every table row, per table."""
    tables, current, cells = [], None, 0
    for token in tokens:
        if token.type == "table_open":
            current = []
        elif token.type == "tr_open":
            cells = 0
        elif token.type in ("th_open", "td_open"):
            cells += 1
        elif token.type == "tr_close":
            current.append(cells)
        elif token.type == "table_close":
            tables.append(current)
    return tables


def links(tokens):
    from urllib.parse import unquote

    found = []
    for token in tokens:
        for child in token.children or []:
            if child.type == "link_open":
                found.append(unquote(child.attrs["href"]))
    return found


@pytest.fixture
def in_repo(monkeypatch):
    monkeypatch.chdir(REPO)


@pytest.mark.parametrize("template", TEMPLATES)
def test_every_template_is_valid_markdown_for_the_whole_library(in_repo, invoke, template):
    result = invoke("report", "--template", template)
    assert result.exit_code == 0, result.stderr
    tokens = parse(result.stdout)
    for table in table_rows(tokens):
        assert len(set(table)) == 1, table  # every row has the header's number of cells
    # The internal document file names are data, never a reader's citation.
    assert ".txt" not in result.stdout
    assert "ac56779b124b8375" not in result.stdout
    assert result.stdout.count("海南自由贸易港制度创新案例第3号（来源文件未载标题）") == 1
    if template == "briefing":
        level_two = [text for level, text in headings(tokens) if level == 2]
        assert len(level_two) == 2 + 51  # contents, overview, one per case
        anchors = {slug(text) for _, text in headings(tokens)}
        assert len(anchors) == len(headings(tokens))
        toc = [href for href in links(tokens) if href.startswith("#")]
        assert len(toc) == 51
        assert all(href[1:] in anchors for href in toc)
    if template == "table":
        assert table_rows(tokens) == [[7] * 52]
    if template == "digest":
        assert result.stdout.count("来源：") == 51


@pytest.mark.parametrize("template", ("briefing", "digest"))
def test_grouped_by_tag_prints_each_case_once_and_links_it_under_its_other_tags(in_repo, invoke, template):
    from reformkit.render.briefing.anchors import Anchors

    text = invoke("report", "--group-by", "tag", "--template", template).stdout
    tokens = parse(text)
    github = Anchors()  # numbers repeated headings x, x-1, x-2 as GitHub does
    found = headings(tokens)
    anchors = {github(heading) for _, heading in found}
    targets = [href[1:] for href in links(tokens) if href.startswith("#")]
    assert targets and all(a in anchors for a in targets)
    case_headings = [heading for level, heading in found if level == 3]
    assert len(case_headings) == len(set(case_headings)) == 51  # each case once
    # A case with several tags is listed by link under the others: 另见：[…](#…)
    assert text.count("另见：") > 0
    # No case is repeated in full: the grouped briefing is about as long as the plain one.
    plain = invoke("report", "program:hnbiz", "--template", template).stdout
    grouped = invoke("report", "program:hnbiz", "--group-by", "tag", "--template", template).stdout
    assert len(grouped) < len(plain) * 1.4


@pytest.mark.parametrize("template", TEMPLATES)
def test_golden_output(in_repo, invoke, template):
    result = invoke("report", GOLDEN_IDS, "--template", template, "--sort", "id")
    assert result.stdout == (GOLDEN / f"{template}.md").read_text("utf-8")


def test_a_case_listed_and_grouped_is_worded_once_and_the_briefing_ends_in_one_newline(tmp_path):
    from reformkit.library.documents import as_case
    from reformkit.render.briefing import markdown as rendered
    from reformkit.report.briefing import ReportOptions, build

    case = {
        "id": "a",
        "title": "标题",
        "program": "t",
        "published": "2023",
        "region": {"province": "海南省"},
        "practices": [{"title": "做法"}],
        "source": {"document": "a.txt"},
    }
    briefing = build([dict(as_case(case))], ReportOptions(), {})
    data = rendered.worded(briefing)
    assert data["groups"][0]["cases"][0] is data["cases"][0]
    grouped = rendered.worded(build([dict(as_case(case))], ReportOptions(group_by="tag"), {}))
    assert grouped["groups"][0]["cases"][0]["anchor"] == grouped["cases"][0]["anchor"]
    for template, expected in (("x\n", "x\n"), ("x", "x\n"), ("x\n\n\n", "x\n"), ("", "\n")):
        path = tmp_path / "t.md.j2"
        path.write_text(template, encoding="utf-8")
        assert rendered.render(str(path), briefing) == expected


HOSTILE = (
    minimal_case("evil")
    + """\
summary: "a|b\\nline two <script>alert(1)</script> [x](javascript:alert(1)) ![i](http://x/i.png) `code` http://evil.example www.evil.example {{ 7*7 }} {% if 1 %}x{% endif %}"
metrics:
  - {label: "L|a\\nbel <b>", kind: volume, value: 1, unit: 件}
""".replace("title: 标题", 'title: "# not a heading | ["')
)


def test_hostile_case_text_renders_inert(library, invoke):
    library.write("evil.yaml", HOSTILE)
    for template in TEMPLATES:
        result = invoke("report", "--template", template)
        assert result.exit_code == 0, result.stderr
        tokens = parse(result.stdout)
        for table in table_rows(tokens):
            assert len(set(table)) == 1, (template, table)
        html = MarkdownIt("commonmark").enable("table").render(result.stdout)
        assert "<script" not in html and "<b>" not in html
        assert "javascript:" not in "".join(links(tokens)) and "<img" not in html
        assert not [h for h in links(tokens) if not h.startswith("#")]
        assert "49" not in result.stdout  # no template evaluation of case text
        assert "http://evil" not in result.stdout and "www.evil" not in result.stdout


def test_output_file_is_written_atomically_and_never_clobbered(library, invoke, isolated):
    library.write("a.yaml", minimal_case("a"))
    assert invoke("report", "-o", "brief.md").exit_code == 0
    first = (isolated / "brief.md").read_text("utf-8")
    assert first.startswith("# 改革案例简报\n")
    again = invoke("report", "--title", "新", "-o", "brief.md")
    assert again.exit_code == 2 and "brief.md already exists; pass --force" in again.stderr
    assert (isolated / "brief.md").read_text("utf-8") == first
    assert invoke("report", "--title", "新", "-o", "brief.md", "--force").exit_code == 0
    assert (isolated / "brief.md").read_text("utf-8").startswith("# 新\n")
    assert [p.name for p in isolated.iterdir() if p.name.endswith(".tmp")] == []


def test_empty_selection_writes_no_file(library, invoke, isolated):
    library.write("a.yaml", minimal_case("a"))
    result = invoke("report", "nothing-matches-this", "-o", "brief.md")
    assert result.exit_code == 1
    assert not (isolated / "brief.md").exists()


def test_lang_front_matter_and_date(library, invoke):
    library.write("a.yaml", minimal_case("a"))
    text = invoke(
        "report", "--lang", "en", "--front-matter", "--date", "2026-01-02", "--title", 'A "quoted" title'
    ).stdout
    assert text.startswith(
        '---\ntitle: "A \\"quoted\\" title"\ndate: 2026-01-02\ncases: 1\ngenerator: reformkit\n---\n'
    )
    assert "## Contents" in text and "**Practices**" in text
    assert invoke("report", "--date", "someday").exit_code == 2


def test_custom_template_and_template_errors(library, invoke, isolated):
    library.write("a.yaml", minimal_case("a"))
    (isolated / "mine.md.j2").write_text(
        "# {{ title }}\n{% for case in cases %}\n- {{ case.id }}\n{% endfor %}\n"
    )
    assert invoke("report", "--template", "mine.md.j2").stdout == "# 改革案例简报\n- a\n"
    (isolated / "broken.md.j2").write_text("line one\n{% for x in cases %}\n")
    result = invoke("report", "--template", "broken.md.j2")
    assert result.exit_code == 2 and "broken.md.j2:2: template syntax error" in result.stderr
    (isolated / "typo.md.j2").write_text("ok\n{{ cases[0].titel }}\n")
    result = invoke("report", "--template", "typo.md.j2")
    assert (
        result.exit_code == 2 and "typo.md.j2:2: template error" in result.stderr and "titel" in result.stderr
    )
    assert invoke("report", "--template", "nope").exit_code == 2


def test_templates_list_and_copy(invoke, isolated):
    assert invoke("templates").stdout.splitlines()[0].startswith("briefing ")
    assert invoke("templates", "copy", "digest").stdout == "digest.md.j2\n"
    assert (isolated / "digest.md.j2").read_text("utf-8").startswith("{#- digest")
    assert invoke("templates", "copy", "digest").exit_code == 2
    assert invoke("templates", "copy", "nope").exit_code == 2


def test_json_export_revalidates_to_the_same_cases(in_repo, invoke, tmp_path, monkeypatch):
    exported = json.loads(invoke("export", "--format", "json").stdout)
    assert len(exported) == 51 and all("path" not in case for case in exported)
    library = tmp_path / "copy"
    (library / "cases").mkdir(parents=True)
    (library / "reformkit.toml").write_text((REPO / "reformkit.toml").read_text("utf-8"), encoding="utf-8")
    (library / "thesaurus.toml").write_bytes((REPO / "thesaurus.toml").read_bytes())
    for case in exported:
        (library / "cases" / f"{case['id']}.yaml").write_text(
            json.dumps(case, ensure_ascii=False), encoding="utf-8"
        )
    monkeypatch.chdir(library)
    assert invoke("validate").stdout == "51 files, 0 errors, 0 warnings\n"
    assert json.loads(invoke("export", "--format", "json").stdout) == exported


def test_sqlite_export_row_counts_and_keys(in_repo, invoke, tmp_path):
    target = tmp_path / "cases.db"
    assert invoke("export", "--format", "sqlite", "-o", str(target)).exit_code == 0
    cases = [json.loads(line) for line in invoke("export", "--format", "jsonl").stdout.splitlines()]
    with contextlib.closing(sqlite3.connect(target)) as db:
        count = lambda table: db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: E731
        assert count("cases") == 51
        assert count("practices") == sum(len(c["practices"]) for c in cases)
        assert count("outcomes") == sum(len(c.get("outcomes", [])) for c in cases)
        assert count("metrics") == sum(len(c.get("metrics", [])) for c in cases)
        assert count("agencies") == sum(len(c.get("agencies", [])) for c in cases)
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        assert db.execute("SELECT count(*) FROM pragma_foreign_key_list('metrics')").fetchone()[0] == 1
    assert invoke("export", "--format", "sqlite", "-o", str(target)).exit_code == 2
    assert invoke("export", "--format", "sqlite").exit_code == 2


def test_csv_export_documented_columns(in_repo, invoke):
    from reformkit.render.sheets import CSV_COLUMNS

    rows = list(csv.DictReader(io.StringIO(invoke("export", "--format", "csv").stdout)))
    assert len(rows) == 51 and tuple(rows[0]) == CSV_COLUMNS
    row = next(r for r in rows if r["id"] == "hnbiz-4-08")
    assert (
        "跨境电商一般出口（9610）通关流程时间（时间）：72小时以上 → 1.04小时，压缩98%以上"
        in row["metrics"].splitlines()
    )


def test_toml_export_loads(in_repo, invoke):
    data = tomllib.loads(invoke("export", "--format", "toml", "program:hnbiz").stdout)
    assert [c["id"] for c in data["cases"]] == [f"hnbiz-4-{n:02d}" for n in range(1, 9)]


def test_csv_export_neutralises_formulas(library, invoke):
    library.write("a.yaml", minimal_case("a").replace("title: 标题", "title: '=1+2'"))
    row = next(csv.DictReader(io.StringIO(invoke("export", "--format", "csv").stdout)))
    assert row["title"] == "'=1+2"
