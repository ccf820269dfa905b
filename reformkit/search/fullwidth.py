"""Query syntax typed with a Chinese input method, read as its ASCII form.

A pinyin IME types ``：`` for ``:``, ``（ ）`` for ``( )`` and, in full-width mode, ``ｔａｇ`` and
``ＯＲ``. Where these are syntax they are read as ASCII before the query is split into tokens:

- a qualifier name at the start of a word (``ｔａｇ:``, ``tag：``): full-width letters made
  ASCII; a full-width colon only after a known qualifier name (``证照分离：改革`` stays text);
- ``ＯＲ``, ``ＡＮＤ``, ``ＮＯＴ`` as a whole word;
- ``（`` at the start of a word and the ``）`` that closes it at the end of a word
  (``中国（浙江）`` inside a word stays text);
- ``“`` at the start of a word and the ``”`` that closes it at the end of a word, the quotes
  an IME types for ``"``: ``“一网通办”`` is the phrase ``"一网通办"`` (``打造充换电“一张网”``
  inside a word stays text).

Text inside a ``"quoted phrase"`` is never touched.
"""

from __future__ import annotations

import re
from collections.abc import Collection

_WORD_START = r"(?:^|(?<=[\s(（]))"
_NAME = re.compile(_WORD_START + r"(-?)([A-Za-z_Ａ-Ｚａ-ｚ＿]+)([:：])")
_OPERATOR = re.compile(_WORD_START + r"(ＯＲ|ＡＮＤ|ＮＯＴ)(?=$|[\s)）])")
_QUOTED = re.compile(r'("[^"]*"?)')
_CURLY_QUOTED = re.compile(r'(?:^|(?<=[\s(（-]))“([^"“”]*)”(?=$|[\s)）])')


def to_ascii(text: str) -> str:
    """Full-width letters, digits and ``＿`` as their ASCII forms (NFKC, for these only)."""
    return "".join(chr(ord(ch) - 0xFEE0) if "\uff01" <= ch <= "\uff5e" else ch for ch in text)


def ascii_syntax(query: str, qualifiers: Collection[str]) -> str:
    """``query`` with its full-width syntax (see the module) read as ASCII."""
    pieces = _QUOTED.split(_CURLY_QUOTED.sub(r'"\1"', query))
    out = []
    open_groups = 0  # carried over quoted phrases: （"一网通办" OR 跨境）
    for index, piece in enumerate(pieces):
        if not index % 2:
            piece, open_groups = _outside_quotes(piece, qualifiers, open_groups)
        out.append(piece)
    return "".join(out)


def _outside_quotes(text: str, qualifiers: Collection[str], open_groups: int) -> tuple[str, int]:
    def name(match: re.Match[str]) -> str:
        negated, written, colon = match.groups()
        ascii_name = to_ascii(written)
        if colon == "：" and ascii_name.lower() not in qualifiers:
            return match.group(0)
        return f"{negated}{ascii_name}:"

    text = _NAME.sub(name, text)
    text = _OPERATOR.sub(lambda m: to_ascii(m.group(1)), text)
    return _parentheses(text, open_groups)


def _parentheses(text: str, open_groups: int) -> tuple[str, int]:
    """``（`` opening a word and the ``）`` closing it at the end of a word, as ``(`` and ``)``;
    ``open_groups`` are open before ``text``, and the count after it is returned with it."""
    chars = list(text)
    for at, ch in enumerate(chars):
        before = chars[at - 1] if at else " "
        after = chars[at + 1] if at + 1 < len(chars) else " "
        if ch in "(（" and (ch == "(" or before.isspace() or before in "(-"):
            chars[at] = "("
            open_groups += 1
        elif ch in ")）" and open_groups and (ch == ")" or after.isspace() or after in ")）"):
            chars[at] = ")"
            open_groups -= 1
    return "".join(chars), open_groups
