"""Search through the library's thesaurus: what people type, found by the words cases use.

A positive free-text term with fewer than ``FEW`` exact hits is also matched through the
thesaurus (``[thesaurus]`` of reformkit.toml): the term itself, or each phrase of the
thesaurus inside it (longest first, Chinese phrases only), stands for its targets, and a case
matches when, for every such phrase, it holds one of its targets (``办执照`` → 企业开办,
营业执照, 商事登记). A tag's alias stands for the tag (``医保`` → 医疗保障). Such a match is
kind ``KIND``: it ranks after exact, pinyin, homophone and word matches and scores ``SHARE``
of what its targets earn; ``Widener.fired`` says which expansions matched each row.

"Few" is fewer than three exact hits: a term that no case or only one or two cases write is
a phrasing the library does not use (or barely), and people who typed it mean the cases that
say it otherwise; a term three or more cases write is the library's own word, and widening it
would only pad a list that already answers.

The thesaurus is read on first use only (a term with few hits, or a ``tag:`` value that is
not a tag), and then from a small marshal file in the cache while the thesaurus file and the
config are unchanged: parsing 500 entries of TOML and folding them costs tens of milliseconds.
"""

from __future__ import annotations

import marshal
import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import NamedTuple

from reformkit.config import Config, Thesaurus, read_thesaurus
from reformkit.search.words import MOST_WORDS
from reformkit.text.fold import fold

#: Fewer exact hits than this, and a term is widened through the thesaurus.
FEW = 3
#: The ranking kind of a thesaurus match (0 exact, 1 pinyin, 2 homophone, 3 word).
KIND = 4
#: A thesaurus match scores this share of what its targets earn as exact matches.
SHARE = 0.4
#: A phrase found inside a longer term is at least this long (one character says too little).
MIN_INSIDE = 2
#: A phrase spread over a typed term has at most this many other characters among its own.
SPREAD = 2
#: The longest vocabulary word looked for inside a term (as ``words.cut_term`` does).
WORD_LONGEST = 8
#: No vocabulary: a term is read for thesaurus phrases only.
EMPTY: Mapping[str, object] = {}
#: The cache file's format; a file of another format is rebuilt.
FORMAT = 1
#: A thesaurus file changed this recently is not cached (an edit in the same clock tick could
#: leave its size and time unchanged).
TRUST_WINDOW_NS = 2_000_000_000

#: (score, best field, that field's share, kind): ``ranking.Score``.
Score = tuple[float, str | None, float, int]


@dataclass(frozen=True)
class Lookup:
    """The thesaurus folded for matching: ``phrases`` maps a folded phrase or tag alias to its
    folded targets; ``aliases`` a folded tag alias to its tags as written."""

    phrases: dict[str, tuple[str, ...]]
    aliases: dict[str, tuple[str, ...]]
    longest: int


class Expansion(NamedTuple):
    """One expansion that matched a case: the term typed, the phrase of the thesaurus found in
    it (the term itself, or a part of it), and the targets the case holds."""

    term: str
    phrase: str
    targets: tuple[str, ...]


def build(thesaurus: Thesaurus) -> Lookup:
    """Fold every phrase, alias and target; a tag's aliases stand for the tag."""
    phrases: dict[str, list[str]] = {}
    aliases: dict[str, list[str]] = {}

    def add(key: str, targets: list[str]) -> None:
        folded = fold(key.strip())
        kept = phrases.setdefault(folded, [])
        kept += [t for t in (fold(t.strip()) for t in targets) if t != folded and t not in kept]

    for phrase, targets in thesaurus.phrases.items():
        add(phrase, list(targets))
    for tag, names in thesaurus.tags.items():
        for name in names:
            add(name, [tag])
            tags = aliases.setdefault(fold(name.strip()), [])
            if tag not in tags:
                tags.append(tag)
    return Lookup(
        {k: tuple(v) for k, v in phrases.items() if v},
        {k: tuple(v) for k, v in aliases.items()},
        max(map(len, phrases), default=0),
    )


