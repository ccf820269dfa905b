"""Where the characters of a YAML scalar sit in its file.

The loader records where each value starts; a rule that points at one character inside a
value (a comma in a folded block, a percent sign after a number) needs the character's own
line and column. ``scalar_spans`` parses the text once more (only for files that need it) and
gives each scalar's span; ``char_offset`` maps a character of the value to its offset in the
text: the k-th occurrence of that character in the value is the k-th in the source, which holds
for every style, since quoting, escapes, folding and indentation never add a character that a
rule points at (a block scalar's header line, which may hold a comment, is skipped).
"""

from __future__ import annotations

from typing import NamedTuple


class Span(NamedTuple):
    """One scalar: its source offsets (code points), style and whether it is a mapping key."""

    start: int
    end: int
    style: str | None
    is_key: bool


def scalar_spans(text: str) -> dict[tuple[int, int], Span]:
    """Every scalar of ``text`` by the 1-based (line, column) where it starts; empty when the
    text is not YAML."""
    import yaml

    from reformkit.yamltext.events import scalars

    try:
        return {(s.line + 1, s.column + 1): Span(s.start, s.end, s.style, s.is_key) for s in scalars(text)}
    except yaml.YAMLError:
        return {}


def char_offset(text: str, span: Span, value: str, index: int) -> int | None:
    """The offset in ``text`` of ``value[index]``, the value of the scalar at ``span``."""
    char = value[index]
    occurrence = value.count(char, 0, index)
    body = span.start
    if span.style in ("|", ">"):
        newline = text.find("\n", span.start, span.end)
        if newline < 0:
            return None
        body = newline + 1
    position = body - 1
    for _ in range(occurrence + 1):
        position = text.find(char, position + 1, span.end)
        if position < 0:
            return None
    return position


def line_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and code-point column of an offset in ``text``."""
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def offset_of(text: str, line: int, column: int) -> int:
    """The offset in ``text`` of a 1-based line and column (the end of the text past it)."""
    start = 0
    for _ in range(line - 1):
        found = text.find("\n", start)
        if found < 0:
            return len(text)
        start = found + 1
    return min(start + column - 1, len(text))
