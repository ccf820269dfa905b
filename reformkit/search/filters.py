"""The qualifiers of the query language (``tag:``, ``year:2021..2023``, ``has:metrics`` …):
each value checked and turned into a test, the rows of the search index that pass it."""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from reformkit.case import dates
from reformkit.errors import UsageError
from reformkit.library.index.record import HAS_VALUES
from reformkit.search.metric_filters import figures, flags
from reformkit.search.values import STATUSES, Builder, Test, Vocabulary, check_value, ranges, within
from reformkit.text.fold import fold
from reformkit.text.suggest import close_matches

if TYPE_CHECKING:
    from reformkit.library.index.read import SearchIndex


def _id(values: tuple[str, ...], vocab: Vocabulary) -> Test:
    """Ids in any letter case; ``*`` stands for any text (``id:hnbiz-4-*``)."""
    import fnmatch

    exact = {v.lower() for v in values if "*" not in v}
    patterns = [re.compile(fnmatch.translate(v.lower())) for v in values if "*" in v]

    def test(index: SearchIndex) -> set[int]:
        return {
            row
            for row, case_id in enumerate(index.ids)
            if case_id.lower() in exact or any(p.match(case_id.lower()) for p in patterns)
        }

    return test


def _program(values: tuple[str, ...], vocab: Vocabulary) -> Test:
    wanted = {v.lower() for v in values}
    known = {p.lower() for p in vocab.programs}
    for value in values:
        if known and value.lower() not in known:
            check_value("program", value, vocab.programs, "a program of this library")
    return lambda index: index.posting("program", wanted)


def _named(
    name: str, values: tuple[str, ...], allowed: Sequence[str], names: Mapping[str, str], what: str
) -> set[str]:
    """The values asked for, each a value of ``allowed`` or one of its ``names`` (any letter
    case): a usage error, with the closest suggested, for any other."""
    lowered = {key.lower(): value for key, value in names.items()}
    wanted = set()
    for v in values:
        value = v if v in allowed else lowered.get(v.lower(), v.lower())
        if value not in allowed:
            check_value(name, v, [*allowed, *names], what)
        wanted.add(value)
    return wanted


def _status(values: tuple[str, ...], vocab: Vocabulary) -> Test:
    wanted = _named("status", values, STATUSES, vocab.status_names, "a status")
    return lambda index: index.posting("status", wanted)


def _kind(values: tuple[str, ...], vocab: Vocabulary) -> Test:
    from reformkit.case.metrics import KINDS

    wanted = _named("kind", values, KINDS, vocab.kind_names, "a metric kind")
    return lambda index: index.posting("kinds", wanted)


def _tag(values: tuple[str, ...], vocab: Vocabulary) -> Test:
    """``tag:`` a tag, or an alias of tags the thesaurus gives (``tag:医保`` is tag:医疗保障)."""
    wanted = {fold(v) for v in values}
    known = {fold(t) for t in vocab.tags}
    for value in values:
        if fold(value) in known:
            continue
        named = vocab.aliases(value) if vocab.aliases is not None else ()
        if named:
            wanted.discard(fold(value))
            wanted.update(fold(t) for t in named)
        elif known:
            close = close_matches(value, vocab.tags)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise UsageError(
                f"tag:{value} is not a tag of this library{hint}; the tags are listed under [vocab] in the config"
            )
    return lambda index: index.posting("folded_tags", wanted)


def _agency(values: tuple[str, ...], vocab: Vocabulary) -> Test:
    wanted = [fold(v) for v in values]
    return lambda index: _any_rows(index, "folded_agencies", wanted)


def _region(values: tuple[str, ...], vocab: Vocabulary) -> Test:
    wanted = [fold(v) for v in values]
    return lambda index: _any_rows(index, "folded_region", wanted, prefix=True)


def _source(values: tuple[str, ...], vocab: Vocabulary) -> Test:
    """The source document: its title, publisher, file name or URL contains the value."""
    wanted = [fold(v) for v in values]
    return lambda index: _any_rows(index, "folded_source", wanted)


def _any_rows(index: SearchIndex, column: str, wanted: list[str], *, prefix: bool = False) -> set[int]:
    rows: set[int] = set()
    for value in wanted:
        rows |= index.list_rows(column, value.encode("utf-8"), prefix=prefix)
    return rows


def _has(values: tuple[str, ...], vocab: Vocabulary) -> Test:
    for v in values:
        if v not in HAS_VALUES:
            check_value("has", v, HAS_VALUES, "something a case can have")
    return lambda index: index.posting("has", values)


def _date_span(text: str) -> tuple[datetime.date, datetime.date]:
    if not dates.DATE_RE.match(text) or dates.check(text):
        raise ValueError("is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    return dates.first_day(text), dates.last_day(text)


def _whole(text: str) -> tuple[int, int]:
    if not text.isdigit():
        raise ValueError("is not a whole number")
    return int(text), int(text)


def _year(values: tuple[str, ...], vocab: Vocabulary) -> Test:
    def span(text: str) -> tuple[int, int]:
        if not re.fullmatch(r"\d{4}", text):
            raise ValueError("is not a year (YYYY)")
        return int(text), int(text)

    intervals = ranges(values, span, "year")
    return lambda index: {
        row
        for row, published in enumerate(index.published)
        if any(within(int(published[:4]), i) for i in intervals)
    }


def _published(values: tuple[str, ...], vocab: Vocabulary) -> Test:
    intervals = ranges(values, _date_span, "published")
    # A partial date covers a period; it matches when its period starts inside the interval.
    return lambda index: {
        row
        for row, published in enumerate(index.published)
        if any(within(dates.first_day(published), i) for i in intervals)
    }


def _batch(values: tuple[str, ...], vocab: Vocabulary) -> Test:
    intervals = ranges(values, _whole, "batch")
    return lambda index: {
        row
        for row, batch in enumerate(index.batch)
        if batch is not None and any(within(batch, i) for i in intervals)
    }


BUILDERS: dict[str, Builder] = {
    "approx": flags("approx"),
    "computed": flags("computed"),
    "change": figures("change", 1),
    "cut": figures("cut", -1),
    "id": _id,
    "program": _program,
    "source": _source,
    "status": _status,
    "kind": _kind,
    "tag": _tag,
    "agency": _agency,
    "region": _region,
    "has": _has,
    "year": _year,
    "published": _published,
    "batch": _batch,
}
