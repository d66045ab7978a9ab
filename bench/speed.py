"""Speed and memory, measured in one run and printed as ratios against jieba itself.

Builds a corpus of report variants from the two real seed reports (parts
reordered or dropped, years and issuers changed), then measures:

  warm     per-report check time  vs  jieba.lcut of the same text      (target <= 0.6x)
  cold     `fzcheck check` on one report  vs  import jieba + initialize  (target <= 0.75x)
  docx     reading the seed reports as .docx, ms per 10 pages            (target <= 5 ms)
  pdf      reading report variants as text-layer PDFs, ms per page        (target <= 5 ms)
  batch    wall time --jobs 1  vs  --jobs 2                              (target >= 1.8x faster)
  memory   peak memory of the whole batch (all processes, PSS)           (target <= 250 MB)
  mixed    the same for an archive of 50% PDF, 30% docx, 20% html, projected to 10,000 files
           (target <= 3 minutes with --jobs 2)
  growth   check time per 1,000 characters of one long text made of 4, 16 and 64 reports
           (target: linear, the longest's per-character time at most 1.5x the shortest's)

The archives (batch, mixed) are the variants made distinct (see `distinct`): variants of two seeds
are near copies of one another, and copy finding, which reports every pair of reports sharing
passages, would spend on them time a real archive never asks for. --near-copies checks them as
generated: the worst case for copy finding.

Warm, cold, docx and pdf are measured in rounds (--rounds, at least 5), the two sides of a ratio
interleaved within each round so that other load on the machine falls on both; each prints
the median over the rounds and their spread (lowest–highest).

    python bench/speed.py [--reports 520] [--rounds 7] [--only warm,cold,docx,pdf,batch,mixed,growth] [--keep DIR] [--near-copies]
"""

from __future__ import annotations

import argparse
import io
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
import zipfile
from dataclasses import dataclass, field
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


def distinct(corpus: list[tuple[str, str]], seed: int = 11) -> list[tuple[str, str]]:
    """The variants made into reports that share passages no more than a real archive's do.

    Variants of two seeds are near copies of each other, so copy finding (which reports every pair
    sharing passages) would do for them work that grows with the square of the archive. Here every
    other word that holds no rulebook term, figure or punctuation is swapped for a random word of
    the same length from jieba's dictionary: the layout, headings, terms and figures stay (so
    reading and checking cost what they cost), the shared passages go.
    """
    from checker.run.engine import Checker
    from checker.document.segment import tokenizer

    vocabulary = frozenset().union(*(book.vocabulary for book in Checker().books))
    words = _dictionary_words()
    cut = tokenizer(vocabulary).cut
    rng = random.Random(seed)
    out = []
    for name, text in corpus:
        pieces = cut(text)
        for i in range(0, len(pieces), 2):
            word = pieces[i]
            if _CJK_WORD.fullmatch(word) and not any(term in word for term in vocabulary) and words.get(len(word)):
                pieces[i] = rng.choice(words[len(word)])
        out.append((name, "".join(pieces)))
    return out


_CJK_WORD = re.compile("[\u4e00-\u9fff]+")


def _dictionary_words() -> dict[int, list[str]]:
    """jieba's common words (frequency 1000 and up) of one to four characters, by length."""
    import jieba

    by_length: dict[int, list[str]] = {}
    with jieba.get_dict_file() as handle:  # the dictionary's bytes, wherever the package keeps it
        for line in io.TextIOWrapper(handle, encoding="utf-8"):
            word, frequency = line.split()[:2]
            if int(frequency) >= 1000 and len(word) <= 4 and _CJK_WORD.fullmatch(word):
                by_length.setdefault(len(word), []).append(word)
    return by_length


# GB/T 9704 sets an official document's A4 page at 22 lines of 28 characters.
CHARS_PER_PAGE = 22 * 28


@dataclass
class Rounds:
    """One figure measured round after round: its median and its spread."""

    values: list[float] = field(default_factory=list)

    def add(self, value: float) -> None:
        self.values.append(value)

    def median(self) -> float:
        return statistics.median(self.values)

    def __str__(self) -> str:
        return f"{self.median():.2f} [{min(self.values):.2f}–{max(self.values):.2f}]"


