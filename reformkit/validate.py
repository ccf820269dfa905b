"""Validate case files: every rule, every file, one result. Nothing here prints."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from reformkit import dates
from reformkit.codes import RULES, problem
from reformkit.config import Config
from reformkit.errors import UsageError
from reformkit.library import Entry, explicit_entries
from reformkit.loader import load_file
from reformkit.model import ERROR, WARNING, LoadedFile, Problem
from reformkit.rules import case as case_rules
from reformkit.rules import library as library_rules
from reformkit.rules import metrics as metric_rules
from reformkit.rules import structure
from reformkit.store import FileRecord


@dataclass
class ValidationResult:
    files: int
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.severity == ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for p in self.problems if p.severity == WARNING)

    def failed(self, *, strict: bool = False) -> bool:
        return self.errors > 0 or (strict and self.warnings > 0)


def check_codes(codes: tuple[str, ...] | list[str], option: str) -> tuple[str, ...]:
    """Refuse rule codes that do not exist (a usage error)."""
    for code in codes:
        if code not in RULES:
            raise UsageError(
                f"{option} {code!r}: no such rule code; the codes are listed by `reformkit validate --help` and in the README"
            )
    return tuple(codes)


def load_entry(entry: Entry, config: Config) -> LoadedFile:
    loaded = load_file(
        entry.path,
        entry.display,
        max_bytes=config.rules.max_file_bytes,
        max_depth=config.rules.max_depth,
    )
    if entry.outside:
        loaded.problems.insert(
            0,
            problem(
                entry.display,
                1,
                1,
                "RK014",
                "is a symlink leading outside the cases folder; copy the file in or remove the link",
            ),
        )
        loaded.data = None
    return loaded


def file_problems(loaded: LoadedFile, config: Config, today: date) -> list[Problem]:
    """Every single-file problem of a loaded file."""
    found = list(loaded.problems)
    if loaded.data is not None:
        found.extend(structure.check(loaded))
        found.extend(case_rules.check(loaded, config, today))
        found.extend(metric_rules.check(loaded, config))
    return found


def validate(
    config: Config,
    cases_dir: Path,
    paths: list[str] | None = None,
    *,
    select: tuple[str, ...] = (),
    ignore: tuple[str, ...] = (),
    use_cache: bool = True,
) -> ValidationResult:
    """Validate the library, or only ``paths`` (compared against the whole library)."""
    from reformkit.store import check_file, scan

    library = scan(config, cases_dir, use_cache=use_cache, with_index=False).records
    if paths:
        by_real = {os.path.realpath(r.entry.path): r for r in library}
        reported = []
        for entry in explicit_entries(paths):
            known = by_real.get(os.path.realpath(entry.path))
            if known is None:
                reported.append(check_file(entry, config, dates.today()))
            else:
                reported.append(_renamed(known, entry))
        outside = [r for r in reported if os.path.realpath(r.entry.path) not in by_real]
    else:
        reported = library
        outside = []

    found: list[Problem] = [p for record in reported for p in record.problems]
    found.extend(
        library_rules.check(
            [(r.path, r.identity) for r in library + outside],
            [(r.path, r.identity) for r in reported],
        )
    )
    if select:
        found = [p for p in found if p.code in select]
    if ignore:
        found = [p for p in found if p.code not in ignore]
    found.sort(key=lambda p: (p.path, p.line, p.column, p.code))
    return ValidationResult(files=len(reported), problems=found)


def _renamed(record: FileRecord, entry: Entry) -> FileRecord:
    """A library file's record, shown under the path the user gave for it."""
    if record.path == entry.display:
        return record
    problems = [replace(p, path=entry.display) for p in record.problems]
    return FileRecord(record.entry._replace(display=entry.display), problems, record.identity, record.index)
