"""Across files: two cases whose texts overlap so much that one is likely the same reform
filed twice (RK212).

Each file's text (title, subtitle, summary, practices, outcomes, metric labels and notes) is
sketched when the file is checked (``reformkit.text.sketch``), and the sketch is kept with the
file's identity in the cache; the library-wide check compares only the sketches that agree on
a band of their values, never every pair, so a library of 10,000 cases costs about what its
number of cases does. The threshold is ``[rules] near_duplicate`` (percent; false: off).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reformkit.case.model import WARNING, Problem
from reformkit.rules.base import LibraryContext, Rule, problem
from reformkit.text import sketch

NEAR_DUPLICATE = Rule(
    "RK212",
    "near-duplicate",
    WARNING,
    "two cases' texts overlap so much that one is likely the same reform filed twice",
)

RULES: tuple[Rule, ...] = (NEAR_DUPLICATE,)

_TEXT_KEYS = ("title", "subtitle", "summary")
_ITEM_KEYS = (
    ("practices", ("title", "detail")),
    ("outcomes", ("title", "detail")),
    ("metrics", ("label", "note")),
)


def case_text(data: dict[str, Any]) -> str:
    """The text a case is compared by: what it says, not where it comes from (its source,
    region, agencies and tags are shared by whole programs)."""
    parts = [value for key in _TEXT_KEYS if isinstance(value := data.get(key), str)]
    for key, fields in _ITEM_KEYS:
        items = data.get(key)
        for item in items if isinstance(items, list) else ():
            if isinstance(item, dict):
                parts.extend(value for name in fields if isinstance(value := item.get(name), str))
    return "\n".join(parts)


def sketch_of(data: dict[str, Any]) -> bytes:
    """The sketch of a case's text (b"" when it has too little text to compare)."""
    return sketch.sketch(case_text(data))


def check(ctx: LibraryContext) -> Iterator[Problem]:
    """RK212 in each reported file of a pair overlapping by ``ctx.near_duplicate`` or more,
    naming the other file."""
    if ctx.near_duplicate is None:
        return
    files = [(path, identity) for path, identity in ctx.files if identity.sketch]
    reported = {path for path, _ in ctx.reported}
    found: list[Problem] = []
    sketches = [identity.sketch for _, identity in files]
    threshold = ctx.near_duplicate / 100
    pairs = ctx.similar(sketches, threshold) if ctx.similar else sketch.similar_pairs(sketches, threshold)
    for first, second, share in pairs:
        for (path, identity), (other, theirs) in (
            (files[first], files[second]),
            (files[second], files[first]),
        ):
            if path in reported:
                line = theirs.id_position[0]
                named = f" ('{theirs.id}')" if theirs.id else ""
                found.append(
                    problem(
                        path,
                        *identity.id_position,
                        NEAR_DUPLICATE,
                        f"its text overlaps {round(share * 100)}% (4-character shingles) with "
                        f"{other}:{line}{named}: likely the same reform filed twice; keep one, or if "
                        "both belong, add `# reformkit: ignore[near-duplicate]` to the id line",
                        "id",
                    )
                )
    found.sort(key=lambda p: (p.path, p.line, p.message))
    yield from found
