"""Cross-check the case library against its source documents (a maintainer's aid).

For every case whose source names a document in the seeds folder, confirm that each metric
figure occurs in that document as a number (after folding traditional characters and
removing emphasis markers), and that titles and practice titles occur in its text.

Usage: python tools/check_figures.py SEEDS_DIR [CASES_DIR]
"""

from __future__ import annotations

import contextlib
import re
import sys
from pathlib import Path

import yaml

FIGURES = (
    "value",
    "before",
    "after",
    "change",
    "change_pct",
    "value_max",
    "before_max",
    "after_max",
    "change_max",
    "change_pct_max",
)


def normalise(text: str) -> str:
    try:
        import opencc

        text = opencc.OpenCC("t2s").convert(text)
    except ImportError:
        pass
    text = re.sub(r"\([a-zǖ́ǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]+\)", "", text)  # pinyin glosses
    return text.replace("**", "").replace(" ", "")


def numbers_in(text: str) -> set[str]:
    found = set()
    for match in re.finditer(r"\d+(?:\.\d+)?", text.replace(",", "")):
        raw = match.group()
        found.add(raw)
        with contextlib.suppress(ValueError):
            found.add(repr(float(raw)).removesuffix(".0"))
    return found


def main() -> int:
    seeds = Path(sys.argv[1])
    cases = Path(sys.argv[2]) if len(sys.argv) > 2 else Path("cases")
    texts: dict[str, str] = {}
    missing = 0
    checked = 0
    for path in sorted(cases.glob("*.yaml")):
        case = yaml.safe_load(path.read_text("utf-8"))
        document = case.get("source", {}).get("document")
        if not document:
            continue
        if document not in texts:
            texts[document] = normalise((seeds / document).read_text("utf-8"))
        text = texts[document]
        numbers = numbers_in(text)
        for index, metric in enumerate(case.get("metrics", [])):
            for field in FIGURES:
                if field not in metric:
                    continue
                value = metric[field]
                shown = repr(abs(float(value))).removesuffix(".0")
                checked += 1
                if shown not in numbers:
                    missing += 1
                    print(
                        f"{path}: metrics[{index}].{field} = {value} ({metric['label']}) not found in {document}"
                    )
        for title in [case["title"]] + [p["title"] for p in case.get("practices", [])]:
            probe = title.replace(" ", "")[:12]
            if probe not in text:
                print(f"{path}: title text {probe!r} not found verbatim in {document}")
    print(f"{checked} figures checked, {missing} not found")
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
