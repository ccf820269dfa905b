"""The one walk over a YAML text's parser events that the text-level tools share: every
scalar in document order, with where it sits and whether it is a mapping key.

(The loader walks the same events in its own hot loop, because it builds the document as it
goes; everything that only needs to know where values are comes here.)
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple


class Scalar(NamedTuple):
    """One scalar: its source offsets (code points, end exclusive), its 0-based line and
    column, its value as parsed, its style (None plain; ``'``, ``"``, ``|``, ``>``), and whether
    it is a mapping key."""

    start: int
    end: int
    line: int
    column: int
    value: str
    style: str | None
    is_key: bool


def scalars(text: str) -> Iterator[Scalar]:
    """Every scalar of ``text`` in document order. Raises ``yaml.YAMLError`` where the text
    stops being YAML (the scalars before that point have been yielded)."""
    import yaml

    parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    stack: list[list[bool]] = []  # per open collection: [is_mapping, the next node is a key]

    def next_is_key() -> bool:
        if not stack or not stack[-1][0]:
            return False
        key = stack[-1][1]
        stack[-1][1] = not key
        return key

    try:
        while (event := parser.get_event()) is not None:
            if isinstance(event, yaml.ScalarEvent):
                is_key = next_is_key()
                start, end = event.start_mark, event.end_mark
                if start is None or end is None:
                    continue
                yield Scalar(
                    start.index, end.index, start.line, start.column, event.value, event.style, is_key
                )
            elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                next_is_key()
                stack.append([isinstance(event, yaml.MappingStartEvent), True])
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                stack.pop()
            elif isinstance(event, yaml.AliasEvent):
                next_is_key()
    finally:
        parser.dispose()
