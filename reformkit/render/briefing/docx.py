"""The briefing as a Word document, laid out after the conventions for official documents.

GB/T 9704: A4, margins 37/35/28/26 mm (top/bottom/left/right), title in 小标宋 (宋体 where it
is missing), first-level headings 黑体, second-level 楷体, body 仿宋 三号 (16 pt) on a fixed
29 pt line pitch, page numbers centred at the bottom as 「— 1 —」. East-Asian font names go in
``w:eastAsia`` so Word and WPS use them; the font table names a common alternative for each.

The structure follows the Markdown briefing: title, scope, contents, overview table, charts,
then one section per case (主要做法, 实践效果, 数据指标 table, 来源). With ``reference`` the
document starts from that file instead (like pandoc's --reference-doc): its body is cleared,
its styles, page setup, headers and footers are kept, and only styles it lacks are added.

The bytes are deterministic: fixed document properties (dated from the newest case) and zip
entries with a fixed date, in a fixed order. python-docx is imported here only.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reformkit.errors import UsageError
from reformkit.render.briefing import office as plain
from reformkit.report.briefing import Output
from reformkit.report.chart import KindChart, reduction_charts
from reformkit.wording import describe

if TYPE_CHECKING:
    from docx.document import Document
    from docx.table import Table, _Cell
    from docx.text.paragraph import Paragraph

#: (east-Asian font, alternative the font table names for it)
TITLE_FONT = ("方正小标宋简体", "宋体")
HEADING1_FONT = ("黑体", "SimHei")
HEADING2_FONT = ("楷体", "楷体_GB2312")
BODY_FONT = ("仿宋", "仿宋_GB2312")
PAGE_NUMBER_FONT = ("宋体", "SimSun")
LATIN_FONT = "Times New Roman"

BODY_SIZE = 16  # 三号
TITLE_SIZE = 22  # 二号
TABLE_SIZE = 12  # 小四
LINE_PITCH = 29  # points, exact: 22 lines in the 225 mm type area
BAR_CELLS = 20  # a chart bar is drawn in this many cells (5 % each at full scale)
STATED_FILL = "8B1A1A"
COMPUTED_FILL = "E3A9A9"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)

_STYLE_TABLE = "Table Text"
_STYLE_CONTENTS = "Contents Entry"


def write(data: dict[str, Any], output: Output | None = None) -> bytes:
    """The briefing of ``data`` (``reformkit.report.briefing.context``) as .docx bytes: with charts
    unless ``output.charts`` is false, styled after ``output.reference`` if given."""
    output = output or Output("docx")
    reference, charts = output.reference, output.charts
    document = _open(reference)
    styled = reference is None
    _ensure_styles(document, restyle=styled)
    if styled:
        _page_setup(document)
    _properties(document, data)
    Writer(document, data).build(reduction_charts(data["cases"]) if charts else [])
    buffer = io.BytesIO()
    document.save(buffer)
    return _normalise_zip(buffer.getvalue())


def _open(reference: Path | None) -> Document:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    if reference is None:
        return docx.Document()
    try:
        document = docx.Document(str(reference))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise UsageError(f"--reference-doc {reference}: not a Word document (.docx) ({exc})") from None
    body = document.element.body
    for child in list(body):
        if child.tag != _qn("w:sectPr"):
            body.remove(child)
    return document


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    return qn(tag)


# -- styles and page ---------------------------------------------------------------------


def _set_fonts(style_or_run: Any, east_asia: str, latin: str = LATIN_FONT) -> None:
    """Latin and east-Asian font names, with theme fonts removed (they would win)."""
    font = style_or_run.font
    font.name = latin
    rpr = style_or_run.element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    fonts.set(_qn("w:eastAsia"), east_asia)
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(_qn(attribute), None)


def _paragraph_style(document: Document, name: str, restyle: bool) -> tuple[Any, bool]:
    """The style called ``name`` and whether to format it (new, or ours to restyle)."""
    from docx.enum.style import WD_STYLE_TYPE

    styles = document.styles
    try:
        return styles[name], restyle
    except KeyError:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles["Normal"]
        return style, True


def _format(
    style: Any,
    font: tuple[str, str],
    size: float,
    *,
    bold: bool = False,
    indent: bool = True,
    align: str = "justify",
    pitch: float | None = LINE_PITCH,
    outline: int | None = None,
) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Pt, RGBColor

    _set_fonts(style, font[0])
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = False
    style.font.color.rgb = RGBColor(0, 0, 0)
    paragraph = style.paragraph_format
    paragraph.alignment = {
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "left": WD_ALIGN_PARAGRAPH.LEFT,
    }[align]
    paragraph.first_line_indent = Pt(2 * BODY_SIZE) if indent else Pt(0)
    paragraph.left_indent = Pt(0)
    paragraph.space_before = Pt(0)
    paragraph.space_after = Pt(0)
    if pitch is None:
        paragraph.line_spacing_rule = WD_LINE_SPACING.SINGLE
    else:
        paragraph.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        paragraph.line_spacing = Pt(pitch)
    if outline is not None:
        ppr = style.element.get_or_add_pPr()
        for old in ppr.findall(_qn("w:outlineLvl")):
            ppr.remove(old)
        from docx.oxml import OxmlElement

        level = OxmlElement("w:outlineLvl")
        level.set(_qn("w:val"), str(outline))
        ppr.append(level)


def _ensure_styles(document: Document, *, restyle: bool) -> None:
    """GB/T 9704 styles; with a reference document only the styles it lacks are added."""
    styles = document.styles
    if restyle:
        _format(styles["Normal"], BODY_FONT, BODY_SIZE)
        _language(styles["Normal"].element.get_or_add_rPr())
        defaults = styles.element.find(_qn("w:docDefaults"))
        rpr = None if defaults is None else defaults.find(f"{_qn('w:rPrDefault')}/{_qn('w:rPr')}")
        if rpr is not None:
            _language(rpr)
    specs: list[tuple[str, dict[str, Any]]] = [
        ("Title", {"font": TITLE_FONT, "size": TITLE_SIZE, "indent": False, "align": "center", "pitch": 36}),
        ("Heading 1", {"font": HEADING1_FONT, "size": BODY_SIZE, "outline": 0}),
        ("Heading 2", {"font": HEADING2_FONT, "size": BODY_SIZE, "outline": 1}),
        ("Heading 3", {"font": BODY_FONT, "size": BODY_SIZE, "bold": True, "outline": 2}),
        (
            _STYLE_TABLE,
            {"font": BODY_FONT, "size": TABLE_SIZE, "indent": False, "align": "left", "pitch": None},
        ),
        (_STYLE_CONTENTS, {"font": BODY_FONT, "size": BODY_SIZE, "indent": False, "align": "left"}),
    ]
    for name, spec in specs:
        style, format_it = _paragraph_style(document, name, restyle)
        if format_it:
            _format(style, **spec)
            if name.startswith("Heading") or name == "Title":
                style.paragraph_format.keep_with_next = True
            ppr = style.element.pPr
            for border in [] if ppr is None else ppr.findall(_qn("w:pBdr")):
                ppr.remove(border)  # the default Title's blue rule
    if restyle:
        _font_table(document)


def _language(rpr: Any) -> None:
    """Chinese (PRC) as the east-Asian language, so CJK glyphs and fallbacks are the Chinese ones."""
    for old in rpr.findall(_qn("w:lang")):
        rpr.remove(old)
    lang = _element("w:lang", val="en-US", eastAsia="zh-CN", bidi="ar-SA")
    # w:lang comes late in w:rPr: before only w:eastAsianLayout, w:specVanish, w:oMath.
    successor = next(
        (c for c in rpr if c.tag in {_qn("w:eastAsianLayout"), _qn("w:specVanish"), _qn("w:oMath")}), None
    )
    if successor is None:
        rpr.append(lang)
    else:
        successor.addprevious(lang)


def _font_table(document: Document) -> None:
    """Name each font in the font table with its alternative and the GB2312 character set."""
    from lxml import etree  # type: ignore[import-untyped]

    part = next(
        (rel.target_part for rel in document.part.rels.values() if rel.reltype.endswith("/fontTable")),
        None,
    )
    if part is None:
        return
    root = etree.fromstring(part.blob)
    for name, alternative in (TITLE_FONT, HEADING1_FONT, HEADING2_FONT, BODY_FONT, PAGE_NUMBER_FONT):
        for old in root.findall(_qn("w:font")):
            if old.get(_qn("w:name")) == name:
                root.remove(old)
        font = etree.SubElement(root, _qn("w:font"))
        font.set(_qn("w:name"), name)
        for tag, value in (("w:altName", alternative), ("w:charset", "86"), ("w:family", "modern")):
            element = etree.SubElement(font, _qn(tag))
            element.set(_qn("w:val"), value)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _page_setup(document: Document) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance, section.footer_distance = Mm(15), Mm(21)
    footer = section.footer
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.first_line_indent = Pt(0)
    for text in ("— ", None, " —"):
        run = paragraph.add_run() if text is None else paragraph.add_run(text)
        if text is None:
            _page_field(run)
        _set_fonts(run, PAGE_NUMBER_FONT[0])
        run.font.size = Pt(14)


def _page_field(run: Any) -> None:
    """A PAGE field (with 1 as its cached value, as LibreOffice and Word update it)."""
    from docx.oxml import OxmlElement

    def char(kind: str) -> Any:
        element = OxmlElement("w:fldChar")
        element.set(_qn("w:fldCharType"), kind)
        return element

    instruction = OxmlElement("w:instrText")
    instruction.set(_qn("xml:space"), "preserve")
    instruction.text = " PAGE "
    cached = OxmlElement("w:t")
    cached.text = "1"
    for element in (char("begin"), instruction, char("separate"), cached, char("end")):
        run.element.append(element)


def _properties(document: Document, data: dict[str, Any]) -> None:
    properties = document.core_properties
    stamp = _stamp(data)
    properties.title = data["title"]
    properties.author = "reformkit"
    properties.last_modified_by = "reformkit"
    properties.comments = ""
    properties.subject = ""
    properties.keywords = ""
    properties.category = ""
    properties.revision = 1
    properties.created = stamp
    properties.modified = stamp
    properties.last_printed = stamp


def _stamp(data: dict[str, Any]) -> dt.datetime:
    """The document's date: --date if given, else the newest case's publication date."""
    texts = [data["date"]] if data.get("date") else [c["published"] for c in data["cases"]]
    dates = []
    for text in texts:
        parts = [int(p) for p in str(text).split("-")[:3]] + [1, 1]
        dates.append(dt.datetime(parts[0], parts[1], parts[2], tzinfo=dt.UTC))
    return max(dates, default=dt.datetime(2000, 1, 1, tzinfo=dt.UTC))


def _normalise_zip(raw: bytes) -> bytes:
    """The same entries in the same order, each with a fixed date and mode."""
    source = zipfile.ZipFile(io.BytesIO(raw))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 0
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


# -- content -----------------------------------------------------------------------------


class Writer:
    """Adds the briefing's paragraphs and tables to a document whose styles are set."""

    def __init__(self, document: Document, data: dict[str, Any]) -> None:
        self.document = document
        self.data = data
        self.lang: str = data["lang"]
        self.labels = plain.LABELS[self.lang]
        self.h: dict[str, str] = describe.HEADINGS[plain.language(self.lang)]
        # style name -> id, looked up once (python-docx searches every style on each lookup)
        self.style_ids = {style.name: style.style_id for style in document.styles}

    # paragraphs

    def paragraph(self, text: str = "", style: str | None = None) -> Paragraph:
        paragraph = self.document.add_paragraph(plain.clean(text))
        self.apply(paragraph, style)
        return paragraph

    def apply(self, paragraph: Paragraph, style: str | None) -> None:
        """Give ``paragraph`` the style called ``style``, if the document has it."""
        style_id = self.style_ids.get(style or "")
        if style_id is not None:
            paragraph._p.style = style_id

    def heading(self, text: str, level: int) -> Paragraph:
        return self.paragraph(text, "Title" if level == 0 else f"Heading {level}")

    def build(self, charts: list[KindChart]) -> None:
        from docx.shared import Pt

        data = self.data
        self.heading(data["title"], 0)
        self.paragraph(plain.scope_line(data))
        if data.get("date"):
            self.paragraph(
                f"{self.labels['date']}：{data['date']}" if self.lang == "zh" else f"Date: {data['date']}"
            )
        self.contents()
        self.overview()
        if charts:
            self.charts(charts)
        grouped = any(group["name"] for group in data["groups"])
        first = True  # the body starts on a new page; a blank line before each later section
        for index, group in enumerate(data["groups"], 1):
            if group["name"]:
                heading = self.heading(self.numbered(index, 1) + group["name"], 1)
                heading.paragraph_format.page_break_before = first
                if not first:
                    heading.paragraph_format.space_before = Pt(LINE_PITCH)
                first = False
            for number, case in enumerate(group["cases"], 1):
                level = 2 if grouped else 1
                heading = self.heading(
                    self.numbered(number if grouped else case["position"], level) + case["title"], level
                )
                heading.paragraph_format.page_break_before = first
                if not first and not (grouped and number == 1):
                    heading.paragraph_format.space_before = Pt(LINE_PITCH)
                first = False
                self.case(case, level=level)

    def numbered(self, number: int, level: int) -> str:
        return plain.numbered(number, level, self.lang)

    def contents(self) -> None:
        from docx.shared import Pt

        self.heading(self.labels["contents"], 1)
        for group in self.data["groups"]:
            if group["name"]:
                self.paragraph(group["name"], _STYLE_CONTENTS)
            for case in group["cases"]:
                paragraph = self.paragraph(f"{case['position']}. {case['title']}", _STYLE_CONTENTS)
                indent = 2 * BODY_SIZE * (2 if group["name"] else 1)
                paragraph.paragraph_format.left_indent = Pt(indent)
                paragraph.paragraph_format.first_line_indent = Pt(-2 * BODY_SIZE)

    def table(self, header: list[str], rows: list[list[str] | str], widths_mm: list[float]) -> Table:
        """A bordered table; a row given as one string is a band across all columns."""
        from docx.shared import Mm

        table: Table = self.document.add_table(rows=1 + len(rows), cols=len(header))
        _borders(table)
        _cell_margins(table, 57)
        for row_index, values in enumerate([header, *rows]):
            row = table.rows[row_index]
            cells = row.cells
            for column, cell in enumerate(cells):
                cell.width = Mm(widths_mm[column])
            if isinstance(values, str):
                band = cells[0].merge(cells[-1])
                self.cell_text(band, values, bold=True)
                _shade(band, "F2F2F2")
            else:
                for cell, value in zip(cells, values, strict=True):
                    self.cell_text(cell, value, bold=row_index == 0)
            _cant_split(row)
        _repeat_header(table.rows[0])
        _grid(table, widths_mm)
        self.paragraph("", _STYLE_TABLE)  # room before what follows
        return table

    def cell_text(self, cell: _Cell, text: str, *, bold: bool = False, size: float | None = None) -> None:
        from docx.shared import Pt

        paragraph = cell.paragraphs[0]
        self.apply(paragraph, _STYLE_TABLE)
        for number, line in enumerate(plain.clean(text).splitlines() or [""]):
            run = paragraph.add_run()
            if number:
                run.add_break()  # a line break inside the cell, not a new row
            run.add_text(line)
            run.bold = bold or None
            if size:
                run.font.size = Pt(size)

    def overview(self) -> None:
        self.heading(self.labels["overview"], 1)
        h, labels = self.h, self.labels
        header = [labels["number"], labels["case"], h["region"], h["published"], labels["metric_count"]]
        rows: list[list[str] | str] = []
        for program, members in plain.by_program(self.data):
            if program is not None:
                rows.append(program)
            rows += [
                [
                    str(c["position"]),
                    c["title"],
                    describe.case_region(c),
                    c["published"],
                    str(len(c["metric_rows"])),
                ]
                for c in members
            ]
        self.table(header, rows, [13, 74, 30, 24, 15])

    def charts(self, charts: list[KindChart]) -> None:
        self.heading(self.labels["charts"], 1).paragraph_format.page_break_before = True
        self.paragraph(self.labels["charts_note"])
        self.legend()
        for number, chart in enumerate(charts, 1):
            self.heading(self.numbered(number, 2) + plain.chart_title(chart.kind, self.lang), 2)
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
            self.cell_text(cell, text, size=10.5)
            if fill:
                _shade(cell, fill)
        _grid(table, widths)
        _no_cell_margins(table, (1, 3))

    def bar_table(self, chart: KindChart) -> None:
        from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
        from docx.shared import Mm

        label_mm, figure_mm, bar_mm = 60.0, 28.0, 3.4
        widths = [label_mm] + [bar_mm] * BAR_CELLS + [figure_mm]
        table = self.document.add_table(rows=len(chart.bars), cols=BAR_CELLS + 2)
        for row, bar in zip(table.rows, chart.bars, strict=True):
            cells = row.cells
            label = cells[0]
            self.cell_text(label, f"{bar.position}. {bar.case_title}", size=10.5)
            small = label.add_paragraph(plain.clean(bar.label))
            self.apply(small, _STYLE_TABLE)
            for run in small.runs:
                from docx.shared import Pt, RGBColor

                run.font.size = Pt(9)
                run.font.color.rgb = RGBColor(0x59, 0x59, 0x59)
            for cell in cells:
                cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            for cell, width in zip(cells, widths, strict=True):
                cell.width = Mm(width)
            self.cell_text(cells[-1], plain.bar_words(bar, self.lang), size=10.5, bold=True)
            # The bar is one merged cell, shaded, and the rest of the scale another: no seams.
            magnitude = abs(bar.pct_max if bar.pct_max is not None else bar.pct)
            filled = min(BAR_CELLS, max(round(magnitude / chart.scale * BAR_CELLS), 1 if magnitude else 0))
            if filled:
                shaded = cells[1].merge(cells[filled]) if filled > 1 else cells[1]
                _shade(shaded, STATED_FILL if bar.stated else COMPUTED_FILL)
            if filled < BAR_CELLS - 1:
                cells[filled + 1].merge(cells[BAR_CELLS])
            _cant_split(row)
        _grid(table, widths)
        _no_cell_margins(table, (0, BAR_CELLS + 1))
        _row_rules(table)
        self.paragraph("")

    def case(self, case: dict[str, Any], *, level: int) -> None:
        """The body of a case's section, after its heading."""
        from docx.shared import Pt

        if case.get("subtitle"):
            self.paragraph(case["subtitle"])
        meta = self.paragraph(plain.meta_line(case, self.lang))
        for run in meta.runs:
            run.font.size = Pt(TABLE_SIZE + 2)
        if case.get("agencies"):
            joiner = "、" if self.lang == "zh" else ", "
            colon = "：" if self.lang == "zh" else ": "
            self.paragraph(self.h["agencies"] + colon + joiner.join(case["agencies"]))
        if case.get("summary"):
            self.paragraph(case["summary"])
        for part in plain.case_parts(case, self.lang, level + 1):
            self.heading(part["heading"], level + 1)
            key = part["key"]
            if key in ("practices", "outcomes"):
                for index, item in enumerate(part["entries"], 1):
                    title, detail = str(item.get("title") or ""), str(item.get("detail") or "")
                    paragraph = self.paragraph()
                    lead = paragraph.add_run(self.numbered(index, 3) + plain.lead_in(title, self.lang))
                    lead.bold = True
                    if detail:
                        paragraph.add_run(plain.clean(detail if self.lang == "zh" else " " + detail))
            elif key == "metrics":
                columns = part["columns"]
                widths = {"label": 50.0, "figure": 30.0, "transition": 38.0, "change": 20.0, "as_of": 18.0}
                widths["label"] += sum(
                    w for k, w in widths.items() if k not in columns
                )  # room of unused columns
                rows: list[list[str] | str] = list(part["entries"])
                self.table([self.h[c] for c in columns], rows, [widths[c] for c in columns])
            else:
                for item in part["entries"]:
                    self.paragraph(str(item))


