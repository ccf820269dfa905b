"""The briefing as a Word document, laid out after GB/T 9704 (see ``styles``).

The structure follows the Markdown and HTML briefings, from the same facts: title, scope,
contents (each line's page number a PAGEREF field, laid out by LibreOffice at once and
updated by Word on open), overview table, charts,
then one section per case (主要做法, 实践效果, 数据指标 table, 来源). Headings, a case's
subtitle, meta line and lead agencies are kept with what follows them. With ``reference``
the document starts from that file instead (like pandoc's --reference-doc): its body is
cleared, its styles, page setup, headers and footers are kept, and only styles it lacks are
added.

The bytes are deterministic: fixed document properties (dated from the newest case) and zip
entries with a fixed date, in a fixed order. python-docx is imported here only.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import TYPE_CHECKING

from reformkit.render.briefing import columns, nobreak
from reformkit.render.briefing import office as plain
from reformkit.render.briefing.docx import styles, tables
from reformkit.render.briefing.docx.styles import (
    LINE_PITCH,
    STYLE_CONTENTS,
    STYLE_TABLE,
    TABLE_SIZE,
)
from reformkit.report.briefing import Briefing
from reformkit.report.chart import KindChart
from reformkit.report.output import Output
from reformkit.wording import briefing as words
from reformkit.wording import labels

if TYPE_CHECKING:
    from docx.document import Document
    from docx.table import Table, _Cell
    from docx.text.paragraph import Paragraph

OVERVIEW_SIZE = 10.5  # 五号: six columns across the type area
BAR_CELLS = 20  # a chart bar is drawn in this many cells (5 % each at full scale)
STATED_FILL = "8B1A1A"
COMPUTED_FILL = "E3A9A9"
CELL_PADDING_MM = 2.5  # 57 twips each side, and the rules


def write(briefing: Briefing, output: Output | None = None) -> bytes:
    """The briefing as .docx bytes: with charts unless ``output.charts`` is false, styled
    after ``output.reference`` if given."""
    output = output or Output("docx")
    document = styles.open_document(output.reference, output.limits.reference_max_bytes)
    fresh = output.reference is None
    styles.ensure_styles(document, restyle=fresh)
    if fresh:
        styles.page_setup(document, words.LABELS[briefing.lang]["page_number"])
    styles.update_fields_on_open(document)
    dates = [briefing.date] if briefing.date else [entry.case["published"] for entry in briefing.cases]
    styles.properties(document, briefing.title, dates)
    Writer(document, briefing).build(briefing.charts if output.charts else ())
    buffer = io.BytesIO()
    document.save(buffer)
    return styles.normalise_zip(buffer.getvalue())


def _toc_name(position: int, group: bool = False) -> str:
    """The bookmark of a case's heading (by its position) or a group's (by its number)."""
    return f"_Toc{'G' if group else ''}{position:08d}"


class Writer:
    """Adds the briefing's paragraphs and tables to a document whose styles are set."""

    def __init__(self, document: Document, briefing: Briefing) -> None:
        self.document = document
        self.briefing = briefing
        self.lang = briefing.lang
        self.labels = words.LABELS[self.lang]
        self.h = labels.HEADINGS[self.lang]
        # style name -> id, looked up once (python-docx searches every style on each lookup)
        self.style_ids = {style.name: style.style_id for style in document.styles}
        self.bookmarks = 0

    # paragraphs

    def paragraph(
        self, text: str = "", style: str | None = None, *, keep: bool = False, whole: bool = False
    ) -> Paragraph:
        """A paragraph of ``text``; ``whole`` keeps each figure in it on one line."""
        paragraph = self.document.add_paragraph()
        if text:
            self.run(paragraph, text, whole=whole)
        self.apply(paragraph, style)
        if keep:
            paragraph.paragraph_format.keep_with_next = True
        return paragraph

    def run(self, paragraph: Paragraph, text: str, *, bold: bool = False, whole: bool = False) -> None:
        """``text`` added to ``paragraph``; ``whole``: each figure in a run of its own, kept
        on one line (``styles.kept_whole``)."""
        cleaned = plain.clean(text)
        for piece, kept in nobreak.pieces(cleaned) if whole else [(cleaned, False)]:
            run = paragraph.add_run(nobreak.joined(piece) if kept else piece)
            styles.east_asian_hint(run, piece)
            if kept:
                styles.kept_whole(run)
            if bold:
                run.bold = True

    def apply(self, paragraph: Paragraph, style: str | None) -> None:
        """Give ``paragraph`` the style called ``style``, if the document has it."""
        style_id = self.style_ids.get(style or "")
        if style_id is not None:
            paragraph._p.style = style_id

    def heading(self, text: str, level: int, bookmark: str | None = None) -> Paragraph:
        paragraph = self.paragraph(text, "Title" if level == 0 else f"Heading {level}")
        if bookmark:
            self.bookmark(paragraph, bookmark)
        return paragraph

    def bookmark(self, paragraph: Paragraph, name: str) -> None:
        """A bookmark around the paragraph's text."""
        self.bookmarks += 1
        number = str(self.bookmarks)
        paragraph._p.insert(
            1 if paragraph._p.pPr is not None else 0, tables.element("w:bookmarkStart", id=number, name=name)
        )
        paragraph._p.append(tables.element("w:bookmarkEnd", id=number))

    def build(self, charts: Sequence[KindChart]) -> None:
        briefing = self.briefing
        self.heading(briefing.title, 0)
        self.paragraph(plain.scope_line(briefing), whole=True)
        if briefing.date:
            self.paragraph(words.dated(briefing.date, self.lang))
        self.contents()
        self.overview()
        if charts:
            self.charts(charts)
        self.body()

    def body(self) -> None:
        from docx.shared import Pt

        first: Paragraph | None = (
            None  # the body starts on a new page; a blank line before each later section
        )
        for index, group in enumerate(plain.sections(self.briefing), 1):
            if group.heading:
                heading = self.heading(group.heading, 1, _toc_name(index, group=True))
                if first is None:
                    first = heading
                else:
                    heading.paragraph_format.space_before = Pt(LINE_PITCH)
            if group.see_also:
                self.paragraph(group.see_also, whole=True)
            for number, case in enumerate(group.cases):
                heading = self.heading(case.heading, case.level, _toc_name(case.entry.position))
                if first is None:
                    first = heading
                elif not (group.heading and number == 0):
                    heading.paragraph_format.space_before = Pt(LINE_PITCH)
                self.case(case)
        if first is not None:
            first.paragraph_format.page_break_before = True

    def contents(self) -> None:
        """The contents: a line for each group and case heading of the body, in document
        order, its page number a PAGEREF field to the heading's bookmark.

        Not a TOC field: LibreOffice prints a TOC field's stored result as it is, so the page
        numbers would be missing until someone updates it, while it lays out PAGEREF fields
        itself; Word updates them on open (``w:updateFields``).
        """
        self.heading(self.labels["contents"], 1)
        for index, group in enumerate(plain.sections(self.briefing), 1):
            if group.heading:
                self.contents_line(group.heading, _toc_name(index, group=True), 0)
            for case in group.cases:
                self.contents_line(case.heading, _toc_name(case.entry.position), 1 if group.heading else 0)

    def contents_line(self, text: str, bookmark: str, level: int) -> None:
        paragraph = self.paragraph(style=STYLE_CONTENTS[level])
        self.run(paragraph, text)
        paragraph.add_run().add_tab()
        self.field_char(paragraph, "begin")
        self.instruction(paragraph, f"PAGEREF {bookmark} \\h")
        self.field_char(paragraph, "separate")
        paragraph.add_run("")
        self.field_char(paragraph, "end")

    def field_char(self, paragraph: Paragraph, kind: str) -> None:
        paragraph.add_run()._r.append(tables.element("w:fldChar", fldCharType=kind))

    def instruction(self, paragraph: Paragraph, code: str) -> None:
        text = tables.element("w:instrText")
        text.set(tables.qn("xml:space"), "preserve")
        text.text = f" {code} "
        paragraph.add_run()._r.append(text)

    # tables

    def table(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[str] | str],
        layout: columns.Layout,
        *,
        centred: int | None = None,
        size: float = TABLE_SIZE,
    ) -> Table:
        """A bordered table, its columns measured (``columns.widths``); a row given as one
        string is a band across all columns; figure columns break only between chunks; the
        column ``centred`` (a number) is centred; text in ``size`` points."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Mm

        measured = [list(header)] + [list(r) for r in rows if not isinstance(r, str)]
        widths = columns.widths(measured, layout, styles.TYPE_AREA_MM, size, CELL_PADDING_MM)
        table: Table = self.document.add_table(rows=1 + len(rows), cols=len(header))
        tables.borders(table)
        tables.cell_margins(table, 57)
        for row_index, values in enumerate([header, *rows]):
            row = table.rows[row_index]
            cells = row.cells
            for column, cell in enumerate(cells):
                cell.width = Mm(widths[column])
            if isinstance(values, str):
                band = cells[0].merge(cells[-1])
                self.cell_text(band, [values], bold=True, size=size)
                tables.shade(band, "F2F2F2")
            else:
                for column, (cell, value) in enumerate(zip(cells, values, strict=True)):
                    mode = layout.modes[column]
                    kept = mode != columns.FREE and row_index > 0
                    found = (
                        columns.lines(value, widths[column], size, CELL_PADDING_MM, mode)
                        if kept
                        else [value]
                    )
                    self.cell_text(cell, found, bold=row_index == 0, size=size, whole=row_index > 0 and not kept)
            tables.cant_split(row)
        tables.repeat_header(table.rows[0])
        tables.grid(table, widths)
        if centred is not None:
            for row, values in zip(table.rows, [header, *rows], strict=True):
                if not isinstance(values, str):
                    row.cells[centred].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        self.paragraph("", STYLE_TABLE)  # room before what follows
        return table

    def cell_text(
        self, cell: _Cell, lines: Sequence[str], *, bold: bool = False, size: float | None = None, whole: bool = False
    ) -> None:
        """``lines`` in ``cell`` with line breaks between them; ``whole``: each figure of
        text broken anywhere (a title, a label) kept on one line, as in running text."""
        from docx.shared import Pt

        paragraph = cell.paragraphs[0]
        self.apply(paragraph, STYLE_TABLE)
        texts = [line for text in lines for line in plain.clean(text).splitlines()] or [""]
        for number, line in enumerate(texts):
            for index, (piece, kept) in enumerate(nobreak.pieces(line) if whole and line else [(line, False)]):
                run = paragraph.add_run()
                if number and not index:
                    run.add_break()  # a line break inside the cell, not a new row
                run.add_text(nobreak.joined(piece) if kept else piece)
                styles.east_asian_hint(run, piece)
                if kept:
                    styles.kept_whole(run)
                if bold:
                    run.bold = True
                if size:
                    run.font.size = Pt(size)

    def overview(self) -> None:
        """The overview, as in Markdown and HTML: 序号 案例 状态 关键数据 地区 发布."""
        self.heading(self.labels["overview"], 1)
        rows: list[Sequence[str] | str] = []
        for program, members in plain.by_program(self.briefing):
            if program is not None:
                rows.append(program)
            rows += [plain.overview_cells(entry, self.lang) for entry in members]
        self.table(plain.overview_header(self.lang), rows, columns.OVERVIEW, centred=0, size=OVERVIEW_SIZE)

    def charts(self, charts: Sequence[KindChart]) -> None:
        self.heading(self.labels["charts"], 1).paragraph_format.page_break_before = True
        self.paragraph(self.labels["charts_note"])
        self.legend()
        for number, chart in enumerate(charts, 1):
            self.heading(words.numbered(number, 2, self.lang) + words.chart_title(chart.kind, self.lang), 2)
            self.bar_table(chart)

    def legend(self) -> None:
        from docx.shared import Mm

        table = self.document.add_table(rows=1, cols=4)
        widths = [6, 40, 6, 60]
        for column, (fill, text) in enumerate(
            (
                (STATED_FILL, ""),
                (None, self.labels["stated"]),
                (COMPUTED_FILL, ""),
                (None, self.labels["computed"]),
            )
        ):
            cell = table.rows[0].cells[column]
            cell.width = Mm(widths[column])
            self.cell_text(cell, [text], size=10.5)
            if fill:
                tables.shade(cell, fill)
        tables.grid(table, widths)
        tables.no_cell_margins(table, (1, 3))

    def bar_table(self, chart: KindChart) -> None:
        from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
        from docx.shared import Mm

        label_mm, figure_mm, bar_mm = 60.0, 28.0, 3.4
        widths = [label_mm] + [bar_mm] * BAR_CELLS + [figure_mm]
        table = self.document.add_table(rows=len(chart.bars), cols=BAR_CELLS + 2)
        for row, bar in zip(table.rows, chart.bars, strict=True):
            cells = row.cells
            label = cells[0]
            self.cell_text(label, [plain.case_number(self.briefing, bar.position) + bar.case_title], size=10.5)
            small = label.add_paragraph(plain.clean(bar.label))
            self.apply(small, STYLE_TABLE)
            for run in small.runs:
                from docx.shared import Pt, RGBColor

                run.font.size = Pt(9)
                run.font.color.rgb = RGBColor(0x59, 0x59, 0x59)
            for cell in cells:
                cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            for cell, width in zip(cells, widths, strict=True):
                cell.width = Mm(width)
            self.cell_text(cells[-1], [plain.bar_words(bar, self.lang)], size=10.5, bold=True)
            # The bar is one merged cell, shaded, and the rest of the scale another: no seams.
            magnitude = abs(bar.pct_max if bar.pct_max is not None else bar.pct)
            filled = min(BAR_CELLS, max(round(magnitude / chart.scale * BAR_CELLS), 1 if magnitude else 0))
            if filled:
                shaded = cells[1].merge(cells[filled]) if filled > 1 else cells[1]
                tables.shade(shaded, STATED_FILL if bar.stated else COMPUTED_FILL)
            if filled < BAR_CELLS - 1:
                cells[filled + 1].merge(cells[BAR_CELLS])
            tables.cant_split(row)
        tables.grid(table, widths)
        tables.no_cell_margins(table, (0, BAR_CELLS + 1))
        tables.row_rules(table)
        self.paragraph("")

    def case(self, case: plain.OfficeCase) -> None:
        """The body of a case's section, after its heading."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt

        if case.subtitle:
            self.paragraph(case.subtitle, keep=True, whole=True)
        meta = self.paragraph(fitted_meta(case.meta), keep=True, whole=True)
        meta.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT  # a list of parts, never stretched
        for run in meta.runs:
            run.font.size = Pt(META_SIZE)
        if case.agencies:
            self.paragraph(case.agencies, keep=True, whole=True)
        if case.summary:
            self.paragraph(case.summary, whole=True)
        for part in case.parts:
            self.heading(part.heading, case.level + 1)
            for index, (title, detail) in enumerate(part.items, 1):
                paragraph = self.paragraph()
                self.run(
                    paragraph,
                    words.item_number(index, self.lang, case.level + 2) + words.lead_in(title, self.lang),
                    bold=True,
                    whole=True,
                )
                if detail:
                    self.run(paragraph, words.after_lead_in(detail, self.lang), whole=True)
            if part.rows:
                header = [self.h[key] for key in part.columns]
                self.table(header, part.rows, columns.metrics_layout(part.columns))
            for line in part.lines:
                self.paragraph(line, whole=True)


#: The meta line's size: a step below the body, as the tables' text plus two points.
META_SIZE = TABLE_SIZE + 2


def fitted_meta(meta: str) -> str:
    """The meta line (项目 · 第四批 · 地区 · 日期) broken before a part that would not fit
    (``columns.parts_on_lines``): Word and LibreOffice break Chinese between any two
    characters, a date's (2021年4|月10日) included. The first line is two body characters
    shorter (its indent)."""
    width = styles.TYPE_AREA_MM * columns.MM
    return columns.parts_on_lines(meta, " · ", (width - 2 * styles.BODY_SIZE) / META_SIZE, width / META_SIZE)
