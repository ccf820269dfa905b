"""Measure search ranking on judged staff queries: reformkit, reformkit --exact and grep's file order.

The judged set is tests/data/judged_queries.toml: staff-style queries over the bundled library,
each with its relevant cases graded 2 (the case is about it) or 1 (the case substantially
covers it), written from reading the cases. Each query has a class, how it is worded: literal
(terms the cases write), phrased (the cases' words, not together as typed) or people (everyday
phrasing the cases never write), the people queries split into a dev and a holdout half. For
every query this script

- runs ``reformkit search WORD... --format ids`` from the repository root (the query text split
  on spaces; exit 1 means no hits),
- runs the same with ``--exact`` (no pinyin, initials or homophone matches), and
- ranks the files of cases/ the way ``grep -c`` would: ``grep -c -F WORD cases/*.yaml`` for each
  word, keeping the files that contain every word, ordered by the total number of matching
  lines (ties by file name),

then prints, for each class (literal, phrased, people-dev, people-holdout) and for all queries,
each ranker's mean nDCG@5 (gain = grade, discount log2(rank + 1), ideal DCG from the
judgments), mean recall@10 (share of the relevant cases, any grade, among the first ten) and
for how many queries it finds nothing. The searches are warm runs: reformkit uses its ordinary
cache.

Usage, from the repository root:

    python benchmarks/ranking.py                    # the per-class table
    python benchmarks/ranking.py --verbose          # one row a query first (not the holdout's)
    python benchmarks/ranking.py --json             # the figures as JSON ("classes": per class)
    python benchmarks/ranking.py --reformkit "python -m reformkit"   # another executable

``--reformkit`` defaults to the ``reformkit`` beside this Python (a virtual environment's), else
the one on PATH. tests/test_ranking.py imports the loader and the metrics from here and holds
reformkit's figures to a floor.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shlex
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
JUDGED = REPO / "tests" / "data" / "judged_queries.toml"
CASES = REPO / "cases"
NDCG_K = 5
RECALL_K = 10

CLASSES = ("literal", "phrased", "people")  # the values of a query's `class`
HALVES = ("dev", "holdout")  # the values of a people query's `half`
GROUPS = ("literal", "phrased", "people-dev", "people-holdout")  # what the table reports, then "all"
ALL = "all"

Ranker = Callable[[Sequence[str]], list[str]]


@dataclass(frozen=True)
class Judged:
    """One judged query: its text, the grade of each relevant case id, why, and its class."""

    text: str
    relevant: dict[str, int]
    why: str = ""
    query_class: str = "literal"  # the file's `class`: literal, phrased or people
    half: str | None = None  # a people query's half: dev or holdout

    @property
    def words(self) -> list[str]:
        """The search words: the text split on spaces."""
        return self.text.split()

    @property
    def group(self) -> str:
        """The row of the per-class table: literal, phrased, people-dev or people-holdout."""
        return f"{self.query_class}-{self.half}" if self.half else self.query_class


@dataclass(frozen=True)
class Score:
    """One engine's figures for one query."""

    text: str
    ndcg: float
    recall: float
    hits: int
    group: str = "literal"


@dataclass(frozen=True)
class Summary:
    """One engine's figures over the judged set, or over part of it."""

    scores: list[Score]

    def only(self, group: str) -> Summary:
        """The figures of one group of queries (``all``: every query)."""
        return self if group == ALL else Summary([s for s in self.scores if s.group == group])

    @property
    def ndcg(self) -> float:
        """Mean nDCG@5."""
        return sum(s.ndcg for s in self.scores) / len(self.scores)

    @property
    def recall(self) -> float:
        """Mean recall@10."""
        return sum(s.recall for s in self.scores) / len(self.scores)

    @property
    def nothing_found(self) -> list[str]:
        """The queries with no hit at all."""
        return [s.text for s in self.scores if s.hits == 0]


def load_judged(path: Path = JUDGED) -> list[Judged]:
    """The judged queries of a TOML file of ``[[query]]`` tables, in file order.

    A query without ``class`` is literal; a people query must have ``half``, and no other may.
    """
    with path.open("rb") as file:
        data = tomllib.load(file)
    return [judged_entry(entry) for entry in data["query"]]


