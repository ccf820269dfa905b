"""report --to docx|html: the briefing as a writer opens it (python-docx, an HTML parser),
its layout and fonts, byte-for-byte reproducibility, inert case text, and the charts."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from reformkit.render.briefing import office as plain
from reformkit.report.chart import reduction_charts
from reformkit.wording import briefing as words
from reformkit.wording import describe

from .conftest import minimal_case

HOSTILE = Path(__file__).parent / "hostile" / "cases"

CASE_A = """\
id: a
title: 企业开办一网通办
program: t
published: 2023-09-19
region: {province: 海南省, city: 海口市}
agencies: [海口市市场监管局]
tags: [企业开办]
practices:
  - {title: 一窗受理, detail: 申请人只进一扇门。}
  - {title: 全程网办}
outcomes:
  - {title: 办事时间大幅压缩}
metrics:
  - {label: 开办时间, kind: time, change_pct: -76}
  - {label: 申请材料, kind: materials, before: 10, after: 4, unit: 件}
  - {label: 受理量, kind: volume, value: 12, unit: 万笔, as_of: '2022'}
source: {title: 示范案例, publisher: 省营商办, date: 2023-09-19, document: a.txt}
"""

CASE_B = """\
id: b
title: 通关便利改革
program: t
published: 2021-04-10
region: {province: 海南省}
tags: [通关便利]
practices: [{title: 提前申报}]
metrics:
  - {label: 通关时间, kind: time, before: 20, after: 5, unit: 工作日}
  - {label: 查验时间, kind: time, change_pct: -30, approx: {change_pct: over}}
source: {document: b.txt}
"""

PAYLOADS = ("<script>alert(1)</script>", "[x](javascript:alert(1))", "<img src=x onerror=1>")

CASE_HOSTILE = """\
id: h
title: '<script>alert(1)</script>标题'
program: t
published: 2022-01-01
region: {province: 海南省}
tags: [政务服务]
practices:
  - title: '[x](javascript:alert(1))'
    detail: '<img src=x onerror=1> 详见 www.evil.example'
metrics:
  - {label: '<b>时间</b>', kind: time, before: 8, after: 2, unit: 天}
