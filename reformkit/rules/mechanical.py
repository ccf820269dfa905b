"""Rules on what an editor or an input method leaves behind: line ends and punctuation widths.

Both are warnings and both are fixed by ``reformkit validate --fix`` (``reformkit.edit.fix``).
RK211 reports each character ``reformkit.text.punctuation.find_punctuation`` finds in a text value,
at the character's own line and column, whatever the scalar's style.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, NamedTuple

from reformkit.case.model import WARNING, LoadedFile, NodePath, Problem, dotted
from reformkit.rules.base import FileContext, Rule, problem
from reformkit.text.punctuation import PunctuationFix
from reformkit.yamltext.ime import FIXABLE

CRLF_LINE_ENDS = Rule("RK020", "crlf-line-ends", WARNING, "the file has Windows (CRLF) line ends")
HALF_WIDTH_PUNCTUATION = Rule(
    "RK211", "half-width-punctuation", WARNING, "punctuation of the wrong width for its text (GB/T 15834)"
)

RULES: tuple[Rule, ...] = (CRLF_LINE_ENDS, HALF_WIDTH_PUNCTUATION)


_WHY = {
    "chinese-context": "in Chinese text",
    "chinese-parentheses": "around Chinese text",
    "between-latin": "between Latin letters or digits",
    "fullwidth-alnum": "among Latin letters and digits",
    "double-hyphen": "typed for a dash (破折号 ——) in Chinese text",
}


def named(char: str) -> str:
    """``'，' (U+FF0C)``: a character as messages name it."""
    return f"'{char}' (U+{ord(char):04X})"


class Finding(NamedTuple):
    """One character of a text value whose width is wrong, and where it is."""

    node_path: NodePath
    fix: PunctuationFix
    line: int
    column: int
    #: Its offset in the file's text; None when it could not be placed (then line and column
    #: are the value's).
    offset: int | None


#: Text without any of these has nothing ``find_punctuation`` could report: a half-width
#: mark, a full-width letter or digit, a full-width ``，：。`` between ASCII letters or digits, or
#: two hyphens. Most values have none, and the search is much cheaper than the analysis.
_CANDIDATE = re.compile(r"[,;:?!()\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]|[A-Za-z0-9][，：。][A-Za-z0-9]|--")


def _strings(value: Any, node_path: NodePath) -> Iterator[tuple[NodePath, str]]:
    if isinstance(value, str):
        yield node_path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, node_path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, node_path + (index,))


def punctuation_findings(loaded: LoadedFile) -> list[Finding]:
    """Every character of the document's text values whose width is wrong, located."""
    from reformkit.text.punctuation import find_punctuation
    from reformkit.yamltext.spans import char_offset, line_column, scalar_spans

    if loaded.data is None:
        return []
    found = [
        (p, v, fixes)
        for p, v in _strings(loaded.data, ())
        if _CANDIDATE.search(v) and (fixes := find_punctuation(v))
    ]
    if not found:
        return []
    text = loaded.text or ""
    spans = scalar_spans(text) if text else {}
    findings = []
    for node_path, value, fixes in found:
        start = loaded.locate(node_path)
        span = spans.get(start)
        for fix in fixes:
            offset = char_offset(text, span, value, fix.offset) if span is not None else None
            if offset is not None and text[offset] == fix.found:
                line, column = line_column(text, offset)
            else:
                offset, (line, column) = None, start
            findings.append(Finding(node_path, fix, line, column, offset))
    return findings


def punctuation_message(fix: PunctuationFix) -> str:
    width = "full-width" if ord(fix.found) > 0x7F else "half-width"
    return f"{width} {named(fix.found)} {_WHY[fix.reason]}; use {named(fix.replacement)} ({FIXABLE})"


def crlf_offset(text: str) -> int:
    """The offset of the first CR of a CRLF line end, or -1."""
    return text.find("\r\n")


def check(ctx: FileContext) -> Iterator[Problem]:
    """CRLF line ends (once, at the first), then each misplaced punctuation width."""
    loaded = ctx.loaded
    if ctx.on(CRLF_LINE_ENDS) and loaded.text is not None:
        first = crlf_offset(loaded.text)
        if first >= 0:
            line = loaded.text.count("\n", 0, first) + 1
            column = first - (loaded.text.rfind("\n", 0, first) + 1) + 1
            yield problem(
                loaded.path,
                line,
                column,
                CRLF_LINE_ENDS,
                f"the file has Windows (CRLF) line ends; save it with LF line ends ({FIXABLE})",
            )
    if ctx.on(HALF_WIDTH_PUNCTUATION):
        from reformkit.rules.case import full_width_dates

        dated = full_width_dates(loaded.data)  # one RK207 each, not a warning per digit
        for finding in punctuation_findings(loaded):
            if finding.node_path in dated:
                continue
            yield problem(
                loaded.path,
                finding.line,
                finding.column,
                HALF_WIDTH_PUNCTUATION,
                punctuation_message(finding.fix),
                dotted(finding.node_path),
            )
