"""reformkit report: a Markdown briefing of the cases a query selects."""

from __future__ import annotations

import click

from reformkit.cli import Settings
from reformkit.options import force_option, query_command, sort_option
from reformkit.report import GROUP_BY, OUTPUT_FORMATS


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
@click.option(
    "--to",
    "to",
    type=click.Choice(OUTPUT_FORMATS),
    help="md (default), docx or html; without it, the suffix of -o picks (.docx, .html).",
)
@click.option(
    "--reference-doc",
    type=click.Path(exists=True, dir_okay=False),
    metavar="FILE",
    help="docx: take styles, page setup, header and footer from this Word file.",
)
@click.option("--no-charts", is_flag=True, help="docx/html: leave out the charts of reductions.")
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
    to: str | None,
    reference_doc: str | None,
    no_charts: bool,
    **flags: object,
) -> None:
    """Write a briefing (简报) of the selected cases: Markdown, Word or HTML.

    Built-in templates: briefing (contents, overview, every case in full), digest (a
    paragraph and the key figure per case), table (one overview table). Case text is
    always escaped, so the Markdown stays valid whatever the cases contain.

    --to docx writes a Word file laid out as an official document (GB/T 9704: A4, 仿宋
    三号 body, 黑体/楷体 headings, page numbers); --to html one self-contained page to
    print on A4. Both follow the briefing and add bar charts of the reductions
    (time, materials, steps, visits, cost) unless --no-charts.

    \b
    Examples:
      reformkit report tag:企业开办 --title "企业开办改革简报"
      reformkit report program:hnbiz --template digest --group-by tag -o digest.md
      reformkit report --template table --lang en --front-matter
      reformkit report program:hnbiz --to docx -o brief.docx
      reformkit report program:hnbiz -o brief.docx --reference-doc office.docx
      reformkit report tag:企业开办 --to html -o brief.html --no-charts
      reformkit templates copy briefing && reformkit report --template briefing.md.j2
    """
    from reformkit.commands.common import select_cases
    from reformkit.library.documents import load_case
    from reformkit.render.report import render
    from reformkit.report import ReportOptions, context, output_format, template_source

    template_source(template)  # a missing template is exit 2 before any work
    form = output_format(to, output, template=template, front_matter=front_matter, reference=reference_doc)
    date = _stamp(stamp)
    config = settings.config()
    selection, _ = select_cases(settings, query, flags, sort=sort)
    cases = [load_case(r.entry, config)[0] for r in selection.files]
    names = {key: program.name for key, program in config.programs.items()}
    options = ReportOptions(title=title, lang=lang, group_by=group_by, front_matter=front_matter, date=date)
    data = context(cases, options, names)
    if form != "md":
        _write_office(form, data, output, force=force, charts=not no_charts, reference=reference_doc)
        return
    text = render(template, data)
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


# -- Word and HTML ------------------------------------------------------------------------

#: Writers of the office formats: module and function, imported only when used.
OFFICE_WRITERS = {"docx": "reformkit.render.docx", "html": "reformkit.render.html"}


def _write_office(
    form: str,
    data: dict[str, object],
    output: str | None,
    *,
    force: bool,
    charts: bool,
    reference: str | None,
) -> None:
    from importlib import import_module
    from pathlib import Path

    from reformkit.fileio import write_atomic

    writer = import_module(OFFICE_WRITERS[form])
    options: dict[str, object] = {"charts": charts}
    if reference:
        options["reference"] = Path(reference)
    payload: str | bytes = writer.write(data, **options)
    if output:
        write_atomic(Path(output), payload, force=force)
    else:  # html only: docx without -o is refused before any work
        click.echo(payload, nl=False)
