"""Character-level normalisation that keeps every offset where it was.

Text copied from web pages mixes full-width and half-width punctuation
(`（）：；，` and `( ) : ; ,`). Matching runs on a normalised copy in which every
full-width ASCII form becomes its half-width twin, one character for one, so a
position in the copy is the same position in the original and excerpts can be
shown exactly as the drafter wrote them.
"""

from __future__ import annotations

import re

_FULLWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_SPACES = {0x3000: 0x20, 0x00A0: 0x20, 0x2002: 0x20, 0x2003: 0x20, 0x200B: 0x20, 0xFEFF: 0x20}
_TABLE = {**_FULLWIDTH, **_SPACES, 0x09: 0x20}

CJK = r"\u4e00-\u9fff"

SENTENCE_END = "。！？；;!?"
_SENTENCE_RE = re.compile(r"[^。！？；;!?]*(?:[。！？；;!?]+[”’」』)]*|$)")
def normalize(text: str) -> str:
    """Half-width copy of `text`, the same length, for matching."""
    return text.translate(_TABLE)


_CJK_CHAR = re.compile("[\u4e00-\u9fff]")


def cjk_count(text: str) -> int:
    return len(_CJK_CHAR.findall(text))


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) spans of the sentences of one paragraph, delimiters included."""
    spans = []
    for match in _SENTENCE_RE.finditer(text):
        start, end = match.span()
        if end > start and text[start:end].strip():
            spans.append((start, end))
    return spans


_CN_YEAR_DIGITS = {"〇": "0", "○": "0", "零": "0", "O": "0", "一": "1", "二": "2", "三": "3", "四": "4",
                   "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}


def year_from_chinese(text: str) -> int | None:
    """二〇一八 → 2018."""
    digits = "".join(_CN_YEAR_DIGITS.get(ch, "") for ch in text)
    if len(digits) == 4 and len(text) == 4:
        return int(digits)
    return None


def shorten(text: str, limit: int) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"
