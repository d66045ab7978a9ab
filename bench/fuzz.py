"""Fuzzing: damaged copies of the seed reports, through the readers and the whole checker.

Each input is one of the seeds as .txt or .md, or rendered to .docx, .pdf or .html by
tests/builders.py, with one to three mutations: bytes flipped, the file cut short, a chunk
copied elsewhere (and repeated), a number replaced by an extreme one; for .docx the mutation
is made inside one zip member and the archive is zipped again, for .pdf also inside one
inflated content stream.

Inputs go one at a time to a worker process that runs `read_source` and then
`Checker().check_file` under an RLIMIT_AS memory limit; the worker is killed at the time
limit and replaced. Counted: files tried, clean results, clean FzErrors, tracebacks (an
internal-error result counts as one), time-outs and memory-outs (a MemoryError, or a reader's
"ran out of memory" error); the first few offending inputs are kept in --out with a note.

    python bench/fuzz.py [--seconds 600] [--timeout 30] [--memory-mb 1500] [--seed 1] [--keep 5]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import re
import resource
import selectors
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
import zipfile
import zlib
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

OUTCOMES = ("result", "fzerror", "traceback", "timeout", "memory")
LABELS = {"result": "clean results", "fzerror": "clean FzErrors", "traceback": "tracebacks",
          "timeout": "time-outs", "memory": "memory-outs"}
MAX_INPUT = 12 * 1024 * 1024
RESTART_EVERY = 150  # inputs per worker: a long-lived worker's memory says little about one input


# --------------------------------------------------------------------------- base files


def build_bases(folder: Path) -> list[Path]:
    from tests.builders import build_docx, build_html, build_pdf, report_lines

    folder.mkdir(parents=True, exist_ok=True)
    bases = []
    for index, seed in enumerate(sorted((ROOT / "seeds").glob("*.txt"))):
        lines = report_lines(seed)
        text = folder / f"{seed.stem}.txt"
        shutil.copy(seed, text)
        markdown = folder / f"{seed.stem}.md"
        markdown.write_text("\n".join([f"# {lines[0]}", *(f"## {line}" if line[:2] in ("一、", "二、", "三、", "四、") else line
                                                        for line in lines[1:])]), encoding="utf-8")
        page = folder / f"{seed.stem}.html"
        try:  # portals are often GBK; a seed with a character GBK lacks stays UTF-8
            build_html(lines, page, charset="gbk" if index % 2 else "utf-8", published="2025-03-01")
        except UnicodeEncodeError:
            build_html(lines, page, published="2025-03-01")
        bases += [text, markdown, page,
                  build_docx(lines, folder / f"{seed.stem}.docx", table_rows=[["指标", "数值"], ["行政复议", "206件"]]),
                  build_pdf(lines, folder / f"{seed.stem}.pdf")]
    return bases


# --------------------------------------------------------------------------- mutations

_NUMBER = re.compile(rb"-?\d{1,12}")
_EXTREMES = [b"0", b"-1", b"1", b"65535", b"4294967296", b"99999999999", b"-2147483648", b"10000000000000000000000",
             b"3.4e38", b"00000000000000000001"]


def flip(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.choice([1, 1, 2, 4, 16, 64])):
        if out:
            out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(1, max(2, len(data)))]


def duplicate(data: bytes, rng: random.Random) -> bytes:
    if len(data) < 2:
        return data + data
    start = rng.randrange(len(data))
    chunk = data[start: start + rng.choice([1, 8, 64, 512, 4096, 65536])]
    times = rng.choice([1, 1, 2, 10, 100, 1000])
    times = max(1, min(times, (MAX_INPUT - len(data)) // max(1, len(chunk))))
    at = rng.randrange(len(data))
    return data[:at] + chunk * times + data[at:]


def extreme_number(data: bytes, rng: random.Random) -> bytes:
    numbers = [m for m in _NUMBER.finditer(data[:2_000_000])]
    if not numbers:
        return flip(data, rng)
    match = rng.choice(numbers)
    return data[: match.start()] + rng.choice(_EXTREMES) + data[match.end():]


BYTE_MUTATIONS = [flip, truncate, duplicate, extreme_number]


def docx_member(data: bytes, rng: random.Random) -> bytes:
    """Mutate one member of the archive (XML ones most often) and zip it again."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = [(info, archive.read(info)) for info in archive.infolist()]
    except Exception:
        return flip(data, rng)
    weights = [5 if info.filename.endswith(".xml") else 1 for info, _ in members]
    target = rng.choices(range(len(members)), weights)[0]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as rezipped:
        for index, (info, body) in enumerate(members):
            if index == target:
                body = rng.choice([flip, duplicate, extreme_number, extreme_number, truncate])(body, rng)
            rezipped.writestr(info.filename, body)
    return out.getvalue()


