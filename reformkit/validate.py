"""Validate case files: every rule, every file, one result. Nothing here prints."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from reformkit import dates
from reformkit.codes import RULES
from reformkit.config import Config
from reformkit.errors import UsageError
from reformkit.library.files import Entry, explicit_entries
from reformkit.library.scan import FileRecord, check_file, scan
from reformkit.model import ERROR, WARNING, Problem
from reformkit.rules import library as library_rules


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
