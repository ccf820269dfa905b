"""Table XML for the Word briefing: borders, fixed column widths, cell margins, shading, header
rows and rows that do not split, each child put where the OOXML schema orders it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from docx.table import Table, _Cell


def qn(tag: str) -> str:
    from docx.oxml.ns import qn as namespaced

    return namespaced(tag)


def element(tag: str, **attributes: str) -> Any:
    from docx.oxml import OxmlElement

    element = OxmlElement(tag)
    for key, value in attributes.items():
        element.set(qn(f"w:{key}"), value)
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


def replace(parent: Any, child: Any) -> None:
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


def borders(table: Table) -> None:
    borders = element("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(element(f"w:{side}", val="single", sz="4", space="0", color="000000"))
    replace(table._tbl.tblPr, borders)


def row_rules(table: Table) -> None:
    """Charts: a thin rule between rows, none between the cells of a bar."""
    borders = element("w:tblBorders")
    for side in ("top", "bottom", "insideH"):
        borders.append(element(f"w:{side}", val="single", sz="2", space="0", color="BFBFBF"))
    for side in ("left", "right", "insideV"):
        borders.append(element(f"w:{side}", val="nil"))
    replace(table._tbl.tblPr, borders)


def grid(table: Table, widths_mm: Sequence[float]) -> None:
    """Fixed column widths (Word and LibreOffice both read tblGrid and tcW)."""
    from docx.shared import Mm

    tbl = table._tbl
    grid = tbl.tblGrid
    for column, width in zip(grid.findall(qn("w:gridCol")), widths_mm, strict=True):
        column.set(qn("w:w"), str(int(Mm(width).twips)))
    replace(tbl.tblPr, element("w:tblLayout", type="fixed"))
    total = int(sum(Mm(w).twips for w in widths_mm))
    replace(tbl.tblPr, element("w:tblW", w=str(total), type="dxa"))


def cell_margins(table: Table, twips: int) -> None:
    margins = element("w:tblCellMar")
    for side in ("left", "right"):
        margins.append(element(f"w:{side}", w=str(twips), type="dxa"))
    replace(table._tbl.tblPr, margins)


def no_cell_margins(table: Table, text_columns: tuple[int, ...]) -> None:
    """No cell padding (bars stay contiguous); text columns keep a little room."""
    margins = element("w:tblCellMar")
    for side in ("left", "right"):
        margins.append(element(f"w:{side}", w="0", type="dxa"))
    replace(table._tbl.tblPr, margins)
    for row in table.rows:
        for column in text_columns:
            cell_margins = element("w:tcMar")
            for side in ("left", "right"):
                cell_margins.append(element(f"w:{side}", w="85", type="dxa"))
            replace(row.cells[column]._tc.get_or_add_tcPr(), cell_margins)


def shade(cell: _Cell, fill: str) -> None:
    replace(cell._tc.get_or_add_tcPr(), element("w:shd", val="clear", color="auto", fill=fill))


def repeat_header(row: Any) -> None:
    replace(row._tr.get_or_add_trPr(), element("w:tblHeader"))
    cant_split(row)


def cant_split(row: Any) -> None:
    replace(row._tr.get_or_add_trPr(), element("w:cantSplit"))
