"""The case family on its own: id, program, tags, dates and source, from a YAML string."""

from __future__ import annotations

from datetime import date

import pytest

from reformkit.rules import case

from .rule_fixtures import VALID, codes, context, found


def check(text: str, **options: object) -> list[tuple[str, int, int, str, str]]:
    return found(case.check(context(text, **options)))  # type: ignore[arg-type]


def test_valid_case_has_no_problem():
    assert check(VALID) == []


def test_rk201_id_differs_from_file_name():
    assert check(VALID, path="cases/other.yaml") == [
        (
            "RK201",
            1,
            5,
            "id",
            "id 't-4-01' differs from the file name 'other'; rename the file to t-4-01.yaml or fix the id",
        )
    ]


def test_rk203_id_not_built_from_program_batch_number():
    text = VALID.replace("number: 1", "number: 2")
    assert check(text) == [
        ("RK203", 1, 5, "id", "id 't-4-01' does not match program, batch and number; it should be 't-4-02'")
    ]


def test_rk203_without_batch_and_with_non_numbers():
    no_batch = VALID.replace("id: t-4-01", "id: t-01").replace("batch: 4\n", "")
    assert check(no_batch, path="cases/t-01.yaml") == []
    assert check(VALID.replace("number: 1", "number: '1'")) == []  # the schema reports the type


def test_rk204_unknown_program_with_suggestion():
    text = VALID.replace("id: t-4-01", "id: zjx-4-01").replace("program: t\n", "program: zjx\n")
    assert check(text, path="cases/zjx-4-01.yaml") == [
        (
            "RK204",
            3,
            10,
            "program",
            "program 'zjx' is not in [programs] of reformkit.toml (did you mean 'zj'?); use one of t, zj",
        )
    ]


def test_rk204_known_program():
    assert "RK204" not in codes(case.check(context(VALID.replace("program: t\n", "program: zj\n"))))


def test_rk205_unknown_tag():
    text = VALID.replace("tags: [政务服务]", "tags: [政务服务, 企业开班]")
    assert check(text) == [
        (
            "RK205",
            8,
            14,
            "tags[1]",
            "tag '企业开班' is not in [vocab].tags of reformkit.toml (did you mean '企业开办'?); use a listed tag or add it there",
        )
    ]


def test_rk205_known_tags():
    assert check(VALID.replace("tags: [政务服务]", "tags: [政务服务, 企业开办]")) == []


@pytest.mark.parametrize(
    ("tags", "where"),
    [("tags: []\n", (8, 7, "tags")), ("", (1, 1, ""))],
    ids=["empty", "absent"],
)
def test_rk210_no_tags(tags, where):
    text = VALID.replace("tags: [政务服务]\n", tags)
    assert check(text) == [
        ("RK210", *where, "the case has no tags; add 1-4 from [vocab].tags so it can be found")
    ]


def test_rk210_is_a_warning():
    (problem,) = case.check(context(VALID.replace("tags: [政务服务]\n", "tags: []\n")))
    assert problem.severity == "warning"


def test_rk207_impossible_date():
    text = VALID.replace("published: 2023-09-19", "published: 2021-02-30")
    assert check(text) == [
        (
            "RK207",
            6,
            12,
            "published",
            "published '2021-02-30' has no day 30 (2021-02 has 28 days); correct the date",
        )
    ]


def test_rk207_possible_dates():
    assert check(VALID.replace("published: 2023-09-19", "published: 2024-02-29")) == []
    assert check(VALID.replace("published: 2023-09-19", "published: '2024-02'")) == []


def test_rk208_future_date_in_source_and_metric():
    text = VALID.replace("source: {document: a.txt}", "source: {document: a.txt, date: '2027-01'}") + (
        "metrics:\n  - {label: 时间, kind: time, value: 1, unit: 天, as_of: 2026-11-22}\n"
    )
    assert check(text) == [
        (
            "RK208",
            10,
            33,
            "source.date",
            "source.date '2027-01' is in the future; correct the date",
        ),
        (
            "RK208",
            12,
            55,
            "metrics[0].as_of",
            "metrics[0].as_of '2026-11-22' is in the future; correct the date",
        ),
    ]


def test_rk208_today_and_a_future_due_date_are_fine():
    text = VALID.replace("published: 2023-09-19", "published: 2026-11-21") + "status: planned\ndue: 2030-01\n"
    assert check(text) == []
    assert codes(case.check(context(VALID, today=date(2023, 9, 18)))) == ["RK208"]


def test_rk209_source_needs_title_or_document():
    text = VALID.replace("source: {document: a.txt}", "source: {url: 'https://example.org'}")
    assert check(text) == [
        ("RK209", 10, 9, "source", "source needs a title or a document (the source file name); add one")
    ]


def test_rk209_title_is_enough():
    assert check(VALID.replace("source: {document: a.txt}", "source: {title: 通知}")) == []


def test_disabled_rule_is_not_run(monkeypatch):
    def boom(*args):
        raise AssertionError("a disabled rule ran")

    monkeypatch.setattr(case, "_program_known", boom)
    monkeypatch.setattr(case, "_dates_sound", boom)
    text = VALID.replace("program: t\n", "program: zk\n").replace("tags: [政务服务]\n", "tags: []\n")
    ctx = context(text, enabled={"RK210", "RK201"})
    assert codes(case.check(ctx)) == ["RK210"]
    with pytest.raises(AssertionError, match="a disabled rule ran"):
        list(case.check(context(text)))


def test_one_of_two_date_rules_enabled():
    text = VALID.replace("published: 2023-09-19", "published: 2021-02-30").replace(
        "source: {document: a.txt}", "source: {document: a.txt, date: '2027-01'}"
    )
    assert codes(case.check(context(text, enabled={"RK208"}))) == ["RK208"]
    assert codes(case.check(context(text, enabled={"RK207"}))) == ["RK207"]
