"""Indentation typed with tabs, ideographic or no-break spaces, made ASCII line by line.

How many spaces such an indent stands for is written nowhere, and one width per file is not
enough (a tab before ``province:`` under ``region:`` stands for two spaces, one before
``detail:`` under ``  - title:`` for four). Each line is given a column the structure above it
allows (the column of a key or list dash above it, or one level deeper than the line before),
and of those the one whose file has the fewest syntax errors, then the fewest errors, wins; the
lines still to come are scored as the best single width per character would make them.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable

#: A structure line's indentation, its list dash (if any) and whether it opens a block.
_LINE = re.compile(r"^( *)(- +)?(?:[A-Za-z_][A-Za-z0-9_]*[ \t]*:[ \t]*(#.*)?$)?")

Score = tuple[int, int]


def with_columns(text: str, lines: list[tuple[int, int, str]], columns: dict[int, int]) -> str:
    """``text`` with the indentation of each odd line (line, offset, indent) replaced by
    ``columns[line]`` ASCII spaces."""
    out = text
    for number, offset, indent in reversed(lines):
        out = out[:offset] + " " * columns[number] + out[offset + len(indent) :]
    return out


def _allowed(before: list[str]) -> list[int]:
    """Columns the structure of the lines ``before`` allows the next structure line at, the
    likeliest first: one level deeper after a line that opens a block (``key:``), else beside
    the line before, then every column above, deepest first."""
    columns: set[int] = {0}
    last_key, opens = 0, False
    for line in before:
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = _LINE.match(line)
        if match is None or not (match.group(2) or re.match(r" *[A-Za-z_]", line)):
            continue
        indent, dash = len(match.group(1)), len(match.group(2) or "")
        columns.update({indent, indent + dash})
        last_key = indent + dash
        opens = match.end() == len(line) and line.rstrip().endswith(":") or bool(match.group(3))
    deepest = last_key + 2
    likeliest = deepest if opens else last_key
    rest = sorted((c for c in columns | {deepest} if c <= deepest and c != likeliest), reverse=True)
    return [likeliest, *rest]


def choose_columns(
    text: str,
    lines: list[tuple[int, int, str]],
    widths_tried: list[dict[str, int]],
    score: Callable[[str], Score],
) -> dict[int, int]:
    """The column of each odd line (see the module)."""

    def by_widths(widths: dict[str, int]) -> dict[int, int]:
        return {n: sum(widths.get(ch, 1) if ch != " " else 1 for ch in indent) for n, _, indent in lines}

    fallback = min((by_widths(w) for w in widths_tried), key=lambda cols: score(with_columns(text, lines, cols)))
    chosen = dict(fallback)
    for number, _, _ in lines:
        current = with_columns(text, lines, chosen)
        before = current.split("\n")[: number - 1]
        allowed = _allowed(before)
        candidates = [*allowed, *([fallback[number]] if fallback[number] not in allowed else [])]
        best: tuple[Score, int] | None = None
        for order, column in enumerate(candidates):
            found = (score(with_columns(text, lines, {**chosen, number: column})), order)
            if best is None or found < best:
                best = found
        assert best is not None
        chosen[number] = candidates[best[1]]
    return chosen


def width_choices(present: list[str], widths: dict[str, tuple[int, ...]]) -> list[dict[str, int]]:
    """Every combination of the widths tried for the odd characters present."""
    return [dict(zip(present, choice, strict=True)) for choice in itertools.product(*(widths[ch] for ch in present))]
