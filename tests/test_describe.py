"""describe: the words for figures, changes, regions, status, program/batch and sources."""

from __future__ import annotations

from decimal import Decimal

import pytest

from reformkit import describe


@pytest.mark.parametrize(
    ("metric", "name", "unit", "expected"),
    [
        ({"value": 20}, "value", "天", "20天"),
        ({"value": 20.0}, "value", "天", "20天"),
        ({"value": 1.04}, "value", "小时", "1.04小时"),
        ({"value": 3, "value_max": 10}, "value", "天", "3–10天"),
        ({"value": 20, "approx": {"value": "about"}}, "value", "天", "约20天"),
        ({"value": 5, "approx": {"value": "under"}}, "value", "工作日", "5工作日以内"),
        ({"value": 90, "approx": {"value": "over"}}, "value", "%", "90%以上"),
        ({"value": 5, "approx": {"before": "about"}}, "value", "天", "5天"),  # another figure's approx
        ({"before": 5}, "value", "天", ""),
    ],
)
def test_figure(metric, name, unit, expected) -> None:
    assert describe.figure(metric, name, unit) == expected


@pytest.mark.parametrize(
    ("metric", "expected"),
    [
        ({"before": 20, "after": 5, "unit": "天"}, "20天 → 5天"),
        ({"before": 3, "before_unit": "天", "after": 30, "unit": "分钟"}, "3天 → 30分钟"),
        ({"after": 1, "unit": "次"}, "→ 1次"),
        ({"before": 5, "unit": "次"}, "5次 →"),
        ({"value": 5, "unit": "次"}, ""),
    ],
)
def test_transition(metric, expected) -> None:
    assert describe.transition(metric) == expected


@pytest.mark.parametrize(
    ("metric", "expected"),
    [
        ({"change": -15, "unit": "天"}, "-15天"),
        ({"change_pct": 12.5}, "+12.5%"),
        ({"change_pct": 0}, "0%"),
        ({"change": -3, "change_pct": -60, "unit": "个"}, "-3个, -60%"),
        ({"change_pct": -30, "approx": {"change_pct": "over"}}, "-30%以上"),
        ({"value": 1}, ""),
    ],
)
def test_stated_change(metric, expected) -> None:
    assert describe.stated_change(metric) == expected


def test_metric_parts_text_line_key_figure_and_row() -> None:
    metric = {
        "label": "审批时间",
        "kind": "time",
        "before": 20,
        "after": 5,
        "unit": "工作日",
        "change_pct": -75,
        "as_of": "2023-06",
    }
    assert describe.metric_parts(metric) == ("", "20工作日 → 5工作日", "-75%")
    assert describe.metric_text(metric) == "20工作日 → 5工作日 (-75%)"
    assert describe.key_figure(metric) == "审批时间: 20工作日 → 5工作日，-75%"
    assert describe.metric_line(metric) == "审批时间 [time]: 20工作日 → 5工作日; -75% (as of 2023-06)"
    assert describe.metric_row(metric) == ["审批时间", "time", "", "20工作日 → 5工作日", "-75%", "2023-06"]
    assert len(describe.metric_row(metric)) == len(describe.METRIC_COLUMNS)


def test_metric_text_of_a_change_alone_and_of_a_value() -> None:
    assert describe.metric_text({"change_pct": -30}) == "-30%"
    assert describe.metric_text({"value": 582, "unit": "万笔"}) == "582万笔"
    assert describe.metric_text({}) == ""
    assert describe.key_figure({"label": "x"}) == "x: "
    assert describe.metric_line({"label": "x", "kind": "count"}) == "x [count]: "


@pytest.mark.parametrize(
    ("value", "text", "number"),
    [
        (-97.5, "-97.5%", -97.5),
        (2.25, "2.3%", 2.3),
        (-2.25, "-2.3%", -2.3),
        (-75, "-75.0%", -75.0),
        (0.04, "0.0%", 0.0),
        (-33.333333, "-33.3%", -33.3),
        (None, "", None),
    ],
)
def test_relative_change_rounds_half_away_from_zero(value, text, number) -> None:
    assert describe.relative_change(value) == text
    assert describe.rounded_number(value) == number


