"""The query syntax staff type in a shell: open ranges, options that are options, OR/NOT and
groups, checked qualifier values, id prefixes, coverage of tags, and show by id or path."""

from __future__ import annotations

import json

import click
import pytest

from reformkit.cli import COMMANDS, cli
from reformkit.errors import UsageError
from reformkit.search.query import parse
from reformkit.search.values import Vocabulary
from tests.conftest import REPO, minimal_case


def ids(invoke, *args):
    result = invoke("search", "--format", "ids", *args)
    assert result.exit_code in (0, 1), result.output
    return result.stdout.split()


def bundled(invoke, *args):
    return invoke("--config", str(REPO / "reformkit.toml"), *args)


# --- item 1: shell-safe ranges ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("year:2022..", ["t-4-01"]),
        ("year:..2021", ["t-4-02", "zj-01"]),
        ("published:2021-04-01..", ["t-4-01", "t-4-02"]),
        ("published:..2021-03", ["zj-01"]),
        ("batch:4..", ["t-4-01", "t-4-02"]),
        ("batch:..3", []),
    ],
)
def test_open_ranges_with_two_dots(lib, invoke, query, expected):
    assert ids(invoke, query) == expected


def test_open_ranges_work_as_options_too(lib, invoke):
    assert ids(invoke, "--year", "2022..") == ["t-4-01"]


def test_an_empty_range_value_explains_the_shell_took_the_sign(lib, invoke):
    result = invoke("search", "published:")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: qualifier 'published:' needs a value, e.g. published:2023-01-01..; if you typed "
        "published:>=… or published:<… unquoted, the shell took > or < as a redirection (a stray "
        "file named '=…' may now exist): write open ranges with .. instead (published:2023-01-01.. "
        "or published:..2023-06)\n"
    )


@pytest.mark.parametrize("text", ["year:..", "year:>=", "published:<"])
def test_a_range_with_no_bound_is_the_same_error(text):
    with pytest.raises(UsageError, match="needs a value.*write open ranges with \\.\\."):
        parse(text)


def test_help_and_readme_examples_are_shell_safe():
    from reformkit.commands.search import command

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for text in (command.help or "", readme):
        for line in text.splitlines():
            if "reformkit search" in line or "reformkit list" in line:
                code = line.split("#")[0]
                assert ":>" not in code and ":<" not in code, line
                assert " >=" not in code and " <=" not in code, line


# --- item 2: options are options ----------------------------------------------------------------


@pytest.mark.parametrize("command", ["search", "stats", "report", "export", "show", "validate"])
def test_dash_h_is_help_everywhere(lib, invoke, command):
    result = invoke(command, "-h")
    assert result.exit_code == 0
    assert result.stdout.startswith("Usage: ") and f" {command} [OPTIONS]" in result.stdout.splitlines()[0]


@pytest.mark.parametrize("name", [*COMMANDS])
def test_dash_h_survives_a_command_first_reached_without_the_group(lib, invoke, name):
    """click keeps a command's help option from the first context that asks; reached alone
    (the Python API, a test reading its options) it must still answer -h afterwards."""
    command = cli.get_command(click.Context(cli), name)
    command.get_params(click.Context(command, info_name=name))
    result = invoke(name, "-h")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"Usage: cli {name} ")


def test_short_options_of_the_command_are_options(lib, invoke):
    assert invoke("search", "一网通办", "-f", "ids").stdout == "t-4-01\nt-4-02\nzj-01\n"
    assert invoke("search", "一网通办", "-n", "1", "-f", "ids").stdout == "t-4-01\n"
    assert invoke("stats", "-f", "json").exit_code == 0
    result = invoke("export", "id:zj-01", "-f", "jsonl")
    assert json.loads(result.stdout)["id"] == "zj-01"


def test_a_global_short_option_after_the_command_is_a_usage_error(lib, invoke):
    result = invoke("search", "一网通办", "-C", "2")
    assert result.exit_code == 2
    assert "Error: no such option: -C (-C is a global option: put it before the command" in result.stderr
    assert "-- -C" in result.stderr