source: {document: h.txt}
"""


@pytest.fixture
def cases(library):
    library.write("a.yaml", CASE_A)
    library.write("b.yaml", CASE_B)
    return library


def build(invoke, *args: str) -> docx.document.Document:
    result = invoke("report", "--sort", "id", *args, "-o", "brief.docx", "--force")
    assert result.exit_code == 0, result.stderr
    return docx.Document("brief.docx")


def paragraphs(document, style: str) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == style]


def east_asia(style) -> str | None:
    fonts = style.element.rPr.find(qn("w:rFonts"))
    return fonts.get(qn("w:eastAsia"))


# -- Word ----------------------------------------------------------------------------------


def test_docx_has_the_briefing_structure(cases, invoke):
    document = build(invoke, "--to", "docx")
    assert paragraphs(document, "Title") == ["改革案例简报"]
    assert paragraphs(document, "Heading 1") == [
        "目录",
        "概览",
        "数据图表",
        "一、企业开办一网通办",
        "二、通关便利改革",
    ]
    assert paragraphs(document, "Heading 2") == [
        "（一）时间变化幅度",
        "（二）材料变化幅度",
        "（一）主要做法",
        "（二）实践效果",
        "（三）数据指标",
        "（四）来源",
        "（一）主要做法",
        "（二）数据指标",
        "（三）来源",
    ]
    texts = [p.text.replace("\u2060", "") for p in document.paragraphs]  # word joiners keep figures whole
    assert "本简报收录2个案例，来自测试项目，发布于2021年至2023年。" in texts
    # the contents: each heading of the body, its page number a PAGEREF field after a tab
    assert "一、企业开办一网通办\t" in texts and "二、通关便利改革\t" in texts
    assert "1．一窗受理。申请人只进一扇门。" in texts
    assert "测试项目 · 海南省海口市 · 2023年9月19日" in texts
    assert "省营商办《示范案例》，2023年9月19日" in texts
    # A source that names nothing but its archived file is cited by program and number.
    assert not any("b.txt" in text for text in texts)
    assert any(text.endswith("（来源文件未载标题）") for text in texts)
    # each case starts on a new page
    first_case = next(p for p in document.paragraphs if p.text == "一、企业开办一网通办")
    assert first_case.paragraph_format.page_break_before is True


def test_docx_tables_hold_the_overview_and_the_metrics(cases, invoke):
    document = build(invoke, "--to", "docx", "--no-charts")
    rows = [[cell.text for cell in row.cells] for row in document.tables[0].rows]
    assert rows == [
        ["序号", "案例", "状态", "关键数据", "地区", "发布"],
        ["1", "企业开办一网通办", "已实施", "开办时间压缩76%；申\n请材料减少60%\n（据前后数值计算）", "海南省海口市", "2023年9月19日"],
        ["2", "通关便利改革", "已实施", "通关时间压缩75%\n（据前后数值计算）；\n查验时间压缩30%以上", "海南省", "2021年4月10日"],
    ]  # fmt: skip
    # the key figures break between chunks only: never inside a figure or the computed note
    for row in rows[1:]:
        for line in row[3].split("\n"):
            assert not re.search(r"\d$", line) and not line.startswith(("%", "件", "工作日", "据"))
            assert ("（据" in line) == ("计算）" in line)
    metrics_a = [[cell.text for cell in row.cells] for row in document.tables[1].rows]
    assert metrics_a == [
        ["指标", "数值", "前 → 后", "变化", "截至"],
        ["开办时间", "", "", "压缩76%", ""],
        ["申请材料", "", "10件 → 4件", "减少60%\n（据前后数值计算）", ""],
        ["受理量", "12万笔", "", "", "2022年"],
    ]
    metrics_b = [[cell.text for cell in row.cells] for row in document.tables[2].rows]
    assert metrics_b == [  # columns no metric uses are left out
        ["指标", "前 → 后", "变化"],
        ["通关时间", "20个工作日 → 5个工作日", "压缩75%\n（据前后数值计算）"],
        ["查验时间", "", "压缩30%以上"],
    ]
    assert len(document.tables) == 3  # --no-charts: no chart tables
    assert "数据图表" not in paragraphs(document, "Heading 1")


def test_docx_fonts_and_page_follow_official_document_conventions(cases, invoke):
    document = build(invoke, "--to", "docx")
    styles = document.styles
    assert east_asia(styles["Normal"]) == "仿宋"
    assert east_asia(styles["Title"]) == "方正小标宋简体"
    assert east_asia(styles["Heading 1"]) == "黑体"
    assert east_asia(styles["Heading 2"]) == "楷体"
    normal = styles["Normal"]
    assert normal.font.size == Pt(16)
    assert normal.paragraph_format.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert normal.paragraph_format.line_spacing == Pt(29)
    assert styles["Title"].font.size == Pt(22)
    lang = normal.element.rPr.find(qn("w:lang"))
    assert lang.get(qn("w:eastAsia")) == "zh-CN"
    section = document.sections[0]
    measured = [section.page_width, section.page_height]
    measured += [section.top_margin, section.bottom_margin, section.left_margin, section.right_margin]
    assert [round(length.mm) for length in measured] == [210, 297, 37, 35, 28, 26]
    footer = section.footer.paragraphs[0]
    assert "PAGE" in "".join(t.text for t in footer._p.iter(qn("w:instrText")))
    assert footer.text == "— 1 —"
    with zipfile.ZipFile("brief.docx") as package:
        table = package.read("word/fontTable.xml").decode("utf-8")
    assert 'w:name="仿宋"><w:altName w:val="仿宋_GB2312"/>' in table
    assert 'w:name="方正小标宋简体"><w:altName w:val="宋体"/>' in table


def test_docx_bytes_are_reproducible(cases, invoke, isolated):
    build(invoke, "--to", "docx")
    first = (isolated / "brief.docx").read_bytes()
    build(invoke, "--to", "docx")
    assert (isolated / "brief.docx").read_bytes() == first
    with zipfile.ZipFile(io.BytesIO(first)) as package:
        names = package.namelist()
        assert names[0] == "[Content_Types].xml"
        assert {info.date_time for info in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    properties = docx.Document(io.BytesIO(first)).core_properties
    assert properties.created.isoformat() == "2023-09-19T00:00:00+00:00"  # the newest case
    assert properties.modified == properties.created
    assert properties.title == "改革案例简报"
    dated = build(invoke, "--to", "docx", "--date", "2026-01-02").core_properties
    assert dated.created.isoformat() == "2026-01-02T00:00:00+00:00"


def test_docx_charts_are_tables_of_shaded_cells(cases, invoke):
    document = build(invoke, "--to", "docx")
    legend, time_chart, materials_chart = document.tables[1:4]
    assert [c.text for c in legend.rows[0].cells] == ["", "据原文", "", "据前后数值计算"]
    # 20 grid columns of bar: the bar is one merged, shaded cell spanning its share
    labels = [row.cells[0].text for row in time_chart.rows]
    assert labels == ["一、企业开办一网通办\n开办时间", "二、通关便利改革\n通关时间"]  # as the headings
    assert [row.cells[-1].text for row in time_chart.rows] == ["压缩76%", "压缩75%"]
    spans = []
    for row in time_chart.rows:
        bar = row._tr.tc_lst[1]
        fill = bar.tcPr.find(qn("w:shd")).get(qn("w:fill"))
        spans.append((bar.grid_span, fill))
    assert spans == [(15, "8B1A1A"), (15, "E3A9A9")]  # 76 % and 75 % of 20 cells; stated, computed
    assert [row.cells[-1].text for row in materials_chart.rows] == ["减少60%"]


def test_docx_reference_doc_imposes_its_styles(cases, invoke, isolated):
    reference = docx.Document()
    heading = reference.styles["Heading 1"]
    heading.font.name = "Arial"
    heading.element.rPr.rFonts.set(qn("w:eastAsia"), "微软雅黑")
    heading.font.size = Pt(20)
    reference.add_paragraph("the reference's own text")
    reference.sections[0].left_margin = Mm(20)
    reference.save(isolated / "office.docx")

    document = build(invoke, "--to", "docx", "--reference-doc", "office.docx")
    styles = document.styles
    assert east_asia(styles["Heading 1"]) == "微软雅黑"
    assert styles["Heading 1"].font.size == Pt(20)
    assert round(document.sections[0].left_margin.mm) == 20
    assert "the reference's own text" not in [p.text for p in document.paragraphs]
    assert paragraphs(document, "Heading 1")[-1] == "二、通关便利改革"
    assert "Table Text" in [s.name for s in styles]  # styles it lacks are added
    # the suffix of -o picks docx, so --reference-doc works without --to
    assert invoke("report", "-o", "b.docx", "--reference-doc", "office.docx").exit_code == 0


def test_docx_reference_doc_that_is_not_a_word_file_is_a_usage_error(cases, invoke, isolated):
    (isolated / "fake.docx").write_text("not a zip", "utf-8")
    result = invoke("report", "-o", "brief.docx", "--reference-doc", "fake.docx")
    assert result.exit_code == 2
    assert "--reference-doc fake.docx: not a Word document (.docx)" in result.stderr
    assert not (isolated / "brief.docx").exists()
    assert "Traceback" not in result.stderr


# -- HTML ----------------------------------------------------------------------------------


class Page(HTMLParser):
    """Every element with its attributes, and the text a reader sees."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def tags(self, name: str, **attrs: str) -> list[dict[str, str | None]]:
        return [a for t, a in self.elements if t == name and all(a.get(k) == v for k, v in attrs.items())]


