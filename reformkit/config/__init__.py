"""Find and read reformkit.toml, and decide where the case library is.

Discovery works like git: ``--config`` wins, then ``REFORMKIT_CONFIG``; else, when the
cases folder is named (``-C/--cases-dir`` or ``REFORMKIT_CASES_DIR``), the nearest
reformkit.toml walking up from that folder; else the nearest one walking up from the working
directory. The cases folder is ``-C/--cases-dir``, then ``REFORMKIT_CASES_DIR``, then
``cases/`` beside the config.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from reformkit.config.model import (
    DEFAULT_MAX_DEPTH,
    DEFAULT_MAX_FILE_BYTES,
    REPORT_RANGES,
    Config,
    Entries,
    Program,
    ReportSettings,
    Rules,
    SearchSettings,
    Thesaurus,
    ThesaurusSettings,
)
from reformkit.config.tables import parse_config, read_thesaurus
from reformkit.errors import ConfigError

__all__ = [
    "CASES_DIR_ENV",
    "CONFIG_ENV",
    "CONFIG_NAME",
    "DEFAULT_MAX_DEPTH",
    "DEFAULT_MAX_FILE_BYTES",
    "REPORT_RANGES",
    "Config",
    "ConfigError",
    "Entries",
    "Program",
    "ReportSettings",
    "Rules",
    "SearchSettings",
    "Thesaurus",
    "ThesaurusSettings",
    "cases_dir",
    "find_config",
    "load_config",
    "parse_config",
    "read_thesaurus",
]

CONFIG_NAME = "reformkit.toml"
CASES_DIR_ENV = "REFORMKIT_CASES_DIR"
CONFIG_ENV = "REFORMKIT_CONFIG"


def find_config(start: Path | None = None) -> Path | None:
    """The nearest reformkit.toml in ``start`` or one of its parents."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / CONFIG_NAME
        if _is(candidate.is_file):  # a folder that cannot be searched holds none found
            return candidate
    return None


def load_config(
    explicit: str | None = None, *, start: Path | None = None, cases: str | None = None
) -> Config:
    """Read the config named by ``--config`` or ``REFORMKIT_CONFIG``, or the one found from
    the cases folder (``cases``: ``-C``, else ``REFORMKIT_CASES_DIR``) or from ``start``;
    raise ConfigError."""
    from_env = os.environ.get(CONFIG_ENV) or None
    if explicit is not None or from_env is not None:
        named = explicit if explicit is not None else str(from_env)
        path = Path(named)
        if not _is(path.is_file):
            where = "--config" if explicit is not None else f"${CONFIG_ENV}"
            raise ConfigError(f"{named}: no such config file; check {where}")
    else:
        cases = cases or os.environ.get(CASES_DIR_ENV) or None
        found = find_config(Path(cases)) if cases and start is None and _is(Path(cases).is_dir) else None
        found = found or find_config(start)
        if found is None and cases and not Path(cases).is_dir():
            from reformkit.errors import UsageError
            from reformkit.library.files import display_path

            raise UsageError(
                f"cases folder {display_path(Path(cases))} does not exist; create it, or point "
                "-C/--cases-dir or REFORMKIT_CASES_DIR at the library"
            )
        if found is None:
            raise ConfigError(
                f"no {CONFIG_NAME} found in this folder or any parent; run `reformkit init` "
                f"to create one, pass --config PATH, or set {CONFIG_ENV}"
            )
        path = found
    return parse_config(path)


def cases_dir(config: Config, explicit: str | None = None) -> Path:
    """The folder holding the library's case files."""
    chosen = explicit or os.environ.get(CASES_DIR_ENV)
    return Path(chosen) if chosen else config.root / "cases"


def _is(test: Callable[[], bool]) -> bool:
    """``Path.is_file``/``is_dir``, False where the path cannot even be asked about (a name
    too long for the system)."""
    try:
        return test()
    except OSError:
        return False
