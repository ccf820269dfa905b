"""Writing files atomically, and never over an existing file without ``force``."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from reformkit.errors import OutputError


def write_atomic(path: Path, data: str | bytes, *, force: bool = False) -> None:
    """Write via a temporary file in the same folder, then move it into place.

    Without ``force`` the final step is a hard link, which fails if the target exists, so
    a file created meanwhile by someone else is never clobbered either.
    """
    from reformkit.library import display_path

    shown = display_path(path)
    if path.exists() and not force:
        raise OutputError(f"{shown} already exists; pass --force to overwrite it")
    folder = path.parent
    if not folder.is_dir():
        raise OutputError(f"cannot write {shown}: folder {display_path(folder)} does not exist")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        handle, temp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise OutputError(f"cannot write {shown}: {exc.strerror}") from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(payload)
        if force:
            os.replace(temp, path)
        else:
            try:
                os.link(temp, path)
            except FileExistsError:
                raise OutputError(f"{shown} already exists; pass --force to overwrite it") from None
            except OSError:
                # Filesystems without hard links: fall back to a checked rename.
                if path.exists():
                    raise OutputError(f"{shown} already exists; pass --force to overwrite it") from None
                os.replace(temp, path)
    except OSError as exc:
        raise OutputError(f"cannot write {shown}: {exc.strerror}") from None
    finally:
        if os.path.exists(temp):
            os.unlink(temp)
