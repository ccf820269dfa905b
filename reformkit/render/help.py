"""``--help`` laid out by display width: a Chinese character takes two terminal columns, so
click's wrapping, which counts characters, lets a line of Chinese run past the terminal's
edge. The same paragraphs as click makes (a blank line between them, the ``\\b`` line before
one that is kept as written, a paragraph's own indent kept), broken with kinsoku rules
(``render.wrap``): no line starts with ，。） nor ends with （“."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import click
from click.formatting import iter_rows, measure_table

from reformkit.render.wrap import break_lines, cell_len


def fill(text: str, width: int, indent: str = "") -> str:
    """``text`` as click's ``wrap_text(text, width, initial_indent=indent,
    subsequent_indent=indent, preserve_paragraphs=True)`` gives it, each line at most
    ``width`` terminal columns (a word wider than the line stands alone)."""
    out = []
    for extra, kept, body in _paragraphs(text.expandtabs()):
        lead = indent + " " * extra
        if kept:
            out.append("\n".join(lead + line for line in body))
            continue
        joined = " ".join(body)
        spans = break_lines(joined, width - cell_len(lead), words=True)
        out.append("\n".join(lead + joined[start:end] for start, end in spans))
    return "\n\n".join(out)


def _paragraphs(text: str) -> list[tuple[int, bool, list[str]]]:
    """Each paragraph (lines up to an empty one): the indent of its first line, whether it is
    kept as written (its first line is ``\\b``), and its lines, the first without its indent
    (the ``\\b`` line left out of a kept one)."""
    found: list[tuple[int, bool, list[str]]] = []
    lines: list[str] = []
    for line in [*text.splitlines(), ""]:
        if line:
            lines.append(line)
            continue
        if lines:
            first = lines[0].lstrip()
            indent = len(lines[0]) - len(first)
            if first.strip() == "\b":
                found.append((indent, True, lines[1:]))
            else:
                found.append((indent, False, [first, *lines[1:]]))
        lines = []
    return found


class HelpFormatter(click.HelpFormatter):
    """click's help formatter, its text and definition lists wrapped by ``fill``."""

    def write_text(self, text: str) -> None:
        self.write(fill(text, self.width, " " * self.current_indent))
        self.write("\n")

    def write_dl(self, rows: Sequence[tuple[str, str]] | Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        rows = list(rows)
        first_width, _ = measure_table(rows)
        first_col = min(first_width, col_max) + col_spacing
        indent = " " * self.current_indent
        for first, second in iter_rows(rows, 2):
            self.write(f"{indent}{first}")
            if not second:
                self.write("\n")
                continue
            if cell_len(first) <= first_col - col_spacing:
                self.write(" " * (first_col - cell_len(first)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            lines = fill(second, max(self.width - first_col - 2, 10)).splitlines() or [""]
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                self.write(f"{' ' * (first_col + self.current_indent)}{line}\n")
