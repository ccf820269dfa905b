"""Rules on a case's metrics: figures present, units known, ranges and arithmetic sound."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reformkit import metrics as arith
from reformkit.codes import problem
from reformkit.config import Config
from reformkit.model import LoadedFile, Problem, dotted

_NUMERIC_WITH_UNIT = ("value", "before", "after", "change")


def check(loaded: LoadedFile, config: Config) -> Iterator[Problem]:
    data = loaded.data
    items = data.get("metrics") if data else None
    if not isinstance(items, list):
        return
    for index, metric in enumerate(items):
        if isinstance(metric, dict):
            yield from _check_metric(loaded, config, ("metrics", index), metric)


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _check_metric(
    loaded: LoadedFile, config: Config, base: tuple[Any, ...], metric: dict[str, Any]
) -> Iterator[Problem]:
    def at(field: str | None, code: str, message: str) -> Problem:
        node_path = base + (field,) if field else base
        line, column = loaded.locate(node_path)
        return problem(loaded.path, line, column, code, message, dotted(node_path))

    label = metric.get("label", "")
    name = f"metric '{label}'" if isinstance(label, str) and label else "this metric"
    if not any(field in metric for field in arith.FIGURE_FIELDS):
        yield at(
            None,
            "RK301",
            f"{name} states no figure; add value, before/after, change or change_pct as the source states it, or remove the metric",
        )

    if any(_number(metric.get(f)) for f in _NUMERIC_WITH_UNIT) and not metric.get("unit"):
        yield at(
            None, "RK302", f"{name} has figures but no unit; add unit (e.g. 工作日, 件, 万元; % for rates)"
        )
    if "before_unit" in metric and "before" not in metric:
        yield at("before_unit", "RK307", f"{name} has before_unit but no before; remove it or add before")

    if config.units:
        for field in ("unit", "before_unit"):
            unit = metric.get(field)
            if isinstance(unit, str) and unit and unit not in config.units:
                yield at(
                    field,
                    "RK303",
                    f"unit '{unit}' is not in [vocab].units of reformkit.toml; use a listed unit or add it there",
                )

    for field in (*_NUMERIC_WITH_UNIT, "change_pct"):
        upper = metric.get(f"{field}_max")
        if upper is None:
            continue
        lower = metric.get(field)
        if not _number(lower):
            yield at(
                f"{field}_max", "RK307", f"{field}_max needs {field} (the lower end of the range); add it"
            )
        elif _number(upper) and upper < lower:
            yield at(f"{field}_max", "RK307", f"{field}_max {upper} is below {field} {lower}; swap them")

    approx = metric.get("approx")
    if isinstance(approx, dict):
        for field in approx:
            if isinstance(field, str) and field not in metric:
                yield at(
                    "approx",
                    "RK307",
                    f"approx names {field}, which this metric does not state; remove it or add {field}",
                )

    pct: Any = metric.get("change_pct")
    if _number(pct) and float(pct) < -100:
        yield at(
            "change_pct",
            "RK304",
            f"change_pct {pct} is below -100: nothing can fall by more than 100%; check the figure",
        )
    if metric.get("kind") == "rate" and metric.get("unit") == "%":
        for field in ("value", "before", "after"):
            figure: Any = metric.get(field)
            if _number(figure) and not 0 <= float(figure) <= 100:
                yield at(
                    field, "RK304", f"rate {field} {figure}% is outside 0-100%; check the figure or the kind"
                )

    yield from _check_agreement(metric, config, at, name)

    if metric.get("kind") in arith.REDUCTION_KINDS and arith.direction(metric) > 0:
        yield at(
            None,
            "RK306",
            f"{name} is kind '{metric.get('kind')}' but the figure grew; check the sign (a reduction is negative) or the kind",
        )


def _check_agreement(metric: dict[str, Any], config: Config, at: Any, name: str) -> Iterator[Problem]:
    computed = arith.computed_change_pct(metric)
    if computed is not None and arith.is_exact(metric, "change_pct"):
        stated = float(metric["change_pct"])
        if abs(computed - stated) > config.rules.tolerance + 1e-9:
            shown = arith.format_computed(computed)
            yield at(
                "change_pct",
                "RK305",
                f"{name}: change_pct {arith.format_number(stated)} disagrees with before→after, which gives {shown}; record the figures as the source states them",
            )
    if (
        arith.is_exact(metric, "change")
        and arith.is_exact(metric, "before")
        and arith.is_exact(metric, "after")
    ):
        before = arith.before_in_unit(metric)
        if before is not None:
            difference = float(metric["after"]) - before
            if abs(difference - float(metric["change"])) > 1e-6 * max(1.0, abs(difference)):
                yield at(
                    "change",
                    "RK305",
                    f"{name}: change {metric['change']} disagrees with after − before = {arith.format_computed(difference)}; check the figures",
                )
