"""The renderers apart from the CLI: Markdown escaping, metric rows, the writers of compare,
stats and show, report rendering and its errors, and the format registry."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reformkit import render
from reformkit.compare import compare
from reformkit.errors import UsageError
from reformkit.render import compare as compare_writers
from reformkit.render import markdown as md
from reformkit.render import show as show_writers
from reformkit.render import stats as stats_writers
from reformkit.stats import compute
from reformkit.wording.describe import metric_row

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
        ("a & b <c>", "a &amp; b &lt;c&gt;", "a &amp; b &lt;c&gt;"),
        ("\\ ~ _ *", "\\\\ \\~ \\_ \\*", "\\\\ \\~ \\_ \\*"),
        ("WwW.X.org", "WwW&#46;X.org", "WwW&#46;X.org"),
        ("wwww.x", "wwww&#46;x", "wwww&#46;x"),
        ("w\x00ww.x", "www&#46;x", "www&#46;x"),  # a dropped character hides no link
        (":\u202e//x", "&#58;//x", "&#58;//x"),
        ("ftp://a@b", "ftp&#58;//a&#64;b", "ftp&#58;//a&#64;b"),
        ("  # h ", "# h", "\\# h"),  # spaces collapse before the start of the line is judged
        ("\u3000> q", "&gt; q", "&gt; q"),
        ("+ x", "+ x", "\\+ x"),
        ("= x", "= x", "\\= x"),
        ("12) x", "12) x", "12\\) x"),
        ("１. x", "１. x", "１\\. x"),  # a full-width digit is a digit to re's \d
        ("2023年", "2023年", "2023年"),
        ("a\r\nb\u2028c", "a<br>b<br>c", "a b c"),
        ("a\n", "a", "a"),
        (
            "改革" * 50 + " [x]",
            "改革" * 50 + " \\[x\\]",
            "改革" * 50 + " \\[x\\]",
        ),  # past the remembered length
        ("# " + "长" * 100, "# " + "长" * 100, "\\# " + "长" * 100),
    ],
)
def test_markdown_cell_and_inline_escaping(text, as_cell, as_inline) -> None:
    assert md.cell(text) == as_cell
    assert md.inline(text) == as_inline
    assert md.inline(text) == as_inline  # again, now remembered


def test_escaping_remembers_a_bounded_number_of_short_texts(monkeypatch) -> None:
    monkeypatch.setattr(md, "_REMEMBERED", 3)
    md.ESCAPED.clear()
    for n in range(10):
        assert md.inline(f"*{n}") == md.inline(f"*{n}") == f"\\*{n}"
        assert md.cell(f"|{n}") == md.cell(f"|{n}") == f"\\|{n}"
        assert len(md.ESCAPED) <= 3 and len(md._CELLS) <= 3
    md.inline("*" * 81)
    assert "*" * 81 not in md.ESCAPED and md.ESCAPED["*9"] == "\\*9"
    assert md.inline("1. x", block_start=False) == "1. x" and "1. x" not in md.ESCAPED


def _inline_spec(text: str, block_start: bool = True) -> str:
    """``md.inline`` as a chain of simple steps, each as the module's docstring states it."""
    import re

    text = re.sub(
        "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]", "", text
    )
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"([\\`*_\[\]|~])", r"\\\1", text)
    text = re.sub(
        r"://|www\.", lambda m: "&#58;//" if m.group() == "://" else m.group()[:3] + "&#46;", text, flags=re.I
    )
    text = " ".join(text.replace("@", "&#64;").split())
    if block_start:
        text = re.sub(r"^(\d+)(?=[.)])", r"\1\\", text)
        text = re.sub(r"^([#>+\-=])", r"\\\1", text)
    return text


_MARKDOWN_TRAPS = st.lists(
    st.sampled_from(
        [*"wW.:/@&<>\\`*_[]|~#+-=)1２ \t\n\r\x00\x0b\x1b\x85\xa0\u3000\u2028\u202e\u2066改革a", "www.", "://"]
    ),
    max_size=120,
).map("".join)


