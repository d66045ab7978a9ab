"""PDF with a text layer: lines in reading order, page numbers kept, layout undone.

Running headers, footers and page numbers that repeat on every page are
dropped; lines the layout broke are joined back into paragraphs, but a line
that starts with a heading number, or follows a short line, starts anew.

A PDF is a program, and a hostile one makes pdfminer loop or fill the memory:
a stream whose /Length refers to the stream itself, references that refer to
each other, form XObjects that each draw the next ten times, a few KB of Flate
that inflate to gigabytes, a character map with four billion entries, a page
of a hundred thousand words. Reading is therefore bounded by the limits below,
which count work and never the clock (a result does not depend on the machine);
past one, the PDF is refused with a clear error. A report of a few hundred pages
stays far inside every limit.
"""

from __future__ import annotations

import contextvars
import functools
import io
import logging
import re
import zlib
from collections import Counter
from dataclasses import dataclass
from statistics import median
from typing import Iterator, Optional

from pdfminer import pdftypes
from pdfminer.cmapdb import CMapBase, FileCMap, FileUnicodeMap
from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LAParams, LTChar, LTTextLine
from pdfminer.lzw import LZWDecoder
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfexceptions import PDFNotImplementedError, PDFObjectNotFound
from pdfminer.pdfinterp import PDFContentParser, PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.psparser import PSBaseParser
from pdfminer.utils import MATRIX_IDENTITY

from checker.errors import FzError
from checker.document.ingest.limits import MAX_LINES, MAX_TEXT_CHARS, too_complex, too_long, too_many_lines
from checker.document.ingest.source import Source, SourceLine

MAX_PAGES = 2_000  # a report has tens of pages
MAX_DECODED_BYTES = 64 * 1024 * 1024  # all streams of one PDF decompressed, fonts included (a report: a few MB)
MAX_PREDICTOR_BYTES = 8 * 1024 * 1024  # one stream through a PNG/TIFF predictor (pure Python, ~1 s per 4 MB)
# Page and form content interpreted, a form again each time it is drawn. pdfminer reads 0.2 to 1 MB
# of content a second; a 300-page report has 1 to 5 MB.
MAX_CONTENT_BYTES = 8 * 1024 * 1024
MAX_FORM_DEPTH = 12  # form XObjects drawn inside form XObjects
MAX_FORM_DRAWS = 5_000  # form XObjects drawn in one PDF (a logo or a watermark on every page; ~0.5 ms each)
MAX_PAGE_OBJECTS = 50_000  # characters, images and forms drawn on one page (a dense A4 page: ~3,000)
MAX_CMAP_ENTRIES = 500_000  # character-map entries of all fonts together (a CJK font: ~30,000)
MAX_OBJECT_LOOKUPS = 500_000  # look-ups of indirect objects, ~2 µs each (a 300-page report: a few thousand)
MAX_OBJECT_READS = 50_000  # objects parsed or looked for in vain, ~50 µs each (a report: a few thousand)
# One token of PDF syntax (a string, a name, a comment). pdfminer builds a token piece by piece,
# copying what it has each time: a 24 MB string takes 9 s in 4 KB pieces, and a string of octal
# escapes (one byte a piece) goes quadratic from about 100 KB. A report's longest is a line of text.
MAX_TOKEN_BYTES = 64 * 1024
# Above this many text lines on one page, pdfminer's grouping of lines into boxes (quadratic in
# the lines) is skipped: the page's lines are the same, kept in the order they were drawn.
MAX_LAYOUT_LINES = 500

MARGIN_SHARE = 0.09  # top and bottom share of a page where running headers live
_PAGE_NUMBER = re.compile(r"^\s*(?:[-—–·\s]*\d{1,4}[-—–·\s]*|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+|Page\s*\d+(?:\s*of\s*\d+)?)\s*$", re.I)
_STARTS_NEW = re.compile(
    r"^\s*(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]{1,3}\s*[、.．]|[（(]\s*[一二三四五六七八九十\d]{1,3}\s*[)）]|"
    r"\d{1,2}\s*[.、．](?!\d)|[①-⑳]|[一二三四五六七八九十]{1,3}是)"
)


@dataclass
class _Line:
    page: int
    x0: float
    x1: float
    top: float
    text: str
    char_width: float


def read_pdf(path: str, data: bytes) -> Source:
    pages, heights = _extract(data)
    if not any(line.text.strip() for page in pages for line in page):
        raise FzError(
            "needs-ocr",
            "PDF 中没有可提取的文字（可能是扫描件），需要先做文字识别（OCR）或提供 Word 版本",
            "the PDF has no text layer (probably scanned); run OCR first or provide the .docx",
        )
    pages = _drop_running_lines(pages, heights)
    return Source(path=path, format="pdf", lines=_paragraphs(pages))


