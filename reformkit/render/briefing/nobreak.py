"""Figures kept whole on a line in the briefing's running text: a number with its unit
(``2652件``, ``3000万元``, ``24小时``, ``97.94%``), a date (``2021年4月10日``) and a
heading's number (``（四十七）``, in a 另见 line).

Chromium, Word and LibreOffice break Chinese text between any two characters, a number and
the measure word after it included, so a printed line could end in ``已解决2652`` with ``件``
on the next. The HTML writer wraps each such figure in a no-wrap span; the Word writer joins
its characters with WORD JOINER (U+2060), which neither word processor prints nor copies into
a PDF's text, and puts it in a run of its own whose east-Asian language is not Chinese
(``docx.styles.kept_whole``): LibreOffice ignores the joiners in Chinese text.
"""

from __future__ import annotations

import re
import unicodedata

from reformkit.text.numerals import UNITS

#: U+2060 WORD JOINER: no line break on either side.
WORD_JOINER = "\u2060"

_UNIT = "|".join(re.escape(unit) for unit in sorted(UNITS, key=len, reverse=True))
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_KEPT = re.compile(
    r"（[一二三四五六七八九十百千零]+）"  # a heading's number: （四十七）
    r"|\d{4}年\d{1,2}月(?:\d{1,2}日)?"  # a date: 2021年4月10日, 2023年9月
    r"|\d{1,2}月\d{1,2}日"  # 4月10日
    rf"|(?:\d+[x×])?(?:{_NUMBER})(?:[–~-](?:{_NUMBER}))?(?:[万亿千百](?![分米瓦]))?(?:余|多)?(?:{_UNIT})(?:以上|以内|左右)?"
)


def pieces(text: str) -> list[tuple[str, bool]]:
    """``text`` as (piece, kept whole) runs in order; joined they are ``text`` again."""
    found: list[tuple[str, bool]] = []
    at = 0
    for match in _KEPT.finditer(text):
        if match.start() > at:
            found.append((text[at : match.start()], False))
        found.append((match.group(), True))
        at = match.end()
    if at < len(text):
        found.append((text[at:], False))
    return found


def joined(text: str) -> str:
    """``text`` with WORD JOINER inside each figure where a wide character meets another
    character (``2652\u2060件``), the only places a word processor would break it (for Word)."""
    return "".join(_joined(piece) if kept else piece for piece, kept in pieces(text))


def _joined(figure: str) -> str:
    out = figure[:1]
    for before, after in zip(figure, figure[1:], strict=False):
        if _wide(before) or _wide(after):
            out += WORD_JOINER
        out += after
    return out


def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in "WF"
