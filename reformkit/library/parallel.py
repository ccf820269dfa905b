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
        with ProcessPoolExecutor(
            max_workers=min(workers, len(chunks)),
            mp_context=context,
            initializer=die_with_parent,
            initargs=(os.getpid(),),
        ) as pool:
            return [result for chunk in pool.map(work, chunks) for result in chunk]
    except (OSError, RuntimeError):
        # No processes to be had (a sandbox, a resource limit): do the work here.
        return work(items)


#: Linux's ``prctl`` option that sends the calling process a signal when its parent dies.
_PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """In a worker: end with the process that started it, so a killed ``reformkit`` (even by
    SIGKILL) never leaves workers blocked forever on a queue no one reads. On Linux the kernel
    sends SIGKILL when the parent dies; elsewhere the pool's own checks apply."""
    import signal
    import sys

    if sys.platform.startswith("linux"):
        import ctypes

        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
        except (OSError, AttributeError):
            pass  # no prctl to be had: as without the guard
    if os.getppid() != parent:  # the parent died before the guard was set
        os._exit(1)
