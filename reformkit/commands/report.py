"""reformkit report: a briefing of the cases a query selects (Markdown, Word or HTML)."""

from __future__ import annotations

import click

from reformkit.options import Settings, force_option, query_command, sort_option
from reformkit.render import format_names
from reformkit.report.briefing import GROUP_BY


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
    help="Language of headings, labels, status and the words around figures.",
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
    "output_format",
    type=click.Choice(format_names("report")),
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
    output_format: str | None,
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
      reformkit templates copy briefing
      reformkit report --template briefing.md.j2     # the copy, edited
    """
    from reformkit.read_commands import select_cases
    from reformkit.render import writer
    from reformkit.report.briefing import ReportOptions, build
    from reformkit.report.output import choose_output, template_source

    config = settings.config()
    template_source(template, config.report.template_max_bytes)  # a missing template is exit 2 before any work
    chosen = choose_output(
        output_format,
        output,
        format_names("report"),
        template=template,
        front_matter=front_matter,
        charts=not no_charts,
        reference=reference_doc,
        limits=config.report,
    )
    date = _stamp(stamp)
    selection, _ = select_cases(settings, query, flags, sort=sort, lang=lang)
    cases = selection.take_cases()
    names = {key: program.name for key, program in config.programs.items()}
    options = ReportOptions(title=_title(title), lang=lang, group_by=group_by, front_matter=front_matter, date=date)
    payload: str | bytes = writer("report", chosen.form)(build(cases, options, names), chosen)
    if output:
        from pathlib import Path

        from reformkit.fileio import write_atomic

        write_atomic(Path(output), payload, force=force)
    else:  # text only: docx without -o is refused before any work
        click.echo(payload, nl=False)


def _title(value: str | None) -> str | None:
    """``--title`` on one line, without control, bidi or non-characters (Word and XML refuse
    them, and a terminal would act on them)."""
    if value is None:
        return None
    from reformkit.render.briefing.office import clean

    return clean(" ".join(value.splitlines())) or None


def _stamp(value: str | None) -> str | None:
    if value is None:
        return None
    from reformkit.case import dates
    from reformkit.errors import UsageError

    if value == "today":
        return dates.today().isoformat()
    if not dates.DATE_RE.match(value) or dates.check(value):
        raise UsageError(f"--date {value!r} is not a date; use YYYY-MM-DD (or YYYY-MM, YYYY) or 'today'")
    return value
