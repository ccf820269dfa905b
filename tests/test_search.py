"""search and show through the CLI: the query language, folding, ranking, formats, exit codes."""

from __future__ import annotations

import csv
import io
import json

import pytest
import yaml

CASE_A = """\
id: t-4-01
title: 推进“一网通办”改革
program: t
batch: 4
number: 1
published: 2023-09-19
region: {province: 海南省, city: 海口市, district: 江东新区}
agencies: [海口市人民政府]
tags: [政务服务]
summary: 企业开办时间大幅压缩。
practices:
  - title: 再造审批流程
    detail: 推行证照联办,APP 一次办。
outcomes: []
metrics:
  - {label: 审批时间, kind: time, before: 20, after: 5, unit: 工作日}
source: {title: 第四批示范案例, document: a.txt}
"""
CASE_B = """\
id: t-4-02
title: 深化企业开办改革
program: t
batch: 4
number: 2
published: 2021-04
region: {province: 海南省, city: 三亚市}
tags: [企业开办, 政务服务]
practices:
  - title: 推行一网通办
outcomes:
  - title: 办件量增加
metrics:
  - {label: 办件量, kind: volume, value: 100, unit: 件}
recognition: [国务院列入典型经验向全国推广]
source: {document: b.txt}
"""
CASE_C = """\
id: zj-01
title: 长三角税收征管一体化
program: zj
number: 1
published: "2021"
region: {province: 浙江省, city: 嘉兴市}
tags: [通关便利]
status: planned
due: 2020-12
practices:
  - title: 建立“一网通办”专窗
source: {document: c.txt}
"""


def ids(invoke, *args):
    result = invoke("search", "--format", "ids", *args)
    assert result.exit_code in (0, 1), result.stderr
    return result.stdout.split()


def test_no_query_lists_everything_newest_first(lib, invoke):
    assert ids(invoke) == ["t-4-01", "t-4-02", "zj-01"]
    assert invoke("list", "--format", "ids").stdout.split() == ["t-4-01", "t-4-02", "zj-01"]


def test_ranking_title_beats_practices_and_ties_go_newest_first(lib, invoke):
    # t-4-01 has it in the title (8); zj-01 and t-4-02 in practices (2): newest first.
    assert ids(invoke, "一网通办") == ["t-4-01", "t-4-02", "zj-01"]


def test_terms_are_anded_and_negation_excludes(lib, invoke):
    # 一网通办 is in every case, 企业 in two: the rarer term decides, and t-4-02 has it in its
    # title and tags, t-4-01 only in its summary.
    assert ids(invoke, "一网通办", "企业") == ["t-4-02", "t-4-01"]
    assert ids(invoke, "一网通办", "-企业") == ["zj-01"]


def test_traditional_query_finds_simplified_text(lib, invoke):
    assert ids(invoke, "一網通辦") == ["t-4-01", "t-4-02", "zj-01"]
    assert ids(invoke, "深化企業開辦") == ["t-4-02"]


def test_width_and_case_folding(lib, invoke):
    assert ids(invoke, "ａｐｐ") == ["t-4-01"]  # full-width, upper case in the text
    assert ids(invoke, "App") == ["t-4-01"]


def test_quoted_phrase_is_one_term(lib, invoke):
    assert ids(invoke, '"审批 流程"') == []
    assert ids(invoke, '"再造审批流程"') == ["t-4-01"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("id:t-4-02", ["t-4-02"]),
        ("id:t-4-02,zj-01", ["t-4-02", "zj-01"]),
        ("program:zj", ["zj-01"]),
        ("-program:zj", ["t-4-01", "t-4-02"]),
        ("batch:4", ["t-4-01", "t-4-02"]),
        ("batch:>=5", []),
        ("region:海口", ["t-4-01"]),
        ("region:江东", ["t-4-01"]),
        ("region:海南", ["t-4-01", "t-4-02"]),
        ("region:嘉興", ["zj-01"]),
        ("tag:企业开办", ["t-4-02"]),
        ("tag:企业开办,通关便利", ["t-4-02", "zj-01"]),
        ("tag:政务服务 tag:企业开办", ["t-4-02"]),
        ("agency:人民政府", ["t-4-01"]),
        ("status:planned", ["zj-01"]),
        ("kind:time", ["t-4-01"]),
        ("kind:time,volume", ["t-4-01", "t-4-02"]),
        ("year:2021", ["t-4-02", "zj-01"]),
        ("year:2022..2023", ["t-4-01"]),
        ("year:>2021", ["t-4-01"]),
        ("published:2021-04", ["t-4-02"]),
        ("published:>=2021-04-01", ["t-4-01", "t-4-02"]),
        ("published:<=2021-03-31", ["zj-01"]),
        ("published:2021..2021-06", ["t-4-02", "zj-01"]),
        ("has:recognition", ["t-4-02"]),
        ("has:due", ["zj-01"]),
        ("-has:metrics", ["zj-01"]),
        ("in:title 一网通办", ["t-4-01"]),
        ("in:practices,summary 企业", ["t-4-01"]),
        ("审批 kind:time", ["t-4-01"]),
    ],
)
def test_qualifiers(lib, invoke, query, expected):
    assert ids(invoke, query) == expected