# -- table helpers -----------------------------------------------------------------------


def _element(tag: str, **attributes: str) -> Any:
    from docx.oxml import OxmlElement

    element = OxmlElement(tag)
    for key, value in attributes.items():
        element.set(_qn(f"w:{key}"), value)
    return element


#: Schema order of the children of w:tblPr and w:tcPr (Word rejects other orders).
_ORDER = {
    "tblPr": [
        "tblStyle",
        "tblpPr",
        "tblOverlap",
        "bidiVisual",
        "tblStyleRowBandSize",
        "tblStyleColBandSize",
        "tblW",
        "jc",
        "tblCellSpacing",
        "tblInd",
        "tblBorders",
        "shd",
        "tblLayout",
        "tblCellMar",
        "tblLook",
        "tblCaption",
        "tblDescription",
    ],
    "tcPr": [
        "cnfStyle",
        "tcW",
        "gridSpan",
        "hMerge",
        "vMerge",
        "tcBorders",
        "shd",
        "noWrap",
        "tcMar",
        "textDirection",
        "tcFitText",
        "vAlign",
        "hideMark",
    ],
}


def _replace(parent: Any, child: Any) -> None:
    """Put ``child`` in ``parent`` in schema order, replacing one with the same tag."""
    for old in parent.findall(child.tag):
        parent.remove(old)
    order = _ORDER.get(parent.tag.rpartition("}")[2])
    name = child.tag.rpartition("}")[2]
    if order and name in order:
        rank = order.index(name)
        for existing in parent:
            other = existing.tag.rpartition("}")[2]
            if other in order and order.index(other) > rank:
                existing.addprevious(child)
                return
    parent.append(child)


