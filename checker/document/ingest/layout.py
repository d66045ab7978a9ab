"""What the page-laid-out readers (PDF, OFD) share: a line with its position, and the rules that join
lines into paragraphs and tell running lines from text. Format knowledge only, no vocabulary: page
numbers and heading numbers as they are printed."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

FULL_LINE = 4  # a line ending less than this many characters short of the right edge is full
INDENT = 0.8  # a line starting this many characters or more right of the left edge is indented
# (each run of spaces is read by one class: a long blank line is tried once, not once per way to split it)
PAGE_NUMBER = re.compile(
    r"^[-—–·\s]*\d{1,4}[-—–·\s]*$|"
    r"^\s*(?:第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+|Page\s*\d+(?:\s*of\s*\d+)?)\s*$", re.I)
# A table of contents' entry, dotted out to its page number (二、存在的不足和原因……………5): it ends where its number
# does, and it is no heading of the text (that comes later) nor a sentence of its prose.
TOC_ENTRY = re.compile(r"(?:…{2,}|\.{4,}|·{4,}|－{4,})\s*\d+\s*$")
# A heading or list number at the start of a line always starts a paragraph, as does a bullet (a portal's list of
# links: · 青山县…年度报告    2025-03-28).
STARTS_NEW = re.compile(
    r"^\s*(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]{1,3}\s*[、.．]|[（(]\s*[一二三四五六七八九十\d]{1,3}\s*[)）]|"
    r"\d{1,2}\s*[.、．](?!\d)|[①-⑳]|[一二三四五六七八九十]{1,3}是|[·•●▪■◆]\s)"
)


@dataclass
class Line:
    page: int
    x0: float
    x1: float
    top: float
    text: str
    char_width: float


def shape(text: str) -> str:
    """A line with its figures and spaces taken out: running headers and page numbers look alike."""
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def continues(previous: Line, line: Line, left: float, right: float, width: float) -> bool:
    """Is `line` the rest of the paragraph `previous` belongs to?"""
    if STARTS_NEW.match(line.text):
        return False
    if previous.x1 < right - FULL_LINE * width:  # the previous line stopped short: its paragraph ended
        return False
    return line.x0 <= left + INDENT * width  # an indented line starts a paragraph


def mode(values: list[int]) -> float:
    return Counter(values).most_common(1)[0][0]
