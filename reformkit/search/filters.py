"""The qualifiers of the query language (``tag:``, ``year:2021..2023``, ``has:metrics`` …):
each value checked and turned into a test, the rows of the search index that pass it."""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar, cast

from reformkit.case import dates
from reformkit.errors import UsageError
from reformkit.library.index.record import HAS_VALUES
from reformkit.text.fold import fold
from reformkit.text.suggest import close_matches, did_you_mean

if TYPE_CHECKING:
    from reformkit.library.index.read import SearchIndex

#: A filter's test: the rows of a library's search index that pass it.
Test = Callable[["SearchIndex"], set[int]]
Builder = Callable[[tuple[str, ...], "Vocabulary"], Test]

STATUSES = ("implemented", "pilot", "planned")


@dataclass(frozen=True)
class Vocabulary:
    """The values ``program:`` and ``tag:`` may take (empty: any value); the other names
    ``kind:`` and ``status:`` accept for their values: every label an output prints for them
    (``kind:时间``, ``status:计划``), each mapped to its value (time, planned); and ``aliases``:
    the tags a value that is not a tag stands for (the thesaurus's ``[thesaurus.tags]``)."""

    programs: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    kind_names: Mapping[str, str] = field(default_factory=dict)
    status_names: Mapping[str, str] = field(default_factory=dict)
    aliases: Callable[[str], tuple[str, ...]] | None = field(default=None, compare=False)


_EXAMPLES = {
    "id": "id:hnbiz-4-02",
    "program": "program:hnbiz",
    "batch": "batch:4",
    "region": "region:海口",
    "tag": "tag:企业开办",
    "agency": "agency:市场监督",
    "status": "status:planned",
    "kind": "kind:time",
    "year": "year:2021..2023",
    "published": "published:2023-01-01..",
    "has": "has:metrics",
    "in": "in:title",
    "source": "source:lawinfochina",
    "change": "change:volume:100..",
    "cut": "cut:time:50..",
    "approx": "approx:yes",
    "computed": "computed:yes",
}
_OPEN_EXAMPLES = {
    "year": "year:2022.. or year:..2022",
    "published": "published:2023-01-01.. or published:..2023-06",
    "batch": "batch:3.. or batch:..2",
    "change": "change:time:..-50 or change:50..",
    "cut": "cut:time:50.. or cut:..20",
}


def empty_value_message(name: str) -> str:
    message = f"qualifier '{name}:' needs a value, e.g. {_EXAMPLES[name]}"
    if name in ("year", "published", "batch", "change", "cut"):
        message += (
            f"; if you typed {name}:>=… or {name}:<… unquoted, the shell took > or < as a "
            f"redirection (a stray file named '=…' may now exist): write open ranges with "
            f".. instead ({_OPEN_EXAMPLES[name]})"
        )
    return message


def _check(name: str, value: str, allowed: Sequence[str], what: str) -> None:
    """A usage error for a value outside ``allowed``, with the closest one suggested."""
    raise UsageError(
        f"{name}:{value} is not {what}{did_you_mean(value, allowed)}; use one of {', '.join(allowed)}"
    )


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
            _check("program", value, vocab.programs, "a program of this library")
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
            _check(name, v, [*allowed, *names], what)
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
            _check("has", v, HAS_VALUES, "something a case can have")
    return lambda index: index.posting("has", values)


_RANGE = re.compile(r"^(?:(>=|<=|>|<)(.*)|(.*)\.\.(.*)|(.+))$")


#: A bound of a range: a year or batch number, a day, or a percentage.
B = TypeVar("B", int, datetime.date, float)


def _ranges(
    values: tuple[str, ...], convert: Callable[[str], tuple[B, B]], name: str
) -> list[tuple[B | None, B | None]]:
    """Each value as an inclusive (low, high) interval; None for an open end."""
    intervals: list[tuple[B | None, B | None]] = []
    for value in values:
        match = _RANGE.match(value)
        assert match is not None  # the pattern matches any non-empty text
        op, operand, low, high, single = match.groups()
        if (op and not operand) or (low is not None and not low and not high):
            raise UsageError(empty_value_message(name))
        try:
            if op:
                first, last = convert(operand)
                interval: tuple[B | None, B | None] = {
                    ">=": (first, None),
                    ">": (_after(last), None),
                    "<=": (None, last),
                    "<": (None, _before(first)),
                }[op]
            elif low is not None:
                interval = (convert(low)[0] if low else None, convert(high)[1] if high else None)
                if interval[0] is not None and interval[1] is not None and interval[0] > interval[1]:
                    raise UsageError(
                        f"{name}:{value} is a range from its end to its start; write {name}:{high}..{low}"
                    )
            else:
                interval = convert(single)
        except ValueError as exc:
            raise UsageError(f"{name}:{value} {exc}; e.g. {_EXAMPLES[name]}") from None
        intervals.append(interval)
    return intervals