def judged_entry(entry: Mapping[str, Any]) -> Judged:
    """One ``[[query]]`` table as a Judged query; ValueError for an unknown class or half."""
    text = entry["text"]
    query_class = entry.get("class", "literal")
    half = entry.get("half")
    if query_class not in CLASSES:
        raise ValueError(f"{text!r}: class {query_class!r} is not one of {', '.join(CLASSES)}")
    if query_class == "people" and half not in HALVES:
        raise ValueError(f"{text!r}: a people query needs half = {' or '.join(map(repr, HALVES))}")
    if query_class != "people" and half is not None:
        raise ValueError(f"{text!r}: only a people query has a half")
    return Judged(
        text=text,
        relevant=dict(entry["relevant"]),
        why=entry.get("why", ""),
        query_class=query_class,
        half=half,
    )


def dcg(gains: Sequence[float]) -> float:
    """Discounted cumulative gain: the gain at rank r (from 1) divided by log2(r + 1)."""
    return sum(gain / math.log2(rank + 1) for rank, gain in enumerate(gains, start=1))


def ndcg_at(ranked: Sequence[str], relevant: Mapping[str, int], k: int = NDCG_K) -> float:
    """nDCG@k of a ranking: its DCG over the first k ids, divided by the ideal order's."""
    ideal = dcg(sorted(relevant.values(), reverse=True)[:k])
    if ideal == 0:
        return 0.0
    return dcg([relevant.get(case_id, 0) for case_id in ranked[:k]]) / ideal


def recall_at(ranked: Sequence[str], relevant: Mapping[str, int], k: int = RECALL_K) -> float:
    """Share of the relevant ids (any grade) among the first k of the ranking."""
    if not relevant:
        return 0.0
    return len(set(ranked[:k]) & relevant.keys()) / len(relevant)


def evaluate(judged: Sequence[Judged], rank: Ranker) -> Summary:
    """Rank every judged query's words with ``rank`` and score the result."""
    scores = []
    for query in judged:
        ranked = rank(query.words)
        scores.append(
            Score(
                text=query.text,
                ndcg=ndcg_at(ranked, query.relevant),
                recall=recall_at(ranked, query.relevant),
                hits=len(ranked),
                group=query.group,
            )
        )
    return Summary(scores)


def reformkit_ranker(command: Sequence[str], cwd: Path = REPO, exact: bool = False) -> Ranker:
    """Rank with ``COMMAND search WORD... --format ids`` run in ``cwd`` (exit 1: no hits).

    ``exact`` adds ``--exact``: the text as typed only, no pinyin, initials or homophones.
    """
    env = {k: v for k, v in os.environ.items() if k not in ("REFORMKIT_CONFIG", "REFORMKIT_CASES_DIR")}
    options = ["--exact"] if exact else []

    def rank(words: Sequence[str]) -> list[str]:
        argv = [*command, "search", *words, *options, "--format", "ids"]
        done = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8")
        if done.returncode == 1:
            return []
        if done.returncode != 0:
            raise RuntimeError(f"{shlex.join(argv)} exited {done.returncode}: {done.stderr.strip()}")
        return done.stdout.split()

    return rank


def grep_ranker(cases: Path = CASES) -> Ranker:
    """Rank the case files by ``grep -c -F``: every word present, most matching lines first."""
    files = sorted(path.name for path in cases.glob("*.yaml"))
    env = {**os.environ, "LC_ALL": "C"}

    def counts(word: str) -> dict[str, int]:
        argv = ["grep", "-c", "-F", "-e", word, "--", *files]
        done = subprocess.run(argv, cwd=cases, env=env, capture_output=True, text=True, encoding="utf-8")
        if done.returncode not in (0, 1):
            raise RuntimeError(f"{shlex.join(argv)} exited {done.returncode}: {done.stderr.strip()}")
        found = {}
        for line in done.stdout.splitlines():
            name, _, count = line.rpartition(":")
            found[name] = int(count)
        return found

    def rank(words: Sequence[str]) -> list[str]:
        per_word = [counts(word) for word in words]
        matching = [name for name in files if all(found.get(name, 0) > 0 for found in per_word)]
        matching.sort(key=lambda name: (-sum(found[name] for found in per_word), name))
        return [name.removesuffix(".yaml") for name in matching]

    return rank


def default_reformkit() -> list[str] | None:
    """The ``reformkit`` beside this Python, else the one on PATH."""
    beside = Path(sys.executable).parent / "reformkit"
    if beside.is_file() and os.access(beside, os.X_OK):
        return [str(beside)]
    found = shutil.which("reformkit")
    return [found] if found else None


def shown_alone(query: Judged) -> bool:
    """Whether a query's own figures may be printed: every query but the holdout half's, which
    is reported only in aggregate (it is kept unread until the thesaurus is done)."""
    return query.half != "holdout"


