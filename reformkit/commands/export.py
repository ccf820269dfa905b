"""reformkit export: full case data for other tools."""

from __future__ import annotations

import click

from reformkit.options import Settings, force_option, format_option, query_command
from reformkit.render import format_names


@query_command("export")
@format_option(format_names("export"), "json")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="Write to FILE (required for sqlite; else stdout).",
)
@force_option("the output file")
def command(
    settings: Settings,
    query: tuple[str, ...],
    output_format: str,
    output: str | None,
    force: bool,
    **flags: object,
) -> None:
    """Export the selected cases: json, jsonl, csv, toml or sqlite.

    JSON, JSONL and TOML hold the full case objects (they re-validate as they are). CSV has
    one row per case with documented columns, lists as lines in a cell, and formula-looking
    text neutralised. SQLite has cases, agencies, tags, practices, outcomes, metrics,
    recognition and related tables linked by foreign keys (for Datasette or sqlite-utils).

    \b
    Examples:
      reformkit export --format sqlite -o cases.db
      reformkit export program:hnbiz --format csv -o hnbiz.csv
      reformkit export tag:通关便利 --format jsonl
    """
    from pathlib import Path

    from reformkit.errors import UsageError
    from reformkit.fileio import produce_atomic, write_atomic
    from reformkit.read_commands import select_cases
    from reformkit.render import writer

    if output_format == "sqlite" and not output:  # a database is a file, never stdout
        raise UsageError("--format sqlite needs -o FILE")
    selection, _ = select_cases(settings, query, flags, sort="id")
    cases = selection.take_cases()
    write = writer("export", output_format)
    if output_format == "sqlite":
        assert output is not None  # checked above
        produce_atomic(Path(output), lambda temp: write(cases, temp), force=force)
        return
    text = write(cases)
    if output:
        write_atomic(Path(output), text, force=force)
    else:
        click.echo(text, nl=False)
