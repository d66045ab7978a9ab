"""Web pages saved from a government portal: the report body, without the site around it.

The charset comes from the page (`<meta charset>`), or is detected when the
page does not say; many portals are GBK. The body is the element holding the
most prose; navigation, breadcrumbs, share buttons and footers are dropped.
"""

from __future__ import annotations

from typing import Optional

import re
from typing import Iterator, Optional

import lxml.html

from checker.errors import FzError
from checker.document.ingest.limits import TextTally, too_complex
from checker.document.ingest.source import Source, SourceLine
from checker.document.ingest.text import decode_bytes, plausible

# A portal page has a few thousand tags (a Word export of a long report: tens of thousands);
# lxml needs about 1 KB per element, and a page is refused before parsing above these.
MAX_HTML_TAGS = 200_000
MAX_HTML_BYTES = 16 * 1024 * 1024

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)""", re.I)
# What web servers send when nobody configured a charset: never the charset of a Chinese report.
_SERVER_DEFAULTS = {"iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii", "windows-1252", "cp1252"}
_DROP_TAGS = {"script", "style", "noscript", "template", "iframe", "nav", "header", "footer", "aside", "form",
              "button", "select", "input", "textarea", "svg", "object", "embed", "head", "map"}
_CHROME_ATTR = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|footer|foot|header|head|top|breadcrumb|crumbs?|location|position|share|"
    r"sidebar|side|toolbar|tools|copyright|banner|login|search|related|pager|paging|comment|fenxiang|dayin|"
    r"print|close)(?:$|[\s_-])",
    re.I,
)
_BLOCK_TAGS = {"p", "div", "section", "article", "main", "li", "ul", "ol", "table", "tr", "td", "th", "tbody",
               "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "dd", "dt", "dl", "center"}
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_DATE_META = ("pubdate", "publishdate", "firstpublishedtime", "articlepubdate", "article:published_time",
              "og:release_date", "dc.date", "dc.date.issued", "publishtime", "releasedate", "maketime")
_DATE = re.compile(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_TITLE_META = ("articletitle", "og:title", "title", "dc.title")
_PROSE = re.compile(r"[\u4e00-\u9fff。，,；;：:]")
# Source formatting breaks lines inside a paragraph; between Chinese characters that is not a space.
_SPACE_BETWEEN_CJK = re.compile(r"(?<=[\u4e00-\u9fff，。；：、“”（）《》]) (?=[\u4e00-\u9fff，。；：、“”（）《》])")


def read_html(path: str, data: bytes, declared: Optional[str] = None) -> Source:
    """A saved page; `declared` is the charset a server named for it (fetch.py), used when the page names none."""
    if len(data) > MAX_HTML_BYTES:
        raise FzError(
            "too-long",
            f"网页文件过大（{len(data) / 1048576:.1f} MB，上限 {MAX_HTML_BYTES // 1048576} MB），远超一份报告的网页，已拒绝读取",
            f"the web page is too large ({len(data) / 1048576:.1f} MB; the limit is {MAX_HTML_BYTES // 1048576} MB), "
            "far more than a report's page; refused",
        )
    tags = data.count(b"<")
    if tags > MAX_HTML_TAGS:
        raise too_complex(f"网页有约 {tags:,} 个标签，上限 {MAX_HTML_TAGS:,}", f"about {tags:,} tags in the page; the limit is {MAX_HTML_TAGS:,}")
    text, encoding, notice = decode_html(data, declared)
    try:
        root = lxml.html.document_fromstring(text)
    except Exception:
        raise FzError("corrupt", "网页文件无法解析", "the web page cannot be parsed") from None
    metas = _metas(root)
    published = _published(metas)
    title = _title(root, metas)
    _remove_chrome(root)
    container = _main_container(root)
    lines, tally = [], TextTally()
    for line in _lines(container):
        if line.text.strip():
            tally.add([line])
            lines.append(line)
    if not lines:
        raise FzError("empty", "网页中没有找到正文文字", "no body text found in the web page")
    return Source(path=path, format="html", lines=lines, encoding=encoding, published=published,
                  title_hint=title, notices=[notice] if notice else [])


def decode_html(data: bytes, server_charset: Optional[str] = None) -> tuple[str, str, Optional[str]]:
    """The page's declared charset when it works, detection otherwise (with a notice saying so).

    The page's own `<meta charset>` comes first: Chinese portals often send a server default
    (ISO-8859-1) in the header that the page itself contradicts.
    """
    declared = _META_CHARSET.search(data[:4096])
    server = (server_charset or "").lower()
    name = declared.group(1).decode("ascii").lower() if declared else ("" if server in _SERVER_DEFAULTS else server)
    if name and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        name = "gb18030" if name in ("gb2312", "gbk", "gb_2312-80", "x-gbk") else name
        try:
            text = data.decode(name)
        except (LookupError, UnicodeDecodeError):
            text = None
        if text is not None and plausible(text):
            return text, name, None
        detected, encoding = decode_bytes(data)
        return detected, encoding, (f"网页声明的字符集“{name}”无法正确解码，已按自动识别的 {encoding} 读取，"
                                    "请核对正文是否有乱码。")
    return (*decode_bytes(data), None)


def _metas(root) -> dict[str, str]:
    found = {}
    for meta in root.iter("meta"):
        key = (meta.get("name") or meta.get("property") or meta.get("itemprop") or "").strip().lower()
        if key and meta.get("content"):
            found.setdefault(key, meta.get("content").strip())
    return found


def _published(metas: dict[str, str]) -> Optional[str]:
    for key in _DATE_META:
        match = _DATE.search(metas.get(key, ""))
        if match:
            year, month, day = (int(part) for part in match.groups())
            if 1 <= month <= 12 and 1 <= day <= 31:
                return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def _title(root, metas: dict[str, str]) -> Optional[str]:
    for key in _TITLE_META:
        if metas.get(key):
            return _clean_title(metas[key])
    for heading in root.iter("h1"):
        text = heading.text_content().strip()
        if text:
            return _clean_title(text)
    title = root.find(".//title")
    if title is not None and title.text:
        return _clean_title(title.text)
    return None


def _clean_title(text: str) -> Optional[str]:
    """Drop the site name portals append ("报告标题_某某区人民政府网"); a bare site name is no title."""
    text = re.split(r"\s*[_|｜]\s*|\s+-\s+", text.strip())[0].strip()
    if len(text) < 6 or re.search(r"(?:网|网站|门户|首页|平台)$", text):
        return None
    return text


def _remove_chrome(root) -> None:
    content = _content_stats(root)  # an element's text is unchanged until it is looked at: see below
    for element in list(root.iter()):
        if element.getparent() is None:
            continue
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        attrs = f"{element.get('class', '')} {element.get('id', '')}" if tag else ""
        if not tag or tag in _DROP_TAGS:  # comments, processing instructions, scripts…
            element.drop_tree()
        elif _CHROME_ATTR.search(attrs) and content[element].prose < 200:
            element.drop_tree()
    # Elements come in document order, so nothing inside an element has been dropped when it is
    # looked at (a dropped element's tail moves to an element before it), and the counts taken
    # before the loop are those of `element.text_content()` at that moment.


def _main_container(root):
    """The element whose paragraphs hold the most prose."""
    scores: dict = {}
    content = _content_stats(root)
    for element in root.iter("p", "div", "td", "li", "section", "article", "font", "span"):
        own = _own_stats(element, content)
        if own.stripped < 20:
            continue
        score = own.prose
        parent = element.getparent()
        for ancestor, share in ((parent, 1.0), (parent.getparent() if parent is not None else None, 0.5)):
            if ancestor is not None:
                scores[ancestor] = scores.get(ancestor, 0) + score * share
    if not scores:
        body = root.find("body")
        return body if body is not None else root
    return max(scores, key=scores.get)


class _Stats:
    """What the scoring needs of a text, without the text: its length, leading and trailing
    whitespace, and its prose characters. Stats of joined texts are joined stats, so every
    element's `text_content()` is measured in one pass over the tree instead of once per
    ancestor (inline elements nested 255 deep around a long text made that quadratic)."""

    __slots__ = ("length", "lead", "trail", "prose")

    def __init__(self, length: int = 0, lead: int = 0, trail: int = 0, prose: int = 0):
        self.length, self.lead, self.trail, self.prose = length, lead, trail, prose

    @classmethod
    def of(cls, text: Optional[str]) -> "_Stats":
        if not text:
            return _EMPTY
        return cls(len(text), len(text) - len(text.lstrip()), len(text) - len(text.rstrip()),
                   len(text) - len(_PROSE.sub("", text)))

    def __add__(self, other: "_Stats") -> "_Stats":
        if not other.length:
            return self
        if not self.length:
            return other
        blank, other_blank = self.lead == self.length, other.lead == other.length
        return _Stats(
            self.length + other.length,
            self.length + other.lead if blank else self.lead,
            other.length + self.trail if other_blank else other.trail,
            self.prose + other.prose,
        )

    @property
    def stripped(self) -> int:
        """len(text.strip())"""
        return 0 if self.lead == self.length else self.length - self.lead - self.trail


_EMPTY = _Stats()


def _content_stats(root) -> dict:
    """Stats of `element.text_content()` for every element under `root` (comments hold none)."""
    stats: dict = {}
    for element in reversed(list(root.iter())):  # children before their parents
        if not isinstance(element.tag, str):
            stats[element] = _EMPTY
            continue
        total = _Stats.of(element.text)
        for child in element:
            total = total + stats[child] + _Stats.of(child.tail)
        stats[element] = total
    return stats


def _own_stats(element, content: dict) -> _Stats:
    """Stats of the element's own text: its text and inline children, without block children."""
    total = _Stats.of(element.text)
    for child in element:
        if not (isinstance(child.tag, str) and child.tag in _BLOCK_TAGS):
            total = total + content[child]
        total = total + _Stats.of(child.tail)
    return total


def _lines(container) -> Iterator[SourceLine]:
    current: list[str] = []
    level: list[Optional[int]] = [None]

    def flush() -> Iterator[SourceLine]:
        text = _SPACE_BETWEEN_CJK.sub("", re.sub(r"\s+", " ", "".join(current))).strip()
        current.clear()
        if text:
            yield SourceLine(text, heading_level=level[0])
        level[0] = None

    def walk(element) -> Iterator[SourceLine]:
        tag = element.tag if isinstance(element.tag, str) else ""
        block = tag in _BLOCK_TAGS or tag == "br"
        if block:
            yield from flush()
        if tag in _HEADINGS:
            level[0] = _HEADINGS[tag]
        if element.text and tag != "br":
            current.append(element.text)
        for child in element:
            yield from walk(child)
            if child.tail:
                current.append(child.tail)
        if block:
            yield from flush()

    yield from walk(container)
    yield from flush()