def parse(text: str) -> Page:
    page = Page()
    page.feed(text)
    page.close()
    return page


def test_html_structure_sections_and_charts(cases, invoke, isolated):
    result = invoke("report", "--sort", "id", "-o", "brief.html")
    assert result.exit_code == 0, result.stderr
    text = (isolated / "brief.html").read_text("utf-8")
    assert text.startswith("<!DOCTYPE html>")
    page = parse(text)
    assert [a["id"] for a in page.tags("section", **{"class": "case"})] == ["case-1", "case-2"]
    assert [a["data-kind"] for a in page.tags("svg", **{"class": "chart"})] == ["time", "materials"]
    assert len(page.tags("svg", **{"class": "legend"})) == 1
    assert page.tags("script") == [] and page.tags("img") == [] and page.tags("link") == []
    assert [a["href"] for a in page.tags("a")] == ["#case-1", "#case-2"]
    assert "@page { size: A4;" in text and "break-before: page" in text
    assert "http" not in text.replace("http-equiv", "").replace("http://www.w3.org/2000/svg", "")
    shown = "".join(page.text)
    assert "一、企业开办一网通办" in shown and "（三）数据指标" in shown
    assert "压缩76%" in shown and "压缩75%" in shown and "据前后数值计算" in shown
    # computed bars are hatched, stated ones solid
    assert [a["class"] for a in page.tags("rect") if a.get("class")] == ["stated", "computed", "computed"]


