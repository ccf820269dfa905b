"""``reformkit validate --fix`` without the command line: the mechanical fixes, rule by rule.

Each fix is tied to the rule whose problem it removes (``reformkit.edit.fixers.FIXERS``, keyed by
the rules declared in ``reformkit.rules``). A file is fixed in rounds: load the text, check it with every rule,
ask the fixer of each problem's rule for an edit, apply the edits that do not overlap, and
start again, until no fixer has anything left to do (a syntax error hides everything after it,
so each round can uncover the next one). Problems no fixer knows are left for validate to
report. Byte-level fixes (a byte-order mark, CRLF line ends) come first. Nothing here prints.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from reformkit.case.model import Problem
from reformkit.config import Config
from reformkit.edit.fixers import BYTE_FIXERS, FIXERS, Edit, Fixed, Round, apply_edits, check_text
from reformkit.library.files import Entry
from reformkit.rules.loading import YAML_SYNTAX

__all__ = ["FileFix", "Fixed", "fix_file", "fix_files", "fix_text", "write_fixed"]

#: A file is fixed in at most this many rounds (each round at least one edit).
MAX_ROUNDS = 50


@dataclass
class FileFix:
    """One file before and after its fixes, and the problems that remain."""

    entry: Entry
    before: bytes
    after: bytes
    fixes: list[Fixed] = field(default_factory=list)
    remaining: list[Problem] = field(default_factory=list)
    #: The fixes tried on a file that still did not parse after them: not written (``after``
    #: is ``before``), and ``remaining`` holds what the fixed text still had.
    abandoned: list[Fixed] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.before != self.after

    def diff(self) -> str:
        """A unified diff from the file as it is to the file as ``--fix`` writes it."""
        from reformkit.fileio import unified_diff

        before = self.before.decode("utf-8", errors="replace")
        after = self.after.decode("utf-8", errors="replace")
        return unified_diff(before, after, self.entry.display)


def fix_text(
    raw: bytes, display: str, config: Config, today: date, enabled: frozenset[str] | None = None
) -> tuple[bytes, list[Fixed], list[Problem]]:
    """The fixed bytes of one file, the fixes in the order made, and the problems left.

    Only the rules in ``enabled`` (None: every rule) are fixed.
    """
    fixes: list[Fixed] = []
    for rule, byte_fixer in BYTE_FIXERS:
        if enabled is None or rule.code in enabled:
            raw, one = byte_fixer(raw)
            if one is not None:
                fixes.append(one)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw, fixes, []
    loaded, problems = check_text(text, display, config, today)
    for _ in range(MAX_ROUNDS):
        edits: list[Edit] = []
        for code, fixer in FIXERS.items():
            mine = [p for p in problems if p.code == code and (enabled is None or code in enabled)]
            if mine:
                edits.extend(fixer(Round(text, loaded, mine, config, today, display)))
        if not edits:
            break
        new_text, made = apply_edits(text, edits)
        if new_text == text:
            break
        text = new_text
        fixes.extend(made)
        loaded, problems = check_text(text, display, config, today)
    return text.encode("utf-8"), fixes, problems


def fix_file(
    entry: Entry, config: Config, today: date, enabled: frozenset[str] | None = None
) -> FileFix | None:
    """One file's fixes; None when its bytes cannot be read (validate reports why)."""
    from reformkit.library.loader import read_bytes

    raw, _ = read_bytes(entry.path, entry.display, config.rules.max_file_bytes)
    if raw is None:
        return None
    after, fixes, remaining = fix_text(raw, entry.display, config, today, enabled)
    if after != raw and any(p.code in UNPARSED for p in remaining):
        # Never leave a file worse: a text that still does not parse is not written.
        return FileFix(entry, raw, raw, [], remaining, abandoned=fixes)
    return FileFix(entry, raw, after, fixes, remaining)


#: Problems that mean a text could not be read as a YAML document at all.
UNPARSED = frozenset({YAML_SYNTAX.code})


def fix_files(
    entries: Sequence[Entry], config: Config, today: date, enabled: frozenset[str] | None = None
) -> list[FileFix]:
    """The fixes of every readable file, in the order given."""
    return [found for entry in entries if (found := fix_file(entry, config, today, enabled)) is not None]


def write_fixed(result: FileFix) -> None:
    """Replace the file with its fixed bytes, atomically."""
    from reformkit.fileio import write_atomic

    write_atomic(Path(result.entry.path), result.after, force=True)
