"""Option decorators shared by commands, so each option is spelled and documented once."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from reformkit.config import Config

#: Commands that take a query: a negated term (``-海口``, ``-tag:x``) must reach the query,
#: so unknown options pass through to ``QueryCommand``, which sorts exclusions from typos.
QUERY_COMMAND_SETTINGS = {"ignore_unknown_options": True}
#: ``ctx.meta`` key: how many of a query command's words came after ``--``.
AFTER_DASHES = "reformkit.after_dashes"

#: The global options, which go before the command name.
GLOBAL_SHORT = {"-C": "--cases-dir", "-V": "--version"}


@dataclass
class Settings:
    """Global options, shared with every command through ``click.Context.obj``."""

    config_path: str | None = None
    cases_dir: str | None = None
    color: bool | None = None
    debug: bool = False
    use_cache: bool = True
    #: The exit code the run has earned so far: what it exits with if its reader goes away
    #: (``| head``) while it writes. A command that writes, then fails, sets it first.
    exit_code: int = 0
    #: Files the command was given by path: the config is looked for from the first one's
    #: folder (``show /elsewhere/cases/x.yaml``), then from the usual places.
    path_hints: tuple[str, ...] = ()
    _config: Config | None = field(default=None, repr=False)

    def config(self) -> Config:
        if self._config is None:
            from reformkit.config import find_config, load_config

            start = None
            for hint in self.path_hints:
                folder = Path(hint).parent
                if Path(hint).is_file() and find_config(folder) is not None:
                    start = folder
                    break
            self._config = load_config(self.config_path, start=start, cases=self.cases_dir)
        return self._config

    def look_from(self, arguments: Sequence[str]) -> None:
        """Take the arguments that name files as where to look for the config."""
        self.path_hints = tuple(a for a in arguments if a.endswith((".yaml", ".yml")) and os.path.isfile(a))

    def cases_folder(self) -> Path:
        from reformkit.config import cases_dir

        return cases_dir(self.config(), self.cases_dir)

    def use_color(self, stream: object = None) -> bool:
        if self.color is not None:
            return self.color
        if os.environ.get("NO_COLOR"):
            return False
        stream = stream or sys.stdout
        return bool(getattr(stream, "isatty", lambda: False)())


def lang_option(function: Any) -> Any:
    """``--lang zh|en``: the language of every fixed word (labels, status, kinds, the words
    around figures). The default is the cases' language, Chinese for this library."""
    from reformkit.wording.labels import DEFAULT_LANG, LANGS

    return click.option(
        "--lang",
        type=click.Choice(LANGS),
        default=DEFAULT_LANG,
        show_default=True,
        help="Language of labels, status, kinds and the words around figures.",
    )(function)


def complete_ids(ctx: click.Context, _param: click.Parameter, incomplete: str) -> list[str]:
    from reformkit.completion import case_ids

    return [i for i in case_ids() if i.startswith(incomplete)]


#: Every command answers ``-h`` as well as ``--help``.
HELP_NAMES = ("-h", "--help")


class _SameHelpNames:
    """The help option's names fixed by the command, not by the context that first asks: click
    keeps a command's help option once made, so a command first reached without the group (the
    Python API, a test reading its options) would otherwise lose ``-h`` for every later call."""

    params: list[click.Parameter]

    def get_help_option_names(self, ctx: click.Context) -> list[str]:
        taken = {name for param in self.params for name in (*param.opts, *param.secondary_opts)}
        return [name for name in HELP_NAMES if name not in taken]


class HelpContext(click.Context):
    """click's context, its ``--help`` laid out by display width (``render.help``)."""

    def make_formatter(self) -> click.HelpFormatter:
        from reformkit.render.help import HelpFormatter

        return HelpFormatter(width=self.terminal_width, max_width=self.max_content_width)


class Command(_SameHelpNames, click.Command):
    """A reformkit command (``@click.command(cls=Command)``)."""

    context_class = HelpContext


class Group(_SameHelpNames, click.Group):
    """A reformkit command with subcommands (``@click.group(cls=Group)``)."""

    context_class = HelpContext
    command_class = Command


