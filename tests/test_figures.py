"""The figure reader for Chinese documents (reformkit.text.figures)."""

from __future__ import annotations

import pytest

from reformkit.text.figures import chinese_number, read_figures, scan_numbers


def read(text: str) -> list[tuple[str, float, str, str, int, str]]:
    return [(f.printed, f.number, f.unit, f.role, f.sign, f.approx) for f in read_figures(text)]


@pytest.mark.parametrize(
    ("numeral", "value"),
    [
        ("五", 5),
        ("两", 2),
        ("十", 10),
        ("十二", 12),
        ("二十", 20),
        ("一百零五", 105),
        ("百", 100),
        ("两万", 20000),
        ("三千五百", 3500),
    ],
)
def test_chinese_numerals(numeral, value):
    assert chinese_number(numeral) == value


def test_chinese_numerals_with_a_measure_word_are_figures():
    assert read("整理了五次完成情况通报，两个窗口，第十二批，十二批案例") == [
        ("五次", 5, "次", "value", 0, ""),
        ("两个", 2, "个", "value", 0, ""),
        ("十二批", 12, "批", "value", 0, ""),
    ]


def test_multipliers_stay_in_the_unit_and_scale():
    (figure,) = read_figures("网上办件量达1.5万笔")
    assert (figure.number, figure.unit, figure.scaled) == (1.5, "万笔", 15000)
    assert read("节约运营成本4000余万元，进口额3.82亿元") == [
        ("4000余万元", 4000, "万元", "change", -1, "over"),
        ("3.82亿元", 3.82, "亿元", "value", 0, ""),
    ]


def test_before_and_after():
    assert read("由原平均20个工作日缩短到5个工作日以内") == [
        ("20个工作日", 20, "个工作日", "before", 0, ""),
        ("5个工作日", 5, "个工作日", "after", 0, "under"),
    ]
    assert read("从3天减少到1天") == [("3天", 3, "天", "before", 0, ""), ("1天", 1, "天", "after", 0, "")]
    assert read("由原先3至10天压缩至6小时以内") == [
        ("3", 3, "天", "before", 0, ""),
        ("10天", 10, "天", "before_max", 0, ""),
        ("6小时", 6, "小时", "after", 0, "under"),
    ]


def test_changes_and_hedges():
    assert read("压缩50%，效率提升98%以上，提升3.5个百分点，近九成，约1000人次，同比下降14.5天") == [
        ("50%", 50, "%", "change_pct", -1, ""),
        ("98%", 98, "%", "change_pct", 1, "over"),
        ("3.5个百分点", 3.5, "个百分点", "change", 1, ""),
        ("九成", 9, "成", "value", 0, "about"),
        ("1000人次", 1000, "人次", "value", 0, "about"),
        ("14.5天", 14.5, "天", "change", -1, ""),
    ]


def test_what_is_not_a_figure_is_skipped_with_a_reason():
    skipped = [
        (s.printed, s.reason)
        for s in scan_numbers(
            "2020年1月至9月，截至3月22日，案例一，“最多跑一次”，一窗受理，依托12345热线，(9610)业务，2.06:1"
        )
        if not hasattr(s, "unit") and s.reason != "article"
    ]
    assert skipped == [
        ("2020年1月", "date"),
        ("9月", "date"),
        ("3月22日", "date"),
        ("12345", "part of a name"),
        ("9610", "part of a name"),
        ("2.06:1", "part of a name"),
    ]
    assert read("案例一，第十二批，“最多跑一次”，一窗受理，千家万户") == []


def test_list_markers_are_enumerators():
    text = "  11.12345热线常态化\n3 离岛免税监管服务创新\n二、取得成效：1. 免去了集装箱，2.做到了"
    assert read(text) == []
    assert {s.reason for s in scan_numbers(text) if not hasattr(s, "unit")} == {
        "enumerator",
        "part of a name",
    }


def test_spaced_numbers_and_wordlike_measures():
    assert read("实行告知承诺的 55 项，由原来的 30 个工作日") == [
        ("55 项", 55, "项", "value", 0, ""),
        ("30 个工作日", 30, "个工作日", "value", 0, ""),  # no 至/到 follows: not a before
    ]
    assert read("三部门实时联动，近万吨") == [("万吨", 10000, "吨", "value", 0, "about")]