def _extract(data: bytes) -> tuple[list[list[_Line]], list[float]]:
    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # it logs every odd font to stderr
    _install_guards()
    budget = _Budget()
    token = _BUDGET.set(budget)
    try:
        pages, heights = [], []
        chars = count = 0
        for number, layout in enumerate(_layouts(data, budget), start=1):
            lines = [
                _Line(number, item.x0, item.x1, layout.height - item.y1, item.get_text().strip(), _char_width(item))
                for item in _walk(layout, LTTextLine)
                if item.get_text().strip()
            ]
            lines.sort(key=lambda line: (round(line.top / 3), line.x0))
            chars += sum(len(line.text) for line in lines)
            count += len(lines)
            if chars > MAX_TEXT_CHARS:
                raise too_long(chars, at_least=True)
            if count > MAX_LINES:
                raise too_many_lines(count, at_least=True)
            pages.append(lines)
            heights.append(layout.height)
        return pages, heights
    except FzError:
        raise
    except Exception as exc:
        raise _pdf_error(exc) from None
    finally:
        _BUDGET.reset(token)


def _layouts(data: bytes, budget: "_Budget") -> Iterator:
    """pdfminer's `extract_pages`, with the guarded document, interpreter and device."""
    document = _Document(PDFParser(io.BytesIO(data)), budget, password="", caching=True)
    resources = PDFResourceManager(caching=True)
    device = _Device(resources, laparams=LAParams(line_margin=0.3))
    interpreter = _Interpreter(resources, device, budget)
    for number, page in enumerate(PDFPage.create_pages(document), start=1):
        if number > MAX_PAGES:
            raise too_complex(f"超过 {MAX_PAGES:,} 页", f"more than {MAX_PAGES:,} pages")
        interpreter.process_page(page)
        yield device.get_result()


def _walk(item, kind):
    if isinstance(item, kind):
        yield item
        return
    for child in getattr(item, "_objs", []) or []:
        yield from _walk(child, kind)


def _char_width(line) -> float:
    text = line.get_text().strip()
    return (line.x1 - line.x0) / max(len(text), 1)


