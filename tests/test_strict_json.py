"""JSON is JSON: one writer for every command, and nothing a strict parser would refuse."""

from __future__ import annotations

import json
import math
import shutil

import pytest

from reformkit.errors import NotJSONError, OutputError, ReformkitError
from reformkit.text.escape import json_text

from .conftest import REPO


def strict(text: str) -> object:
    def refuse(name: str) -> object:
        raise AssertionError(f"{name} is not JSON")

    return json.loads(text, parse_constant=refuse)


@pytest.fixture
def bundled(isolated):
    shutil.copytree(REPO / "cases", isolated / "cases")
    shutil.copy(REPO / "reformkit.toml", isolated / "reformkit.toml")
    shutil.copy(REPO / "thesaurus.toml", isolated / "thesaurus.toml")
    return isolated


JSON_COMMANDS = [
    ("validate", "--format", "json"),
    ("search", "--format", "json"),
    ("search", "--format", "jsonl"),
    ("search", "改革", "--format", "json", "--sort", "date"),
    ("show", "hnbiz-4-02", "--format", "json"),
    ("show", "zjftz-jiaxing-01", "--format", "json"),
    ("compare", "hnbiz-4-02", "hnbiz-4-03", "hnftp-12-01", "--format", "json"),
    ("compare", "-q", "program:hnbiz", "--format", "json"),
    *[("stats", "--by", by, "--format", "json") for by in ("program", "year", "tag", "kind", "agency")],
    ("export", "--format", "json"),
    ("export", "--format", "jsonl"),
    ("schema",),
]


@pytest.mark.parametrize("args", JSON_COMMANDS, ids=[" ".join(a) for a in JSON_COMMANDS])
def test_every_json_output_parses_strictly(bundled, invoke, args):
    result = invoke(*args)
    assert result.exit_code == 0, result.stderr
    if "jsonl" in args:
        rows = [strict(line) for line in result.stdout.splitlines()]
        assert len(rows) == 51
    else:
        assert strict(result.stdout)


def test_json_text_refuses_nan_and_names_where_it_is():
    with pytest.raises(NotJSONError) as caught:
        json_text([{"id": "a", "metrics": [{"value": 1}, {"value": math.nan}]}])
    assert str(caught.value) == "cannot write JSON: [0].metrics[1].value is nan, which JSON cannot hold"


@pytest.mark.parametrize("number", [math.inf, -math.inf])
def test_json_text_refuses_infinity(number):
    with pytest.raises(NotJSONError, match=r"^cannot write JSON: change_pct is -?inf, which JSON"):
        json_text({"label": "x", "change_pct": number}, indent=2)


def test_a_refusal_is_an_output_error_exit_2():
    error = NotJSONError("x")
    assert isinstance(error, OutputError) and isinstance(error, ReformkitError)
    assert error.exit_code == 2


def test_a_bare_non_finite_value_is_named_as_the_value():
    with pytest.raises(NotJSONError, match="^cannot write JSON: the value is nan,"):
        json_text(math.nan)


def test_json_text_keeps_finite_numbers_and_text_exact():
    value = {"big": 1.0e300, "small": -0.5, "int": 2**63, "text": "一网通办\u202e\x85", "b": [True, None]}
    text = json_text(value, sort_keys=True)
    assert text == (
        '{"b": [true, null], "big": 1e+300, "int": 9223372036854775808, "small": -0.5, '
        '"text": "一网通办\\u202e\\u0085"}'
    )
    assert strict(text) == value


def test_no_command_writes_json_but_through_json_text():
    """json.dump(s) is called in exactly one place of the package: the one writer."""
    callers = []
    for path in sorted((REPO / "reformkit").rglob("*.py")):
        text = path.read_text("utf-8")
        if "json.dump" in text:
            callers.append(path.relative_to(REPO).as_posix())
    assert callers == ["reformkit/text/escape.py"]
