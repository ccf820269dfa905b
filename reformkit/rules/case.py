"""Rules on one case's meaning: its id, program, tags, dates and source."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import PurePath
from typing import Any

from reformkit.case import dates
from reformkit.case.model import ERROR, WARNING, NodePath, Problem, dotted
from reformkit.rules.base import FileContext, Rule
from reformkit.text.suggest import did_you_mean

ID_NOT_STEM = Rule("RK201", "id-not-stem", ERROR, "id differs from the file name")
ID_NOT_BUILT = Rule("RK203", "id-not-built", ERROR, "id is not {program}-{batch}-{number:02}")
UNKNOWN_PROGRAM = Rule("RK204", "unknown-program", ERROR, "program is not in reformkit.toml [programs]")
UNKNOWN_TAG = Rule("RK205", "unknown-tag", ERROR, "a tag is not in reformkit.toml [vocab].tags")
IMPOSSIBLE_DATE = Rule(
    "RK207", "impossible-date", ERROR, "a date that does not exist (2021-02-30) or lies outside 1949..2100"
)
FUTURE_DATE = Rule("RK208", "future-date", ERROR, "a published, source or as_of date in the future")
SOURCE_INCOMPLETE = Rule("RK209", "source-incomplete", ERROR, "source has neither title nor document")
NO_TAGS = Rule("RK210", "no-tags", WARNING, "the case has no tags")

RULES: tuple[Rule, ...] = (
    ID_NOT_STEM,
    ID_NOT_BUILT,
    UNKNOWN_PROGRAM,
    UNKNOWN_TAG,
    IMPOSSIBLE_DATE,
    FUTURE_DATE,
    SOURCE_INCOMPLETE,
    NO_TAGS,
)


def build_id(program: str, batch: int | None, number: int) -> str:
    """The id a case must have: ``{program}-{batch}-{number:02}`` or ``{program}-{number:02}``."""
    if batch is None:
        return f"{program}-{number:02d}"
    return f"{program}-{batch}-{number:02d}"


def check(ctx: FileContext) -> Iterator[Problem]:
    """The enabled rules on the case's id, program, tags, dates and source, in that order."""
    data = ctx.data
    if ctx.on(ID_NOT_STEM):
        yield from _id_matches_file(ctx, data)
    if ctx.on(UNKNOWN_PROGRAM):
        yield from _program_known(ctx, data)
    if ctx.on(ID_NOT_BUILT):
        yield from _id_built(ctx, data)
    if ctx.on(NO_TAGS):
        yield from _has_tags(ctx, data)
    if ctx.on(UNKNOWN_TAG):
        yield from _tags_known(ctx, data)
    if ctx.on(IMPOSSIBLE_DATE) or ctx.on(FUTURE_DATE):
        yield from _dates_sound(ctx, data)
    if ctx.on(SOURCE_INCOMPLETE):
        yield from _source_complete(ctx, data)


def _id_matches_file(ctx: FileContext, data: dict[str, Any]) -> Iterator[Problem]:
    case_id = data.get("id")
    stem = PurePath(ctx.loaded.path).stem
    if isinstance(case_id, str) and case_id != stem:
        yield ctx.at(
            ("id",),
            ID_NOT_STEM,
            f"id '{case_id}' differs from the file name '{stem}'; rename the file to {case_id}.yaml or fix the id",
        )


def _program_known(ctx: FileContext, data: dict[str, Any]) -> Iterator[Problem]:
    program = data.get("program")
    programs = ctx.config.programs
    if isinstance(program, str) and programs and program not in programs:
        known = sorted(programs)
        yield ctx.at(
            ("program",),
            UNKNOWN_PROGRAM,
            f"program '{program}' is not in [programs] of reformkit.toml{did_you_mean(program, known)}; use one of {', '.join(known)}",
        )


def _id_built(ctx: FileContext, data: dict[str, Any]) -> Iterator[Problem]:
    case_id = data.get("id")
    program = data.get("program")
    batch: Any = data.get("batch")
    number: Any = data.get("number")
    if (
        isinstance(case_id, str)
        and isinstance(program, str)
        and _is_int(number)
        and (batch is None or _is_int(batch))
    ):
        expected = build_id(program, batch, int(number))
        if case_id != expected:
            yield ctx.at(
                ("id",),
                ID_NOT_BUILT,
                f"id '{case_id}' does not match program, batch and number; it should be '{expected}'",
            )