def figures(summary: Summary) -> dict[str, object]:
    """One engine's means, as JSON-ready data (queries that found nothing named, except the
    holdout half's, which are only counted)."""
    return {
        f"ndcg@{NDCG_K}": round(summary.ndcg, 4),
        f"recall@{RECALL_K}": round(summary.recall, 4),
        "nothing_found": len(summary.nothing_found),
        "nothing_found_queries": [
            s.text for s in summary.scores if s.hits == 0 and s.group != "people-holdout"
        ],
    }


def groups_of(judged: Sequence[Judged]) -> list[str]:
    """The table's rows that have queries, in GROUPS order, then ``all``."""
    present = {query.group for query in judged}
    return [group for group in GROUPS if group in present] + [ALL]


def per_class(judged: Sequence[Judged], results: Mapping[str, Summary]) -> dict[str, dict[str, object]]:
    """Each group's query count and every engine's means over it, as JSON-ready data."""
    table: dict[str, dict[str, object]] = {}
    for group in groups_of(judged):
        parts = {name: summary.only(group) for name, summary in results.items()}
        count = len(next(iter(parts.values())).scores)
        table[group] = {"queries": count, **{name: figures(part) for name, part in parts.items()}}
    return table


def report(judged: Sequence[Judged], results: Mapping[str, Summary], source: Path, verbose: bool) -> str:
    """The plain-text report: per-query rows when verbose, then each engine's means per class.

    The queries an engine finds nothing for are named, except people queries (counted only):
    most of those find nothing by design, and the holdout half is not for reading.
    """
    names = list(results)
    width = max(len(name) for name in names)
    lines = []
    if verbose:
        header = "  ".join(f"{name:>{width}} nDCG  R@10" for name in names)
        lines.append(f"{header}  {'class':<14}  query")
        for i, query in enumerate(judged):
            if not shown_alone(query):
                continue
            cells = "  ".join(
                f"{results[n].scores[i].ndcg:>{width + 5}.3f}  {results[n].scores[i].recall:.2f}"
                for n in names
            )
            lines.append(f"{cells}  {query.group:<14}  {query.text}")
        lines.append("")
    shown = source.resolve().relative_to(REPO) if source.resolve().is_relative_to(REPO) else source
    lines.append(f"{len(judged)} judged queries ({shown})")
    lines.append(
        f"{'class':<14}  queries  {'ranker':<{width}}  nDCG@{NDCG_K}  recall@{RECALL_K}  found nothing"
    )
    for group in groups_of(judged):
        for n, name in enumerate(names):
            part = results[name].only(group)
            label = f"{group:<14}  {len(part.scores):>7}" if n == 0 else " " * 23
            lines.append(
                f"{label}  {name:<{width}}  {part.ndcg:>6.3f}  {part.recall:>9.3f}  {len(part.nothing_found):>13}"
            )
    for name in names:
        named = [s.text for s in results[name].scores if s.hits == 0 and not s.group.startswith("people")]
        if named:
            lines.append(f"{name} finds nothing for: {', '.join(named)}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the three rankers over the judged set and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reformkit", metavar="CMD", help="reformkit command to run (split like a shell)")
    parser.add_argument("--judged", type=Path, default=JUDGED, help="judged query file (TOML)")
    parser.add_argument("--verbose", action="store_true", help="print one row a query first")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)

    command = shlex.split(args.reformkit) if args.reformkit else default_reformkit()
    if not command:
        parser.error("no reformkit executable found; pass --reformkit CMD")
    try:
        judged = load_judged(args.judged)
    except (OSError, ValueError, KeyError, tomllib.TOMLDecodeError) as error:
        print(f"ranking: {args.judged}: {error}", file=sys.stderr)
        return 2
    try:
        results = {
            "reformkit": evaluate(judged, reformkit_ranker(command)),
            "reformkit --exact": evaluate(judged, reformkit_ranker(command, exact=True)),
            "grep": evaluate(judged, grep_ranker()),
        }
    except (OSError, RuntimeError) as error:
        print(f"ranking: {error}", file=sys.stderr)
        return 2
    if args.json:
        data: dict[str, object] = {
            "queries": len(judged),
            **{name: figures(s) for name, s in results.items()},
            "classes": per_class(judged, results),
        }
        data["per_query"] = [
            {
                "text": query.text,
                "class": query.query_class,
                **({"half": query.half} if query.half else {}),
                **{
                    name: {
                        "ndcg": round(s.scores[i].ndcg, 4),
                        "recall": round(s.scores[i].recall, 4),
                        "hits": s.scores[i].hits,
                    }
                    for name, s in results.items()
                },
            }
            for i, query in enumerate(judged)
            if shown_alone(query)
        ]
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(report(judged, results, args.judged, args.verbose))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # | head: what was written is enough
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
