"""reformkit validate: check case files against the schema and every rule."""

from __future__ import annotations

from typing import Any

import click

from reformkit.options import Command, Settings, cache_option, format_option, split_codes
from reformkit.render import format_names


@click.command("validate", cls=Command)
@click.argument("paths", nargs=-1, type=click.Path())
@format_option(format_names("validate"), "text")
@click.option("--strict/--no-strict", default=None, help="Fail on warnings too (default: [rules].strict).")
@click.option(
    "--select",
    multiple=True,
    metavar="CODE",
    help="Report only these rules: codes, prefixes (RK3) or names (no-tags); repeatable or comma-separated.",
)
@click.option(
    "--ignore",
    multiple=True,
    metavar="CODE",
    help="Do not report these rules: codes, prefixes or names; repeatable or comma-separated.",
)
@click.option("--fix", is_flag=True, help="Fix what can be fixed mechanically, then report what is left.")
@click.option(
    "--diff", "show_diff", is_flag=True, help="With --fix: print a unified diff of the fixes, write nothing."
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
    fix: bool,
    show_diff: bool,
    list_rules: bool,
) -> None:
    """Check case files: YAML, schema and rules, every problem in one run.

    With no PATH, checks the whole library. Named files are still compared with the
    whole library for duplicate ids and related links. Exit 0 when clean, 1 when
    problems were found, 2 when the run could not proceed. --fix first fixes the
    mechanical problems (YAML 1.1 traps, tab or full-width indentation, a full-width
    colon after a key, ': ' in a plain value, 'change_pct: -80%', a byte-order mark,
    CRLF line ends, punctuation widths), lists each fix on stderr, then validates the
    result; --fix --diff prints the diff instead of writing and exits 1 if a file
    would change. '# reformkit: ignore[CODE]' on a line silences CODE there.

    \b
    Examples:
      reformkit validate
      reformkit validate cases/hnbiz-4-02.yaml --format json
      reformkit validate --strict --ignore RK210
      reformkit validate --select RK3 --ignore reduction-grew
      reformkit validate --fix --diff cases/hnbiz-4-02.yaml
      reformkit validate --format github     # in GitHub Actions
    """
    if list_rules:
        from reformkit.rules.registry import RULES

        for rule in RULES.values():
            click.echo(f"{rule.code}  {rule.severity:<7}  {rule.name:<22}  {rule.summary}")
        return

    from reformkit.render import writer
    from reformkit.validate import chosen_rules, validate

    if show_diff and not fix:
        raise click.UsageError("--diff shows what --fix would change: pass --fix too")
    settings.look_from(paths)
    config = settings.config()
    enabled = chosen_rules(config, split_codes(select), split_codes(ignore))
    would_change, remaining = _fix(settings, config, paths, show_diff, enabled) if fix else (False, {})
    result = validate(
        config, settings.cases_folder(), list(paths) or None, enabled=enabled, use_cache=settings.use_cache
    )
    if remaining:  # --diff: the files that would change are shown as they would be
        result = result.with_files_replaced(remaining, enabled)
    is_strict = config.rules.strict if strict is None else strict
    failed = result.failed(strict=is_strict) or bool(would_change)
    settings.exit_code = 1 if failed else 0
    color = output_format == "text" and settings.use_color()
    click.echo(writer("validate", output_format)(result, color=color), nl=False, color=color)
    if failed:
        raise SystemExit(1)


def _fix(
    settings: Settings,
    config: Any,
    paths: tuple[str, ...],
    show_diff: bool,
    enabled: frozenset[str] | None,
) -> tuple[bool, dict[str, list[Any]]]:
    """Fix the files, or print the diff: whether --diff found a file to change, and then the
    problems each changed file would have left (its own rules')."""
    from reformkit.case import dates
    from reformkit.edit.fix import fix_files, write_fixed
    from reformkit.library.files import explicit_entries, library_entries
    from reformkit.text.escape import terminal

    entries = explicit_entries(list(paths)) if paths else library_entries(settings.cases_folder())
    changed = 0
    remaining = {}
    for result in fix_files(entries, config, dates.today(), enabled):
        if result.abandoned:
            _report_abandoned(result)
        if not result.changed:
            continue
        changed += 1
        if show_diff:
            click.echo(terminal(result.diff(), multiline=True), nl=False)
            remaining[result.entry.display] = result.remaining
        else:
            write_fixed(result)
        verb = "would fix" if show_diff else "fixed"
        for done in sorted(result.fixes):
            where = f"{result.entry.display}: {verb} {done.code} at {done.line}:{done.column}"
            click.echo(terminal(f"{where} ({done.what})"), err=True)
    files = f"{changed} file{'' if changed == 1 else 's'}"
    click.echo(f"{files} {'would be fixed' if show_diff else 'fixed'}", err=True)
    return show_diff and changed > 0, remaining


def _report_abandoned(result: Any) -> None:
    """Say which fixes were tried on a file left as it was, and what still kept it from parsing."""
    from reformkit.edit.fix import UNPARSED
    from reformkit.text.escape import terminal

    for done in sorted(result.abandoned):
        where = f"{result.entry.display}: tried {done.code} at {done.line}:{done.column}"
        click.echo(terminal(f"{where} ({done.what})"), err=True)
    for left in result.remaining:
        if left.code in UNPARSED:
            click.echo(
                terminal(
                    f"{result.entry.display}: left as it was: after these fixes it still does not parse "
                    f"({left.code} at {left.line}:{left.column}: {left.message})"
                ),
                err=True,
            )
            break
