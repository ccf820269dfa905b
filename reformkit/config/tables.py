"""Reading reformkit.toml and a thesaurus file, table by table: each value type-checked and
range-checked, an unknown key an error naming the closest known one, every message naming
the file, line and key (``ConfigError``)."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from reformkit.config.model import (
    DEFAULT_MAX_DEPTH,
    DEFAULT_MAX_FILE_BYTES,
    LIMITS,
    MAX_TOLERANCE,
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
from reformkit.errors import ConfigError


def parse_config(path: Path) -> Config:
    """The config in the file ``path``; ConfigError naming the file, line and key of a fault."""
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


Fail = Callable[[str, str, str], ConfigError]


def _interpret(path: Path, text: str, raw: dict[str, Any]) -> Config:
    def fail(table: str, key: str, message: str) -> ConfigError:
        line = _line_of(text, table, key)
        shown = _shown(path)
        where = f"{shown}:{line}" if line else shown
        name = f"[{table}].{key}" if key else f"[{table}]"
        return ConfigError(f"{where}: {name} {message}")

    for key in raw:
        if key not in _TOP_KEYS:
            raise fail(key, "", f"is not a known table; use one of {sorted(_TOP_KEYS)}")
    tags, units = _vocabulary(raw.get("vocab", {}), fail)
    return Config(
        path,
        _programs(raw.get("programs", {}), fail),
        tags,
        units,
        _rules(raw.get("rules", {}), fail),
        _report_settings(raw.get("report", {}), partial(fail, "report")),
        text,
        thesaurus=_thesaurus_settings(path, raw.get("thesaurus", {}), fail),
        search=_search_settings(raw, fail),
    )


def _programs(table: object, fail: Fail) -> dict[str, Program]:
    """``[programs.<key>]``: each program's full name, publisher and region."""
    if not isinstance(table, dict):
        raise fail("programs", "", "must be a table of [programs.<key>] tables")
    programs: dict[str, Program] = {}
    for key, entry in table.items():
        if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", key):
            raise fail(f"programs.{key}", "", "key must be lower-case letters, digits and '-'")
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            raise fail(f"programs.{key}", "name", "must be set to the program's full name")
        _known_keys(entry, _PROGRAM_KEYS, partial(fail, f"programs.{key}"), "program setting")
        for part in ("publisher", "region"):
            if part in entry and not isinstance(entry[part], str):
                raise fail(f"programs.{key}", part, "must be a string")
        programs[key] = Program(key, entry["name"], entry.get("publisher", ""), entry.get("region", ""))
    return programs


def _vocabulary(table: object, fail: Fail) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``[vocab]``: the allowed tags and units."""
    if not isinstance(table, dict):
        raise fail("vocab", "", "must be a table")
    _known_keys(table, _VOCAB_KEYS, partial(fail, "vocab"), "vocabulary list")
    return _string_list(table, "tags", partial(fail, "vocab", "tags")), _string_list(
        table, "units", partial(fail, "vocab", "units")
    )


def _rules(table: object, fail: Fail) -> Rules:
    """``[rules]``: the tolerance, the rules selected and ignored, strictness, the limits on
    one case file and the near-duplicate threshold."""
    if not isinstance(table, dict):
        raise fail("rules", "", "must be a table")
    _known_keys(table, _RULE_KEYS, partial(fail, "rules"), "rule setting")
    tolerance = table.get("tolerance", 1.0)
    if (
        isinstance(tolerance, bool)
        or not isinstance(tolerance, int | float)
        or not 0 <= tolerance <= MAX_TOLERANCE  # False for NaN too
    ):
        raise fail("rules", "tolerance", f"must be a number of percentage points from 0 to {MAX_TOLERANCE:g}")
    strict = table.get("strict", False)
    if not isinstance(strict, bool):
        raise fail("rules", "strict", "must be true or false")
    limits = {}
    for key, default in (("max_file_bytes", DEFAULT_MAX_FILE_BYTES), ("max_depth", DEFAULT_MAX_DEPTH)):
        value = table.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= LIMITS[key]:
            raise fail("rules", key, f"must be a whole number from 1 to {LIMITS[key]}")
        limits[key] = value
    return Rules(
        tolerance=float(tolerance),
        select=_rule_codes(table, "select", partial(fail, "rules", "select")),
        ignore=_rule_codes(table, "ignore", partial(fail, "rules", "ignore")),
        strict=strict,
        max_file_bytes=limits["max_file_bytes"],
        max_depth=limits["max_depth"],
        near_duplicate=_near_duplicate(table.get("near_duplicate", 80), partial(fail, "rules", "near_duplicate")),
    )


def _rule_codes(table: dict[str, Any], key: str, fail: Callable[[str], ConfigError]) -> tuple[str, ...]:
    """``select`` or ``ignore``: rule codes, prefixes or names the registry knows."""
    values = _string_list(table, key, fail)
    if values:
        from reformkit.rules.registry import resolve  # the rule registry: only when codes are named

        unknown = [code for code in values if not resolve(code)]
        if unknown:
            raise fail(
                f"names unknown rule code, prefix or name {unknown[0]!r}; see `reformkit validate --list-rules`"
            )
    return values




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


def _shown(path: Path) -> str:
    from reformkit.library.files import display_path

    return display_path(path)
