"""PDF with a text layer: lines in reading order, page numbers kept, layout undone.

Running headers, footers and page numbers that repeat on every page are
dropped; lines the layout broke are joined back into paragraphs, but a line
that starts with a heading number, or follows a short line, starts anew.
"""

from __future__ import annotations

import io
import logging
import re
from collections import Counter
from dataclasses import dataclass
from statistics import median
from typing import Optional

from checker.errors import FzError
from checker.document.ingest.source import Source, SourceLine

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
    from pdfminer.layout import LAParams, LTTextLine

    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # it logs every odd font to stderr

    try:
        from pdfminer.high_level import extract_pages

        pages, heights = [], []
        for number, layout in enumerate(extract_pages(io.BytesIO(data), laparams=LAParams(line_margin=0.3)), start=1):
            lines = [
                _Line(number, item.x0, item.x1, layout.height - item.y1, item.get_text().strip(), _char_width(item))
                for item in _walk(layout, LTTextLine)
                if item.get_text().strip()
            ]
            lines.sort(key=lambda line: (round(line.top / 3), line.x0))
            pages.append(lines)
            heights.append(layout.height)
        return pages, heights
    except Exception as exc:
        raise _pdf_error(exc) from None


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
