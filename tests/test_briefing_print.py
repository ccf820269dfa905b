"""What reading the printed briefings found: figures kept whole on a line (a number with its
unit, a date), a group whose cases all came earlier printed with its 另见 line in HTML and
Word, a bold lead ending in a figure that keeps its %, and English hedges around figures."""

from __future__ import annotations

import docx
import pytest

from reformkit.render.briefing import nobreak
from reformkit.wording import describe
from reformkit.wording.approx import hedged

WJ = nobreak.WORD_JOINER

CASE_A = """\
id: a
title: 企业开办一网通办
program: t
published: 2021-04-10
region: {province: 海南省, city: 海口市}
tags: [企业开办, 政务服务]
practices:
  - {title: 一窗受理, detail: 已解决2652件，占比93.4%。}
outcomes:
  - {title: 线上线下评价综合满意率97.94%, detail: 平台共收到工单862单。}
metrics:
  - {label: 开办时间, kind: time, before: 3, after: 1, unit: 工作日}
source: {title: 示范案例, publisher: 省营商办, date: 2021-04-10, document: a.txt}
"""

CASE_B = """\
id: b
title: 通关便利改革
program: t
published: 2023-09-19
region: {province: 海南省}
tags: [通关便利, 政务服务]
practices: [{title: 提前申报}]
source: {document: b.txt}
"""


@pytest.fixture
def cases(library):
    library.write("a.yaml", CASE_A)
    library.write("b.yaml", CASE_B)
    return library


# --- figures kept whole ---------------------------------------------------------------------


def test_a_figure_with_its_unit_and_a_date_are_kept_whole():
    assert [p for p, kept in nobreak.pieces("已解决2652件，占比93.4%，2021年4月10日起") if kept] == [
        "2652件",
        "93.4%",
        "2021年4月10日",
    ]
    assert [p for p, kept in nobreak.pieces("流动资金3000万元，24小时，3–10天以内") if kept] == [
        "3000万元",
        "24小时",
        "3–10天以内",
    ]
    assert "".join(p for p, _ in nobreak.pieces("共5个，7x24小时")) == "共5个，7x24小时"
    assert [p for p, kept in nobreak.pieces("另见：（四十七）创新") if kept] == ["（四十七）"]


def test_word_joiners_sit_only_where_chinese_meets_a_figure():
    assert nobreak.joined("已解决2652件。") == f"已解决2652{WJ}件。"
    assert nobreak.joined("2021年4月10日") == f"2021{WJ}年{WJ}4{WJ}月{WJ}10{WJ}日"
    assert nobreak.joined("占比93.4%") == "占比93.4%"


def test_html_keeps_dates_and_figures_of_running_text_on_one_line(cases, invoke):
    page = invoke("report", "--sort", "id", "--to", "html").stdout
    assert '<span class="nw">2021年4月10日</span>' in page  # the meta line and the source
    assert '已解决<span class="nw">2652件</span>' in page
    assert '满意率<span class="nw">97.94%</span>。' in page


def test_word_keeps_dates_and_figures_of_running_text_on_one_line(cases, invoke):
    result = invoke("report", "--sort", "id", "-o", "brief.docx")
    assert result.exit_code == 0, result.stderr
    texts = [p.text for p in docx.Document("brief.docx").paragraphs]
    meta = next(t for t in texts if t.startswith("测试项目 · "))
    assert meta.endswith(f"2021{WJ}年{WJ}4{WJ}月{WJ}10{WJ}日")
    assert f"1．一窗受理。已解决2652{WJ}件，占比93.4%。" in texts


def test_word_puts_each_figure_in_a_run_libreoffice_keeps_on_one_line(cases, invoke):
    # LibreOffice ignores WORD JOINER in Chinese text (2652 | 件 on two lines): a figure is a
    # run of its own whose east-Asian language is not Chinese, where it follows the joiners.
    from reformkit.render.briefing.docx.styles import KEPT_WHOLE_LANG

    assert invoke("report", "--sort", "id", "-o", "brief.docx").exit_code == 0
    runs = [run for p in docx.Document("brief.docx").paragraphs for run in p.runs]
    lang = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

    def east_asian(run):
        found = run.element.rPr.find(f"{lang}lang") if run.element.rPr is not None else None
        return None if found is None else found.get(f"{lang}eastAsia")

    figure = next(run for run in runs if run.text == f"2652{WJ}件")
    assert east_asian(figure) == KEPT_WHOLE_LANG and not KEPT_WHOLE_LANG.startswith(("zh", "ja"))
    assert east_asian(next(run for run in runs if run.text.endswith("已解决"))) is None
    assert any(run.text == f"2021{WJ}年{WJ}4{WJ}月{WJ}10{WJ}日" and east_asian(run) for run in runs)
    assert [p for p, kept in nobreak.pieces("提供7x24小时服务") if kept] == ["7x24小时"]


