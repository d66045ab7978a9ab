"""Page images read by OCR: RapidOCR's PP-OCR models, then paragraphs in the order a person reads.

The models find text boxes and read each; the rest is layout. Boxes are set straight (a scan is
often a degree or two askew), boxes on the same row become lines, a page set in two columns is
read column by column, and lines become paragraphs the way a person sees them: a line that stops
short of the right margin ends its paragraph, an indented line starts one, and a line set apart
(a centred title or heading, the issuer and date at the bottom right) stands alone. Page numbers
in the margins are dropped, and so are boxes the recogniser is unsure of or that run on a slant:
the curved red text of a seal.

RapidOCR (the `ocr` extra) is imported only when a page is read. The engine is made once per
process, with one thread: fzcheck reads files in parallel processes already.
"""

from __future__ import annotations

import io
import logging
import math
import os
import re
import time
import warnings
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from statistics import median
from typing import Iterable, Iterator, Optional

from checker.errors import FzError
from checker.document.ingest.page_progress import PAGE_PROGRESS, Progress
from checker.document.ingest.source import Source, SourceLine


# ---------------------------------------------------------------- thresholds, each with its reason

# Boxes read with less confidence are dropped. Printed text reads at 0.9 to 1.0, a page number
# at 0.85; a seal's curved red characters, a stamp over text and specks read at 0.2 to 0.6.
MIN_CONFIDENCE = 0.65
# A box whose baseline runs more than this far off the page's own slant is not a line of text
# but part of a seal or a signature: printed lines are parallel, to a fraction of a degree.
MAX_SLANT_DEGREES = 8.0
# Boxes on one row: their vertical overlap, as a share of the lower box's height.
LINE_OVERLAP = 0.5
# Top and bottom share of the page where running page numbers sit (A4 margins: 25-37 mm of 297).
MARGIN_SHARE = 0.12
# A line's start this many character widths right of the left margin is an indent (a first line
# is indented two characters; a box starts up to a third of a character off).
INDENT_EMS = 1.0
# Further right than this, a line is set apart: centred (a title, a heading) or right-aligned (the
# issuer and the date); it stands alone. Two-character indents end well before it.
SET_APART_EMS = 3.5
# A line that ends this many characters short of the right margin ends its paragraph (justified
# lines end at the margin; Chinese line-breaking rules can leave one character's room).
SHORT_END_EMS = 2.0
# A centred line leaves the same room on both sides, to within this many characters, and at
# least CENTRED_ROOM_EMS on each (a full line of a paragraph leaves none).
CENTRED_EMS = 1.5
CENTRED_ROOM_EMS = 0.5
# A wrapped title: a set-apart line this wide (share of the column) continues on the next centred line.
WIDE_SHARE = 0.6
# Rows further apart than this many times the block's usual line pitch are separate paragraphs.
PARAGRAPH_GAP = 1.7
# Two columns: the gutter is sought in this middle share of the text width, and at most this
# share of boxes may cross it (titles and headings that span both columns).
GUTTER_ZONE = (0.3, 0.7)
MAX_SPANNING_SHARE = 0.25
# Each column holds at least this many rows, and its rows fill at least this share of its width
# (a column of text, not a few dates or a signature at the right).
MIN_COLUMN_ROWS = 4
MIN_COLUMN_FILL = 0.6

# A seal: red ink (red exceeding green and blue by this much, on 0-255), in a patch about as wide
# as high (within this ratio) and this share of the page width across (a seal is 40-45 mm on
# 210 mm; a masthead and the rule under it are red too, but long and flat). Its ink is washed out
# before text is looked for: the red ring and star hide the issuer's name it is stamped over.
RED_INK_MARGIN = 60
SEAL_ROUNDNESS = 1.5
SEAL_WIDTH_SHARE = (0.08, 0.4)

