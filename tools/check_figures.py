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
import unicodedata
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

# A pinyin gloss after a character, as seed 000 prints them: 貿(mào), 產(chǎn), 發(fā).
# Every tone mark of every vowel (precomposed, or as a combining mark after NFC fails to
# compose it), ü, and the syllabic nasals ń ň ǹ ḿ.
PINYIN_GLOSS = re.compile("\\((?:[a-zü" + "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ" + "]|[\u0300-\u036f])+\\)")

# The seeds came width-folded; the library restored full-width punctuation in Chinese text.
HALF_WIDTH = str.maketrans("，；：（）？！", ",;:()?!")


def normalise(text: str) -> str:
    try:
        import opencc

        text = opencc.OpenCC("t2s").convert(text)
    except ImportError:
        pass
    text = PINYIN_GLOSS.sub("", unicodedata.normalize("NFC", text))
    return text.replace("**", "").replace(" ", "")


def numbers_in(text: str) -> set[str]:
    found = set()
    for match in re.finditer(r"\d+(?:\.\d+)?", text.replace(",", "")):
        raw = match.group()
        found.add(raw)
        with contextlib.suppress(ValueError):
            found.add(repr(float(raw)).removesuffix(".0"))
    return found


def title_found(probe: str, text: str, stacked: str) -> bool:
    """Whether a title's opening occurs in the document, verbatim or as stacked lines.

    Seed 000 (an infographic) prints a title's parts on separate lines (社保、医保服务 /
    一体经办 / 一网通办), which the library joins with 、; ``stacked`` is the text without
    line breaks and 、.
    """
    return probe in text or probe.replace("、", "") in stacked


def main() -> int:
    seeds = Path(sys.argv[1])
    cases = Path(sys.argv[2]) if len(sys.argv) > 2 else Path("cases")
    texts: dict[str, str] = {}
    stacked: dict[str, str] = {}
    missing = 0
    checked = 0
    titles = 0
    titles_missing = 0
    for path in sorted(cases.glob("*.yaml")):
        case = yaml.safe_load(path.read_text("utf-8"))
        document = case.get("source", {}).get("document")
        if not document:
            continue
        if document not in texts:
            texts[document] = normalise((seeds / document).read_text("utf-8"))
            stacked[document] = re.sub(r"\s+", "", texts[document]).replace("、", "")
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
            probe = title.replace(" ", "").translate(HALF_WIDTH)[:12]
            titles += 1
            if not title_found(probe, text, stacked[document]):
                titles_missing += 1
                print(f"{path}: title text {probe!r} not found verbatim in {document}")
    print(
        f"{checked} figures checked, {missing} not found; {titles} titles checked, {titles_missing} not found"
    )
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
