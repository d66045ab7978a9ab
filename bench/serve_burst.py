"""A bounded burst of parallel uploads to `fzcheck serve` on localhost: time and server memory.

Starts the server as its own process (2 checks at a time), sends N uploads at
once (.txt and .docx of the real seed report), and prints how long the burst
took and how much memory the server used. Each check runs in a process of its
own, forked from the server's helper, so the memory counted is that of the
whole process tree, as PSS (pages shared by the processes are split between
them, not counted once for each).

    python bench/serve_burst.py [--uploads 16]
"""

from __future__ import annotations

import argparse
import concurrent.futures
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.builders import build_docx, report_lines  # noqa: E402

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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--uploads", type=int, default=16)
    args = parser.parse_args()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    server = subprocess.Popen([sys.executable, "-m", "checker", "serve", "--port", str(port), "--concurrency", "2"],
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
            docx = build_docx(report_lines(SEED), Path(folder) / "r.docx").read_bytes()
        files = [("r.txt", SEED.read_bytes()), ("r.docx", docx)] * (args.uploads // 2)
        httpx.post(f"{url}/api/check", files={"file": files[0]}, timeout=60)  # warm
        before = pss_mb(server.pid)
        peak = before
        started = time.perf_counter()
        with concurrent.futures.ThreadPoolExecutor(max_workers=len(files)) as pool:
            futures = [pool.submit(httpx.post, f"{url}/api/check", files={"file": f}, timeout=120) for f in files]
            while not all(f.done() for f in futures):
                peak = max(peak, pss_mb(server.pid))
                time.sleep(0.05)
        elapsed = time.perf_counter() - started
        ok = sum(1 for f in futures if f.result().status_code == 200 and f.result().json()["ok"])
        print(f"{len(files)} parallel uploads (.txt and .docx), 2 checks at a time: {ok}/{len(files)} answered,"
              f" {elapsed:.2f} s in all, {elapsed / len(files) * 1000:.0f} ms per upload;"
              f" server and its check processes {before:.0f} MB before, {peak:.0f} MB at peak (PSS)")
    finally:
        server.terminate()
        server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