def test_flags_are_qualifiers(lib, invoke):
    assert ids(invoke, "--tag", "企业开办") == ["t-4-02"]
    assert ids(invoke, "--region", "海南", "--year", "2023") == ["t-4-01"]
    assert ids(invoke, "--status", "planned", "--program", "zj") == ["zj-01"]
    assert ids(invoke, "一网通办", "--in", "title") == ["t-4-01"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("year:20x1", "year:20x1 is not a year (YYYY)"),
        ("foo:bar", "unknown qualifier 'foo:'; use one of id:, program:"),
        ('"unclosed', "unbalanced quote"),
        ("has:wings", "has:wings is not something a case can have; use one of subtitle"),
        ("in:body", "in:body is not a text field; use one of title"),
        ("status:done", "status:done is not a status"),
        ("kind:speed", "kind:speed is not a metric kind"),
        ("published:2021-02-30", "published:2021-02-30 is not a date"),
        ("tag:", "qualifier 'tag:' needs a value"),
    ],
)
def test_bad_queries_are_usage_errors(lib, invoke, query, message):
    result = invoke("search", query)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert message in result.stderr


def test_unknown_long_option_is_not_taken_as_a_term(lib, invoke):
    result = invoke("search", "--bogus", "x")
    assert result.exit_code == 2
    assert "No such option" in result.stderr and "--bogus" in result.stderr


def test_no_match_exits_1_with_nothing_on_stdout(lib, invoke):
    result = invoke("search", "不存在的词", "--format", "json")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == "没有符合条件的案例\n"
    english = invoke("search", "不存在的词", "--lang", "en")
    assert (english.exit_code, english.stdout, english.stderr) == (1, "", "no cases match\n")


def test_sort_and_limit(lib, invoke):
    assert ids(invoke, "--sort", "id") == ["t-4-01", "t-4-02", "zj-01"]
    # by pinyin: 长三角 chang < 深化 shen < 推进 tui
    assert ids(invoke, "--sort", "title") == ["zj-01", "t-4-02", "t-4-01"]
    assert ids(invoke, "--limit", "2") == ["t-4-01", "t-4-02"]


def test_table_output_exact(lib, invoke):
    # 100 columns: id, title, date, best figure and the hit outside the title (t-4-01 has it
    # only in its title, which the table shows already).
    result = invoke("search", "一网通办", "--lang", "en")
    assert result.exit_code == 0
    assert result.stdout == (
        "id      title                 published   figure                     match\n"
        "t-4-01  推进“一网通办”改革    2023-09-19  审批时间: -75% (computed)\n"
        "t-4-02  深化企业开办改革      2021-04                                推行[一网通办]\n"
        "zj-01   长三角税收征管一体化  2021                                   建立“[一网通办]”专窗\n"
    )
    assert result.stderr == "3 cases\n"


def test_table_speaks_chinese_by_default(lib, invoke):
    # The cases' language is the default, as in show, compare and stats.
    result = invoke("search", "一网通办")
    assert result.exit_code == 0
    assert result.stdout == (
        "编号    标题                  发布日期    关键数据                           命中内容\n"
        "t-4-01  推进“一网通办”改革    2023-09-19  审批时间压缩75%（据前后数值计算）\n"
        "t-4-02  深化企业开办改革      2021-04                                        推行[一网通办]\n"
        "zj-01   长三角税收征管一体化  2021                                           建立“[一网通办]”专窗\n"
    )
    assert result.stderr == "共3个案例\n"
    assert invoke("search", "一网通办", "--lang", "zh").stdout == result.stdout


