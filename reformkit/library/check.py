"""Checking library files: one file loaded and run through the single-file rules into a
``FileRecord`` (its problems, identity and search record), many files on every core, and a
record's stored form in the checks part of the cache."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any, cast

from reformkit.case.model import ERROR, Case, Identity, LoadedFile, Problem
from reformkit.config import Config
from reformkit.library.files import Entry
from reformkit.library.index.record import Record

if TYPE_CHECKING:
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
        "expires",
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
        #: The first day (ISO) on which checking the file again can find otherwise (a date it
        #: holds stops being in the future: ``rules.case.findings_change_on``); None: never.
        self.expires: str | None = None
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

    def set_problems(self, problems: list[Problem]) -> None:
        """Replace the problems (a read command adds the cross-file ones it skips a file for)."""
        self._problems = problems

    @property
    def identity(self) -> Identity:
        if self._identity is None:
            self._identity = Identity(*self._stored()[1])
        return self._identity

    def narrowed(self, enabled: frozenset[str]) -> FileRecord:
        """This record with only the problems of the ``enabled`` codes (and no search record)."""
        problems = [p for p in self.problems if p.code in enabled]
        narrowed = FileRecord(self.entry, problems, self.identity, suppressions=self.suppressions)
        narrowed.expires = self.expires
        return narrowed


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
    from reformkit.rules.duplicates import sketch_of

    return Identity(
        case_id if isinstance(case_id, str) else None,
        loaded.locate(("id",)),
        tuple(related),
        sketch_of(data),
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
    from reformkit.rules.case import findings_change_on
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
        record = FileRecord(entry, problems, identity_of(loaded), suppressions=kept)
    else:
        index = build_record(cast(Case, loaded.data))
        record = FileRecord(
            entry,
            problems,
            identity_of(loaded),
            index,
            document=_document_bytes(loaded.data),
            suppressions=kept,
        )
    record.expires = findings_change_on(loaded.data, today)
    return record


def _document_bytes(data: dict[str, Any]) -> bytes | None:
    """The case as ``load_case`` gives it, in marshal bytes (None if marshal cannot hold it)."""
    import marshal

    from reformkit.library.documents import as_case

    try:
        return marshal.dumps(dict(as_case(data)))
    except ValueError:
        return None


#: The layout of a cached record; a new layout makes the old cache stale.
CACHE_FORMAT = (
    "checks-5 (ok, problems, identity with text sketch, suppressions, the day findings change; "
    "metric basis and hedges)"
)

#: Below this many files to read, a worker process costs more than it saves.
PARALLEL_THRESHOLD = 200


def _check_chunk(
    chunk: list[Entry],
    config: Config,
    today: date,
    enabled: frozenset[str] | None = None,
    spell: bool = False,
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


def encode(record: FileRecord) -> tuple[object, ...]:
    problems = [(p.line, p.column, p.code, p.severity, p.message, p.field) for p in record.problems]
    suppressions = [tuple(s) for s in record.suppressions]
    return (record.ok, problems, tuple(record.identity), suppressions, record.expires)


def decode(entry: Entry, value: Any) -> FileRecord:
    from reformkit.rules.suppression import Suppression

    ok, problems_raw, ident_raw, suppressions_raw, expires = value
    if (
        not isinstance(ok, bool)
        or not isinstance(problems_raw, list)
        or len(ident_raw) != 4
        or not isinstance(expires, str | None)
    ):
        raise ValueError("not a cached record")
    suppressions = tuple(Suppression(*s) for s in suppressions_raw)
    record = FileRecord(entry, None, None, ok=ok, raw=(problems_raw, ident_raw), suppressions=suppressions)
    record.expires = expires
    return record
