"""OFD (GB/T 33190-2016), the format of Chinese e-documents: the text of its pages, as a person reads it.

An OFD is a zip package. `OFD.xml` names the document (`DocBody/DocRoot`), the document's
`Document.xml` lists the pages (`Pages/Page[@BaseLoc]`), and each page's `Content.xml` holds
layers of positioned objects. Text is in `TextObject`s (a `Boundary` box in mm, an optional
`CTM`, a font `Size`), each with `TextCode`s: a run of characters starting at (X, Y) in the
object's box, the next characters offset by `DeltaX`/`DeltaY` (where `g n v` stands for `v`
repeated `n` times). Every character is placed on its page, characters on one baseline make a
line, and lines become paragraphs as the PDF reader joins them (a line that starts at the left
edge after a full line goes on its paragraph), a title set over several lines in a larger size
being one. Template pages (running
headers, letterheads), annotations (stamps, notes), images and drawings are not read; page
numbers and lines repeated at the top or bottom of the pages are dropped.

The package is untrusted: its declared sizes are checked before anything is inflated (a zip
bomb), what is inflated and parsed is counted, paths must stay inside the package, a part may
not name a part that names it, and the XML parser resolves no entities and fetches nothing.
"""

from __future__ import annotations

import math
import posixpath
import unicodedata
import zipfile
from collections import Counter
from dataclasses import dataclass, field, replace
from statistics import median
from typing import Iterator, Optional

from lxml import etree

from checker.errors import FzError
from checker.document.ingest.archive import MAX_UNPACKED_BYTES, MAX_XML_MEMBER_BYTES, open_zip, too_large_part
from checker.document.ingest.limits import TextTally, too_complex
from checker.document.ingest.layout import FULL_LINE, PAGE_NUMBER as _PAGE_NUMBER, Line as _Line
from checker.document.ingest.layout import continues as _continues, mode as _mode, shape as _shape
from checker.document.ingest.source import Source, SourceLine

KIND = ".ofd"
ROOT_PART = "OFD.xml"
MAX_PAGES = 2_000  # a report has tens of pages (the PDF reader's limit)
# Characters placed on one page: a dense A4 page has about 3,000; each costs a few µs to place.
MAX_PAGE_GLYPHS = 50_000
# XML parsed for one OFD, a part counted again each time it is named: a package whose 2,000 pages
# all name one 16 MB page would otherwise be parsed for 32 GB. A report's parts total a few MB.
MAX_PARSED_BYTES = MAX_UNPACKED_BYTES
# GB/T 9704 puts the page number 7 mm below the type area, which ends 35 mm (12 %) above the
# paper's bottom edge; running headers sit as far into the top margin. A fifth of the page at
# each end holds them with room to spare, and no line further in is taken for one.
EDGE_SHARE = 0.2
# Characters whose baselines differ by less than this share of their size are on one line
# (mixed fonts shift a baseline a little); lines of a report are 1.2 to 2 sizes apart.
LINE_TOLERANCE = 0.4
# A gap wider than this many character sizes between neighbours on a line is a space: table
# cells or a tab stop. Justified Chinese text spreads its characters far less.
SPACE_GAP = 1.5
# The same character drawn again less than this share of its size away is one character drawn
# twice (producers make bold that way), not two.
DOUBLE_STRIKE = 0.3
# Lines this much larger than the body text are display lines (a title, a large heading): set
# apart by size, not by indent, so consecutive ones of one size are one paragraph. 公文 titles
# are 二号 (22 pt) over a 三号 (16 pt) body; headings of the body's own size are not display lines.
DISPLAY_SIZE = 1.15
# Lines of one paragraph are at most this many sizes apart, top to top: 公文 set 1.8, Word's
# double spacing about 2.6. Lines further apart on a page are separate paragraphs.
MAX_PITCH = 3.0
# A line ending less than this many characters short of the right edge is full (as `pdf._continues` has it).
# A text object turned by more than this (sine of the angle) is a stamp or a watermark laid
# across the page, never the report's running text.
MAX_TURN = 0.05
# A page is well under a metre; a character placed further than this (mm) from its corner is on
# no page but in a damaged or hostile file, and left out before its position overflows a sum.
MAX_COORDINATE = 10_000.0
DEFAULT_SIZE = 3.5  # mm (10 pt), for a text object without a usable Size
A4 = (210.0, 297.0)  # mm, the page when neither the page nor the document gives its size


