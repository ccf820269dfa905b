"""Chart facts: how much each case cut time, materials, steps, visits and cost.

For every reduction kind, one bar per case: the case's largest relative change of that kind,
and whether the document states it (``change_pct``) or it is computed from exact before and
after figures. Numbers only; the words and the drawing are the render layer's.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from reformkit.case.metrics import KINDS, REDUCTION_KINDS, change_pct

#: The reduction kinds in the order charts show them.
CHART_KINDS = tuple(kind for kind in KINDS if kind in REDUCTION_KINDS)


@dataclass(frozen=True)
class Bar:
    """One case's relative change of one kind."""

    position: int  # the case's number in the briefing, from 1
    case_id: str
    case_title: str
    label: str  # the metric's label
    pct: float  # relative change in percent: -76.0 is a cut of 76 %
    stated: bool  # True: stated in the document; False: computed from before and after
    approx: str | None  # the stated figure's approximation (about, over, under), if any
    pct_max: float | None  # the upper end of a stated range, if any
    kind: str = ""  # the metric's kind (its verb of change: 压缩, 减少 …)


@dataclass(frozen=True)
class KindChart:
    kind: str
    bars: tuple[Bar, ...]

    @property
    def scale(self) -> float:
        """The percentage a full-length bar stands for: 100, or more if a change exceeds it."""
        return max([100.0] + [abs(b.pct_max if b.pct_max is not None else b.pct) for b in self.bars])


def _bar(position: int, case: Mapping[str, Any], metric: Mapping[str, Any]) -> Bar | None:
    pct = change_pct(dict(metric))
    if pct is None:
        return None
    stated_value = metric.get("change_pct")
    stated = isinstance(stated_value, int | float) and not isinstance(stated_value, bool)
    approx = (metric.get("approx") or {}).get("change_pct") if stated else None
    upper = metric.get("change_pct_max") if stated else None
    return Bar(
        position=position,
        case_id=str(case.get("id", "")),
        case_title=str(case.get("title", "")),
        label=str(metric.get("label", "")),
        pct=pct,
        stated=stated,
        approx=approx if isinstance(approx, str) else None,
        pct_max=float(upper) if isinstance(upper, int | float) and not isinstance(upper, bool) else None,
        kind=str(metric.get("kind") or ""),
    )


def reduction_charts(cases: Iterable[tuple[int, Mapping[str, Any]]]) -> list[KindChart]:
    """One chart per reduction kind that has a change, bars from the largest cut down, of
    ``cases`` given as (their number in the briefing, the case).

    A case with several metrics of a kind is shown by the one with the largest change (the
    first of equals).
    """
    best: dict[str, dict[int, Bar]] = {kind: {} for kind in CHART_KINDS}
    for position, case in cases:
        for metric in case.get("metrics") or []:
            kind = metric.get("kind")
            if kind not in best:
                continue
            bar = _bar(position, case, metric)
            if bar is None:
                continue
            current = best[kind].get(position)
            if current is None or abs(bar.pct) > abs(current.pct):
                best[kind][position] = bar
    charts = []
    for kind in CHART_KINDS:
        bars = sorted(best[kind].values(), key=lambda b: (b.pct, b.position))
        if bars:
            charts.append(KindChart(kind, tuple(bars)))
    return charts