def _pdf_error(exc: Exception) -> FzError:
    name = type(exc).__name__
    if "Password" in name or "Encrypt" in name or "Extraction" in name:
        return FzError(
            "encrypted",
            "PDF 已加密或禁止提取文字，请提供未加密的版本",
            "the PDF is encrypted or forbids text extraction; provide an unencrypted copy",
        )
    if isinstance(exc, MemoryError):
        return too_complex("读取时内存不足", "reading it ran out of memory")
    if isinstance(exc, RecursionError):
        return too_complex("对象嵌套过深", "objects nested too deeply")
    return FzError(
        "corrupt",
        "PDF 文件已损坏或格式不正确，无法读取",
        "the PDF is damaged or not a valid PDF",
    )


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def _drop_running_lines(pages: list[list[_Line]], heights: list[float]) -> list[list[_Line]]:
    """Remove page numbers and headers/footers that repeat across pages."""
    marginal = Counter()
    for page, height in zip(pages, heights, strict=False):
        seen = {_shape(line.text) for line in page if _in_margin(line, height)}
        marginal.update(seen)
    repeated = {shape for shape, count in marginal.items() if len(pages) >= 2 and count >= max(2, len(pages) // 2)}
    kept = []
    for page, height in zip(pages, heights, strict=False):
        kept.append([
            line for line in page
            if not (_in_margin(line, height) and (_PAGE_NUMBER.match(line.text) or _shape(line.text) in repeated))
        ])
    return kept


def _in_margin(line: _Line, height: float) -> bool:
    return line.top < height * MARGIN_SHARE or line.top > height * (1 - MARGIN_SHARE)


def _paragraphs(pages: list[list[_Line]]) -> list[SourceLine]:
    lines = [line for page in pages for line in page]
    if not lines:
        return []
    left = _mode([round(line.x0) for line in lines])
    right = max(line.x1 for line in lines)
    width = median(line.char_width for line in lines) or 10.0
    out: list[SourceLine] = []
    previous: Optional[_Line] = None
    for line in lines:
        if previous is not None and _continues(previous, line, left, right, width):
            out[-1].text += line.text
        else:
            out.append(SourceLine(line.text, page=line.page))
        previous = line
    return out


def _continues(previous: _Line, line: _Line, left: float, right: float, width: float) -> bool:
    """Is `line` the rest of the paragraph `previous` belongs to?"""
    if _STARTS_NEW.match(line.text):
        return False
    if previous.x1 < right - 4 * width:  # the previous line stopped short: its paragraph ended
        return False
    return line.x0 <= left + 0.8 * width  # an indented line starts a paragraph


def _mode(values: list[int]) -> float:
    return Counter(values).most_common(1)[0][0]


# --------------------------------------------------------------------------- bounds on pdfminer


class _Budget:
    """The work one PDF has done so far, against the limits at the top of this module."""

    def __init__(self) -> None:
        self.decoded = 0
        self.content = 0
        self.forms = 0
        self.cmap = 0
        self.lookups = 0
        self.reads = 0

    def room(self) -> int:
        return MAX_DECODED_BYTES - self.decoded

    def decode(self, size: int) -> None:
        self.decoded += size
        if self.decoded > MAX_DECODED_BYTES:
            raise FzError(
                "decompression-bomb",
                f"PDF 中的数据流解压后超过 {MAX_DECODED_BYTES // 1048576} MB（疑似压缩炸弹），已拒绝读取",
                f"the PDF's streams would decompress to more than {MAX_DECODED_BYTES // 1048576} MB "
                "(a decompression bomb); refused",
            )

    def interpret(self, size: int, form: bool) -> None:
        self.content += size
        if form:
            self.forms += 1
            if self.forms > MAX_FORM_DRAWS:
                raise too_complex(f"绘制表单对象超过 {MAX_FORM_DRAWS:,} 次", f"more than {MAX_FORM_DRAWS:,} form XObjects drawn")
        if self.content > MAX_CONTENT_BYTES:
            raise too_complex(f"页面绘制指令超过 {MAX_CONTENT_BYTES // 1048576} MB",
                              f"more than {MAX_CONTENT_BYTES // 1048576} MB of drawing instructions")

    def cmap_entry(self) -> None:
        self.cmap += 1
        if self.cmap > MAX_CMAP_ENTRIES:
            raise too_complex(f"字体字符映射表超过 {MAX_CMAP_ENTRIES:,} 项", f"font character maps with more than {MAX_CMAP_ENTRIES:,} entries")

    def lookup(self, read: bool) -> None:
        self.lookups += 1
        self.reads += read
        if self.lookups > MAX_OBJECT_LOOKUPS or self.reads > MAX_OBJECT_READS:
            raise too_complex("查找对象的次数过多（可能是循环引用或虚报的对象数）",
                              "too many object look-ups (references in a loop, or a false object count)")


# The budget of the PDF being read in this thread; None outside `_extract`, where pdfminer is left as it is.
_BUDGET: contextvars.ContextVar[Optional[_Budget]] = contextvars.ContextVar("fzcheck_pdf_budget", default=None)


class _Document(PDFDocument):
    """Counts object look-ups (references in a loop are looked up forever), and reads an object
    that is needed to read itself as missing (a stream whose /Length refers to the stream itself
    is otherwise parsed again and again)."""

    def __init__(self, parser: PDFParser, budget: _Budget, **kwargs) -> None:
        self._budget = budget
        self._reading: set[int] = set()
        super().__init__(parser, **kwargs)

    def getobj(self, objid: int) -> object:
        self._budget.lookup(read=objid not in getattr(self, "_cached_objs", ()))
        if objid in self._reading:
            # Needed to read itself: a stream's /Length refers to the stream. Until the outermost
            # look-up ends, streams are read up to `endstream`, as pdfminer reads a damaged file.
            self._parser.fallback = True
            raise PDFObjectNotFound(objid)
        outermost, fallback = not self._reading, self._parser.fallback
        self._reading.add(objid)
        try:
            return super().getobj(objid)
        finally:
            self._reading.discard(objid)
            if outermost:
                self._parser.fallback = fallback


class _Interpreter(PDFPageInterpreter):
    """Counts the content interpreted (forms each time they are drawn) and bounds form nesting."""

    def __init__(self, resources: PDFResourceManager, device, budget: _Budget, depth: int = 0) -> None:
        super().__init__(resources, device)
        self.budget = budget
        self.depth = depth

    def dup(self) -> "_Interpreter":  # pdfminer calls this to draw a form XObject
        return _Interpreter(self.rsrcmgr, self.device, self.budget, self.depth + 1)

    def render_contents(self, resources, streams, ctm=MATRIX_IDENTITY) -> None:
        if self.depth > MAX_FORM_DEPTH:
            raise too_complex(f"表单对象嵌套超过 {MAX_FORM_DEPTH} 层", f"form XObjects nested more than {MAX_FORM_DEPTH} deep")
        size = 0
        for item in pdftypes.list_value(streams):
            stream = pdftypes.resolve1(item)
            if isinstance(stream, pdftypes.PDFStream):
                size += len(stream.get_data())
        self.budget.interpret(size, form=self.depth > 0)
        super().render_contents(resources, streams, ctm=ctm)


class _Device(PDFPageAggregator):
    """pdfminer's page layout, bounded: objects per page counted, lines and shapes not kept,
    and a page of very many lines not put through the quadratic grouping into boxes."""

    def begin_page(self, page, ctm) -> None:
        self.objects = 0
        super().begin_page(page, ctm)

    def _count(self) -> None:
        self.objects += 1
        if self.objects > MAX_PAGE_OBJECTS:
            raise too_complex(f"第 {self.pageno} 页的文字和图形对象超过 {MAX_PAGE_OBJECTS:,} 个",
                              f"page {self.pageno} draws more than {MAX_PAGE_OBJECTS:,} characters and objects")

    def render_char(self, *args, **kwargs) -> float:
        self._count()
        return super().render_char(*args, **kwargs)

    def render_image(self, *args, **kwargs) -> None:
        self._count()
        super().render_image(*args, **kwargs)

    def begin_figure(self, *args, **kwargs) -> None:
        self._count()
        super().begin_figure(*args, **kwargs)

    def paint_path(self, *args, **kwargs) -> None:
        """Lines and shapes never change the text that is read, and a page can draw millions."""

    def end_page(self, page) -> None:
        layout = self.cur_item
        chars = [item for item in layout if isinstance(item, LTChar)]
        lines = [line for line in layout.group_objects(self.laparams, chars) if not line.is_empty()] if chars else []
        if len(lines) <= MAX_LAYOUT_LINES:
            super().end_page(page)
            return
        lines.sort(key=lambda line: -line.y1)  # top down, as pdfminer orders the lines of a box
        for line in lines:
            line.analyze(self.laparams)
        layout._objs = [*lines, *(item for item in layout if not isinstance(item, LTChar))]
        self.pageno += 1
        self.receive_layout(layout)


# ----------------------------------------------------------------- stream decoding within the budget

_CHUNK = 1024 * 1024
_IMAGE_ONLY = (*pdftypes.LITERALS_CCITTFAX_DECODE, *pdftypes.LITERALS_DCT_DECODE,
               *pdftypes.LITERALS_JBIG2_DECODE, *pdftypes.LITERALS_JPX_DECODE)


def _decode(stream: pdftypes.PDFStream) -> None:
    """pdfminer's `PDFStream.decode`, with every expanding filter counted against the budget.

    Image-only filters are not decoded (the text never needs their pixels), so a fax image
    declaring a billion columns costs nothing.
    """
    budget = _BUDGET.get()
    if budget is None:
        _ORIGINAL_DECODE(stream)
        return
    data = stream.rawdata
    if stream.decipher:
        data = stream.decipher(stream.objid, stream.genno, data, stream.attrs)
    for name, params in stream.get_filters():
        if name in pdftypes.LITERALS_FLATE_DECODE:
            data = _inflate(data, budget)
        elif name in pdftypes.LITERALS_LZW_DECODE:
            data = _unlzw(data, budget)
        elif name in pdftypes.LITERALS_ASCII85_DECODE:
            budget.decode(0) if len(data) + 3 * data.count(b"z") <= budget.room() else budget.decode(budget.room() + 1)
            data = pdftypes.ascii85decode(data)
            budget.decode(len(data))
        elif name in pdftypes.LITERALS_ASCIIHEX_DECODE:
            data = pdftypes.asciihexdecode(data)
            budget.decode(len(data))
        elif name in pdftypes.LITERALS_RUNLENGTH_DECODE:
            data = _unrunlength(data, budget)
        elif name in _IMAGE_ONLY:
            pass
        elif name == pdftypes.LITERAL_CRYPT:
            raise PDFNotImplementedError("/Crypt filter is unsupported")
        else:
            raise PDFNotImplementedError(f"Unsupported filter: {name!r}")
        if params and "Predictor" in params:
            data = _unpredict(data, params)
    stream.data = data
    stream.rawdata = None


_ORIGINAL_DECODE = pdftypes.PDFStream.decode


def _inflate(data: bytes, budget: _Budget) -> bytes:
    """Flate, a megabyte at a time; damaged data as pdfminer reads it (all that inflates before
    a damaged end, nothing when the damage comes earlier)."""
    inflater = zlib.decompressobj()
    parts = []
    pending = data
    try:
        while True:
            piece = inflater.decompress(pending, _CHUNK)
            budget.decode(len(piece))
            parts.append(piece)
            pending = inflater.unconsumed_tail
            if inflater.eof or not (piece or pending):
                break
    except zlib.error as exc:
        if "incorrect data check" not in str(exc):
            return b""
    return b"".join(parts)


def _unlzw(data: bytes, budget: _Budget) -> bytes:
    parts = []
    for piece in LZWDecoder(io.BytesIO(data)).run():
        budget.decode(len(piece))
        parts.append(piece)
    return b"".join(parts)


def _unrunlength(data: bytes, budget: _Budget) -> bytes:
    """RunLengthDecode (PDF 1.7, 7.4.5), as pdfminer's `rldecode`, counting what it produces."""
    out = bytearray()
    position, end = 0, len(data)
    while position < end:
        length = data[position]
        position += 1
        if length == 128:
            break
        if length < 128:
            if position + length + 1 > end:
                raise ValueError("run-length data ends inside a literal run")
            out += data[position:position + length + 1]
            position += length + 1
        else:
            if position >= end:
                raise ValueError("run-length data ends inside a repeated run")
            out += data[position:position + 1] * (257 - length)
            position += 1
        if len(out) > budget.room():
            budget.decode(len(out))
    budget.decode(len(out))
    return bytes(out)


def _unpredict(data: bytes, params: dict) -> bytes:
    predictor = pdftypes.int_value(params["Predictor"])
    if predictor == 1:
        return data
    if predictor != 2 and predictor < 10:
        raise PDFNotImplementedError(f"Unsupported predictor: {predictor!r}")
    if len(data) > MAX_PREDICTOR_BYTES:
        raise too_complex(f"带预测器的数据流超过 {MAX_PREDICTOR_BYTES // 1048576} MB",
                          f"a predictor-coded stream of more than {MAX_PREDICTOR_BYTES // 1048576} MB")
    colors = pdftypes.int_value(params.get("Colors", 1))
    columns = pdftypes.int_value(params.get("Columns", 1))
    bits = pdftypes.int_value(params.get("BitsPerComponent", 8))
    if predictor == 2:
        return pdftypes.apply_tiff_predictor(colors, columns, bits, data)
    # pdfminer allocates a row of `columns` bytes; a row wider than the data decodes the same
    # (one partial row), so an absurd width from a hostile file is cut down first.
    columns = min(columns, 8 * (len(data) + 1))
    return pdftypes.apply_png_predictor(predictor, colors, columns, bits, data)


def _counted(method):
    """A character-map method that counts each entry added against the budget."""

    @functools.wraps(method)
    def counted(self, *args, **kwargs):
        budget = _BUDGET.get()
        if budget is not None:
            budget.cmap_entry()
        return method(self, *args, **kwargs)

    counted.fzcheck_guard = True
    return counted


def _guarded_fillbuf(original):
    """A tokenizer's `fillbuf` (called at every step of a token), refusing a token that has grown
    past MAX_TOKEN_BYTES: a string left open swallows the rest of its stream, quadratically."""

    @functools.wraps(original)
    def fillbuf(parser) -> bool:
        if len(parser._curtoken) > MAX_TOKEN_BYTES and _BUDGET.get() is not None:
            raise too_complex(f"单个语法单元超过 {MAX_TOKEN_BYTES // 1024} KB",
                              f"a single token of more than {MAX_TOKEN_BYTES // 1024} KB")
        return original(parser)

    fillbuf.fzcheck_guard = True  # type: ignore[attr-defined]
    return fillbuf


def _install_guards() -> None:
    """Bound the places pdfminer offers no hook for, once per process.

    `PDFStream.decode` (streams are made deep inside the parser), the methods that add
    character-map entries (a CMap range of four billion codes is a loop of four billion), and
    the tokenizers' `fillbuf` (object streams, content and character maps get parsers of their own).
    They act only while a PDF is read here (`_BUDGET` set); elsewhere pdfminer is unchanged.
    """
    if getattr(pdftypes.PDFStream.decode, "fzcheck_guard", False):
        return
    _decode.fzcheck_guard = True  # type: ignore[attr-defined]
    for cls, name in ((CMapBase, "add_code2cid"), (CMapBase, "add_cid2unichr"),
                      (FileCMap, "add_code2cid"), (FileUnicodeMap, "add_cid2unichr")):
        setattr(cls, name, _counted(cls.__dict__[name]))
    for cls in (PSBaseParser, PDFContentParser):
        cls.fillbuf = _guarded_fillbuf(cls.__dict__["fillbuf"])
    pdftypes.PDFStream.decode = _decode
