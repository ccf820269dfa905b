"""The library's folded text held in memory: what the thesaurus rules read on a run that
checked every file itself, so that validate never builds the search index (pinyin, words) just
to look words up.

It answers the questions ``rules.thesaurus.Texts`` asks as ``SearchIndex`` does, over the
records a scan built: one blob a text field, rows in order, a line break after each row.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator, Sequence

from reformkit.library.index.record import TEXT_FIELDS, Record


class LibraryTexts:
    """The folded text fields and tags of ``records`` (valid cases, in any order)."""

    def __init__(self, records: Sequence[Record]) -> None:
        self._blobs: dict[str, bytes] = {}
        self._starts: dict[str, list[int]] = {}
        for position, name in enumerate(TEXT_FIELDS):
            texts = [record.text[position] for record in records]
            starts = [0]
            for text in texts:
                starts.append(starts[-1] + len(text) + 1)
            self._blobs[f"text:{name}"] = b"\n".join(texts) + b"\n" if texts else b""
            self._starts[f"text:{name}"] = starts
        self._tags = [set(record.folded_tags) for record in records]

    def contains(self, name: str, needle: bytes) -> bool:
        return needle in self._blobs[name]

    def rows_with(self, name: str, needle: bytes) -> Iterator[int]:
        blob, starts = self._blobs[name], self._starts[name]
        at = blob.find(needle)
        while at >= 0:
            row = bisect.bisect_right(starts, at) - 1
            yield row
            at = blob.find(needle, starts[row + 1])

    def text(self, name: str, row: int) -> bytes:
        starts = self._starts[name]
        return self._blobs[name][starts[row] : starts[row + 1] - 1]

    def vocabulary(self) -> dict[str, object]:
        return {}  # no words cut: every look-up reads the text

    def word_rows(self, word: str) -> list[int]:
        return []

    def posting(self, column: str, values: Iterable[str]) -> set[int]:
        assert column == "folded_tags", "the thesaurus rules ask for tags only"
        wanted = set(values)
        return {row for row, tags in enumerate(self._tags) if tags & wanted}
