"""Chinese punctuation widths: exact fixes, the cases that must not change, and fix's laws."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reformkit.text.punctuation import (
    PunctuationFix,
    apply_fixes,
    find_punctuation,
    fix_punctuation,
    fold_punctuation,
)

FIXED = [
    # half-width marks between Chinese characters
    ("改革,提升", "改革，提升"),
    ("涉房地产年均立案数量减少;审理周期缩短", "涉房地产年均立案数量减少；审理周期缩短"),
    ("是否?是!", "是否？是！"),
    # the Chinese character before the mark decides, whatever follows
    ("各减少跑动次数1次,5项实现四级深度", "各减少跑动次数1次，5项实现四级深度"),
    ("完成时限:2020年12月", "完成时限：2020年12月"),
    ("主要政策内容有:", "主要政策内容有："),
    ("“一个APP畅行全省”,接入", "“一个APP畅行全省”，接入"),
    ("《实施意见》,“好差评”", "《实施意见》，“好差评”"),
    ("2018年;2019年设立巡回法庭", "2018年；2019年设立巡回法庭"),
    # a Latin word, a number or a percentage followed by Chinese
    ("椰城市民云APP,全新规划", "椰城市民云APP，全新规划"),
    ("压缩76%,提升35%", "压缩76%，提升35%"),
    ("比例达2.06:1,优于全国平均水平", "比例达2.06:1，优于全国平均水平"),
    ("下降至0.2%,降幅达63.9%。", "下降至0.2%，降幅达63.9%。"),
    ("调撤率34.8%;2019年设立巡回法庭", "调撤率34.8%；2019年设立巡回法庭"),
    ("办理1,“一网通办”", "办理1，“一网通办”"),
    # parentheses: the content or a neighbour is Chinese
    ("我市(区)", "我市（区）"),
    ("“一照(证)通行”改革", "“一照（证）通行”改革"),
    ("一般出口(9610)业务", "一般出口（9610）业务"),
    ("(一)深化改革", "（一）深化改革"),
    ("(1)推行“一表制”", "（1）推行“一表制”"),
    ("实施细则(2020年修订版)》", "实施细则（2020年修订版）》"),
    ("通过率由原来的68%(2013年4月至今年2月)提高到75%", "通过率由原来的68%（2013年4月至今年2月）提高到75%"),
    ("外(含(乙)类)项", "外（含（乙）类）项"),
    ("完成时限:2020年12月,长期坚持)", "完成时限：2020年12月，长期坚持）"),
    ("(见附件", "（见附件"),
    # a mark after a widened parenthesis is in Chinese context too
    ("(加挂市审批服务局的牌子),印发了", "（加挂市审批服务局的牌子），印发了"),
    ("经济指标数据的县(市、区);", "经济指标数据的县（市、区）；"),
    # full-width between Latin letters or digits
    ("实现1。5倍", "实现1.5倍"),
    ("时间3：00", "时间3:00"),
    ("1，000件", "1,000件"),
    ("９６１０模式", "9610模式"),
    ("Ｂ２Ｂ出口", "B2B出口"),
    ("B２B", "B2B"),
    # two hyphens typed for the dash (破折号) beside Chinese text
    ("创新案例--嘉兴", "创新案例——嘉兴"),
    ("国际贸易“单一窗口”--通关", "国际贸易“单一窗口”——通关"),
    # an address ends before sentence punctuation
    ("网址http://a.b/c?d=1,请登录", "网址http://a.b/c?d=1，请登录"),
    ("来信a.b@example.cn,我们", "来信a.b@example.cn，我们"),
]

UNCHANGED = [
    "9610",
    "B2B",
    "7x24",
    "1.04",
    "72小时 → 1.04小时",
    "http://a.b/c?d=1",
    "网址https://www.gov.cn/zhengce/content/2023-09/19/content_1.htm?a=1,2",
    "写信至a.b@example.cn",
    "e.g. the text, more",
    "Note: fine (really)! Why? Because; yes.",
    "[a, b]",
    "[司法服务, 政务服务]",  # a space after the mark: Latin typesetting, not a clear case
    "9610模式",
    "7x24小时",
    "1,000",
    "比例达2.06:1",
    "4:00至18:00",
    "(9610)",
    "APP(1)",
    "hnbiz-4-06",
    "001_986b55f30dd11b91.txt",
    "`a,b`代码",
    "改革，提升",
    "我市（区）",
    "“一照（证）通行”",
    "",
    "中文",
    "--help",
    "a--b",
    "3--5",
    "见https://a.cn/x--y",
    "甲---乙",  # not the typed dash: left as written
]


@pytest.mark.parametrize(("text", "fixed"), FIXED)
def test_fix(text: str, fixed: str) -> None:
    assert fix_punctuation(text) == fixed


@pytest.mark.parametrize("text", UNCHANGED)
def test_unchanged(text: str) -> None:
    assert find_punctuation(text) == []
    assert fix_punctuation(text) == text


def test_facts() -> None:
    assert find_punctuation("所(区),后1。5，B") == [
        PunctuationFix(1, "(", "（", "chinese-parentheses"),
        PunctuationFix(3, ")", "）", "chinese-parentheses"),
        PunctuationFix(4, ",", "，", "chinese-context"),
        PunctuationFix(7, "。", ".", "between-latin"),
        PunctuationFix(9, "，", ",", "between-latin"),
    ]
    assert find_punctuation("９号") == [PunctuationFix(0, "９", "9", "fullwidth-alnum")]


def test_offsets_are_code_points() -> None:
    (fix,) = find_punctuation("𠀀,甲")
    assert fix.offset == 1 and fix.found == ","


def test_no_spaces_added() -> None:
    text = "截至2023年7月底,共办理11721件,压缩76%"
    assert fix_punctuation(text) == "截至2023年7月底，共办理11721件，压缩76%"
    assert fix_punctuation(text).count(" ") == 0


def test_apply_fixes_and_fold() -> None:
    text = "改革,提升(甲)"
    assert apply_fixes(text, find_punctuation(text)) == "改革，提升（甲）"
    assert apply_fixes(text, []) == text
    assert fold_punctuation("改革，提升（甲）；：？！。、") == "改革,提升(甲);:?!。、"


TEXT = st.text(
    alphabet=st.sampled_from(list("甲乙中文AbZ019 .%,;:?!()，；：（）。、“”《》９Ｂ/@`-")),
    max_size=30,
)


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_fix_is_idempotent_and_only_swaps_widths(text: str) -> None:
    fixed = fix_punctuation(text)
    assert len(fixed) == len(text)
    assert find_punctuation(fixed) == []
    assert fix_punctuation(fixed) == fixed
    fixes = find_punctuation(text)
    for fix in fixes:
        assert text[fix.offset] == fix.found != fix.replacement
    if all(fix.reason.startswith("chinese") for fix in fixes):
        assert fold_punctuation(fixed) == fold_punctuation(text)
