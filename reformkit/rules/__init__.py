"""Validation rules. Each module checks one family and yields problems; none prints.

Structure is checked against the JSON Schema (``structure``); meaning by ``case`` and
``metrics``; rules across files by ``library``. Codes and severities live in
``reformkit.codes``.
"""

from __future__ import annotations

import difflib


def did_you_mean(name: str, allowed: list[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest allowed value, or nothing."""
    close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
