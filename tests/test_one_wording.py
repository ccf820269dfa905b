"""One wording of a figure everywhere: every metric of the bundled library, through every
writer that shows figures, reads as ``describe`` words it; and the zh outputs speak Chinese
(program names, 第四批, kind:/status: by their labels, messages)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import yaml

from reformkit.case.metrics import key_metrics
from reformkit.wording import describe

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def in_repo(monkeypatch):
    monkeypatch.chdir(REPO)


def _cases() -> dict[str, dict]:
    return {
        case["id"]: case
        for case in (yaml.safe_load(p.read_text("utf-8")) for p in sorted((REPO / "cases").glob("*.yaml")))
    }


def _chunks(items: list[str], size: int) -> list[list[str]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def test_every_metric_reads_the_same_in_every_writer(in_repo, invoke, monkeypatch):
    monkeypatch.setenv("COLUMNS", "400")
    cases = _cases()
    with_metrics = sorted(i for i, c in cases.items() if c.get("metrics"))
    # show (Markdown), compare (JSON text): the whole metric line, worded once.
    shown = invoke("show", *with_metrics, "--format", "markdown").stdout
    compared: dict[str, list[str]] = {}
    for ids in _chunks(with_metrics, 8):
        if len(ids) < 2:
            ids = [with_metrics[0], *ids]
        data = json.loads(invoke("compare", *ids, "--format", "json").stdout)
        for row in data["metrics"]:
            for case_id, cells in zip([c["id"] for c in data["cases"]], row["cases"], strict=True):
                compared.setdefault(case_id, []).extend(c["text"] for c in cells)
    exported = {
        row["id"]: row["metrics"].splitlines()
        for row in csv.DictReader(io.StringIO(invoke("export", "--format", "csv").stdout))
    }
    checked = 0
    for case_id in with_metrics:
        for metric in cases[case_id]["metrics"]:
            text = describe.metric_text(metric)
            change = describe.change_text(metric)
            assert describe.metric_row(metric)[4] == change
            assert " | ".join(describe.metric_row(metric)) in shown, (case_id, metric)
            assert text in compared[case_id], (case_id, metric)
            assert describe.metric_line(metric) in exported[case_id], (case_id, metric)
            assert ".0%" not in change and describe.transition(metric)[:2] != "→ ", (case_id, change)
            checked += 1
    assert checked > 200


def test_key_figures_read_the_same_in_search_report_and_stats(in_repo, invoke, monkeypatch):
    monkeypatch.setenv("COLUMNS", "400")
    cases = _cases()
    table = invoke("search", "--sort", "id", "--limit", "100").stdout
    briefing = invoke("report", "--template", "table", "--sort", "id").stdout
    stats = invoke("stats", "--by", "kind").stdout
    keyed = 0
    for case_id, case in cases.items():
        metrics = case.get("metrics") or []
        found = key_metrics(metrics, 2)
        line = next(line for line in table.splitlines() if line.startswith(case_id + " "))
        row = next(line for line in briefing.splitlines() if f"| {case_id} |" in line)
        if not found:
            assert "—" in row
            continue
        words = describe.key_figure(metrics[found[0]])
        assert words == metrics[found[0]]["label"] + describe.change_text(metrics[found[0]])
        assert words in line and words in row, case_id
        keyed += 1
    assert keyed >= 15
    # stats words its largest and smallest change as the metric it comes from: verb first.
    assert "压缩98%" in stats and "-98" not in stats and "最小-" not in stats


def test_the_key_figure_is_the_largest_cut_else_the_largest_change() -> None:
    metrics = [
        {"kind": "count", "before": 43, "after": 174},  # +304.7 %: not a cut
        {"kind": "materials", "change_pct": -77},
        {"kind": "steps", "before": 5, "after": 1},  # -80 %, computed
    ]
    assert key_metrics(metrics, 2) == [2, 1]
    assert key_metrics(metrics[:1]) == [0]  # no cut: the largest change of any kind
    assert key_metrics([{"kind": "time", "value": 3}]) == []


def test_a_metric_with_only_after_is_a_level(in_repo, invoke):
    out = invoke("show", "hnbiz-4-02", "--format", "markdown").stdout
    assert "降至1个工作日以内" in out and "→ 1工作日" not in out


# --- Chinese all the way ----------------------------------------------------------------


def test_show_compare_and_stats_name_programs_and_batches_in_chinese(in_repo, invoke):
    show = invoke("show", "hnbiz-4-02").stdout
    assert "项目      海南省优化营商环境示范案例 · 第四批 · 第2号\n" in show
    compare = invoke("compare", "hnbiz-4-02", "hnftp-12-01", "--format", "markdown").stdout
    assert "| 项目 | 海南省优化营商环境示范案例第四批 | 海南自由贸易港制度创新案例第十二批 |" in compare
    stats = invoke("stats", "--by", "program", "--by", "batch", "--format", "markdown").stdout
    assert "| 中国（浙江）自由贸易试验区联动创新区创新案例（嘉兴） | 20 |" in stats
    assert "| 海南省优化营商环境示范案例第四批 | 8 |" in stats
    counts = stats.split("各类指标")[0]
    assert "zjftz-jiaxing" not in counts and "hnbiz" not in counts
    english = invoke("stats", "--by", "batch", "--format", "markdown", "--lang", "en").stdout
    assert "| hnbiz/4 | 8 |" in english


def test_stats_years_in_order_regions_per_level(in_repo, invoke):
    data = json.loads(invoke("stats", "--by", "year", "--by", "region", "--format", "json").stdout)
    years = [c["key"] for c in data["counts"]["year"]]
    assert years == sorted(years)
    regions = data["counts"]["region"]
    assert regions[:2] == [
        {"key": "海南省", "count": 31, "province": "海南省", "city": None},
        {"key": "海南省海口市", "count": 18, "province": "海南省", "city": "海口市"},
    ]
    # A province counts every case of its cities.
    for province in (r for r in regions if r["city"] is None):
        cities = [r["count"] for r in regions if r["province"] == province["key"] and r["city"]]
        assert province["count"] >= max(cities, default=0)
    table = invoke("stats", "--by", "region").stdout
    assert "海南省            31" in table and "\n  海口市          18" in table


def test_stats_labels_the_largest_cut_the_right_way_round(in_repo, invoke, monkeypatch):
    monkeypatch.setenv("COLUMNS", "60")  # a line per kind
    out = invoke("stats", "--by", "kind").stdout
    assert "降幅最大压缩98%（hnbiz-4-08），降幅最小压缩30%（hnftp-03）" in out.replace("\n  ", "")
    assert "增幅最大" in out


@pytest.mark.parametrize(
    ("query", "same_as"),
    [("kind:时间", "kind:time"), ("status:计划", "status:planned"), ("kind:Time", "kind:time")],
)
def test_kind_and_status_take_the_labels_outputs_print(in_repo, invoke, query, same_as):
    got = invoke("search", query, "--format", "ids")
    assert got.exit_code == 0 and got.stdout == invoke("search", same_as, "--format", "ids").stdout


def test_an_unknown_kind_lists_the_labels_too(in_repo, invoke):
    result = invoke("search", "kind:时")
    assert result.exit_code == 2
    assert "did you mean '时间'?" in result.stderr


@pytest.mark.parametrize("command", [("stats",), ("report",), ("export", "--format", "json")])
def test_every_read_command_says_no_match_in_the_outputs_language(in_repo, invoke, command):
    result = invoke(*command, "zzzzqqq")
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", "没有符合条件的案例\n")
    if command[0] != "export":
        english = invoke(*command, "zzzzqqq", "--lang", "en")
        assert english.stderr == "no cases match\n"