_STREAM = re.compile(rb"<<([^<>]*?)/Length\s+(\d+)([^<>]*)>>\s*stream\r?\n")


def pdf_stream(data: bytes, rng: random.Random) -> bytes:
    """Decode one content stream (Flate, or ASCII85 then Flate as reportlab writes them), mutate
    what it draws, encode it again and fix its /Length (the xref offsets after it are then wrong,
    as in a file edited by hand)."""
    import base64

    found = list(_STREAM.finditer(data))
    rng.shuffle(found)
    for match in found:
        entries = match.group(1) + match.group(3)
        if b"/FlateDecode" not in entries:
            continue
        a85 = b"/ASCII85Decode" in entries
        begin, length = match.end(), int(match.group(2))
        raw = data[begin: begin + length]
        try:
            packed = base64.a85decode(raw.strip().removesuffix(b"~>")) if a85 else raw
            content = zlib.decompress(packed)
        except (ValueError, zlib.error):
            continue
        content = rng.choice([flip, duplicate, extreme_number, truncate])(content, rng)
        packed = zlib.compress(content)
        if a85:
            packed = base64.a85encode(packed) + b"~>"
        head = b"<<" + match.group(1) + b"/Length %d" % len(packed) + match.group(3) + b">>\nstream\n"
        return data[: match.start()] + head + packed + data[begin + length:]
    return flip(data, rng)


def mutate(base: Path, rng: random.Random) -> bytes:
    data = base.read_bytes()
    special = {".docx": [docx_member, docx_member], ".pdf": [pdf_stream]}.get(base.suffix, [])
    for _ in range(rng.choice([1, 1, 2, 3])):
        data = rng.choice(BYTE_MUTATIONS + special)(data, rng)
        if len(data) > MAX_INPUT:
            data = data[:MAX_INPUT]
    return data or b"\0"


# --------------------------------------------------------------------------- worker


