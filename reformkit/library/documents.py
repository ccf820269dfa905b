"""Loading one library file with the configured limits: for checking and for printing."""

from __future__ import annotations

from functools import cache
from typing import Any, cast

from reformkit.case.model import Case, LoadedFile
from reformkit.config import Config
from reformkit.library.files import Entry
from reformkit.library.loader import load_file
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
    from reformkit.case.schemacheck import case_schema

    return tuple(case_schema()["properties"])


def as_case(data: dict[str, Any]) -> Case:
    """A valid file's document as every output reads it: keys in schema order, ``status``
    always present. ``data`` is left as it is."""
    # The file has no errors: the document has the schema's shape.
    return cast(
        Case,
        {key: data.get(key, "implemented") for key in key_order() if key in data or key == "status"},
    )


def load_case(entry: Entry, config: Config) -> tuple[Case, LoadedFile]:
    """Re-read a selected (valid) file: its case in schema order, ``status`` always present,
    and the loaded file with its source positions (``Scan.case`` serves the case alone from
    the cache; this is for what needs the positions)."""
    loaded = load_entry(entry, config)
    data = loaded.data or {}
    data.setdefault("status", "implemented")
    return as_case(data), loaded
