"""Metric arithmetic: units, exact conversion, relative change, direction, rounding."""

from __future__ import annotations

from decimal import Decimal

import pytest

from reformkit.case import metrics as m


@pytest.mark.parametrize(
    ("amount", "source", "target", "expected"),
    [
        (90, "分钟", "小时", 1.5),
        (2, "小时", "分钟", 120),
        (3.82, "亿元", "万元", 38200),
        (5000, "元", "万元", 0.5),
        (582, "万笔", "笔", 5_820_000),
        (18, "个月", "年", 1.5),
        (7, "个工作日", "工作日", 7),
    ],
)
def test_exact_conversions(amount, source, target, expected):
    assert m.convert(amount, source, target) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("source", "target"),
    [("天", "工作日"), ("工作日", "小时"), ("天", "小时"), ("元", "件"), ("%", "个"), ("件", "笔")],
)
def test_units_that_must_not_mix(source, target):
    assert m.convert(1, source, target) is None


def test_relative_change_from_before_and_after():
    assert m.computed_change_pct({"before": 20, "after": 5, "unit": "工作日"}) == -75
    assert m.computed_change_pct({"before": 3, "before_unit": "小时", "after": 90, "unit": "分钟"}) == -50


@pytest.mark.parametrize(
    "metric",
    [
        {"before": 72, "after": 1.04, "unit": "小时", "approx": {"before": "over"}},  # not exact
        {"before": 3, "before_max": 10, "after": 6, "unit": "小时", "before_unit": "天"},  # a range
        {"before": 3, "after": 6, "unit": "工作日", "before_unit": "天"},  # units do not mix
        {"before": 0, "after": 6, "unit": "件"},  # no base
        {"after": 6, "unit": "件"},
    ],
)
def test_no_relative_change_where_it_is_not_exact(metric):
    assert m.computed_change_pct(metric) is None


def test_stated_change_wins_over_computed():
    metric = {
        "before": 72,
        "after": 1.04,
        "unit": "小时",
        "change_pct": -98,
        "approx": {"change_pct": "over"},
    }
    assert m.change_pct(metric) == -98


@pytest.mark.parametrize(
    ("metric", "expected"),
    [
        ({"change_pct": -30}, -1),
        ({"change": 5}, 1),
        ({"before": 5, "after": 20, "unit": "天"}, 1),
        ({"value": 5, "unit": "件"}, 0),
    ],
)
def test_direction(metric, expected):
    assert m.direction(metric) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(2.25, "2.3"), (-2.25, "-2.3"), (2.35, "2.4"), (-74.5, "-74.5"), (0.05, "0.1"), (1 / 3 * 100, "33.3")],
)
def test_rounding_is_half_away_from_zero(value, expected):
    assert m.format_computed(value) == expected
    assert m.round_half_away(value) == Decimal(expected)


def test_stated_figures_are_shown_as_stated():
    assert m.format_number(1.04) == "1.04"
    assert m.format_number(20.0) == "20"
    assert m.format_number(99.36) == "99.36"
