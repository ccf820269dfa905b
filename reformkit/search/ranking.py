"""Match a parsed query against a library's search index, and rank what matched.

Each part of the query becomes a set of rows: a filter reads columns and posting lists, a
term finds its occurrences in the field blobs; AND, OR and NOT are set operations over the
whole library at once. A term scores by BM25F: how often it occurs in each field (weighted by
``TEXT_FIELDS``, normalised by the field's length), saturated, times how rare it is across
the library (idf). So a rare term that fills a short title outranks a common one mentioned
once in a long practice.

A positive term also matches its pinyin: a pinyin query (``yiwangtongban``, ``ywtb``) matches
the syllables or initials forms of the text, and a Chinese term of three or more characters
matches text that reads the same (``正照分离`` → 证照分离). Such a match is marked (``Hit.kind``)
and ranks after every exact one. A Chinese term found as typed in few cases also matches its
words near each other (``reformkit.search.words``), and a term with few exact hits is also
matched through the library's thesaurus (``reformkit.search.thesaurus``), each ranked after all
of those before it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from reformkit.library.index.read import SearchIndex
from reformkit.library.index.record import TEXT_FIELDS, Record
from reformkit.search import thesaurus, words
from reformkit.search.query import Filter, Node, Query, Term
from reformkit.text import pinyin

#: How a term matched: the text itself, its pinyin as typed, a homophone of it, its words near
#: each other, the thesaurus.
EXACT, PINYIN, HOMOPHONE, WORD = 0, 1, 2, 3
THESAURUS = thesaurus.KIND
KIND_NAMES = {EXACT: "exact", PINYIN: "pinyin", HOMOPHONE: "homophone", WORD: "word", THESAURUS: "thesaurus"}
#: BM25 saturation and length normalisation (the usual values).
K1, B = 1.2, 0.75
#: A pinyin or homophone match scores this share of an exact one (it also ranks after them).
FUZZY_SHARE = 0.5

S = TypeVar("S")


@dataclass(frozen=True)
class Match:
    """How one term of the query matched a case: the term (folded), the kind of match
    (``EXACT`` … ``THESAURUS``) and the field it counted most in. A writer that shows where a
    case was hit looks for the term in the way it matched, and in no other."""

    term: str
    kind: int
    field: str | None


class Hit(Generic[S]):
    """A matched case: its row in the index, score, best field, how it matched (as a whole,
    ``kind``; term by term, ``matches``), and whatever the caller attached to it (``select``
    attaches the ``FileRecord``)."""

    __slots__ = ("row", "score", "best_field", "kind", "source", "expansions", "matches", "_index", "_record")

    def __init__(
        self, index: SearchIndex, row: int, score: float, best_field: str | None, kind: int, source: S
    ) -> None:
        self._index = index
        self.row = row
        self.score = score
        self.best_field = best_field
        self.kind = kind
        self.source = source
        #: The thesaurus expansions this case matched (``thesaurus.Widener.fired``).
        self.expansions: tuple[thesaurus.Expansion, ...] = ()
        #: How each positive term matched this case, in the order the query was evaluated.
        self.matches: tuple[Match, ...] = ()
        self._record: Record | None = None

    @property
    def record(self) -> Record:
        """The case's whole index record, rebuilt from the index on first use."""
        if self._record is None:
            self._record = self._index.record(self.row)
        return self._record

    @property
    def facts(self) -> Record:
        """The record without its text (empty text forms): what counting and filtering need,
        at a fraction of the cost of ``record``."""
        if self._record is not None:
            return self._record
        return self._index.record(self.row, text=False)

    @property
    def case_id(self) -> str:
        return self._index.ids[self.row]

    @property
    def fuzzy(self) -> bool:
        return self.kind != EXACT

    def readings(self) -> dict[str, str]:
        """The library's character → readings table (to find where a homophone hit)."""
        return self._index.reading_table()

    def sought(self) -> list[tuple[str, int]]:
        """What to look for in the case's text to show where it was hit, and how: each
        thesaurus target it matched (as written), then each term the way it matched."""
        targets = dict.fromkeys(t for e in self.expansions for t in e.targets)
        return [(target, EXACT) for target in targets] + [
            (m.term, m.kind) for m in self.matches if m.kind != THESAURUS
        ]


#: What a row earned from a part of a query: (score, best field, that field's share, kind).
Score = tuple[float, str | None, float, int]
Matches = dict[int, Score]
_NOTHING: Score = (0.0, None, 0.0, EXACT)


