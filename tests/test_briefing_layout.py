"""The printed briefing: GB/T 9704 in Word (title spacing, outer page numbers, contents with
page numbers, east-Asian quotes), headings kept with what follows, figure columns measured so
that a number never parts from its unit, and every writer's fixed words from ``wording`` in
zh and en."""

from __future__ import annotations

import re

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from reformkit.render.briefing import columns

from .test_report_office import CASE_A, CASE_B

CASE_QUOTES = CASE_B.replace("id: b", "id: q").replace("title: 通关便利改革", "title: 推行+“免申即享”与“9610”出口")


@pytest.fixture
def cases(library):
    library.write("a.yaml", CASE_A.replace("agencies: [海口市市场监管局]", "agencies: [海口市市场监管局, 海口市税务局]"))
    library.write("b.yaml", CASE_B)
    library.write("q.yaml", CASE_QUOTES)
    return library


def word(invoke, *args: str) -> docx.document.Document:
    result = invoke("report", "--sort", "id", *args, "-o", "brief.docx", "--force")
    assert result.exit_code == 0, result.stderr
    return docx.Document("brief.docx")


def test_word_follows_gbt_9704_where_the_readme_says_it_does(cases, invoke):
    document = word(invoke, "--to", "docx")
    settings = document.settings.element
    assert settings.find(qn("w:evenAndOddHeaders")) is not None  # odd and even footers differ
    assert settings.find(qn("w:updateFields")).get(qn("w:val")) == "true"  # contents' page numbers
    section = document.sections[0]
    odd, even = section.footer.paragraphs[0], section.even_page_footer.paragraphs[0]
    assert (odd.alignment, even.alignment) == (WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.LEFT)
    assert odd.paragraph_format.right_indent == Pt(14) and even.paragraph_format.left_indent == Pt(14)
    for footer in (odd, even):
        assert footer.text == "— 1 —"  # the PAGE field's stored result between the dashes
        assert "PAGE" in "".join(t.text for t in footer._p.iter(qn("w:instrText")))
    # a blank line (one line pitch) between the title and what follows it
    assert document.styles["Title"].paragraph_format.space_after == Pt(29)
    # the contents: a line per case heading, its page number a PAGEREF field to the heading
    lines = [p for p in document.paragraphs if p.style.name == "TOC 1"]
    assert [p.text for p in lines] == ["一、企业开办一网通办\t", "二、通关便利改革\t", "三、推行+“免申即享”与“9610”出口\t"]
    marks = {m.get(qn("w:name")) for m in document.element.body.iter(qn("w:bookmarkStart"))}
    for line in lines:
        (code,) = [t.text for t in line._p.iter(qn("w:instrText"))]
        assert re.fullmatch(r" PAGEREF (_Toc\d{8}) \\h ", code) and code.split()[1] in marks
    # curly quotes are drawn by the east-Asian font, even beside Latin text and digits
    quoted = [r for p in document.paragraphs for r in p.runs if "“" in r.text]
    assert quoted and all(r._r.rPr.rFonts.get(qn("w:hint")) == "eastAsia" for r in quoted)
    # the overview's 序号 is centred
    overview = document.tables[0]
    assert {row.cells[0].paragraphs[0].alignment for row in overview.rows} == {WD_ALIGN_PARAGRAPH.CENTER}


def test_word_keeps_a_heading_subtitle_and_meta_line_with_what_follows(cases, invoke):
    document = word(invoke, "--to", "docx", "--no-charts")
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3"):
        assert document.styles[name].paragraph_format.keep_with_next is True
    texts = [p for p in document.paragraphs]
    meta = [p for p in texts if p.text.startswith("测试项目 · ")]
    agencies = [p for p in texts if p.text.startswith("牵头单位")]
    assert len(meta) == 3 and len(agencies) == 1
    assert all(p.paragraph_format.keep_with_next for p in meta + agencies)