def test_an_ascii_dash_word_is_a_usage_error_naming_options_and_the_way_to_exclude(lib, invoke):
    result = invoke("report", "-o", "brief.md", "-org")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: no such option: -org (did you mean --output? short options here are -h, -o); to "
        "exclude the word 'org', write NOT org or put it after --: reformkit report … -- -org"
    )
    assert not (lib.root / "brief.md").exists()
    assert not (lib.root / "rg").exists()


def test_exclusions_still_work(lib, invoke):
    assert ids(invoke, "一网通办", "-企业") == ["zj-01"]
    assert ids(invoke, "一网通办", "-tag:政务服务") == ["zj-01"]
    assert ids(invoke, "一网通办", "-has:metrics") == ["zj-01"]
    assert ids(invoke, "一网通办", "NOT", "企业") == ["zj-01"]
    assert ids(invoke, "--", "-app") == ["t-4-02", "zj-01"]


# --- item 3: OR, NOT, groups --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("tag:企业开办 OR tag:通关便利", ["t-4-02", "zj-01"]),
        ("tag:企业开办 OR program:zj", ["t-4-02", "zj-01"]),
        # zj-01 holds both sides (税收 in its title) and earns both
        ("一网通办 OR 税收", ["zj-01", "t-4-01", "t-4-02"]),
        # AND binds tighter than OR: (审批 AND 海口) OR 税收; t-4-01 earns two terms
        ("审批 海口 OR 税收", ["t-4-01", "zj-01"]),
        ("(tag:企业开办 OR tag:通关便利) NOT 税收", ["t-4-02"]),
        ("一网通办 -(tag:企业开办 OR tag:通关便利)", ["t-4-01"]),
        ("NOT (program:t)", ["zj-01"]),
        ("一网通办 AND 企业", ["t-4-02", "t-4-01"]),  # as 一网通办 企业 (test_search.py)
        ("NOT NOT program:zj", ["zj-01"]),
        ('"OR"', []),
    ],
)
def test_or_not_and_parentheses(lib, invoke, query, expected):
    assert ids(invoke, query) == expected


def test_or_ranks_by_the_best_branch(lib, invoke):
    # t-4-02 has 深化 in the title (8); t-4-01 has 审批 only in practices and metrics.
    assert ids(invoke, "深化 OR 审批") == ["t-4-02", "t-4-01"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a OR", "OR needs a term on each side, e.g. tag:企业开办 OR tag:跨境电商"),
        ("OR a", "OR needs a term on each side, e.g. tag:企业开办 OR tag:跨境电商"),
        ("(a b", "unbalanced parenthesis in the query; close the group with )"),
        ("a b)", "unbalanced parenthesis in the query; a ) closes no group"),
        ("()", "empty parentheses in the query; put terms inside ( )"),
        ("a NOT", "NOT needs a term or a group after it, e.g. NOT 海口"),
        ("a AND", "AND needs a term after it"),
        ("\x00", "the query holds a control character (U+0000) at character 1; remove it"),
        ("通关\x1b[31m", "the query holds a control character (U+001B) at character 3; remove it"),
        ("改革 \x85", "the query holds a control character (U+0085) at character 4; remove it"),
    ],
)
def test_bad_queries_are_usage_errors_naming_the_fix(text, message):
    with pytest.raises(UsageError) as caught:
        parse(text)
    assert str(caught.value) == message


def test_the_leaves_keep_their_effective_sign():
    query = parse("a -(b OR NOT c) tag:x")
    assert [(t.text, t.negated) for t in query.terms] == [("a", False), ("b", True), ("c", False)]


# --- item 4: checked values, case-insensitive program: and id:, prefixes ----------------------


def test_unknown_program_and_tag_are_usage_errors_with_a_suggestion(lib, invoke):
    result = invoke("search", "program:zjx")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: program:zjx is not a program of this library (did you mean 'zj'?); use one of t, zj\n"
    )
    result = invoke("search", "--tag", "企业开班")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: tag:企业开班 is not a tag of this library (did you mean '企业开办'?); "
        "the tags are listed under [vocab] in the config\n"
    )


