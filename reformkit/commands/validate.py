"""reformkit validate: check case files against the schema and every rule."""

from __future__ import annotations

import click

from reformkit.cli import Settings
from reformkit.options import cache_option, format_option, split_codes
from reformkit.render import format_names


@click.command("validate")
@click.argument("paths", nargs=-1, type=click.Path())
@format_option(format_names("validate"), "text")
@click.option("--strict/--no-strict", default=None, help="Fail on warnings too (default: [rules].strict).")
@click.option(
    "--select",
    multiple=True,
    metavar="CODE",
    help="Report only these rule codes (repeatable, or comma-separated).",
)
@click.option(
    "--ignore",
    multiple=True,
    metavar="CODE",
    help="Do not report these rule codes (repeatable, or comma-separated).",
)
@cache_option
@click.option("--list-rules", is_flag=True, help="List every rule code with its severity, then exit.")
@click.pass_obj
def command(
    settings: Settings,
    paths: tuple[str, ...],
    output_format: str,
    strict: bool | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    list_rules: bool,
) -> None:
    """Check case files: YAML, schema and rules, every problem in one run.

    With no PATH, checks the whole library. Named files are still compared with the
    whole library for duplicate ids and related links. Exit 0 when clean, 1 when
    problems were found, 2 when the run could not proceed.

    \b
    Examples:
      reformkit validate
      reformkit validate cases/hnbiz-4-02.yaml --format json
      reformkit validate --strict --ignore RK210
      reformkit validate --format github     # in GitHub Actions
    """
    if list_rules:
        from reformkit.codes import RULES

        for rule in RULES.values():
            click.echo(f"{rule.code}  {rule.severity:<7}  {rule.name:<22}  {rule.summary}")
        return

    from reformkit.render import writer
    from reformkit.validate import check_codes, validate

    config = settings.config()
    chosen_select = check_codes(split_codes(select), "--select") if select else config.rules.select
    chosen_ignore = check_codes(split_codes(ignore), "--ignore") if ignore else config.rules.ignore
    result = validate(
        config,
        settings.cases_folder(),
        list(paths) or None,
        select=chosen_select,
        ignore=chosen_ignore,
        use_cache=settings.use_cache,
    )
    color = output_format == "text" and settings.use_color()
    click.echo(writer("validate", output_format)(result, color=color), nl=False, color=color)
    is_strict = config.rules.strict if strict is None else strict
    if result.failed(strict=is_strict):
        raise SystemExit(1)
