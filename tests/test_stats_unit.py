"""stats.compute(), apart from the CLI: counts per dimension, tie order, metric summaries."""

from __future__ import annotations

import pytest

from reformkit.library.index.record import Record
from reformkit.stats import DEFAULT_DIMENSIONS, DIMENSIONS, KindSummary, Stats, compute


def record(case_id: str, **extra):
    base = {field: None for field in Record._fields} | {
        "id": case_id,
        "title": case_id,
        "program": "hnbiz",
        "batch": None,
        "province": "海南省",
        "city": "",
        "district": "",
        "published": "2023-09-19",
        "tags": [],
        "agencies": [],
        "status": "implemented",
        "kinds": [],
        "metrics": [],
    }
    return Record(**{**base, **extra})


RECORDS = [
    record(
        "a",
        batch=4,
        city="海口市",
        tags=["政务服务", "企业开办"],
        agencies=["甲局"],
        kinds=["time"],
        metrics=[("time", -75.0, "审批时间"), ("time", -20.0, "办理时间")],
    ),
    record(
        "b",
        batch=4,
        published="2021-01-01",
        tags=["政务服务"],
        status="pilot",
        kinds=["time", "volume"],
        metrics=[("time", -98.0, "通关时间"), ("volume", None, "办件量")],
    ),
    record("c", program="zj", province="浙江省", city="嘉兴市", published="2022-05-01", kinds=["cost"]),
]


def test_counts_by_every_dimension() -> None:
    result = compute(RECORDS, DIMENSIONS)
    assert result.total == 3
    assert result.counts == {
        "program": [(("hnbiz",), 2), (("zj",), 1)],
        "batch": [(("hnbiz", 4), 2)],  # keys are data: (program, batch)
        # A province counts the cases of its cities, each city listed under it.
        "region": [(("海南省",), 2), (("海南省", "海口市"), 1), (("浙江省",), 1), (("浙江省", "嘉兴市"), 1)],
        "year": [(("2021",), 1), (("2022",), 1), (("2023",), 1)],  # in year order
        "tag": [(("政务服务",), 2), (("企业开办",), 1)],
        "agency": [(("甲局",), 1)],
        "status": [(("implemented",), 2), (("pilot",), 1)],
        "kind": [(("time",), 2), (("cost",), 1), (("volume",), 1)],  # ties: in kind order
    }


def test_default_dimensions() -> None:
    assert list(compute(RECORDS).counts) == list(DEFAULT_DIMENSIONS)


def test_metric_summaries_by_kind() -> None:
    assert compute(RECORDS, ()).kinds == [
        KindSummary("time", 2, 3, median=-75.0, low=-98.0, low_case="b", high=-20.0, high_case="a"),
        KindSummary("cost", 1, 0),  # stated, but no relative change
        KindSummary("volume", 1, 0),
    ]
    time = compute(RECORDS, ()).kinds[0]
    # A time cut is the change the reforms aim for: the largest is the deepest cut.
    assert (time.largest, time.smallest) == ((-98.0, "b"), (-20.0, "a"))


def test_the_largest_rise_leads_a_kind_the_reforms_grow() -> None:
    records = [record("x", kinds=["volume"], metrics=[("volume", 10.0, "a"), ("volume", -5.0, "b")])]
    volume = compute(records, ()).kinds[0]
    assert (volume.largest, volume.smallest) == ((10.0, "x"), (-5.0, "x"))


def test_median_of_an_even_count_and_ties_by_id() -> None:
    records = [
        record("x", kinds=["volume"], metrics=[("volume", 10.0, "a"), ("volume", 40.0, "b")]),
        record("w", kinds=["volume"], metrics=[("volume", 40.0, "c"), ("volume", 10.0, "d")]),
    ]
    (summary,) = compute(records, ()).kinds
    assert summary == KindSummary(
        "volume", 2, 4, median=25.0, low=10.0, low_case="w", high=40.0, high_case="w"
    )


def test_a_tie_goes_to_the_id_first_in_order_when_one_id_begins_another() -> None:
    records = [
        record("hnftp-1", kinds=["volume"], metrics=[("volume", 40.0, "a")]),
        record("hnftp-10", kinds=["volume"], metrics=[("volume", 40.0, "b")]),
    ]
    (summary,) = compute(records, ()).kinds
    assert (summary.low_case, summary.high_case) == ("hnftp-1", "hnftp-1")


def test_no_records() -> None:
    assert compute([], ("program",)) == Stats(total=0, counts={"program": []}, kinds=[])


def test_an_unknown_dimension_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        compute(RECORDS, ("colour",))
