"""Plain text whose paragraphs were broken into lines of one width: text copied out of a PDF or saved by
a converter that wraps. A line of the full width that goes on into a line of text continues the same
paragraph; the two are joined, so that a term, a sentence or a heading's body is not cut in two. Each
joined line remembers the file lines it was made of, for evidence to cite the line an editor shows.

The paragraph rules are a page's (layout.py) read in characters: a line that stops short of the width
ends its paragraph, and an indented line or one opening on a heading number starts one. A text is read
as wrapped only when many of its lines end at the same width; one written a paragraph to a line is left
as it is. (A paragraph whose last line happens to fill the width runs on into the next, unless that one
is indented or numbered: the text does not say where it ended.) Format knowledge only, no vocabulary.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import accumulate
from typing import Callable, Optional

from checker.document.ingest.layout import STARTS_NEW
from checker.document.ingest.source import SourceLine, lines_from_text

# Characters that take two columns (CJK, full-width forms): a wrap by width counts them twice.
_WIDE = re.compile("[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]")
# A line this many characters (two columns, for a wrap by width) short of the text's width is still full:
# a line may end a character early to keep a closing mark off the next line's start.
SHORT_OF_FULL = 1
# The narrowest width taken for a wrap (a table's column of short cells is not one), and the widest, in
# columns: a line longer than that is no page's or window's line.
MIN_WIDTH = 16
MAX_WIDTH = 160
# At least this many lines, and this share of those with text, end at the width in a wrapped text.
MIN_FULL_LINES = 5
MIN_FULL_SHARE = 0.3
# A paragraph's indent: a full-width space or two spaces (one space may be the space of a wrapped phrase).
_INDENTED = re.compile(r"^(?:\u3000|[ \t]{2}|\t)")


def paragraphs_from_text(text: str) -> list[SourceLine]:
    """The lines of a plain text, a wrapped paragraph's lines joined into one."""
    return unwrap(lines_from_text(text))


def unwrap(lines: list[SourceLine]) -> list[SourceLine]:
    """`lines` with each wrapped paragraph joined into one line; `lines` themselves when the text is not wrapped."""
    full = _full_lines(lines)
    if full is None:
        return lines
    paragraphs: list[list[int]] = []  # the file lines (0-based) of each paragraph, gathered before joining
    for k, line in enumerate(lines):
        if paragraphs and _goes_on(lines[paragraphs[-1][-1]], line, full):
            paragraphs[-1].append(k)
        else:
            paragraphs.append([k])
    return [_joined([lines[k] for k in paragraph], paragraph[0] + 1) for paragraph in paragraphs]


def _joined(parts: list[SourceLine], number: int) -> SourceLine:
    """The file lines `parts`, from file line `number` on, as one line that remembers where each began."""
    first = parts[0]
    return SourceLine("".join(part.text for part in parts), first.page, first.heading_level, first.recognised,
                      number=number, breaks=tuple(accumulate(len(part.text) for part in parts[:-1])))


def _goes_on(last: SourceLine, line: SourceLine, full: Callable[[str], bool]) -> bool:
    """Does `line` go on with the paragraph whose last file line is `last`?"""
    if last.heading_level is not None or line.heading_level is not None or not line.text.strip():
        return False
    return full(last.text) and not _INDENTED.match(line.text) and not STARTS_NEW.match(line.text)


def _full_lines(lines: list[SourceLine]) -> Optional[Callable[[str], bool]]:
    """How to tell a line of the full width, when the text is wrapped at one (by characters or by columns)."""
    texts = [line.text.rstrip() for line in lines if line.text.strip() and line.heading_level is None]
    narrow = [text for text in texts if len(text) <= MAX_WIDTH]  # a longer line is a paragraph, not a wrapped line
    if len(narrow) < MIN_FULL_LINES or len(narrow) < MIN_FULL_SHARE * len(texts):
        return None
    # (how a wrap measures a line, and the columns a character takes in it: two in a wrap by width)
    for measure, step in ((len, 1), (_columns, 2)):
        widths = Counter(measure(text) for text in narrow)
        width = max((w for w, n in widths.items() if w >= MIN_WIDTH * step and n >= 2),
                    key=lambda w: (widths[w], w), default=None)
        if width is None:
            continue
        shortest = width - SHORT_OF_FULL * step
        at_width = sum(n for w, n in widths.items() if shortest <= w <= width)
        if at_width >= MIN_FULL_LINES and at_width >= MIN_FULL_SHARE * len(texts):
            return lambda text, measure=measure, shortest=shortest: measure(text.rstrip()) >= shortest
    return None


def _columns(text: str) -> int:
    return len(text) + len(_WIDE.findall(text))
