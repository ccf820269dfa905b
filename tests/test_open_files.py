"""A command or an API call closes the cache files it read from when it ends, however it ends:
nothing stays open until the garbage collector happens to find it (a ResourceWarning, and a
descriptor a long-running program leaks once a call)."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator

import pytest

import reformkit

from .conftest import minimal_case


def _cache_files_open(root: str) -> list[str]:
    found = []
    for name in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{name}")
        except OSError:
            continue
        if target.startswith(root) and "/.cache/" in target:
            found.append(target)
    return found


@pytest.fixture
def no_collector() -> Iterator[None]:
    """The collector off, so a file kept open by a reference cycle is seen as open."""
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


@pytest.fixture
def two_cases(library):
    library.write("t-01.yaml", minimal_case("t-01"))
    library.write("t-02.yaml", minimal_case("t-02").replace("标题", "一网通办改革"))
    return library


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="needs /proc")
def test_api_calls_leave_no_cache_file_open(two_cases, no_collector):
    opened = reformkit.open_library(two_cases.root)
    opened.validate()  # writes the cache
    assert [h.id for h in opened.search("一网通办")] == ["t-02"]
    assert opened.case("t-01")["id"] == "t-01"
    assert len(opened.briefing("").cases) == 2
    assert _cache_files_open(str(two_cases.root)) == []


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="needs /proc")
@pytest.mark.parametrize(
    "args",
    [
        ["search", "一网通办"],
        ["search", "没有这样的案例"],  # exit 1
        ["search", "--like", "t-09"],  # a usage error inside the selection
        ["show", "t-01"],
        ["show", "t-09"],  # a usage error after the scan
        ["compare", "t-01", "t-02"],
        ["compare", "t-01", "t-01"],  # a usage error after the scan
        ["report", "--template", "nonesuch.j2"],
        ["export", "--format", "jsonl"],
        ["stats"],
    ],
)
def test_a_command_leaves_no_cache_file_open_however_it_ends(two_cases, invoke, no_collector, args):
    assert invoke("validate").exit_code == 0
    invoke("search", "")  # the search index and documents parts written
    result = invoke(*args)  # held: a failure's traceback keeps the command's frames alive
    assert result.exit_code in (0, 1, 2)
    assert _cache_files_open(str(two_cases.root)) == []
