"""Markdown for case text: escaping in one place, and one case as a Markdown section.

Case text is data. ``inline`` escapes Markdown punctuation and HTML so text can never become
a link, image, emphasis, code span or raw HTML; ``cell`` also keeps a table row intact
(``|`` escaped, newlines turned into ``<br>``).
"""

from __future__ import annotations

import re
from typing import Any

from reformkit.metrics import format_number

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
_AUTOLINK = re.compile(r"://|www\.", re.IGNORECASE)
_BLOCK_START = re.compile(r"^(\s*)([#>+\-=]|\d+(?=[.)]))")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def inline(text: str, *, block_start: bool = True) -> str:
    """Text as inert inline Markdown (one line: newlines become spaces).

    ``block_start`` also escapes what would open a heading, quote or list when the text
    starts a line (not needed inside a table cell).
    """
    text = _CONTROL.sub("", str(text))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    # GFM turns bare URLs, www. names and e-mail addresses into links: break the triggers
    # with character references, which render as the same characters.
    text = _AUTOLINK.sub(lambda m: "&#58;//" if m.group() == "://" else m.group()[:3] + "&#46;", text)
    text = text.replace("@", "&#64;")
    text = " ".join(text.split())
    # Only at the start of a block can these open a heading, quote or list.
    return _BLOCK_START.sub(_escape_block_start, text) if block_start else text


def _escape_block_start(match: re.Match[str]) -> str:
    space, mark = match.groups()
    return f"{space}{mark}\\" if mark.isdigit() else f"{space}\\{mark}"


def cell(text: str) -> str:
    """Text for a GFM table cell: inline-escaped, with line breaks kept as <br>."""
    lines = str(text).splitlines() or [""]
    return "<br>".join(inline(line, block_start=False) for line in lines)


_APPROX_PREFIX = {"about": "约"}
_APPROX_SUFFIX = {"over": "以上", "under": "以内"}


def figure(metric: dict[str, Any], name: str, unit: str = "") -> str:
    """A metric figure with its range, unit and approximation: 约20天, 3–10天, 5工作日以内."""
    value = metric.get(name)
    if value is None:
        return ""
    text = format_number(value)
    upper = metric.get(f"{name}_max")
    if upper is not None:
        text += f"–{format_number(upper)}"
    approx = (metric.get("approx") or {}).get(name) or ""
    return f"{_APPROX_PREFIX.get(approx, '')}{text}{unit}{_APPROX_SUFFIX.get(approx, '')}"


def metric_cells(metric: dict[str, Any]) -> tuple[str, str, str]:
    """(figure, before → after, change) of a metric, as plain text."""
    unit = metric.get("unit", "")
    value = figure(metric, "value", unit)
    transition = ""
    if "before" in metric or "after" in metric:
        before = figure(metric, "before", metric.get("before_unit", unit))
        after = figure(metric, "after", unit)
        transition = f"{before} → {after}" if before and after else (f"→ {after}" if after else f"{before} →")
    changes = []
    for name, shown_unit in (("change", unit), ("change_pct", "%")):
        if name in metric:
            sign = "+" if isinstance(metric[name], int | float) and metric[name] > 0 else ""
            changes.append(sign + figure(metric, name, shown_unit))
    return value, transition, ", ".join(changes)


#: The columns of a per-case metrics table (keys of HEADINGS), as ``metric_row`` fills them.
METRIC_COLUMNS = ("label", "kind", "figure", "transition", "change", "as_of")


def metric_row(metric: dict[str, Any]) -> list[str]:
    """One metric as the cells of METRIC_COLUMNS, plain text."""
    value, transition, change = metric_cells(metric)
    return [
        str(metric.get("label", "")),
        str(metric.get("kind", "")),
        value,
        transition,
        change,
        str(metric.get("as_of", "")),
    ]


HEADINGS = {
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


def region_text(case: dict[str, Any]) -> str:
    region = case.get("region") or {}
    return "".join(region.get(k, "") for k in ("province", "city", "district"))


def source_text(case: dict[str, Any]) -> str:
    source = case.get("source") or {}
    parts = [source.get("publisher"), source.get("title") and f"《{source['title']}》", source.get("date")]
    text = ", ".join(p for p in parts if p)
    if source.get("document"):
        text = f"{text} ({source['document']})" if text else source["document"]
    return text


def case_section(case: dict[str, Any], *, level: int = 1, lang: str = "zh") -> str:
    """One case as Markdown: heading, meta, summary, practices, outcomes, metrics, source."""
    h = HEADINGS[lang]
    hashes = "#" * level
    out = [f"{hashes} {inline(case['title'])}", ""]
    if case.get("subtitle"):
        out += [f"*{inline(case['subtitle'])}*", ""]
    meta = [f"`{case['id']}`", inline(region_text(case)), case.get("published", "")]
    status = case.get("status", "implemented")
    if status != "implemented":
        meta.append(status + (f" (due {case['due']})" if case.get("due") else ""))
    out += [" · ".join(m for m in meta if m), ""]
    if case.get("agencies"):
        out += [f"{h['agencies']}: " + "、".join(inline(a) for a in case["agencies"]), ""]
    if case.get("tags"):
        out += [" ".join(f"#{inline(t)}" for t in case["tags"]), ""]
    sub = "#" * (level + 1)
    if case.get("summary"):
        out += [f"{sub} {h['summary']}", "", inline(case["summary"]), ""]
    for key in ("practices", "outcomes"):
        items = case.get(key) or []
        if not items:
            continue
        out += [f"{sub} {h[key]}", ""]
        for number, item in enumerate(items, 1):
            line = f"{number}. **{inline(item['title'])}**"
            if item.get("detail"):
                line += " " + inline(item["detail"])
            out.append(line)
        out.append("")
    metrics = case.get("metrics") or []
    if metrics:
        out += [f"{sub} {h['metrics']}", ""]
        out.append("| " + " | ".join(h[name] for name in METRIC_COLUMNS) + " |")
        out.append("|---" * len(METRIC_COLUMNS) + "|")
        for metric in metrics:
            out.append("| " + " | ".join(cell(c) for c in metric_row(metric)) + " |")
        out.append("")
    if case.get("recognition"):
        out += [f"{sub} {h['recognition']}", ""] + [f"- {inline(r)}" for r in case["recognition"]] + [""]
    out += [f"{sub} {h['source']}", "", inline(source_text(case)), ""]
    return "\n".join(out)
