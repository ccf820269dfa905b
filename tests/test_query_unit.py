"""The query language on its own: ``tokenize``, ``parse``, ``match`` and ``search`` called directly
on index records built from small case dicts, never through the CLI.

Records are reached only through the public functions (``build_record``, ``match``, ``search``
and the ``Hit`` fields), never by key, so these tests hold whatever shape the record takes. A
hit's case id comes back as the ``source`` each record is paired with.
"""

from __future__ import annotations

from typing import Any

import pytest

from reformkit.errors import UsageError
from reformkit.library.index.record import build_record, spelled
from reformkit.search.query import Term, parse, tokenize
from reformkit.search.ranking import match
from reformkit.search.ranking import search_records as search

A: dict[str, Any] = {
    "id": "t-1-01",
    "title": "制度创新 一网通办",
    "program": "t",
    "batch": 1,
    "number": 1,
    "published": "2023-09-19",
    "region": {"province": "海南省", "city": "海口市", "district": "龙华区"},
    "agencies": ["海口市市场监督管理局"],
    "tags": ["政务服务", "企业开办"],
    # no status: a case without one is implemented
    "summary": "制度创新 企业开办 压缩时限",
    "practices": [{"title": "一窗受理", "detail": "全程网办"}],
    "outcomes": [{"title": "满意度提升"}],
    "metrics": [{"label": "办理时间", "kind": "time", "before": 5, "after": 1, "unit": "工作日"}],
    "recognition": ["全国推广"],
    "related": ["t-2-01"],
    "source": {"document": "a.txt"},
}
B: dict[str, Any] = {
    "id": "t-2-01",
    "title": "通关便利",
    "program": "t",
    "batch": 2,
    "number": 1,
    "published": "2023",
    "region": {"province": "海南省", "city": "三亚市"},
    "tags": ["通关便利"],
    "status": "pilot",
    "summary": "以制度创新促通关",
    "practices": [{"title": "一窗受理"}],
    "metrics": [{"label": "通关票数", "kind": "volume", "value": 3, "unit": "万笔"}],
    "source": {"document": "b.txt"},
}
C: dict[str, Any] = {
    "id": "zj-01",
    "title": "Ｅ企办 Mixed Case",
    "program": "zj",
    "number": 1,
    "published": "2021-06",
    "region": {"province": "浙江省", "city": "杭州市"},
    "agencies": ["杭州市政务服务管理办公室"],
    "tags": ["企业开办"],
    "status": "planned",
    "due": "2024",
    "practices": [{"title": "數字政府"}],
    "source": {"title": "来源"},
}
CASES = (A, B, C)
RECORDS = [(build_record(case), case["id"]) for case in CASES]
RECORD = {case["id"]: record for record, case in zip((r for r, _ in RECORDS), CASES, strict=True)}


def ids(text: str, *, sort: str = "relevance", extra: tuple[tuple[str, str], ...] = ()) -> list[str]:
    """The case ids a query finds among A, B and C, in result order."""
    return [hit.source for hit in search(parse(text, extra=extra), RECORDS, sort=sort)]


# --- tokenize and parse ---------------------------------------------------------------------


def test_tokenize_splits_terms_phrases_negations_and_qualifiers():
    assert tokenize('  制度 "一窗 受理" -压缩 tag:企业开办 -status:planned region:"海 口" e-gov ') == [
        (False, None, "制度"),
        (False, None, "一窗 受理"),
        (True, None, "压缩"),
        (False, "tag", "企业开办"),
        (True, "status", "planned"),
        (False, "region", "海 口"),
        (False, None, "e-gov"),
    ]


def test_a_phrase_needs_no_space_before_it():
    assert tokenize('a"b c"') == [(False, None, "a"), (False, None, "b c")]


def test_parse_folds_terms_and_keeps_qualifier_values_apart():
    query = parse('制度創新 ＡＢＣ "Mixed Case" -壓縮 tag:企业开办,政务服务 tag:通关便利')
    assert query.terms == [
        Term("制度创新"),
        Term("abc"),
        Term("mixed case"),
        Term("压缩", negated=True),
    ]
    assert [(f.name, f.values, f.negated) for f in query.filters] == [
        ("tag", ("企业开办", "政务服务"), False),
        ("tag", ("通关便利",), False),
    ]
    assert query.has_text


def test_only_negated_terms_is_not_text_and_an_empty_phrase_is_ignored():
    assert not parse("-制度").has_text
    assert parse('""').terms == []


