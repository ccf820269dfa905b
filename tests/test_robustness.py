"""Nothing a case, a config or an argument can hold takes the tool down (issue 24): every value
the loader accepts is one the rest of the program can hold, and every bad one is a clear
message with the right exit code."""

from __future__ import annotations

import pytest

from reformkit.case import dates

from .conftest import minimal_case

# -- dates inside the years the library can hold ------------------------------------------


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("0000", "has the year 0000, outside 1949..2100"),
        ("0000-01-01", "has the year 0000, outside 1949..2100"),
        ("9999-12-31", "has the year 9999, outside 1949..2100"),
        ("1948-12", "has the year 1948, outside 1949..2100"),
    ],
)
def test_a_date_outside_the_library_years_is_not_a_date(value, why):
    assert dates.check(value) == why


def test_the_library_years_are_dates_with_a_day_to_spare():
    assert dates.check("1949-01-01") is None and dates.check("2100-12-31") is None
    assert dates.first_day("1949") > dates.first_day("1949").min
    assert dates.last_day("2100") < dates.last_day("2100").max


_YEAR_ZERO = {
    "published": ("published: 2023-09-19", "published: 0000-01-01", "4:12", "published '0000-01-01'"),
    "quoted": ("published: 2023-09-19", 'published: "0000"', "4:12", "published '0000'"),
    "source.date": ("source: {document: a.txt}", "source: {document: a.txt, date: 0000-01-01}", "8:33",
                    "source.date '0000-01-01'"),
    "due": ("published: 2023-09-19", "published: 2023-09-19\ndue: 0000-01-01", "5:6", "due '0000-01-01'"),
}


@pytest.mark.parametrize("field", sorted(_YEAR_ZERO))
@pytest.mark.parametrize(
    "command", [("search", "标题"), ("stats",), ("export",), ("report",), ("show", "t-4-01")]
)
def test_year_zero_in_one_case_skips_that_case_only(library, invoke, field, command):
    old, new, where, shown = _YEAR_ZERO[field]
    library.write("t-4-01.yaml", minimal_case("t-4-01"))
    library.write("t-4-02.yaml", minimal_case("t-4-02").replace(old, new))
    result = invoke(*command)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0] == (
        f"cases/t-4-02.yaml:{where}: RK207 {shown} has the year 0000, outside 1949..2100; "
        "correct the date (skipped)"
    )


@pytest.mark.parametrize("field", sorted(_YEAR_ZERO))
def test_year_zero_is_reported_by_validate_and_survives_fix(library, invoke, field):
    old, new, where, shown = _YEAR_ZERO[field]
    library.write("t-4-02.yaml", minimal_case("t-4-02").replace(old, new))
    for args in (("validate",), ("validate", "--fix")):
        result = invoke(*args)
        assert result.exit_code == 1, result.output
        assert f"cases/t-4-02.yaml:{where}: error RK207 {shown} has the year 0000" in result.stdout


def test_a_query_date_outside_the_library_years_is_a_usage_error(library, invoke):
    library.write("t-4-01.yaml", minimal_case("t-4-01"))
    for query in ("published:<0001-01-01", "published:>9999-12-31", "published:0000"):
        result = invoke("search", query)
        assert result.exit_code == 2, (query, result.output)
        assert "is not a date" in result.stderr
