"""Query syntax typed with a Chinese input method (``：``, ``（ ）``, ``ｔａｇ``, ``ＯＲ``) reads as
its ASCII form where it is syntax, and stays text elsewhere; a reversed range is a usage error."""

from __future__ import annotations

import pytest

from reformkit.search.query import tokenize


@pytest.mark.parametrize(
    ("typed", "ascii"),
    [
        ("tag：企业开办", "tag:企业开办"),
        ("ｔａｇ:企业开办", "tag:企业开办"),
        ("ｔａｇ：企业开办", "tag:企业开办"),
        ("-tag：企业开办", "-tag:企业开办"),
        ("（tag:通关便利 OR 跨境）", "(tag:通关便利 OR 跨境)"),
        ("（tag：通关便利 ＯＲ tag:企业开办）", "(tag:通关便利 OR tag:企业开办)"),
        ("政务 ＮＯＴ tag：企业开办", "政务 NOT tag:企业开办"),
        ("政务 ＡＮＤ 服务", "政务 AND 服务"),
        # The quotes a pinyin IME types for ", around a whole word: a phrase.
        ("“复工人员健康管理”", '"复工人员健康管理"'),
        ("改革 -“一网通办”", '改革 -"一网通办"'),
        ("（“一网通办” OR 跨境）", '("一网通办" OR 跨境)'),
    ],
)
def test_full_width_syntax_reads_as_ascii(typed, ascii):
    assert tokenize(typed) == tokenize(ascii)


@pytest.mark.parametrize(
    ("typed", "leaves"),
    [
        # Inside a quoted phrase a full-width colon is text.
        ('"tag：企业开办"', [(False, None, "tag：企业开办")]),
        # After a word that is no qualifier, too.
        ("证照分离：改革", [(False, None, "证照分离：改革")]),
        ("abc：def", [(False, None, "abc：def")]),
        # Parentheses inside a word are text.
        ("中国（浙江）自贸区", [(False, None, "中国（浙江）自贸区")]),
        ("中国（浙江）", [(False, None, "中国（浙江）")]),
        # ＯＲ inside a word is text.
        ("ＯＲ改革", [(False, None, "ＯＲ改革")]),
        # Curly quotes inside a word, or left open, are text.
        ("充换电“一张网”", [(False, None, "充换电“一张网”")]),
        ("“一张网”建设", [(False, None, "“一张网”建设")]),
        ("“一张网", [(False, None, "“一张网")]),
    ],
)
def test_full_width_characters_that_are_not_syntax_stay_text(typed, leaves):
    assert tokenize(typed) == leaves


@pytest.mark.parametrize(
    ("typed", "ascii"),
    [
        ("tag：企业开办", "tag:企业开办"),
        ("ｔａｇ:企业开办", "tag:企业开办"),
        ("（tag:通关便利 OR 政务）", "(tag:通关便利 OR 政务)"),
        ("tag：政务服务 ＮＯＴ tag：企业开办", "tag:政务服务 NOT tag:企业开办"),
        ("（“政务” ＯＲ tag：企业开办）", '("政务" OR tag:企业开办)'),
    ],
)
def test_search_answers_a_full_width_query_as_its_ascii_form(lib, invoke, typed, ascii):
    expected = invoke("search", "--format", "json", ascii)
    assert expected.exit_code == 0
    result = invoke("search", "--format", "json", typed)
    assert (result.exit_code, result.stdout) == (0, expected.stdout)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("year:2021..2019", "Error: year:2021..2019 is a range from its end to its start; write year:2019..2021\n"),
        (
            "published:2023-06..2023-01",
            "Error: published:2023-06..2023-01 is a range from its end to its start; write published:2023-01..2023-06\n",
        ),
        ("batch:4..2", "Error: batch:4..2 is a range from its end to its start; write batch:2..4\n"),
    ],
)
def test_a_reversed_range_is_a_usage_error_naming_the_range_swapped(lib, invoke, query, message):
    result = invoke("search", query)
    assert (result.exit_code, result.stderr) == (2, message)


def test_a_range_of_one_value_is_not_reversed(lib, invoke):
    assert invoke("search", "year:2023..2023").exit_code in (0, 1)
    assert "range" not in invoke("search", "year:2023..2023").stderr
