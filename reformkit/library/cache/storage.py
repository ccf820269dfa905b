"""Where the cache lives and how its files are read and written: the folder, the keys, a
part opened only when it is a regular file, atomic writes, and the sweep of what killed runs
left behind."""

from __future__ import annotations

import contextlib
import hashlib
import os
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
        return None  # never read (or written: ``write_atomic``) through a link
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


def write_atomic(target: Path, produce: Callable[[IO[bytes]], None]) -> bool:
    """Write a file of the cache folder through a temporary file and a rename: ``produce``
    writes its bytes. False when it cannot be written."""
    import tempfile  # here: a warm read writes nothing, and tempfile brings shutil, bz2, lzma

    folder = target.parent
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