def warm_ratio(texts: list[str], rounds: int) -> tuple[Rounds, Rounds, Rounds]:
    """Per round: median per-report check time (ms), median jieba.lcut time (ms), their ratio.

    The same process checks a report and then segments it with jieba, report after report.
    """
    import logging

    import jieba

    from checker.run.engine import Checker

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    checker = Checker()
    checker.warm_up()
    checker.check_text(texts[0])
    mine, base, ratio = Rounds(), Rounds(), Rounds()
    for _ in range(rounds):
        ours, theirs = [], []
        for text in texts:
            started = time.perf_counter()
            checker.check_text(text)
            ours.append(time.perf_counter() - started)
            started = time.perf_counter()
            jieba.lcut(text)
            theirs.append(time.perf_counter() - started)
        mine.add(statistics.median(ours) * 1000)
        base.add(statistics.median(theirs) * 1000)
        ratio.add(mine.values[-1] / base.values[-1])
    return mine, base, ratio


def growth(texts: list[str], rounds: int) -> list[tuple[int, Rounds]]:
    """For one long text of each GROWTH_REPORTS size: its length and, per round, the check's ms per
    1,000 characters. Work done per sentence over the whole text (a library call that reads all of it
    at each sentence) shows here as a per-character time that grows with the length."""
    from checker.run.engine import Checker

    checker = Checker()
    checker.warm_up()
    longs = ["\n".join(texts[:count]) for count in GROWTH_REPORTS]
    figures = [(len(text), Rounds()) for text in longs]
    for _ in range(rounds):
        for text, (chars, per_k) in zip(longs, figures):
            started = time.perf_counter()
            checker.check_text(text)
            per_k.add((time.perf_counter() - started) * 1000 / (chars / 1000))
    return figures


def segmenter() -> str:
    """Which segmenter the checker uses (the built tokenizer says; before rjieba it was always jieba)."""
    from checker.document.segment import tokenizer

    return getattr(tokenizer(), "name", "jieba")


def cold_ratio(one: str, rounds: int, env: dict) -> tuple[Rounds, Rounds, Rounds]:
    """Per round: `fzcheck check` on one report (s), `import jieba; jieba.initialize()` (s), their ratio."""
    check = fzcheck("check", one, "--format", "json", "-q", "--no-config")
    jieba_cold = [sys.executable, "-c", "import jieba; jieba.initialize()"]
    # jieba's cache and the .pyc files are written once, before timing: an installed copy has its .pyc
    # (pip compiles them), whatever PYTHONDONTWRITEBYTECODE this shell sets. That run also stores the
    # loaded rulebooks (checker/rules/stored.py), as any earlier run on the machine has, as jieba's does its cache.
    writing = {name: value for name, value in env.items() if name != "PYTHONDONTWRITEBYTECODE"}
    for command in (check, jieba_cold):
        _timed(command, writing)
    mine, base, ratio = Rounds(), Rounds(), Rounds()
    for n in range(rounds):
        if n % 2:  # who goes first alternates
            base.add(_timed(jieba_cold, env))
            mine.add(_timed(check, env))
        else:
            mine.add(_timed(check, env))
            base.add(_timed(jieba_cold, env))
        ratio.add(mine.values[-1] / base.values[-1])
    return mine, base, ratio


def docx_reading(folder: Path, rounds: int, repeat: int = 20) -> tuple[Rounds, Rounds, float, tuple[int, int]]:
    """Per round: ms to read the seed reports as .docx, per 10 pages of their text.

    Twice: as tests/builders.py builds them, on python-docx's template, whose styles part
    (every built-in style, 349 KB) takes python-docx longer to parse than the report; and with
    that part cut to the styles the reports use. Also returns the pages read and the two parts' sizes.
    """
    from tests.builders import build_docx, report_lines

    built = [build_docx(report_lines(seed), folder / f"{seed.stem}.docx").read_bytes() for seed in SEEDS]
    trimmed = [_used_styles_only(data) for data in built]
    chars = sum(len(line.text) for data in built for line in _read_docx(data).lines)
    pages = chars / CHARS_PER_PAGE
    as_built, cut = Rounds(), Rounds()
    for _ in range(rounds):
        for files, figure in ((built, as_built), (trimmed, cut)):
            times = []
            for _ in range(repeat):
                started = time.perf_counter()
                for data in files:
                    _read_docx(data)
                times.append(time.perf_counter() - started)
            figure.add(statistics.median(times) * 1000 * 10 / pages)
    return as_built, cut, pages, (_styles_size(built[0]), _styles_size(trimmed[0]))


