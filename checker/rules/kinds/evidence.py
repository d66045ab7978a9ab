"""Evidence a finding shows: where in the report, the sentence as written, the terms matched.

Where, as a reader finds it in the file (`place`), in the terms of its format:

- pages (PDF, OFD): 第2页第3段, the paragraph counted on its page; 第2页（识别文字）第3段 for OCR text;
- plain text and Markdown: 第45行, the line an editor shows;
- Word and web pages, which show no numbers: “一、… > （二）…”下第3段, counted from the nearest heading above.

Paragraphs are counted as a reader does, without the empty ones. The part of the report follows
(· 一、… > （二）…) unless the place names it already.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from checker.concepts import PLACE_LABEL, RECOGNISED_LABEL
from checker.document import Document
from checker.document.clauses import Clause
from checker.document.outline import Outline, Section, Sentence
from checker.document.textnorm import shorten
from checker.model import Evidence
from checker.rules.reading import Reading

MAX_EVIDENCE = 3
EXCERPT_CHARS = 110
# Formats whose lines are the lines an editor numbers.
LINE_FORMATS = frozenset({"txt", "md"})


@dataclass
class Match:
    """A sentence a rule found, with what it found in it (and the clause it found it in)."""

    sentence: int
    terms: list[str]
    number: bool
    heading: bool
    clause: Optional[Clause] = None


def evidence_for(reading: Reading, sentence: Sentence, terms: list[str]) -> Evidence:
    outline = reading.outline
    section = sentence.section.path() if sentence.section else place_name(sentence)
    return Evidence(
        section=section,
        line=outline.file_line(sentence.line, sentence.start),
        # As written, but ⼈⺠ (a browser-printed PDF's glyphs) shown as 人民.
        excerpt=shorten(reading.folder.unify(outline.excerpt(sentence.start, sentence.end)), EXCERPT_CHARS),
        terms=terms,
        page=_page(outline, sentence.line),
        place=place(reading.document, sentence.line, sentence.section, section, sentence.start),
    )


def title_evidence(reading: Reading, terms: list[str]) -> Evidence:
    """The title; when it is on no line (a web page's <title>), its place is just 标题."""
    outline = reading.outline
    line = outline.title_line or 1
    name = "标题"
    where = place(reading.document, line, None, name) if outline.title_line else name
    return Evidence(section=name, line=outline.file_line(line), excerpt=outline.title or "", terms=terms,
                    page=_page(outline, line), place=where)


def best_evidence(reading: Reading, matches: list[Match], limit: int = MAX_EVIDENCE) -> list[Evidence]:
    """Headings first, then sentences with figures, one per sentence, in reading order."""
    seen: set[int] = set()
    chosen = []
    for match in sorted(matches, key=lambda m: (not m.heading, not m.number, m.sentence)):
        if match.sentence not in seen:
            seen.add(match.sentence)
            chosen.append(evidence_for(reading, reading.sentences[match.sentence], match.terms))
        if len(chosen) == limit:
            break
    return sorted(chosen, key=lambda e: e.line)


def place(document: Document, line: int, section: Optional[Section], name: str, at: Optional[int] = None) -> str:
    """Where `line` (in `section`, the part of the report called `name`) is, followed by that part; `at`: the
    offset in the text of what is cited, if it may start on a later line of the file (a wrapped paragraph)."""
    anchor = _anchor(section, line) if _by_heading(document, line) else None
    where = _locator(document, line, anchor, at)
    return where if anchor is not None and anchor.path() == name else f"{where} · {name}"


def heading_place(document: Document, section: Section) -> str:
    """Where a heading is, for the outline: its page and paragraph, or its line.

    Empty in Word and web pages: there the heading's own words are how a reader finds it.
    """
    return "" if _by_heading(document, section.line) else _locator(document, section.line, None, section.heading_span[0])


def _by_heading(document: Document, line: int) -> bool:
    """Is `line` found by the heading above it (no page, no line numbers in the format)?"""
    return _page(document.outline, line) is None and document.format not in LINE_FORMATS


def _locator(document: Document, line: int, anchor: Optional[Section], at: Optional[int] = None) -> str:
    outline = document.outline
    page = _page(outline, line)
    recognised = f"（{RECOGNISED_LABEL}）" if _at(outline.recognised, line) else ""
    if page is not None:
        return f"第{page}页{recognised}第{_on_page(outline, line)}段"
    if document.format in LINE_FORMATS:
        return f"第{outline.file_line(line, at)}行"
    count = _filled(outline, line) - _filled(outline, anchor.line if anchor else 0)
    return recognised + (f"“{anchor.path()}”下第{count}段" if anchor else f"第{count}段")


def _anchor(section: Optional[Section], line: int) -> Optional[Section]:
    """The nearest heading above `line`: its section's, or (on the heading's own line) the one above that."""
    while section is not None and section.line >= line:
        section = section.parent
    return section


def _on_page(outline: Outline, line: int) -> int:
    """The paragraph's number on its page, empty ones not counted."""
    first = line
    while first > 1 and outline.pages[first - 2] == outline.pages[line - 1]:
        first -= 1
    return _filled(outline, line) - _filled(outline, first - 1)


def _filled(outline: Outline, line: int) -> int:
    """How many of lines 1..`line` have text."""
    counts = outline.filled_through
    return counts[min(line, len(counts)) - 1] if line > 0 and counts else 0


def _page(outline: Outline, line: int) -> Optional[int]:
    return _at(outline.pages, line)


def _at(values: list, line: int):
    return values[line - 1] if 0 < line <= len(values) else None


def place_name(sentence: Sentence) -> str:
    """Where a sentence outside every section is: the opening, or the body."""
    return PLACE_LABEL["preamble" if "preamble" in sentence.roles else "body"]


def unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))
