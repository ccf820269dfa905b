"""Writers for Stats: table (rich, with bar charts), json, csv, markdown."""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Any

from reformkit.render.markdown import cell
from reformkit.stats import Key, KindSummary, Stats
from reformkit.text.escape import json_text, spreadsheet_cell, terminal
from reformkit.wording import describe, labels
from reformkit.wording.labels import Lang

BAR_WIDTH = 30
SUMMARY_COLUMNS = (
    "kind",
    "cases",
    "figures",
    "median",
    "largest",
    "largest_case",
    "smallest",
    "smallest_case",
)
_NUMERIC = ("cases", "figures", "median", "largest", "smallest")
#: How far a region's city is indented under its province in a table.
_INDENT = "  "


def key_text(
    dimension: str, key: Key, lang: Lang = "zh", program_names: Mapping[str, str] | None = None
) -> str:
    """A count's key for a reader: programs and batches by name in zh (``海南省优化营商环境示范
    案例第四批``; en keeps ``hnbiz/4``), a city under its province, status and metric kinds in the
    reader's language."""
    names = program_names or {}
    if dimension == "program":
        return describe.program_text(key[0], None, lang, name=names.get(key[0], ""))
    if dimension == "batch":
        return describe.program_text(key[0], key[1], lang, name=names.get(key[0], ""))
    if dimension == "region":
        return _INDENT + str(key[1]) if len(key) == 2 else str(key[0])
    if dimension == "status":
        return describe.status(key[0], None, lang)
    if dimension == "kind":
        return describe.kind_name(key[0], lang)
    return str(key[0])


def data_key(dimension: str, key: Key) -> str:
    """A count's key for data (JSON, CSV): ``hnbiz``, ``hnbiz/4``, ``海南省``, ``海南省海口市``."""
    if dimension == "batch":
        return describe.program_batch(key[0], key[1])
    if dimension == "region":
        return describe.region(*key)
    return str(key[0])


def dimension_title(dimension: str, lang: Lang = "zh") -> str:
    """``按项目`` / ``by program``."""
    name = labels.DIMENSIONS[lang].get(dimension, dimension)
    return labels.WORDS[lang]["by"].format(dimension=name)


def _change(kind: str, pct: float | None, lang: Lang) -> str:
    """A computed relative change worded as every output words it: 压缩76%, 增长300% (en -76%)."""
    if pct is None:
        return ""
    return (
        describe.change_words(pct, lang, stated=False, kind=kind)
        if lang == "zh"
        else describe.relative_change(pct)
    )


def _summary_rows(stats: Stats, lang: Lang = "zh") -> list[list[str]]:
    return [
        [
            describe.kind_name(k.kind, lang),
            str(k.cases),
            str(k.figures),
            _change(k.kind, k.median, lang),
            _change(k.kind, k.largest[0], lang),
            k.largest[1],
            _change(k.kind, k.smallest[0], lang),
            k.smallest[1],
        ]
        for k in stats.kinds
    ]


def _summary_line(k: KindSummary, row: list[str], lang: Lang) -> str:
    """A kind's summary as a line (a narrow terminal): 时间：…；中位数压缩76%，降幅最大…."""
    words = labels.WORDS[lang]
    line = words["stats_line"].format(kind=row[0], cases=k.cases, figures=k.figures)
    if k.figures:
        way = "cut" if k.falls else "rise"
        line += words["stats_range"].format(
            median=row[3],
            largest_name=words[f"largest_{way}"],
            largest=row[4],
            largest_case=row[5],
            smallest_name=words[f"smallest_{way}"],
            smallest=row[6],
            smallest_case=row[7],
        )
    return line


