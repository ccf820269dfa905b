"""What reformkit.toml holds, typed: programs, vocabulary, rule settings, report limits,
the thesaurus and search settings, with their defaults and the ranges they accept."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

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
