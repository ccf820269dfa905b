"""Property-based tests (hypothesis): reformkit never crashes on arbitrary documents, bytes or
queries; validate accepts exactly the documents the schema and rules allow; the fast and the
full schema validators agree; a valid case survives export and re-load unchanged; search finds
exactly the cases holding every positive term and no negated one, with the score and in the
order the ranking rules give."""

from __future__ import annotations

import datetime
import json
import math
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reformkit.case.metrics import KINDS, REDUCTION_KINDS
from reformkit.case.schemacheck import is_valid, iter_errors
from reformkit.config import parse_config
from reformkit.errors import UsageError
from reformkit.library.index.record import TEXT_FIELDS, build_record, field_texts
from reformkit.library.loader import load_file
from reformkit.rules.structure import control_character, is_blank
from reformkit.search.query import parse
from reformkit.search.ranking import search_records as search
from reformkit.text.fold import fold
from reformkit.validate import validate

from .conftest import DATA

SETTINGS = settings(
    max_examples=int(__import__("os").environ.get("RK_EXAMPLES", "30")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
CONFIG_TEXT = (DATA / "reformkit.toml").read_text("utf-8")
TAGS = ["政务服务", "企业开办", "通关便利"]
#: Words that occur in the bundled library (and a few that do not), for queries that hit.
SEARCH_WORDS = [
    "一网通办",
    "企业",
    "開辦",
    "-改革",
    "制度创新",
    '"证照 分离"',
    "海口",
    "-海南",
    "in:title",
    "XYZ",
    "时间",
]
UNITS = ["工作日", "天", "小时", "件", "万笔", "元", "万元", "个"]

text = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40).filter(
    lambda s: not is_blank(s) and control_character(s) < 0  # valid text: RK106, RK108
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
    from reformkit.text.escape import yaml_text

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
    "five tags": lambda c: c.__setitem__("tags", ["政务服务", "企业开办", "通关便利", "不存在", "也不存在"]),
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


def folded_fields(case: dict) -> dict[str, str]:
    """The folded text of each searched field of a case, as its definition says: the field's
    parts joined by newlines, then folded."""
    return {name: fold("\n".join(parts)) for name, parts in field_texts(case).items()}


def holds(query, fields: dict[str, str]) -> bool:
    """A case matches the free text of ``query`` exactly: every positive term is in a searched
    field, and no negated one in any."""
    for term in query.terms:
        there = any(term.text in fields[name] for name in query.fields)
        if there == term.negated:
            return False
    return True


def expected_scores(query, library: dict[str, dict[str, str]]) -> dict[str, float]:
    """BM25F as the ranking defines it, computed here from the folded text of every case:
    for each positive term, idf (how few cases hold it) times the saturated sum over the
    searched fields of weight x occurrences, each field normalised by its length in UTF-8
    bytes against that field's mean over the library."""
    from reformkit.search.ranking import K1, B

    size = len(library)
    lengths = {name: [len(f[name].encode()) for f in library.values()] for name in TEXT_FIELDS}
    mean = {name: max(1.0, sum(values) / size) for name, values in lengths.items()}
    scores = {case_id: 0.0 for case_id, fields in library.items() if holds(query, fields)}
    for term in query.terms:
        if term.negated:
            continue
        holding = [f for f in library.values() if any(term.text in f[name] for name in query.fields)]
        idf = math.log(1 + (size - len(holding) + 0.5) / (len(holding) + 0.5))
        for case_id in scores:
            fields = library[case_id]
            weighted = sum(
                TEXT_FIELDS[name]
                * fields[name].count(term.text)
                / (1 - B + B * len(fields[name].encode()) / mean[name])
                for name in query.fields
            )
            scores[case_id] += idf * weighted * (K1 + 1) / (weighted + K1)
    return scores


def expected_order(scores: dict[str, float], published: dict[str, str]) -> list[str]:
    """Highest score first, then newest (date strings compared as strings), then id."""
    ordered = sorted(scores)
    ordered.sort(key=lambda case_id: published[case_id], reverse=True)
    ordered.sort(key=lambda case_id: scores[case_id], reverse=True)
    return ordered


def check_hits(hits, query, expected: dict[str, float]) -> None:
    """The exact hits are the cases ``expected`` scores, with those scores; the others (pinyin
    or homophone matches) hold no negated term, and all come after the exact ones."""
    exact = [hit for hit in hits if not hit.fuzzy]
    assert {hit.source: hit.score for hit in exact} == pytest.approx(expected)
    assert hits[: len(exact)] == exact
    assert not {hit.source for hit in hits[len(exact) :]} & set(expected)


#: Few characters, so that terms hit often: traditional and simplified forms, full and half
#: width, upper and lower case.
ALPHABET = "改革创新開辦开办aAｂB1"
snippet = st.text(st.sampled_from(ALPHABET + " "), min_size=1, max_size=8).filter(lambda s: s.strip())
word = st.text(st.sampled_from(ALPHABET), min_size=1, max_size=3)


#: Cases of few characters with any of the searched fields (build_record needs no valid case).
text_case = st.fixed_dictionaries(
    {
        "title": snippet,
        "published": st.sampled_from(["2021", "2022-05", "2022-05-01", "2023"]),
        # What the schema requires of every case (the index reads only valid cases).
        "practices": st.lists(
            st.fixed_dictionaries({"title": snippet}, optional={"detail": snippet}), min_size=1, max_size=2
        ),
        "region": st.fixed_dictionaries({"province": snippet}, optional={"city": snippet}),
        "source": st.fixed_dictionaries({"title": snippet}),
    },
    optional={
        "subtitle": snippet,
        "summary": snippet,
        "outcomes": st.lists(st.fixed_dictionaries({"title": snippet}), min_size=1, max_size=2),
        "metrics": st.lists(
            st.fixed_dictionaries({"label": snippet, "kind": st.just("time")}, optional={"note": snippet}),
            min_size=1,
            max_size=2,
        ),
        "agencies": st.lists(snippet, min_size=1, max_size=2),
        "recognition": st.lists(snippet, min_size=1, max_size=2),
    },
)


@st.composite
def text_query(draw) -> tuple[str, list[tuple[str, bool]]]:
    """A query of words and phrases, some negated, maybe limited with in:; and its (word,
    negated) pairs."""
    words = []
    parts = []
    for _ in range(draw(st.integers(0, 3))):
        text = draw(word | st.tuples(word, word).map(" ".join))
        negated = draw(st.booleans())
        words.append((text, negated))
        parts.append(("-" if negated else "") + (f'"{text}"' if " " in text else text))
    if draw(st.booleans()):
        fields = draw(st.lists(st.sampled_from(list(TEXT_FIELDS)), min_size=1, max_size=3))
        parts.insert(draw(st.integers(0, len(parts))), "in:" + ",".join(fields))
    return " ".join(parts), words


@SETTINGS
@given(st.lists(text_case, min_size=1, max_size=6), text_query())
def test_search_finds_exactly_the_cases_holding_every_term_and_no_negated_one(cases, query_words):
    query_text, words = query_words
    for number, case in enumerate(cases):
        case.update(id=f"c{number}", program="t")
    query = parse(query_text)
    assert [(t.text, t.negated) for t in query.terms] == [(fold(w), negated) for w, negated in words]

    library = {case["id"]: folded_fields(case) for case in cases}
    expected = expected_scores(query, library)
    hits = search(query, [(build_record(case), case["id"]) for case in cases])
    check_hits(hits, query, expected)
    published = {case["id"]: case["published"] for case in cases}
    exact = [hit.source for hit in hits if not hit.fuzzy]
    # Ties (equal scores) go newest first, then by id; scores are compared as computed.
    found = {hit.source: hit.score for hit in hits if not hit.fuzzy}
    assert exact == expected_order(found, published)


LIBRARY = None


def bundled_library() -> list[tuple[object, str, dict[str, str]]]:
    """(index record, id, folded fields) of every valid case in the bundled library, read once."""
    global LIBRARY
    if LIBRARY is None:
        from reformkit.config import parse_config as load
        from reformkit.library.documents import load_case
        from reformkit.library.scan import scan

        from .conftest import REPO

        config = load(REPO / "reformkit.toml")
        library = scan(config, REPO / "cases", use_cache=False)
        cases = [load_case(r.entry, config)[0] for r in library.rows]
        LIBRARY = [(library.index.record(row), case["id"], folded_fields(case)) for row, case in enumerate(cases)]
    return LIBRARY


@SETTINGS
@given(st.text(max_size=60) | st.lists(st.sampled_from(SEARCH_WORDS), max_size=4).map(" ".join))
def test_arbitrary_queries_parse_or_fail_cleanly_and_find_what_they_should(query_text):
    try:
        query = parse(query_text)
    except UsageError as exc:
        assert str(exc) and exc.exit_code == 2
        return
    library = bundled_library()
    hits = search(query, [(record, case_id) for record, case_id, _ in library])
    expected = expected_scores(query, {case_id: fields for _, case_id, fields in library})
    if query.filters:
        # Filters only take cases away: what is left still holds its terms, with its score.
        exact = {hit.source: hit.score for hit in hits if not hit.fuzzy}
        assert set(exact) <= set(expected)
        assert exact == pytest.approx({case_id: expected[case_id] for case_id in exact})
    else:
        check_hits(hits, query, expected)


def test_hypothesis_keeps_nothing_in_the_working_tree():
    """Neither an example database (the profiles set none) nor the constants it collects."""
    from hypothesis.configuration import storage_directory

    from .conftest import REPO

    assert settings().database is None
    home = storage_directory("constants", intent_to_write=False).home_directory.resolve()
    assert home != REPO / ".hypothesis" and REPO not in home.parents, home