# Image files: a page at 600 dpi is 35 million pixels (A4) or 70 million (A3). A larger image
# is not a scanned page; its pixels alone would take gigabytes.
MAX_PAGE_PIXELS = 80_000_000
MAX_IMAGE_PAGES = 300  # pages of one multi-page TIFF (a report has tens)
# Pages are read at most this long (A4 at 300 dpi is 3,508 px): more pixels read no better, and a
# 600 dpi page would take 400 MB more of the worker's 1 GB.
READ_MAX_SIDE = 3600
# onnxruntime, OpenCV and OpenBLAS threads per engine: fzcheck already checks files in parallel
# worker processes. OpenBLAS (under numpy and OpenCV) also reserves 180 MB of the worker's 1 GB
# address space for threads of its own unless told it has one.
OCR_THREADS = 1
# Text is found on the page scaled down to this longest side (A4 at about 110 dpi: body text is
# still 15 px high), and read from the page at full size. Finding text at full size takes three
# times as long and 400 MB more memory (a worker process has 1 GB), and finds nothing more.
DETECT_MAX_SIDE = 1280
# Lines read at a time: RapidOCR pads a batch to its widest line, and a batch of six full lines
# takes three times as long and 500 MB more memory as reading them one by one.
READ_BATCH = 1

NOTICE = "本文件为图片，文字由文字识别（OCR）得到，可能有个别识别错误；引用原文时请以原件为准。"

_PAGE_NUMBER = re.compile(
    r"^[-—–－一_·.•\s]*(?:\d{1,4}|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4})[-—–－一_·.•\s]*$"
)
# Fragments are joined without a space (Chinese has none), except two Latin words; a number the
# line broke in two is joined again ("1" + "8件" is "18件").
_LATIN_END = re.compile(r"[A-Za-z]$")
_LATIN_START = re.compile(r"^[A-Za-z]")
_WORDLIKE = re.compile(r"[\w\u4e00-\u9fff]")


# ---------------------------------------------------------------- the engine


@lru_cache(maxsize=1)
def ocr_available() -> bool:
    """Whether RapidOCR (the `ocr` extra) can be imported here; asked once per process."""
    os.environ.setdefault("OPENBLAS_NUM_THREADS", str(OCR_THREADS))  # read when numpy first loads OpenBLAS
    try:
        import rapidocr_onnxruntime  # noqa: F401
    except Exception:  # ImportError, or a library it loads (OpenCV, onnxruntime) that fails to
        return False
    return True


def needs_ocr_error() -> FzError:
    return FzError(
        "needs-ocr",
        "文件没有文字层（扫描件或图片），需要文字识别（OCR）才能检查：请安装 pip install 'fzcheck[ocr]'"
        "（或 .venv/bin/pip install -e '.[ocr]'），或提供 Word 版本",
        "the file has no text layer (a scan or an image) and needs OCR: install it with "
        "pip install 'fzcheck[ocr]' (or .venv/bin/pip install -e '.[ocr]'), or provide the Word version",
    )


@lru_cache(maxsize=1)
def _engine():
    """RapidOCR, made once per process, quiet: its loggers and onnxruntime's would print."""
    if not ocr_available():
        raise needs_ocr_error()
    import cv2
    import onnxruntime

    cv2.setNumThreads(OCR_THREADS)

    onnxruntime.set_default_logger_severity(4)  # fatal errors only: it would print warnings to stderr
    for name in ("RapidOCR", "OrtInferSession"):
        logging.getLogger(name).disabled = True
    from rapidocr_onnxruntime import RapidOCR

    # Every box is kept (text_score 0) and judged here by MIN_CONFIDENCE; no rotation classifier:
    # printed lines are upright, and it costs a fifth of the time.
    return RapidOCR(intra_op_num_threads=OCR_THREADS, inter_op_num_threads=1, use_cls=False, text_score=0.0,
                    rec_batch_num=READ_BATCH)


def _recognised(image) -> list[tuple[list[list[float]], str, float]]:
    """(corner points, text, confidence) of every box found on the page: found on the page scaled
    down to DETECT_MAX_SIDE, read at full size (RapidOCR's own steps, run with two scales)."""
    import numpy as np

    engine = _engine()
    page = _without_seals(np.ascontiguousarray(np.asarray(_rgb(image))[:, :, ::-1]))  # OpenCV's BGR, as RapidOCR takes
    scale = min(1.0, DETECT_MAX_SIDE / max(page.shape[:2]))
    found, _ = engine.text_det(_scaled(page, scale))
    if found is None or len(found) == 0:
        return []
    boxes = [np.asarray(box, dtype="float32") / scale for box in engine.sorted_boxes(found)]
    read, _ = engine.text_rec(engine.get_crop_img_list(page, boxes))
    return [(box.tolist(), str(text), float(score)) for box, (text, score, *_) in zip(boxes, read)]


