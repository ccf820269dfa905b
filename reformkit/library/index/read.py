"""Reading the search index of a whole library: text laid out for ``find``, filters as columns.

A search never walks records one by one. For each text field, and for each form of its text
(folded UTF-8, pinyin syllables, pinyin initials), every valid case's text is laid end to end
in one blob, NUL between cases; a term is found with one ``find`` per occurrence over that
blob, and ``bisect`` over the blob's row starts says which case an offset belongs to. Filter
values live in columns and posting lists (``tag`` → rows); the words of the text
(``reformkit.library.index.words``) in word posting lists. Whole records are rebuilt only for
the hits a command prints, from a slice of the stored rows.

The file (``reformkit.library.index.write``): a magic, the header's length, the header
(marshal: entry names, their stamps, columns, postings, where each blob lies), then the
blobs, then a CRC-32 of each 64 KiB of the blobs, each checked the first time a read touches
its bytes (``verify``). It is memory-mapped, so a search reads only the pages its terms and
hits touch. The
index is derived data: each library file's (size, mtime_ns) is stored with it and compared,
all at once, with the files on disk before it is used, so it can never answer for a file that
changed; a damaged, outdated or unmatched index is rebuilt from the per-file records
(``scan``), never trusted.
"""

from __future__ import annotations

import bisect
import contextlib
import marshal
import mmap
import os
import zlib
from array import array
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from reformkit.errors import ReformkitError
from reformkit.library.index.record import FORMS, RECORD_KEYS, TEXT_FIELDS, Record

if TYPE_CHECKING:
    from pathlib import Path

#: The file's magic; its last byte is the format number (6: checksummed blobs).
MAGIC = b"RKINDEX\x00\x06"
#: The magic, the header's length (8 bytes) and its CRC-32 (4 bytes), before the header.
HEAD = len(MAGIC) + 12
#: The record values a row stores (everything but the text forms, which the blobs hold).
LIGHT = RECORD_KEYS.index("text")
#: Separates two values of one case in a list blob (a value never holds it).
VALUE_SEP = b"\x01"
#: The blobs are checksummed in pieces of this many bytes: a read checks only what it touches.
CHUNK = 1 << 16


def blob_name(form: str, field: str) -> str:
    return f"{form}:{field}"


class DamagedIndex(ReformkitError):
    """A part of a stored index found damaged while it was read (a disk error, an edit by
    hand): the file is deleted, and the next run rebuilds it."""


