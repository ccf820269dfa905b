"""``reformkit fmt`` without the command line: what each file becomes, and which are left alone.

A file is formatted only when reformkit's own loader reads it without a problem of the
bytes-and-YAML family (RK001-RK015): a file that cannot be read safely is never rewritten.
The layout itself lives in :mod:`reformkit.edit.layout`. Before a changed text is offered, it is
loaded again and compared with the original data (every text value passed through
:func:`reformkit.edit.layout.canonical_text`); a file whose data would change is left alone, so
formatting never changes what a case says.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reformkit.case.model import LoadedFile, Problem
from reformkit.config import Config
from reformkit.library.files import Entry
from reformkit.rules.loading import LEAVE_NO_DOCUMENT

#: Problems of reading the bytes and the YAML: a file with one of these is not formatted.
UNREADABLE_CODES = LEAVE_NO_DOCUMENT

#: Below this many files, a worker process costs more than it saves.
PARALLEL_THRESHOLD = 100


@dataclass
class Formatted:
    """One file: its text before and after, or why it was left alone."""

    entry: Entry
    before: str = ""
    after: str = ""
    skipped: Problem | None = None
    #: The layout would have changed the file's data (a defect of the formatter, not of
    #: the file): the file was left alone.
    data_changed: bool = False

    @property
    def changed(self) -> bool:
        return self.skipped is None and not self.data_changed and self.before != self.after

    def diff(self) -> str:
        """A unified diff from the file as it is to the file as ``fmt`` writes it."""
        from reformkit.fileio import unified_diff

        return unified_diff(self.before, self.after, self.entry.display)


@dataclass
class FormatRun:
    """Every file of one ``fmt`` run, in the order they were named."""

    files: list[Formatted] = field(default_factory=list)

    @property
    def changed(self) -> list[Formatted]:
        return [f for f in self.files if f.changed]

    @property
    def skipped(self) -> list[Formatted]:
        return [f for f in self.files if f.skipped is not None]

    @property
    def refused(self) -> list[Formatted]:
        return [f for f in self.files if f.data_changed]

    @property
    def unchanged(self) -> int:
        return len(self.files) - len(self.changed) - len(self.skipped) - len(self.refused)


def format_entry(entry: Entry, config: Config) -> Formatted:
    """The canonical text of one case file, or the problem that keeps it as it is."""
    from reformkit.edit.layout import LayoutError, format_yaml
    from reformkit.library.documents import load_entry
    from reformkit.library.loader import parse_text
    from reformkit.rules.base import problem
    from reformkit.rules.loading import UNREADABLE, YAML_SYNTAX

    loaded = load_entry(entry, config)
    unreadable = next((p for p in loaded.problems if p.code in UNREADABLE_CODES), None)
    if unreadable is not None:
        return Formatted(entry, skipped=unreadable)
    try:
        before = Path(entry.path).read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:  # changed since it was loaded
        return Formatted(entry, skipped=problem(entry.display, 1, 1, UNREADABLE, f"cannot be read ({exc})"))
    try:
        after = format_yaml(before)
    except LayoutError as exc:
        return Formatted(entry, skipped=problem(entry.display, exc.line, exc.column, YAML_SYNTAX, str(exc)))
    result = Formatted(entry, before, after)
    if after != before:
        again = LoadedFile(entry.display, None)
        parse_text(after, again, max_depth=config.rules.max_depth)
        # A problem the file already had (a non-finite number, say) is not one fmt made.
        had = {(p.code, p.message) for p in loaded.problems}
        made = [p for p in again.problems if (p.code, p.message) not in had]
        if made or not same_data(again.data, canonical_data(loaded.data)):
            result.data_changed = True
    return result


def canonical_data(value: Any) -> Any:
    """Loaded case data with every text value as ``fmt`` writes it (keys are not text)."""
    from reformkit.edit.layout import canonical_text

    if isinstance(value, str):
        return canonical_text(value)
    if isinstance(value, dict):
        return {key: canonical_data(item) for key, item in value.items()}
    if isinstance(value, list):
        return [canonical_data(item) for item in value]
    return value


#: Modules whose source decides the canonical layout: a change to any of them makes every
#: remembered "already formatted" verdict void.
CACHE_KEY_MODULES = ("reformkit.edit.layout", "reformkit.yamltext.comments", "reformkit.edit.fmt", "reformkit.text.punctuation")


def format_files(
    entries: Sequence[Entry], config: Config, cases_dir: Path, *, use_cache: bool = True
) -> FormatRun:
    """Format every entry, skipping the files a cache remembers as already formatted.

    The cache (beside validate's, see :mod:`reformkit.library.cache`) holds only files that
    were found canonical, keyed on their real path, size and modification time, and as a
    whole on reformkit's version, the layout's source, the schema and the read limits.
    """
    entries = list(entries)
    cache = _open_cache(config, cases_dir) if use_cache else None
    results: list[Formatted | None] = [None] * len(entries)
    todo: list[int] = []
    stats: dict[int, tuple[str, int, int]] = {}
    for position, entry in enumerate(entries):
        real = os.path.realpath(entry.path)
        try:
            info = os.stat(real)
        except OSError:
            info = None
        if info is not None and not entry.outside and stat.S_ISREG(info.st_mode):
            stats[position] = (real, info.st_size, info.st_mtime_ns)
            if cache is not None and cache.get(real, info.st_size, info.st_mtime_ns):
                results[position] = Formatted(entry)
                continue
        todo.append(position)
    fresh = format_entries([entries[i] for i in todo], config)
    for position, result in zip(todo, fresh.files, strict=True):
        results[position] = result
        known = stats.get(position)
        canonical = result.skipped is None and not result.data_changed and not result.changed
        if cache is not None and known is not None and canonical:
            cache.put(*known, True)
    if cache is not None:
        cache.save()
    return FormatRun([r for r in results if r is not None])


def _open_cache(config: Config, cases_dir: Path) -> Any:
    import importlib
    import sys

    from reformkit._version import __version__
    from reformkit.case.schemacheck import schema_text
    from reformkit.library.cache import FileCache, cache_folder, make_key

    sources = []
    for name in CACHE_KEY_MODULES:
        module = sys.modules.get(name) or importlib.import_module(name)
        sources.append(Path(module.__file__ or "").read_text(encoding="utf-8"))
    import ruamel.yaml

    key = make_key(
        __version__,
        ruamel.yaml.__version__,
        schema_text(),
        str(config.rules.max_file_bytes),
        str(config.rules.max_depth),
        *sources,
    )
    return FileCache(cache_folder(config.root), cases_dir, key, "fmt")


def same_data(a: Any, b: Any) -> bool:
    """Equal data, with NaN equal to NaN and key order ignored (``==`` but for NaN)."""
    if isinstance(a, float) and isinstance(b, float) and a != a and b != b:
        return True
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same_data(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same_data(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def _format_chunk(entries: list[Entry], config: Config) -> list[Formatted]:
    return [format_entry(entry, config) for entry in entries]


def format_entries(entries: Sequence[Entry], config: Config) -> FormatRun:
    """``format_entry`` for every entry, on every core when there are enough of them."""
    from functools import partial

    from reformkit.library.parallel import map_chunks

    work = partial(_format_chunk, config=config)
    return FormatRun(map_chunks(work, entries, threshold=PARALLEL_THRESHOLD, min_chunk=25))


def write_formatted(result: Formatted) -> None:
    """Replace the file with its formatted text atomically, keeping its permissions (through
    a symlink inside the library, the file it points at)."""
    from reformkit.fileio import produce_atomic

    target = Path(os.path.realpath(result.entry.path))
    mode = target.stat().st_mode & 0o7777
    payload = result.after.encode("utf-8")

    def produce(temp: Path) -> None:
        temp.write_bytes(payload)
        os.chmod(temp, mode)

    produce_atomic(target, produce, force=True)