def test_status_and_kind_typos_suggest_the_value():
    with pytest.raises(UsageError, match="^status:plannd is not a status \\(did you mean 'planned'\\?\\)"):
        parse("status:plannd")
    with pytest.raises(UsageError, match="^kind:tme is not a metric kind \\(did you mean 'time'\\?\\)"):
        parse("kind:tme")


def test_without_a_vocabulary_any_program_or_tag_is_accepted():
    parse("program:anything tag:whatever")
    with pytest.raises(UsageError):
        parse("program:anything", vocab=Vocabulary(programs=("t",)))


def test_program_and_id_ignore_letter_case_and_id_takes_a_prefix(lib, invoke):
    assert ids(invoke, "program:ZJ") == ["zj-01"]
    assert ids(invoke, "id:T-4-02") == ["t-4-02"]
    assert ids(invoke, "id:t-4-*") == ["t-4-01", "t-4-02"]
    assert ids(invoke, "id:*-01") == ["t-4-01", "zj-01"]
    assert ids(invoke, "id:t") == []


def test_show_takes_several_ids_in_any_case_and_paths(lib, invoke):
    result = invoke("show", "T-4-02", "cases/zj-01.yaml", "--format", "json")
    assert result.exit_code == 0
    assert [case["id"] for case in json.loads(result.stdout)] == ["t-4-02", "zj-01"]
    one = invoke("show", "ZJ-01", "--format", "json")
    assert json.loads(one.stdout)["id"] == "zj-01"
    text = invoke("show", "t-4-01", "zj-01").stdout
    assert "推进“一网通办”改革" in text and "长三角税收征管一体化" in text
    yaml_out = invoke("show", "t-4-01", "zj-01", "--format", "yaml").stdout
    assert yaml_out.count("\n---\n") == 1


def test_show_errors_for_missing_files_and_ids(lib, invoke):
    result = invoke("show", "cases/nope.yaml")
    assert result.exit_code == 2
    assert result.stderr == "Error: cases/nope.yaml: no such case file\n"
    result = invoke("show", "t-4-01", "t-4-03")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: no case with id 't-4-03'; did you mean t-4-02, t-4-01?")
    assert result.stdout == ""


# --- item 5: coverage -----------------------------------------------------------------------------


def test_tags_agencies_recognition_and_metric_labels_are_searched(lib, invoke):
    assert ids(invoke, "in:tags", "通关便利") == ["zj-01"]
    assert ids(invoke, "通关便利") == ["zj-01"]
    assert ids(invoke, "人民政府") == ["t-4-01"]
    assert ids(invoke, "典型经验") == ["t-4-02"]
    assert ids(invoke, "办件量") == ["t-4-02"]


def test_source_file_names_only_through_source(lib, invoke):
    assert ids(invoke, "txt") == []
    assert ids(invoke, "b.txt") == []
    assert ids(invoke, "source:b.txt") == ["t-4-02"]
    assert ids(invoke, "source:示范案例") == ["t-4-01"]
    assert ids(invoke, "示范案例") == ["t-4-01"]  # the source's title stays text


def test_bundled_library_coverage(invoke):
    def found(*query: str) -> list[str]:
        return bundled(invoke, "search", "-f", "ids", *query).stdout.split()

    assert "hnbiz-4-04" in found("一网通办")
    assert "hnbiz-4-02" in found("证照分离")
    assert found("txt") == []
    assert found("source:001_986b55f30dd11b91") == [f"hnbiz-4-0{n}" for n in range(1, 9)]


# --- item 10: finding the library from anywhere ------------------------------------------------


@pytest.fixture
def elsewhere(lib, tmp_path_factory, monkeypatch):
    monkeypatch.chdir(tmp_path_factory.mktemp("away"))
    return lib


def test_no_config_from_another_folder_is_a_config_error(elsewhere, invoke):
    result = invoke("search", "-f", "ids")
    assert result.exit_code == 2
    assert "set REFORMKIT_CONFIG" in result.stderr