def test_word_tables_keep_the_figures_of_titles_and_labels_on_one_line(cases, invoke):
    # A title in the overview, a label in a metrics table: text broken anywhere, but not
    # between a number and its unit (嘉兴涉外法律服务构建24 | 小时响应圈 in a narrow column).
    from reformkit.render.briefing.docx.styles import KEPT_WHOLE_LANG

    cases.write("c.yaml", CASE_B.replace("id: b", "id: c").replace("通关便利改革", "法律服务构建24小时响应圈"))
    assert invoke("report", "--sort", "id", "-o", "brief.docx").exit_code == 0
    document = docx.Document("brief.docx")
    lang = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}lang"
    runs = [
        run
        for table in document.tables
        for row in table.rows
        for cell in row.cells
        for p in cell.paragraphs
        for run in p.runs
    ]
    (figure,) = {run.element for run in runs if run.text == f"24{WJ}小{WJ}时"}
    assert figure.rPr.find(lang).get(lang.replace("lang", "eastAsia")) == KEPT_WHOLE_LANG
    assert any(run.text == "法律服务构建" for run in runs)
    page = invoke("report", "--sort", "id", "--to", "html").stdout
    assert '<td>法律服务构建<span class="nw">24小时</span>响应圈</td>' in page


# --- a group of cases printed earlier -------------------------------------------------------


def test_a_group_whose_cases_came_earlier_says_where_they_are_in_html(cases, invoke):
    page = invoke("report", "--sort", "id", "--group-by", "tag", "--to", "html").stdout
    # 政务服务 is the first tag of neither case: its group holds no case of its own.
    assert '<section class="group also">\n<h2 class="l1">二、政务服务</h2>\n' in page
    assert (
        '<p class="see-also">另见：<span class="nw">（一）</span>企业开办一网通办、'
        '<span class="nw">（二）</span>通关便利改革</p>'
    ) in page


def test_a_group_whose_cases_came_earlier_says_where_they_are_in_word(cases, invoke):
    result = invoke("report", "--sort", "id", "--group-by", "tag", "-o", "brief.docx")
    assert result.exit_code == 0, result.stderr
    texts = [p.text.replace(WJ, "") for p in docx.Document("brief.docx").paragraphs]
    heading = texts.index("二、政务服务")
    assert texts[heading + 1] == "另见：（一）企业开办一网通办、（二）通关便利改革"


# --- Markdown: a lead that ends in a figure -------------------------------------------------


def test_a_bold_lead_ending_in_a_percentage_keeps_it_inside_the_bold(cases, invoke):
    text = invoke("report", "--sort", "id").stdout
    assert "1. **线上线下评价综合满意率97.94%**。平台共收到工单862单。\n" in text
    english = invoke("report", "--sort", "id", "--lang", "en").stdout
    assert "1. **线上线下评价综合满意率97.94%**. 平台共收到工单862单。\n" in english


# --- English hedges -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("metric", "zh", "en"),
    [
        ({"label": "x", "value": 1, "unit": "万家", "approx": {"value": "about"}}, "约1万家", "approx. 1万家"),
        ({"label": "x", "kind": "time", "after": 6, "unit": "小时", "approx": {"after": "under"}},
         "降至6小时以内", "down to within 6小时"),
        ({"label": "x", "kind": "materials", "after": 5, "unit": "份", "approx": {"after": "under"}},
         "降至5份以内", "down to 5份 or less"),
        ({"label": "x", "kind": "count", "before": 50, "after": 8, "unit": "页", "approx": {"before": "over"}},
         "50页以上 → 8页", "50页 or more → 8页"),
    ],
)  # fmt: skip
def test_english_figures_are_hedged_in_english(metric, zh, en):
    assert (describe.transition(metric) or describe.figure(metric, "value", metric.get("unit", ""))) == zh
    shown = describe.transition(metric, "en") or describe.figure(
        metric, "value", metric.get("unit", ""), "en"
    )
    assert shown == en
    assert "约" not in shown and "以上" not in shown and "以内" not in shown


def test_english_changes_are_hedged_in_english():
    over = {"label": "材料", "kind": "materials", "change_pct": -77, "approx": {"change_pct": "over"}}
    assert describe.change_text(over) == "减少77%以上"
    assert describe.change_text(over, "en") == "-77% or more"
    assert describe.key_figure(over, "en") == "材料: -77% or more"
    rise = {"label": "进口额", "kind": "volume", "change_pct": 300, "approx": {"change_pct": "over"}}
    assert describe.change_text(rise, "en") == "+300% or more"
    assert describe.change_words(-95, "en", approx="about") == "approx. −95%"
    assert describe.change_words(-30, "en", approx="over") == "−30% or more"
    assert describe.change_words(-30, "zh", approx="over", kind="time") == "压缩30%以上"


