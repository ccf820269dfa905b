"""The public API: a library of cases opened from Python, as the command line uses it.

``open_library`` finds the library's reformkit.toml; a ``Library`` validates, searches and
reads cases, returning the same typed results the commands print. Nothing here prints,
exits or knows of Click; errors are ``reformkit.errors.ReformkitError`` subclasses.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reformkit.case.model import Case
    from reformkit.config import Config
    from reformkit.validate import ValidationResult


@dataclass(frozen=True)
class SearchHit:
    """One case a search found, best first."""

    id: str
    title: str
    path: str
    score: float
    #: True when the case matched only through pinyin or a homophone, not the text as typed.
    fuzzy: bool


class Library:
    """A library of case files described by its reformkit.toml."""

    def __init__(
        self, config: Config, *, cases_dir: str | Path | None = None, use_cache: bool = True
    ) -> None:
        from reformkit.config import cases_dir as resolve_cases_dir

        self.config = config
        self.cases_dir = resolve_cases_dir(config, None if cases_dir is None else str(cases_dir))
        self.use_cache = use_cache

    def validate(self, paths: list[str] | None = None) -> ValidationResult:
        """Every problem of the library (or of ``paths``, checked against the whole library),
        with the rules the library's config selects."""
        from reformkit.validate import chosen_rules, validate

        enabled = chosen_rules(self.config)
        return validate(self.config, self.cases_dir, paths, enabled=enabled, use_cache=self.use_cache)

    def search(self, query: str = "", *, limit: int | None = None, exact: bool = False) -> list[SearchHit]:
        """The valid cases matching ``query`` (the command line's query language), best first;
        ``exact`` turns pinyin matching off. An invalid query raises ``UsageError``."""
        from reformkit.search.filters import Vocabulary
        from reformkit.search.query import parse
        from reformkit.search.select import select
        from reformkit.wording.labels import query_names

        kind_names, status_names = query_names()
        vocab = Vocabulary(tuple(self.config.programs), self.config.tags, kind_names, status_names)
        parsed = parse(query, vocab=vocab)
        parsed.pinyin = not exact
        selection = select(self.config, self.cases_dir, parsed, limit=limit, use_cache=self.use_cache)
        return [
            SearchHit(hit.case_id, hit.record.title, hit.source.path, float(hit.score), hit.fuzzy)
            for hit in selection.hits
        ]

    def case(self, case_id: str) -> Case:
        """The case with this id (any letter case) or in this file; ``UsageError`` when the
        library holds no valid case of that id."""
        from reformkit.library.scan import scan
        from reformkit.search.select import find_ids

        library = scan(self.config, self.cases_dir, use_cache=self.use_cache)
        (record,) = find_ids(library, [case_id])
        return library.case(record)


def open_library(path: str | Path = ".", *, use_cache: bool = True) -> Library:
    """The library at ``path``: a folder holding (or below) a reformkit.toml, or the path of
    the reformkit.toml itself. ``ConfigError`` when none is found or it is invalid."""
    from reformkit.config import load_config

    where = Path(path)
    if where.is_file():
        return Library(load_config(str(where)), use_cache=use_cache)
    from reformkit.config import find_config
    from reformkit.errors import ConfigError

    found = find_config(where.resolve())
    if found is None:
        raise ConfigError(f"no reformkit.toml found in {where} or any parent")
    return Library(load_config(str(found)), use_cache=use_cache)
