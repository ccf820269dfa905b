"""Helpers for the rule-family unit tests: a LoadedFile from a YAML string, a context, findings."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from reformkit.case.model import LoadedFile, Problem
from reformkit.config import Config, parse_config
from reformkit.library.loader import load_file, parse_text
from reformkit.rules.base import FileContext

from .conftest import DATA

TODAY = date(2026, 11, 21)
PATH = "cases/t-4-01.yaml"

VALID = """\
id: t-4-01
title: 标题
program: t
batch: 4
number: 1
published: 2023-09-19
region: {province: 海南省}
tags: [政务服务]
practices: [{title: 做法}]
source: {document: a.txt}
"""


def config() -> Config:
    return parse_config(DATA / "reformkit.toml")


def loaded(text: str, path: str = PATH) -> LoadedFile:
    """``text`` (dedented) read by the loader as the file at ``path``."""
    result = LoadedFile(path, None)
    parse_text(textwrap.dedent(text), result)
    return result


def loaded_bytes(tmp_path: Path, data: bytes, **limits: int) -> LoadedFile:
    target = tmp_path / "t-4-01.yaml"
    target.write_bytes(data)
    return load_file(str(target), PATH, **limits)


def context(
    text: str, *, path: str = PATH, enabled: Iterable[str] | None = None, today: date = TODAY
) -> FileContext:
    return FileContext(
        loaded(text, path), config(), today, enabled=None if enabled is None else frozenset(enabled)
    )


def found(problems: Iterable[Problem]) -> list[tuple[str, int, int, str, str]]:
    """(code, line, column, field, message) of each problem, in order."""
    return [(p.code, p.line, p.column, p.field, p.message) for p in problems]


def codes(problems: Iterable[Problem]) -> list[str]:
    return [p.code for p in problems]