class Source:
    """A library's thesaurus, read and folded on first use (``lookup``)."""

    def __init__(self, config: Config, *, use_cache: bool = True) -> None:
        self.config = config
        self.use_cache = use_cache
        self._lookup: Lookup | None = None

    def lookup(self) -> Lookup:
        if self._lookup is None:
            self._lookup = self._cached() if self.use_cache else build(read_thesaurus(self.config.thesaurus))
        return self._lookup

    def tags_for(self, value: str) -> tuple[str, ...]:
        """The tags ``value`` is an alias of (empty: none)."""
        return self.lookup().aliases.get(fold(value.strip()), ())

    def _cached(self) -> Lookup:
        """The lookup from the cache when it was built from this very file and config; else
        built now and stored (a cache that cannot be read or written is passed by)."""
        from reformkit.library.cache import cache_folder, make_key, write_atomic

        settings = self.config.thesaurus
        stamp = ""
        fresh = True
        if settings.file is not None:
            try:
                stat = os.stat(settings.file)
            except OSError:
                return build(read_thesaurus(settings))  # says what is wrong with the file
            stamp = f"{os.path.realpath(settings.file)}\0{stat.st_size}\0{stat.st_mtime_ns}"
            fresh = stat.st_mtime_ns < time.time_ns() - TRUST_WINDOW_NS
        key = make_key(str(FORMAT), stamp, self.config.text)
        path = cache_folder(self.config.root) / f"thesaurus-{make_key(str(self.config.path))[:16]}.marshal"
        try:
            with open(path, "rb") as stored:
                held = marshal.load(stored)
            if isinstance(held, tuple) and len(held) == 4 and held[0] == key:
                return Lookup(held[1], held[2], held[3])
        except (OSError, EOFError, ValueError, TypeError):
            pass
        lookup = build(read_thesaurus(settings))
        if fresh:
            data = (key, lookup.phrases, lookup.aliases, lookup.longest)
            write_atomic(path, lambda out: marshal.dump(data, out))
        return lookup


#: Rows where a needle occurs, scored as exact matches of the search (``_Evaluator._scored``).
Scorer = Callable[[str], dict[int, Score]]


class Group(NamedTuple):
    """A piece of a typed term and the needles that stand for it: a thesaurus phrase's targets
    (``plain`` false), or a word of the library's vocabulary standing for itself."""

    phrase: str
    targets: tuple[str, ...]
    plain: bool = False