def _without_seals(page):
    """The page with round red seals dropped out, as a scanner's red filter drops them: within a
    seal, each pixel keeps only its red, scaled so that the seal's ink is paper white and the
    black type stamped over stays black (JPEG's blurred colours around the type with it)."""
    import cv2
    import numpy as np

    blue, green, red = cv2.split(page)
    ink = cv2.subtract(red, cv2.max(green, blue)) > RED_INK_MARGIN  # saturating, in bytes: no wider copies
    if not ink.any():
        return page
    width = page.shape[1]
    reach = max(int(width * SEAL_WIDTH_SHARE[0] / 8), 1)  # joins a seal's ring, star and characters into one patch
    patches = cv2.dilate(ink.astype("uint8"), np.ones((reach, reach), "uint8"))
    count, _, stats, _ = cv2.connectedComponentsWithStats(patches, connectivity=8)
    for x, y, w, h, _area in stats[1:count]:
        if _seal_shaped(w, h, width):
            level = max(float(np.median(red[y:y + h, x:x + w][ink[y:y + h, x:x + w]])), 1.0)
            dropped = cv2.convertScaleAbs(red[y:y + h, x:x + w], alpha=255.0 / level)  # saturates at 255
            page[y:y + h, x:x + w] = dropped[:, :, None]
    return page


def _seal_shaped(w: int, h: int, page_width: int) -> bool:
    low, high = SEAL_WIDTH_SHARE
    return low * page_width <= max(w, h) <= high * page_width and max(w, h) <= SEAL_ROUNDNESS * min(w, h)


def _scaled(page, scale: float):
    import cv2

    if scale >= 1.0:
        return page
    height, width = page.shape[:2]
    return cv2.resize(page, (max(round(width * scale), 1), max(round(height * scale), 1)), interpolation=cv2.INTER_AREA)


def _rgb(image):
    """The page as 8-bit RGB on white: 16-bit scans scaled down, transparency laid on paper."""
    from PIL import Image

    if image.mode in ("I", "I;16", "I;16B", "I;16L", "F"):
        import numpy as np

        values = np.asarray(image, dtype="float64")
        top = values.max() or 1.0
        image = Image.fromarray((values * (255.0 / top)).clip(0, 255).astype("uint8"))
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        paper = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(paper, rgba).convert("RGB")
    return image if image.mode == "RGB" else image.convert("RGB")


# ---------------------------------------------------------------- one page


@dataclass
class _Box:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str

    @property
    def height(self) -> float:
        return self.y1 - self.y0


@dataclass
class _Block:
    """A column (or the page): where its lines start and end, its type size and its line pitch."""

    left: float
    right: float
    em: float
    pitch: float


@dataclass
class _Line(_Box):
    block: Optional[_Block] = None

    def indent(self) -> float:
        return (self.x0 - self.block.left) / self.block.em

    def short_by(self) -> float:
        return (self.block.right - self.x1) / self.block.em

    def set_apart(self) -> bool:
        return self.indent() > SET_APART_EMS

    def centred(self) -> bool:
        room = min(self.indent(), self.short_by())
        return room > CENTRED_ROOM_EMS and abs(self.indent() - self.short_by()) <= CENTRED_EMS

    def wide(self) -> bool:
        return self.x1 - self.x0 >= WIDE_SHARE * (self.block.right - self.block.left)


@dataclass
class _Paragraph:
    text: str
    first: _Line
    last: _Line


def recognise_page(image, page: int, progress: Optional[Progress] = None) -> list[SourceLine]:
    """The paragraphs on one page image (a PIL image), in reading order."""
    return [_source_line(paragraph, page) for paragraph in _page_paragraphs(image, page, progress)]


def recognise_pages(images: Iterable, first_page: int = 1, progress: Optional[Progress] = None) -> list[SourceLine]:
    """The paragraphs of several pages in order; a paragraph a page break cut is joined again."""
    out: list[SourceLine] = []
    tail: Optional[_Line] = None  # the last line read so far
    for page, image in enumerate(images, start=first_page):
        paragraphs = _page_paragraphs(image, page, progress)
        if tail is not None and paragraphs and _runs_on(tail, paragraphs[0].first):
            out[-1].text += _glue(out[-1].text, paragraphs[0].text) + paragraphs[0].text
            tail = paragraphs.pop(0).last
        out.extend(_source_line(paragraph, page) for paragraph in paragraphs)
        tail = paragraphs[-1].last if paragraphs else tail
    return out


