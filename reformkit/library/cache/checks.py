"""The ``checks`` and ``index`` parts: one marshal document of entries keyed on file name."""

from __future__ import annotations

import marshal
import os
from pathlib import Path

from reformkit.library.cache.part import Part
from reformkit.library.cache.storage import new_generation, noted_damage, open_part, write_atomic


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
                stored = marshal.loads(handle.read(os.fstat(handle.fileno()).st_size))
        except (MemoryError, OverflowError):
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
        if not write_atomic(self.path, lambda out: marshal.dump(stored, out)):
            return False
        self.generation = generation
        self.dirty = False
        return True
