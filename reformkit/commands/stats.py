"""reformkit stats: counts and metric summaries for the library or a query."""

from __future__ import annotations

import click

from reformkit.options import Settings, format_option, lang_option, query_command
from reformkit.render import format_names
from reformkit.stats import DIMENSIONS


@query_command("stats")
@click.option(
    "--by",
    "dimensions",
    multiple=True,
    type=click.Choice(DIMENSIONS),
    help="Count by this (repeatable; default: program, year, region, tag, status, kind).",
)
@format_option(format_names("stats"), "table")
@lang_option
def command(
    settings: Settings,
    query: tuple[str, ...],
    dimensions: tuple[str, ...],
    output_format: str,
    lang: str,
    **flags: object,
) -> None:
    """Count cases by program, batch, region, year, tag, agency, status and metric kind,
    and summarise each metric kind's relative changes (cases, median, min, max).

    Relative changes are the stated change_pct, else computed from exact before/after
    figures in compatible units; shown to one decimal, half away from zero.

    \b
    Examples:
      reformkit stats
      reformkit stats --by program --by kind
      reformkit stats region:海南 --format json
    """
    from reformkit.read_commands import select_cases, terminal_width
    from reformkit.render import writer
    from reformkit.stats import DEFAULT_DIMENSIONS, compute

    selection, _ = select_cases(settings, query, flags, sort="id", lang=lang)
    result = compute(
        [h.facts for h in selection.hits], tuple(dict.fromkeys(dimensions)) or DEFAULT_DIMENSIONS
    )
    color = settings.use_color()
    write = writer("stats", output_format)
    names = {key: program.name for key, program in settings.config().programs.items()}
    text = write(result, color=color, width=terminal_width(), lang=lang, program_names=names)
    click.echo(text, nl=False, color=color)