def _source_line(paragraph: _Paragraph, page: int) -> SourceLine:
    return SourceLine(paragraph.text, page=page, recognised=True)


def _page_paragraphs(image, page: int, progress: Optional[Progress]) -> list[_Paragraph]:
    started = time.perf_counter()
    height = image.size[1]
    boxes = [box for box in _boxes(_recognised(image)) if not _page_number(box, height)]
    lines = [line for line in _reading_order(boxes) if not _page_number(line, height) and _WORDLIKE.search(line.text)]
    paragraphs = _paragraphs(lines)
    report = progress or PAGE_PROGRESS.get()
    if report is not None:
        report(page, time.perf_counter() - started)
    return paragraphs


# ---------------------------------------------------------------- boxes


def _boxes(found: list[tuple[list[list[float]], str, float]]) -> list[_Box]:
    """Confident, level boxes, turned by the page's own slant so that rows run straight across."""
    sure = [(points, text.strip()) for points, text, score in found if score >= MIN_CONFIDENCE and text.strip()]
    if not sure:
        return []
    slant = _page_slant([points for points, _ in sure])
    boxes = []
    for points, text in sure:
        if abs(_angle(points) - slant) <= MAX_SLANT_DEGREES:
            boxes.append(_upright(points, text, slant))
    return boxes


def _angle(points: list[list[float]]) -> float:
    """The direction of a box's top edge, in degrees (0: level; positive: rising to the right on screen)."""
    (x0, y0), (x1, y1) = points[0][:2], points[1][:2]
    return math.degrees(math.atan2(y0 - y1, x1 - x0)) if x1 != x0 or y1 != y0 else 0.0


def _page_slant(all_points: list[list[list[float]]]) -> float:
    """The slant of the scan: the median angle of the long boxes (lines of text), 0 if none."""
    angles = [_angle(points) for points in all_points if _long(points)]
    return median(angles) if angles else 0.0


def _long(points: list[list[float]]) -> bool:
    (x0, y0), (x1, y1), (x2, y2) = points[0][:2], points[1][:2], points[2][:2]
    return math.hypot(x1 - x0, y1 - y0) > 4 * math.hypot(x2 - x1, y2 - y1)


def _upright(points: list[list[float]], text: str, slant: float) -> _Box:
    """The box's bounds once the page is turned back by `slant` degrees (about the origin)."""
    turn = math.radians(slant)
    cos, sin = math.cos(turn), math.sin(turn)
    xs = [x * cos - y * sin for x, y in (p[:2] for p in points)]
    ys = [x * sin + y * cos for x, y in (p[:2] for p in points)]
    return _Box(min(xs), min(ys), max(xs), max(ys), text)


# ---------------------------------------------------------------- lines and columns


def _reading_order(boxes: list[_Box]) -> list[_Line]:
    """Lines in the order a person reads them: column by column between full-width rows."""
    if not boxes:
        return []
    gutter = _gutter(boxes)
    if gutter is None:
        return _lines(boxes)
    page = _measure(_rows(boxes))
    spanning = _lines([b for b in boxes if b.x0 < gutter < b.x1], page)
    left = [b for b in boxes if b.x1 <= gutter]
    right = [b for b in boxes if b.x0 >= gutter]
    ordered: list[_Line] = []
    for row in spanning + [None]:
        limit = row.y0 if row is not None else math.inf
        ordered += _lines([b for b in left if _centre_y(b) < limit]) + _lines([b for b in right if _centre_y(b) < limit])
        left = [b for b in left if _centre_y(b) >= limit]
        right = [b for b in right if _centre_y(b) >= limit]
        if row is not None:
            ordered.append(row)
    return ordered


def _centre_y(box: _Box) -> float:
    return (box.y0 + box.y1) / 2


def _lines(boxes: list[_Box], block: Optional[_Block] = None) -> list[_Line]:
    """Boxes on the same row joined left to right, rows top to bottom, in `block` or measured as one."""
    lines = _rows(boxes)
    block = block or _measure(lines)
    for line in lines:
        line.block = block
    return lines


def _rows(boxes: list[_Box]) -> list[_Line]:
    rows: list[list[_Box]] = []
    for box in sorted(boxes, key=_centre_y):
        if rows and _same_row(rows[-1], box):
            rows[-1].append(box)
        else:
            rows.append([box])
    return [_joined(sorted(row, key=lambda b: b.x0)) for row in rows]


