"""The ``checks`` and ``index`` parts: one marshal document of entries keyed on file name.

A part is this magic, the length of the marshal document (8 bytes, little-endian), its CRC-32
(4 bytes, little-endian), then the document. A part cut short (its document shorter than it
declares) is rebuilt silently; one whose document fails its checksum, or runs past what it
declares, was changed after it was written: it is rebuilt with a note.
"""

from __future__ import annotations

import marshal
import os
import zlib
from pathlib import Path
from typing import IO, Any

from reformkit.library.cache.part import Part
from reformkit.library.cache.storage import new_generation, noted_damage, open_part, write_atomic

PART_MAGIC = b"RKPART\x00\x01"
_HEAD = len(PART_MAGIC) + 12


class DamagedPart(ValueError):
    """A part whose bytes were changed after it was written (not merely cut short)."""


def pack(stored: dict[str, Any]) -> bytes:
    """The bytes of a part holding ``stored`` (plain data marshal can hold)."""
    head, document = _packed(stored)
    return head + document


def write_packed(out: IO[bytes], stored: dict[str, Any]) -> None:
    """Write the bytes of ``pack(stored)`` without joining them into one more copy of the
    part (at 10,000 cases the index part is 30 MB: joined, a cold read's peak memory grew by
    as much)."""
    head, document = _packed(stored)
    out.write(head)
    out.write(document)


def _packed(stored: dict[str, Any]) -> tuple[bytes, bytes]:
    document = marshal.dumps(stored)
    head = PART_MAGIC + len(document).to_bytes(8, "little") + zlib.crc32(document).to_bytes(4, "little")
    return head, document


def unpack(data: bytes) -> object:
    """What a part's bytes hold. ValueError for bytes that are not a whole part (another
    format, cut short); DamagedPart for a part whose bytes were changed."""
    if len(data) < _HEAD or not data.startswith(PART_MAGIC):
        raise ValueError("not a cache part of this format")
    length = int.from_bytes(data[len(PART_MAGIC) : len(PART_MAGIC) + 8], "little")
    crc = int.from_bytes(data[len(PART_MAGIC) + 8 : _HEAD], "little")
    document = data[_HEAD:]
    if len(document) < length:
        raise ValueError("a part cut short")
    if len(document) > length or zlib.crc32(document) != crc:
        raise DamagedPart("a part that fails its checksum")
    return marshal.loads(document)


class FileCache(Part):
    """Entries for one cases folder: ``get`` what is fresh, ``put`` what was re-read."""

    def __init__(self, folder: Path, cases_dir: Path, key: str, kind: str = "checks") -> None:
        super().__init__(folder, cases_dir, key, kind)
        #: file name -> (size, mtime_ns, value); values are whatever marshal can store.
        self.entries: dict[str, object] = {}
        self._load()

    def _load(self) -> None:
        try:
            handle = open_part(self.path)
            if handle is None:
                return
            with handle:
                # one read: far faster than load(handle); no more than the file holds
                stored = unpack(handle.read(os.fstat(handle.fileno()).st_size))
        except (MemoryError, OverflowError, DamagedPart):
            noted_damage(self.path)
            self.discard("damaged")
            return
        except (OSError, EOFError, ValueError, TypeError):
            self.discard("damaged")
            return
        entries = self.accept(stored)
        if entries is not None:
            self.entries = entries

    def forget(self) -> None:
        self.entries = {}

    def names(self) -> set[str]:
        return set(self.entries)

    def drop(self, name: str) -> None:
        del self.entries[name]

    def get(self, name: str, size: int, mtime_ns: int) -> object:
        """The stored value for a file, or None when it is missing, changed or untrusted."""
        entry = self.entries.get(name)
        if (
            not isinstance(entry, list | tuple)
            or len(entry) != 3
            or not self.fresh(size, mtime_ns, entry[0], entry[1])
        ):
            return None
        return entry[2]

    def put(self, name: str, size: int, mtime_ns: int, value: object) -> None:
        self.entries[name] = (size, mtime_ns, value)
        self.dirty = True

    def save(self, generation: str | None = None) -> bool:
        """Write the part atomically under ``generation``; False when it cannot be written.
        Without a generation (a cache that stands alone) only a changed part is written."""
        if generation is None:
            if not self.dirty:
                return True
            generation = new_generation()
        stored = self.header(generation, self.entries)

        def produce(out: IO[bytes]) -> None:
            write_packed(out, stored)

        if not write_atomic(self.path, produce):
            return False
        self.generation = generation
        self.dirty = False
        return True
