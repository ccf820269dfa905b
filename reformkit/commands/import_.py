"""reformkit import: draft case files from a source document."""

from __future__ import annotations

from pathlib import Path

import click

from reformkit.cli import Settings


@click.command("import")
@click.argument("source", metavar="SOURCE", type=click.Path(path_type=Path, dir_okay=False))
@click.option("-p", "--program", required=True, help="Program key from [programs] in reformkit.toml.")
@click.option("-b", "--batch", type=click.IntRange(min=1), help="Batch number, where the program has batches.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["files", "json", "yaml"]),
    default="files",
    show_default=True,
    help="files: write cases/ and sources/; json or yaml: print the drafts, write nothing.",
)
@click.pass_obj
def command(settings: Settings, source: Path, program: str, batch: int | None, output_format: str) -> None:
    """Draft one case file per case found in SOURCE (.txt, .docx, .html, .pdf).

    Case boundaries come from the document's own structure (案例一, 优化营商环境示范案例1,
    numbered headings, (一)/1./一是 lists). Each draft has the title, subtitle, lead agencies,
    practices, outcomes, every figure as a metric, source.document and source.lines, and a
    `draft:` marker that validate reports (RK509) until a person has checked the case and
    removed it. The document is copied into sources/. What the importer was unsure of is
    listed on stderr.

    \b
    Examples:
      reformkit import ../shared/seeds/001_986b55f30dd11b91.txt --program hnbiz --batch 4
      reformkit import report.docx --program hnftp --format json > drafts.json
    """
    import json

    from reformkit.importing.library import case_yaml, plan_import, write_import
    from reformkit.library.files import display_path, library_entries

    config = settings.config()
    folder = settings.cases_folder()
    library_entries(folder)  # a missing folder is a usage error
    plan = plan_import(source, folder, config, program, batch)
    if not plan.drafts:
        click.echo(f"{display_path(source)}: no cases found (no 案例 markers, numbered titles or lists)", err=True)
        raise SystemExit(1)
    if output_format == "json":
        from reformkit.text.escape import json_text

        click.echo(json_text([d.case for d in plan.drafts], indent=2))
    elif output_format == "yaml":
        click.echo("---\n".join(case_yaml(d.case) for d in plan.drafts), nl=False)
    else:
        for path in write_import(plan, source, folder):
            click.echo(display_path(path))
    _report(plan, display_path(source))
    del json


def _report(plan: object, shown: str) -> None:
    from reformkit.importing.library import Plan

    assert isinstance(plan, Plan)
    click.echo(f"{shown}: {len(plan.drafts)} cases drafted; check each against its source, then remove draft:", err=True)
    for draft in plan.drafts:
        for note in draft.unsure:
            click.echo(f"  {draft.case['id']}: {note}", err=True)
