"""Cases for spreadsheets: CSV (one row per case) and XLSX (a cases sheet and a metrics
sheet linked by ``id``), for Excel and WPS as well as scripts.

A case has two CSV layouts, for two contracts: ``export --format csv`` writes the whole case
(``CSV_COLUMNS``, ``case_row``: every field, texts whole); ``search --format csv`` writes one
line a hit from the search index (``HIT_COLUMNS``, ``hit_row``: what identifies and places a
case, counts instead of texts, and the file's path), fast enough for any number of hits.

The figures are worded as every other output words them (``describe.metric_line``). CSV cells
a spreadsheet would run as a formula start with ``'``; in XLSX every text is stored as text
(never a formula), numbers as numbers and full dates as dates.
"""

from __future__ import annotations

import datetime
import io
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reformkit.case.model import METRIC_FIELDS
from reformkit.text.escape import spreadsheet_cell
from reformkit.wording.describe import metric_line, metric_text

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from reformkit.library.index.record import Record
    from reformkit.render.cases import CaseHit

#: A UTF-8 byte-order mark: Excel and WPS on Chinese Windows read a CSV without it as GBK.
BOM = "\ufeff"

CSV_COLUMNS = (
    "id",
    "title",
    "subtitle",
    "program",
    "batch",
    "number",
    "published",
    "province",
    "city",
    "district",
    "status",
    "due",
    "agencies",
    "tags",
    "summary",
    "practices",
    "outcomes",
    "metrics",
    "recognition",
    "related",
    "source_title",
    "source_publisher",
    "source_date",
    "source_url",
    "source_document",
)

#: ``search --format csv``: a hit as the index holds it, counts of practices, outcomes and
#: metrics, and where its file is.
HIT_COLUMNS = (
    "id",
    "title",
    "program",
    "batch",
    "number",
    "published",
    "province",
    "city",
    "district",
    "status",
    "tags",
    "agencies",
    "practices",
    "outcomes",
    "metrics",
    "path",
)

#: The metrics sheet: the case's id and the metric's place, its figures as the case states
#: them (numbers), and the metric worded (``text``).
METRIC_COLUMNS = ("id", "position", *METRIC_FIELDS, "text")


def _items(items: list[dict[str, Any]] | None) -> str:
    """Numbered lines, each title closed as the briefings close it (``1. 标题。正文``)."""
    from reformkit.wording.briefing import lead_in

    return "\n".join(
        f"{n}. {lead_in(str(item.get('title') or ''), 'zh')}{item.get('detail') or ''}"
        for n, item in enumerate(items or [], 1)
    )


def case_row(case: dict[str, Any]) -> list[Any]:
    """A case as the cells of CSV_COLUMNS: lists joined with ``; ``, practices and outcomes as
    numbered lines, metrics one line each (``describe.metric_line``)."""
    region = case.get("region") or {}
    source = case.get("source") or {}
    return [
        case["id"],
        case["title"],
        case.get("subtitle", ""),
        case["program"],
        case.get("batch", ""),
        case.get("number", ""),
        case["published"],
        region.get("province", ""),
        region.get("city", ""),
        region.get("district", ""),
        case.get("status", "implemented"),
        case.get("due", ""),
        "; ".join(case.get("agencies") or []),
        "; ".join(case.get("tags") or []),
        case.get("summary", ""),
        _items(case.get("practices")),
        _items(case.get("outcomes")),
        "\n".join(metric_line(m) for m in case.get("metrics") or []),
        "\n".join(case.get("recognition") or []),
        "; ".join(case.get("related") or []),
        source.get("title", ""),
        source.get("publisher", ""),
        source.get("date", ""),
        source.get("url", ""),
        source.get("document", ""),
    ]


def hit_row(record: Record, path: str) -> list[Any]:
    """A search hit as the cells of HIT_COLUMNS, from its index record."""
    return [
        record.id,
        record.title,
        record.program,
        record.batch if record.batch is not None else "",
        record.number if record.number is not None else "",
        record.published,
        record.province,
        record.city,
        record.district,
        record.status,
        "; ".join(record.tags),
        "; ".join(record.agencies),
        record.practices,
        record.outcomes,
        len(record.metrics),
        path,
    ]