def read_ofd(path: str, data: bytes) -> Source:
    try:
        return _read(path, data)
    except FzError:
        raise
    except MemoryError:
        raise too_complex("读取时内存不足", "reading it ran out of memory") from None
    except Exception:  # lxml and zipfile raise many kinds on damaged parts
        raise _corrupt("无法读取其中的内容", "its content cannot be read") from None


def _read(path: str, data: bytes) -> Source:
    package = _Package(data)
    document = package.document()
    pages, heights, images = [], [], False
    tally = TextTally()
    for number, (content, box) in enumerate(package.pages(document), start=1):
        page = _page_content(content, box)
        lines = _page_lines(page.glyphs, number)
        tally.add(lines)
        pages.append(lines)
        heights.append(page.height)
        images = images or page.images
    lines = _paragraphs(_join_display_lines(_drop_running_lines(pages, heights))) if any(pages) else []
    if not lines:
        raise _no_text(images)
    return Source(path=path, format="ofd", lines=lines, title_hint=document.title)


# --------------------------------------------------------------------------- the package


@dataclass
class _Document:
    path: str  # of its Document.xml in the package
    root: etree._Element
    title: Optional[str]


class _Package:
    """The zip, its parts found by the paths the parts use, each read and parsed within bounds."""

    def __init__(self, data: bytes) -> None:
        try:
            self.archive = open_zip(data, KIND)
        except FzError as error:
            if error.code == "corrupt":
                raise _not_ofd() from None
            raise
        self.parts: dict[str, zipfile.ZipInfo] = {}
        for info in self.archive.infolist():
            self.parts.setdefault(_normal_name(info.filename), info)
        self.folded = {name.lower(): name for name in self.parts}
        self.encrypted = any(posixpath.basename(name).lower() == "encryptions.xml" for name in self.parts)
        self.parsed = 0
        # No entities, no DTD, no network, lxml's own limits on depth and text size (huge_tree off);
        # one parser per package, lxml parsers not being safe to share between threads.
        self.parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                                      remove_comments=True, remove_pis=True)

    def document(self) -> "_Document":
        """The first document the package names, with the title its `DocInfo` gives."""
        root_name = self.find(ROOT_PART)
        if root_name is None:
            raise _corrupt(f"缺少 {ROOT_PART}", f"{ROOT_PART} is missing")
        ofd = self.parse(root_name, "OFD")
        body = next((b for b in ofd.iter("DocBody") if _child_text(b, "DocRoot")), None)
        if body is None:
            raise _corrupt(f"{ROOT_PART} 中没有 DocRoot（文档入口）", f"{ROOT_PART} names no DocRoot")
        path = self.resolve("", _child_text(body, "DocRoot"))
        found = self.find(path)
        if found == root_name:
            raise _loop(path)
        if found is None:
            raise _corrupt(f"缺少 Document.xml（{path}）", f"Document.xml ({path}) is missing")
        title = _child_text(body.find("DocInfo"), "Title") or None
        return _Document(found, self.parse(found, "Document"), title)

    def pages(self, document: "_Document") -> Iterator[tuple[etree._Element, tuple[float, float]]]:
        """Each page's parsed `Content.xml`, in order, with the page size the document declares."""
        root = document.root
        folder = posixpath.dirname(document.path)
        box = _box(root.find("CommonData/PageArea/PhysicalBox")) or A4
        entries = root.findall("Pages/Page")
        if not entries:
            raise _corrupt(f"{document.path} 中没有页面", f"{document.path} lists no pages")
        if len(entries) > MAX_PAGES:
            raise too_complex(f"超过 {MAX_PAGES:,} 页", f"more than {MAX_PAGES:,} pages")
        above = {self.find(ROOT_PART), document.path}  # parts a page naming would make a loop
        for number, entry in enumerate(entries, start=1):
            content = self.resolve(folder, entry.get("BaseLoc") or "")
            found = self.find(content)
            if found in above:
                raise _loop(content)
            if found is None:
                raise _corrupt(f"缺少第 {number} 页的内容（{content}）", f"the content of page {number} ({content}) is missing")
            yield self.parse(found, "Page"), box

    def resolve(self, folder: str, reference: str) -> str:
        """A path named in a part in `folder`: absolute from the package root, or relative to the
        folder (and, as readers accept from careless producers, to the root when not found there)."""
        reference = reference.strip().replace("\\", "/")
        if not reference:
            raise _corrupt("引用的部件路径为空", "a part is named by an empty path")
        if reference.startswith("/"):
            path, fallback = posixpath.normpath(reference.lstrip("/")), None
        else:
            path, fallback = posixpath.normpath(posixpath.join(folder, reference)), posixpath.normpath(reference)
        if _outside(path):
            raise FzError(
                "corrupt",
                f"OFD 文件已损坏或被篡改：引用的路径“{reference[:80]}”指向文件包之外，已拒绝读取",
                f"the OFD file is damaged or tampered with: the path '{reference[:80]}' points outside the package",
            )
        if self.find(path) is None and fallback is not None and not _outside(fallback) and self.find(fallback):
            return fallback
        return path

    def find(self, name: str) -> Optional[str]:
        """The part's name as stored: exactly, or differing only in case (Windows producers)."""
        name = _normal_name(name)
        if name in self.parts:
            return name
        return self.folded.get(name.lower())

    def parse(self, name: str, expected: str) -> etree._Element:
        """A part's XML with namespaces dropped; its root element must be `expected`."""
        data = self.read(name)
        try:
            root = etree.fromstring(data, self.parser)
        except etree.XMLSyntaxError:
            raise self._unreadable(name) from None
        if root.getroottree().docinfo.doctype:
            raise _corrupt(f"{name} 含有文档类型声明（DTD），OFD 不使用，疑似恶意文件",
                           f"{name} declares a DTD, which OFD never uses; it looks hostile")
        _drop_namespaces(root)
        if root.tag != expected:
            raise _corrupt(f"{name} 不是 OFD 的 {expected} 部件", f"{name} is not an OFD {expected} part")
        return root

    def read(self, name: str) -> bytes:
        info = self.parts[name]
        if info.flag_bits & 0x1:
            raise _encrypted()
        if info.file_size > MAX_XML_MEMBER_BYTES:
            raise too_large_part(KIND, name, info.file_size)
        try:
            with self.archive.open(info) as member:
                data = member.read(MAX_XML_MEMBER_BYTES + 1)
        except Exception:  # a bad CRC, damaged deflate data, an unknown compression method, …
            raise _corrupt(f"{name} 无法解压", f"{name} cannot be unpacked") from None
        if len(data) > MAX_XML_MEMBER_BYTES:
            raise too_large_part(KIND, name, len(data))
        self.parsed += len(data)
        if self.parsed > MAX_PARSED_BYTES:
            raise too_complex(f"需要解析的内容超过 {MAX_PARSED_BYTES // 1048576} MB",
                              f"more than {MAX_PARSED_BYTES // 1048576} MB of parts to parse")
        return data

    def _unreadable(self, name: str) -> FzError:
        if self.encrypted:  # GM/T 0099: the parts are encrypted, described by Encryptions.xml
            return _encrypted()
        return _corrupt(f"{name} 不是有效的 XML", f"{name} is not well-formed XML")


