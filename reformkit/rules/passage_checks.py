"""The checks of the ``sources`` family (``reformkit.rules.sources`` declares its rules): a
case against its passage in ``sources/``, both ways, every figure and text."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from typing import Any

from reformkit.case.model import Problem
from reformkit.case.passage import Passage, line_range, readings_of
from reformkit.case.sources import SOURCES_DIR, SourceError, source_text
from reformkit.rules.base import FileContext
from reformkit.rules.sources import (
    DRAFT,
    FIGURE_UNRECORDED,
    LINES_OUT_OF_RANGE,
    METRIC_NOT_IN_SOURCE,
    PASSAGE_DROPPED,
    SOURCE_MISSING,
    TEXT_NOT_IN_SOURCE,
    TITLE_NOT_IN_PASSAGE,
    UNRECORDED_NOT_IN_SOURCE,
)
from reformkit.text.figures import MULTIPLIERS, Figure, read_figures
from reformkit.text.passage import clauses, fold_source, sentences, squeeze

FIGURE_FIELDS = ("value", "before", "after", "change", "change_pct") + tuple(
    f"{f}_max" for f in ("value", "before", "after", "change", "change_pct")
)
#: Section headings a passage prints that no field needs to hold.
HEADINGS = frozenset(
    squeeze(h)
    for h in [
        "主要做法",
        "实践效果",
        "取得成效",
        "亮点与成效",
        "数据",
        "基本情况",
        "改革举措",
        "工作成效",
        "下一步工作",
        "经验做法",
        "案例",
        "主要成效",
        "创新举措",
        "主要内容",
        "改革成效",
        "工作举措",
        "推广价值",
        "成效",
        "亮点及成效",
        "下步工作重点",
    ]
)


def check(ctx: FileContext) -> Iterator[Problem]:
    data = ctx.data
    if ctx.on(DRAFT) and isinstance(data.get("draft"), str):
        yield ctx.at(
            ("draft",),
            DRAFT,
            f"draft: {data['draft']}; read the case against its source, then remove draft:",
            key=True,
        )
    source = data.get("source")
    if not isinstance(source, dict) or not isinstance(source.get("document"), str):
        return
    bounds = line_range(source)
    folder = os.path.normpath(os.path.join(os.path.dirname(ctx.loaded.path) or ".", "..", SOURCES_DIR))
    if bounds is None or not os.path.isdir(folder):
        return
    try:
        document = source_text(_absolute(folder), source["document"], folder)
    except SourceError as error:
        if ctx.on(SOURCE_MISSING):
            yield ctx.at(("source", "document"), SOURCE_MISSING, str(error))
        return
    first, last = bounds
    count = len(document.lines)
    if not 1 <= first <= last <= count:
        if ctx.on(LINES_OUT_OF_RANGE):
            yield ctx.at(
                ("source", "lines"),
                LINES_OUT_OF_RANGE,
                f"source.lines [{first}, {last}] is not a passage of {document.shown} (lines 1-{count}); "
                "give the first and last line of the case's text",
            )
        return
    passage = Passage(document, first, last, readings_of(source))
    yield from _title(ctx, passage, source)
    if ctx.any_on((FIGURE_UNRECORDED, UNRECORDED_NOT_IN_SOURCE)):
        yield from _figures_recorded(ctx, passage)
    if ctx.on(METRIC_NOT_IN_SOURCE):
        yield from _metrics_in_passage(ctx, passage)
    if ctx.on(TEXT_NOT_IN_SOURCE):
        yield from _texts_in_passage(ctx, passage)
    if ctx.on(PASSAGE_DROPPED):
        yield from _dropped(ctx, passage)


def _absolute(folder: str) -> Any:
    from pathlib import Path

    return Path(folder).absolute()


def _title(ctx: FileContext, passage: Passage, source: dict[str, Any]) -> Iterator[Problem]:
    title = ctx.data.get("title")
    if not isinstance(title, str):
        return
    where = passage.squeezed
    title_line = source.get("title_line")
    if isinstance(title_line, int) and not isinstance(title_line, bool):
        if not 1 <= title_line <= len(passage.document.lines):
            if ctx.on(LINES_OUT_OF_RANGE):
                yield ctx.at(
                    ("source", "title_line"),
                    LINES_OUT_OF_RANGE,
                    f"source.title_line {title_line} is not a line of {passage.document.shown} "
                    f"(lines 1-{len(passage.document.lines)})",
                )
            return
        where = squeeze(passage.document.lines[title_line - 1])
    if ctx.on(TITLE_NOT_IN_PASSAGE) and squeeze(title) not in where:
        yield ctx.at(
            ("title",),
            TITLE_NOT_IN_PASSAGE,
            f"the title is not in {passage.where}; fix source.lines (or source.title_line), or copy the title as printed",
        )


def _numbers_of_metrics(metrics: Any) -> set[float]:
    found: set[float] = set()
    for metric in metrics if isinstance(metrics, list) else []:
        if not isinstance(metric, dict):
            continue
        factor = MULTIPLIERS.get(str(metric.get("unit", ""))[:1], 1.0)
        for field in FIGURE_FIELDS:
            value = metric.get(field)
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                found.add(round(abs(value), 6))
                found.add(round(abs(value) * factor, 6))
    return found


def _covered(figure: Figure, numbers: set[float]) -> bool:
    return round(figure.number, 6) in numbers or round(figure.scaled, 6) in numbers


def _unrecorded_spans(ctx: FileContext, passage: Passage) -> Iterator[tuple[int, int] | Problem]:
    for index, entry in enumerate(ctx.data.get("unrecorded") or []):
        if not isinstance(entry, dict) or not isinstance(entry.get("figure"), str):
            continue
        probe = fold_source(entry["figure"]).strip()
        start = passage.folded.find(probe) if probe else -1
        if start < 0 or not read_figures(probe):
            if ctx.on(UNRECORDED_NOT_IN_SOURCE):
                yield ctx.at(
                    ("unrecorded", index, "figure"),
                    UNRECORDED_NOT_IN_SOURCE,
                    f"unrecorded figure {entry['figure']!r} is not a figure printed in {passage.where}; "
                    "copy it as printed (with a word or two around it) or remove the entry",
                )
            continue
        while start >= 0:
            yield (start, start + len(probe))
            start = passage.folded.find(probe, start + 1)


def _figures_recorded(ctx: FileContext, passage: Passage) -> Iterator[Problem]:
    numbers = _numbers_of_metrics(ctx.data.get("metrics"))
    spans: list[tuple[int, int]] = []
    for item in _unrecorded_spans(ctx, passage):
        if isinstance(item, tuple):
            spans.append(item)
        else:
            yield item
    if not ctx.on(FIGURE_UNRECORDED):
        return
    anchor = ("metrics",) if "metrics" in ctx.data else ("source", "lines")
    for figure in passage.figures:
        if _covered(figure, numbers) or any(a <= figure.start < b for a, b in spans):
            continue
        line = passage.line_of(figure.start)
        context = passage.folded[max(0, figure.start - 8) : figure.end + 4].replace("\n", " ")
        yield ctx.at(
            anchor,
            FIGURE_UNRECORDED,
            f"{passage.document.shown}:{line} states {figure.printed!r} (…{context}…) and no metric records it; "
            "record it as a metric, or list it under unrecorded: with the reason",
            key=True,
        )


def _metrics_in_passage(ctx: FileContext, passage: Passage) -> Iterator[Problem]:
    stated = passage.stated
    for index, metric in enumerate(ctx.data.get("metrics") or []):
        if not isinstance(metric, dict):
            continue
        factor = MULTIPLIERS.get(str(metric.get("unit", ""))[:1], 1.0)
        for field in FIGURE_FIELDS:
            value = metric.get(field)
            if not isinstance(value, (int, float)) or isinstance(value, bool):
                continue
            if round(abs(value), 6) in stated or round(abs(value) * factor, 6) in stated:
                continue
            yield ctx.at(
                ("metrics", index, field),
                METRIC_NOT_IN_SOURCE,
                f"metrics[{index}].{field} = {_shown(value)} is not a figure of {passage.where}; "
                "record figures as the passage states them",
            )


def _shown(value: float) -> str:
    return repr(float(value)).removesuffix(".0")


def _text_fields(data: dict[str, Any]) -> Iterator[tuple[tuple[str | int, ...], str]]:
    for group in ("practices", "outcomes"):
        for index, item in enumerate(data.get(group) or []):
            if isinstance(item, dict):
                for key in ("title", "detail"):
                    if isinstance(item.get(key), str):
                        yield (group, index, key), item[key]


def _texts_in_passage(ctx: FileContext, passage: Passage) -> Iterator[Problem]:
    for node_path, text in _text_fields(ctx.data):
        missing = next((c for c in clauses(text) if c not in passage.squeezed), None)
        if missing is not None:
            yield ctx.at(
                node_path,
                TEXT_NOT_IN_SOURCE,
                f"'{missing}' is not in {passage.where}; copy the text as printed "
                "(a corrupted span's reading goes under source.readings)",
            )


def _all_text(data: Any) -> Iterator[str]:
    if isinstance(data, str):
        yield data
    elif isinstance(data, list):
        for item in data:
            yield from _all_text(item)
    elif isinstance(data, dict):
        for key, value in data.items():
            if key not in ("source", "id", "program", "tags", "region", "related"):
                yield from _all_text(value)


#: A sentence is dropped when less than this share of its words (by character) is in the
#: case's fields: a lead-in (该机制…包括) or a marker reworded by a heading is not a drop.
DROPPED_SHARE = 2 / 3
#: A list marker at a sentence's start, which the case drops: (一), 一是, 二、, 1., 3 (a case number).
_MARKER = re.compile(
    r"^\s*(?:[(（]\s*[一二三四五六七八九十\d]+\s*[)）]|[一二三四五六七八九十]+[是、]|\d{1,2}[.、．]|\d{1,2}\s)"
)


_LEAD_IN = re.compile(r"^.*?(?:包括|包含|主要有|分别为|分别是)")


def _held(clause: str, held: str) -> bool:
    """Whether a clause is in the case's text, or is once its lead-in (…包括) is set aside."""
    return clause in held or bool(_LEAD_IN.match(clause)) and _LEAD_IN.sub("", clause, count=1) in held


def _dropped(ctx: FileContext, passage: Passage) -> Iterator[Problem]:
    held = "|".join(squeeze(text) for text in _all_text(ctx.data))
    for line_index, sentence in sentences(passage.folded):
        if sentence.rstrip().endswith((":", "：")):
            continue  # a lead-in to the list that follows (…如下：, 据…介绍，…体现在“四个一”上：)
        pieces = [p for p in clauses(_MARKER.sub("", sentence, count=1)) if p not in HEADINGS and len(p) >= 3]
        total = sum(len(p) for p in pieces)
        if not pieces or sum(len(p) for p in pieces if _held(p, held)) >= DROPPED_SHARE * total:
            continue
        text = sentence if len(sentence) <= 40 else sentence[:40] + "…"
        yield ctx.at(
            ("source", "lines"),
            PASSAGE_DROPPED,
            f"{passage.document.shown}:{passage.first + line_index} '{text}' appears in no field of the case; "
            "transcribe it, or narrow source.lines",
        )
