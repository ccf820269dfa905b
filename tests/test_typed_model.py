"""The typed shapes of ``reformkit.case.model`` follow the case schema key for key."""

from __future__ import annotations

import marshal
import typing
from pathlib import Path

import pytest

from reformkit.case import model
from reformkit.case.schemacheck import case_schema
from reformkit.library.index.record import (
    RECORD_KEYS,
    TEXT_FIELDS,
    Record,
    build_record,
    pack_record,
    spelled,
    unpack_record,
)


def _keys(shape: type) -> tuple[list[str], set[str]]:
    """(all keys in order, the required ones) as a type checker reads them.

    Read from the annotations: with postponed annotations Python 3.11 does not fill in
    ``__required_keys__`` from ``NotRequired``.
    """
    hints = typing.get_type_hints(shape, include_extras=True)
    required = {key for key, hint in hints.items() if typing.get_origin(hint) is not typing.NotRequired}
    return list(hints), required


def _shapes() -> list[tuple[str, type, dict[str, typing.Any]]]:
    schema = case_schema()
    props = schema["properties"]
    defs = schema["$defs"]
    return [
        ("case", model.Case, schema),
        ("region", model.Region, props["region"]),
        ("source", model.Source, props["source"]),
        ("item", model.Item, defs["item"]),
        ("metric", model.Metric, defs["metric"]),
    ]


@pytest.mark.parametrize(("name", "shape", "node"), _shapes(), ids=[s[0] for s in _shapes()])
def test_typed_dict_keys_are_the_schema_keys(name: str, shape: type, node: dict[str, typing.Any]) -> None:
    keys, required = _keys(shape)
    assert required == set(node.get("required", ()))
    # Same keys in the same order as the schema, so the source reads like it.
    assert keys == list(node["properties"])


def test_approx_keys_and_words_are_the_schema_enums() -> None:
    approx = case_schema()["$defs"]["metric"]["properties"]["approx"]
    keys, required = _keys(model.Approx)
    assert keys == approx["propertyNames"]["enum"]
    assert not required
    assert typing.get_args(model.ApproxWord) == tuple(approx["additionalProperties"]["enum"])


def test_literals_are_the_schema_enums() -> None:
    schema = case_schema()
    assert typing.get_args(model.Status) == tuple(schema["properties"]["status"]["enum"])
    assert typing.get_args(model.MetricKind) == tuple(schema["$defs"]["metric"]["properties"]["kind"]["enum"])


CASE: model.Case = {
    "id": "hnbiz-4-02",
    "title": "標題 一网通办",
    "program": "hnbiz",
    "batch": 4,
    "number": 2,
    "published": "2023-05",
    "region": {"province": "海南省", "city": "海口市"},
    "tags": ["企业开办"],
    "practices": [{"title": "做法", "detail": "细节"}],
    "metrics": [{"label": "办理时间", "kind": "time", "before": 10, "after": 5, "unit": "天"}],
    "source": {"title": "来源"},
}


def test_record_is_a_named_tuple_read_by_attribute() -> None:
    record = build_record(CASE)
    assert isinstance(record, tuple) and Record._fields == RECORD_KEYS
    assert (record.id, record.batch, record.number, record.city, record.district) == (
        "hnbiz-4-02",
        4,
        2,
        "海口市",
        "",
    )
    assert record.status == "implemented"
    assert record.metrics == [("time", -50.0, "办理时间", "computed", "")]
    assert record.kinds == ["time"] and record.practices == 1 and record.outcomes == 0
    assert record.has == ["batch", "metrics"]
    assert len(record.text) == len(TEXT_FIELDS)
    assert record.text[0] == "标题 一网通办".encode()
    assert (record.pinyin, record.initials, record.title_key) == ((), (), "")  # not yet spelled
    spelled_out = spelled(record)
    assert spelled_out.pinyin[0] == b" biao ti | yi wang tong ban "
    assert spelled_out.initials[0] == b"bt|ywtb"
    assert spelled_out.title_key == "biao ti   yi wang tong ban"
    assert spelled(spelled_out) is spelled_out
    assert record.folded_region == ["海南省", "海口市"]


def test_record_survives_the_cache_as_a_plain_tuple() -> None:
    record = build_record(CASE)
    packed = pack_record(record)
    assert type(packed) is tuple
    stored = marshal.loads(marshal.dumps(packed))
    back = unpack_record(stored)
    assert back == record and type(back) is Record
    assert back.title == "標題 一网通办"


@pytest.mark.parametrize(
    "stored",
    [None, [], ("short",), tuple(range(len(RECORD_KEYS))), {"id": "a"}],
    ids=["none", "list", "short", "text-not-a-tuple", "dict"],
)
def test_unpack_refuses_what_is_not_a_record(stored: object) -> None:
    assert unpack_record(stored) is None


def test_ci_runs_mypy_before_pytest() -> None:
    script = [line.strip() for line in (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text("utf-8").splitlines()]
    first = {
        word: next(i for i, line in enumerate(script) if line.split()[:1] == [word])
        for word in ("mypy", "pytest")
    }
    assert "mypy reformkit" in script
    assert first["mypy"] < first["pytest"]
