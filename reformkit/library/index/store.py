"""The search index of a whole library: text laid out for ``find``, filters as columns.

A search never walks records one by one. For each text field, and for each form of its text
(folded UTF-8, pinyin syllables, pinyin initials), every valid case's text is laid end to end
in one blob, NUL between cases; a term is found with one ``find`` per occurrence over that
blob, and ``bisect`` over the blob's row starts says which case an offset belongs to. Filter
values live in columns and posting lists (``tag`` → rows). Whole records are rebuilt only for
the hits a command prints, from a slice of the stored rows.

On disk (``write``): a magic, the header's length, the header (marshal: entry names, their
stamps, columns, postings, where each blob lies), then the blobs. It is memory-mapped, so a
search reads only the pages its terms and hits touch. The index is derived data: each library
file's (size, mtime_ns) is stored with it and compared, all at once, with the files on disk
before it is used, so it can never answer for a file that changed; a damaged, outdated or
unmatched index is rebuilt from the per-file records (``scan``), never trusted.
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import io
import marshal
import mmap
import os
import zlib
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import partial
from typing import IO, TYPE_CHECKING

from reformkit.errors import ReformkitError
from reformkit.library.index.record import FORMS, RECORD_KEYS, TEXT_FIELDS, Record
from reformkit.text.pinyin import reading_table

if TYPE_CHECKING:
    from pathlib import Path

MAGIC = b"RKINDEX\x00\x03"
#: The magic, the header's length (8 bytes) and its CRC-32 (4 bytes), before the header.
_HEAD = len(MAGIC) + 12
#: The record values a row stores (everything but the text forms, which the blobs hold).
_LIGHT = RECORD_KEYS.index("text")
#: Posting lists: the column, and how a record's value(s) for it are read.
POSTINGS = ("program", "status", "kinds", "has", "folded_tags", "year")
#: Short per-case lists searched by substring (``agency:``, ``region:``, ``source:``).
LISTS = ("folded_agencies", "folded_region", "folded_source")
#: Separates two values of one case in a list blob (a value never holds it).
VALUE_SEP = b"\x01"
#: From this many cases, pinyin is worked out in worker processes only (``_spelled``).
SPELL_APART = 200
#: A blob is written in pieces of about this many bytes, never joined whole in memory.
_BATCH = 1 << 20


def _blob_name(form: str, field: str) -> str:
    return f"{form}:{field}"


def _posting_values(record: Record, column: str) -> Iterable[str]:
    if column == "program":
        return (record.program.lower(),)
    if column == "status":
        return (record.status,)
    if column == "year":
        return (record.published[:4],)
    value = getattr(record, column)
    return value if isinstance(value, list) else (value,)


def build(records: Sequence[Record], entries: Sequence[tuple[str, int, int, int]] = (), key: str = "") -> bytes:
    """The index of ``records`` as bytes (see ``write``)."""
    out = io.BytesIO()
    write(records, out, entries, key)
    return out.getvalue()


def write(
    records: Sequence[Record],
    out: IO[bytes],
    entries: Sequence[tuple[str, int, int, int]] = (),
    key: str = "",
    previous: SearchIndex | None = None,
) -> None:
    """Write the index of ``records`` (the library's valid cases, in library order) to ``out``,
    one blob at a time and each in pieces of about ``_BATCH`` bytes, so that nothing but the
    records and the header is held whole in memory.

    ``entries``: every library file as (name, size, mtime_ns, row), row -1 for a file with
    errors; what ``fresh`` compares with the files on disk. Records without their pinyin get it
    from ``previous`` (the index this one replaces) for a file unchanged since, else afresh."""
    records = _spelled(records, entries, previous)
    blobs: list[tuple[str, Callable[[], Iterable[bytes]], bytes]] = []
    for position, field in enumerate(TEXT_FIELDS):
        for form in FORMS:
            blobs.append((_blob_name(form, field), partial(_texts, records, form, position), b"\x00"))
    for column in LISTS:
        blobs.append((column, partial(_values, records, column), b"\x00"))
    blobs.append(("rows", partial(_rows, records), b""))
    blobs.append(("title_key", lambda: (record.title_key.encode("utf-8") for record in records), b"\x00"))
    placed: dict[str, tuple[int, int, int, int]] = {}
    offset = 0
    for name, texts, sep in blobs:
        length = sum(len(text) + len(sep) for text in texts())
        starts_length = 8 * (len(records) + 1)
        placed[name] = (offset, length, offset + length, starts_length)
        offset += length + starts_length
    readings = _readings_blob(previous)
    placed["readings"] = (offset, len(readings), offset + len(readings), 0)
    fields = _header(records, entries, key, placed)
    fields["readings_crc"] = zlib.crc32(readings)  # it is copied into the next index as it is
    header = marshal.dumps(fields)
    out.write(MAGIC + len(header).to_bytes(8, "little") + zlib.crc32(header).to_bytes(4, "little"))
    out.write(header)
    for _, texts, sep in blobs:
        starts = array("q", [0])
        total = 0
        chunk: list[bytes] = []
        held = 0
        for text in texts():
            chunk.append(text)
            total += len(text) + len(sep)
            starts.append(total)
            held += len(text)
            if held >= _BATCH:
                out.write(sep.join(chunk) + sep)
                chunk, held = [], 0
        if chunk:
            out.write(sep.join(chunk) + sep)
        del chunk
        out.write(starts.tobytes())
    out.write(readings)


def _spelled(
    records: Sequence[Record], entries: Sequence[tuple[str, int, int, int]], previous: SearchIndex | None
) -> list[Record]:
    """Every record with its pinyin (``index.spelled``): taken from ``previous`` for a file
    whose case is unchanged there (same stamp, or read again and found the same: a file
    touched or too new to trust), worked out (on every core when many) for the rest, so a
    rebuild imports pypinyin only for what changed."""
    from reformkit.library.index.record import spell_all, spelled
    from reformkit.library.parallel import map_chunks

    done = list(records)
    todo = []
    reused: dict[int, int] = {}  # row → its row in ``previous``
    old_rows = _previous_rows(previous, entries) if previous is not None else {}
    for row, record in enumerate(done):
        if len(record.pinyin) == len(TEXT_FIELDS):
            continue
        found = old_rows.get(row)
        if found is None or previous is None:
            todo.append(row)
            continue
        old, same_stamp = found
        if not same_stamp and not _same_case(previous, old, record):
            todo.append(row)
            continue
        reused[row] = old
    # The rest first: a worker process starts as large as this one is now. A large library's
    # pinyin is always worked out in worker processes, even for one changed file: importing
    # pypinyin here would add 55 MB to the process holding every record.
    work = [(done[row].title, done[row].text) for row in todo]
    found_all = map_chunks(spell_all, work, threshold=200, min_chunk=50, apart=len(done) >= SPELL_APART)
    for row, spelling in zip(todo, found_all, strict=True):
        done[row] = spelled(done[row], spelling)
    if previous is not None and reused:
        titles = previous.title_keys()
        forms: dict[int, tuple[list[bytes], list[bytes]]] = {row: ([], []) for row in reused}
        for at, form in enumerate(("pinyin", "initials")):
            for field in TEXT_FIELDS:
                name = _blob_name(form, field)
                for row, old in reused.items():
                    forms[row][at].append(previous.text(name, old))
                previous.let_go(name)
        for row, old in reused.items():
            pinyin, initials = forms.pop(row)
            done[row] = done[row]._replace(title_key=titles[old], pinyin=tuple(pinyin), initials=tuple(initials))
    return done


def _previous_rows(
    previous: SearchIndex, entries: Sequence[tuple[str, int, int, int]]
) -> dict[int, tuple[int, bool]]:
    """New row → (the same file's row in ``previous``, whether its stamp is unchanged)."""
    stamps = memoryview(previous.stamps).cast("q")
    stored: dict[str, tuple[int, int, int]] = {}
    for at, (name, row) in enumerate(zip(previous.names, previous.entry_rows, strict=True)):
        if row >= 0:
            stored[name] = (row, stamps[2 * at], stamps[2 * at + 1])
    found = {}
    for name, size, mtime, row in entries:
        old = stored.get(name)
        if row >= 0 and old is not None:
            found[row] = (old[0], size >= 0 and old[1] >= 0 and (old[1], old[2]) == (size, mtime))
    return found


def _same_case(previous: SearchIndex, old: int, record: Record) -> bool:
    """Row ``old`` of ``previous`` holds the same title and searched text as ``record``."""
    if previous.record(old, text=False).title != record.title:
        return False
    return all(
        previous.text(_blob_name("text", field), old) == text
        for field, text in zip(TEXT_FIELDS, record.text, strict=True)
    )


def _readings_blob(previous: SearchIndex | None) -> bytes:
    """The character → readings table in marshal bytes: copied from ``previous`` when sound
    (pypinyin is then not loaded at all), else worked out afresh."""
    if previous is not None:
        with contextlib.suppress(DamagedIndex):
            return previous.readings_bytes()
    return _fresh_readings()


@functools.cache
def _fresh_readings() -> bytes:
    return marshal.dumps(reading_table())


def _rows(records: Sequence[Record]) -> Iterator[bytes]:
    """Each record without its text forms, in marshal bytes (made again for each pass over
    them rather than held: 8 MB at 10,000 cases, for 50 ms)."""
    for record in records:
        yield marshal.dumps(tuple(record[:_LIGHT]))


def _texts(records: Sequence[Record], form: str, position: int) -> Iterator[bytes]:
    for record in records:
        yield (record.text if form == "text" else record.pinyin if form == "pinyin" else record.initials)[position]


def _values(records: Sequence[Record], column: str) -> Iterator[bytes]:
    for record in records:
        yield VALUE_SEP + VALUE_SEP.join(value.encode("utf-8") for value in getattr(record, column))


def _header(
    records: Sequence[Record],
    entries: Sequence[tuple[str, int, int, int]],
    key: str,
    placed: dict[str, tuple[int, int, int, int]],
) -> dict[str, object]:
    postings: dict[str, dict[str, list[int]]] = {column: {} for column in POSTINGS}
    for row, record in enumerate(records):
        for column in POSTINGS:
            for value in _posting_values(record, column):
                postings[column].setdefault(value, []).append(row)
    stamps = array("q", [value for _, size, mtime, _ in entries for value in (size, mtime)])
    return {
        "key": key,
        "count": len(records),
        "names": [name for name, *_ in entries],
        "stamps": stamps.tobytes(),
        "rows": array("i", [row for *_, row in entries]).tobytes(),
        "ids": [record.id for record in records],
        "published": [record.published for record in records],
        "batch": [record.batch for record in records],
        "postings": {
            column: {value: array("i", rows).tobytes() for value, rows in found.items()}
            for column, found in postings.items()
        },
        "blobs": placed,
    }


class DamagedIndex(ReformkitError):
    """A part of a stored index found damaged while it was read (a disk error, an edit by
    hand): the file is deleted, and the next run rebuilds it."""


class SearchIndex:
    """A loaded index: columns in memory, blobs in a buffer (a memory map or bytes)."""

    def __init__(self, buffer: bytes | mmap.mmap) -> None:
        if buffer[: len(MAGIC)] != MAGIC:
            raise ValueError("not a search index")
        length = int.from_bytes(buffer[len(MAGIC) : len(MAGIC) + 8], "little")
        stored = buffer[_HEAD : _HEAD + length]
        if zlib.crc32(stored) != int.from_bytes(buffer[_HEAD - 4 : _HEAD], "little"):
            raise ValueError("damaged search index header")
        header = marshal.loads(stored)
        if not isinstance(header, dict):
            raise ValueError("not a search index header")
        self.buffer = buffer
        #: The file the index was read from (None: built in memory).
        self.path: Path | None = None
        self.base = _HEAD + length
        self.key: str = header["key"]
        self.count: int = header["count"]
        self.names: list[str] = header["names"]
        self.stamps: bytes = header["stamps"]
        self.entry_rows = array("i")
        self.entry_rows.frombytes(header["rows"])
        self.ids: list[str] = header["ids"]
        self.published: list[str] = header["published"]
        self.batch: list[int | None] = header["batch"]
        self._postings: dict[str, dict[str, bytes]] = header["postings"]
        self._blobs: dict[str, tuple[int, int, int, int]] = header["blobs"]
        self._starts: dict[str, array[int]] = {}
        self._readings: dict[str, str] | None = None
        self._readings_crc: int = header["readings_crc"]
        if len(self.ids) != self.count or len(self.entry_rows) != len(self.names):
            raise ValueError("inconsistent search index")
        body = max((at + size for _, _, at, size in self._blobs.values()), default=0)
        if len(buffer) != self.base + body:
            raise ValueError("truncated search index")

    # -- text -----------------------------------------------------------------------------

    def damaged(self, part: str) -> DamagedIndex:
        """The error for a damaged part, after deleting the stored index it was read from."""
        if self.path is not None:
            with contextlib.suppress(OSError):
                os.unlink(self.path)
        return DamagedIndex(
            f"the search index is damaged ({part}); it has been deleted and is rebuilt on the "
            "next run: run the command again"
        )

    def check(self) -> None:
        """Check every part a search reads (raises ``DamagedIndex``)."""
        for name in self._blobs:
            if name != "readings":
                self.starts(name)

    def starts(self, name: str) -> array[int]:
        """Where each row's text begins in blob ``name`` (and where the last one ends)."""
        found = self._starts.get(name)
        if found is None:
            offset, _, starts_at, length = self._blobs[name]
            found = array("q")
            found.frombytes(self.buffer[self.base + starts_at : self.base + starts_at + length])
            if len(found) != self.count + 1 or found[0] != 0 or found[-1] != starts_at - offset:
                raise self.damaged(name)
            self._starts[name] = found
        return found

    def occurrences(self, name: str, needle: bytes) -> dict[int, int]:
        """Row → how many times ``needle`` occurs in that row's text of blob ``name``."""
        buffer, starts = self.buffer, self.starts(name)
        offset, length, _, _ = self._blobs[name]
        base = self.base + offset
        end = base + length
        found: dict[int, int] = {}
        step = len(needle) or 1
        at = buffer.find(needle, base, end)
        while at >= 0:
            row = bisect.bisect_right(starts, at - base) - 1
            row_end = base + starts[row + 1] - 1
            count = 0
            while 0 <= at < row_end:
                count += 1
                at = buffer.find(needle, at + step, row_end)
            found[row] = count
            at = buffer.find(needle, row_end, end)
        return found

    def let_go(self, name: str) -> None:
        """Drop the pages of blob ``name`` read so far from this process's memory (a memory
        map only; the file's pages stay in the system's cache): a build that copies every
        blob of the index it replaces holds one at a time."""
        advise = getattr(self.buffer, "madvise", None)
        if advise is None or not hasattr(mmap, "MADV_DONTNEED"):
            return
        offset, length, _, _ = self._blobs[name]
        page = mmap.PAGESIZE
        begin = (self.base + offset) // page * page
        end = self.base + offset + length
        with contextlib.suppress(OSError, ValueError):
            advise(mmap.MADV_DONTNEED, begin, end - begin)

    def mean_length(self, name: str) -> float:
        _, length, _, _ = self._blobs[name]
        return max(1.0, (length - self.count) / self.count) if self.count else 1.0

    def text(self, name: str, row: int) -> bytes:
        offset, _, _, _ = self._blobs[name]
        starts = self.starts(name)
        begin = self.base + offset + starts[row]
        return bytes(self.buffer[begin : self.base + offset + starts[row + 1] - 1])

    # -- filters --------------------------------------------------------------------------

    def posting(self, column: str, values: Iterable[str]) -> set[int]:
        """The rows whose ``column`` holds any of ``values``."""
        table = self._postings.get(column, {})
        rows: set[int] = set()
        for value in values:
            stored = table.get(value)
            if stored is not None:
                found = array("i")
                found.frombytes(stored)
                rows.update(found)
        return rows

    def list_rows(self, column: str, needle: bytes, *, prefix: bool = False) -> set[int]:
        """The rows one of whose ``column`` values contains ``needle`` (starts with it)."""
        return set(self.occurrences(column, (VALUE_SEP + needle) if prefix else needle))

    # -- rows -----------------------------------------------------------------------------

    def record(self, row: int, *, text: bool = True) -> Record:
        """The whole record of a row; with ``text=False``, its text forms left empty."""
        light = self._light(row)
        if not text:
            return Record._make((*light, (), (), ()))
        forms = tuple(
            tuple(self.text(_blob_name(form, field), row) for field in TEXT_FIELDS) for form in FORMS
        )
        for form, texts in zip(FORMS, forms, strict=True):
            try:
                for value in texts:
                    value.decode("utf-8" if form == "text" else "ascii")
            except UnicodeDecodeError:  # a byte changed on disk: snippets would fail on it
                raise self.damaged(form) from None
        return Record._make((*light, *forms))

    def _light(self, row: int) -> tuple[object, ...]:
        offset, _, _, _ = self._blobs["rows"]
        starts = self.starts("rows")
        begin = self.base + offset
        try:
            value = marshal.loads(self.buffer[begin + starts[row] : begin + starts[row + 1]])
        except (EOFError, ValueError, TypeError):
            value = None
        if not isinstance(value, tuple) or len(value) != _LIGHT:
            raise self.damaged("rows")
        return value

    def title_keys(self) -> list[str]:
        """Each row's title in pinyin (``--sort title``)."""
        offset, length, _, _ = self._blobs["title_key"]
        text = bytes(self.buffer[self.base + offset : self.base + offset + length]).decode("utf-8", "replace")
        return text.split("\x00")[: self.count] + [""] * max(0, self.count - text.count("\x00"))

    def readings_bytes(self) -> bytes:
        """The stored reading table as it is (checked against its CRC)."""
        offset, length, _, _ = self._blobs["readings"]
        found = bytes(self.buffer[self.base + offset : self.base + offset + length])
        if zlib.crc32(found) != self._readings_crc:
            raise self.damaged("readings")
        return found

    def reading_table(self) -> dict[str, str]:
        """Character → its readings, for a query's homophones (loaded on first use)."""
        if self._readings is not None:
            return self._readings
        try:
            table = marshal.loads(self.readings_bytes())
        except (EOFError, ValueError, TypeError):
            table = None
        if not isinstance(table, dict):
            raise self.damaged("readings")
        self._readings = table
        return table


def fresh(index: SearchIndex, key: str, names: list[str], stamps: bytes) -> bool:
    """The index was built under ``key`` for exactly these files with these (size, mtime_ns)."""
    return index.key == key and index.names == names and index.stamps == stamps


def load(path: Path) -> SearchIndex | None:
    """The index stored at ``path``, memory-mapped; None when missing or damaged."""
    from reformkit.library.cache import open_part

    try:
        opened = open_part(path)  # a regular file, never a FIFO, device or link (issue 24)
        if opened is None:
            return None
        with opened as handle:
            size = os.fstat(handle.fileno()).st_size
            if size < _HEAD:
                return None
            buffer = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):
        return None
    try:
        index = SearchIndex(buffer)
    except (ValueError, EOFError, TypeError, KeyError, IndexError, MemoryError, OverflowError):
        buffer.close()
        return None
    index.path = path
    return index
