"""Search ranking, measured on the judged staff queries (tests/data/judged_queries.toml).

The loader and the metrics are benchmarks/ranking.py's, so the suite and
`python benchmarks/ranking.py` measure the same way; here reformkit runs in-process.
"""

from __future__ import annotations

import math
from collections import Counter

import pytest

from benchmarks.ranking import CLASSES, JUDGED, evaluate, load_judged, ndcg_at, recall_at

from .conftest import REPO

# What the engine must keep reaching per class, less a small margin, as measured by
# `python benchmarks/ranking.py` (reformkit: literal 0.976 / 0.972, phrased 0.814 / 0.781,
# people-dev 0.890 / 0.881, people-holdout 0.713 / 0.717; grep's file order 0.958 / 0.965 on the
# literal class and 0.030 / 0.016 or nothing on the others). Raise them when the ranking improves.
# The holdout half is checked in aggregate only: no query of it is ever named here.
FLOOR_NDCG = 0.97
FLOOR_RECALL = 0.97
FLOORS = {"phrased": (0.80, 0.77), "people-dev": (0.88, 0.87), "people-holdout": (0.70, 0.70)}


def test_judged_set_is_well_formed():
    judged = load_judged()
    library = {path.stem for path in (REPO / "cases").glob("*.yaml")}
    assert len(judged) >= 30
    texts = [query.text for query in judged]
    assert len(set(texts)) == len(texts), "a query is judged twice"
    for query in judged:
        assert query.words, f"{query.text!r} has no search word"
        assert query.relevant, f"{query.text!r} has no relevant case"
        assert set(query.relevant) <= library, f"{query.text!r}: {set(query.relevant) - library}"
        assert set(query.relevant.values()) <= {1, 2}, f"{query.text!r} has a grade other than 1 or 2"
        assert query.query_class in CLASSES, f"{query.text!r} has class {query.query_class!r}"
    groups = Counter(query.group for query in judged)
    assert groups["literal"] >= 30
    assert groups["phrased"] * 3 >= len(judged), "phrased queries are fewer than a third of the set"
    assert groups["people-dev"] + groups["people-holdout"] >= 40
    assert groups["people-dev"] == groups["people-holdout"], "the people halves differ in size"


def test_loader_reads_class_and_half(tmp_path):
    judged = tmp_path / "judged.toml"
    judged.write_text(
        '[[query]]\ntext = "a"\nrelevant = { x = 2 }\n\n'
        '[[query]]\ntext = "b"\nclass = "phrased"\nrelevant = { x = 1 }\n\n'
        '[[query]]\ntext = "c"\nclass = "people"\nhalf = "holdout"\nrelevant = { x = 2 }\n',
        encoding="utf-8",
    )
    a, b, c = load_judged(judged)
    assert (a.query_class, a.half, a.group) == ("literal", None, "literal")  # no class: literal
    assert (b.query_class, b.half, b.group) == ("phrased", None, "phrased")
    assert (c.query_class, c.half, c.group) == ("people", "holdout", "people-holdout")


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ('class = "slang"', "class 'slang' is not one of"),
        ('class = "people"', "a people query needs half"),
        ('class = "people"\nhalf = "test"', "a people query needs half"),
        ('class = "phrased"\nhalf = "dev"', "only a people query has a half"),
    ],
)
def test_loader_refuses_a_bad_class_or_half(tmp_path, fields, message):
    judged = tmp_path / "judged.toml"
    judged.write_text(f'[[query]]\ntext = "q"\n{fields}\nrelevant = {{ x = 2 }}\n', encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        load_judged(judged)


def test_ndcg_by_hand():
    relevant = {"a": 2, "b": 1, "c": 1}
    # ranks 1..5: x (0), b (1), a (2), y (0), c (1); ideal order: 2, 1, 1
    dcg = 1 / math.log2(3) + 2 / math.log2(4) + 1 / math.log2(6)
    ideal = 2 / math.log2(2) + 1 / math.log2(3) + 1 / math.log2(4)
    assert ndcg_at(["x", "b", "a", "y", "c"], relevant) == pytest.approx(dcg / ideal)
    assert dcg / ideal == pytest.approx(0.644468, abs=1e-6)
    assert ndcg_at(["a", "b", "c"], relevant) == 1.0
    assert ndcg_at(["a", "c", "b", "x"], relevant) == 1.0  # equal grades may swap
    assert ndcg_at([], relevant) == 0.0
    # only the first five count: c at rank 6 adds nothing
    assert ndcg_at(["x", "y", "z", "w", "v", "c"], relevant) == 0.0
    assert ndcg_at(["b"], {"b": 1}) == 1.0


def test_recall_by_hand():
    relevant = {"a": 2, "b": 1, "c": 1, "d": 1}
    ranked = ["a", "x1", "b", "x2", "x3", "x4", "x5", "x6", "x7", "c", "d"]
    assert recall_at(ranked, relevant) == 0.75  # d is eleventh
    assert recall_at(ranked, relevant, k=3) == 0.5
    assert recall_at([], relevant) == 0.0
    assert recall_at(["d", "c", "b", "a"], relevant) == 1.0


def test_reformkit_ranking_on_the_literal_queries(invoke, monkeypatch):
    monkeypatch.chdir(REPO)

    def rank(words):
        result = invoke("search", *words, "--format", "ids")
        assert result.exit_code in (0, 1), f"search {' '.join(words)}: {result.stderr}"
        return result.stdout.split()

    literal = [query for query in load_judged(JUDGED) if query.query_class == "literal"]
    summary = evaluate(literal, rank)
    assert summary.nothing_found == [], "no hit for a literal query"
    figures = f"nDCG@5 {summary.ndcg:.3f}, recall@10 {summary.recall:.3f}"
    assert summary.ndcg >= FLOOR_NDCG, figures
    assert summary.recall >= FLOOR_RECALL, figures


@pytest.mark.slow
@pytest.mark.parametrize("group", list(FLOORS))
def test_reformkit_ranking_per_class(invoke, monkeypatch, group):
    monkeypatch.chdir(REPO)

    def rank(words):
        result = invoke("search", *words, "--format", "ids")
        assert result.exit_code in (0, 1), f"a {group} query exited {result.exit_code}"
        return result.stdout.split() if result.exit_code == 0 else []

    summary = evaluate([query for query in load_judged(JUDGED) if query.group == group], rank)
    floor_ndcg, floor_recall = FLOORS[group]
    figures = f"{group}: nDCG@5 {summary.ndcg:.3f}, recall@10 {summary.recall:.3f}"
    assert summary.ndcg >= floor_ndcg, figures
    assert summary.recall >= floor_recall, figures
