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
from typing import TYPE_CHECKING, Any, cast

from reformkit import __version__
from reformkit.case import dates
from reformkit.case.model import ERROR, Case, Identity, LoadedFile, Problem
from reformkit.config import Config
from reformkit.library.files import Entry, library_entries
from reformkit.library.index.record import Record, pack_record, unpack_record, unspelled

if TYPE_CHECKING:
    from reformkit.library.cache import DocumentCache, FileCache
    from reformkit.library.index.read import SearchIndex
    from reformkit.rules.suppression import Suppression


class FileRecord:
    """One library file as a scan sees it.

    A record read from the cache keeps its problems and identity in their stored form until
    someone asks for them: a search over ten thousand valid files never needs them.
    """

    __slots__ = (
        "entry",
        "index",
        "ok",
        "document",
        "stamp",
        "suppressions",
        "_problems",
        "_identity",
        "_raw",
    )

    def __init__(
        self,
        entry: Entry,
        problems: list[Problem] | None,
        identity: Identity | None,
        index: Record | None = None,
        *,
        ok: bool | None = None,
        raw: tuple[Any, Any] | Callable[[FileRecord], tuple[Any, Any]] | None = None,
        document: bytes | None = None,
        suppressions: tuple[Suppression, ...] = (),
    ) -> None:
        self.entry = entry
        #: The case as marshal bytes when this run read the file (see ``Scan.cases``).
        self.document = document
        #: (size, mtime_ns) of the file when the scan looked at it; None without the cache.
        self.stamp: tuple[int, int] | None = None
        #: The file's ``# reformkit: ignore[...]`` comments, each marked used or not.
        self.suppressions = suppressions
        # The per-file search record while a scan builds the library's index (``Scan.index``),
        # let go once it is built; None for a file with errors.
        self.index = index
        self._problems = problems
        self._identity = identity
        self._raw = raw
        #: No errors (warnings allowed): the file takes part in read commands.
        self.ok = ok if ok is not None else not any(p.severity == ERROR for p in problems or ())

    @property
    def path(self) -> str:
        return self.entry.display

    def _stored(self) -> tuple[Any, Any]:
        if callable(self._raw):  # served by the search index: the checks part is read now
            self._raw = self._raw(self)
        assert self._raw is not None and not callable(self._raw)
        return self._raw

    @property
    def problems(self) -> list[Problem]:
        if self._problems is None:
            self._problems = [Problem(self.entry.display, *p) for p in self._stored()[0]]
        return self._problems

    @property
    def identity(self) -> Identity:
        if self._identity is None:
            self._identity = Identity(*self._stored()[1])
        return self._identity

    def narrowed(self, enabled: frozenset[str]) -> FileRecord:
        """This record with only the problems of the ``enabled`` codes (and no search record)."""
        problems = [p for p in self.problems if p.code in enabled]
        return FileRecord(self.entry, problems, self.identity, suppressions=self.suppressions)


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
        tuple(related),
    )


def check_file(
    entry: Entry, config: Config, today: date, enabled: frozenset[str] | None = None
) -> FileRecord:
    """Load one file and run the enabled single-file rules on it (None: every rule).

    Its search record is built only when every rule ran and found no error: only then is the
    file known to be valid.
    """
    from reformkit.library.documents import load_entry
    from reformkit.library.index.record import build_record
    from reformkit.rules import check_file as check_rules
    from reformkit.rules.base import FileContext
    from reformkit.rules.registry import NAMES
    from reformkit.rules.suppression import apply_suppressions

    loaded = load_entry(entry, config)
    found = check_rules(FileContext(loaded, config, today, enabled=enabled))
    problems, suppressions = apply_suppressions(loaded.text, found, NAMES)
    has_error = any(p.severity == ERROR for p in problems)
    # Without errors the document has the schema's shape: it is a Case. A record is built only
    # when every rule ran, so a narrowed check never yields a search record.
    kept = tuple(suppressions)
    if has_error or loaded.data is None or enabled is not None:
        return FileRecord(entry, problems, identity_of(loaded), suppressions=kept)
    index = build_record(cast(Case, loaded.data))
    return FileRecord(
        entry,
        problems,
        identity_of(loaded),
        index,
        document=_document_bytes(loaded.data),
        suppressions=kept,
    )


def _document_bytes(data: dict[str, Any]) -> bytes | None:
    """The case as ``load_case`` gives it, in marshal bytes (None if marshal cannot hold it)."""
    import marshal

    from reformkit.library.documents import as_case

    try:
        return marshal.dumps(dict(as_case(data)))
    except ValueError:
        return None


