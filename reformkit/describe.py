"""The words for facts, in one place: figures, changes, regions, status, program and batch,
source citations, and the fixed headings (zh and en).

Every renderer (terminal, Markdown, JSON text fields, CSV, report templates) words a fact
through this module, so that the same fact reads the same everywhere. The functions return
plain text; escaping for a medium (terminal, Markdown, CSV) is the renderer's job.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any, Literal

from reformkit.metrics import format_number, round_half_away

Lang = Literal["zh", "en"]
#: How much of a region to show: ``full`` province+city+district (海南省海口市龙华区);
#: ``local`` city+district, else the province (海口市龙华区); ``city`` the city, else the
#: province (海口市), the key cases are grouped by.
RegionShape = Literal["full", "local", "city"]

HEADINGS: dict[str, dict[str, str]] = {
    "zh": {
        "summary": "概述",
        "practices": "主要做法",
        "outcomes": "实践效果",
        "metrics": "数据指标",
        "recognition": "推广与表彰",
        "source": "来源",
        "related": "相关案例",
        "label": "指标",
        "kind": "类别",
        "figure": "数值",
        "transition": "前 → 后",
        "change": "变化",
        "as_of": "截至",
        "agencies": "牵头单位",
        "region": "地区",
        "published": "发布",
        "status": "状态",
    },
    "en": {
        "summary": "Summary",
        "practices": "Practices",
        "outcomes": "Outcomes",
        "metrics": "Metrics",
        "recognition": "Recognition",
        "source": "Source",
        "related": "Related cases",
        "label": "Metric",
        "kind": "Kind",
        "figure": "Figure",
        "transition": "Before → after",
        "change": "Change",
        "as_of": "As of",
        "agencies": "Lead agencies",
        "region": "Region",
        "published": "Published",
        "status": "Status",
    },
}

#: The title of a briefing that was given none.
DEFAULT_TITLE: dict[str, str] = {"zh": "改革案例简报", "en": "Reform case briefing"}

APPROX_PREFIX = {"about": "约"}
APPROX_SUFFIX = {"over": "以上", "under": "以内"}

# --- figures and changes ------------------------------------------------------------------


def figure(metric: Mapping[str, Any], name: str, unit: str = "") -> str:
    """A metric figure with its range, unit and approximation: 约20天, 3–10天, 5工作日以内.

    ``name`` is the figure's field (value, before, after, change, change_pct); an absent
    figure is the empty string.
    """
    value = metric.get(name)
    if value is None:
        return ""
    text = format_number(value)
    upper = metric.get(f"{name}_max")
    if upper is not None:
        text += f"–{format_number(upper)}"
    approx = (metric.get("approx") or {}).get(name) or ""
    return f"{APPROX_PREFIX.get(approx, '')}{text}{unit}{APPROX_SUFFIX.get(approx, '')}"


def transition(metric: Mapping[str, Any]) -> str:
    """``before → after`` (or one side with its arrow); empty when neither is stated."""
    if "before" not in metric and "after" not in metric:
        return ""
    unit = metric.get("unit", "")
    before = figure(metric, "before", metric.get("before_unit", unit))
    after = figure(metric, "after", unit)
    if before and after:
        return f"{before} → {after}"
    return f"→ {after}" if after else f"{before} →"


def stated_change(metric: Mapping[str, Any]) -> str:
    """The stated changes, signed: ``-15天, -75%`` (a rise gets a ``+``)."""
    unit = metric.get("unit", "")
    changes = []
    for name, shown_unit in (("change", unit), ("change_pct", "%")):
        if name in metric:
            value = metric[name]
            sign = "+" if isinstance(value, int | float) and value > 0 else ""
            changes.append(sign + figure(metric, name, shown_unit))
    return ", ".join(changes)


def metric_parts(metric: Mapping[str, Any]) -> tuple[str, str, str]:
    """(figure, before → after, change) of a metric; each may be empty."""
    return figure(metric, "value", metric.get("unit", "")), transition(metric), stated_change(metric)


def metric_text(metric: Mapping[str, Any]) -> str:
    """A metric's figures on one line: ``20工作日 → 5工作日 (-75%)``."""
    value, moved, change = metric_parts(metric)
    text = " ".join(p for p in (value, moved) if p)
    if change:
        text = f"{text} ({change})" if text else change
    return text


def key_figure(metric: Mapping[str, Any]) -> str:
    """A metric led by its label, parts joined with a full-width comma: ``时间: 20天 → 5天，-75%``."""
    return f"{metric.get('label', '')}: " + "，".join(p for p in metric_parts(metric) if p)


