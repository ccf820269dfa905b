"""Where a term hit a case: a snippet of the original text, and grep-style line hits."""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from reformkit.case.model import KEY, LoadedFile, NodePath, dotted
from reformkit.library.index.record import TEXT_FIELDS, Record, field_text
from reformkit.search.query import Query
from reformkit.search.ranking import EXACT, HOMOPHONE, PINYIN, THESAURUS, WORD
from reformkit.text import pinyin
from reformkit.text.escape import terminal
from reformkit.text.fold import fold_with_map
from reformkit.yamltext.events import scalars

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


#: What a writer looks for to show where a case was hit: (term, kind of match), from
#: ``ranking.Hit.sought``.
Sought = Sequence[tuple[str, int]]


def term_span(
    record: Record, field: str, term: str, kind: int, readings: Readings, query: Query
) -> tuple[int, int] | None:
    """Where ``term`` hit one field of a record, the way it matched (``kind``), in characters
    of its folded text: as written, as the pinyin it spells or a homophone, or as its words
    near each other. None when it did not hit this field that way."""
    folded = field_text(record, field).decode("utf-8")
    if kind in (EXACT, THESAURUS):
        at = folded.find(term)
        return (at, at + len(term)) if at >= 0 else None
    if kind == WORD:
        from reformkit.search.words import spans

        wanted = query.word_groups.get(term, ())
        stretches = _words_alone(folded, wanted) if term in query.apart else spans(folded, wanted)
        return stretches[0] if stretches else None
    position = list(TEXT_FIELDS).index(field)
    forms = (record.pinyin[position], record.initials[position])
    return pinyin.fuzzy_span(
        folded, forms, term, readings, spelled=query.pinyin, sounds_like=query.sounds_like
    )


def best_snippet(
    sought: Sought,
    query: Query,
    record: Record,
    field: str | None,
    originals: dict[str, str],
    readings: Readings,
) -> tuple[str, str, str]:
    """The snippet of the first sought term that hit ``field``, the way it matched."""
    if field is None:
        return ("", "", "")
    for term, kind in sought:
        span = term_span(record, field, term, kind, readings, query)
        if span is not None:
            folded = field_text(record, field).decode("utf-8")
            return snippet(originals.get(field, folded), folded, span)
    return ("", "", "")


def marked_spans(shown: str, main: tuple[int, int], query: Query, sought: Sought) -> tuple[tuple[int, int], ...]:
    """Every stretch of a snippet's ``shown`` text to mark: ``main``, the place it was cut
    around, and each other word of a term matched as its words however far apart
    (``Query.apart``) that the snippet shows, merged and in order."""
    wanted = tuple(
        group
        for term, kind in sought
        if kind == WORD and term in query.apart
        for group in query.word_groups.get(term, ())
    )
    spans = [main] if main[1] > main[0] else []
    if wanted:
        folded, origin = fold_with_map(shown)
        spans += [(origin[start], origin[stop - 1] + 1) for start, stop in _words_alone(folded, wanted)]
    return tuple(_merge(sorted(spans)))


def context_snippet(
    sought: Sought,
    query: Query,
    record: Record,
    field: str | None,
    originals: dict[str, str],
    readings: Readings,
) -> tuple[str, str, str]:
    """The snippet of a hit in running text (a table shows the title already, and a tag alone
    says little): the best field when it is running text, else the best other searched field
    a term hits, tags last. ``originals``: each field's text before folding."""
    if field is not None and field not in ("title", "tags"):
        return best_snippet(sought, query, record, field, originals, readings)
    names = [name for _, name, _ in query.slots if name not in ("title", "tags")]
    if "tags" in query.fields:
        names.append("tags")
    for name in names:
        found = best_snippet(sought, query, record, name, originals, readings)
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


#: How ``--lines`` counts a column: UTF-8 bytes (vim, ripgrep's ``--vimgrep``, quickfix lists)
#: or characters (code points).
ColumnUnit = Literal["byte", "char"]
COLUMN_UNITS: tuple[ColumnUnit, ...] = ("byte", "char")


