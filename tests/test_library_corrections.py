"""Corrections made to the bundled library after a review against the source documents."""

from __future__ import annotations

from typing import Any

import yaml

from .conftest import REPO


def case(case_id: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((REPO / "cases" / f"{case_id}.yaml").read_text("utf-8"))
    return data


def test_hnbiz_4_06_selection_recorded_as_stated():
    assert case("hnbiz-4-06")["recognition"] == [
        "入选第四批全国乡村治理典型案例",
        "被最高人民法院评为全国法院十大最具特色一站式建设优秀改革创新成果",
    ]


def test_hnbiz_4_07_zero_collateral_is_a_figure():
    stated = {
        m["note"]: (m["kind"], m["after"], m["unit"]) for m in case("hnbiz-4-07")["metrics"] if "after" in m
    }
    assert stated["0抵押"] == ("count", 0, "项")
    assert stated["0跑腿"] == ("visits", 0, "次")


def test_hnftp_12_02_records_the_stated_rise_with_its_ambiguity_in_a_note():
    # 34.8% -> 50.55% is +15.75 points or +45.3%: "比同期高16.79%" is neither. The figure is
    # recorded as the text states it (issue 26: every figure of the passage is recorded), and the
    # note says why it cannot be read further.
    current = case("hnftp-12-02")
    stated = [m for m in current["metrics"] if m.get("change_pct") == 16.79]
    assert len(stated) == 1 and "unit" not in stated[0] and "before" not in stated[0]
    assert "未说明是百分点还是相对增幅" in stated[0]["note"]
    rates = [m for m in current["metrics"] if m["kind"] == "rate" and "before" in m]
    assert [(m["before"], m["after"], m["unit"]) for m in rates] == [(34.8, 50.55, "%")]
    assert current["outcomes"][0]["detail"].endswith("案件调撤率比同期高16.79%")


def test_seed_001_cited_by_the_title_it_prints():
    for number in range(1, 9):
        assert case(f"hnbiz-4-{number:02d}")["source"]["title"] == "第四批优化营商环境示范案例"


def test_typos_kept_as_printed_with_their_reading():
    printed = {
        "zjftz-jiaxing-02": ("长角主要城市", "“长角”应为“长三角”"),
        "zjftz-jiaxing-10": ("跨省通办赌点", "“赌点”应为“堵点”"),
        "zjftz-jiaxing-14": ("外国人海华邀请", "“海华”应为“来华”"),
    }
    for case_id, (as_printed, reading) in printed.items():
        current = case(case_id)
        details = [item.get("detail", "") for item in current["practices"]]
        assert any(as_printed in detail for detail in details), case_id
        assert reading in current["note"], case_id
