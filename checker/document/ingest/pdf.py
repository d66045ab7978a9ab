"""PDF: the text layer read with PDFium (pypdfium2), lines in reading order, layout undone;
pages that are only a picture (scans) read by OCR when it is installed.

Characters come with their boxes and are put into lines by where they stand, not by the order
they are drawn in: LibreOffice draws a line's quotation marks after the rest of it. Running
headers, footers and page numbers that repeat on every page are dropped. Lines the layout broke
are joined back into paragraphs: a line starts a paragraph when the line above stopped short by
more than this line's first word needed (a browser carries a quoted phrase over whole), when it
is indented, set apart by space, set larger, or led by a heading number after a full line; a
line that starts with closing punctuation never does. Characters are handed on as the PDF has
them: compatibility ideographs (⼈⺠) are folded later, by the document.

PDFium is C, fast, and reads damaged files without looping, but it sets no bound on memory: a
few KB of Flate that inflate to gigabytes, or form XObjects that draw each other a hundred
million times, make it allocate until it aborts the process. So where the system can fork, PDFium
runs in a child process with an address-space limit, and a child that dies is a clear error
here; the process that reads, and the other files of a run, stay whole.
"""

from __future__ import annotations

import contextlib
import functools
from itertools import chain, count, groupby
import ctypes
import gc
import math
import os
import pickle
import re
import signal
import sys
import threading
import traceback
from collections import Counter
from dataclasses import dataclass, replace
from statistics import median
from typing import Callable, Iterator, Optional

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from checker.errors import FzError
from checker.document.ingest.layout import FULL_LINE, INDENT, PAGE_NUMBER as _PAGE_NUMBER, STARTS_NEW as _STARTS_NEW
from checker.document.ingest.layout import Line as _Line, mode as _mode, shape as _shape
from checker.document.ingest import limits
from checker.document.ingest.limits import TextTally, too_complex
from checker.document.ingest.source import Source, SourceLine

MAX_PAGES = 2_000  # a report has tens of pages
# Characters on one page: a dense A4 page has about 3,000, a table in small print under 10,000.
MAX_PAGE_CHARS = 30_000
# A page with fewer characters than this and a picture covering SCAN_SHARE of it is a scan (its
# few characters a page number or a scanner's mark).
MIN_PAGE_TEXT = 20
SCAN_SHARE = 0.3
MAX_SCAN_OBJECTS = 1_000  # objects looked at to decide whether a page is a scan
MIN_OUTLINE_PATHS = 50  # paths on a page without text that are text turned into outlines (a frame is a few)
OCR_DPI = 200  # enough for 10 pt Chinese (about 28 pixels a character)
MAX_RENDER_PIXELS = 12_000_000  # an A4 page at 200 dpi is 3.9 million; larger pages are rendered smaller
# The child reading a PDF may use this much more address space than the reader forked it with
# (a 300-page report takes PDFium about 200 MB), and this much CPU time.
CHILD_MEMORY = 1024 * 1024 * 1024
CHILD_CPU_SECONDS = 600

MARGIN_SHARE = 0.09  # top and bottom share of a page where running headers live
LINE_OVERLAP = 0.5  # characters share a line when their boxes overlap by half the smaller height
SMALL_IN_LINE = 0.25  # ... and by this share of the larger one
CHAR_MARGIN = 2.0  # a gap wider than this many character heights separates two runs (table cells)
WORD_GAP = 0.15  # a gap this wide (in character heights) between two Latin characters is a space
WIDE_GAP = 1.0  # ... and between any two characters
DOUBLE_STRIKE = 0.3  # the same character drawn again this close (share of its box) is bold, drawn twice
MAX_PITCH = 3.0  # lines of one paragraph are at most this many line heights apart, top to top
EDGE_LINES = 8  # a page with this many lines after full ones has margins of its own (mirrored margins)
DISPLAY_SIZE = 1.15  # characters this much larger than the body's are a title's or a large heading's
SPACED = 0.25  # a line this much (in character heights) further down than the pitch has space before it
ROOM = 0.5  # characters of slack when asking whether the next line's start would have fitted
LATIN_WIDTH = 0.55  # a Latin letter or digit, in Chinese characters
DESCENT = 0.12  # share of a Chinese character's em box below its baseline
# Lines whose leading width is remembered: each is asked twice, when the layout is measured and
# when the lines are joined (a report has a few thousand lines).
LINES_REMEMBERED = 8_192
TURN_SAMPLE = 40  # characters asked how they are turned, on each page
MAX_TURN = 5.0  # degrees a character may be turned from the page's text and still be part of it


# A run that is only a list number or a bullet: the tab after it is no column gap.
_MARKER_ONLY = re.compile(
    r"^\s*(?:[一二三四五六七八九十]{1,3}\s*[、.．]|[（(]\s*[一二三四五六七八九十\d]{1,3}\s*[)）]|\d{1,2}\s*[.、．]|"
    r"[①-⑳]|第[一二三四五六七八九十\d]+[章节条部分]|[•●■◆▪·-])\s*$"
)

# Chinese typesetting never starts a line with closing punctuation nor ends one with opening
# punctuation: a line that does so is the middle of a paragraph, whatever its position.
_CLOSING = "，。、；：？！”’）》」』】〕〉,;:)]"
_OPENING = "“‘（《「『【〔〈(["
_QUOTES = "“”‘’\"'"
_IDEOGRAPH = re.compile("[\u2e80-\u2fdf\u3400-\u9fff\uf900-\ufaff]")
_NOT_LATIN = re.compile(r"[^\x00-\x7f]")
_PIECE = re.compile(r"[^\s\x00-\x1f]+|[^\S\r\n]")  # a run between spaces and line breaks, or one space
_ATOM = re.compile(r"[A-Za-z0-9][A-Za-z0-9.,%/:+\-]*|.", re.S)  # a Latin word, or one character


@dataclass
class _Run(_Line):
    """A line of one PDF page, with the height of most of its characters (about their font size)."""

    size: float = 0.0


