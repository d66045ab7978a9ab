"""Check files on several processes; results come back in input order.

Workers are forked after the parent has loaded the rulebooks and the
segmenter, so they share that memory instead of loading it again. Where fork
is not available, each worker builds its own checker from the settings.
"""

from __future__ import annotations

import gc
import multiprocessing
from typing import TYPE_CHECKING, Iterator, Optional

if TYPE_CHECKING:
    from .engine import Checker, Settings
    from .model import DocumentResult

_WORKER: Optional["Checker"] = None


def run_parallel(checker: "Checker", paths: list[str], jobs: int) -> Iterator["DocumentResult"]:
    if jobs <= 1 or len(paths) < 2:
        for path in paths:
            yield checker.analyse_file(path)
        return
    global _WORKER
    checker.warm_up()
    _WORKER = checker
    # What the parent has loaded (rulebooks, the segmenter's dictionary) is shared with forked
    # workers; keep the collector from walking it there, which would copy every page.
    gc.collect()
    gc.freeze()
    forking = "fork" in multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if forking else "spawn")
    options = {} if forking else {"initializer": _start_worker, "initargs": (checker.settings,)}
    chunk = max(1, min(8, len(paths) // (jobs * 8)))
    try:
        with context.Pool(min(jobs, len(paths)), **options) as pool:
            yield from pool.imap(_analyse, paths, chunksize=chunk)
    finally:
        gc.unfreeze()


def _start_worker(settings: "Settings") -> None:
    global _WORKER
    from .engine import Checker

    _WORKER = Checker(settings)
    _WORKER.warm_up()


def _analyse(path: str) -> "DocumentResult":
    assert _WORKER is not None
    return _WORKER.analyse_file(path)
