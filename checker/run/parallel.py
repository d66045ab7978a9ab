"""Check each file in a worker process with a time and a memory limit; results come back in input order.

A folder of reports is untrusted input: one file that makes a reader loop or
take all memory must cost that file only. So every file is read in a worker
process whose address space is limited (RLIMIT_AS), and a supervisor here
kills a worker whose file runs past the time limit, or notices one the system
killed, reports that file as an error and starts a fresh worker for the rest.

Workers are forked after the parent has loaded the rulebooks, the segmenter and
the readers of the files to come, so they share that memory instead of loading it
again. Where fork is not available, each worker builds its own checker with
`make_worker`.

Each worker has the next file waiting in its pipe while it checks one, so it never
waits for the supervisor (busy judging and writing the results, on the same cores)
to hand it work; near the end files go one at a time to whichever worker is free,
so that no file waits behind another worker's last one.
"""

from __future__ import annotations

import gc
import multiprocessing
import time
from collections import deque
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Callable, Iterable, Iterator, Optional, Protocol

from checker.errors import FzError
from checker.model import DocumentResult

MB = 1024 * 1024
POLL_SECONDS = 0.5  # how often the supervisor looks at the clock while workers are busy
# Files a worker holds at once: the one it checks and the next, waiting in its pipe.
FILES_IN_HAND = 2


class Worker(Protocol):
    def warm_up(self, paths: Iterable[str] = ()) -> None: ...

    def analyse_file(self, path: str) -> DocumentResult: ...


@dataclass(frozen=True)
class Limits:
    seconds: float = 60.0  # per file
    memory_mb: int = 1024  # per worker process, address space

    def timeout_error(self) -> FzError:
        return FzError("timeout", f"处理超时：超过 {self.seconds:g} 秒仍未完成，已停止检查此文件",
                       f"processing timed out after {self.seconds:g} s; the file was not checked")


MEMORY_CODE = "memory-limit"


def memory_error() -> FzError:
    return FzError(MEMORY_CODE, "内存超限，已停止检查此文件（可用 --memory-limit 调整上限）",
                   "the check ran out of memory; the file was not checked (see --memory-limit)")


def worker_died() -> FzError:
    return FzError("worker-died", "检查进程意外退出（可能是系统内存不足），此文件未能检查",
                   "the checking process died (the system may be out of memory); the file was not checked")


Failed = Callable[[str, FzError], DocumentResult]
# Told of each scanned page recognised (path, page, seconds): OCR takes seconds a page, so the
# terminal shows the pages, and the time limit counts from the last page rather than the start.
PageSeen = Callable[[str, int, float], None]
PAGE = "page"  # the tag of a page message from a worker
# However many pages a scan has, one file never holds a worker longer than this (a 300-page scan
# at 3 s a page): each page restarts the file's clock, this bounds the whole file.
MAX_FILE_SECONDS = 15 * 60


def run_isolated(
    worker: Worker, make_worker: Callable[[], Worker], paths: list[str], jobs: int, limits: Limits, failed: Failed,
    on_page: Optional[PageSeen] = None,
) -> Iterator[DocumentResult]:
    """`worker.analyse_file` for every path, each in a limited worker process, in the order of `paths`."""
    if not paths:
        return
    worker.warm_up(paths)
    # What the parent has loaded is shared with forked workers; keep the collector from walking
    # it there, which would copy every page. (No collection first: loading leaves no cycles to
    # free, and looking for them took 30 ms, a tenth of a one-file check's start-up.)
    gc.freeze()
    try:
        supervisor = _Supervisor(worker, make_worker, paths, max(1, min(jobs, len(paths))), limits, failed, on_page)
        yield from supervisor.results()
    finally:
        gc.unfreeze()


@dataclass
class _Slot:
    process: multiprocessing.process.BaseProcess
    connection: Connection
    tasks: deque = field(default_factory=deque)  # indices of the paths it holds: the first is being checked
    started: float = 0.0  # when it began the file it checks, or read that file's last scanned page
    assigned: float = 0.0  # when it began the file it checks

    def begin(self) -> None:
        """The first file it holds starts its clock now."""
        self.started = self.assigned = time.monotonic()