@dataclass
class _Page:
    """What the child read of one page: its lines, or that it is a picture to recognise."""

    number: int
    height: float
    lines: list[_Run]
    scanned: bool = False
    drawn: bool = True  # something other than text is drawn (when it has almost no text)
    unreadable: bool = False

    def packed(self) -> tuple:
        """The page as tuples of numbers and strings, to cross the pipe from the child: pickle
        makes and reads those three times faster than objects with their attribute dicts."""
        lines = [tuple(vars(line).values()) for line in self.lines]  # in the order of _Run's fields
        return self.number, self.height, lines, self.scanned, self.drawn, self.unreadable

    @classmethod
    def unpacked(cls, packed: tuple) -> "_Page":
        number, height, lines, scanned, drawn, unreadable = packed
        return cls(number, height, [_Run(*line) for line in lines], scanned, drawn, unreadable)


def read_pdf(path: str, data: bytes) -> Source:
    pages = _pages_of(data)
    notices: list[str] = []
    recognised = _recognise(data, pages, notices)
    unreadable = [page.number for page in pages if page.unreadable]
    if unreadable:
        notices.append(f"第 {_page_list(unreadable)} 页已损坏，无法读取，其余各页照常检查")
    lines = _assemble(pages, recognised)
    _leading_chars.cache_clear()  # it remembers this document's lines, of no use for the next
    if not any(line.text.strip() for line in lines):
        ocr = "，扫描页经文字识别（OCR）也未识别出文字" if recognised else "（只有页码、页眉这类每页重复的文字）"
        raise FzError("no-text", f"PDF 中没有可提取的正文文字{ocr}", "the PDF holds no text to check"
                      + (", and OCR found none on its scanned pages" if recognised else " (only page numbers or running heads)"))
    return Source(path=path, format="pdf", lines=lines, notices=notices)


def _recognise(data: bytes, pages: list[_Page], notices: list[str]) -> dict[int, list[SourceLine]]:
    """The scanned pages read by OCR, by page number. Without OCR they are left out with a notice,
    or, when no other page has text, the PDF is refused with what to install."""
    scanned = [page.number for page in pages if page.scanned]
    has_text = any(page.lines and not page.scanned for page in pages)
    if not scanned:
        if not has_text:
            raise _no_text(pages)
        return {}
    ocr = _ocr()
    if ocr is None:
        if not has_text:
            raise _needs_ocr()
        notices.append(f"第 {_page_list(scanned)} 页是图片（扫描页），未安装文字识别（OCR）组件，这些页未检查；"
                       "安装 fzcheck[ocr] 后可一并识别")
        return {}
    recognised: dict[int, list[SourceLine]] = {}
    with contextlib.closing(_contained(_render, data, scanned, OCR_DPI)) as images:
        # Consecutive scanned pages are read as one run, so a paragraph a page break cut is joined
        # again (as in a multi-page image); the run's lines stand at its first page.
        for _, run in groupby(images, key=lambda item, step=count(): item[0] - next(step)):
            first, image = next(run)
            numbers = [first]
            lines = ocr.recognise_pages(chain([image], _noting(run, numbers)), first_page=first)
            recognised.update({number: [] for number in numbers})
            recognised[first] = lines
    notices.append(f"第 {_page_list(scanned)} 页是扫描页，文字由文字识别（OCR）得到，可能有个别识别错误；"
                   "引用原文时请以原件为准")
    return recognised


def _noting(run: Iterator, numbers: list[int]) -> Iterator:
    """The images of a run of pages, noting each page's number as it goes by."""
    for number, image in run:
        numbers.append(number)
        yield image


def _assemble(pages: list[_Page], recognised: dict[int, list[SourceLine]]) -> list[SourceLine]:
    """Paragraphs of the text pages and of the recognised ones, in page order; a paragraph runs
    on over a page break between text pages only (a scan left unread parts the text around it)."""
    text_pages = [page for page in pages if page.number not in recognised]
    kept = dict(zip((page.number for page in text_pages),
                    _drop_running_lines([page.lines for page in text_pages], [page.height for page in text_pages]),
                    strict=True))
    out: list[SourceLine] = []
    pending: list[list[_Run]] = []
    for page in pages:
        if page.number in recognised or page.scanned:
            out.extend(_paragraphs(pending))
            out.extend(recognised[page.number] if page.number in recognised else _paragraphs([kept[page.number]]))
            pending = []
        else:
            pending.append(kept[page.number])
    out.extend(_paragraphs(pending))
    return out


def _page_list(numbers: list[int]) -> str:
    shown = "、".join(str(number) for number in numbers[:20])
    return shown + (f" 等 {len(numbers)} " if len(numbers) > 20 else "")


def _ocr():
    """The OCR module when its engine is installed, else None (asked only when a scan is met)."""
    try:
        from checker.document.ingest import ocr
    except ImportError:
        return None
    return ocr if ocr.ocr_available() else None


def _needs_ocr() -> FzError:
    try:
        from checker.document.ingest import ocr
    except ImportError:
        return FzError("needs-ocr", "PDF 中没有可提取的文字（可能是扫描件），需要先做文字识别（OCR）或提供 Word 版本",
                       "the PDF has no text layer (probably scanned); run OCR first or provide the .docx")
    return ocr.needs_ocr_error()


def _no_text(pages: list[_Page]) -> FzError:
    """No text, and no page that looks like a scan: damaged, drawn without text, or blank."""
    if pages and all(page.unreadable for page in pages):
        return _corrupt()
    if any(page.drawn for page in pages):
        return FzError("needs-ocr", "PDF 中没有可提取的文字（可能是扫描件，或文字已转为曲线），需要先做文字识别（OCR）或提供 Word 版本",
                       "the PDF has no text layer (probably scanned, or its text turned into outlines); "
                       "run OCR first or provide the .docx")
    return FzError("empty", "PDF 的页面上没有文字，也没有图片（文件也可能已损坏）",
                   "the PDF's pages hold no text and no pictures (or the file is damaged)")


# --------------------------------------------------------------------------- the child that runs PDFium


