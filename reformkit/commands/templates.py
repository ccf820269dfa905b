"""reformkit templates: list the built-in report templates, or copy one to customise."""

from __future__ import annotations

import click

from reformkit.options import Group, force_option


@click.group("templates", invoke_without_command=True, cls=Group)
@click.pass_context
def command(ctx: click.Context) -> None:
    """List the built-in report templates; `templates copy NAME` copies one here.

    \b
    Examples:
      reformkit templates
      reformkit templates copy briefing             # writes briefing.md.j2
      reformkit report --template briefing.md.j2
    """
    if ctx.invoked_subcommand is None:
        from reformkit.report.output import BUILTIN_TEMPLATES

        for name, about in BUILTIN_TEMPLATES.items():
            click.echo(f"{name:<10} {about}")


@command.command("copy")
@click.argument("name")
@click.argument("destination", required=False, type=click.Path(dir_okay=False))
@force_option("the destination file")
def copy(name: str, destination: str | None, force: bool) -> None:
    """Copy a built-in template to DESTINATION (default: NAME.md.j2 here).

    \b
    Example:
      reformkit templates copy digest my-digest.md.j2
    """
    from pathlib import Path

    from reformkit.errors import UsageError
    from reformkit.fileio import write_atomic
    from reformkit.report.output import BUILTIN_TEMPLATES, template_source

    if name not in BUILTIN_TEMPLATES:
        raise UsageError(f"no built-in template {name!r}; choose from {', '.join(BUILTIN_TEMPLATES)}")
    file_name, text = template_source(name)
    target = Path(destination or file_name)
    write_atomic(target, text, force=force)
    click.echo(str(target))
