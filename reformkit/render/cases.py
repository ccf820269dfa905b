"""Writers for lists of cases (search, list): table, json, jsonl, csv, yaml, ids, paths.

Each writer gets the hits, a function that reads a hit's full document, and the query, and
returns text. Case text is data: control characters are escaped for the terminal, C1 and
bidi controls in JSON, formulas in CSV.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from reformkit.search.query import Query
from reformkit.text.escape import json_text, terminal
from reformkit.wording import labels
from reformkit.wording.labels import Lang

if TYPE_CHECKING:
    from rich.text import Text

    from reformkit.case.model import Case
    from reformkit.library.check import FileRecord
    from reformkit.library.index.record import Record
    from reformkit.search.ranking import Hit

    #: A search hit on a library file, as the writers receive it.
    CaseHit = Hit[FileRecord]
    ReadDocument = Callable[[CaseHit], dict[str, Any]]


def best_figure(record: Record, lang: Lang = "zh") -> str:
    """The case's 关键数据 (``metrics.key_metrics``), worded as every output words it:
    ``开办便利店办事时间压缩76%``; empty when no metric states a relative change."""
    from reformkit.wording import describe  # the table's words: ids, paths and JSON need none

    return describe.key_figure(record.key_metric, lang)


#: Which columns a table of a given width shows, widest first: (minimum width, columns).
LAYOUTS: tuple[tuple[int, tuple[str, ...]], ...] = (
    (110, ("id", "title", "program", "region", "published", "figure", "match")),
    (80, ("id", "title", "published", "figure", "match")),
    (0, ("id", "title", "match")),
)


def table(
    hits: list[CaseHit],
    read: ReadDocument,
    query: Query,
    *,
    color: bool,
    width: int | None,
    lang: str = labels.DEFAULT_LANG,
    **_: Any,
) -> str:
    """Id and title first (ids never wrap); program, region, date and the best figure as the
    width allows; the hit in context outside the title. Headings are in ``lang``. Text cells
    break lines by the kinsoku rules; when even id and title cannot share a line, each hit is
    stacked on its own lines."""
    from rich.table import Table

    from reformkit.render.console import render
    from reformkit.render.wrap import Wrapped, cell_len

    width = width or 100
    headings = labels.SEARCH_COLUMNS[labels.lang_of(lang)]
    columns: tuple[str, ...] = next(names for minimum, names in LAYOUTS if width >= minimum)
    figures = [best_figure(hit.record, labels.lang_of(lang)) for hit in hits]
    if not any(figures):
        columns = tuple(c for c in columns if c != "figure")
    if not query.has_text:
        columns = tuple(c for c in columns if c != "match")
    rows = [
        _cells(hit, figure, read, query, match="match" in columns, color=color, lang=lang)
        for hit, figure in zip(hits, figures, strict=True)
    ]
    fixed = {
        name: max([cell_len(headings[name])] + [cell_len(row[name].plain) for row in rows])
        for name in columns
        if name in FIXED_COLUMNS
    }
    room = width - sum(fixed.values()) - 2 * (len(columns) - 1)
    if room < 8 * (len(columns) - len(fixed)):
        return _stacked_table(rows, columns, color=color, width=width)
    grid = Table(box=None, show_edge=False, pad_edge=False, header_style="bold", expand=False)
    for name in columns:
        if name in fixed:
            grid.add_column(headings[name], no_wrap=True, width=fixed[name])
        else:
            grid.add_column(headings[name], ratio={"title": 3, "match": 3}.get(name, 1))
    for row in rows:
        grid.add_row(*(row[name] if name in fixed else Wrapped(row[name]) for name in columns))
    return render([grid], color=color, width=width)


def _cells(
    hit: CaseHit, figure: str, read: ReadDocument, query: Query, *, match: bool, color: bool, lang: str
) -> dict[str, Text]:
    """One hit's cells of the table, by column name; ``match`` (the hit in context) only when
    the table shows it, since it reads the case's document."""
    from rich.text import Text

    from reformkit.wording import describe

    record = hit.record
    cells = {
        "id": Text(terminal(record.id)),
        "title": Text(terminal(record.title)),
        "program": Text(terminal(describe.program_batch(record.program, record.batch))),
        "region": Text(
            terminal(describe.region(record.province, record.city, record.district, shape="local"))
        ),
        "published": Text(record.published),
        "figure": Text(terminal(figure)),
    }
    if match:
        cells["match"] = _in_context(hit, read, query, color=color, lang=lang)
    return cells


