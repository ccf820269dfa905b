"""``# reformkit: ignore[CODE, name]``: silencing a finding where a maintainer decided to.

A comment on a line silences the codes it names on that line (and on the lines of a value that
starts there, such as a block scalar after ``summary: >-``); one above the first key silences
them in the whole file. A suppression that silences nothing is itself reported (RK401), so that
suppressions do not outlive the problems they were written for.

Suppressions belong to a file's content: ``apply_suppressions`` runs where the file's own rules
ran (``reformkit.library.check.check_file``, whose result the cache keeps), and the cross-file
rules, which run on every validate, are silenced by the same suppressions in
``reformkit.validate``. The names a comment may use are passed in (``reformkit.rules.registry`` knows
them), so this module does not import the registry that imports it.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator, Mapping
from typing import NamedTuple

from reformkit.case.model import WARNING, Problem
from reformkit.rules.base import FileContext, Rule, problem

UNUSED_SUPPRESSION = Rule(
    "RK401", "unused-suppression", WARNING, "a reformkit: ignore[...] comment that silences nothing"
)

RULES: tuple[Rule, ...] = (UNUSED_SUPPRESSION,)

_COMMENT = re.compile(r"#\s*reformkit:\s*ignore\[([^\]]*)\]")
_CODE = re.compile(r"(?i)rk\d{3}")


class Suppression(NamedTuple):
    """One code named by one comment: where the comment is, which lines it covers (0, 0 for
    the whole file), the code as written, the code it names (None: no such rule), and whether
    it silenced a problem."""

    line: int
    column: int
    first: int
    last: int
    written: str
    code: str | None
    used: bool = False

    @property
    def whole_file(self) -> bool:
        return self.first == 0

    def covers(self, found: Problem) -> bool:
        return found.code == self.code and (self.whole_file or self.first <= found.line <= self.last)


class Applied(NamedTuple):
    kept: list[Problem]
    suppressions: list[Suppression]


def find_suppressions(text: str | None, names: Mapping[str, str]) -> list[Suppression]:
    """Every ``# reformkit: ignore[...]`` comment of ``text``, one entry per code it names."""
    if not text or "reformkit:" not in text:
        return []
    from reformkit.yamltext.spans import line_column, scalar_spans

    spans = scalar_spans(text)
    inside = [(_body(text, span.start, span.style), span.end) for span in spans.values()]
    ends: dict[int, int] = {}
    for (line, _), span in spans.items():
        ends[line] = max(ends.get(line, line), text.count("\n", 0, max(span.end - 1, span.start)) + 1)
    header = True
    found = []
    offset = 0
    for number, content in enumerate(text.split("\n"), 1):
        stripped = content.strip()
        for match in _COMMENT.finditer(content):
            start = offset + match.start()
            if any(low <= start < high for low, high in inside) or (
                match.start() > 0 and not content[match.start() - 1].isspace()
            ):
                continue  # a '#' inside a value, or not starting a comment
            line, column = line_column(text, start)
            first, last = (
                (0, 0) if header and stripped.startswith("#") else (number, ends.get(number, number))
            )
            for written in (w.strip() for w in match.group(1).split(",")):
                if written:
                    code = written.upper() if _CODE.fullmatch(written) else names.get(written.lower())
                    found.append(Suppression(line, column, first, last, written, code))
        if stripped and not stripped.startswith("#"):
            header = False
        offset += len(content) + 1
    return found


def _body(text: str, start: int, style: str | None) -> int:
    """Where a scalar's text begins: a block scalar's header line may hold a comment."""
    if style in ("|", ">"):
        newline = text.find("\n", start)
        return newline + 1 if newline >= 0 else len(text)
    return start


def apply_suppressions(
    text: str | None, problems: Iterable[Problem], names: Mapping[str, str] | None = None
) -> Applied:
    """The problems no suppression covers, and the suppressions marked used or not."""
    suppressions = find_suppressions(text, names or {})
    if not suppressions:
        return Applied(list(problems), [])
    return silence(problems, suppressions)


def silence(problems: Iterable[Problem], suppressions: list[Suppression]) -> Applied:
    """``problems`` less those a suppression covers; each covering suppression marked used."""
    kept = []
    for found in problems:
        hits = [index for index, s in enumerate(suppressions) if s.covers(found)]
        for index in hits:
            suppressions[index] = suppressions[index]._replace(used=True)
        if not hits:
            kept.append(found)
    return Applied(kept, suppressions)


def unused(
    path: str, suppressions: Iterable[Suppression], enabled: Collection[str] | None
) -> Iterator[Problem]:
    """RK401 for each suppression of an enabled code that silenced nothing, or of no code."""
    if enabled is not None and UNUSED_SUPPRESSION.code not in enabled:
        return
    for s in suppressions:
        if s.used:
            continue
        if s.code is None:
            yield problem(
                path,
                s.line,
                s.column,
                UNUSED_SUPPRESSION,
                f"ignore[{s.written}] names no rule code or name; see `reformkit validate --list-rules`",
            )
        elif enabled is None or s.code in enabled:
            where = "in this file" if s.whole_file else "on this line"
            yield problem(
                path,
                s.line,
                s.column,
                UNUSED_SUPPRESSION,
                f"ignore[{s.written}] silences nothing: no {s.code} problem {where}; remove it",
            )


def check(ctx: FileContext) -> Iterator[Problem]:
    """Nothing of its own: suppressions are applied, and RK401 reported, once every other rule
    has run (see the module's docstring)."""
    return iter(())