def table(
    stats: Stats,
    *,
    color: bool,
    width: int,
    lang: Lang = "zh",
    program_names: Mapping[str, str] | None = None,
    **_: Any,
) -> str:
    from rich.table import Table
    from rich.text import Text

    from reformkit.render.console import render
    from reformkit.render.wrap import Wrapped, cell_len

    words = labels.WORDS[lang]
    parts: list[Any] = [Text(words["cases"].format(count=stats.total), style="bold")]
    for dimension, counts in stats.counts.items():
        keys = [terminal(key_text(dimension, k, lang, program_names)) for k, _ in counts]
        key_width = max((cell_len(k) for k in keys), default=1)
        # Codes (program keys, years) never wrap; long names wrap within a third of the line.
        if lang == "zh" and dimension in ("program", "batch"):  # names: up to half the line
            key_width = min(key_width, max(12, width // 2))
        elif dimension not in ("program", "batch", "year"):
            key_width = min(key_width, max(12, width // 3))
        count_width = max((len(str(c)) for _, c in counts), default=1)
        bar_room = max(1, min(BAR_WIDTH, width - key_width - count_width - 4))
        grid = Table(box=None, pad_edge=False, show_header=False)
        grid.add_column(width=key_width)
        grid.add_column(justify="right", width=count_width)
        grid.add_column(width=bar_room)
        top = max((c for _, c in counts), default=1)
        for shown, (_key, count) in zip(keys, counts, strict=True):
            bar = "█" * max(1, round(count / top * bar_room))
            inset = len(shown) - len(shown.lstrip())  # a city under its province
            grid.add_row(Wrapped(shown.lstrip(), indent=inset), str(count), Text(bar, style="cyan"))
        parts += [Text(""), Text(dimension_title(dimension, lang), style="bold"), grid]
    if stats.kinds:
        columns = labels.STATS_COLUMNS[lang]
        rows = [[terminal(c) for c in row] for row in _summary_rows(stats, lang)]
        widths = [
            max(cell_len(columns[name]), *(cell_len(row[i]) for row in rows))
            for i, name in enumerate(SUMMARY_COLUMNS)
        ]
        parts += [Text(""), Text(words["stats_title"], style="bold")]
        if sum(widths) + 2 * (len(widths) - 1) <= width:
            summary = Table(box=None, pad_edge=False, header_style="bold")
            for name, column_width in zip(SUMMARY_COLUMNS, widths, strict=True):
                summary.add_column(
                    columns[name], justify="right" if name in _NUMERIC else "left", width=column_width
                )
            for row in rows:
                summary.add_row(*(Text(c) for c in row))
            parts.append(summary)
        else:  # too narrow for the table: a line per kind, case ids whole
            for k, row in zip(stats.kinds, rows, strict=True):
                parts.append(Wrapped("- " + _summary_line(k, row, lang), hang=2))
    return render(parts, color=color, width=width)


def as_json(stats: Stats, **_: Any) -> str:
    document = {
        "total": stats.total,
        "counts": {
            d: [{"key": data_key(d, k), "count": c, **_key_facts(d, k)} for k, c in counts]
            for d, counts in stats.counts.items()
        },
        "metrics": [
            {
                "kind": k.kind,
                "cases": k.cases,
                "figures": k.figures,
                "median": describe.rounded_number(k.median),
                "min": describe.rounded_number(k.low),
                "min_case": k.low_case or None,
                "max": describe.rounded_number(k.high),
                "max_case": k.high_case or None,
            }
            for k in stats.kinds
        ],
    }
    return json_text(document, indent=2) + "\n"


def _key_facts(dimension: str, key: Key) -> dict[str, Any]:
    """The parts of a batch or region key, for JSON: program and batch; province and city."""
    if dimension == "batch":
        return {"program": key[0], "batch": key[1]}
    if dimension == "region":
        return {"province": key[0], "city": key[1] if len(key) == 2 else None}
    return {}


def as_csv(stats: Stats, **_: Any) -> str:
    """One CSV: count rows (group = dimension), then metric rows (group = metrics)."""
    import csv

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["group", "key", "count", "figures", "median", "min", "min_case", "max", "max_case"])
    for dimension, counts in stats.counts.items():
        for key, count in counts:
            writer.writerow(
                [
                    spreadsheet_cell(dimension),
                    spreadsheet_cell(data_key(dimension, key)),
                    count,
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                ]
            )
    for k in stats.kinds:
        writer.writerow(
            [
                "metrics",
                k.kind,
                k.cases,
                k.figures,
                describe.rounded_number(k.median) if k.median is not None else "",
                describe.rounded_number(k.low) if k.low is not None else "",
                k.low_case,
                describe.rounded_number(k.high) if k.high is not None else "",
                k.high_case,
            ]
        )
    return out.getvalue()


def markdown(
    stats: Stats, *, lang: Lang = "zh", program_names: Mapping[str, str] | None = None, **_: Any
) -> str:
    words = labels.WORDS[lang]
    columns = labels.STATS_COLUMNS[lang]
    lines = [f"**{words['cases'].format(count=stats.total)}**", ""]
    for dimension, counts in stats.counts.items():
        name = labels.DIMENSIONS[lang].get(dimension, dimension)
        lines += [
            f"### {dimension_title(dimension, lang)}",
            "",
            f"| {name} | {columns['cases']} |",
            "|---|---:|",
        ]
        lines += [f"| {_md_key(key_text(dimension, k, lang, program_names))} | {c} |" for k, c in counts]
        lines.append("")
    if stats.kinds:
        lines += [
            f"### {words['stats_title']}",
            "",
            "| " + " | ".join(columns[name] for name in SUMMARY_COLUMNS) + " |",
            "|---|---:|---:|---:|---:|---|---:|---|",
        ]
        lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in _summary_rows(stats, lang)]
        lines.append("")
    return "\n".join(lines)


def _md_key(text: str) -> str:
    """A key cell in Markdown; a city under its province indented by an ideographic space."""
    stripped = text.lstrip()
    return ("\u3000" if stripped != text else "") + cell(stripped)
