"""The query language: parse a query string, then match and rank index records.

``free text`` terms are ANDed, ``"a phrase"`` is one term, ``-term`` excludes, and
``name:value`` qualifiers filter. In a qualifier ``a,b`` means either; repeating a qualifier
means both. ``year:``, ``published:`` and ``batch:`` take ``V``, ``>=V``, ``<=V``, ``>V``,
``<V`` and ``A..B``. Text is folded (NFKC, traditional to simplified, casefold) on both sides.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from reformkit import dates
from reformkit.errors import UsageError
from reformkit.library.index import HAS_VALUES, TEXT_FIELDS, Record
from reformkit.textnorm import fold

#: A filter's test of one index record.
Test = Callable[[Record], bool]
Builder = Callable[[tuple[str, ...]], Test]

QUALIFIERS = (
    "id",
    "program",
    "batch",
    "region",
    "tag",
    "agency",
    "status",
    "kind",
    "year",
    "published",
    "has",
    "in",
)
STATUSES = ("implemented", "pilot", "planned")


@dataclass(frozen=True)
class Term:
    text: str  # folded
    negated: bool = False

    @property
    def raw(self) -> bytes:
        """The folded term as UTF-8, as the index stores field text."""
        return self.text.encode("utf-8")


@dataclass(frozen=True)
class Filter:
    name: str
    values: tuple[str, ...]
    negated: bool = False
    test: Test = field(compare=False, default=lambda r: True)


@dataclass
class Query:
    terms: list[Term] = field(default_factory=list)
    filters: list[Filter] = field(default_factory=list)
    fields: tuple[str, ...] = tuple(TEXT_FIELDS)

    @property
    def slots(self) -> list[tuple[int, str, int]]:
        """(position in TEXT_FIELDS, name, weight) of each searched field, best first."""
        order = list(TEXT_FIELDS)
        return sorted(((order.index(n), n, TEXT_FIELDS[n]) for n in self.fields), key=lambda s: -s[2])

    @property
    def has_text(self) -> bool:
        return any(not t.negated for t in self.terms)


_TOKEN = re.compile(r'\s*(-?)(?:([a-z_]+):)?("[^"]*"|[^\s"]+|"[^"]*$)?')


def tokenize(text: str) -> list[tuple[bool, str | None, str]]:
    """Split a query into (negated, qualifier or None, value) triples."""
    tokens = []
    position = 0
    text = text.strip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if not match or match.end() == position:
            raise UsageError(f"cannot read the query at {text[position:]!r}")
        negated, name, value = match.groups()
        value = value or ""
        if not value and name is None:
            raise UsageError(f"cannot read the query at {text[position:]!r}")
        if value.startswith('"'):
            if len(value) < 2 or not value.endswith('"'):
                raise UsageError(f'unbalanced quote in the query at {value!r}; close the phrase with "')
            value = value[1:-1]
        tokens.append((negated == "-", name, value))
        position = match.end()
        while position < len(text) and text[position].isspace():
            position += 1
    return tokens


def parse(text: str, *, extra: Sequence[tuple[str, str]] = ()) -> Query:
    """Parse a query string, plus qualifiers given as options (``--tag X`` -> ``tag:X``)."""
    query = Query()
    in_fields: list[str] = []
    tokens: list[tuple[bool, str | None, str]] = tokenize(text or "")
    tokens += [(False, name, value) for name, value in extra]
    for negated, name, value in tokens:
        if name is None:
            folded = fold(value).strip()
            if folded:
                query.terms.append(Term(folded, negated))
            elif negated:
                raise UsageError("'-' must be followed by a term or qualifier to exclude")
            continue
        if name not in QUALIFIERS:
            raise UsageError(
                f"unknown qualifier '{name}:'; use one of {', '.join(q + ':' for q in QUALIFIERS)}"
            )
        values = tuple(v for v in value.split(",") if v != "")
        if not values:
            raise UsageError(f"qualifier '{name}:' needs a value, e.g. {_EXAMPLES[name]}")
        if name == "in":
            for v in values:
                if v not in TEXT_FIELDS:
                    raise UsageError(f"in:{v} is not a text field; use one of {', '.join(TEXT_FIELDS)}")
            if negated:
                raise UsageError("in: cannot be negated; name the fields to search instead")
            in_fields.extend(values)
            continue
        test = _BUILDERS[name](values)
        query.filters.append(Filter(name, values, negated, test))
    if in_fields:
        query.fields = tuple(dict.fromkeys(in_fields))
    return query


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
    "published": "published:>=2023-01-01",
    "has": "has:metrics",
    "in": "in:title",
}


def _exact(read: Callable[[Record], str]) -> Builder:
    def build(values: tuple[str, ...]) -> Test:
        wanted = set(values)
        return lambda record: read(record) in wanted

    return build


def _status(values: tuple[str, ...]) -> Test:
    for v in values:
        if v not in STATUSES:
            raise UsageError(f"status:{v} is not a status; use one of {', '.join(STATUSES)}")
    wanted = set(values)
    return lambda record: record.status in wanted


def _kind(values: tuple[str, ...]) -> Test:
    from reformkit.metrics import KINDS

    for v in values:
        if v not in KINDS:
            raise UsageError(f"kind:{v} is not a metric kind; use one of {', '.join(KINDS)}")
    wanted = set(values)
    return lambda record: bool(wanted.intersection(record.kinds))


def _tag(values: tuple[str, ...]) -> Test:
    wanted = {fold(v) for v in values}
    return lambda record: bool(wanted.intersection(record.folded_tags))


def _agency(values: tuple[str, ...]) -> Test:
    wanted = [fold(v) for v in values]
    return lambda record: any(w in a for w in wanted for a in record.folded_agencies)


def _region(values: tuple[str, ...]) -> Test:
    wanted = [fold(v) for v in values]
    return lambda record: any(r.startswith(w) for w in wanted for r in record.folded_region)


def _has(values: tuple[str, ...]) -> Test:
    for v in values:
        if v not in HAS_VALUES:
            raise UsageError(f"has:{v} is not something a case can have; use one of {', '.join(HAS_VALUES)}")
    return lambda record: any(v in record.has for v in values)


_RANGE = re.compile(r"^(?:(>=|<=|>|<)(.+)|(.+)\.\.(.+)|(.+))$")


#: A bound of a range: a year or batch number, or a day.
B = TypeVar("B", int, datetime.date)


def _ranges(
    values: tuple[str, ...], convert: Callable[[str], tuple[B, B]], name: str
) -> list[tuple[B | None, B | None]]:
    """Each value as an inclusive (low, high) interval; None for an open end."""
    intervals: list[tuple[B | None, B | None]] = []
    for value in values:
        match = _RANGE.match(value)
        assert match is not None  # the pattern matches any non-empty text
        op, operand, low, high, single = match.groups()
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
                interval = (convert(low)[0], convert(high)[1])
            else:
                interval = convert(single)
        except ValueError as exc:
            raise UsageError(f"{name}:{value} {exc}; e.g. {_EXAMPLES[name]}") from None
        intervals.append(interval)
    return intervals


def _after(value: B) -> B:
    if isinstance(value, datetime.date):
        return value + datetime.timedelta(days=1)
    return value + 1


def _before(value: B) -> B:
    if isinstance(value, datetime.date):
        return value - datetime.timedelta(days=1)
    return value - 1


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


def _year(values: tuple[str, ...]) -> Test:
    def span(text: str) -> tuple[int, int]:
        if not re.fullmatch(r"\d{4}", text):
            raise ValueError("is not a year (YYYY)")
        return int(text), int(text)

    intervals = _ranges(values, span, "year")
    return lambda record: any(_in(int(record.published[:4]), i) for i in intervals)


def _published(values: tuple[str, ...]) -> Test:
    intervals = _ranges(values, _date_span, "published")
    # A partial date covers a period; it matches when its period starts inside the interval.
    return lambda record: any(_in(dates.first_day(record.published), i) for i in intervals)


def _batch(values: tuple[str, ...]) -> Test:
    intervals = _ranges(values, _whole, "batch")
    return lambda record: record.batch is not None and any(_in(record.batch, i) for i in intervals)


_BUILDERS: dict[str, Builder] = {
    "id": _exact(lambda record: record.id),
    "program": _exact(lambda record: record.program),
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


#: Whatever the caller attached each record to (``select`` attaches the ``FileRecord``).
S = TypeVar("S")


@dataclass(frozen=True)
class Hit(Generic[S]):
    record: Record
    score: int
    best_field: str | None
    source: S


def match(query: Query, record: Record, slots: list[tuple[int, str, int]] | None = None) -> Hit[None] | None:
    """The hit for a record, or None when it does not match (``slots``: ``query.slots``, given
    by callers that match many records)."""
    for flt in query.filters:
        if flt.test(record) == flt.negated:
            return None
    if not query.terms:
        return Hit(record, 0, None, None)
    texts = record.text  # folded UTF-8 bytes of each of TEXT_FIELDS, in that order
    if slots is None:
        slots = query.slots
    score = 0
    best_field = None
    best_weight = 0
    for term in query.terms:
        weight = 0
        hit_field = None
        raw = term.raw
        for position, name, field_weight in slots:
            if field_weight > weight and raw in texts[position]:
                weight = field_weight
                hit_field = name
        if term.negated:
            if weight:
                return None
            continue
        if not weight:
            return None
        score += weight
        if weight > best_weight:
            best_weight, best_field = weight, hit_field
    return Hit(record, score, best_field, None)


SORTS = ("relevance", "date", "id", "title")


def search(query: Query, records: Sequence[tuple[Record, S]], *, sort: str = "relevance") -> list[Hit[S]]:
    """Matching (record, source) pairs, ranked: score (highest first), then newest, then id."""
    hits: list[Hit[S]] = []
    slots = query.slots
    for record, source in records:
        hit = match(query, record, slots)
        if hit is not None:
            hits.append(Hit(hit.record, hit.score, hit.best_field, source))
    hits.sort(key=lambda h: h.record.id)
    if sort == "id":
        return hits
    if sort == "title":
        hits.sort(key=lambda h: h.record.title)
        return hits
    hits.sort(key=lambda h: h.record.published, reverse=True)
    if sort == "relevance":
        hits.sort(key=lambda h: h.score, reverse=True)
    return hits