def pdf_reading(corpus: list[tuple[str, str]], folder: Path, rounds: int) -> tuple[Rounds, int, int]:
    """Per round: ms per page to read `corpus` printed as text-layer PDFs, by the path a check takes
    (the reader child, its pipe, the layout); also the pages and files read."""
    from checker.document.ingest import read_source
    from tests.builders import build_pdf

    import pypdfium2

    target = folder / "pdf"
    target.mkdir(parents=True, exist_ok=True)
    paths = [str(build_pdf(text.split("\n"), target / f"{Path(name).stem}.pdf")) for name, text in corpus]
    pages = sum(len(pypdfium2.PdfDocument(path)) for path in paths)
    read_source(paths[0])  # the reader child starts once, before timing
    per_page = Rounds()
    for _ in range(rounds):
        started = time.perf_counter()
        for path in paths:
            read_source(path)
        per_page.add((time.perf_counter() - started) * 1000 / pages)
    return per_page, pages, len(paths)


def _styles_size(data: bytes) -> int:
    return len(zipfile.ZipFile(io.BytesIO(data)).read("word/styles.xml"))


def _read_docx(data: bytes):
    from checker.document.ingest.docx import read_docx

    return read_docx("report.docx", data)


def _used_styles_only(data: bytes) -> bytes:
    """The .docx with its styles part cut to the default styles and those its paragraphs name."""
    from lxml import etree

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    source = zipfile.ZipFile(io.BytesIO(data))
    used = {node.get(f"{w}val") for node in etree.fromstring(source.read("word/document.xml")).iter(f"{w}pStyle")}
    styles = etree.fromstring(source.read("word/styles.xml"))
    for style in styles.findall(f"{w}style"):
        if style.get(f"{w}styleId") not in used and style.get(f"{w}default") != "1":
            styles.remove(style)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            part = etree.tostring(styles, xml_declaration=True, encoding="UTF-8", standalone=True) \
                if info.filename == "word/styles.xml" else source.read(info.filename)
            target.writestr(info.filename, part)
    return out.getvalue()


def _timed(command: list[str], env: dict) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - started


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


PARTS = ("warm", "cold", "docx", "pdf", "batch", "mixed", "growth")
# A province's archive as it arrives: half PDF, three in ten Word files, two in ten saved web pages.
MIXED_SHARES = (("pdf", 5), ("docx", 3), ("html", 2))
MIXED_FILES = 300  # files generated for the mixed archive; the projection scales them to 10,000
WARM_REPORTS = 120  # reports timed one by one for the warm ratio
PDF_REPORTS = 24  # report variants read as PDFs, each round
ARCHIVE_SIZE = 10_000  # a province's reports for one year
GROWTH_REPORTS = (4, 16, 64)  # reports joined into one long text: about 25k, 100k and 400k characters
GROWTH_LINEAR = 1.5  # the longest text's per-character time over the shortest's, at most


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=520)
    parser.add_argument("--rounds", type=int, default=7, help="rounds of the warm, cold, docx and pdf figures (at least 5)")
    parser.add_argument("--only", default=",".join(PARTS), help=f"some of {','.join(PARTS)}")
    parser.add_argument("--keep", help="keep the generated corpus in this folder")
    parser.add_argument("--near-copies", action="store_true",
                        help="check the archives as generated, every report a near copy of the others "
                             "(the worst case for copy finding), not made distinct")
    args = parser.parse_args()
    parts = set(args.only.split(","))
    rounds = max(args.rounds, 5)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    corpus = variants(args.reports)
    archive = corpus if args.near_copies else distinct(corpus)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(args.keep or scratch) / "corpus"
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        for name, text in archive:
            (folder / name).write_text(text, encoding="utf-8")
        chars = sum(len(text) for _, text in corpus) / len(corpus)
        print(f"corpus: {len(corpus)} reports, {chars:.0f} characters on average, {os.cpu_count()} cores; "
              f"medians of {rounds} rounds [lowest–highest]; the archives are "
              + ("near copies of each other" if args.near_copies else "made distinct (see distinct())"))
        if "warm" in parts:
            mine, base, ratio = warm_ratio([text for _, text in corpus[:WARM_REPORTS]], rounds)
            print(f"segmenter: {segmenter()}")
            print(f"warm   check {mine} ms/report  jieba.lcut {base} ms  ratio {ratio}x (target <= 0.6)")
        if "cold" in parts:
            mine, base, ratio = cold_ratio(str(folder / corpus[0][0]), rounds, env)
            print(f"cold   fzcheck {mine} s  import jieba + initialize {base} s  ratio {ratio}x (target <= 0.75)")
        if "docx" in parts:
            as_built, cut, pages, (full, used) = docx_reading(folder.parent, rounds)
            print(f"docx   {as_built} ms per 10 pages as tests/builders.py builds the seeds (python-docx's "
                  f"{full // 1024} KB styles part); {cut} ms with it cut to the styles used ({used // 1024} KB) "
                  f"({pages:.0f} pages of {CHARS_PER_PAGE} characters; target <= 5)")
        if "pdf" in parts:
            per_page, pages, files = pdf_reading(archive[:PDF_REPORTS], folder.parent, rounds)
            print(f"pdf    {per_page} ms per page, read as a check reads them (the reader child included): "
                  f"{files} report variants as tests/builders.py prints them, {pages} pages, fonts not embedded "
                  f"(target <= 5)")
        if "batch" in parts:
            batch_figures(folder, len(corpus), env)
        if "growth" in parts:
            by_length = growth([text for _, text in archive], rounds)
            sizes = "  ".join(f"{chars // 1000}k {per_k}" for chars, per_k in by_length)
            worst = by_length[-1][1].median() / by_length[0][1].median()
            print(f"growth ms per 1,000 characters: {sizes}; longest/shortest {worst:.2f}x "
                  f"(target: linear, <= {GROWTH_LINEAR})")
        if "mixed" in parts:
            mixed = folder.parent / "mixed"
            mixed_archive(archive[:MIXED_FILES], mixed)
            batch_figures(mixed, min(MIXED_FILES, len(corpus)), env, label="mixed archive (50% PDF, 30% docx, 20% html)")
    return 0


