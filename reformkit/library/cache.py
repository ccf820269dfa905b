"""A cache of per-file results, so repeated runs do not re-parse unchanged YAML.

Three parts per cases folder (never pickle: marshal holds only plain data): ``checks`` (each
file's problems and id, all ``validate`` needs), ``index`` (the search records, loaded only by
commands that search) and ``documents`` (each valid case as plain data, read back only for the
cases a command prints). Entries are keyed on file name, size and ``mtime_ns``; every part on a
key made of the reformkit version, the schema, the config and the date rules are judged against.
An entry whose file changed within ``TRUST_WINDOW_NS`` of the start of the run that read it is
not trusted, since an edit inside one clock tick could leave size and mtime unchanged.

The parts are written together under one new *generation* id, ``checks`` last; ``index`` and
``documents`` are used only when they carry the generation of the ``checks`` part read with
them, so a crash between two writes can never pair an old part with a new one: the mismatched
part is discarded and rebuilt. A damaged part is discarded and rebuilt; deleting the folder is
always safe.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO

CACHE_DIR_ENV = "REFORMKIT_CACHE_DIR"
FORMAT = 4
TRUST_WINDOW_NS = 2_000_000_000
#: A temporary cache file this old was left by a run that was killed while writing it.
STALE_TEMP_NS = 600_000_000_000


def cache_folder(config_root: Path) -> Path:
    chosen = os.environ.get(CACHE_DIR_ENV)
    return Path(chosen) if chosen else config_root / ".reformkit-cache"


def make_key(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


def new_generation() -> str:
    """A fresh id for one write of the cache's parts."""
    return os.urandom(8).hex()


def _folder_name(cases_dir: Path) -> str:
    return hashlib.sha256(os.fsencode(os.path.realpath(cases_dir))).hexdigest()[:16]


def _note(message: str) -> None:
    """One stderr line about the cache: the command answers all the same."""
    import sys

    print(f"reformkit: {message}", file=sys.stderr)


def open_part(path: Path) -> IO[bytes] | None:
    """A cache part opened for reading, only if it is a regular file in a cache folder that is
    not a symbolic link; None when it is absent or fails that check. A part that fails (a
    FIFO, a device, a symbolic link) is deleted, with a note, so the run rebuilds it."""
    import stat

    if os.path.islink(path.parent):
        return None  # never read (or written: ``_write_atomic``) through a link
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        handle = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        return None
    except OSError:
        if not os.path.islink(path):
            raise  # unreadable: the caller treats it as damaged
        _reject(path, "a symbolic link")
        return None
    if not stat.S_ISREG(os.fstat(handle).st_mode):
        os.close(handle)
        _reject(path, "not a regular file")
        return None
    return os.fdopen(handle, "rb")


def _reject(path: Path, why: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)
    _note(f"the cache part {path.name} was {why}; it has been deleted and is rebuilt")


def noted_damage(path: Path) -> None:
    """A note for a part that declares more than it holds (it is rewritten by this run). A
    part cut short by a killed run or a part of another version is rebuilt silently."""
    _note(f"the cache part {path.name} was damaged; it is rebuilt")


def _fresh(size: int, mtime_ns: int, stored_size: object, stored_mtime: object, written_ns: int) -> bool:
    """A stored entry answers for a file: same size and mtime, and older than the trust window."""
    return stored_size == size and stored_mtime == mtime_ns and mtime_ns < written_ns - TRUST_WINDOW_NS


