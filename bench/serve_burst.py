"""A bounded burst of parallel uploads to `fzcheck serve` on localhost: time and server memory.

Starts the server as its own process (2 checks at a time), sends N uploads at
once (.txt, .docx, .pdf and .html of the real seed report), and prints how long
the burst took, how many were answered, how much memory the server used at its
peak and once the burst is over, and the latency of .docx uploads sent two at a
time (median and 95th percentile). Each check runs in a process of its
own, forked from the server's helper, so the memory counted is that of the
whole process tree, as PSS (pages shared by the processes are split between
them, not counted once for each).

    python bench/serve_burst.py [--uploads 50]
"""

from __future__ import annotations

import argparse
import concurrent.futures
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.builders import build_docx, build_html, build_pdf, report_lines  # noqa: E402

SEED = ROOT / "seeds" / "001_7724204651865b79.txt"


def tree(pid: int) -> list[int]:
    """`pid` and its descendants."""
    parents = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parents[int(stat.parent.name)] = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
    found, todo = [pid], [pid]
    while todo:
        parent = todo.pop()
        children = [child for child, ppid in parents.items() if ppid == parent]
        found += children
        todo += children
    return found


def pss_mb(pid: int) -> float:
    """The proportional memory of `pid` and everything it started, in MB."""
    total = 0
    for member in tree(pid):
        try:
            for line in Path(f"/proc/{member}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
        except OSError:  # ended meanwhile
            continue
    return total / 1024


def _timed_post(url: str, upload: tuple[str, bytes]) -> tuple[int, float]:
    """The status of one upload and how long its answer took."""
    started = time.perf_counter()
    response = httpx.post(url, files={"file": upload}, timeout=300)
    return response.status_code, time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--uploads", type=int, default=50)
    parser.add_argument("--docx-rounds", type=int, default=20, help=".docx uploads timed two at a time after the burst")
    args = parser.parse_args()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    server = subprocess.Popen([sys.executable, "-m", "checker", "serve", "--port", str(port), "--concurrency", "2",
                               "--queue", str(args.uploads)],
                              cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        with tempfile.TemporaryDirectory() as folder:
            lines = report_lines(SEED)
            made = {"r.docx": build_docx(lines, Path(folder) / "r.docx"), "r.pdf": build_pdf(lines, Path(folder) / "r.pdf"),
                    "r.html": build_html(lines, Path(folder) / "r.html")}
            kinds = [("r.txt", SEED.read_bytes())] + [(name, path.read_bytes()) for name, path in made.items()]
        files = [kinds[i % len(kinds)] for i in range(args.uploads)]
        post = lambda f: _timed_post(f"{url}/api/check", f)  # noqa: E731
        post(files[0])  # warm
        time.sleep(1)
        before = pss_mb(server.pid)
        peak = before
        started = time.perf_counter()
        with concurrent.futures.ThreadPoolExecutor(max_workers=len(files)) as pool:
            futures = [pool.submit(post, f) for f in files]
            while not all(f.done() for f in futures):
                peak = max(peak, pss_mb(server.pid))
                time.sleep(0.05)
        elapsed = time.perf_counter() - started
        codes = [f.result()[0] for f in futures]
        time.sleep(2)  # the check processes have exited; what the server still holds
        after = pss_mb(server.pid)
        print(f"{len(files)} uploads at once (.txt, .docx, .pdf, .html), 2 checks at a time: "
              f"{codes.count(200)}/{len(files)} checked, {len(files) - codes.count(200)} refused or failed; "
              f"{elapsed:.2f} s in all, {elapsed / len(files) * 1000:.0f} ms per upload")
        print(f"server and its check processes (PSS): {before:.0f} MB before, {peak:.0f} MB at peak, "
              f"{after:.0f} MB after ({after - before:+.0f} MB; target within 20 MB)")
        docx = next(kind for kind in kinds if kind[0] == "r.docx")
        with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
            latencies = sorted(seconds for _, seconds in pool.map(post, [docx] * args.docx_rounds))
        p95 = latencies[min(len(latencies) - 1, round(0.95 * (len(latencies) - 1)))]
        print(f".docx uploads two at a time: median {statistics.median(latencies) * 1000:.0f} ms, "
              f"95th percentile {p95 * 1000:.0f} ms over {len(latencies)} (target under 1 s)")
    finally:
        server.terminate()
        server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
