"""Writers for a Comparison: table (rich), markdown, json."""

from __future__ import annotations

from typing import Any

from reformkit import describe
from reformkit.compare import Comparison, FieldValue, ProgramFact, RegionFact, StatusFact
from reformkit.render.markdown import cell
from reformkit.textsafe import json_text, terminal

BEST = "★"


def field_text(value: FieldValue) -> str:
    """A comparison field's value as text: ``hnbiz/4``, ``海南省海口市``, ``pilot (due 2025)``."""
    if isinstance(value, ProgramFact):
        return describe.program_batch(value.program, value.batch)
    if isinstance(value, RegionFact):
        return describe.region(value.province, value.city, value.district)
    if isinstance(value, StatusFact):
        return describe.status(value.status, value.due)
    if isinstance(value, list):
        return "、".join(value)
    return str(value)


def _fields(comparison: Comparison) -> list[tuple[str, list[str]]]:
    return [(name, [field_text(v) for v in values]) for name, values in comparison.fields]


def _kind_lines(comparison: Comparison, row_index: int) -> list[list[str]]:
    row = comparison.kinds[row_index]
    out = []
    for index, cells in enumerate(row.cells):
        lines = [f"{c.label}: {describe.metric_text(c.metric)}" for c in cells]
        if row.best == index and lines:
            lines[0] = f"{BEST} {lines[0]}"
        out.append(lines)
    return out


def table(comparison: Comparison, *, color: bool, width: int) -> str:
    from rich.table import Table
    from rich.text import Text

    from reformkit.render.console import render

    grid = Table(show_lines=True, header_style="bold", expand=False)
    grid.add_column("", style="bold", no_wrap=True)
    for case_id, title in zip(comparison.ids, comparison.titles, strict=True):
        grid.add_column(Text(terminal(f"{case_id}\n{title}", multiline=True)), overflow="fold")
    for name, values in _fields(comparison):
        grid.add_row(name, *(Text(terminal(v)) for v in values))
    for index, row in enumerate(comparison.kinds):
        grid.add_row(
            f"metrics: {row.kind}",
            *(Text(terminal("\n".join(lines), multiline=True)) for lines in _kind_lines(comparison, index)),
        )
    grid.add_row(
        "practices",
        *(
            Text(terminal("\n".join(f"{n}.{t}" for n, t in enumerate(p, 1)), multiline=True))
            for p in comparison.practices
        ),
    )
    note = Text(
        f"{BEST} best change of its kind (largest cut for time, materials, steps, visits, cost; largest rise otherwise)",
        style="dim",
    )
    return render([grid, note], color=color, width=width)


def markdown(comparison: Comparison, **_: Any) -> str:
    header = (
        "| | "
        + " | ".join(
            f"{cell(i)}<br>{cell(t)}" for i, t in zip(comparison.ids, comparison.titles, strict=True)
        )
        + " |"
    )
    lines = [header, "|---" * (len(comparison.ids) + 1) + "|"]
    for name, values in _fields(comparison):
        lines.append(f"| {name} | " + " | ".join(cell(v) for v in values) + " |")
    for index, row in enumerate(comparison.kinds):
        cells = [
            "<br>".join(cell(line) for line in kind_lines) for kind_lines in _kind_lines(comparison, index)
        ]
        lines.append(f"| metrics: {row.kind} | " + " | ".join(cells) + " |")
    practices = ["<br>".join(cell(f"{n}. {t}") for n, t in enumerate(p, 1)) for p in comparison.practices]
    lines.append("| practices | " + " | ".join(practices) + " |")
    lines += ["", f"{BEST} best change of its kind."]
    return "\n".join(lines) + "\n"


def as_json(comparison: Comparison, **_: Any) -> str:
    document = {
        "cases": [{"id": i, "title": t} for i, t in zip(comparison.ids, comparison.titles, strict=True)],
        "fields": dict(_fields(comparison)),
        "metrics": [
            {
                "kind": row.kind,
                "best": comparison.ids[row.best] if row.best is not None else None,
                "cases": [
                    [
                        {
                            **c.metric,
                            "text": describe.metric_text(c.metric),
                            "change_pct": describe.rounded_number(c.change_pct),
                        }
                        for c in cells
                    ]
                    for cells in row.cells
                ],
            }
            for row in comparison.kinds
        ],
        "practices": comparison.practices,
    }
    return json_text(document, indent=2) + "\n"
