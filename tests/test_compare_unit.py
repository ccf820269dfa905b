"""compare(), apart from the CLI: facts per field, metrics aligned by kind, the best change."""

from __future__ import annotations

import pytest

from reformkit.compare import (
    FIELD_ROWS,
    MetricCell,
    ProgramFact,
    RegionFact,
    StatusFact,
    compare,
    field_value,
)
from reformkit.errors import UsageError


def case(case_id: str, **extra):
    base = {
        "id": case_id,
        "title": f"标题{case_id}",
        "program": "t",
        "published": "2023-09-19",
        "region": {"province": "海南省", "city": "海口市"},
        "tags": ["政务服务"],
        "practices": [{"title": "做法一"}, {"title": "做法二"}],
    }
    return {**base, **extra}


FAST = case(
    "fast",
    batch=4,
    status="pilot",
    due="2025-12",
    agencies=["甲局", "乙局"],
    metrics=[
        {"label": "审批时间", "kind": "time", "before": 20, "after": 5, "unit": "工作日"},
        {"label": "材料", "kind": "materials", "change_pct": -30, "approx": {"change_pct": "over"}},
    ],
)
FASTER = case(
    "faster",
    metrics=[
        {"label": "通关时间", "kind": "time", "before": 72, "after": 1.04, "unit": "小时", "change_pct": -98},
        {"label": "办件量", "kind": "volume", "value": 582, "unit": "万笔"},
    ],
)
NONE = case("none", region={"province": "海南省"})


def test_fields_are_facts_in_field_row_order() -> None:
    result = compare([FAST, FASTER, NONE])
    assert result.ids == ["fast", "faster", "none"]
    assert result.titles == ["标题fast", "标题faster", "标题none"]
    assert [name for name, _ in result.fields] == list(FIELD_ROWS)
    fields = dict(result.fields)
    assert fields["program"] == [ProgramFact("t", 4), ProgramFact("t", None), ProgramFact("t", None)]
    assert fields["region"] == [
        RegionFact("海南省", "海口市", None),
        RegionFact("海南省", "海口市", None),
        RegionFact("海南省", None, None),
    ]
    assert fields["status"] == [
        StatusFact("pilot", "2025-12"),
        StatusFact("implemented", None),
        StatusFact("implemented", None),
    ]
    assert fields["agencies"] == [["甲局", "乙局"], [], []]
    assert fields["practices"] == [2, 2, 2]
    assert fields["outcomes"] == [0, 0, 0]
    assert fields["published"] == ["2023-09-19"] * 3
    assert result.practices == [["做法一", "做法二"]] * 3


def test_field_value_of_a_missing_optional_field_is_empty() -> None:
    assert field_value(case("x"), "recognition") == []
    assert field_value({"id": "x"}, "published") == ""


def test_metrics_aligned_by_kind_in_kind_order_with_the_best_change() -> None:
    result = compare([FAST, FASTER, NONE])
    assert [row.kind for row in result.kinds] == ["time", "materials", "volume"]
    time, materials, volume = result.kinds
    assert time.cells == [
        [MetricCell("审批时间", -75.0, FAST["metrics"][0])],
        [MetricCell("通关时间", -98.0, FASTER["metrics"][0])],
        [],
    ]
    assert time.best == 1  # the larger cut
    assert materials.cells[0][0].change_pct == -30.0
    assert materials.best is None  # one case only: nothing to compare
    assert volume.cells[1][0].change_pct is None
    assert volume.best is None


def test_best_is_the_largest_rise_for_kinds_that_should_grow() -> None:
    low = case("low", metrics=[{"label": "量", "kind": "volume", "change_pct": 10}])
    high = case("high", metrics=[{"label": "量", "kind": "volume", "change_pct": 40}])
    assert compare([low, high]).kinds[0].best == 1
    cut = case("cut", metrics=[{"label": "时", "kind": "time", "change_pct": -10}])
    deeper = case("deeper", metrics=[{"label": "时", "kind": "time", "change_pct": -40}])
    assert compare([deeper, cut]).kinds[0].best == 0


def test_a_tie_goes_to_the_first_case() -> None:
    one = case("one", metrics=[{"label": "时", "kind": "time", "change_pct": -50}])
    two = case("two", metrics=[{"label": "时", "kind": "time", "change_pct": -50}])
    assert compare([one, two]).kinds[0].best == 0


def test_a_case_with_several_metrics_of_a_kind_competes_with_its_best() -> None:
    mixed = case(
        "mixed",
        metrics=[
            {"label": "a", "kind": "time", "change_pct": -10},
            {"label": "b", "kind": "time", "change_pct": -90},
        ],
    )
    single = case("single", metrics=[{"label": "c", "kind": "time", "change_pct": -50}])
    row = compare([single, mixed]).kinds[0]
    assert [[c.label for c in cells] for cells in row.cells] == [["c"], ["a", "b"]]
    assert row.best == 1


@pytest.mark.parametrize("count", [0, 1, 9])
def test_two_to_eight_cases(count) -> None:
    with pytest.raises(UsageError, match=f"compare takes 2 to 8 cases, got {count}"):
        compare([case(str(i)) for i in range(count)])


def test_eight_cases_are_enough() -> None:
    assert len(compare([case(str(i)) for i in range(8)]).ids) == 8
