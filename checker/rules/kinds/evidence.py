"""Evidence a finding shows: where in the report, the sentence as written, the terms matched."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from checker.concepts import PLACE_LABEL
from checker.document.clauses import Clause
from checker.document.outline import Sentence
from checker.document.script import folder_for
from checker.document.textnorm import shorten
from checker.model import Evidence
from checker.rules.reading import Reading

MAX_EVIDENCE = 3
EXCERPT_CHARS = 110

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
    return Evidence(
        section=sentence.section.path() if sentence.section else _place_name(sentence),
        line=sentence.line,
        # As written, but ⼈⺠ (a browser-printed PDF's glyphs) shown as 人民.
        excerpt=shorten(folder_for(reading.document.spec).unify(outline.excerpt(sentence.start, sentence.end)),
                        EXCERPT_CHARS),
        terms=terms,
        page=_page(reading, sentence.line),
    )


def title_evidence(reading: Reading, terms: list[str]) -> Evidence:
    outline = reading.outline
    line = outline.title_line or 1
    return Evidence(section="标题", line=line, excerpt=outline.title or "", terms=terms, page=_page(reading, line))


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


def _page(reading: Reading, line: int):
    pages = reading.outline.pages
    return pages[line - 1] if 0 < line <= len(pages) else None


def _place_name(sentence: Sentence) -> str:
    return PLACE_LABEL["preamble" if "preamble" in sentence.roles else "body"]


def unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))