class QueryCommand(Command):
    """A command whose arguments are a query. Its own short options (and ``-h``) are options;
    ``-word`` with a CJK or other non-ASCII start, or ``-qualifier:value``, is an exclusion;
    any other ``-x…`` is a usage error naming the long options it may have meant."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not ctx.resilient_parsing:
            args = self._check_dashes(ctx, args)
        return super().parse_args(ctx, args)

    def _check_dashes(self, ctx: click.Context, args: list[str]) -> list[str]:
        """The arguments with ``-qualifier:value`` spelled ``NOT qualifier:value`` (so click
        never reads ``-has:x`` as ``-h``); a usage error for an ``-x`` that is no option."""
        from reformkit.search.query import QUALIFIERS

        takes_value = set()
        short = set(ctx.help_option_names)
        longs: list[str] = []
        for param in self.params:
            if not isinstance(param, click.Option):
                continue
            names = [*param.opts, *param.secondary_opts]
            short.update(n for n in names if not n.startswith("--"))
            longs.extend(n for n in names if n.startswith("--"))
            if not param.is_flag and not param.count:
                takes_value.update(names)
        skip = False
        out: list[str] = []
        for at, arg in enumerate(args):
            if skip or arg == "--":
                out.extend(args[at:] if arg == "--" else [arg])
                if arg == "--":
                    ctx.meta[AFTER_DASHES] = len(args) - at - 1  # query words, never options
                    return out
                skip = False
                continue
            out.append(arg)
            if arg in takes_value:
                skip = True
                continue
            if arg in short or len(arg) < 2 or arg[0] != "-" or arg.startswith("--"):
                continue
            letter = arg[1]
            if not (letter.isascii() and letter.isalpha()):
                continue  # -海口, -2021, -"a phrase": exclusions
            head, colon, _ = arg[1:].partition(":")
            if colon and head in QUALIFIERS:
                out[-1:] = ["NOT", arg[1:]]  # -tag:x
                continue
            word = arg[1:]
            if arg[:2] in GLOBAL_SHORT:
                meant = f"{arg[:2]} is a global option: put it before the command, reformkit {arg[:2]} … {self.name} …"
            else:
                near = [n for n in longs if n[2:3].lower() == letter.lower()]
                meant = f"did you mean {' or '.join(near)}? " if near else ""
                own = sorted(n for n in short if len(n) == 2)
                meant += f"{'short options here are ' + ', '.join(own) if own else 'this command has no short options'}"
            raise click.UsageError(
                f"no such option: {arg} ({meant}); to exclude the word '{word}', write NOT {word} "
                f"or put it after --: reformkit {self.name} … -- {arg}",
                ctx,
            )
        return out


def format_option(choices: Sequence[str], default: str, *, short: bool = True) -> Callable[[Any], Any]:
    """``-f/--format`` (``short=False``: the long form only)."""
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
    ("batch", "N", "Only this batch: 4, 3.., 2..4."),
    ("region", "PLACE", "Province, city or district starting with PLACE."),
    ("tag", "TAG", "Only cases with this tag."),
    ("agency", "TEXT", "Lead agency containing TEXT."),
    ("status", "STATUS", "implemented, pilot or planned."),
    ("kind", "KIND", "Cases stating a metric of this kind (time, materials…)."),
    ("year", "YEAR", "Published in YEAR: 2021, 2021..2023, 2022.., ..2021."),
    ("published", "DATE", "Published date: 2023-09, 2023-01-01.., 2020..2021-06."),
    ("has", "WHAT", "Cases that have metrics, outcomes, recognition…"),
    ("in", "FIELD", "Match text only in FIELD (title, summary, tags, practices…)."),
    ("source", "TEXT", "Source document whose title, publisher, file name or URL contains TEXT."),
    ("change", "[KIND:]RANGE", "A metric's relative change in percent: time:..-50, volume:100.."),
    ("cut", "[KIND:]RANGE", "A metric reduced by RANGE percent: time:50.. (at least halved)."),
    ("approx", "[KIND:]WHICH", "A metric with an approximate figure: yes, no, about, over, under."),
    ("computed", "[KIND:]YES|NO", "A metric whose change is computed from before/after (yes) or stated (no)."),
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
    """Join the query words; an unknown ``--option`` that slipped into them is a usage error,
    unless it came after ``--`` (``search -- --foo`` looks for the text ``--foo``)."""
    last = len(words) - ctx.meta.get(AFTER_DASHES, 0)
    for word in words[:last]:
        if word.startswith("--") and len(word) > 2:
            raise no_such_option(ctx, word.split("=")[0])
    return " ".join(words)


def no_such_option(ctx: click.Context, name: str) -> click.NoSuchOption:
    """The usage error for an unknown option, with the command's long options it may have
    meant (``--limt`` → ``--limit``), as click words it for commands that parse every option."""
    import difflib

    longs = [
        opt
        for param in ctx.command.get_params(ctx)
        if isinstance(param, click.Option)
        for opt in (*param.opts, *param.secondary_opts)
        if opt.startswith("--")
    ]
    return click.NoSuchOption(name, possibilities=difflib.get_close_matches(name, longs), ctx=ctx)


def sort_option(help_text: str) -> Callable[[Any], Any]:
    from reformkit.search.query import SORTS

    return click.option(
        "--sort", type=click.Choice(SORTS), default="relevance", show_default=True, help=help_text
    )


def query_command(name: str) -> Callable[[Callable[..., Any]], click.Command]:
    """A command that selects cases with a query: ``[QUERY]...``, the qualifier flags,
    ``--strict`` and ``--no-cache`` (long options only; a command adds short options of its own). Options the command adds of its own go between this
    decorator and the function and are listed before the query flags."""

    def wrap(function: Callable[..., Any]) -> click.Command:
        function = query_options(strict_option(cache_option(click.pass_obj(function))))
        function = click.argument("query", nargs=-1)(function)
        command = click.command(name, cls=QueryCommand, context_settings=QUERY_COMMAND_SETTINGS)(function)
        shared = {f"flag_{flag}" for flag, _, _ in QUERY_FLAGS} | {"strict", "no_cache"}
        command.params.sort(key=lambda param: param.name in shared)  # stable: own options first
        return command

    return wrap
