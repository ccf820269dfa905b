"""Find each case's passage in its source document and write it as ``source.lines``.

A case's passage runs from the line where its title starts to the line before the next case
of the same document starts (section headings, bare case numbers and blank lines between are
left out; the last case ends at the document's text, before trailing page furniture). Seed
003 prints its titles in a table of contents and its bodies after it, in the same order: the
k-th body (from the k-th "一、主要做法") is the k-th case, and ``source.title_line`` names the
contents line holding its title.

Usage: python tools/source_lines.py [CASES_DIR [SOURCES_DIR]]   (then `reformkit fmt`)
Prints each case's passage; rewrites a case file only when its lines differ.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

from reformkit.text.passage import squeeze

HEADING = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+、|\d+\s*$|您访问的链接|是否继续|优化营商环境示范案例\d+\s*$|image\.png|分享编辑|分享編輯)"
)
BODY_START = re.compile(r"^\s*一、主要做法")


def squeezed_with_lines(lines: list[str]) -> tuple[str, list[int]]:
    text, owner = [], []
    for number, line in enumerate(lines, 1):
        piece = squeeze(line)
        text.append(piece)
        owner.extend([number] * len(piece))
    return "".join(text), owner


def trim(lines: list[str], first: int, last: int) -> int:
    while last > first and (not lines[last - 1].strip() or HEADING.match(lines[last - 1])):
        last -= 1
    return last


def passages(cases: list[tuple[Path, dict]], lines: list[str]) -> dict[Path, tuple[int, int, int | None]]:
    if sum(1 for line in lines if BODY_START.match(line)) == len(cases) and all(
        "案例" in line for line in lines[2 : 2 + len(cases)]
    ):
        return toc_passages(cases, lines)
    text, owner = squeezed_with_lines(lines)
    starts: list[tuple[Path, int]] = []
    offset = 0
    for path, case in cases:
        found = text.find(squeeze(case["title"]), offset)
        if found < 0:
            raise SystemExit(f"{path}: title not found after offset {offset}")
        starts.append((path, owner[found]))
        offset = found + 1
    result = {}
    end_of_text = len(lines)
    blank_run = 0
    for number, line in enumerate(lines, 1):
        blank_run = blank_run + 1 if not line.strip() else 0
        if blank_run >= 3 and number > starts[-1][1]:
            end_of_text = number - blank_run
            break
    for index, (path, first) in enumerate(starts):
        nxt = starts[index + 1][1] - 1 if index + 1 < len(starts) else end_of_text
        result[path] = (first, trim(lines, first, nxt), None)
    return result


def toc_passages(cases: list[tuple[Path, dict]], lines: list[str]) -> dict[Path, tuple[int, int, int | None]]:
    bodies = [number for number, line in enumerate(lines, 1) if BODY_START.match(line)]
    result = {}
    for index, (path, case) in enumerate(cases):
        title_line = next(n for n, line in enumerate(lines, 1) if squeeze(case["title"]) in squeeze(line))
        last = bodies[index + 1] - 1 if index + 1 < len(bodies) else len(lines)
        result[path] = (bodies[index], trim(lines, bodies[index], last), title_line)
    return result


def write(path: Path, first: int, last: int, title_line: int | None) -> bool:
    text = path.read_text("utf-8")
    kept = [line for line in text.split("\n") if not re.match(r"^  (lines|title_line):", line)]
    at = kept.index("source:") + 1
    while at < len(kept) and kept[at].startswith("  "):
        at += 1
    added = [f"  lines: [{first}, {last}]"] + ([f"  title_line: {title_line}"] if title_line else [])
    new = "\n".join(kept[:at] + added + kept[at:])
    if new == text:
        return False
    path.write_text(new, "utf-8")
    return True


def main() -> int:
    cases_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("cases")
    sources = Path(sys.argv[2]) if len(sys.argv) > 2 else cases_dir.parent / "sources"
    by_document: dict[str, list[tuple[Path, dict]]] = {}
    for path in sorted(cases_dir.glob("*.yaml")):
        case = yaml.safe_load(path.read_text("utf-8"))
        document = case.get("source", {}).get("document")
        if document:
            by_document.setdefault(document, []).append((path, case))
    for document, cases in sorted(by_document.items()):
        cases.sort(key=lambda pc: pc[1].get("number", 0))
        lines = (sources / document).read_text("utf-8").split("\n")
        for path, (first, last, title_line) in passages(cases, lines).items():
            changed = write(path, first, last, title_line)
            print(
                f"{path.stem}\t{document}:{first}-{last}"
                + (f" title {title_line}" if title_line else "")
                + (" (written)" if changed else "")
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