def test_html_without_charts_and_to_stdout(cases, invoke):
    result = invoke("report", "--to", "html", "--no-charts")
    assert result.exit_code == 0
    page = parse(result.stdout)
    assert page.tags("svg") == []
    assert "数据图表" not in "".join(page.text)
    assert len(page.tags("section", **{"class": "case"})) == 2


def test_no_chart_section_when_no_case_has_a_reduction(library, invoke):
    library.write("a.yaml", minimal_case("a"))
    page = parse(invoke("report", "--to", "html").stdout)
    assert page.tags("svg") == [] and "数据图表" not in "".join(page.text)
    document = build(invoke, "--to", "docx")
    assert "数据图表" not in paragraphs(document, "Heading 1")


def test_case_text_is_inert_in_html_and_docx(cases, invoke, isolated):
    cases.write("h.yaml", CASE_HOSTILE)
    text = invoke("report", "--to", "html").stdout
    page = parse(text)
    assert page.tags("script") == [] and page.tags("img") == []
    assert not [a for _, attrs in page.elements for a in attrs if a.startswith("on")]
    assert all(a["href"].startswith("#case-") for a in page.tags("a"))
    assert "javascript:" not in "".join(str(v) for _, attrs in page.elements for v in attrs.values())
    shown = "".join(page.text)
    for payload in PAYLOADS:
        assert payload in shown  # visible, as text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;标题" in text
    assert "&lt;img src=x onerror=1&gt;" in text
    assert "&lt;b&gt;时间&lt;/b&gt;" in text  # in the chart's SVG text too
    bold = [t for t, _ in page.elements if t == "b"]
    assert len(bold) == 5  # the lead-ins of 4 practices and 1 outcome, none from case text
    document = build(invoke, "--to", "docx")
    everything = [p.text for p in document.paragraphs]
    assert "三、<script>alert(1)</script>标题" in everything
    assert "1．[x](javascript:alert(1))。<img src=x onerror=1> 详见 www.evil.example" in everything


@pytest.mark.parametrize("path", sorted(HOSTILE.glob("content-*.yaml")), ids=lambda p: p.stem)
def test_hostile_content_gives_valid_inert_documents(library, invoke, isolated, path):
    (library.cases / path.name).write_bytes(path.read_bytes())
    library.write("zz-valid.yaml", minimal_case("zz-valid"))
    html_result = invoke("report", "--to", "html")
    assert html_result.exit_code == 0, html_result.stderr
    page = parse(html_result.stdout)
    assert not {"script", "img", "iframe", "object", "embed", "link"} & {t for t, _ in page.elements}
    assert not [a for _, attrs in page.elements for a in attrs if a.startswith("on")]
    assert all(a["href"].startswith("#case-") for a in page.tags("a"))
    assert "\x1b" not in html_result.stdout and "\u202e" not in html_result.stdout
    result = invoke("report", "-o", "brief.docx")
    assert result.exit_code == 0, result.stderr
    docx.Document("brief.docx")  # opens: every string was valid XML


# -- the command -------------------------------------------------------------------------


def test_output_format_choice_and_usage_errors(cases, invoke, isolated):
    result = invoke("report", "--to", "docx")
    assert result.exit_code == 2
    assert "--to docx writes a binary file: give it with -o FILE.docx" in result.stderr
    assert result.stdout == ""
    assert invoke("report", "-o", "brief.html").exit_code == 0
    assert (isolated / "brief.html").read_text("utf-8").startswith("<!DOCTYPE html>")
    assert invoke("report", "-o", "brief.docx").exit_code == 0
    assert zipfile.is_zipfile(isolated / "brief.docx")
    assert invoke("report", "-o", "brief.md").exit_code == 0
    assert (isolated / "brief.md").read_text("utf-8").startswith("# 改革案例简报\n")
    assert invoke("report", "--to", "md", "-o", "notes.docx").exit_code == 0
    assert (isolated / "notes.docx").read_text("utf-8").startswith("# 改革案例简报\n")
    for args, message in [
        (("--to", "html", "--template", "digest"), "--template applies to Markdown"),
        (("--to", "html", "--front-matter"), "--front-matter applies to Markdown"),
        (("--to", "html", "--reference-doc", "brief.docx"), "--reference-doc applies to --to docx only"),
    ]:
        refused = invoke("report", *args)
        assert refused.exit_code == 2 and message in refused.stderr, args


