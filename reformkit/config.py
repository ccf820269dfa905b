"""Find and read reformkit.toml, and decide where the case library is.

Discovery works like git: ``--config`` wins, then ``REFORMKIT_CONFIG``; else, when the
cases folder is named (``-C/--cases-dir`` or ``REFORMKIT_CASES_DIR``), the nearest
reformkit.toml walking up from that folder; else the nearest one walking up from the working
directory. The cases folder is ``-C/--cases-dir``, then ``REFORMKIT_CASES_DIR``, then
``cases/`` beside the config.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from reformkit.errors import ConfigError

CONFIG_NAME = "reformkit.toml"
CASES_DIR_ENV = "REFORMKIT_CASES_DIR"
CONFIG_ENV = "REFORMKIT_CONFIG"
#: The ``[rules]`` limits on one case file, when the config sets none (``max_file_bytes``,
#: ``max_depth``): a case is a few kilobytes, nested a few levels.
DEFAULT_MAX_FILE_BYTES = 1_048_576
DEFAULT_MAX_DEPTH = 32
#: The largest values ``[rules]`` accepts: a case file of a gibibyte, nesting far past any
#: case and inside what every reader of the document can walk, a tolerance of every change.
LIMITS = {"max_file_bytes": 1 << 30, "max_depth": 256}
MAX_TOLERANCE = 100.0


@dataclass(frozen=True)
class Program:
    key: str
    name: str
    publisher: str = ""
    region: str = ""


@dataclass(frozen=True)
class Rules:
    tolerance: float = 1.0
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    strict: bool = False
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    max_depth: int = DEFAULT_MAX_DEPTH


@dataclass(frozen=True)
class Config:
    path: Path
    programs: dict[str, Program] = field(default_factory=dict)
    tags: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    rules: Rules = Rules()
    report: dict[str, Any] = field(default_factory=dict)
    text: str = ""

    @property
    def root(self) -> Path:
        return self.path.parent


def find_config(start: Path | None = None) -> Path | None:
    """The nearest reformkit.toml in ``start`` or one of its parents."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
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
        if found is None:
            raise ConfigError(
                f"no {CONFIG_NAME} found in this folder or any parent; run `reformkit init` "
                f"to create one, pass --config PATH, or set {CONFIG_ENV}"
            )
        path = found
    return parse_config(path)


def parse_config(path: Path) -> Config:
    import tomllib

    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as exc:
        raise ConfigError(f"{_shown(path)}: cannot be read ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{_shown(path)}: is not UTF-8 text; save it as UTF-8") from None
    try:
        raw = tomllib.loads(text)
    except RecursionError:
        raise ConfigError(f"{_shown(path)}: invalid TOML: arrays or tables nested too deeply") from None
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        where = re.search(r"\(at line (\d+), column (\d+)\)", message)
        if where:
            message = message[: where.start()].strip()
            raise ConfigError(
                f"{_shown(path)}:{where.group(1)}:{where.group(2)}: invalid TOML: {message}"
            ) from None
        raise ConfigError(f"{_shown(path)}: invalid TOML: {message}") from None
    return _interpret(path, text, raw)


_TOP_KEYS = {"programs", "vocab", "rules", "report"}
_RULE_KEYS = {"tolerance", "select", "ignore", "strict", "max_file_bytes", "max_depth"}
_PROGRAM_KEYS = {"name", "publisher", "region"}
_VOCAB_KEYS = {"tags", "units"}


