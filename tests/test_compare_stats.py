"""compare and stats through the CLI: shapes, alignment by kind, best marks, exit codes."""

from __future__ import annotations

import csv
import io
import json

import pytest

from .conftest import minimal_case

FAST = (
    minimal_case("fast")
    + """\
batch: 4
metrics:
  - {label: 审批时间, kind: time, before: 20, after: 5, unit: 工作日}
  - {label: 材料, kind: materials, change_pct: -30, approx: {change_pct: over}}
"""
)
FASTER = (
    minimal_case("faster")
    + """\
metrics:
  - {label: 通关时间, kind: time, before: 72, after: 1.04, unit: 小时, change_pct: -98}
  - {label: 办件量, kind: volume, value: 582, unit: 万笔}
"""
)
NONE = minimal_case("none")


@pytest.fixture
def lib(library):
    library.write("fast.yaml", FAST.replace("published: 2023-09-19", "published: 2022-01-01"))
    library.write("faster.yaml", FASTER)
    library.write("none.yaml", NONE.replace("tags: [政务服务]", "tags: [企业开办]"))
    return library


def test_compare_json_aligns_metrics_by_kind(lib, invoke):
    result = invoke("compare", "fast", "faster", "none", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert [c["id"] for c in data["cases"]] == ["fast", "faster", "none"]
    assert data["fields"]["program"] == ["t/4", "t", "t"]
    assert data["fields"]["practices"] == ["1", "1", "1"]
    kinds = {row["kind"]: row for row in data["metrics"]}
    assert list(kinds) == ["time", "materials", "volume"]
    time = kinds["time"]
    assert time["best"] == "faster"
    assert [[m["text"] for m in cells] for cells in time["cases"]] == [
        ["20个工作日 → 5个工作日，压缩75%（据前后数值计算）"],
        ["72小时 → 1.04小时，压缩98%"],
        [],  # no metric of this kind: an empty cell, not a zero
    ]
    assert time["cases"][0][0]["change_pct"] == -75.0
    assert kinds["materials"]["best"] is None  # one case only: nothing to compare
    assert kinds["volume"]["cases"][1][0]["text"] == "582万笔"


def test_compare_markdown_is_a_valid_table(lib, invoke):
    text = invoke("compare", "fast", "faster", "--format", "markdown").stdout
    rows = [line for line in text.splitlines() if line.startswith("|")]
    assert rows[0] == "| | `fast`<br>标题 | `faster`<br>标题 |"
    assert all(row.count(" | ") + 2 == 4 or row.startswith("|---") for row in rows), rows
    assert (
        "| 数据指标：时间 | 审批时间：20个工作日 → 5个工作日，压缩75%（据前后数值计算） "
        "| ★ 通关时间：72小时 → 1.04小时，压缩98% |"
    ) in rows


def test_compare_table_marks_the_best(lib, invoke):
    text = invoke("compare", "fast", "faster").stdout
    assert "★ 通关时间" in text and "数据指标：时间" in text


@pytest.mark.parametrize("ids", [("fast",), tuple(f"c{n}" for n in range(9))])
def test_compare_needs_two_to_eight(lib, invoke, ids):
    result = invoke("compare", *ids)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"compare takes 2 to 8 cases, got {len(ids)}" in result.stderr


def test_compare_eight_cases(library, invoke):
    for n in range(8):
        library.write(f"c{n}.yaml", minimal_case(f"c{n}"))
    result = invoke("compare", *(f"c{n}" for n in range(8)), "--format", "json")
    assert len(json.loads(result.stdout)["cases"]) == 8


def test_compare_unknown_id_suggests(lib, invoke):
    result = invoke("compare", "fast", "fastr")
    assert result.exit_code == 2
    assert "no case with id 'fastr'; did you mean fast" in result.stderr


def test_compare_by_query(lib, invoke):
    data = json.loads(invoke("compare", "--query", "has:metrics", "--format", "json").stdout)
    assert [c["id"] for c in data["cases"]] == ["faster", "fast"]
    assert invoke("compare", "--query", "id:fast").exit_code == 2


def test_stats_json_counts_and_metric_summary(lib, invoke):
    result = invoke("stats", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["total"] == 3
    assert data["counts"]["program"] == [{"key": "t", "count": 3}]
    assert data["counts"]["year"] == [{"key": "2022", "count": 1}, {"key": "2023", "count": 2}]  # year order
    assert data["counts"]["tag"] == [{"key": "政务服务", "count": 2}, {"key": "企业开办", "count": 1}]
    assert data["metrics"] == [
        {
            "kind": "time",
            "cases": 2,
            "figures": 2,
            "median": -86.5,
            "min": -98.0,
            "min_case": "faster",
            "max": -75.0,
            "max_case": "fast",
        },
        {
            "kind": "materials",
            "cases": 1,
            "figures": 1,
            "median": -30.0,
            "min": -30.0,
            "min_case": "fast",
            "max": -30.0,
            "max_case": "fast",
        },
        {
            "kind": "volume",
            "cases": 1,
            "figures": 0,
            "median": None,
            "min": None,
            "min_case": None,
            "max": None,
            "max_case": None,
        },
    ]


def test_stats_by_and_query(lib, invoke):
    data = json.loads(invoke("stats", "kind:time", "--by", "batch", "--format", "json").stdout)
    assert data["total"] == 2
    assert data["counts"] == {"batch": [{"key": "t/4", "count": 1, "program": "t", "batch": 4}]}


def test_stats_csv_and_markdown(lib, invoke):
    rows = list(csv.DictReader(io.StringIO(invoke("stats", "--by", "program", "--format", "csv").stdout)))
    assert rows[0] == {
        "group": "program",
        "key": "t",
        "count": "3",
        "figures": "",
        "median": "",
        "min": "",
        "min_case": "",
        "max": "",
        "max_case": "",
    }
    assert rows[1]["group"] == "metrics" and rows[1]["median"] == "-86.5"
    markdown = invoke("stats", "--by", "status", "--format", "markdown").stdout
    assert "| 已实施 | 3 |" in markdown


def test_stats_table_has_bars(lib, invoke):
    text = invoke("stats", "--by", "tag").stdout
    assert text.splitlines()[0] == "共3个案例"
    assert "政务服务  2  ██████████████████████████████" in text


def test_stats_empty_selection_exits_1(lib, invoke):
    result = invoke("stats", "year:1999", "--format", "json")
    assert (result.exit_code, result.stdout) == (1, "")


def test_stats_on_the_bundled_library(invoke, monkeypatch):
    from .conftest import REPO

    monkeypatch.chdir(REPO)
    data = json.loads(invoke("stats", "--format", "json").stdout)
    assert data["total"] == 51
    time = next(k for k in data["metrics"] if k["kind"] == "time")
    assert time["min"] <= time["median"] <= time["max"] < 0
