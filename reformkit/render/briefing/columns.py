"""Table columns measured from their text, so that a figure never breaks from its unit.

A cell's text is cut only where a reader would break it (``chunks``: before a bracket, after a
comma, before an arrow); a column is made as wide as its widest cell when the table has room,
else as its widest unbreakable chunk, and the flexible columns (a case's title, a metric's
label) share what is left. Widths are estimated from the characters: a CJK or full-width
character is one em, a per cent sign 0.85, any other 0.55, and a quarter em where Chinese
meets Latin (``em_width``), which the print fonts (仿宋, Times New Roman, Noto CJK) do not
exceed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

#: Points in a millimetre.
MM = 72 / 25.4
#: Where a cell may break: before a bracket, after a comma, colon or semicolon (full-width, or
#: ASCII and a space in English), before an arrow, after a region's or a year's character.
_CUTS = re.compile(r"(?=（)|(?= \()|(?<=[，；、：])|(?<=[,;:] )|(?= → )|(?<=[省市年])(?=\w)")


FREE, FIGURE, PROSE = "free", "figure", "prose"

#: How much wider bold Latin letters and digits are than ``em_width`` says (Times New Roman
#: bold: ``Number`` is 3.55 em, not 3.3); a wide character is as wide bold.
BOLD = 1.1


@dataclass(frozen=True)
class Layout:
    """How a table's columns take the page: each column's share of the room left (0: as wide
    as its text) and what it holds: FREE text (broken anywhere), FIGUREs (broken only between
    ``chunks``) or PROSE with figures in it (a label and its figure: broken between Chinese
    characters too, never inside a figure)."""

    shares: tuple[float, ...]
    modes: tuple[str, ...]


#: The overview: 序号 案例 状态 关键数据 地区 发布; the title and the key figures share the room.
OVERVIEW = Layout((0, 0.45, 0, 0.55, 0, 0), (FIGURE, FREE, FIGURE, PROSE, FIGURE, FIGURE))


def metrics_layout(keys: Sequence[str]) -> Layout:
    """A case's metrics table: the label takes the room left, every other column is a figure."""
    return Layout(
        tuple(1.0 if key == "label" else 0.0 for key in keys),
        tuple(FREE if key == "label" else FIGURE for key in keys),
    )


def em_width(text: str, *, bold: bool = False) -> float:
    """The width of ``text`` in ems: 1 for a wide character, 0.85 for a per cent sign, 0.55 for
    any other (``BOLD`` times that in bold), and a quarter between a wide and a narrow one (the
    space LibreOffice and Word put between Chinese and Latin letters or digits)."""
    wide = [unicodedata.east_asian_width(ch) in "WF" for ch in text]
    gaps = sum(1 for a, b in zip(wide, wide[1:], strict=False) if a != b)
    narrow = BOLD if bold else 1.0
    return (
        sum(1.0 if w else (0.85 if ch in "%@&" else 0.55) * narrow for ch, w in zip(text, wide, strict=True))
        + gaps * 0.25
    )


def chunks(text: str, mode: str = FIGURE) -> list[str]:
    """``text`` cut where it may break over lines: ``压缩76%`` | ``（据前后数值计算）``;
    ``45天`` | `` → 7天`` (the arrow goes with what follows it); ``浙江省`` | ``嘉兴市`` |
    ``南湖区``; ``2023年`` | ``9月19日``. Never between a number and its unit.

    PROSE is cut between two Chinese characters as well, but not within the two before a
    number (a verb: 压缩76%) or the run after one (its unit: 72小时以上)."""
    parts = [part for part in _CUTS.split(text) if part]
    if mode != PROSE:
        return parts
    return [piece for part in parts for piece in ([part] if _note(part) else _prose_pieces(part))]


def _note(text: str) -> bool:
    """A bracketed note, such as （据前后数值计算）: kept whole."""
    return text.startswith("（") and text.rstrip("，；、：").endswith("）")


def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in "WF" and char.isalpha()