@given(text=_MARKDOWN_TRAPS, block_start=st.booleans())
@settings(max_examples=300, deadline=None)
def test_markdown_inline_matches_its_specification(text, block_start) -> None:
    expected = _inline_spec(text, block_start)
    assert md.inline(text, block_start=block_start) == expected
    assert md.inline(text, block_start=block_start) == expected  # remembered or not
    assert md.cell(text) == "<br>".join(_inline_spec(line, False) for line in text.splitlines() or [""])


def test_case_section() -> None:
    assert md.case_section(CASE) == (
        "# 标题\n\n"
        "`t-4-01` · 海南省海口市 · 2023-09-19 · 试点（期限：2025年）\n\n"
        "#a #b\n\n"
        "## 主要做法\n\n"
        "1. **做法**。细节\n\n"  # closed with 。 as the briefings close it
        "## 数据指标\n\n"
        "| 指标 | 类别 | 数值 | 前 → 后 | 变化 | 截至 |\n"
        "|---|---|---|---|---|---|\n"
        "| 时间 | 时间 |  | 20天 → 5天 | 压缩75%（据前后数值计算） | 2023年 |\n\n"
        "## 来源\n\n"
        "海南省《文件》\n"
    )
    english = md.case_section({**CASE, "status": "implemented"}, level=2, lang="en")
    assert "`t-4-01` · 海南省海口市 · 2023-09-19\n" in english  # implemented is not stated
    assert "### Metrics\n\n| Metric | Kind | Figure | Before → after | Change | As of |\n" in english
    assert "| 时间 | time |  | 20天 → 5天 | -75% (computed) | 2023 |" in english


def test_metric_row_in_a_markdown_table_is_escaped_cell_by_cell() -> None:
    metric = {"label": "a|b", "kind": "count", "value": 3, "unit": "<个>", "as_of": "2023"}
    row = "| " + " | ".join(md.cell(c) for c in metric_row(metric)) + " |"
    assert row == "| a\\|b | 数量 | 3&lt;个&gt; |  |  | 2023年 |"


# --- compare writers -----------------------------------------------------------------------


def test_compare_markdown() -> None:
    assert compare_writers.markdown(compare([FAST, FASTER])) == (
        "| | `fast`<br>标题fast | `faster`<br>标题faster |\n"
        "|---|---|---|\n"
        "| 项目 | t/4 | t |\n"
        "| 地区 | 海南省海口市 | 海南省海口市 |\n"
        "| 发布 | 2023年9月19日 | 2023年9月19日 |\n"
        "| 状态 | 试点（期限：2025年12月） | 已实施 |\n"
        "| 牵头单位 | 甲局、乙局 |  |\n"
        "| 标签 | 政务服务 | 政务服务 |\n"
        "| 主要做法（项） | 2 | 2 |\n"
        "| 实践效果（项） | 0 | 0 |\n"
        "| 推广与表彰 |  |  |\n"
        "| 数据指标：时间 | 审批时间：20个工作日 → 5个工作日，压缩75%（据前后数值计算） "
        "| ★ 通关时间：72小时 → 1.04小时，压缩98% |\n"
        "| 数据指标：材料 | 材料：减少30%以上 |  |\n"
        "| 数据指标：业务量 |  | 办件量：582万笔 |\n"
        "| 主要做法 | 1. 做法一<br>2. 做法二 | 1. 做法一<br>2. 做法二 |\n"
        "\n"
        "★ 同类指标中变化最优：时间、材料、环节、跑动、成本取降幅最大者，其他取增幅最大者。\n"
    )
    english = compare_writers.markdown(compare([FAST, FASTER]), lang="en")
    assert "| Metrics: time | 审批时间: 20个工作日 → 5个工作日, -75% (computed) |" in english
    assert "| Status | pilot (due 2025-12) | implemented |" in english


