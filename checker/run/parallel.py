"""Check files on several processes; results come back in input order.

Workers are forked after the parent has loaded the rulebooks and the
segmenter, so they share that memory instead of loading it again. Where fork
is not available, each worker builds its own checker with `make_worker`.
"""

from __future__ import annotations

import gc
import multiprocessing
from typing import Callable, Iterator, Optional, Protocol

from checker.model import DocumentResult


class Worker(Protocol):
    def warm_up(self) -> None: ...

    def analyse_file(self, path: str) -> DocumentResult: ...


_WORKER: Optional[Worker] = None


def run_parallel(worker: Worker, make_worker: Callable[[], Worker], paths: list[str], jobs: int) -> Iterator[DocumentResult]:
    """`worker.analyse_file` over `paths` on `jobs` processes; `make_worker` builds one in a spawned process."""
    if jobs <= 1 or len(paths) < 2:
        for path in paths:
            yield worker.analyse_file(path)
        return
    global _WORKER
    worker.warm_up()
    _WORKER = worker
    # What the parent has loaded (rulebooks, the segmenter's dictionary) is shared with forked
    # workers; keep the collector from walking it there, which would copy every page.
    gc.collect()
    gc.freeze()
    forking = "fork" in multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if forking else "spawn")
    options = {} if forking else {"initializer": _start_worker, "initargs": (make_worker,)}
    chunk = max(1, min(8, len(paths) // (jobs * 8)))
    try:
        with context.Pool(min(jobs, len(paths)), **options) as pool:
            yield from pool.imap(_analyse, paths, chunksize=chunk)
    finally:
        gc.unfreeze()


def _start_worker(make_worker: Callable[[], Worker]) -> None:
    global _WORKER
    _WORKER = make_worker()
    _WORKER.warm_up()


def _analyse(path: str) -> DocumentResult:
    assert _WORKER is not None
    return _WORKER.analyse_file(path)
