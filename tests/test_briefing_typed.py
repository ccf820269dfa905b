"""The typed briefing: numbering decided once, in document order, read by every writer.

Each grouping of the bundled library is written in all three formats (Word for the cases the
issue's example selects, 一网通办, which was numbered 1, 2 | 5, 7 | 3 | 4, 6 by program: the
whole library's Word briefing is written by the slow PDF test); the numbers of the contents,
the body and the overview run 1..N in document order in each, and the contents list the
cases in the order the body prints them (issue 25, item 1)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn

from reformkit.report.briefing import ReportOptions, build

REPO = Path(__file__).resolve().parent.parent
GROUPINGS = [None, "program", "region", "tag"]


@pytest.fixture
def in_repo(monkeypatch):
    monkeypatch.chdir(REPO)


def report(invoke, tmp_path: Path, group_by: str | None, form: str, *query: str) -> Any:
    args = ["report", *query, "--to", form] + (["--group-by", group_by] if group_by else [])
    if form == "docx":
        target = tmp_path / "b.docx"
        result = invoke(*args, "-o", str(target), "--force")
        assert result.exit_code == 0, result.stderr
        return docx.Document(str(target))
    result = invoke(*args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def numbers(found: list[str]) -> list[int]:
    return [int(n) for n in found]


@pytest.mark.parametrize("group_by", GROUPINGS)
def test_every_writer_numbers_the_cases_1_to_n_in_document_order(in_repo, invoke, tmp_path, group_by):
    count = len(list((REPO / "cases").glob("*.yaml")))
    expected = list(range(1, count + 1))

    text = report(invoke, tmp_path, group_by, "md")
    contents, _, rest = text.partition("## 概览")
    overview, body = rest[: rest.index("\n#")], rest[rest.index("\n#") :]
    assert numbers(re.findall(r"^ *- \[(\d+)\\\. ", contents, re.M)) == expected
    assert numbers(re.findall(r"^\| (\d+) \|", overview, re.M)) == expected
    assert numbers(re.findall(r"^#{2,3} (\d+)\\\. ", body, re.M)) == expected
    titles = re.findall(r"^ *- \[\d+\\\. (.*)\]\(#", contents, re.M)
    assert titles == re.findall(r"^#{2,3} \d+\\\. (.*)$", body, re.M)

    page = report(invoke, tmp_path, group_by, "html")
    nav, _, after_nav = page.partition("</nav>")
    overview_html, _, body_html = after_nav.partition("</table>")
    assert numbers(re.findall(r'<li value="(\d+)">', nav)) == expected
    assert numbers(re.findall(r'<td class="num"><span class="nw">(\d+)</span></td>', overview_html)) == expected
    assert numbers(re.findall(r'<section class="case" id="case-(\d+)">', body_html)) == expected
    assert re.findall(r'href="#case-\d+">(.*?)</a>', nav) == re.findall(
        r'<section class="case" id="case-\d+">\n<h\d class="l\d">(.*?)</h\d>', body_html
    )

    expected = list(range(1, 8))
    document = report(invoke, tmp_path, group_by, "docx", "一网通办")
    body_xml = document.element.body
    marks = [m.get(qn("w:name")) for m in body_xml.iter(qn("w:bookmarkStart"))]
    assert numbers([m[4:] for m in marks if re.fullmatch(r"_Toc\d+", m)]) == expected
    references = [t.text for t in body_xml.iter(qn("w:instrText")) if "PAGEREF _Toc" in (t.text or "")]
    assert numbers(re.findall(r"PAGEREF _Toc(\d+)", "".join(references))) == expected
    first_column = [row.cells[0].text for row in document.tables[0].rows[1:]]
    assert numbers([n for n in first_column if n.isdigit()]) == expected
    contents_lines = [p.text.rstrip("\t") for p in document.paragraphs if p.style.name in ("TOC 1", "TOC 2")]
    level = "Heading 2" if group_by else "Heading 1"
    headings = [
        p.text
        for p in document.paragraphs
        if p.style.name in ("Heading 1", "Heading 2") and p._p.find(qn("w:bookmarkStart")) is not None
    ]
    assert contents_lines == headings
    assert len([p for p in document.paragraphs if p.style.name == level and p.text in headings]) == 7


def test_the_briefing_is_numbered_once_through_its_groups():
    cases = [
        {"id": i, "title": i, "program": p, "published": "2023", "region": {"province": "海南省"}, "tags": t}
        for i, p, t in (("a", "y", ["乙"]), ("b", "x", ["甲", "乙"]), ("c", "y", ["甲"]))
    ]
    briefing = build(cases, ReportOptions(group_by="tag"), {"x": "X项目", "y": "Y项目"})  # type: ignore[arg-type]
    assert [(g.name, [c.id for c in g.cases], [c.id for c in g.see_also]) for g in briefing.groups] == [
        ("乙", ["a"], ["b"]),
        ("甲", ["b", "c"], []),
    ]
    assert [(c.position, c.id) for c in briefing.cases] == [(1, "a"), (2, "b"), (3, "c")]
    assert briefing.programs == ("X项目", "Y项目") and briefing.count == 3
    by_program = build(cases, ReportOptions(group_by="program"), {"x": "X项目", "y": "Y项目"})  # type: ignore[arg-type]
    assert [(c.position, c.id) for c in by_program.cases] == [(1, "b"), (2, "a"), (3, "c")]
    plain = build(cases, ReportOptions(), {})  # type: ignore[arg-type]
    assert [c.id for c in plain.cases] == ["a", "b", "c"] and plain.groups[0].name is None
