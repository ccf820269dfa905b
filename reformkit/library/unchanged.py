"""An unchanged library, served by its stored search index alone: the folder listed only when
it changed, one ``stat`` a file, no per-file cache entries, the checks and documents parts
opened only when a command needs a file's problems or a case's document."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from reformkit.case import dates
from reformkit.config import Config
from reformkit.library import check
from reformkit.library.check import FileRecord, decode, encode
from reformkit.library.files import Entry, entries_named, library_entries

if TYPE_CHECKING:
    from datetime import date

    from reformkit.library.cache import DocumentCache, FileCache
    from reformkit.library.index.read import SearchIndex


class Served(NamedTuple):
    """What the stored index answers for an unchanged library: every file's record, the index,
    the valid records in the order of its rows, and how to open the documents part."""

    records: list[FileRecord]
    search_index: SearchIndex
    rows: list[FileRecord]
    open_documents: Callable[[], DocumentCache]


def from_index(
    config: Config, cases_dir: Path, key: str, today: date, folder: tuple[int, ...] | None
) -> tuple[Served | None, list[Entry]]:
    """The scan of an unchanged library from its stored search index alone (None when the
    index is missing, damaged, or does not answer for every file as it is now and ``today``),
    and the library's files.

    The folder is listed only when it has changed since the index was written (``folder``, its
    stamp taken before this run looked at it, differs from the one the index holds): a file
    added, removed or renamed changes it, so an unchanged folder holds the files the index
    names. Each file is still stamped: an edit in place leaves the folder as it was."""
    from reformkit.library.cache import documents_path, search_index_path
    from reformkit.library.index import read as searchindex

    index = None
    if documents_path(config.root, cases_dir).exists():  # else deleted or found damaged: rebuilt
        index = searchindex.load(search_index_path(config.root, cases_dir))
    if index is not None and folder is not None and index.folder == folder:
        entries = entries_named(cases_dir, index.names)
    else:
        entries = library_entries(cases_dir)
    if index is None:
        return None, entries
    names = [entry.name for entry in entries]
    stamps = None
    if not any(entry.outside for entry in entries):  # a link out of the library is checked on every run
        stamps = _stamps(cases_dir, names)
    if stamps is None or not searchindex.fresh(index, key, names, stamps, today.isoformat()):
        index.close()
        return None, entries
    stored = _StoredChecks(config, cases_dir, key)
    records = []
    rows: list[FileRecord] = [None] * index.count  # type: ignore[list-item]
    values = memoryview(stamps).cast("q")
    for at, (entry, row) in enumerate(zip(entries, index.entry_rows, strict=True)):
        record = FileRecord(entry, None, None, ok=row >= 0, raw=stored.raw)
        record.stamp = (values[2 * at], values[2 * at + 1])
        if row >= 0:
            rows[row] = record
        elif not _has_error(stored.held(record)):
            # the checks part no longer holds what this file's errors were, or they were
            # cross-file errors, found again by the scan that reads every file's identity
            index.close()
            return None, entries
        records.append(record)
    return Served(records, index, rows, stored.documents), entries


def _has_error(held: tuple[Any, Any] | None) -> bool:
    """Whether a file's stored problems include an error (problem tuples hold the severity
    fourth: ``check.encode``)."""
    from reformkit.case.model import ERROR

    return held is not None and any(
        isinstance(p, list | tuple) and len(p) > 3 and p[3] == ERROR for p in held[0]
    )


def _stamps(cases_dir: Path, names: list[str]) -> bytes | None:
    """Every file's (size, mtime_ns), in order, as the index stores them; None if one is gone."""
    from array import array

    found = array("q")
    append = found.append
    try:
        if os.stat in os.supports_dir_fd:
            folder = os.open(cases_dir, os.O_RDONLY)
            try:
                for name in names:
                    info = os.stat(name, dir_fd=folder)
                    append(info.st_size)
                    append(info.st_mtime_ns)
            finally:
                os.close(folder)
        else:
            for name in names:
                info = os.stat(os.path.join(cases_dir, name))
                append(info.st_size)
                append(info.st_mtime_ns)
    except OSError:
        return None
    return found.tobytes()


class _StoredChecks:
    """The checks and documents parts, opened only when a scan served by the index needs a
    file's problems or a case's document."""

    def __init__(self, config: Config, cases_dir: Path, key: str) -> None:
        self.config = config
        self.folder_args = (config.root, cases_dir, key)
        self._checks: FileCache | None = None

    def raw(self, record: FileRecord) -> tuple[Any, Any]:
        """The (problems, identity) of a file as stored, or found by checking it again."""
        held = self.held(record)
        if held is None:
            fresh = check.check_file(record.entry, self.config, dates.today())
            return encode(fresh)[1], tuple(fresh.identity)
        return held

    def held(self, record: FileRecord) -> tuple[Any, Any] | None:
        """The stored (problems, identity) of a file, or None when not held fresh."""
        from reformkit.library.cache import FileCache, cache_folder

        if self._checks is None:
            root, cases_dir, key = self.folder_args
            self._checks = FileCache(cache_folder(root), cases_dir, key, "checks")
        assert record.stamp is not None
        value = self._checks.get(record.entry.name, *record.stamp)
        if value is None:
            return None
        try:
            raw = decode(record.entry, value)._raw
        except (TypeError, ValueError, IndexError):
            return None
        return raw if isinstance(raw, tuple) else None

    def documents(self) -> DocumentCache:
        from reformkit.library.cache import DocumentCache, cache_folder

        root, cases_dir, key = self.folder_args
        return DocumentCache(cache_folder(root), cases_dir, key)