def test_in_sets_the_searched_fields_once_each_in_the_order_given():
    assert parse("x").fields == (
        "title",
        "summary",
        "tags",
        "practices",
        "outcomes",
        "metrics",
        "agencies",
        "recognition",
        "region",
        "source",
    )
    assert parse("x in:summary,title in:summary").fields == ("summary", "title")
    # Slots are ranked by weight, best first, whatever order in: named them.
    assert [name for _, name, _ in parse("x in:summary,title").slots] == ["title", "summary"]


def test_extra_qualifiers_join_the_query():
    query = parse("制度", extra=(("tag", "企业开办"), ("status", "planned,pilot")))
    assert [(f.name, f.values) for f in query.filters] == [
        ("tag", ("企业开办",)),
        ("status", ("planned", "pilot")),
    ]


# --- errors: a usage error (exit 2) with the exact message ----------------------------------

ERRORS = [
    ('"abc', "unbalanced quote in the query at '\"abc'; close the phrase with \""),
    ('tag:"a b', "unbalanced quote in the query at '\"a b'; close the phrase with \""),
    ("-", "cannot read the query at '-'"),
    ("制度 -", "cannot read the query at '-'"),
    ('-""', "'-' must be followed by a term or qualifier to exclude"),
    (
        "foo:bar",
        "unknown qualifier 'foo:'; use one of id:, program:, batch:, region:, tag:, agency:, "
        "status:, kind:, year:, published:, has:, in:, source:, change:, cut:, approx:, computed:",
    ),
    (
        "in:tag",
        "in:tag is not a text field (did you mean 'tags'?); use one of title, summary, tags, "
        "practices, outcomes, metrics, agencies, recognition, region, source",
    ),
    ("-in:title", "in: cannot be negated; name the fields to search instead"),
    ("status:done", "status:done is not a status; use one of implemented, pilot, planned"),
    (
        "status:planned,done",
        "status:done is not a status; use one of implemented, pilot, planned",
    ),
    (
        "kind:speed",
        "kind:speed is not a metric kind; use one of time, materials, steps, visits, cost, volume, "
        "amount, rate, count, efficiency",
    ),
    (
        "has:x",
        "has:x is not something a case can have; use one of subtitle, batch, summary, agencies, "
        "outcomes, metrics, recognition, related, due",
    ),
    ("year:abc", "year:abc is not a year (YYYY); e.g. year:2021..2023"),
    ("year:21", "year:21 is not a year (YYYY); e.g. year:2021..2023"),
    ("year:2021..20x3", "year:2021..20x3 is not a year (YYYY); e.g. year:2021..2023"),
    ("year:>=x", "year:>=x is not a year (YYYY); e.g. year:2021..2023"),
    (
        "published:2021-02-30",
        "published:2021-02-30 is not a date (YYYY, YYYY-MM or YYYY-MM-DD); e.g. published:2023-01-01..",
    ),
    (
        "published:2021-13",
        "published:2021-13 is not a date (YYYY, YYYY-MM or YYYY-MM-DD); e.g. published:2023-01-01..",
    ),
    (
        "published:<=2021/01",
        "published:<=2021/01 is not a date (YYYY, YYYY-MM or YYYY-MM-DD); e.g. published:2023-01-01..",
    ),
    ("batch:x", "batch:x is not a whole number; e.g. batch:4"),
    ("batch:-1", "batch:-1 is not a whole number; e.g. batch:4"),
    ("batch:1..x", "batch:1..x is not a whole number; e.g. batch:4"),
]


@pytest.mark.parametrize(("text", "message"), ERRORS, ids=[t for t, _ in ERRORS])
def test_bad_queries_are_usage_errors_with_exact_messages(text, message):
    with pytest.raises(UsageError) as caught:
        parse(text)
    assert str(caught.value) == message
    assert caught.value.exit_code == 2


@pytest.mark.parametrize("text", ["tag:", "tag:,", "region:", "year:"])
def test_a_qualifier_without_a_value_is_a_usage_error(text):
    name = text.split(":")[0]
    with pytest.raises(UsageError, match=f"^qualifier '{name}:' needs a value") as caught:
        parse(text)
    assert caught.value.exit_code == 2


def test_a_bad_value_given_as_an_option_is_the_same_usage_error():
    with pytest.raises(UsageError, match="^status:done is not a status;"):
        parse("", extra=(("status", "done"),))


# --- match: the score and the field a hit is best in ----------------------------------------


def test_match_scores_the_best_field_a_term_hits():
    query = parse("制度创新")
    hit = match(query, RECORD["t-1-01"])  # in the title and the summary: the title is best
    assert hit is not None and hit.best_field == "title" and hit.score > 0
    hit = match(query, RECORD["t-2-01"])
    assert hit is not None and hit.best_field == "summary" and hit.score > 0
    assert match(query, RECORD["zj-01"]) is None


