"""The mechanical fixes of ``reformkit validate --fix``, each declared with the rule it fixes.

``BYTE_FIXERS`` run on the bytes before the text is parsed (a byte-order mark, CRLF line
ends); ``FIXERS`` maps a rule's code to the function that turns that rule's problems in one
file into edits of its text. ``reformkit.edit.fix`` runs them in rounds. Nothing here prints.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple

from reformkit.case.model import ERROR, LoadedFile, NodePath, Problem
from reformkit.config import Config
from reformkit.rules.base import Rule
from reformkit.rules.case import IMPOSSIBLE_DATE, UNKNOWN_TAG
from reformkit.rules.loading import AMBIGUOUS_NUMBER, BYTE_ORDER_MARK, YAML_SYNTAX
from reformkit.rules.mechanical import CRLF_LINE_ENDS, HALF_WIDTH_PUNCTUATION
from reformkit.rules.structure import UNKNOWN_FIELD, WRONG_TYPE


@dataclass(frozen=True, order=True)
class Fixed:
    """One fix: the rule whose problem it removed, where, and what was done."""

    line: int
    column: int
    code: str
    what: str


class Edit(NamedTuple):
    start: int
    end: int
    replacement: str
    fixed: Fixed


class Round(NamedTuple):
    """What a fixer sees: the text, the file loaded from it, and its rule's problems there."""

    text: str
    loaded: LoadedFile
    problems: list[Problem]
    config: Config
    today: date
    display: str


Fixer = Callable[[Round], list[Edit]]


# --- byte level: before the text is parsed ------------------------------------------------------


def _strip_bom(raw: bytes) -> tuple[bytes, Fixed | None]:
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:], Fixed(1, 1, BYTE_ORDER_MARK.code, "removed the byte-order mark")
    return raw, None


def _crlf_to_lf(raw: bytes) -> tuple[bytes, Fixed | None]:
    first = raw.find(b"\r\n")
    if first < 0:
        return raw, None
    count = raw.count(b"\r\n")
    line = raw.count(b"\n", 0, first) + 1
    column = len(raw[raw.rfind(b"\n", 0, first) + 1 : first].decode("utf-8", errors="replace")) + 1
    what = f"CRLF line ends made LF ({count} line{'' if count == 1 else 's'})"
    return raw.replace(b"\r\n", b"\n"), Fixed(line, column, CRLF_LINE_ENDS.code, what)


#: Byte-level fixes, each with the rule it fixes, in the order they run.
BYTE_FIXERS: tuple[tuple[Rule, Callable[[bytes], tuple[bytes, Fixed | None]]], ...] = (
    (BYTE_ORDER_MARK, _strip_bom),
    (CRLF_LINE_ENDS, _crlf_to_lf),
)


# --- helpers ------------------------------------------------------------------------------------


def node_path_of(dotted_path: str) -> NodePath:
    """``metrics[0].change_pct`` -> ``('metrics', 0, 'change_pct')``."""
    parts: list[str | int] = []
    for name, index in re.findall(r"([^.\[\]]+)|\[(\d+)\]", dotted_path):
        parts.append(int(index) if index else name)
    return tuple(parts)


def _span(current: Round, node_path: NodePath) -> Any:
    from reformkit.yamltext.spans import scalar_spans

    return scalar_spans(current.text).get(current.loaded.locate(node_path))


def _quote(raw: str) -> str:
    return f"'{raw}'" if "'" not in raw else '"' + raw.replace("\\", "\\\\").replace('"', '\\"') + '"'


# --- RK001: syntax errors an input method causes ----------------------------------------------


def _syntax(current: Round) -> list[Edit]:
    import yaml

    from reformkit.yamltext.ime import diagnose

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        for _ in yaml.parse(current.text, Loader=loader):
            pass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if mark is None:
            return []
        said = exc.problem or ""
        opened = exc.context_mark.line + 1 if exc.context_mark else None
        found = diagnose(current.text, mark.line + 1, mark.column + 1, opened, said)
        if found is None:
            return []
        if found.edit is None:  # indentation: the whole file at once
            return _indentation(current, YAML_SYNTAX)
        fixed = Fixed(found.line, found.column, YAML_SYNTAX.code, found.fixed)
        return [Edit(found.edit.start, found.edit.end, found.edit.replacement, fixed)]
    except yaml.YAMLError:
        return []
    return []


