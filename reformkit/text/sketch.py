"""How much two texts overlap, told from small sketches: MinHash over character shingles.

A text's shingles are its runs of ``SHINGLE`` characters once punctuation and spaces are left
out (so a comma moved or a width changed does not count as a difference). Two texts overlap by
the Jaccard index of their shingle sets: the shingles both hold over those either holds. A
sketch keeps ``SLOTS`` numbers of a text (one-permutation MinHash: each shingle is hashed once,
the hash picks a slot and the smallest value in each slot is kept; a slot no shingle fell in
takes the value of the next filled one, shifted by how far it lies, so that every slot of two
sketches can be compared), and the share of slots two sketches hold the same value in
estimates the overlap (within about ±4 points at 80%).

Finding every pair of sketches that overlap by at least a threshold never compares every pair:
``similar_pairs`` cuts each sketch into bands of slots and compares only the sketches that
agree on two whole bands or more (locality-sensitive hashing), the band's width chosen so that
a pair at the threshold meets so with a chance of 99% or more.
"""

from __future__ import annotations

import math
import operator
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
#: Bands two sketches must share before their slots are compared.
MIN_BANDS = 2
#: A slot no shingle fell in (before it is filled from the next one).
EMPTY = 0xFFFFFFFF
#: What a filled-in slot adds to the value it takes, for each slot it lies from it.
_SHIFT = 0x5BD1E995

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
    return _filled(slots).tobytes()


def _filled(slots: array[int]) -> array[int]:
    """Each empty slot given the value of the next filled slot (wrapping round), shifted by
    the distance: two texts agree on an empty slot as often as on the filled ones."""
    filled = array("I", slots)
    for at in range(SLOTS):
        if slots[at] == EMPTY:
            distance = 1
            while slots[(at + distance) % SLOTS] == EMPTY:
                distance += 1
            filled[at] = (slots[(at + distance) % SLOTS] + distance * _SHIFT) & 0x7FFFFFFF
    return filled


def overlap(one: bytes | array[int], other: bytes | array[int]) -> float:
    """The estimated Jaccard overlap of the texts two sketches were made from (0 to 1)."""
    a = one if isinstance(one, array) else array("I", one)
    b = other if isinstance(other, array) else array("I", other)
    shared: int = sum(map(operator.eq, a, b))
    return shared / SLOTS


def band_width(threshold: float) -> int:
    """The widest band with which a pair overlapping by ``threshold`` shares at least
    ``MIN_BANDS`` bands with a chance of 99% or more (narrower bands find more pairs, and more
    that fall short)."""
    for width in range(16, 0, -1):
        bands, p = SLOTS // width, threshold**width
        fewer = sum(math.comb(bands, k) * p**k * (1 - p) ** (bands - k) for k in range(MIN_BANDS))
        if 1 - fewer >= 0.99:
            return width
    return 1


def similar_pairs(sketches: Sequence[bytes], threshold: float) -> Iterator[tuple[int, int, float]]:
    """(i, j, overlap) for each pair of ``sketches`` (i < j) estimated to overlap by at least
    ``threshold``; empty sketches are left out. Only pairs that share ``MIN_BANDS`` bands are
    compared slot by slot."""
    width = band_width(threshold)
    size = 4 * width
    buckets: dict[tuple[int, bytes], list[int]] = {}
    for number, kept in enumerate(sketches):
        if kept:
            for band in range(SLOTS // width):
                buckets.setdefault((band, kept[band * size : (band + 1) * size]), []).append(number)
    count = len(sketches)
    met: dict[int, int] = {}
    for members in buckets.values():
        for at, first in enumerate(members):
            for second in members[at + 1 :]:
                pair = first * count + second
                met[pair] = met.get(pair, 0) + 1
    values = [array("I", kept) for kept in sketches]
    same, least = operator.eq, threshold * SLOTS
    for pair, bands in sorted(met.items()):
        if bands >= MIN_BANDS:
            first, second = divmod(pair, count)
            shared = sum(map(same, values[first], values[second]))
            if shared >= least:
                yield first, second, shared / SLOTS
