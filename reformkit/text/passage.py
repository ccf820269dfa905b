"""Fold a source passage and a case's text the same way, so either can be found in the other.

The documents in ``sources/`` stay as received: traditional characters, pinyin glosses after
characters (``貿(mào)``), half-width punctuation. A case is clean simplified Chinese with
full-width punctuation. ``fold_source`` brings both to one form (glosses and emphasis markers
removed, NFKC, traditional to simplified, casefold) keeping punctuation and line breaks, for
reading figures; ``squeeze`` drops everything but letters and digits, for finding one text in
the other whatever its punctuation, spaces and line breaks.
"""

from __future__ import annotations

import re
import unicodedata

from reformkit.text.fold import fold

# A pinyin gloss after a character, as seed 000 prints them: 貿(mào), 產(chǎn), 發(fā): tone-marked
# vowels (precomposed, or a combining mark after NFC fails to compose one), ü, ń ň ǹ ḿ.
PINYIN_GLOSS = re.compile("\\((?:[a-zü" + "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ" + "]|[\u0300-\u036f])+\\)")
_CLAUSE = re.compile(r"[，。；：！？、,.;:!?\s]+")
_SENTENCE = re.compile(r"(?<=[。；！？;!?])|\n")


def fold_source(text: str) -> str:
    """``text`` without pinyin glosses and ``**``, NFKC, simplified, casefolded, line by line
    (line breaks kept)."""
    plain = PINYIN_GLOSS.sub("", unicodedata.normalize("NFC", text)).replace("**", "")
    return "\n".join(fold(line) for line in plain.split("\n"))


#: What ``squeeze`` drops: everything but letters and digits (``\W`` and ``_``).
_NOT_WORD = re.compile(r"[\W_]+")
#: Characters OpenCC leaves as two where a document and a case may write either (著力/着力).
_VARIANTS = str.maketrans({"着": "著"})


def squeeze(text: str) -> str:
    """Only the letters and digits of folded ``text`` (punctuation, spaces, breaks dropped)."""
    return _NOT_WORD.sub("", fold_source(text)).translate(_VARIANTS)


def clauses(text: str) -> list[str]:
    """The squeezed clauses of ``text`` (split at commas, stops and line breaks), non-empty."""
    return [piece for piece in (squeeze(part) for part in _CLAUSE.split(fold_source(text))) if piece]


def sentences(text: str) -> list[tuple[int, str]]:
    """The sentences of a (folded) passage with the 0-based line each starts on."""
    found: list[tuple[int, str]] = []
    for number, line in enumerate(text.split("\n")):
        for part in re.split(
            r"(?<=[。；！？;!?])|(?<=[:：])(?=\s*(?:[一二三四五六七八九十]+是|\d+[.、]|[(（]))", line
        ):
            if part.strip():
                found.append((number, part.strip()))
    return found
