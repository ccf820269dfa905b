"""Writing the search index of a whole library (the layout: ``reformkit.library.index.read``).

The index is written one blob at a time, each in pieces, so nothing but the records and the
header is held whole in memory; the pinyin and the words of a file unchanged since the index
it replaces are copied from that index rather than worked out again.
"""

from __future__ import annotations

import contextlib
import functools
import io
import marshal
import zlib
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import partial
from typing import IO

from reformkit.library.index import words
from reformkit.library.index.read import CHUNK, LIGHT, MAGIC, VALUE_SEP, DamagedIndex, SearchIndex, blob_name
from reformkit.library.index.record import FORMS, TEXT_FIELDS, Record
from reformkit.text.pinyin import reading_table

#: Posting lists: the column, and how a record's value(s) for it are read.
POSTINGS = ("program", "status", "kinds", "has", "folded_tags", "year")
#: Short per-case lists searched by substring (``agency:``, ``region:``, ``source:``).
LISTS = ("folded_agencies", "folded_region", "folded_source")
#: From this many cases, pinyin is worked out in worker processes only (``_spelled``).
SPELL_APART = 200
#: A blob is written in pieces of about this many bytes, never joined whole in memory.
_BATCH = 1 << 20


def _posting_values(record: Record, column: str) -> Iterable[str]:
    if column == "program":
        return (record.program.lower(),)
    if column == "status":
        return (record.status,)
    if column == "year":
        return (record.published[:4],)
    value = getattr(record, column)
    return value if isinstance(value, list) else (value,)


def build(
    records: Sequence[Record],
    entries: Sequence[tuple[str, int, int, int]] = (),
    key: str = "",
    user_words: tuple[str, ...] = (),
    expires: str = "",
) -> bytes:
    """The index of ``records`` as bytes (see ``write``)."""
    out = io.BytesIO()
    write(records, out, entries, key, user_words=user_words, expires=expires)
    return out.getvalue()


def write(
    records: Sequence[Record],
    out: IO[bytes],
    entries: Sequence[tuple[str, int, int, int]] = (),
    key: str = "",
    previous: SearchIndex | None = None,
    user_words: tuple[str, ...] = (),
    expires: str = "",
    folder: tuple[int, ...] | None = None,
) -> None:
    """Write the index of ``records`` (the library's valid cases, in library order) to ``out``,
    one blob at a time and each in pieces of about ``_BATCH`` bytes, so that nothing but the
    records and the header is held whole in memory.

    ``entries``: every library file as (name, size, mtime_ns, row), row -1 for a file with
    errors; what ``fresh`` compares with the files on disk. Records without their pinyin get it
    from ``previous`` (the index this one replaces) for a file unchanged since, else afresh;
    so do their words (``user_words``: the segmenter's dictionary, see ``words.user_words``).
    ``expires``: the first day (ISO) a file's findings may change, after which the index no
    longer answers for the library ('': never; ``FileRecord.expires``). ``folder``: the cases
    folder's stamp (``files.folder_stamp``) when it stands for the listing of ``entries``."""
    records, reused = _spelled(records, entries, previous)
    row_words = _worded(records, reused, previous, user_words)
    blobs = _blobs(records, row_words)
    readings = _readings_blob(previous)
    vocab, word_rows = words.postings(row_words)
    placed, offset = _placed(blobs, len(records), (("readings", readings), ("word_vocab", vocab), ("word_rows", word_rows)))
    fields = _header(records, entries, key, placed)
    fields["body"] = offset  # then a CRC-32 of each CHUNK bytes of the body
    fields["readings_crc"] = zlib.crc32(readings)  # it is copied into the next index as it is
    fields["word_dict"] = words.dictionary_key(user_words)
    fields["expires"] = expires
    fields["folder"] = tuple(folder or ())
    header = marshal.dumps(fields)
    out.write(MAGIC + len(header).to_bytes(8, "little") + zlib.crc32(header).to_bytes(4, "little"))
    out.write(header)
    body = _Summed(out)
    for _, texts, sep in blobs:
        _write_blob(body, texts(), sep)
    body.write(readings)
    body.write(vocab)
    body.write(word_rows)
    body.close()


#: A blob of one text a row: its name, its texts (made anew each time they are asked for, so
#: that none is held whole), and the byte that ends each text.
Blob = tuple[str, Callable[[], Iterable[bytes]], bytes]


