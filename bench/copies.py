"""Copied passages across a batch: speed, memory, and how well planted copies are found.

Builds N synthetic reports of N different units from the clauses of two seed reports and the corpus
openings (recombined, so no two units share a sentence by chance), then plants what a 依法治办 meets:

  copies       k paragraphs of unit A copied into unit B, A's name changed to B's, figures changed
               (some paragraphs copied by two units: all of them count as sharing it)
  edited       the same, and one word (two characters) in every sentence changed as well: a copy
               still, found while a sentence keeps enough of its shingles (recall shown apart)
  paraphrases  a paragraph of A in B with half the clauses of every sentence rewritten: not a copy
  versions     a unit's draft and final (the same issuer): not copying
  formulas     paragraphs every report has, and one that a sixth of them have: not copying

Each report is read by the checker and fingerprinted in a worker process (2 workers, as a run
would), the prints travel to the main process, and `find_copies` runs there. Printed per N: time to
fingerprint a report, time to find copies, bytes per report (pickled, and held in memory), the peak
memory of `find_copies`, precision and recall on the planted copies (paragraph pairs, both sides),
and false alarms on formulas, paraphrases and a unit's own versions.

    python bench/copies.py [--reports 100 1000] [--jobs 2] [--seed 7]
"""

from __future__ import annotations

import argparse
import multiprocessing
import pickle
import random
import re
import statistics
import sys
import time
import tracemalloc
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SOURCES = sorted(ROOT.glob("seeds/001_*.txt")) + sorted(ROOT.glob("seeds/003_*.txt")) + sorted(
    (ROOT.parent / "shared" / "corpus" / "openings").glob("*.txt"))

# Unit names: a stem of two characters from these (none of them a name's suffix), and a suffix.
STEM_FIRST = "青白东南西云江临长红石柳金清玉凤龙桃新永安和平兴华宁德福泰丰盛"
STEM_SECOND = "山河湖岭城川宁旗桥林沙泉凰源华安丰阳溪坪塘营坝岗口湾庄店台"
SUFFIXES = ["镇", "乡", "街道", "县", "市", "县司法局", "市教育局", "县市场监督管理局"]
HEADINGS = ["一、主要举措和成效", "二、党政主要负责人履行推进法治建设第一责任人职责情况",
            "三、存在的不足和原因", "四、下一年度工作打算"]
# Formulas every report has (one per part), and one a sixth of the reports have.
FORMULAS = [
    "深入学习贯彻习近平法治思想，把习近平法治思想作为党委理论学习中心组学习的重要内容，推动习近平法治思想入脑入心、走深走实。",
    "严格落实党政主要负责人履行推进法治建设第一责任人职责规定，做到重要工作亲自部署、重大问题亲自过问、重点环节亲自协调、重要任务亲自督办。",
    "对照法治政府建设的新要求，我们在法治宣传教育的针对性和实效性方面还有差距，基层法治工作力量还比较薄弱。",
    "下一步，我们将坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大精神，为经济社会高质量发展提供坚实法治保障。",
]
PARTIAL_FORMULA = "全面推行行政执法公示制度、执法全过程记录制度、重大执法决定法制审核制度，行政执法规范化水平不断提升。"
PARTIAL_SHARE = 1 / 6
CLAUSES = (3, 5)  # clauses per generated sentence: with more, two units rarely share most of a sentence by chance
CN_FIGURES = "一二三四五六七八九十"
COUNTING = "次件项场期批份名"

COPIERS = 0.08  # share of units that copy paragraphs from another unit
COPIED = (1, 4)  # paragraphs copied, fewest and most
EDITORS = 0.03  # share of units that copy a paragraph and change a word in every sentence
PARAPHRASERS = 0.03  # share of units that rewrite a paragraph of another unit
VERSIONS = 0.03  # share of units with a draft and a final in the batch


@dataclass
class Paragraph:
    text: str
    tag: str = "own"  # own, formula, copy, edited, paraphrase
    family: object = None  # paragraphs that are one text: (source report, its paragraph)
    line: int = 0


@dataclass
class Report:
    name: str
    issuer: str
    stem: str
    year: int
    sections: list[list[Paragraph]] = field(default_factory=list)
    unit: str = ""

    def paragraphs(self) -> list[Paragraph]:
        return [p for section in self.sections for p in section]

    def render(self) -> str:
        lines = [f"{self.issuer}{self.year}年度法治政府建设情况报告"]
        for heading, section in zip(["", *HEADINGS], self.sections, strict=True):
            if heading:
                lines.append(heading)
            for paragraph in section:
                lines.append(paragraph.text)
                paragraph.line = len(lines)
        return "\n".join(lines) + "\n"


