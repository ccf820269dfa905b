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
    #: RK212: the overlap (percent of shared shingles) at which two cases are warned of as
    #: likely the same reform filed twice; None: never.
    near_duplicate: float | None = 80.0


#: A thesaurus's two tables: phrase → the words cases use, and tag → other names for it.
Entries = dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class ThesaurusSettings:
    """``[thesaurus]``: the file of phrases and tag aliases (``file``, resolved beside the
    config; None: no file) and the entries written in reformkit.toml itself, which extend the
    file's (an entry for the same phrase or tag replaces the file's). The file is read only
    when a search needs it (``read_thesaurus``)."""

    file: Path | None = None
    phrases: Entries = field(default_factory=dict)
    tags: Entries = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return self.file is None and not self.phrases and not self.tags


@dataclass(frozen=True)
class Thesaurus:
    """The library's thesaurus, file and config merged: ``phrases`` maps what people type to
    the words cases use, ``tags`` each tag to its aliases (both as written)."""

    phrases: Entries = field(default_factory=dict)
    tags: Entries = field(default_factory=dict)


@dataclass(frozen=True)
class SearchSettings:
    #: ``[search.synonyms]``: groups of words a search treats as one (时间, 时限, 用时, 时长).
    synonyms: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class ReportSettings:
    """``[report]``: the limits a user's report template (``--template``) and a reference
    document (``--reference-doc``) run under."""

    template_seconds: float = 10.0  # compiling and rendering, together
    template_max_bytes: int = 1 << 20  # the template file
    template_max_output: int = 256 << 20  # characters of output
    reference_max_bytes: int = 64 << 20  # the reference .docx


#: Each ``[report]`` key: (the smallest, the largest value it accepts).
REPORT_RANGES: dict[str, tuple[float, float]] = {
    "template_seconds": (0.1, 3600.0),
    "template_max_bytes": (1, 64 << 20),
    "template_max_output": (1, 2 << 30),
    "reference_max_bytes": (1, 1 << 30),
}


@dataclass(frozen=True)
class Config:
    path: Path
    programs: dict[str, Program] = field(default_factory=dict)
    tags: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    rules: Rules = Rules()
    report: ReportSettings = ReportSettings()
    text: str = ""
    thesaurus: ThesaurusSettings = ThesaurusSettings()
    search: SearchSettings = SearchSettings()

    @property
    def root(self) -> Path:
        return self.path.parent


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


def parse_config(path: Path) -> Config:
    text, raw = _read_toml(path)
    return _interpret(path, text, raw)


def _read_toml(path: Path) -> tuple[str, dict[str, Any]]:
    """The text of a TOML file and what it holds; ConfigError naming the file (and line)."""
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
    return text, raw


_TOP_KEYS = {"programs", "vocab", "rules", "report", "thesaurus", "search"}
_RULE_KEYS = {"tolerance", "select", "ignore", "strict", "max_file_bytes", "max_depth", "near_duplicate"}
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
        near_duplicate=_near_duplicate(rules_raw.get("near_duplicate", 80), partial(fail, "rules", "near_duplicate")),
    )
    report = _report_settings(raw.get("report", {}), partial(fail, "report"))
    thesaurus = _thesaurus_settings(path, raw.get("thesaurus", {}), fail)
    search = _search_settings(raw, fail)
    return Config(path, programs, tags, units, rules, report, text, thesaurus=thesaurus, search=search)


Fail = Callable[[str, str, str], ConfigError]


def _near_duplicate(value: object, fail: Callable[[str], ConfigError]) -> float | None:
    """``[rules] near_duplicate``: a percentage from 1 to 100, or false (never warn)."""
    if value is False:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not 1 <= value <= 100:
        raise fail("must be a percentage of shared text from 1 to 100 (80 by default), or false to turn RK212 off")
    return float(value)


def _report_settings(table: object, fail: Callable[[str, str], ConfigError]) -> ReportSettings:
    if not isinstance(table, dict):
        raise fail("", "must be a table")
    _known_keys(table, set(REPORT_RANGES), fail, "report setting")
    values: dict[str, Any] = {}
    for key, value in table.items():
        low, high = REPORT_RANGES[key]
        whole = key != "template_seconds"
        kinds = int if whole else int | float
        if isinstance(value, bool) or not isinstance(value, kinds) or not low <= value <= high:  # NaN: False
            what, span = (
                ("a whole number", f"{int(low):,} to {int(high):,}")
                if whole
                else ("a number of seconds", f"{low:g} to {high:g}")
            )
            raise fail(key, f"must be {what} from {span}")
        values[key] = float(value) if not whole else value
    return ReportSettings(**values)