def _indentation(current: Round, rule: Rule) -> list[Edit]:
    """Tabs, ideographic and no-break spaces in indentation turned into ASCII spaces, each
    line to the column its structure allows with the fewest errors (``reformkit.edit.indent``)."""
    from reformkit.edit.indent import choose_columns, width_choices
    from reformkit.yamltext.ime import ODD_SPACES, WIDTHS, odd_indents

    text = current.text
    lines = odd_indents(text)
    present = [char for char in ODD_SPACES if any(char in indent for _, _, indent in lines)]
    if not present:
        return []

    def score(candidate: str) -> tuple[int, int]:
        problems = problems_of(candidate, current.display, current.config, current.today)
        return (
            sum(1 for p in problems if p.code == YAML_SYNTAX.code),
            sum(1 for p in problems if p.severity == ERROR),
        )

    columns = choose_columns(text, lines, width_choices(present, WIDTHS), score)
    edits = []
    for number, offset, indent in lines:
        odd = [char for char in indent if char in ODD_SPACES]
        kinds = " and ".join(sorted({ODD_SPACES[char] for char in odd}))
        column = next(index for index, char in enumerate(indent) if char in ODD_SPACES) + 1
        what = f"indentation with {kinds} made {columns[number]} spaces"
        spaces = " " * columns[number]
        edits.append(Edit(offset, offset + len(indent), spaces, Fixed(number, column, rule.code, what)))
    return edits


def _unknown_field(current: Round) -> list[Edit]:
    from reformkit.yamltext.ime import ODD_SPACES

    for found in current.problems:
        key = node_path_of(found.field)[-1:] if found.field else ()
        if key and isinstance(key[0], str) and key[0][:1] in ODD_SPACES:
            return _indentation(current, UNKNOWN_FIELD)
    return []


# --- RK102, RK015: YAML 1.1 traps and percent signs ---------------------------------------------


def _wrong_type(current: Round) -> list[Edit]:
    edits = []
    for found in current.problems:
        node_path = node_path_of(found.field)
        raw = current.loaded.raw_scalars.get(node_path)
        span = _span(current, node_path)
        if span is None or span.is_key:
            continue
        if raw and _quotable(current, node_path, raw) and current.text[span.start : span.end] == raw:
            edits.append(_quoting(found, span, raw))
            continue
        value = _value(current.loaded.data, node_path)
        if (
            isinstance(value, str)
            and node_path[-1:] in (("change_pct",), ("change_pct_max",))
            and (match := re.match(r"^\s*([-+]?[0-9]+(?:\.[0-9]+)?) *[%％]\s*$", value.translate(_NARROW_NUMBER)))
        ):
            number = match.group(1)
            what = f"'{value.strip()}' made {number}"
            edits.append(
                Edit(span.start, span.end, number, Fixed(found.line, found.column, found.code, what))
            )
    return edits


#: A number typed in full width (``－８０．５``) as ASCII.
_NARROW_NUMBER = str.maketrans("－＋．０１２３４５６７８９", "-+.0123456789")


# --- RK205: tags run together with a Chinese comma -------------------------------------------


def _unknown_tag(current: Round) -> list[Edit]:
    """``[政务服务，企业开办]`` (one unknown tag) made ``[政务服务, 企业开办]`` when every part is a
    known tag and the tag is written plain in a flow list."""
    known = set(current.config.tags)
    edits = []
    for found in current.problems:
        node_path = node_path_of(found.field)
        value = _value(current.loaded.data, node_path)
        if not isinstance(value, str) or not re.search("[，、]", value):
            continue
        parts = [part.strip() for part in re.split("[，、]", value)]
        span = _span(current, node_path)
        if span is None or current.text[span.start : span.end] != value or not all(p in known for p in parts):
            continue
        what = f"'{value}' made {len(parts)} tags"
        fixed = Fixed(found.line, found.column, found.code, what)
        edits.append(Edit(span.start, span.end, ", ".join(parts), fixed))
    return edits


def _quoting(found: Problem, span: Any, raw: str) -> Edit:
    """The edit that quotes a plain scalar YAML 1.1 misread, tied to the problem it fixes."""
    quoted = _quote(raw)
    return Edit(span.start, span.end, quoted, Fixed(found.line, found.column, found.code, f"quoted {quoted}"))


#: Fields whose text is a date: only a year written as a number is quoted there.
_DATE_FIELDS = frozenset({"published", "due", "date", "as_of"})


def _quotable(current: Round, node_path: NodePath, raw: str | None) -> bool:
    """Whether a plain scalar YAML 1.1 typed is text its author meant: the field wants text,
    the value is not null (``~`` was written on purpose) and, in a date field, a year."""
    from reformkit.case.schemacheck import wants_text

    if not raw or _value(current.loaded.data, node_path) is None or not wants_text(node_path):
        return False
    return node_path[-1] not in _DATE_FIELDS or raw.isdigit()


def _ambiguous_number(current: Round) -> list[Edit]:
    from reformkit.case.schemacheck import wants_text

    edits = []
    for found in current.problems:
        node_path = node_path_of(found.field)
        raw = current.loaded.raw_scalars.get(node_path)
        span = _span(current, node_path)
        if not raw or span is None or current.text[span.start : span.end] != raw:
            continue
        if _quotable(current, node_path, raw):
            edits.append(_quoting(found, span, raw))
        elif (
            not wants_text(node_path)
            and re.fullmatch(r"[-+]?[0-9][0-9_]*", raw)
            and (raw.lstrip("+-").startswith("0") or "_" in raw)
        ):
            digits = raw.replace("_", "")
            sign = "-" if digits.startswith("-") else ""
            plain = sign + (digits.lstrip("+-").lstrip("0") or "0")
            what = f"'{raw}' written as the decimal number {plain}"
            edits.append(Edit(span.start, span.end, plain, Fixed(found.line, found.column, found.code, what)))
    return edits


