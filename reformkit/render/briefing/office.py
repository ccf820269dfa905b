"""The layout of the Word and HTML briefings, as plain text (no markup, not escaped).

The words for facts (region, status, dates, figures, citations) come from ``describe``;
what is here belongs to the office layout: the numbering of headings (一、（一）1．), the
fixed labels of its sections, the sub-sections of a case, which metric columns a table needs,
and ``clean``, which drops characters XML refuses. Each writer escapes for its format.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from reformkit.report.chart import Bar
from reformkit.wording import describe
from reformkit.wording.describe import Lang

LABELS = {
    "zh": {
        "contents": "目录",
        "overview": "概览",
        "charts": "数据图表",
        "number": "序号",
        "case": "案例",
        "program": "项目",
        "metric_count": "指标数",
        "stated": "据原文",
        "computed": "据前后数值计算",
        "charts_note": "每个案例取该类指标中变化幅度最大的一项；条形长度表示相对变化的幅度。",
        "date": "日期",
    },
    "en": {
        "contents": "Contents",
        "overview": "Overview",
        "charts": "Charts",
        "number": "No.",
        "case": "Case",
        "program": "Program",
        "metric_count": "Metrics",
        "stated": "stated in the source",
        "computed": "computed from before and after",
        "charts_note": "Each case shows its largest change of the kind; bar length is the size of the relative change.",
        "date": "Date",
    },
}

#: C0 (but tab and newline), DEL, C1 and the bidi controls: not allowed in XML, or able to
#: reorder what a reader sees.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufffe\uffff]"
)


def clean(text: object) -> str:
    """Case text without control, bidi and non-characters (XML refuses most of them)."""
    return _INVISIBLE.sub("", "" if text is None else str(text))


def language(lang: str) -> Lang:
    """The ``describe`` language of a briefing's ``lang``."""
    return "zh" if lang == "zh" else "en"


_ZH_DIGITS = "零一二三四五六七八九"


def zh_number(n: int) -> str:
    """1 -> 一, 10 -> 十, 21 -> 二十一, 105 -> 一百零五 (for headings 一、 and （一）)."""
    if n < 0 or n >= 10_000:
        return str(n)
    if n < 10:
        return _ZH_DIGITS[n]
    if n < 20:
        return "十" + (_ZH_DIGITS[n - 10] if n > 10 else "")
    out = ""
    zero = False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // value % 10
        if digit:
            if zero and out:
                out += "零"
            out += _ZH_DIGITS[digit] + unit
            zero = False
        elif out:
            zero = True
    return out


def numbered(number: int, level: int, lang: str) -> str:
    """The number before a heading: 一、 at level 1, （一） at level 2, 1． at level 3 (zh)."""
    if lang != "zh":
        return f"{number}. "
    if level == 1:
        return f"{zh_number(number)}、"
    if level == 2:
        return f"（{zh_number(number)}）"
    return f"{number}．"


def scope_line(data: Mapping[str, Any]) -> str:
    """本简报收录3个案例，来自……（2020—2023年）。"""
    return describe.scope(data, language(data["lang"]))


def meta_line(case: Mapping[str, Any], lang: str) -> str:
    """项目 · 第4批 · 地区 · 发布日期 · 状态 (status only when not implemented)."""
    words = language(lang)
    parts = [case["program_name"]]
    if case.get("batch") is not None:
        parts.append(describe.batch(case["batch"], words))
    parts += [describe.case_region(case), describe.date_text(case["published"], words)]
    if (case.get("status") or "implemented") != "implemented":
        parts.append(describe.case_status(case, words))
    return " · ".join(p for p in parts if p)


def chart_title(kind: str, lang: str) -> str:
    """办理时间变化幅度 / Time: relative change."""
    name = describe.kind_name(kind, language(lang))
    return f"{name}变化幅度" if lang == "zh" else f"{name}: relative change"


def lead_in(title: str, lang: str) -> str:
    """A practice's title as the bold lead of its paragraph, closed with 。 (zh) or '.'."""
    text = clean(title).strip()
    if not text or not text[-1].isalnum() and text[-1] not in "”）)」』》%％":
        return text
    return text + ("。" if lang == "zh" else ".")


#: The columns of an office metrics table (keys of ``describe.HEADINGS``): the kind is the
#: charts' business, not the table's.
METRIC_COLUMNS = ("label", "figure", "transition", "change", "as_of")


def metric_table(metrics: list[Mapping[str, Any]]) -> tuple[list[str], list[list[str]]]:
    """(column keys, rows of cells) of a case's metrics, worded by ``describe.metric_row``.

    The label is always shown; another column only when some metric fills it.
    """
    full = [dict(zip(describe.METRIC_COLUMNS, describe.metric_row(m), strict=True)) for m in metrics]
    columns = [c for c in METRIC_COLUMNS if c == "label" or any(row[c] for row in full)]
    return columns, [[row[c] for c in columns] for row in full]


def case_parts(case: Mapping[str, Any], lang: str, level: int) -> list[dict[str, Any]]:
    """The numbered sub-sections of a case (主要做法, 实践效果, 数据指标, 推广与表彰, 来源)
    with their entries, numbered at ``level`` (the level below the case heading).

    A metrics part also has its table: ``columns`` (keys of HEADINGS) and ``rows``.
    """
    words = language(lang)
    h = describe.HEADINGS[words]
    columns, rows = metric_table(list(case.get("metrics") or []))
    found: list[tuple[str, list[Any]]] = [
        ("practices", list(case.get("practices") or [])),
        ("outcomes", list(case.get("outcomes") or [])),
        ("metrics", rows),
        ("recognition", list(case.get("recognition") or [])),
        ("source", [describe.case_source(case, words, program_name=case.get("program_name") or "")]),
    ]
    kept = [(key, items) for key, items in found if items and any(items)]
    return [
        {
            "key": key,
            "heading": numbered(number, level, lang) + h[key],
            "entries": items,
            "columns": columns if key == "metrics" else [],
        }
        for number, (key, items) in enumerate(kept, 1)
    ]


def by_program(data: Mapping[str, Any]) -> list[tuple[str | None, list[dict[str, Any]]]]:
    """The cases in order, in runs of one program: (program name, cases). With only one
    program in the selection (the scope line names it) the name is None."""
    runs: list[tuple[str | None, list[dict[str, Any]]]] = []
    single = len(data["programs"]) == 1
    for case in data["cases"]:
        name = None if single else case["program_name"]
        if runs and runs[-1][0] == name:
            runs[-1][1].append(case)
        else:
            runs.append((name, [case]))
    return runs


def bar_words(bar: Bar, lang: str) -> str:
    """A chart bar's figure, worded by ``describe.change_words``: 压缩76%, about −95%."""
    return describe.change_words(
        bar.pct, language(lang), stated=bar.stated, approx=bar.approx, upper=bar.pct_max, kind=bar.kind
    )