def _contained(work: Callable[..., Iterator], *args, prepare: Optional[Callable[[], None]] = None) -> Iterator:
    """What `work(*args)` yields, made in a child process with bounded memory where the system can fork.

    The items come back pickled, one at a time; an FzError in the child is raised here. A child
    killed by its limits (PDFium aborts when memory runs out) is a clear error, not a lost process.
    `prepare` runs in the child first (it may change PDFium's settings, which the child alone has).
    """
    if not hasattr(os, "fork"):
        yield from work(*args)
        return
    reading, writing = os.pipe()
    try:
        pid = os.fork()
    except OSError:  # no room for another process: read here, under the caller's own limits
        os.close(reading)
        os.close(writing)
        yield from work(*args)
        return
    if pid == 0:
        os.close(reading)
        _child(writing, work, args, prepare)  # never returns
    os.close(writing)
    finished = False
    try:
        with os.fdopen(reading, "rb") as pipe:
            while True:
                try:
                    kind, value = pickle.load(pipe)
                except Exception:  # the child ended mid-way: nothing, or half a message, came
                    finished = True
                    raise _died(_wait(pid)) from None
                if kind == "item":
                    yield value
                elif kind == "error":
                    raise FzError(*value)
                elif kind == "bug":
                    raise RuntimeError(f"the PDF reader failed in its child process:\n{value}")
                else:
                    finished = True
                    return
    finally:
        if not finished:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):  # already waited for, in `_died`
            os.waitpid(pid, 0)


def _child(writing: int, work: Callable[..., Iterator], args: tuple, prepare: Optional[Callable[[], None]]) -> None:
    """The child's side: bound itself, run `work`, send what it yields, and exit at once, leaving
    alone what belongs to the parent (its buffers, its temporary files)."""
    status = 1
    try:
        gc.freeze()  # the parent's objects stay shared: no collection walks (and copies) them
        with os.fdopen(writing, "wb") as pipe:
            pickle.dump(_work(work, args, pipe, prepare), pipe, protocol=pickle.HIGHEST_PROTOCOL)
        status = 0
    finally:
        os._exit(status)


def _work(work: Callable[..., Iterator], args: tuple, pipe, prepare: Optional[Callable[[], None]]) -> tuple:
    """Send each item `work` yields; the last message, saying how it ended."""
    try:
        _bound_child()
        if prepare is not None:
            prepare()
        _send(work(*args), pipe)
        return ("done", None)
    except FzError as error:
        return ("error", (error.code, error.zh, error.en))
    except MemoryError:
        error = _memory_error()
        return ("error", (error.code, error.zh, error.en))
    except Exception:
        return ("bug", traceback.format_exc(limit=8))


def _send(items: Iterator, pipe) -> None:
    for item in items:
        pickle.dump(("item", item), pipe, protocol=pickle.HIGHEST_PROTOCOL)
        pipe.flush()  # the parent works on it (OCR) while the child makes the next


def _bound_child() -> None:
    """Address space and CPU time of the child, and its end with the parent's (Linux)."""
    import resource  # where there is fork there is resource

    now = _address_space()
    if now is not None:
        _lower(resource, resource.RLIMIT_AS, now + CHILD_MEMORY)
    _lower(resource, resource.RLIMIT_CPU, CHILD_CPU_SECONDS)
    if sys.platform.startswith("linux"):
        with contextlib.suppress(Exception):  # PR_SET_PDEATHSIG: a supervisor that kills the reader kills this too
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)


def _lower(resource, kind: int, limit: int) -> None:
    soft, hard = resource.getrlimit(kind)
    for bound in (soft, hard):
        if bound != resource.RLIM_INFINITY:
            limit = min(limit, bound)
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(kind, (limit, hard))


def _wait(pid: int) -> int:
    try:
        return os.waitpid(pid, 0)[1]
    except ChildProcessError:  # reaped by someone else: how it ended is unknown
        return 0


def _died(status: int) -> Exception:
    """Why the child ended without a word: its CPU time or its memory ran out (PDFium aborts
    then), or a bug."""
    if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGXCPU:
        return too_complex(f"读取超过 {CHILD_CPU_SECONDS} 秒处理时间", f"reading it took more than {CHILD_CPU_SECONDS} s of CPU time")
    if os.WIFSIGNALED(status):
        return _memory_error()
    return RuntimeError(f"the PDF reader's child process ended without an answer (status {status})")


def _memory_error() -> FzError:
    return too_complex(f"读取时所需内存超过 {CHILD_MEMORY // 1048576} MB，或读取程序异常终止",
                       f"reading it needed more than {CHILD_MEMORY // 1048576} MB of memory, or crashed")


# --------------------------------------------------------------------------- the reader, one child for many PDFs

# Forking a child for each PDF costs a checking process about as much as PDFium's reading of a
# report (the fork copies the page tables of the rulebooks and the dictionary). So the child that
# reads text layers stays, bounded as above, and reads one PDF after another; the time limit is
# counted per file. It makes way for a fresh one after any failure, or once it has read
# READER_FILES files or grown by READER_GROWTH (what a PDF left behind is not kept for long).
READER_FILES = 500
READER_GROWTH = 256 * 1024 * 1024


def _pages_of(data: bytes) -> list[_Page]:
    """The pages of a PDF, read by the reader child (or, busy in another thread, by a child of its own)."""
    if not hasattr(os, "fork"):
        return list(_read_pages(data))
    if not _READER_LOCK.acquire(blocking=False):
        return [_Page.unpacked(page) for page in _contained(_read_packed, data, prepare=_without_system_fonts)]
    try:
        try:
            return _read_by_reader(data)
        except BrokenPipeError:  # the child was gone before the file reached it (killed while idle)
            return _read_by_reader(data)
    finally:
        _READER_LOCK.release()


def _read_by_reader(data: bytes) -> list[_Page]:
    reader = _reader()
    if reader is None:  # no room for another process: read here, under the caller's own limits
        return list(_read_pages(data))
    return reader.pages(data)


