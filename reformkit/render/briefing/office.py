"""The layout of the Word and HTML briefings, as plain text (no markup, not escaped).

The words come from ``wording`` (``describe`` for facts, ``wording.briefing`` for the
layout's labels and numbering); what is here is the layout: the rows of the overview, the
sub-sections of a case, which metric columns a table needs, and ``clean``, which drops
characters XML refuses. Each writer escapes for its format.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from reformkit.report.briefing import BriefCase, Briefing
from reformkit.report.chart import Bar
from reformkit.wording import briefing as words
from reformkit.wording import describe, labels
from reformkit.wording.labels import Lang

#: C0 (but tab and newline), DEL, C1 and the bidi controls: not allowed in XML, or able to
#: reorder what a reader sees.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufffe\uffff]"
)


def clean(text: object) -> str:
    """Case text without control, bidi and non-characters (XML refuses most of them)."""
    return _INVISIBLE.sub("", "" if text is None else str(text))


def scope_line(briefing: Briefing) -> str:
    """本简报收录3个案例，来自……（2020—2023年）。"""
    return describe.scope(briefing.count, briefing.programs, briefing.years, briefing.lang)


def overview_cells(entry: BriefCase, lang: Lang) -> list[str]:
    """A case's row of the overview: the cells of ``wording.briefing.OVERVIEW_COLUMNS``."""
    case = entry.case
    figures = [describe.key_figure(m, lang) for m in entry.key_metrics]
    return [
        str(entry.position),
        clean(case["title"]),
        describe.case_status(case, lang),
        labels.WORDS[lang]["item_sep"].join(figures) or labels.WORDS[lang]["none"],
        describe.case_region(case),
        describe.date_text(case["published"], lang),
    ]


def overview_header(lang: Lang) -> list[str]:
    return [labels.HEADINGS[lang][key] for key in words.OVERVIEW_COLUMNS]


def by_program(briefing: Briefing) -> list[tuple[str | None, list[BriefCase]]]:
    """The cases in document order, in runs of one program: (program name, cases). With only
    one program in the briefing (the scope line names it) the name is None."""
    runs: list[tuple[str | None, list[BriefCase]]] = []
    single = len(briefing.programs) == 1
    for entry in briefing.cases:
        name = None if single else entry.program_name
        if runs and runs[-1][0] == name:
            runs[-1][1].append(entry)
        else:
            runs.append((name, [entry]))
    return runs


#: The columns of an office metrics table (keys of ``labels.HEADINGS``): the kind is the
#: charts' business, not the table's.
METRIC_COLUMNS = ("label", "figure", "transition", "change", "as_of")


def metric_table(metrics: list[Mapping[str, Any]], lang: Lang) -> tuple[list[str], list[list[str]]]:
    """(column keys, rows of cells) of a case's metrics, worded by ``describe.metric_row``.

    The label is always shown; another column only when some metric fills it.
    """
    full = [dict(zip(describe.METRIC_COLUMNS, describe.metric_row(m, lang), strict=True)) for m in metrics]
    columns = [c for c in METRIC_COLUMNS if c == "label" or any(row[c] for row in full)]
    return columns, [[row[c] for c in columns] for row in full]


@dataclass(frozen=True)
class Part:
    """A numbered sub-section of a case: 主要做法, 实践效果, 数据指标, 推广与表彰 or 来源."""

    key: str
    heading: str
    items: tuple[tuple[str, str], ...] = ()  # practices, outcomes: (title, detail)
    lines: tuple[str, ...] = ()  # recognition, source
    columns: tuple[str, ...] = ()  # metrics: keys of labels.HEADINGS
    rows: tuple[tuple[str, ...], ...] = ()  # metrics: cells