def _borders(table: Table) -> None:
    borders = _element("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(_element(f"w:{side}", val="single", sz="4", space="0", color="000000"))
    _replace(table._tbl.tblPr, borders)


def _row_rules(table: Table) -> None:
    """Charts: a thin rule between rows, none between the cells of a bar."""
    borders = _element("w:tblBorders")
    for side in ("top", "bottom", "insideH"):
        borders.append(_element(f"w:{side}", val="single", sz="2", space="0", color="BFBFBF"))
    for side in ("left", "right", "insideV"):
        borders.append(_element(f"w:{side}", val="nil"))
    _replace(table._tbl.tblPr, borders)


def _grid(table: Table, widths_mm: Sequence[float]) -> None:
    """Fixed column widths (Word and LibreOffice both read tblGrid and tcW)."""
    from docx.shared import Mm

    tbl = table._tbl
    grid = tbl.tblGrid
    for column, width in zip(grid.findall(_qn("w:gridCol")), widths_mm, strict=True):
        column.set(_qn("w:w"), str(int(Mm(width).twips)))
    _replace(tbl.tblPr, _element("w:tblLayout", type="fixed"))
    total = int(sum(Mm(w).twips for w in widths_mm))
    _replace(tbl.tblPr, _element("w:tblW", w=str(total), type="dxa"))


def _cell_margins(table: Table, twips: int) -> None:
    margins = _element("w:tblCellMar")
    for side in ("left", "right"):
        margins.append(_element(f"w:{side}", w=str(twips), type="dxa"))
    _replace(table._tbl.tblPr, margins)


def _no_cell_margins(table: Table, text_columns: tuple[int, ...]) -> None:
    """No cell padding (bars stay contiguous); text columns keep a little room."""
    margins = _element("w:tblCellMar")
    for side in ("left", "right"):
        margins.append(_element(f"w:{side}", w="0", type="dxa"))
    _replace(table._tbl.tblPr, margins)
    for row in table.rows:
        for column in text_columns:
            cell_margins = _element("w:tcMar")
            for side in ("left", "right"):
                cell_margins.append(_element(f"w:{side}", w="85", type="dxa"))
            _replace(row.cells[column]._tc.get_or_add_tcPr(), cell_margins)


def _shade(cell: _Cell, fill: str) -> None:
    _replace(cell._tc.get_or_add_tcPr(), _element("w:shd", val="clear", color="auto", fill=fill))


def _repeat_header(row: Any) -> None:
    _replace(row._tr.get_or_add_trPr(), _element("w:tblHeader"))
    _cant_split(row)


def _cant_split(row: Any) -> None:
    _replace(row._tr.get_or_add_trPr(), _element("w:cantSplit"))
