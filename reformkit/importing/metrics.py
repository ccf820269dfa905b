"""A case's figures as draft metrics, and the figures that are not metrics, with the reason.

Every figure the figure reader finds in a passage becomes a metric (label, kind, unit, the
stated numbers in their roles, hedges), except the classes a reader of Chinese official
documents does not count as a result, which go under ``unrecorded:`` with the reason:

- a target of a planned measure: the figure's clause names a target (目标), or its sentence a
  plan (计划, 力争, 预计, 下一步), or the whole case sits under a section of planned work
  (下步工作重点);
- the count of a list that follows (3个主要创新做法如下：);
- a service period (24小时, 365天: the hours a service is open, not a result);
- a period a law sets as a condition (满六个月未申请注销);
- a proportion in tenths (近九成): a rough share, not a statistic;
- a count written in Chinese numerals (三种模式, 两个部门, 四类标签), unless hedged as a round
  number (近百个, 十余次) or a span of time: official documents write statistics in Arabic
  numerals and describe the measure itself in words.

A figure the case states again (the same number in the same unit) is recorded once. A count
with no measure word is counted in 个 (4大场景, 9部门), a zero state in its natural measure
(0材料: 份, 0跑腿: 次), 万 before a word for people in 万人. Nothing is computed: the numbers
are as printed.
"""

from __future__ import annotations

import re
from typing import Any

from reformkit.importing.documents import clean
from reformkit.importing.structure import CN
from reformkit.text.figures import Figure, read_figures

PLANNED = "计划目标，尚未实现"
LIST_COUNT = "下文所列条目的条数（列举用语），不是成效"
SERVICE_PERIOD = "服务时段（全天候、全年无休），不是成效"
CONDITION = "法定期限（满…即…的条件），不是成效"
TENTHS = "成数（几成）是约略的比例，不是统计数据"
IN_WORDS = "用汉字写出的计数，是做法的内容，不是成效数据"

_TARGET = re.compile(r"目标")
_PLAN = re.compile(r"计划|力争|预计|下一步|下步|将在|年底前|前完成|完成时限")
_LIST_FOLLOWS = re.compile(r"^[^，。；,;]{0,12}?(?:如下|以下|[:：]\s*$)")
_SERVICE = {(24.0, "小时"), (365.0, "天")}
_PEOPLE = re.compile(r"^(?:余|多)?(?:群众|居民|市民|人口|人员|游客|旅客|患者|职工|学生|老人)")
_ZERO_MEASURES = (("材料", "份"), ("跑", "次"), ("证明", "份"))
_SENTENCE_END = re.compile(r"[。；;！？!?\n]")
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
    r"|下降|增长|增加|整体|了|至少需要|需要|仅需|只需|最快|至少|仅用|只用)+$"
)
_LABEL_HEAD = re.compile(
    rf"^(?:[(（][{CN}\d]+[)）]|\d{{1,2}}[.．]|[{CN}]+是|其中|同时|并|实现|通过(?!率)|截至目前|目前|将)+"
)


def draft_metrics(
    passage: str, first: int, head_lines: int, planned: bool
) -> tuple[list[dict[str, Any]], list[dict[str, str]], list[str]]:
    """(metrics, unrecorded entries, notes of what is unsure) for a passage whose first line is
    line ``first``; a figure of the heading (title, subtitle) that the body states again is left
    to the body. ``planned``: the passage sits under a section of planned work."""
    from reformkit.text.passage import fold_source

    text = fold_source(passage)
    head_end = len("\n".join(text.split("\n")[:head_lines]))
    figures = read_figures(text)
    body = {(f.number, f.unit) for f in figures if f.start > head_end}
    figures = [f for f in figures if f.start > head_end or (f.number, f.unit) not in body]
    metrics: list[dict[str, Any]] = []
    unrecorded: list[dict[str, str]] = []
    unsure: list[str] = []
    seen: list[tuple[float, str, str, int]] = []
    for group in _groups(figures):
        line = first + text.count("\n", 0, group[0].start)
        reason = PLANNED if planned else _not_a_result(text, group)
        if reason:
            unrecorded.append({"figure": _probe(text, group[0]), "reason": reason})
            continue
        if _restated(text, group, seen):
            continue
        metric = _metric(text, group)
        if not any(k in metric for k in ("unit", "change_pct")):
            unsure.append(f"line {line}: {group[0].printed} has no unit; add one, or list it under unrecorded:")
        if metric["label"] == "数据":
            unsure.append(f"line {line}: {group[0].printed} has no words before it to name it")
        metrics.append(metric)
    if unrecorded:
        unsure.append(
            f"unrecorded: lists {len(unrecorded)} of its figures as no result (targets, list counts, "
            "service periods, counts in words); check each reason"
        )
    return metrics, unrecorded, unsure


def _restated(text: str, group: list[Figure], seen: list[tuple[float, str, str, int]]) -> bool:
    """Whether a figure states again one the case stated before: the same number and unit
    followed by the same words (等12项贷款申请材料), or repeated in brackets right after it
    (减少为7项（规划、消防…等7项）)."""
    figure = group[-1]
    key = (figure.number, figure.unit, text[figure.end : figure.end + 4])
    again = False
    if len(group) == 1 and figure.role == "value" and seen:
        opened = max(text.rfind("（", 0, figure.start), text.rfind("(", 0, figure.start))
        closed = max(text.rfind("）", 0, figure.start), text.rfind(")", 0, figure.start))
        bracketed = opened > closed and not _SENTENCE_END.search(text[opened : figure.start])
        last = seen[-1]
        again = any(k[:3] == key for k in seen) or (bracketed and last[:2] == key[:2] and last[3] <= opened)
    seen.append((*key, figure.end))
    return again


