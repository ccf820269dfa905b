"""Import each seed document and score the drafts against the curated library.

For each document in sources/ the cases citing it give the program, batch and first number;
``reformkit.importing.drafts.draft_cases`` drafts the document, and each draft is compared
with the curated case of the same id:

- cases: drafts whose title equals the curated title exactly (after the library's own text
  conventions, which the importer applies: simplified characters, full-width punctuation);
- passages: drafts whose source.lines equal the curated ones;
- practices / outcomes: curated practice (outcome) titles that a draft item title equals
  (letters and digits compared, punctuation aside);
- figures: every stated number of a metric as (field, |number|, unit), the unit without a
  leading 个 and none for change_pct, before and before_max in ``before_unit`` where the metric
  gives one (由3至10天压缩至6小时: the before is in 天); recall = matched / curated, precision =
  matched / drafted. Figures a draft lists under ``unrecorded:`` are not drafted metrics.

Usage: python benchmarks/importing.py [LIBRARY_ROOT]   (prints the table, then per case the figures
missed and those drafted beyond the curated metrics)
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

FIELDS = ("value", "before", "after", "change", "change_pct", "value_max", "before_max", "after_max", "change_max", "change_pct_max")


@dataclass
class Score:
    cases: int = 0
    titles: int = 0
    passages: int = 0
    practices: int = 0
    practices_found: int = 0
    outcomes: int = 0
    outcomes_found: int = 0
    figures: int = 0
    drafted: int = 0
    matched: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in ("cases", "titles", "passages", "practices", "practices_found", "outcomes", "outcomes_found", "figures", "drafted", "matched"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.misses += other.misses

    def row(self, name: str) -> str:
        def ratio(a: int, b: int) -> str:
            return f"{a / b:.2f}" if b else "-"

        return (
            f"| {name} | {self.titles}/{self.cases} | {self.passages}/{self.cases} | "
            f"{self.practices_found}/{self.practices} ({ratio(self.practices_found, self.practices)}) | "
            f"{self.outcomes_found}/{self.outcomes} ({ratio(self.outcomes_found, self.outcomes)}) | "
            f"{ratio(self.matched, self.figures)} | {ratio(self.matched, self.drafted)} |"
        )


def figures_of(case: dict[str, Any]) -> Counter[tuple[str, float, str]]:
    found: Counter[tuple[str, float, str]] = Counter()
    for metric in case.get("metrics") or []:
        for name in FIELDS:
            if isinstance(metric.get(name), (int, float)):
                unit = "" if name.startswith("change_pct") else _unit_of(metric, name)
                found[(name, round(abs(float(metric[name])), 6), unit)] += 1
    return found


def _unit_of(metric: dict[str, Any], name: str) -> str:
    """The unit a field is stated in: before_unit for before and before_max where it is given."""
    unit = str(metric.get("before_unit") if name.startswith("before") and metric.get("before_unit") else metric.get("unit", ""))
    unit = unit.replace("％", "%")
    return unit[1:] if unit.startswith("个") and len(unit) > 2 else unit


def score_document(root: Path, document: str, curated: list[dict[str, Any]]) -> Score:
    from reformkit.importing.documents import read_lines
    from reformkit.importing.drafts import draft_cases
    from reformkit.text.passage import squeeze

    curated.sort(key=lambda c: c.get("number", 0))
    head = curated[0]
    drafts = {d.case["id"]: d.case for d in draft_cases(read_lines(root / "sources" / document), document, head["program"], head.get("batch"), head.get("number", 1))}
    score = Score()
    for case in curated:
        draft = drafts.get(case["id"], {})
        score.cases += 1
        if draft.get("title") == case["title"]:
            score.titles += 1
        else:
            score.misses.append(f"{case['id']}: title {draft.get('title')!r} (curated {case['title']!r})")
        score.passages += draft.get("source", {}).get("lines") == case["source"].get("lines")
        for group, total, found in (("practices", "practices", "practices_found"), ("outcomes", "outcomes", "outcomes_found")):
            drafted = {squeeze(item["title"]) for item in draft.get(group) or []}
            for item in case.get(group) or []:
                setattr(score, total, getattr(score, total) + 1)
                if squeeze(item["title"]) in drafted:
                    setattr(score, found, getattr(score, found) + 1)
        want, got = figures_of(case), figures_of(draft)
        score.figures += sum(want.values())
        score.drafted += sum(got.values())
        score.matched += sum((want & got).values())
        missed, extra = want - got, got - want
        if missed:
            score.misses.append(f"{case['id']}: figures missed {sorted(missed.elements())}")
        if extra:
            score.misses.append(f"{case['id']}: figures drafted that no curated metric states {sorted(extra.elements())}")
    return score


def run(root: Path) -> tuple[dict[str, Score], Score]:
    by_document: dict[str, list[dict[str, Any]]] = {}
    for path in sorted((root / "cases").glob("*.yaml")):
        case = yaml.safe_load(path.read_text("utf-8"))
        document = case.get("source", {}).get("document")
        if document:
            by_document.setdefault(document, []).append(case)
    scores = {document: score_document(root, document, cases) for document, cases in sorted(by_document.items())}
    total = Score()
    for score in scores.values():
        total.add(score)
    return scores, total


def main() -> int:
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent
    scores, total = run(root)
    print("| seed | exact titles | passages | practice titles | outcome titles | figure recall | figure precision |")
    print("|---|---|---|---|---|---|---|")
    for document, score in scores.items():
        print(score.row(document.split("_")[0]))
    print(total.row("total"))
    print("\nMisses:")
    for miss in total.misses:
        print(f"- {miss}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