def test_a_query_scores_the_sum_of_its_terms():
    # BM25 scores each term on its own (its rarity in the library, its weight in the case)
    # and adds them up; the best field is that of the strongest term.
    alone = {text: {h.source: h.score for h in search(parse(text), RECORDS)} for text in ("制度创新", "一窗受理")}
    for hit in search(parse("制度创新 一窗受理"), RECORDS):
        assert hit.score == pytest.approx(alone["制度创新"][hit.source] + alone["一窗受理"][hit.source])
    hit = match(parse("制度创新 一窗受理 全国推广"), RECORD["t-1-01"])  # title, practices, recognition
    assert hit is not None and hit.best_field == "title"


def test_match_with_filters_only_scores_zero():
    hit = match(parse("tag:企业开办"), RECORD["zj-01"])
    assert hit is not None and (hit.score, hit.best_field) == (0, None)
    assert match(parse("tag:通关便利"), RECORD["zj-01"]) is None


def test_match_reads_only_the_fields_in_names():
    assert match(parse("制度创新 in:practices,outcomes"), RECORD["t-1-01"]) is None
    hit = match(parse("制度创新 in:summary"), RECORD["t-1-01"])
    assert hit is not None and hit.best_field == "summary"


# --- free text --------------------------------------------------------------------------------


def test_terms_are_anded_and_ranked_by_score():
    assert ids("制度创新") == ["t-1-01", "t-2-01"]  # in the title beats in the summary
    assert ids("制度创新 满意度") == ["t-1-01"]
    assert ids("制度创新 杭州") == []


def test_text_is_folded_on_both_sides():
    assert ids("制度創新") == ["t-1-01", "t-2-01"]  # traditional query, simplified case
    assert ids("数字政府") == ids("數字政府") == ["zj-01"]  # simplified query, traditional case
    assert ids("e企办") == ids("Ｅ企办") == ids("E企辦") == ["zj-01"]  # full width and case
    assert ids("MIXED") == ["zj-01"]


def test_a_phrase_matches_only_its_words_together():
    assert ids('"mixed case"') == ["zj-01"]
    assert ids('"case mixed"') == []
    assert ids("case mixed") == ["zj-01"]
    assert ids('"企业开办 压缩"') == ["t-1-01"]


def test_a_negated_term_excludes_every_case_holding_it():
    # B's only practice is 一窗受理; A's also says 全程网办: the more concentrated hit ranks first.
    assert ids("一窗受理") == ["t-2-01", "t-1-01"]
    assert ids("一窗受理 -满意度") == ["t-2-01"]  # A names it in an outcome
    assert ids("一窗受理 -滿意度") == ["t-2-01"]  # folded too
    assert ids("-制度创新") == ["zj-01"]
    assert ids("-制度创新 -mixed") == []


def test_a_negated_term_outside_the_searched_fields_excludes_nothing():
    assert ids("一窗受理 -满意度 in:title,practices") == ["t-2-01", "t-1-01"]


def test_in_limits_free_text_to_the_fields_named():
    assert ids("制度创新 in:title") == ["t-1-01"]
    assert ids("以制度创新 in:summary") == ["t-2-01"]
    assert ids("制度创新 in:summary") == ["t-2-01", "t-1-01"]  # once each; B's summary is shorter
    assert ids("海口 in:region") == ["t-1-01"]
    assert ids("海口 in:agencies") == ["t-1-01"]
    assert ids("办理时间 in:metrics") == ["t-1-01"]
    assert ids("杭州 in:title") == []


def test_an_empty_query_finds_every_case_newest_first():
    assert ids("") == ["t-1-01", "t-2-01", "zj-01"]


