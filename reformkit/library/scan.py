"""Read the whole library once per run: per-file problems and index records, cached.

``scan`` is what every command reads the library through. A file's single-file problems and
its search record come from the cache when the file is unchanged; otherwise the file is
loaded and checked again. Cross-file rules run on every scan (see ``reformkit.validate``).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, cast

from reformkit._version import __version__
from reformkit.case import dates
from reformkit.case.model import Case, Problem
from reformkit.config import Config
from reformkit.library import check
from reformkit.library.check import CACHE_FORMAT, FileRecord, decode, encode
from reformkit.library.files import Entry, folder_stamp, library_entries
from reformkit.library.index.record import pack_record, unpack_record, unspelled

if TYPE_CHECKING:
    from reformkit.library.cache import DocumentCache, FileCache
    from reformkit.library.index.read import SearchIndex
    from reformkit.library.index.record import Record


@dataclass
class Scan:
    records: list[FileRecord]
    cache_state: str = "off"
    #: The documents part of the cache (None without it), for ``cases``.
    documents: DocumentCache | None = None
    config: Config | None = None
    #: The library's search index (None for a scan that did not ask for one).
    index: SearchIndex | None = None
    #: The valid records, in the order of the index's rows.
    rows: list[FileRecord] = field(default_factory=list)
    #: Opens the documents part when the first case is read (a scan served by the index).
    open_documents: Callable[[], DocumentCache | None] | None = None

    def valid(self) -> list[FileRecord]:
        return [r for r in self.records if r.ok]

    def skipped(self) -> list[FileRecord]:
        return [r for r in self.records if not r.ok]

    def case(self, record: FileRecord) -> Case:
        """The case of a valid record, as ``load_case`` gives it, without re-parsing YAML when
        this run read the file or the cache holds its document; re-read otherwise."""
        import marshal

        blob = record.document
        if self.documents is None and self.open_documents is not None:
            self.documents, self.open_documents = self.open_documents(), None
        if blob is None and self.documents is not None and record.stamp is not None:
            blob = self.documents.get(record.entry.name, *record.stamp)
        if blob is not None:
            try:
                data = marshal.loads(blob)
            except (EOFError, ValueError, TypeError):
                data = None
            if isinstance(data, dict):
                return cast(Case, data)
            if self.documents is not None:
                self.documents.damaged_entry(record.entry.name)
        from reformkit.library.documents import load_case

        assert self.config is not None, "a scan made by scan() knows its config"
        return load_case(record.entry, self.config)[0]

    def cases(self, records: list[FileRecord]) -> list[Case]:
        """``case`` of each record, in order."""
        return [self.case(record) for record in records]

    def close(self) -> None:
        """Close the cache files this scan reads from (the documents part, the search index's
        memory map); a case read after this is read from its file."""
        self.open_documents = None
        if self.documents is not None:
            self.documents.close()
        if self.index is not None:
            self.index.close()

    def __enter__(self) -> Scan:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def scan(
    config: Config,
    cases_dir: Path,
    *,
    use_cache: bool = True,
    with_index: bool = True,
    enabled: frozenset[str] | None = None,
) -> Scan:
    """Every file of the library with its problems and, with ``with_index``, the library's
    search index.

    ``with_index=False`` (validate) leaves the search records out of the cached read; a
    file re-read meanwhile is re-read again by the next search, never served stale.

    ``enabled`` (validate's ``--select/--ignore`` and ``[rules]``; None: every rule) narrows
    the problems each record holds, and a record's ``ok`` is then judged on those alone.
    Without the cache, disabled rules are not run. With it, a file that must be read again is
    checked by every rule, and the selection narrows its record as it does a cached one: the
    cache holds each file's findings, whatever a run selects, because the next run may select
    other codes and read commands judge a file by every rule. Keying the cache on the selection
    instead would re-read the whole library each time the selection changes; reading a file,
    which the cache saves, costs about three times what all its rules cost.

    A read command whose library is unchanged since the search index was written is served
    by the index alone (``reformkit.library.unchanged``): one ``stat`` a file, no per-file cache entries.
    """
    import time

    started_ns = time.time_ns()
    today = dates.today()
    if not use_cache:
        entries = library_entries(cases_dir)
        library = Scan(check.check_files(entries, config, today, enabled, spell=with_index), config=config)
        if with_index:
            _attach_index(library, started_ns)
        return library
    key = _cache_key(config, cases_dir)
    # taken before the folder is listed: a file added meanwhile changes it (validate keeps none)
    folder = folder_stamp(cases_dir) if with_index else None
    if with_index and enabled is None:
        from reformkit.library.unchanged import from_index

        served, entries = from_index(config, cases_dir, key, today, folder)
        if served is not None:
            return Scan(served.records, "warm", None, config, served.search_index, served.rows, served.open_documents)
    else:
        entries = library_entries(cases_dir)
    records, state, documents = _through_cache(config, cases_dir, entries, today, with_index)
    if enabled is not None:
        records = [r.narrowed(enabled) for r in records]
    library = Scan(records, state, documents, config)
    if with_index:
        _attach_index(library, started_ns, (config, cases_dir, key), folder)
    return library


def _cache_key(config: Config, cases_dir: Path) -> str:
    """The key of every cached finding: what the rules read besides the file itself (the
    schema, the config, the documents in ``sources/``). The day is not in it: a file's
    findings change with the day only when it holds a date in the future, and its record says
    until when they hold (``FileRecord.expires``)."""
    from reformkit.case.schemacheck import schema_text
    from reformkit.case.sources import SOURCES_DIR, folder_stamp
    from reformkit.library.cache import make_key

    stamp = folder_stamp(cases_dir.parent / SOURCES_DIR)
    return make_key(
        __version__, CACHE_FORMAT, schema_text(), config.text, str(config.path), stamp
    )


def _attach_index(
    library: Scan,
    started_ns: int,
    save: tuple[Config, Path, str] | None = None,
    folder: tuple[int, ...] | None = None,
) -> None:
    """Build the search index of a scan's valid records, store it (``save``: the config, cases
    folder and cache key; ``folder``: the folder's stamp before it was listed) and attach it,
    memory-mapped; the records are let go once it is built (a hit's record is rebuilt from the
    index)."""
    from reformkit.library.cache import TRUST_WINDOW_NS, search_index_path, write_atomic
    from reformkit.library.index import read, write

    skip_cross_file_errors(library.records)
    rows = [r for r in library.records if r.ok and r.index is not None]
    row_of = {id(r): row for row, r in enumerate(rows)}
    entries = []
    for record in library.records:
        stamp = record.stamp
        if stamp is None or stamp[1] >= started_ns - TRUST_WINDOW_NS:
            stamp = (-1, -1)  # never matches a file: the next run checks it again
        entries.append((record.entry.name, *stamp, row_of.get(id(record), -1)))
    records = [r.index for r in rows if r.index is not None]
    library.rows = rows
    dictionary = _user_words(library.config, records)
    # the index answers for the library until the first day a file's findings may change
    expires = min((r.expires for r in library.records if r.expires is not None), default="")
    # The folder's stamp stands for its listing only when a later change is sure to show in
    # it (its modification time older than the window a clock tick can hide: a file added in
    # the same tick as the listing would leave it as it was) and no file is a link (where a
    # link leads is checked on every listing). A stamp not trusted now waits for the next
    # write of the index.
    trusted = folder is not None and folder[0] < started_ns - TRUST_WINDOW_NS
    if not trusted or any(record.entry.link for record in library.records):
        folder = ()
    if save is not None:
        config, cases_dir, key = save
        path = search_index_path(config.root, cases_dir)
        previous = read.load(path)  # its pinyin is reused for unchanged files
        try:
            if previous is not None and previous.key == key:
                previous.check()
            else:
                previous = None
        except read.DamagedIndex:
            previous = None
        try:
            written = write_atomic(
                path, lambda out: write.write(records, out, entries, key, previous, dictionary, expires, folder)
            )
        except read.DamagedIndex:  # found while its pinyin was copied: built afresh
            written = write_atomic(
                path, lambda out: write.write(records, out, entries, key, None, dictionary, expires, folder)
            )
        library.index = read.load(path) if written else None
    if library.index is None:  # no cache, or a cache folder that cannot be written
        library.index = read.SearchIndex(write.build(records, entries, user_words=dictionary, expires=expires))
    for record in rows:
        record.index = None


def _user_words(config: Config | None, records: list[Record]) -> tuple[str, ...]:
    """The segmenter's dictionary: the library's tags, program names and agencies."""
    from reformkit.library.index.words import user_words

    tags = config.tags if config is not None else ()
    programs = [program.name for program in config.programs.values()] if config is not None else []
    return user_words(tags, programs, (agency for record in records for agency in record.agencies))


def skip_cross_file_errors(records: list[FileRecord]) -> None:
    """Mark each valid record that a cross-file rule finds in error (a duplicate id, a
    ``related`` id naming no case or the case itself) as not valid, with those problems added,
    so read commands skip it like any other file with errors."""
    from reformkit.case.model import ERROR
    from reformkit.rules import check_library
    from reformkit.rules.base import LibraryContext
    from reformkit.rules.suppression import silence

    valid = [r for r in records if r.ok]
    files = [(r.path, r.identity) for r in records]
    found = check_library(LibraryContext(files, [(r.path, r.identity) for r in valid]))
    by_path: dict[str, list[Problem]] = {}
    for one in found:
        by_path.setdefault(one.path, []).append(one)
    for record in valid:
        mine = by_path.get(record.path, [])
        if mine and record.suppressions:
            mine, _ = silence(mine, list(record.suppressions))
        errors = [p for p in mine if p.severity == ERROR]
        if errors:
            record.set_problems(sorted([*record.problems, *errors], key=lambda p: (p.line, p.column)))
            record.ok, record.index = False, None


def _through_cache(
    config: Config, cases_dir: Path, entries: list[Entry], today: date, with_index: bool
) -> tuple[list[FileRecord], str, DocumentCache | None]:
    """Every entry's record, from the cache when unchanged, checked by every rule otherwise;
    the cache's state, and its documents part (None when ``with_index`` is False).

    A valid file is served from the cache only when the parts a run reads (checks; with
    ``with_index`` also its index record and its document) all hold it. When anything was
    re-read, all three parts are written under one new generation, ``checks`` last.
    """
    from reformkit.library.cache import FileCache, cache_folder

    folder = cache_folder(config.root)
    key = _cache_key(config, cases_dir)
    checks = FileCache(folder, cases_dir, key, "checks")
    parts = _Parts(folder, cases_dir, key, checks)
    if with_index:
        parts.open()
    records, stale = _served(checks, parts, entries, today.isoformat())
    fresh = check.check_files([entry for _, entry, _ in stale], config, today, spell=with_index)
    for (slot, entry, info), record in zip(stale, fresh, strict=True):
        records[slot] = record
        if info is not None and not entry.outside and _is_regular(info):
            record.stamp = (info.st_size, info.st_mtime_ns)
            checks.put(entry.name, info.st_size, info.st_mtime_ns, encode(record))
    names = {entry.name for entry in entries}
    if checks.dirty or set(checks.entries) != names or parts.dirty():
        _save_parts(checks, parts, fresh, names)
    kept = [r for r in records if r is not None]
    if not with_index:
        return kept, checks.state, None
    assert parts.index is not None and parts.documents is not None
    states = (checks.state, parts.index.state, parts.documents.state)
    return kept, next((s for s in states if s != "warm"), "warm"), parts.documents


#: A file the cache could not serve: its slot in the scan's records, its entry, its stat.
_Stale = tuple[int, Entry, "os.stat_result | None"]


def _served(
    checks: FileCache, parts: _Parts, entries: list[Entry], today: str
) -> tuple[list[FileRecord | None], list[_Stale]]:
    """Each entry's record as the cache holds it (None in its slot when it must be read: also
    when its findings may have changed by ``today``), and the entries to read."""
    records: list[FileRecord | None] = []
    stale: list[_Stale] = []
    for entry in entries:
        try:
            info: os.stat_result | None = os.stat(entry.path)
        except OSError:
            info = None
        if info is not None and not entry.outside:
            record = _cached(checks, parts, entry, entry.name, info)
            if record is not None and (record.expires is None or record.expires > today):
                records.append(record)
                continue
        stale.append((len(records), entry, info))
        records.append(None)
    return records, stale


def _save_parts(checks: FileCache, parts: _Parts, fresh: list[FileRecord], names: set[str]) -> None:
    """Write every part under one new generation, the checks part last: if a write fails or
    the process dies before it, the parts written already carry a generation the stored
    checks do not, and are discarded on load. A validate run opens the index and documents
    only now, to carry them over."""
    from reformkit.library.cache import new_generation

    parts.open()
    assert parts.index is not None and parts.documents is not None
    for record in fresh:
        if record.stamp is not None and record.index is not None:
            # without its pinyin: the search index keeps that, and validate never needs it
            parts.index.put(record.entry.name, *record.stamp, pack_record(unspelled(record.index)))
            if record.document is not None:
                parts.documents.put(record.entry.name, *record.stamp, record.document)
    checks.keep_only(names)
    parts.index.keep_only(names)
    parts.documents.keep_only(names)
    generation = new_generation()
    if not parts.documents.save(generation):
        return
    # The part just written serves the documents now: let go of this run's copies before the
    # index part and the search index are written (at 10,000 cases, a tenth of the library's
    # size in memory).
    for record in fresh:
        stamp = record.stamp
        if record.document is not None and stamp is not None and parts.documents.has(record.entry.name, *stamp):
            record.document = None
    if parts.index.save(generation):
        checks.save(generation)


class _Parts:
    """The index and documents parts, opened only when a run needs them, and discarded
    unless they carry the generation of the checks part read with them."""

    def __init__(self, folder: Path, cases_dir: Path, key: str, checks: FileCache) -> None:
        self.folder, self.cases_dir, self.key, self.checks = folder, cases_dir, key, checks
        self.generation = checks.generation  # as read, before this run writes anything
        self.index: FileCache | None = None
        self.documents: DocumentCache | None = None

    def open(self) -> None:
        from reformkit.library.cache import DocumentCache, FileCache

        if self.index is not None:
            return
        self.index = FileCache(self.folder, self.cases_dir, self.key, "index")
        self.documents = DocumentCache(self.folder, self.cases_dir, self.key)
        for part in (self.index, self.documents):
            if part.state == "warm" and part.generation != self.generation:
                part.discard("mismatched")

    def dirty(self) -> bool:
        return any(part is not None and part.dirty for part in (self.index, self.documents))


def _cached(
    checks: FileCache, parts: _Parts, entry: Entry, name: str, info: os.stat_result
) -> FileRecord | None:
    """The record of an unchanged file from the cache, or None when it must be read."""
    size, mtime_ns = info.st_size, info.st_mtime_ns
    value = checks.get(name, size, mtime_ns)
    if value is None:
        return None
    try:
        record = decode(entry, value)
    except (TypeError, ValueError, IndexError):
        checks.state = "damaged"
        return None
    record.stamp = (size, mtime_ns)
    if parts.index is None or not record.ok:
        return record
    assert parts.documents is not None
    record.index = unpack_record(parts.index.get(name, size, mtime_ns))
    if record.index is None or not parts.documents.has(name, size, mtime_ns):
        return None
    return record


def _is_regular(info: os.stat_result) -> bool:
    import stat

    return stat.S_ISREG(info.st_mode)
