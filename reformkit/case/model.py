"""The plain data the core passes around: problems, loaded files and cases.

``Case`` and its parts follow ``reformkit/schema/case.schema.json`` key for key: a key the
schema requires is a required key here, every other one is ``NotRequired``. A document has
this shape only once it validated; ``LoadedFile.data`` is whatever the YAML held.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple, NotRequired, TypedDict

Status = Literal["implemented", "pilot", "planned"]
MetricKind = Literal[
    "time", "materials", "steps", "visits", "cost", "volume", "amount", "rate", "count", "efficiency"
]
ApproxWord = Literal["about", "over", "under"]


class Region(TypedDict):
    province: str
    city: NotRequired[str]
    district: NotRequired[str]


class Reading(TypedDict):
    """A span of a source document as printed, and how the case reads it."""

    printed: str
    read: str


class Source(TypedDict):
    title: NotRequired[str]
    publisher: NotRequired[str]
    date: NotRequired[str]
    url: NotRequired[str]
    document: NotRequired[str]
    lines: NotRequired[list[int]]
    title_line: NotRequired[int]
    readings: NotRequired[list[Reading]]


class Unrecorded(TypedDict):
    """A figure the case's passage states that is not a metric, and why."""

    figure: str
    reason: str


class Item(TypedDict):
    """One entry of ``practices`` or ``outcomes``."""

    title: str
    detail: NotRequired[str]


class Approx(TypedDict):
    """Which figures of a metric are approximate, and how (at least one key is present)."""

    value: NotRequired[ApproxWord]
    value_max: NotRequired[ApproxWord]
    before: NotRequired[ApproxWord]
    before_max: NotRequired[ApproxWord]
    after: NotRequired[ApproxWord]
    after_max: NotRequired[ApproxWord]
    change: NotRequired[ApproxWord]
    change_max: NotRequired[ApproxWord]
    change_pct: NotRequired[ApproxWord]
    change_pct_max: NotRequired[ApproxWord]


class Metric(TypedDict):
    label: str
    kind: MetricKind
    value: NotRequired[float]
    value_max: NotRequired[float]
    before: NotRequired[float]
    before_max: NotRequired[float]
    after: NotRequired[float]
    after_max: NotRequired[float]
    change: NotRequired[float]
    change_max: NotRequired[float]
    change_pct: NotRequired[float]
    change_pct_max: NotRequired[float]
    unit: NotRequired[str]
    before_unit: NotRequired[str]
    approx: NotRequired[Approx]
    as_of: NotRequired[str]
    note: NotRequired[str]


#: A metric's fields in the order every table of metrics lays them out (the SQLite export's
#: ``metrics`` table, the XLSX export's metrics sheet).
METRIC_FIELDS = (
    "label",
    "kind",
    "value",
    "value_max",
    "before",
    "before_max",
    "before_unit",
    "after",
    "after_max",
    "change",
    "change_max",
    "change_pct",
    "change_pct_max",
    "unit",
    "approx",
    "as_of",
    "note",
)


class Case(TypedDict):
    """A valid case document (dates are ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` strings)."""

    id: str
    title: str
    subtitle: NotRequired[str]
    program: str
    batch: NotRequired[int]
    number: NotRequired[int]
    published: str
    region: Region
    agencies: NotRequired[list[str]]
    tags: NotRequired[list[str]]
    status: NotRequired[Status]
    due: NotRequired[str]
    summary: NotRequired[str]
    practices: list[Item]
    outcomes: NotRequired[list[Item]]
    metrics: NotRequired[list[Metric]]
    unrecorded: NotRequired[list[Unrecorded]]
    recognition: NotRequired[list[str]]
    related: NotRequired[list[str]]
    source: Source
    note: NotRequired[str]
    draft: NotRequired[str]


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

    def to_dict(self) -> dict[str, str | int]:
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
    """What the cross-file rules need of a file: its id and related ids, with positions, and
    a sketch of its text."""

    id: str | None = None
    id_position: tuple[int, int] = (1, 1)
    related: tuple[tuple[str, int, int], ...] = ()
    #: A sketch of the case's text (``reformkit.text.sketch``) for RK212; b"" when too short.
    sketch: bytes = b""


@dataclass
class LoadedFile:
    """A case file as read from disk.

    ``data`` is the document as plain JSON-compatible values (dates already turned into
    ``YYYY-MM-DD`` strings), or None when the file could not be read as one mapping.
    ``positions`` maps a node path to the 1-based (line, column) of its value; the key of a
    mapping entry is stored under the path plus a trailing ``KEY`` marker.
    ``raw_scalars`` keeps the source text of plain scalars that YAML turned into something
    other than a string, so messages can quote what the author wrote.
    ``text`` is the decoded text the document was parsed from (None when it could not be
    decoded), for rules that locate a character inside a value.
    """

    path: str
    data: dict[str, Any] | None
    positions: dict[NodePath, tuple[int, int]] = field(default_factory=dict)
    raw_scalars: dict[NodePath, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    text: str | None = None

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
