"""Writing files atomically, and never over an existing file without ``force``."""

from __future__ import annotations

import os
import re
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from reformkit.errors import OutputError

#: The name of ``produce_atomic``'s temporary file: a dot, the target's name, a dot, the eight
#: random characters ``mkstemp`` puts between prefix and suffix, then ``.tmp``.
TEMP_NAME = re.compile(r"\..+\.[a-z0-9_]{8}\.tmp")
#: A temporary file older than this belongs to no live writer: a run killed mid-write left it.
STALE_TEMP_SECONDS = 600
#: The folders swept in this process (once each).
_swept: set[str] = set()


def write_atomic(path: Path, data: str | bytes, *, force: bool = False) -> None:
    """Write ``data`` to ``path`` atomically (see ``produce_atomic``)."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    produce_atomic(path, lambda temp: temp.write_bytes(payload), force=force)


def produce_atomic(path: Path, produce: Callable[[Path], object], *, force: bool = False) -> None:
    """Let ``produce`` write a temporary file beside ``path``, then move it into place.

    Without ``force`` the final step is a hard link, which fails if the target exists, so
    a file created meanwhile by someone else is never clobbered either. A failure leaves
    neither a partial file nor the temporary one behind.
    """
    import sqlite3

    from reformkit.library.files import display_path

    shown = display_path(path)
    exists = f"{shown} already exists; pass --force to overwrite it"
    if os.path.lexists(path) and not force:
        raise OutputError(exists)
    if path.is_dir():
        raise OutputError(f"cannot write {shown}: it is a folder")
    folder = path.parent
    if not folder.is_dir():
        raise OutputError(f"cannot write {shown}: folder {display_path(folder)} does not exist")
    try:
        handle, name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
        os.close(handle)
        os.unlink(name)  # produce() creates it (sqlite wants a file that is not there yet)
    except OSError as exc:
        raise OutputError(f"cannot write {shown}: {exc.strerror}") from None
    temp = Path(name)
    try:
        produce(temp)
        if force:
            os.replace(temp, path)
        else:
            try:
                os.link(temp, path)
            except FileExistsError:
                raise OutputError(exists) from None
            except OSError:
                # Filesystems without hard links: fall back to a checked rename.
                if os.path.lexists(path):
                    raise OutputError(exists) from None
                os.replace(temp, path)
    except OSError as exc:
        raise OutputError(f"cannot write {shown}: {exc.strerror}") from None
    except sqlite3.Error as exc:  # the sqlite export's own I/O errors (a full disk)
        raise OutputError(f"cannot write {shown}: {exc}") from None
    finally:
        if os.path.lexists(temp):
            os.unlink(temp)
    sweep_temporaries(folder)


def sweep_temporaries(folder: Path) -> list[str]:
    """Delete the temporary files of ``produce_atomic`` that a killed run left in ``folder``
    (its own name pattern only, regular files only, older than ``STALE_TEMP_SECONDS``, so never
    a live writer's); once a process. Returns the names deleted."""
    import stat

    key = os.path.abspath(folder)
    if key in _swept:
        return []
    _swept.add(key)
    deleted = []
    stale = time.time() - STALE_TEMP_SECONDS
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if not TEMP_NAME.fullmatch(entry.name):
                    continue
                try:
                    info = entry.stat(follow_symlinks=False)
                    if stat.S_ISREG(info.st_mode) and info.st_mtime < stale:
                        os.unlink(entry.path)
                        deleted.append(entry.name)
                except OSError:
                    continue  # gone meanwhile, or not ours to delete
    except OSError:
        pass  # a folder that cannot be listed: nothing swept
    return deleted


def unified_diff(before: str, after: str, path: str) -> str:
    """A unified diff of one file's text, as ``diff -u`` prints it (a missing final newline
    is marked, not lost)."""
    import difflib

    out = []
    for line in difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True), fromfile=path, tofile=path
    ):
        out.append(line)
        if not line.endswith("\n"):
            out.append("\n\\ No newline at end of file\n")
    return "".join(out)
