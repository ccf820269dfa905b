"""A case's passage in its source document, read the way the coverage rules compare it.

``Passage`` holds lines ``first..last`` of a document (1-based, inclusive) as received, the same
text with the case's ``source.readings`` applied and folded (``reformkit.text.passage``), and
maps an offset in the folded text back to the document's line number.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from reformkit.case.sources import SourceText
from reformkit.text.figures import Figure, Skipped, read_figures, scan_numbers
from reformkit.text.passage import fold_source, squeeze


@dataclass(frozen=True)
class Passage:
    document: SourceText
    first: int
    last: int
    readings: tuple[tuple[str, str], ...] = ()

    @property
    def raw(self) -> list[str]:
        """The passage's lines as received."""
        return list(self.document.lines[self.first - 1 : self.last])

    @cached_property
    def folded(self) -> str:
        text = "\n".join(self.raw)
        for printed, read in self.readings:
            text = text.replace(printed, read)
        return fold_source(text)

    @cached_property
    def _starts(self) -> list[int]:
        starts = [0]
        for index, char in enumerate(self.folded):
            if char == "\n":
                starts.append(index + 1)
        return starts

    def line_of(self, offset: int) -> int:
        """The document's line number of an offset in ``folded``."""
        return self.first + bisect.bisect_right(self._starts, offset) - 1

    @cached_property
    def squeezed(self) -> str:
        return squeeze(self.folded)

    @cached_property
    def figures(self) -> list[Figure]:
        return read_figures(self.folded)

    @cached_property
    def stated(self) -> frozenset[float]:
        """Every number the passage states as a figure, as printed and scaled by its unit's
        multiplier; 1 too when it says 一个/一次 (an article the figure reader passes over)."""
        found = {round(n, 6) for f in self.figures for n in (f.number, f.scaled)}
        if any(isinstance(s, Skipped) and s.reason == "article" for s in scan_numbers(self.folded)):
            found.add(1.0)
        if "零" in self.folded:  # 为零, 零跑动
            found.add(0.0)
        return frozenset(found)

    @property
    def where(self) -> str:
        return f"{self.document.shown}:{self.first}-{self.last}"


def readings_of(source: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    """``source.readings`` as (printed, read) pairs, the well-formed ones only."""
    found = []
    for item in source.get("readings") or []:
        if (
            isinstance(item, dict)
            and isinstance(item.get("printed"), str)
            and isinstance(item.get("read"), str)
        ):
            found.append((item["printed"], item["read"]))
    return tuple(found)


def line_range(source: dict[str, Any]) -> tuple[int, int] | None:
    """``source.lines`` as (first, last) when it is two whole numbers, else None."""
    lines = source.get("lines")
    if (
        isinstance(lines, list)
        and len(lines) == 2
        and all(isinstance(n, int) and not isinstance(n, bool) for n in lines)
    ):
        return lines[0], lines[1]
    return None


def case_passage(case: dict[str, Any], cases_dir: Path) -> Passage:
    """The passage a case records (``source.document`` and ``source.lines``) in the
    ``sources/`` folder beside ``cases_dir``; raise UsageError saying what is missing."""
    from reformkit.case.sources import SOURCES_DIR, SourceError, source_text
    from reformkit.errors import UsageError

    source = case.get("source") or {}
    bounds = line_range(source)
    name = source.get("document")
    if not isinstance(name, str) or bounds is None:
        raise UsageError(
            f"{case.get('id')} records no passage (source.document and source.lines); "
            "add them to show its source"
        )
    folder = cases_dir.parent / SOURCES_DIR
    try:
        document = source_text(folder, name, SOURCES_DIR)
    except SourceError as error:
        raise UsageError(f"{case.get('id')}: {error}") from None
    first, last = bounds
    if not 1 <= first <= last <= len(document.lines):
        raise UsageError(
            f"{case.get('id')}: source.lines [{first}, {last}] is not a passage of {document.shown} "
            f"(lines 1-{len(document.lines)}); `reformkit validate` reports it"
        )
    return Passage(document, first, last, readings_of(source))
