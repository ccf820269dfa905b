"""Read one case file into plain data, keeping where every value came from.

The loader walks PyYAML's event stream (the C parser when it is available) instead of
letting PyYAML construct objects, so that it can refuse what case files have no use for
(anchors, aliases, tags, several documents), catch duplicate keys that PyYAML would silently
drop, bound the nesting depth without recursion, and record the line and column of every
key and value. Each fault becomes a Problem of that file; nothing here raises for bad input.

``reading`` reads a file's bytes and decodes them; ``events`` walks the parser's events into
the document; ``scalars`` says what a scalar means and refuses the YAML 1.1 readings a case
file must not rely on.
"""

from __future__ import annotations

from reformkit.case.model import LoadedFile
from reformkit.config import DEFAULT_MAX_DEPTH, DEFAULT_MAX_FILE_BYTES
from reformkit.library.loader.events import parse_text
from reformkit.library.loader.reading import decode, read_bytes

__all__ = ["decode", "load_file", "parse_text", "read_bytes"]


def load_file(
    path: str,
    display: str,
    *,
    max_bytes: int = DEFAULT_MAX_FILE_BYTES,
    max_depth: int = DEFAULT_MAX_DEPTH,
) -> LoadedFile:
    """Load one case file; problems are recorded on the result, never raised."""
    raw, result = read_bytes(path, display, max_bytes)
    if raw is None:
        return result
    text = decode(raw, result)
    if text is None:
        return result
    result.text = text
    parse_text(text, result, max_depth=max_depth)
    return result
