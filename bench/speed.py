"""Speed and memory, measured in one run and printed as ratios against jieba itself.

Builds a corpus of report variants from the two real seed reports (parts
reordered or dropped, years and issuers changed), then measures:

  warm     per-report check time  vs  jieba.lcut of the same text      (target <= 1.5x)
  cold     `fzcheck check` on one report  vs  import jieba + initialize  (target <= 1.5x)
  batch    wall time --jobs 1  vs  --jobs 2                              (target >= 1.6x faster)
  memory   peak memory of the whole batch (all processes, PSS)           (target < 300 MB)

    python bench/speed.py [--reports 520] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEEDS = [ROOT / "seeds" / "001_7724204651865b79.txt", ROOT / "seeds" / "003_eed9f17129c08ac0.txt"]
ISSUERS = ["青山市", "白河县", "东湖区", "南岭镇", "西城街道", "青山市司法局", "白河县教育局", "北江市市场监督管理局",
           "云岭乡", "江北区", "临川市", "长宁县"]
TOP = re.compile(r"^[一二三四五六七八九十]{1,2}、")


def variants(count: int, seed: int = 7) -> list[tuple[str, str]]:
    """(name, text) pairs: each seed with its parts reordered or dropped, its year and issuer changed."""
    rng = random.Random(seed)
    sources = []
    for path in SEEDS:
        lines = path.read_text(encoding="utf-8").split("\n")
        cuts = [i for i, line in enumerate(lines) if TOP.match(line)] + [len(lines)]
        head, parts = lines[: cuts[0]], [lines[a:b] for a, b in zip(cuts, cuts[1:], strict=False)]
        year = int(re.search(r"(20\d\d)年", "\n".join(lines)).group(1))
        issuer = "克拉玛依市" if "克拉玛依" in path.read_text(encoding="utf-8") else "高新区(新市区)"
        sources.append((head, parts, year, issuer))
    out = []
    for n in range(count):
        head, parts, year, issuer = sources[n % len(sources)]
        chosen = list(parts)
        if rng.random() < 0.5:
            rng.shuffle(chosen)
        if rng.random() < 0.4 and len(chosen) > 2:
            chosen.pop(rng.randrange(len(chosen)))
        new_year = rng.randint(2017, 2025)
        text = "\n".join(head + [line for part in chosen for line in part])
        text = text.replace(str(year + 1), str(new_year + 1)).replace(str(year), str(new_year))
        text = text.replace(issuer, rng.choice(ISSUERS))
        out.append((f"{n:04d}.txt", text))
    return out


def warm_ratio(texts: list[str]) -> tuple[float, float, float]:
    """Median per-report check time, median jieba.lcut time, their ratio (same process, interleaved)."""
    import logging

    import jieba

    from checker.run.engine import Checker

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    checker = Checker()
    checker.warm_up()
    checker.check_text(texts[0])
    ours, theirs = [], []
    for text in texts:
        started = time.perf_counter()
        checker.check_text(text)
        ours.append(time.perf_counter() - started)
        started = time.perf_counter()
        jieba.lcut(text)
        theirs.append(time.perf_counter() - started)
    mine, base = statistics.median(ours), statistics.median(theirs)
    return mine, base, mine / base


def _timed(command: list[str], repeat: int, env: dict) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def fzcheck(*args: str) -> list[str]:
    return [sys.executable, "-m", "checker", *args]


class PeakMemory:
    """Samples the proportional set size (PSS) of a process and its children; keeps the peak."""

    def __init__(self, pid: int):
        self.pid, self.peak, self._stop = pid, 0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> "PeakMemory":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, sum(_pss(pid) for pid in _tree(self.pid)))
            time.sleep(0.2)


def _tree(pid: int) -> list[int]:
    out, frontier = [pid], [pid]
    while frontier:
        current = frontier.pop()
        try:
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        for child in map(int, children):
            out.append(child)
            frontier.append(child)
    return out


def _pss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def batch(folder: Path, jobs: int, env: dict, measure_memory: bool) -> tuple[float, int]:
    """Wall time, or peak memory, of checking the whole folder.

    Timing and memory are separate runs: reading /proc for the memory takes CPU
    from the very cores being timed.
    """
    command = fzcheck("check", str(folder), "--format", "json", "-o", str(folder.parent / f"out-{jobs}.json"),
                      "-q", "--jobs", str(jobs), "--no-config")
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if not measure_memory:
        process.wait()
        return time.perf_counter() - started, 0
    with PeakMemory(process.pid) as memory:
        process.wait()
    return time.perf_counter() - started, memory.peak


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=520)
    parser.add_argument("--keep", help="keep the generated corpus in this folder")
    args = parser.parse_args()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    corpus = variants(args.reports)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(args.keep or scratch) / "corpus"
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        for name, text in corpus:
            (folder / name).write_text(text, encoding="utf-8")
        chars = sum(len(text) for _, text in corpus) / len(corpus)
        print(f"corpus: {len(corpus)} reports, {chars:.0f} characters on average, {os.cpu_count()} cores")

        mine, base, ratio = warm_ratio([text for _, text in corpus[:120]])
        print(f"warm   check {mine * 1000:6.1f} ms/report  jieba.lcut {base * 1000:6.1f} ms  ratio {ratio:.2f}x (target <= 1.5)")

        one = str(folder / corpus[0][0])
        cold = _timed(fzcheck("check", one, "--format", "json", "-q", "--no-config"), 5, env)
        jieba_cold = _timed([sys.executable, "-c", "import jieba; jieba.initialize()"], 5, env)
        print(f"cold   fzcheck {cold:5.2f} s  import jieba + initialize {jieba_cold:5.2f} s  ratio {cold / jieba_cold:.2f}x (target <= 1.5)")

        serial = min(batch(folder, 1, env, False)[0] for _ in range(2))
        parallel = min(batch(folder, 2, env, False)[0] for _ in range(2))
        serial_memory = batch(folder, 1, env, True)[1]
        parallel_memory = batch(folder, 2, env, True)[1]
        print(f"batch  --jobs 1 {serial:6.1f} s  --jobs 2 {parallel:6.1f} s  speed-up {serial / parallel:.2f}x (target >= 1.6)")
        print(f"memory peak --jobs 1 {serial_memory / 2**20:5.0f} MB  --jobs 2 {parallel_memory / 2**20:5.0f} MB "
              f"(all processes, PSS; target < 300)")
        per_second = len(corpus) / parallel
        print(f"throughput {per_second:.1f} reports/s on {os.cpu_count()} cores: 10,000 reports ≈ {10000 / per_second / 60:.0f} min")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
