"""Scanned reports: the same report as .txt and as an image-only PDF read by OCR.

Sets the two real seed reports and three made-up ones (bench/data/ocr/) on A4 pages the
way offices print them (小四 body text, a bold centred title, bold headings, justified lines,
page numbers, the issuer and date at the bottom right under a red seal), draws the pages with
Pillow at 150 and 300 dpi, saves them as image-only PDFs with Pillow's PDF writer (JPEG inside,
as scanners make them), and checks each PDF against its .txt:

  agreement   per-rule status, OCR'd PDF vs .txt        (target >= 95 %)
  score       |score(PDF) - score(.txt)|                 (target <= 3 points)
  speed       seconds of OCR per page, median and spread

The PDF is read through `read_source` when pdf.py hands text-less pages to OCR; until then the
pages are rendered back from the PDF with pypdfium2 and read with `ocr.recognise_pages`.

    python bench/ocr.py [--dpi 150 300] [--only 001] [--keep DIR] [--show-rules] [--direct]
"""

from __future__ import annotations

import argparse
import math
import os
import re
import statistics
import sys
import tempfile
import time
import unicodedata
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker.document.ingest import ocr  # noqa: E402
from checker.document.ingest.source import Source  # noqa: E402
from checker.run.engine import Checker  # noqa: E402

DOCUMENTS = [ROOT / "seeds" / "001_7724204651865b79.txt", ROOT / "seeds" / "003_eed9f17129c08ac0.txt",
             *sorted((ROOT / "bench" / "data" / "ocr").glob("*.txt"))]
CENTRED_HEADINGS = {"03_town_2022"}  # one report sets its top headings centred, as some offices do
FONTS = Path("/usr/share/fonts/opentype/noto")
SERIF, SERIF_BOLD = FONTS / "NotoSerifCJK-Regular.ttc", FONTS / "NotoSerifCJK-Bold.ttc"
SANS_BOLD = FONTS / "NotoSansCJK-Bold.ttc"
SC = 2  # the Simplified Chinese face in the Noto CJK collections
RED = (210, 35, 40)

# A4 as GB/T 9704 sets official documents (mm), with 小四 (12 pt) body text on a 22 pt pitch.
PAGE_MM = (210, 297)
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
BODY_PT, TITLE_PT, NUMBER_PT, PITCH_PT = 12, 22, 10.5, 22

H1 = re.compile(r"^[一二三四五六七八九十]{1,3}、")
H2 = re.compile(r"^[（(][一二三四五六七八九十]{1,3}[)）]")
DATE = re.compile(r"^\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*$")
CLOSING_PUNCTUATION = "，。、；：？！）》”’」』】,.;:?!)"


# --------------------------------------------------------------------------- setting pages


@dataclass
class Block:
    kind: str  # title, addressee, h1, h2, body, closing
    text: str


def blocks(lines: list[str], centred_headings: bool) -> list[Block]:
    """What each line of a report is, the way a typist would set it."""
    out: list[Block] = []
    closing = _closing_lines(lines)
    for index, line in enumerate(lines):
        if index == 0 and len(line) <= 40 and "。" not in line:
            kind = "title"
        elif index >= len(lines) - closing:
            kind = "closing"
        elif index <= 2 and line.rstrip().endswith(("：", ":")) and len(line) <= 30:
            kind = "addressee"
        elif H1.match(line) and len(line) <= 40:
            kind = "h1c" if centred_headings else "h1"
        elif H2.match(line) and len(line) <= 40 and "。" not in line[:-1]:
            kind = "h2"
        else:
            kind = "body"
        out.append(Block(kind, line.strip()))
    return out


def _closing_lines(lines: list[str]) -> int:
    """The issuer and the date at the end (two short lines, the last a date), else none."""
    if len(lines) >= 3 and DATE.match(lines[-1]) and len(lines[-2]) <= 20 and "。" not in lines[-2]:
        return 2
    return 0


