"""report, templates and export: valid Markdown, inert case text, exact golden output, round trips."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import tomllib
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from reformkit.report import slug

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
    sources = {
        "000_cf0a2b5f4b5f3d57",
        "001_986b55f30dd11b91",
        "002_ac56779b124b8375",
        "003_ebf358719104718c",
        "004_bcd373f9ba40f299",
    }
    # Sources are cited by publisher, title and date, not by the archive's file name: that
    # is shown only for 002, whose cases' sources name nothing else.
    shown = {s for s in sources if s.replace("_", "\\_") in result.stdout}
    assert shown == {"002_ac56779b124b8375"}
    assert "planned" not in result.stdout and "pilot" not in result.stdout  # status in Chinese
    if template == "briefing":
        level_two = [text for level, text in headings(tokens) if level == 2]
        assert len(level_two) == 2 + 51  # contents, overview, one per case
        anchors = {slug(text) for _, text in headings(tokens)}
        assert len(anchors) == len(headings(tokens))
        toc = [href for href in links(tokens) if href.startswith("#")]
        assert len(toc) == 51
        assert all(href[1:] in anchors for href in toc)
    if template == "table":
        assert table_rows(tokens) == [[9] * 52]
    if template == "digest":
        assert result.stdout.count("来源: ") == 51
        assert result.stdout.count("谋划推进（预计") > 0


def test_grouped_briefing_toc_links_resolve(in_repo, invoke):
    from reformkit.report import Anchors

    tokens = parse(invoke("report", "--group-by", "tag").stdout)
    github = Anchors()  # numbers repeated headings x, x-1, x-2 as GitHub does
    anchors = {github(text) for _, text in headings(tokens)}
    toc = [href[1:] for href in links(tokens) if href.startswith("#")]
    assert toc and all(a in anchors for a in toc)
    # A case in two tags appears twice; its second heading gets GitHub's -1 suffix.
    assert len(toc) == len(set(toc))


@pytest.mark.parametrize("template", TEMPLATES)
def test_golden_output(in_repo, invoke, template):
    result = invoke("report", GOLDEN_IDS, "--template", template, "--sort", "id")
    assert result.stdout == (GOLDEN / f"{template}.md").read_text("utf-8")


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
    db = sqlite3.connect(target)
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
    from reformkit.export import CSV_COLUMNS

    rows = list(csv.DictReader(io.StringIO(invoke("export", "--format", "csv").stdout)))
    assert len(rows) == 51 and tuple(rows[0]) == CSV_COLUMNS
    row = next(r for r in rows if r["id"] == "hnbiz-4-08")
    assert (
        "跨境电商一般出口（9610）通关流程时间 [time]: 72小时以上 → 1.04小时; -98%以上"
        in row["metrics"].splitlines()
    )


def test_toml_export_loads(in_repo, invoke):
    data = tomllib.loads(invoke("export", "--format", "toml", "program:hnbiz").stdout)
    assert [c["id"] for c in data["cases"]] == [f"hnbiz-4-{n:02d}" for n in range(1, 9)]


def test_csv_export_neutralises_formulas(library, invoke):
    library.write("a.yaml", minimal_case("a").replace("title: 标题", "title: '=1+2'"))
    row = next(csv.DictReader(io.StringIO(invoke("export", "--format", "csv").stdout)))
    assert row["title"] == "'=1+2"