def test_json_output_is_the_full_case_plus_path(lib, invoke):
    result = invoke("search", "id:zj-01", "--format", "json")
    cases = json.loads(result.stdout)
    assert cases == [
        {
            "id": "zj-01",
            "title": "长三角税收征管一体化",
            "program": "zj",
            "number": 1,
            "published": "2021",
            "region": {"province": "浙江省", "city": "嘉兴市"},
            "tags": ["通关便利"],
            "status": "planned",
            "due": "2020-12",
            "practices": [{"title": "建立“一网通办”专窗"}],
            "source": {"document": "c.txt"},
            "path": "cases/zj-01.yaml",
        }
    ]


def test_status_is_always_present_and_dates_are_strings(lib, invoke):
    lines = invoke("search", "--format", "jsonl").stdout.splitlines()
    cases = [json.loads(line) for line in lines]
    assert [c["status"] for c in cases] == ["implemented", "implemented", "planned"]
    assert cases[0]["published"] == "2023-09-19"


def test_csv_output(lib, invoke):
    rows = list(csv.DictReader(io.StringIO(invoke("search", "--format", "csv").stdout)))
    assert [r["id"] for r in rows] == ["t-4-01", "t-4-02", "zj-01"]
    assert rows[1]["tags"] == "企业开办; 政务服务"
    assert rows[0]["metrics"] == "1"


def test_yaml_and_paths_output(lib, invoke):
    documents = yaml.safe_load(invoke("search", "tag:企业开办", "--format", "yaml").stdout)
    assert [d["id"] for d in documents] == ["t-4-02"]
    assert invoke("search", "tag:企业开办", "--format", "paths").stdout == "cases/t-4-02.yaml\n"


def test_lines_gives_editor_locations(lib, invoke):
    # The line as written, once; the column counts UTF-8 bytes as vim and rg --vimgrep do:
    # "title: " is 7 bytes and 推, 进 and “ are 3 bytes each, so 一 starts at byte 17.
    result = invoke("search", "一网通办", "--lines")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "cases/t-4-01.yaml:2:17:title: 推进“一网通办”改革",
        "cases/t-4-02.yaml:10:18:  - title: 推行一网通办",
        "cases/zj-01.yaml:11:21:  - title: 建立“一网通办”专窗",
    ]
    assert result.stderr == ""  # like rg: the hits only


def test_lines_in_block_scalars_and_traditional_query(library, invoke):
    library.write(
        "t-01.yaml",
        CASE_C.replace("id: zj-01", "id: t-01")
        .replace("program: zj", "program: t")
        .replace(
            "practices:\n  - title: 建立“一网通办”专窗\n",
            "practices:\n  - title: 做法\n    detail: >-\n      第一行\n      推进一网通办\n",
        ),
    )
    result = invoke("search", "一網通辦", "--lines")
    # six spaces and 推进 (3 bytes each): 一 is byte 13, character 9
    assert result.stdout == "cases/t-01.yaml:14:13:      推进一网通办\n"
    result = invoke("search", "一網通辦", "--lines", "--column-unit", "char")
    assert result.stdout == "cases/t-01.yaml:14:9:      推进一网通办\n"


def test_invalid_files_are_skipped_with_a_note(lib, invoke):
    lib.write("broken.yaml", "id: [\n")
    result = invoke("search", "--format", "ids")
    assert result.exit_code == 0
    assert result.stdout.split() == ["t-4-01", "t-4-02", "zj-01"]
    assert result.stderr.startswith("cases/broken.yaml:2:1: RK001 YAML syntax error")
    assert result.stderr.splitlines()[-1].endswith("（此文件有错误，已跳过）")


def test_case_text_is_inert_in_every_format(library, invoke):
    hostile = CASE_A.replace("title: 推进“一网通办”改革", 'title: "[bold]x[/bold] =cmd|calc \\u202e"')
    library.write("t-4-01.yaml", hostile)
    for fmt in ("table", "ids", "paths", "json", "jsonl", "csv", "yaml"):
        out = invoke("search", "--format", fmt).stdout
        assert "\u202e" not in out, fmt
    table = invoke("search").stdout
    assert "[bold]x[/bold]" in table and "\\u202e" in table
    row = list(csv.reader(io.StringIO(invoke("search", "--format", "csv").stdout)))[1]
    assert row[1] == "[bold]x[/bold] =cmd|calc \\u202e"
    shown = invoke("show", "t-4-01").stdout
    assert "\u202e" not in shown and "[bold]x[/bold]" in shown


