"""A term matched as its words: 注销时间 finds 注销……时间 written a few characters apart.

Staff type what they mean (注销时间, 减少材料); cases write it in their own order and words
(简易注销公告时间由45天压缩为7天, 减少申报资料). A Chinese term found as typed in fewer than
``RARE_BELOW`` cases is therefore also cut into the words of the library's vocabulary (the
words its index holds, ``reformkit.library.index.words``: so the query is cut as the cases
were, and nothing is loaded to cut it), each word standing for itself and its synonyms (the
config's ``[search.synonyms]``), and a case matches when one field holds every word within
``WINDOW`` characters of the next. Such a hit scores by BM25F like any other, a share of it,
and ranks after every exact, pinyin and homophone hit (``ranking.WORD``). A term that finds
nothing at all, not even through the thesaurus, is matched last as its words anywhere in the
case, as written (健康 also inside 健康状况), for a smaller share still: a few loose hits beat an
empty answer. When no case holds every word, the word held by the most cases (the one that
tells least) is left out, then the next, until some case holds the rest (``counts_apart``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reformkit.library.index.read import SearchIndex

#: A term is matched as its words when it hits fewer cases than this as typed.
RARE_BELOW = 3
#: Two words of a term match near each other when at most this many characters lie between
#: one and the next, in the same field.
WINDOW = 12
#: A term is read as at most this many words (and thesaurus phrases): a pasted paragraph is
#: not a search phrase, and each word costs a pass over the library's text. (Meilisearch reads
#: the first ten words of a query the same way.) The term as typed is still matched whole.
MOST_WORDS = 10
#: The words of a term, each with its synonyms: one of each must occur.
Groups = tuple[tuple[str, ...], ...]


def _chinese(text: str) -> bool:
    return any("\u3400" <= char <= "\u9fff" for char in text)


def cut_term(term: str, vocabulary: Mapping[str, object]) -> list[str]:
    """``term`` cut into the fewest pieces, each a word of ``vocabulary`` or one character
    (ties: the longer first piece), as a dictionary segmenter would cut it."""
    size = len(term)
    longest = min(size, 8)
    best: list[tuple[int, int]] = [(0, 0)] * (size + 1)  # (pieces, length of the last piece)
    for end in range(1, size + 1):
        options = []
        for length in range(1, min(longest, end) + 1):
            piece = term[end - length : end]
            if length == 1 or piece in vocabulary:
                options.append((best[end - length][0] + 1, -length))
        count, negative = min(options)
        best[end] = (count, -negative)
    pieces = []
    end = size
    while end > 0:
        length = best[end][1]
        pieces.append(term[end - length : end])
        end -= length
    return pieces[::-1]


def groups(term: str, vocabulary: Mapping[str, object], synonyms: Mapping[str, tuple[str, ...]]) -> Groups:
    """The words ``term`` is matched as (each with its synonyms; the first ``MOST_WORDS``), or
    () when that would find nothing the term itself does not, or too little of it: not
    Chinese; a single word without synonyms; one word and loose characters (正照分离 is not
    分离); words of two characters or more covering less than two thirds of the term."""
    if not _chinese(term):
        return ()
    if term in synonyms:  # one word of a group: matched as any of them
        return (synonyms[term],)
    words = [piece for piece in cut_term(term, vocabulary) if len(piece) >= 2]
    if words == [term]:  # one word without synonyms: the term itself
        return ()
    if len(words) < 2 or 3 * sum(map(len, words)) < 2 * len(term):
        return ()  # one word of several characters, or words for less than two thirds of the term
    return tuple(synonyms.get(word, (word,)) for word in words[:MOST_WORDS])


def rows(index: SearchIndex, wanted: Groups) -> set[int]:
    """The rows holding a word (or a synonym) of every group, as the index cut them."""
    found: set[int] | None = None
    for group in sorted(wanted, key=len):
        held: set[int] = set()
        for word in group:
            held.update(index.word_rows(word))
        found = held if found is None else found & held
        if not found:
            return set()
    return found or set()


def spans(text: str, wanted: Groups, window: int = WINDOW) -> list[tuple[int, int]]:
    """Each stretch of ``text`` holding a word of every group, at most ``window`` characters
    between one and the next, as (start, end), not overlapping, first first."""
    places = sorted(
        (at, at + len(word), number)
        for number, group in enumerate(wanted)
        for word in group
        for at in _find_all(text, word)
    )
    found: list[tuple[int, int]] = []
    after = 0
    for first, (start, end, number) in enumerate(places):
        if start < after:
            continue
        if len(wanted) == 1:
            found.append((start, end))
            after = end
            continue
        seen = {number}
        last = end
        for other_start, other_end, other in places[first + 1 :]:
            if other_start - last > window:
                break
            if other not in seen and other_start >= last:
                seen.add(other)
                last = other_end
            if len(seen) == len(wanted):
                found.append((start, last))
                after = last
                break
    return found


def _find_all(text: str, word: str) -> Iterable[int]:
    at = text.find(word)
    while at >= 0:
        yield at
        at = text.find(word, at + len(word))


def counts(index: SearchIndex, wanted: Groups, fields: Iterable[str]) -> dict[str, dict[int, int]]:
    """Field → row → how many stretches of that field hold every word near each other."""
    candidates = rows(index, wanted)
    found: dict[str, dict[int, int]] = {}
    for name in fields:
        held: dict[int, int] = {}
        for row in candidates:
            text = index.text(f"text:{name}", row).decode("utf-8", "replace")
            number = len(spans(text, wanted))
            if number:
                held[row] = number
        found[name] = held
    return found


def counts_apart(
    index: SearchIndex, wanted: Groups, fields: Iterable[str]
) -> tuple[Groups, list[dict[str, dict[int, int]]]]:
    """The last resort of a term that found nothing (``ranking``): the groups of ``wanted``
    that some case's ``fields`` hold however far apart, as written anywhere in the text (健康
    in 健康状况, which the index keeps as one word), and for each kept group, field → row →
    occurrences of its words over the rows that hold every kept group.

    All the groups are kept when some case holds them all. Otherwise the group held by the
    most cases (the one that tells least) is left out, then the next, until some case holds
    the rest; at least one is kept. ((), []) when no case holds any."""
    fields = list(fields)
    per_group: list[dict[str, dict[int, int]]] = []
    for group in wanted:
        held: dict[str, dict[int, int]] = {name: {} for name in fields}
        for word in group:
            needle = word.encode("utf-8")
            for name in fields:
                into = held[name]
                for row, count in index.occurrences(f"text:{name}", needle).items():
                    into[row] = into.get(row, 0) + count
        per_group.append(held)
    rows_of = [set().union(*held.values()) for held in per_group]
    rarest_first = sorted((number for number in range(len(wanted)) if rows_of[number]), key=lambda n: len(rows_of[n]))
    # Leaving out the commonest until some case holds the rest keeps the longest run of the
    # rarest that some case holds: the rows holding a run only shrink as it grows.
    kept: list[int] = []
    every: set[int] = set()
    for number in rarest_first:
        holding = rows_of[number] if not kept else every & rows_of[number]
        if not holding:
            break
        kept.append(number)
        every = holding
    kept.sort()
    return tuple(wanted[number] for number in kept), [
        {name: {row: count for row, count in found.items() if row in every} for name, found in per_group[number].items()}
        for number in kept
    ]


def synonym_table(synonym_groups: Iterable[tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """Word → its whole group (itself first), folded as the text is."""
    from reformkit.text.fold import fold

    table: dict[str, tuple[str, ...]] = {}
    for group in synonym_groups:
        folded = tuple(dict.fromkeys(fold(word) for word in group))
        for word in folded:
            table[word] = (word, *(other for other in folded if other != word))
    return table
