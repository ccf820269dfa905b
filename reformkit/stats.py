"""Counts over a selection of cases, and metric summaries by kind: facts only (keys as data,
numbers as numbers); ``render.stats`` words them."""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from reformkit.case.metrics import KINDS, REDUCTION_KINDS
from reformkit.library.index.record import Record

DIMENSIONS = ("program", "batch", "region", "year", "tag", "agency", "status", "kind")
DEFAULT_DIMENSIONS = ("program", "year", "region", "tag", "status", "kind")

#: A count's key as data: (program,) for a program, (program, batch) for a batch, (province,)
#: or (province, city) for a region, (value,) for the others.
Key = tuple[Any, ...]


@dataclass(frozen=True)
class KindSummary:
    """The relative changes of one metric kind. ``largest`` is the biggest move the reforms
    aim for (the largest cut for time, materials, steps, visits and cost; the largest rise
    for the other kinds), ``smallest`` the least; ``low`` and ``high`` the plain minimum and
    maximum (the same two, one way round or the other)."""

    kind: str
    cases: int  # cases stating a metric of this kind
    figures: int  # metrics of this kind with a relative change
    median: float | None = None
    low: float | None = None
    low_case: str = ""
    high: float | None = None
    high_case: str = ""

    @property
    def falls(self) -> bool:
        """The reforms aim to reduce this kind (a cut is the better change)."""
        return self.kind in REDUCTION_KINDS

    @property
    def largest(self) -> tuple[float | None, str]:
        return (self.low, self.low_case) if self.falls else (self.high, self.high_case)

    @property
    def smallest(self) -> tuple[float | None, str]:
        return (self.high, self.high_case) if self.falls else (self.low, self.low_case)


@dataclass
class Stats:
    total: int
    #: dimension -> (key, count) in reading order: most first (ties by name), years in year
    #: order, regions as a tree (each province, then its cities).
    counts: dict[str, list[tuple[Key, int]]] = field(default_factory=dict)
    kinds: list[KindSummary] = field(default_factory=list)


def _keys(record: Record, dimension: str) -> list[Key]:
    if dimension == "program":
        return [(record.program,)]
    if dimension == "batch":
        return [(record.program, record.batch)] if record.batch is not None else []
    if dimension == "region":  # a case counts for its province and for its city
        return [(record.province,)] + ([(record.province, record.city)] if record.city else [])
    if dimension == "year":
        return [(record.published[:4],)]
    if dimension == "tag":
        return [(tag,) for tag in record.tags]
    if dimension == "agency":
        return [(agency,) for agency in record.agencies]
    if dimension == "status":
        return [(record.status,)]
    if dimension == "kind":
        return [(kind,) for kind in record.kinds]
    raise ValueError(dimension)


def _ordered(dimension: str, counter: Counter[Key]) -> list[tuple[Key, int]]:
    if dimension == "year":
        return sorted(counter.items())
    if dimension == "batch":
        return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0][0], kv[0][1]))
    if dimension == "kind":
        return sorted(
            counter.items(), key=lambda kv: (-kv[1], KINDS.index(kv[0][0]) if kv[0][0] in KINDS else 99)
        )
    if dimension == "region":
        provinces = sorted(
            ((k, c) for k, c in counter.items() if len(k) == 1), key=lambda kv: (-kv[1], kv[0])
        )
        tree: list[tuple[Key, int]] = []
        for key, count in provinces:
            tree.append((key, count))
            cities = [(k, c) for k, c in counter.items() if len(k) == 2 and k[0] == key[0]]
            tree += sorted(cities, key=lambda kv: (-kv[1], kv[0]))
        return tree
    return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))


def _summary(kind: str, stating: int, changes: list[tuple[float, str]]) -> KindSummary:
    """The summary of a kind stated by ``stating`` cases, from its (change, case id) pairs."""
    if not changes:
        return KindSummary(kind, stating, 0)
    low = min(pct for pct, _ in changes)
    high = max(pct for pct, _ in changes)
    return KindSummary(
        kind,
        stating,
        len(changes),
        median=statistics.median(pct for pct, _ in changes),
        low=low,
        low_case=min(case for pct, case in changes if pct == low),  # ties: the case first by id
        high=high,
        high_case=min(case for pct, case in changes if pct == high),
    )


def compute(records: list[Record], dimensions: tuple[str, ...] = DEFAULT_DIMENSIONS) -> Stats:
    result = Stats(total=len(records))
    for dimension in dimensions:
        counter = Counter(key for record in records for key in _keys(record, dimension))
        result.counts[dimension] = _ordered(dimension, counter)
    stating = Counter(kind for record in records for kind in set(record.kinds))
    changes: dict[str, list[tuple[float, str]]] = {}
    for record in records:
        for metric_kind, pct, *_ in record.metrics:
            if pct is not None and metric_kind in record.kinds:
                changes.setdefault(metric_kind, []).append((pct, record.id))
    result.kinds = [_summary(kind, stating[kind], changes.get(kind, [])) for kind in KINDS if stating[kind]]
    return result
