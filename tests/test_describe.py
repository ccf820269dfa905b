"""describe: the words for figures, changes, regions, status, program/batch and sources."""

from __future__ import annotations

from decimal import Decimal

import pytest

from reformkit.wording import describe


@pytest.mark.parametrize(
    ("metric", "name", "unit", "expected"),
    [
        ({"value": 20}, "value", "天", "20天"),
        ({"value": 20.0}, "value", "天", "20天"),
        ({"value": 1.04}, "value", "小时", "1.04小时"),
        ({"value": 3, "value_max": 10}, "value", "天", "3–10天"),
        ({"value": 20, "approx": {"value": "about"}}, "value", "天", "约20天"),
        ({"value": 5, "approx": {"value": "under"}}, "value", "工作日", "5个工作日以内"),
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
        ({"after": 1, "unit": "次"}, "1次"),
        ({"kind": "visits", "after": 1, "unit": "次"}, "降至1次"),
        ({"kind": "time", "after": 1, "unit": "工作日", "approx": {"after": "under"}}, "降至1个工作日以内"),
        ({"kind": "rate", "after": 0.2, "change_pct": -63.9, "unit": "%"}, "降至0.2%"),
        ({"kind": "time", "after": 5, "change_pct": 20, "unit": "天"}, "5天"),
        ({"before": 5, "unit": "次"}, "原5次"),
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
    assert describe.metric_parts(metric) == ("", "20个工作日 → 5个工作日", "压缩75%")
    assert describe.metric_parts(metric, "en") == ("", "20个工作日 → 5个工作日", "-75%")
    assert describe.metric_text(metric) == "20个工作日 → 5个工作日，压缩75%（截至2023年6月）"
    assert describe.metric_text(metric, "en") == "20个工作日 → 5个工作日, -75% (as of 2023-06)"
    assert describe.metric_text(metric, dated=False) == "20个工作日 → 5个工作日，压缩75%"
    assert describe.key_figure(metric) == "审批时间压缩75%"
    assert describe.key_figure(metric, "en") == "审批时间: -75%"
    assert describe.key_figure({"label": "时限", "kind": "time", "after": 1, "unit": "工作日"}) == "时限降至1个工作日"
    assert describe.key_figure(None) == ""
    assert describe.metric_line(metric) == "审批时间（时间）：20个工作日 → 5个工作日，压缩75%（截至2023年6月）"
    assert describe.metric_row(metric) == [
        "审批时间",
        "时间",
        "",
        "20个工作日 → 5个工作日",
        "压缩75%",
        "2023年6月",
    ]
    assert describe.metric_row(metric, "en") == [
        "审批时间",
        "time",
        "",
        "20个工作日 → 5个工作日",
        "-75%",
        "2023-06",
    ]
    assert len(describe.metric_row(metric)) == len(describe.METRIC_COLUMNS)


@pytest.mark.parametrize(
    ("metric", "zh", "en"),
    [
        ({"kind": "time", "change_pct": -76}, "压缩76%", "-76%"),
        ({"kind": "time", "change": -15, "unit": "天"}, "缩短15天", "-15天"),
        ({"kind": "cost", "change": -400, "unit": "万元"}, "降低400万元", "-400万元"),
        ({"kind": "cost", "change_pct": -30}, "降低30%", "-30%"),
        ({"kind": "efficiency", "change_pct": 35}, "提升35%", "+35%"),
        ({"kind": "volume", "change_pct": 12.5}, "增长12.5%", "+12.5%"),
        (
            {"kind": "materials", "change_pct": -30, "approx": {"change_pct": "over"}},
            "减少30%以上",
            "-30% or more",
        ),
        ({"kind": "steps", "change": -3, "change_pct": -60, "unit": "个"}, "减少3个，减少60%", "-3个, -60%"),
        ({"kind": "rate", "change_pct": 0}, "0%", "0%"),
        # No relative change stated: computed from exact before/after, one decimal, marked.
        (
            {"kind": "time", "before": 45, "after": 7, "unit": "天"},
            "压缩84.4%（据前后数值计算）",
            "-84.4% (computed)",
        ),
        (
            {"kind": "steps", "before": 5, "after": 1, "unit": "个"},
            "减少80%（据前后数值计算）",
            "-80% (computed)",
        ),
        (
            {"kind": "count", "before": 43, "after": 174, "unit": "个"},
            "增长304.7%（据前后数值计算）",
            "+304.7% (computed)",
        ),
        # An approximate side: nothing to compute.
        ({"kind": "time", "before": 72, "after": 1, "unit": "小时", "approx": {"before": "over"}}, "", ""),
        ({"value": 1}, "", ""),
    ],
)
def test_change_text_uses_verbs_in_chinese_and_signs_in_english(metric, zh, en) -> None:
    assert describe.change_text(metric) == zh
    assert describe.change_text(metric, "en") == en


def test_computed_change_rounds_half_away_from_zero() -> None:
    assert describe.computed_change({"before": 8, "after": 1}) == Decimal("-87.5")
    assert describe.computed_change({"before": 3, "after": 1}) == Decimal("-66.7")
    assert describe.computed_change({"before": 16, "after": 1}) == Decimal("-93.8")  # -93.75
    assert describe.computed_change({"before": 8, "after": 1, "change_pct": -87}) is None


def test_metric_text_of_a_change_alone_and_of_a_value() -> None:
    assert describe.metric_text({"change_pct": -30}) == "减少30%"
    assert describe.metric_text({"change_pct": -30}, "en") == "-30%"
    assert describe.metric_text({"value": 582, "unit": "万笔"}) == "582万笔"
    assert describe.metric_text({"value": 582, "unit": "万笔", "as_of": "2021"}) == "582万笔（截至2021年）"
    assert describe.metric_text({}) == ""
    assert describe.key_figure({"label": "x"}) == "x"
    assert describe.metric_line({"label": "x", "kind": "count"}) == "x（数量）："


@pytest.mark.parametrize(
    ("value", "zh", "en"),
    [
        ("2023-09-19", "2023年9月19日", "2023-09-19"),
        ("2023-07", "2023年7月", "2023-07"),
        ("2025", "2025年", "2025"),
    ],
)
def test_date_text(value, zh, en) -> None:
    assert describe.date_text(value) == zh
    assert describe.date_text(value, "en") == en


@pytest.mark.parametrize(
    ("value", "text", "number"),
    [
        (-97.5, "-97.5%", -97.5),
        (2.25, "2.3%", 2.3),
        (-2.25, "-2.3%", -2.3),
        (-75, "-75%", -75.0),
        (0.04, "0%", 0.0),
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
    ("case", "zh", "en"),
    [
        ({}, "已实施", "implemented"),
        ({"status": "pilot"}, "试点", "pilot"),
        ({"status": "planned", "due": "2025-12"}, "计划（期限：2025年12月）", "planned (due 2025-12)"),
        ({"status": "implemented", "due": "2024"}, "已实施（期限：2024年）", "implemented (due 2024)"),
    ],
)
def test_status(case, zh, en) -> None:
    assert describe.case_status(case) == zh
    assert describe.case_status(case, "en") == en
    assert describe.status(case.get("status"), case.get("due")) == zh


def test_program_batch_and_number() -> None:
    assert describe.program_batch("hnbiz", 4) == "hnbiz/4"
    assert describe.program_batch("zjftz-jiaxing", None) == "zjftz-jiaxing"
    assert describe.batch(4) == "第四批"
    assert describe.batch(12) == "第十二批"
    assert describe.batch(4, "en") == "batch 4"
    assert describe.program_line("hnbiz", 4, 2) == "hnbiz · 第四批 · 第2号"
    assert describe.program_line("hnbiz", 4, 2, name="海南省优化营商环境示范案例") == (
        "海南省优化营商环境示范案例 · 第四批 · 第2号"
    )
    assert describe.program_line("hnbiz", 4, 2, "en", name="海南") == "hnbiz · batch 4 · no. 2"
    assert describe.program_line("hnbiz", None, 2) == "hnbiz · 第2号"
    assert describe.program_line("hnbiz", 4, None) == "hnbiz · 第四批"
    assert describe.program_line("hnbiz", None, None) == "hnbiz"
    assert describe.program_text("hnbiz", 4, name="海南省优化营商环境示范案例") == "海南省优化营商环境示范案例第四批"
    assert describe.program_text("hnbiz", 4, "en", name="海南省优化营商环境示范案例") == "hnbiz/4"


@pytest.mark.parametrize(
    ("number", "text"),
    [(0, "零"), (4, "四"), (10, "十"), (12, "十二"), (20, "二十"), (105, "一百零五"), (110, "一百一十"), (12345, "12345")],
)
def test_chinese_number(number, text) -> None:
    assert describe.chinese_number(number) == text


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            {
                "publisher": "海南省人民政府",
                "title": "关于…的通知",
                "date": "2023-09-19",
                "document": "001_986b55f30dd11b91.txt",
            },
            "海南省人民政府《关于…的通知》，2023年9月19日",
        ),
        ({"title": "案例汇编"}, "《案例汇编》"),
        ({"document": "002_ac56779b124b8375.txt"}, ""),  # a file name is never a citation
        ({"publisher": "海口市", "url": "https://example.org"}, "海口市（来源文件未载标题）"),
        ({}, ""),
        (None, ""),
    ],
)
def test_source_citation(source, expected) -> None:
    assert describe.source(source) == expected
    assert describe.case_source({"source": source}) == expected


def test_a_source_without_a_title_is_cited_by_what_is_known() -> None:
    case = {"program": "hnftp", "number": 3, "source": {"document": "002_ac56779b124b8375.txt"}}
    name = "海南自由贸易港制度创新案例"
    assert (
        describe.case_source(case, program_name=name) == "海南自由贸易港制度创新案例第3号（来源文件未载标题）"
    )
    assert describe.case_source(case, "en", program_name=name) == (
        "海南自由贸易港制度创新案例, no. 3 (the source document has no title)"
    )
    assert (
        describe.source({"publisher": "P", "title": "T", "date": "2020-09-03"}, "en")
        == "P, 《T》, 2020-09-03"
    )


def test_headings_have_the_same_keys_in_both_languages() -> None:
    assert set(describe.HEADINGS["zh"]) == set(describe.HEADINGS["en"])
    assert set(describe.METRIC_COLUMNS) <= set(describe.HEADINGS["en"])
    assert describe.HEADINGS["zh"]["transition"] == "前 → 后"
    assert describe.DEFAULT_TITLE == {"zh": "改革案例简报", "en": "Reform case briefing"}
