"""Every file is checked in a worker process with a time and a memory limit; one bad file costs only itself."""

from __future__ import annotations

import os
import signal
import time

from checker.errors import FzError
from checker.model import DocumentError, DocumentResult
from checker.run.parallel import Limits, run_isolated

from .conftest import SEEDS, run_cli


LONG_SECONDS = 0.8  # a file that takes long…
TICK_SECONDS = 0.1  # …and ordinary ones


class FakeWorker:
    """Stands in for the checker: what it does depends on the file's name."""

    def warm_up(self, paths=()) -> None:
        pass

    def analyse_file(self, path: str) -> DocumentResult:
        began = time.monotonic()
        if "slow" in path:
            time.sleep(30)
        if "long" in path:
            time.sleep(LONG_SECONDS)
        if "tick" in path:
            time.sleep(TICK_SECONDS)
        if "hungry" in path:
            try:
                hoard = bytearray(4 * 1024 ** 3)  # past any limit set in these tests
            except MemoryError:
                return failed(path, FzError("memory-limit", "内存超限", "out of memory"))
            return DocumentResult(path=f"{path} held {len(hoard)}")
        if "dies" in path:
            os.kill(os.getpid(), signal.SIGKILL)  # as the system's OOM killer would
        if "scanned" in path:  # OCR: a page every 0.8 s, 2.4 s in all, past the 1.5 s limit
            from checker.document.ingest.ocr import PAGE_PROGRESS

            for page in (1, 2, 3):
                time.sleep(0.8)
                PAGE_PROGRESS.get()(page, 0.8)
        return DocumentResult(path=path, verdict=f"checked in {os.getpid()}", score=began)


def failed(path: str, error: FzError) -> DocumentResult:
    return DocumentResult(path=path, error=DocumentError(code=error.code, message=error.message()))


def run(paths: list[str], jobs: int = 2, seconds: float = 2.0) -> list[DocumentResult]:
    worker = FakeWorker()
    return list(run_isolated(worker, FakeWorker, paths, jobs, Limits(seconds=seconds, memory_mb=512), failed))


def test_results_keep_the_input_order_and_come_from_other_processes():
    paths = [f"{i}.txt" for i in range(7)]
    results = run(paths)
    assert [r.path for r in results] == paths
    assert all(r.error is None and str(os.getpid()) not in r.verdict for r in results)


def test_a_file_past_the_time_limit_is_stopped_and_the_others_go_on():
    started = time.monotonic()
    results = run(["a.txt", "slow.txt", "b.txt", "c.txt"], jobs=1, seconds=1.5)
    assert time.monotonic() - started < 15
    assert [r.error.code if r.error else "ok" for r in results] == ["ok", "timeout", "ok", "ok"]
    assert "处理超时" in results[1].error.message and "timed out" in results[1].error.message


def test_a_scanned_file_reports_its_pages_and_its_time_limit_counts_from_the_last_page():
    seen = []
    results = list(run_isolated(FakeWorker(), FakeWorker, ["scanned.pdf", "slow.txt"], 1,
                                Limits(seconds=1.5, memory_mb=512), failed,
                                on_page=lambda path, page, seconds: seen.append((path, page))))
    assert [r.error.code if r.error else "ok" for r in results] == ["ok", "timeout"]
    assert seen == [("scanned.pdf", 1), ("scanned.pdf", 2), ("scanned.pdf", 3)]


def test_a_file_past_the_memory_limit_fails_alone():
    results = run(["a.txt", "hungry.txt", "b.txt"], jobs=1)
    assert [r.error.code if r.error else "ok" for r in results] == ["ok", "memory-limit", "ok"]


def test_a_worker_killed_by_the_system_is_replaced():
    results = run(["a.txt", "dies.txt", "b.txt", "dies-too.txt", "c.txt"], jobs=2)
    assert [r.error.code if r.error else "ok" for r in results] == ["ok", "worker-died", "ok", "worker-died", "ok"]
    assert "意外退出" in results[1].error.message


def test_the_command_line_checks_a_folder_with_limits(tmp_path):
    for seed in sorted(SEEDS.glob("*.txt"))[:3]:
        (tmp_path / seed.name).write_bytes(seed.read_bytes())
    done = run_cli("check", str(tmp_path), "--format", "json", "--no-config", "--timeout", "30",
                   "--memory-limit", "2048", "--jobs", "2")
    assert done.returncode in (0, 1), done.stderr
    bad = run_cli("check", str(tmp_path), "--format", "json", "--no-config", "--memory-limit", "10")
    assert bad.returncode == 2 and "memory_limit" in bad.stderr


def test_pages_never_keep_a_file_past_the_whole_file_limit(monkeypatch):
    import checker.run.parallel as parallel

    monkeypatch.setattr(parallel, "MAX_FILE_SECONDS", 1.5)  # the scan's pages take 2.4 s in all
    results = list(run_isolated(FakeWorker(), FakeWorker, ["scanned.pdf"], 1, Limits(seconds=1.0, memory_mb=512),
                                failed, on_page=lambda *args: None))
    assert results[0].error is not None and results[0].error.code == "timeout"


def test_a_worker_goes_on_to_its_next_file_while_the_results_are_written():
    """The supervisor hands each worker its next file before it is needed: a worker never waits
    while the caller (writing the outputs of the last result) keeps the supervisor busy."""
    started, writing = [], 3 * TICK_SECONDS
    for result in run_isolated(FakeWorker(), FakeWorker, [f"tick{i}.txt" for i in range(4)], 1,
                               Limits(seconds=10, memory_mb=512), failed):
        started.append(result.score)
        time.sleep(writing)  # slow outputs
    assert started[2] - started[1] < (TICK_SECONDS + writing) / 2  # it did not wait for the writing


def test_the_last_files_go_to_a_free_worker_not_behind_a_busy_one():
    results = run(["long.txt", "a.txt", "b.txt"], jobs=2, seconds=10)
    assert [r.error for r in results] == [None, None, None]
    assert results[2].verdict != results[0].verdict  # b.txt did not wait behind long.txt


def test_checking_a_text_file_imports_no_ocr_code(tmp_path):
    """The worker learns of OCR pages through a small module: a .txt check never loads the OCR layout."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "checker", "check", str(SEEDS / "001_7724204651865b79.txt"),
         "-o", str(tmp_path), "--format", "json"],
        capture_output=True, text=True, timeout=120)
    imported = [line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines() if line.startswith("import time")]
    assert "checker.run.parallel" in imported  # the worker ran and its imports were seen
    assert "checker.document.ingest.ocr" not in imported
