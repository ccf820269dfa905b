"""Fold text for matching: NFKC, then traditional to simplified (OpenCC t2s), then casefold.

So 制度創新 finds 制度创新, ＡＢＣ finds abc, and full-width digits match half-width ones.
The original text is never changed; only what is compared is folded.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from typing import Any


@cache
def _converter() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


def fold(text: str) -> str:
    if not text:
        return ""
    normal = unicodedata.normalize("NFKC", text)
    if not normal.isascii():
        normal = _converter().convert(normal)
    return normal.casefold()


def fold_with_map(text: str) -> tuple[str, list[int]]:
    """Fold ``text`` and map each folded character back to its index in ``text``.

    Folding a character can change the length (NFKC: ㎏ -> kg), so positions in the folded
    string are mapped back to code points of the original, for 1-based columns in hits.
    """
    if text.isascii():  # NFKC leaves ASCII alone and casefold keeps its length
        return text.lower(), list(range(len(text)))
    folded: list[str] = []
    origin: list[int] = []
    whole = _converter().convert(text) if not text.isascii() else text
    same_length = len(whole) == len(text)
    for index, char in enumerate(text):
        piece = whole[index] if same_length else char
        piece = unicodedata.normalize("NFKC", piece)
        if not same_length and not piece.isascii():
            piece = _converter().convert(piece)
        piece = piece.casefold()
        folded.append(piece)
        origin.extend([index] * len(piece))
    return "".join(folded), origin


def to_simplified(text: str) -> str:
    """``text`` with traditional characters made simplified (OpenCC t2s), nothing else."""
    return _converter().convert(text) if not text.isascii() else text