def _after(value: B) -> B:
    return cast(B, _nudged(value, 1))


def _before(value: B) -> B:
    return cast(B, _nudged(value, -1))


def _nudged(value: object, way: int) -> object:
    """The next value of a bound's kind after (``way`` 1) or before (-1) ``value``."""
    if isinstance(value, datetime.date):
        return value + datetime.timedelta(days=way)
    if isinstance(value, float):
        return math.nextafter(value, way * math.inf)
    assert isinstance(value, int)
    return value + way


def _in(value: B, interval: tuple[B | None, B | None]) -> bool:
    low, high = interval
    return (low is None or value >= low) and (high is None or value <= high)


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

    intervals = _ranges(values, span, "year")
    return lambda index: {
        row
        for row, published in enumerate(index.published)
        if any(_in(int(published[:4]), i) for i in intervals)
    }


def _published(values: tuple[str, ...], vocab: Vocabulary) -> Test:
    intervals = _ranges(values, _date_span, "published")
    # A partial date covers a period; it matches when its period starts inside the interval.
    return lambda index: {
        row
        for row, published in enumerate(index.published)
        if any(_in(dates.first_day(published), i) for i in intervals)
    }


def _batch(values: tuple[str, ...], vocab: Vocabulary) -> Test:
    intervals = _ranges(values, _whole, "batch")
    return lambda index: {
        row
        for row, batch in enumerate(index.batch)
        if batch is not None and any(_in(batch, i) for i in intervals)
    }


def _percent(text: str) -> tuple[float, float]:
    try:
        number = float(text.removesuffix("%"))
    except ValueError:
        number = math.nan
    if not math.isfinite(number):
        raise ValueError("is not a percentage (a number, optionally with %)")
    return number, number


def _figures(name: str, sign: int) -> Builder:
    """``change:`` (the relative change in percent, signed) or ``cut:`` (the reduction: the
    change with its sign turned, so ``cut:time:50..`` is a time halved or better), each
    value ``KIND:RANGE`` or ``RANGE`` (any kind); the change stated, else computed."""

    def build(values: tuple[str, ...], vocab: Vocabulary) -> Test:
        from reformkit.case.metrics import KINDS

        wanted: list[tuple[str | None, tuple[float | None, float | None]]] = []
        for value in values:
            kind, _, bounds = value.rpartition(":") if ":" in value else ("", "", value)
            if kind and kind not in KINDS:
                _check(name, kind, KINDS, "a metric kind")
            for interval in _ranges((bounds,), _percent, name):
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
                and any((want is None or want == kind) and _in(sign * change, i) for want, i in wanted)
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


def _flags(name: str) -> Builder:
    """``approx:`` (a metric with an approximate figure: yes, no, or the hedge, about, over or
    under) or ``computed:`` (a metric whose relative change is computed from before → after:
    yes; stated: no); each value ``KIND:VALUE`` or ``VALUE`` (any kind)."""

    def build(values: tuple[str, ...], vocab: Vocabulary) -> Test:
        from reformkit.case.metrics import KINDS

        wanted: list[tuple[str | None, Callable[[str, str], bool]]] = []
        for value in values:
            kind, _, flag = value.rpartition(":")
            if kind and kind not in KINDS:
                _check(name, kind, KINDS, "a metric kind")
            if flag.lower() not in _FLAG_VALUES[name]:
                _check(name, flag, _FLAG_VALUES[name], f"a value of {name}:")
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


BUILDERS: dict[str, Builder] = {
    "approx": _flags("approx"),
    "computed": _flags("computed"),
    "change": _figures("change", 1),
    "cut": _figures("cut", -1),
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