def test_a_case_with_control_characters_is_rejected_and_skipped(library, invoke):
    hostile = CASE_A.replace("title: 推进“一网通办”改革", 'title: "x \\e]0;pwn\\a\\e[2J"')
    library.write("t-4-01.yaml", hostile)
    result = invoke("search", "--format", "ids")
    assert "t-4-01" not in result.stdout.split()
    assert result.stderr.startswith(
        "cases/t-4-01.yaml:2:8: RK108 title contains the control character U+001B at character 3;"
    )
    assert "\x1b" not in result.stdout + result.stderr and "\x07" not in result.stdout + result.stderr


def test_csv_formula_cells_are_neutralised(library, invoke):
    library.write(
        "t-4-01.yaml", CASE_A.replace("title: 推进“一网通办”改革", "title: '=HYPERLINK(\"http://x\")'")
    )
    row = list(csv.DictReader(io.StringIO(invoke("search", "--format", "csv").stdout)))[0]
    assert row["title"] == '\'=HYPERLINK("http://x")'


def test_show_text_and_formats(lib, invoke):
    text = invoke("show", "t-4-02").stdout
    assert text.splitlines()[0] == "深化企业开办改革"
    assert "主要做法" in text and "1. 推行一网通办" in text and "推广与表彰" in text
    data = json.loads(invoke("show", "t-4-02", "--format", "json").stdout)
    assert data["id"] == "t-4-02" and data["path"] == "cases/t-4-02.yaml"
    assert yaml.safe_load(invoke("show", "t-4-02", "--format", "yaml").stdout)["published"] == "2021-04"
    markdown = invoke("show", "t-4-01", "--format", "markdown").stdout
    assert markdown.startswith("# 推进“一网通办”改革\n")
    assert "| 审批时间 | 时间 |  | 20个工作日 → 5个工作日 | 压缩75%（据前后数值计算） |  |" in markdown
    english = invoke("show", "t-4-01", "--format", "markdown", "--lang", "en").stdout
    assert "| 审批时间 | time |  | 20个工作日 → 5个工作日 | -75% (computed) |  |" in english


def test_show_unknown_id_suggests_close_ones(lib, invoke):
    result = invoke("show", "t-4-1")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "no case with id 't-4-1'; did you mean t-4-01" in result.stderr


def test_show_id_of_an_invalid_file(lib, invoke):
    lib.write("t-4-09.yaml", CASE_A.replace("t-4-01", "t-4-09").replace("title: 推进", "titel: 推进"))
    result = invoke("show", "t-4-09")
    assert result.exit_code == 2
    assert "cases/t-4-09.yaml holds it but has errors" in result.stderr


def complete(invoke_env, words: str) -> list[str]:
    from click.testing import CliRunner

    from reformkit.cli import cli

    env = {
        "_REFORMKIT_COMPLETE": "bash_complete",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1)),
    }
    result = CliRunner().invoke(cli, [], env=env, prog_name="reformkit")
    return [line.split(",", 1)[1] for line in result.stdout.splitlines() if "," in line]


def test_shell_completion_of_commands_ids_tags_and_programs(lib, invoke):
    assert "search" in complete(invoke, "reformkit sea")
    assert complete(invoke, "reformkit show t-4") == ["t-4-01", "t-4-02"]
    assert complete(invoke, "reformkit search --tag 企业") == ["企业开办"]
    assert complete(invoke, "reformkit search --program z") == ["zj"]


def test_narrow_terminal_still_readable(lib, invoke, monkeypatch):
    from rich.cells import cell_len

    monkeypatch.setenv("COLUMNS", "40")
    for args in (("search", "一网通办"), ("show", "t-4-01"), ("compare", "t-4-01", "t-4-02"), ("stats",)):
        result = invoke(*args)
        assert result.exit_code == 0
        assert max(cell_len(line) for line in result.stdout.splitlines()) <= 40, args  # wide CJK counts 2


def test_lines_without_free_text_is_a_usage_error_even_when_nothing_matches(lib, invoke):
    for query in ("tag:企业开办", "year:1999"):
        result = invoke("search", query, "--lines")
        assert (result.exit_code, result.stdout) == (2, "")
        assert "--lines needs free-text terms" in result.stderr
