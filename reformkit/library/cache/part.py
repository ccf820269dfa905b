"""What every part of the cache shares: its key and generation, the trust window an entry is
judged by, the header every part begins with, and how a part is forgotten."""

from __future__ import annotations

import time
from abc import ABC, abstractmethod
from pathlib import Path
from typing import Any

from reformkit.library.cache.storage import FORMAT, TRUST_WINDOW_NS, part_path


class Part(ABC):
    """One part of a cases folder's cache (``checks``, ``index``, ``documents``).

    A part is read once when made (``state`` is then ``warm``, or ``cold``, ``damaged`` or
    ``outdated`` with no entries) and written whole by ``save``; ``dirty`` says a save would
    change it. Subclasses hold the entries and say how they are stored."""

    def __init__(self, folder: Path, cases_dir: Path, key: str, kind: str) -> None:
        self.folder = folder
        self.path = part_path(folder, cases_dir, kind)
        self.key = key
        self.written_ns = 0
        #: Every file this run reads is read after this moment: the age entries are judged by.
        self.started_ns = time.time_ns()
        self.generation: str | None = None
        self.dirty = False
        self.state = "cold"

    def fresh(self, size: int, mtime_ns: int, stored_size: object, stored_mtime: object) -> bool:
        """A stored entry answers for a file: same size and mtime, and older than the trust
        window before the part was written."""
        return (
            stored_size == size and stored_mtime == mtime_ns and mtime_ns < self.written_ns - TRUST_WINDOW_NS
        )

    def header(self, generation: str, entries: object) -> dict[str, Any]:
        """What a part stores about itself, before its entries."""
        written_ns = self.started_ns  # not the save time: a slow run reads files long before
        return {
            "format": FORMAT,
            "key": self.key,
            "generation": generation,
            "written_ns": written_ns,
            "entries": entries,
        }

    def accept(self, stored: object) -> dict[Any, Any] | None:
        """The entries of a header just read, taking its generation and age; None (with the
        part discarded as damaged or outdated) when it is not this version's or this key's."""
        if (
            not isinstance(stored, dict)
            or stored.get("format") != FORMAT
            or not isinstance(stored.get("entries"), dict)
            or not isinstance(stored.get("written_ns"), int)
            or not isinstance(stored.get("generation"), str)
        ):
            self.discard("damaged")
            return None
        if stored.get("key") != self.key:
            self.discard("outdated")
            return None
        self.written_ns = stored["written_ns"]
        self.generation = stored["generation"]
        self.state = "warm"
        entries: dict[Any, Any] = stored["entries"]
        return entries

    def discard(self, state: str) -> None:
        """Forget every entry (a damaged, outdated or mismatched part): it is rebuilt."""
        self.generation = None
        self.state = state
        self.dirty = True
        self.forget()

    @abstractmethod
    def forget(self) -> None:
        """Drop the entries held (each kind of part holds its own)."""

    @abstractmethod
    def names(self) -> set[str]:
        """The file names the part holds an entry for."""

    @abstractmethod
    def drop(self, name: str) -> None:
        """Drop the entry of the file ``name``."""

    def keep_only(self, names: set[str]) -> None:
        """Drop the entries of files no longer in the folder."""
        for gone in self.names() - names:
            self.drop(gone)
            self.dirty = True
