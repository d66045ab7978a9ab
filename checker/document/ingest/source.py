"""What every reader hands to the engine: numbered lines of text with hints."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Optional


@dataclass
class SourceLine:
    text: str
    page: Optional[int] = None
    # A structural level the format itself declares (a Markdown `#`, a Word
    # heading style or outline level); None when the format says nothing.
    heading_level: Optional[int] = None
    # Text recognised from a page image (OCR), not read from the file's own text: evidence says so.
    recognised: bool = False
    # The line of the file it starts on, where a reader joined a wrapped paragraph's lines (wrapped.py), and
    # where in its text each of the following file lines began; None: its own place in the list.
    number: Optional[int] = None
    breaks: tuple[int, ...] = ()


@dataclass
class Source:
    path: str
    format: str
    lines: list[SourceLine]
    encoding: Optional[str] = None
    published: Optional[str] = None
    title_hint: Optional[str] = None
    notices: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


def lines_from_text(text: str) -> list[SourceLine]:
    """The lines of a plain text, any line ending, with the character references of a page's text saved
    undecoded read as the characters they name (&nbsp;&nbsp;一、…, &ldquo;放管服&rdquo;)."""
    if "&" in text:
        text = _REFERENCE.sub(_referenced, text)
    return [SourceLine(part) for part in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]


# An HTML character reference, named or numbered, with its semicolon (a bare & is text: R&D).
_REFERENCE = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,9}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")


def _referenced(found: re.Match[str]) -> str:
    """The character a reference names; a line break or another control character is a space, so the text's
    lines stay the file's lines (evidence cites them)."""
    character = html.unescape(found.group())
    return " " if len(character) == 1 and (character.isspace() or not character.isprintable()) else character