def _value(data: Any, node_path: NodePath) -> Any:
    for part in node_path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


# --- RK211: punctuation widths ------------------------------------------------------------------


def _punctuation(current: Round) -> list[Edit]:
    """Each reported character replaced in place; when that would change what the file
    means (a half-width comma in a flow list), the values are rewritten through
    ``reformkit.yamltext.rewrite`` instead."""
    from reformkit.case.model import dotted
    from reformkit.rules.mechanical import punctuation_findings

    wanted = {(p.line, p.column) for p in current.problems}
    # A date in full-width digits is one RK207 for the whole value: each digit is fixed.
    dates = {p.field for p in current.problems if p.code == IMPOSSIBLE_DATE.code}
    edits = []
    for finding in punctuation_findings(current.loaded):
        placed = (finding.line, finding.column) in wanted or dotted(finding.node_path) in dates
        if finding.offset is None or not placed:
            continue
        fix = finding.fix
        what = f"'{fix.found}' made '{fix.replacement}'"
        fixed = Fixed(finding.line, finding.column, HALF_WIDTH_PUNCTUATION.code, what)
        edits.append(Edit(finding.offset, finding.offset + 1, fix.replacement, fixed))
    if not edits:
        return []
    candidate = apply_edits(current.text, edits)[0]
    if _reads_as_punctuation_fixed(current, candidate, edits):
        return edits
    from reformkit.text.punctuation import fix_punctuation
    from reformkit.yamltext.rewrite import YamlEditError, rewrite_values

    try:
        rewritten = rewrite_values(current.text, fix_punctuation)
    except YamlEditError:
        return []
    whole = Fixed(
        edits[0].fixed.line,
        edits[0].fixed.column,
        HALF_WIDTH_PUNCTUATION.code,
        "punctuation of every value fixed",
    )
    return [Edit(0, len(current.text), rewritten, whole)]


def _reads_as_punctuation_fixed(current: Round, candidate: str, edits: list[Edit]) -> bool:
    """Whether ``candidate`` loads as the same document with only those characters changed."""
    from reformkit.library.loader import parse_text
    from reformkit.text.punctuation import fold_punctuation

    after = LoadedFile(current.loaded.path, None)
    parse_text(candidate, after)
    if after.data is None:
        return False

    def folded(value: Any) -> Any:
        if isinstance(value, str):
            return fold_punctuation(value.translate(_NARROW))
        if isinstance(value, dict):
            return {k: folded(v) for k, v in value.items()}
        if isinstance(value, list):
            return [folded(v) for v in value]
        return value

    return bool(folded(after.data) == folded(current.loaded.data))


#: Full-width digits and Latin letters to ASCII, and ``。`` to ``.``, for comparing values.
_NARROW = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {ord("。"): ord(".")}


#: The fixer of each rule's problems, by code, in the order they run in a round.
FIXERS: dict[str, Fixer] = {
    YAML_SYNTAX.code: _syntax,
    AMBIGUOUS_NUMBER.code: _ambiguous_number,
    WRONG_TYPE.code: _wrong_type,
    UNKNOWN_FIELD.code: _unknown_field,
    HALF_WIDTH_PUNCTUATION.code: _punctuation,
    # Only a date in full-width digits: its digits are punctuation widths to fix.
    IMPOSSIBLE_DATE.code: _punctuation,
    UNKNOWN_TAG.code: _unknown_tag,
}
#: Every code ``--fix`` can fix (the byte-level ones included).
FIXABLE_CODES = frozenset(FIXERS) | {rule.code for rule, _ in BYTE_FIXERS}


# --- checking and editing text ------------------------------------------------------------------


def problems_of(text: str, display: str, config: Config, today: date) -> list[Problem]:
    return check_text(text, display, config, today)[1]


def check_text(text: str, display: str, config: Config, today: date) -> tuple[LoadedFile, list[Problem]]:
    """``text`` loaded, and its problems by every single-file rule, suppressions applied."""
    from reformkit.library.loader import parse_text
    from reformkit.rules import check_file
    from reformkit.rules.base import FileContext
    from reformkit.rules.registry import NAMES
    from reformkit.rules.suppression import apply_suppressions

    loaded = LoadedFile(display, None, text=text)
    parse_text(text, loaded, max_depth=config.rules.max_depth)
    problems = check_file(FileContext(loaded, config, today))
    return loaded, apply_suppressions(text, problems, NAMES).kept


def apply_edits(text: str, edits: Sequence[Edit]) -> tuple[str, list[Fixed]]:
    """``text`` with the edits that do not overlap an earlier one applied."""
    chosen: list[Edit] = []
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if chosen and edit.start < chosen[-1].end:
            continue
        chosen.append(edit)
    out = text
    for edit in reversed(chosen):
        out = out[: edit.start] + edit.replacement + out[edit.end :]
    return out, [edit.fixed for edit in chosen]
