"""Partial dates (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``) as the case files use them."""

from __future__ import annotations

import datetime as _dt
import os
import re

DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

#: The years a case's date may name: from the founding of the People's Republic, whose
#: government documents the library collects, to a ``due`` date far ahead. Every date inside
#: is one ``datetime.date`` holds with a day to spare on each side (ranges step past the ends).
FIRST_YEAR, LAST_YEAR = 1949, 2100


def check(value: str) -> str | None:
    """Return why ``value`` is not a real partial date, or None when it is one."""
    match = DATE_RE.match(value)
    if not match:
        return "is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD"
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return f"has the year {year:04d}, outside {FIRST_YEAR}..{LAST_YEAR}"
    if month is not None and not 1 <= month <= 12:
        return f"has no month {month:02d}"
    if day is not None:
        assert month is not None
        last = _days_in(year, month)
        if not 1 <= day <= last:
            return f"has no day {day:02d} ({year}-{month:02d} has {last} days)"
    return None


def first_day(value: str) -> _dt.date:
    """The first day a valid partial date covers."""
    parts = [int(p) for p in value.split("-")]
    return _dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def last_day(value: str) -> _dt.date:
    """The last day a valid partial date covers."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return _dt.date(*parts)
    month = parts[1] if len(parts) == 2 else 12
    return _dt.date(parts[0], month, _days_in(parts[0], month))


def _days_in(year: int, month: int) -> int:
    """How many days ``month`` of ``year`` has (``calendar.monthrange``, without importing it
    on every command's path)."""
    if month == 12:
        return 31
    return (_dt.date(year, month + 1, 1) - _dt.date(year, month, 1)).days


def today() -> _dt.date:
    """Today, or ``REFORMKIT_TODAY`` (YYYY-MM-DD) when set, so tests can pin the clock."""
    pinned = os.environ.get("REFORMKIT_TODAY")
    if pinned:
        try:
            return _dt.date.fromisoformat(pinned)
        except ValueError:
            from reformkit.errors import UsageError

            raise UsageError(
                f"REFORMKIT_TODAY={pinned!r} is not a date; set it to YYYY-MM-DD or unset it"
            ) from None
    return _dt.date.today()
