"""The ``documents`` part: each valid case as marshal bytes, read back one slice at a time.

The part is this magic, the header's length (8 bytes, little-endian), the header (marshal),
then each document's marshal bytes one after another. The header maps a file name to (size,
mtime_ns, offset, length, crc32), so a command reads only the documents it prints, never the
whole part.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import zlib
from pathlib import Path
from typing import IO

from reformkit.library.cache.part import Part
from reformkit.library.cache.storage import noted_damage, open_part, write_atomic

DOCUMENTS_MAGIC = b"RKDOCS\x00\x01"
_HEAD = len(DOCUMENTS_MAGIC) + 8


class DocumentCache(Part):
    """Each valid case's document (marshal bytes), read back one slice at a time."""

    def __init__(self, folder: Path, cases_dir: Path, key: str) -> None:
        super().__init__(folder, cases_dir, key, "documents")
        #: file name -> (size, mtime_ns, offset, length, crc32) into the part's documents
        self.entries: dict[str, tuple[int, int, int, int, int]] = {}
        #: file name -> (size, mtime_ns, document bytes) put since the part was read
        self.added: dict[str, tuple[int, int, bytes]] = {}
        self._handle: IO[bytes] | None = None
        self._base = 0
        self._size = 0
        self._load()

    def _load(self) -> None:
        try:
            handle = open_part(self.path)  # kept open to read slices later
        except OSError:
            self.discard("damaged")
            return
        if handle is None:
            return
        try:
            stored, self._base = self._read_header(handle)
        except (OSError, EOFError, ValueError, TypeError):
            handle.close()
            self.discard("damaged")
            return
        entries = self.accept(stored)
        if entries is None:
            handle.close()
            return
        self.entries = entries
        self._handle = handle

    def _read_header(self, handle: IO[bytes]) -> tuple[object, int]:
        """The header (unchecked) and where the documents begin; ValueError for a part that
        is not one or declares more than it holds."""
        self._size = os.fstat(handle.fileno()).st_size
        head = handle.read(_HEAD)
        if len(head) != _HEAD or not head.startswith(DOCUMENTS_MAGIC):
            raise ValueError("not a documents part")
        length = int.from_bytes(head[len(DOCUMENTS_MAGIC) :], "little")
        if length > self._size - len(head):
            noted_damage(self.path)  # declared past the end: never read
            raise ValueError("a header longer than the part")
        header = handle.read(length)
        if len(header) != length:
            raise ValueError("truncated header")
        return marshal.loads(header), _HEAD + length

    def forget(self) -> None:
        self.close()
        self.entries = {}
        self.added = {}

    def names(self) -> set[str]:
        return set(self.entries) | set(self.added)

    def drop(self, name: str) -> None:
        self.entries.pop(name, None)
        self.added.pop(name, None)

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None

    def has(self, name: str, size: int, mtime_ns: int) -> bool:
        """A fresh document is stored for this file."""
        added = self.added.get(name)
        if added is not None:
            return added[0] == size and added[1] == mtime_ns
        entry = self.entries.get(name)
        return (
            isinstance(entry, list | tuple)
            and len(entry) == 5
            and self.fresh(size, mtime_ns, entry[0], entry[1])
        )

    def get(self, name: str, size: int, mtime_ns: int) -> bytes | None:
        """The stored document bytes of a file, or None when missing, stale or damaged."""
        added = self.added.get(name)
        if added is not None:
            return added[2] if added[0] == size and added[1] == mtime_ns else None
        if not self.has(name, size, mtime_ns):
            return None
        return self._slice(name)

    def _slice(self, name: str) -> bytes | None:
        if self._handle is None:
            return None
        _, _, offset, length, crc = self.entries[name]
        data = b""
        if (
            isinstance(offset, int)
            and isinstance(length, int)
            and 0 <= offset <= self._base + offset + length <= self._size
        ):
            try:
                self._handle.seek(self._base + offset)
                data = self._handle.read(length)
            except (OSError, ValueError, TypeError, OverflowError):
                data = b""
        if len(data) != length or zlib.crc32(data) != crc:
            self.damaged_entry(name, changed=len(data) == length)
            return None
        return data

    def damaged_entry(self, name: str, *, changed: bool = True) -> None:
        """A slice that fails its checksum (or does not decode): drop it, and delete the part,
        so that the next run rebuilds it rather than meet the damage again. A part whose bytes
        were ``changed`` (not merely cut short) is noted, once."""
        if changed and self.state != "damaged":
            noted_damage(self.path)
        self.drop(name)
        self.state = "damaged"
        self.dirty = True
        with contextlib.suppress(OSError):
            os.unlink(self.path)

    def put(self, name: str, size: int, mtime_ns: int, document: bytes) -> None:
        self.added[name] = (size, mtime_ns, document)
        self.dirty = True

    def save(self, generation: str) -> bool:
        """Write the part atomically under ``generation``: kept slices, then the added ones."""
        # The kept slices are checked here and copied from the old part while the new one is
        # written, one at a time: a part rewritten for one changed file never holds them all.
        kept: list[str] = []
        entries: dict[str, tuple[int, int, int, int, int]] = {}
        offset = 0
        for name, (size, mtime_ns, _, length, crc) in sorted(
            self.entries.items(), key=lambda item: item[1][2]
        ):
            if name not in self.added and self._slice(name) is not None:
                kept.append(name)
                entries[name] = (size, mtime_ns, offset, length, crc)
                offset += length
        for name, (size, mtime_ns, data) in self.added.items():
            entries[name] = (size, mtime_ns, offset, len(data), zlib.crc32(data))
            offset += len(data)
        header = marshal.dumps(self.header(generation, entries))

        def produce(out: IO[bytes]) -> None:
            out.write(DOCUMENTS_MAGIC + len(header).to_bytes(8, "little"))
            out.write(header)
            for name in kept:
                data = self._slice(name)
                if data is None:  # checked above: the part changed under this run
                    raise OSError("the documents part changed while it was copied")
                out.write(data)
            for _, _, data in self.added.values():
                out.write(data)

        if not write_atomic(self.path, produce):
            return False
        # From now on the documents are served from the file just written; the state stays
        # what this run found.
        state = self.state
        self.forget()
        self.written_ns, self.generation = 0, None
        self._load()
        self.state = state
        self.dirty = False
        return True
