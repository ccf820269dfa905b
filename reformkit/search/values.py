"""A qualifier's value: what it may be (the library's programs and tags, the names of kinds
and statuses), an example of each qualifier for messages, and ranges (``2021..2023``,
``50..``, ``..2023-06``) read into intervals of years, days, batches or percentages."""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar, cast

from reformkit.errors import UsageError
from reformkit.text.suggest import did_you_mean

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


def check_value(name: str, value: str, allowed: Sequence[str], what: str) -> None:
    """A usage error for a value outside ``allowed``, with the closest one suggested."""
    raise UsageError(
        f"{name}:{value} is not {what}{did_you_mean(value, allowed)}; use one of {', '.join(allowed)}"
    )


_RANGE = re.compile(r"^(?:(>=|<=|>|<)(.*)|(.*)\.\.(.*)|(.+))$")


#: A bound of a range: a year or batch number, a day, or a percentage.
B = TypeVar("B", int, datetime.date, float)


def ranges(
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


def within(value: B, interval: tuple[B | None, B | None]) -> bool:
    low, high = interval
    return (low is None or value >= low) and (high is None or value <= high)
