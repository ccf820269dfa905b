"""Option decorators shared by commands, so each option is spelled and documented once."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import click

#: Commands that take a query: a negated term (``-海口``, ``-tag:x``) must reach the query,
#: not the option parser, so these commands have no short options to collide with.
QUERY_COMMAND_SETTINGS = {"ignore_unknown_options": True, "help_option_names": ["--help"]}


def format_option(choices: Sequence[str], default: str, *, short: bool = True) -> Callable[[Any], Any]:
    names = ("-f", "--format") if short else ("--format",)
    return click.option(
        *names,
        "output_format",
        type=click.Choice(list(choices)),
        default=default,
        show_default=True,
        help="Output format.",
    )


def force_option(what: str) -> Callable[[Any], Any]:
    return click.option("--force", is_flag=True, help=f"Overwrite {what} if it exists.")


def split_codes(values: Sequence[str]) -> list[str]:
    """``--ignore RK101,no-tags --ignore RK3`` -> ``['RK101', 'no-tags', 'RK3']``."""
    return [code.strip() for value in values for code in value.split(",") if code.strip()]


def cache_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """``--no-cache``: read every file afresh and leave the cache alone."""

    def disable(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
        if value and ctx.obj is not None:
            ctx.obj.use_cache = False

    return click.option(
        "--no-cache",
        is_flag=True,
        expose_value=False,
        callback=disable,
        help="Do not read or write the cache of parsed case files.",
    )(command)


#: Where ``--strict`` of a read command is kept, in the click context's shared ``meta``.
STRICT_KEY = "reformkit.strict"


def strict_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """``--strict`` on a read command: a library with a skipped file is exit 1, nothing written."""

    def remember(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
        if value:
            ctx.meta[STRICT_KEY] = True

    return click.option(
        "--strict",
        is_flag=True,
        expose_value=False,
        callback=remember,
        help="Exit 1 and write nothing (no stdout, no -o file) when any case file is skipped for errors.",
    )(command)


#: Flags that are qualifiers in disguise: ``--tag X`` is ``tag:X``.
QUERY_FLAGS = (
    ("program", "PROGRAM", "Only this program (a,b for either)."),
    ("batch", "N", "Only this batch: 4, >=3, 2..4."),
    ("region", "PLACE", "Province, city or district starting with PLACE."),
    ("tag", "TAG", "Only cases with this tag."),
    ("agency", "TEXT", "Lead agency containing TEXT."),
    ("status", "STATUS", "implemented, pilot or planned."),
    ("kind", "KIND", "Cases stating a metric of this kind (time, materials…)."),
    ("year", "YEAR", "Published in YEAR: 2021, 2021..2023, >=2022."),
    ("published", "DATE", "Published date: 2023-09, >=2023-01-01, 2020..2021-06."),
    ("has", "WHAT", "Cases that have metrics, outcomes, recognition…"),
    ("in", "FIELD", "Match text only in FIELD (title, summary, practices…)."),
)


def _complete_tags(ctx: click.Context, _param: click.Parameter, incomplete: str) -> list[str]:
    from reformkit.completion import tags

    return [t for t in tags() if t.startswith(incomplete)]


def _complete_programs(ctx: click.Context, _param: click.Parameter, incomplete: str) -> list[str]:
    from reformkit.completion import programs

    return [p for p in programs() if p.startswith(incomplete)]


def query_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The qualifier flags, collected into one ``qualifiers`` list of (name, value)."""
    completers = {"tag": _complete_tags, "program": _complete_programs}
    for name, metavar, help_text in reversed(QUERY_FLAGS):
        command = click.option(
            f"--{name}",
            f"flag_{name}",
            multiple=True,
            metavar=metavar,
            help=help_text,
            shell_complete=completers.get(name),
        )(command)
    return command


def collect_qualifiers(params: dict[str, Any]) -> list[tuple[str, str]]:
    """Pop the ``flag_*`` parameters into (qualifier, value) pairs, in flag order."""
    pairs = []
    for name, _, _ in QUERY_FLAGS:
        for value in params.pop(f"flag_{name}", ()):
            pairs.append((name, value))
    return pairs


def query_text(ctx: click.Context, words: Sequence[str]) -> str:
    """Join the query words; an unknown ``--option`` that slipped into them is a usage error."""
    for word in words:
        if word.startswith("--") and len(word) > 2:
            raise click.NoSuchOption(word.split("=")[0], ctx=ctx)
    return " ".join(words)


def sort_option(help_text: str) -> Callable[[Any], Any]:
    from reformkit.query import SORTS

    return click.option(
        "--sort", type=click.Choice(SORTS), default="relevance", show_default=True, help=help_text
    )


def query_command(name: str) -> Callable[[Callable[..., Any]], click.Command]:
    """A command that selects cases with a query: ``[QUERY]...``, the qualifier flags,
    ``--strict`` and ``--no-cache``, long options only. Options the command adds of its own go between this
    decorator and the function and are listed before the query flags."""

    def wrap(function: Callable[..., Any]) -> click.Command:
        function = query_options(strict_option(cache_option(click.pass_obj(function))))
        function = click.argument("query", nargs=-1)(function)
        command = click.command(name, context_settings=QUERY_COMMAND_SETTINGS)(function)
        shared = {f"flag_{flag}" for flag, _, _ in QUERY_FLAGS} | {"strict", "no_cache"}
        command.params.sort(key=lambda param: param.name in shared)  # stable: own options first
        return command

    return wrap
