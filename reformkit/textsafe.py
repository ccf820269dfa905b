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
