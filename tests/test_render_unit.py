"""The renderers apart from the CLI: Markdown escaping, metric rows, the writers of compare,
stats and show, report rendering and its errors, and the format registry."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest

from reformkit import render
from reformkit.compare import compare
from reformkit.describe import metric_row
from reformkit.errors import UsageError
from reformkit.render import compare as compare_writers
from reformkit.render import markdown as md
from reformkit.render import show as show_writers
from reformkit.render import stats as stats_writers
from reformkit.stats import compute

from .test_compare_unit import FAST, FASTER
from .test_stats_unit import RECORDS

# --- Markdown escaping ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "as_cell", "as_inline"),
    [
        ("a|b", "a\\|b", "a\\|b"),
        ("x\ny", "x<br>y", "x y"),
        ("<b>*x*</b>", "&lt;b&gt;\\*x\\*&lt;/b&gt;", "&lt;b&gt;\\*x\\*&lt;/b&gt;"),
        ("# h", "# h", "\\# h"),
        ("1. x", "1. x", "1\\. x"),
        ("- x", "- x", "\\- x"),
        ("http://x.org", "http&#58;//x.org", "http&#58;//x.org"),
        ("www.x.org", "www&#46;x.org", "www&#46;x.org"),
        ("a@b.c", "a&#64;b.c", "a&#64;b.c"),
        ("[l](u)", "\\[l\\](u)", "\\[l\\](u)"),
        ("`c`", "\\`c\\`", "\\`c\\`"),
        ("\x1b[31m\u202e", "\\[31m", "\\[31m"),
        ("", "", ""),
    ],
)
def test_markdown_cell_and_inline_escaping(text, as_cell, as_inline) -> None:
    assert md.cell(text) == as_cell
    assert md.inline(text) == as_inline


def test_case_section() -> None:
    assert md.case_section(CASE) == (
        "# 标题\n\n"
        "`t-4-01` · 海南省海口市 · 2023-09-19 · pilot (due 2025)\n\n"
        "#a #b\n\n"
        "## 主要做法\n\n"
        "1. **做法** 细节\n\n"
        "## 数据指标\n\n"
        "| 指标 | 类别 | 数值 | 前 → 后 | 变化 | 截至 |\n"
        "|---|---|---|---|---|---|\n"
        "| 时间 | time |  | 20天 → 5天 |  | 2023 |\n\n"
        "## 来源\n\n"
        "海南省, 《文件》\n"
    )
    english = md.case_section({**CASE, "status": "implemented"}, level=2, lang="en")
    assert "`t-4-01` · 海南省海口市 · 2023-09-19\n" in english  # implemented is not stated
    assert "### Metrics\n\n| Metric | Kind | Figure | Before → after | Change | As of |\n" in english


def test_metric_row_in_a_markdown_table_is_escaped_cell_by_cell() -> None:
    metric = {"label": "a|b", "kind": "count", "value": 3, "unit": "<个>", "as_of": "2023"}
    row = "| " + " | ".join(md.cell(c) for c in metric_row(metric)) + " |"
    assert row == "| a\\|b | count | 3&lt;个&gt; |  |  | 2023 |"


# --- compare writers -----------------------------------------------------------------------


def test_compare_markdown() -> None:
    assert compare_writers.markdown(compare([FAST, FASTER])) == (
        "| | fast<br>标题fast | faster<br>标题faster |\n"
        "|---|---|---|\n"
        "| program | t/4 | t |\n"
        "| region | 海南省海口市 | 海南省海口市 |\n"
        "| published | 2023-09-19 | 2023-09-19 |\n"
        "| status | pilot (due 2025-12) | implemented |\n"
        "| agencies | 甲局、乙局 |  |\n"
        "| tags | 政务服务 | 政务服务 |\n"
        "| practices | 2 | 2 |\n"
        "| outcomes | 0 | 0 |\n"
        "| recognition |  |  |\n"
        "| metrics: time | 审批时间: 20工作日 → 5工作日 | ★ 通关时间: 72小时 → 1.04小时 (-98%) |\n"
        "| metrics: materials | 材料: -30%以上 |  |\n"
        "| metrics: volume |  | 办件量: 582万笔 |\n"
        "| practices | 1. 做法一<br>2. 做法二 | 1. 做法一<br>2. 做法二 |\n"
        "\n"
        "★ best change of its kind.\n"
    )


def test_compare_markdown_escapes_case_text() -> None:
    hostile = {**FAST, "title": "[x](http://e.org)|", "practices": [{"title": "<script>"}]}
    out = compare_writers.markdown(compare([hostile, FASTER]))
    assert "| | fast<br>\\[x\\](http&#58;//e.org)\\| |" in out
    assert "| practices | 1. &lt;script&gt; |" in out


def test_compare_json() -> None:
    data = json.loads(compare_writers.as_json(compare([FAST, FASTER])))
    assert data["cases"] == [{"id": "fast", "title": "标题fast"}, {"id": "faster", "title": "标题faster"}]
    assert data["fields"]["program"] == ["t/4", "t"]
    assert data["fields"]["status"] == ["pilot (due 2025-12)", "implemented"]
    assert data["fields"]["practices"] == ["2", "2"]
    time = data["metrics"][0]
    assert time["kind"] == "time" and time["best"] == "faster"
    assert time["cases"][0] == [
        {
            "label": "审批时间",
            "kind": "time",
            "before": 20,
            "after": 5,
            "unit": "工作日",
            "text": "20工作日 → 5工作日",
            "change_pct": -75.0,
        }
    ]
    assert time["cases"][1][0]["change_pct"] == -98.0  # the stated figure, rounded
    assert data["metrics"][2]["cases"] == [
        [],
        [{**FASTER["metrics"][1], "text": "582万笔", "change_pct": None}],
    ]


def test_compare_table() -> None:
    lines = compare_writers.table(compare([FAST, FASTER]), color=False, width=80).splitlines()
    assert lines[1] == "┃                    ┃ fast                       ┃ faster                     ┃"
    assert lines[2] == "┃                    ┃ 标题fast                   ┃ 标题faster                 ┃"
    assert "│ status             │ pilot (due 2025-12)        │ implemented                │" in lines
    assert "│ metrics: time      │ 审批时间: 20工作日 →       │ ★ 通关时间: 72小时 →       │" in lines
    assert "│                    │ 5工作日                    │ 1.04小时 (-98%)            │" in lines
    assert lines[-2:] == [
        "★ best change of its kind (largest cut for time, materials, steps, visits, cost;",
        "largest rise otherwise)",
    ]


# --- stats writers -------------------------------------------------------------------------


def test_stats_markdown() -> None:
    assert stats_writers.markdown(compute(RECORDS, ("program",))) == (
        "**3 cases**\n\n"
        "### by program\n\n"
        "| program | cases |\n"
        "|---|---:|\n"
        "| hnbiz | 2 |\n"
        "| zj | 1 |\n\n"
        "### metric changes by kind\n\n"
        "| kind | cases | figures | median | min | min_case | max | max_case |\n"
        "|---|---:|---:|---:|---:|---|---:|---|\n"
        "| time | 2 | 3 | -75.0% | -98.0% | b | -20.0% | a |\n"
        "| cost | 1 | 0 |  |  |  |  |  |\n"
        "| volume | 1 | 0 |  |  |  |  |  |\n"
    )


def test_stats_csv() -> None:
    rows = list(csv.reader(io.StringIO(stats_writers.as_csv(compute(RECORDS, ("program",))))))
    assert rows == [
        ["group", "key", "count", "figures", "median", "min", "min_case", "max", "max_case"],
        ["program", "hnbiz", "2", "", "", "", "", "", ""],
        ["program", "zj", "1", "", "", "", "", "", ""],
        ["metrics", "time", "2", "3", "-75.0", "-98.0", "b", "-20.0", "a"],
        ["metrics", "cost", "1", "0", "", "", "", "", ""],
        ["metrics", "volume", "1", "0", "", "", "", "", ""],
    ]


def test_stats_csv_neutralises_formulas() -> None:
    result = compute([RECORDS[0]._replace(tags=["=1+2"])], ("tag",))
    assert stats_writers.as_csv(result).splitlines()[1] == "tag,'=1+2,1,,,,,,"


def test_stats_json() -> None:
    data = json.loads(stats_writers.as_json(compute(RECORDS, ("program",))))
    assert data == {
        "total": 3,
        "counts": {"program": [{"key": "hnbiz", "count": 2}, {"key": "zj", "count": 1}]},
        "metrics": [
            {
                "kind": "time",
                "cases": 2,
                "figures": 3,
                "median": -75.0,
                "min": -98.0,
                "min_case": "b",
                "max": -20.0,
                "max_case": "a",
            },
            *(
                {
                    "kind": kind,
                    "cases": 1,
                    "figures": 0,
                    "median": None,
                    "min": None,
                    "min_case": None,
                    "max": None,
                    "max_case": None,
                }
                for kind in ("cost", "volume")
            ),
        ],
    }


def test_stats_table() -> None:
    assert stats_writers.table(compute(RECORDS, ("program",)), color=False, width=100) == (
        "3 cases\n"
        "\n"
        "by program\n"
        "hnbiz  2  ██████████████████████████████\n"
        "zj     1  ███████████████\n"
        "\n"
        "metric changes by kind (relative change, %)\n"
        "kind    cases  figures  median     min  min_case     max  max_case\n"
        "time        2        3  -75.0%  -98.0%  b         -20.0%  a\n"
        "cost        1        0\n"
        "volume      1        0\n"
    )


def test_stats_table_in_colour_and_with_terminal_escapes_in_keys() -> None:
    coloured = stats_writers.table(compute(RECORDS, ("program",)), color=True, width=100)
    assert coloured.startswith("\x1b[1m3 cases\x1b[0m\n")
    hostile = stats_writers.table(
        compute([RECORDS[0]._replace(tags=["\x1b[31mred"])], ("tag",)), color=False, width=100
    )
    assert "\x1b" not in hostile


# --- show writers --------------------------------------------------------------------------

CASE = {
    "id": "t-4-01",
    "title": "标题",
    "program": "t",
    "batch": 4,
    "number": 1,
    "published": "2023-09-19",
    "region": {"province": "海南省", "city": "海口市"},
    "status": "pilot",
    "due": "2025",
    "tags": ["a", "b"],
    "practices": [{"title": "做法", "detail": "细节"}],
    "metrics": [{"label": "时间", "kind": "time", "before": 20, "after": 5, "unit": "天", "as_of": "2023"}],
    "source": {"publisher": "海南省", "title": "文件"},
}


def test_show_text() -> None:
    out = show_writers.text(CASE, path="cases/t-4-01.yaml", program_name="测试项目", color=False, width=80)
    assert out == (
        "标题\n"
        "\n"
        "id       t-4-01\n"
        "program  t · 第4批 · 第1号  测试项目\n"
        "发布     2023-09-19\n"
        "地区     海南省海口市\n"
        "状态     pilot (due 2025)\n"
        "tags     a, b\n"
        "\n"
        "主要做法\n"
        "1. 做法\n"
        "   细节\n"
        "\n"
        "数据指标\n"
        "指标  类别  数值  前 → 后     变化  截至\n"
        "时间  time        20天 → 5天        2023\n"
        "\n"
        "来源\n"
        "海南省, 《文件》\n"
    )


def test_show_json_yaml_markdown() -> None:
    assert json.loads(show_writers.as_json(CASE, path="cases/x.yaml")) == {**CASE, "path": "cases/x.yaml"}
    assert show_writers.as_json(CASE, path="p").endswith("}\n")
    assert show_writers.as_yaml(CASE, path="p").startswith("id: t-4-01\ntitle: 标题\n")
    assert show_writers.markdown(CASE, path="p") == md.case_section(CASE)


# --- report rendering ----------------------------------------------------------------------


def report_data(lang: str = "zh"):
    from reformkit.report import ReportOptions, context

    return context([CASE], ReportOptions(lang=lang), {"t": "测试项目"})


def test_report_context_holds_facts_and_render_adds_the_words() -> None:
    from reformkit.render.report import worded

    data = report_data()
    (case,) = data["cases"]
    assert "meta_line" not in case and "region_text" not in case and "h" not in data
    assert case["key_metric"] == CASE["metrics"][0]
    words = worded(data)
    (case,) = words["cases"]
    assert case["meta_line"] == "`t-4-01` · 测试项目 · 第4批 · 海南省海口市 · 2023-09-19 · 试点（预计2025年）"
    assert case["region_text"] == "海南省海口市"
    assert case["source_text"] == "海南省《文件》"
    assert case["key_figure"] == "时间: 20天 → 5天"
    assert case["metric_rows"][0]["transition"] == "20天 → 5天"
    assert words["h"]["metrics"] == "数据指标"
    assert "key_metric" not in case  # templates see the same names as before: key_figure
    assert worded(report_data("en"))["cases"][0]["meta_line"].startswith("`t-4-01` · 测试项目 · batch 4 · ")


def test_report_template_errors_name_the_line_and_chain_the_cause(tmp_path) -> None:
    from reformkit.render.report import render as render_report

    template = tmp_path / "t.md.j2"
    template.write_text("# {{ title }}\n{{ 1 / 0 }}\n", encoding="utf-8")
    with pytest.raises(UsageError) as caught:
        render_report(str(template), report_data())
    assert str(caught.value) == f"{template}:2: template error: division by zero"
    assert isinstance(caught.value.__cause__, ZeroDivisionError)

    template.write_text("{{ cases[0].titel }}\n", encoding="utf-8")
    with pytest.raises(UsageError) as caught:
        render_report(str(template), report_data())
    assert str(caught.value).startswith(f"{template}:1: template error: ")
    assert type(caught.value.__cause__).__name__ == "UndefinedError"

    template.write_text("{{ cases.__class__.__mro__ }}\n", encoding="utf-8")
    with pytest.raises(UsageError) as caught:
        render_report(str(template), report_data())
    assert type(caught.value.__cause__).__name__ == "SecurityError"


def test_a_bug_in_reformkits_own_filters_is_not_a_template_error(tmp_path, monkeypatch) -> None:
    from reformkit.render import report as report_writer

    def broken(text: str) -> str:
        raise ValueError("a bug")

    monkeypatch.setattr(report_writer.md, "cell", broken)
    template = tmp_path / "t.md.j2"
    template.write_text("{{ title | cell }}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="a bug"):
        report_writer.render(str(template), report_data())


def test_debug_shows_the_cause_of_a_template_error(library, invoke, isolated) -> None:
    from .conftest import minimal_case

    library.write("a.yaml", minimal_case("a"))
    (isolated / "bad.md.j2").write_text("x\n{{ 1 / 0 }}\n", encoding="utf-8")
    result = invoke("report", "--template", "bad.md.j2")
    assert result.exit_code == 2
    assert result.stderr == "Error: bad.md.j2:2: template error: division by zero\n"
    from click.testing import CliRunner

    from reformkit.cli import cli

    debug = CliRunner().invoke(cli, ["--debug", "report", "--template", "bad.md.j2"])
    assert isinstance(debug.exception, UsageError)
    assert isinstance(debug.exception.__cause__, ZeroDivisionError)


# --- the format registry -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("command", "name"), [(c, n) for c, formats in render.FORMATS.items() for n in formats]
)
def test_every_registry_entry_resolves_to_a_callable(command, name) -> None:
    assert callable(render.writer(command, name))


def test_every_format_choice_comes_from_the_registry() -> None:
    import click

    from reformkit.cli import cli

    context = click.Context(cli)
    for command_name, formats in render.FORMATS.items():
        command = cli.get_command(context, command_name)
        (option,) = [p for p in command.params if p.name == "output_format"]
        assert list(option.type.choices) == list(formats), command_name
    with_format = {
        name
        for name in cli.list_commands(context)
        if any(p.name == "output_format" for p in cli.get_command(context, name).params)
    }
    assert with_format == set(render.FORMATS)


def test_the_registry_imports_no_writer() -> None:
    code = (
        "import sys, reformkit.render as r; r.format_names('search');"
        "print(sorted(m for m in sys.modules if m.startswith('reformkit.') or m.split('.')[0] in ('rich', 'jinja2')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['reformkit.render']"
