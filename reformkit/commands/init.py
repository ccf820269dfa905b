"""reformkit init: start a new case library."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import click

from reformkit.options import Command, force_option


@click.command("init", cls=Command)
@click.argument("directory", default=".", type=click.Path(file_okay=False))
@force_option("an existing reformkit.toml")
def command(directory: str, force: bool) -> None:
    """Write a commented starter reformkit.toml and an empty cases/ folder.

    Refuses to overwrite an existing reformkit.toml unless --force is given.

    \b
    Example:
      reformkit init my-library
      cd my-library && reformkit new --program example
    """
    from reformkit.config import CONFIG_NAME
    from reformkit.errors import OutputError
    from reformkit.fileio import write_atomic
    from reformkit.library.files import display_path
    from reformkit.library.scaffold import starter_config

    root = Path(directory)
    created = _missing_folders(root)
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        _remove(created)
        raise OutputError(f"cannot create {display_path(root)}: {exc.strerror}") from None
    target = root / CONFIG_NAME
    existed = target.exists()
    cases = root / "cases"
    try:
        write_atomic(target, starter_config(), force=force)
        try:
            cases.mkdir(exist_ok=True)
        except OSError as exc:
            raise OutputError(f"cannot create {display_path(cases)}: {exc.strerror}") from None
    except OutputError:
        # A full disk or a read-only folder: leave no half-made library behind (the folders
        # this run made, and the config it wrote where there was none).
        if not existed:
            with contextlib.suppress(OSError):
                target.unlink()
        _remove(created)
        raise
    click.echo(f"wrote {display_path(target)} and {display_path(cases)}/", err=True)


def _missing_folders(root: Path) -> list[Path]:
    """The folders ``root.mkdir(parents=True)`` would make, deepest first."""
    missing = []
    for folder in (root, *root.parents):
        if os.path.lexists(folder):
            break
        missing.append(folder)
    return missing


def _remove(folders: list[Path]) -> None:
    """Remove the empty folders this run made, deepest first."""
    for folder in folders:
        with contextlib.suppress(OSError):
            folder.rmdir()