def test_existing_output_needs_force_and_empty_selection_writes_nothing(cases, invoke, isolated):
    assert invoke("report", "-o", "brief.docx").exit_code == 0
    before = (isolated / "brief.docx").read_bytes()
    again = invoke("report", "--title", "新标题", "-o", "brief.docx")
    assert again.exit_code == 2 and "brief.docx already exists; pass --force" in again.stderr
    assert (isolated / "brief.docx").read_bytes() == before
    assert invoke("report", "--title", "新标题", "-o", "brief.docx", "--force").exit_code == 0
    assert paragraphs(docx.Document("brief.docx"), "Title") == ["新标题"]
    for name in ("none.docx", "none.html"):
        result = invoke("report", "nothing-matches-this", "-o", name)
        assert result.exit_code == 1
        assert not (isolated / name).exists()
    assert [p.name for p in isolated.iterdir() if p.name.endswith(".tmp")] == []


def test_grouped_briefing_nests_cases_under_groups(cases, invoke):
    document = build(invoke, "--to", "docx", "--group-by", "tag", "--no-charts")
    assert paragraphs(document, "Heading 1")[2:] == ["一、企业开办", "二、通关便利"]
    # numbered once, running through the groups (the overview and the contents say 1, 2)
    assert paragraphs(document, "Heading 2") == ["（一）企业开办一网通办", "（二）通关便利改革"]
    assert "1．主要做法" in paragraphs(document, "Heading 3")
    page = parse(invoke("report", "--to", "html", "--group-by", "tag").stdout)
    assert len(page.tags("section", **{"class": "group"})) == 2
    assert len(page.tags("h3", **{"class": "l2"})) == 2


def test_english_briefing_has_no_chinese_fixed_words(cases, invoke):
    document = build(invoke, "--to", "docx", "--lang", "en")
    assert paragraphs(document, "Heading 1")[:3] == ["Contents", "Overview", "Charts"]
    chart = document.tables[2]
    assert [row.cells[-1].text for row in chart.rows] == ["−76%", "−75%"]


def test_office_writers_are_not_imported_by_other_commands():
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from reformkit.cli import cli\n"
        "CliRunner().invoke(cli, ['--version'])\n"
        "CliRunner().invoke(cli, ['report', '--help'])\n"
        "print(sorted({'docx', 'lxml', 'reformkit.render.briefing.docx', 'reformkit.render.briefing.docx.writer', 'reformkit.render.briefing.html'} & set(sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# -- chart facts and wording ---------------------------------------------------------------


def test_reduction_charts_take_each_cases_largest_change_per_kind():
    cases = [
        {"id": "a", "title": "甲", "metrics": [
            {"label": "x", "kind": "time", "change_pct": -30},
            {"label": "y", "kind": "time", "before": 10, "after": 1, "unit": "天"},
            {"label": "z", "kind": "volume", "change_pct": 50},
        ]},
        {"id": "b", "title": "乙", "metrics": [
            {"label": "w", "kind": "cost", "change_pct": -20, "change_pct_max": -40},
            {"label": "v", "kind": "time", "change_pct": -95, "approx": {"change_pct": "about"}},
        ]},
        {"id": "c", "title": "丙", "metrics": [{"label": "u", "kind": "steps", "value": 3}]},
    ]  # fmt: skip
    charts = reduction_charts(enumerate(cases, 1))
    assert [c.kind for c in charts] == ["time", "cost"]
    time_bars = charts[0].bars
    assert [(b.case_id, b.label, round(b.pct, 1), b.stated) for b in time_bars] == [
        ("b", "v", -95.0, True),
        ("a", "y", -90.0, False),
    ]
    # Worded as the text words the same figure: the verb of the kind, then 约.
    assert [plain.bar_words(b, "zh") for b in time_bars] == ["压缩约95%", "压缩90%"]
    assert plain.bar_words(charts[1].bars[0], "zh") == "降低20–40%"
    assert plain.bar_words(time_bars[0], "en") == "approx. −95%"
    assert charts[0].scale == 100.0


