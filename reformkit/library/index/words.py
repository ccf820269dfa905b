"""The words of the library's text, found once when the search index is built.

A Chinese term a case never writes as typed (注销时间) may still be about what the case says
in other words near each other (注销……时间). To find such a case the index keeps, beside the
text, each case's words: its text cut into words by a segmenter (rjieba, the Rust port of
jieba, with the library's tags, program names and agencies added to its dictionary so that
those stay whole), and for each word the rows that hold it (word postings). A search reads the
postings of a term's words (``reformkit.search.words``) and never segments the library.

In the index: blob ``words`` holds each row's distinct words (``WORD_SEP`` between them,
laid out like the text blobs, so a rebuild copies an unchanged case's words as it copies its
pinyin); blob ``word_vocab`` a marshal dict word → (first position, count) into blob
``word_rows``, the rows of every word one after the other (int32).
"""

from __future__ import annotations

import functools
import marshal
from array import array
from collections.abc import Iterable, Sequence
from typing import Any

#: Separates two words of a row in the ``words`` blob (no word holds it).
WORD_SEP = b"\x01"
#: A word has at least this many characters (a single character says too little to match on).
MIN_WORD = 2
#: The longest name the segmenter's dictionary takes (the longest program name is 27).
MAX_USER_WORD = 64


def _is_cjk(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"


def keep(token: str) -> bool:
    """A token worth keeping as a word: two or more characters, at least one of them Chinese."""
    return len(token) >= MIN_WORD and any(_is_cjk(char) for char in token) and WORD_SEP.decode() not in token


@functools.lru_cache(maxsize=1)  # one dictionary at a time: each segmenter holds 25 MB
def _segmenter(user_words: tuple[str, ...]) -> Any:
    import rjieba  # a second and a quarter of a second: only when the index is built

    cutter = rjieba.Jieba()
    for word in user_words:
        if keep(word):
            cutter.add_word(word, None, None)
    return cutter


def cut(text: str, user_words: tuple[str, ...] = ()) -> list[str]:
    """The words of ``text`` (folded), in order, repeats kept; tokens not words left out."""
    return [token for token in _segmenter(user_words).cut(text, False) if keep(token)]


def row_words(texts: Sequence[bytes], user_words: tuple[str, ...] = ()) -> bytes:
    """A case's distinct words over all its text fields (folded UTF-8), as the ``words``
    blob stores them: first seen first."""
    seen: dict[str, None] = {}
    for text in texts:
        for word in cut(text.decode("utf-8"), user_words):
            seen.setdefault(word)
    return WORD_SEP.join(word.encode("utf-8") for word in seen)


def words_all(items: list[tuple[bytes, ...]], user_words: tuple[str, ...] = ()) -> list[bytes]:
    """``row_words`` of each case's texts (a unit of work for ``parallel.map_chunks``)."""
    return [row_words(texts, user_words) for texts in items]


def split_row(stored: bytes) -> list[str]:
    """The words of one row of the ``words`` blob."""
    return stored.decode("utf-8").split(WORD_SEP.decode()) if stored else []


def postings(rows: Iterable[bytes]) -> tuple[bytes, bytes]:
    """The ``word_vocab`` and ``word_rows`` blobs of every row's stored words, in row order."""
    found: dict[str, list[int]] = {}
    for row, stored in enumerate(rows):
        for word in split_row(stored):
            found.setdefault(word, []).append(row)
    vocab: dict[str, tuple[int, int]] = {}
    every = array("i")
    for word, held in found.items():
        vocab[word] = (len(every), len(held))
        every.extend(held)
    return marshal.dumps(vocab), every.tobytes()


def dictionary_key(user_words: tuple[str, ...]) -> int:
    """What the index stores of the dictionary its words were cut with (a rebuild copies a
    case's words only when it is the same)."""
    import zlib

    return zlib.crc32("\n".join(user_words).encode("utf-8"))


def user_words(tags: Iterable[str], programs: Iterable[str], agencies: Iterable[str]) -> tuple[str, ...]:
    """The segmenter's user dictionary: the library's tags, program names and agencies,
    folded as the text is, in a stable order (it is part of what a rebuild compares). A name
    longer than ``MAX_USER_WORD`` characters is left out: the segmenter tries every prefix of
    its dictionary's words at every position, so one huge "agency" made cutting its own text
    take time quadratic in its length (100,000 characters: over a minute)."""
    from reformkit.text.fold import fold

    return tuple(
        sorted(
            {
                folded
                for group in (tags, programs, agencies)
                for word in group
                if word and len(folded := fold(word)) <= MAX_USER_WORD
            }
        )
    )
