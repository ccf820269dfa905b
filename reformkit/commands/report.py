"""reformkit report: a Markdown briefing of the cases a query selects."""

from __future__ import annotations

import click

from reformkit.cli import Settings
from reformkit.options import force_option, query_command, sort_option
from reformkit.report import GROUP_BY


@query_command("report")
@click.option(
    "--template",
    default="briefing",
    show_default=True,
    metavar="NAME|PATH",
    help="briefing, digest, table, or a Jinja2 file.",
)
@click.option("--group-by", type=click.Choice(GROUP_BY), help="Group the cases under headings.")
@click.option("--title", help="The briefing's title.")
@click.option(
    "--lang",
    type=click.Choice(["zh", "en"]),
    default="zh",
    show_default=True,
    help="Language of the fixed headings.",
)
@click.option("--front-matter", is_flag=True, help="Start with YAML front matter (MkDocs, Hugo, Jekyll).")
@click.option(
    "--date",
    "stamp",
    metavar="YYYY-MM-DD|today",
    help="Stamp a date (none by default, so output is reproducible).",
)
@sort_option("Order of the cases.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to FILE instead of stdout.")
@force_option("the output file")
def command(
    settings: Settings,
    query: tuple[str, ...],
    template: str,
    group_by: str | None,
    title: str | None,
    lang: str,
    front_matter: bool,
    stamp: str | None,
    sort: str,
    output: str | None,
    force: bool,
    **flags: object,
) -> None:
    """Write a Markdown briefing (简报) of the selected cases.

    Built-in templates: briefing (contents, overview, every case in full), digest (a
    paragraph and the key figure per case), table (one overview table). Case text is
    always escaped, so the Markdown stays valid whatever the cases contain.

    \b
    Examples:
      reformkit report tag:企业开办 --title "企业开办改革简报"
      reformkit report program:hnbiz --template digest --group-by tag -o digest.md
      reformkit report --template table --lang en --front-matter
      reformkit templates copy briefing && reformkit report --template briefing.md.j2
    """
    from reformkit.commands.common import select_cases
    from reformkit.render.report import render
    from reformkit.report import ReportOptions, context, template_source

    template_source(template)  # a missing template is exit 2 before any work
    date = _stamp(stamp)
    config = settings.config()
    selection, _ = select_cases(settings, query, flags, sort=sort)
    cases = selection.take_cases()
    names = {key: program.name for key, program in config.programs.items()}
    options = ReportOptions(title=title, lang=lang, group_by=group_by, front_matter=front_matter, date=date)
    text = render(template, context(cases, options, names))
    if output:
        from pathlib import Path

        from reformkit.fileio import write_atomic

        write_atomic(Path(output), text, force=force)
    else:
        click.echo(text, nl=False)


def _stamp(value: str | None) -> str | None:
    if value is None:
        return None
    from reformkit import dates
    from reformkit.errors import UsageError

    if value == "today":
        return dates.today().isoformat()
    if not dates.DATE_RE.match(value) or dates.check(value):
        raise UsageError(f"--date {value!r} is not a date; use YYYY-MM-DD (or YYYY-MM, YYYY) or 'today'")
    return value
