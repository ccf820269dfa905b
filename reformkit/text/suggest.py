"""Suggestions for a mistyped name, worded the same way everywhere."""

from __future__ import annotations

from collections.abc import Iterable


def close_matches(name: str, allowed: Iterable[str], *, n: int = 1, cutoff: float = 0.6) -> list[str]:
    """The allowed values closest to ``name``, best first."""
    import difflib

    return difflib.get_close_matches(name, list(allowed), n=n, cutoff=cutoff)


def did_you_mean(name: str, allowed: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest allowed value, or nothing."""
    close = close_matches(name, allowed)
    return f" (did you mean '{close[0]}'?)" if close else ""
