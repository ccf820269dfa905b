"""Which files make up the library, and how their paths are shown."""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

from reformkit.errors import UsageError


class Entry(NamedTuple):
    """One file to read: where it is, how to show it, whether it links outside the library,
    and whether it is a symbolic link at all."""

    path: str
    display: str
    outside: bool = False
    link: bool = False

    @property
    def name(self) -> str:
        return self.path.rpartition(os.sep)[2]


def display_path(path: str | os.PathLike[str]) -> str:
    """A path relative to the working directory when below it, always with '/'."""
    text = os.fspath(path)
    try:
        relative = os.path.relpath(text)
    except ValueError:
        relative = text
    if relative.startswith(".."):
        relative = os.path.abspath(text)
    return relative.replace(os.sep, "/")


def library_entries(folder: Path) -> list[Entry]:
    """The ``*.yaml`` entries directly in the cases folder, sorted by name."""
    try:
        is_folder = folder.is_dir()
    except OSError:  # a name too long for the system
        is_folder = False
    if not is_folder:
        raise UsageError(
            f"cases folder {display_path(folder)} does not exist; create it, or point "
            "-C/--cases-dir or REFORMKIT_CASES_DIR at the library"
        )
    root = folder.resolve()
    try:
        with os.scandir(folder) as scan:
            found = sorted(
                (e.name, e.is_symlink()) for e in scan if e.name.endswith(".yaml") and not e.name.startswith(".")
            )
    except OSError as exc:
        raise UsageError(
            f"cases folder {display_path(folder)} cannot be listed ({exc.strerror}); give reformkit "
            "permission to read it, or point -C/--cases-dir or REFORMKIT_CASES_DIR at the library"
        ) from None
    entries = entries_named(folder, [name for name, _ in found])
    for at, (_, is_link) in enumerate(found):
        if is_link:
            try:
                target = Path(entries[at].path).resolve(strict=True)
            except (OSError, RuntimeError):
                target = None  # a loop or a broken link: reading reports it
            outside = target is not None and root not in target.parents
            entries[at] = entries[at]._replace(outside=outside, link=True)
    return entries


def entries_named(folder: Path, names: list[str]) -> list[Entry]:
    """The entries of files ``names`` (sorted) directly in ``folder``, none of them a link."""
    prefix = display_path(folder).rstrip("/") + "/"
    if prefix == "./":
        prefix = ""
    base = os.path.join(os.fspath(folder), "")
    return [Entry(base + name, prefix + name) for name in names]


def folder_stamp(folder: Path) -> tuple[int, ...] | None:
    """What changes whenever a file is added to, removed from or renamed in ``folder`` (its
    modification and change times, device and inode), or None when it cannot be read or the
    system may not keep it so: Windows leaves a FAT folder's time as it was when a file is
    added, so there the folder is listed every time."""
    if os.name != "posix":
        return None
    try:
        info = os.stat(folder)
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_ctime_ns, info.st_dev, info.st_ino)


class Stray(NamedTuple):
    """A file under the cases folder that looks like a case file but is not in the library."""

    display: str
    fix: str


#: How far below the cases folder stray case files are looked for: folders deep, and directory
#: entries looked at in all. A cases folder set to ``/`` or a home folder is then a bounded
#: look, never a walk of the whole file system.
STRAY_DEPTH = 3
STRAY_ENTRIES = 20_000


def stray_files(folder: Path) -> list[Stray]:
    """Files under ``folder`` that look like case files but are not read, sorted by path.

    The library is the ``*.yaml`` files directly in the folder (``library_entries``); a
    ``.yml``, a ``.YAML`` (any other letter case) there, or a ``.yaml``/``.yml`` in a subfolder
    up to ``STRAY_DEPTH`` folders deep, is never read, and says how to make it part of the
    library. Hidden files and folders (``.git``, the cache) are left out, as the library leaves
    them out; symlinked folders, other file systems and folders that cannot be listed are not
    entered, and the look ends after ``STRAY_ENTRIES`` entries.
    """
    prefix = display_path(folder).rstrip("/") + "/"
    if prefix == "./":
        prefix = ""
    found: list[Stray] = []
    try:
        device = os.stat(folder).st_dev
    except OSError:
        return found
    budget = STRAY_ENTRIES
    pending: list[tuple[str, str, int]] = [(os.fspath(folder), "", 0)]
    while pending and budget > 0:
        here, relative, depth = pending.pop()
        try:
            with os.scandir(here) as scan:
                listed = []
                for entry in scan:
                    listed.append(entry)
                    budget -= 1
                    if budget <= 0:
                        break
        except OSError:
            continue  # unlistable: what the library itself reads is reported by reading it
        for entry in sorted(listed, key=lambda e: e.name):
            name = entry.name
            if name.startswith("."):
                continue
            try:
                is_folder = entry.is_dir(follow_symlinks=False)
                if is_folder and depth < STRAY_DEPTH and entry.stat(follow_symlinks=False).st_dev == device:
                    pending.append((entry.path, f"{relative}{name}/", depth + 1))
            except OSError:
                continue
            if is_folder:
                continue
            stem, dot, extension = name.rpartition(".")
            if not dot or extension.lower() not in ("yaml", "yml"):
                continue
            top = depth == 0
            if top and extension == "yaml":
                continue  # the library itself
            shown = prefix + relative + name
            if top:
                fix = f"is not read: case files end in .yaml; rename it to {stem}.yaml"
            else:
                fix = f"is not read: the library is the .yaml files directly in the cases folder; move it there as {stem}.yaml"
            found.append(Stray(shown, fix))
    return sorted(found)


def explicit_entries(paths: list[str]) -> list[Entry]:
    """Entries for the PATHs a user named: files as given, folders as their ``*.yaml``."""
    entries: list[Entry] = []
    for given in paths:
        path = Path(given)
        if not os.path.lexists(path):
            raise UsageError(f"{given}: no such file or folder")
        if path.is_dir():
            entries.extend(Entry(str(p), display_path(p)) for p in sorted(path.glob("*.yaml")))
        else:
            entries.append(Entry(str(path), display_path(path)))
    return entries