def test_reformkit_config_names_the_config(elsewhere, invoke, monkeypatch):
    monkeypatch.setenv("REFORMKIT_CONFIG", str(elsewhere.root / "reformkit.toml"))
    assert invoke("search", "-f", "ids", "program:zj").stdout == "zj-01\n"


def test_a_missing_reformkit_config_says_where_it_came_from(elsewhere, invoke, monkeypatch):
    monkeypatch.setenv("REFORMKIT_CONFIG", "nowhere.toml")
    result = invoke("search")
    assert result.exit_code == 2
    assert result.stderr == "Error: nowhere.toml: no such config file; check $REFORMKIT_CONFIG\n"


def test_cases_dir_finds_the_config_beside_it(elsewhere, invoke, monkeypatch):
    cases = str(elsewhere.cases)
    assert invoke("-C", cases, "search", "-f", "ids", "program:zj").stdout == "zj-01\n"
    monkeypatch.setenv("REFORMKIT_CASES_DIR", cases)
    assert invoke("search", "-f", "ids", "program:zj").stdout == "zj-01\n"


# --- item 8: results people can read and pipe ---------------------------------------------------


def test_the_count_goes_to_stderr_under_a_table(lib, invoke):
    result = invoke("search", "一网通办", "-n", "1", "--lang", "en")
    assert result.stdout.startswith("id") and result.stderr == "1 of 3 cases\n"
    assert invoke("search", "id:zj-01", "--lang", "en").stderr == "1 case\n"
    assert invoke("search", "一网通办", "--lang", "en").stderr == "3 cases\n"
    # The default language is the cases' own.
    result = invoke("search", "一网通办", "-n", "1")
    assert result.stdout.startswith("编号") and result.stderr == "共3个案例，显示前1个\n"
    assert invoke("search", "id:zj-01").stderr == "共1个案例\n"
    assert invoke("search", "一网通办").stderr == "共3个案例\n"
    # Formats for programs keep stderr quiet, so a script or a pipe sees only the data.
    result = invoke("search", "一网通办", "-n", "1", "-f", "ids")
    assert (result.stdout, result.stderr) == ("t-4-01\n", "")


def test_tsv_is_one_line_a_case_for_fzf(lib, invoke):
    result = invoke("search", "一网通办", "--format", "tsv")
    assert result.stdout == (
        "t-4-01\t推进“一网通办”改革\tt\t2023-09-19\n"
        "t-4-02\t深化企业开办改革\tt\t2021-04\n"
        "zj-01\t长三角税收征管一体化\tzj\t2021\n"
    )


@pytest.mark.parametrize(
    ("columns", "lang", "header"),
    [
        (
            "130",
            "en",
            "id      title                 program  region          published   figure                     match",
        ),
        ("100", "en", "id      title                 published   figure                     match"),
        ("60", "en", "id      title                 match"),
        (
            "130",
            "zh",
            "编号    标题                  项目/批次  地区            发布日期    关键数据                           命中内容",
        ),
        ("100", "zh", "编号    标题                  发布日期    关键数据                           命中内容"),
        ("60", "zh", "编号    标题                  命中内容"),
    ],
)
def test_the_table_adapts_to_the_width(lib, invoke, monkeypatch, columns, lang, header):
    monkeypatch.setenv("COLUMNS", columns)
    lines = invoke("search", "一网通办", "--lang", lang).stdout.splitlines()
    assert lines[0].rstrip() == header
    assert [line.split()[0] for line in lines[1:]] == ["t-4-01", "t-4-02", "zj-01"]  # ids never wrap


def test_narrow_table_keeps_ids_whole(library, invoke, monkeypatch):
    monkeypatch.setenv("COLUMNS", "40")
    library.write("a-very-long-case-id-01.yaml", minimal_case("a-very-long-case-id-01"))
    out = invoke("search", "标题").stdout
    assert "a-very-long-case-id-01" in out


def test_the_snippet_is_not_the_title_again(lib, invoke):
    out = invoke("search", "企业开办").stdout
    row = next(line for line in out.splitlines() if line.startswith("t-4-02"))
    assert "[企业开办]" in row  # from its tags, not its title
    assert row.count("企业开办") == 2