def _same_row(row: list[_Box], box: _Box) -> bool:
    top, bottom = min(b.y0 for b in row), max(b.y1 for b in row)
    overlap = min(bottom, box.y1) - max(top, box.y0)
    return overlap >= LINE_OVERLAP * min(box.height, bottom - top)


def _joined(row: list[_Box]) -> _Line:
    text = row[0].text
    for box in row[1:]:
        text += _glue(text, box.text) + box.text
    return _Line(min(b.x0 for b in row), min(b.y0 for b in row), max(b.x1 for b in row), max(b.y1 for b in row), text)


def _measure(lines: list[_Line]) -> _Block:
    """The margins (the leftmost start and the rightmost end two lines share), type size and pitch."""
    em = max(median(line.height for line in lines), 1.0) if lines else 1.0
    left = _shared_edge(sorted(line.x0 for line in lines), em)
    right = -_shared_edge(sorted(-line.x1 for line in lines), em)
    steps = [b.y0 - a.y0 for a, b in zip(lines, lines[1:]) if 0 < b.y0 - a.y0 < 3 * em]
    return _Block(left, max(right, left + em), em, median(steps) if steps else 1.5 * em)


def _shared_edge(values: list[float], em: float) -> float:
    """The first of the sorted `values` that another is within half a character of (else the first)."""
    shared = [a for a, b in zip(values, values[1:]) if b - a <= em / 2]
    return shared[0] if shared else (values[0] if values else 0.0)


def _gutter(boxes: list[_Box]) -> Optional[float]:
    """Where two columns divide, or None for a page of one column."""
    left, right = min(b.x0 for b in boxes), max(b.x1 for b in boxes)
    width = right - left
    em = median(b.height for b in boxes)
    low, high = (left + share * width for share in GUTTER_ZONE)
    candidates = [low + step * em / 2 for step in range(int((high - low) / (em / 2)) + 1)]
    if not candidates:
        return None
    best = min(candidates, key=lambda x: (sum(b.x0 < x < b.x1 for b in boxes), abs(x - (left + right) / 2)))
    if sum(b.x0 < best < b.x1 for b in boxes) > MAX_SPANNING_SHARE * len(boxes):
        return None
    if not (_column(boxes, left, best) and _column(boxes, best, right)):
        return None
    return best


def _column(boxes: list[_Box], start: float, end: float) -> bool:
    """Do the boxes wholly between `start` and `end` form a column of text?"""
    inside = [b for b in boxes if b.x0 >= start and b.x1 <= end]
    rows = _rows(inside)
    if len(rows) < MIN_COLUMN_ROWS:
        return False
    return median(line.x1 - line.x0 for line in rows) >= MIN_COLUMN_FILL * (max(line.x1 for line in rows) - min(line.x0 for line in rows))


def _page_number(box: _Box, height: float) -> bool:
    in_margin = box.y1 < height * MARGIN_SHARE or box.y0 > height * (1 - MARGIN_SHARE)
    return in_margin and bool(_PAGE_NUMBER.match(box.text))


# ---------------------------------------------------------------- paragraphs


def _paragraphs(lines: list[_Line]) -> list[_Paragraph]:
    out: list[_Paragraph] = []
    for line in lines:
        if out and _continues(out[-1].last, line):
            out[-1].text += _glue(out[-1].text, line.text) + line.text
            out[-1].last = line
        else:
            out.append(_Paragraph(line.text, line, line))
    return out


def _glue(before: str, after: str) -> str:
    return " " if _LATIN_END.search(before) and _LATIN_START.match(after) else ""


def _continues(previous: _Line, line: _Line) -> bool:
    """Is `line` the rest of the paragraph that `previous` belongs to?"""
    if previous.block is not line.block:  # the foot of one column, the head of the next
        return _runs_on(previous, line)
    if line.y0 - previous.y0 > PARAGRAPH_GAP * line.block.pitch:
        return False
    if previous.set_apart() or line.set_apart():
        return previous.centred() and line.centred() and previous.wide() and _same_size(previous, line)
    return _runs_on(previous, line)


def _runs_on(previous: _Line, line: _Line) -> bool:
    """`previous` reaches the right margin and `line` starts at the left one, not indented."""
    if previous.set_apart() or line.set_apart():
        return False
    return previous.short_by() <= SHORT_END_EMS and line.indent() <= INDENT_EMS


