"""reformkit compare: 2-8 cases side by side."""

from __future__ import annotations

import click

from reformkit.options import (
    Command,
    Settings,
    cache_option,
    complete_ids,
    format_option,
    lang_option,
    strict_option,
)
from reformkit.render import format_names


@click.command("compare", cls=Command)
@click.argument("ids", nargs=-1, metavar="ID ID [ID...]", shell_complete=complete_ids)
@click.option(
    "-q", "--query", metavar="QUERY", help="Compare the cases a query finds (2 to 8) instead of naming ids."
)
@format_option(format_names("compare"), "table")
@lang_option
@strict_option
@cache_option
@click.pass_obj
def command(
    settings: Settings, ids: tuple[str, ...], query: str | None, output_format: str, lang: str
) -> None:
    """Compare cases side by side: fields as rows, cases as columns, metrics by kind.

    Each metric kind (time, materials, steps, visits, cost, …) gets a row with every case's
    figures and relative change; ★ marks the metric with the best change of that kind. A case with no metric of a kind shows an
    empty cell. Takes 2 to 8 cases.

    \b
    Examples:
      reformkit compare hnbiz-4-02 hnbiz-4-03
      reformkit compare --query "kind:time region:海口" --format markdown
    """
    from reformkit.compare import MAX_CASES, check_count, compare
    from reformkit.errors import UsageError
    from reformkit.read_commands import held_for_the_command, report_skipped, terminal_width
    from reformkit.render import writer
    from reformkit.search.select import find_ids, select

    config = settings.config()
    folder = settings.cases_folder()
    if query is not None:
        if ids:
            raise UsageError("give case ids or --query, not both")
        from reformkit.search.query import parse
        from reformkit.search.values import Vocabulary
        from reformkit.wording.labels import query_names

        vocab = Vocabulary(tuple(config.programs), config.tags, *query_names())
        parsed = parse(query, vocab=vocab)
        selection = select(config, folder, parsed, limit=MAX_CASES + 1, use_cache=settings.use_cache)
        library = held_for_the_command(selection.scan)
        report_skipped(library, lang)
        records = selection.files
        check_count(len(records))
    else:
        check_count(len(ids))
        from reformkit.library.scan import scan

        library = held_for_the_command(scan(config, folder, use_cache=settings.use_cache))
        records = find_ids(library, list(ids))
        named: dict[str, str] = {}
        for given, record in zip(ids, records, strict=True):
            if record.entry.path in named:
                raise UsageError(
                    f"{named[record.entry.path]} and {given} are the same case; compare needs different cases"
                    if named[record.entry.path] != given
                    else f"{given} is named twice; compare needs different cases"
                )
            named[record.entry.path] = given
        report_skipped(library, lang)
    cases = library.cases(records)
    names = {key: program.name for key, program in config.programs.items()}
    color = settings.use_color()
    click.echo(
        writer("compare", output_format)(
            compare(cases, names), color=color, width=terminal_width(), lang=lang
        ),
        nl=False,
        color=color,
    )
