"""Writers for lists of cases (search, list): table, json, jsonl, csv, yaml, ids, paths.

Each writer gets the hits, a function that reads a hit's full document, and the query, and
returns text. Case text is data: control characters are escaped for the terminal, C1 and
bidi controls in JSON, formulas in CSV.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from reformkit import describe
from reformkit.query import Query
from reformkit.textsafe import json_text, spreadsheet_cell, terminal

if TYPE_CHECKING:
    from reformkit.library.scan import FileRecord
    from reformkit.query import Hit

    #: A search hit on a library file, as the writers receive it.
    CaseHit = Hit[FileRecord]
    ReadDocument = Callable[[CaseHit], dict[str, Any]]


def table(hits: list[CaseHit], read: ReadDocument, query: Query, *, color: bool, width: int | None) -> str:
    from rich.table import Table
    from rich.text import Text

    from reformkit.snippets import best_snippet

    grid = Table(box=None, show_edge=False, pad_edge=False, header_style="bold", expand=False)
    grid.add_column("id", no_wrap=True)
    grid.add_column("title", overflow="fold", ratio=3)
    grid.add_column("program", no_wrap=True)
    grid.add_column("region", overflow="fold")
    grid.add_column("published", no_wrap=True)
    with_snippets = query.has_text
    if with_snippets:
        grid.add_column("match", overflow="fold", ratio=3)
    for hit in hits:
        record = hit.record
        row: list[Any] = [
            Text(terminal(record.id)),
            Text(terminal(record.title)),
            Text(terminal(describe.program_batch(record.program, record.batch))),
            Text(terminal(describe.region(record.province, record.city, record.district, shape="local"))),
            Text(record.published),
        ]
        if with_snippets:
            lead, matched, tail = best_snippet(query, record, hit.best_field)
            cell = Text(terminal(lead))
            cell.append(terminal(matched), style="bold reverse" if color else "")
            cell.append(terminal(tail))
            if not color and matched:
                cell = Text(terminal(lead) + "[" + terminal(matched) + "]" + terminal(tail))
            row.append(cell)
        grid.add_row(*row)
    from reformkit.render.console import render

    return render([grid], color=color, width=width or 100)


def case_object(document: dict[str, Any], path: str | None) -> dict[str, Any]:
    """The case as JSON output: schema keys, plus ``path`` when given."""
    out = dict(document)
    if path is not None:
        out["path"] = path
    return out


def as_json(hits: list[CaseHit], read: ReadDocument, query: Query, **_: Any) -> str:
    return json_text([case_object(read(h), h.source.path) for h in hits], indent=2) + "\n"


def as_jsonl(hits: list[CaseHit], read: ReadDocument, query: Query, **_: Any) -> str:
    return "".join(json_text(case_object(read(h), h.source.path)) + "\n" for h in hits)


CSV_COLUMNS = (
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


def as_csv(hits: list[CaseHit], read: ReadDocument, query: Query, **_: Any) -> str:
    """One row per case; lists joined with '; '; formula-looking text neutralised."""
    import csv

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for hit in hits:
        r = hit.record
        row = [
            r.id,
            r.title,
            r.program,
            r.batch if r.batch is not None else "",
            r.number if r.number is not None else "",
            r.published,
            r.province,
            r.city,
            r.district,
            r.status,
            "; ".join(r.tags),
            "; ".join(r.agencies),
            r.practices,
            r.outcomes,
            len(r.metrics),
            hit.source.path,
        ]
        writer.writerow([spreadsheet_cell(c) for c in row])
    return out.getvalue()


def as_yaml(hits: list[CaseHit], read: ReadDocument, query: Query, **_: Any) -> str:
    from reformkit.textsafe import yaml_text

    return yaml_text([case_object(read(h), h.source.path) for h in hits])


def ids(hits: list[CaseHit], read: ReadDocument, query: Query, **_: Any) -> str:
    return "".join(terminal(h.record.id) + "\n" for h in hits)


def paths(hits: list[CaseHit], read: ReadDocument, query: Query, **_: Any) -> str:
    return "".join(terminal(h.source.path) + "\n" for h in hits)
