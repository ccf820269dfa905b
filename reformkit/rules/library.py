"""Rules across files: ids held twice, and related ids that name no case."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator

from reformkit.case.model import ERROR, Identity, Problem
from reformkit.rules.base import LibraryContext, Rule, problem

DUPLICATE_ID = Rule("RK202", "duplicate-id", ERROR, "two files hold the same id")
RELATED_MISSING = Rule("RK206", "related-missing", ERROR, "a related id names no case in the library")

RULES: tuple[Rule, ...] = (DUPLICATE_ID, RELATED_MISSING)


def check(ctx: LibraryContext) -> Iterator[Problem]:
    """Check each reported file against every file of the library, id first, then related."""
    holders = _holders(ctx.files)
    id_unique, related_exist = ctx.on(DUPLICATE_ID), ctx.on(RELATED_MISSING)
    for path, identity in ctx.reported:
        if id_unique:
            yield from _id_unique(path, identity, holders)
        if related_exist:
            yield from _related_exist(path, identity, holders)


def _holders(files: Iterable[tuple[str, Identity]]) -> dict[str, list[str]]:
    """Each id, with the paths of the files that hold it."""
    holders: dict[str, list[str]] = defaultdict(list)
    for path, identity in files:
        if identity.id is not None and path not in holders[identity.id]:
            holders[identity.id].append(path)
    return holders


def _id_unique(path: str, identity: Identity, holders: dict[str, list[str]]) -> Iterator[Problem]:
    case_id = identity.id
    if case_id is not None and len(holders.get(case_id, ())) > 1:
        others = [p for p in holders[case_id] if p != path]
        yield problem(
            path,
            *identity.id_position,
            DUPLICATE_ID,
            f"id '{case_id}' is also used by {', '.join(others)}; every case needs its own id",
            "id",
        )


def _related_exist(path: str, identity: Identity, holders: dict[str, list[str]]) -> Iterator[Problem]:
    for index, (other, line, column) in enumerate(identity.related):
        field = f"related[{index}]"
        if other == identity.id:
            yield problem(
                path,
                line,
                column,
                RELATED_MISSING,
                f"related lists the case itself ('{other}'); remove it",
                field,
            )
        elif other not in holders:
            yield problem(
                path,
                line,
                column,
                RELATED_MISSING,
                f"related id '{other}' names no case in the library; fix the id or remove it",
                field,
            )
