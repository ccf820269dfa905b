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
    # 近万吨 is one 万吨 as printed (scaled 10000), like 1万吨; 近百个 keeps 个 (百 is no unit's multiplier)
    assert read("三部门实时联动，近万吨，近百个") == [
        ("万吨", 1, "万吨", "value", 0, "about"),
        ("百个", 100, "个", "value", 0, "about"),
    ]
    assert read_figures("近万吨")[0].scaled == 10000


def test_a_change_verb_with_to_names_the_level_reached():
    assert read("瑕疵率下降至0.2%，降幅达63.9%，次数减少到2次，事项减少为7项") == [
        ("0.2%", 0.2, "%", "after", 0, ""),
        ("63.9%", 63.9, "%", "change_pct", -1, ""),
        ("2次", 2, "次", "after", 0, ""),
        ("7项", 7, "项", "after", 0, ""),
    ]


def test_before_and_after_are_paired_in_one_sentence_of_one_measure():
    # 原 in an earlier sentence does not make 三种 a before; 种 and % are not one quantity
    assert [f.role for f in read_figures("利用原材料采取三种模式销售。关税最低为21%左右")] == ["value", "value"]
    assert [f.role for f in read_figures("由原先3至10天压缩至6小时以内")] == ["before", "before_max", "after"]
    # 由X缩短Y (no 至): X is the before, Y the change
    assert read("由原来13个工作日缩短7个工作日") == [
        ("13个工作日", 13, "个工作日", "before", 0, ""),
        ("7个工作日", 7, "个工作日", "change", -1, ""),
    ]


def test_comparisons_savings_and_lists_of_changes():
    assert read("案件调撤率比同期高16.79%") == [("16.79%", 16.79, "%", "change_pct", 1, "")]
    assert read("比全国平均快3天，较上年慢2天") == [
        ("3天", 3, "天", "change", -1, ""),
        ("2天", 2, "天", "change", 1, ""),
    ]
    assert read("共为企业节约利息和保费支出约4200万元") == [("4200万元", 4200, "万元", "change", -1, "about")]
    assert read("累计为7个项目节约400万元、105天成本") == [
        ("7个", 7, "个", "value", 0, ""),
        ("400万元", 400, "万元", "change", -1, ""),
        ("105天", 105, "天", "change", -1, ""),
    ]
    assert read("比预期提前了两个月") == [("两个月", 2, "个月", "change", -1, "")]
    assert read("成本下降约0.3-0.5元/千瓦时") == [
        ("0.3", 0.3, "元/千瓦时", "change", -1, "about"),
        ("0.5元/千瓦时", 0.5, "元/千瓦时", "change_max", -1, ""),
    ]


def test_the_time_a_step_takes_now_and_took_before():
    assert read("在1个工作日内发放，最快30分钟办妥") == [
        ("1个工作日", 1, "个工作日", "after", 0, "under"),
        ("30分钟", 30, "分钟", "after", 0, ""),
    ]
    assert read("此前需要转运，整个流程至少需要72小时。而今仅需1.04个小时") == [
        ("72小时", 72, "小时", "before", 0, ""),
        ("1.04个小时", 1.04, "个小时", "after", 0, ""),
    ]
    assert read("一张身份证、0材料，只用一个月时间") == [
        ("0", 0, "", "after", 0, ""),
        ("一个月", 1, "个月", "value", 0, ""),
    ]


def test_rates_per_unit_of_time_keep_both_units():
    assert read("由1000条/分钟提高至5000条/分钟") == [
        ("1000条/分钟", 1000, "条/分钟", "before", 0, ""),
        ("5000条/分钟", 5000, "条/分钟", "after", 0, ""),
    ]
