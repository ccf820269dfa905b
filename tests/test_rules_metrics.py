"""The metrics family on its own: figures, units, ranges and arithmetic of each metric."""

from __future__ import annotations

import pytest

from reformkit.rules import metrics

from .rule_fixtures import VALID, codes, context, found


def case_with(metric: str) -> str:
    return VALID + "metrics:\n  - " + metric + "\n"


def check(metric: str, **options: object) -> list[tuple[str, int, int, str, str]]:
    return found(metrics.check(context(case_with(metric), **options)))  # type: ignore[arg-type]


GOOD = "{label: 审批时间, kind: time, before: 20, after: 5, unit: 工作日, change_pct: -75}"


def test_sound_metric_has_no_problem():
    assert check(GOOD) == []


def test_rk301_no_figure():
    assert check("{label: 审批时间, kind: time}") == [
        (
            "RK301",
            12,
            5,
            "metrics[0]",
            "metric '审批时间' states no figure; add value, before/after, change or change_pct as the source states it, or remove the metric",
        )
    ]


def test_rk301_a_change_pct_is_a_figure():
    assert check("{label: 审批时间, kind: time, change_pct: -50}") == []


def test_rk302_no_unit_names_an_unlabelled_metric():
    assert check("{kind: count, value: 3}") == [
        (
            "RK302",
            12,
            5,
            "metrics[0]",
            "this metric has figures but no unit; add unit (e.g. 工作日, 件, 万元; % for rates)",
        )
    ]


def test_rk302_unit_present():
    assert check("{label: 件数, kind: count, value: 3, unit: 件}") == []


def test_rk303_unknown_units():
    assert check("{label: 时间, kind: time, before: 2, before_unit: 周, after: 5, unit: 日}") == [
        (
            "RK303",
            12,
            72,
            "metrics[0].unit",
            "unit '日' is not in [vocab].units of reformkit.toml; use a listed unit or add it there",
        ),
        (
            "RK303",
            12,
            53,
            "metrics[0].before_unit",
            "unit '周' is not in [vocab].units of reformkit.toml; use a listed unit or add it there",
        ),
    ]


def test_rk303_listed_unit():
    assert check("{label: 时间, kind: time, value: 5, unit: 天}") == []


def test_rk304_fall_beyond_100_percent_and_rate_outside_0_100():
    assert check("{label: 费用, kind: cost, change_pct: -120}") == [
        (
            "RK304",
            12,
            41,
            "metrics[0].change_pct",
            "change_pct -120 is below -100: nothing can fall by more than 100%; check the figure",
        )
    ]
    assert check("{label: 办结率, kind: rate, value: 120, unit: '%'}") == [
        (
            "RK304",
            12,
            37,
            "metrics[0].value",
            "rate value 120% is outside 0-100%; check the figure or the kind",
        )
    ]


def test_rk304_possible_percentages():
    assert check("{label: 费用, kind: cost, change_pct: -100}") == []
    assert check("{label: 办结率, kind: rate, value: 100, unit: '%'}") == []
    assert check("{label: 人数, kind: count, value: 120, unit: '%'}") == []  # not a rate


def test_rk305_stated_change_pct_contradicts():
    assert check(GOOD.replace("-75", "-50")) == [
        (
            "RK305",
            12,
            76,
            "metrics[0].change_pct",
            "metric '审批时间': change_pct -50 disagrees with before→after, which gives -75.0; record the figures as the source states them",
        )
    ]


def test_rk305_stated_change_contradicts():
    assert check("{label: 件数, kind: count, before: 10, after: 15, change: 4, unit: 件}") == [
        (
            "RK305",
            12,
            61,
            "metrics[0].change",
            "metric '件数': change 4 disagrees with after − before = 5.0; check the figures",
        )
    ]


def test_rk305_within_tolerance():
    assert check(GOOD.replace("-75", "-75.9")) == []
    assert check("{label: 件数, kind: count, before: 10, after: 15, change: 5, unit: 件}") == []


def test_rk306_reduction_grew_is_a_warning():
    problems = list(
        metrics.check(context(case_with("{label: 时间, kind: time, before: 5, after: 8, unit: 天}")))
    )
    assert found(problems) == [
        (
            "RK306",
            12,
            5,
            "metrics[0]",
            "metric '时间' is kind 'time' but the figure grew; check the sign (a reduction is negative) or the kind",
        )
    ]
    assert problems[0].severity == "warning"


def test_rk306_growth_of_a_count_is_fine():
    assert check("{label: 件数, kind: count, before: 5, after: 8, unit: 件}") == []


@pytest.mark.parametrize(
    ("metric", "expected"),
    [
        (
            "{label: 时间, kind: time, before: 5, after: 3, value_max: 5, unit: 天}",
            (
                "RK307",
                12,
                61,
                "metrics[0].value_max",
                "value_max needs value (the lower end of the range); add it",
            ),
        ),
        (
            "{label: 时间, kind: time, value: 6, value_max: 5, unit: 天}",
            ("RK307", 12, 50, "metrics[0].value_max", "value_max 5 is below value 6; swap them"),
        ),
        (
            "{label: 时间, kind: time, value: 6, before_unit: 天, unit: 天}",
            (
                "RK307",
                12,
                52,
                "metrics[0].before_unit",
                "metric '时间' has before_unit but no before; remove it or add before",
            ),
        ),
        (
            "{label: 时间, kind: time, value: 6, unit: 天, approx: {before: true}}",
            (
                "RK307",
                12,
                56,
                "metrics[0].approx",
                "approx names before, which this metric does not state; remove it or add before",
            ),
        ),
    ],
    ids=["max-without-value", "max-below", "before-unit-alone", "approx-unstated"],
)
def test_rk307_bad_ranges(metric, expected):
    assert check(metric) == [expected]


def test_rk307_sound_range():
    assert check("{label: 时间, kind: time, value: 3, value_max: 5, unit: 天, approx: {value: true}}") == []


def test_problems_come_metric_by_metric_in_rule_order():
    text = (
        VALID
        + "metrics:\n  - {label: a, kind: time}\n  - {label: b, kind: time, value: 1, value_max: 0, before_unit: 日}\n"
    )
    assert codes(metrics.check(context(text))) == ["RK301", "RK302", "RK307", "RK303", "RK307"]


def test_disabled_rule_is_not_run(monkeypatch):
    def boom(*args):
        raise AssertionError("a disabled rule ran")

    checks = tuple((rule, boom if run is metrics._change_agrees else run) for rule, run in metrics._CHECKS)
    monkeypatch.setattr(metrics, "_CHECKS", checks)
    ctx = context(case_with(GOOD.replace("-75", "-50")), enabled={"RK301", "RK302"})
    assert list(metrics.check(ctx)) == []
    with pytest.raises(AssertionError, match="a disabled rule ran"):
        list(metrics.check(context(case_with(GOOD))))