def test_compare_markdown_escapes_case_text() -> None:
    hostile = {**FAST, "title": "[x](http://e.org)|", "practices": [{"title": "<script>"}]}
    out = compare_writers.markdown(compare([hostile, FASTER]))
    assert "| | `fast`<br>\\[x\\](http&#58;//e.org)\\| |" in out
    assert "| 主要做法 | 1. &lt;script&gt; |" in out


def test_compare_json() -> None:
    data = json.loads(compare_writers.as_json(compare([FAST, FASTER])))
    assert data["cases"] == [{"id": "fast", "title": "标题fast"}, {"id": "faster", "title": "标题faster"}]
    assert data["fields"]["program"] == ["t/4", "t"]
    assert data["fields"]["status"] == ["pilot (due 2025-12)", "implemented"]
    assert data["fields"]["practices"] == ["2", "2"]
    time = data["metrics"][0]
    assert time["kind"] == "time" and time["best"] == "faster" and time["best_label"] == "通关时间"
    assert time["cases"][0] == [
        {
            "label": "审批时间",
            "kind": "time",
            "before": 20,
            "after": 5,
            "unit": "工作日",
            "text": "20个工作日 → 5个工作日，压缩75%（据前后数值计算）",
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
    assert lines[1] == "┃                  ┃ fast                        ┃ faster                      ┃"
    assert lines[2] == "┃                  ┃ 标题fast                    ┃ 标题faster                  ┃"
    assert "│ 状态             │ 试点（期限：2025年12月）    │ 已实施                      │" in lines
    assert "│ 数据指标：时间   │ 审批时间：20个工作日 → 5个  │ ★ 通关时间：72小时 → 1.04小 │" in lines
    assert "│                  │ 工作日，压缩75%（据前后数值 │   时，压缩98%               │" in lines
    assert lines[-2:] == [
        "★ 同类指标中变化最优：时间、材料、环节、跑动、成本取降幅最大者，其他取增幅最大",
        "者。",
    ]


def test_compare_star_goes_on_the_metric_that_won_not_its_neighbour() -> None:
    slow = {**FAST, "id": "slow", "metrics": [{"label": "A", "kind": "time", "change_pct": -10}]}
    two = {
        **FASTER,
        "metrics": [
            {"label": "先列", "kind": "time", "value": 3, "unit": "天"},
            {"label": "后列", "kind": "time", "change_pct": -50},
        ],
    }
    text = compare_writers.markdown(compare([slow, two]))
    assert "| 数据指标：时间 | A：减少10% | 先列：3天<br>★ 后列：压缩50% |" in text.replace(
        "A：压缩10%", "A：减少10%"
    )


def test_compare_falls_back_to_one_case_after_another_when_ids_do_not_fit() -> None:
    text = compare_writers.table(
        compare([FAST, FASTER, {**FAST, "id": "a-much-longer-case-id"}]), color=False, width=40
    )
    lines = text.splitlines()
    assert "a-much-longer-case-id" in lines and "fast" in lines and "faster" in lines
    assert all(len(line) <= 40 for line in lines)


# --- stats writers -------------------------------------------------------------------------


def test_stats_markdown() -> None:
    assert stats_writers.markdown(compute(RECORDS, ("program",))) == (
        "**共3个案例**\n\n"
        "### 按项目\n\n"
        "| 项目 | 案例数 |\n"
        "|---|---:|\n"
        "| hnbiz | 2 |\n"
        "| zj | 1 |\n\n"
        "### 各类指标的相对变化\n\n"
        "| 类别 | 案例数 | 有变化 | 中位数 | 幅度最大 | 案例 | 幅度最小 | 案例 |\n"
        "|---|---:|---:|---:|---:|---|---:|---|\n"
        "| 时间 | 2 | 3 | 压缩75% | 压缩98% | b | 压缩20% | a |\n"
        "| 成本 | 1 | 0 |  |  |  |  |  |\n"
        "| 业务量 | 1 | 0 |  |  |  |  |  |\n"
    )
    assert stats_writers.markdown(compute(RECORDS, ("program",)), lang="en").startswith(
        "**3 cases**\n\n### by program\n\n| program | cases |\n"
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
        "共3个案例\n"
        "\n"
        "按项目\n"
        "hnbiz  2  ██████████████████████████████\n"
        "zj     1  ███████████████\n"
        "\n"
        "各类指标的相对变化\n"
        "类别    案例数  有变化   中位数  幅度最大  案例  幅度最小  案例\n"
        "时间         2       3  压缩75%   压缩98%  b      压缩20%  a\n"
        "成本         1       0\n"
        "业务量       1       0\n"
    )
    english = stats_writers.table(compute(RECORDS, ("program",)), color=False, width=100, lang="en")
    assert english.startswith("3 cases\n\nby program\n")
    assert "kind    cases  figures  median  largest  case  smallest  case\n" in english
    assert "time        2        3    -75%     -98%  b         -20%  a\n" in english


def test_stats_table_in_colour_and_with_terminal_escapes_in_keys() -> None:
    coloured = stats_writers.table(compute(RECORDS, ("program",)), color=True, width=100)
    assert coloured.startswith("\x1b[1m共3个案例\x1b[0m\n")
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
    out = show_writers.text(CASE, path="cases/t-4-01.yaml", program_name="测试项目", color=False, width=100)
    assert out == (
        "标题\n"
        "\n"
        "编号  t-4-01\n"
        "项目  测试项目 · 第四批 · 第1号\n"
        "发布  2023年9月19日\n"
        "地区  海南省海口市\n"
        "状态  试点（期限：2025年）\n"
        "标签  a、b\n"
        "\n"
        "主要做法\n"
        "1. 做法\n"
        "   细节\n"
        "\n"
        "数据指标\n"
        "指标  类别  数值  前 → 后     变化                       截至\n"
        "时间  时间        20天 → 5天  压缩75%（据前后数值计算）  2023年\n"
        "\n"
        "来源\n"
        "海南省《文件》\n"
    )
    narrow = show_writers.text(CASE, path="p", program_name="测试项目", color=False, width=80)
    assert "数据指标\n- 时间（时间）：20天 → 5天，压缩75%（据前后数值计算；截至2023年）\n" in narrow
    english = show_writers.text(CASE, path="p", program_name="测试项目", color=False, width=100, lang="en")
    assert "Status     pilot (due 2025)\n" in english and "Tags       a, b\n" in english


def test_show_json_yaml_markdown() -> None:
    assert json.loads(show_writers.as_json(CASE, path="cases/x.yaml")) == {**CASE, "path": "cases/x.yaml"}
    assert show_writers.as_json(CASE, path="p").endswith("}\n")
    assert show_writers.as_yaml(CASE, path="p").startswith("id: t-4-01\ntitle: 标题\n")
    assert show_writers.markdown(CASE, path="p") == md.case_section(CASE)
    assert show_writers.markdown(CASE, path="p", lang="en") == md.case_section(CASE, lang="en")


# --- report rendering ----------------------------------------------------------------------


def report_data(lang: str = "zh"):
    from reformkit.report.briefing import ReportOptions, build

    return build([CASE], ReportOptions(lang=lang), {"t": "测试项目"})


def test_report_context_holds_facts_and_render_adds_the_words() -> None:
    from reformkit.render.briefing.markdown import worded

    data = report_data()
    (entry,) = data.cases
    assert entry.position == 1 and entry.case is CASE and entry.program_name == "测试项目"
    assert entry.key_metrics == (CASE["metrics"][0],)
    assert data.groups[0].cases == (entry,) and data.groups[0].name is None
    words = worded(data)
    (case,) = words["cases"]
    assert (
        case["meta_line"] == "`t-4-01` · 测试项目 · 第四批 · 海南省海口市 · 2023年9月19日 · 试点（期限：2025年）"
    )
    assert case["region_text"] == "海南省海口市"
    assert case["status_text"] == "试点（期限：2025年）"
    assert case["source_text"] == "海南省《文件》"
    assert case["key_figure"] == "时间压缩75%（据前后数值计算）"
    assert case["metric_rows"][0]["transition"] == "20天 → 5天"
    assert words["h"]["metrics"] == "数据指标"
    assert "key_metric" not in case  # templates see the same names as before: key_figure
    assert worded(report_data("en"))["cases"][0]["meta_line"].startswith("`t-4-01` · 测试项目 · batch 4 · ")


@pytest.mark.parametrize(
    ("heading", "anchor"),
    [
        ("1. 企业开办“一网通办”", "1-企业开办一网通办"),
        ("Über Foo_bar (v2.0)", "über-foo_bar-v20"),
        ("a‿b – c", "a‿b--c"),  # a connector is kept, a dash that is no hyphen dropped
        ("Ａ１ é", "ａ１-é"),  # full-width letters and numbers, a combining mark
        ("İ", "i̇"),  # lower-casing may lengthen the text
        ("\t#!?\u3000。", ""),
    ],
)
def test_slug_is_githubs_anchor(heading, anchor) -> None:
    from reformkit.render.briefing.anchors import slug

    assert slug(heading) == anchor
    assert slug(heading) == anchor  # again, from the characters remembered


def test_the_report_sandbox_answers_every_lookup_as_jinjas_sandbox_does() -> None:
    from jinja2 import Undefined
    from jinja2.sandbox import SandboxedEnvironment

    from reformkit.render.briefing.markdown import Markdown, _sandbox

    ours, theirs = _sandbox()(), SandboxedEnvironment()

    class Obj:
        title = "attribute"

    objects = [{"title": "key", "items": "key"}, {}, Markdown("x"), "text", [1], Obj(), None]
    names = ["title", "items", "get", "missing", "__class__", "__init__", "upper", "format", "mro"]
    for obj in objects:
        for name in names:
            got, expected = ours.getattr(obj, name), theirs.getattr(obj, name)
            assert type(got) is type(expected), (obj, name)
            if isinstance(expected, Undefined):
                continue
            if callable(expected):  # str.format comes wrapped anew on each lookup
                assert got.__name__ == expected.__name__, (obj, name)
            else:
                assert got == expected, (obj, name)


def test_a_case_is_worded_once_though_printed_in_a_group_too(monkeypatch) -> None:
    from reformkit.render.briefing.markdown import worded
    from reformkit.report.briefing import ReportOptions, build
    from reformkit.wording import describe

    calls = []
    monkeypatch.setattr(describe, "case_source", lambda *a, **k: calls.append(a) or "来源")
    cases = [{**CASE, "id": f"t-4-0{n}", "number": n, "tags": ["a", "b"]} for n in (1, 2, 3)]
    words = worded(build(cases, ReportOptions(group_by="tag"), {}))
    assert len(calls) == 3
    assert [c["source_text"] for c in words["cases"]] == ["来源"] * 3
    assert [[c["anchor"] for c in g["cases"]] for g in words["groups"]] == [
        ["1-标题", "2-标题", "3-标题"],
        [],
    ]


def test_a_template_file_changed_between_two_reports_is_read_again(tmp_path) -> None:
    from reformkit.render.briefing.markdown import render as render_report

    template = tmp_path / "t.md.j2"
    template.write_text("one {{ title }}\n", encoding="utf-8")
    assert render_report(str(template), report_data()) == "one 改革案例简报\n"
    template.write_text("two {{ title }}\n", encoding="utf-8")
    assert render_report(str(template), report_data()) == "two 改革案例简报\n"


def test_report_template_errors_name_the_line_and_chain_the_cause(tmp_path) -> None:
    from reformkit.render.briefing.markdown import render as render_report

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
    from reformkit.render.briefing import markdown as report_writer

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
        "print(sorted(m for m in sys.modules if m.startswith('reformkit.') and m != 'reformkit._version' or m.split('.')[0] in ('rich', 'jinja2')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['reformkit.render']"


# --- built-in templates, compiled ahead -----------------------------------------------------


@pytest.mark.parametrize("template", ["briefing", "digest", "table"])
def test_the_compiled_built_in_templates_are_current(template) -> None:
    import importlib

    import jinja2

    from reformkit.render.briefing.markdown import _precompiled_module, precompiled_source
    from reformkit.report.output import template_source

    name, text = template_source(template)
    module = importlib.import_module(f"reformkit.templates.compiled.{template}")
    if jinja2.__version__ != module.JINJA2:  # made by another Jinja2: compiled as any template
        assert _precompiled_module(name, text) is None
        pytest.skip(f"compiled by Jinja2 {module.JINJA2}, not {jinja2.__version__}: not used here")
    written = Path(module.__file__).read_text("utf-8")
    assert written == precompiled_source(name, text), "run python tools/compile_templates.py"
    assert _precompiled_module(name, text) is module
    assert _precompiled_module(name, text + "\n") is None  # an edited copy of the same name


def test_a_compiled_template_is_not_used_once_the_environment_changes(monkeypatch) -> None:
    from reformkit.render.briefing import markdown as rendered
    from reformkit.report.output import template_source

    name, text = template_source("digest")
    if rendered._precompiled_module(name, text) is None:
        pytest.skip("the compiled templates were made by another Jinja2")
    real = rendered._environment

    def untrimmed(loader):  # type: ignore[no-untyped-def]
        env = real(loader)
        env.trim_blocks = False
        return env

    monkeypatch.setattr(rendered, "_environment", untrimmed)
    rendered._environment_key.cache_clear()
    try:
        assert rendered._precompiled_module(name, text) is None
    finally:
        rendered._environment_key.cache_clear()


@pytest.mark.parametrize("template", ["briefing", "digest", "table"])
def test_an_error_in_a_compiled_built_in_template_names_the_line_its_text_does(template, monkeypatch) -> None:
    from reformkit.errors import UsageError
    from reformkit.render.briefing import markdown as rendered
    from reformkit.render.briefing.markdown import worded
    from reformkit.report.briefing import ReportOptions, build

    data = worded(build([dict(CASE)], ReportOptions(), {}))
    del data["title"]  # what a mistake in the template would reach for
    messages = []
    for precompiled in (True, False):
        rendered._compiled.cache_clear()
        if not precompiled:
            monkeypatch.setattr(rendered, "_precompiled_module", lambda name, text: None)
        with pytest.raises(UsageError) as raised:
            rendered.render_words(template, data)
        messages.append(str(raised.value))
    rendered._compiled.cache_clear()
    assert messages[0] == messages[1]
    import re

    assert re.fullmatch(rf"{template}\.md\.j2:\d+: template error: 'title' is undefined", messages[0])


@pytest.mark.parametrize("template", ["briefing", "digest", "table"])
@pytest.mark.parametrize("group_by", [None, "tag"])
def test_a_compiled_built_in_template_writes_what_the_template_does(template, group_by) -> None:
    import importlib

    import jinja2

    from reformkit.render.briefing.markdown import _compiled, _environment, worded
    from reformkit.report.briefing import ReportOptions, build
    from reformkit.report.output import template_source

    cases = [{**CASE, "id": f"t-4-0{n}", "number": n, "title": f"<{n}> *标题*"} for n in (1, 2)]
    words = worded(build(cases, ReportOptions(group_by=group_by, front_matter=True), {"t": "项目"}))
    name, text = template_source(template)
    fresh = _environment(jinja2.DictLoader({name: text})).get_template(name)
    if jinja2.__version__ == importlib.import_module(f"reformkit.templates.compiled.{template}").JINJA2:
        assert _compiled(name, text).root_render_func.__code__.co_filename.endswith(f"{template}.py")  # the module, not the text
    assert _compiled(name, text).render(**words) == fresh.render(**words)