def _prose_pieces(text: str) -> list[str]:
    pieces = [text[:1]]
    unit = False  # within the Chinese run after a number
    for index in range(1, len(text)):
        before, char = text[index - 1], text[index]
        unit = (
            (unit or before.isdigit() or before == "%") and _wide(char) or (before.isdigit() and _wide(char))
        )
        near_number = any(c.isdigit() for c in text[index : index + 2])
        if _wide(before) and _wide(char) and not unit and not near_number:
            pieces.append(char)
        else:
            pieces[-1] += char
    return pieces


def widths(
    rows: Sequence[Sequence[str]],
    layout: Layout,
    total_mm: float,
    font_pt: float,
    padding_mm: float,
    minimum_mm: float = 30.0,
) -> list[float]:
    """Column widths in mm for ``rows``, the first of them the header row, which is set bold
    and measured so (``em_width(bold=True)``: ``Number`` over a column of case numbers).

    A kept column (figures) is at least as wide as its widest chunk, so it breaks only
    between chunks. A column whose share is 0 is as wide as its widest cell where the table
    has room for it (the cheapest first) while the others keep ``minimum_mm`` each; those
    share what is left in their proportions.
    """
    flexible, modes = layout.shares, layout.modes
    count = len(flexible)

    def mm(text: str, row: int) -> float:
        return em_width(text, bold=row == 0) * font_pt / MM + padding_mm

    least = [
        max(mm(part, r) for r, row in enumerate(rows) for part in chunks(row[c], modes[c]) or [""])
        if modes[c] != FREE
        else 0.0
        for c in range(count)
    ]
    fixed = [c for c in range(count) if not flexible[c]]
    found = {c: least[c] for c in fixed}
    whole = {c: max(mm(row[c], r) for r, row in enumerate(rows)) for c in fixed}
    floors = sum(max(minimum_mm, least[c]) for c in range(count) if flexible[c])
    budget = total_mm - floors - sum(found.values())
    for column in sorted(fixed, key=lambda c: whole[c] - found[c]):
        cost = whole[column] - found[column]
        if cost <= budget:
            found[column], budget = whole[column], budget - cost
    return found_flexible(found, flexible, least, total_mm)


def found_flexible(
    found: dict[int, float], flexible: Sequence[float], least: Sequence[float], total_mm: float
) -> list[float]:
    """The widths of the fixed columns ``found``, and the flexible ones sharing the rest in
    their proportions, none narrower than its ``least``."""
    free = [c for c in range(len(flexible)) if flexible[c]]
    rest = total_mm - sum(found.values())
    while free:
        shares = sum(flexible[c] for c in free)
        short = [c for c in free if rest * flexible[c] / shares < least[c]]
        if not short:
            found.update({c: rest * flexible[c] / shares for c in free})
            break
        for column in short:
            found[column] = least[column]
            rest -= least[column]
            free.remove(column)
    return [max(found[c], 0.0) for c in range(len(flexible))]


def lines(text: str, width_mm: float, font_pt: float, padding_mm: float, mode: str = FIGURE) -> list[str]:
    """``text`` as the lines it takes in a column ``width_mm`` wide, cut only between
    chunks (a chunk wider than the column is a line of its own)."""
    room = (width_mm - padding_mm) * MM / font_pt
    found: list[str] = []
    for part in chunks(text, mode):
        if found and em_width(found[-1] + part) <= room:
            found[-1] += part
        else:
            found.append(part.lstrip(" ") if found else part)
    return found or [""]


def parts_on_lines(text: str, separator: str, first: float, rest: float) -> str:
    """``text``, made of parts joined by ``separator``, with a line break before each part
    that would not fit on the line (``first`` ems wide, then ``rest``), so no part is broken
    over two lines; the separator stays at the end of the line. Measured with ``em_width``,
    which the fonts do not exceed, so a break comes early rather than late."""
    lines: list[str] = []
    line, room = "", first
    for part in text.split(separator):
        joined = line + separator + part if line else part
        if line and em_width(joined) > room:
            lines.append(line + separator.rstrip())
            line, room = part, rest
        else:
            line = joined
    return "\n".join([*lines, line])
