"""The qualifiers on a case's figures: ``change:`` and ``cut:`` (a metric's relative change in
a range), ``approx:`` (a figure the document hedges) and ``computed:`` (a change worked out
from before → after, or stated), each optionally narrowed to a kind of metric."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from reformkit.search.values import Builder, Test, Vocabulary, check_value, ranges, within

if TYPE_CHECKING:
    from reformkit.library.index.read import SearchIndex


def _percent(text: str) -> tuple[float, float]:
    try:
        number = float(text.removesuffix("%"))
    except ValueError:
        number = math.nan
    if not math.isfinite(number):
        raise ValueError("is not a percentage (a number, optionally with %)")
    return number, number


def figures(name: str, sign: int) -> Builder:
    """``change:`` (the relative change in percent, signed) or ``cut:`` (the reduction: the
    change with its sign turned, so ``cut:time:50..`` is a time halved or better), each
    value ``KIND:RANGE`` or ``RANGE`` (any kind); the change stated, else computed."""

    def build(values: tuple[str, ...], vocab: Vocabulary) -> Test:
        from reformkit.case.metrics import KINDS

        wanted: list[tuple[str | None, tuple[float | None, float | None]]] = []
        for value in values:
            value = _ascii_colon(value)
            kind, _, bounds = value.rpartition(":") if ":" in value else ("", "", value)
            if kind and kind not in KINDS:
                check_value(name, kind, KINDS, "a metric kind")
            for interval in ranges((bounds,), _percent, name):
                wanted.append((kind or None, interval))

        def test(index: SearchIndex) -> set[int]:
            kinds = {kind for kind, _ in wanted if kind is not None}
            everywhere = any(kind is None for kind, _ in wanted)
            rows = range(index.count) if everywhere else sorted(index.posting("kinds", kinds))
            return {
                row
                for row in rows
                for kind, change, *_ in index.record(row, text=False).metrics
                if change is not None
                and any((want is None or want == kind) and within(sign * change, i) for want, i in wanted)
            }

        return test

    return build


#: The values ``approx:`` and ``computed:`` take, each a test of a metric's (basis, hedges).
_YES, _NO = ("yes", "true"), ("no", "false")
_HEDGES = ("about", "over", "under")
_FLAG_VALUES = {
    "approx": (*_YES, *_NO, *_HEDGES),
    "computed": (*_YES, *_NO),
}


def _flag_test(name: str, value: str) -> Callable[[str, str], bool]:
    """A metric's test for one value of ``approx:`` or ``computed:``, given its change's basis
    and its hedges: approximate (any hedge, or that one) or exact; change computed from
    before → after or stated."""
    if name == "computed":
        wanted = "computed" if value in _YES else "stated"
        return lambda basis, hedges: basis == wanted
    if value in _YES:
        return lambda basis, hedges: bool(hedges)
    if value in _NO:
        return lambda basis, hedges: not hedges
    return lambda basis, hedges: value in hedges.split(",")


def flags(name: str) -> Builder:
    """``approx:`` (a metric with an approximate figure: yes, no, or the hedge, about, over or
    under) or ``computed:`` (a metric whose relative change is computed from before → after:
    yes; stated: no); each value ``KIND:VALUE`` or ``VALUE`` (any kind)."""

    def build(values: tuple[str, ...], vocab: Vocabulary) -> Test:
        from reformkit.case.metrics import KINDS

        wanted: list[tuple[str | None, Callable[[str, str], bool]]] = []
        for value in values:
            kind, _, flag = _ascii_colon(value).rpartition(":")
            if kind and kind not in KINDS:
                check_value(name, kind, KINDS, "a metric kind")
            if flag.lower() not in _FLAG_VALUES[name]:
                check_value(name, flag, _FLAG_VALUES[name], f"a value of {name}:")
            wanted.append((kind or None, _flag_test(name, flag.lower())))

        def test(index: SearchIndex) -> set[int]:
            return {
                row
                for row in _metric_rows(index, wanted)
                for metric in index.record(row, text=False).metrics
                if any((kind is None or kind == metric[0]) and passes(metric[3], metric[4]) for kind, passes in wanted)
            }

        return test

    return build


def _metric_rows(index: SearchIndex, wanted: Sequence[tuple[str | None, object]]) -> Iterable[int]:
    """The rows that may hold a metric ``wanted`` asks for: those with one of its kinds, or
    every row with metrics when one value names no kind."""
    if any(kind is None for kind, _ in wanted):
        return sorted(index.posting("has", ("metrics",)))
    return sorted(index.posting("kinds", {kind for kind, _ in wanted if kind is not None}))


def _ascii_colon(value: str) -> str:
    """A value with the full-width colon a pinyin IME types between kind and value
    (``approx:time：under``) read as ``:``; no kind, range or flag holds one otherwise."""
    return value.replace("：", ":")
