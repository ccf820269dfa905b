"""Rules on a case's metrics: figures present, units known, ranges and arithmetic sound."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

from reformkit.case import metrics as arith
from reformkit.case.model import ERROR, WARNING, NodePath, Problem
from reformkit.rules.base import FileContext, Rule

METRIC_NO_FIGURE = Rule("RK301", "metric-no-figure", ERROR, "a metric states no figure")
METRIC_NO_UNIT = Rule("RK302", "metric-no-unit", ERROR, "a metric figure has no unit")
UNKNOWN_UNIT = Rule("RK303", "unknown-unit", ERROR, "a unit is not in reformkit.toml [vocab].units")
PERCENT_OUT_OF_RANGE = Rule("RK304", "percent-out-of-range", ERROR, "a percentage outside its possible range")
CHANGE_CONTRADICTS = Rule(
    "RK305", "change-contradicts", ERROR, "stated change disagrees with before and after"
)
REDUCTION_GREW = Rule("RK306", "reduction-grew", WARNING, "a reduction kind (time, materials…) increased")
BAD_RANGE = Rule("RK307", "bad-range", ERROR, "a FIELD_max without FIELD, or below it")
NUMBER_OUT_OF_RANGE = Rule(
    "RK308",
    "number-out-of-range",
    ERROR,
    "a figure beyond ±1e15 (value, before, after, change and their _max), or a change_pct above 1e6",
)
NEGATIVE_FIGURE = Rule(
    "RK309",
    "negative-figure",
    ERROR,
    "a negative value, before or after (or _max) for a kind that cannot be negative (time, cost…)",
)

#: The largest magnitude of a figure, and of a change_pct: no case states more, and every
#: figure within them computes (changes, unit conversion, rounding) without overflow.
FIGURE_LIMIT = 1e15
CHANGE_PCT_LIMIT = 1e6
#: Kinds whose figures count or measure something, so can never be below zero; ``change`` and
#: ``change_pct`` stay signed, and rate and efficiency may be negative (a growth rate).
NON_NEGATIVE_KINDS = frozenset({"time", "materials", "steps", "visits", "cost", "count", "volume", "amount"})
_LEVELS = ("value", "before", "after")

RULES: tuple[Rule, ...] = (
    METRIC_NO_FIGURE,
    METRIC_NO_UNIT,
    UNKNOWN_UNIT,
    PERCENT_OUT_OF_RANGE,
    CHANGE_CONTRADICTS,
    REDUCTION_GREW,
    BAD_RANGE,
    NUMBER_OUT_OF_RANGE,
    NEGATIVE_FIGURE,
)

_NUMERIC_WITH_UNIT = ("value", "before", "after", "change")
_FIGURES = frozenset(f for base in (*_NUMERIC_WITH_UNIT, "change_pct") for f in (base, f"{base}_max"))


class _Metric(NamedTuple):
    """One metric of the case: where it sits, its fields, and how messages name it."""

    base: NodePath
    fields: dict[str, Any]
    name: str

    def path(self, field: str | None = None) -> NodePath:
        return self.base + (field,) if field else self.base


def check(ctx: FileContext) -> Iterator[Problem]:
    """The enabled rules on every metric, metric by metric, in the order of ``_CHECKS``."""
    items = ctx.data.get("metrics")
    if not isinstance(items, list):
        return
    checks = [run for rule, run in _CHECKS if ctx.on(rule)]
    for index, fields in enumerate(items):
        if isinstance(fields, dict):
            label = fields.get("label", "")
            name = f"metric '{label}'" if isinstance(label, str) and label else "this metric"
            metric = _Metric(("metrics", index), fields, name)
            for run in checks:
                yield from run(ctx, metric)


def _number(value: Any) -> bool:
    """A finite number (a non-finite one is the loader's RK016; no rule computes with it)."""
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _kind(fields: dict[str, Any]) -> str:
    kind = fields.get("kind")
    return kind if isinstance(kind, str) else ""


def _in_range(ctx: FileContext, metric: _Metric) -> Iterator[Problem]:
    """Every figure within ±FIGURE_LIMIT; change_pct at most CHANGE_PCT_LIMIT (its lower
    bound, -100, is RK304's)."""
    for field, figure in metric.fields.items():
        if not isinstance(field, str) or not _number(figure) or field not in _FIGURES:
            continue
        if field.startswith("change_pct"):
            if figure > CHANGE_PCT_LIMIT:
                yield ctx.at(
                    metric.path(field),
                    NUMBER_OUT_OF_RANGE,
                    f"{metric.name}: {field} {arith.format_number(figure)} is above {CHANGE_PCT_LIMIT:,.0f} (percent); check the figure",
                )
        elif abs(figure) > FIGURE_LIMIT:
            yield ctx.at(
                metric.path(field),
                NUMBER_OUT_OF_RANGE,
                f"{metric.name}: {field} {arith.format_number(figure)} is beyond ±{FIGURE_LIMIT:.0e}; check the figure, or state it in a larger unit (万, 亿)",
            )


def _not_negative(ctx: FileContext, metric: _Metric) -> Iterator[Problem]:
    kind = _kind(metric.fields)
    if kind not in NON_NEGATIVE_KINDS:
        return
    for field in (*_LEVELS, *(f"{level}_max" for level in _LEVELS)):
        figure: Any = metric.fields.get(field)
        if _number(figure) and figure < 0:
            yield ctx.at(
                metric.path(field),
                NEGATIVE_FIGURE,
                f"{metric.name}: {field} {arith.format_number(figure)} is negative, which a {kind} figure cannot be; write it as stated (a fall goes in change or change_pct)",
            )


def _figure_stated(ctx: FileContext, metric: _Metric) -> Iterator[Problem]:
    if not any(field in metric.fields for field in arith.FIGURE_FIELDS):
        yield ctx.at(
            metric.path(),
            METRIC_NO_FIGURE,
            f"{metric.name} states no figure; add value, before/after, change or change_pct as the source states it, or remove the metric",
        )


def _unit_stated(ctx: FileContext, metric: _Metric) -> Iterator[Problem]:
    fields = metric.fields
    if any(_number(fields.get(f)) for f in _NUMERIC_WITH_UNIT) and not fields.get("unit"):
        yield ctx.at(
            metric.path(),
            METRIC_NO_UNIT,
            f"{metric.name} has figures but no unit; add unit (e.g. 工作日, 件, 万元; % for rates)",
        )


def _before_unit_has_before(ctx: FileContext, metric: _Metric) -> Iterator[Problem]:
    if "before_unit" in metric.fields and "before" not in metric.fields:
        yield ctx.at(
            metric.path("before_unit"),
            BAD_RANGE,
            f"{metric.name} has before_unit but no before; remove it or add before",
        )


def _units_known(ctx: FileContext, metric: _Metric) -> Iterator[Problem]:
    units = ctx.config.units
    if not units:
        return
    for field in ("unit", "before_unit"):
        unit = metric.fields.get(field)
        if isinstance(unit, str) and unit and unit not in units:
            yield ctx.at(
                metric.path(field),
                UNKNOWN_UNIT,
                f"unit '{unit}' is not in [vocab].units of reformkit.toml; use a listed unit or add it there",
            )


def _ranges_sound(ctx: FileContext, metric: _Metric) -> Iterator[Problem]:
    """A FIELD_max needs FIELD below it; approx names only fields the metric states."""
    fields = metric.fields
    for field in (*_NUMERIC_WITH_UNIT, "change_pct"):
        upper = fields.get(f"{field}_max")
        if upper is None:
            continue
        lower = fields.get(field)
        where = metric.path(f"{field}_max")
        if not _number(lower):
            yield ctx.at(where, BAD_RANGE, f"{field}_max needs {field} (the lower end of the range); add it")
        elif _number(upper) and upper < lower:
            yield ctx.at(where, BAD_RANGE, f"{field}_max {upper} is below {field} {lower}; swap them")
    approx = fields.get("approx")
    if isinstance(approx, dict):
        for field in approx:
            if isinstance(field, str) and field not in fields:
                yield ctx.at(
                    metric.path("approx"),
                    BAD_RANGE,
                    f"approx names {field}, which this metric does not state; remove it or add {field}",
                )


def _percents_possible(ctx: FileContext, metric: _Metric) -> Iterator[Problem]:
    """No fall beyond -100%; a rate in % between 0 and 100."""
    fields = metric.fields
    pct: Any = fields.get("change_pct")
    if _number(pct) and float(pct) < -100:
        yield ctx.at(
            metric.path("change_pct"),
            PERCENT_OUT_OF_RANGE,
            f"change_pct {pct} is below -100: nothing can fall by more than 100%; check the figure",
        )
    if fields.get("kind") == "rate" and fields.get("unit") == "%":
        for field in ("value", "before", "after"):
            figure: Any = fields.get(field)
            if _number(figure) and not 0 <= float(figure) <= 100:
                yield ctx.at(
                    metric.path(field),
                    PERCENT_OUT_OF_RANGE,
                    f"rate {field} {figure}% is outside 0-100%; check the figure or the kind",
                )


def _change_agrees(ctx: FileContext, metric: _Metric) -> Iterator[Problem]:
    """A stated change_pct or change agrees with before and after."""
    fields = metric.fields
    computed = arith.computed_change_pct(fields)
    if computed is not None and arith.is_exact(fields, "change_pct"):
        stated = float(fields["change_pct"])
        if abs(computed - stated) > ctx.config.rules.tolerance + 1e-9:
            shown = arith.format_computed(computed)
            yield ctx.at(
                metric.path("change_pct"),
                CHANGE_CONTRADICTS,
                f"{metric.name}: change_pct {arith.format_number(stated)} disagrees with before→after, which gives {shown}; record the figures as the source states them",
            )
    if (
        arith.is_exact(fields, "change")
        and arith.is_exact(fields, "before")
        and arith.is_exact(fields, "after")
    ):
        before = arith.before_in_unit(fields)
        if before is not None:
            difference = float(fields["after"]) - before
            if abs(difference - float(fields["change"])) > 1e-6 * max(1.0, abs(difference)):
                yield ctx.at(
                    metric.path("change"),
                    CHANGE_CONTRADICTS,
                    f"{metric.name}: change {fields['change']} disagrees with after − before = {arith.format_computed(difference)}; check the figures",
                )


def _reduction_fell(ctx: FileContext, metric: _Metric) -> Iterator[Problem]:
    fields = metric.fields
    if _kind(fields) in arith.REDUCTION_KINDS and arith.direction(fields) > 0:
        yield ctx.at(
            metric.path(),
            REDUCTION_GREW,
            f"{metric.name} is kind '{fields.get('kind')}' but the figure grew; check the sign (a reduction is negative) or the kind",
        )


_Check = Callable[[FileContext, _Metric], Iterator[Problem]]

#: Each check with the rule it applies, in the order a metric's problems are reported.
_CHECKS: tuple[tuple[Rule, _Check], ...] = (
    (METRIC_NO_FIGURE, _figure_stated),
    (METRIC_NO_UNIT, _unit_stated),
    (BAD_RANGE, _before_unit_has_before),
    (UNKNOWN_UNIT, _units_known),
    (BAD_RANGE, _ranges_sound),
    (PERCENT_OUT_OF_RANGE, _percents_possible),
    (CHANGE_CONTRADICTS, _change_agrees),
    (REDUCTION_GREW, _reduction_fell),
    (NUMBER_OUT_OF_RANGE, _in_range),
    (NEGATIVE_FIGURE, _not_negative),
)