class Widener:
    """Widens the terms of one search; ``fired`` keeps, per row, the expansions it matched."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self.fired: dict[int, list[Expansion]] = {}

    def readings(self, term: str, vocabulary: Mapping[str, object] = EMPTY) -> list[list[Group]]:
        """The ways ``term`` is read through the thesaurus: as a phrase of it (when it is one),
        and as the phrases inside it (``_phrase_spans``) with, in the stretches between them,
        the longest words of ``vocabulary``, each standing for itself. A reading has at least
        one phrase; an entry and the phrases inside it both count (不用跑腿在家办: itself, and
        不用跑腿 with 在家办; 交社保: itself, and 社保). A reading holds at most the first
        ``words.MOST_WORDS`` pieces of the term."""
        lookup = self.source.lookup()
        found: list[list[Group]] = []
        if term in lookup.phrases:
            found.append([Group(term, lookup.phrases[term])])
        inside: list[Group] = []
        gap = 0
        for start, end, phrase in _phrase_spans(term, lookup):
            inside += _words_in(term[gap:start], vocabulary)
            inside.append(Group(phrase, lookup.phrases[phrase]))
            gap = end
        reading = (inside + _words_in(term[gap:], vocabulary))[:MOST_WORDS]
        if any(not group.plain for group in reading):
            found.append(reading)
        return found

    def widen(
        self, term: str, found: dict[int, Score], scored: Scorer, vocabulary: Mapping[str, object] = EMPTY
    ) -> None:
        """Add to ``found`` the rows that some reading of ``term`` matches (``_matched``); a row
        both readings match earns both. Rows already found keep how they matched."""
        held: dict[int, tuple[Score, list[Expansion]]] = {}
        for groups in self.readings(term, vocabulary):
            for row, matched in _matched(term, groups, scored).items():
                held[row] = _joined(held[row], matched) if row in held else matched
        for row, (score, expansions) in held.items():
            if row not in found:
                found[row] = (score[0] * SHARE, score[1], score[2], KIND)
                self.fired.setdefault(row, []).extend(expansions)


def _matched(term: str, groups: list[Group], scored: Scorer) -> dict[int, tuple[Score, list[Expansion]]]:
    """The rows holding targets of enough of the reading's phrases (``needed``), each scored by
    what its targets earn times the share of the reading's pieces it holds (a plain word only
    adds to the score and the share)."""
    phrases = sum(not group.plain for group in groups)
    held: dict[int, tuple[Score, list[Expansion], int, int]] = {}  # score, why, phrases, pieces
    for group in groups:
        for row, (score, names) in _rows_of(group, scored).items():
            expansion = [] if group.plain else [Expansion(term, group.phrase, tuple(names))]
            if row in held:
                before, why, count, pieces = held[row]
                score, why = _joined((before, why), (score, expansion))
                held[row] = (score, why, count + (not group.plain), pieces + 1)
            else:
                held[row] = (score, expansion, int(not group.plain), 1)
    least = needed(phrases)
    return {
        row: ((score[0] * pieces / len(groups), score[1], score[2], KIND), why)
        for row, (score, why, count, pieces) in held.items()
        if count >= least
    }


def needed(phrases: int) -> int:
    """How many of a term's thesaurus phrases a row must hold: all of one or two; of more, all
    but one in three (a long everyday sentence names more than any one case writes)."""
    return phrases - phrases // 3


def _phrase_spans(term: str, lookup: Lookup) -> list[tuple[int, int, str]]:
    """Where thesaurus phrases (Chinese, two characters or more, shorter than ``term``) lie in
    it, as (start, end, phrase), first first, not overlapping: the longest phrase written at
    each place, left to right; failing any, phrases spread over the term with at most
    ``SPREAD`` other characters among theirs (开店 in 开个小店, 查公司 in 查一家公司), longest
    first."""
    spans = []
    at = 0
    while at < len(term):
        piece = _longest(term, at, lookup.phrases, min(lookup.longest, len(term) - 1))
        if piece and not piece.isascii():
            spans.append((at, at + len(piece), piece))
        at += len(piece) or 1
    if spans:
        return spans
    spread = []
    for phrase in lookup.phrases:
        if MIN_INSIDE <= len(phrase) < len(term) and phrase[0] in term and not phrase.isascii():
            place = _spread_at(term, phrase)
            if place is not None:
                spread.append((place[0], place[1], phrase))
    taken: list[tuple[int, int, str]] = []
    for start, end, phrase in sorted(spread, key=lambda s: (-len(s[2]), s[0])):
        if all(end <= other[0] or start >= other[1] for other in taken):
            taken.append((start, end, phrase))
    return sorted(taken)


def _spread_at(term: str, phrase: str) -> tuple[int, int] | None:
    """The first stretch of ``term`` holding ``phrase``'s characters in order with at most
    ``SPREAD`` others among them (None: nowhere)."""
    start = term.find(phrase[0])
    while start >= 0:
        at, end = start, start + 1
        for char in phrase[1:]:
            at = term.find(char, end, end + SPREAD + 1)
            if at < 0:
                break
            end = at + 1
        if at >= 0 and end - start - len(phrase) <= SPREAD:
            return start, end
        start = term.find(phrase[0], start + 1)
    return None


def _longest(term: str, at: int, table: Mapping[str, object], longest: int) -> str:
    """The longest key of ``table`` (two characters or more) starting at ``at`` ('' if none)."""
    for size in range(min(longest, len(term) - at), MIN_INSIDE - 1, -1):
        if term[at : at + size] in table:
            return term[at : at + size]
    return ""


def _words_in(stretch: str, vocabulary: Mapping[str, object]) -> list[Group]:
    """The longest words of ``vocabulary`` in ``stretch``, left to right, as plain groups."""
    found = []
    at = 0
    while at < len(stretch):
        word = _longest(stretch, at, vocabulary, WORD_LONGEST)
        if word:
            found.append(Group(word, (word,), plain=True))
        at += len(word) or 1
    return found


def _rows_of(group: Group, scored: Scorer) -> dict[int, tuple[Score, list[str]]]:
    """Rows holding one of the group's needles, their scores added, and which they hold."""
    rows: dict[int, tuple[Score, list[str]]] = {}
    for target in group.targets:
        for row, score in scored(target).items():
            if row in rows:
                before, names = rows[row]
                best = score if score[2] > before[2] else before
                rows[row] = ((before[0] + score[0], best[1], best[2], KIND), [*names, target])
            else:
                rows[row] = ((score[0], score[1], score[2], KIND), [target])
    return rows


def _joined(
    one: tuple[Score, list[Expansion]], other: tuple[Score, list[Expansion]]
) -> tuple[Score, list[Expansion]]:
    """Both phrases of a term matched a row: scores add, the stronger field is the best."""
    (a, first), (b, second) = one, other
    best = a if a[2] >= b[2] else b
    return (a[0] + b[0], best[1], best[2], KIND), first + second


def targets_of(expansions: list[Expansion] | tuple[Expansion, ...]) -> list[str]:
    """The targets the expansions matched, each once, in order (to show where a hit is)."""
    return list(dict.fromkeys(t for e in expansions for t in e.targets))
