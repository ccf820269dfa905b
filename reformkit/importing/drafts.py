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
#: A lead-in naming the practices a list then gives (主要做法包含…；…；…等).
_LEAD_IN = re.compile(r"(?:包括|包含)[:：]?")
_CLOSE = ("。", "！", "？", "!", "?")

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
    summary, practices, outcomes = _sections(*_body_lines(lines, found))
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


def _body_lines(lines: list[str], found: Found) -> tuple[list[str], bool]:
    """The case's body lines, and whether the first is the rest of the title's own line."""
    body = [line for line in lines[found.head_end : found.last] if line.strip()]
    if found.head_end == found.first and not found.subtitle:
        # the title is the first sentence of the case's own line: its rest is the body
        _, _, rest = lines[found.first - 1].partition("。")
        if rest.strip():
            body.insert(0, rest)
            return body, True
    return body, False


@dataclass
class _Reading:
    """The body read so far: summary, practices, outcomes, and where the reading is."""

    inline: bool
    summary: list[str] = field(default_factory=list)
    groups: dict[str, list[dict[str, str]]] = field(default_factory=lambda: {"practices": [], "outcomes": []})
    current: str = ""
    marked_seen: bool = False
    outcome_heading: bool = False
    waiting: list[int] = field(default_factory=list)  # listed practices still without a detail
    lead: list[str] = field(default_factory=list)  # unmarked paragraphs opening 主要做法
    marked_practice: bool = False
    closed: bool = False  # the last piece ended a sentence

    def heading(self, raw: str) -> None:
        self.marked_seen = False
        bare = heading_word(raw)
        self.current = "outcomes" if bare in OUTCOME_HEADINGS else "practices" if bare == "主要做法" else "skip"
        self.outcome_heading = self.outcome_heading or self.current == "outcomes"

    def take(self, piece: str) -> None:
        marked = bool(_ITEM.match(piece))
        practices = self.groups["practices"]
        if not self.current and not marked and not practices and not self.summary and not self.inline:
            self.summary.append(piece)
            return
        group = self.current or "practices"
        self.marked_seen = self.marked_seen or marked
        if group == "practices" and not marked:
            listed = _listed(piece)
            if listed:  # 主要做法包含A；B；C等
                self.waiting = [len(practices) + k for k, item in enumerate(listed) if "detail" not in item]
                practices.extend(listed)
                return
            if self.waiting:  # the paragraphs after such a list fill in its items, in order
                practices[self.waiting.pop(0)]["detail"] = clean(piece)
                return
        opening = not marked and not self.marked_seen and self.current == "practices"
        if group == "practices" and opening and (self.lead or not practices):
            self.lead.append(piece)  # the paragraphs that open 主要做法, before its list
        self.marked_practice = self.marked_practice or (marked and group == "practices")
        # under a heading with no list markers, each paragraph or short line is an item of its own
        alone = group == "outcomes" and not self.marked_seen and (len(piece) <= SHORT_LINE or piece.endswith(_CLOSE))
        # after a list, an unmarked paragraph that follows a finished sentence is an item too
        closing = group == "outcomes" and self.marked_seen and self.closed and piece.endswith(_CLOSE)
        _add(self.groups[group], piece, marked or alone or closing)
        self.closed = piece.endswith(_CLOSE)


def _sections(body: list[str], inline: bool) -> tuple[str, list[dict[str, str]], list[dict[str, str]]]:
    """(summary, practices, outcomes) from the body's headings and list markers. Without an
    outcome heading, a sentence that reports as of a date (截至…) is an outcome."""
    reading = _Reading(inline)
    for raw in body:
        if is_heading(raw):
            reading.heading(raw)
        elif reading.current != "skip":
            for piece in (p.strip() for p in _INLINE.split(raw)):
                if piece:
                    reading.take(piece)
    practices, outcomes = reading.groups["practices"], reading.groups["outcomes"]
    if reading.lead and reading.marked_practice and not reading.summary:
        # the paragraph before a 主要做法 list introduces the list: it is the summary
        reading.summary = reading.lead
        del practices[0]
    if not reading.outcome_heading:
        outcomes += _reported(practices)
    return clean("".join(reading.summary)), practices, outcomes


def _listed(piece: str) -> list[dict[str, str]]:
    """The items of a lead-in list (包括A，细节；B；C等): each a title and what follows its comma."""
    lead = _LEAD_IN.search(piece)
    parts = [p.strip() for p in re.split(r"[；;]", piece[lead.end() :].rstrip("。")) if p.strip()] if lead else []
    if len(parts) < 2:
        return []
    parts[-1] = re.sub(r"等+$", "", parts[-1])
    items = []
    for part in parts:
        title, _, detail = _first_clause(part)
        item = {"title": clean(title)}
        if detail.strip():
            item["detail"] = clean(detail)
        items.append(item)
    return items


def _first_clause(part: str) -> tuple[str, str, str]:
    match = re.search(r"[,，]", part)
    return (part[: match.start()], "，", part[match.end() :]) if match else (part, "", "")


def _reported(practices: list[dict[str, str]]) -> list[dict[str, str]]:
    """Sentences of the practices' details that report as of a date (截至目前…), taken out as
    outcomes."""
    outcomes = []
    for item in practices:
        sentences = [s for s in re.split(r"(?<=。)", item.get("detail", "")) if s]
        kept = [s for s in sentences if not s.startswith("截至")]
        outcomes += [{"title": s.rstrip("。")} for s in sentences if s.startswith("截至")]
        if len(kept) != len(sentences):
            if kept:
                item["detail"] = "".join(kept)
            else:
                del item["detail"]
    return outcomes


def _add(items: list[dict[str, str]], piece: str, marked: bool) -> None:
    if marked or not items:
        text = _ITEM.sub("", piece, count=1)
        # an item closed by ； is a clause of one list sentence: its first clause names it
        clause = text.rstrip().endswith(("；", ";")) and "。" not in text
        title, _, detail = _first_clause(text.rstrip("；;")) if clause else text.partition("。")
        item = {"title": clean(title)}
        if detail.strip():
            item["detail"] = clean(detail)
        items.append(item)
        return
    joined = items[-1].get("detail", "")
    glue = "；" if joined and not joined.endswith("。") else ""
    items[-1]["detail"] = clean(joined + glue + piece)
