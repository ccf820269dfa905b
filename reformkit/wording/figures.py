"""The words for a figure, in one place: numbers with their units, a metric's figure, its
transition (before → after), its change (压缩76%, 减少约95%, −30% or more) stated or computed,
its date, and the key figure of a case (zh and en). ``describe`` words every other fact and
re-exports these, so a renderer asks one module."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from reformkit.case.metrics import (
    REDUCTION_KINDS,
    computed_change_pct,
    direction,
    format_number,
    round_half_away,
)
from reformkit.wording import labels
from reformkit.wording.approx import hedged

Lang = labels.Lang



def unit_text(unit: str) -> str:
    """A unit as a reader writes it after a number: 工作日 → 个工作日 (1个工作日)."""
    return labels.UNIT_WORDS.get(unit, unit)


def figure(
    metric: Mapping[str, Any], name: str, unit: str = "", lang: Lang = "zh", *, signed: bool = False
) -> str:
    """A metric figure with its range, unit and approximation: 约20天, 3–10天, 5个工作日以内
    (en: approx. 20天, within 5个工作日, 77% or more: ``approx.hedged``).

    ``name`` is the figure's field (value, before, after, change, change_pct); an absent
    figure is the empty string. A stated figure keeps the digits the source printed;
    ``signed`` puts a ``+`` before a rise.
    """
    value = metric.get(name)
    if value is None:
        return ""
    text = format_number(value)
    if signed and isinstance(value, int | float) and value > 0:
        text = "+" + text
    upper = metric.get(f"{name}_max")
    if upper is not None:
        text += f"–{format_number(upper)}"
    approx = (metric.get("approx") or {}).get(name) or ""
    level = None if name.startswith("change") else metric.get("kind")
    return hedged(f"{text}{unit_text(unit)}", approx, lang, kind=level)


def percent(value: float | Decimal) -> str:
    """A computed percentage to one decimal, half away from zero, without a ``.0`` no source
    would print: -84.4 → ``-84.4``, -80.0 → ``-80``."""
    text = str(round_half_away(float(value)))
    return text[:-2] if text.endswith(".0") else text


def date_text(value: Any, lang: Lang = "zh") -> str:
    """A date as a reader writes it: ``2023年9月19日``, ``2023年7月``, ``2025年``; en keeps ISO."""
    if value is None or value == "":
        return ""
    text = str(value)
    if lang != "zh":
        return text
    parts = text.split("-")
    if not all(p.isdigit() for p in parts) or not 1 <= len(parts) <= 3:
        return text
    suffixes = ("年", "月", "日")
    return "".join(f"{int(p) if i else p}{suffixes[i]}" for i, p in enumerate(parts))


def kind_name(kind: str | None, lang: Lang = "zh") -> str:
    """A metric kind in the reader's language (an unknown kind as it is)."""
    return labels.KINDS[lang].get(kind or "", kind or "")


def falls(metric: Mapping[str, Any]) -> bool:
    """The figure went down: its change says so, or (no change stated) its kind is one the
    reforms reduce (time, materials, steps, visits, cost)."""
    moved = direction(dict(metric))
    return moved < 0 if moved else metric.get("kind") in REDUCTION_KINDS


def transition(metric: Mapping[str, Any], lang: Lang = "zh") -> str:
    """``before → after``; a metric with one side is worded as a level: ``降至1个工作日以内``
    (a figure that fell), ``原13个工作日`` (only ``before``), else the figure alone. Empty when
    neither is stated."""
    if "before" not in metric and "after" not in metric:
        return ""
    unit = metric.get("unit", "")
    before = figure(metric, "before", metric.get("before_unit", unit), lang)
    after = figure(metric, "after", unit, lang)
    if before and after:
        return f"{before} → {after}"
    words = labels.WORDS[lang]
    if after:
        return words["down_to"].format(figure=after) if falls(metric) else after
    return words["from"].format(figure=before)


