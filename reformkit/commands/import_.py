"""reformkit import: draft case files from a source document."""

from __future__ import annotations

from pathlib import Path

import click

from reformkit.options import Command, Settings, format_option
from reformkit.render import format_names


@click.command("import", cls=Command)
@click.argument("source", metavar="SOURCE", type=click.Path(path_type=Path, dir_okay=False))
@click.option("-p", "--program", required=True, help="Program key from [programs] in reformkit.toml.")
@click.option(
    "-b", "--batch", type=click.IntRange(min=1), help="Batch number, where the program has batches."
)
@format_option(format_names("import"), "files", short=False)
@click.pass_obj
def command(settings: Settings, source: Path, program: str, batch: int | None, output_format: str) -> None:
    """Draft one case file per case found in SOURCE (.txt, .docx, .html, .pdf).

    Case boundaries come from the document's own structure (案例一, 优化营商环境示范案例1,
    numbered headings, (一)/1./一是 lists). Each draft has the title, subtitle, lead agencies,
    practices, outcomes, every figure as a metric (or under unrecorded: with the reason when
    it states no result: a target, a list count, a service period, a count in words),
    source.document and source.lines, and a `draft:` marker that validate reports (RK509)
    until a person has checked the case and removed it. The document is copied into sources/. What the importer was unsure of is
    listed on stderr.

    \b
    Examples:
      reformkit import notice.txt --program hnbiz --batch 4
      reformkit import report.docx --program hnftp --format json > drafts.json

    --format files (the default) writes cases/ and sources/ and prints the paths;
    json or yaml print the drafts and write nothing.
    """
    from reformkit.importing.library import plan_import, write_import
    from reformkit.library.files import display_path, library_entries
    from reformkit.render import writer

    config = settings.config()
    folder = settings.cases_folder()
    library_entries(folder)  # a missing folder is a usage error
    plan = plan_import(source, folder, config, program, batch)
    if not plan.drafts:
        click.echo(
            f"{display_path(source)}: no cases found (no 案例 markers, numbered titles or lists)", err=True
        )
        raise SystemExit(1)
    written = write_import(plan, source, folder) if output_format == "files" else []
    drafts = [draft.case for draft in plan.drafts]
    click.echo(writer("import", output_format)(drafts, [display_path(p) for p in written]), nl=False)
    _report(plan, display_path(source))


def _report(plan: object, shown: str) -> None:
    from reformkit.importing.library import Plan

    assert isinstance(plan, Plan)
    click.echo(
        f"{shown}: {len(plan.drafts)} cases drafted; check each against its source, then remove draft:",
        err=True,
    )
    for draft in plan.drafts:
        for note in draft.unsure:
            click.echo(f"  {draft.case['id']}: {note}", err=True)