#: The layout of a cached record; a new layout makes the old cache stale.
CACHE_FORMAT = "checks-2 (ok, problems, identity, suppressions)"

#: Below this many files to read, a worker process costs more than it saves.
PARALLEL_THRESHOLD = 200


def _check_chunk(
    chunk: list[Entry], config: Config, today: date, enabled: frozenset[str] | None = None, spell: bool = False
) -> list[FileRecord]:
    if enabled is None:  # every rule
        records = [check_file(entry, config, today) for entry in chunk]
    else:
        records = [check_file(entry, config, today, enabled) for entry in chunk]
    if spell:
        from reformkit.library.index.record import spelled

        for record in records:
            if record.index is not None:
                record.index = spelled(record.index)
    return records


def check_files(
    entries: list[Entry],
    config: Config,
    today: date,
    enabled: frozenset[str] | None = None,
    *,
    spell: bool = False,
) -> list[FileRecord]:
    """``check_file`` for many files, on every core when there are enough of them; with
    ``spell``, each search record gets its pinyin there too (a read command's scan) when the
    work goes to other cores. Otherwise records are spelled when the index is built, which
    takes the pinyin of a file read again but unchanged from the index it replaces."""
    from functools import partial

    from reformkit.library.parallel import map_chunks

    spell = spell and len(entries) >= PARALLEL_THRESHOLD
    work = partial(_check_chunk, config=config, today=today, enabled=enabled, spell=spell)
    return map_chunks(work, entries, threshold=PARALLEL_THRESHOLD, min_chunk=50)


def _encode(record: FileRecord) -> tuple[object, ...]:
    problems = [(p.line, p.column, p.code, p.severity, p.message, p.field) for p in record.problems]
    return (record.ok, problems, tuple(record.identity), [tuple(s) for s in record.suppressions])


