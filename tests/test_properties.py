"""Property-based tests (hypothesis): reformkit never crashes on arbitrary documents, bytes or
queries; validate accepts exactly the documents the schema and rules allow; the fast and the
full schema validators agree; a valid case survives export and re-load unchanged."""

from __future__ import annotations

import datetime
import json
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reformkit.config import parse_config
from reformkit.errors import UsageError
from reformkit.library.loader import load_file
from reformkit.metrics import KINDS, REDUCTION_KINDS
from reformkit.query import parse, search
from reformkit.schemacheck import is_valid, iter_errors
from reformkit.validate import validate

from .conftest import DATA

SETTINGS = settings(
    max_examples=int(__import__("os").environ.get("RK_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
CONFIG_TEXT = (DATA / "reformkit.toml").read_text("utf-8")
TAGS = ["政务服务", "企业开办", "通关便利"]
UNITS = ["工作日", "天", "小时", "件", "万笔", "元", "万元", "个"]

text = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40).filter(
    lambda s: s.strip()
)
day = st.dates(min_value=datetime.date(1990, 1, 1), max_value=datetime.date(2026, 11, 21))


@st.composite
def partial_date(draw) -> str:
    value = draw(day)
    return draw(st.sampled_from([value.isoformat(), value.isoformat()[:7], value.isoformat()[:4]]))


@st.composite
def metric(draw) -> dict:
    kind = draw(st.sampled_from(KINDS))
    out = {"label": draw(text), "kind": kind}
    shape = draw(st.sampled_from(["value", "pct", "before_after"]))
    if shape == "value":
        low, high = (0, 100) if kind == "rate" else (0, 10**6)
        out["value"] = draw(
            st.integers(low, high) | st.floats(low, high, allow_nan=False).map(lambda f: round(f, 2))
        )
        out["unit"] = "%" if kind == "rate" else draw(st.sampled_from(UNITS))
    elif shape == "pct":
        out["change_pct"] = draw(st.integers(-100, 0) if kind in REDUCTION_KINDS else st.integers(0, 500))
    else:
        before = draw(st.integers(1, 1000))
        after = draw(st.integers(0, before) if kind in REDUCTION_KINDS else st.integers(before, 5000))
        out.update(
            before=before,
            after=after,
            unit="%" if kind == "rate" and after <= 100 else draw(st.sampled_from(UNITS)),
        )
        if kind == "rate" and out["unit"] == "%" and before > 100:
            out["unit"] = "个"
    if draw(st.booleans()):
        out["as_of"] = draw(partial_date())
    return out


@st.composite
def valid_case(draw) -> dict:
    batch = draw(st.none() | st.integers(1, 30))
    number = draw(st.integers(1, 99))
    case = {
        "id": f"t-{batch}-{number:02d}" if batch is not None else f"t-{number:02d}",
        "title": draw(text),
        "program": "t",
    }
    if batch is not None:
        case["batch"] = batch
    case["number"] = number
    if draw(st.booleans()):
        case["subtitle"] = draw(text)
    case["published"] = draw(partial_date())
    case["region"] = {"province": draw(text)}
    if draw(st.booleans()):
        case["agencies"] = draw(st.lists(text, max_size=3, unique=True))
    case["tags"] = draw(st.lists(st.sampled_from(TAGS), min_size=1, max_size=3, unique=True))
    status = draw(st.sampled_from(["implemented", "pilot", "planned"]))
    case["status"] = status
    if status == "planned":
        case["due"] = draw(partial_date())
    if draw(st.booleans()):
        case["summary"] = draw(text)
    case["practices"] = draw(
        st.lists(st.fixed_dictionaries({"title": text}, optional={"detail": text}), min_size=1, max_size=3)
    )
    case["outcomes"] = draw(
        st.lists(st.fixed_dictionaries({"title": text}, optional={"detail": text}), max_size=2)
    )
    case["metrics"] = draw(st.lists(metric(), max_size=3))
    if draw(st.booleans()):
        case["recognition"] = draw(st.lists(text, min_size=1, max_size=2, unique=True))
    case["source"] = draw(st.sampled_from([{"document": "a.txt"}, {"title": "来源"}]))
    return case


def library_with(*documents: tuple[str, str]) -> tuple[Path, Path]:
    root = Path(tempfile.mkdtemp())
    (root / "cases").mkdir()
    (root / "reformkit.toml").write_text(CONFIG_TEXT, encoding="utf-8")
    for name, body in documents:
        (root / "cases" / name).write_text(body, encoding="utf-8")
    return root, root / "cases"


def dump(case: dict) -> str:
    """YAML as reformkit writes it (also checks that writer round-trips any text)."""
    from reformkit.textsafe import yaml_text

    return yaml_text(case)


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setenv("REFORMKIT_TODAY", "2026-11-21")


@SETTINGS
@given(valid_case())
def test_valid_cases_validate_clean_and_survive_export(case):
    from reformkit.library.documents import load_case
    from reformkit.library.scan import scan

    root, cases = library_with((f"{case['id']}.yaml", dump(case)))
    try:
        config = parse_config(root / "reformkit.toml")
        result = validate(config, cases, use_cache=False)
        assert [p for p in result.problems if p.severity == "error"] == [], [
            p.message for p in result.problems
        ]
        record = scan(config, cases, use_cache=False).records[0]
        exported = json.loads(json.dumps(load_case(record.entry, config)[0], ensure_ascii=False))
        assert exported == case
    finally:
        shutil.rmtree(root)


MUTATIONS = {
    "drop title": lambda c: c.pop("title"),
    "drop practices": lambda c: c.pop("practices"),
    "unknown field": lambda c: c.__setitem__("titel", "x"),
    "title not text": lambda c: c.__setitem__("title", 5),
    "bad date": lambda c: c.__setitem__("published", "2021-02-30"),
    "future date": lambda c: c.__setitem__("published", "2099"),
    "unknown tag": lambda c: c.__setitem__("tags", ["不存在"]),
    "unknown program": lambda c: c.__setitem__("program", "nope"),
    "bad status": lambda c: c.__setitem__("status", "done"),
    "empty practices": lambda c: c.__setitem__("practices", []),
    "metric without figure": lambda c: c.__setitem__("metrics", [{"label": "x", "kind": "time"}]),
    "metric without unit": lambda c: c.__setitem__("metrics", [{"label": "x", "kind": "volume", "value": 3}]),
    "bad kind": lambda c: c.__setitem__("metrics", [{"label": "x", "kind": "speed", "change_pct": 3}]),
    "falls over 100%": lambda c: c.__setitem__(
        "metrics", [{"label": "x", "kind": "time", "change_pct": -101}]
    ),
    "region without province": lambda c: c.__setitem__("region", {"city": "海口市"}),
}


@SETTINGS
@given(valid_case(), st.sampled_from(sorted(MUTATIONS)))
def test_broken_cases_fail_and_both_schema_validators_agree(case, mutation):
    MUTATIONS[mutation](case)
    assert is_valid(case) == (not list(iter_errors(case)))
    root, cases = library_with((f"{case['id']}.yaml", dump(case)))
    try:
        result = validate(parse_config(root / "reformkit.toml"), cases, use_cache=False)
        assert result.errors >= 1, mutation
    finally:
        shutil.rmtree(root)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=5)
    ),
    max_leaves=25,
)