def metric_line(metric: Mapping[str, Any]) -> str:
    """A metric as one line of plain text: ``时间 [time]: 20天 → 5天; -75% (as of 2023)``."""
    line = f"{metric.get('label', '')} [{metric.get('kind', '')}]: {'; '.join(p for p in metric_parts(metric) if p)}"
    if metric.get("as_of"):
        line += f" (as of {metric['as_of']})"
    return line


#: The columns of a per-case metrics table (keys of HEADINGS), as ``metric_row`` fills them.
METRIC_COLUMNS = ("label", "kind", "figure", "transition", "change", "as_of")


def metric_row(metric: Mapping[str, Any]) -> list[str]:
    """One metric as the cells of METRIC_COLUMNS, plain text."""
    value, moved, change = metric_parts(metric)
    return [
        str(metric.get("label", "")),
        str(metric.get("kind", "")),
        value,
        moved,
        change,
        str(metric.get("as_of", "")),
    ]


def rounded(value: float) -> Decimal:
    """A computed figure (a relative change, a median) to one decimal, half away from zero."""
    return round_half_away(value)


def rounded_number(value: float | None) -> float | None:
    """``rounded`` as a JSON number (None stays None): -75.0, 12.3."""
    return None if value is None else float(round_half_away(value))


def relative_change(value: float | None) -> str:
    """A relative change in per cent, one decimal, half away from zero: ``-97.5%``; None is empty."""
    return "" if value is None else f"{round_half_away(value)}%"


# --- region, status, program ---------------------------------------------------------------


def region(
    province: str | None, city: str | None = None, district: str | None = None, *, shape: RegionShape = "full"
) -> str:
    """The region's name in one of three shapes (see RegionShape); missing parts are skipped."""
    if shape == "full":
        return "".join(p for p in (province, city, district) if p)
    if shape == "local":
        return "".join(p for p in (city, district) if p) or province or ""
    return city or province or ""


def case_region(case: Mapping[str, Any], *, shape: RegionShape = "full") -> str:
    """``region`` of a case document (its nested ``region`` mapping)."""
    parts = case.get("region") or {}
    return region(parts.get("province"), parts.get("city"), parts.get("district"), shape=shape)


def status(value: str | None, due: Any = None, *, due_word: bool = True) -> str:
    """``pilot (due 2025-12)``; ``due_word=False`` gives ``pilot (2025-12)``. No status is implemented."""
    text = value or "implemented"
    if due:
        text += f" (due {due})" if due_word else f" ({due})"
    return text


def case_status(case: Mapping[str, Any], *, due_word: bool = True) -> str:
    """``status`` of a case document."""
    return status(case.get("status", "implemented"), case.get("due"), due_word=due_word)


def program_batch(program: str, batch: int | None) -> str:
    """``hnbiz/4`` (``hnbiz`` for a program without batches): the short key of a batch."""
    return program if batch is None else f"{program}/{batch}"


def batch(number: int, lang: Lang = "zh") -> str:
    """``第4批`` / ``batch 4``."""
    return f"第{number}批" if lang == "zh" else f"batch {number}"


def program_line(program: str, batch_number: int | None, case_number: int | None) -> str:
    """``hnbiz · 第4批 · 第2号``: a program with the batch and number a case has."""
    text = program
    if batch_number is not None:
        text += f" · {batch(batch_number)}"
    if case_number is not None:
        text += f" · 第{case_number}号"
    return text


# --- source ---------------------------------------------------------------------------------


def source(cited: Mapping[str, Any] | None) -> str:
    """A citation: ``publisher, 《title》, date (document)``; missing parts are skipped."""
    cited = cited or {}
    parts = [cited.get("publisher"), cited.get("title") and f"《{cited['title']}》", cited.get("date")]
    text = ", ".join(p for p in parts if p)
    if cited.get("document"):
        text = f"{text} ({cited['document']})" if text else str(cited["document"])
    return text


def case_source(case: Mapping[str, Any]) -> str:
    """``source`` of a case document."""
    return source(case.get("source"))


# --- a reader's words (zh/en): status, kind, date, citation, relative change --------------
# The wording of the Word and HTML briefings, for any writer that addresses a reader rather
# than a terminal: 试点（预计2025年12月）, 办理时间, 2023年9月19日, 压缩76%, and a source
# cited as a reader cites it. English falls back to the words above where they exist.

#: A case's status as a reader reads it; ``status`` above gives the stored value.
STATUS_WORDS: dict[str, dict[str, str]] = {
    "zh": {"implemented": "已实施", "pilot": "试点", "planned": "谋划推进"},
    "en": {"implemented": "implemented", "pilot": "pilot", "planned": "planned"},
}

