"""Plain text whose paragraphs were broken into lines of one width: text copied out of a PDF or saved by
a converter that wraps. A line of the full width that goes on into a line of text continues the same
paragraph; the two are joined, so that a term, a sentence or a heading's body is not cut in two. Each
joined line remembers the file lines it was made of, for evidence to cite the line an editor shows.

The paragraph rules are a page's (layout.py) read in characters: a line that stops short of the width
ends its paragraph, and an indented line or one opening on a heading number starts one. A text is read
as wrapped only when many of its lines end at the same width; one written a paragraph to a line is left
as it is. (A paragraph whose last line happens to fill the width runs on into the next, unless that one
is indented or numbered: the text does not say where it ended.) Format knowledge only, no vocabulary.

Such a copy also carries each page's furniture into the text: its number (— 3 —, 第3页 共9页) and a
running header or footer repeated page after page. Those lines are left out, so that a paragraph cut by a
page break is joined across it and a running header is not read as a heading.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import accumulate
from typing import Callable, Optional

from checker.document.ingest.layout import PAGE_NUMBER, STARTS_NEW, TOC_ENTRY, shape
from checker.document.ingest.source import SourceLine, lines_from_text

# Characters that take two columns (CJK, full-width forms): a wrap by width counts them twice.
_WIDE = re.compile("[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]")
# A line this many characters (two columns, for a wrap by width) short of the text's width is still full:
# a line may end a character early to keep a closing mark off the next line's start.
SHORT_OF_FULL = 1
# …and no line half as long again as the width is a wrapped one: it is a paragraph of its own (a preface's paragraphs
# beside a table of contents dotted out to one width).
LONGEST_OF_FULL = 1.5
# The narrowest width taken for a wrap (a table's column of short cells is not one), and the widest, in
# columns: a line longer than that is no page's or window's line.
MIN_WIDTH = 16
MAX_WIDTH = 160
# At least this many lines, and this share of those with text, end at the width in a wrapped text.
MIN_FULL_LINES = 5
MIN_FULL_SHARE = 0.3
# A paragraph's indent: a full-width space or two spaces (one space may be the space of a wrapped phrase).
_INDENTED = re.compile(r"^(?:\u3000|[ \t]{2}|\t)")
# A line shown this many times or more, of at most this many characters and at least this many ideographs,
# is a page's running header or footer. It names something (青山市人民政府办公室) and has no punctuation
# of prose, which a paragraph's last words have.
RUNNING_MIN_TIMES = 3
RUNNING_MIN_IDEOGRAPHS = 4
RUNNING_MAX_CHARS = 40
_PROSE_MARK = re.compile(r"[。，,、；;：:！!？?]")
# A field of a metadata block (索 引 号：…, 发布机构：…, 文　　号：…): a short label, maybe spaced out, and a colon. Such
# lines are as wide as their values happen to be; they are no wrapped text and end where they end.
_FIELD = re.compile(r"^\s*(?:[^\s:：。，,][\s\u3000]*){2,6}[:：]")
_IDEOGRAPH = re.compile("[\u4e00-\u9fff]")
_FIGURE = re.compile(r"\d+")
# A page's number between dashes (— 1 —): never a text's own line, unlike a figure or a date alone (2024, 04/07).
_DASHED_PAGE = re.compile(r"^\s*[—–\-－]+\s*\d{1,4}\s*[—–\-－]+\s*$")


def paragraphs_from_text(text: str) -> list[SourceLine]:
    """The lines of a plain text, a wrapped paragraph's lines joined into one."""
    return unwrap(lines_from_text(text))


def unwrap(lines: list[SourceLine]) -> list[SourceLine]:
    """`lines` with each wrapped paragraph joined into one line; `lines` themselves when the text is not wrapped."""
    page_numbers = _page_numbers(lines)
    full = _full_lines([line for k, line in enumerate(lines) if k not in page_numbers])
    if full is None:  # (a page's number between dashes is none of the text, wrapped or not: — 1 — under a contents)
        dashed = [k for k in page_numbers if _DASHED_PAGE.match(lines[k].text)]
        return [line for k, line in enumerate(lines) if k not in dashed] if dashed else lines
    furniture = page_numbers | _running_lines(lines, full)
    paragraphs: list[list[int]] = []  # the file lines (0-based) of each paragraph, gathered before joining
    for k, line in enumerate(lines):
        if k in furniture:
            continue
        if paragraphs and _goes_on(lines[paragraphs[-1][-1]], line, full):
            paragraphs[-1].append(k)
        else:
            paragraphs.append([k])
    return [_joined([lines[k] for k in paragraph], paragraph[0] + 1) for paragraph in paragraphs]


