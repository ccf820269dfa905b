"""The Word briefing's styles, page and settings, after GB/T 9704 (党政机关公文格式).

A4, margins 37/35/28/26 mm (top/bottom/left/right), 22 lines of 29 pt; title in 小标宋 二号
(宋体 where it is missing) with a blank line after it; first-level headings 黑体, second-level
楷体, third-level 仿宋 bold; body 仿宋 三号 (16 pt). Page numbers in 宋体 四号 as 「— N —」 at
the foot, one character in from the outer edge: right on odd pages, left on even ones.
East-Asian font names go in ``w:eastAsia`` so Word and WPS use them; the font table names a
common alternative for each. The settings ask Word to update fields on open (the contents'
page numbers). Each function here is used by ``writer``; python-docx is imported here only
when a document is written.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reformkit.errors import UsageError
from reformkit.render.briefing.docx.tables import element, qn

if TYPE_CHECKING:
    from docx.document import Document

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
PAGE_NUMBER_SIZE = 14  # 四号
LINE_PITCH = 29  # points, exact: 22 lines in the 225 mm type area
TYPE_AREA_MM = 156.0  # 210 mm less the 28 and 26 mm margins
ZIP_DATE = (1980, 1, 1, 0, 0, 0)

STYLE_TABLE = "Table Text"
STYLE_CONTENTS = ("TOC 1", "TOC 2")
#: Curly quotes: Word and LibreOffice draw them in the Latin font unless told they are CJK.
EAST_ASIAN_QUOTES = frozenset("“”‘’")


def open_document(reference: Path | None, max_bytes: int = 64 << 20) -> Document:
    """A new document, or ``reference`` (a regular file of at most ``max_bytes``) with its
    body cleared (its styles, page setup, headers and footers kept)."""
    import io

    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml import etree  # type: ignore[import-untyped]

    from reformkit.report.output import read_limited

    if reference is None:
        return docx.Document()
    raw = read_limited(reference, max_bytes, "--reference-doc", "reference_max_bytes")
    try:
        document = docx.Document(io.BytesIO(raw))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError, etree.LxmlError) as exc:
        raise UsageError(f"--reference-doc {reference}: not a Word document (.docx) ({exc})") from None
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    return document


def set_fonts(style_or_run: Any, east_asia: str, latin: str = LATIN_FONT) -> None:
    """Latin and east-Asian font names, with theme fonts removed (they would win)."""
    font = style_or_run.font
    font.name = latin
    rpr = style_or_run.element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), east_asia)
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attribute), None)


def east_asian_hint(run: Any, text: str) -> None:
    """``w:hint="eastAsia"`` on a run holding curly quotes, so they stay full-width."""
    if EAST_ASIAN_QUOTES.isdisjoint(text):
        return
    run.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:hint"), "eastAsia")


def kept_whole(run: Any) -> None:
    """Mark a run holding one figure (``2652\u2060件``, joined by ``nobreak.joined``) so that
    LibreOffice keeps it on one line too: for text in Chinese or Japanese its line breaking
    ignores WORD JOINER and breaks between a digit and the unit after it (LibreOffice 7.4),
    while for a run whose east-Asian language is English it follows the joiners. The run's
    language is all that changes; the figure prints as it is."""
    run.element.get_or_add_rPr().append(element("w:lang", eastAsia=KEPT_WHOLE_LANG))


#: The east-Asian language of a run holding a figure kept whole (``kept_whole``).
KEPT_WHOLE_LANG = "en-US"


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
    after: float = 0,
    outline: int | None = None,
) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Pt, RGBColor

    set_fonts(style, font[0])
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
    paragraph.space_after = Pt(after)
    if pitch is None:
        paragraph.line_spacing_rule = WD_LINE_SPACING.SINGLE
    else:
        paragraph.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        paragraph.line_spacing = Pt(pitch)
    if outline is not None:
        ppr = style.element.get_or_add_pPr()
        for old in ppr.findall(qn("w:outlineLvl")):
            ppr.remove(old)
        ppr.append(element("w:outlineLvl", val=str(outline)))


#: (style, its format): the title with a blank line (one line pitch) after it.
_SPECS: tuple[tuple[str, dict[str, Any]], ...] = (
    (
        "Title",
        {
            "font": TITLE_FONT,
            "size": TITLE_SIZE,
            "indent": False,
            "align": "center",
            "pitch": 36,
            "after": 29,
        },
    ),
    ("Heading 1", {"font": HEADING1_FONT, "size": BODY_SIZE, "outline": 0}),
    ("Heading 2", {"font": HEADING2_FONT, "size": BODY_SIZE, "outline": 1}),
    ("Heading 3", {"font": BODY_FONT, "size": BODY_SIZE, "bold": True, "outline": 2}),
    (STYLE_TABLE, {"font": BODY_FONT, "size": TABLE_SIZE, "indent": False, "align": "left", "pitch": None}),
    (STYLE_CONTENTS[0], {"font": BODY_FONT, "size": BODY_SIZE, "indent": False, "align": "left"}),
    (STYLE_CONTENTS[1], {"font": BODY_FONT, "size": BODY_SIZE, "indent": False, "align": "left"}),
)


def ensure_styles(document: Document, *, restyle: bool) -> None:
    """GB/T 9704 styles; with a reference document only the styles it lacks are added."""
    styles = document.styles
    if restyle:
        _format(styles["Normal"], BODY_FONT, BODY_SIZE)
        _language(styles["Normal"].element.get_or_add_rPr())
        defaults = styles.element.find(qn("w:docDefaults"))
        rpr = None if defaults is None else defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
        if rpr is not None:
            _language(rpr)
    for name, spec in _SPECS:
        style, format_it = _paragraph_style(document, name, restyle)
        if not format_it:
            continue
        _format(style, **spec)
        if name.startswith("Heading") or name == "Title":
            style.paragraph_format.keep_with_next = True
        if name in STYLE_CONTENTS:
            _contents_tabs(style, indent_chars=2 * STYLE_CONTENTS.index(name))
        ppr = style.element.pPr
        for border in [] if ppr is None else ppr.findall(qn("w:pBdr")):
            ppr.remove(border)  # the default Title's blue rule
    if restyle:
        _font_table(document)


def _contents_tabs(style: Any, indent_chars: int) -> None:
    """A contents line: indented by level, its page number at the right margin after dots."""
    from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
    from docx.shared import Mm, Pt

    paragraph = style.paragraph_format
    paragraph.left_indent = Pt(BODY_SIZE * indent_chars)
    paragraph.tab_stops.add_tab_stop(Mm(TYPE_AREA_MM), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)


def _language(rpr: Any) -> None:
    """Chinese (PRC) as the east-Asian language, so CJK glyphs and fallbacks are the Chinese ones."""
    for old in rpr.findall(qn("w:lang")):
        rpr.remove(old)
    lang = element("w:lang", val="en-US", eastAsia="zh-CN", bidi="ar-SA")
    # w:lang comes late in w:rPr: before only w:eastAsianLayout, w:specVanish, w:oMath.
    successor = next(
        (c for c in rpr if c.tag in {qn("w:eastAsianLayout"), qn("w:specVanish"), qn("w:oMath")}), None
    )
    if successor is None:
        rpr.append(lang)
    else:
        successor.addprevious(lang)


def _font_table(document: Document) -> None:
    """Name each font in the font table with its alternative and the GB2312 character set."""
    from lxml import etree

    part = next(
        (rel.target_part for rel in document.part.rels.values() if rel.reltype.endswith("/fontTable")),
        None,
    )
    if part is None:
        return
    root = etree.fromstring(part.blob)
    for name, alternative in (TITLE_FONT, HEADING1_FONT, HEADING2_FONT, BODY_FONT, PAGE_NUMBER_FONT):
        for old in root.findall(qn("w:font")):
            if old.get(qn("w:name")) == name:
                root.remove(old)
        font = etree.SubElement(root, qn("w:font"))
        font.set(qn("w:name"), name)
        for tag, value in (("w:altName", alternative), ("w:charset", "86"), ("w:family", "modern")):
            child = etree.SubElement(font, qn(tag))
            child.set(qn("w:val"), value)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def page_setup(document: Document, page_number: str) -> None:
    """A4, GB/T 9704 margins, and page numbers outer-aligned: odd pages right, even left,
    one character in from the edge (``page_number`` is the text around it, ``— {page} —``)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance, section.footer_distance = Mm(15), Mm(21)
    document.settings.odd_and_even_pages_header_footer = True
    before, _, after = page_number.partition("{page}")
    for footer, align in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        paragraph.alignment = align
        layout = paragraph.paragraph_format
        layout.first_line_indent = Pt(0)
        layout.line_spacing = 1.0
        edge = Pt(PAGE_NUMBER_SIZE)  # 空一字
        layout.right_indent, layout.left_indent = (
            (edge, Pt(0)) if align == WD_ALIGN_PARAGRAPH.RIGHT else (Pt(0), edge)
        )
        for text in (before, None, after):
            run = paragraph.add_run() if text is None else paragraph.add_run(text)
            if text is None:
                field(run, "PAGE", "1")
            set_fonts(run, PAGE_NUMBER_FONT[0])
            run.font.size = Pt(PAGE_NUMBER_SIZE)