class Typesetter:
    def __init__(self, dpi: int):
        from PIL import ImageFont

        self.dpi = dpi
        self.width, self.height = (self.mm(v) for v in PAGE_MM)
        self.left, self.right = self.mm(MARGINS_MM["left"]), self.width - self.mm(MARGINS_MM["right"])
        self.top, self.bottom = self.mm(MARGINS_MM["top"]), self.height - self.mm(MARGINS_MM["bottom"])
        self.pitch = self.pt(PITCH_PT)
        font = lambda path, pt: ImageFont.truetype(str(path), self.pt(pt), index=SC)  # noqa: E731
        self.fonts = {"body": font(SERIF, BODY_PT), "h1": font(SANS_BOLD, BODY_PT), "h2": font(SERIF_BOLD, BODY_PT),
                      "title": font(SANS_BOLD, TITLE_PT), "number": font(SERIF, NUMBER_PT)}
        self.em = self.fonts["body"].getlength("中")
        self.pages: list = []
        self.y = 0.0
        self.closing: list[tuple[int, float, float, float]] = []  # page, x0, x1, y of the issuer and the date

    def mm(self, value: float) -> int:
        return round(value / 25.4 * self.dpi)

    def pt(self, value: float) -> int:
        return round(value / 72 * self.dpi)

    def new_page(self) -> None:
        from PIL import Image

        self.pages.append(Image.new("RGB", (self.width, self.height), "white"))
        self.y = self.top

    def room(self, height: float) -> None:
        if not self.pages or self.y + height > self.bottom:
            self.new_page()

    def set(self, report: list[Block]) -> list:
        for block in report:
            getattr(self, f"_{block.kind}")(block.text)
        self._seal()
        self._numbers()
        return self.pages

    # each kind of block

    def _title(self, text: str) -> None:
        font = self.fonts["title"]
        for line in self._wrap(text, font, self.right - self.left - 2 * self.em, 0):
            self.room(self.pt(TITLE_PT * 1.5))
            self._draw((self.left + self.right - font.getlength(line)) / 2, line, font)
            self.y += self.pt(TITLE_PT * 1.5)
        self.y += self.pitch

    def _addressee(self, text: str) -> None:
        self._paragraph(text, self.fonts["body"], indent=0)

    def _h1(self, text: str) -> None:
        self._paragraph(text, self.fonts["h1"], indent=2)

    def _h1c(self, text: str) -> None:
        font = self.fonts["h1"]
        self.room(self.pitch)
        self._draw((self.left + self.right - font.getlength(text)) / 2, text, font)
        self.y += self.pitch

    def _h2(self, text: str) -> None:
        self._paragraph(text, self.fonts["h2"], indent=2)

    def _body(self, text: str) -> None:
        self._paragraph(text, self.fonts["body"], indent=2)

    def _closing(self, text: str) -> None:
        font = self.fonts["body"]
        if not self.closing:
            self.y += 2 * self.pitch  # a blank line or two before the issuer
        self.room(self.pitch)
        width = font.getlength(text)
        x = self.right - 4 * self.em - width if DATE.match(text) else self.right - 2 * self.em - width
        self._draw(x, text, font)
        self.closing.append((len(self.pages) - 1, x, x + width, self.y))
        self.y += self.pitch

    def _paragraph(self, text: str, font, indent: int) -> None:
        lines = self._wrap(text, font, self.right - self.left, indent * self.em)
        for number, line in enumerate(lines):
            self.room(self.pitch)
            start = self.left + (indent * self.em if number == 0 else 0)
            self._justified(start, line, font, last=number == len(lines) - 1)
            self.y += self.pitch

    # drawing

    def _wrap(self, text: str, font, width: float, indent: float) -> list[str]:
        """Lines that fit, none starting with closing punctuation (its character moves down with it)."""
        lines, line, room = [], "", width - indent
        for char in text:
            if font.getlength(line + char) > room and line:
                if char in CLOSING_PUNCTUATION and len(line) > 1:
                    lines.append(line[:-1])
                    line = line[-1]
                else:
                    lines.append(line)
                    line = ""
                room = width
            line += char
        return lines + [line] if line else lines

    def _justified(self, x: float, line: str, font, last: bool) -> None:
        """Character by character, the spare room spread between them (except on a paragraph's last line)."""
        natural = font.getlength(line)
        spare = 0.0 if last or len(line) < 2 else max(self.right - x - natural, 0) / (len(line) - 1)
        for char in line:
            self._draw(x, char, font)
            x += font.getlength(char) + spare

    def _draw(self, x: float, text: str, font, fill=(0, 0, 0), y: float | None = None) -> None:
        from PIL import ImageDraw

        ImageDraw.Draw(self.pages[-1]).text((x, self.y if y is None else y), text, font=font, fill=fill)

    def _numbers(self) -> None:
        from PIL import ImageDraw

        font = self.fonts["number"]
        for number, page in enumerate(self.pages, start=1):
            text = f"- {number} -"
            ImageDraw.Draw(page).text(((self.width - font.getlength(text)) / 2, self.bottom + self.mm(10)), text,
                                      font=font, fill=(0, 0, 0))

    def _seal(self) -> None:
        """A round red seal over the issuer and the date, laid on as ink (multiplied)."""
        if not self.closing:
            return
        from PIL import Image, ImageChops, ImageDraw

        page, x0, x1, y = self.closing[0]
        radius = self.mm(21)
        cx, cy = (x0 + x1) / 2, y + self.pitch
        ink = Image.new("RGB", (self.width, self.height), "white")
        pen = ImageDraw.Draw(ink)
        pen.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), outline=RED, width=max(radius // 14, 2))
        font = self.fonts["h2"].font_variant(size=int(radius / 3.3))
        name = "法治政府建设专用章"
        for index, char in enumerate(name):
            angle = math.radians(-165 + 150 * index / (len(name) - 1))
            tile = Image.new("RGBA", (font.size * 2, font.size * 2), (0, 0, 0, 0))
            ImageDraw.Draw(tile).text((font.size / 2, font.size / 2), char, font=font, fill=RED)
            tile = tile.rotate(-math.degrees(angle) - 90, resample=Image.BICUBIC)
            tx, ty = cx + radius * 0.73 * math.cos(angle), cy + radius * 0.73 * math.sin(angle)
            ink.paste(tile, (int(tx - font.size), int(ty - font.size)), tile)
        star = [(cx + radius * 0.3 * math.cos(math.radians(-90 + 144 * k)),
                 cy + radius * 0.3 * math.sin(math.radians(-90 + 144 * k))) for k in range(5)]
        pen.polygon(star, fill=RED)
        self.pages[page] = ImageChops.multiply(self.pages[page], ink)


def image_pdf(text_path: Path, dpi: int, target: Path) -> tuple[Path, int]:
    """The report as an image-only PDF (Pillow's writer: a JPEG per page); the path and the page count."""
    lines = [line for line in text_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    pages = Typesetter(dpi).set(blocks(lines, text_path.stem in CENTRED_HEADINGS))
    pages[0].save(target, "PDF", resolution=dpi, save_all=True, append_images=pages[1:])
    return target, len(pages)


# --------------------------------------------------------------------------- reading and comparing


def pdf_reads_by_ocr() -> bool:
    """Does pdf.py already hand pages without text to OCR?"""
    return "recognise_page" in (ROOT / "checker" / "document" / "ingest" / "pdf.py").read_text(encoding="utf-8")


@dataclass
class Reading:
    source_text: str
    result: object
    seconds: list[float] = field(default_factory=list)  # wall-clock, per page
    cpu: list[float] = field(default_factory=list)  # this process's CPU time, per page (OCR runs on one thread)


def read_pdf(checker: Checker, path: Path, dpi: int, through_reader: bool) -> Reading:
    seconds: list[float] = []
    cpu: list[float] = []
    timed = ocr._page_paragraphs

    def timing(image, page, progress):
        started, used = time.perf_counter(), time.process_time()
        try:
            return timed(image, page, progress)
        finally:
            seconds.append(time.perf_counter() - started)
            cpu.append(time.process_time() - used)

    ocr._page_paragraphs = timing
    try:
        if through_reader:
            from checker.document.ingest import read_source

            source = read_source(str(path))
        else:
            source = Source(path=str(path), format="pdf", notices=[ocr.NOTICE],
                            lines=ocr.recognise_pages(_rendered(path, dpi)))
    finally:
        ocr._page_paragraphs = timed
    return Reading(source.text, checker.check_source(source), seconds, cpu)


def _rendered(path: Path, dpi: int):
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    try:
        for index in range(len(document)):
            yield document[index].render(scale=dpi / 72).to_pil()
    finally:
        document.close()


def similarity(a: str, b: str) -> float:
    """Characters in common, after NFKC (full- and half-width alike) and without white space."""
    flat = [re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)) for text in (a, b)]
    return SequenceMatcher(None, *flat, autojunk=False).ratio()