@SETTINGS
@given(
    st.dictionaries(
        st.sampled_from(
            [
                "id",
                "title",
                "program",
                "published",
                "region",
                "tags",
                "practices",
                "metrics",
                "source",
                "related",
                "batch",
                "number",
                "x",
            ]
        ),
        json_values,
    )
)
def test_arbitrary_documents_never_crash_and_validators_agree(document):
    assert is_valid(document) == (not list(iter_errors(document)))
    root, cases = library_with(("t-01.yaml", dump(document)))
    try:
        validate(parse_config(root / "reformkit.toml"), cases, use_cache=False)
    finally:
        shutil.rmtree(root)


@SETTINGS
@given(st.binary(max_size=400))
def test_arbitrary_bytes_never_crash_the_loader(data):
    with tempfile.NamedTemporaryFile(suffix=".yaml") as handle:
        handle.write(data)
        handle.flush()
        loaded = load_file(handle.name, "x.yaml")
    assert loaded.data is not None or loaded.problems


RECORDS = None


@SETTINGS
@given(st.text(max_size=60))
def test_arbitrary_queries_parse_or_fail_cleanly(query_text):
    global RECORDS
    from reformkit.config import parse_config as load
    from reformkit.library.scan import scan

    from .conftest import REPO

    if RECORDS is None:
        config = load(REPO / "reformkit.toml")
        RECORDS = [(r.index, r) for r in scan(config, REPO / "cases", use_cache=False).valid()]
    try:
        query = parse(query_text)
    except UsageError as exc:
        assert str(exc)
        return
    hits = search(query, RECORDS)
    assert all(hit.record.id for hit in hits)