def field(run: Any, instruction: str, cached: str) -> None:
    """A field in ``run`` with ``cached`` as its result until Word or LibreOffice updates it."""

    def char(kind: str) -> Any:
        return element("w:fldChar", fldCharType=kind)

    code = element("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    result = element("w:t")
    result.text = cached
    for child in (char("begin"), code, char("separate"), result, char("end")):
        run.element.append(child)


def update_fields_on_open(document: Document) -> None:
    """``w:updateFields``: Word updates the contents' page numbers when the file is opened."""
    settings = document.settings.element
    for old in settings.findall(qn("w:updateFields")):
        settings.remove(old)
    update = element("w:updateFields", val="true")
    anchor = next((child for child in settings if child.tag.rpartition("}")[2] in _AFTER_UPDATE_FIELDS), None)
    if anchor is None:
        settings.append(update)
    else:
        anchor.addprevious(update)


#: The children of w:settings the schema puts after w:updateFields.
_AFTER_UPDATE_FIELDS = frozenset(
    [
        "hdrShapeDefaults",
        "footnotePr",
        "endnotePr",
        "compat",
        "docVars",
        "rsids",
        "mathPr",
        "attachedSchema",
        "themeFontLang",
        "clrSchemeMapping",
        "doNotIncludeSubdocsInStats",
        "doNotAutoCompressPictures",
        "forceUpgrade",
        "captions",
        "readModeInkLockDown",
        "smartTagType",
        "schemaLibrary",
        "shapeDefaults",
        "doNotEmbedSmartTags",
        "decimalSymbol",
        "listSeparator",
    ]
)


def properties(document: Document, title: str, dates: Sequence[str]) -> None:
    """Fixed document properties, dated ``dates``' newest (--date, else the newest case)."""
    found = document.core_properties
    stamp = _stamp(dates)
    found.title = title if len(title) <= 255 else title[:254] + "…"  # the most Word's property holds
    found.author = "reformkit"
    found.last_modified_by = "reformkit"
    found.comments = ""
    found.subject = ""
    found.keywords = ""
    found.category = ""
    found.revision = 1
    found.created = stamp
    found.modified = stamp
    found.last_printed = stamp


def _stamp(texts: Sequence[str]) -> dt.datetime:
    dates = []
    for text in texts:
        parts = [int(p) for p in str(text).split("-")[:3]] + [1, 1]
        dates.append(dt.datetime(parts[0], parts[1], parts[2], tzinfo=dt.UTC))
    return max(dates, default=dt.datetime(2000, 1, 1, tzinfo=dt.UTC))


def normalise_zip(raw: bytes) -> bytes:
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