def case_parts(entry: BriefCase, lang: Lang, level: int) -> list[Part]:
    """The numbered sub-sections a case has, numbered at ``level`` (below its heading)."""
    case = entry.case
    h = labels.HEADINGS[lang]
    columns, rows = metric_table(list(case.get("metrics") or []), lang)
    source = describe.case_source(case, lang, program_name=entry.program_name)
    found = [
        Part("practices", "", items=_items(case.get("practices") or [])),
        Part("outcomes", "", items=_items(case.get("outcomes") or [])),
        Part("metrics", "", columns=tuple(columns), rows=tuple(tuple(r) for r in rows)),
        Part("recognition", "", lines=tuple(case.get("recognition") or [])),
        Part("source", "", lines=(source,) if source else ()),
    ]
    kept = [p for p in found if p.items or p.lines or p.rows]
    return [
        Part(p.key, words.numbered(n, level, lang) + h[p.key], p.items, p.lines, p.columns, p.rows)
        for n, p in enumerate(kept, 1)
    ]


def _items(items: Sequence[Mapping[str, Any]]) -> tuple[tuple[str, str], ...]:
    return tuple((clean(item.get("title") or ""), clean(item.get("detail") or "")) for item in items)


def bar_words(bar: Bar, lang: Lang) -> str:
    """A chart bar's figure, worded by ``describe.change_words``: 压缩76%, about −95%."""
    return describe.change_words(
        bar.pct, lang, stated=bar.stated, approx=bar.approx, upper=bar.pct_max, kind=bar.kind
    )


@dataclass(frozen=True)
class OfficeCase:
    """A case's section as the office layout prints it, its words in plain text."""

    entry: BriefCase
    level: int  # of its heading: 1 ungrouped, 2 under a group's heading
    heading: str  # 一、标题 (ungrouped) or （一）标题 (grouped), numbered by its position
    subtitle: str
    meta: str
    agencies: str
    summary: str
    parts: tuple[Part, ...]


@dataclass(frozen=True)
class OfficeGroup:
    heading: str  # 一、海南省优化营商环境示范案例, or "" for the one group of an ungrouped briefing
    cases: tuple[OfficeCase, ...]
    #: 另见：（五）标题、…: the cases of this group printed under an earlier one ("" for none),
    #: so a group whose cases all came earlier is not a bare heading.
    see_also: str = ""


def case_level(briefing: Briefing) -> int:
    """The heading level of a case: 1 (一、) in an ungrouped briefing, 2 (（一）) under a group."""
    return 2 if briefing.grouped else 1


def case_number(briefing: Briefing, position: int) -> str:
    """The number a case's heading carries (二十八、 or （二十八）; ``28. `` in English), for
    whatever else points at the case, such as a chart's bar, so the reader finds it by it."""
    return words.numbered(position, case_level(briefing), briefing.lang)


def sections(briefing: Briefing) -> list[OfficeGroup]:
    """The briefing's body: its groups (numbered 一、二、) and their cases, each case numbered
    with its position in the briefing, so the numbers run through the groups."""
    lang, level = briefing.lang, case_level(briefing)
    found = []
    for index, group in enumerate(briefing.groups, 1):
        heading = words.numbered(index, 1, lang) + group.name if group.name is not None else ""
        cases = tuple(_office_case(entry, lang, level) for entry in group.cases)
        also = [words.numbered(e.position, level, lang) + clean(e.case["title"]) for e in group.see_also]
        found.append(OfficeGroup(heading, cases, words.labelled("see_also", also, lang) if also else ""))
    return found


def _office_case(entry: BriefCase, lang: Lang, level: int) -> OfficeCase:
    case = entry.case
    agencies = case.get("agencies") or []
    return OfficeCase(
        entry=entry,
        level=level,
        heading=words.numbered(entry.position, level, lang) + clean(case["title"]),
        subtitle=clean(case.get("subtitle") or ""),
        meta=clean(words.meta_line(case, entry.program_name, lang)),
        agencies=clean(words.labelled("agencies", agencies, lang)) if agencies else "",
        summary=clean(case.get("summary") or ""),
        parts=tuple(case_parts(entry, lang, level + 1)),
    )
