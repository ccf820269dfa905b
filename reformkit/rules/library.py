"""Rules across files: ids held twice, and related ids that name no case."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator

from reformkit.codes import problem
from reformkit.model import Identity, Problem


def check(
    library: Iterable[tuple[str, Identity]], reported: Iterable[tuple[str, Identity]]
) -> Iterator[Problem]:
    """Check the ``reported`` (path, identity) pairs against every pair in ``library``."""
    holders: dict[str, list[str]] = defaultdict(list)
    for path, identity in library:
        if identity.id is not None and path not in holders[identity.id]:
            holders[identity.id].append(path)

    for path, identity in reported:
        case_id = identity.id
        if case_id is not None and len(holders.get(case_id, ())) > 1:
            others = [p for p in holders[case_id] if p != path]
            yield problem(
                path,
                *identity.id_position,
                "RK202",
                f"id '{case_id}' is also used by {', '.join(others)}; every case needs its own id",
                "id",
            )
        for index, (other, line, column) in enumerate(identity.related):
            field = f"related[{index}]"
            if other == case_id:
                yield problem(
                    path,
                    line,
                    column,
                    "RK206",
                    f"related lists the case itself ('{other}'); remove it",
                    field,
                )
            elif other not in holders:
                yield problem(
                    path,
                    line,
                    column,
                    "RK206",
                    f"related id '{other}' names no case in the library; fix the id or remove it",
                    field,
                )
