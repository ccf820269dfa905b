"""Words as well as substrings (issue 27): a term rarely found as typed matches its words near
each other, with the config's synonyms; marked, ranked last, off with --exact."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reformkit.config import ConfigError, parse_config
from reformkit.search import words

from .conftest import minimal_case

REPO = Path(__file__).resolve().parent.parent

VOCAB = {"注销": 1, "时间": 1, "减少": 1, "材料": 1, "通关": 1, "分离": 1}
SYNONYMS = words.synonym_table([("时间", "时限", "用时", "时长"), ("材料", "资料", "要件")])


def bundled(invoke, *args):
    return invoke("--config", str(REPO / "reformkit.toml"), *args)


def found(invoke, *query):
    result = bundled(invoke, "search", "-f", "ids", *query)
    assert result.exit_code in (0, 1), result.stderr
    return result.stdout.split()


# --- the query side, alone --------------------------------------------------------------------


def test_a_term_is_cut_into_the_fewest_words_of_the_vocabulary():
    assert words.cut_term("注销时间", VOCAB) == ["注销", "时间"]
    assert words.cut_term("减少跑腿", VOCAB) == ["减少", "跑", "腿"]


def test_groups_carry_synonyms_and_refuse_weak_cuts():
    assert words.groups("注销时间", VOCAB, SYNONYMS) == (("注销",), ("时间", "时限", "用时", "时长"))
    assert words.groups("时限", VOCAB, SYNONYMS) == (("时限", "时间", "用时", "时长"),)
    assert words.groups("注销", VOCAB, SYNONYMS) == ()  # one word, no synonyms: the term itself
    assert words.groups("正照分离", VOCAB, SYNONYMS) == ()  # one word and loose characters
    assert words.groups("gaige", VOCAB, SYNONYMS) == ()


def test_spans_need_every_word_within_the_window_in_order_of_the_text():
    wanted = (("注销",), ("时间", "时限"))
    assert words.spans("简易注销公告时限由45天压缩", wanted) == [(2, 8)]
    assert words.spans("时间很长，之后注销", wanted) == [(0, 9)]
    assert words.spans("注销" + "的" * 13 + "时间", wanted) == []
    assert words.spans("注销时间，注销时间", wanted) == [(0, 4), (5, 9)]


# --- the config ------------------------------------------------------------------------------


def test_synonyms_come_from_the_config(tmp_path):
    path = tmp_path / "reformkit.toml"
    path.write_text('[search.synonyms]\ntime = ["时间", "时限"]\n', encoding="utf-8")
    assert parse_config(path).search.synonyms == (("时间", "时限"),)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[search.synonyms]\ntime = ["时间"]\n', ":2: [search.synonyms].time must be a list of two or more different words"),
        ('[search.synonyms]\ntime = "时间"\n', ":2: [search.synonyms].time must be a list of two or more different words"),
        (
            '[search.synonyms]\na = ["时间", "时限"]\nb = ["时限", "用时"]\n',
            ":3: [search.synonyms].b repeats '时限' of group 'a'; a word has one group",
        ),
        ("[search]\nstems = 1\n", ":2: [search].stems is not a known search setting; use ['synonyms']"),
    ],
)
def test_a_bad_synonym_table_is_a_config_error(tmp_path, text, message):
    path = tmp_path / "reformkit.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        parse_config(path)
    assert str(caught.value).endswith(message)


# --- through the CLI -------------------------------------------------------------------------


def test_a_phrase_people_say_finds_the_case_that_says_it_otherwise(invoke):
    assert found(invoke, "注销时间", "--exact") == []
    assert found(invoke, "注销时间") == ["hnbiz-4-03"]
    assert found(invoke, "通关时间")[:2] == ["hnftp-04", "hnbiz-4-08"]  # the exact hit first, then words (the thesaurus after)
    assert found(invoke, '"通关时间"') == ["hnftp-04"]  # a quoted phrase is matched as typed


def test_a_word_hit_is_marked_in_the_table(invoke):
    result = bundled(invoke, "search", "注销时间", "--lang", "en")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1].split()[0] == "hnbiz-4-03"
    assert "words: " in result.stdout
    assert "分词：" in bundled(invoke, "search", "注销时间").stdout


def test_word_hits_rank_after_exact_ones_and_use_the_synonyms(library, invoke):
    (library.root / "reformkit.toml").write_text(
        (library.root / "reformkit.toml").read_text(encoding="utf-8")
        + '\n[search.synonyms]\npapers = ["材料", "资料"]\n',
        encoding="utf-8",
    )
    library.write("a.yaml", minimal_case("a", summary="大幅减少申报资料"))
    library.write("b.yaml", minimal_case("b", summary="减少材料两份"))
    library.write("c.yaml", minimal_case("c", summary="减少了很多很多很多很多的工作，材料也是"))
    result = invoke("search", "-f", "ids", "减少材料")
    assert result.stdout.split() == ["b", "a"]  # c: the words lie too far apart
    assert invoke("search", "-f", "ids", "减少材料", "--exact").stdout == "b\n"


def test_a_term_that_finds_nothing_else_matches_its_words_however_far_apart(library, invoke):
    far = "减少了很多很多很多很多的工作，材料也是"
    library.write("c.yaml", minimal_case("c", summary=far))
    library.write("d.yaml", minimal_case("d").replace("title: 标题", "title: 减少跑动") + "summary: 补齐材料\n")
    library.write("e.yaml", minimal_case("e", summary="减少了工作"))  # one of the words only
    result = invoke("search", "-f", "ids", "减少材料")
    assert (result.exit_code, result.stdout.split()) == (0, ["d", "c"])  # d: a word in its title
    table = invoke("search", "减少材料")
    assert table.stdout.count("分词：") == 2
    shown = "".join(table.stdout.split())  # the cells as one string, however the table wrapped
    assert "分词：[减少]了很多很多很多很多的工作，[材料]也是" in shown  # every word the snippet shows
    assert invoke("search", "减少材料", "--lines").stdout == (  # each word where it stands
        "cases/d.yaml:2:8:title: 减少跑动\n"
        "cases/d.yaml:9:16:summary: 补齐材料\n"
        "cases/c.yaml:9:10:summary: 减少了很多很多很多很多的工作，材料也是\n"
    )
    assert invoke("search", "-f", "ids", "减少材料", "--exact").exit_code == 1


def test_explain_names_a_words_match_in_each_language(invoke):
    from reformkit.search.ranking import KIND_NAMES
    from reformkit.wording.labels import EXPLAIN

    assert all(name in EXPLAIN[lang] for name in KIND_NAMES.values() for lang in EXPLAIN)
    assert bundled(invoke, "search", "注销时间", "--explain").stdout == "hnbiz-4-03  分词  2.67\n"
    english = bundled(invoke, "search", "注销时间", "--explain", "--lang", "en").stdout
    assert english == "hnbiz-4-03  words  2.67\n"


def test_words_no_case_holds_together_leave_out_the_commonest_first(library, invoke):
    library.write("a.yaml", minimal_case("a", summary="注销登记只需一份材料"))
    library.write("b.yaml", minimal_case("b", summary="注销时间缩短"))
    library.write("c.yaml", minimal_case("c", summary="材料齐全"))
    library.write("d.yaml", minimal_case("d", summary="补齐材料"))
    # 材料 (a, c, d) tells least: left out, b holds the other two
    assert invoke("search", "-f", "ids", "注销材料时间").stdout == "b\n"
    assert invoke("search", "注销材料时间", "--explain").stdout == "b  分词  0.58  注销材料时间：未匹配“材料”\n"
    english = invoke("search", "注销材料时间", "--explain", "--lang", "en").stdout
    assert english == "b  words  0.58  注销材料时间: without 材料\n"
    assert invoke("search", "注销材料时间", "--lines").stdout == "cases/b.yaml:9:10:summary: 注销时间缩短\n"
    assert invoke("search", "-f", "ids", "注销材料时间", "--exact").exit_code == 1


def test_a_last_resort_word_counts_inside_a_longer_word(invoke):
    # zjftz-jiaxing-15 writes 复工人员, 健康状况 (one word in the index) and 管理
    assert found(invoke, "复工人员健康管理") == ["zjftz-jiaxing-15"]
    assert bundled(invoke, "search", "复工人员健康管理", "--explain").stdout == "zjftz-jiaxing-15  分词  1.92\n"


def test_a_snippet_marks_every_word_of_a_term_matched_far_apart():
    from reformkit.search.query import Query
    from reformkit.search.ranking import EXACT, WORD
    from reformkit.search.snippets import marked_spans

    query = Query(expr=None)
    query.word_groups["减少材料"] = (("减少",), ("材料", "资料"))
    query.apart.add("减少材料")
    shown = "…减少了工作，资料也是，减少"
    assert marked_spans(shown, (1, 3), query, [("减少材料", WORD)]) == ((1, 3), (7, 9), (12, 14))
    assert marked_spans("ＡＢ资料", (0, 0), query, [("减少材料", WORD)]) == ((2, 4),)  # as written
    near = Query(expr=None, word_groups=dict(query.word_groups))  # near each other: one stretch
    assert marked_spans(shown, (1, 3), near, [("减少材料", WORD)]) == ((1, 3),)
    assert marked_spans(shown, (1, 3), query, [("减少材料", EXACT)]) == ((1, 3),)


def test_words_far_apart_are_a_last_resort(library, invoke):
    library.write("b.yaml", minimal_case("b", summary="减少材料两份"))
    library.write("c.yaml", minimal_case("c", summary="减少了很多很多很多很多的工作，材料也是"))
    assert invoke("search", "-f", "ids", "减少材料").stdout == "b\n"


def test_report_and_stats_match_as_typed(invoke):
    assert bundled(invoke, "stats", "注销时间").exit_code == 1


def test_the_index_keeps_the_words_so_a_warm_search_cuts_nothing(library, invoke, monkeypatch):
    from reformkit.library.index import words as index_words

    library.write("a.yaml", minimal_case("a", summary="简易注销公告时间由45天压缩为7天"))
    assert invoke("search", "-f", "ids", "注销时间").stdout == "a\n"  # builds the index

    def refuse(*args: object) -> None:
        raise AssertionError("the library was segmented again")

    monkeypatch.setattr(index_words, "_segmenter", refuse)
    assert invoke("search", "-f", "ids", "注销时间").stdout == "a\n"
    assert invoke("search", "-f", "ids", "公告时间").stdout == "a\n"


def test_row_words_and_postings_round_trip():
    from reformkit.library.documents import as_case
    from reformkit.library.index import words as index_words
    from reformkit.library.index.read import SearchIndex
    from reformkit.library.index.record import build_record
    from reformkit.library.index.write import build

    def case(case_id: str, summary: str) -> dict[str, object]:
        return {
            "id": case_id,
            "title": "改革",
            "program": "t",
            "published": "2023",
            "region": {"province": "海南省"},
            "summary": summary,
            "practices": [{"title": "做法"}],
            "source": {"document": "a.txt"},
        }

    records = [build_record(as_case(case("a", "注销时间"))), build_record(as_case(case("b", "时间")))]
    index = SearchIndex(build(records))
    assert list(index.word_rows("时间")) == [0, 1]
    assert list(index.word_rows("注销")) == [0]
    assert list(index.word_rows("没有")) == []
    assert "注销" in index.row_words(0)
    assert index_words.keep("时间") and not index_words.keep("时") and not index_words.keep("ab")


# --- cases by their figures (change:, cut:, --sort change) ------------------------------------


def test_cut_finds_cases_by_the_reduction_of_a_metric_kind(invoke):
    assert sorted(found(invoke, "cut:time:80..")) == ["hnbiz-4-03", "hnbiz-4-08", "hnftp-12-05", "zjftz-jiaxing-07"]
    assert found(invoke, "cut:time:80..", "--sort", "change") == [
        "hnbiz-4-08",
        "hnbiz-4-03",
        "zjftz-jiaxing-07",
        "hnftp-12-05",
    ]
    assert found(invoke, "change:volume:300..") == ["hnbiz-4-08"]


def test_change_and_cut_are_the_same_figures_with_the_sign_turned(invoke):
    assert sorted(found(invoke, "change:time:..-80")) == sorted(found(invoke, "cut:time:80.."))
    assert sorted(found(invoke, "cut:50%..")) == sorted(found(invoke, "change:..-50"))


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("cut:speed:50..", "cut:speed is not a metric kind; use one of time, materials"),
        ("cut:time:half", "cut:half is not a percentage (a number, optionally with %); e.g. cut:time:50.."),
        ("change:", "qualifier 'change:' needs a value, e.g. change:volume:100.."),
    ],
)
def test_a_bad_figure_qualifier_is_a_usage_error(invoke, query, message):
    result = bundled(invoke, "search", query)
    assert result.exit_code == 2
    assert message in result.stderr


def test_stats_and_report_take_the_figure_qualifiers(invoke):
    result = bundled(invoke, "stats", "cut:time:80..", "-f", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["total"] == 4
    assert bundled(invoke, "report", "cut:time:80..", "--sort", "change").exit_code == 0


def test_lines_show_where_a_word_match_is(invoke):
    result = bundled(invoke, "search", "注销时间", "--lines", "--line-width", "40")
    assert result.exit_code == 0
    where = str(REPO / "cases" / "hnbiz-4-03.yaml")
    assert result.stdout.splitlines() == [
        f"{where}:16:132:…企业简易注销登记公告时间。作为试点地区之…",
        f"{where}:27:18:  - title: 简易注销实现减材料、减时间",
        f"{where}:29:106:…市场的时间成本。简易注销材料大幅压减，经…",
    ]


def test_the_table_finds_an_exact_hit_without_matching_it_again_by_sound(invoke, monkeypatch):
    from reformkit.text import pinyin

    def never(*args, **kwargs):
        raise AssertionError("an exact hit was matched again by pinyin or sound")

    monkeypatch.setattr(pinyin, "fuzzy_span", never)
    result = bundled(invoke, "search", "证照分离")
    assert result.exit_code == 0 and "[证照分离]" in result.stdout


def test_a_long_term_is_matched_as_its_first_ten_words():
    vocabulary = dict.fromkeys(["注销", "时间", "减少", "材料", "通关", "申请"], 1)
    pasted = "注销时间减少材料通关申请" * 3  # 18 words
    assert words.groups(pasted, vocabulary, {}) == tuple((word,) for word in words.cut_term(pasted, vocabulary)[:10])
    assert len(words.groups(pasted, vocabulary, {})) == words.MOST_WORDS == 10


def test_an_and_stops_at_the_first_part_that_leaves_no_case(invoke, monkeypatch):
    from reformkit.search import ranking

    looked: list[str] = []
    real = ranking._Evaluator.term

    def counted(self, text, **options):
        looked.append(text)
        return real(self, text, **options)

    monkeypatch.setattr(ranking._Evaluator, "term", counted)
    many = ["改革", "审批"] + [f"词{n}" for n in range(200)]  # 词0 is in no case
    assert bundled(invoke, "search", "-f", "ids", *many).exit_code == 1
    assert looked == ["改革", "审批", "词0"]
    looked.clear()
    assert found(invoke, "改革", "审批", "海口") == found(invoke, "海口", "审批", "改革")  # order aside, the same
    assert looked[:3] == ["改革", "审批", "海口"]