# --- qualifiers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # id: and program: match exactly; a,b is either
        ("id:t-1-01", ["t-1-01"]),
        ("id:zj-01,t-1-01", ["t-1-01", "zj-01"]),
        ("id:t-1", []),
        ("-id:t-1-01", ["t-2-01", "zj-01"]),
        ("program:zj", ["zj-01"]),
        ("program:t", ["t-1-01", "t-2-01"]),
        ("program:z", []),
        # batch: numbers and ranges; a case without a batch never falls inside one
        ("batch:1", ["t-1-01"]),
        ("batch:1..2", ["t-1-01", "t-2-01"]),
        ("batch:2..9", ["t-2-01"]),
        ("batch:>=2", ["t-2-01"]),
        ("batch:>1", ["t-2-01"]),
        ("batch:<2", ["t-1-01"]),
        ("batch:<=1", ["t-1-01"]),
        ("batch:1,2", ["t-1-01", "t-2-01"]),
        ("-batch:1", ["t-2-01", "zj-01"]),
        # region: a folded prefix of the province, city or district
        ("region:海南", ["t-1-01", "t-2-01"]),
        ("region:海口", ["t-1-01"]),
        ("region:龍華", ["t-1-01"]),
        ("region:口市", []),
        ("region:海口,杭州", ["t-1-01", "zj-01"]),
        ("region:浙江", ["zj-01"]),
        # tag: exact after folding; repeated means both
        ("tag:企业开办", ["t-1-01", "zj-01"]),
        ("tag:企業開辦", ["t-1-01", "zj-01"]),
        ("tag:企业", []),
        ("tag:企业开办 tag:政务服务", ["t-1-01"]),
        ("tag:通关便利,政务服务", ["t-1-01", "t-2-01"]),
        ("-tag:企业开办", ["t-2-01"]),
        # agency: a folded substring of an agency
        ("agency:市场监督", ["t-1-01"]),
        ("agency:市場監督", ["t-1-01"]),
        ("agency:政务服务管理", ["zj-01"]),
        ("agency:市", ["t-1-01", "zj-01"]),
        # status: a case without one is implemented
        ("status:implemented", ["t-1-01"]),
        ("status:planned", ["zj-01"]),
        ("status:implemented,pilot", ["t-1-01", "t-2-01"]),
        ("-status:planned", ["t-1-01", "t-2-01"]),
        ("status:pilot status:planned", []),
        # kind: any metric of the kind
        ("kind:time", ["t-1-01"]),
        ("kind:time,volume", ["t-1-01", "t-2-01"]),
        ("kind:rate", []),
        ("-kind:time", ["t-2-01", "zj-01"]),
        # year: the year of published
        ("year:2023", ["t-1-01", "t-2-01"]),
        ("year:2021..2022", ["zj-01"]),
        ("year:>=2022", ["t-1-01", "t-2-01"]),
        ("year:>2021", ["t-1-01", "t-2-01"]),
        ("year:<2023", ["zj-01"]),
        ("year:<=2021", ["zj-01"]),
        ("year:2021,2023", ["t-1-01", "t-2-01", "zj-01"]),
        ("year:2022", []),
        # published: a partial date matches when its period starts inside the interval
        ("published:2023", ["t-1-01", "t-2-01"]),
        ("published:2023-09", ["t-1-01"]),
        ("published:2023-09-19", ["t-1-01"]),
        ("published:>=2023-06", ["t-1-01"]),
        ("published:<=2023-06", ["t-2-01", "zj-01"]),
        ("published:<2023-01-01", ["zj-01"]),
        ("published:>2023-09-18", ["t-1-01"]),
        ("published:>2023-09-19", []),
        ("published:>2022", ["t-1-01", "t-2-01"]),
        ("published:<2021-06", []),
        ("published:<2021-07", ["zj-01"]),
        ("published:2021-06..2023-01", ["t-2-01", "zj-01"]),
        ("published:2021..2021", ["zj-01"]),
        # has: any of the named fields present and not empty
        ("has:related", ["t-1-01"]),
        ("has:due", ["zj-01"]),
        ("has:batch", ["t-1-01", "t-2-01"]),
        ("has:recognition,due", ["t-1-01", "zj-01"]),
        ("has:summary has:metrics", ["t-1-01", "t-2-01"]),
        ("-has:metrics", ["zj-01"]),
        ("has:subtitle", []),
        # qualifiers and text together
        ("制度创新 program:t -batch:1", ["t-2-01"]),
        ("一窗受理 region:三亚", ["t-2-01"]),
    ],
)
def test_qualifiers(text, expected):
    assert ids(text) == expected


def test_extra_qualifiers_filter_like_written_ones():
    assert ids("", extra=(("tag", "企业开办"), ("status", "planned"))) == ["zj-01"]
    assert ids("制度创新", extra=(("year", "2023"),)) == ["t-1-01", "t-2-01"]


# --- ordering -----------------------------------------------------------------------------


def ranked(*cases: dict[str, Any], text: str, sort: str = "relevance") -> list[str]:
    records = [(build_record(case), case["id"]) for case in cases]
    return [hit.source for hit in search(parse(text), records, sort=sort)]


def case(case_id: str, title: str, published: str, summary: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": case_id,
        "title": title,
        "program": "t",
        "published": published,
        "region": {"province": "海南省"},
        "source": {"document": "a.txt"},
        "practices": [{"title": "做法"}],
    }
    if summary:
        out["summary"] = summary
    return out


