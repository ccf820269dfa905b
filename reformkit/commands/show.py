"""reformkit show: one case, laid out for reading."""

from __future__ import annotations

from typing import Any

import click

from reformkit.cli import Settings
from reformkit.options import cache_option, format_option, strict_option
from reformkit.render import format_names


def lang_option(function: Any) -> Any:
    """``--lang zh|en``: the language of every fixed word (labels, status, kinds, the words
    around figures). The default is the cases' language, Chinese for this library."""
    from reformkit.labels import DEFAULT_LANG, LANGS

    return click.option(
        "--lang",
        type=click.Choice(LANGS),
        default=DEFAULT_LANG,
        show_default=True,
        help="Language of labels, status, kinds and the words around figures.",
    )(function)


def _complete_ids(ctx: click.Context, _param: click.Parameter, incomplete: str) -> list[str]:
    from reformkit.completion import case_ids

    return [i for i in case_ids() if i.startswith(incomplete)]


@click.command("show")
@click.argument("case_id", metavar="ID", shell_complete=_complete_ids)
@format_option(format_names("show"), "text")
@lang_option
@strict_option
@cache_option
@click.pass_obj
def command(settings: Settings, case_id: str, output_format: str, lang: str) -> None:
    """Show one case: meta, summary, practices, outcomes, metrics and source.

    An unknown id is an error (exit 2) that suggests the closest ids.

    \b
    Examples:
      reformkit show hnbiz-4-02
      reformkit show hnftp-12-01 --format markdown > case.md
      reformkit show zjftz-jiaxing-01 --format json
      reformkit show hnbiz-4-02 --lang en
    """
    from reformkit.commands.common import report_skipped, terminal_width
    from reformkit.library.scan import scan
    from reformkit.render import writer
    from reformkit.select import find_ids

    config = settings.config()
    library = scan(config, settings.cases_folder(), use_cache=settings.use_cache)
    record = find_ids(library, [case_id])[0]
    report_skipped(library)
    case = library.case(record)
    color = settings.use_color()
    program = config.programs.get(case["program"])
    write = writer("show", output_format)
    shown = write(
        case,
        path=record.path,
        program_name=program.name if program else "",
        color=color,
        width=terminal_width(),
        lang=lang,
    )
    click.echo(shown, nl=False, color=color)
