"""The structure family on its own: schema violations as located problems that say what to do."""

from __future__ import annotations

import pytest

from reformkit.rules import structure

from .rule_fixtures import VALID, codes, context, found


def check(text: str, **options: object) -> list[tuple[str, int, int, str, str]]:
    return found(structure.check(context(text, **options)))  # type: ignore[arg-type]


def test_valid_case_has_no_problem():
    assert check(VALID) == []


def test_rk101_missing_field():
    assert check(VALID.replace("title: 标题\n", "")) == [
        ("RK101", 1, 1, "", "missing required field 'title'; add it")
    ]


def test_rk101_missing_nested_field():
    assert check(VALID.replace("practices: [{title: 做法}]", "practices: [{detail: 做法}]")) == [
        ("RK101", 9, 13, "practices[0]", "missing required field 'title' in practices[0]; add it")
    ]


def test_rk102_wrong_type_quotes_what_was_written():
    assert check(VALID.replace("title: 标题", "title: yes")) == [
        (
            "RK102",
            2,
            8,
            "title",
            "title is 'yes', which YAML reads as the boolean true, not text; quote it: 'yes'",
        )
    ]
    assert check(VALID.replace("published: 2023-09-19", "published: 2023")) == [
        (
            "RK102",
            6,
            12,
            "published",
            "published is the number 2023; a year-only date must be quoted: published: '2023'",
        )
    ]


def test_rk102_right_types():
    assert check(VALID.replace("title: 标题", "title: 'yes'")) == []


def test_rk103_unknown_field_at_its_key_with_suggestion():
    assert check(VALID.replace("title: 标题", "titel: 标题")) == [
        ("RK103", 2, 1, "titel", "unknown field 'titel' (did you mean 'title'?)"),
        ("RK101", 1, 1, "", "missing required field 'title'; add it"),
    ]


def test_rk103_full_width_space_in_a_key():
    text = VALID + "\u3000status: implemented\n"
    assert check(text) == [
        (
            "RK103",
            11,
            1,
            "\u3000status",
            "unknown field '\u3000status': an ideographic space '\u3000' (U+3000) used as indentation "
            "before key 'status'; indent with ASCII spaces (`reformkit validate --fix` fixes it)",
        )
    ]


def test_rk104_bad_pattern():
    assert check(VALID.replace("published: 2023-09-19", "published: 2023/09/19")) == [
        (
            "RK104",
            6,
            12,
            "published",
            "published '2023/09/19' is not a date; write YYYY-MM-DD, or YYYY-MM / YYYY when the source gives no day",
        )
    ]


def test_rk104_good_pattern():
    assert check(VALID.replace("published: 2023-09-19", "published: '2023-09'")) == []


def test_rk105_bad_choice_with_suggestion():
    assert check(VALID + "status: implemnted\n") == [
        (
            "RK105",
            11,
            9,
            "status",
            "status must be one of implemented, pilot, planned, not 'implemnted' (did you mean 'implemented'?)",
        )
    ]


def test_rk105_good_choice():
    assert check(VALID + "status: planned\n") == []


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "practices: [{title: 做法}]",
            "practices: []",
            (
                "RK106",
                9,
                12,
                "practices",
                "practices is an empty list; add at least one practice (主要做法) with a title",
            ),
        ),
        (
            "tags: [政务服务]",
            "tags: [政务服务, 政务服务]",
            ("RK106", 8, 7, "tags", "tags lists the same item twice; remove the repeat"),
        ),
        (
            "number: 1",
            "number: 0",
            ("RK106", 5, 9, "number", "number must be at least 1, not 0"),
        ),
    ],
    ids=["empty", "repeat", "minimum"],
)
def test_rk106_bad_size(old, new, expected):
    assert check(VALID.replace(old, new)) == [expected]


def test_disabled_structure_rules_are_not_explained(monkeypatch):
    def boom(*args):
        raise AssertionError("a disabled rule ran")

    monkeypatch.setitem(structure._EXPLAINERS, "required", (structure.MISSING_FIELD, boom))
    text = VALID.replace("title: 标题", "titel: 标题")
    assert codes(structure.check(context(text, enabled={"RK103"}))) == ["RK103"]
    with pytest.raises(AssertionError, match="a disabled rule ran"):
        list(structure.check(context(text)))
