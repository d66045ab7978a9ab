"""A bounded burst of parallel uploads to `fzcheck serve` on localhost: time and server memory.

Starts the server as its own process (2 checks at a time), sends N uploads at
once (.txt and .docx of the real seed report), and prints how long the burst
took and how much the server's memory grew.

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


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


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
        before = rss_mb(server.pid)
        peak = before
        started = time.perf_counter()
        with concurrent.futures.ThreadPoolExecutor(max_workers=len(files)) as pool:
            futures = [pool.submit(httpx.post, f"{url}/api/check", files={"file": f}, timeout=120) for f in files]
            while not all(f.done() for f in futures):
                peak = max(peak, rss_mb(server.pid))
                time.sleep(0.05)
        elapsed = time.perf_counter() - started
        ok = sum(1 for f in futures if f.result().status_code == 200 and f.result().json()["ok"])
        print(f"{len(files)} parallel uploads (.txt and .docx), 2 checks at a time: {ok}/{len(files)} answered,"
              f" {elapsed:.2f} s in all, {elapsed / len(files) * 1000:.0f} ms per upload;"
              f" server memory {before:.0f} MB before, {peak:.0f} MB at peak")
    finally:
        server.terminate()
        server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