def clause_pool() -> list[str]:
    """The clauses of the material's sentences (between commas), deduplicated, in a fixed order."""
    pool = set()
    for path in SOURCES:
        for line in path.read_text(encoding="utf-8").split("\n"):
            if len(line) < 30 or "。" not in line:
                continue  # titles, headings, menus
            for sentence in re.split(r"[。；;]", line):
                for clause in re.split(r"[，,]", sentence):
                    clause = clause.strip()
                    if 4 <= len(clause) <= 30:
                        pool.add(clause)
    return sorted(pool)


class Generator:
    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.pool = clause_pool()

    def issuers(self, count: int) -> list[tuple[str, str]]:
        stems = [a + b for a in STEM_FIRST for b in STEM_SECOND]
        self.rng.shuffle(stems)
        names = [(stem + suffix, stem) for stem in stems for suffix in SUFFIXES]
        self.rng.shuffle(names)
        return names[:count]

    def sentence(self, issuer: str, year: int) -> str:
        clauses = self.rng.sample(self.pool, self.rng.randint(*CLAUSES))
        if self.rng.random() < 0.3:
            clauses[0] = issuer + clauses[0]
        if self.rng.random() < 0.2:
            clauses.insert(1, f"{year}年{self.rng.randint(1, 12)}月")
        return self.figures("，".join(clauses) + "。")

    def figures(self, text: str) -> str:
        """Every figure a new one: Arabic numbers and Chinese counts (三次 → 五次)."""
        text = re.sub(r"\d+", lambda m: str(self.rng.randint(1, 99)), text)
        return re.sub(f"[{CN_FIGURES}](?=[{COUNTING}])", lambda m: self.rng.choice(CN_FIGURES), text)

    def paragraph(self, issuer: str, year: int) -> Paragraph:
        return Paragraph("".join(self.sentence(issuer, year) for _ in range(self.rng.randint(2, 4))))

    def report(self, name: str, issuer: str, stem: str) -> Report:
        year = self.rng.choice([2023, 2024])
        report = Report(name, issuer, stem, year, unit=issuer)
        opening = Paragraph(f"{year}年，{issuer}" + self.sentence(issuer, year))
        report.sections.append([opening])
        for part, formula in enumerate(FORMULAS):
            section = [self.paragraph(issuer, year) for _ in range(self.rng.randint(2, 4))]
            section.insert(self.rng.randrange(len(section) + 1), Paragraph(formula, "formula"))
            if part == 0 and self.rng.random() < PARTIAL_SHARE:
                section.append(Paragraph(PARTIAL_FORMULA, "formula"))
            report.sections.append(section)
        return report

    def renamed(self, text: str, source: Report, target: Report) -> str:
        """`text` of `source` as `target` would pass it off: its name, new figures."""
        return self.figures(text.replace(source.issuer, target.issuer).replace(source.stem, target.stem))

    def rewritten(self, text: str) -> str:
        """Half the clauses of every sentence replaced: the same topic, other words."""
        out = []
        for sentence in filter(None, text.split("。")):
            clauses = sentence.split("，")
            for i in self.rng.sample(range(len(clauses)), max(1, len(clauses) // 2 + len(clauses) % 2)):
                clauses[i] = self.rng.choice(self.pool)
            out.append("，".join(clauses) + "。")
        return "".join(out)

    def edited(self, text: str) -> str:
        """One two-character word in every sentence replaced by another."""
        out = []
        for sentence in filter(None, text.split("。")):
            words = [m.start() for m in re.finditer(r"[\u4e00-\u9fff]{2}", sentence)]
            if words:
                at = self.rng.choice(words)
                other = re.findall(r"[\u4e00-\u9fff]{2}", self.rng.choice(self.pool)) or ["工作"]
                sentence = sentence[:at] + self.rng.choice(other) + sentence[at + 2:]
            out.append(sentence + "。")
        return "".join(out)

    def version(self, report: Report, name: str) -> Report:
        """The same unit's other version: a sentence in five changed, new figures."""
        final = Report(name, report.issuer, report.stem, report.year, unit=report.unit)
        for section in report.sections:
            copied = []
            for paragraph in section:
                sentences = [s + "。" for s in paragraph.text.split("。") if s]
                sentences = [self.sentence(report.issuer, report.year) if self.rng.random() < 0.2 else s
                             for s in sentences]
                copied.append(Paragraph(self.figures("".join(sentences)), paragraph.tag))
            final.sections.append(copied)
        return final


def build(count: int, seed: int) -> list[Report]:
    """`count` reports with copies, paraphrases, versions and formulas planted."""
    gen = Generator(seed)
    units = max(2, round(count / (1 + VERSIONS)))
    reports = [gen.report(f"r{n:05d}.txt", issuer, stem) for n, (issuer, stem) in enumerate(gen.issuers(units))]
    order = list(range(units))
    gen.rng.shuffle(order)
    copiers = order[: max(1, round(units * COPIERS))]
    paraphrasers = order[len(copiers): len(copiers) + max(1, round(units * PARAPHRASERS))]
    editors = order[len(copiers) + len(paraphrasers):][: max(1, round(units * EDITORS))]
    sources = set()
    for b in copiers + editors:
        a = gen.rng.choice([n for n in range(units) if n != b])
        sources.add(a)
        own = [p for p in reports[a].paragraphs()[1:] if p.tag == "own"]
        taken = gen.rng.sample(own, min(len(own), gen.rng.randint(*COPIED))) if b in copiers else [gen.rng.choice(own)]
        for paragraph in taken:
            paragraph.family = paragraph.family or (a, id(paragraph))
            text = gen.renamed(paragraph.text, reports[a], reports[b])
            copy = Paragraph(text, "copy", paragraph.family) if b in copiers else Paragraph(
                gen.edited(text), "edited", paragraph.family)
            section = reports[b].sections[gen.rng.randint(1, len(HEADINGS))]
            section.insert(gen.rng.randrange(len(section) + 1), copy)
    for b in paraphrasers:
        a = gen.rng.choice([n for n in range(units) if n != b])
        source = gen.rng.choice([p for p in reports[a].paragraphs()[1:] if p.tag == "own"])
        text = gen.rewritten(gen.renamed(source.text, reports[a], reports[b]))
        reports[b].sections[1].append(Paragraph(text, "paraphrase", ("paraphrase", id(source))))
    # A unit's other version comes from a unit no one copied: its final would be one more copy of the source.
    versioned = [n for n in order[len(copiers) + len(paraphrasers) + len(editors):] if n not in sources]
    versioned = versioned[: count - units]
    reports.extend(gen.version(reports[n], reports[n].name.replace(".txt", "_final.txt")) for n in versioned)
    return reports


# ----------------------------------------------------------------------------- workers

_checker = None


def _start() -> None:
    global _checker
    from checker.run.engine import Checker

    _checker = Checker()
    _checker.warm_up()


def _fingerprint(job: tuple[str, str]) -> tuple[bytes, float, float]:
    """Read one report and fingerprint it: its prints (pickled, as they travel), read and print times."""
    from checker.document.ingest.source import Source, lines_from_text
    from checker.run.copies import passage_prints

    name, text = job
    started = time.perf_counter()
    document, _, _ = _checker.read(Source(path=name, format="txt", lines=lines_from_text(text), encoding="utf-8"))
    read = time.perf_counter() - started
    started = time.perf_counter()
    prints = passage_prints(document)
    printed = time.perf_counter() - started
    return pickle.dumps(prints), read, printed


def in_memory(prints) -> int:
    """Bytes one DocumentPrints holds: its arrays, its packed texts and its strings."""
    return (sys.getsizeof(prints) + sum(a.nbytes + 112 for a in (prints.signatures, prints.lines, prints.chars))
            + sys.getsizeof(prints.texts) + sys.getsizeof(prints.path) + sys.getsizeof(prints.issuer or "")
            + sys.getsizeof(prints.unit))


# ----------------------------------------------------------------------------- scoring


def truth(reports: list[Report]) -> tuple[set, dict]:
    """The paragraph pairs (path, line, other path, other line) that are one text, both ways; and tags by place."""
    families: dict[object, list[tuple[str, int]]] = {}
    tags = {}
    for report in reports:
        for paragraph in report.paragraphs():
            tags[(report.name, paragraph.line)] = paragraph.tag
            if paragraph.family is not None and paragraph.tag in ("own", "copy", "edited"):
                families.setdefault(paragraph.family, []).append((report.name, paragraph.line))
    pairs = set()
    for members in families.values():
        for a in members:
            for b in members:
                if a[0] != b[0]:
                    pairs.add((*a, *b))
    return pairs, tags


def exact_similarity(texts: dict[str, str], alarm: tuple[str, int, str, int], settings) -> float:
    """The true Jaccard similarity (all shingles, no MinHash) of the closest sentences of two paragraphs."""
    from checker.document.ingest.source import Source, lines_from_text
    from checker.run.copies import comparable

    def shingled(path: str, line: int) -> list[set[str]]:
        source = Source(path=path, format="txt", lines=lines_from_text(texts[path]), encoding="utf-8")
        document, _, _ = _checker.read(source)
        k = settings.shingle
        return [{text[i:i + k] for i in range(len(text) - k + 1)}
                for sentence, text in comparable(document, settings) if sentence.line == line]

    mine, theirs = shingled(*alarm[:2]), shingled(*alarm[2:])
    return max((len(a & b) / len(a | b) for a in mine for b in theirs), default=0.0)


def score(report, reports: list[Report], texts: dict[str, str]) -> dict:
    expected, tags = truth(reports)
    units = {r.name: r.unit for r in reports}
    found = {(link.path, p.line, link.other_path, p.other_line) for link in report.links for p in link.passages}
    hits = found & expected
    edited = {pair for pair in expected if "edited" in (tags[pair[:2]], tags[pair[2:]])}
    alarms = found - expected
    kinds = {"formula": 0, "paraphrase": 0, "same unit": 0, "material": 0, "other": 0}
    for path, line, other, other_line in alarms:
        if units[path] == units[other]:
            kinds["same unit"] += 1
        elif "formula" in (tags.get((path, line)), tags.get((other, other_line))):
            kinds["formula"] += 1
        elif "paraphrase" in (tags.get((path, line)), tags.get((other, other_line))):
            kinds["paraphrase"] += 1
        elif exact_similarity(texts, (path, line, other, other_line), report.settings) >= report.settings.similarity:
            kinds["material"] += 1  # two generated sentences that share most of their clauses: a true near-copy
        else:
            kinds["other"] += 1
    return {"planted": len(expected), "found": len(found), "hits": len(hits),
            "precision": len(hits) / len(found) if found else 1.0,
            "recall": len(hits - edited) / len(expected - edited) if expected - edited else 1.0,
            "edited": (len(hits & edited), len(edited)), "alarms": kinds,
            "missed": sorted(expected - found)[:5], "alarm_examples": sorted(alarms)[:5]}


# ----------------------------------------------------------------------------- the run


def run(count: int, jobs: int, seed: int) -> None:
    from checker.run.copies import CopySettings, find_copies

    reports = build(count, seed)
    texts = [(r.name, r.render()) for r in reports]
    started = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(jobs, initializer=_start) as pool:
        results = pool.map(_fingerprint, texts, chunksize=8)
    wall = time.perf_counter() - started
    pickled = [len(blob) for blob, _, _ in results]
    prints = [pickle.loads(blob) for blob, _, _ in results]
    settings = CopySettings(shown=10**6)  # every passage listed, to score them all
    tracemalloc.start()
    started = time.perf_counter()
    found = find_copies(prints, settings)
    finding = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    if _checker is None:
        _start()  # the main process reads the few reports an unplanted alarm is in, to measure it exactly
    result = score(found, reports, dict(texts))
    passages = sum(len(p) for p in prints)
    print(f"\n== {len(reports)} reports ({passages} passages, {passages / len(reports):.0f} per report), "
          f"{jobs} workers")
    print(f"  read (checker)      {statistics.mean(r[1] for r in results) * 1000:7.1f} ms per report")
    print(f"  fingerprint         {statistics.mean(r[2] for r in results) * 1000:7.1f} ms per report "
          f"(median {statistics.median(r[2] for r in results) * 1000:.1f} ms; all workers' wall time {wall:.1f} s)")
    print(f"  find copies         {finding:7.2f} s  (peak {peak / 2**20:.1f} MB traced)")
    print(f"  bytes per report    {statistics.mean(pickled):7.0f} pickled, "
          f"{statistics.mean(in_memory(p) for p in prints):.0f} "
          f"held (max {max(pickled)} pickled)")
    print(f"  stock passages      {found.stock} dropped (in >= {found.stock_limit} reports)")
    print(f"  planted pairs       {result['planted']} paragraph pairs (both sides); found {result['found']}")
    print(f"  precision / recall  {result['precision']:.3f} / {result['recall']:.3f} (recall on renamed copies)")
    print(f"  edited copies       {result['edited'][0]} of {result['edited'][1]} pairs found "
          f"(a word changed per sentence)")
    alarms = result["alarms"]
    print(f"  false alarms        formulas {alarms['formula']}, paraphrases {alarms['paraphrase']}, "
          f"own versions {result['alarms']['same unit']}, other {result['alarms']['other']}")
    print(f"  unplanted near-copies {result['alarms']['material']} (sentences the generator made alike by chance: "
          f"true Jaccard >= {settings.similarity}; counted against precision)")
    if result["missed"]:
        print(f"  missed (first 5)    {result['missed']}")
    if result["alarm_examples"]:
        print(f"  alarms (first 5)    {result['alarm_examples']}")
    links = found.links
    if links:
        print(f"  e.g.                {links[0].path}: {links[0].summary}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    for count in args.reports:
        run(count, args.jobs, args.seed)


if __name__ == "__main__":
    main()
