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

from reformkit.importing.structure import CN, Found, find_cases, heading_word, is_heading
from reformkit.text.figures import Figure, read_figures

DRAFT_MARKER = "由 reformkit import 起草：请逐项对照来源核对后删除此行"
OUTCOME_HEADINGS = ("实践效果", "取得成效", "亮点与成效", "亮点及成效", "数据", "主要成效", "工作成效")
#: An unmarked outcome line up to this long is an outcome of its own (an infographic's lines).
SHORT_LINE = 120
_ITEM = re.compile(rf"^\s*(?:[(（][{CN}\d]+[)）]|\d{{1,2}}[.．、](?!\d)|[{CN}]+是)\s*")
_INLINE = re.compile(rf"(?<=[。；;:：])\s*(?=[{CN}]+是)")
_GLOSS = re.compile("\\((?:[a-zü" + "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ" + "]|[\u0300-\u036f])+\\)")
_PLANNED = re.compile(r"计划|目标|力争|将在|拟|年底前|前完成")
_TIME_UNITS = ("天", "工作日", "小时", "分钟", "秒", "个月", "周")
_KIND_WORDS = (
    ("材料", "materials"),
    ("环节", "steps"),
    ("跑", "visits"),
    ("时间", "time"),
    ("时限", "time"),
    ("时效", "time"),
    ("成本", "cost"),
    ("费用", "cost"),
)
_LABEL_TAIL = re.compile(
    r"(?:由原平均|由原来的|由原先|由原|由|从|原来|达到|达|为|约|近|共计|共|累计|超过|超|提升|提高|压缩|缩短|减少|降低"
    r"|下降|增长|增加)+$"
)
_LABEL_HEAD = re.compile(rf"^(?:[(（][{CN}\d]+[)）]|\d{{1,2}}[.．]|[{CN}]+是|其中|同时|并|实现|通过)")


@dataclass
class Draft:
    """One drafted case, and what the importer was unsure of in it."""

    case: dict[str, Any]
    unsure: list[str] = field(default_factory=list)


def clean(text: str) -> str:
    """Text as the library writes it: simplified, no glosses or ``**``, GB/T 15834 punctuation."""
    import unicodedata

    from reformkit.text.fold import to_simplified
    from reformkit.text.punctuation import fix_punctuation

    plain = _GLOSS.sub("", unicodedata.normalize("NFC", text)).replace("**", "")
    return fix_punctuation(to_simplified(plain.strip()))


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
    case["metrics"], figure_notes = _metrics(
        "\n".join(lines[found.first - 1 : found.last]), found.first, found.head_end - found.first + 1
    )
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


def _metrics(passage: str, first: int, head_lines: int) -> tuple[list[dict[str, Any]], list[str]]:
    """Every figure of the passage as a metric; a figure of the heading (title, subtitle) that
    the body states again is left to the body."""
    from reformkit.text.passage import fold_source

    text = fold_source(passage)
    head_end = len("\n".join(text.split("\n")[:head_lines]))
    figures = read_figures(text)
    body = {(f.number, f.unit) for f in figures if f.start > head_end}
    figures = [f for f in figures if f.start > head_end or (f.number, f.unit) not in body]
    metrics: list[dict[str, Any]] = []
    unsure: list[str] = []
    index = 0
    while index < len(figures):
        group = [figures[index]]
        while (
            index + len(group) < len(figures)
            and figures[index + len(group)].role.endswith(("_max", "after"))
            and group[-1].role != "after"
        ):
            group.append(figures[index + len(group)])
        index += len(group)
        metric = _metric(text, group)
        line = first + text.count("\n", 0, group[0].start)
        if _PLANNED.search(_clause(text, group[0].start)):
            unsure.append(f"line {line}: {group[0].printed} reads as a target or plan; list it under unrecorded: if so")
        if not any(k in metric for k in ("unit", "change_pct")):
            unsure.append(f"line {line}: {group[0].printed} has no unit; add one, or list it under unrecorded:")
        if metric["label"] == "数据":
            unsure.append(f"line {line}: {group[0].printed} has no words before it to name it")
        metrics.append(metric)
    return metrics, unsure


def _clause(text: str, start: int) -> str:
    return re.split(r"[，。；,;:：\n]", text[max(0, start - 40) : start])[-1]


def _label(text: str, start: int) -> str:
    clause = re.sub(r"(?:由|从)[^由从]*$", "", _clause(text, start).strip())
    clause = _LABEL_TAIL.sub("", clause.split()[-1] if clause.split() else "")
    return clean(_LABEL_HEAD.sub("", clause)) or "数据"


def _kind(label: str, unit: str, role: str, sign: int) -> str:
    for word, kind in _KIND_WORDS:
        if word in label:
            return kind
    if role == "change_pct" and sign > 0 and "效率" in label:
        return "efficiency"
    if unit in _TIME_UNITS:
        return "time"
    if unit == "%" or unit.endswith("分"):
        return "rate"
    if unit.endswith("元"):
        return "cost" if sign < 0 else "amount"
    if unit.endswith(("件", "笔", "单", "票", "人次", "次")):
        return "volume"
    return "count"


def _unit(unit: str) -> str:
    unit = unit.replace("％", "%")
    return unit[1:] if unit.startswith("个") and len(unit) > 2 else unit


def _metric(text: str, group: list[Figure]) -> dict[str, Any]:
    head = group[0]
    label = _label(text, head.start)
    figures: dict[str, Any] = {}
    approx: dict[str, str] = {}
    unit = ""
    for figure in group:
        value = -figure.number if figure.role in ("change", "change_pct") and figure.sign < 0 else figure.number
        figures[figure.role] = int(value) if float(value).is_integer() else value
        if figure.approx:
            approx[figure.role] = figure.approx
        if figure.role != "change_pct" and figure.unit:
            unit = unit or _unit(figure.unit)
    metric: dict[str, Any] = {"label": label, "kind": _kind(label, unit, head.role, head.sign), **figures}
    if unit and any(k in metric for k in ("value", "before", "after", "change")):
        metric["unit"] = unit
    if approx:
        metric["approx"] = approx
    return metric
