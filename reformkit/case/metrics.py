"""Metric arithmetic: kinds, units, exact unit conversion and stated-versus-computed change.

Every function here is total: any finite input gives a result, or None where the result is
"not computable" (units that do not mix, a zero or tiny ``before`` whose change overflows, a
figure too large for a float). Nothing raises for a figure, however large or small.

Units carry their multiplier (万笔, 亿元). Two units convert only when they measure the same
dimension and the factor is exact: 分钟↔小时, 元↔万元↔亿元, 个月↔年. 天 and 工作日 are
different dimensions and never mix.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext

#: A metric as these functions take it: a valid ``model.Metric``, or a mapping still being
#: checked (the rules call them before validation is over), so every value is checked here.
MetricLike = Mapping[str, object]

KINDS = (
    "time",
    "materials",
    "steps",
    "visits",
    "cost",
    "volume",
    "amount",
    "rate",
    "count",
    "efficiency",
)
#: Kinds whose figures the reforms aim to reduce (减时间·减材料·减环节·减跑动, cost).
REDUCTION_KINDS = frozenset({"time", "materials", "steps", "visits", "cost"})
FIGURE_FIELDS = ("value", "before", "after", "change", "change_pct")

_MULTIPLIERS = {"万": Decimal(10_000), "亿": Decimal(100_000_000), "千": Decimal(1000), "百": Decimal(100)}
# base unit -> (dimension, factor to the dimension's base)
_BASE_UNITS: dict[str, tuple[str, Decimal]] = {
    "秒": ("duration", Decimal(1)),
    "秒钟": ("duration", Decimal(1)),
    "分钟": ("duration", Decimal(60)),
    "小时": ("duration", Decimal(3600)),
    "个小时": ("duration", Decimal(3600)),
    "工作日": ("workday", Decimal(1)),
    "个工作日": ("workday", Decimal(1)),
    "天": ("day", Decimal(1)),
    "日": ("day", Decimal(1)),
    "个月": ("month", Decimal(1)),
    "月": ("month", Decimal(1)),
    "年": ("month", Decimal(12)),
    "元": ("money", Decimal(1)),
    "%": ("percent", Decimal(1)),
}


@dataclass(frozen=True)
class Unit:
    dimension: str
    factor: Decimal


def parse_unit(unit: str) -> Unit:
    """The dimension and scale of a unit; unknown units are their own dimension."""
    text = unit.strip()
    if text in _BASE_UNITS:
        dimension, factor = _BASE_UNITS[text]
        return Unit(dimension, factor)
    if len(text) > 1 and text[0] in _MULTIPLIERS:
        rest = parse_unit(text[1:])
        return Unit(rest.dimension, rest.factor * _MULTIPLIERS[text[0]])
    return Unit(f"unit:{text}", Decimal(1))


def convert(amount: float, from_unit: str, to_unit: str) -> float | None:
    """``amount`` in ``from_unit`` expressed in ``to_unit``; None when the units do not mix or
    the amount (or the result) is not a finite float."""
    source, target = parse_unit(from_unit), parse_unit(to_unit)
    number = _number(amount)
    if source.dimension != target.dimension or number is None:
        return None
    return _finite(float(Decimal(repr(number)) * source.factor / target.factor))


def _finite(value: float) -> float | None:
    return value if math.isfinite(value) else None


def _number(value: object) -> float | None:
    """A figure as a finite float, or None when it is not one: not a number (booleans are not
    numbers here), NaN, an infinity, or an integer too large for a float."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        return _finite(float(value))
    except OverflowError:
        return None


def is_exact(metric: MetricLike, field: str) -> bool:
    """A figure stated exactly: present, numeric, not approximate, not a range."""
    if _number(metric.get(field)) is None:
        return False
    approx = metric.get("approx")
    if isinstance(approx, dict) and field in approx:
        return False
    return f"{field}_max" not in metric


