"""A parsed document read against a rulebook: terms found, parts recognised, facts read.

This is everything the rules need and nothing they decide: which part of the
report each sentence belongs to (so a word in the achievements does not count
for the problems), which terms each sentence holds, and the report's year,
issuer, level and kind.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from typing import Optional

from . import meta
from .outline import Outline, Section, Sentence
from .rulebook import Rulebook, Scope, TermSet
from .segment import TermIndex, hits
from .textnorm import has_quantity

# Parts recognised only from headings near the top of the outline; a 一是 line
# that says 工作计划 is a task, not the plan part.
_PART_MAX_RANK = 2
_COMBINED = frozenset({"shortcomings", "next_year"})


@dataclass
class Analysis:
    outline: Outline
    book: Rulebook
    index: TermIndex
    year: Optional[int]
    issuer: Optional[str] = None
    level: Optional[str] = None
    kind: str = "not_annual_report"
    kind_reasons: list[str] = field(default_factory=list)
    parts_found: set[str] = field(default_factory=set)
    profile: str = "government"  # which rules apply: government, township or department
    published: Optional[str] = None  # ISO date the report was made public, when known
    _scopes: dict = field(default_factory=dict, repr=False)
    _regex: dict = field(default_factory=dict, repr=False)

    @property
    def sentences(self) -> list[Sentence]:
        return self.outline.sentences

    def text_of(self, sentence: Sentence) -> str:
        return self.outline.text[sentence.start:sentence.end]

    def found(self, index: int, termset: TermSet) -> list[str]:
        return hits(self.index.terms_in(index), termset.terms, termset.excepts)

    def candidates(self, termset: TermSet) -> set[int]:
        """Sentences that hold some term of `termset` (before exceptions are applied)."""
        out: set[int] = set()
        for term in termset.terms:
            out.update(self.index.sentences_of.get(term, ()))
        return out

    @cached_property
    def quantities(self) -> list[bool]:
        return [has_quantity(self.text_of(s)) for s in self.sentences]

    @cached_property
    def _starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    def in_scope(self, scope: Scope) -> list[int]:
        """Indices of the sentences `scope` admits (cached: many rules share a scope)."""
        key = (tuple(scope.include) if scope.include is not None else None, tuple(scope.exclude))
        cached = self._scopes.get(key)
        if cached is None:
            cached = [i for i, s in enumerate(self.sentences) if scope.admits_any(s.roles)]
            self._scopes[key] = cached
        return cached

    def regex_hits(self, pattern: str) -> dict[int, list[str]]:
        """Sentence index → the matches of `pattern` inside it, from one pass over the text."""
        cached = self._regex.get(pattern)
        if cached is None:
            cached = {}
            for match in re.finditer(pattern, self.outline.text):
                i = bisect_right(self._starts, match.start()) - 1
                if i >= 0 and match.end() <= self.sentences[i].end and match.group(0):
                    cached.setdefault(i, []).append(match.group(0))
            self._regex[pattern] = cached
        return cached

    def part_sections(self, part: str) -> list[Section]:
        """The top-most sections whose own heading names `part`."""
        chosen = [s for s in self.outline.sections if part in s.own_parts]
        return [s for s in chosen if not _has_ancestor_in(s, chosen)]


PROFILE_OF_LEVEL = {"province": "government", "city": "government", "county": "government",
                    "township": "township", "department": "department"}


def analyse(
    outline: Outline,
    book: Rulebook,
    year: Optional[int],
    profile: Optional[str] = None,
    published: Optional[str] = None,
) -> Analysis:
    """Read `outline` against `book`; `year` is the reported year from `meta.report_year`.

    `profile` and `published` override what the document says about itself.
    """
    index = TermIndex(outline.text, book.vocabulary, [(s.start, s.end) for s in outline.sentences])
    analysis = Analysis(outline=outline, book=book, index=index, year=year, published=published or outline.published)
    _assign_parts(analysis)
    spec = book.header.document
    analysis.issuer = meta.issuer(outline)
    analysis.level = meta.document_level(analysis.issuer, outline, spec)
    analysis.kind, analysis.kind_reasons = meta.kind_of(outline, spec, analysis.parts_found, year)
    analysis.profile = profile or PROFILE_OF_LEVEL.get(analysis.level or "", "government")
    return analysis


def _has_ancestor_in(section: Section, group: list[Section]) -> bool:
    node = section.parent
    while node is not None:
        if node in group:
            return True
        node = node.parent
    return False


def _assign_parts(analysis: Analysis) -> None:
    outline, parts = analysis.outline, analysis.book.header.parts
    termsets = {name: TermSet(frozenset(part.heading)) for name, part in parts.items()}
    heading_index = {id(s.section): i for i, s in enumerate(outline.sentences) if s.heading}
    for section in outline.sections:
        found = {
            name
            for name, termset in termsets.items()
            if analysis.found(heading_index[id(section)], termset)
        }
        if parts.get("next_year") and parts["next_year"].later_year and _names_later_year(section, analysis.year):
            found.add("next_year")
        own = _resolve(found) if (section.rank <= _PART_MAX_RANK or "first_responsible" in found) else frozenset()
        if section.rank > _PART_MAX_RANK:
            own &= {"first_responsible"}
        section.own_parts = own
        # A part nested in another is both: the 第一责任人 sub-part of 举措和成效 is still achievements.
        inherited = section.parent.roles if section.parent else frozenset({"body"})
        section.roles = own | inherited if section.parent else (own or inherited)
        analysis.parts_found.update(own)
    _assign_sentence_roles(analysis)


def _resolve(found: set[str]) -> frozenset[str]:
    """One heading naming several parts: the more specific parts win over 举措和成效."""
    if "first_responsible" in found:
        return frozenset({"first_responsible"})
    specific = found & _COMBINED
    if specific:
        return frozenset(specific)
    if "measures" in found:
        return frozenset({"measures"})
    return frozenset(found)


def _names_later_year(section: Section, year: Optional[int]) -> bool:
    if year is None or section.rank > _PART_MAX_RANK:
        return False
    match = meta.YEAR_RE.search(section.heading)
    return bool(match and int(match.group(1)) > year)


def _assign_sentence_roles(analysis: Analysis) -> None:
    """Give each sentence its part; split a combined 问题和打算 part at its first look ahead."""
    outline = analysis.outline
    future = analysis.book.termset(["@future"]) if "future" in analysis.book.header.terms else TermSet(frozenset())
    first_heading = next((i for i, s in enumerate(outline.sentences) if s.heading), None)
    switched: set[int] = set()  # combined sections that have turned to the plan
    for i, sentence in enumerate(outline.sentences):
        section = sentence.section
        if section is None:
            sentence.roles = frozenset({"preamble"}) if first_heading is not None and i < first_heading else frozenset({"body"})
            continue
        combined = _combined_ancestor(section)
        if combined is None:
            sentence.roles = section.roles
            continue
        key = id(combined)
        if key not in switched and (section is not combined or (not sentence.heading and analysis.found(i, future))):
            switched.add(key)
        if sentence.heading and section is combined:
            sentence.roles = _COMBINED
        else:
            sentence.roles = frozenset({"next_year" if key in switched else "shortcomings"})


def _combined_ancestor(section: Section) -> Optional[Section]:
    node: Optional[Section] = section
    while node is not None:
        if _COMBINED <= node.own_parts:
            return node
        node = node.parent
    return None
