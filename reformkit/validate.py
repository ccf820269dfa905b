"""Validate case files: every rule, every file, one result. Nothing here prints."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from reformkit import dates
from reformkit.codes import RULES, problem
from reformkit.config import Config
from reformkit.errors import UsageError
from reformkit.library import Entry, explicit_entries, library_entries
from reformkit.loader import load_file
from reformkit.model import ERROR, WARNING, LoadedFile, Problem
from reformkit.rules import case as case_rules
from reformkit.rules import library as library_rules
from reformkit.rules import metrics as metric_rules
from reformkit.rules import structure


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
) -> ValidationResult:
    """Validate the library, or only ``paths`` (compared against the whole library)."""
    today = dates.today()
    library = [load_entry(e, config) for e in library_entries(cases_dir)]
    if paths:
        by_real = {os.path.realpath(f.path): f for f in library}
        reported = []
        for entry in explicit_entries(paths):
            known = by_real.get(os.path.realpath(entry.path))
            if known is None:
                reported.append(load_entry(entry, config))
            elif known.path == entry.display:
                reported.append(known)
            else:
                reported.append(_renamed(known, entry.display))
        # Cross-file rules see the library plus any named file from outside it.
        everything = library + [f for f in reported if os.path.realpath(f.path) not in by_real]
    else:
        reported = library
        everything = library

    found: list[Problem] = []
    for loaded in reported:
        found.extend(file_problems(loaded, config, today))
    found.extend(library_rules.check(everything, reported))

    if select:
        found = [p for p in found if p.code in select]
    if ignore:
        found = [p for p in found if p.code not in ignore]
    found.sort(key=lambda p: (p.path, p.line, p.column, p.code))
    return ValidationResult(files=len(reported), problems=found)


def _renamed(loaded: LoadedFile, display: str) -> LoadedFile:
    """The same loaded file, shown under the path the user gave."""
    from dataclasses import replace

    return LoadedFile(
        display,
        loaded.data,
        loaded.positions,
        loaded.raw_scalars,
        [replace(p, path=display) for p in loaded.problems],
    )
