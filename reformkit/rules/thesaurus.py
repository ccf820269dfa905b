"""Rules on the library's thesaurus (``[thesaurus]``): entries that cannot help a search.

Checked by ``validate`` over the whole library, against the search index (every case's
folded text) and the config's vocabularies; ``validate`` places each finding at the line of
the file (or of reformkit.toml) that holds the entry.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Protocol

from reformkit.case.model import WARNING
from reformkit.library.index.record import TEXT_FIELDS
from reformkit.rules.base import Rule
from reformkit.text.fold import fold

DEAD_TARGET = Rule(
    "RK601", "thesaurus-dead-target", WARNING, "a thesaurus target occurs in no case and no vocabulary"
)
UNUSED_TAG = Rule("RK602", "thesaurus-unused-tag", WARNING, "a thesaurus tag that no case carries")
IDLE_PHRASE = Rule(
    "RK603", "thesaurus-idle-phrase", WARNING, "a thesaurus phrase that every case it points to already says"
)

RULES: tuple[Rule, ...] = (DEAD_TARGET, UNUSED_TAG, IDLE_PHRASE)


#: A finding before it is placed: (rule, table, key, message); ``validate`` finds the line.
Finding = tuple[Rule, str, str, str]


class Texts(Protocol):
    """What the checks read of the library: the search index (``SearchIndex``)."""

    def contains(self, name: str, needle: bytes) -> bool: ...

    def rows_with(self, name: str, needle: bytes) -> Iterator[int]: ...

    def vocabulary(self) -> Mapping[str, object]: ...

    def word_rows(self, word: str) -> Iterable[int]: ...

    def text(self, name: str, row: int) -> bytes: ...

    def posting(self, column: str, values: Iterable[str]) -> set[int]: ...


def check(
    phrases: Mapping[str, tuple[str, ...]],
    tags: Mapping[str, tuple[str, ...]],
    vocabulary: Iterable[str],
    index: Texts,
    enabled: frozenset[str] | None,
) -> Iterator[Finding]:
    """Every enabled problem of the thesaurus (``phrases``, ``tags``: ``config.Thesaurus``),
    in the order of its entries, judged against the library's text and ``vocabulary``."""
    known = {fold(word) for word in vocabulary}

    def on(rule: Rule) -> bool:
        return enabled is None or rule.code in enabled

    seen: dict[str, bool] = {}  # many phrases share a target: each is looked for once

    def occurs(word: str) -> bool:
        needle = fold(word)
        if needle not in seen:  # a word the segmenter cut from a case's text occurs: no scan
            seen[needle] = needle in index.vocabulary() or any(
                index.contains(f"text:{name}", needle.encode("utf-8")) for name in TEXT_FIELDS
            )
        return seen[needle]

    for phrase, targets in phrases.items():
        if on(DEAD_TARGET):
            for target in targets:
                if fold(target) not in known and not occurs(target):
                    yield (
                        DEAD_TARGET,
                        "phrases",
                        phrase,
                        f"{phrase!r} → {target!r}: no case writes {target!r} and no vocabulary holds "
                        "it, so it finds nothing; write a word the cases use or remove it",
                    )
        if on(IDLE_PHRASE) and _idle(index, phrase, targets):
            yield (
                IDLE_PHRASE,
                "phrases",
                phrase,
                f"{phrase!r}: every case its targets find already says {phrase!r}, so the entry "
                "bridges nothing; remove it",
            )
    if on(UNUSED_TAG):
        for tag in tags:
            if not index.posting("folded_tags", {fold(tag)}):
                yield (
                    UNUSED_TAG,
                    "tags",
                    tag,
                    f"tag {tag!r} is carried by no case, so its aliases find nothing; use a tag of "
                    "[vocab].tags that cases carry",
                )


def _idle(index: Texts, phrase: str, targets: tuple[str, ...]) -> bool:
    """Every case a target of ``phrase`` is found in already says the phrase (and there is
    one). Read row by row as the targets are found, so the first case that lacks the phrase
    ends the search: a phrase that bridges something costs one case's text, not a scan of the
    library for the phrase."""
    said = fold(phrase).encode("utf-8")
    seen: set[int] = set()

    def says(row: int) -> bool:
        seen.add(row)
        return any(said in index.text(f"text:{field}", row) for field in TEXT_FIELDS)

    needles = [fold(target) for target in targets]
    # The cases the segmenter cut a target from first: one that lacks the phrase settles it.
    if not all(says(row) for needle in needles for row in index.word_rows(needle) if row not in seen):
        return False
    for needle in needles:
        for name in TEXT_FIELDS:
            if not all(
                says(row)
                for row in index.rows_with(f"text:{name}", needle.encode("utf-8"))
                if row not in seen
            ):
                return False
    return bool(seen)
