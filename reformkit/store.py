"""Read the whole library once per run: per-file problems and index records, cached.

``scan`` is what every command reads the library through. A file's single-file problems and
its search record come from the cache when the file is unchanged; otherwise the file is
loaded and checked again. Cross-file rules run on every scan (see ``reformkit.validate``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from reformkit import __version__, dates
from reformkit.config import Config
from reformkit.library import Entry, library_entries
from reformkit.model import ERROR, LoadedFile, Problem


@dataclass
class Identity:
    """What the cross-file rules need of a file: its id and related ids, with positions."""

    id: str | None = None
    id_position: tuple[int, int] = (1, 1)
    related: list[tuple[str, int, int]] = field(default_factory=list)


@dataclass
class FileRecord:
    """One library file as a scan sees it."""

    entry: Entry
    problems: list[Problem]
    identity: Identity
    index: dict[str, Any] | None  # None when the file has errors

    @property
    def path(self) -> str:
        return self.entry.display

    @property
    def ok(self) -> bool:
        return self.index is not None


@dataclass
class Scan:
    records: list[FileRecord]
    cache_state: str = "off"

    def valid(self) -> list[FileRecord]:
        return [r for r in self.records if r.ok]

    def skipped(self) -> list[FileRecord]:
        return [r for r in self.records if not r.ok]


def identity_of(loaded: LoadedFile) -> Identity:
    data = loaded.data
    if not data:
        return Identity()
    case_id = data.get("id")
    related = []
    raw = data.get("related")
    if isinstance(raw, list):
        for index, other in enumerate(raw):
            if isinstance(other, str):
                related.append((other, *loaded.locate(("related", index))))
    return Identity(
        case_id if isinstance(case_id, str) else None,
        loaded.locate(("id",)),
        related,
    )


def check_file(entry: Entry, config: Config, today: date) -> FileRecord:
    """Load one file and run every single-file rule on it."""
    from reformkit.index import build_record
    from reformkit.validate import file_problems, load_entry

    loaded = load_entry(entry, config)
    problems = file_problems(loaded, config, today)
    has_error = any(p.severity == ERROR for p in problems)
    index = None if has_error or loaded.data is None else build_record(loaded.data)
    return FileRecord(entry, problems, identity_of(loaded), index)


def _encode(record: FileRecord) -> tuple[Any, ...]:
    problems = [(p.line, p.column, p.code, p.severity, p.message, p.field) for p in record.problems]
    ident = record.identity
    return (problems, (ident.id, list(ident.id_position), [list(r) for r in ident.related]), record.index)


def _decode(entry: Entry, value: Any) -> FileRecord:
    problems_raw, ident_raw, index = value
    problems = [Problem(entry.display, *p) for p in problems_raw]
    case_id, id_position, related = ident_raw
    identity = Identity(case_id, (id_position[0], id_position[1]), [(r[0], r[1], r[2]) for r in related])
    return FileRecord(entry, problems, identity, index)


def scan(config: Config, cases_dir: Path, *, use_cache: bool = True) -> Scan:
    """Every file of the library with its problems and, when valid, its index record."""
    today = dates.today()
    entries = library_entries(cases_dir)
    if not use_cache:
        return Scan([check_file(e, config, today) for e in entries])

    from reformkit.cache import FileCache, cache_folder, make_key
    from reformkit.schemacheck import schema_text

    cache = FileCache(
        cache_folder(config.root),
        cases_dir,
        make_key(__version__, schema_text(), config.text, str(config.path), today.isoformat()),
    )
    records = []
    names = set()
    for entry in entries:
        name = os.path.basename(entry.path)
        names.add(name)
        try:
            info = os.stat(entry.path)
        except OSError:
            info = None
        cached = None
        if info is not None and not entry.outside:
            cached = cache.get(name, info.st_size, info.st_mtime_ns)
        if cached is not None:
            try:
                records.append(_decode(entry, cached))
                continue
            except (TypeError, ValueError, IndexError):
                cache.state = "damaged"
        record = check_file(entry, config, today)
        records.append(record)
        if info is not None and not entry.outside and _is_regular(info):
            cache.put(name, info.st_size, info.st_mtime_ns, _encode(record))
    cache.keep_only(names)
    cache.save()
    return Scan(records, cache.state)


def _is_regular(info: os.stat_result) -> bool:
    import stat

    return stat.S_ISREG(info.st_mode)
