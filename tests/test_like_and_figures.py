"""Cases like this one (``search --like``) and cases by how their figures are stated
(``approx:``, ``computed:``), on the bundled library (issue 27, items 3 and 4)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reformkit.case.metrics import change_basis
from reformkit.errors import UsageError
from reformkit.library.index.record import metric_row
from reformkit.search.query import parse

REPO = Path(__file__).resolve().parent.parent


def bundled(invoke, *args):
    return invoke("--config", str(REPO / "reformkit.toml"), *args)


def ids(invoke, *args):
    result = bundled(invoke, "search", "-f", "ids", *args)
    assert result.exit_code == 0, result.stderr
    return result.stdout.split()


# --- approx: and computed: -------------------------------------------------------------------


def test_a_metric_row_keeps_its_basis_and_hedges():
    stated = {"label": "时间", "kind": "time", "change_pct": -50, "approx": {"change_pct": "over"}}
    computed = {"label": "时间", "kind": "time", "before": 20, "after": 5, "unit": "天"}
    hedged = {**computed, "approx": {"after": "under", "before": "about"}}
    bare = {"label": "量", "kind": "volume", "value": 3, "unit": "件"}
    assert [change_basis(m) for m in (stated, computed, hedged, bare)] == ["stated", "computed", "", ""]
    assert metric_row(stated) == ("time", -50, "时间", "stated", "over")
    assert metric_row(computed) == ("time", -75.0, "时间", "computed", "")
    assert metric_row(hedged) == ("time", None, "时间", "", "about,under")
    assert metric_row(bare) == ("volume", None, "量", "", "")


def test_approx_finds_cases_by_how_their_figures_are_hedged(invoke):
    assert ids(invoke, "approx:time:under") == ["hnbiz-4-02", "hnbiz-4-04", "hnbiz-4-07", "zjftz-jiaxing-06"]
    assert ids(invoke, "approx:under") == [
        "hnbiz-4-02",
        "hnbiz-4-04",
        "hnbiz-4-07",
        "zjftz-jiaxing-06",
        "zjftz-jiaxing-20",
    ]
    assert len(ids(invoke, "approx:yes")) == 24
    assert ids(invoke, "approx:yes") == ids(invoke, "approx:true") == ids(invoke, "approx：YES")
    assert ids(invoke, "approx:yes") == ids(invoke, "--approx", "yes")
    # a case with metrics, none of them hedged
    assert ids(invoke, "-approx:yes", "has:metrics", "program:hnbiz") == ["hnbiz-4-03"]


def test_computed_tells_a_stated_change_from_one_worked_out(invoke):
    assert ids(invoke, "computed:time:yes") == ["hnbiz-4-03", "zjftz-jiaxing-07"]
    assert ids(invoke, "computed:yes", "program:hnbiz") == ["hnbiz-4-03", "hnbiz-4-05", "hnbiz-4-08"]
    assert ids(invoke, "computed:no", "program:hnbiz") == [
        "hnbiz-4-02",
        "hnbiz-4-05",
        "hnbiz-4-06",
        "hnbiz-4-08",
    ]
    # qualifiers hold of the case: hnbiz-4-08 cut its time by 98% (stated) and computes another change
    assert ids(invoke, "computed:yes", "cut:time:80..") == ["hnbiz-4-03", "hnbiz-4-08", "zjftz-jiaxing-07"]


def test_stats_and_report_take_the_figure_qualifiers(invoke):
    stats = bundled(invoke, "stats", "approx:time:under", "-f", "json")
    assert stats.exit_code == 0, stats.stderr
    assert json.loads(stats.stdout)["total"] == 4
    report = bundled(invoke, "report", "computed:time:yes", "--template", "table")
    assert report.exit_code == 0, report.stderr
    assert "深化经营主体注销便利化改革" in report.stdout and "外国人工作居留" in report.stdout


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (
            "approx:maybe",
            "approx:maybe is not a value of approx:; use one of yes, true, no, false, about, over, under",
        ),
        ("computed:about", "computed:about is not a value of computed:; use one of yes, true, no, false"),
        (
            "computed:tim:yes",
            "computed:tim is not a metric kind (did you mean 'time'?); use one of time, materials, "
            "steps, visits, cost, volume, amount, rate, count, efficiency",
        ),
        ("approx:", "qualifier 'approx:' needs a value, e.g. approx:yes"),
    ],
)
def test_a_bad_figure_qualifier_is_a_usage_error(query, message):
    with pytest.raises(UsageError) as caught:
        parse(query)
    assert str(caught.value) == message


def test_a_bad_figure_qualifier_exits_2(invoke):
    result = bundled(invoke, "search", "approx:maybe")
    assert (result.exit_code, result.stdout) == (2, "")
    assert "approx:maybe is not a value of approx:" in result.stderr


# --- search --like --------------------------------------------------------------------------


def test_like_ranks_the_library_by_likeness_leaving_the_case_out(invoke):
    found = ids(invoke, "--like", "hnbiz-4-08", "-n", "5")
    # the port and customs cases: clearance, 口岸, 通关便利
    assert found == ["hnftp-04", "zjftz-jiaxing-01", "hnftp-03", "zjftz-jiaxing-17", "hnbiz-4-02"]
    assert "hnbiz-4-08" not in ids(invoke, "--like", "hnbiz-4-08", "-n", "100")
    assert ids(invoke, "--like", "zjftz-jiaxing-05", "-n", "3") == [
        "zjftz-jiaxing-04",
        "hnftp-12-02",
        "hnbiz-4-06",
    ]


def test_like_lists_ten_unless_limited_and_says_how_many_were_alike(invoke):
    result = bundled(invoke, "search", "--like", "hnbiz-4-03", "--lang", "en")
    assert result.exit_code == 0
    assert result.stdout.startswith("id ") and result.stderr == "10 of 50 cases\n"
    assert len(ids(invoke, "--like", "hnbiz-4-03")) == 10
    assert len(ids(invoke, "--like", "hnbiz-4-03", "-n", "60")) == 50


def test_like_combines_with_the_query_and_other_orders(invoke):
    assert ids(invoke, "--like", "hnbiz-4-03", "program:hnbiz") == [
        "hnbiz-4-02",
        "hnbiz-4-04",
        "hnbiz-4-07",
        "hnbiz-4-08",
        "hnbiz-4-06",
        "hnbiz-4-05",
        "hnbiz-4-01",
    ]
    assert ids(invoke, "--like", "hnbiz-4-08", "通关") == [
        "hnftp-04",
        "zjftz-jiaxing-01",
        "hnftp-03",
        "zjftz-jiaxing-17",
    ]
    # the three most alike, in id order
    assert ids(invoke, "--like", "hnbiz-4-08", "-n", "3", "--sort", "id") == [
        "hnftp-03",
        "hnftp-04",
        "zjftz-jiaxing-01",
    ]
    # the id in any letter case, or the case's file
    assert ids(invoke, "--like", "HNBIZ-4-08", "-n", "3") == ids(
        invoke, "--like", str(REPO / "cases" / "hnbiz-4-08.yaml"), "-n", "3"
    )


def test_like_works_with_every_format(invoke):
    as_json = bundled(invoke, "search", "--like", "hnbiz-4-08", "-n", "2", "-f", "json")
    assert [case["id"] for case in json.loads(as_json.stdout)] == ["hnftp-04", "zjftz-jiaxing-01"]
    tsv = bundled(invoke, "search", "--like", "hnbiz-4-08", "-n", "1", "-f", "tsv")
    assert tsv.stdout == "hnftp-04\t海港口岸“信用+智慧”综合型服务\thnftp\t2025\n"
    explained = bundled(invoke, "search", "--like", "hnbiz-4-08", "-n", "2", "--explain", "--lang", "en")
    assert explained.stdout.splitlines()[0].split()[0] == "hnftp-04"


def test_like_with_nothing_left_is_no_match(invoke):
    result = bundled(invoke, "search", "--like", "hnbiz-4-08", "id:hnbiz-4-08", "--lang", "en")
    assert (result.exit_code, result.stdout) == (1, "")


def test_like_an_unknown_id_is_a_usage_error_with_a_suggestion(invoke):
    result = bundled(invoke, "search", "--like", "hnbiz-4-3")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "Error: --like: no case with id 'hnbiz-4-3'; did you mean hnbiz-4-03, hnbiz-4-08, hnbiz-4-07?\n"
    )


@pytest.mark.parametrize(
    "typed", ["approx：time：under", "approx:time：under", "cut：time：80..", "computed:time：yes"]
)
def test_a_full_width_colon_between_kind_and_value_is_read_as_a_colon(invoke, typed):
    ascii_form = typed.replace("：", ":")
    expected = bundled(invoke, "search", ascii_form, "-f", "ids")
    result = bundled(invoke, "search", typed, "-f", "ids")
    assert (result.exit_code, result.stdout, result.stderr) == (expected.exit_code, expected.stdout, expected.stderr)
    assert result.exit_code == 0 and result.stdout
