"""Read the figures a Chinese document states: numbers with their units, roles and hedges.

``read_figures(text)`` finds Arabic numbers (``582``, ``1.5``, ``1,451``) and Chinese numerals
followed by a measure word (``五次``, ``两个``, ``十二批``, ``九成``), with

- the multiplier kept in the unit (``582万笔``: 582, ``万笔``; ``3.82亿元``: 3.82, ``亿元``);
- the role the sentence gives it: ``由X压缩至Y``/``从X减少到Y`` make X ``before`` and Y ``after``;
  ``压缩X%`` a negative ``change_pct``, ``提升X%`` a positive one; ``减少X天`` a ``change``;
  ``提升X个百分点`` a ``change`` in ``个百分点``; ``X成`` tenths; otherwise a ``value``;
- the hedge: 约/近/左右 (``about``), 以上/超/多/余 (``over``), 以内/不到 (``under``).

What is not a figure is left out and said why (``skipped``): dates (``2021年4月10日``, ``3月``),
ordinals and enumerators (``第十二批``, ``案例一``, ``(一)``, ``1.`` at a line's start,
``一是``), and numbers inside quotation marks or a title (``“最多跑一次”``, ``《…2020年…》``),
which are parts of names. A lone 一 (一窗, 一个门) is an article, not a figure.

The reader computes nothing: every number is as printed, only its role and hedge are read.
Text is read as given; fold traditional characters and width first (``reformkit.text.fold``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reformkit.text.numerals import (
    CHINESE_DIGITS,
    CHINESE_UNITS,
    MULTIPLIERS,
    TIME_MEASURES,
    UNITS,
    chinese_number,
)

__all__ = ["MULTIPLIERS", "Figure", "Skipped", "chinese_number", "read_figures", "scan_numbers"]

_UNIT_ALTERNATION = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
#: Units a Chinese numeral must be followed by to be read as a figure (a date word is not one).
_CHINESE_MEASURES = frozenset(UNITS) - {"年", "日", "分", "秒", "米", "%", "％", "‰", "元/千瓦时"}

_ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_CHINESE = "[零〇一二两三四五六七八九十百千万亿]+"
_NUMBER = re.compile(
    rf"(?P<num>{_ARABIC}|{_CHINESE})(?P<mult>[万亿千百](?![分米瓦]))?(?P<hedge_after_num>余|多)?[ \t]?"
    rf"(?:(?P<unit>{_UNIT_ALTERNATION})(?P<per>/(?:分钟|小时|天|秒|人|户|次|件|年|月))?)?(?P<joined>门|庭|别|型)?"
)
_QUOTED = re.compile(r"“[^”\n]*”|《[^》\n]*》|「[^」\n]*」|\"[^\"\n]*\"")
_ENUMERATOR = re.compile(
    r"(?m)^[ \t\u3000]*\d{1,2}(?=[ \t\u3000]|$)"
    r"|(?:^[ \t\u3000]*|(?<=[\s。；;:：!！?？，,]))(?:\d{1,2}[.、．](?!\d{1,2}[^\d])"
    r"|[(（]\s*(?:[一二三四五六七八九十]+|\d{1,2})\s*[)）]|[一二三四五六七八九十]+[、是])"
)
_DATE = re.compile(
    r"(?:19|20)\d{2}\s*(?:[-/.](?:0?[1-9]|1[0-2])(?:[-/.](?:[0-2]?\d|3[01]))?(?![\d.])|年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?)?)"
    r"|(?<![\d.])\d{1,2}\s*月\s*(?:\d{1,2}\s*[日号])?"
)
#: Numbers that name something: a hotline (12345), customs regimes (9610, 9710, 9810, 1210),
#: 7×24, 5G, T2, B2B; ratios (2.06:1) are not figures either.
_NAME_NUMBER = re.compile(
    r"12345(?!\d)|(?<!\d)(?:9610|9710|9810|1210)(?!\d)|\d+\s*[x×*]\s*\d+|[a-zA-Z]\d+|\d+[a-zA-Z]|\d+(?:\.\d+)?[:：]\d+(?:\.\d+)?"
)

_REDUCE = ("压缩", "缩短", "提前", "减少", "降低", "下降", "精简", "节省", "节约", "减免", "少跑", "缩减", "降幅", "压减", "压降")
_RAISE = ("提升", "提高", "增加", "增长", "增幅", "上升", "同比增长", "提速")
_ABOUT_BEFORE = ("约", "近", "大约", "接近", "将近")
#: Words that end in 约 or 近 and hedge nothing: 节约400万元 is the amount saved.
_NOT_ABOUT = frozenset(("节约", "制约", "预约", "签约", "履约", "集约", "最近", "附近"))
_OVER_BEFORE = ("超过", "超", "逾")
_UNDER_BEFORE = ("不到", "不足", "低于")


@dataclass(frozen=True)
class Figure:
    """One figure as printed: its number, unit and where it is in the text."""

    number: float
    printed: str  # the whole match: 1.5万笔, 五次, 98%
    unit: str  # the multiplier kept: 万笔, 亿元, %, 个百分点, 成
    start: int
    end: int
    role: str = "value"  # value | before | after | change | change_pct
    sign: int = 0  # -1 a reduction, +1 a rise, 0 not stated
    approx: str = ""  # about | over | under | ""

    @property
    def scaled(self) -> float:
        """The number times its unit's multiplier (1.5万 -> 15000)."""
        factor = MULTIPLIERS.get(self.unit[:1], 1.0) if self.unit[:1] in MULTIPLIERS else 1.0
        return self.number * factor