#: The names of the metric kinds that charts and tables group by.
KIND_NAMES: dict[str, dict[str, str]] = {
    "zh": {
        "time": "办理时间",
        "materials": "申请材料",
        "steps": "办事环节",
        "visits": "跑动次数",
        "cost": "费用成本",
    },
    "en": {"time": "Time", "materials": "Materials", "steps": "Steps", "visits": "Visits", "cost": "Cost"},
}


def written_date(text: object, lang: Lang = "zh") -> str:
    """A date as written in Chinese: 2023-09-19 -> 2023年9月19日, 2021-04 -> 2021年4月,
    2021 -> 2021年; other text, and every date in English, as it is."""
    value = str(text)
    parts = value.split("-")
    if lang != "zh" or not 1 <= len(parts) <= 3 or not all(p.isdigit() for p in parts):
        return value
    return "".join(f"{int(p)}{unit}" for p, unit in zip(parts, "年月日", strict=False))


def status_words(value: str | None, due: Any = None, lang: Lang = "zh") -> str:
    """试点（预计2025年12月）, 谋划推进, 已实施; in English ``status``: pilot (due 2025-12)."""
    if lang != "zh":
        return status(value, due)
    text = STATUS_WORDS["zh"].get(value or "implemented", value or "")
    return f"{text}（预计{written_date(due)}）" if due else text


def case_status_words(case: Mapping[str, Any], lang: Lang = "zh") -> str:
    """``status_words`` of a case document."""
    return status_words(case.get("status", "implemented"), case.get("due"), lang)


def kind_name(kind: str, lang: Lang = "zh") -> str:
    """办理时间 / Time; an unknown kind is its own name."""
    return KIND_NAMES[lang].get(kind, kind)


def change_words(
    pct: float,
    lang: Lang = "zh",
    *,
    stated: bool = True,
    approx: str | None = None,
    upper: float | None = None,
) -> str:
    """A relative change in words: 压缩76%, 约压缩95%, 压缩20–40%, 压缩30%以上, 增加12.5%, 持平
    (en: −76%, about −95%, over −30%).

    A stated figure keeps its digits (and the upper end of a range); a computed one has one
    decimal, half away from zero.
    """
    magnitude = abs(pct)
    if stated:
        text = format_number(magnitude)
        if upper is not None:
            text += f"–{format_number(abs(upper))}"
    else:
        text = str(round_half_away(magnitude))
    if lang == "zh":
        if pct == 0:
            return "持平"
        verb = "压缩" if pct < 0 else "增加"
        return f"{APPROX_PREFIX.get(approx or '', '')}{verb}{text}%{APPROX_SUFFIX.get(approx or '', '')}"
    sign = "−" if pct < 0 else ("+" if pct > 0 else "")
    prefix = {"about": "about ", "over": "over ", "under": "under "}.get(approx or "", "")
    return f"{prefix}{sign}{text}%"


def citation(cited: Mapping[str, Any] | None, lang: Lang = "zh") -> str:
    """A source as a reader cites it: 省营商办《示范案例》，2023年9月19日 (en: publisher,
    “title”, 2023-09-19). The archived file's name only when nothing else is named."""
    cited = cited or {}
    publisher, title, when = cited.get("publisher"), cited.get("title"), cited.get("date")
    if not (publisher or title):
        return str(cited.get("document") or "")
    if lang == "zh":
        text = f"{publisher or ''}{f'《{title}》' if title else ''}"
        return text + (f"，{written_date(when)}" if when else "")
    return ", ".join(str(p) for p in (publisher, title and f"“{title}”", when) if p)


def case_citation(case: Mapping[str, Any], lang: Lang = "zh") -> str:
    """``citation`` of a case document."""
    return citation(case.get("source"), lang)


def scope(count: int, programs: list[str], years: list[str], lang: Lang = "zh") -> str:
    """What a briefing covers: 本简报收录3个案例，来自甲、乙（2020—2023年）。"""
    if not years:
        return "本简报未收录案例。" if lang == "zh" else "No cases."
    if lang == "zh":
        span = years[0] if len(years) == 1 else f"{years[0]}—{years[-1]}"
        return f"本简报收录{count}个案例，来自{'、'.join(programs)}（{span}年）。"
    span = years[0] if len(years) == 1 else f"{years[0]}–{years[-1]}"
    return f"{count} case{'' if count == 1 else 's'} from {', '.join(programs)} ({span})."