def test_a_hedge_in_either_language():
    assert hedged("20天", "about") == "约20天"
    assert hedged("20天", "about", "en") == "approx. 20天"
    assert hedged("5个工作日", "under", "en", kind="time") == "within 5个工作日"
    assert hedged("20天", None, "en") == "20天"
    assert hedged("20天", "sometimes", "en") == "20天"


def test_the_english_briefing_of_the_bundled_library_has_no_chinese_hedge(invoke, monkeypatch):
    from pathlib import Path

    monkeypatch.chdir(Path(__file__).resolve().parent.parent)
    result = invoke("report", "--lang", "en", "--template", "table")
    assert result.exit_code == 0, result.stderr
    assert "以上" not in result.stdout and "or more" in result.stdout


# --- skipped-file notes in the reader's language --------------------------------------------


@pytest.mark.parametrize(
    ("args", "lang"),
    [
        (("search", "标题"), None),
        (("search", "标题", "--lang", "en"), "en"),
        (("stats", "--lang", "zh"), "zh"),
        (("stats", "--lang", "en"), "en"),
        (("report", "--lang", "en"), "en"),
        (("show", "t-4-01", "--lang", "en"), "en"),
        (("compare", "t-4-01", "t-4-03", "--lang", "en"), "en"),
        (("export",), None),
    ],
)
def test_a_skipped_file_is_noted_in_the_output_language(library, invoke, args, lang):
    from .conftest import minimal_case

    library.write("t-4-01.yaml", minimal_case("t-4-01"))
    library.write("t-4-03.yaml", minimal_case("t-4-03"))
    library.write("t-4-02.yaml", minimal_case("t-4-02").replace("title: 标题", "title: .nan"))
    result = invoke(*args)
    assert result.exit_code == 0, result.stderr
    message = (
        "cases/t-4-02.yaml:2:8: RK016 title is '.nan', which YAML reads as not-a-number (NaN); "
        "write the figure the source states (quote it if it is text)"
    )
    note = " (skipped)" if lang == "en" else "（此文件有错误，已跳过）"
    assert result.stderr.splitlines()[0] == message + note
    strict = invoke(*args, "--strict")
    assert strict.exit_code == 1 and strict.stdout == ""
    assert strict.stderr.splitlines()[-1] == (
        "--strict: 1 file skipped for errors; nothing written"
        if lang == "en"
        else "--strict：1个文件有错误被跳过，未写出任何内容"
    )


def test_the_strict_note_counts_files_in_either_language():
    from reformkit.wording import notes

    assert notes.strict_stop(2, "en") == "--strict: 2 files skipped for errors; nothing written"
    assert notes.strict_stop(2) == "--strict：2个文件有错误被跳过，未写出任何内容"


# --- show and the sheets close a lead as the briefings do -----------------------------------


def test_show_markdown_and_the_sheets_close_a_lead_with_a_full_stop(cases, invoke):
    shown = invoke("show", "a", "--format", "markdown").stdout
    assert "1. **一窗受理**。已解决2652件，占比93.4%。\n" in shown
    assert "1. **线上线下评价综合满意率97.94%**。平台共收到工单862单。\n" in shown
    csv = invoke("export", "--format", "csv").stdout
    assert "1. 一窗受理。已解决2652件，占比93.4%。" in csv
    assert ": 已解决" not in csv


def test_a_word_meta_line_too_long_for_a_line_starts_the_date_on_the_next():
    from reformkit.render.briefing.docx.writer import fitted_meta

    long = "海南自由贸易港制度创新案例 · 第十二批 · 海南省文昌市 · 2021年4月10日"
    assert fitted_meta(long) == "海南自由贸易港制度创新案例 · 第十二批 · 海南省文昌市 ·\n2021年4月10日"
    assert fitted_meta("测试项目 · 海南省 · 2021年4月10日") == "测试项目 · 海南省 · 2021年4月10日"


def test_the_word_meta_line_breaks_as_a_line_break(library, invoke):
    library.write("a.yaml", CASE_A.replace("program: t", "program: t\nbatch: 12"))
    (library.root / "reformkit.toml").write_text(
        (library.root / "reformkit.toml")
        .read_text("utf-8")
        .replace('name = "测试项目"', 'name = "海南自由贸易港制度创新案例测试"'),
        "utf-8",
    )
    result = invoke("report", "-o", "brief.docx")
    assert result.exit_code == 0, result.stderr
    document = docx.Document("brief.docx")
    meta = next(p for p in document.paragraphs if p.text.startswith("海南自由贸易港制度创新案例测试 · "))
    assert meta.text.replace(WJ, "").endswith(" ·\n2021年4月10日")
    assert meta._p.xml.count("<w:br/>") == 1
    assert meta.paragraph_format.alignment == 0  # left: its parts are not stretched apart


