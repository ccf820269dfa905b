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
    from collections.abc import Sequence

    from reformkit.case.model import Case
    from reformkit.config import Config
    from reformkit.report.briefing import Briefing
    from reformkit.search.query import Query
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

    def search(
        self, query: str = "", *, limit: int | None = None, sort: str = "relevance", exact: bool = False
    ) -> list[SearchHit]:
        """The valid cases matching ``query`` (the command line's query language), in ``sort``
        order (relevance, newest, oldest, id, title, change), as ``reformkit search`` finds
        them: also by pinyin, sound, words and the library's thesaurus, which ``exact`` turns
        off. An invalid query raises ``UsageError``."""
        from reformkit.search.select import select

        parsed = parse_query(
            self.config,
            query,
            sounds_like=True,
            thesaurus=True,
            word_matches=True,
            exact=exact,
            use_cache=self.use_cache,
        )
        with select(
            self.config, self.cases_dir, parsed, sort=sort, limit=limit, use_cache=self.use_cache
        ) as selection:
            return [
                SearchHit(hit.case_id, hit.record.title, hit.source.path, float(hit.score), hit.fuzzy)
                for hit in selection.hits
            ]

    def briefing(
        self,
        query: str = "",
        *,
        title: str | None = None,
        lang: str = "zh",
        group_by: str | None = None,
        sort: str = "relevance",
        date: str | None = None,
    ) -> Briefing:
        """The briefing ``reformkit report`` writes for ``query``, as typed facts: the cases in
        order, numbered once, grouped by ``group_by`` (program, region, tag, year), with their
        key figures and the charts' bars. Cases are matched exactly, as ``report`` matches
        them."""
        from reformkit.report.briefing import ReportOptions, build
        from reformkit.search.select import select

        parsed = parse_query(self.config, query, use_cache=self.use_cache)
        with select(self.config, self.cases_dir, parsed, sort=sort, use_cache=self.use_cache) as selection:
            cases = selection.take_cases()
        names = {key: program.name for key, program in self.config.programs.items()}
        options = ReportOptions(title=title, lang=lang, group_by=group_by, date=date)
        return build(cases, options, names)

    def case(self, case_id: str) -> Case:
        """The case with this id (any letter case) or in this file; ``UsageError`` when the
        library holds no valid case of that id."""
        from reformkit.library.scan import scan
        from reformkit.search.select import find_ids

        with scan(self.config, self.cases_dir, use_cache=self.use_cache) as library:
            (record,) = find_ids(library, [case_id])
            return library.case(record)


def parse_query(
    config: Config,
    text: str,
    extra: Sequence[tuple[str, str]] = (),
    *,
    sounds_like: bool = False,
    thesaurus: bool = False,
    word_matches: bool = False,
    exact: bool = False,
    use_cache: bool = True,
) -> Query:
    """A query in the command line's language (plus qualifiers given apart, ``extra``), read
    against the library's programs, tags (and their thesaurus aliases) and the readers' names
    of kinds and statuses. Pinyin matching is on unless ``exact``; ``sounds_like`` lets a
    Chinese term match homophones, ``word_matches`` match as its words, ``thesaurus`` match
    through the library's thesaurus when it has few hits; ``exact`` turns all of them off."""
    from reformkit.search.query import parse
    from reformkit.search.thesaurus import Source
    from reformkit.search.values import Vocabulary
    from reformkit.wording.labels import query_names

    source = None if config.thesaurus.empty else Source(config, use_cache=use_cache)
    kind_names, status_names = query_names()
    vocab = Vocabulary(
        tuple(config.programs),
        config.tags,
        kind_names=kind_names,
        status_names=status_names,
        aliases=source.tags_for if source else None,
    )
    query = parse(text, extra=extra, vocab=vocab)
    query.sounds_like = sounds_like and not exact
    query.pinyin = not exact
    query.thesaurus = source if thesaurus and not exact else None
    query.words = word_matches and not exact
    if query.words:
        from reformkit.search.words import synonym_table

        query.synonyms = synonym_table(config.search.synonyms)
    return query


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