@dataclass(frozen=True)
class LineHit:
    """One physical line of a case file and every hit on it.

    ``line`` counts lines as editors do (a line ends at ``\\n``); ``text`` is the line as
    written, without its line break; ``spans`` are the hits as code-point ranges of ``text``,
    merged and in order; ``field`` is the dotted node path of the first hit.
    """

    line: int
    text: str
    spans: tuple[tuple[int, int], ...]
    field: str

    def column(self, unit: ColumnUnit = "byte") -> int:
        """The 1-based column of the first hit, in UTF-8 bytes or in characters."""
        start = self.spans[0][0]
        if unit == "char":
            return start + 1
        return len(self.text[:start].encode("utf-8")) + 1


def line_hits(loaded: LoadedFile, query: Query, sought: Sought, readings: Readings) -> list[LineHit]:
    """Every line where a sought term hits the searched text of a case, the way it matched
    (``ranking.Hit.sought``), each line once.

    A hit counts only inside the source text of a scalar that is a text value of a searched
    field: never in a key, an id, a date, a number or a comment. Lines and columns are those
    of ``loaded.text``, the text the positions were read from. ``readings`` (the index's
    reading table) locates a match by pinyin or by sound.
    """
    text = loaded.text
    terms = list(dict.fromkeys((term, kind) for term, kind in sought if term))
    if text is None or loaded.data is None or not terms:
        return []
    found: dict[int, list[tuple[int, int, NodePath]]] = {}
    breaks = [match.start() for match in re.finditer("\n", text)]
    for start, end, node_path in _text_scalars(loaded, text, query.fields):
        piece_start = start
        for piece in text[start:end].split("\n"):
            folded, origin = fold_with_map(piece)
            for term, kind in terms:
                for at, stop in _spans(folded, term, kind, query, readings):
                    first = piece_start + origin[at]
                    last = piece_start + origin[stop - 1] + 1
                    line = bisect.bisect_left(breaks, first)  # 0-based: breaks before the hit
                    found.setdefault(line, []).append((first, last, node_path))
            piece_start += len(piece) + 1
    hits = []
    for line, spots in sorted(found.items()):
        line_start = breaks[line - 1] + 1 if line else 0
        line_end = breaks[line] if line < len(breaks) else len(text)
        row = text[line_start:line_end]
        if row.endswith("\r"):  # a CRLF file: the CR belongs to the line break
            row = row[:-1]
        spots.sort(key=lambda spot: (spot[0], -spot[1]))
        spans = _merge([(first - line_start, min(last - line_start, len(row))) for first, last, _ in spots])
        hits.append(LineHit(line + 1, row, spans, dotted(spots[0][2])))
    return hits


def _spans(folded: str, term: str, kind: int, query: Query, readings: Readings) -> Iterator[tuple[int, int]]:
    """Every place ``term`` occurs in ``folded`` as written; for a term that matched by pinyin
    or by sound, the first place it matches that way; for one that matched as its words, each
    stretch that holds them."""
    if kind == WORD:
        from reformkit.search.words import spans

        wanted = query.word_groups.get(term, ())
        yield from _words_alone(folded, wanted) if term in query.apart else spans(folded, wanted)
        return
    if kind in (PINYIN, HOMOPHONE):
        if folded:
            forms = pinyin.index_forms(folded)
            span = pinyin.fuzzy_span(
                folded, forms, term, readings, spelled=query.pinyin, sounds_like=query.sounds_like
            )
            if span is not None:
                yield span
        return
    at = folded.find(term)
    while at >= 0:
        yield at, at + len(term)
        at = folded.find(term, at + len(term))


def _words_alone(folded: str, wanted: tuple[tuple[str, ...], ...]) -> list[tuple[int, int]]:
    """Each place a word of ``wanted`` occurs, first first: where a term matched as its words
    however far apart (``Query.apart``) shows, having no stretch that holds them all."""
    from reformkit.search.words import spans

    return sorted(span for group in wanted for span in spans(folded, (group,)))


