"""The words for facts, in one place: regions, status, program and batch, source citations,
a briefing's scope and the fixed headings (zh and en); and, from ``wording.figures``, the
words for figures and changes.

Every renderer (terminal, Markdown, JSON text fields, CSV, report templates) words a fact
through this module, so that the same fact reads the same everywhere. The functions return
plain text; escaping for a medium (terminal, Markdown, CSV) is the renderer's job.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal

from reformkit.wording import labels
from reformkit.wording.figures import (
    METRIC_COLUMNS,
    as_of,
    change_text,
    change_words,
    computed_change,
    date_text,
    falls,
    figure,
    key_figure,
    kind_name,
    metric_line,
    metric_parts,
    metric_row,
    metric_text,
    percent,
    relative_change,
    rounded,
    rounded_number,
    stated_change,
    transition,
    unit_text,
    verb,
)

#: This module's words and those of ``wording.figures``, which it hands on.
__all__ = [
    "DEFAULT_TITLE",
    "HEADINGS",
    "Lang",
    "METRIC_COLUMNS",
    "RegionShape",
    "as_of",
    "batch",
    "case_number",
    "case_region",
    "case_source",
    "case_status",
    "change_text",
    "change_words",
    "chinese_number",
    "computed_change",
    "date_text",
    "falls",
    "figure",
    "key_figure",
    "kind_name",
    "metric_line",
    "metric_parts",
    "metric_row",
    "metric_text",
    "percent",
    "program_batch",
    "program_line",
    "program_text",
    "region",
    "relative_change",
    "rounded",
    "rounded_number",
    "scope",
    "source",
    "stated_change",
    "status",
    "transition",
    "unit_text",
    "verb",
]

Lang = labels.Lang
#: How much of a region to show: ``full`` province+city+district (海南省海口市龙华区);
#: ``local`` city+district, else the province (海口市龙华区); ``city`` the city, else the
#: province (海口市), the key cases are grouped by.
RegionShape = Literal["full", "local", "city"]

HEADINGS = labels.HEADINGS

#: The title of a briefing that was given none.
DEFAULT_TITLE: dict[str, str] = {"zh": "改革案例简报", "en": "Reform case briefing"}

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


def status(value: str | None, due: Any = None, lang: Lang = "zh") -> str:
    """``计划（期限：2020年12月）`` / ``planned (due 2020-12)``. No status is implemented."""
    code = value or "implemented"
    text = labels.STATUS[lang].get(code, code)
    if due:
        text += labels.DUE[lang].format(due=date_text(due, lang))
    return text


def case_status(case: Mapping[str, Any], lang: Lang = "zh") -> str:
    """``status`` of a case document."""
    return status(case.get("status", "implemented"), case.get("due"), lang)


def program_batch(program: str, batch: int | None) -> str:
    """``hnbiz/4`` (``hnbiz`` for a program without batches): the short key of a batch, for
    data (JSON, CSV) and English."""
    return program if batch is None else f"{program}/{batch}"


_DIGITS = "零一二三四五六七八九"


def chinese_number(number: int) -> str:
    """A count in Chinese numerals as a document writes it: 4 → 四, 12 → 十二, 20 → 二十,
    105 → 一百零五; beyond 9999 (or below 0) the digits."""
    if not 0 <= number <= 9999:
        return str(number)
    if number < 10:
        return _DIGITS[number]
    text = ""
    zero = False
    for value, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = number // value % 10
        if digit:
            text += ("零" if zero and text else "") + _DIGITS[digit] + name
            zero = False
        elif text:
            zero = True
    return text[1:] if text.startswith("一十") else text


def batch(number: int, lang: Lang = "zh") -> str:
    """``第四批`` / ``batch 4``."""
    shown = chinese_number(number) if lang == "zh" else str(number)
    return labels.WORDS[lang]["batch"].format(number=shown)


def case_number(number: int, lang: Lang = "zh") -> str:
    """``第2号`` / ``no. 2``."""
    return labels.WORDS[lang]["case_number"].format(number=number)


def program_text(program: str, batch_number: int | None, lang: Lang = "zh", *, name: str = "") -> str:
    """A program and batch for a reader: ``海南省优化营商环境示范案例第四批`` (zh, with the
    program's name from the config), ``hnbiz/4`` in English or without a name."""
    if lang != "zh" or not name:
        return program_batch(program, batch_number)
    return name + (batch(batch_number, lang) if batch_number is not None else "")


def program_line(
    program: str, batch_number: int | None, case_number_: int | None, lang: Lang = "zh", *, name: str = ""
) -> str:
    """``海南省优化营商环境示范案例 · 第四批 · 第2号`` (zh with the program's name),
    ``hnbiz · batch 4 · no. 2``: a program with the batch and number a case has."""
    text = name if lang == "zh" and name else program
    if batch_number is not None:
        text += f" · {batch(batch_number, lang)}"
    if case_number_ is not None:
        text += f" · {case_number(case_number_, lang)}"
    return text


# --- source ---------------------------------------------------------------------------------


def source(
    cited: Mapping[str, Any] | None,
    lang: Lang = "zh",
    *,
    program_name: str = "",
    batch_number: int | None = None,
    number: int | None = None,
) -> str:
    """A reader's citation: publisher, 《title》 and date as the document states them
    (``海口市政务管理局《关于…的会办意见》，2020年9月3日``).

    The internal ``document`` file name is never part of it. A source without a title is
    cited by what is known: the program's name and the case's batch and number."""
    cited = cited or {}
    words = labels.WORDS[lang]
    title = cited.get("title")
    date = date_text(cited.get("date"), lang)
    if title:
        publisher = cited.get("publisher") or ""
        if lang == "zh":
            head = f"{publisher}《{title}》"
        else:
            head = ", ".join(p for p in (publisher, f"《{title}》") if p)
        return words["clause_sep"].join(p for p in (head, date) if p)
    if not program_name and not cited.get("publisher"):
        return ""
    known = program_name or str(cited.get("publisher"))
    numbering = (
        "".join(
            p
            for p in (
                batch(batch_number, lang) if batch_number is not None else "",
                case_number(number, lang) if number is not None else "",
            )
        )
        if lang == "zh"
        else " ".join(
            p
            for p in (
                batch(batch_number, lang) if batch_number is not None else "",
                case_number(number, lang) if number is not None else "",
            )
            if p
        )
    )
    template = words["untitled_source"] if numbering else words["untitled_source_no_number"]
    text = template.format(program=known, number=numbering)
    return words["clause_sep"].join(p for p in (text, date) if p)


def case_source(case: Mapping[str, Any], lang: Lang = "zh", *, program_name: str = "") -> str:
    """``source`` of a case document (``program_name`` cites a source without a title)."""
    return source(
        case.get("source"),
        lang,
        program_name=program_name,
        batch_number=case.get("batch"),
        number=case.get("number"),
    )


# --- a briefing's scope ---------------------------------------------------------------------


def scope(count: int, programs: Sequence[str], years: Sequence[str], lang: Lang = "zh") -> str:
    """A briefing's scope as a sentence: ``本简报收录8个案例，来自…，发布于2023年。`` (the
    programs' names and the years sorted)."""
    words = labels.WORDS[lang]
    if not years:
        span = ""
    elif len(years) == 1:
        span = words["year"].format(year=years[0])
    else:
        span = words["years"].format(first=years[0], last=years[-1])
    return str(words["scope"].format(count=count, programs=words["list_sep"].join(programs), years=span))
