"""How much two texts overlap, told from small sketches: MinHash over character shingles.

A text's shingles are its runs of ``SHINGLE`` characters once punctuation and spaces are left
out (so a comma moved or a width changed does not count as a difference). Two texts overlap by
the Jaccard index of their shingle sets: the shingles both hold over those either holds. A
sketch keeps ``SLOTS`` numbers of a text (one-permutation MinHash: each shingle is hashed once,
the hash picks a slot and the smallest value in each slot is kept), and the share of slots two
sketches hold the same value in estimates the overlap (within about ±4 points at 70%).

Finding every pair of sketches that overlap by at least a threshold never compares every pair:
``similar_pairs`` cuts each sketch into bands of slots and compares only the sketches that
agree on a whole band (locality-sensitive hashing), the band's width chosen so that a pair at
the threshold meets in some band with a chance of 99% or more.
"""

from __future__ import annotations

import re
import zlib
from array import array
from collections.abc import Iterator, Sequence

#: Characters a shingle holds.
SHINGLE = 4
#: Numbers a sketch keeps (a power of two: a hash's top bits pick the slot).
SLOTS = 128
#: A text of fewer shingles has no sketch: too little text to tell a copy from a likeness.
MIN_SHINGLES = 30
#: A slot no shingle fell in.
EMPTY = 0xFFFFFFFF

_SLOT_BITS = SLOTS.bit_length() - 1
_NOT_TEXT = re.compile(r"[\W_]+")
_MIX = 0x9E3779B97F4A7C15
_MASK = (1 << 64) - 1


def shingles(text: str) -> set[int]:
    """The hashes of a text's shingles (punctuation and spaces left out, letters casefolded)."""
    kept = _NOT_TEXT.sub("", text).casefold().encode("utf-32-le")
    width = 4 * SHINGLE
    return {zlib.crc32(kept[at : at + width]) for at in range(0, len(kept) - width + 4, 4)}


def sketch(text: str) -> bytes:
    """The text's sketch (``SLOTS`` unsigned 32-bit numbers), or b"" when it is too short."""
    found = shingles(text)
    if len(found) < MIN_SHINGLES:
        return b""
    slots = array("I", [EMPTY]) * SLOTS
    for value in found:
        mixed = (value * _MIX) & _MASK
        slot = mixed >> (64 - _SLOT_BITS)
        low = (mixed >> 16) & 0x7FFFFFFF
        if low < slots[slot]:
            slots[slot] = low
    return slots.tobytes()


def overlap(one: bytes, other: bytes) -> float:
    """The estimated Jaccard overlap of the texts two sketches were made from (0 to 1)."""
    a, b = array("I", one), array("I", other)
    same = either = 0
    for x, y in zip(a, b, strict=True):
        if x != EMPTY or y != EMPTY:
            either += 1
            same += x == y
    return same / either if either else 0.0


def band_width(threshold: float) -> int:
    """The widest band with which a pair overlapping by ``threshold`` shares a band with a
    chance of at least 99% (narrower bands find more pairs, and more that fall short)."""
    for width in range(16, 0, -1):
        if 1 - (1 - threshold**width) ** (SLOTS // width) >= 0.99:
            return width
    return 1


def similar_pairs(sketches: Sequence[bytes], threshold: float) -> Iterator[tuple[int, int, float]]:
    """(i, j, overlap) for each pair of ``sketches`` (i < j) estimated to overlap by at least
    ``threshold``; empty sketches are left out."""
    width = band_width(threshold)
    size = 4 * width
    buckets: dict[tuple[int, bytes], list[int]] = {}
    empty_band = array("I", [EMPTY]).tobytes() * width
    for number, kept in enumerate(sketches):
        if not kept:
            continue
        for band in range(SLOTS // width):
            key = kept[band * size : (band + 1) * size]
            if key != empty_band:
                buckets.setdefault((band, key), []).append(number)
    seen: set[tuple[int, int]] = set()
    for members in buckets.values():
        for at, first in enumerate(members):
            for second in members[at + 1 :]:
                if (first, second) in seen:
                    continue
                seen.add((first, second))
                share = overlap(sketches[first], sketches[second])
                if share >= threshold:
                    yield first, second, share
