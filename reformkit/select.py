"""Selecting cases from the library: by query, or by id."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reformkit.config import Config
from reformkit.errors import UsageError
from reformkit.library.scan import FileRecord, Scan, scan
from reformkit.model import Case
from reformkit.query import Hit, Query, search
from reformkit.suggest import close_matches


@dataclass
class Selection:
    hits: list[Hit[FileRecord]]
    scan: Scan

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
        for record in self.scan.records:
            record.index = None
        return self.scan.cases(files)


def select(
    config: Config,
    cases_dir: Path,
    query: Query,
    *,
    sort: str = "relevance",
    limit: int | None = None,
    use_cache: bool = True,
) -> Selection:
    library = scan(config, cases_dir, use_cache=use_cache)
    hits = search(query, [(r.index, r) for r in library.valid() if r.index is not None], sort=sort)
    if limit is not None:
        hits = hits[:limit]
    return Selection(hits, library)


def find_ids(library: Scan, ids: list[str]) -> list[FileRecord]:
    """The valid files holding ``ids``, in that order; an unknown id is a usage error."""
    by_id: dict[str, FileRecord] = {}
    for record in library.valid():
        if record.index is not None:
            by_id.setdefault(record.index.id, record)
    found = []
    for case_id in ids:
        if case_id not in by_id:
            close = close_matches(case_id, by_id, n=3, cutoff=0.5)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            invalid = [r.path for r in library.skipped() if r.identity.id == case_id]
            if invalid:
                hint = f"; {invalid[0]} holds it but has errors (run `reformkit validate {invalid[0]}`)"
            raise UsageError(f"no case with id '{case_id}'{hint}")
        found.append(by_id[case_id])
    return found
