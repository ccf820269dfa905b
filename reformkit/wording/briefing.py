"""The words of a briefing's office layout (HTML and Word), zh and en: the fixed labels of
its sections and tables, the numbers before its headings (一、（一）1．), chart titles, the
line under a case's heading and how its lists are joined.

Every word the HTML and Word briefings print comes from here or from ``describe``/``labels``,
so ``report --lang en`` reads the same in both (and as the Markdown briefing, whose words come
from ``labels``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from reformkit.wording import describe, labels
from reformkit.wording.labels import Lang

LABELS: dict[str, dict[str, str]] = {
    "zh": {
        "contents": "目录",
        "overview": "概览",
        "charts": "数据图表",
        "number": "序号",
        "case": "案例",
        "program": "项目",
        "stated": "据原文",
        "computed": "据前后数值计算",
        "charts_note": "每个案例取该类指标中变化幅度最大的一项；条形长度表示相对变化的幅度。",
        "date": "日期",
        "chart_title": "{kind}变化幅度",
        "item_number": "{number}．",
        "page_number": "— {page} —",
    },
    "en": {
        "contents": "Contents",
        "overview": "Overview",
        "charts": "Charts",
        "number": "No.",
        "case": "Case",
        "program": "Program",
        "stated": "stated in the source",
        "computed": "computed from before and after",
        "charts_note": "Each case shows its largest change of the kind; bar length is the size of the relative change.",
        "date": "Date",
        "chart_title": "{kind}: relative change",
        "item_number": "{number}. ",
        "page_number": "— {page} —",
    },
}

#: The columns of the overview table, in every format (keys of ``labels.HEADINGS``).
OVERVIEW_COLUMNS = ("number", "case", "status", "key_figures", "region", "published")

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


def numbered(number: int, level: int, lang: Lang) -> str:
    """The number before a heading: 一、 at level 1, （一） at level 2, 1． at level 3 (zh)."""
    if lang != "zh":
        return f"{number}. "
    if level == 1:
        return f"{zh_number(number)}、"
    if level == 2:
        return f"（{zh_number(number)}）"
    return LABELS["zh"]["item_number"].format(number=number)


def item_number(number: int, lang: Lang, level: int = 3) -> str:
    """The number before a practice or an outcome at heading ``level``: ``1．`` at level 3,
    ``（1）`` at level 4 (GB/T 9704's fourth level: under 一、（一）1．, as in a grouped
    briefing, where the case's sections are the 1．); English ``1. ``."""
    if lang == "zh" and level >= 4:
        return f"（{number}）"
    return LABELS[lang]["item_number"].format(number=number)


def chart_title(kind: str, lang: Lang) -> str:
    """办理时间变化幅度 / Time: relative change."""
    return LABELS[lang]["chart_title"].format(kind=describe.kind_name(kind, lang))


def lead_in(title: str, lang: Lang) -> str:
    """A practice's title as the bold lead of its paragraph, closed with 。 (zh) or '.'."""
    text = title.strip()
    if not text or not text[-1].isalnum() and text[-1] not in "”）)」』》%％":
        return text
    return text + labels.WORDS[lang]["period"]


def after_lead_in(detail: str, lang: Lang) -> str:
    """The text after a bold lead: straight on in Chinese, after a space in English."""
    return detail if lang == "zh" else " " + detail


def meta_line(case: Mapping[str, Any], program_name: str, lang: Lang) -> str:
    """项目 · 第4批 · 地区 · 发布日期 · 状态 (status only when not implemented)."""
    parts = [program_name]
    if case.get("batch") is not None:
        parts.append(describe.batch(case["batch"], lang))
    parts += [describe.case_region(case), describe.date_text(case["published"], lang)]
    if (case.get("status") or "implemented") != "implemented":
        parts.append(describe.case_status(case, lang))
    return " · ".join(p for p in parts if p)


def labelled(heading: str, items: Sequence[str], lang: Lang) -> str:
    """``牵头单位：甲、乙`` / ``Lead agencies: A, B``."""
    words = labels.WORDS[lang]
    return labels.HEADINGS[lang][heading] + words["colon"] + words["list_sep"].join(items)


def dated(date: str, lang: Lang) -> str:
    """``日期：2024年1月1日`` / ``Date: 2024-01-01``."""
    return labels.WORDS[lang]["dated"].format(date=describe.date_text(date, lang))