def test_rounded_is_a_decimal_to_one_place() -> None:
    assert describe.rounded(0.05) == Decimal("0.1")
    assert describe.rounded(-0.05) == Decimal("-0.1")


@pytest.mark.parametrize(
    ("parts", "full", "local", "city"),
    [
        (("海南省", "海口市", "龙华区"), "海南省海口市龙华区", "海口市龙华区", "海口市"),
        (("海南省", "海口市", None), "海南省海口市", "海口市", "海口市"),
        (("海南省", None, "洋浦经济开发区"), "海南省洋浦经济开发区", "洋浦经济开发区", "海南省"),
        (("海南省", None, None), "海南省", "海南省", "海南省"),
        ((None, None, None), "", "", ""),
    ],
)
def test_region_shapes(parts, full, local, city) -> None:
    assert describe.region(*parts) == full
    assert describe.region(*parts, shape="local") == local
    assert describe.region(*parts, shape="city") == city


def test_case_region_reads_the_nested_region() -> None:
    case = {"region": {"province": "浙江省", "city": "嘉兴市"}}
    assert describe.case_region(case) == "浙江省嘉兴市"
    assert describe.case_region(case, shape="city") == "嘉兴市"
    assert describe.case_region({}) == ""


@pytest.mark.parametrize(
    ("case", "with_word", "without_word"),
    [
        ({}, "implemented", "implemented"),
        ({"status": "pilot"}, "pilot", "pilot"),
        ({"status": "planned", "due": "2025-12"}, "planned (due 2025-12)", "planned (2025-12)"),
        ({"status": "implemented", "due": "2024"}, "implemented (due 2024)", "implemented (2024)"),
    ],
)
def test_status(case, with_word, without_word) -> None:
    assert describe.case_status(case) == with_word
    assert describe.case_status(case, due_word=False) == without_word
    assert describe.status(case.get("status"), case.get("due")) == with_word


def test_program_batch_and_number() -> None:
    assert describe.program_batch("hnbiz", 4) == "hnbiz/4"
    assert describe.program_batch("zjftz-jiaxing", None) == "zjftz-jiaxing"
    assert describe.batch(4) == "第4批"
    assert describe.batch(4, "en") == "batch 4"
    assert describe.program_line("hnbiz", 4, 2) == "hnbiz · 第4批 · 第2号"
    assert describe.program_line("hnbiz", None, 2) == "hnbiz · 第2号"
    assert describe.program_line("hnbiz", 4, None) == "hnbiz · 第4批"
    assert describe.program_line("hnbiz", None, None) == "hnbiz"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            {
                "publisher": "海南省人民政府",
                "title": "关于…的通知",
                "date": "2023-09-19",
                "document": "琼府〔2023〕1号",
            },
            "海南省人民政府, 《关于…的通知》, 2023-09-19 (琼府〔2023〕1号)",
        ),
        ({"title": "案例汇编"}, "《案例汇编》"),
        ({"document": "琼府〔2023〕1号"}, "琼府〔2023〕1号"),
        ({"publisher": "海口市", "url": "https://example.org"}, "海口市"),
        ({}, ""),
        (None, ""),
    ],
)
def test_source_citation(source, expected) -> None:
    assert describe.source(source) == expected
    assert describe.case_source({"source": source}) == expected


def test_headings_have_the_same_keys_in_both_languages() -> None:
    assert set(describe.HEADINGS["zh"]) == set(describe.HEADINGS["en"])
    assert set(describe.METRIC_COLUMNS) <= set(describe.HEADINGS["en"])
    assert describe.HEADINGS["zh"]["transition"] == "前 → 后"
    assert describe.DEFAULT_TITLE == {"zh": "改革案例简报", "en": "Reform case briefing"}
