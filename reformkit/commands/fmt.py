"""reformkit fmt: rewrite case files into the canonical layout, comments kept."""

from __future__ import annotations

import click

from reformkit.options import Command, Settings, cache_option


def _files(count: int) -> str:
    return f"{count} file{'' if count == 1 else 's'}"


@click.command("fmt", cls=Command)
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--check", is_flag=True, help="Write nothing; list the files that would change (exit 1 if any)."
)
@click.option(
    "--diff",
    "show_diff",
    is_flag=True,
    help="Write nothing; print a unified diff of what would change (exit 1 if any).",
)
@cache_option
@click.pass_obj
def command(settings: Settings, paths: tuple[str, ...], check: bool, show_diff: bool) -> None:
    """Rewrite case files into the canonical layout, comments kept, data unchanged.

    With no PATH, formats the whole library. Keys follow the schema's order; region,
    agencies, tags, recognition, related and approx are written in flow style; text is
    quoted only where YAML needs it, and text too long for an 88-column line is a
    folded block (>-). Files that cannot be read safely (RK001-RK015) are left alone and
    listed on stderr. Exit 0 when done, 1 when --check or --diff finds a file to change
    or a file was left alone, 2 when the run could not proceed.

    \b
    Examples:
      reformkit fmt                          # format the whole library
      reformkit fmt cases/hnbiz-4-02.yaml
      reformkit fmt --check                  # in CI and pre-commit
      reformkit fmt --diff cases/hnbiz-4-02.yaml
    """
    from reformkit.edit.fmt import format_files, write_formatted
    from reformkit.library.files import explicit_entries, library_entries
    from reformkit.text.escape import terminal

    settings.look_from(paths)
    config = settings.config()
    entries = explicit_entries(list(paths)) if paths else library_entries(settings.cases_folder())
    run = format_files(entries, config, settings.cases_folder(), use_cache=settings.use_cache)
    dry = check or show_diff
    for result in run.files:
        if result.skipped is not None:
            p = result.skipped
            click.echo(terminal(f"{p.path}:{p.line}:{p.column}: {p.code} {p.message} (skipped)"), err=True)
        elif result.data_changed:
            click.echo(
                terminal(
                    f"{result.entry.display}: left alone: the canonical layout would change its data; "
                    "please report this file to reformkit's maintainers"
                ),
                err=True,
            )
        elif result.changed:
            if show_diff:
                click.echo(terminal(result.diff(), multiline=True), nl=False)
            elif check:
                click.echo(terminal(f"would reformat {result.entry.display}"))
            else:
                write_formatted(result)
                click.echo(terminal(f"reformatted {result.entry.display}"))
    changed = len(run.changed)
    done = f"{_files(changed)} would be reformatted" if dry else f"{_files(changed)} reformatted"
    same = f"{_files(run.unchanged)} {'already formatted' if dry else 'left unchanged'}"
    left = len(run.skipped) + len(run.refused)
    summary = f"{done}, {same}" + (f", {_files(left)} skipped" if left else "")
    click.echo(summary, err=True)
    if left or (dry and changed):
        raise SystemExit(1)
