"""The ``reformkit`` command: global options, lazily loaded subcommands, one error boundary.

Importing this module must stay cheap (click only): every command module, and everything
heavy they use, is imported when that command runs.
"""

from __future__ import annotations

import errno
import importlib
import os
import sys
from typing import Any

import click

from reformkit._version import __version__
from reformkit.options import HelpContext, Settings

#: command name -> module in reformkit.commands; each module defines ``command``.
COMMANDS = {
    "validate": "validate",
    "fmt": "fmt",
    "search": "search",
    "show": "show",
    "compare": "compare",
    "stats": "stats",
    "report": "report",
    "templates": "templates",
    "export": "export",
    "schema": "schema",
    "init": "init",
    "new": "new",
    "import": "import_",
}
ALIASES = {"list": "search"}


class Failure(click.ClickException):
    """A ReformkitError on its way out: message to stderr, the error's exit code."""

    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code  # type: ignore[misc,unused-ignore]  # click declares it on the class


class LazyGroup(click.Group):
    context_class = HelpContext

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        name = ALIASES.get(name, name)
        module_name = COMMANDS.get(name)
        if module_name is None:
            return None
        module = importlib.import_module(f"reformkit.commands.{module_name}")
        command: click.Command = module.command
        return command

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            if not args and not ctx.resilient_parsing:
                # Bare ``reformkit``: the help is what was asked for, not a usage error.
                click.echo(ctx.get_help(), color=ctx.color)
                ctx.exit(0)
            bad = _not_utf8(args)
            if bad is not None:
                ctx.fail(bad)
            return super().parse_args(ctx, args)
        except BrokenPipeError:  # ``reformkit --help | head -1``
            _silence_stdout()
            ctx.exit(0)

    def resolve_command(self, ctx: click.Context, args: list[str]) -> Any:
        name = args[0] if args else ""
        known = ALIASES.get(name, name) in COMMANDS
        if name and not name.startswith("-") and not known and not ctx.resilient_parsing:
            from reformkit.text.suggest import close_matches

            close = close_matches(name, [*COMMANDS, *ALIASES])
            ctx.fail(f"No such command '{name}'." + (f" Did you mean '{close[0]}'?" if close else ""))
        _, command, rest = super().resolve_command(ctx, args)
        return (command.name if command else None), command, rest

    def invoke(self, ctx: click.Context) -> Any:
        from reformkit.errors import OutputError, ReformkitError
        from reformkit.text.escape import terminal

        try:
            return super().invoke(ctx)
        except ReformkitError as exc:
            settings = ctx.obj
            if isinstance(settings, Settings) and settings.debug:
                raise
            raise Failure(terminal(str(exc), multiline=True), exc.exit_code) from None
        except BrokenPipeError:
            # The reader went away (``reformkit … | head``): not an error. Stop quietly with
            # the code earned by what was written, like grep and ripgrep.
            _silence_stdout()
            settings = ctx.obj
            raise SystemExit(settings.exit_code if isinstance(settings, Settings) else 0) from None
        except OSError as exc:
            message = _output_fault(exc)
            _silence_stdout()
            raise Failure(message, OutputError.exit_code) from None


def _not_utf8(args: list[str]) -> str | None:
    """The message for the first argument that is not valid UTF-8 (Python decodes its bytes to
    lone surrogates), naming its option or its place; None when every argument is text."""
    for place, arg in enumerate(args):
        if not any("\ud800" <= char <= "\udfff" for char in arg):
            continue
        shown = repr(arg.encode("utf-8", "surrogateescape"))[1:]
        if arg.startswith("-") and "=" in arg:
            what = f"the value of {arg.split('=', 1)[0]}"
            shown = repr(arg.split("=", 1)[1].encode("utf-8", "surrogateescape"))[1:]
        elif place > 0 and args[place - 1].startswith("-") and not arg.startswith("-"):
            what = f"the value of {args[place - 1]}"
        else:
            what = f"argument {place + 1}"
        return f"{what} is not valid UTF-8 text ({shown}); pass it in UTF-8"
    return None