def _page_numbers(lines: list[SourceLine]) -> set[int]:
    """The lines that are a page's number. One dressed as a number (— 3 —, 第3页 共9页, 3/9) always is; a
    figure alone only where page numbers count up one by one (3, 4): with no next page's number after it,
    a figure alone is a paragraph's last word (2023)."""
    numbered = [(k, int(_FIGURE.search(line.text).group())) for k, line in enumerate(lines)
                if PAGE_NUMBER.match(line.text)]
    found = {k for k, _ in numbered if not lines[k].text.strip().isdigit()}
    for (k, page), (next_k, next_page) in zip(numbered, numbered[1:]):
        if next_page == page + 1:
            found |= {k, next_k}
    return found


def _running_lines(lines: list[SourceLine], full: Callable[[str], bool]) -> set[int]:
    """A running header or footer's lines: a short line of no prose, shorter than the text's own lines, shown
    again after the text has begun: once if it repeats the text's first line (the title, or the issuer over
    it), otherwise again and again. The first line itself stays."""
    begun = next((k for k, line in enumerate(lines) if full(line.text)), len(lines))
    first = next((k for k, line in enumerate(lines) if line.text.strip()), len(lines))
    candidates = {k: shape(line.text) for k, line in enumerate(lines) if _names_something(line.text, full)}
    times = Counter(candidates.values())
    return {k for k, form in candidates.items()
            if k > begun and (form == candidates.get(first) or times[form] >= RUNNING_MIN_TIMES)}


def _names_something(text: str, full: Callable[[str], bool]) -> bool:
    """Could `text` be a running header or footer: a name, short, with no punctuation of prose and no heading number?"""
    return (len(text.strip()) <= RUNNING_MAX_CHARS and len(_IDEOGRAPH.findall(text)) >= RUNNING_MIN_IDEOGRAPHS
            and not _PROSE_MARK.search(text) and not STARTS_NEW.match(text) and not full(text))


def _joined(parts: list[SourceLine], number: int) -> SourceLine:
    """The file lines `parts`, from file line `number` on, as one line that remembers where each began."""
    first = parts[0]
    return SourceLine("".join(part.text for part in parts), first.page, first.heading_level, first.recognised,
                      number=number, breaks=tuple(accumulate(len(part.text) for part in parts[:-1])))


def _goes_on(last: SourceLine, line: SourceLine, full: Callable[[str], bool]) -> bool:
    """Does `line` go on with the paragraph whose last file line is `last`?"""
    if (last.heading_level is not None or line.heading_level is not None or not line.text.strip()
            or _FIELD.match(last.text) or TOC_ENTRY.search(last.text)):
        return False
    return full(last.text) and not _INDENTED.match(line.text) and not STARTS_NEW.match(line.text)


def _full_lines(lines: list[SourceLine]) -> Optional[Callable[[str], bool]]:
    """How to tell a line of the full width, when the text is wrapped at one (by characters or by columns)."""
    texts = [line.text.rstrip() for line in lines
             if line.text.strip() and line.heading_level is None and not _FIELD.match(line.text)]
    # A line of no prose shown twice or more is a page's title or furniture shown again, no wrapped line: its
    # repeats are no evidence of a width.
    shown = Counter(texts)
    texts = [text for text in texts if shown[text] == 1 or _PROSE_MARK.search(text)]
    # (a longer line is a paragraph, not a wrapped line; a table of contents' entry is dotted out to one width, …………1)
    narrow = [text for text in texts if len(text) <= MAX_WIDTH and not TOC_ENTRY.search(text)]
    if len(narrow) < MIN_FULL_LINES or len(narrow) < MIN_FULL_SHARE * len(texts):
        return None
    # (how a wrap measures a line, and the columns a character takes in it: two in a wrap by width)
    for measure, step in ((len, 1), (_columns, 2)):
        widths = Counter(measure(text) for text in narrow)
        width = max((w for w, n in widths.items() if w >= MIN_WIDTH * step and n >= 2),
                    key=lambda w: (widths[w], w), default=None)
        if width is None:
            continue
        shortest, longest = width - SHORT_OF_FULL * step, width * LONGEST_OF_FULL
        at_width = sum(n for w, n in widths.items() if shortest <= w <= width)
        if at_width >= MIN_FULL_LINES and at_width >= MIN_FULL_SHARE * len(texts):
            return lambda text, measure=measure, shortest=shortest, longest=longest: (
                shortest <= measure(text.rstrip()) <= longest)
    return None


def _columns(text: str) -> int:
    return len(text) + len(_WIDE.findall(text))