def _blobs(records: Sequence[Record], row_words: list[bytes]) -> list[Blob]:
    """The index's blobs of one text a row, in the order they are written."""
    blobs: list[Blob] = []
    for position, field in enumerate(TEXT_FIELDS):
        for form in FORMS:
            blobs.append((blob_name(form, field), partial(_texts, records, form, position), b"\x00"))
    for column in LISTS:
        blobs.append((column, partial(_values, records, column), b"\x00"))
    blobs.append(("rows", partial(_rows, records), b""))
    blobs.append(("title_key", lambda: (record.title_key.encode("utf-8") for record in records), b"\x00"))
    blobs.append(("words", lambda: iter(row_words), b"\x00"))
    return blobs


def _placed(
    blobs: list[Blob], rows: int, whole: tuple[tuple[str, bytes], ...]
) -> tuple[dict[str, tuple[int, int, int, int]], int]:
    """Where each blob lies in the body, as (offset, length, offset of its starts, length of
    its starts), the blobs held ``whole`` after them (no starts); and the body's length."""
    placed: dict[str, tuple[int, int, int, int]] = {}
    offset = 0
    starts_length = 8 * (rows + 1)
    for name, texts, sep in blobs:
        length = sum(len(text) + len(sep) for text in texts())
        placed[name] = (offset, length, offset + length, starts_length)
        offset += length + starts_length
    for name, data in whole:
        placed[name] = (offset, len(data), offset + len(data), 0)
        offset += len(data)
    return placed, offset


def _write_blob(body: _Summed, texts: Iterable[bytes], sep: bytes) -> None:
    """One blob: its texts, each closed by ``sep``, written in pieces of about ``_BATCH``
    bytes, then where each starts."""
    starts = array("q", [0])
    total = 0
    chunk: list[bytes] = []
    held = 0
    for text in texts:
        chunk.append(text)
        total += len(text) + len(sep)
        starts.append(total)
        held += len(text)
        if held >= _BATCH:
            body.write(sep.join(chunk) + sep)
            chunk, held = [], 0
    if chunk:
        body.write(sep.join(chunk) + sep)
    body.write(starts.tobytes())


class _Summed:
    """Writes the body of an index, then the CRC-32 of each ``CHUNK`` bytes of it (what
    ``SearchIndex.verify`` checks a read against)."""

    def __init__(self, out: IO[bytes]) -> None:
        self.out = out
        self.sums = array("I")
        self.crc = 0
        self.filled = 0

    def write(self, data: bytes) -> None:
        self.out.write(data)
        view = memoryview(data)
        while view:
            piece = view[: CHUNK - self.filled]
            self.crc = zlib.crc32(piece, self.crc)
            self.filled += len(piece)
            view = view[len(piece) :]
            if self.filled == CHUNK:
                self.sums.append(self.crc)
                self.crc = self.filled = 0

    def close(self) -> None:
        """Write the sums (the stream itself stays open)."""
        if self.filled:
            self.sums.append(self.crc)
        self.out.write(self.sums.tobytes())


def _spelled(
    records: Sequence[Record], entries: Sequence[tuple[str, int, int, int]], previous: SearchIndex | None
) -> tuple[list[Record], dict[int, int]]:
    """Every record with its pinyin (``index.spelled``): taken from ``previous`` for a file
    whose case is unchanged there (same stamp, or read again and found the same: a file
    touched or too new to trust), worked out (on every core when many) for the rest, so a
    rebuild imports pypinyin only for what changed. Also: row → its row in ``previous``, for
    each record whose case is the same there."""
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
                name = blob_name(form, field)
                for row, old in reused.items():
                    forms[row][at].append(previous.text(name, old))
                previous.let_go(name)
        for row, old in reused.items():
            pinyin, initials = forms.pop(row)
            done[row] = done[row]._replace(title_key=titles[old], pinyin=tuple(pinyin), initials=tuple(initials))
    return done, reused


def _worded(
    records: Sequence[Record], reused: dict[int, int], previous: SearchIndex | None, user_words: tuple[str, ...]
) -> list[bytes]:
    """Each record's words (``words`` blob): copied from ``previous`` for a case the same
    there under the same dictionary, cut afresh (on every core when many) for the rest."""
    from reformkit.library.parallel import map_chunks

    if previous is None or previous.word_dict != words.dictionary_key(user_words):
        reused = {}
    found: list[bytes | None] = [None] * len(records)
    for row, old in reused.items():
        found[row] = previous.text("words", old) if previous is not None else None
    if previous is not None and reused:
        previous.let_go("words")
    todo = [row for row, value in enumerate(found) if value is None]
    work = [records[row].text for row in todo]
    cut = map_chunks(partial(words.words_all, user_words=user_words), work, threshold=200, min_chunk=50)
    for row, value in zip(todo, cut, strict=True):
        found[row] = value
    return [value or b"" for value in found]


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
        previous.text(blob_name("text", field), old) == text
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
        yield marshal.dumps(tuple(record[:LIGHT]))


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