class _Evaluator:
    def __init__(self, index: SearchIndex, query: Query) -> None:
        self.index = index
        self.fields = [name for name in TEXT_FIELDS if name in query.fields]
        self.pinyin, self.sounds_like = query.pinyin, query.sounds_like
        self.query = query
        # Thesaurus (search/thesaurus.py): widens a term with few exact hits.
        self.widener = thesaurus.Widener(query.thesaurus) if query.thesaurus is not None else None
        #: row → how each positive term outside a NOT matched it (``Hit.matches``).
        self.matches: dict[int, list[Match]] = {}
        self._negated = 0

    def evaluate(self, node: Node | None) -> Matches:
        if node is None:
            return dict.fromkeys(range(self.index.count), _NOTHING)
        if isinstance(node, Filter):
            rows = node.test(self.index)
            if node.negated:
                rows = set(range(self.index.count)) - rows
            return dict.fromkeys(rows, _NOTHING)
        if isinstance(node, Term):
            if node.negated:
                exact = self.term(node.text, fuzzy=False)
                return dict.fromkeys(set(range(self.index.count)) - exact.keys(), _NOTHING)
            found = self.term(node.text, phrase=node.quoted)
            if not self._negated:
                for row, score in found.items():
                    self.matches.setdefault(row, []).append(Match(node.text, score[3], score[1]))
            return found
        if node.op == "not":
            self._negated += 1  # what matched inside a NOT is no place a hit is shown
            inner = self.evaluate(node.parts[0])
            self._negated -= 1
            return dict.fromkeys(set(range(self.index.count)) - inner.keys(), _NOTHING)
        if node.op == "and":
            return self._all_of(node.parts)
        outcomes = [self.evaluate(part) for part in node.parts]
        merged: Matches = {}
        for outcome in outcomes:
            for row, score in outcome.items():
                merged[row] = _either(merged[row], score) if row in merged else score
        return merged

    def _all_of(self, parts: Sequence[Node]) -> Matches:
        """The rows every part matches, their scores added; once no row is left, the parts
        after it are not evaluated (a query of hundreds of words stops at the first few)."""
        outcomes: list[Matches] = []
        held: set[int] | None = None
        for part in parts:
            outcome = self.evaluate(part)
            held = set(outcome) if held is None else held.intersection(outcome)
            if not held:
                return {}
            outcomes.append(outcome)
        return {row: _both([o[row] for o in outcomes]) for row in held or ()}

    def term(self, text: str, *, fuzzy: bool = True, phrase: bool = False) -> Matches:
        """Rows where ``text`` occurs (exactly, then as pinyin or a homophone, then unless a
        quoted ``phrase`` as its words), scored."""
        found = self._scored([self._counts("text", text.encode("utf-8"))], "text", EXACT)
        if not fuzzy:
            return found
        exact = len(found)
        forms = pinyin.fuzzy_forms(
            text, self.index.reading_table, spelled=self.pinyin, sounds_like=self.sounds_like
        )
        for form, needles, homophone in forms:
            counts = [self._counts(form, needle) for needle in needles]
            for row, score in self._scored(counts, form, HOMOPHONE if homophone else PINYIN).items():
                if row not in found:
                    found[row] = (score[0] * FUZZY_SHARE, *score[1:])
        if (
            self.query.words and not phrase and exact < words.RARE_BELOW
        ):  # words as well as substrings (issue 27)
            self._words(text, found)
        if exact < thesaurus.FEW and self.widener is not None and not phrase:  # thesaurus: after all above
            self.widener.widen(text, found, self._exact_rows, self.index.vocabulary())
        if not found and text in self.query.word_groups:  # nothing at all: its words, however far apart
            wanted = self.query.word_groups[text]
            kept, apart = words.counts_apart(self.index, wanted, self.fields)
            for row, score in self._scored(apart, "text", WORD).items():
                found[row] = (score[0] * FUZZY_SHARE * FUZZY_SHARE, *score[1:])
            if found:
                self.query.apart.add(text)
                self.query.word_groups[text] = kept
                if kept != wanted:
                    self.query.left_out[text] = tuple(group[0] for group in wanted if group not in kept)
        return found

    def _exact_rows(self, needle: str) -> Matches:
        return self._scored([self._counts("text", needle.encode("utf-8"))], "text", EXACT)

    def _words(self, text: str, found: Matches) -> None:
        """Add the rows where ``text`` occurs as its words near each other (``search.words``)."""
        wanted = words.groups(text, self.index.vocabulary(), self.query.synonyms)
        if not wanted:
            return
        self.query.word_groups[text] = wanted
        counts = words.counts(self.index, wanted, self.fields)
        for row, score in self._scored([counts], "text", WORD).items():
            if row not in found:
                found[row] = (score[0] * FUZZY_SHARE, *score[1:])

    def _counts(self, form: str, needle: bytes) -> dict[str, dict[int, int]]:
        """Field → row → occurrences of ``needle`` in that form of the field."""
        return {name: self.index.occurrences(f"{form}:{name}", needle) for name in self.fields}

    def _scored(self, alternatives: list[dict[str, dict[int, int]]], form: str, kind: int) -> Matches:
        """BM25F over the fields; several needles (readings of one term) count together."""
        counts: dict[str, dict[int, int]] = {name: {} for name in self.fields}
        for alternative in alternatives:
            for name, found in alternative.items():
                into = counts[name]
                for row, count in found.items():
                    into[row] = into.get(row, 0) + count
        rows = set().union(*(found.keys() for found in counts.values()))
        if not rows:
            return {}
        total = self.index.count
        idf = math.log(1 + (total - len(rows) + 0.5) / (len(rows) + 0.5))
        # Walk field by field (the rows a field holds the term in), each share normalised by
        # the row's length of that field against the field's mean length.
        weighted: dict[int, float] = dict.fromkeys(rows, 0.0)
        best: dict[int, tuple[float, str]] = {}
        for name, found in counts.items():
            if not found:
                continue
            blob = f"{form}:{name}"
            starts = self.index.starts(blob)
            scale = B / self.index.mean_length(blob)
            weight = TEXT_FIELDS[name]
            for row, occurrences in found.items():
                length = starts[row + 1] - starts[row] - 1
                share = weight * occurrences / (1 - B + scale * length)
                weighted[row] += share
                if share > best.get(row, (0.0, ""))[0]:
                    best[row] = (share, name)
        saturation = K1 + 1
        return {
            row: (idf * value * saturation / (value + K1), best[row][1], best[row][0], kind)
            for row, value in weighted.items()
        }