def _same_size(a: _Line, b: _Line) -> bool:
    return 0.8 <= a.height / max(b.height, 1.0) <= 1.25


# ---------------------------------------------------------------- image files


def read_image(path: str, data: bytes) -> Source:
    """A page image file (PNG, JPEG, BMP, TIFF with one or many pages), read by OCR.

    Every page's size is checked from the headers before any is decoded; pages are then decoded
    one at a time, as they are read (a TIFF of a hundred pages is never in memory at once).
    """
    with _image_errors():
        image = _open(data)
        count = _page_count(image)
        first = _page(image, 0)  # decoded now: a damaged file says so before OCR is asked for
    if not ocr_available():
        raise needs_ocr_error()
    lines = recognise_pages(_decoded(image, first, count))
    if not any(line.text.strip() for line in lines):
        raise FzError("no-text", "图片中没有识别出文字，请确认这是报告的扫描页，或提供 Word 版本",
                      "no text was recognised in the image; is it a scanned report page? Or provide the Word version")
    return Source(path=path, format="image", lines=lines, notices=[NOTICE])


def _open(data: bytes):
    from PIL import Image

    return Image.open(io.BytesIO(data))


def _page_count(image) -> int:
    """How many pages (TIFF frames; other formats: one), each of a size checked from its header."""
    if image.format != "TIFF":
        _check_pixels(image.size)
        return 1
    count = 0
    while True:
        try:
            image.seek(count)
        except EOFError:
            return count
        _check_pixels(image.size)
        count += 1
        if count > MAX_IMAGE_PAGES:
            raise _too_many_pages()


def _decoded(image, first, count: int) -> Iterator:
    yield first
    for index in range(1, count):
        with _image_errors():
            page = _page(image, index)
        yield page


def _page(image, index: int):
    """Page `index`, decoded, turned upright as its EXIF says, at most READ_MAX_SIDE long."""
    from PIL import ImageOps

    image.seek(index)
    image.load()
    page = ImageOps.exif_transpose(image) if image.getexif() else image.copy()
    factor = math.ceil(max(page.size) / READ_MAX_SIDE)
    if factor <= 1:
        return page
    if page.mode in ("1", "P", "I;16", "I;16B", "I;16L"):  # modes Pillow cannot reduce
        page = _rgb(page)
    return page.reduce(factor)


@contextmanager
def _image_errors() -> Iterator[None]:
    """Pillow's many ways of failing, as one clear FzError each."""
    from PIL import Image

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Pillow warns of odd EXIF or TIFF tags on stderr; nothing is printed
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            yield
        except FzError:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning, MemoryError):
            raise _too_large(None) from None
        except Exception:  # UnidentifiedImageError, a truncated file (OSError), a bad header (SyntaxError, …)
            raise _damaged() from None


def _check_pixels(size: tuple[int, int]) -> None:
    width, height = size
    if width * height > MAX_PAGE_PIXELS:
        raise _too_large(size)
    if width <= 0 or height <= 0:
        raise _damaged()


def _too_large(size: Optional[tuple[int, int]]) -> FzError:
    shown = f"{size[0]:,}×{size[1]:,} 像素" if size else "像素过多"
    return FzError(
        "image-too-large",
        f"图片尺寸过大（{shown}，上限 {MAX_PAGE_PIXELS // 1_000_000} 百万像素），不像是扫描的报告页，已拒绝读取；"
        "请以 300 dpi 左右重新扫描",
        f"the image is too large ({'%d×%d pixels' % size if size else 'too many pixels'}; the limit is "
        f"{MAX_PAGE_PIXELS // 1_000_000} million) for a scanned page; refused. Scan it again at about 300 dpi",
    )


def _too_many_pages() -> FzError:
    return FzError("image-too-many-pages", f"图片超过 {MAX_IMAGE_PAGES} 页，远超一份报告，已拒绝读取",
                   f"the image has more than {MAX_IMAGE_PAGES} pages, far more than a report; refused")


def _damaged() -> FzError:
    return FzError("image-corrupt", "图片文件已损坏或格式不正确，无法读取",
                   "the image file is damaged or not a valid image")


__all__ = ["ocr_available", "needs_ocr_error", "recognise_page", "recognise_pages", "read_image", "NOTICE",
           "PAGE_PROGRESS", "Progress"]
