"""Draft case objects from a document: one per case ``structure`` finds.

Each draft holds the title, subtitle and lead agencies as printed, the summary (the text
before the first section), practices and outcomes (a list marker starts an item: its title is
the marked line's first sentence, its detail the rest), every figure the figure reader finds
as a metric (roles, hedges and signs as stated, nothing computed), ``source.document`` and
``source.lines``, and a ``draft`` marker. Text is converted as the library writes it:
traditional characters to simplified, pinyin glosses and emphasis markers dropped, half-width
punctuation in Chinese text restored to full width. What the importer was unsure of is kept
per case (``Draft.unsure``) for the report on stderr.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from reformkit.importing.documents import clean
from reformkit.importing.metrics import draft_metrics
from reformkit.importing.structure import CN, Found, find_cases, heading_word, is_heading, section_before

DRAFT_MARKER = "由 reformkit import 起草：请逐项对照来源核对后删除此行"
OUTCOME_HEADINGS = ("实践效果", "取得成效", "亮点与成效", "亮点及成效", "数据", "主要成效", "工作成效")
#: An unmarked outcome line up to this long is an outcome of its own (an infographic's lines).
SHORT_LINE = 120
#: A section of planned work (二、下步工作重点): its cases' figures are targets.
_PLANNED_SECTION = re.compile(r"下步|下一步|工作计划|工作打算|展望")
_ITEM = re.compile(rf"^\s*(?:[(（][{CN}\d]+[)）]|\d{{1,2}}[.．、](?!\d)|[{CN}]+是)\s*")
_INLINE = re.compile(rf"(?<=[。；;:：])\s*(?=[{CN}]+是)")

@dataclass
class Draft:
    """One drafted case, and what the importer was unsure of in it."""

    case: dict[str, Any]
    unsure: list[str] = field(default_factory=list)


def draft_cases(
    lines: list[str], document: str, program: str, batch: int | None, first_number: int
) -> list[Draft]:
    """Drafts of every case the document holds, numbered from ``first_number`` in order."""
    return [
        _draft(lines, found, (document, program, batch, first_number + offset))
        for offset, found in enumerate(find_cases(lines))
    ]


def _draft(lines: list[str], found: Found, where: tuple[str, str, int | None, int]) -> Draft:
    from reformkit.rules.case import build_id

    document, program, batch, number = where
    summary, practices, outcomes = _sections(_body_lines(lines, found))
    case: dict[str, Any] = {"id": build_id(program, batch, number), "title": clean(found.title)}
    if found.subtitle:
        case["subtitle"] = clean(found.subtitle)
    case["program"] = program
    if batch is not None:
        case["batch"] = batch
    case["number"] = number
    case["agencies"] = [clean(a) for a in found.agencies]
    if summary:
        case["summary"] = summary
    case["practices"] = practices or [{"title": case["title"]}]
    case["outcomes"] = outcomes
    unsure = list(found.guessed)
    if not practices:
        unsure.append("no practices found: the title stands in for one")
    planned = bool(_PLANNED_SECTION.search(section_before(lines, found.first)))
    case["metrics"], unrecorded, figure_notes = draft_metrics(
        "\n".join(lines[found.first - 1 : found.last]), found.first, found.head_end - found.first + 1, planned
    )
    if unrecorded:
        case["unrecorded"] = unrecorded
    unsure += figure_notes
    source: dict[str, Any] = {"document": document, "lines": [found.first, found.last]}
    if found.title_line:
        source["title_line"] = found.title_line
    case["source"] = source
    case["draft"] = DRAFT_MARKER
    return Draft(case, unsure)


def _body_lines(lines: list[str], found: Found) -> list[str]:
    body = [line for line in lines[found.head_end : found.last] if line.strip()]
    if found.head_end == found.first and not found.subtitle:
        # the title is the first sentence of the case's own line: its rest is the body
        _, _, rest = lines[found.first - 1].partition("。")
        if rest.strip():
            body.insert(0, rest)
    return body


def _sections(body: list[str]) -> tuple[str, list[dict[str, str]], list[dict[str, str]]]:
    """(summary, practices, outcomes) from the body's headings and list markers."""
    summary: list[str] = []
    groups: dict[str, list[dict[str, str]]] = {"practices": [], "outcomes": []}
    current = ""
    marked_seen = False
    for raw in body:
        if is_heading(raw):
            marked_seen = False
            bare = heading_word(raw)
            current = "outcomes" if bare in OUTCOME_HEADINGS else "practices" if bare == "主要做法" else "skip"
            continue
        if current == "skip":
            continue
        for piece in (p.strip() for p in _INLINE.split(raw)):
            if not piece:
                continue
            marked = _ITEM.match(piece)
            if not current and not marked and not groups["practices"] and not summary:
                summary.append(piece)
                continue
            marked_seen = marked_seen or bool(marked)
            # under a heading with no list markers, each short line is an item of its own
            alone = current == "outcomes" and not marked_seen and len(piece) <= SHORT_LINE
            _add(groups[current or "practices"], piece, bool(marked) or alone)
    return clean("".join(summary)), groups["practices"], groups["outcomes"]


def _add(items: list[dict[str, str]], piece: str, marked: bool) -> None:
    if marked or not items:
        title, _, detail = _ITEM.sub("", piece, count=1).partition("。")
        item = {"title": clean(title)}
        if detail.strip():
            item["detail"] = clean(detail)
        items.append(item)
        return
    joined = items[-1].get("detail", "")
    glue = "；" if joined and not joined.endswith("。") else ""
    items[-1]["detail"] = clean(joined + glue + piece)