def _signed(metric: Mapping[str, Any], name: str, unit: str, lang: Lang = "en") -> str:
    return figure(metric, name, unit, lang, signed=True)


def verb(kind: str | None, value: float | Decimal, *, relative: bool = True) -> str:
    """The Chinese verb of a change by the metric's kind and the change's sign: 压缩 (a
    relative cut of time), 缩短 (an absolute one), 减少, 降低, 提升, 增长 …; empty for no change."""
    if not value:
        return ""
    verbs = (labels.VERBS_PCT if relative else labels.VERBS_ABSOLUTE).get(
        str(kind or ""), labels.VERBS_DEFAULT
    )
    return verbs[1 if value > 0 else 0]


def _verbed(metric: Mapping[str, Any], name: str, unit: str) -> str:
    """A stated change led by a Chinese verb of its kind and sign: 压缩76%, 减少约0.3–0.5元."""
    value = metric[name]
    if not isinstance(value, int | float) or isinstance(value, bool) or value == 0:
        return figure(metric, name, unit)
    positive = {name: abs(value)}
    if f"{name}_max" in metric:
        positive[f"{name}_max"] = abs(metric[f"{name}_max"])
    shown = figure({**metric, **positive}, name, unit)
    return verb(metric.get("kind"), value, relative=name == "change_pct") + shown


def stated_change(metric: Mapping[str, Any]) -> str:
    """The stated changes, signed: ``-15天, -75%`` (a rise gets a ``+``); for data and English."""
    unit = metric.get("unit", "")
    return ", ".join(
        _signed(metric, name, shown, "zh")
        for name, shown in (("change", unit), ("change_pct", "%"))
        if name in metric
    )


def computed_change(metric: Mapping[str, Any]) -> Decimal | None:
    """The relative change computed from exact before/after, when the source states none."""
    if "change_pct" in metric:
        return None
    value = computed_change_pct(metric)
    return None if value is None else round_half_away(value)


def change_text(metric: Mapping[str, Any], lang: Lang = "zh") -> str:
    """Every change of a metric, worded: stated ones as stated, then the computed relative
    change (one decimal, half away from zero, no trailing ``.0``) marked as computed when
    none is stated. The one wording of a change every writer uses.

    zh uses verbs by kind and sign (``缩短15天，压缩75%（据前后数值计算）``); en keeps signs
    (``-15天, -75% (computed)``)."""
    unit = metric.get("unit", "")
    words = labels.WORDS[lang]
    word = _verbed if lang == "zh" else _signed
    parts = [
        word(metric, name, shown) for name, shown in (("change", unit), ("change_pct", "%")) if name in metric
    ]
    computed = computed_change(metric)
    if computed is not None:
        if lang == "zh" and computed:
            shown = f"{verb(metric.get('kind'), computed)}{percent(abs(computed))}%"
        else:
            shown = f"{'+' if computed > 0 else ''}{percent(computed)}%"
        parts.append(shown + words["computed"])
    return words["clause_sep"].join(parts)


def metric_parts(metric: Mapping[str, Any], lang: Lang = "zh") -> tuple[str, str, str]:
    """(figure, before → after, change) of a metric; each may be empty."""
    return (
        figure(metric, "value", metric.get("unit", ""), lang),
        transition(metric, lang),
        change_text(metric, lang),
    )


def as_of(metric: Mapping[str, Any], lang: Lang = "zh") -> str:
    """``（截至2023年7月）`` / `` (as of 2023-07)`` for a figure with a date, else empty."""
    if not metric.get("as_of"):
        return ""
    return labels.WORDS[lang]["as_of"].format(date=date_text(metric["as_of"], lang))


