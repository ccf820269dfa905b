"""Counts over a selection of cases, and metric summaries by kind."""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from reformkit.case.metrics import KINDS
from reformkit.library.index.record import Record
from reformkit.wording import describe

DIMENSIONS = ("program", "batch", "region", "year", "tag", "agency", "status", "kind")
DEFAULT_DIMENSIONS = ("program", "year", "region", "tag", "status", "kind")


@dataclass(frozen=True)
class KindSummary:
    kind: str
    cases: int  # cases stating a metric of this kind
    figures: int  # metrics of this kind with a relative change
    median: float | None = None
    low: float | None = None
    low_case: str = ""
    high: float | None = None
    high_case: str = ""


@dataclass
class Stats:
    total: int
    counts: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    kinds: list[KindSummary] = field(default_factory=list)


def _keys(record: Record, dimension: str) -> list[str]:
    if dimension == "program":
        return [record.program]
    if dimension == "batch":
        return [describe.program_batch(record.program, record.batch)] if record.batch is not None else []
    if dimension == "region":
        return [describe.region(record.province, record.city, shape="city")]
    if dimension == "year":
        return [record.published[:4]]
    if dimension == "tag":
        return list(record.tags)
    if dimension == "agency":
        return list(record.agencies)
    if dimension == "status":
        return [record.status]
    if dimension == "kind":
        return list(record.kinds)
    raise ValueError(dimension)


def compute(records: list[Record], dimensions: tuple[str, ...] = DEFAULT_DIMENSIONS) -> Stats:
    result = Stats(total=len(records))
    for dimension in dimensions:
        counter: Counter[str] = Counter()
        for record in records:
            counter.update(_keys(record, dimension))
        # Most first; ties in a stable, readable order (years newest first, others by name).
        ordered = sorted(counter.items(), key=lambda kv: (-kv[1], _tie(dimension, kv[0])))
        result.counts[dimension] = ordered
    for kind in KINDS:
        stating = [r for r in records if kind in r.kinds]
        if not stating:
            continue
        changes = [
            (pct, record.id)
            for record in stating
            for metric_kind, pct, _label in record.metrics
            if metric_kind == kind and pct is not None
        ]
        if not changes:
            result.kinds.append(KindSummary(kind, len(stating), 0))
            continue
        low = min(changes, key=lambda c: (c[0], c[1]))
        high = max(changes, key=lambda c: (c[0], [-ord(ch) for ch in c[1]]))
        result.kinds.append(
            KindSummary(
                kind,
                len(stating),
                len(changes),
                median=statistics.median(c[0] for c in changes),
                low=low[0],
                low_case=low[1],
                high=high[0],
                high_case=high[1],
            )
        )
    return result


def _tie(dimension: str, key: str) -> Any:
    if dimension == "year":
        return [-ord(ch) for ch in key]
    if dimension == "kind":
        return KINDS.index(key) if key in KINDS else len(KINDS)
    return key
