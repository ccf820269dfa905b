"""Check thesaurus.toml against the bundled case library (a maintainer's aid).

Prints every phrase target that occurs in no case, every tag key that no case uses,
and every phrase that already occurs verbatim in each case its targets point to (such
an entry bridges nothing). Exits 1 if it printed anything.

Usage: python tools/check_thesaurus.py [THESAURUS [CASES_DIR]]
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# `tags: [a, b]` (flow list) or `tags:` followed by `  - a` lines (block list)
FLOW_TAGS = re.compile(r"^tags:\s*\[(.*)\]\s*$", re.MULTILINE)
BLOCK_TAGS = re.compile(r"^tags:\s*\n((?:[ \t]+-[^\n]*\n?)+)", re.MULTILINE)


def case_tags(text: str) -> set[str]:
    """The tags one case file uses (stdlib only: read from the YAML text)."""
    tags: set[str] = set()
    for match in FLOW_TAGS.finditer(text):
        tags.update(t.strip().strip("'\"") for t in match.group(1).split(",") if t.strip())
    for match in BLOCK_TAGS.finditer(text):
        for line in match.group(1).splitlines():
            tags.add(line.strip().removeprefix("-").strip().strip("'\""))
    return tags


def check(thesaurus: Path, cases_dir: Path) -> list[str]:
    """Every problem found, one line each."""
    with thesaurus.open("rb") as f:
        data = tomllib.load(f)
    section = data.get("thesaurus", data)
    phrases: dict[str, list[str]] = section.get("phrases", {})
    tag_names: dict[str, list[str]] = section.get("tags", {})
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted(cases_dir.glob("*.yaml"))}
    used_tags = set().union(*(case_tags(t) for t in texts.values()))

    def cases_with(word: str) -> set[str]:
        return {name for name, text in texts.items() if word in text}

    problems: list[str] = []
    for phrase, targets in phrases.items():
        for target in targets:
            if not cases_with(target):
                problems.append(f"target in no case: {phrase!r} -> {target!r}")
        pointed = set().union(*(cases_with(t) for t in targets))
        if pointed and pointed <= cases_with(phrase):
            problems.append(f"phrase already in every case it points to: {phrase!r}")
    for tag in tag_names:
        if tag not in used_tags:
            problems.append(f"tag key no case uses: {tag!r}")
    return problems


def main(argv: list[str]) -> int:
    thesaurus = Path(argv[0]) if argv else ROOT / "thesaurus.toml"
    cases_dir = Path(argv[1]) if len(argv) > 1 else ROOT / "cases"
    problems = check(thesaurus, cases_dir)
    for line in problems:
        print(line)
    with thesaurus.open("rb") as f:
        section = tomllib.load(f).get("thesaurus", {})
    print(
        f"{len(section.get('phrases', {}))} phrases, {len(section.get('tags', {}))} tags, "
        f"{len(problems)} problem(s)"
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