def _thesaurus_settings(path: Path, table: object, fail: Fail) -> ThesaurusSettings:
    """``[thesaurus]`` of reformkit.toml: ``file`` (a path beside the config) and entries."""
    if not isinstance(table, dict):
        raise fail("thesaurus", "", "must be a table")
    for key in table:
        if key not in ("file", "phrases", "tags"):
            raise fail("thesaurus", key, "is not a known thesaurus setting; use file, phrases or tags")
    file = None
    if "file" in table:
        named = table["file"]
        if not isinstance(named, str) or not named.strip():
            raise fail("thesaurus", "file", 'must be the path of a thesaurus file, e.g. "thesaurus.toml"')
        file = path.parent / named
        if not file.is_file():
            raise fail("thesaurus", "file", f"names {named}, which is not a file beside the config")
    phrases, tags = _entries(table, fail)
    return ThesaurusSettings(file, phrases, tags)


def _entries(table: dict[str, Any], fail: Fail) -> tuple[Entries, Entries]:
    """The ``phrases`` and ``tags`` tables of a thesaurus, type-checked."""
    found: list[Entries] = []
    for part, what in (("phrases", "the words cases use"), ("tags", "other names for the tag")):
        entries = table.get(part, {})
        if not isinstance(entries, dict):
            raise fail("thesaurus", part, f'must be a table of "phrase" = [{what}]')
        typed: Entries = {}
        for key, value in entries.items():
            if not key.strip():
                raise fail(f"thesaurus.{part}", '""', "is an empty key; give the phrase")
            if (
                not isinstance(value, list)
                or not value
                or not all(isinstance(v, str) and v.strip() for v in value)
            ):
                raise fail(f"thesaurus.{part}", _toml_key(key), f"must be a list of {what}, e.g. [\"营业执照\"]")
            typed[key] = tuple(value)
        found.append(typed)
    return found[0], found[1]


def read_thesaurus(settings: ThesaurusSettings) -> Thesaurus:
    """The thesaurus: the file's entries (parsed and type-checked now), then the config's
    over them. Raise ConfigError naming the file, line and key of a bad entry."""
    phrases: Entries = {}
    tags: Entries = {}
    if settings.file is not None:
        path = settings.file
        text, raw = _read_toml(path)

        def fail(table: str, key: str, message: str) -> ConfigError:
            line = _line_of(text, table, key)
            where = f"{_shown(path)}:{line}" if line else _shown(path)
            return ConfigError(f"{where}: [{table}]{'.' + key if key else ''} {message}")

        for key in raw:
            if key != "thesaurus":
                raise fail(key, "", "is not a thesaurus table; the file holds [thesaurus.phrases] and [thesaurus.tags]")
        if not isinstance(raw.get("thesaurus", {}), dict):
            raise fail("thesaurus", "", "must be a table")
        section = raw.get("thesaurus", {})
        for key in section:
            if key not in ("phrases", "tags"):
                raise fail("thesaurus", key, "is not a thesaurus table; use phrases or tags")
        phrases, tags = _entries(section, fail)
    return Thesaurus({**phrases, **settings.phrases}, {**tags, **settings.tags})


def _toml_key(key: str) -> str:
    """``key`` as TOML writes it: bare when it can be, else quoted."""
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else '"' + key.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _search_settings(raw: dict[str, Any], fail: Callable[[str, str, str], ConfigError]) -> SearchSettings:
    """``[search]``: ``[search.synonyms]`` names groups of two or more words; a word may
    belong to one group only."""
    table = raw.get("search", {})
    if not isinstance(table, dict):
        raise fail("search", "", "must be a table")
    for key in table:
        if key != "synonyms":
            raise fail("search", key, "is not a known search setting; use ['synonyms']")
    synonyms = table.get("synonyms", {})
    if not isinstance(synonyms, dict):
        raise fail("search", "synonyms", "must be a table of name = [words] groups")
    groups: list[tuple[str, ...]] = []
    owner: dict[str, str] = {}
    for name, words in synonyms.items():
        good = isinstance(words, list) and all(isinstance(w, str) and w.strip() for w in words)
        if not good or len(set(words)) < 2:
            raise fail("search.synonyms", name, "must be a list of two or more different words")
        for word in words:
            if owner.setdefault(word, name) != name:
                raise fail("search.synonyms", name, f"repeats {word!r} of group {owner[word]!r}; a word has one group")
        groups.append(tuple(words))
    return SearchSettings(tuple(groups))


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
        if in_table and key.startswith('"') and re.match(r"^\s*'" + re.escape(key[1:-1]) + r"'\s*=", line):
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