# --------------------------------------------------------------------------- run


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dpi", type=int, nargs="+", default=[150, 300])
    parser.add_argument("--only", default="", help="only reports whose file name contains this")
    parser.add_argument("--keep", type=Path, help="keep the PDFs in this folder")
    parser.add_argument("--show-rules", action="store_true", help="list the rules whose status differs")
    parser.add_argument("--direct", action="store_true",
                        help="read the pages with ocr.recognise_pages even when pdf.py could read them")
    args = parser.parse_args()
    if not ocr.ocr_available():
        print("RapidOCR is not installed: .venv/bin/pip install -e '.[ocr]'")
        return 2
    through_reader = pdf_reads_by_ocr() and not args.direct
    print("PDF read " + ("through read_source (pdf.py hands its pages to OCR)" if through_reader else
                         "by rendering its pages with pypdfium2 and ocr.recognise_pages"))
    checker = Checker()
    documents = [d for d in DOCUMENTS if args.only in d.name]
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        for dpi in args.dpi:
            _run_dpi(checker, documents, dpi, folder, through_reader, args.show_rules)
    return 0


def _run_dpi(checker: Checker, documents: list[Path], dpi: int, folder: Path, through_reader: bool, show: bool) -> None:
    print(f"\n{dpi} dpi")
    print(f"{'report':<28}{'pages':>6}{'text':>7}{'agree':>10}{'score txt':>11}{'pdf':>7}{'diff':>7}{'s/page':>8}{'cpu':>6}")
    agree = total = 0
    diffs, seconds, cpu = [], [], []
    for path in documents:
        truth = checker.check_file(str(path))
        pdf, pages = image_pdf(path, dpi, folder / f"{path.stem}-{dpi}dpi.pdf")
        reading = read_pdf(checker, pdf, dpi, through_reader)
        statuses = {f.rule: f.status for f in truth.findings}
        got = {f.rule: f.status for f in reading.result.findings}
        same = sum(got.get(rule) == status for rule, status in statuses.items())
        agree, total = agree + same, total + len(statuses)
        diff = abs((reading.result.score or 0.0) - (truth.score or 0.0))
        diffs.append(diff)
        seconds += reading.seconds
        cpu += reading.cpu
        text = similarity(path.read_text(encoding="utf-8"), reading.source_text)
        print(f"{path.stem[:27]:<28}{pages:>6}{text:>7.1%}{same:>5}/{len(statuses):<4}{truth.score or 0:>11.1f}"
              f"{reading.result.score or 0:>7.1f}{diff:>7.1f}{statistics.median(reading.seconds or [0]):>8.2f}"
              f"{statistics.median(reading.cpu or [0]):>6.2f}")
        if reading.result.error is not None:
            print(f"{'':<28}error: {reading.result.error.message}")
        if show:
            for rule, status in statuses.items():
                if got.get(rule) != status:
                    print(f"{'':<28}{rule}: {status} → {got.get(rule)}")
    share = agree / max(total, 1)
    print(f"{dpi} dpi: agreement {agree}/{total} = {share:.1%} (target ≥ 95%) {'OK' if share >= 0.95 else 'MISSED'}; "
          f"score difference max {max(diffs):.1f}, mean {statistics.mean(diffs):.1f} (target ≤ 3) "
          f"{'OK' if max(diffs) <= 3 else 'MISSED'}")
    for name, values in (("seconds per page (wall clock)", seconds), ("CPU seconds per page", cpu)):
        if values:
            quartiles = statistics.quantiles(values, n=4) if len(values) >= 2 else [values[0]] * 3
            print(f"{dpi} dpi: {name}: median {statistics.median(values):.2f}, quartiles {quartiles[0]:.2f}–"
                  f"{quartiles[2]:.2f}, range {min(values):.2f}–{max(values):.2f} over {len(values)} pages")
    print(f"{dpi} dpi: machine load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (wall clock suffers when it is high)")


if __name__ == "__main__":
    raise SystemExit(main())
