"""Writers for Stats: table (rich, with bar charts), json, csv, markdown."""

from __future__ import annotations

import io
from typing import Any

from reformkit import describe
from reformkit.render.markdown import cell
from reformkit.stats import Stats
from reformkit.textsafe import json_text, spreadsheet_cell, terminal

BAR_WIDTH = 30
SUMMARY_COLUMNS = ("kind", "cases", "figures", "median", "min", "min_case", "max", "max_case")


def _summary_rows(stats: Stats) -> list[list[str]]:
    return [
        [
            k.kind,
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


def table(stats: Stats, *, color: bool, width: int, **_: Any) -> str:
    from rich.table import Table
    from rich.text import Text

    from reformkit.render.console import render

    parts: list[Any] = [Text(f"{stats.total} cases", style="bold")]
    for dimension, counts in stats.counts.items():
        grid = Table(
            title=f"by {dimension}",
            title_justify="left",
            title_style="bold",
            box=None,
            pad_edge=False,
            show_header=False,
        )
        grid.add_column(overflow="fold", max_width=max(12, width // 3))
        grid.add_column(justify="right")
        grid.add_column()
        top = max((c for _, c in counts), default=1)
        for key, count in counts:
            bar = "█" * max(1, round(count / top * BAR_WIDTH))
            grid.add_row(Text(terminal(key)), str(count), Text(bar, style="cyan"))
        parts += [Text(""), grid]
    if stats.kinds:
        summary = Table(
            title="metric changes by kind (relative change, %)",
            title_justify="left",
            title_style="bold",
            box=None,
            pad_edge=False,
            header_style="bold",
        )
        for name in SUMMARY_COLUMNS:
            summary.add_column(
                name, justify="right" if name in ("cases", "figures", "median", "min", "max") else "left"
            )
        for row in _summary_rows(stats):
            summary.add_row(*(Text(terminal(c)) for c in row))
        parts += [Text(""), summary]
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


def markdown(stats: Stats, **_: Any) -> str:
    lines = [f"**{stats.total} cases**", ""]
    for dimension, counts in stats.counts.items():
        lines += [f"### by {dimension}", "", f"| {dimension} | cases |", "|---|---:|"]
        lines += [f"| {cell(k)} | {c} |" for k, c in counts]
        lines.append("")
    if stats.kinds:
        lines += [
            "### metric changes by kind",
            "",
            "| " + " | ".join(SUMMARY_COLUMNS) + " |",
            "|---|---:|---:|---:|---:|---|---:|---|",
        ]
        lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in _summary_rows(stats)]
        lines.append("")
    return "\n".join(lines)