@dataclass(frozen=True)
class Skipped:
    """A number that is not a figure, and why: date, ordinal, enumerator, name."""

    printed: str
    start: int
    reason: str


def read_figures(text: str) -> list[Figure]:
    """Every figure of ``text``, in order, with its role (see the module docstring)."""
    figures = [f for f in scan_numbers(text) if isinstance(f, Figure)]
    return _assign_roles(text, figures)


def scan_numbers(text: str) -> list[Figure | Skipped]:
    """Every number of ``text``: a ``Figure``, or ``Skipped`` with the reason it is not one."""
    names = [(m.start(), m.end()) for m in _QUOTED.finditer(text)]
    found: list[Figure | Skipped] = []
    masked = list(text)
    for pattern, reason in ((_DATE, "date"), (_ENUMERATOR, "enumerator"), (_NAME_NUMBER, "part of a name")):
        for m in pattern.finditer("".join(masked)):
            if any(ch.isdigit() or ch in CHINESE_DIGITS or ch in CHINESE_UNITS for ch in m.group()):
                found.append(Skipped(m.group().strip(), m.start(), reason))
                masked[m.start() : m.end()] = " " * (m.end() - m.start())
    enumerators: set[int] = set()
    for match in _NUMBER.finditer("".join(masked)):
        item = _read(text, match, names, enumerators)
        if item is not None:
            found.append(item)
    return sorted(found, key=lambda item: item.start)


def _read(
    text: str, match: re.Match[str], names: list[tuple[int, int]], enumerators: set[int]
) -> Figure | Skipped | None:
    raw, start, end = match.group("num"), match.start(), match.end()
    unit = (match.group("mult") or "") + (match.group("unit") or "")
    if match.group("unit") and match.group("per"):  # 1000条/分钟: a rate per unit of time
        unit += match.group("per")
    chinese = not raw[0].isdigit()
    if match.group("joined"):  # 三部门, 两家庭: the measure word is part of a word
        unit = match.group("mult") or ""
        if chinese:
            return None
    if chinese:
        measure = match.group("unit") or ""
        value = chinese_number(raw)
        if raw in ("百", "千", "万", "亿") and text[max(0, start - 1) : start] not in (
            "近",
            "约",
            "超",
            "逾",
            "上",
        ):
            return None  # 千家万户, 百姓: a word, unless hedged as a figure (近万吨, 近百个)
        if value is None or measure not in _CHINESE_MEASURES and not match.group("mult"):
            return None
        if value == 1 and len(raw) == 1 and measure not in TIME_MEASURES:
            return Skipped(match.group(), start, "article")  # 一个门, 一次; but 一个月 is a span
        if not measure and match.group("mult"):
            return None
        number = float(value)
        if raw in ("万", "亿") and measure:  # 近万吨: one of that multiplier, as printed
            number, unit = 1.0, raw + measure
    else:
        number = float(raw.replace(",", ""))
    printed = match.group()
    before_text = text[max(0, start - 12) : start]
    after_text = text[end : end + 4]
    reason = _not_a_figure(text, match, chinese, names, enumerators, unit)
    if reason:
        return Skipped(printed, start, reason)
    return Figure(number, printed, unit, start, end, "value", 0, _hedge(before_text, after_text, match))


