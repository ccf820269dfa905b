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
    help="Write to FILE (required for sqlite and xlsx; else stdout).",
)
@force_option("the output file")
@click.option(
    "--bom/--no-bom",
    default=None,
    help=(
        "Start a CSV with a UTF-8 byte-order mark, so Excel and WPS read its Chinese as UTF-8 "
        "(default: on when writing to a file with -o, off on stdout). "
        "Example: reformkit export --format csv --no-bom -o cases.csv"
    ),
)
def command(
    settings: Settings,
    query: tuple[str, ...],
    output_format: str,
    output: str | None,
    force: bool,
    bom: bool | None,
    **flags: object,
) -> None:
    """Export the selected cases: json, jsonl, csv, xlsx, toml or sqlite.

    JSON, JSONL and TOML hold the full case objects (they re-validate as they are). CSV has
    one row per case with documented columns, lists as lines in a cell, and formula-looking
    text neutralised; written to a file it starts with a UTF-8 BOM (--no-bom to leave it
    out). XLSX (for Excel and WPS) has a cases sheet and a metrics sheet linked by id.
    SQLite has cases, agencies, tags, practices, outcomes, metrics, recognition and related
    tables linked by foreign keys (for Datasette or sqlite-utils).

    \b
    Examples:
      reformkit export --format sqlite -o cases.db
      reformkit export program:hnbiz --format csv -o hnbiz.csv
      reformkit export --format xlsx -o cases.xlsx
      reformkit export tag:通关便利 --format jsonl
    """
    from pathlib import Path

    from reformkit.errors import UsageError
    from reformkit.fileio import produce_atomic, write_atomic
    from reformkit.read_commands import select_cases
    from reformkit.render import writer

    if output_format in FILE_FORMATS and not output:  # a database or a workbook is a file
        raise UsageError(f"--format {output_format} needs -o FILE")
    if bom is not None and output_format != "csv":
        raise UsageError(f"--bom/--no-bom applies to --format csv, not {output_format}")
    selection, _ = select_cases(settings, query, flags, sort="id")
    cases = selection.take_cases()
    write = writer("export", output_format)
    if output_format in FILE_FORMATS:
        assert output is not None  # checked above
        produce_atomic(Path(output), lambda temp: write(cases, temp), force=force)
        return
    text = write(cases, bom=bool(output) if bom is None else bom) if output_format == "csv" else write(cases)
    if output:
        write_atomic(Path(output), text, force=force)
    else:
        click.echo(text, nl=False)


#: Formats written only to a file (-o): binary, never stdout.
FILE_FORMATS = ("sqlite", "xlsx")
