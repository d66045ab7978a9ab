"""Readers: one file in, a `Source` (numbered lines plus hints) out.

Every failure is an `FzError` naming the reason in Chinese and English; the
caller adds the file name. Input files are only ever opened for reading.
"""

from __future__ import annotations

import os
from dataclasses import replace
from typing import Callable, Iterable

from checker.errors import FzError
from importlib import import_module

from checker.document.ingest.limits import MAX_LINES, MAX_TEXT_CHARS, too_long, too_many_lines
from checker.document.ingest.source import Source, SourceLine

DEFAULT_MAX_BYTES = 50 * 1024 * 1024

Reader = Callable[[str, bytes], Source]

# suffix → (module, function); a reader is imported only when a file of its kind comes along,
# so checking plain text never loads the PDF, Word or HTML libraries.
READERS: dict[str, tuple[str, str]] = {
    ".txt": ("text", "read_text"),
    ".text": ("text", "read_text"),
    ".md": ("text", "read_markdown"),
    ".markdown": ("text", "read_markdown"),
    ".docx": ("docx", "read_docx"),
    ".pdf": ("pdf", "read_pdf"),
    ".html": ("html", "read_html"),
    ".htm": ("html", "read_html"),
    ".shtml": ("html", "read_html"),
    ".xhtml": ("html", "read_html"),
    ".ofd": ("ofd", "read_ofd"),
    ".png": ("ocr", "read_image"),
    ".jpg": ("ocr", "read_image"),
    ".jpeg": ("ocr", "read_image"),
    ".tif": ("ocr", "read_image"),
    ".tiff": ("ocr", "read_image"),
    ".bmp": ("ocr", "read_image"),
}
# Formats people send that cannot be read directly, with what to do instead.
OLD_OFFICE = {".doc", ".wps", ".wpt", ".dot", ".rtf"}


# Page images are read (by OCR) when named one by one, but are not reports when met in a folder.
IMAGES = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp"}


def supported_suffixes() -> list[str]:
    """The document formats, as the messages list them (page images are named in the README)."""
    return [".txt", ".md", ".docx", ".doc", ".wps", ".pdf", ".ofd", ".html", ".htm"]


def read_source(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Source:
    from checker.document.ingest.fetch import is_url, read_url

    if is_url(path):
        return _bounded(read_url(path, max_bytes, _reader))
    suffix = os.path.splitext(path)[1].lower()
    if suffix in OLD_OFFICE and os.path.isfile(path):
        return _bounded(_converted(path, suffix, max_bytes))
    if suffix not in READERS:
        raise FzError(
            "unsupported-format",
            f"不支持的文件类型“{suffix or '无扩展名'}”，请提供 {'、'.join(supported_suffixes())} 文件",
            f"unsupported file type '{suffix or 'none'}'; use one of {', '.join(supported_suffixes())}",
        )
    data = read_bytes(path, max_bytes)
    return _bounded(_reader(suffix)(path, data))


def load_readers(paths: Iterable[str]) -> None:
    """Import now the readers of the kinds of file among `paths`, with the libraries they use.

    A process about to fork workers calls this, so that they share one copy rather than each
    importing the PDF or Word libraries on its first file.
    """
    for suffix in {os.path.splitext(path)[1].lower() for path in paths} & READERS.keys():
        try:
            _reader(suffix)
        except ImportError:  # a library not installed: each file of the kind says so when it is read
            pass


def _reader(suffix: str) -> Reader:
    module, function = READERS[suffix]
    return getattr(import_module(f".{module}", __name__), function)


def _converted(path: str, suffix: str, max_bytes: int) -> Source:
    """An old Word or WPS file, read as the .docx LibreOffice makes of it (when it is installed)."""
    from checker.document.ingest.archive import ole_container
    from checker.document.ingest.docx import read_docx
    from checker.document.ingest.office import convert_to_docx, find_soffice
    from checker.document.ingest.text import plausible

    soffice = find_soffice()
    if soffice is None:
        raise ole_container(".docx")
    read_bytes(path, max_bytes)  # the size limit holds before LibreOffice sees the file
    source = read_docx(path, convert_to_docx(path, soffice))
    if not plausible("\n".join(line.text for line in source.lines)):  # LibreOffice reads any bytes as some text
        raise FzError("convert-failed", "文件已损坏，转换后不是可识别的文字，请用 WPS 或 Word 另存为 .docx 后再检查",
                      "the file is damaged: converted, it is no readable text; save it as .docx in WPS or Word")
    return replace(source, format=suffix.lstrip("."))


def _bounded(source: Source) -> Source:
    """Whatever the format, no reader hands on far more than a report (see `limits`)."""
    if len(source.lines) > MAX_LINES:
        raise too_many_lines(len(source.lines))
    chars = sum(len(line.text) for line in source.lines)
    if chars > MAX_TEXT_CHARS:
        raise too_long(chars)
    return source


def read_bytes(path: str, max_bytes: int) -> bytes:
    try:
        size = os.stat(path).st_size
    except FileNotFoundError:
        raise FzError("not-found", "文件不存在", "file not found") from None
    except OSError as exc:
        raise FzError("unreadable", f"无法读取文件：{exc.strerror}", f"cannot read the file: {exc.strerror}") from None
    if os.path.isdir(path):
        raise FzError("is-directory", "这是一个文件夹，不是文件", "this is a directory, not a file")
    if size > max_bytes:
        raise FzError(
            "too-large",
            f"文件大小 {_size(size, '字节')} 超过上限 {_size(max_bytes, '字节')}（可用 --max-size 调整）",
            f"file size {_size(size, 'bytes')} exceeds the limit of {_size(max_bytes, 'bytes')} (see --max-size)",
        )
    if size == 0:
        raise FzError("empty", "文件是空的", "the file is empty")
    try:
        with open(path, "rb") as handle:
            return handle.read(max_bytes + 1)
    except OSError as exc:
        raise FzError("unreadable", f"无法读取文件：{exc.strerror}", f"cannot read the file: {exc.strerror}") from None


def _size(count: int, byte_word: str) -> str:
    if count >= 1048576:
        return f"{count / 1048576:.1f} MB"
    return f"{count / 1024:.0f} KB" if count >= 1024 else f"{count} {byte_word}"


__all__ = ["Source", "SourceLine", "read_source", "load_readers", "supported_suffixes", "DEFAULT_MAX_BYTES"]
