"""Where a term hit a case: a snippet of the original text, and grep-style line hits."""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reformkit import pinyin
from reformkit.library.index import TEXT_FIELDS, Record, field_text
from reformkit.model import KEY, LoadedFile, NodePath, dotted
from reformkit.query import Query
from reformkit.textnorm import fold_with_map

#: Gives the library's character → readings table (``SearchIndex.reading_table``) when needed.
Readings = Callable[[], dict[str, str]]


def snippet(
    original: str, folded: str, span: tuple[int, int], *, before: int = 10, after: int = 30
) -> tuple[str, str, str]:
    """(text before, matched text, text after) around ``span`` of the folded text, in the
    original text, within its line."""
    at, stop = span
    if len(original) == len(folded):
        start, end = at, stop
    else:
        _, origin = fold_with_map(original)
        start = origin[at]
        end = origin[stop - 1] + 1
    line_start = original.rfind("\n", 0, start) + 1
    line_end = original.find("\n", end)
    line_end = len(original) if line_end < 0 else line_end
    lead = original[max(line_start, start - before) : start]
    tail = original[end : min(line_end, end + after)]
    if start - before > line_start:
        lead = "…" + lead
    if end + after < line_end:
        tail += "…"
    return lead, original[start:end], tail


def term_span(record: Record, field: str, term: str, readings: Readings) -> tuple[int, int] | None:
    """Where ``term`` hit one field of a record, in characters of its folded text: the text
    itself, else the pinyin it spells, else a homophone."""
    folded = field_text(record, field).decode("utf-8")
    at = folded.find(term)
    if at >= 0:
        return at, at + len(term)
    position = list(TEXT_FIELDS).index(field)
    syllables, initials = record.pinyin[position], record.initials[position]
    spelled = pinyin.query_syllables(term) or pinyin.homophone_syllables(term, readings())
    for reading in spelled:
        found = pinyin.span_in(folded, syllables, pinyin.needle(reading), initials=False)
        if found:
            return found
    letters = pinyin.query_initials(term)
    if letters:
        return pinyin.span_in(folded, initials, letters.encode("ascii"), initials=True)
    return None


def best_snippet(
    query: Query, record: Record, field: str | None, originals: dict[str, str], readings: Readings
) -> tuple[str, str, str]:
    if field is None:
        return ("", "", "")
    for term in query.terms:
        if term.negated:
            continue
        span = term_span(record, field, term.text, readings)
        if span is not None:
            folded = field_text(record, field).decode("utf-8")
            return snippet(originals.get(field, folded), folded, span)
    return ("", "", "")


def context_snippet(
    query: Query, record: Record, field: str | None, originals: dict[str, str], readings: Readings
) -> tuple[str, str, str]:
    """The snippet of a hit in running text (a table shows the title already, and a tag alone
    says little): the best field when it is running text, else the best other searched field
    a term hits, tags last. ``originals``: each field's text before folding."""
    if field is not None and field not in ("title", "tags"):
        return best_snippet(query, record, field, originals, readings)
    names = [name for _, name, _ in query.slots if name not in ("title", "tags")]
    if "tags" in query.fields:
        names.append("tags")
    for name in names:
        found = best_snippet(query, record, name, originals, readings)
        if found[1]:
            return found
    return ("", "", "")


def _group(node_path: NodePath) -> str | None:
    """Which text field of ``TEXT_FIELDS`` a node belongs to (None: not searched text)."""
    if not node_path:
        return None
    head = node_path[0]
    if head in ("title", "subtitle"):
        return "title"
    if head == "metrics":
        return "metrics" if node_path[-1] in ("label", "note") else None
    if head == "source":
        return "source" if node_path[-1] in ("title", "publisher") else None
    if head in ("practices", "outcomes"):
        return head if node_path[-1] in ("title", "detail") else None
    return head if head in TEXT_FIELDS else None


@dataclass(frozen=True)
class LineHit:
    line: int
    column: int
    field: str
    text: str


def line_hits(loaded: LoadedFile, text: str, query: Query) -> list[LineHit]:
    """Every place a positive term occurs in the searched fields, by physical line.

    A hit belongs to the node that starts last at or before it; it counts only when that
    node is a text value of a searched field (never a key, an id or a tag).
    """
    nodes = sorted(
        (
            (position, node_path)
            for node_path, position in loaded.positions.items()
            if node_path  # the top mapping starts where the first key does
        ),
        key=lambda node: node[0],
    )
    starts = [position for position, _ in nodes]
    terms = [t.text for t in query.terms if not t.negated]
    found = set()
    for number, line in enumerate(text.splitlines(), 1):
        folded, origin = fold_with_map(line)
        for term in terms:
            at = folded.find(term)
            while at >= 0:
                column = origin[at] + 1
                slot = bisect.bisect_right(starts, (number, column)) - 1
                if slot >= 0:
                    node_path = nodes[slot][1]
                    if (
                        node_path[-1] is not KEY
                        and _group(node_path) in query.fields
                        and _is_text_leaf(loaded.data, node_path)
                    ):
                        found.add(LineHit(number, column, dotted(node_path), line.strip()))
                at = folded.find(term, at + len(term))
    return sorted(found, key=lambda h: (h.line, h.column))


def _is_text_leaf(data: dict[str, Any] | None, node_path: NodePath) -> bool:
    node: Any = data
    try:
        for part in node_path:
            node = node[part]
    except (KeyError, IndexError, TypeError):
        return False
    return isinstance(node, str)
