"""YAML syntax errors that a Chinese input method causes, told in its words.

libyaml reports where its scanner gave up, often a line after the mistake, in the words of
its grammar. ``diagnose`` looks at the text around that mark for the mistakes an input method
makes (a full-width colon after a key, an ideographic space or a tab as indentation, ``: ``
inside a plain value) and, when it finds one, says where the offending character is, what it
is and how to fix it, and offers the edit that fixes it (``reformkit validate --fix``).
Pure functions over text; nothing here prints.
"""

from __future__ import annotations

import re
from typing import NamedTuple

#: How every message of a fixable problem says so (one wording, tested against the real CLI).
FIXABLE = "`reformkit validate --fix` fixes it"

#: Characters an input method types where YAML wants an ASCII space.
ODD_SPACES = {"\t": "a tab", "\u3000": "an ideographic space", "\u00a0": "a no-break space"}

_FULLWIDTH_COLON_KEY = re.compile(r"^( *(?:- +)?)([A-Za-z_][A-Za-z0-9_]*) *：")
_KEY_VALUE = re.compile(r"^( *(?:- +)?)([A-Za-z_][A-Za-z0-9_]*):( +)(.*)$")
_INDENT = re.compile(r"^[ \t\u3000\u00a0]*")


class Edit(NamedTuple):
    """Replace ``text[start:end]`` with ``replacement``."""

    start: int
    end: int
    replacement: str


class Diagnosis(NamedTuple):
    """An input-method mistake: where its character is, the message, what the fix does."""

    line: int
    column: int
    message: str
    #: What ``--fix`` does about it (for its report), and the edit; None when it cannot.
    fixed: str
    edit: Edit | None


def named(char: str) -> str:
    return f"'{char}' (U+{ord(char):04X})"


def _line_starts(text: str) -> list[int]:
    starts = [0]
    for index, char in enumerate(text):
        if char == "\n":
            starts.append(index + 1)
    return starts


def _line(text: str, starts: list[int], number: int) -> str:
    start = starts[number - 1]
    end = text.find("\n", start)
    return text[start : end if end >= 0 else len(text)]


def diagnose(text: str, line: int, column: int, context_line: int | None, said: str) -> Diagnosis | None:
    """The input-method mistake behind libyaml's error at ``line``:``column`` (1-based), if any.

    ``context_line`` is the line libyaml's context mark names (where the construct it was
    reading started); ``said`` is libyaml's own text, kept as the message's second sentence.
    """
    starts = _line_starts(text)
    last = len(starts)
    first = max(1, min(context_line or line, line - 1))
    window = range(first, min(line, last) + 1)
    yaml_says = f" YAML says: {said}"
    for number in window:
        found = _fullwidth_colon(text, starts, number, yaml_says)
        if found is not None:
            return found
    for number in window:
        found = _odd_indentation(text, starts, number, yaml_says)
        if found is not None:
            return found
    if "mapping values are not allowed" in said and 1 <= line <= last:
        return _colon_in_value(text, starts, line, column, yaml_says)
    return None


def _fullwidth_colon(text: str, starts: list[int], number: int, yaml_says: str) -> Diagnosis | None:
    match = _FULLWIDTH_COLON_KEY.match(_line(text, starts, number))
    if match is None:
        return None
    key = match.group(2)
    index = match.end() - 1
    offset = starts[number - 1] + index
    after = text[offset + 1 : offset + 2]
    replacement = ":" if after in (" ", "\n", "") else ": "
    return Diagnosis(
        number,
        index + 1,
        f"full-width colon {named('：')} after key '{key}'; use ':' followed by a space "
        f"({FIXABLE}).{yaml_says}",
        f"full-width colon after key '{key}' replaced by ':'",
        Edit(offset, offset + 1, replacement),
    )


def _odd_indentation(text: str, starts: list[int], number: int, yaml_says: str) -> Diagnosis | None:
    content = _line(text, starts, number)
    indent = _INDENT.match(content)
    assert indent is not None  # the pattern matches the empty string
    for index, char in enumerate(indent.group()):
        if char in ODD_SPACES:
            return Diagnosis(
                number,
                index + 1,
                indentation_message(char) + f".{yaml_says}",
                "indentation",
                None,  # the whole file's indentation is fixed at once: see fix_indentation
            )
    return None


def indentation_message(char: str, key: str = "") -> str:
    shown = "(U+0009)" if char == "\t" else named(char)
    before = f" before key '{key}'" if key else ""
    return f"{ODD_SPACES[char]} {shown} used as indentation{before}; indent with ASCII spaces ({FIXABLE})"


def _colon_in_value(
    text: str, starts: list[int], number: int, column: int, yaml_says: str
) -> Diagnosis | None:
    content = _line(text, starts, number)
    match = _KEY_VALUE.match(content)
    if match is None or column - 1 >= len(content) or content[column - 1] != ":":
        return None
    value = match.group(4)
    if not value or value[0] in "'\"[{|>&*!%@`#":
        return None
    comment = value.find(" #")
    if comment >= 0:
        value = value[:comment]
    value = value.rstrip()
    key = match.group(2)
    quoted = "'" + value.replace("'", "''") + "'"
    start = starts[number - 1] + match.start(4)
    return Diagnosis(
        number,
        column,
        f"': ' inside the plain value of '{key}' starts a mapping in YAML; quote the value: "
        f"{key}: {quoted} ({FIXABLE}).{yaml_says}",
        f"quoted the value of '{key}'",
        Edit(start, start + len(value), quoted),
    )


#: A line of structure: indentation, then a list dash or a ``key:``. Only these lines are
#: re-indented: a line of text inside a block scalar may well start with ideographic spaces
#: (a Chinese paragraph's indent), and those are the text's own.
_STRUCTURE_LINE = re.compile(r"^([ \t\u3000\u00a0]*)(?:-(?:[ \t]|$)|[A-Za-z_][A-Za-z0-9_]*[ \t]*[:：])")


def odd_indents(text: str) -> list[tuple[int, int, str]]:
    """(line, offset of the line, indentation) of every structure line indented with a tab,
    an ideographic or a no-break space."""
    found = []
    offset = 0
    for number, line in enumerate(text.split("\n"), 1):
        match = _STRUCTURE_LINE.match(line)
        if match is not None and any(char in ODD_SPACES for char in match.group(1)):
            found.append((number, offset, match.group(1)))
        offset += len(line) + 1
    return found


def reindent(text: str, widths: dict[str, int]) -> str:
    """``text`` with each tab, ideographic and no-break space in the indentation of a
    structure line replaced by ``widths[char]`` ASCII spaces."""
    out = text
    for _, offset, indent in reversed(odd_indents(text)):
        spaces = "".join(" " * widths.get(char, 1) if char in ODD_SPACES else char for char in indent)
        out = out[:offset] + spaces + out[offset + len(indent) :]
    return out


#: Widths tried for each odd space, most likely first (the library indents by two).
WIDTHS = {"\t": (2, 4, 8, 1), "\u3000": (2, 1, 4), "\u00a0": (1, 2, 4)}
