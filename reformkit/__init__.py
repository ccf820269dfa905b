"""reformkit: keep, check, search and report on a library of government reform cases.

The command line is a thin layer over this API::

    import reformkit

    library = reformkit.open_library("path/to/library")   # the folder holding reformkit.toml
    result = library.validate()
    print(result.errors, result.warnings)
    for hit in library.search("一网通办 year:2021", limit=5):
        print(hit.id, hit.title)
    case = library.case("hnbiz-4-02")
    briefing = library.briefing("tag:企业开办", group_by="program")   # what report writes, as data

Importing reformkit is cheap: the API's modules load on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reformkit._version import __version__

if TYPE_CHECKING:
    from reformkit.api import Library, SearchHit, open_library
    from reformkit.errors import ReformkitError
    from reformkit.report.briefing import Briefing
    from reformkit.validate import ValidationResult

__all__ = [
    "Briefing",
    "Library",
    "ReformkitError",
    "SearchHit",
    "ValidationResult",
    "__version__",
    "open_library",
]

_LAZY = {
    "Library": "reformkit.api",
    "SearchHit": "reformkit.api",
    "open_library": "reformkit.api",
    "ReformkitError": "reformkit.errors",
    "Briefing": "reformkit.report.briefing",
    "ValidationResult": "reformkit.validate",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'reformkit' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
