"""The briefing as one self-contained HTML page, ready to print on A4.

No network, no scripts: CSS inline, charts as inline SVG. Jinja2 renders
``templates/briefing.html.j2`` with autoescape on, so every piece of case text is escaped
(``html.escape`` rules); case text never becomes a tag, an attribute or a link. The page
reads the same facts as the Word briefing (``office.sections``, ``office.overview_cells``)
and the same words (``wording``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from importlib import resources
from typing import Any

from reformkit.render.briefing import columns, nobreak, svg
from reformkit.render.briefing import office as plain
from reformkit.report.briefing import Briefing
from reformkit.report.output import Output
from reformkit.wording import briefing as words
from reformkit.wording import labels

TEMPLATE = "briefing.html.j2"
TYPE_AREA_MM = 156.0
TABLE_PT = 12.0
OVERVIEW_PT = 10.5  # 五号: six columns across the type area
CELL_PADDING_MM = 3.5  # 4 pt each side and the rules


@dataclass(frozen=True)
class Table:
    """A table as the template prints it: column widths (mm), header, rows (a row of one
    string is a band across the table), and what each column holds (``columns.Layout``)."""

    widths: tuple[float, ...]
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...] | str, ...]
    modes: tuple[str, ...]
    font_pt: float


def _finalize(value: Any) -> Any:
    """None prints nothing; text loses control and bidi characters before it is escaped."""
    from markupsafe import Markup

    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    return plain.clean(value)


def _kept(text: str, mode: str) -> Any:
    """A cell as markup that breaks only between its chunks (``columns.chunks``); text broken
    anywhere (FREE: a title, a label) keeps its figures whole, as running text does."""
    from markupsafe import Markup

    if mode == columns.FREE:
        return _whole(text)
    parts = columns.chunks(plain.clean(text), mode)
    return Markup("<wbr>".join(f'<span class="nw">{escape(part)}</span>' for part in parts))


def _whole(text: object) -> Any:
    """Running text as markup in which every figure (a number and its unit, a date) is kept
    on one line (``nobreak.pieces``), a separator `` · `` ends a line, never starts one (a
    no-break space before it: 海南省海口市 · | 2020年9月3日, as the Word meta line), and a
    line may break before an opening quote and after a closing one beside Chinese
    (电商 | “9610” | 出口): browsers break on neither side of a curly quote, so a narrow table
    column overflowed with 商“9610”出."""
    from markupsafe import Markup

    return Markup(
        "".join(
            f'<span class="nw">{escape(piece)}</span>' if kept else _QUOTE_BREAKS.sub("<wbr>", str(escape(piece)))
            for piece, kept in nobreak.pieces(plain.clean(text).replace(" · ", "\u00a0· "))
        )
    )


_WIDE = "\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
#: Where a line may break around curly quotes in Chinese text: before “‘ after a wide
#: character, after ”’ before one.
_QUOTE_BREAKS = re.compile(f"(?<=[{_WIDE}])(?=[“‘])|(?<=[”’])(?=[{_WIDE}])")


def _table(
    header: Sequence[str], rows: Sequence[Sequence[str] | str], layout: columns.Layout, font_pt: float = TABLE_PT
) -> Table:
    measured = [list(header)] + [list(r) for r in rows if not isinstance(r, str)]
    found = columns.widths(measured, layout, TYPE_AREA_MM, font_pt, CELL_PADDING_MM)
    return Table(
        widths=tuple(round(w, 1) for w in found),
        header=tuple(header),
        rows=tuple(r if isinstance(r, str) else tuple(r) for r in rows),
        modes=layout.modes,
        font_pt=font_pt,
    )


def overview(briefing: Briefing) -> Table:
    """The overview: the columns of ``wording.briefing.OVERVIEW_COLUMNS``, a band per program."""
    rows: list[Sequence[str] | str] = []
    for program, members in plain.by_program(briefing):
        if program is not None:
            rows.append(program)
        rows += [plain.overview_cells(entry, briefing.lang) for entry in members]
    return _table(plain.overview_header(briefing.lang), rows, columns.OVERVIEW, OVERVIEW_PT)


def metrics(part: plain.Part, lang: labels.Lang) -> Table:
    header = [labels.HEADINGS[lang][key] for key in part.columns]
    return _table(header, part.rows, columns.metrics_layout(part.columns))


def write(briefing: Briefing, output: Output | None = None) -> str:
    """The briefing as an HTML document, with charts unless ``output.charts`` is false."""
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment
    from markupsafe import Markup

    lang = briefing.lang
    charts = briefing.charts if (output.charts if output else True) else ()
    env = SandboxedEnvironment(
        autoescape=True, finalize=_finalize, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True
    )
    env.filters["kept"] = _kept
    env.filters["whole"] = _whole
    env.filters["lead_in"] = lambda title: _whole(words.lead_in(plain.clean(title or ""), lang))
    env.filters["after_lead_in"] = lambda text: _whole(words.after_lead_in(plain.clean(text or ""), lang))
    env.filters["metrics"] = lambda part: metrics(part, lang)
    source = resources.files("reformkit.templates").joinpath(TEMPLATE).read_text("utf-8")
    return env.from_string(source).render(
        title=briefing.title,
        lang=lang,
        briefing=briefing,
        dated=words.dated(briefing.date, lang) if briefing.date else None,
        groups=plain.sections(briefing),
        overview=overview(briefing),
        labels=words.LABELS[lang],
        h=labels.HEADINGS[lang],
        scope=plain.scope_line(briefing),
        item_number=lambda n, level=3: words.item_number(n, lang, level),
        legend=Markup(svg.legend(lang)),
        charts=[
            {
                "number": words.numbered(number, 2, lang),
                "title": words.chart_title(chart.kind, lang),
                "svg": Markup(svg.svg(chart, lang, lambda position: plain.case_number(briefing, position))),
            }
            for number, chart in enumerate(charts, 1)
        ],
    )
