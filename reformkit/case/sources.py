"""The documents cases cite, in the ``sources/`` folder beside the cases folder.

``source_text(folder, name)`` reads one document (UTF-8 text, as received) and keeps it for
the life of the process, keyed on its size and modification time, so validating a library
reads each document once. A document that is missing, not a plain file name, not a regular
file or not UTF-8 is a ``SourceError`` with what to do.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

SOURCES_DIR = "sources"
#: A source document larger than this is not read (the seeds are under 60 kB).
MAX_SOURCE_BYTES = 8 * 1_048_576


@dataclass(frozen=True)
class SourceText:
    """A source document: its path as shown, and its lines as received (no line ends)."""

    shown: str
    lines: tuple[str, ...]


class SourceError(Exception):
    """A document named by a case cannot be read; the message says why and what to do."""


_READ: dict[tuple[str, int, int], SourceText] = {}


def sources_folder(case_path: str) -> Path:
    """The ``sources/`` folder beside the folder holding a case file."""
    return Path(case_path).absolute().parent.parent / SOURCES_DIR


def source_text(folder: Path, name: str, shown_folder: str = SOURCES_DIR) -> SourceText:
    """The document ``name`` in ``folder``; raise SourceError."""
    if not name or name != os.path.basename(name) or name in (".", ".."):
        raise SourceError(
            f"source.document {name!r} is not a file name in {shown_folder}/; name the file only"
        )
    path = folder / name
    shown = f"{shown_folder}/{name}"
    try:
        info = path.stat()
    except OSError:
        raise SourceError(
            f"source.document {name!r} is not in {shown_folder}/; add the document there"
        ) from None
    if not stat.S_ISREG(info.st_mode):
        raise SourceError(f"{shown} is not a regular file; put the document's text there")
    if info.st_size > MAX_SOURCE_BYTES:
        raise SourceError(f"{shown} is larger than {MAX_SOURCE_BYTES} bytes; keep the document's text only")
    key = (str(path), info.st_size, info.st_mtime_ns)
    held = _READ.get(key)
    if held is not None:
        return held
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        raise SourceError(f"{shown} is not UTF-8 text (byte {error.start}); save it as UTF-8") from None
    except OSError as error:
        raise SourceError(f"{shown} cannot be read ({error.strerror}); check its permissions") from None
    document = SourceText(shown, tuple(text.removeprefix("\ufeff").replace("\r\n", "\n").split("\n")))
    _READ[key] = document
    return document


def folder_stamp(folder: Path) -> str:
    """Names, sizes and modification times of the documents in ``folder`` ('' when none): a
    change there makes cached findings stale."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return ""
    parts = []
    for entry in entries:
        try:
            info = entry.stat()
        except OSError:
            continue
        parts.append(f"{entry.name}:{info.st_size}:{info.st_mtime_ns}")
    return "|".join(parts)