def mixed_archive(corpus: list[tuple[str, str]], folder: Path) -> None:
    """The reports written as PDF, Word and web pages in the archive's shares (tests/builders.py makes them)."""
    sys.path.insert(0, str(ROOT))
    from tests.builders import build_docx, build_html, build_pdf

    build = {"pdf": build_pdf, "docx": build_docx, "html": build_html}
    kinds = [kind for kind, share in MIXED_SHARES for _ in range(share)]
    folder.mkdir(parents=True, exist_ok=True)
    for n, (name, text) in enumerate(corpus):
        kind = kinds[n % len(kinds)]
        build[kind](text.split("\n"), folder / f"{Path(name).stem}.{kind}")


def batch_figures(folder: Path, reports: int, env: dict, label: str = "plain-text reports") -> None:
    """Wall time at --jobs 1 and 2, peak memory, and the projection to a whole archive.

    The projection is the fixed cost of a run (start-up, the worker pool, the end: measured on a
    folder of one file) plus the cost per file beyond it, times the archive's size.
    """
    print(f"-- {label}")
    serial = min(batch(folder, 1, env, False)[0] for _ in range(2))
    parallel = min(batch(folder, 2, env, False)[0] for _ in range(2))
    serial_memory = batch(folder, 1, env, True)[1]
    parallel_memory = batch(folder, 2, env, True)[1]
    one = folder.parent / f"{folder.name}-one"
    shutil.rmtree(one, ignore_errors=True)
    one.mkdir()
    first = sorted(folder.iterdir())[0]
    shutil.copy(first, one / first.name)
    fixed_serial = min(batch(one, 1, env, False)[0] for _ in range(2))
    fixed = min(batch(one, 2, env, False)[0] for _ in range(2))
    per_file = (parallel - fixed) / max(reports - 1, 1)
    per_file_serial = (serial - fixed_serial) / max(reports - 1, 1)
    print(f"batch  --jobs 1 {serial:6.1f} s  --jobs 2 {parallel:6.1f} s  speed-up {serial / parallel:.2f}x, "
          f"per file beyond the fixed cost {per_file_serial / per_file:.2f}x (target >= 1.8 with both cores free)")
    print(f"memory peak --jobs 1 {serial_memory / 2**20:5.0f} MB  --jobs 2 {parallel_memory / 2**20:5.0f} MB "
          f"(all processes, PSS; target <= 250)")
    projected = fixed + per_file * ARCHIVE_SIZE
    print(f"throughput {reports / parallel:.1f} files/s over {reports} files ({fixed:.1f} s of it fixed, "
          f"{per_file * 1000:.0f} ms per file beyond): {ARCHIVE_SIZE:,} files ≈ {projected / 60:.1f} min "
          f"(target <= 3 with --jobs 2)")


if __name__ == "__main__":
    raise SystemExit(main())
