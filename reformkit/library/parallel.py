"""Work over many files on every core: chunks to a process pool, or here when a pool is not
worth it or not to be had."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


def map_chunks(
    work: Callable[[list[Item]], list[Result]],
    items: Sequence[Item],
    *,
    threshold: int,
    min_chunk: int,
    apart: bool = False,
) -> list[Result]:
    """``work`` over ``items`` in order, as one call, or over chunks in worker processes when
    there are at least ``threshold`` items and two cores. ``work`` must be picklable (a
    module-level function or a ``functools.partial`` of one).

    ``apart``: in worker processes however few the items (none: no process), so that what
    ``work`` imports or builds never grows this process (pypinyin's dictionaries, beside a
    large library's records)."""
    items = list(items)
    workers = min(os.cpu_count() or 1, 4)
    if not items or (not apart and (len(items) < threshold or workers < 2)):
        return work(items)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    size = max(min_chunk, len(items) // (workers * 4))
    chunks = [items[i : i + size] for i in range(0, len(items), size)]
    try:
        with ProcessPoolExecutor(max_workers=min(workers, len(chunks)), mp_context=context) as pool:
            return [result for chunk in pool.map(work, chunks) for result in chunk]
    except (OSError, RuntimeError):
        # No processes to be had (a sandbox, a resource limit): do the work here.
        return work(items)
