"""reformkit show: one case, laid out for reading."""

from __future__ import annotations

from typing import Any

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


@click.command("show", cls=Command)
@click.argument("case_ids", metavar="ID|PATH...", nargs=-1, required=True, shell_complete=complete_ids)
@format_option(format_names("show"), "text")
@lang_option
@click.option(
    "--source",
    "passage",
    is_flag=True,
    help="Print each case's passage in its source document (sources/, by source.lines) instead.",
)
@strict_option
@cache_option
@click.pass_obj
def command(
    settings: Settings, case_ids: tuple[str, ...], output_format: str, lang: str, passage: bool
) -> None:
    """Show cases: meta, summary, practices, outcomes, metrics and source.

    Name cases by id (any letter case) or by the path of their file; several are shown one
    after another. An unknown id is an error (exit 2) that suggests the closest ids.

    \b
    Examples:
      reformkit show hnbiz-4-02
      reformkit show hnbiz-4-02 HNBIZ-4-03 cases/hnftp-05.yaml
      reformkit show hnftp-12-01 --format markdown > case.md
      reformkit show zjftz-jiaxing-01 --format json
      reformkit show hnbiz-4-02 --lang en
      reformkit show hnftp-12-02 --source   # the passage it was transcribed from
    """
    from reformkit.library.scan import scan
    from reformkit.read_commands import held_for_the_command, report_skipped, terminal_width
    from reformkit.render import writer
    from reformkit.search.select import find_ids

    settings.look_from(case_ids)
    config = settings.config()
    library = held_for_the_command(scan(config, settings.cases_folder(), use_cache=settings.use_cache))
    records = find_ids(library, list(case_ids))
    report_skipped(library, lang)
    color = settings.use_color()
    if passage:
        click.echo(_passages([library.case(r) for r in records], settings.cases_folder()), nl=False)
        return
    write = writer("show", output_format)
    shown = []
    for record in records:
        case = library.case(record)
        program = config.programs.get(case["program"])
        shown.append(
            write(
                case,
                path=record.path,
                program_name=program.name if program else "",
                color=color,
                width=terminal_width(),
                lang=lang,
            )
        )
    click.echo(_join(shown, output_format), nl=False, color=color)


def _passages(cases: list[Any], cases_dir: Any) -> str:
    """Each case's passage: a heading naming the document and lines, then the lines as
    received, numbered (control characters shown inert)."""
    from reformkit.case.passage import case_passage
    from reformkit.text.escape import terminal

    blocks = []
    for case in cases:
        found = case_passage(case, cases_dir)
        width = len(str(found.last))
        lines = [f"{found.first + i:>{width}}  {terminal(text)}" for i, text in enumerate(found.raw)]
        blocks.append(f"{case['id']}  {found.where}\n" + "\n".join(lines) + "\n")
    return "\n".join(blocks)


def _join(shown: list[str], output_format: str) -> str:
    """Several cases: a JSON array, YAML documents, or text blocks a blank line apart."""
    if len(shown) == 1:
        return shown[0]
    if output_format == "json":
        import json

        from reformkit.text.escape import json_text

        return json_text([json.loads(text) for text in shown], indent=2) + "\n"
    if output_format == "yaml":
        return "".join(("---\n" if number else "") + text for number, text in enumerate(shown))
    return "\n".join(shown)
