"""Validation rules. Each module checks one family and yields problems; none prints.

Structure is checked against the JSON Schema (``structure``); meaning by ``case`` and
``metrics``; rules across files by ``library``. Codes and severities live in
``reformkit.codes``.
"""

from __future__ import annotations

from datetime import date

from reformkit.config import Config
from reformkit.model import LoadedFile, Problem


def check_file(loaded: LoadedFile, config: Config, today: date) -> list[Problem]:
    """Every single-file problem of a loaded file: the loader's, then each family's."""
    from reformkit.rules import case, metrics, structure

    found = list(loaded.problems)
    if loaded.data is not None:
        found.extend(structure.check(loaded))
        found.extend(case.check(loaded, config, today))
        found.extend(metrics.check(loaded, config))
    return found