@dataclass
class _Supervisor:
    worker: Worker
    make_worker: Callable[[], Worker]
    paths: list[str]
    jobs: int
    limits: Limits
    failed: Failed
    on_page: Optional[PageSeen] = None
    slots: list[_Slot] = field(default_factory=list)
    done: dict[int, DocumentResult] = field(default_factory=dict)
    todo: deque = field(default_factory=deque)  # indices of the paths no worker holds yet

    def results(self) -> Iterator[DocumentResult]:
        forking = "fork" in multiprocessing.get_all_start_methods()
        self.context = multiprocessing.get_context("fork" if forking else "spawn")
        self.forking = forking
        self.todo = deque(range(len(self.paths)))
        following = 0
        try:
            self.slots = [self._start() for _ in range(self.jobs)]
            while following < len(self.paths):
                self._hand_out()
                self._collect()
                self._hand_out()  # before the caller works on the results: no worker waits for it
                while following in self.done:
                    yield self.done.pop(following)
                    following += 1
        finally:
            for slot in self.slots:
                _stop(slot)

    def _hand_out(self) -> None:
        """A file to every worker without one; then the next to each as well, while a file per worker
        is left (the last few go one at a time, to whichever worker is free first)."""
        for held in range(FILES_IN_HAND):
            for slot in self.slots:
                if len(slot.tasks) == held and self.todo and (held == 0 or len(self.todo) >= len(self.slots)):
                    self._assign(slot, self.todo.popleft())

    def _start(self) -> _Slot:
        parent, child = self.context.Pipe()
        target_args = (child, None if self.forking else self.make_worker, self.limits.memory_mb)
        if self.forking:
            global _FORKED
            _FORKED = self.worker
        process = self.context.Process(target=_serve, args=target_args, daemon=True)
        process.start()
        child.close()
        return _Slot(process, parent)

    def _assign(self, slot: _Slot, index: int) -> None:
        if not slot.tasks:
            slot.begin()
        slot.tasks.append(index)
        slot.connection.send((index, self.paths[index]))

    def _collect(self) -> None:
        busy = [slot for slot in self.slots if slot.tasks]
        if not busy:
            return
        soonest = min(slot.started for slot in busy) + self.limits.seconds
        ready = wait([slot.connection for slot in busy], timeout=max(0.0, min(POLL_SECONDS, soonest - time.monotonic())))
        for slot in busy:
            if slot.connection in ready:
                self._receive(slot)
            elif self._overdue(slot):
                self._replace(slot, self.limits.timeout_error())

    def _overdue(self, slot: _Slot) -> bool:
        now = time.monotonic()
        total = max(self.limits.seconds, MAX_FILE_SECONDS)
        return now - slot.started > self.limits.seconds or now - slot.assigned > total

    def _receive(self, slot: _Slot) -> None:
        try:
            message = slot.connection.recv()
        except (EOFError, OSError):  # the worker died: killed by the system, or past its memory limit
            self._replace(slot, worker_died())
            return
        if message[0] == PAGE:  # a scanned page recognised: the file is alive, its clock restarts
            _, index, page, seconds = message
            slot.started = time.monotonic()
            if self.on_page is not None:
                self.on_page(self.paths[index], page, seconds)
            return
        index, result = message
        self.done[index] = result
        slot.tasks.popleft()
        if slot.tasks:  # it went straight on to the next file it held
            slot.begin()
        if result.error is not None and result.error.code == MEMORY_CODE:  # a worker out of memory may be unwell
            self._replace(slot, None)

    def _replace(self, slot: _Slot, error: Optional[FzError]) -> None:
        """Stop the worker of `slot` (its file failed with `error`) and put a fresh one in its place.

        The files it held but had not begun go back to the front of the queue, in their order.
        """
        if error is not None and slot.tasks:
            index = slot.tasks.popleft()
            self.done[index] = self.failed(self.paths[index], error)
        self.todo.extendleft(reversed(slot.tasks))
        _stop(slot)
        fresh = self._start()
        slot.process, slot.connection, slot.tasks = fresh.process, fresh.connection, deque()


def _stop(slot: _Slot) -> None:
    if slot.process.is_alive():
        slot.process.kill()
    slot.process.join(timeout=5)
    slot.connection.close()


_FORKED: Optional[Worker] = None


def _serve(connection: Connection, make_worker: Optional[Callable[[], Worker]], memory_mb: int) -> None:
    """A worker's life: limit its memory, then check one path at a time until the pipe closes."""
    from checker.document.ingest.page_progress import PAGE_PROGRESS

    _limit_memory(memory_mb)
    worker = _FORKED if make_worker is None else make_worker()
    assert worker is not None
    while True:
        try:
            index, path = connection.recv()
        except (EOFError, OSError):
            return
        PAGE_PROGRESS.set(lambda page, seconds, index=index: connection.send((PAGE, index, page, seconds)))
        connection.send((index, worker.analyse_file(path)))


def _limit_memory(memory_mb: int) -> None:
    try:
        import resource
    except ImportError:  # not on this platform: the time limit and the supervisor still hold
        return
    limit = memory_mb * MB
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
