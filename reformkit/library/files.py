"""Which files make up the library, and how their paths are shown."""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

from reformkit.errors import UsageError


class Entry(NamedTuple):
    """One file to read: where it is, how to show it, and whether it links outside the library."""

    path: str
    display: str
    outside: bool = False

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
    prefix = display_path(folder).rstrip("/") + "/"
    if prefix == "./":
        prefix = ""
    entries = []
    with os.scandir(folder) as scan:
        found = sorted(
            (e.name, e.is_symlink()) for e in scan if e.name.endswith(".yaml") and not e.name.startswith(".")
        )
    base = os.path.join(os.fspath(folder), "")
    for name, is_link in found:
        path = base + name
        outside = False
        if is_link:
            try:
                target = Path(path).resolve(strict=True)
            except (OSError, RuntimeError):
                target = None  # a loop or a broken link: reading reports it
            outside = target is not None and root not in target.parents
        entries.append(Entry(path, prefix + name, outside))
    return entries


class Stray(NamedTuple):
    """A file under the cases folder that looks like a case file but is not in the library."""

    display: str
    fix: str


def stray_files(folder: Path) -> list[Stray]:
    """Files under ``folder`` that look like case files but are not read, sorted by path.

    The library is the ``*.yaml`` files directly in the folder (``library_entries``); a
    ``.yml``, a ``.YAML`` (any other letter case) there, or a ``.yaml``/``.yml`` in a subfolder
    at any depth, is never read, and says how to make it part of the library. Hidden files and
    folders (``.git``, the cache) are left out, as the library leaves them out; symlinked
    folders are not followed.
    """
    prefix = display_path(folder).rstrip("/") + "/"
    if prefix == "./":
        prefix = ""
    found: list[Stray] = []
    for here, folders, names in os.walk(folder, onerror=None, followlinks=False):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        relative = os.path.relpath(here, folder)
        top = relative == "."
        for name in sorted(names):
            stem, dot, extension = name.rpartition(".")
            if name.startswith(".") or not dot or extension.lower() not in ("yaml", "yml"):
                continue
            if top and extension == "yaml":
                continue  # the library itself
            shown = prefix + (name if top else f"{relative}/{name}".replace(os.sep, "/"))
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