def _write_atomic(folder: Path, target: Path, produce: Callable[[IO[bytes]], None]) -> bool:
    """Write ``target`` through a temporary file and a rename; False when it cannot be written."""
    if os.path.islink(folder):
        return False  # never write through a link: the cache lives where it is named
    try:
        folder.mkdir(parents=True, exist_ok=True)
        ignore = folder / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# reformkit's cache: safe to delete.\n*\n", encoding="utf-8")
        handle, temp = tempfile.mkstemp(dir=folder, prefix=f".{target.stem}-", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                produce(out)
            os.replace(temp, target)
        finally:
            if os.path.exists(temp):
                os.unlink(temp)
        _sweep(folder, f".{target.stem}-")
    except (OSError, ValueError):
        return False  # read-only checkout, full disk, unmarshallable value: run uncached
    return True


def _sweep(folder: Path, prefix: str) -> None:
    """Remove the temporary files that killed runs left behind (older than STALE_TEMP_NS)."""
    now = time.time_ns()
    with os.scandir(folder) as found:
        for entry in found:
            if entry.name.startswith(prefix) and entry.name.endswith(".tmp"):
                try:
                    if now - entry.stat(follow_symlinks=False).st_mtime_ns > STALE_TEMP_NS:
                        os.unlink(entry.path)
                except OSError:
                    pass  # gone meanwhile, or not ours to remove


def part_path(folder: Path, cases_dir: Path, part: str) -> Path:
    """Where one part of a cases folder's cache is stored: ``checks``, ``index`` (marshal),
    ``documents`` or ``search`` (``library.searchindex``)."""
    suffix = ".bin" if part in ("documents", "search") else ".marshal"
    return folder / f"{part}-{_folder_name(cases_dir)}{suffix}"


def search_index_path(config_root: Path, cases_dir: Path) -> Path:
    return part_path(cache_folder(config_root), cases_dir, "search")


def documents_path(config_root: Path, cases_dir: Path) -> Path:
    return part_path(cache_folder(config_root), cases_dir, "documents")


def write_atomic(path: Path, produce: Callable[[IO[bytes]], None]) -> bool:
    """Write a file of the cache folder through a temporary file and a rename: ``produce``
    writes its bytes. False when it cannot be written."""
    return _write_atomic(path.parent, path, produce)


class FileCache:
    """Entries for one cases folder: ``get`` what is fresh, ``put`` what was re-read."""

    def __init__(self, folder: Path, cases_dir: Path, key: str, kind: str = "checks") -> None:
        self.folder = folder
        self.path = part_path(folder, cases_dir, kind)
        self.key = key
        #: file name -> (size, mtime_ns, value); values are whatever marshal can store.
        self.entries: dict[str, object] = {}
        self.written_ns = 0
        #: Every file this run reads is read after this moment: the age entries are judged by.
        self.started_ns = time.time_ns()
        self.generation: str | None = None
        self.dirty = False
        self.state = "cold"
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
        if (
            not isinstance(stored, dict)
            or stored.get("format") != FORMAT
            or not isinstance(stored.get("entries"), dict)
            or not isinstance(stored.get("written_ns"), int)
            or not isinstance(stored.get("generation"), str)
        ):
            self.discard("damaged")
            return
        if stored.get("key") != self.key:
            self.discard("outdated")
            return
        self.entries = stored["entries"]
        self.written_ns = stored["written_ns"]
        self.generation = stored["generation"]
        self.state = "warm"

    def discard(self, state: str) -> None:
        """Forget every entry (a damaged, outdated or mismatched part): it is rebuilt."""
        self.entries = {}
        self.generation = None
        self.state = state
        self.dirty = True

    def get(self, name: str, size: int, mtime_ns: int) -> object:
        """The stored value for a file, or None when it is missing, changed or untrusted."""
        entry = self.entries.get(name)
        if (
            not isinstance(entry, list | tuple)
            or len(entry) != 3
            or not _fresh(size, mtime_ns, entry[0], entry[1], self.written_ns)
        ):
            return None
        return entry[2]

    def put(self, name: str, size: int, mtime_ns: int, value: object) -> None:
        self.entries[name] = (size, mtime_ns, value)
        self.dirty = True

    def keep_only(self, names: set[str]) -> None:
        for gone in set(self.entries) - names:
            del self.entries[gone]
            self.dirty = True

    def save(self, generation: str | None = None) -> bool:
        """Write the part atomically under ``generation``; False when it cannot be written.
        Without a generation (a cache that stands alone) only a changed part is written."""
        if generation is None:
            if not self.dirty:
                return True
            generation = new_generation()
        stored = {
            "format": FORMAT,
            "key": self.key,
            "generation": generation,
            "written_ns": self.started_ns,  # not the save time: a slow run reads files long before
            "entries": self.entries,
        }
        if not _write_atomic(self.folder, self.path, lambda out: marshal.dump(stored, out)):
            return False
        self.generation = generation
        self.dirty = False
        return True


#: The documents part: this magic, the header's length (8 bytes, little-endian), the header
#: (marshal), then each document's marshal bytes one after another. The header maps a file
#: name to (size, mtime_ns, offset, length, crc32), so a command reads only the documents it
#: prints, never the whole part.
DOCUMENTS_MAGIC = b"RKDOCS\x00\x01"


class DocumentCache:
    """Each valid case's document (marshal bytes), read back one slice at a time."""

    def __init__(self, folder: Path, cases_dir: Path, key: str) -> None:
        self.folder = folder
        self.path = part_path(folder, cases_dir, "documents")
        self.key = key
        #: file name -> (size, mtime_ns, offset, length, crc32) into ``_blob``
        self.entries: dict[str, tuple[int, int, int, int, int]] = {}
        #: file name -> (size, mtime_ns, document bytes) put since the part was read
        self.added: dict[str, tuple[int, int, bytes]] = {}
        self.written_ns = 0
        #: Every file this run reads is read after this moment: the age entries are judged by.
        self.started_ns = time.time_ns()
        self.generation: str | None = None
        self.dirty = False
        self.state = "cold"
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
            self._size = os.fstat(handle.fileno()).st_size
            head = handle.read(len(DOCUMENTS_MAGIC) + 8)
            if len(head) != len(DOCUMENTS_MAGIC) + 8 or not head.startswith(DOCUMENTS_MAGIC):
                raise ValueError("not a documents part")
            length = int.from_bytes(head[len(DOCUMENTS_MAGIC) :], "little")
            if length > self._size - len(head):
                noted_damage(self.path)  # declared past the end: never read (issue 24)
                raise ValueError("a header longer than the part")
            header = handle.read(length)
            if len(header) != length:
                raise ValueError("truncated header")
            stored = marshal.loads(header)
            if (
                not isinstance(stored, dict)
                or stored.get("format") != FORMAT
                or not isinstance(stored.get("entries"), dict)
                or not isinstance(stored.get("written_ns"), int)
                or not isinstance(stored.get("generation"), str)
            ):
                raise ValueError("not a documents header")
        except (OSError, EOFError, ValueError, TypeError):
            handle.close()
            self.discard("damaged")
            return
        if stored.get("key") != self.key:
            handle.close()
            self.discard("outdated")
            return
        self.entries = stored["entries"]
        self.written_ns = stored["written_ns"]
        self.generation = stored["generation"]
        self._handle = handle
        self._base = len(DOCUMENTS_MAGIC) + 8 + length
        self.state = "warm"

    def discard(self, state: str) -> None:
        self.close()
        self.entries = {}
        self.added = {}
        self.generation = None
        self.state = state
        self.dirty = True

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
            and _fresh(size, mtime_ns, entry[0], entry[1], self.written_ns)
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
        import zlib

        if self._handle is None:
            return None
        _, _, offset, length, crc = self.entries[name]
        data = b""
        if isinstance(offset, int) and isinstance(length, int) and 0 <= offset <= self._base + offset + length <= self._size:
            try:
                self._handle.seek(self._base + offset)
                data = self._handle.read(length)
            except (OSError, ValueError, TypeError, OverflowError):
                data = b""
        if len(data) != length or zlib.crc32(data) != crc:
            self.damaged_entry(name)
            return None
        return data

    def damaged_entry(self, name: str) -> None:
        """A slice that fails its checksum (or does not decode): drop it, and delete the part,
        so that the next run rebuilds it rather than meet the damage again."""
        self.entries.pop(name, None)
        self.added.pop(name, None)
        self.state = "damaged"
        self.dirty = True
        with contextlib.suppress(OSError):
            os.unlink(self.path)

    def put(self, name: str, size: int, mtime_ns: int, document: bytes) -> None:
        self.added[name] = (size, mtime_ns, document)
        self.dirty = True

    def keep_only(self, names: set[str]) -> None:
        for gone in set(self.entries) - names:
            del self.entries[gone]
            self.dirty = True
        for gone in set(self.added) - names:
            del self.added[gone]
            self.dirty = True

    def save(self, generation: str) -> bool:
        """Write the part atomically under ``generation``: kept slices, then the added ones."""
        import zlib

        # The kept slices are checked here and copied from the old part while the new one is
        # written, one at a time: a part rewritten for one changed file never holds them all.
        kept: list[str] = []
        entries: dict[str, tuple[int, int, int, int, int]] = {}
        offset = 0
        for name, (size, mtime_ns, _, length, crc) in sorted(self.entries.items(), key=lambda item: item[1][2]):
            if name not in self.added and self._slice(name) is not None:
                kept.append(name)
                entries[name] = (size, mtime_ns, offset, length, crc)
                offset += length
        for name, (size, mtime_ns, data) in self.added.items():
            entries[name] = (size, mtime_ns, offset, len(data), zlib.crc32(data))
            offset += len(data)
        written_ns = self.started_ns  # not the save time: a slow run reads files long before
        header = marshal.dumps(
            {
                "format": FORMAT,
                "key": self.key,
                "generation": generation,
                "written_ns": written_ns,
                "entries": entries,
            }
        )

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

        if not _write_atomic(self.folder, self.path, produce):
            return False
        # From now on the documents are served from the file just written; the state stays
        # what this run found.
        state = self.state
        self.close()
        self.entries, self.added, self.written_ns, self.generation = {}, {}, 0, None
        self._load()
        self.state = state
        self.dirty = False
        return True
