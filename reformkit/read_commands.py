"""What read commands share at the CLI edge: stderr notes for skipped files, empty results."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import click

from reformkit.case.model import ERROR
from reformkit.library.scan import Scan
from reformkit.text.escape import terminal
from reformkit.wording.labels import DEFAULT_LANG, FOUND, lang_of

if TYPE_CHECKING:
    from reformkit.options import Settings
    from reformkit.search.query import Query
    from reformkit.search.select import Selection


def held_for_the_command(library: Scan) -> Scan:
    """``library``, closed when the running command ends (however it ends), so its cache files
    are not left open until the collector finds them (``Scan.close``)."""
    context = click.get_current_context(silent=True)
    if context is not None:
        context.call_on_close(library.close)
    return library


def report_skipped(library: Scan, lang: str = DEFAULT_LANG) -> None:
    """One stderr line per file left out because it has errors, worded in ``lang``
    (``wording.notes``); with ``--strict``, any such file ends the command with exit 1 before
    it writes anything. (The line quotes the problem's message as validate words it.)"""
    skipped = library.skipped()
    if not skipped:
        return
    from reformkit.options import STRICT_KEY
    from reformkit.wording import notes

    words = lang_of(lang)
    for record in skipped:
        first = next((p for p in record.problems if p.severity == ERROR), None)
        if first is None:
            continue
        location = f"{first.path}:{first.line}:{first.column}"
        click.echo(terminal(notes.skipped(location, first.code, first.message, words)), err=True)
    context = click.get_current_context(silent=True)
    if context is not None and context.meta.get(STRICT_KEY):
        click.echo(notes.strict_stop(len(skipped), words), err=True)
        raise SystemExit(1)


def nothing_found(lang: str = DEFAULT_LANG) -> None:
    """An empty selection: a note on stderr (in ``lang``), nothing on stdout, exit 1 (like grep)."""
    from reformkit.wording.labels import NOTHING_FOUND

    click.echo(NOTHING_FOUND[lang_of(lang)], err=True)
    raise SystemExit(1)


def terminal_width() -> int:
    """``COLUMNS``, else the width of the terminal on stdout, else on stderr (so a piped table
    still fits the screen it came from), else 100."""
    import os

    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    for stream in (1, 2):
        try:
            return os.get_terminal_size(stream).columns
        except OSError:
            continue
    return 100


def count_note(shown: int, total: int, *, lang: str = DEFAULT_LANG) -> str:
    """The stderr line after a search: ``共3个案例``, ``共12个案例，显示前5个``; in English
    ``3 cases``, ``1 case``, ``5 of 12 cases``."""
    words = FOUND[lang_of(lang)]
    form = "some" if shown != total else "one" if total == 1 else "all"
    return words[form].format(shown=shown, total=total)


def select_cases(
    settings: Settings,
    words: Sequence[str],
    flags: dict[str, Any],
    *,
    sort: str = "relevance",
    limit: int | None = None,
    needs_text: str | None = None,
    lang: str = DEFAULT_LANG,
    sounds_like: bool = False,
    thesaurus: bool = False,
    word_matches: bool = False,
    exact: bool = False,
    like: str | None = None,
    records: bool = False,
) -> tuple[Selection, Query]:
    """What every query command does first: parse the query (words plus qualifier flags),
    select the cases, note skipped files on stderr, and stop with exit 1 when none match.
    ``needs_text`` is the usage error for a query without free-text terms, where one is needed;
    ``sounds_like`` lets Chinese terms match homophones, ``word_matches`` match as their words,
    ``thesaurus`` lets terms with few hits match through the library's thesaurus, ``exact`` turns
    off all of them and pinyin; ``like`` ranks the matches by likeness to that case instead
    (``search.likeness``); ``records``: the hits' whole index records are read (and checked).
    Every command reads a ``tag:`` alias as its tag (a value that is no tag, so no query that
    works without the thesaurus changes meaning)."""
    query = parse_query(
        settings,
        words,
        flags,
        sounds_like=sounds_like,
        thesaurus=thesaurus,
        word_matches=word_matches,
        exact=exact,
    )
    if needs_text and not query.has_text:
        from reformkit.errors import UsageError

        raise UsageError(needs_text)
    from reformkit.search.select import select

    selection = select(
        settings.config(),
        settings.cases_folder(),
        query,
        sort=sort,
        limit=limit,
        use_cache=settings.use_cache,
        like=like,
        records=records,
    )
    report_skipped(held_for_the_command(selection.scan), lang)
    if not selection.hits:
        nothing_found(lang)
    return selection, query


def parse_query(
    settings: Settings,
    words: Sequence[str],
    flags: dict[str, Any],
    *,
    sounds_like: bool,
    thesaurus: bool,
    word_matches: bool,
    exact: bool,
) -> Query:
    """The query of a command line, its words plus the qualifier flags, read as
    ``api.parse_query`` reads a query (see ``select_cases`` for what each switch allows)."""
    from reformkit.api import parse_query as parse
    from reformkit.options import collect_qualifiers, query_text

    return parse(
        settings.config(),
        query_text(click.get_current_context(), words),
        collect_qualifiers(flags),
        sounds_like=sounds_like,
        thesaurus=thesaurus,
        word_matches=word_matches,
        exact=exact,
        use_cache=settings.use_cache,
    )