def _outside(path: str) -> bool:
    return path == ".." or path.startswith("../")


def _normal_name(name: str) -> str:
    return posixpath.normpath(name.replace("\\", "/").lstrip("/"))


def _drop_namespaces(root: etree._Element) -> None:
    """`ofd:Page` and `Page` alike: producers differ in prefixes, and some omit the namespace."""
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.startswith("{"):
            element.tag = element.tag.split("}", 1)[1]


def _child_text(element: Optional[etree._Element], name: str) -> str:
    child = element.find(name) if element is not None else None
    return (child.text or "").strip() if child is not None else ""


# --------------------------------------------------------------------------- one page


@dataclass
class _Glyph:
    x: float  # left edge, mm from the page's left
    y: float  # baseline, mm from the page's top
    char: str
    size: float
    width: float


@dataclass
class _Page:
    height: float
    glyphs: list[_Glyph] = field(default_factory=list)
    images: bool = False


def _page_content(root: etree._Element, document_box: tuple[float, float]) -> _Page:
    """The characters a page draws, wherever its layers and page blocks nest them."""
    _, height = _box(root.find("Area/PhysicalBox")) or document_box
    page = _Page(height)
    content = root.find("Content")
    if content is None:
        return page
    drawn = sum(len(code.text or "") for code in content.iter("TextCode"))  # spaces included: each is placed
    if drawn > MAX_PAGE_GLYPHS:
        raise too_complex(f"一页上的文字超过 {MAX_PAGE_GLYPHS:,} 个", f"a page places more than {MAX_PAGE_GLYPHS:,} characters")
    for element in content.iter("TextObject", "ImageObject"):
        if element.tag == "ImageObject":
            page.images = True
        else:
            page.glyphs.extend(_text_object(element))
    return page


