"""Writers for Stats: table (rich, with bar charts), json, csv, markdown."""

from __future__ import annotations

import io
from typing import Any

from reformkit.render.markdown import cell
from reformkit.stats import Stats
from reformkit.text.escape import json_text, spreadsheet_cell, terminal
from reformkit.wording import describe, labels
from reformkit.wording.labels import Lang

BAR_WIDTH = 30
SUMMARY_COLUMNS = ("kind", "cases", "figures", "median", "min", "min_case", "max", "max_case")
_NUMERIC = ("cases", "figures", "median", "min", "max")


def key_text(dimension: str, key: str, lang: Lang = "zh") -> str:
    """A count's key for a reader: status and metric kinds in the reader's language."""
    if dimension == "status":
        return describe.status(key, None, lang)
    if dimension == "kind":
        return describe.kind_name(key, lang)
    return key


def dimension_title(dimension: str, lang: Lang = "zh") -> str:
    """``按项目`` / ``by program``."""
    name = labels.DIMENSIONS[lang].get(dimension, dimension)
    return labels.WORDS[lang]["by"].format(dimension=name)


def _summary_rows(stats: Stats, lang: Lang = "zh") -> list[list[str]]:
    return [
        [
            describe.kind_name(k.kind, lang),
            str(k.cases),
            str(k.figures),
            describe.relative_change(k.median),
            describe.relative_change(k.low),
            k.low_case,
            describe.relative_change(k.high),
            k.high_case,
        ]
        for k in stats.kinds
    ]


def table(stats: Stats, *, color: bool, width: int, lang: Lang = "zh", **_: Any) -> str:
    from rich.table import Table
    from rich.text import Text

    from reformkit.render.console import render
    from reformkit.render.wrap import Wrapped, cell_len

    words = labels.WORDS[lang]
    parts: list[Any] = [Text(words["cases"].format(count=stats.total), style="bold")]
    for dimension, counts in stats.counts.items():
        keys = [terminal(key_text(dimension, k, lang)) for k, _ in counts]
        key_width = max((cell_len(k) for k in keys), default=1)
        # Codes (program keys) never wrap; long names wrap within a third of the line.
        if dimension not in ("program", "batch", "year"):
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
            grid.add_row(Wrapped(shown), str(count), Text(bar, style="cyan"))
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
                line = words["stats_line"].format(kind=row[0], cases=k.cases, figures=k.figures)
                if k.figures:
                    line += words["stats_range"].format(
                        median=row[3], low=row[4], low_case=row[5], high=row[6], high_case=row[7]
                    )
                parts.append(Wrapped("- " + line, hang=2))
    return render(parts, color=color, width=width)


def as_json(stats: Stats, **_: Any) -> str:
    document = {
        "total": stats.total,
        "counts": {d: [{"key": k, "count": c} for k, c in counts] for d, counts in stats.counts.items()},
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


def as_csv(stats: Stats, **_: Any) -> str:
    """One CSV: count rows (group = dimension), then metric rows (group = metrics)."""
    import csv

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["group", "key", "count", "figures", "median", "min", "min_case", "max", "max_case"])
    for dimension, counts in stats.counts.items():
        for key, count in counts:
            writer.writerow(
                [spreadsheet_cell(dimension), spreadsheet_cell(key), count, "", "", "", "", "", ""]
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


def markdown(stats: Stats, *, lang: Lang = "zh", **_: Any) -> str:
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
        lines += [f"| {cell(key_text(dimension, k, lang))} | {c} |" for k, c in counts]
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