def _both(scores: list[Score]) -> Score:
    """All parts matched: their scores add up; the best field is the strongest part's."""
    best = max(scores, key=lambda s: s[2])
    return (sum(s[0] for s in scores), best[1], best[2], max(s[3] for s in scores))


def _either(one: Score, other: Score) -> Score:
    """Either part matched (a row matching both earns both)."""
    best = one if one[2] >= other[2] else other
    return (one[0] + other[0], best[1], best[2], min(one[3], other[3]))


def search(
    query: Query, index: SearchIndex, sources: Sequence[S], *, sort: str = "relevance"
) -> list[Hit[S]]:
    """Every row ``query`` matches, as hits carrying ``sources[row]``, in ``sort`` order.

    relevance: exact matches first, then by score; change: the largest relative change of a
    metric first (cases without one last); ties newest first, then by id."""
    evaluator = _Evaluator(index, query)
    found = evaluator.evaluate(query.expr)
    hits = [Hit(index, row, score[0], score[1], score[3], sources[row]) for row, score in found.items()]
    for hit in hits:
        hit.matches = tuple(evaluator.matches.get(hit.row, ()))
    if evaluator.widener is not None:  # thesaurus: which expansions each hit matched
        for hit in hits:
            hit.expansions = tuple(evaluator.widener.fired.get(hit.row, ()))
    ids = index.ids
    hits.sort(key=lambda h: ids[h.row])
    if sort == "id":
        return hits
    if sort == "title":
        keys = index.title_keys()
        hits.sort(key=lambda h: keys[h.row])
        return hits
    published = index.published
    hits.sort(key=lambda h: published[h.row], reverse=True)
    if sort == "change":  # the largest relative change (either way) of a case's metrics first
        hits.sort(key=lambda h: -max((abs(m[1]) for m in h.facts.metrics if m[1] is not None), default=-1.0))
    if sort == "relevance":
        hits.sort(key=lambda h: (h.kind, -h.score))
    return hits


def search_records(
    query: Query, records: Sequence[tuple[Record, S]], *, sort: str = "relevance"
) -> list[Hit[S]]:
    """``search`` over records held in memory, through an index built for them (tests)."""
    from reformkit.library.index.write import build

    index = SearchIndex(build([record for record, _ in records]))
    return search(query, index, [source for _, source in records], sort=sort)


def match(query: Query, record: Record) -> Hit[None] | None:
    """The hit of one record alone, or None (its score is judged against itself alone)."""
    hits = search_records(query, [(record, None)])
    return hits[0] if hits else None