def _not_a_figure(
    text: str,
    match: re.Match[str],
    chinese: bool,
    names: list[tuple[int, int]],
    enumerators: set[int],
    unit: str,
) -> str:
    start, end = match.start(), match.end()
    raw = match.group("num")
    if any(a < start < b for a, b in names):
        return "part of a name"
    if start > 0 and text[start - 1] in "第案例":
        return "ordinal"
    if text[max(0, start - 2) : start] == "案例":
        return "ordinal"
    if end - 1 in enumerators or (match.start() + len(raw) - 1) in enumerators:
        return "enumerator"
    follow = text[start + len(raw) : start + len(raw) + 3].lstrip()[:2]
    if not chinese:
        if follow[:1] == "年" and len(raw) == 4 and raw[:2] in ("19", "20"):
            return "date"
        if follow[:1] and follow[:1] in "月日号" or (follow[:1] == "时" and follow != "时间"):
            return "date"
        if len(raw) == 4 and re.match(r"([-/])\d{1,2}\1\d{1,2}(?!\d)", text[start + len(raw) :]):
            return "date"
    return ""


_CLAUSE_END = re.compile(r"[，。；,;：:！？!?\n]")
_SENTENCE_END = re.compile(r"[。；;！？!?\n]")
_TO = re.compile(r"(?:至|到|为|成)(?:原|约|近|了)?$")
_FROM = re.compile(r"(?:由|从|原来|原先|原|过去)")
_RANGE = re.compile(r"^\s*(?:至|到|-|－|~|～|—)\s*$")
#: 下降至0.2%, 减少到2次, 减少为7项: a change verb with 至/到/为 names the level reached.
_TO_LEVEL = re.compile(
    r"(?:压缩|缩短|缩减|压减|精简|减少|降低|下降|减|降|提升|提高|增加|增长|上升|扩大)(?:至|到|为)(?:了|约|近)?$"
)
#: 比同期高16.79%, 较上年少3天: a comparison states a change.
_COMPARED = re.compile(r"[比较][^，。；,;]{0,16}?([高多低少快慢])了?$")
#: Saving verbs (节约利息和保费支出约4200万元): what the clause goes on to state is the amount saved.
_SAVING = ("节约", "节省", "减免")
#: 仅需1.04个小时, 最快30分钟: the time a step takes now.
_ONLY = re.compile(r"(?:最快|最短|仅需|只需|仅用|只要|仅要)(?:要|在)?$")
#: 此前…需要72小时: a sentence that opens on the past states the time before.
_FORMERLY = re.compile(r"^\s*(?:此前|以前|过去|以往|原先|原来)")
_TIME_UNITS = ("天", "工作日", "个工作日", "小时", "个小时", "分钟", "秒", "个月", "周")


def _clause_prefix(text: str, start: int) -> str:
    """The words of the figure's clause before it; spaces before the number (由 5 个工作日, as
    text extracted from a PDF has them) set aside."""
    head = text[max(0, start - 40) : start]
    return _CLAUSE_END.split(head)[-1].rstrip(" \t\u3000")


def _same_measure(first: str, second: str) -> bool:
    """Whether a before and an after can be one quantity (天 and 小时 can; 种 and % cannot)."""
    first, second = first.removeprefix("个"), second.removeprefix("个")
    return not first or not second or first == second or {first, second} <= set(_TIME_UNITS)


def _assign_roles(text: str, figures: list[Figure]) -> list[Figure]:
    """Roles from the words around each figure: 由X…至Y, 压缩X%, 提升X个百分点, X至Y天."""
    from dataclasses import replace

    out = list(figures)
    for i, fig in enumerate(out[:-1]):  # 0.3-0.5元: the low end is in the high end's unit
        if not fig.unit and _RANGE.match(text[fig.end : out[i + 1].start]):
            out[i] = replace(fig, unit=out[i + 1].unit)
    for i, fig in enumerate(out):
        prefix = _clause_prefix(text, fig.start)
        if i and _RANGE.match(text[out[i - 1].end : fig.start]) and out[i - 1].role.find("_max") < 0:
            low = out[i - 1]
            if not low.unit:
                out[i - 1] = replace(low, unit=fig.unit)
            out[i] = replace(fig, role=out[i - 1].role + "_max", sign=out[i - 1].sign)
            continue
        base = i - 2 if i >= 2 and out[i - 1].role == "value_max" else i - 1
        if base >= 0 and _paired(text, out[base], fig, prefix):
            out[base] = replace(out[base], role="before")
            if base == i - 2:
                out[i - 1] = replace(out[i - 1], role="before_max")
            out[i] = replace(fig, role="after")
            continue
        out[i] = _alone(text, fig, prefix, out[i - 1] if i else None)
        if out[i].role == "change" and i and _by_from(text, out[i - 1], fig):
            out[i - 1] = replace(out[i - 1], role="before")  # 由原来13个工作日缩短7个工作日
    return out