RANKING = (
    case("t-03", "乙 改革", "2022"),
    case("t-01", "甲 改革", "2023-05"),
    case("t-02", "丙", "2023-05", summary="改革"),
    case("t-04", "丁 改革", "2023-05"),
    case("t-05", "丁 改革", "2024-01-02"),
)


def test_relevance_ranks_by_score_then_newest_then_id():
    # Title hits (8): t-05 newest, then t-01 and t-04 of the same month by id, then t-03; then
    # the summary hit (4) whatever its date.
    assert ranked(*RANKING, text="改革") == ["t-05", "t-01", "t-04", "t-03", "t-02"]
    assert ranked(*reversed(RANKING), text="改革") == ["t-05", "t-01", "t-04", "t-03", "t-02"]


def test_other_sorts():
    assert ranked(*RANKING, text="改革", sort="date") == ["t-05", "t-01", "t-02", "t-04", "t-03"]
    assert ranked(*RANKING, text="改革", sort="id") == ["t-01", "t-02", "t-03", "t-04", "t-05"]
    # Title by pinyin, ties by id: 丙 bing < 丁 ding < 甲 jia < 乙 yi (by code point 丁 < 丙 < 乙 < 甲).
    assert ranked(*RANKING, text="改革", sort="title") == ["t-02", "t-04", "t-05", "t-01", "t-03"]


def test_a_day_is_newer_than_its_month_and_its_year():
    cases = (case("t-1", "改革", "2023"), case("t-2", "改革", "2023-05"), case("t-3", "改革", "2023-05-01"))
    assert ranked(*cases, text="改革") == ["t-3", "t-2", "t-1"]


def test_search_keeps_the_source_each_record_came_with():
    hits = search(parse("制度创新"), RECORDS)
    assert [(hit.source, hit.best_field) for hit in hits] == [("t-1-01", "title"), ("t-2-01", "summary")]
    # rebuilt from the index, value for value, with the pinyin the index worked out
    assert hits[0].record == spelled(RECORD["t-1-01"])


def test_a_long_run_of_not_is_read_without_recursion():
    """NOT ×1000 was a RecursionError traceback; an even run cancels out, an odd one negates."""
    assert parse("NOT " * 1000 + "海口").terms == [Term("海口")]
    assert parse("NOT " * 1001 + "海口").terms == [Term("海口", negated=True)]


def test_parentheses_nested_past_the_limit_are_a_usage_error():
    from reformkit.errors import UsageError
    from reformkit.search.query import MAX_NESTING

    assert parse("(" * MAX_NESTING + "海口" + ")" * MAX_NESTING).terms == [Term("海口")]
    with pytest.raises(UsageError, match=f"nests parentheses more than {MAX_NESTING} deep"):
        parse("(" * 400 + "海口" + ")" * 400)


def test_hits_carry_how_each_positive_term_matched_and_nothing_from_inside_a_not():
    from reformkit.search.ranking import EXACT, Match

    hits = {hit.source: hit for hit in search(parse("制度创新 OR NOT 通关便利"), RECORDS)}
    assert hits["t-1-01"].matches == (Match("制度创新", EXACT, "title"),)
    assert hits["t-2-01"].matches == (Match("制度创新", EXACT, "summary"),)
    assert [m.term for hit in hits.values() for m in hit.matches] == ["制度创新"] * len(
        [h for h in hits.values() if h.matches]
    )
    (both,) = [hit for hit in search(parse("制度创新 一窗受理"), RECORDS) if hit.source == "t-1-01"]
    assert [(m.term, m.kind) for m in both.matches] == [("制度创新", EXACT), ("一窗受理", EXACT)]
    assert both.sought() == [("制度创新", EXACT), ("一窗受理", EXACT)]


# -- control characters and the row separator ---------------------------------------------------


def test_tabs_and_line_breaks_still_separate_terms():
    assert [t.text for t in parse("通关\t改革\n海口\r\n").terms] == ["通关", "改革", "海口"]


def test_a_needle_holding_the_row_separator_finds_nothing_and_ends():
    # It made the occurrence count loop forever: the NUL after each row's text matched, and
    # the next look began at that same NUL (a search for "\x00" through the API hung).
    from reformkit.library.index.read import SearchIndex
    from reformkit.library.index.write import build

    index = SearchIndex(build([build_record(case("t-1", "通关改革", "2023-09-19"))]))
    assert index.occurrences("text:title", b"\x00") == {}
    assert index.occurrences("text:title", "改革\x00".encode()) == {}
    assert list(index.rows_with("text:title", b"\x00")) == []
