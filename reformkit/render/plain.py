"""Plain-text wording shared by the Word and HTML briefings (no markup, not escaped).

The Markdown briefing's context carries some Markdown (``meta_line``); office writers build
their own plain lines from the same case fields here, and escape for their format themselves.
"""

from __future__ import annotations

import re
from typing import Any

from reformkit.chart import Bar
from reformkit.metrics import format_computed, format_number

LABELS = {
    "zh": {
        "default_title": "改革案例简报",
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
        "batch": "第{batch}批",
        "due": "（预计{due}）",
    },
    "en": {
        "default_title": "Reform case briefing",
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
        "batch": "batch {batch}",
        "due": " (due {due})",
    },
}

KIND_NAMES = {
    "zh": {
        "time": "办理时间",
        "materials": "申请材料",
        "steps": "办事环节",
        "visits": "跑动次数",
        "cost": "费用成本",
    },
    "en": {"time": "Time", "materials": "Materials", "steps": "Steps", "visits": "Visits", "cost": "Cost"},
}

STATUS_WORDS = {
    "zh": {"implemented": "已实施", "pilot": "试点", "planned": "谋划推进"},
    "en": {"implemented": "implemented", "pilot": "pilot", "planned": "planned"},
}

#: C0 (but tab and newline), DEL, C1 and the bidi controls: not allowed in XML, or able to
#: reorder what a reader sees.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufffe\uffff]"
)


def clean(text: object) -> str:
    """Case text without control, bidi and non-characters (XML refuses most of them)."""
    return _INVISIBLE.sub("", "" if text is None else str(text))


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


def scope_line(data: dict[str, Any]) -> str:
    """本简报收录 3 个案例，来自……（2020—2023年）。"""
    years = data["years"]
    span = years[0] if len(years) == 1 else f"{years[0]}—{years[-1]}"
    if data["lang"] == "zh":
        return f"本简报收录{data['count']}个案例，来自{'、'.join(data['programs'])}（{span}年）。"
    span = span.replace("—", "–")
    return f"{data['count']} cases from {', '.join(data['programs'])} ({span})."


def meta_line(case: dict[str, Any], lang: str) -> str:
    """项目 · 第4批 · 地区 · 发布日期 · 状态 (status only when not implemented)."""
    labels = LABELS[lang]
    parts = [case["program_name"]]
    if case.get("batch") is not None:
        parts.append(labels["batch"].format(batch=case["batch"]))
    parts += [case["region_text"], zh_date(case["published"]) if lang == "zh" else case["published"]]
    status = case.get("status") or "implemented"
    if status != "implemented":
        word = STATUS_WORDS[lang].get(status, status)
        due = case.get("due")
        if due:
            word += labels["due"].format(due=zh_date(str(due)) if lang == "zh" else due)
        parts.append(word)
    return " · ".join(p for p in parts if p)


def practice_text(item: dict[str, Any]) -> tuple[str, str]:
    """(title, detail) of a practice or outcome; detail may be empty."""
    return str(item.get("title") or ""), str(item.get("detail") or "")


def change_words(bar: Bar, lang: str) -> str:
    """A bar's figure: 压缩76%, 压缩30%以上, 约压缩50%, 增加12.5% (en: −76%, over −30%)."""
    magnitude = abs(bar.pct)
    if bar.stated:
        text = format_number(magnitude)
        if bar.pct_max is not None:
            text += f"–{format_number(abs(bar.pct_max))}"
    else:
        text = format_computed(magnitude)
    if lang == "zh":
        verb = "压缩" if bar.pct < 0 else ("增加" if bar.pct > 0 else "持平")
        if bar.pct == 0:
            return verb
        prefix = "约" if bar.approx == "about" else ""
        suffix = {"over": "以上", "under": "以内"}.get(bar.approx or "", "")
        return f"{prefix}{verb}{text}%{suffix}"
    sign = "−" if bar.pct < 0 else ("+" if bar.pct > 0 else "")
    prefix = {"about": "about ", "over": "over ", "under": "under "}.get(bar.approx or "", "")
    return f"{prefix}{sign}{text}%"


def chart_title(kind: str, lang: str) -> str:
    name = KIND_NAMES[lang].get(kind, kind)
    return f"{name}变化幅度" if lang == "zh" else f"{name}: relative change"


def numbered(number: int, level: int, lang: str) -> str:
    """The number before a heading: 一、 at level 1, （一） at level 2, 1． at level 3 (zh)."""
    if lang != "zh":
        return f"{number}. "
    if level == 1:
        return f"{zh_number(number)}、"
    if level == 2:
        return f"（{zh_number(number)}）"
    return f"{number}．"


def case_parts(case: dict[str, Any], lang: str, level: int) -> list[dict[str, Any]]:
    """The numbered sub-sections of a case (主要做法, 实践效果, 数据指标, 推广与表彰, 来源)
    with their items, numbered at ``level`` (the level below the case heading)."""
    from reformkit.render.markdown import HEADINGS

    h = HEADINGS[lang]
    found: list[tuple[str, list[Any]]] = [
        ("practices", list(case.get("practices") or [])),
        ("outcomes", list(case.get("outcomes") or [])),
        ("metrics", list(case.get("metric_rows") or [])),
        ("recognition", list(case.get("recognition") or [])),
        ("source", [source_line(case, lang)]),
    ]
    kept = [(key, items) for key, items in found if items]
    return [
        {"key": key, "heading": numbered(number, level, lang) + h[key], "entries": items}
        for number, (key, items) in enumerate(kept, 1)
    ]


def lead_in(title: str, lang: str) -> str:
    """A practice's title as the bold lead of its paragraph, closed with 。 (zh) or '.'."""
    text = clean(title).strip()
    if not text or not text[-1].isalnum() and text[-1] not in "”）)」』》":
        return text
    return text + ("。" if lang == "zh" else ".")


def by_program(data: dict[str, Any]) -> list[tuple[str | None, list[dict[str, Any]]]]:
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


def zh_date(text: str) -> str:
    """2023-09-19 -> 2023年9月19日 (2021-04 -> 2021年4月, 2021 -> 2021年); other text as it is."""
    parts = str(text).split("-")
    if not all(p.isdigit() for p in parts) or not 1 <= len(parts) <= 3:
        return str(text)
    return "".join(f"{int(p)}{unit}" for p, unit in zip(parts, "年月日", strict=False))


def source_line(case: dict[str, Any], lang: str) -> str:
    """Where a case comes from, as a reader cites it: 省营商办《示范案例》，2023年9月19日.

    The archived file's name is shown only when the source names nothing else.
    """
    source = case.get("source") or {}
    publisher, title, date = source.get("publisher"), source.get("title"), source.get("date")
    if not (publisher or title):
        return str(source.get("document") or "")
    if lang == "zh":
        text = f"{publisher or ''}{f'《{title}》' if title else ''}"
        return text + (f"，{zh_date(str(date))}" if date else "")
    return ", ".join(str(p) for p in (publisher, title and f"“{title}”", date) if p)


#: The columns of a metrics table: (heading key of markdown.HEADINGS, metric_rows key).
METRIC_COLUMNS = (
    ("label", "label"),
    ("figure", "figure"),
    ("transition", "transition"),
    ("change", "change_text"),
    ("as_of", "as_of"),
)


def metric_columns(rows: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """The columns a case's metrics table needs: the label, and those with a value in some row."""
    return [
        (heading, key)
        for heading, key in METRIC_COLUMNS
        if heading == "label" or any(row.get(key) not in (None, "") for row in rows)
    ]
