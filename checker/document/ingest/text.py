"""Plain text and Markdown in whatever encoding a Chinese office produced.

The encoding is detected, never assumed: byte-order marks first, then strict
UTF-8, then UTF-8 with a few damaged bytes, then charset-normalizer limited to
the encodings Chinese documents actually come in (it otherwise reads a short
GBK line as Korean). Text far longer than a report is refused (see `limits`).
"""

from __future__ import annotations

import re
from typing import Optional

from checker.errors import FzError
from checker.document.ingest.limits import MAX_TEXT_CHARS, check_text_size, too_long
from checker.document.ingest.source import Source, SourceLine, lines_from_text
from checker.document.ingest.wrapped import paragraphs_from_text, unwrap

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_CANDIDATES = ["utf_8", "gb18030", "big5", "utf_16_le", "utf_16_be"]
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]")
_CJK = re.compile("[\u4e00-\u9fff]")  # as textnorm.cjk_count counts them
# Every candidate encoding takes at most 4 bytes a character: more bytes than this is certainly
# more characters than MAX_TEXT_CHARS, refused before decoding (50 MB can decode to 200 MB of str).
_MAX_TEXT_BYTES = 4 * MAX_TEXT_CHARS + 4


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Text and the name of the encoding it was in; FzError if it is not text."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return _checked(data[len(bom):].decode(name.replace("-sig", ""), errors="replace"), name)
    try:
        return _checked(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    damaged = _damaged_utf8(data)
    if damaged is not None:
        return _checked(damaged, "utf-8")
    from charset_normalizer import from_bytes  # imported here: most inputs are UTF-8

    best = from_bytes(data, cp_isolation=_CANDIDATES).best()
    if best is None:
        raise _not_text()
    encoding = best.encoding
    if encoding in ("gbk", "gb2312", "hz"):
        encoding = "gb18030"  # superset: decodes every GBK file and more
    return _checked(data.decode(encoding, errors="replace"), encoding)


def _damaged_utf8(data: bytes) -> Optional[str]:
    """UTF-8 with a few damaged bytes (a bad sector, a cut copy): thousands of characters decode
    and a handful do not. Text in another encoding decodes as UTF-8 hardly at all."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = len(_ASCII_OR_BAD.sub("", text))  # characters beyond ASCII that did decode
    return text if bad <= 16 and good >= 100 * bad else None


_ASCII_OR_BAD = re.compile("[\x00-\x7f\ufffd]")


def _checked(text: str, encoding: str) -> tuple[str, str]:
    if not text.strip():
        raise FzError("empty", "文件没有任何文字内容", "the file contains no text")
    noise = len(text) - len(_CONTROL.sub("", text))  # counted without a list of every match
    if noise > max(8, len(text) // 50) or (noise and not _CJK.search(text)) or not _plausible(text):
        raise _not_text()
    return _CONTROL.sub(" ", text), encoding


# Characters a Chinese document is not made of. Random bytes decoded in some
# encoding give mostly these (Hangul, rare ideographs, symbols).
_UNUSUAL = re.compile(
    r"[^\u4e00-\u9fff\u3000-\u303f\uff00-\uffef\u0020-\u007e\s\u00a0-\u00ff\u2000-\u206f"
    r"\u2100-\u214f\u2190-\u21ff\u2460-\u24ff\u2500-\u25ff\u3400-\u4dbf\u0370-\u03ff\u0400-\u04ff]"
)


def plausible(text: str) -> bool:
    """Does `text` read as text (few characters that no report uses)?"""
    return _plausible(text)


def _plausible(text: str) -> bool:
    sample = text[:20000]
    return len(sample) < 20 or len(_UNUSUAL.findall(sample)) <= 0.1 * len(sample)


def _not_text() -> FzError:
    return FzError(
        "not-text",
        "文件不是可识别的文本（可能是二进制文件或编码无法识别）",
        "the file is not readable text (binary data or an unknown encoding)",
    )


# The heading text is cut from its closing #s by string methods: the pattern `(.*?)\s*#*\s*$`
# backtracks quadratically on a long run of spaces.
_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*)$")
_MD_MARKUP = re.compile(r"(\*\*|__|`)")
_MD_LIST = re.compile(r"^\s{0,3}(?:[-*+]|>)\s+")


# A .txt that is Markdown as typed (a draft from an editor or a chat assistant: `## 一、…`, `**一是**`) is read as
# Markdown: this many `#` headings or bold lead-ins at least. A lead-in opens a line or follows a stop and opens on a
# word of two characters or more, so a name's masked characters (当事人张**、李**; 彰显了**战疫的…; **县**局) are none.
_MD_BOLD_RUN = re.compile(r"(?:^|(?<=[。：；！？:;!?]))[ \t]*\*\*(?![\s，。、；：,.;:])[^*\n]{2,60}?\*\*", re.MULTILINE)
MARKDOWN_MIN_MARKS = 2


def read_text(path: str, data: bytes) -> Source:
    text, encoding = _decode_bounded(data)
    if _typed_markdown(text):
        return Source(path=path, format="txt", lines=_markdown_lines(text), encoding=encoding)
    return Source(path=path, format="txt", lines=paragraphs_from_text(text), encoding=encoding)


def _typed_markdown(text: str) -> bool:
    headings = sum(1 for line in text.splitlines() if _MD_HEADING.match(line))
    return headings >= MARKDOWN_MIN_MARKS or len(_MD_BOLD_RUN.findall(text)) >= MARKDOWN_MIN_MARKS


def _decode_bounded(data: bytes) -> tuple[str, str]:
    """The text of a .txt or .md file, refused when far longer than a report."""
    if len(data) > _MAX_TEXT_BYTES:
        raise too_long(len(data) // 4, at_least=True)
    text, encoding = decode_bytes(data)
    check_text_size(text)
    return text, encoding


def _heading_text(rest: str) -> str:
    """What the old pattern's lazy `(.*?)` captured: the text without trailing spaces, closing #s and spaces."""
    return rest.rstrip().rstrip("#").rstrip()


def read_markdown(path: str, data: bytes) -> Source:
    """Markdown: `#` headings become heading hints, emphasis and list marks go."""
    text, encoding = _decode_bounded(data)
    return Source(path=path, format="md", lines=_markdown_lines(text), encoding=encoding)


def _markdown_lines(text: str) -> list[SourceLine]:
    lines = []
    for line in lines_from_text(text):
        match = _MD_HEADING.match(line.text)
        if match:
            lines.append(SourceLine(_MD_MARKUP.sub("", _heading_text(match.group(2))), heading_level=len(match.group(1))))
        else:
            lines.append(SourceLine(_MD_MARKUP.sub("", _MD_LIST.sub("", line.text))))
    return unwrap(lines)
