"""Loading one library file with the configured limits: for checking and for printing."""

from __future__ import annotations

from functools import cache
from typing import cast

from reformkit.config import Config
from reformkit.library.files import Entry
from reformkit.library.loader import load_file
from reformkit.model import Case, LoadedFile
from reformkit.rules.base import problem
from reformkit.rules.loading import OUTSIDE_LIBRARY


def load_entry(entry: Entry, config: Config) -> LoadedFile:
    """Read one entry of the library with ``[rules]`` limits; a link out of it is RK014."""
    loaded = load_file(
        entry.path,
        entry.display,
        max_bytes=config.rules.max_file_bytes,
        max_depth=config.rules.max_depth,
    )
    if entry.outside:
        loaded.problems.insert(
            0,
            problem(
                entry.display,
                1,
                1,
                OUTSIDE_LIBRARY,
                "is a symlink leading outside the cases folder; copy the file in or remove the link",
            ),
        )
        loaded.data = None
    return loaded


@cache
def key_order() -> tuple[str, ...]:
    """Schema order of a case's keys, so every output lists fields the same way."""
    from reformkit.schemacheck import case_schema

    return tuple(case_schema()["properties"])


def load_case(entry: Entry, config: Config) -> tuple[Case, LoadedFile]:
    """Re-read a selected (valid) file: its case in schema order, ``status`` always present,
    and the loaded file with its source positions."""
    loaded = load_entry(entry, config)
    data = loaded.data or {}
    data.setdefault("status", "implemented")
    # The file was selected because it has no errors: the document has the schema's shape.
    ordered = cast(Case, {key: data[key] for key in key_order() if key in data})
    return ordered, loaded
