"""Selecting cases from the library: by query, or by id."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reformkit.case.model import Case
from reformkit.config import Config
from reformkit.errors import UsageError
from reformkit.library.check import FileRecord
from reformkit.library.scan import Scan, scan
from reformkit.search.query import Query
from reformkit.search.ranking import Hit, search
from reformkit.text.suggest import close_matches


@dataclass
class Selection:
    hits: list[Hit[FileRecord]]
    scan: Scan
    #: How many cases matched before ``limit`` cut the list.
    total: int = 0

    @property
    def files(self) -> list[FileRecord]:
        return [hit.source for hit in self.hits]

    def take_cases(self) -> list[Case]:
        """The selected cases' documents, in order, for a command that needs nothing else.

        The search records are let go first (the hits emptied, every file's record dropped):
        at 10,000 cases they take about as much memory as the documents themselves.
        """
        files = self.files
        self.hits = []
        if self.scan.index is not None:
            self.scan.index.close()
            self.scan.index = None
        for record in self.scan.records:
            record.index = None
        return self.scan.cases(files)

    def close(self) -> None:
        """Close the cache files the selection's scan reads from (``Scan.close``)."""
        self.scan.close()

    def __enter__(self) -> Selection:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def select(
    config: Config,
    cases_dir: Path,
    query: Query,
    *,
    sort: str = "relevance",
    limit: int | None = None,
    use_cache: bool = True,
    like: str | None = None,
    records: bool = False,
) -> Selection:
    """The cases ``query`` matches, in ``sort`` order, at most ``limit``; with ``like`` (a
    case's id or file), those most like that case instead, most alike first
    (``search.likeness``), the case itself left out. The hits' rows of the search index are
    checked against their checksums before they are returned, with their texts if
    ``records`` (what printing them reads)."""
    from reformkit.library.index.read import DamagedIndex

    for attempt in (1, 2):
        library = scan(config, cases_dir, use_cache=use_cache)
        index = library.index
        assert index is not None, "a read command's scan has a search index"
        try:
            index.check()
            hits = search(query, index, library.rows, sort=sort)
            if like is not None:
                from reformkit.search.likeness import most_alike

                hits, total = most_alike(index, _row_of(library, like), hits, sort=sort, limit=limit)
            else:
                total = len(hits)
                if limit is not None:
                    hits = hits[:limit]
            index.verify_rows((hit.row for hit in hits), text=records)  # what printing them reads
            break
        except DamagedIndex:  # deleted on discovery: read the library through its per-file parts
            library.close()
            if attempt == 2:
                raise
        except BaseException:  # a bad query, an unknown --like id, a bad thesaurus, ^C
            library.close()
            raise
    return Selection(hits, library, total)


def _row_of(library: Scan, case_id: str) -> int:
    """The index row of the case ``--like`` names (an id in any letter case, or its file)."""
    try:
        record = find_ids(library, [case_id])[0]
    except UsageError as error:
        raise UsageError(f"--like: {error}") from None
    return next(row for row, held in enumerate(library.rows) if held is record)


def find_ids(library: Scan, ids: list[str]) -> list[FileRecord]:
    """The valid files holding ``ids``, in that order; an unknown id is a usage error.

    Ids match in any letter case, and a path to a case file (``cases/hnbiz-4-02.yaml``)
    names the case in that file."""
    import os

    assert library.index is not None, "a read command's scan has a search index"
    by_id: dict[str, FileRecord] = {}
    for case_id, record in zip(library.index.ids, library.rows, strict=True):
        by_id.setdefault(case_id.lower(), record)
    by_path: dict[str, FileRecord] | None = None
    found = []
    for case_id in ids:
        if case_id.lower() in by_id:
            found.append(by_id[case_id.lower()])
            continue
        if os.path.isfile(case_id):
            if by_path is None:
                by_path = {}
                for record in library.rows:
                    by_path.setdefault(os.path.realpath(record.entry.path), record)
            real = os.path.realpath(case_id)
            if real in by_path:
                found.append(by_path[real])
                continue
            raise UsageError(
                f"{case_id} is not a valid case file of this library "
                "(run `reformkit validate` on it, or check --cases-dir)"
            )
        if case_id.endswith((".yaml", ".yml")) or os.sep in case_id:
            raise UsageError(f"{case_id}: no such case file")
        close = close_matches(case_id, library.index.ids, n=3, cutoff=0.5)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        if not close and not case_id.isascii():
            import shlex

            hint = f"; to find a case by its title or text, run `reformkit search {shlex.quote(case_id)}`"
        invalid = [r.path for r in library.skipped() if (r.identity.id or "").lower() == case_id.lower()]
        if invalid:
            hint = f"; {invalid[0]} holds it but has errors (run `reformkit validate {invalid[0]}`)"
        raise UsageError(f"no case with id '{case_id}'{hint}")
    return found