def _decode(entry: Entry, value: Any) -> FileRecord:
    from reformkit.rules.suppression import Suppression

    ok, problems_raw, ident_raw, suppressions_raw = value
    if not isinstance(ok, bool) or not isinstance(problems_raw, list) or len(ident_raw) != 3:
        raise ValueError("not a cached record")
    suppressions = tuple(Suppression(*s) for s in suppressions_raw)
    return FileRecord(entry, None, None, ok=ok, raw=(problems_raw, ident_raw), suppressions=suppressions)


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
    by the index alone (``_from_index``): one ``stat`` a file, no per-file cache entries.
    """
    import time

    started_ns = time.time_ns()
    today = dates.today()
    entries = library_entries(cases_dir)
    if not use_cache:
        library = Scan(check_files(entries, config, today, enabled, spell=with_index), config=config)
        if with_index:
            _attach_index(library, started_ns)
        return library
    key = _cache_key(config, today)
    if with_index and enabled is None:
        served = _from_index(config, cases_dir, entries, key)
        if served is not None:
            return served
    records, state, documents = _through_cache(config, cases_dir, entries, today, with_index)
    if enabled is not None:
        records = [r.narrowed(enabled) for r in records]
    library = Scan(records, state, documents, config)
    if with_index:
        _attach_index(library, started_ns, (config, cases_dir, key))
    return library


def _cache_key(config: Config, today: date) -> str:
    from reformkit.case.schemacheck import schema_text
    from reformkit.library.cache import make_key

    return make_key(__version__, CACHE_FORMAT, schema_text(), config.text, str(config.path), today.isoformat())


def _attach_index(library: Scan, started_ns: int, save: tuple[Config, Path, str] | None = None) -> None:
    """Build the search index of a scan's valid records, store it (``save``: the config, cases
    folder and cache key) and attach it, memory-mapped; the records are let go once it is built
    (a hit's record is rebuilt from the index)."""
    from reformkit.library.cache import TRUST_WINDOW_NS, search_index_path, write_atomic
    from reformkit.library.index import read, write

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
        written = write_atomic(path, lambda out: write.write(records, out, entries, key, previous, dictionary))
        library.index = read.load(path) if written else None
    if library.index is None:  # no cache, or a cache folder that cannot be written
        library.index = read.SearchIndex(write.build(records, entries, user_words=dictionary))
    for record in rows:
        record.index = None


def _user_words(config: Config | None, records: list[Record]) -> tuple[str, ...]:
    """The segmenter's dictionary: the library's tags, program names and agencies."""
    from reformkit.library.index.words import user_words

    tags = config.tags if config is not None else ()
    programs = [program.name for program in config.programs.values()] if config is not None else []
    return user_words(tags, programs, (agency for record in records for agency in record.agencies))


def _from_index(config: Config, cases_dir: Path, entries: list[Entry], key: str) -> Scan | None:
    """The scan of an unchanged library from its stored search index alone, or None when the
    index is missing, damaged, or does not answer for every file as it is now."""
    from reformkit.library.cache import documents_path, search_index_path
    from reformkit.library.index import read as searchindex

    if any(entry.outside for entry in entries):
        return None  # a link out of the library is checked on every run
    if not documents_path(config.root, cases_dir).exists():
        return None  # deleted, or found damaged by the last run: the slow path rebuilds it
    index = searchindex.load(search_index_path(config.root, cases_dir))
    if index is None:
        return None
    names = [entry.name for entry in entries]
    stamps = _stamps(cases_dir, names)
    if stamps is None or not searchindex.fresh(index, key, names, stamps):
        return None
    stored = _StoredChecks(config, cases_dir, key)
    records = []
    rows: list[FileRecord] = [None] * index.count  # type: ignore[list-item]
    values = memoryview(stamps).cast("q")
    for at, (entry, row) in enumerate(zip(entries, index.entry_rows, strict=True)):
        record = FileRecord(entry, None, None, ok=row >= 0, raw=stored.raw)
        record.stamp = (values[2 * at], values[2 * at + 1])
        if row >= 0:
            rows[row] = record
        elif stored.held(record) is None:
            return None  # the checks part no longer holds what this file's errors were
        records.append(record)
    return Scan(records, "warm", None, config, index, rows, open_documents=stored.documents)


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
            fresh = check_file(record.entry, self.config, dates.today())
            return _encode(fresh)[1], tuple(fresh.identity)
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
            raw = _decode(record.entry, value)._raw
        except (TypeError, ValueError, IndexError):
            return None
        return raw if isinstance(raw, tuple) else None

    def documents(self) -> DocumentCache:
        from reformkit.library.cache import DocumentCache, cache_folder

        root, cases_dir, key = self.folder_args
        return DocumentCache(cache_folder(root), cases_dir, key)


def _through_cache(
    config: Config, cases_dir: Path, entries: list[Entry], today: date, with_index: bool
) -> tuple[list[FileRecord], str, DocumentCache | None]:
    """Every entry's record, from the cache when unchanged, checked by every rule otherwise;
    the cache's state, and its documents part (None when ``with_index`` is False).

    A valid file is served from the cache only when the parts a run reads (checks; with
    ``with_index`` also its index record and its document) all hold it. When anything was
    re-read, all three parts are written under one new generation, ``checks`` last.
    """
    from reformkit.library.cache import FileCache, cache_folder, new_generation

    folder = cache_folder(config.root)
    key = _cache_key(config, today)
    checks = FileCache(folder, cases_dir, key, "checks")
    parts = _Parts(folder, cases_dir, key, checks)
    if with_index:
        parts.open()
    records: list[FileRecord | None] = []
    stale: list[tuple[int, Entry, os.stat_result | None]] = []
    names = set()
    for entry in entries:
        name = entry.name
        names.add(name)
        try:
            info = os.stat(entry.path)
        except OSError:
            info = None
        if info is not None and not entry.outside:
            record = _cached(checks, parts, entry, name, info)
            if record is not None:
                records.append(record)
                continue
        stale.append((len(records), entry, info))
        records.append(None)
    fresh = check_files([entry for _, entry, _ in stale], config, today, spell=with_index)
    for (slot, entry, info), record in zip(stale, fresh, strict=True):
        records[slot] = record
        if info is not None and not entry.outside and _is_regular(info):
            record.stamp = (info.st_size, info.st_mtime_ns)
            checks.put(entry.name, info.st_size, info.st_mtime_ns, _encode(record))
    if checks.dirty or set(checks.entries) != names or parts.dirty():
        # Something changed: every part is written, under one new generation. A validate
        # run opens the index and documents only now, to carry them over.
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
        # checks last: if a write fails or the process dies before it, the parts written
        # already carry a generation the stored checks do not, and are discarded on load.
        if parts.documents.save(generation):
            # The part just written serves the documents now: let go of this run's copies
            # before the index part and the search index are written (at 10,000 cases, a
            # tenth of the library's size in memory).
            for record in fresh:
                stamp = record.stamp
                if record.document is not None and stamp is not None and parts.documents.has(record.entry.name, *stamp):
                    record.document = None
            if parts.index.save(generation):
                checks.save(generation)
    if not with_index:
        return [r for r in records if r is not None], checks.state, None
    assert parts.index is not None and parts.documents is not None
    states = (checks.state, parts.index.state, parts.documents.state)
    state = next((s for s in states if s != "warm"), "warm")
    return [r for r in records if r is not None], state, parts.documents


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
        record = _decode(entry, value)
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