def test_html_keeps_headings_with_what_follows_and_figures_whole(cases, invoke):
    page = invoke("report", "--sort", "id", "--to", "html").stdout
    assert re.search(r"h1, h2, h3, h4, p\.subtitle, p\.meta[^{]*\{[^}]*break-after: avoid; page-break-after: avoid;", page)
    # a figure is one unbreakable span, or spans broken only between its chunks
    assert '<td><span class="nw">10件</span><wbr><span class="nw"> → 4件</span></td>' in page
    assert '<span class="nw">减少60%</span><wbr><span class="nw">（据前后数值计算）</span>' in page
    widths = re.findall(r'<col style="width: ([\d.]+)mm">', page)
    assert widths and all(float(w) > 0 for w in widths)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_briefing_writer_takes_its_fixed_words_from_wording(cases, invoke, lang):
    from reformkit.wording import briefing, labels

    sep = labels.WORDS[lang]["list_sep"]
    agencies = f"海口市市场监管局{sep}海口市税务局"
    label = labels.HEADINGS[lang]["agencies"] + labels.WORDS[lang]["colon"]
    markdown = invoke("report", "--sort", "id", "--lang", lang).stdout
    page = invoke("report", "--sort", "id", "--lang", lang, "--to", "html").stdout
    document = word(invoke, "--to", "docx", "--lang", lang)
    texts = [p.text for p in document.paragraphs]
    assert label + agencies in markdown and label + agencies in page and label + agencies in texts
    words = briefing.LABELS[lang]
    headings = labels.HEADINGS[lang]
    overview = [headings[key] for key in briefing.OVERVIEW_COLUMNS]
    assert [c.text for c in document.tables[0].rows[0].cells] == overview
    cells = [f'<th class="num">{overview[0]}</th>'] + [f"<th>{text}</th>" for text in overview[1:]]
    assert "<thead><tr>" + "".join(cells) in page
    assert "| " + " | ".join(overview) + " |" in markdown
    for fixed in (words["contents"], words["overview"], words["charts"], headings["practices"], headings["source"]):
        assert fixed in texts or any(fixed in t for t in texts)
        assert fixed in page
    if lang == "en":  # no Chinese word of the layout in an English briefing
        layout = [t for t in texts if t and not re.search(r"[\u4e00-\u9fff]", t)]
        assert "Contents" in layout and "Overview" in layout
        assert not any(w in page for w in ("目录", "概览", "数据图表", "主要做法", "来源：", "牵头单位"))
        assert not any(w in "".join(texts) for w in ("目录", "概览", "数据图表", "主要做法", "牵头单位"))


# -- columns -----------------------------------------------------------------------------


def test_chunks_never_part_a_number_from_its_unit():
    assert columns.chunks("减少80.0%（据前后数值计算）") == ["减少80.0%", "（据前后数值计算）"]
    assert columns.chunks("45天 → 7天") == ["45天", " → 7天"]
    assert columns.chunks("1个工作日以内") == ["1个工作日以内"]
    assert columns.chunks("11643件") == ["11643件"]
    assert columns.chunks("2023年9月19日") == ["2023年", "9月19日"]
    prose = columns.chunks("开办便利店办事时间压缩76%；申请材料5项 → 2项", columns.PROSE)
    assert "压缩76%；" in prose and "材料5项" in prose and " → 2项" in prose
    assert "".join(prose) == "开办便利店办事时间压缩76%；申请材料5项 → 2项"


def test_columns_are_as_wide_as_their_figures():
    rows = [["指标", "前 → 后", "变化"], ["办事时间", "30工作日 → 5工作日", "压缩83.3%（据前后数值计算）"]]
    layout = columns.metrics_layout(["label", "transition", "change"])
    widths = columns.widths(rows, layout, 156, 12, 2.5)
    assert round(sum(widths), 6) == 156
    for column in (1, 2):
        for part in columns.chunks(rows[1][column]):
            assert columns.em_width(part) * 12 / columns.MM + 2.5 <= widths[column] + 1e-9
    tight = columns.widths(rows, layout, 80, 12, 2.5)
    assert columns.lines(rows[1][2], tight[2], 12, 2.5) == ["压缩83.3%", "（据前后数值计算）"]
    assert columns.em_width("压缩76%") == pytest.approx(2 + 0.55 * 2 + 0.85 + 0.25)


def test_markdown_closes_a_bold_lead_as_html_and_word_do(cases, invoke):
    """**一窗受理**。申请人… : the full stop after the bold, where CommonMark still closes it,
    and no space before the text in Chinese (issue 25: Markdown had only a space)."""
    from markdown_it import MarkdownIt

    text = invoke("report", "--sort", "id").stdout
    assert "1. **一窗受理**。申请人只进一扇门。\n" in text
    assert "1. **全程网办**。\n" not in text and "2. **全程网办**。\n" in text
    html = MarkdownIt("commonmark").render(text)
    assert "<strong>一窗受理</strong>。申请人只进一扇门。" in html and "**" not in html
    english = invoke("report", "--sort", "id", "--lang", "en").stdout
    assert "1. **一窗受理**. 申请人只进一扇门。\n" in english
