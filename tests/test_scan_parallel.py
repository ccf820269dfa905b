"""The parallel scan: from ``PARALLEL_THRESHOLD`` files to read, the checks run in a process
pool; the result must be the serial one, file for file and problem for problem, in order."""

from __future__ import annotations

import multiprocessing
import os
import time
from pathlib import Path
from typing import Any

import pytest

from reformkit.config import load_config
from reformkit.library import check as checking
from reformkit.library import scan as store
from reformkit.validate import validate

from .conftest import Library, minimal_case

#: Broken or doubtful files among the generated ones: (name, text).
BROKEN: dict[str, str | bytes] = {
    "a-syntax.yaml": "id: a-syntax\ntitle: [unclosed\n",
    "b-unknown.yaml": minimal_case("b-unknown", titel="x"),
    "c-dates.yaml": minimal_case("c-dates").replace("2023-09-19", "2021-02-30"),
    "d-notags.yaml": minimal_case("d-notags").replace("tags: [政务服务]\n", ""),
    "e-list.yaml": "- 1\n- 2\n",
    "f-stem.yaml": minimal_case("not-f-stem"),
    "g-metric.yaml": minimal_case("g-metric", metrics="[{label: x, kind: time, change_pct: -101}]"),
    "h-bytes.yaml": b"id: h-bytes\ntitle: \xff\xfe\n",
    "i-dup.yaml": minimal_case("t-0007"),
}


def write_library(library: Library, count: int) -> None:
    for number in range(count - len(BROKEN)):
        library.write(f"t-{number:04d}.yaml", minimal_case(f"t-{number:04d}", summary=f"第{number}号"))
    for name, body in BROKEN.items():
        if isinstance(body, bytes):
            library.write_bytes(name, body)
        else:
            library.write(name, body)
    hour_ago = time.time() - 3600  # outside the cache's trust window: a warm scan reads nothing
    for path in library.cases.iterdir():
        os.utime(path, (hour_ago, hour_ago))


def facts(result: store.Scan) -> list[tuple[Any, ...]]:
    """Everything a scan says about each file, in scan order."""
    rows = {id(record): row for row, record in enumerate(result.rows)}
    return [
        (r.path, r.ok, r.problems, r.identity, result.index.record(rows[id(r)]) if r.ok else None)
        for r in result.records
    ]


@pytest.fixture
def pids(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A file each ``check_file`` call appends its process id to (a forked worker inherits the spy)."""
    log = tmp_path / "pids.log"
    real = checking.check_file

    def spying(entry: Any, config: Any, today: Any) -> checking.FileRecord:
        with open(log, "a", encoding="ascii") as handle:
            handle.write(f"{os.getpid()}\n")
        return real(entry, config, today)

    monkeypatch.setattr(checking, "check_file", spying)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)  # a pool even on a one-core machine
    return log


def processes(log: Path) -> set[int]:
    found = {int(line) for line in log.read_text("ascii").split()}
    log.unlink()
    return found


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="the pool forks")
def test_parallel_scan_equals_the_serial_scan(library, pids, monkeypatch):
    count = checking.PARALLEL_THRESHOLD + 20
    write_library(library, count)
    config = load_config()

    parallel = store.scan(config, library.cases, use_cache=False)
    workers = processes(pids)
    assert os.getpid() not in workers and len(workers) >= 1, "the pool did not run"

    monkeypatch.setattr(checking, "PARALLEL_THRESHOLD", 10**9)
    serial = store.scan(config, library.cases, use_cache=False)
    assert processes(pids) == {os.getpid()}

    assert len(parallel.records) == count
    assert facts(parallel) == facts(serial)
    by_name = {os.path.basename(r.path): r for r in parallel.records}
    # The broken files are reported, each with its own problems, the rest read clean.
    assert [name for name in BROKEN if by_name[name].ok] == ["d-notags.yaml"]
    assert all(by_name[name].problems for name in BROKEN)
    assert by_name["d-notags.yaml"].ok and [p.severity for p in by_name["d-notags.yaml"].problems] == [
        "warning"
    ]
    # t-0007.yaml shares its id with i-dup.yaml: a read command's scan skips both (RK202).
    assert not by_name["t-0007.yaml"].ok
    assert [p.code for p in by_name["t-0007.yaml"].problems] == ["RK202"]
    assert sum(1 for r in parallel.records if r.ok and not r.problems) == count - len(BROKEN) - 1


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="the pool forks")
def test_parallel_cold_cache_then_warm_gives_the_serial_result(library, pids, monkeypatch):
    write_library(library, checking.PARALLEL_THRESHOLD)  # exactly the threshold: the pool
    config = load_config()
    cold = store.scan(config, library.cases)
    assert cold.cache_state == "cold"
    assert os.getpid() not in processes(pids)

    warm = store.scan(config, library.cases)
    assert warm.cache_state == "warm" and not pids.exists()  # nothing read again

    monkeypatch.setattr(checking, "PARALLEL_THRESHOLD", 10**9)
    serial = store.scan(config, library.cases, use_cache=False)
    assert facts(cold) == facts(warm) == facts(serial)


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="the pool forks")
def test_validate_reports_the_same_problems_in_the_same_order_either_way(library, pids, monkeypatch):
    write_library(library, checking.PARALLEL_THRESHOLD + 1)
    config = load_config()
    parallel = validate(config, library.cases, use_cache=False)
    assert os.getpid() not in processes(pids)
    monkeypatch.setattr(checking, "PARALLEL_THRESHOLD", 10**9)
    serial = validate(config, library.cases, use_cache=False)
    assert parallel == serial
    # The cross-file rule sees the parallel records too: the id t-0007 is held twice.
    assert [(p.path, p.code) for p in parallel.problems if p.code == "RK202"] == [
        ("cases/i-dup.yaml", "RK202"),
        ("cases/t-0007.yaml", "RK202"),
    ]


def _pids(items: list[int]) -> list[int]:
    return [os.getpid() for _ in items]


def test_work_done_apart_runs_in_a_worker_process_however_few_the_items():
    from reformkit.library.parallel import map_chunks

    assert map_chunks(_pids, [1], threshold=200, min_chunk=50) == [os.getpid()]
    (pid,) = map_chunks(_pids, [1], threshold=200, min_chunk=50, apart=True)
    assert pid != os.getpid()
    assert map_chunks(_pids, [], threshold=200, min_chunk=50, apart=True) == []