class SearchIndex:
    """A loaded index: columns in memory, blobs in a buffer (a memory map or bytes)."""

    def __init__(self, buffer: bytes | mmap.mmap) -> None:
        if buffer[: len(MAGIC)] != MAGIC:
            raise ValueError("not a search index")
        length = int.from_bytes(buffer[len(MAGIC) : len(MAGIC) + 8], "little")
        stored = buffer[HEAD : HEAD + length]
        if zlib.crc32(stored) != int.from_bytes(buffer[HEAD - 4 : HEAD], "little"):
            raise ValueError("damaged search index header")
        header = marshal.loads(stored)
        if not isinstance(header, dict):
            raise ValueError("not a search index header")
        self.buffer = buffer
        #: The file the index was read from (None: built in memory).
        self.path: Path | None = None
        self.base = HEAD + length
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
        #: Which dictionary the words were cut with (``words.dictionary_key``).
        self.word_dict: int = header["word_dict"]
        #: The first day (ISO) the index no longer answers for the library ('': never).
        self.expires: str = header["expires"]
        #: The cases folder's stamp when its files were listed ((): list it again each time).
        self.folder: tuple[int, ...] = header["folder"]
        self._vocab: dict[str, tuple[int, int]] | None = None
        if len(self.ids) != self.count or len(self.entry_rows) != len(self.names):
            raise ValueError("inconsistent search index")
        body = max((at + size for _, _, at, size in self._blobs.values()), default=0)
        chunks = -(-body // CHUNK)
        if header["body"] != body or len(buffer) != self.base + body + 4 * chunks:
            raise ValueError("truncated search index")
        self.body = body
        self._sums = array("I")
        self._sums.frombytes(buffer[self.base + body :])
        #: Which chunks a read has checked so far (1: sound).
        self._verified = bytearray(chunks)

    def close(self) -> None:
        """Let go of the memory map (an index built in memory holds none). A read after this
        fails; while a row's text is still referenced the map stays until that is dropped."""
        if isinstance(self.buffer, mmap.mmap):
            # A slice of it still exported: the map is freed with the last one.
            with contextlib.suppress(BufferError):
                self.buffer.close()

    # -- text -----------------------------------------------------------------------------

    def damaged(self, part: str) -> DamagedIndex:
        """The error for a damaged part, after deleting the stored index it was read from."""
        if self.path is not None:
            with contextlib.suppress(OSError):
                os.unlink(self.path)
            from reformkit.library.cache import noted_damage

            noted_damage(self.path)
            self.path = None  # one note
        return DamagedIndex(
            f"the search index is damaged ({part}); it has been deleted and is rebuilt on the "
            "next run: run the command again"
        )

    def verify(self, begin: int, end: int, part: str) -> None:
        """Check the CRC of every chunk that body bytes ``begin:end`` touch and no read has
        checked yet (raises ``DamagedIndex``)."""
        verified = self._verified
        first, last = begin // CHUNK, (max(end, begin + 1) - 1) // CHUNK
        if verified.find(0, first, last + 1) < 0:
            return
        with memoryview(self.buffer) as view:  # checked where it lies, never copied
            for chunk in range(first, last + 1):
                if verified[chunk]:
                    continue
                at = self.base + chunk * CHUNK
                if zlib.crc32(view[at : min(at + CHUNK, self.base + self.body)]) != self._sums[chunk]:
                    raise self.damaged(part)
                verified[chunk] = 1

    def verify_blob(self, name: str) -> None:
        """Check the whole of blob ``name`` and its row starts."""
        offset, _, starts_at, starts_length = self._blobs[name]
        self.verify(offset, starts_at + starts_length, name)

    def verify_rows(self, rows: Iterable[int], *, text: bool = True) -> None:
        """Check every byte the records of ``rows`` are read from (``record``; with
        ``text=False``, ``record(row, text=False)``), so that a damaged part is found while
        the command can still read the library again."""
        rows = list(rows)
        texts = (blob_name(form, field) for form in FORMS for field in TEXT_FIELDS) if text else ()
        for name in (*texts, "rows") if rows else ():
            if 4 * len(rows) > self.count:  # many rows: one pass over the blob
                self.verify_blob(name)
                continue
            offset = self._blobs[name][0]
            starts = self.starts(name)
            for row in rows:
                self.verify(offset + starts[row], offset + starts[row + 1], name)

    def check(self) -> None:
        """Check every part a search reads (raises ``DamagedIndex``)."""
        for name, (_, _, _, starts_length) in self._blobs.items():
            if starts_length:  # the blobs laid out by row (not the reading table, the words' postings)
                self.starts(name)

    def starts(self, name: str) -> array[int]:
        """Where each row's text begins in blob ``name`` (and where the last one ends)."""
        found = self._starts.get(name)
        if found is None:
            offset, _, starts_at, length = self._blobs[name]
            self.verify(starts_at, starts_at + length, name)
            found = array("q")
            found.frombytes(self.buffer[self.base + starts_at : self.base + starts_at + length])
            if len(found) != self.count + 1 or found[0] != 0 or found[-1] != starts_at - offset:
                raise self.damaged(name)
            self._starts[name] = found
        return found

    def occurrences(self, name: str, needle: bytes) -> dict[int, int]:
        """Row → how many times ``needle`` occurs in that row's text of blob ``name``."""
        if b"\x00" in needle:  # the byte that ends each row's text: no text holds it
            return {}
        buffer, starts = self.buffer, self.starts(name)
        offset, length, _, _ = self._blobs[name]
        self.verify(offset, offset + length, name)
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

    def rows_with(self, name: str, needle: bytes) -> Iterator[int]:
        """Each row whose text of blob ``name`` holds ``needle``, first first, found as they are
        asked for (a caller that stops early reads no further)."""
        if b"\x00" in needle:  # the byte that ends each row's text: no text holds it
            return
        buffer, starts = self.buffer, self.starts(name)
        offset, length, _, _ = self._blobs[name]
        base = self.base + offset
        end = base + length
        at = buffer.find(needle, base, end)
        while at >= 0:
            row = bisect.bisect_right(starts, at - base) - 1
            yield row
            at = buffer.find(needle, base + starts[row + 1], end)

    def contains(self, name: str, needle: bytes) -> bool:
        """Whether ``needle`` occurs in any row's text of blob ``name``."""
        offset, length, _, _ = self._blobs[name]
        self.verify(offset, offset + length, name)
        return self.buffer.find(needle, self.base + offset, self.base + offset + length) >= 0

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
        self.verify(offset + starts[row], offset + starts[row + 1], name)
        begin = self.base + offset + starts[row]
        return bytes(self.buffer[begin : self.base + offset + starts[row + 1] - 1])

    # -- words --------------------------------------------------------------------------

    def vocabulary(self) -> dict[str, tuple[int, int]]:
        """Word → (first position, count) of its rows in ``word_rows`` (loaded on first use)."""
        if self._vocab is None:
            offset, length, _, _ = self._blobs["word_vocab"]
            self.verify(offset, offset + length, "word_vocab")
            try:
                vocab = marshal.loads(self.buffer[self.base + offset : self.base + offset + length])
            except (EOFError, ValueError, TypeError):
                vocab = None
            if not isinstance(vocab, dict):
                raise self.damaged("word_vocab")
            self._vocab = vocab
        return self._vocab

    def word_rows(self, word: str) -> array[int]:
        """The rows whose text holds ``word`` (as the segmenter cut it), in row order."""
        found = array("i")
        place = self.vocabulary().get(word)
        if place is None:
            return found
        first, count = place
        offset, length, _, _ = self._blobs["word_rows"]
        begin = self.base + offset + 4 * first
        if first < 0 or count < 0 or 4 * (first + count) > length:
            raise self.damaged("word_rows")
        self.verify(offset + 4 * first, offset + 4 * (first + count), "word_rows")
        found.frombytes(self.buffer[begin : begin + 4 * count])
        if found and not 0 <= found[-1] < self.count:
            raise self.damaged("word_rows")
        return found

    def row_words(self, row: int) -> list[str]:
        """The distinct words of one row, first seen first."""
        from reformkit.library.index.words import split_row

        try:
            return split_row(self.text("words", row))
        except UnicodeDecodeError:
            raise self.damaged("words") from None

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
            tuple(self.text(blob_name(form, field), row) for field in TEXT_FIELDS) for form in FORMS
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
        self.verify(offset + starts[row], offset + starts[row + 1], "rows")
        begin = self.base + offset
        try:
            value = marshal.loads(self.buffer[begin + starts[row] : begin + starts[row + 1]])
        except (EOFError, ValueError, TypeError):
            value = None
        if not isinstance(value, tuple) or len(value) != LIGHT:
            raise self.damaged("rows")
        return value

    def title_keys(self) -> list[str]:
        """Each row's title in pinyin (``--sort title``)."""
        offset, length, _, _ = self._blobs["title_key"]
        self.verify(offset, offset + length, "title_key")
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


def fresh(index: SearchIndex, key: str, names: list[str], stamps: bytes, today: str) -> bool:
    """The index was built under ``key`` for exactly these files with these (size, mtime_ns),
    and no file's findings may have changed by ``today`` (ISO)."""
    return (
        index.key == key
        and index.names == names
        and index.stamps == stamps
        and not (index.expires and index.expires <= today)
    )


def load(path: Path) -> SearchIndex | None:
    """The index stored at ``path``, memory-mapped; None when missing or damaged."""
    from reformkit.library.cache import open_part

    try:
        opened = open_part(path)  # a regular file, never a FIFO, device or link
        if opened is None:
            return None
        with opened as handle:
            size = os.fstat(handle.fileno()).st_size
            if size < HEAD:
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