def _text_object(element: etree._Element) -> Iterator[_Glyph]:
    """The characters of one TextObject, on the page: its TextCodes through its CTM into its Boundary."""
    left, top, box_width, _ = _numbers(element.get("Boundary"), 4) or (0.0, 0.0, 0.0, 0.0)
    a, b, c, d, e, f = _numbers(element.get("CTM"), 6) or (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    scale = math.sqrt(abs(a * d - b * c))
    if scale == 0 or abs(b) > MAX_TURN * scale or abs(c) > MAX_TURN * scale:
        return
    declared = _number(element.get("Size", element.get("size")))  # easyofd writes `size`
    own_size = declared if declared and declared > 0 else DEFAULT_SIZE  # in the object's units
    right = left + box_width if box_width > 0 else math.inf
    x = y = 0.0  # a TextCode without X or Y goes on from the previous one's
    for code in element.iter("TextCode"):
        x = _number(code.get("X"), x)
        y = _number(code.get("Y"), y)
        for gx, gy, char, width in _placed(code.text or "", x, y, code.get("DeltaX"), code.get("DeltaY"), own_size):
            if unicodedata.category(char)[0] == "C":  # a tab or a line break drawn is a space
                if not char.isspace():
                    continue
                char = " "
            page_x, page_y = left + a * gx + c * gy + e, top + b * gx + d * gy + f
            if abs(page_x) > MAX_COORDINATE or abs(page_y) > MAX_COORDINATE:
                continue
            width = max(min(width * scale, right - page_x), 0.0)
            yield _Glyph(page_x, page_y, char, own_size * scale, width)


def _placed(text: str, x: float, y: float, delta_x: Optional[str], delta_y: Optional[str],
            size: float) -> Iterator[tuple[float, float, str, float]]:
    """(x, y, character, width) in the object's own units. Each character is offset from the one
    before by the next DeltaX/DeltaY value; where the values run out, by its estimated width."""
    steps_x, steps_y = _deltas(delta_x), _deltas(delta_y)
    width = 0.0
    for index, char in enumerate(text):
        if index:
            x += next(steps_x, width)
            y += next(steps_y, 0.0)
        width = _estimated_width(char, size)
        yield x, y, char, width


def _deltas(spec: Optional[str]) -> Iterator[float]:
    """The values of a DeltaX/DeltaY list, `g n v` standing for `v` n times. Lazy: `n` may be huge."""
    tokens = (spec or "").split()
    position = 0
    while position < len(tokens):
        if tokens[position] == "g":
            count = _count(tokens[position + 1] if position + 1 < len(tokens) else "")
            value = _number(tokens[position + 2] if position + 2 < len(tokens) else "")
            if count is None or value is None:
                return
            for _ in range(count):
                yield value
            position += 3
        else:
            value = _number(tokens[position])
            if value is None:
                return
            yield value
            position += 1


def _estimated_width(char: str, size: float) -> float:
    """Wide (CJK) characters are one size wide, narrow ones (Latin, digits) half of it."""
    return size if unicodedata.east_asian_width(char) in ("W", "F", "A") else size / 2


def _number(text: Optional[str], default: Optional[float] = None) -> Optional[float]:
    try:
        value = float(text)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return default
    return value if math.isfinite(value) else default


def _count(text: str) -> Optional[int]:
    return int(text) if text.isdigit() else None


def _numbers(text: Optional[str], count: int) -> Optional[tuple[float, ...]]:
    values = [_number(part) for part in (text or "").split()]
    if len(values) != count or any(value is None for value in values):
        return None
    return tuple(values)  # type: ignore[arg-type]


def _box(element: Optional[etree._Element]) -> Optional[tuple[float, float]]:
    """(width, height) of a PhysicalBox "x y w h"."""
    values = _numbers(element.text if element is not None else None, 4)
    if values is None or values[2] <= 0 or values[3] <= 0:
        return None
    return values[2], values[3]


# --------------------------------------------------------------------------- characters to lines


@dataclass
class _SizedLine(_Line):
    size: float = 0.0  # the largest character's, mm


def _page_lines(glyphs: list[_Glyph], page: int) -> list[_SizedLine]:
    """Characters on one baseline make a line; lines top to bottom, characters left to right."""
    glyphs.sort(key=lambda glyph: (glyph.y, glyph.x))
    rows: list[list[_Glyph]] = []
    for glyph in glyphs:
        if rows and glyph.y - rows[-1][0].y <= LINE_TOLERANCE * max(glyph.size, rows[-1][0].size):
            rows[-1].append(glyph)
        else:
            rows.append([glyph])
    return [line for line in (_line(row, page) for row in rows) if line is not None]


def _line(row: list[_Glyph], page: int) -> Optional[_SizedLine]:
    """The row's text left to right; spaces at its ends are dropped (an indent typed as spaces
    is an indent), and a wide gap between two characters reads as a space."""
    row.sort(key=lambda glyph: glyph.x)
    kept: list[_Glyph] = []
    for glyph in row:
        if kept and glyph.char == kept[-1].char and glyph.x - kept[-1].x < DOUBLE_STRIKE * glyph.size:
            continue
        kept.append(glyph)
    ink = [index for index, glyph in enumerate(kept) if not glyph.char.isspace()]
    if not ink:
        return None
    kept = kept[ink[0]:ink[-1] + 1]
    parts = [kept[0].char]
    for before, glyph in zip(kept, kept[1:]):
        gap = glyph.x - (before.x + before.width)
        if gap > SPACE_GAP * glyph.size and not (before.char.isspace() or glyph.char.isspace()):
            parts.append(" ")
        parts.append(glyph.char)
    text = "".join(parts)
    x0, x1 = kept[0].x, max(glyph.x + glyph.width for glyph in kept)
    top = min(glyph.y - glyph.size for glyph in kept)
    size = max(glyph.size for glyph in kept)
    return _SizedLine(page, x0, x1, top, text, (x1 - x0) / len(text), size)


def _drop_running_lines(pages: list[list[_Line]], heights: list[float]) -> list[list[_Line]]:
    """Take page numbers, and lines repeated on most pages, off the top and bottom of each page."""
    edges: Counter = Counter()
    for page, height in zip(pages, heights, strict=True):
        edges.update({_shape(line.text) for line in page if _at_edge(line, height)})
    repeated = {shape for shape, count in edges.items() if len(pages) >= 2 and count >= max(2, len(pages) // 2)}

    def running(line: _Line, height: float) -> bool:
        return _at_edge(line, height) and (bool(_PAGE_NUMBER.match(line.text)) or _shape(line.text) in repeated)

    kept = []
    for page, height in zip(pages, heights, strict=True):
        start, end = 0, len(page)
        while start < end and running(page[start], height):
            start += 1
        while end > start and running(page[end - 1], height):
            end -= 1
        kept.append(page[start:end])
    return kept


def _at_edge(line: _Line, height: float) -> bool:
    return line.top < height * EDGE_SHARE or line.top > height * (1 - EDGE_SHARE)


def _join_display_lines(pages: list[list[_SizedLine]]) -> list[list[_SizedLine]]:
    """A title (or a large heading) set over several lines is one paragraph: the PDF joiner
    would split it, its centred lines not starting at the left edge."""
    sizes = [line.size for page in pages for line in page for _ in line.text]
    if not sizes:
        return pages
    body = median(sizes)
    joined = []
    for page in pages:
        kept: list[_SizedLine] = []
        for line in page:
            previous = kept[-1] if kept else None
            if previous is not None and _same_display(previous, line, body):
                kept[-1] = replace(previous, text=previous.text + line.text, x0=min(previous.x0, line.x0),
                                   x1=max(previous.x1, line.x1), top=line.top)
            else:
                kept.append(line)
        joined.append(kept)
    return joined


def _paragraphs(pages: list[list[_SizedLine]]) -> list[SourceLine]:
    """Lines into paragraphs as the PDF reader joins them (`pdf._continues`), with the left edge
    found where a person sees it, and a change of size always starting anew."""
    lines = [line for page in pages for line in page]
    if not lines:
        return []
    right = max(line.x1 for line in lines)
    width = median(line.char_width for line in lines)
    left = _left_edge(pages, right, width)
    out: list[SourceLine] = []
    previous: Optional[_SizedLine] = None
    for line in lines:
        if previous is not None and _near(previous, line) and _continues(previous, line, left, right, width):
            out[-1].text += line.text
        else:
            out.append(SourceLine(line.text, page=line.page))
        previous = line
    return out


def _left_edge(pages: list[list[_SizedLine]], right: float, width: float) -> float:
    """Where the lines after a full line start, most often: the continuations of paragraphs. (The
    PDF reader takes where most lines start, which in a 公文 is the indent: every heading and every
    paragraph's first line is indented by two characters, and many paragraphs are one line.)"""
    after_full = [round(line.x0) for page in pages for previous, line in zip(page, page[1:])
                  if previous.x1 >= right - FULL_LINE * width]
    return _mode(after_full or [round(line.x0) for page in pages for line in page])


def _same_size(previous: _SizedLine, line: _SizedLine) -> bool:
    return abs(line.size - previous.size) < 0.05 * max(line.size, previous.size)


def _near(previous: _SizedLine, line: _SizedLine) -> bool:
    """Of one size, and on the next line (or the first line of the next page)."""
    if not _same_size(previous, line):
        return False
    return line.page != previous.page or line.top - previous.top <= MAX_PITCH * line.size


def _same_display(previous: _SizedLine, line: _SizedLine, body: float) -> bool:
    return line.size > body * DISPLAY_SIZE and _near(previous, line)


# --------------------------------------------------------------------------- errors


def _corrupt(zh: str, en: str) -> FzError:
    return FzError("corrupt", f"OFD 文件已损坏：{zh}；请重新导出后再检查", f"the OFD file is damaged: {en}; export it again")


def _not_ofd() -> FzError:
    return FzError(
        "corrupt",
        "文件不是有效的 OFD（不是 OFD 所用的 zip 文件包），可能已损坏，或是改了扩展名的其他文件",
        "not a valid OFD file (not the zip package OFD uses): damaged, or another kind of file renamed",
    )


def _loop(name: str) -> FzError:
    return _corrupt(f"部件之间循环引用（{name} 又引用了引用它的部件）",
                    f"its parts refer to each other in a loop ({name} names a part that names it)")


def _encrypted() -> FzError:
    return FzError(
        "encrypted",
        "OFD 文件已加密，无法读取其中的文字；请提供未加密的版本",
        "the OFD file is encrypted and its text cannot be read; provide an unencrypted copy",
    )


def _no_text(images: bool) -> FzError:
    if images:
        return FzError(
            "needs-ocr",
            "OFD 文件中只有图像，没有可提取的文字（可能是扫描件）；OFD 中的图像暂不做文字识别，"
            "请提供文字版（.docx、带文字层的 PDF 或 OFD），或把扫描件另存为 PDF 再检查",
            "the OFD file holds only images and no text (probably a scan); images inside OFD files are not "
            "recognised (OCR) yet: provide a text version (.docx, or a PDF or OFD with text), or the scan as a PDF",
        )
    return FzError("empty", "OFD 文件中没有文字", "the OFD file holds no text")
