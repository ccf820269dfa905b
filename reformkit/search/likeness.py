"""Cases like a given one (``search --like ID``): the library ranked by likeness to a case.

Two cases are alike when they share distinctive words, tags, lead agencies and the kinds of
figure they state. The words are the ones the search index keeps for each case (segmented once
when the index is built, ``reformkit.library.index.words``), each weighted by how rare it is
in the library (idf: a word every other case writes, like 改革 or 服务, says little); the
words' part of the likeness is the cosine of the two cases' idf vectors. Tags, agencies and
metric kinds count by their overlap (Jaccard). Nothing is segmented or read from disk at
query time: the word postings give, for each of the case's words, the rows that share it. In a
large library the exact cosine is worked out for the ``CANDIDATES`` rows sharing the most with
the case for their length (their idf dot product over the square root of the length of their
words); the others, which share too little to be among the most alike, count their words as 0.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TypeVar

from reformkit.library.index.read import SearchIndex
from reformkit.search.ranking import Hit

#: The share of each part in a likeness of 1: words, tags, agencies, metric kinds.
WEIGHTS = {"words": 0.6, "tags": 0.2, "agencies": 0.1, "kinds": 0.1}
#: A word held by more than this share of the library is left out (it tells no case apart).
COMMON_SHARE = 0.5
#: How many rows get an exact cosine of their words (see the module).
CANDIDATES = 500
#: How many cases ``--like`` lists unless ``--limit`` says otherwise.
DEFAULT_LIMIT = 10

S = TypeVar("S")


def _jaccard(one: Sequence[str], other: Sequence[str]) -> float:
    a, b = set(one), set(other)
    return len(a & b) / len(a | b) if a and b else 0.0


class _Words:
    """Each word's idf and each row's idf norm, computed only for the rows asked about."""

    def __init__(self, index: SearchIndex) -> None:
        self.index = index
        self.vocab = index.vocabulary()
        self.limit = max(2.0, COMMON_SHARE * index.count)
        self._norms: dict[int, float] = {}

    def idf(self, word: str) -> float:
        place = self.vocab.get(word)
        if place is None or place[1] > self.limit:
            return 0.0
        return math.log(self.index.count / place[1])

    def norm(self, row: int) -> float:
        found = self._norms.get(row)
        if found is None:
            found = math.sqrt(sum(self.idf(word) ** 2 for word in self.index.row_words(row)))
            self._norms[row] = found
        return found

    def cosines(self, row: int, rows: set[int]) -> dict[int, float]:
        """The cosine of ``row``'s idf vector with each of ``rows`` that shares a word with it."""
        shared: dict[int, float] = {}
        for word in self.index.row_words(row):
            weight = self.idf(word) ** 2
            if not weight:
                continue
            for other in self.index.word_rows(word):
                if other in rows:
                    shared[other] = shared.get(other, 0.0) + weight
        mine = self.norm(row)
        if len(shared) > CANDIDATES:
            starts = self.index.starts("words")
            shared = dict(
                sorted(
                    shared.items(),
                    key=lambda item: -item[1] / math.sqrt(starts[item[0] + 1] - starts[item[0]]),
                )[:CANDIDATES]
            )
        return {other: dot / (mine * self.norm(other)) for other, dot in shared.items() if mine and dot}


def likeness(index: SearchIndex, row: int, rows: set[int]) -> dict[int, float]:
    """How alike ``row``'s case and each of ``rows`` are, from 0 to 1 (rows sharing nothing
    with it left out; ``row`` itself too)."""
    rows = rows - {row}
    words = _Words(index).cosines(row, rows)
    mine = index.record(row, text=False)
    found: dict[int, float] = {}
    for other in rows:
        theirs = index.record(other, text=False)
        score = (
            WEIGHTS["words"] * words.get(other, 0.0)
            + WEIGHTS["tags"] * _jaccard(mine.tags, theirs.tags)
            + WEIGHTS["agencies"] * _jaccard(mine.folded_agencies, theirs.folded_agencies)
            + WEIGHTS["kinds"] * _jaccard(mine.kinds, theirs.kinds)
        )
        if score > 0:
            found[other] = score
    return found


def most_alike(
    index: SearchIndex, row: int, hits: list[Hit[S]], *, sort: str = "relevance", limit: int | None = None
) -> tuple[list[Hit[S]], int]:
    """The hits most like ``row``'s case, best first (each hit's score its likeness), at most
    ``limit`` of them; with another ``sort`` than relevance, those hits in the order ``hits``
    has them (as ``ranking.search`` sorted them). Also how many hits were alike at all."""
    scores = likeness(index, row, {hit.row for hit in hits})
    ids = index.ids
    alike = sorted((hit for hit in hits if hit.row in scores), key=lambda h: (-scores[h.row], ids[h.row]))
    total = len(alike)
    kept = alike[:limit] if limit is not None else alike
    for hit in kept:
        hit.score = scores[hit.row]
    if sort != "relevance":
        order = {hit.row: position for position, hit in enumerate(hits)}
        kept.sort(key=lambda h: order[h.row])
    return kept, total
