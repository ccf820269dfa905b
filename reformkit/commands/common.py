"""What read commands share at the CLI edge: stderr notes for skipped files, empty results."""

from __future__ import annotations

import shutil

import click

from reformkit.model import ERROR
from reformkit.store import Scan
from reformkit.textsafe import terminal


def report_skipped(library: Scan) -> None:
    """One stderr line per file left out because it has errors."""
    for record in library.skipped():
        first = next((p for p in record.problems if p.severity == ERROR), None)
        if first is None:
            continue
        click.echo(
            terminal(f"{first.path}:{first.line}:{first.column}: {first.code} {first.message} (skipped)"),
            err=True,
        )


def nothing_found(what: str = "no cases match") -> None:
    """An empty selection: a note on stderr, nothing on stdout, exit 1 (like grep)."""
    click.echo(what, err=True)
    raise SystemExit(1)


def terminal_width() -> int:
    return shutil.get_terminal_size((100, 24)).columns