def _paired(text: str, base: Figure, fig: Figure, prefix: str) -> bool:
    """由X压缩至Y, 从X减少到Y: in one sentence, of one measure."""
    between = text[base.end : fig.start]
    return bool(
        _TO.search(prefix[-4:])
        and base.role in ("value", "before")
        and not _SENTENCE_END.search(between)
        and _same_measure(base.unit, fig.unit)
        and _FROM.search(_clause_prefix(text, base.start) + between)
    )


def _by_from(text: str, before: Figure, change: Figure) -> bool:
    between = text[before.end : change.start]
    return before.role == "value" and len(between) <= 4 and not _CLAUSE_END.search(between) and bool(
        _FROM.search(_clause_prefix(text, before.start)[-6:])
    ) and _same_measure(before.unit, change.unit)


def _alone(text: str, fig: Figure, prefix: str, previous: Figure | None) -> Figure:
    """The role of a figure no other figure pairs with."""
    from dataclasses import replace

    if previous is not None and previous.end > fig.start - len(prefix):
        prefix = text[previous.end : fig.start].rstrip(" \t\u3000")  # the words since the last figure
    sign = _sign(prefix[-12:]) or (-1 if any(w in prefix for w in _SAVING) else 0)
    compared = _COMPARED.search(prefix)
    if compared and not sign:  # 快3天 is 3 days less; 快10% a rise
        faster = compared.group(1) in "快慢" and fig.unit in _TIME_UNITS
        sign = (1 if compared.group(1) in "高多快" else -1) * (-1 if faster else 1)
    if _TO_LEVEL.search(prefix[-6:]):
        return replace(fig, role="after")
    if fig.unit.endswith("个百分点"):
        return replace(fig, role="change", sign=sign)
    if sign and fig.unit in ("%", "％"):
        return replace(fig, role="change_pct", sign=sign)
    if sign and fig.unit and _FROM.search(prefix) is None:
        return replace(fig, role="change", sign=sign)
    joined = previous is not None and text[previous.end : fig.start].strip() == "、"
    if joined and previous is not None and previous.role == "change" and fig.unit:
        return replace(fig, role="change", sign=previous.sign)  # 节约400万元、105天
    if fig.number == 0 and not fig.unit and "\u4e00" <= text[fig.end : fig.end + 1] <= "\u9fff":
        return replace(fig, role="after")  # 0材料, 0跑腿: the state a reform reaches
    if fig.unit in _TIME_UNITS:
        within = text[fig.end : fig.end + 1] == "内"
        if within or _ONLY.search(prefix[-4:]):
            return replace(fig, role="after", approx=fig.approx or ("under" if within else ""))
        sentence = _SENTENCE_END.split(text[max(0, fig.start - 160) : fig.start])[-1]
        if _FORMERLY.search(sentence):
            return replace(fig, role="before")
    return fig


def _sign(words: str) -> int:
    if any(w in words for w in _REDUCE):
        return -1
    if any(w in words for w in _RAISE):
        return 1
    return 0


def _hedge(before: str, after: str, match: re.Match[str]) -> str:
    if match.group("hedge_after_num") or after.startswith(("以上", "多", "余")):
        return "over"
    if after.startswith(("以内", "以下")):
        return "under"
    if after.startswith("左右"):
        return "about"
    near = before[-2:]
    if near.endswith(_UNDER_BEFORE) or before[-2:] in _UNDER_BEFORE:
        return "under"
    if near.endswith(_OVER_BEFORE):
        return "over"
    if near.endswith(_ABOUT_BEFORE) and near not in _NOT_ABOUT:
        return "about"
    return ""
