"""Validate case files: every rule, every file, one result. Nothing here prints."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from reformkit.case import dates
from reformkit.case.model import ERROR, WARNING, Problem
from reformkit.config import Config
from reformkit.errors import UsageError
from reformkit.library.check import FileRecord, check_file
from reformkit.library.files import Entry, explicit_entries
from reformkit.library.scan import scan
from reformkit.rules import check_library
from reformkit.rules.base import LibraryContext
from reformkit.rules.registry import enabled_codes, resolve_all

if TYPE_CHECKING:
    from reformkit.rules.thesaurus import Texts


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

    def with_files_replaced(
        self, found: dict[str, list[Problem]], enabled: frozenset[str] | None
    ) -> ValidationResult:
        """This result with the problems of the files in ``found`` replaced by ``found``'s (of
        the ``enabled`` codes): how ``--fix --diff`` shows files as they would be."""
        kept = [p for p in self.problems if p.path not in found]
        shown = [p for problems in found.values() for p in problems if enabled is None or p.code in enabled]
        ordered = sorted(kept + shown, key=lambda p: (p.path, p.line, p.column, p.code))
        return ValidationResult(files=self.files, problems=ordered)


def check_codes(codes: Sequence[str], option: str) -> tuple[str, ...]:
    """The codes that codes, prefixes (``RK3``) and rule names select; a token that names no
    rule is a usage error with a suggestion."""
    return resolve_all(codes, option)


def chosen_rules(
    config: Config, select: Sequence[str] = (), ignore: Sequence[str] = ()
) -> frozenset[str] | None:
    """The codes a run checks (None: every rule), resolved once: codes, prefixes (``RK3``) and
    rule names given for a run replace the config's ``[rules]`` lists; an unknown token is a
    usage error naming its option."""
    chosen_select = check_codes(select, "--select") if select else config.rules.select
    chosen_ignore = check_codes(ignore, "--ignore") if ignore else config.rules.ignore
    return enabled_codes(chosen_select, chosen_ignore)


def validate(
    config: Config,
    cases_dir: Path,
    paths: list[str] | None = None,
    *,
    enabled: frozenset[str] | None = None,
    use_cache: bool = True,
) -> ValidationResult:
    """Validate the library, or only ``paths`` (compared against the whole library), by the
    ``enabled`` codes (``chosen_rules``; None: every rule). Disabled rules are not run (see
    ``reformkit.library.scan.scan`` for files in the cache).
    """
    library = scan(config, cases_dir, use_cache=use_cache, with_index=False, enabled=enabled).records
    if paths:
        by_real = {os.path.realpath(r.entry.path): r for r in library}
        reported = []
        for entry in explicit_entries(paths):
            known = by_real.get(os.path.realpath(entry.path))
            if known is None:
                reported.append(check_file(entry, config, dates.today(), enabled))
            else:
                reported.append(_renamed(known, entry))
        outside = [r for r in reported if os.path.realpath(r.entry.path) not in by_real]
        strays: list[Problem] = []  # the files named are read, whatever their names
    else:
        reported = library
        outside = []
        strays = _strays(cases_dir, enabled)
        if not library and len(strays) > MANY_STRAYS:
            raise _wrong_folder(cases_dir, len(strays))

    found: list[Problem] = [p for record in reported for p in record.problems] + strays
    files = [(r.path, r.identity) for r in library + outside]
    reported_files = [(r.path, r.identity) for r in reported]
    similar = _RememberedPairs(config, cases_dir) if use_cache else None
    across = check_library(
        LibraryContext(files, reported_files, config.rules.near_duplicate, similar, enabled=enabled)
    )
    ran = enabled
    if config.rules.near_duplicate is None:  # RK212 switched off: a suppression of it is not unused
        from reformkit.rules.duplicates import NEAR_DUPLICATE
        from reformkit.rules.registry import RULES

        ran = (enabled if enabled is not None else frozenset(RULES)) - {NEAR_DUPLICATE.code}
    found.extend(_suppressed(reported, across, ran))
    if not paths and not config.thesaurus.empty:
        found.extend(_thesaurus(config, cases_dir, enabled, use_cache, library))
    found.sort(key=lambda p: (p.path, p.line, p.column, p.code))
    return ValidationResult(files=len(reported) + len(strays), problems=found)


def _thesaurus(
    config: Config,
    cases_dir: Path,
    enabled: frozenset[str] | None,
    use_cache: bool,
    library: list[FileRecord],
) -> list[Problem]:
    """The thesaurus's problems (``reformkit.rules.thesaurus``), each at the line of the entry
    (in the thesaurus file, or in reformkit.toml for an entry written there). A thesaurus of
    the wrong shape is a ConfigError.

    The verdict depends only on the thesaurus, the vocabularies and the library's valid files,
    so a run that finds all of them as the last run left them (every file's size and mtime,
    the thesaurus's bytes) reads it from the cache instead of reading the thesaurus and
    searching the index for each of its targets."""
    from reformkit.rules import thesaurus

    if enabled is not None and not enabled & {rule.code for rule in thesaurus.RULES}:
        return []
    vocabulary = (*config.tags, *config.units, *config.programs, *(p.name for p in config.programs.values()))
    stored = _VerdictCache(config, cases_dir, enabled, vocabulary, library) if use_cache else None
    if stored is not None and stored.problems is not None:
        return stored.problems
    found = _thesaurus_problems(config, cases_dir, enabled, vocabulary, use_cache, library)
    if stored is not None:
        stored.save(found)
    return found


def _thesaurus_problems(
    config: Config,
    cases_dir: Path,
    enabled: frozenset[str] | None,
    vocabulary: tuple[str, ...],
    use_cache: bool,
    library: list[FileRecord],
) -> list[Problem]:
    import re

    from reformkit.config import read_thesaurus
    from reformkit.library.files import display_path
    from reformkit.rules import thesaurus
    from reformkit.rules.base import problem

    entries = read_thesaurus(config.thesaurus)
    with _texts(config, cases_dir, use_cache, library) as index:
        findings = list(thesaurus.check(entries.phrases, entries.tags, vocabulary, index, enabled))
    texts: dict[Path, list[str]] = {}
    found = []
    for rule, table, key, message in findings:
        inline = key in (config.thesaurus.phrases if table == "phrases" else config.thesaurus.tags)
        path = config.path if inline or config.thesaurus.file is None else config.thesaurus.file
        lines = texts.setdefault(path, path.read_text("utf-8").splitlines())
        written = re.compile(r"""^\s*["']?""" + re.escape(key) + r"""["']?\s*=""")
        line, inside = 1, False
        for number, text in enumerate(lines, 1):
            if text.lstrip().startswith("["):
                inside = text.strip().replace(" ", "") == f"[thesaurus.{table}]"
            elif inside and written.match(text):
                line = number
                break
        found.append(problem(display_path(path), line, 1, rule, message, f"thesaurus.{table}.{key}"))
    return found


@contextmanager
def _texts(config: Config, cases_dir: Path, use_cache: bool, library: list[FileRecord]) -> Iterator[Texts]:
    """The library's text for the thesaurus rules: the records this run built, when it read
    every valid file itself (a cold run: no search index is built for them), else the search
    index (a warm run has one, or the next search needs it anyway), closed after use."""
    from reformkit.library.index.texts import LibraryTexts

    valid = [record.index for record in library if record.ok]
    if all(record is not None for record in valid):
        yield LibraryTexts([record for record in valid if record is not None])
        return
    with scan(config, cases_dir, use_cache=use_cache) as indexed:
        assert indexed.index is not None, "a scan with its index"
        yield indexed.index


class _VerdictCache:
    """The thesaurus's problems as the last run found them, when nothing they depend on has
    changed since (``problems`` is None otherwise, or when a file was read without a stamp)."""

    def __init__(
        self,
        config: Config,
        cases_dir: Path,
        enabled: frozenset[str] | None,
        vocabulary: tuple[str, ...],
        library: list[FileRecord],
    ) -> None:
        import hashlib

        from reformkit._version import __version__
        from reformkit.library.cache import FileCache, cache_folder, make_key
        from reformkit.library.files import display_path

        self.problems: list[Problem] | None = None
        self.part: FileCache | None = None
        stamps = sorted((r.entry.name, r.stamp, r.ok) for r in library)
        if any(stamp is None for _, stamp, _ in stamps):
            return
        settings = config.thesaurus
        try:
            written = settings.file.read_bytes() if settings.file is not None else b""
        except OSError:
            return  # read_thesaurus words the error
        key = make_key(
            __version__,
            repr(stamps),
            hashlib.sha256(written).hexdigest(),
            repr((settings.phrases, settings.tags, vocabulary, sorted(enabled or ()), enabled is None)),
            display_path(config.path),
            display_path(settings.file) if settings.file is not None else "",
        )
        self.part = FileCache(cache_folder(config.root), cases_dir, key, kind="thesaurus")
        stored = self.part.get("problems", 0, 0)
        if isinstance(stored, list):
            self.problems = [Problem(*fields) for fields in stored]

    def save(self, problems: list[Problem]) -> None:
        if self.part is not None:
            self.part.put(
                "problems",
                0,
                0,
                [[p.path, p.line, p.column, p.code, p.severity, p.message, p.field] for p in problems],
            )
            self.part.save()


class _RememberedPairs:
    """RK212's pairs of near-duplicate sketches, kept in the cache under a key of every sketch
    and the threshold: a library whose texts are as they were is not compared again (at
    10,000 cases the comparing is most of a warm validate)."""

    def __init__(self, config: Config, cases_dir: Path) -> None:
        self.root, self.cases_dir = config.root, cases_dir

    def __call__(self, sketches: Sequence[bytes], threshold: float) -> list[tuple[int, int, float]]:
        import hashlib

        from reformkit._version import __version__
        from reformkit.library.cache import FileCache, cache_folder, make_key
        from reformkit.text.sketch import similar_pairs

        digest = hashlib.sha256(repr(threshold).encode())
        for kept in sketches:
            digest.update(len(kept).to_bytes(4, "little") + kept)
        key = make_key(__version__, digest.hexdigest())
        part = FileCache(cache_folder(self.root), self.cases_dir, key, kind="near")
        stored = part.get("pairs", 0, 0)
        if isinstance(stored, list) and all(isinstance(p, tuple) and len(p) == 3 for p in stored):
            return stored
        pairs = list(similar_pairs(sketches, threshold))
        part.put("pairs", 0, 0, pairs)
        part.save()
        return pairs


#: More files than this under a cases folder that holds none is a folder that is not a library.
MANY_STRAYS = 20


def _wrong_folder(cases_dir: Path, strays: int) -> UsageError:
    """The usage error for a cases folder that holds no case file but many below it (``-C /``):
    one line, not an RK017 a file."""
    from reformkit.library.files import display_path

    return UsageError(
        f"cases folder {display_path(cases_dir)} holds no case file, and the {strays:,} .yaml or .yml "
        "files found below it are not read (the library is the .yaml files directly in the cases "
        "folder); point -C/--cases-dir or REFORMKIT_CASES_DIR at the library's cases folder"
    )


def _strays(cases_dir: Path, enabled: frozenset[str] | None) -> list[Problem]:
    """RK017 for each case-like file under the cases folder that the library does not read."""
    from reformkit.library.files import stray_files
    from reformkit.rules.base import problem
    from reformkit.rules.loading import NOT_IN_LIBRARY

    if enabled is not None and NOT_IN_LIBRARY.code not in enabled:
        return []
    return [problem(s.display, 1, 1, NOT_IN_LIBRARY, s.fix) for s in stray_files(cases_dir)]


def _suppressed(
    reported: list[FileRecord], across: list[Problem], enabled: frozenset[str] | None
) -> list[Problem]:
    """The cross-file problems no suppression silences, and RK401 for each suppression that
    silenced nothing (the single-file problems were silenced when the file was checked)."""
    from reformkit.rules.suppression import silence, unused

    by_path: dict[str, list[Problem]] = {}
    for found in across:
        by_path.setdefault(found.path, []).append(found)
    paths = {r.path for r in reported}
    kept: list[Problem] = [p for p in across if p.path not in paths]
    for record in reported:
        mine = by_path.get(record.path, [])
        if record.suppressions:
            mine, suppressions = silence(mine, list(record.suppressions))
            kept.extend(unused(record.path, suppressions, enabled))
        kept.extend(mine)
    return kept


def _renamed(record: FileRecord, entry: Entry) -> FileRecord:
    """A library file's record, shown under the path the user gave for it."""
    if record.path == entry.display:
        return record
    problems = [replace(p, path=entry.display) for p in record.problems]
    return FileRecord(
        record.entry._replace(display=entry.display),
        problems,
        record.identity,
        record.index,
        suppressions=record.suppressions,
    )
