"""The root command: help when bare, suggestions for a mistyped command, and every command or
option the package's messages name checked against the real command tree."""

from __future__ import annotations

import ast
import functools
import re
from pathlib import Path

import click
import pytest

import reformkit
from reformkit.cli import ALIASES, COMMANDS, cli

PACKAGE = Path(reformkit.__file__).parent


def test_bare_reformkit_shows_the_help_and_succeeds(invoke):
    result = invoke()
    assert result.exit_code == 0
    assert result.stdout == invoke("--help").stdout
    assert result.stdout.startswith("Usage: ") and "\nCommands:\n" in result.stdout


@pytest.mark.parametrize(
    ("typed", "meant"), [("serach", "search"), ("valdiate", "validate"), ("lst", "list"), ("fmtt", "fmt")]
)
def test_a_mistyped_command_gets_a_suggestion(invoke, typed, meant):
    result = invoke(typed)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.endswith(f"\nError: No such command '{typed}'. Did you mean '{meant}'?\n")


def test_a_command_like_nothing_gets_no_suggestion(invoke):
    result = invoke("frobnicate")
    assert result.exit_code == 2
    assert result.stderr.endswith("\nError: No such command 'frobnicate'.\n")


# -- names in messages -----------------------------------------------------------------


def options_of(command: click.Command) -> set[str]:
    ctx = click.Context(command, info_name=command.name)
    names = {opt for param in command.get_params(ctx) for opt in (*param.opts, *param.secondary_opts)}
    return {n for n in names if n.startswith("-")}


def tree() -> dict[str, click.Command]:
    ctx = click.Context(cli, info_name="reformkit")
    found = {}
    for name in [*COMMANDS, *ALIASES]:
        command = cli.get_command(ctx, name)
        assert command is not None, name
        found[name] = command
    return found


def every_option() -> set[str]:
    names = set(options_of(cli))
    for command in tree().values():
        names |= options_of(command)
        if isinstance(command, click.Group):
            for sub in command.commands.values():
                names |= options_of(sub)
    return names


def messages() -> list[tuple[str, str]]:
    """Every string constant of the package that a user can read, with where it is: messages,
    help text and command docstrings (the docstrings of internal functions, classes and
    modules are for programmers and are left out)."""
    return list(_messages())


@functools.cache
def _messages() -> tuple[tuple[str, str], ...]:
    """``messages``, parsed once a run (four tests read them)."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE.parent).as_posix()
        user_facing_docs = relative.startswith("reformkit/commands/") or relative == "reformkit/cli.py"
        tree_ = ast.parse(path.read_text("utf-8"))
        docstrings = set()
        for node in ast.walk(tree_):
            if isinstance(node, ast.Module | ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                body = node.body
                has_doc = body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant)
                if has_doc and (isinstance(node, ast.Module) or not user_facing_docs):
                    docstrings.add(id(body[0].value))
        for node in ast.walk(tree_):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                found.append((f"{relative}:{node.lineno}", node.value))
    return tuple(found)


MENTION = re.compile(r"`reformkit ([^`]+)`|^[ \t]*reformkit ([^\n#]+)", re.M)


def mentions() -> list[tuple[str, str]]:
    """Each ``reformkit COMMAND …`` a message shows (a ``&&`` chain gives one per command)."""
    found = []
    for where, text in messages():
        for match in MENTION.finditer(text):
            span = match.group(1) or match.group(2)
            for index, piece in enumerate(re.split(r"&&|\|", span)):
                part = piece.strip()
                if part.startswith("reformkit "):
                    part = part[len("reformkit ") :]
                elif index:
                    continue  # another program in the chain (cd, sqlite3…)
                if part:
                    found.append((where, part))
    return found


def test_the_scan_finds_the_mentions_it_should():
    found = mentions()
    assert any(part.startswith("validate --format github") for _, part in found)
    assert any(part.startswith("templates copy briefing") for _, part in found)
    assert len(found) > 30


def test_every_command_and_option_a_message_names_exists():
    commands = tree()
    root_options = options_of(cli)
    wrong = []
    for where, part in mentions():
        words = part.split()
        name = words[0].rstrip(":.,;)")
        if name.startswith("-"):
            # a global option first: ``reformkit --config x validate``
            if name.split("=")[0] not in root_options:
                wrong.append(f"{where}: reformkit {part!r}: no global option {name}")
            continue
        command = commands.get(name)
        if command is None:
            wrong.append(f"{where}: reformkit {part!r}: no command {name!r}")
            continue
        rest = words[1:]
        if isinstance(command, click.Group) and rest and rest[0] in command.commands:
            command = command.commands[rest[0]]
            rest = rest[1:]
        allowed = options_of(command) | root_options
        for word in rest:
            if word.startswith("--"):
                option = word.split("=")[0].rstrip(".,;:)'\"")
                if option not in allowed:
                    wrong.append(f"{where}: reformkit {part!r}: {name} has no option {option}")
    assert wrong == []


def test_every_option_a_message_names_exists_somewhere():
    known = every_option()
    wrong = []
    for where, text in messages():
        for match in re.finditer(r"(?<![\w-])(--[a-z][a-z0-9-]*)", text):
            if match.group(1) not in known:
                wrong.append(f"{where}: {match.group(1)} in {text[:80]!r}")
    assert wrong == []


def test_the_checks_catch_a_wrong_name(monkeypatch):
    import tests.test_cli_names as me

    real = me.messages
    monkeypatch.setattr(me, "messages", lambda: [*real(), ("x.py:1", "run `reformkit valdate --strikt`")])
    with pytest.raises(AssertionError, match="no command 'valdate'"):
        test_every_command_and_option_a_message_names_exists()
    monkeypatch.setattr(me, "messages", lambda: [*real(), ("x.py:1", "run `reformkit validate --strikt`")])
    with pytest.raises(AssertionError, match="validate has no option --strikt"):
        test_every_command_and_option_a_message_names_exists()
    monkeypatch.setattr(me, "messages", lambda: [*real(), ("x.py:1", "pass --forse to overwrite")])
    with pytest.raises(AssertionError, match="--forse"):
        test_every_option_a_message_names_exists_somewhere()