def _merge(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Sorted ranges with overlapping or touching ones joined."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return tuple(out)


#: Where YAML ends a line (YAML 1.1, as the parser counts lines and columns).
_YAML_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def _text_scalars(
    loaded: LoadedFile, text: str, fields: Sequence[str]
) -> Iterator[tuple[int, int, NodePath]]:
    """(start, end, node path) of the source text of every scalar that is a text value of one of
    ``fields``, as offsets in ``text``. The loader keeps where each value starts; the parser's
    events say where it ends, so a comment after a value is not part of it."""
    import yaml

    by_start = {
        position: node_path
        for node_path, position in loaded.positions.items()
        if node_path and node_path[-1] is not KEY
    }
    starts = [0] + [m.end() for m in _YAML_BREAK.finditer(text)]

    try:
        for scalar in scalars(text):
            if scalar.is_key:
                continue
            node_path = by_start.get((scalar.line + 1, scalar.column + 1))
            if (
                node_path is None
                or _group(node_path) not in fields
                or not _is_text_leaf(loaded.data, node_path)
            ):
                continue
            start = starts[scalar.line] + scalar.column
            end = start + (scalar.end - scalar.start)
            if scalar.style in ("|", ">"):  # the header line (| or >, and any comment) is no text
                header_end = text.find("\n", start)
                start = end if header_end < 0 else min(header_end + 1, end)
            yield start, end, node_path
    except yaml.YAMLError:
        return  # a file that was valid when selected and changed since: what was read so far


def _is_text_leaf(data: dict[str, Any] | None, node_path: NodePath) -> bool:
    node: Any = data
    try:
        for part in node_path:
            node = node[part]
    except (KeyError, IndexError, TypeError):
        return False
    return isinstance(node, str)


def window(hit: LineHit, width: int) -> list[tuple[str, bool]]:
    """The line as pieces of (text, is a hit), cut to about ``width`` display columns around
    its first hit when it is wider: a third of the room before the hit, the rest from the hit
    on (room one side leaves unused goes to the other); ``…`` marks a cut, and indentation
    that would be cut is dropped whole, unmarked. The first hit is always whole; ``width`` 0
    keeps the whole line. A control character counts as wide as the escape a terminal is
    shown for it."""
    text = hit.text
    cells = [_cells(char) for char in text]
    start, end = hit.spans[0]
    if width <= 0 or sum(cells) <= width:
        low, high = 0, len(text)
    else:
        room = max(width - sum(cells[start:end]), 0)
        low = _reach(cells, start, -1, room // 3)
        high = _reach(cells, end, 1, room - sum(cells[low:start]))
        low = _reach(cells, start, -1, room - sum(cells[end:high]))
    if low and not text[:low].strip():  # only indentation would go: drop all of it, unmarked
        low, lead_cut = min(len(text) - len(text.lstrip()), start), False
    else:
        lead_cut = low > 0
    pieces: list[tuple[str, bool]] = [("…", False)] if lead_cut else []
    at = low
    for span_start, span_end in hit.spans:
        span_start, span_end = max(span_start, low), min(span_end, high)
        if span_start >= span_end:
            continue
        if at < span_start:
            pieces.append((text[at:span_start], False))
        pieces.append((text[span_start:span_end], True))
        at = span_end
    if at < high:
        pieces.append((text[at:high], False))
    if text[high:].strip():
        pieces.append(("…", False))
    return pieces


def _reach(cells: list[int], at: int, step: int, room: int) -> int:
    """Where a run of whole characters from ``at`` that fits in ``room`` columns ends, going
    forwards (``step`` 1) or backwards (-1)."""
    used = 0
    if step < 0:
        while at > 0 and used + cells[at - 1] <= room:
            at -= 1
            used += cells[at]
    else:
        while at < len(cells) and used + cells[at] <= room:
            used += cells[at]
            at += 1
    return at


def _cells(char: str) -> int:
    """Display columns of one character: 2 for wide (CJK), 0 for combining marks, and the
    length of its escape for a character a terminal would be given as an escape."""
    shown = terminal(char)
    if shown != char:
        return len(shown)
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