def worker(memory_mb: int) -> None:
    """Reads input paths from stdin, answers one JSON line each on the original stdout."""
    replies = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)  # whatever a library prints goes to stderr, not into the replies
    sys.stdout = sys.stderr
    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    from checker.document.ingest import read_source
    from checker.errors import FzError
    from checker.run.engine import Checker

    checker = Checker()
    replies.write(json.dumps({"ready": True}) + "\n")
    replies.flush()
    for line in sys.stdin:
        path = line.strip()
        reply: dict = {}
        try:
            try:
                read_source(path)
                reply["read"] = "ok"
            except FzError as error:
                reply.update(read="fzerror", code=error.code, message=error.message())
            result = checker.check_file(path)
            reply["check"] = result.error.code if result.error else "ok"
            if result.error:
                reply["check_message"] = result.error.message
        except MemoryError:
            reply = {"memory": True}
        except BaseException:  # noqa: BLE001 - the point is to see it
            reply["traceback"] = traceback.format_exc()[-4000:]
        reply["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
        replies.write(json.dumps(reply, ensure_ascii=False) + "\n")
        replies.flush()
        if reply.get("memory"):
            return


def classify(reply: dict) -> str:
    if reply.get("memory") or "ran out of memory" in reply.get("message", "") + reply.get("check_message", ""):
        return "memory"
    if "traceback" in reply or reply.get("check") == "internal-error":
        return "traceback"
    if reply.get("read") == "fzerror" or reply.get("check") != "ok":
        return "fzerror"
    return "result"


class Worker:
    def __init__(self, memory_mb: int, scratch: Path):
        self.log = open(scratch / "worker-stderr.log", "ab")
        self.process = subprocess.Popen(
            [sys.executable, __file__, "--worker", "--memory-mb", str(memory_mb)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.log, cwd=ROOT)
        self.buffer = b""
        self.done = 0
        ready = self.reply(120)
        if not ready or not ready.get("ready"):
            raise RuntimeError("the fuzz worker did not start; see worker-stderr.log")

    def reply(self, timeout: float):
        """The next JSON line, None at the time limit, {"died": True} when the worker ended."""
        deadline = time.monotonic() + timeout
        selector = selectors.DefaultSelector()
        selector.register(self.process.stdout, selectors.EVENT_READ)
        try:
            while b"\n" not in self.buffer:
                left = deadline - time.monotonic()
                if left <= 0 or not selector.select(left):
                    return None
                chunk = os.read(self.process.stdout.fileno(), 65536)
                if not chunk:
                    return {"died": True, "status": self.process.wait()}
                self.buffer += chunk
        finally:
            selector.close()
        line, self.buffer = self.buffer.split(b"\n", 1)
        return json.loads(line)

    def ask(self, path: Path, timeout: float):
        self.done += 1
        self.process.stdin.write(str(path).encode() + b"\n")
        self.process.stdin.flush()
        return self.reply(timeout)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()
        self.log.close()


# --------------------------------------------------------------------------- run


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=600, help="how long to fuzz (default 600)")
    parser.add_argument("--timeout", type=float, default=30,
                        help="seconds per input before it is a time-out (a report at the text limit takes ~10 s on a busy 2-core machine)")
    parser.add_argument("--memory-mb", type=int, default=1500, help="RLIMIT_AS of the worker, in MB")
    parser.add_argument("--seed", type=int, default=None, help="random seed (default: from the clock)")
    parser.add_argument("--keep", type=int, default=5, help="offending inputs kept per kind")
    parser.add_argument("--out", default=os.path.join(tempfile.gettempdir(), "fzcheck-fuzz"))
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.memory_mb)
        return 0

    seed = args.seed if args.seed is not None else int(time.time())
    rng = random.Random(seed)
    out = Path(args.out)
    scratch = out / "scratch"
    scratch.mkdir(parents=True, exist_ok=True)
    bases = build_bases(out / "base")
    print(f"fuzzing for {args.seconds:g} s, seed {seed}, {len(bases)} base files, "
          f"time limit {args.timeout:g} s, memory limit {args.memory_mb} MB; offending inputs in {out}", flush=True)

    counts: Counter = Counter()
    kept: Counter = Counter()
    by_format: Counter = Counter()
    codes: Counter = Counter()
    slowest, peak_rss = (0.0, ""), 0
    start = last_report = time.monotonic()
    current = Worker(args.memory_mb, scratch)
    try:
        while time.monotonic() - start < args.seconds:
            base = rng.choice(bases)
            data = mutate(base, rng)
            path = scratch / f"input{base.suffix}"
            path.write_bytes(data)
            began = time.monotonic()
            reply = current.ask(path, args.timeout)
            took = time.monotonic() - began
            if reply is None:
                outcome, note = "timeout", f"no answer within {args.timeout:g} s"
            elif reply.get("died"):
                tail = (scratch / "worker-stderr.log").read_bytes()[-3000:].decode("utf-8", "replace")
                outcome = "memory" if "MemoryError" in tail else "traceback"
                note = f"worker ended with status {reply['status']}:\n{tail}"
            else:
                outcome = classify(reply)
                if outcome == "fzerror":
                    codes[(base.suffix, reply.get("code") or reply.get("check"))] += 1
                note = json.dumps(reply, ensure_ascii=False, indent=1)
                peak_rss = max(peak_rss, reply.get("rss_mb", 0))
            counts[outcome] += 1
            by_format[(base.suffix, outcome)] += 1
            if outcome != "timeout" and took > slowest[0]:
                slowest = (took, base.suffix)
            if outcome in ("traceback", "timeout", "memory") and kept[outcome] < args.keep:
                kept[outcome] += 1
                saved = out / f"{outcome}-{kept[outcome]}{base.suffix}"
                saved.write_bytes(data)
                saved.with_name(saved.name + ".txt").write_text(
                    f"base: {base.name}\nseconds: {took:.1f}\n{note}\n", encoding="utf-8")
            if reply is None or reply.get("died") or reply.get("memory") or current.done >= RESTART_EVERY:
                current.stop()
                current = Worker(args.memory_mb, scratch)
            if time.monotonic() - last_report > 60:
                last_report = time.monotonic()
                print(f"  {last_report - start:5.0f} s: {sum(counts.values())} tried, "
                      + ", ".join(f"{counts[o]} {LABELS[o]}" for o in OUTCOMES), flush=True)
    finally:
        current.stop()

    tried = sum(counts.values())
    print(f"\n{tried} files tried in {time.monotonic() - start:.0f} s (seed {seed})")
    for outcome in OUTCOMES:
        print(f"  {LABELS[outcome]:15} {counts[outcome]}")
    print("  by format: " + "; ".join(
        f"{suffix} " + " ".join(f"{o}={by_format[(suffix, o)]}" for o in OUTCOMES if by_format[(suffix, o)])
        for suffix in sorted({s for s, _ in by_format})))
    print("  FzError codes: " + ", ".join(f"{suffix} {code} {n}" for (suffix, code), n in sorted(codes.items())))
    print(f"  slowest answered input: {slowest[0]:.1f} s ({slowest[1]}); worker peak RSS: {peak_rss} MB")
    if sum(kept.values()):
        print(f"  offending inputs kept in {out} (each with a .txt note)")
    return 1 if counts["traceback"] + counts["timeout"] + counts["memory"] else 0


if __name__ == "__main__":
    sys.exit(main())
