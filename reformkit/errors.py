"""The exceptions the core raises for a user's mistake.

Each carries a message written for the user. The CLI turns them into an exit code in one
place (``reformkit.cli``); the core never exits or prints.
"""

from __future__ import annotations


class ReformkitError(Exception):
    """A problem that stops the run: exit code 2."""

    exit_code = 2


class ConfigError(ReformkitError):
    """reformkit.toml is missing, unreadable or invalid."""


class UsageError(ReformkitError):
    """An option, argument, rule code or query that cannot be used."""


class OutputError(ReformkitError):
    """An output file that cannot be written, or exists without --force."""


class NotJSONError(OutputError):
    """A value JSON cannot hold (NaN, infinity) on its way into JSON output."""