def _has_tags(ctx: FileContext, data: dict[str, Any]) -> Iterator[Problem]:
    if not data.get("tags"):
        yield ctx.at(
            ("tags",) if "tags" in data else (),
            NO_TAGS,
            "the case has no tags; add 1-4 from [vocab].tags so it can be found",
        )


def _tags_known(ctx: FileContext, data: dict[str, Any]) -> Iterator[Problem]:
    tags = data.get("tags")
    known = ctx.config.tags
    if not tags or not isinstance(tags, list) or not known:
        return
    for index, tag in enumerate(tags):
        if isinstance(tag, str) and tag not in known:
            yield ctx.at(
                ("tags", index),
                UNKNOWN_TAG,
                f"tag '{tag}' is not in [vocab].tags of reformkit.toml{did_you_mean(tag, list(known))}; use a listed tag or add it there",
            )


def _source_complete(ctx: FileContext, data: dict[str, Any]) -> Iterator[Problem]:
    source = data.get("source")
    if isinstance(source, dict) and "title" not in source and "document" not in source:
        yield ctx.at(
            ("source",),
            SOURCE_INCOMPLETE,
            "source needs a title or a document (the source file name); add one",
        )


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _date_fields(data: dict[str, Any]) -> Iterator[tuple[NodePath, Any, bool]]:
    """(path, value, may_be_future) for every date in a case."""
    yield ("published",), data.get("published"), False
    yield ("due",), data.get("due"), True
    source = data.get("source")
    if isinstance(source, dict):
        yield ("source", "date"), source.get("date"), False
    metrics = data.get("metrics")
    if isinstance(metrics, list):
        for index, metric in enumerate(metrics):
            if isinstance(metric, dict):
                yield ("metrics", index, "as_of"), metric.get("as_of"), False


def full_width_dates(data: Any) -> dict[NodePath, str]:
    """The dates written with full-width digits (``２０２３-09-19``), each with its ASCII form."""
    if not isinstance(data, dict):
        return {}
    return {
        node_path: "".join(chr(ord(c) - 0xFEE0) if "\uff10" <= c <= "\uff19" else c for c in value)
        for node_path, value, _ in _date_fields(data)
        if isinstance(value, str) and not value.isascii() and dates.DATE_RE.match(value)
    }


def findings_change_on(data: Any, today: date) -> str | None:
    """The first day after ``today`` on which a check of this case can find otherwise (ISO;
    None: never): the day the earliest of its dates that RK208 finds in the future stops being
    so. Every other finding is the same on any day, so a cached check stays good until then.
    The dates are those ``_dates_sound`` compares with today (well formed, possible, in ASCII
    digits, of a field that may not lie in the future)."""
    if not isinstance(data, dict):
        return None
    full_width = full_width_dates(data)
    days = [
        dates.first_day(value)
        for node_path, value, may_be_future in _date_fields(data)
        if not may_be_future
        and node_path not in full_width
        and isinstance(value, str)
        and dates.DATE_RE.match(value)
        and not dates.check(value)
    ]
    future = [day for day in days if day > today]
    return min(future).isoformat() if future else None


def _dates_sound(ctx: FileContext, data: dict[str, Any]) -> Iterator[Problem]:
    """RK207 for a date that does not exist (or is written in full-width digits, one problem
    for the whole date), else RK208 for one in the future."""
    today = ctx.today
    full_width = full_width_dates(data)
    for node_path, value, may_be_future in _date_fields(data):
        if node_path in full_width:
            if ctx.on(IMPOSSIBLE_DATE):
                yield ctx.at(
                    node_path,
                    IMPOSSIBLE_DATE,
                    f"{dotted(node_path)} '{value}' is written with full-width digits; write "
                    f"'{full_width[node_path]}' (`reformkit validate --fix` fixes it)",
                )
            continue
        if not isinstance(value, str) or not dates.DATE_RE.match(value):
            continue  # absent, or the schema already reports its form
        why = dates.check(value)
        if why:
            if ctx.on(IMPOSSIBLE_DATE):
                yield ctx.at(
                    node_path, IMPOSSIBLE_DATE, f"{dotted(node_path)} '{value}' {why}; correct the date"
                )
        elif not may_be_future and ctx.on(FUTURE_DATE) and dates.first_day(value) > today:
            yield ctx.at(
                node_path,
                FUTURE_DATE,
                f"{dotted(node_path)} '{value}' is in the future; correct the date",
            )