def _interpret(path: Path, text: str, raw: dict[str, Any]) -> Config:
    def fail(table: str, key: str, message: str) -> ConfigError:
        line = _line_of(text, table, key)
        shown = _shown(path)
        where = f"{shown}:{line}" if line else shown
        name = f"[{table}].{key}" if key else f"[{table}]"
        return ConfigError(f"{where}: {name} {message}")

    for key in raw:
        if key not in _TOP_KEYS:
            return_error = fail(key, "", f"is not a known table; use one of {sorted(_TOP_KEYS)}")
            raise return_error

    programs: dict[str, Program] = {}
    program_table = raw.get("programs", {})
    if not isinstance(program_table, dict):
        raise fail("programs", "", "must be a table of [programs.<key>] tables")
    for key, entry in program_table.items():
        if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", key):
            raise fail(f"programs.{key}", "", "key must be lower-case letters, digits and '-'")
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            raise fail(f"programs.{key}", "name", "must be set to the program's full name")
        _known_keys(entry, _PROGRAM_KEYS, partial(fail, f"programs.{key}"), "program setting")
        for part in ("publisher", "region"):
            if part in entry and not isinstance(entry[part], str):
                raise fail(f"programs.{key}", part, "must be a string")
        programs[key] = Program(key, entry["name"], entry.get("publisher", ""), entry.get("region", ""))

    vocab = raw.get("vocab", {})
    if not isinstance(vocab, dict):
        raise fail("vocab", "", "must be a table")
    _known_keys(vocab, _VOCAB_KEYS, partial(fail, "vocab"), "vocabulary list")
    tags = _string_list(vocab, "tags", lambda m: fail("vocab", "tags", m))
    units = _string_list(vocab, "units", lambda m: fail("vocab", "units", m))

    rules_raw = raw.get("rules", {})
    if not isinstance(rules_raw, dict):
        raise fail("rules", "", "must be a table")
    _known_keys(rules_raw, _RULE_KEYS, partial(fail, "rules"), "rule setting")
    tolerance = rules_raw.get("tolerance", 1.0)
    if (
        isinstance(tolerance, bool)
        or not isinstance(tolerance, int | float)
        or not 0 <= tolerance <= MAX_TOLERANCE  # False for NaN too
    ):
        raise fail(
            "rules", "tolerance", f"must be a number of percentage points from 0 to {MAX_TOLERANCE:g}"
        )
    strict = rules_raw.get("strict", False)
    if not isinstance(strict, bool):
        raise fail("rules", "strict", "must be true or false")
    limits = {}
    for key, default in (("max_file_bytes", DEFAULT_MAX_FILE_BYTES), ("max_depth", DEFAULT_MAX_DEPTH)):
        value = rules_raw.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= LIMITS[key]:
            raise fail("rules", key, f"must be a whole number from 1 to {LIMITS[key]}")
        limits[key] = value
    codes = {}
    for key in ("select", "ignore"):
        values = _string_list(rules_raw, key, partial(fail, "rules", key))
        if not values:
            codes[key] = values
            continue
        from reformkit.rules.registry import resolve  # the rule registry: only when codes are named

        unknown = [c for c in values if not resolve(c)]
        if unknown:
            raise fail(
                "rules",
                key,
                f"names unknown rule code, prefix or name {unknown[0]!r}; see `reformkit validate --list-rules`",
            )
        codes[key] = values
    rules = Rules(
        tolerance=float(tolerance),
        select=codes["select"],
        ignore=codes["ignore"],
        strict=strict,
        max_file_bytes=limits["max_file_bytes"],
        max_depth=limits["max_depth"],
    )
    report = raw.get("report", {})
    if not isinstance(report, dict):
        raise fail("report", "", "must be a table")
    return Config(path, programs, tags, units, rules, report, text)


def _known_keys(
    table: dict[str, Any], known: set[str], fail: Callable[[str, str], ConfigError], what: str
) -> None:
    """Fail on the first key of ``table`` not in ``known``, suggesting the closest one."""
    from reformkit.text.suggest import did_you_mean

    for key in table:
        if key not in known:
            raise fail(key, f"is not a known {what}{did_you_mean(key, known)}; use one of {sorted(known)}")


def _string_list(table: dict[str, Any], key: str, fail: Callable[[str], ConfigError]) -> tuple[str, ...]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise fail("must be a list of strings")
    return tuple(value)


def _line_of(text: str, table: str, key: str) -> int | None:
    """The line of ``key =`` inside ``[table]`` (or of the table header), for messages."""
    header = re.compile(r"^\s*\[+\s*" + re.escape(table) + r"\s*\]+\s*(#.*)?$")
    in_table = False
    header_line = None
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith("["):
            in_table = bool(header.match(line))
            if in_table and header_line is None:
                header_line = number
            continue
        if in_table and key and re.match(r"^\s*" + re.escape(key) + r"\s*=", line):
            return number
    return header_line


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


def _shown(path: Path) -> str:
    from reformkit.library.files import display_path

    return display_path(path)
