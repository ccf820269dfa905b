"""``search --lines`` (``--format lines``): each line of a case file a term hits, once, in
ripgrep's vimgrep form ``path:line:column:text``, for editors and quickfix lists.

On a terminal the path and numbers are coloured as ripgrep colours them and every hit on the
line is bold red. Case text is escaped for the terminal; a long line is cut around its first
hit (``search.snippets.window``), the column staying the file's.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from reformkit.search.query import Query
from reformkit.search.snippets import ColumnUnit, line_hits, window
from reformkit.text.escape import terminal

if TYPE_CHECKING:
    from reformkit.case.model import LoadedFile
    from reformkit.render.cases import CaseHit, ReadDocument

#: ANSI styles as ripgrep uses them: the path, the line and column, a hit.
PATH, NUMBER, HIT, RESET = "\x1b[35m", "\x1b[32m", "\x1b[31m\x1b[1m", "\x1b[0m"


def lines(
    hits: list[CaseHit],
    read: ReadDocument,
    query: Query,
    *,
    color: bool,
    load: Callable[[CaseHit], LoadedFile],
    unit: str = "byte",
    line_width: int = 100,
    **_: Any,
) -> str:
    """``path:line:column:text`` for each line a hit's terms hit, the way each matched
    (``ranking.Hit.sought``); ``load`` reads a hit's file with the positions of its values,
    ``unit`` counts columns in bytes or characters, ``line_width`` cuts a longer line (0 keeps
    it whole)."""

    def paint(text: str, style: str) -> str:
        return f"{style}{text}{RESET}" if color else text

    out: list[str] = []
    for hit in hits:
        path = paint(terminal(hit.source.path), PATH)
        for found in line_hits(load(hit), query, hit.sought(), hit.readings):
            line = paint(str(found.line), NUMBER)
            column = paint(str(found.column(cast(ColumnUnit, unit))), NUMBER)
            text = "".join(
                paint(terminal(piece), HIT) if lit else terminal(piece)
                for piece, lit in window(found, line_width)
            )
            out.append(f"{path}:{line}:{column}:{text}\n")
    return "".join(out)