def test_chinese_heading_numbers():
    numbers = [1, 9, 10, 11, 20, 21, 99, 100, 105, 110, 1005]
    assert [words.zh_number(n) for n in numbers] == [
        "一", "九", "十", "十一", "二十", "二十一", "九十九", "一百", "一百零五", "一百一十", "一千零五",
    ]  # fmt: skip
    assert words.numbered(3, 1, "zh") == "三、" and words.numbered(3, 2, "zh") == "（三）"
    assert [describe.date_text(d) for d in ("2023-09-19", "2021-04", "2021", "n/a")] == [
        "2023年9月19日",
        "2021年4月",
        "2021年",
        "n/a",
    ]


def test_describe_words_status_kinds_dates_changes_and_citations_for_readers():
    assert describe.status("pilot", "2025-12") == "试点（期限：2025年12月）"
    assert describe.status("planned") == "计划"
    assert describe.status(None) == "已实施"
    assert describe.status("pilot", "2025-12", "en") == "pilot (due 2025-12)"
    assert describe.kind_name("materials") == "材料" and describe.kind_name("volume") == "业务量"
    assert describe.date_text("2023-09-19", "en") == "2023-09-19"
    assert describe.change_words(-76) == "压缩76%"
    assert describe.change_words(-30, approx="over") == "压缩30%以上"
    assert describe.change_words(12.25, stated=False) == "增加12.3%"
    assert describe.change_words(0) == "持平"
    assert describe.change_words(-20, "en", upper=-40) == "−20–40%"
    cited = {"publisher": "省营商办", "title": "示范案例", "date": "2023-09-19", "document": "001_x.txt"}
    assert describe.source(cited) == "省营商办《示范案例》，2023年9月19日"
    assert describe.source({"document": "001_x.txt", "date": "2023"}) == ""
    assert describe.source(None) == ""
    assert (
        describe.scope(3, ["甲", "乙"], ["2020", "2023"])
        == "本简报收录3个案例，来自甲、乙，发布于2020年至2023年。"
    )


def test_report_formats_are_the_registrys_and_pick_by_suffix():
    from reformkit import render
    from reformkit.report.output import Output, choose_output

    names = render.format_names("report")
    assert names == ["md", "docx", "html"]
    picked = {
        path: choose_output(None, path, names).form
        for path in ("a.htm", "a.HTML", "a.markdown", "a.txt", None)
    }
    assert picked == {"a.htm": "html", "a.HTML": "html", "a.markdown": "md", "a.txt": "md", None: "md"}
    assert choose_output(None, "a.docx", names, charts=False, reference="r.docx") == Output(
        "docx", "briefing", False, Path("r.docx")
    )
    assert choose_output(None, "a.pdf", names + ["pdf"]).form == "pdf"  # a new writer needs no suffix table


def test_a_practice_title_leads_its_paragraph_closed_with_a_full_stop():
    assert words.lead_in("办结率100%", "zh") == "办结率100%。"
    assert words.lead_in("推进“一窗办”", "zh") == "推进“一窗办”。"
    assert words.lead_in("已有句号。", "zh") == "已有句号。"
    assert words.lead_in("Faster permits", "en") == "Faster permits."


def test_a_charts_bars_carry_each_cases_number_as_its_heading_does(cases, invoke):
    grouped = build(invoke, "--to", "docx", "--group-by", "program")
    time_chart = grouped.tables[2]
    assert [row.cells[0].text.split("\n")[0] for row in time_chart.rows] == [
        "（一）企业开办一网通办",
        "（二）通关便利改革",
    ]
    english = build(invoke, "--to", "docx", "--lang", "en")
    assert english.tables[2].rows[0].cells[0].text.startswith("1. 企业开办一网通办")
    html = invoke("report", "--sort", "id", "--to", "html")
    assert html.exit_code == 0, html.stderr
    assert '<text x="0" y="20" font-size="15">一、企业开办一网通办</text>' in html.stdout
    assert '<a href="#case-1">一、企业开办一网通办</a>' in html.stdout  # the contents line it matches
