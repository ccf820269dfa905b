"""The bundled library's punctuation: full-width in Chinese text, and nothing else changed.

``tests/data/library_folded.json`` is every case with full-width ``，；：（）？！`` folded back to
half-width, taken from the files before their punctuation was restored (and updated only by
the library corrections, each in its own commit). If restoring widths changed anything but
widths, the folded data would differ from it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from reformkit.library.loader import load_file
from reformkit.text.punctuation import find_punctuation, fold_punctuation

from .conftest import DATA, REPO

CASE_FILES = sorted((REPO / "cases").glob("*.yaml"))
SNAPSHOT = DATA / "library_folded.json"


def load(path: Path) -> dict[str, Any]:
    loaded = load_file(str(path), path.name)
    assert loaded.problems == [] and loaded.data is not None
    return loaded.data


def strings(value: Any, where: str = "") -> list[tuple[str, str]]:
    if isinstance(value, str):
        return [(where, value)]
    if isinstance(value, dict):
        return [found for key, item in value.items() for found in strings(item, f"{where}.{key}")]
    if isinstance(value, list):
        return [found for index, item in enumerate(value) for found in strings(item, f"{where}[{index}]")]
    return []


def folded(value: Any) -> Any:
    if isinstance(value, str):
        return fold_punctuation(value)
    if isinstance(value, dict):
        return {key: folded(item) for key, item in value.items()}
    if isinstance(value, list):
        return [folded(item) for item in value]
    return value


def library_folded() -> dict[str, Any]:
    return {path.stem: folded(load(path)) for path in CASE_FILES}


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda path: path.stem)
def test_chinese_text_has_full_width_punctuation(path: Path) -> None:
    wrong = [
        (where, value[max(0, fix.offset - 8) : fix.offset + 8], fix.found)
        for where, value in strings(load(path))
        for fix in find_punctuation(value)
    ]
    assert wrong == []


def test_library_has_no_half_width_marks_between_chinese() -> None:
    import re

    between = re.compile(r"[\u4e00-\u9fff][,;:()?!][\u4e00-\u9fff]")
    found = [
        (path.stem, where)
        for path in CASE_FILES
        for where, value in strings(load(path))
        if between.search(value)
    ]
    assert found == []


def test_nothing_but_punctuation_width_changed() -> None:
    assert library_folded() == json.loads(SNAPSHOT.read_text("utf-8"))


if __name__ == "__main__":  # regenerate the snapshot (only for a reviewed library correction)
    SNAPSHOT.write_text(
        json.dumps(library_folded(), ensure_ascii=False, indent=1, sort_keys=True) + "\n", "utf-8"
    )
