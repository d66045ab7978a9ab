"""Character-level normalisation that keeps every offset where it was.

Text copied from web pages mixes full-width and half-width punctuation
(`（）：；，` and `( ) : ; ,`). Matching runs on a normalised copy in which every
full-width ASCII form becomes its half-width twin, one character for one, so a
position in the copy is the same position in the original and excerpts can be
shown exactly as the drafter wrote them.
"""

from __future__ import annotations

import re
from itertools import groupby
from typing import Mapping, Optional

_FULLWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_SPACES = {0x3000: 0x20, 0x00A0: 0x20, 0x2002: 0x20, 0x2003: 0x20, 0x200B: 0x20, 0xFEFF: 0x20}
# List bullets a portal puts before its lines (• 来源: …, • 2020年,…): layout, read as spaces.
_BULLETS = {code: 0x20 for code in (0x2022, 0x25CF, 0x25AA, 0x25C6, 0x25A0)}
# A lone surrogate (bytes a damaged PDF's text layer or a file in no encoding left undecoded) is no
# character: the copy reads it as U+FFFD, which encodes, as OpenCC needs. The original keeps it and
# outputs show it escaped (render/escape.py).
_SURROGATES = {code: 0xFFFD for code in range(0xD800, 0xE000)}
_TABLE = {**_FULLWIDTH, **_SPACES, **_BULLETS, **_SURROGATES, 0x09: 0x20}

CJK = r"\u4e00-\u9fff"

SENTENCE_END = "。！？；;!?"
_SENTENCE_RE = re.compile(r"[^。！？；;!?]*(?:[。！？；;!?]+[”’」』)]*|$)")


class OneForOne:
    """`str.translate` by a table that maps characters to single characters, at the cost of a regex scan.

    `str.translate` looks every character of a text up in the table and, for each one the table
    does not hold, raises and clears a KeyError; in a report nearly every character is such a miss.
    Here a character class of the table's keys finds the few held characters, and only they are
    looked up.
    """

    def __init__(self, table: Mapping[int, int | str]):
        self.table = dict(table)
        self._held = re.compile(f"({_character_class(self.table)})")

    def __call__(self, text: str) -> str:
        pieces = self._held.split(text)  # text, held character, text, held character, …, text
        if len(pieces) == 1:
            return text
        pieces[1::2] = "".join(pieces[1::2]).translate(self.table)  # one character for one
        return "".join(pieces)


def _character_class(table: Mapping[int, int | str]) -> str:
    """`[…]` matching the keys of `table`, runs of consecutive code points as ranges (fast for `re`)."""
    ranges = []
    for _, run in groupby(enumerate(sorted(table)), key=lambda pair: pair[1] - pair[0]):
        codes = [code for _, code in run]
        first, last = re.escape(chr(codes[0])), re.escape(chr(codes[-1]))
        ranges.append(first if first == last else f"{first}-{last}")
    return f"[{''.join(ranges)}]" if ranges else "(?!)"


_HALF_WIDTH = OneForOne(_TABLE)


def normalize(text: str) -> str:
    """Half-width copy of `text`, the same length, for matching."""
    return _HALF_WIDTH(text)


_CJK_CHAR = re.compile("[\u4e00-\u9fff]")


def cjk_count(text: str) -> int:
    return len(_CJK_CHAR.findall(text))


def split_sentences(text: str, start: int = 0, end: Optional[int] = None) -> list[tuple[int, int]]:
    """(start, end) spans of the sentences of one paragraph, delimiters included, blank ones left out.

    `start` and `end`: where the paragraph lies in `text` (by default, all of it); the spans are in `text`.
    """
    spans = (match.span() for match in _SENTENCE_RE.finditer(text, start, len(text) if end is None else end))
    return [(a, b) for a, b in spans if a < b and not text[a:b].isspace()]


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
