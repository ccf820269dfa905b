"""Rules on one case's meaning: its id, program, tags, dates and source."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import PurePath
from typing import Any

from reformkit import dates
from reformkit.codes import problem
from reformkit.config import Config
from reformkit.model import LoadedFile, Problem, dotted
from reformkit.suggest import did_you_mean


def build_id(program: str, batch: int | None, number: int) -> str:
    """The id a case must have: ``{program}-{batch}-{number:02}`` or ``{program}-{number:02}``."""
    if batch is None:
        return f"{program}-{number:02d}"
    return f"{program}-{batch}-{number:02d}"


def check(loaded: LoadedFile, config: Config, today: date) -> Iterator[Problem]:
    data = loaded.data
    if data is None:
        return

    def at(node_path: tuple[Any, ...], code: str, message: str) -> Problem:
        line, column = loaded.locate(node_path)
        return problem(loaded.path, line, column, code, message, dotted(node_path))

    case_id = data.get("id")
    stem = PurePath(loaded.path).stem
    if isinstance(case_id, str) and case_id != stem:
        yield at(
            ("id",),
            "RK201",
            f"id '{case_id}' differs from the file name '{stem}'; rename the file to {case_id}.yaml or fix the id",
        )

    program = data.get("program")
    if isinstance(program, str) and config.programs and program not in config.programs:
        known = sorted(config.programs)
        yield at(
            ("program",),
            "RK204",
            f"program '{program}' is not in [programs] of reformkit.toml{did_you_mean(program, known)}; use one of {', '.join(known)}",
        )

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
            yield at(
                ("id",),
                "RK203",
                f"id '{case_id}' does not match program, batch and number; it should be '{expected}'",
            )

    tags = data.get("tags")
    if not tags:
        yield at(
            ("tags",) if "tags" in data else (),
            "RK210",
            "the case has no tags; add 1-4 from [vocab].tags so it can be found",
        )
    elif isinstance(tags, list) and config.tags:
        for index, tag in enumerate(tags):
            if isinstance(tag, str) and tag not in config.tags:
                yield at(
                    ("tags", index),
                    "RK205",
                    f"tag '{tag}' is not in [vocab].tags of reformkit.toml{did_you_mean(tag, list(config.tags))}; use a listed tag or add it there",
                )

    yield from _check_dates(data, at, today)

    source = data.get("source")
    if isinstance(source, dict) and "title" not in source and "document" not in source:
        yield at(("source",), "RK209", "source needs a title or a document (the source file name); add one")


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _date_fields(data: dict[str, Any]) -> Iterator[tuple[tuple[Any, ...], Any, bool]]:
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


def _check_dates(data: dict[str, Any], at: Any, today: date) -> Iterator[Problem]:
    for node_path, value, may_be_future in _date_fields(data):
        if not isinstance(value, str) or not dates.DATE_RE.match(value):
            continue  # absent, or the schema already reports its form
        why = dates.check(value)
        if why:
            yield at(node_path, "RK207", f"{dotted(node_path)} '{value}' {why}; correct the date")
        elif not may_be_future and dates.first_day(value) > today:
            yield at(
                node_path,
                "RK208",
                f"{dotted(node_path)} '{value}' is in the future (today is {today.isoformat()}); correct the date",
            )
