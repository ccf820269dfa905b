"""Markdown heading anchors, as GitHub makes them: the links of a Markdown briefing's contents."""

from __future__ import annotations

import unicodedata


def slug(text: str) -> str:
    """The anchor GitHub gives a heading: lower-case, punctuation dropped, spaces to '-'."""
    return text.lower().translate(_SLUG_CHARS)


class _SlugChars(dict[int, str | None]):
    """What ``slug`` makes of each character (a ``str.translate`` table that fills itself, up
    to 20,000 characters): letters, marks, numbers and connectors kept, a space made
    '-', a hyphen kept, the rest dropped."""

    def __missing__(self, code: int) -> str | None:
        char = chr(code)
        category = unicodedata.category(char)
        kept: str | None = None
        if char == " ":
            kept = "-"
        elif char == "-" or category[0] in "LMN" or category == "Pc":
            kept = char
        if len(self) < 20_000:
            self[code] = kept
        return kept


_SLUG_CHARS = _SlugChars()


class Anchors:
    """Unique heading anchors, numbered the way GitHub numbers repeats (x, x-1, x-2)."""

    def __init__(self) -> None:
        self.seen: dict[str, int] = {}

    def __call__(self, heading_text: str) -> str:
        base = slug(heading_text)
        count = self.seen.get(base, 0)
        self.seen[base] = count + 1
        return base if count == 0 else f"{base}-{count}"
