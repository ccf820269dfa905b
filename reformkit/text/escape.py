"""Case text is data: make it inert for the terminal before it is printed.

Control characters (C0, DEL, C1, which carry ANSI and OSC escape sequences) and the Unicode
bidi controls that can reorder what a reader sees are shown as visible ``\\u`` escapes.
Newlines and tabs are kept only where the caller allows them.
"""

from __future__ import annotations

import re

_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_UNSAFE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}]")
_UNSAFE_LINE = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}]")


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def terminal(text: str, *, multiline: bool = False) -> str:
    """``text`` with every control and bidi character replaced by a visible escape."""
    pattern = _UNSAFE if multiline else _UNSAFE_LINE
    return pattern.sub(_escape, text)


_JSON_UNSAFE = re.compile(f"[\x7f-\x9f{_BIDI}]")


def json_text(value: object, *, indent: int | None = None, sort_keys: bool = False) -> str:
    """The one JSON writer: strict JSON, non-ASCII kept readable, C1 and bidi controls escaped.

    ``json.dumps`` already escapes C0 controls; C1 characters (an 8-bit CSI is ``\\x9b``) and
    bidi overrides would otherwise reach a terminal raw. A non-finite float (NaN, infinity)
    has no JSON spelling: it raises ``NotJSONError`` naming where it is, never ``NaN``.
    """
    import json

    try:
        text = json.dumps(value, ensure_ascii=False, indent=indent, sort_keys=sort_keys, allow_nan=False)
    except ValueError:
        from reformkit.errors import NotJSONError

        where, number = _non_finite(value, "")
        raise NotJSONError(
            f"cannot write JSON: {where or 'the value'} is {number}, which JSON cannot hold"
        ) from None
    return escape_invisible(text)


def _non_finite(value: object, where: str) -> tuple[str, str]:
    """The path (``metrics[0].value``) and spelling of the first NaN or infinity in ``value``."""
    import math

    if isinstance(value, float) and not math.isfinite(value):
        return where, repr(value)
    items: list[tuple[str, object]] = []
    if isinstance(value, dict):
        items = [(f"{where}.{key}" if where else str(key), item) for key, item in value.items()]
    elif isinstance(value, list | tuple):
        items = [(f"{where}[{index}]", item) for index, item in enumerate(value)]
    for path, item in items:
        found = _non_finite(item, path)
        if found[1]:
            return found
    return where, ""


def escape_invisible(text: str) -> str:
    """C1 and bidi controls as ``\\u`` escapes: for formats (JSON, TOML strings) that read them back."""
    return _JSON_UNSAFE.sub(_escape, text)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value: object) -> object:
    """A CSV cell that a spreadsheet will not run as a formula (text only; numbers pass)."""
    if not isinstance(value, str):
        return value
    value = terminal(value, multiline=True)
    if value.startswith(_FORMULA_START):
        return "'" + value
    return value


_YAML_BREAKS = re.compile("[\x85\u2028\u2029]")


def yaml_text(value: object) -> str:
    """YAML (block style, UTF-8) in which control and bidi characters appear only as escapes.

    Strings holding such characters are written double-quoted, where YAML escapes
    (``\\e``, ``\\u202E``) keep the data exact and the terminal safe.
    """
    import yaml

    # The C emitter: PyYAML's Python emitter takes minutes over a megabyte-long scalar.
    class SafeDumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
        pass

    def represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
        # Double quotes also for YAML 1.1 line breaks (NEL, LS, PS), which plain and block
        # styles would not read back as written.
        risky = (
            _UNSAFE_LINE.search(data.replace("\n", ""))
            or _JSON_UNSAFE.search(data)
            or _YAML_BREAKS.search(data)
        )
        style = '"' if risky else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)

    SafeDumper.add_representer(str, represent_str)
    text = yaml.dump(value, Dumper=SafeDumper, allow_unicode=True, sort_keys=False, width=1000)
    return escape_invisible(text)
