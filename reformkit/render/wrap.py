"""Line breaking for Chinese text in the terminal, by display width, with kinsoku rules.

No line starts with closing punctuation (，。、；：？！）”’》」…) and none ends with opening
punctuation (（“‘《「); runs of Latin letters, digits and code characters (ids such as
``haikou-p168-03``, numbers such as ``1.04``, ``B2B``) are never broken unless one alone is
wider than the line. ``Wrapped`` is a rich renderable that wraps itself this way to the width
rich gives it, so tables and the console never apply their own (kinsoku-blind) wrapping.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

#: Characters that may not start a line (they close or follow what precedes them).
CLOSING = frozenset("，。、；：？！）”’》」』】〉〕〗…—,.;:?!)]}%·")
#: Characters that may not end a line (they open what follows them).
OPENING = frozenset("（“‘《「『【〈〔〖([{")

_UNIT = re.compile(r"[-+]?[A-Za-z0-9][A-Za-z0-9_\-./:%+#&@=~]*|\s+|.", re.DOTALL)


def cell_len(text: str) -> int:
    from rich.cells import cell_len as rich_cell_len

    return rich_cell_len(text)


def _clusters(text: str) -> list[tuple[int, int]]:
    """Spans that must stay on one line: a Latin run or one character, with the closing
    punctuation after it and the opening punctuation before it glued on. Spaces are their own
    spans (break opportunities)."""
    spans: list[list[int]] = []
    glue_next = False
    for match in _UNIT.finditer(text):
        start, end = match.span()
        unit = match.group()
        if unit.isspace():
            spans.append([start, end])
            glue_next = False
            continue
        if spans and not text[spans[-1][0]].isspace() and (glue_next or unit[0] in CLOSING):
            spans[-1][1] = end
        else:
            spans.append([start, end])
        glue_next = unit[-1] in OPENING
    return [(s, e) for s, e in spans]


def break_lines(text: str, width: int, *, hang: int = 0) -> list[tuple[int, int]]:
    """Spans of ``text`` (one paragraph, no newline) that fit ``width`` cells; lines after the
    first get ``hang`` cells less (for a hanging indent). Spaces at a break are dropped."""
    width = max(1, width)
    lines: list[tuple[int, int]] = []
    line_start: int | None = None
    line_end = 0
    used = 0
    for start, end in _clusters(text):
        piece = text[start:end]
        room = width - (hang if lines else 0)
        room = max(1, room)
        if piece.isspace():
            if line_start is not None:
                used += cell_len(piece)
                line_end = end
            continue
        size = cell_len(piece)
        if line_start is not None and used + size <= room:
            line_end, used = end, used + size
            continue
        if line_start is not None:
            lines.append((line_start, _strip_end(text, line_start, line_end)))
            room = max(1, width - hang)
        if size <= room:
            line_start, line_end, used = start, end, size
            continue
        # One cluster wider than a line: fold it by characters.
        chunk_start, chunk_used = start, 0
        index = start
        while index < end:
            char_size = cell_len(text[index])
            if chunk_used + char_size > room and index > chunk_start:
                cut = index
                while cut > chunk_start + 1 and (text[cut] in CLOSING or text[cut - 1] in OPENING):
                    cut -= 1
                lines.append((chunk_start, cut))
                room = max(1, width - hang)
                chunk_start, chunk_used, index = cut, 0, cut
                continue
            chunk_used += char_size
            index += 1
        line_start, line_end, used = chunk_start, end, chunk_used
    if line_start is not None:
        lines.append((line_start, _strip_end(text, line_start, line_end)))
    return lines or [(0, 0)]


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
    return max(
        (
            cell_len(text[s:e])
            for line in text.split("\n")
            for s, e in _clusters(line)
            if not text[s:e].isspace()
        ),
        default=1,
    )


class Wrapped:
    """A rich renderable: styled text wrapped with kinsoku rules to the width it is given.

    ``hang`` indents the lines after the first (numbered items keep their text aligned).
    """

    def __init__(self, text: Any, *, hang: int = 0, indent: int = 0, style: str = "") -> None:
        from rich.text import Text

        self.text = text if isinstance(text, Text) else Text(str(text), style=style)
        self.hang = hang
        self.indent = indent

    def lines(self, width: int) -> list[Any]:
        from rich.text import Text

        out: list[Any] = []
        plain = self.text.plain
        offset = 0
        room = max(1, width - self.indent)
        for paragraph in plain.split("\n"):
            for number, (start, end) in enumerate(break_lines(paragraph, room, hang=self.hang)):
                line = self.text[offset + start : offset + end]
                pad = self.indent + (self.hang if number else 0)
                if pad:
                    line = Text(" " * pad) + line
                out.append(line)
            offset += len(paragraph) + 1
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
        return Measurement(min(narrowest(plain) + self.hang + self.indent, max(widest, 1)), max(widest, 1))


def joined(parts: Iterable[Any]) -> Any:
    """Rich Text of ``parts`` (strings or Text) joined by newlines."""
    from rich.text import Text

    return Text("\n").join(p if isinstance(p, Text) else Text(str(p)) for p in parts)