class _Reader:
    """The parent's side of the reader child: a PDF's bytes go down one pipe, its pages come up the other."""

    def __init__(self) -> None:
        requests, to_child = os.pipe()
        from_child, answers = os.pipe()
        self.bounds = _bounds()
        self.open = False
        self.pid = os.fork()
        if self.pid == 0:
            os.close(to_child)
            os.close(from_child)
            _ReaderChild(requests, answers).serve()  # never returns
        os.close(requests)
        os.close(answers)
        self.requests, self.answers = os.fdopen(to_child, "wb"), os.fdopen(from_child, "rb")
        self.open = True

    def pages(self, data: bytes) -> list[_Page]:
        pages: list[_Page] = []
        finished = False
        try:
            pickle.dump(data, self.requests, protocol=pickle.HIGHEST_PROTOCOL)
            self.requests.flush()
            while True:
                try:
                    message = pickle.load(self.answers)
                except Exception:  # the child ended mid-way: killed by its limits
                    finished = True
                    raise _died(self.close(kill=False)) from None
                if message[0] == "item":
                    pages.append(_Page.unpacked(message[1]))
                    continue
                finished = True
                return self._ended(pages, *message)
        finally:
            if not finished:  # interrupted: what the child reads or sends next would be out of step
                self.close()

    def _ended(self, pages: list[_Page], kind: str, value, roomy: bool) -> list[_Page]:
        if not roomy:
            self.close()
        if kind == "error":
            raise FzError(*value)
        if kind == "bug":
            raise RuntimeError(f"the PDF reader failed in its child process:\n{value}")
        return pages

    def close(self, kill: bool = True) -> int:
        """Stop the child (it is idle, ending, or dead) and reap it; how it ended."""
        self._let_go()
        if kill:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
        return _wait(self.pid)

    def alive(self) -> bool:
        """Still there? (The system may have killed it while it waited: the next file goes to a fresh one.)"""
        try:
            return os.waitpid(self.pid, os.WNOHANG)[0] == 0
        except ChildProcessError:
            return False

    def forget(self) -> None:
        """In a forked copy of the process that owns the reader: let go of its pipes, leave the child alone.
        (Only while open: the numbers of pipes closed before may belong to new ones by now.)"""
        if self.open:
            self._let_go()

    def _let_go(self) -> None:
        self.open = False
        for pipe in (self.requests, self.answers):
            with contextlib.suppress(OSError):
                pipe.close()


class _ReaderChild:
    """The child's side: bound itself, then read each PDF sent until the pipe closes."""

    def __init__(self, requests: int, answers: int) -> None:
        self.requests, self.answers = os.fdopen(requests, "rb"), os.fdopen(answers, "wb")
        self.files = 0
        self.start_size: Optional[int] = None
        self.ceiling: Optional[int] = None

    def serve(self) -> None:
        status = 1
        try:
            gc.freeze()  # the parent's objects stay shared: no collection walks (and copies) them
            self.ceiling = _cpu_ceiling()
            _bound_child()
            _without_system_fonts()
            self.start_size = _address_space()
            while self._read_one():
                pass
            status = 0
        finally:
            os._exit(status)

    def _read_one(self) -> bool:
        """Read the next PDF sent and answer; False when the pipe closed or a fresh child should go on."""
        try:
            data = pickle.load(self.requests)
        except EOFError:
            return False
        _allow_cpu(self.ceiling)
        ending = self._read(data)
        pickle.dump(ending, self.answers, protocol=pickle.HIGHEST_PROTOCOL)
        self.answers.flush()
        return ending[-1]

    def _read(self, data: bytes) -> tuple:
        """The last message for one PDF: how it ended, and whether this child may read another."""
        self.files += 1
        try:
            _send(_read_packed(data), self.answers)
            return ("done", None, self._roomy())
        except FzError as error:
            return ("error", (error.code, error.zh, error.en), self._roomy())
        except MemoryError:
            error = _memory_error()
            return ("error", (error.code, error.zh, error.en), False)
        except Exception:
            return ("bug", traceback.format_exc(limit=8), False)

    def _roomy(self) -> bool:
        size = _address_space()
        grown = size is not None and self.start_size is not None and size - self.start_size > READER_GROWTH
        return self.files < READER_FILES and not grown


def _reader() -> Optional[_Reader]:
    """This process's reader child, started when first needed or when the last one stopped."""
    global _READER
    if _READER is not None and _READER.bounds != _bounds():  # it reads by the limits it was forked with
        _READER.close()
    if _READER is None or not _READER.open or not _READER.alive():
        if _READER is not None:
            _READER.close()
        try:
            _READER = _Reader()
        except OSError:
            return None
    return _READER


def _bounds() -> tuple:
    """The limits a reader child reads by: a child forked before they changed (tests change them) reads
    by the old ones."""
    return MAX_PAGES, MAX_PAGE_CHARS, limits.MAX_TEXT_CHARS, limits.MAX_LINES, CHILD_MEMORY, CHILD_CPU_SECONDS


def _forget_reader() -> None:
    """In a forked child: the reader belongs to the parent."""
    global _READER
    if _READER is not None:
        _READER.forget()
        _READER = None


_READER: Optional[_Reader] = None
_READER_LOCK = threading.Lock()
if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_reader)