def metric_text(metric: Mapping[str, Any], lang: Lang = "zh", *, dated: bool = True) -> str:
    """A metric's figures on one line: ``20工作日 → 5工作日，压缩75%（截至2023年6月）``."""
    words = labels.WORDS[lang]
    text = words["clause_sep"].join(p for p in metric_parts(metric, lang) if p)
    dated_text = as_of(metric, lang) if dated else ""
    if dated_text and text.endswith(words["computed"]):
        # One bracket for both notes: （据前后数值计算；截至2023年）.
        inner = dated_text.strip()[len(words["open"].strip()) :]
        return text[: -len(words["close"])] + ("；" if lang == "zh" else "; ") + inner
    return text + dated_text


def key_figure(metric: Mapping[str, Any] | None, lang: Lang = "zh") -> str:
    """关键数据 worded: a key metric (``metrics.key_metrics``) led by its label, with its
    change as ``change_text`` words it: ``开办便利店办事时间压缩76%``,
    ``简易注销公告期压缩84.4%（据前后数值计算）`` (en: ``开办便利店办事时间: -76%``); a metric
    without a change by its level or figure. None is the empty string."""
    if not metric:
        return ""
    joint = "" if lang == "zh" else labels.WORDS[lang]["colon"]
    shown = (
        change_text(metric, lang)
        or transition(metric, lang)
        or figure(metric, "value", metric.get("unit", ""), lang)
    )
    return f"{metric.get('label', '')}{joint}{shown}"


def metric_line(metric: Mapping[str, Any], lang: Lang = "zh") -> str:
    """A metric as one line of plain text: ``时间（时间）：20天 → 5天，压缩75%（截至2023年）``."""
    words = labels.WORDS[lang]
    kind = f"{words['open']}{kind_name(metric.get('kind'), lang)}{words['close']}"
    return f"{metric.get('label', '')}{kind}{words['colon']}{metric_text(metric, lang)}"


#: The columns of a per-case metrics table (keys of HEADINGS), as ``metric_row`` fills them.
METRIC_COLUMNS = ("label", "kind", "figure", "transition", "change", "as_of")


def metric_row(metric: Mapping[str, Any], lang: Lang = "zh") -> list[str]:
    """One metric as the cells of METRIC_COLUMNS, plain text."""
    value, moved, change = metric_parts(metric, lang)
    return [
        str(metric.get("label", "")),
        kind_name(metric.get("kind"), lang),
        value,
        moved,
        change,
        date_text(metric.get("as_of"), lang),
    ]


def rounded(value: float) -> Decimal:
    """A computed figure (a relative change, a median) to one decimal, half away from zero."""
    return round_half_away(value)


def rounded_number(value: float | None) -> float | None:
    """``rounded`` as a JSON number (None stays None): -75.0, 12.3."""
    return None if value is None else float(round_half_away(value))


def relative_change(value: float | None) -> str:
    """A relative change in per cent, one decimal, half away from zero, no trailing ``.0``:
    ``-97.5%``, ``-98%``; None is empty."""
    return "" if value is None else f"{percent(value)}%"


def change_words(
    pct: float,
    lang: Lang = "zh",
    *,
    stated: bool = True,
    approx: str | None = None,
    upper: float | None = None,
    kind: str | None = None,
) -> str:
    """A relative change in words, as ``change_text`` words a metric's: 压缩76% (time),
    减少69% (steps), 减少约95%, 压缩20–40%, 减少77%以上, 增长12.5%, 持平
    (en: −76%, approx. −95%, −30% or more).

    A stated figure keeps its digits (and the upper end of a range); a computed one has one
    decimal, half away from zero, without a trailing ``.0``. ``kind`` picks the verb.
    """
    magnitude = abs(pct)
    if stated:
        text = format_number(magnitude)
        if upper is not None:
            text += f"–{format_number(abs(upper))}"
    else:
        text = percent(magnitude)
    if lang == "zh":
        if pct == 0:
            return "持平"
        verb_text = verb(kind, pct) if kind else ("压缩" if pct < 0 else "增加")
        return verb_text + hedged(f"{text}%", approx, lang)
    sign = "−" if pct < 0 else ("+" if pct > 0 else "")
    return hedged(f"{sign}{text}%", approx, lang)