def before_in_unit(metric: MetricLike) -> float | None:
    """``before`` converted to the metric's ``unit`` (None if it cannot be)."""
    before = _number(metric.get("before"))
    if before is None:
        return None
    before_unit = metric.get("before_unit")
    unit = metric.get("unit")
    if not before_unit or before_unit == unit:
        return before
    if not isinstance(before_unit, str) or not isinstance(unit, str):
        return None
    return convert(before, before_unit, unit)


def computed_change_pct(metric: MetricLike) -> float | None:
    """Relative change from exact before/after in convertible units, else None."""
    if not (is_exact(metric, "before") and is_exact(metric, "after")):
        return None
    before = before_in_unit(metric)
    after = _number(metric["after"])
    if before is None or before == 0 or after is None:
        return None
    return _finite((after - before) / before * 100)


def change_pct(metric: MetricLike) -> float | None:
    """The metric's relative change: stated if given (and finite), else computed from
    before/after; None when neither is computable."""
    stated = _number(metric.get("change_pct"))
    if stated is not None:
        return stated
    return computed_change_pct(metric)


def change_basis(metric: MetricLike) -> str:
    """Where ``change_pct`` takes the metric's relative change from: ``stated`` (its own
    ``change_pct``), ``computed`` (from exact before → after), or "" when it has none."""
    if _number(metric.get("change_pct")) is not None:
        return "stated"
    return "computed" if computed_change_pct(metric) is not None else ""


def direction(metric: MetricLike) -> int:
    """-1 when the figure fell, +1 when it rose, 0 when unknown or unchanged."""
    for value in (metric.get("change_pct"), metric.get("change"), computed_change_pct(metric)):
        candidate = _number(value)
        if candidate:
            return -1 if candidate < 0 else 1
    return 0


def round_half_away(value: float, places: int = 1) -> Decimal:
    """Round as the documents do: half away from zero (2.25 -> 2.3, -2.25 -> -2.3).

    Exact for every finite float, however large or small (1e300 keeps all its digits); a
    non-finite value comes back as the Decimal NaN or infinity it is, unrounded."""
    exact = Decimal(repr(float(value)))
    if not exact.is_finite():
        return exact
    quantum = Decimal(1).scaleb(-places)
    with localcontext() as context:
        # Enough digits for the integer part and the places kept: quantize never overflows.
        context.prec = max(28, exact.adjusted() + places + 2)
        return exact.quantize(quantum, rounding=ROUND_HALF_UP)


def format_number(value: float | int) -> str:
    """A stated figure for display, exactly as recorded: 20, 1.04, 99.36 (1e+300 stays short;
    a non-finite value is shown as nan, inf or -inf)."""
    if isinstance(value, int):
        return str(value)
    number = float(value)
    if number.is_integer() and abs(number) < 1e16:
        return str(int(number))
    return repr(number)


def format_computed(value: float) -> str:
    """A computed figure (a derived change, a median) to one decimal, half away from zero;
    beyond 1e15, where a decimal place means nothing, in six significant digits (1e+302)."""
    if not math.isfinite(value) or abs(value) >= 1e15:
        return f"{value:.6g}"
    return str(round_half_away(value))


def key_metrics(metrics: Sequence[MetricLike], limit: int = 1) -> list[int]:
    """关键数据, the one definition every output uses (search's table, the briefings'
    overview, digest): the positions of a case's key metrics, best first.

    The key metrics are the largest relative reductions (stated ``change_pct``, else computed
    from exact before/after) among the kinds reforms aim to reduce (time, materials, steps,
    visits, cost); a case stating no such reduction is led by its largest relative change of
    any kind (by size, up or down). A case with no relative change has no key metric. Ties go
    to the metric listed first.
    """
    changes = [(pct, index) for index, m in enumerate(metrics) if (pct := change_pct(m)) is not None]
    cuts = sorted(
        (pct, index) for pct, index in changes if pct < 0 and metrics[index].get("kind") in REDUCTION_KINDS
    )
    if cuts:
        return [index for _, index in cuts[:limit]]
    moves = sorted((-abs(pct), index) for pct, index in changes if pct)
    return [index for _, index in moves[:limit]]
