"""Line breaking for Chinese text in the terminal, by display width, with kinsoku rules.

No line starts with closing punctuation (，。、；：？！）”’》」…) and none ends with opening
punctuation (（“‘《「); runs of Latin letters, digits and code characters (ids such as
``haikou-p168-03``, numbers such as ``1.04``, ``B2B``) are never broken unless one alone is
wider than the line. ``Wrapped`` is a rich renderable that wraps itself this way to the width
rich gives it, so tables and the console never apply their own (kinsoku-blind) wrapping.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from itertools import accumulate, filterfalse
from typing import Any

#: Characters that may not start a line (they close or follow what precedes them).
CLOSING = frozenset("，。、；：？！）”’》」』】〉〕〗…—,.;:?!)]}%·")
#: Characters that may not end a line (they open what follows them).
OPENING = frozenset("（“‘《「『【〈〔〖([{")

#: A span that must stay on one line (see ``_clusters``), or a run of spaces. A unit is a Latin
#: run or one character; a unit is glued to the one before it when it starts with closing
#: punctuation or when the one before ends with opening punctuation.
_UNIT = r"[-+]?[A-Za-z0-9][A-Za-z0-9_\-./:%+#&@=~]*|\S"
#: The unit of English prose (``words=True``): a whole run of printable ASCII, so that options
#: (``--format``), quoted words and ``a,b`` lists break only at spaces; a character joined to
#: such a run by a slash (``近义/related``) stays with it.
_WORD_UNIT = r"[!-~]+|\S(?:/[!-~]+)?"
_OPEN_CLASS = "[" + re.escape("".join(sorted(OPENING))) + "]"
_CLOSE_CLASS = "[" + re.escape("".join(sorted(CLOSING))) + "]"


def _cluster_pattern(unit: str) -> re.Pattern[str]:
    return re.compile(rf"\s+|(?:{unit})(?:(?<={_OPEN_CLASS})(?:{unit})|{_CLOSE_CLASS})*", re.DOTALL)


_CLUSTER = _cluster_pattern(_UNIT)
_WORD_CLUSTER = _cluster_pattern(_WORD_UNIT)


def cell_len(text: str) -> int:
    from rich.cells import cell_len as rich_cell_len

    return rich_cell_len(text)


def _clusters(text: str) -> list[tuple[int, int]]:
    """Spans that must stay on one line: a Latin run or one character, with the closing
    punctuation after it and the opening punctuation before it glued on. Spaces are their own
    spans (break opportunities). One regular-expression pass: linear in the text's length."""
    return [match.span() for match in _CLUSTER.finditer(text)]


def break_lines(text: str, width: int, *, hang: int = 0, words: bool = False) -> list[tuple[int, int]]:
    """Spans of ``text`` (one paragraph, no newline) that fit ``width`` cells; lines after the
    first get ``hang`` cells less (for a hanging indent). Spaces at a break are dropped. With
    ``words``, a run of ASCII is broken only at spaces, as English prose is (``--help``).

    Greedy, a line at a time: the clusters' widths are summed once, and the clusters that fit
    on a line are found by bisection over those sums, so a long text costs one pass over its
    clusters (in C) and a few steps a line."""
    from rich.cells import cached_cell_len  # most clusters are one character: cached

    width = max(1, width)
    parts = (_WORD_CLUSTER if words else _CLUSTER).findall(text)
    ends = list(accumulate(map(len, parts)))
    sizes = list(map(cached_cell_len, parts))
    spaces = list(map(str.isspace, parts))
    widths = [0, *accumulate(sizes)]  # widths[i]: the width of the clusters before cluster i
    lines: list[tuple[int, int]] = []
    line_start: int | None = None
    line_end = used = at = 0
    while at < len(parts):
        room = max(1, width - (hang if lines else 0))
        if line_start is not None:
            fit = bisect_right(widths, widths[at] + room - used, at) - 1  # clusters at..fit-1 fit
            if fit > at:
                used, line_end, at = used + widths[fit] - widths[at], ends[fit - 1], fit
                continue
            if spaces[at]:  # a space goes on the line even past its room (dropped at the break)
                used, line_end, at = used + sizes[at], ends[at], at + 1
                continue
            lines.append((line_start, _strip_end(text, line_start, line_end)))
            room = max(1, width - hang)
        elif spaces[at]:  # no line starts with a space
            at += 1
            continue
        start, end, size = ends[at] - len(parts[at]), ends[at], sizes[at]
        at += 1
        if size <= room:
            line_start, line_end, used = start, end, size
            continue
        line_start, used = _fold(text, start, end, room, width - hang, lines)
        line_end = end
    if line_start is not None:
        lines.append((line_start, _strip_end(text, line_start, line_end)))
    return lines or [(0, 0)]


