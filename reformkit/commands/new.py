"""reformkit new: scaffold a case file with the next free id."""

from __future__ import annotations

import click

from reformkit.options import Command, Settings, force_option


@click.command("new", cls=Command)
@click.option("-p", "--program", required=True, help="Program key from [programs] in reformkit.toml.")
@click.option(
    "-b", "--batch", type=click.IntRange(min=1), help="Batch number, where the program has batches."
)
@click.option("-n", "--number", type=click.IntRange(min=1), help="Case number (default: the next free one).")
@click.option("-t", "--title", default="", help="The case's title.")
@force_option("the case file (with -n, e.g. `new -p hnbiz -b 4 -n 2 --force`)")
@click.pass_obj
def command(
    settings: Settings, program: str, batch: int | None, number: int | None, title: str, force: bool
) -> None:
    """Create a case file with the next free id and print its path.

    The file is valid except for the fields a person must fill in; `reformkit validate`
    points at each of them. Never overwrites an existing file unless --force is given.

    \b
    Example:
      reformkit new --program hnbiz --batch 4 --title "创新……改革"
      reformkit validate cases/hnbiz-4-09.yaml
    """
    from reformkit.edit.layout import format_yaml
    from reformkit.fileio import write_atomic
    from reformkit.library.files import display_path, library_entries
    from reformkit.library.scaffold import case_skeleton, next_number

    config = settings.config()
    folder = settings.cases_folder()
    library_entries(folder)  # a missing folder is a usage error, not a crash
    chosen = number or next_number(folder, program, batch)
    case_id, skeleton = case_skeleton(config, program, batch, chosen, title)
    text = format_yaml(skeleton)  # in the canonical layout, so `fmt --check` accepts it as written
    target = folder / f"{case_id}.yaml"
    write_atomic(target, text, force=force)
    click.echo(display_path(target))
