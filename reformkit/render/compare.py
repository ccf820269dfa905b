"""Writers for a Comparison: table (rich), markdown, json."""

from __future__ import annotations

import re
from typing import Any

from reformkit.compare import Comparison, FieldValue, ProgramFact, RegionFact, StatusFact
from reformkit.render.markdown import cell
from reformkit.text.escape import json_text, terminal
from reformkit.wording import describe, labels
from reformkit.wording.labels import Lang

BEST = "★"


def field_text(value: FieldValue, lang: Lang = "zh") -> str:
    """A comparison field's value as text: ``海南省优化营商环境示范案例第四批`` (en ``hnbiz/4``),
    ``海南省海口市``, ``计划（期限：2025年）``."""
    if isinstance(value, ProgramFact):
        return describe.program_text(value.program, value.batch, lang, name=value.name)
    if isinstance(value, RegionFact):
        return describe.region(value.province, value.city, value.district)
    if isinstance(value, StatusFact):
        return describe.status(value.status, value.due, lang)
    if isinstance(value, list):
        return "、".join(value)
    return str(value)


def _fields(comparison: Comparison, lang: Lang) -> list[tuple[str, list[str]]]:
    h = labels.HEADINGS[lang]
    return [
        (
            h.get(f"{name}_count", h.get(name, name)),
            [describe.date_text(v, lang) if name == "published" else field_text(v, lang) for v in values],
        )
        for name, values in comparison.fields
    ]


def kind_label(kind: str, lang: Lang) -> str:
    """The row label of a metric kind: ``数据指标：时间`` / ``metrics: time``."""
    words = labels.WORDS[lang]
    return f"{labels.HEADINGS[lang]['metrics']}{words['colon']}{describe.kind_name(kind, lang)}"


def _kind_lines(comparison: Comparison, row_index: int, lang: Lang) -> list[list[str]]:
    """Each case's metrics of one kind, one line each; ★ leads the metric that won."""
    row = comparison.kinds[row_index]
    colon = labels.WORDS[lang]["colon"]
    out = []
    for index, cells in enumerate(row.cells):
        lines = []
        for metric_index, c in enumerate(cells):
            line = f"{c.label}{colon}{describe.metric_text(c.metric, lang)}"
            if row.best == index and row.best_metric == metric_index:
                line = f"{BEST} {line}"
            lines.append(line)
        out.append(lines)
    return out


def _practice_lines(practices: list[str]) -> list[str]:
    return [f"{n}. {t}" for n, t in enumerate(practices, 1)]


def _rows(comparison: Comparison, lang: Lang) -> list[tuple[str, list[list[str]]]]:
    """Every row as (label, per case a list of lines)."""
    rows: list[tuple[str, list[list[str]]]] = [
        (name, [[v] if v else [] for v in values]) for name, values in _fields(comparison, lang)
    ]
    for index, row in enumerate(comparison.kinds):
        rows.append((kind_label(row.kind, lang), _kind_lines(comparison, index, lang)))
    rows.append((labels.HEADINGS[lang]["practices"], [_practice_lines(p) for p in comparison.practices]))
    return rows


def _cell(lines: list[str]) -> Any:
    from rich.console import Group

    from reformkit.render.wrap import Wrapped

    return Group(*(Wrapped(terminal(line), hang=_hang(line)) for line in lines))


def _hang(line: str) -> int:
    """The hanging indent of a cell line: under the text after ``★ `` or ``12. ``."""
    if line.startswith(BEST):
        return 2
    number = re.match(r"\d+\. ", line)
    return len(number.group()) if number else 0


def table(comparison: Comparison, *, color: bool, width: int, lang: Lang = "zh") -> str:
    """Cases as columns, each at least as wide as its id; when the ids cannot all be shown
    whole side by side, one case after another instead."""
    from rich.table import Table
    from rich.text import Text

    from reformkit.render.console import render
    from reformkit.render.wrap import Wrapped, cell_len

    rows = _rows(comparison, lang)
    note = Wrapped(Text(labels.WORDS[lang]["best_note"], style="dim"))
    count = len(comparison.ids)
    label_width = max(cell_len(label) for label, _ in rows)
    # Borders and padding of a boxed table: one border per column plus one, two spaces each.
    case_width = (width - label_width - (count + 1) * 3 - 1) // count
    if case_width < max(cell_len(i) for i in comparison.ids):
        return _stacked(comparison, rows, note, color=color, width=width, lang=lang)
    grid = Table(show_lines=True, header_style="bold", expand=False)
    grid.add_column("", style="bold", no_wrap=True, width=label_width)
    for case_id, title in zip(comparison.ids, comparison.titles, strict=True):
        header = Text(terminal(case_id) + "\n")
        header.append(terminal(title))
        grid.add_column(Wrapped(header), width=case_width)
    for label, cells in rows:
        grid.add_row(Text(label), *(_cell(lines) for lines in cells))
    return render([grid, note], color=color, width=width)


def _stacked(
    comparison: Comparison,
    rows: list[tuple[str, list[list[str]]]],
    note: Any,
    *,
    color: bool,
    width: int,
    lang: Lang,
) -> str:
    from rich.text import Text

    from reformkit.render.console import render
    from reformkit.render.wrap import Wrapped

    colon = labels.WORDS[lang]["colon"]
    simple = {label for label, _ in _fields(comparison, lang)}
    parts: list[Any] = []
    for index, (case_id, title) in enumerate(zip(comparison.ids, comparison.titles, strict=True)):
        if index:
            parts.append(Text(""))
        parts.append(Text(terminal(case_id), style="bold"))
        parts.append(Wrapped(Text(terminal(title), style="bold")))
        for label, cells in rows:
            lines = cells[index]
            if not lines:
                continue
            if len(lines) == 1 and label in simple:
                parts.append(Wrapped(terminal(f"{label}{colon}{lines[0]}"), hang=2))
                continue
            parts.append(Text(label, style="dim"))
            parts += [Wrapped(terminal(line), indent=2, hang=2) for line in lines]
    parts += [Text(""), note]
    return render(parts, color=color, width=width)


def markdown(comparison: Comparison, *, lang: Lang = "zh", **_: Any) -> str:
    header = (
        "| | "
        + " | ".join(
            f"`{cell(i)}`<br>{cell(t)}" for i, t in zip(comparison.ids, comparison.titles, strict=True)
        )
        + " |"
    )
    lines = [header, "|---" * (len(comparison.ids) + 1) + "|"]
    for label, cells in _rows(comparison, lang):
        lines.append(
            f"| {cell(label)} | " + " | ".join("<br>".join(cell(x) for x in c) for c in cells) + " |"
        )
    lines += ["", labels.WORDS[lang]["best_note"]]
    return "\n".join(lines) + "\n"


def as_json(comparison: Comparison, *, lang: Lang = "zh", **_: Any) -> str:
    document = {
        "cases": [{"id": i, "title": t} for i, t in zip(comparison.ids, comparison.titles, strict=True)],
        "fields": {name: [field_text(v, "en") for v in values] for name, values in comparison.fields},
        "metrics": [
            {
                "kind": row.kind,
                "best": comparison.ids[row.best] if row.best is not None else None,
                "best_label": (
                    row.cells[row.best][row.best_metric].label
                    if row.best is not None and row.best_metric is not None
                    else None
                ),
                "cases": [
                    [
                        {
                            **c.metric,
                            "text": describe.metric_text(c.metric, lang),
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