def _in_context(hit: CaseHit, read: ReadDocument, query: Query, *, color: bool, lang: str) -> Text:
    """Where the hit is, in the text as written: ``…lead[match]tail…``, the match highlighted
    (bracketed without colour), and so is each other word of a term matched as its words far
    apart that the snippet shows; after a mark of how it matched when not as typed."""
    from rich.text import Text

    from reformkit.library.index.record import field_texts
    from reformkit.search.ranking import KIND_NAMES
    from reformkit.search.snippets import context_snippet, marked_spans

    document = cast("Case", read(hit))
    texts = {name: "\n".join(parts) for name, parts in field_texts(document).items()}
    sought = hit.sought()
    lead, matched, tail = context_snippet(sought, query, hit.record, hit.best_field, texts, hit.readings)
    shown = lead + matched + tail
    spans = marked_spans(shown, (len(lead), len(lead) + len(matched)), query, sought)
    cell = Text()
    if hit.fuzzy:  # matched by pinyin, sound or the thesaurus, not by the text typed: say so
        cell.append(labels.MATCHED_BY[labels.lang_of(lang)][KIND_NAMES[hit.kind]])
    done = 0
    for start, end in spans:
        cell.append(terminal(shown[done:start]))
        if color:
            cell.append(terminal(shown[start:end]), style="bold reverse")
        else:
            cell.append("[" + terminal(shown[start:end]) + "]")
        done = end
    cell.append(terminal(shown[done:]))
    return cell


#: Columns that never wrap: they get their full width, the text columns share the rest.
FIXED_COLUMNS = ("id", "program", "published")


def _stacked_table(rows: list[dict[str, Any]], columns: tuple[str, ...], *, color: bool, width: int) -> str:
    """Each hit on its own lines when the columns cannot fit: id (and date) first, then the
    other cells wrapped beneath."""
    from rich.text import Text

    from reformkit.render.console import render
    from reformkit.render.wrap import Wrapped

    parts: list[Any] = []
    for row in rows:
        head = [row[name] for name in columns if name in FIXED_COLUMNS]
        parts.append(Wrapped(Text("  ").join(head)))
        parts += [
            Wrapped(row[name], indent=2) for name in columns if name not in FIXED_COLUMNS and row[name].plain
        ]
    return render(parts, color=color, width=width)


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


def as_yaml(hits: list[CaseHit], read: ReadDocument, query: Query, **_: Any) -> str:
    from reformkit.text.escape import yaml_text

    return yaml_text([case_object(read(h), h.source.path) for h in hits])


def ids(hits: list[CaseHit], read: ReadDocument, query: Query, **_: Any) -> str:
    return "".join(terminal(h.case_id) + "\n" for h in hits)


def tsv(hits: list[CaseHit], read: ReadDocument, query: Query, **_: Any) -> str:
    """``id<TAB>title<TAB>program<TAB>published``, one line a case, no header (for fzf and
    spreadsheets); tabs and line breaks in the text become spaces."""

    def cell(text: str) -> str:
        return terminal(" ".join(text.replace("\t", " ").splitlines()))

    return "".join(
        "\t".join(cell(v) for v in (h.record.id, h.record.title, h.record.program, h.record.published)) + "\n"
        for h in hits
    )


def paths(hits: list[CaseHit], read: ReadDocument, query: Query, **_: Any) -> str:
    return "".join(terminal(h.source.path) + "\n" for h in hits)


def explain(hits: list[CaseHit], query: Query, *, lang: str = labels.DEFAULT_LANG) -> str:
    """``search --explain``: one line a hit, ``id  how it matched  score  notes``, the notes
    being the thesaurus's expansions that matched it (``办执照 → 营业执照、企业开办``) and the
    words a term was matched without, no case holding them all (``Query.left_out``)."""
    from reformkit.search.ranking import KIND_NAMES, WORD

    words = labels.EXPLAIN[labels.lang_of(lang)]
    ids = [terminal(h.case_id) for h in hits]
    kinds = [words[KIND_NAMES[h.kind]] for h in hits]
    id_width = max(map(len, ids), default=0)
    kind_width = max((_width(k) for k in kinds), default=0)
    lines = []
    for hit, shown_id, kind in zip(hits, ids, kinds, strict=True):
        said = [
            words["expansion" if e.phrase == e.term else "inside"].format(
                term=e.term, phrase=e.phrase, targets=words["join"].join(e.targets)
            )
            for e in hit.expansions
        ] + [
            words["left_out"].format(term=m.term, words=words["join"].join(query.left_out[m.term]))
            for m in hit.matches
            if m.kind == WORD and m.term in query.left_out
        ]
        cells = [shown_id.ljust(id_width), kind + " " * (kind_width - _width(kind)), f"{hit.score:.2f}"]
        lines.append(("  ".join(cells) + ("  " + terminal("; ".join(said)) if said else "")).rstrip() + "\n")
    return "".join(lines)


def _width(text: str) -> int:
    from reformkit.render.wrap import cell_len

    return cell_len(text)
