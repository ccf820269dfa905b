"""Rules across files: ids held twice, and related ids that name no case."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator

from reformkit.codes import problem
from reformkit.model import LoadedFile, Problem, dotted


def check(library: Iterable[LoadedFile], reported: Iterable[LoadedFile]) -> Iterator[Problem]:
    """Compare ``reported`` files against every file in ``library`` (which may include them)."""
    holders: dict[str, list[str]] = defaultdict(list)
    for loaded in library:
        case_id = loaded.data.get("id") if loaded.data else None
        if isinstance(case_id, str) and loaded.path not in holders[case_id]:
            holders[case_id].append(loaded.path)

    for loaded in reported:
        data = loaded.data
        if data is None:
            continue
        case_id = data.get("id")
        if isinstance(case_id, str) and len(holders.get(case_id, ())) > 1:
            others = [p for p in holders[case_id] if p != loaded.path]
            line, column = loaded.locate(("id",))
            yield problem(
                loaded.path,
                line,
                column,
                "RK202",
                f"id '{case_id}' is also used by {', '.join(others)}; every case needs its own id",
                "id",
            )
        related = data.get("related")
        if not isinstance(related, list):
            continue
        for index, other in enumerate(related):
            if not isinstance(other, str):
                continue
            node_path = ("related", index)
            line, column = loaded.locate(node_path)
            if other == case_id:
                yield problem(
                    loaded.path,
                    line,
                    column,
                    "RK206",
                    f"related lists the case itself ('{other}'); remove it",
                    dotted(node_path),
                )
            elif other not in holders:
                yield problem(
                    loaded.path,
                    line,
                    column,
                    "RK206",
                    f"related id '{other}' names no case in the library; fix the id or remove it",
                    dotted(node_path),
                )