def test_items_under_numbered_sections_of_a_grouped_briefing_take_the_fourth_level(cases, invoke):
    # Grouped: 一、group （一）case 1．section, so a practice is （1）, not a second 1．
    page = invoke("report", "--sort", "id", "--group-by", "program", "--to", "html").stdout
    assert "<li><b>（1）一窗受理。</b>" in page
    ungrouped = invoke("report", "--sort", "id", "--to", "html").stdout
    assert "<li><b>1．一窗受理。</b>" in ungrouped
    result = invoke("report", "--sort", "id", "--group-by", "program", "-o", "brief.docx")
    assert result.exit_code == 0, result.stderr
    texts = [p.text.replace(WJ, "") for p in docx.Document("brief.docx").paragraphs]
    assert "1．主要做法" in texts and "（1）一窗受理。已解决2652件，占比93.4%。" in texts


def test_show_and_compare_date_a_case_as_a_chinese_reader_writes_it(cases, invoke):
    shown = invoke("show", "a").stdout
    assert "发布  2021年4月10日\n" in shown
    english = invoke("show", "a", "--lang", "en").stdout
    assert "2021-04-10\n" in english and "2021年" not in english
    compared = invoke("compare", "a", "b", "--format", "markdown").stdout
    assert "| 发布 | 2021年4月10日 | 2023年9月19日 |" in compared


def test_cells_break_after_english_separators_and_before_a_bracket():
    from reformkit.render.briefing import columns

    assert columns.chunks("planned (due 2020-12)") == ["planned", " (due 2020-12)"]
    assert columns.chunks("材料: -77% or more; 时间: -30%") == ["材料: ", "-77% or more; ", "时间: ", "-30%"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_overview_of_the_bundled_library_fits_the_page_in_either_language(invoke, monkeypatch, lang):
    import json
    import tomllib
    from pathlib import Path

    from reformkit.render.briefing import html
    from reformkit.report.briefing import ReportOptions, build

    repo = Path(__file__).resolve().parent.parent
    monkeypatch.chdir(repo)
    cases = json.loads(invoke("export", "--format", "json").stdout)
    config = tomllib.loads((repo / "reformkit.toml").read_text("utf-8"))
    names = {key: program["name"] for key, program in config["programs"].items()}
    widths = html.overview(build(cases, ReportOptions(lang=lang), names)).widths
    # The English overview's case column was 0 mm wide, the table 172 mm on a 156 mm page.
    assert sum(widths) <= html.TYPE_AREA_MM + 0.01
    assert min(widths) >= 10


def test_a_bold_header_is_measured_wider_than_the_cells_below_it():
    # Times New Roman bold: ``Number`` is wider than em_width says (Numbe | r in the English
    # overview's first column when it was measured as regular text).
    from reformkit.render.briefing import columns

    layout = columns.Layout((0.0, 1.0), (columns.FIGURE, columns.FREE))
    (number, _) = columns.widths([["Number", "Case"], ["1", "甲"]], layout, 156, 10.5, 2.0)
    assert number >= columns.em_width("Number") * columns.BOLD * 10.5 / columns.MM + 2.0 > 2.0
    assert columns.em_width("序号", bold=True) == columns.em_width("序号") == 2.0
    (body, _) = columns.widths([["No", "Case"], ["123456", "甲"]], layout, 156, 10.5, 2.0)
    assert body == pytest.approx(columns.em_width("123456") * 10.5 / columns.MM + 2.0)


def test_the_html_meta_line_never_starts_a_line_with_its_separator(cases, invoke):
    page = invoke("report", "--sort", "id", "--to", "html").stdout
    meta = [line for line in page.splitlines() if 'class="meta"' in line]
    assert meta and all(" · " not in line and "\u00a0· " in line for line in meta)


def test_html_may_break_beside_curly_quotes_in_chinese(cases, invoke):
    # Chromium breaks on neither side of a curly quote: 商“9610”出 overflowed a narrow column.
    cases.write("c.yaml", CASE_B.replace("id: b", "id: c").replace("通关便利改革", "跨境电商“9610”出口新模式"))
    page = invoke("report", "--sort", "id", "--to", "html").stdout
    assert "<td>跨境电商<wbr>“9610”<wbr>出口新模式</td>" in page
    assert "“<wbr>" not in page and "<wbr>”" not in page  # never after an opening quote or before a closing one