def _fold(text: str, start: int, end: int, room: int, rest: int, lines: list[tuple[int, int]]) -> tuple[int, int]:
    """One cluster wider than a line, folded by characters: its full lines are appended to
    ``lines`` (the first ``room`` cells wide, the others ``rest``); returns where its last
    piece starts and that piece's width, the line still open."""
    from rich.cells import cell_len

    chunk_start, chunk_used = start, 0
    index = start
    while index < end:
        char_size = cell_len(text[index])
        if chunk_used + char_size > room and index > chunk_start:
            cut = index
            while cut > chunk_start + 1 and (text[cut] in CLOSING or text[cut - 1] in OPENING):
                cut -= 1
            lines.append((chunk_start, cut))
            room = max(1, rest)
            chunk_start, chunk_used, index = cut, 0, cut
            continue
        chunk_used += char_size
        index += 1
    return chunk_start, chunk_used


def _strip_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def wrap(text: str, width: int, *, hang: int = 0) -> list[str]:
    """``text`` as lines of at most ``width`` cells (paragraphs kept), continuation lines
    indented by ``hang`` spaces."""
    out: list[str] = []
    for paragraph in text.split("\n"):
        for number, (start, end) in enumerate(break_lines(paragraph, width, hang=hang)):
            out.append((" " * hang if number else "") + paragraph[start:end])
    return out


def narrowest(text: str) -> int:
    """The width below which ``text`` cannot be wrapped without breaking a cluster."""
    from rich.cells import cached_cell_len

    parts = (part for line in text.split("\n") for part in _CLUSTER.findall(line))
    return max(map(cached_cell_len, filterfalse(str.isspace, parts)), default=1)


class Wrapped:
    """A rich renderable: styled text wrapped with kinsoku rules to the width it is given.

    ``hang`` indents the lines after the first (numbered items keep their text aligned).
    """

    def __init__(self, text: Any, *, hang: int = 0, indent: int = 0, style: str = "") -> None:
        from rich.text import Text

        self.text = text if isinstance(text, Text) else Text(str(text), style=style)
        self.hang = hang
        self.indent = indent
        #: Width → its lines: rich asks for them more than once (measure, render).
        self._lines: dict[int, list[Any]] = {}
        self._narrowest: int | None = None

    def lines(self, width: int) -> list[Any]:
        if width not in self._lines:
            self._lines[width] = self._broken(width)
        return list(self._lines[width])

    def _broken(self, width: int) -> list[Any]:
        from rich.text import Text

        plain = self.text.plain
        offset = 0
        room = max(1, width - self.indent)
        cuts: list[int] = []  # each line's start and end in the whole text
        pads: list[int] = []
        for paragraph in plain.split("\n"):
            for number, (start, end) in enumerate(break_lines(paragraph, room, hang=self.hang)):
                cuts += (offset + start, offset + end)
                pads.append(self.indent + (self.hang if number else 0))
            offset += len(paragraph) + 1
        # One division of the text (slicing it line by line would copy the rest of the text
        # for each line: quadratic in its length); piece 2k+1 is line k.
        pieces = self.text.divide(cuts)
        out: list[Any] = []
        for number, pad in enumerate(pads):
            line = pieces[2 * number + 1]
            out.append(Text(" " * pad) + line if pad else line)
        return out

    def __rich_console__(self, console: Any, options: Any) -> Iterator[Any]:
        from rich.segment import Segment

        for line in self.lines(options.max_width):
            yield from line.render(console)
            yield Segment.line()

    def __rich_measure__(self, console: Any, options: Any) -> Any:
        from rich.measure import Measurement

        plain = self.text.plain
        widest = max((cell_len(line) for line in plain.split("\n")), default=0)
        widest += self.indent
        if self._narrowest is None:
            self._narrowest = narrowest(plain)
        return Measurement(min(self._narrowest + self.hang + self.indent, max(widest, 1)), max(widest, 1))


def joined(parts: Iterable[Any]) -> Any:
    """Rich Text of ``parts`` (strings or Text) joined by newlines."""
    from rich.text import Text

    return Text("\n").join(p if isinstance(p, Text) else Text(str(p)) for p in parts)
