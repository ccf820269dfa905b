"""RK020 (CRLF line ends) and RK211 (punctuation widths), located at the character."""

from __future__ import annotations

from datetime import date

import pytest

from reformkit.library.loader import load_file
from reformkit.rules import mechanical
from reformkit.rules.base import FileContext
from tests.conftest import MINIMAL


class _Config:
    programs = ("t",)
    tags = ("政务服务",)
    units = ()

    class rules:  # noqa: N801
        tolerance = 1.0


def _check(tmp_path, text: str) -> list[tuple[int, int, str, str]]:
    path = tmp_path / "t-01.yaml"
    path.write_bytes(text.encode("utf-8"))
    loaded = load_file(str(path), "t-01.yaml")
    ctx = FileContext(loaded, _Config(), date(2026, 11, 21))
    return [(p.line, p.column, p.code, p.field) for p in mechanical.check(ctx)]


BASE = MINIMAL.format(id="t-01")


@pytest.mark.parametrize(
    ("value", "where"),
    [
        ("summary: 第一,第二\n", [(9, 12)]),  # plain
        ("summary: '甲''乙,丙'\n", [(9, 15)]),  # single-quoted: '' is one character
        ('summary: "甲\\"乙,丙"\n', [(9, 15)]),  # double-quoted with an escape
        ("summary: 第一行\n  续行,第二\n", [(10, 5)]),  # a folded plain scalar
        ("summary: >-  # a comment, with a comma\n  第一行,第二\n  第三;第四\n", [(10, 6), (11, 5)]),
        ("summary: |\n  第一行\n    缩进(内容)\n", [(11, 7), (11, 10)]),  # literal, more indented
        ("recognition: [甲,乙, 丙(丁)]\n", [(9, 21), (9, 23)]),  # flow: the commas part items
        ("summary: 编号９６１０号\n", [(9, 12), (9, 13), (9, 14), (9, 15)]),  # full-width digits
    ],
    ids=["plain", "single", "double", "plain-multiline", "folded", "literal", "flow", "fullwidth"],
)
def test_punctuation_is_located_at_the_character(tmp_path, value, where):
    text = BASE + value
    found = _check(tmp_path, text)
    assert [(line, column) for line, column, _, _ in found] == where
    assert {code for _, _, code, _ in found} == {"RK211"}
    lines = text.splitlines()
    for line, column in where:
        assert lines[line - 1][column - 1] in ",;()９６１０"


def test_punctuation_message_names_the_character_and_the_fix(tmp_path):
    path = tmp_path / "t-01.yaml"
    path.write_text(BASE + "summary: 改革,提升B2B，C2C\n", encoding="utf-8")
    loaded = load_file(str(path), "t-01.yaml")
    problems = list(mechanical.check(FileContext(loaded, _Config(), date(2026, 11, 21))))
    assert [(p.line, p.column, p.severity, p.message, p.field) for p in problems] == [
        (
            9,
            12,
            "warning",
            "half-width ',' (U+002C) in Chinese text; use '，' (U+FF0C) "
            "(`reformkit validate --fix` fixes it)",
            "summary",
        ),
        (
            9,
            18,
            "warning",
            "full-width '，' (U+FF0C) between Latin letters or digits; use ',' (U+002C) "
            "(`reformkit validate --fix` fixes it)",
            "summary",
        ),
    ]


def test_a_double_hyphen_beside_chinese_is_reported_as_a_dash(tmp_path):
    path = tmp_path / "t-01.yaml"
    path.write_text(BASE + "summary: 创新案例--嘉兴\n", encoding="utf-8")
    loaded = load_file(str(path), "t-01.yaml")
    problems = list(mechanical.check(FileContext(loaded, _Config(), date(2026, 11, 21))))
    assert [(p.column, p.message) for p in problems] == [
        (
            column,
            "half-width '-' (U+002D) typed for a dash (破折号 ——) in Chinese text; use '—' (U+2014) "
            "(`reformkit validate --fix` fixes it)",
        )
        for column in (14, 15)
    ]


def test_crlf_is_reported_once_at_the_first_line_end(tmp_path):
    found = _check(tmp_path, BASE.replace("\n", "\r\n"))
    assert found == [(1, 9, "RK020", "")]


def test_a_clean_file_has_no_finding(tmp_path):
    assert _check(tmp_path, BASE + "summary: 改革，提升1,000元（试点）。\n") == []


@pytest.mark.parametrize(
    "text",
    ["改革,提升", "我市(区)", "１，2", "B2B，C2C", "3。5", "９６１０", "甲;乙", "好?", "好!", "时限:2020年", "案例--嘉兴"],
)
def test_the_cheap_search_lets_every_finding_through(text):
    from reformkit.text.punctuation import find_punctuation

    assert find_punctuation(text)
    assert mechanical._CANDIDATE.search(text)


def test_the_cheap_search_agrees_with_the_analysis_on_sampled_text():
    from hypothesis import given
    from hypothesis import strategies as st

    from reformkit.text.punctuation import find_punctuation

    alphabet = st.sampled_from(list("甲乙，。：；,;:?!()（）aB1２Ｃ .%\n、“”-"))

    @given(st.text(alphabet, max_size=12))
    def agree(text):
        if find_punctuation(text):
            assert mechanical._CANDIDATE.search(text)

    agree()