def _address_space() -> Optional[int]:
    try:
        with open("/proc/self/statm", "rb") as handle:
            return int(handle.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


def _cpu_ceiling() -> Optional[int]:
    """The CPU limit the reader was started under (an outer limit stays the outer limit)."""
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
    bounds = [bound for bound in (soft, hard) if bound != resource.RLIM_INFINITY]
    return min(bounds) if bounds else None


def _allow_cpu(ceiling: Optional[int]) -> None:
    """CHILD_CPU_SECONDS more of CPU time, from now, for the next file (the limit counts a whole life)."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    limit = math.ceil(usage.ru_utime + usage.ru_stime) + CHILD_CPU_SECONDS
    if ceiling is not None:
        limit = min(limit, ceiling)
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_CPU, (limit, resource.getrlimit(resource.RLIMIT_CPU)[1]))


def _without_system_fonts() -> None:
    """PDFium with no fonts of the system, for reading text (in the child alone: it draws nothing).

    For a font the PDF does not embed, PDFium measures every character's outline in the system font
    it substitutes, about 8 µs a Chinese character (FreeType interpreting CFF): three quarters of
    the time a report printed without its fonts takes. The reader needs none of it: positions come
    from the widths in the PDF and boxes from its font descriptors, characters from its encodings.
    """
    fields = dict(pdfium_c.FPDF_SYSFONTINFO._fields_)
    callbacks = {
        "Release": fields["Release"](lambda this: None),
        "EnumFonts": fields["EnumFonts"](lambda this, mapper: None),
        "MapFont": fields["MapFont"](lambda this, weight, italic, charset, family, face, exact: None),
        "GetFont": fields["GetFont"](lambda this, face: None),
        "GetFontData": fields["GetFontData"](lambda this, font, table, buffer, size: 0),
        "GetFaceName": fields["GetFaceName"](lambda this, font, buffer, size: 0),
        "GetFontCharset": fields["GetFontCharset"](lambda this, font: 0),
        "DeleteFont": fields["DeleteFont"](lambda this, font: None),
    }
    info = pdfium_c.FPDF_SYSFONTINFO(version=1, **callbacks)
    _NO_FONTS.extend([info, callbacks])  # PDFium keeps the pointers: they must outlive it
    # A fresh PDFium, with nothing of fonts the parent may have looked up (the child never touches
    # what the parent opened, and leaves without cleaning up).
    pdfium_c.FPDF_DestroyLibrary()
    pdfium_c.FPDF_InitLibraryWithConfig(pdfium_c.FPDF_LIBRARY_CONFIG(version=2, m_pUserFontPaths=None, m_pIsolate=None,
                                                                     m_v8EmbedderSlot=0))
    pdfium_c.FPDF_SetSystemFontInfo(ctypes.byref(info))


_NO_FONTS: list = []


# --------------------------------------------------------------------------- reading pages (in the child)


def _read_pages(data: bytes) -> Iterator[_Page]:
    """Each page's lines, or that it is a scan; stops at the first limit passed."""
    document = _open(data)
    try:
        if len(document) > MAX_PAGES:
            raise too_complex(f"超过 {MAX_PAGES:,} 页", f"more than {MAX_PAGES:,} pages")
        tally = TextTally()
        for index in range(len(document)):
            page = _read_page(document, index)
            tally.add(page.lines)
            yield page
    finally:
        document.close()


def _read_packed(data: bytes) -> Iterator[tuple]:
    """The pages, packed to be sent to the parent."""
    for page in _read_pages(data):
        yield page.packed()


def _open(data: bytes):
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if exc.err_code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
            raise FzError("encrypted", "PDF 已加密，需要密码才能打开，请提供未加密的版本",
                          "the PDF is encrypted and needs a password; provide an unencrypted copy") from None
        raise _corrupt() from None


def _read_page(document, index: int) -> _Page:
    """One page; a page PDFium cannot load (a damaged page object) is left out, with a notice."""
    number = index + 1
    try:
        page = document[index]
    except pdfium.PdfiumError:
        return _Page(number, 0.0, [], unreadable=True)
    try:
        return _page_read(page, number)
    except pdfium.PdfiumError:
        return _Page(number, 0.0, [], unreadable=True)
    finally:
        page.close()


def _page_read(page, number: int) -> _Page:
    box = page.get_bbox()
    textpage = page.get_textpage()
    try:
        if textpage.count_chars() > MAX_PAGE_CHARS:
            raise too_complex(f"第 {number} 页的字符超过 {MAX_PAGE_CHARS:,} 个",
                              f"page {number} holds more than {MAX_PAGE_CHARS:,} characters")
        turn = _text_turn(textpage)
        left, bottom, right, top = _turned_box(turn, box)
        lines = _page_lines(_Characters(textpage, turn, box), number, top)
    finally:
        textpage.close()
    inked = sum(len(line.text) - line.text.count(" ") for line in lines)
    scanned, drawn = _looks(page, (right - left) * (top - bottom), inked) if inked < MIN_PAGE_TEXT else (False, True)
    return _Page(number, top - bottom, lines, scanned, drawn)


def _text_turn(textpage) -> int:
    """How far (degrees, a quarter turn at a time) most of the page's text is turned from upright:
    a landscape table printed across a portrait page, whatever the page's /Rotate says."""
    count = textpage.count_chars()
    votes: Counter = Counter()
    for index in range(0, count, max(1, count // TURN_SAMPLE)):
        angle = pdfium_c.FPDFText_GetCharAngle(textpage.raw, index)
        if angle >= 0 and not _is_space(textpage.raw, index):
            votes[-round(math.degrees(angle) / 90) % 4 * 90] += 1  # PDFium measures clockwise
    return votes.most_common(1)[0][0] if votes else 0


def _is_space(handle, index: int) -> bool:
    """Is the character a space? Asked of its Unicode value, in one call into PDFium: what
    get_text_range(index, 1) has of it takes pypdfium2 five. (The text PDFium gives is the
    characters' values, bracket mirrored and ligatures split; characters it leaves out of it are
    controls or no character at all, none of them a space.)"""
    value = pdfium_c.FPDFText_GetUnicode(handle, index)
    return value <= sys.maxunicode and chr(value).isspace()


def _turn(turn: int, box: tuple) -> Optional[Callable[[float, float], tuple[float, float]]]:
    """From the page's coordinates to those of the page turned (clockwise) by `turn` degrees, which
    sets text turned by as much upright; None for no turn."""
    left, bottom, right, top = box
    return {
        90: lambda x, y: (y - bottom, right - x),
        180: lambda x, y: (right - x, top - y),
        270: lambda x, y: (top - y, x - left),
    }.get(turn)


def _turned_box(turn: int, box: tuple) -> tuple[float, float, float, float]:
    """The page's box, turned by `turn` degrees: from 0, 0, and a quarter turn swaps width and height."""
    left, bottom, right, top = box
    if turn == 0:
        return box
    return (0.0, 0.0, top - bottom, right - left) if turn % 180 else (0.0, 0.0, right - left, top - bottom)


class _Characters:
    """The characters of one page as pieces: (text, left, bottom, right, top), a box as high as
    its characters' font size.

    A call into PDFium costs about a microsecond and a page holds 1,500 characters, most of them in
    runs PDFium has already put together: it adds a space of its own where the next character is
    not where the last one ended (a gap, or a jump back) and a line break where the baseline moves.
    So a run between such breaks becomes one piece, from the boxes of its ends, and characters
    apart (a quotation mark LibreOffice draws after its line) are pieces of their own: sorted by
    where they stand, each comes back to its place.
    """

    def __init__(self, textpage, turn: int = 0, box: tuple = (0.0, 0.0, 0.0, 0.0)):
        self.handle = textpage.raw
        self.turn = _turn(turn, box)
        self.angle = -turn % 360  # PDFium's angle (clockwise) of the page's running text
        count = textpage.count_chars()
        text = textpage.get_text_range() if count else ""
        if len(text) != count:  # characters beyond the BMP: PDFium's text does not line up with its characters
            text = "".join(chr(pdfium_c.FPDFText_GetUnicode(self.handle, index)) for index in range(count))
        self.text = text
        self.box = pdfium_c.FS_RECTF()
        self.x, self.y = ctypes.c_double(), ctypes.c_double()

    def pieces(self) -> list[tuple]:
        out: list[tuple] = []
        for match in _PIECE.finditer(self.text):
            first, end = match.span()
            if not self.running(first):
                continue  # a stamp or a watermark laid across the page
            if self.text[first].isspace():
                if pdfium_c.FPDFText_IsGenerated(self.handle, first) == 0:  # a space the PDF draws
                    out.extend(self.each(first, end))
            elif end - first == 1:
                out.extend(self.each(first, end))
            else:
                out.extend(self.run(first, end))
        return out

    def run(self, first: int, end: int) -> list[tuple]:
        """One piece for characters `first` to `end`, if they stand on one baseline left to right.

        Its height is the font size of its first Chinese character, from that one's baseline: a
        box can be the glyph's own (as thin as 一), and quotation marks and digits come from other
        fonts, with boxes of other heights.
        """
        text = self.text[first:end]
        found = _IDEOGRAPH.search(text) or _NOT_LATIN.search(text)
        anchor = first + (found.start() if found else 0)
        size = pdfium_c.FPDFText_GetFontSize(self.handle, anchor)
        left, right = self.char_box(first)[0], self.char_box(end - 1)[2]
        start, baseline, finish = self.origin(first), self.origin(anchor), self.origin(end - 1)
        if size <= 0 or finish[0] < start[0] or abs(finish[1] - start[1]) > 0.5 * size:
            return self.each(first, end)
        bottom = baseline[1] - DESCENT * size
        return [(text, left, bottom, right, bottom + size)]

    def each(self, first: int, end: int) -> list[tuple]:
        """A piece for each character drawn (PDFium's guessed spaces have boxes of no size; a
        character drawn whose font gives no box stands on its baseline, as high as its font size)."""
        out = []
        for index in range(first, end):
            left, bottom, right, top = self.char_box(index)
            if left == right and bottom == top:
                if pdfium_c.FPDFText_IsGenerated(self.handle, index) != 0:
                    continue
                size = pdfium_c.FPDFText_GetFontSize(self.handle, index)
                left, y = self.origin(index)
                right, bottom, top = left, y - DESCENT * size, y + (1 - DESCENT) * size
            out.append((self.text[index], left, bottom, right, top))
        return out

    def running(self, index: int) -> bool:
        """Is the character turned as the page's text is? (Within a few degrees; PDFium gives -1
        when it cannot tell.)"""
        angle = math.degrees(pdfium_c.FPDFText_GetCharAngle(self.handle, index))
        return angle < 0 or min(abs(angle - self.angle), 360 - abs(angle - self.angle)) <= MAX_TURN

    def char_box(self, index: int) -> tuple[float, float, float, float]:
        box = self.box
        pdfium_c.FPDFText_GetLooseCharBox(self.handle, index, box)
        if self.turn is None:
            return box.left, box.bottom, box.right, box.top
        (x0, y0), (x1, y1) = self.turn(box.left, box.bottom), self.turn(box.right, box.top)
        return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)

    def origin(self, index: int) -> tuple[float, float]:
        pdfium_c.FPDFText_GetCharOrigin(self.handle, index, self.x, self.y)
        return (self.x.value, self.y.value) if self.turn is None else self.turn(self.x.value, self.y.value)


def _overlap(a: tuple, b: tuple) -> bool:
    """Do pieces `a` and `b` share a line? Their boxes overlap by half the lower one's height (a
    footnote mark joins its line), and by a quarter of the higher's (a huge watermark letter takes
    in no line of text)."""
    overlap = min(a[4], b[4]) - max(a[2], b[2])
    heights = (a[4] - a[2], b[4] - b[2])
    return overlap >= LINE_OVERLAP * min(heights) and overlap >= SMALL_IN_LINE * max(heights)


def _looks(page, area: float, inked: int) -> tuple[bool, bool]:
    """(scanned, drawn) for a page of (almost) no text: a picture over much of it (or, with no text
    at all, the many paths of text turned into outlines) makes it a scan to recognise."""
    paths, drawn = 0, False
    for index, item in enumerate(page.get_objects(max_depth=0)):
        if index >= MAX_SCAN_OBJECTS:
            break
        if item.type == pdfium_c.FPDF_PAGEOBJ_TEXT:
            continue
        drawn = True
        paths += item.type == pdfium_c.FPDF_PAGEOBJ_PATH
        picture = item.type == pdfium_c.FPDF_PAGEOBJ_IMAGE or (
            item.type == pdfium_c.FPDF_PAGEOBJ_FORM and _holds_image(item.raw))
        if picture:
            left, bottom, right, top = item.get_bounds()  # of a form, on the page (its image's are the form's own)
            if (right - left) * (top - bottom) >= SCAN_SHARE * area:
                return True, True
    return inked == 0 and paths >= MIN_OUTLINE_PATHS, drawn


def _holds_image(form, depth: int = 0) -> bool:
    """Does a form XObject draw an image (some scanners wrap the page's picture in one)?"""
    for index in range(min(pdfium_c.FPDFFormObj_CountObjects(form), MAX_SCAN_OBJECTS)):
        child = pdfium_c.FPDFFormObj_GetObject(form, index)
        kind = pdfium_c.FPDFPageObj_GetType(child)
        if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE or (kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < 3 and _holds_image(child, depth + 1)):
            return True
    return False


def _render(data: bytes, numbers: Optional[list[int]], dpi: int) -> Iterator[tuple[int, object]]:
    """(page number, PIL image) of the pages `numbers` (all when None), at `dpi` or less for a very
    large page."""
    document = _open(data)
    try:
        for number in numbers or range(1, min(len(document), MAX_PAGES) + 1):
            page = document[number - 1]
            try:
                width, height = page.get_size()
                # (PDFium rounds the pixel size up: a little under the bound)
                scale = min(dpi / 72, 0.995 * (MAX_RENDER_PIXELS / max(width * height, 1.0)) ** 0.5)
                yield number, page.render(scale=scale).to_pil()
            finally:
                page.close()
    finally:
        document.close()


def render_pages(data: bytes, dpi: int = OCR_DPI) -> Iterator[tuple[int, object]]:
    """Every page of a PDF as (page number, PIL image), rendered as for OCR (for the benchmarks)."""
    with contextlib.closing(_contained(_render, data, None, dpi)) as images:
        yield from images


# --------------------------------------------------------------------------- characters into lines


def _page_lines(characters: _Characters, page: int, top: float) -> list[_Run]:
    """Pieces whose boxes overlap in height make a row; a row splits where a wide gap opens
    (table cells, a right-aligned date); lines top to bottom, each left to right."""
    lines = []
    for row in _rows(characters.pieces()):
        row.sort(key=lambda piece: piece[1])
        for run in _split(row):
            line = _run_line(run, page, top)
            if line is not None:
                lines.append(line)
    return lines


def _rows(pieces: list[tuple]) -> list[list[tuple]]:
    """Pieces from the top down; each row holds those sharing a line with its first (top) piece.
    (Measured against the first alone: a row that grew with each piece could swallow a page.)"""
    rows: list[list[tuple]] = []
    for piece in sorted(pieces, key=lambda piece: -(piece[2] + piece[4])):
        if rows and _overlap(rows[-1][0], piece):
            rows[-1].append(piece)
        else:
            rows.append([piece])
    return rows


def _split(row: list[tuple]) -> Iterator[list[tuple]]:
    """A row in runs apart by wide gaps; a list number and the tab after it stay with their text."""
    start = 0
    for index in range(1, len(row)):
        before, piece = row[index - 1], row[index]
        wide = piece[1] - before[3] > CHAR_MARGIN * max(before[4] - before[2], piece[4] - piece[2])
        if wide and not _MARKER_ONLY.match("".join(piece[0] for piece in row[start:index])):
            yield row[start:index]
            start = index
    yield row[start:]


def _run_line(run: list[tuple], page: int, top: float) -> Optional[_Run]:
    """The line a run of pieces makes, spaces put where the gaps say, or None for only spaces."""
    kept = _struck_once(run)
    ink = [index for index, piece in enumerate(kept) if not piece[0].isspace()]
    if not ink:
        return None
    kept = kept[ink[0]:ink[-1] + 1]
    parts = [kept[0][0]]
    for before, piece in zip(kept, kept[1:]):
        if not (before[0].isspace() or piece[0].isspace()) and _spaced(before, piece):
            parts.append(" ")
        parts.append(piece[0])
    text = "".join(parts)
    x0, x1 = kept[0][1], max(piece[3] for piece in kept)
    return _Run(page, x0, x1, top - max(piece[4] for piece in kept), text, (x1 - x0) / len(text),
                _characters_height(kept, text.isascii()))


def _characters_height(pieces: list[tuple], latin_line: bool) -> float:
    """Most characters' height: the median over characters, a piece's height counted once for each
    of its characters (a list per piece, not a loop per character). Latin letters and digits often
    come from another font, of another height: they count only in a line of nothing else."""
    heights: list[float] = []
    for piece in pieces:
        if latin_line or not piece[0].isascii():
            heights += [piece[4] - piece[2]] * len(piece[0])
    return median(heights)


def _struck_once(run: list[tuple]) -> list[tuple]:
    """The run without characters drawn twice a little apart (a bold made by striking twice). One
    box for two characters ("——" in one glyph) is two characters, and "ll" one letter's width apart."""
    kept: list[tuple] = []
    for piece in run:
        if kept and piece[0] == kept[-1][0] and 0 < piece[1] - kept[-1][1] < DOUBLE_STRIKE * (piece[3] - piece[1]) \
                and abs(piece[2] - kept[-1][2]) < DOUBLE_STRIKE * (piece[4] - piece[2]):
            continue
        kept.append(piece)
    return kept


def _spaced(before: tuple, piece: tuple) -> bool:
    """A space between two pieces: a word gap between Latin letters or digits, or a wide gap
    anywhere. Chinese is written without spaces; the gaps a layout leaves around digits are not."""
    gap = piece[1] - before[3]
    size = max(before[4] - before[2], piece[4] - piece[2])
    if gap > WIDE_GAP * size:
        return True
    return gap > WORD_GAP * size and before[0][-1].isascii() and piece[0][0].isascii()


# --------------------------------------------------------------------------- lines into paragraphs


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


def _paragraphs(pages: list[list[_Run]]) -> list[SourceLine]:
    """Lines joined into paragraphs, against the margins of their page (or of all the pages)."""
    lines = [line for page in pages for line in page]
    if not lines:
        return []
    everywhere = _layout(lines)
    out: list[SourceLine] = []
    previous: Optional[_Run] = None
    above = everywhere
    for page in pages:
        here = everywhere.on(page)
        for line in page:
            if previous is not None and _joins(previous, line, above, here):
                out[-1].text += line.text
            else:
                out.append(SourceLine(line.text, page=line.page))
            previous, above = line, here
    return out


def _joins(previous: _Run, line: _Run, above: _Layout, here: _Layout) -> bool:
    """Is `line` the rest of the paragraph `previous` belongs to? (`above` is the layout of the page
    `previous` is on, `here` that of the page `line` is on: the same, but at a page break.)"""
    if previous.text[-1] in _OPENING or line.text[0] in _CLOSING:
        return True  # a line never ends with an opening mark nor starts with a closing one
    if here.display(previous) != here.display(line):
        return False
    if line.page == previous.page:
        if line.top - previous.top > MAX_PITCH * max(line.size, previous.size):
            return False  # a blank line, or the space before a heading, lies between them
        if here.display(line):
            return abs(line.size - previous.size) < 0.05 * line.size  # a title set over two lines
        if here.spaced and here.apart(previous, line):
            return False  # where paragraphs are set apart by space, space parts them
    if above.ended(previous, line) or line.x0 > here.left + 0.8 * here.width:
        return False  # the previous line stopped short, or this one is indented
    if _STARTS_NEW.match(line.text):
        # After a full line, a line led by a heading number starts a paragraph, unless numbered
        # paragraphs here are set apart by space and this one is not: it is a broken line.
        return here.spaced_marks and line.page == previous.page and not here.apart(previous, line)
    return True


@dataclass
class _Layout:
    """How the lines of a run of pages are set, to tell a paragraph's next line from a new paragraph."""

    left: float  # where a paragraph's lines after its first start
    right: float  # where full lines end
    width: float  # of a character
    body: float  # height of the body text's characters
    pitch: float  # top to top, between two lines of one paragraph
    spaced: bool = False  # paragraphs are set apart by more than the pitch (space before or after them)
    spaced_marks: bool = False  # ... numbered paragraphs are

    def on(self, page: list[_Run]) -> "_Layout":
        """The margins of `page` itself, when it has paragraphs enough to tell (mirrored margins)."""
        left, right, width, continued = _edges(page) if len(page) > EDGE_LINES else (0, 0, 0, 0)
        return replace(self, left=left, right=right, width=width) if continued >= EDGE_LINES else self

    def display(self, line: _Run) -> bool:
        """Set larger than the body text: a title or a large heading (in Chinese; a date or a link
        alone is in a Latin font, whose box has a height of its own)."""
        return line.size > DISPLAY_SIZE * self.body and not line.text.isascii()

    def ended(self, previous: _Run, line: _Run) -> bool:
        """Did `previous` stop short of the right margin by more than the start of `line` needs?
        Then its paragraph ended there; otherwise the layout carried that start over."""
        return self.right - previous.x1 > (_leading_chars(line.text) + ROOM) * self.width

    def apart(self, previous: _Run, line: _Run) -> bool:
        """Further apart than two lines of a paragraph."""
        return line.top - previous.top > self.pitch + SPACED * self.body


def _layout(lines: list[_Run]) -> _Layout:
    left, right, width, _ = _edges(lines)
    chinese = [line for line in lines if not line.text.isascii()] or lines
    body = median([size for line in chinese for size in [line.size] * len(line.text)])  # most characters' size
    pairs = [(previous, line) for previous, line in zip(lines, lines[1:])
             if previous.page == line.page and line.top > previous.top]
    full = [line.top - previous.top for previous, line in pairs if previous.x1 >= right - FULL_LINE * width]
    steps = full or [line.top - previous.top for previous, line in pairs]
    layout = _Layout(left, right, width, body, median(steps) if steps else body)
    # Paragraphs that certainly start (after a short line, or indented), and among them those led by
    # a number at the left margin (where the number decides): are most set apart by space?
    starts = [(previous, line) for previous, line in pairs
              if layout.ended(previous, line) or line.x0 > left + INDENT * width]
    marks = [(previous, line) for previous, line in starts if _STARTS_NEW.match(line.text) and line.x0 <= left + INDENT * width]
    layout.spaced = _mostly([layout.apart(previous, line) for previous, line in starts], 3)
    layout.spaced_marks = _mostly([layout.apart(previous, line) for previous, line in marks], 2)
    return layout


def _mostly(flags: list[bool], least: int) -> bool:
    return len(flags) >= least and sum(flags) >= 2 * len(flags) / 3


def _edges(lines: list[_Run]) -> tuple[float, float, float, int]:
    """(left margin, right margin, character width, lines after a full line) of `lines`.

    The right margin is where most of the longest lines end, a few outliers (a wide table, a long
    link) aside; the left is where lines after a full line start, most often: the continuations of
    paragraphs (where most lines start can be the indent, when many paragraphs are one line long).
    """
    width = median(line.char_width for line in lines) or 10.0
    ends = sorted((line.x1 for line in lines), reverse=True)
    longest = ends[len(ends) // 20]
    full = [end for end in ends if end >= longest - FULL_LINE * width]
    right = full[len(full) // 4]  # below punctuation hung past the margin, above a ragged right edge
    after_full = [round(line.x0) for previous, line in zip(lines, lines[1:])
                  if previous.page == line.page and previous.x1 >= right - FULL_LINE * width]
    left = _mode(after_full or [round(line.x0) for line in lines])
    return left, right, width, len(after_full)


@functools.lru_cache(maxsize=LINES_REMEMBERED)
def _leading_chars(text: str) -> float:
    """Width, in Chinese characters, of what must start `text` together, as line breaking has it:
    opening marks, then a Chinese character or a Latin word, and what may not be parted from it
    (closing marks; quotation marks, which browsers and LibreOffice keep on both their neighbours)."""
    width, start, glued = 0.0, 0, True
    while start < len(text):
        atom = _ATOM.match(text, start).group(0)
        if not glued and atom[0] not in _CLOSING and atom[0] not in _QUOTES:
            break
        width += sum(LATIN_WIDTH if char.isascii() else 1.0 for char in atom)
        start += len(atom)
        glued = atom[-1] in _OPENING or atom[-1] in _QUOTES
    return width


def _corrupt() -> FzError:
    return FzError("corrupt", "PDF 文件已损坏或格式不正确，无法读取", "the PDF is damaged or not a valid PDF")