#: Write errors of standard output redirected to a file or device (a full disk, a file size
#: limit, an I/O error).
_OUTPUT_FAULTS = frozenset({errno.ENOSPC, errno.EFBIG, errno.EIO, errno.EDQUOT})


def _output_fault(exc: OSError) -> str:
    """The message for standard output that cannot be written (``reformkit export > file`` on
    a full disk); any other error is raised again. An error of a file operation names its file
    (a read of the library, an output written with -o): this one names none. It only words the
    fault: silencing standard output is the caller's step, taken once the process is ending."""
    if exc.errno not in _OUTPUT_FAULTS or exc.filename is not None or exc.filename2 is not None:
        raise exc
    return f"cannot write the output: {exc.strerror}"


def _silence_stdout() -> None:
    """Point stdout at the null device, so the final flush has nowhere to fail."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass  # no real stdout (tests capture it): nothing to flush later


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="reformkit", message="%(prog)s %(version)s")
@click.option(
    "--config",
    "config_path",
    metavar="PATH",
    type=click.Path(dir_okay=False),
    help="reformkit.toml to use (default: $REFORMKIT_CONFIG, else the nearest one walking up "
    "from the cases folder when -C or $REFORMKIT_CASES_DIR names it, else from here).",
)
@click.option(
    "-C",
    "--cases-dir",
    metavar="DIR",
    type=click.Path(file_okay=False),
    help="Folder of case files (default: $REFORMKIT_CASES_DIR, else cases/ beside the config).",
)
@click.option(
    "--color/--no-color",
    default=None,
    help="Colour the output (default: only on a terminal, never with NO_COLOR set).",
)
@click.option("--debug", is_flag=True, help="Show the Python traceback of an error.")
@click.pass_context
def cli(
    ctx: click.Context, config_path: str | None, cases_dir: str | None, color: bool | None, debug: bool
) -> None:
    """Keep, check, search and report on a library of government reform cases.

    Cases are YAML files in cases/ (one case a file) described by reformkit.toml.

    \b
    Examples:
      reformkit validate                      # check every case file
      reformkit search 一网通办 year:2021     # find cases (alias: list)
      reformkit compare hnbiz-4-02 hnbiz-4-03
      reformkit report tag:企业开办 -o brief.md
      reformkit new --program hnbiz --batch 4
    """
    ctx.obj = Settings(config_path=config_path, cases_dir=cases_dir, color=color, debug=debug)


def _utf8_arguments(args: list[str]) -> list[str]:
    """The arguments as text whatever the locale says.

    Under an ASCII locale (``LC_ALL=C`` with ``PYTHONUTF8=0``) Python decodes the arguments
    as ASCII, so ``一网通办`` arrives as lone surrogates that no later step can encode; the
    bytes are read as UTF-8 instead, and the standard streams write UTF-8 (case text is
    Chinese: a reader is better served by it than by a crash).
    """
    if sys.getfilesystemencoding().lower().replace("-", "") == "utf8":
        return args
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and (getattr(stream, "encoding", "") or "").lower() != "utf-8":
            reconfigure(encoding="utf-8")
    return [os.fsencode(arg).decode("utf-8", "replace") for arg in args]


def main() -> None:
    import gc

    # A run builds tens of thousands of small tuples and dicts (cache records, parsed cases)
    # that hold no reference cycles; at the default threshold the cyclic collector walks them
    # again and again (it tripled a warm search). A short-lived process can afford to collect
    # rarely.
    gc.set_threshold(200_000, 50, 100)
    args = _utf8_arguments(sys.argv[1:])
    try:
        cli.main(args=args, prog_name="reformkit")
    except BrokenPipeError:
        # A closed pipe outside any command (help, version): what was written was a success.
        _silence_stdout()
        sys.exit(0)
    except OSError as exc:  # help or version to a full disk
        message = _output_fault(exc)
        _silence_stdout()
        click.echo(f"Error: {message}", err=True)
        sys.exit(2)