def _groups(figures: list[Figure]) -> list[list[Figure]]:
    """Figures that make one metric: a value and its upper bound, a before (and its bound) and
    the after it was brought to or the change it was brought down by."""
    groups: list[list[Figure]] = []
    for figure in figures:
        last = groups[-1][-1] if groups else None
        bound = last is not None and figure.role == last.role + "_max"
        after = last is not None and figure.role in ("after", "change") and last.role in ("before", "before_max")
        if bound or after:
            groups[-1].append(figure)
        else:
            groups.append([figure])
    return groups


def _not_a_result(text: str, group: list[Figure]) -> str:
    head = group[0]
    clause_start = max(text.rfind(c, 0, head.start) for c in "，。；,;：:\n") + 1
    clause_end = min((i for i in (text.find(c, head.end) for c in "，。；,;\n") if i >= 0), default=len(text))
    sentence_start = max(text.rfind(c, 0, head.start) for c in "。；;\n") + 1
    if _TARGET.search(text[clause_start:clause_end]) or _PLAN.search(text[sentence_start:clause_end]):
        return PLANNED
    if head.unit in _TIME_UNITS + ("个月", "年") and text[max(0, head.start - 2) : head.start].endswith("满"):
        return CONDITION
    if _LIST_FOLLOWS.search(text[head.end : head.end + 16]):
        return LIST_COUNT
    if len(group) == 1 and head.role == "value" and (head.number, head.unit) in _SERVICE:
        return SERVICE_PERIOD
    if len(group) == 1 and head.unit == "成":
        return TENTHS
    words = not head.printed[:1].isdigit() and not head.approx  # 近百个, 十余次: approximations
    if len(group) == 1 and words and head.role == "value" and head.unit not in _TIME_UNITS + ("个月",):
        return IN_WORDS
    return ""


def _probe(text: str, figure: Figure) -> str:
    """The figure as printed with a few words before it, as found in the passage."""
    start = figure.start
    while start > max(0, figure.start - 4) and not re.match(r"[，。；,;：:、\s“”《》()（）]", text[start - 1]):
        start -= 1
    return text[start : figure.end].strip()


def _clause(text: str, start: int) -> str:
    return re.split(r"[，。；,;:：\n]", text[max(0, start - 40) : start])[-1]


def _label(text: str, start: int) -> str:
    """The words before the figure in its clause, or in the clause before when its own has none
    (达到压缩验收时限，由原来13个工作日缩短7个工作日)."""
    for end in (start, start - len(_clause(text, start)) - 1):
        clause = re.sub(r"(?:由|从)[^由从]*$", "", _clause(text, max(0, end)).strip())
        clause = _LABEL_TAIL.sub("", clause.split()[-1] if clause.split() else "")
        label = clean(_LABEL_HEAD.sub("", clause))
        if label:
            return label
    return "数据"


def _kind(label: str, unit: str, role: str, sign: int) -> str:
    named = next((kind for word, kind in _KIND_WORDS if word in label), "")
    if role == "change_pct" and sign > 0 and ("效率" in label or named == "time"):
        return "efficiency"  # 效率提升35%, 准入时限提高了90%: the speed rose
    if named:
        return named
    if unit in _TIME_UNITS:
        return "time"
    if unit == "%" or unit.endswith("分"):
        return "rate"
    if unit.endswith("元"):
        return "cost" if sign < 0 else "amount"
    if unit.endswith(("件", "笔", "单", "票", "人次", "次")):
        return "volume"
    return "count"


def _unit(text: str, figure: Figure) -> str:
    """The figure's unit as the library writes it, the measure word a bare count implies added."""
    unit = figure.unit.replace("％", "%")
    unit = unit[1:] if unit.startswith("个") and len(unit) > 2 else unit
    follow = text[figure.end : figure.end + 4]
    if unit in ("万", "亿") and _PEOPLE.match(follow):
        return unit + "人"
    if unit or not figure.printed[:1].isdigit():
        return unit
    if figure.number == 0:
        return next((measure for word, measure in _ZERO_MEASURES if follow.startswith(word)), "项")
    if figure.printed.endswith("门") or ("\u4e00" <= follow[:1] <= "\u9fff" and follow[:1] not in "年月日号时"):
        return "个"  # 9部门, 4大场景: a count of the noun that follows
    return unit


def _metric(text: str, group: list[Figure]) -> dict[str, Any]:
    head = group[0]
    label = _label(text, head.start)
    figures: dict[str, Any] = {}
    approx: dict[str, str] = {}
    units: dict[str, str] = {}
    for figure in group:
        negative = figure.role.removesuffix("_max") in ("change", "change_pct") and figure.sign < 0
        value = -figure.number if negative else figure.number
        figures[figure.role] = int(value) if float(value).is_integer() else value
        if figure.approx:
            approx[figure.role] = figure.approx
        if figure.role != "change_pct":
            units[figure.role.removesuffix("_max")] = units.get(figure.role.removesuffix("_max")) or _unit(text, figure)
    for role in ("change", "change_pct"):
        if figures.get(role, 0) < 0 and figures.get(role + "_max", 0) < 0:  # 下降约0.3-0.5元: -0.5 to -0.3
            figures[role], figures[role + "_max"] = figures[role + "_max"], figures[role]
    unit = units.get("after") or next((u for u in units.values() if u), "")
    metric: dict[str, Any] = {"label": label, "kind": _kind(label, unit, head.role, head.sign), **figures}
    if unit and any(k in metric for k in ("value", "before", "after", "change")):
        metric["unit"] = unit
    if units.get("before") and units["before"] != unit and "before" in metric:
        metric["before_unit"] = units["before"]
    if approx:
        metric["approx"] = approx
    return metric
