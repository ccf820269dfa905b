"""Metric arithmetic: kinds, units, exact unit conversion and stated-versus-computed change.

Units carry their multiplier (万笔, 亿元). Two units convert only when they measure the same
dimension and the factor is exact: 分钟↔小时, 元↔万元↔亿元, 个月↔年. 天 and 工作日 are
different dimensions and never mix.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

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
    """``amount`` in ``from_unit`` expressed in ``to_unit``, or None when they do not mix."""
    source, target = parse_unit(from_unit), parse_unit(to_unit)
    if source.dimension != target.dimension:
        return None
    return float(Decimal(str(amount)) * source.factor / target.factor)


def _number(value: object) -> float | None:
    """A figure as a number, or None when it is not one (booleans are not numbers here)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
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
        return float(before)
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
    return (float(after) - before) / before * 100


def change_pct(metric: MetricLike) -> float | None:
    """The metric's relative change: stated if given, else computed from before/after."""
    stated = _number(metric.get("change_pct"))
    if stated is not None:
        return float(stated)
    return computed_change_pct(metric)


def direction(metric: MetricLike) -> int:
    """-1 when the figure fell, +1 when it rose, 0 when unknown or unchanged."""
    for value in (metric.get("change_pct"), metric.get("change"), computed_change_pct(metric)):
        candidate = _number(value)
        if candidate:
            return -1 if candidate < 0 else 1
    return 0


def round_half_away(value: float, places: int = 1) -> Decimal:
    """Round as the documents do: half away from zero (2.25 -> 2.3, -2.25 -> -2.3)."""
    quantum = Decimal(1).scaleb(-places)
    return Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)


def format_number(value: float | int) -> str:
    """A stated figure for display, exactly as recorded: 20, 1.04, 99.36."""
    if isinstance(value, int) or float(value).is_integer():
        return str(int(value))
    return repr(float(value))


def format_computed(value: float) -> str:
    """A computed figure (a derived change, a median) to one decimal, half away from zero."""
    return str(round_half_away(value))