def to_csv(cases: list[dict[str, Any]], *, bom: bool = False) -> str:
    """The cases as CSV, a header row first; with ``bom`` led by a UTF-8 byte-order mark."""
    return _csv(CSV_COLUMNS, (case_row(case) for case in cases), bom=bom)


def hits_csv(hits: list[CaseHit], read: object, query: object, **_: Any) -> str:
    """``search --format csv``: one row a hit (HIT_COLUMNS), for a pipe, so no byte-order mark."""
    return _csv(HIT_COLUMNS, (hit_row(hit.record, hit.source.path) for hit in hits), bom=False)


def _csv(columns: tuple[str, ...], rows: Iterable[list[Any]], *, bom: bool) -> str:
    """A header row, then ``rows``; a cell a spreadsheet would run as a formula is neutralised."""
    import csv

    out = io.StringIO()
    if bom:
        out.write(BOM)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([spreadsheet_cell(c) for c in row])
    return out.getvalue()


def metric_rows(case: dict[str, Any]) -> list[list[Any]]:
    """The rows of the metrics sheet for one case."""
    rows = []
    for position, metric in enumerate(case.get("metrics") or [], 1):
        approx = metric.get("approx") or {}
        figures = [metric.get(name) for name in METRIC_COLUMNS[4:16]]
        approx_text = "; ".join(f"{name}: {how}" for name, how in sorted(approx.items()))
        rows.append(
            [
                case["id"],
                position,
                metric.get("label", ""),
                metric.get("kind", ""),
                *figures,
                approx_text,
                metric.get("as_of"),
                metric.get("note"),
                metric_text(metric),
            ]
        )
    return rows


_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_FULL_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
#: Columns that hold dates: a full date is a date cell; a year or a month stays text, as the
#: case states it (a spreadsheet date would invent a day).
_DATE_COLUMNS = {"published", "due", "source_date", "as_of"}
#: The widest a column is made, in character cells.
MAX_WIDTH = 60


def cell_value(column: str, value: Any) -> Any:
    """A value as its cell holds it: None and "" empty, a full date in a date column as a date,
    text with control characters shown as ``\\xNN`` escapes (XLSX cannot hold them)."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        if column in _DATE_COLUMNS and _FULL_DATE.fullmatch(value):
            try:
                return datetime.date.fromisoformat(value)
            except ValueError:
                return value
        return _ILLEGAL.sub(lambda m: f"\\x{ord(m.group()):02x}", value)
    return value


def display_width(value: Any) -> int:
    """The cells a value takes on screen: its widest line, wide (CJK) characters counted twice."""
    if value is None:
        return 0
    if isinstance(value, datetime.date):
        return 10
    text = value if isinstance(value, str) else str(value)
    return max(
        (
            sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)
            for line in text.split("\n")
        ),
        default=0,
    )


def _fill(sheet: Worksheet, columns: tuple[str, ...], rows: list[list[Any]]) -> None:
    """A header row in bold, then ``rows``: text kept as text, dates as dates, columns as wide
    as their content (to a limit), the header frozen."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    sheet.append(list(columns))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    widths = [display_width(name) for name in columns]
    for row in rows:
        values = [cell_value(column, value) for column, value in zip(columns, row, strict=True)]
        sheet.append(values)
        for index, value in enumerate(values):
            widths[index] = max(widths[index], display_width(value))
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text, even when it starts with = (never a formula)
                if "\n" in cell.value:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
            elif isinstance(cell.value, datetime.date):
                cell.number_format = "yyyy-mm-dd"
    for index, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(index)].width = min(MAX_WIDTH, width + 2)
    sheet.freeze_panes = "A2"


def to_xlsx(cases: list[dict[str, Any]], path: Path) -> None:
    """Write an XLSX workbook at ``path``: sheet ``cases`` (CSV_COLUMNS, one row per case) and
    sheet ``metrics`` (METRIC_COLUMNS, one row per metric, linked to its case by ``id``)."""
    from openpyxl import Workbook

    book = Workbook()
    first = book.worksheets[0]  # a new workbook's one sheet, renamed
    first.title = "cases"
    _fill(first, CSV_COLUMNS, [case_row(case) for case in cases])
    _fill(book.create_sheet("metrics"), METRIC_COLUMNS, [row for case in cases for row in metric_rows(case)])
    book.save(path)
