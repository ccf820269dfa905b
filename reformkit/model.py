"""The plain data the core passes around: problems, loaded files and cases."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

ERROR = "error"
WARNING = "warning"

#: A location inside a YAML document: the keys and list indexes leading to a node.
NodePath = tuple[str | int, ...]


@dataclass(frozen=True, order=True)
class Problem:
    """One finding about one file, at a 1-based line and column (file-level: 1:1)."""

    path: str
    line: int
    column: int
    code: str
    severity: str
    message: str
    field: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "field": self.field,
        }


class Identity(NamedTuple):
    """What the cross-file rules need of a file: its id and related ids, with positions."""

    id: str | None = None
    id_position: tuple[int, int] = (1, 1)
    related: tuple[tuple[str, int, int], ...] = ()


@dataclass
class LoadedFile:
    """A case file as read from disk.

    ``data`` is the document as plain JSON-compatible values (dates already turned into
    ``YYYY-MM-DD`` strings), or None when the file could not be read as one mapping.
    ``positions`` maps a node path to the 1-based (line, column) of its value; the key of a
    mapping entry is stored under the path plus a trailing ``KEY`` marker.
    ``raw_scalars`` keeps the source text of plain scalars that YAML turned into something
    other than a string, so messages can quote what the author wrote.
    """

    path: str
    data: dict[str, Any] | None
    positions: dict[NodePath, tuple[int, int]] = field(default_factory=dict)
    raw_scalars: dict[NodePath, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def locate(self, node_path: NodePath, *, key: bool = False) -> tuple[int, int]:
        """The position of a node, or of its nearest ancestor that has one."""
        probe: NodePath = node_path
        if key and probe + (KEY,) in self.positions:
            return self.positions[probe + (KEY,)]
        while probe:
            if probe in self.positions:
                return self.positions[probe]
            probe = probe[:-1]
        return self.positions.get((), (1, 1))


class _KeyMarker(str):
    """A path element that stands for 'the key of this entry' rather than its value."""


KEY = _KeyMarker("\0key")


def dotted(node_path: NodePath) -> str:
    """``('metrics', 0, 'unit')`` -> ``metrics[0].unit``."""
    out = ""
    for part in node_path:
        if part is KEY:
            continue
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out
