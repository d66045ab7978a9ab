"""The document layer: a file in, one immutable `Document` out.

    ingest (file → lines) → normalise (half-width copy, offsets kept) → outline
    (title, headings, sentences) → parts (which part each sentence is in) →
    facts (year, issuer, level, kind)

It reads by the writing conventions a `Lexicon` carries (taken from the
rulebook's `document:` and `parts:` sections) and knows nothing of rules.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import NamedTuple, Optional

from checker.document import facts
from checker.document.clauses import ClauseLexicon, Clauses, read_clauses
from checker.document.conventions import DocumentSpec, PartSpec, compiled, needles
from checker.document.facts import YearStatement
from checker.document.ingest.source import Source
from checker.document.outline import Outline, Section, Sentence, parse
from checker.document.parts import assign_parts
from checker.document.segment import TermIndex, TermSet, unblocked

# `$` or `\Z` outside a character class: a pattern that means the text's end, or a line's, is matched over the
# whole text (a sentence's end would be taken for it). Not `^`: a search from a position does not take it for the
# text's start, nor a lookbehind for the end of what it may see.
_END_ANCHOR = re.compile(r"(?<!\\)(?<!\[)\$|\\Z")


@lru_cache(maxsize=1024)  # as `compiled`: a rulebook pattern is asked about once a check, and is long
def _anchored_at_end(pattern: str) -> bool:
    return _END_ANCHOR.search(pattern) is not None


@dataclass(frozen=True)
class Lexicon:
    """What reading a document needs from a rulebook: conventions, parts and the words to index."""

    spec: DocumentSpec
    parts: dict[str, PartSpec]
    vocabulary: frozenset[str]
    look_ahead: TermSet  # the words that turn a combined 问题和打算 part to the plan
    look_back: TermSet  # …and those a numbered point turns it back to the problems with
    clauses: Optional[ClauseLexicon] = None  # the clause vocabulary (who acts, in what mood)


@dataclass(frozen=True)
class Document:
    """A report as read: its outline, the terms in each sentence, and what it says about itself."""

    path: str
    format: str
    encoding: Optional[str]
    notices: tuple[str, ...]
    outline: Outline
    index: TermIndex
    spec: DocumentSpec
    year: Optional[int]
    year_statements: tuple[YearStatement, ...]
    issuer: Optional[str]
    level: Optional[str]
    kind: str
    kind_reasons: tuple[str, ...]
    parts_found: frozenset[str]
    published: Optional[str]
    clauses: Optional[Clauses] = None  # what each clause says, when the lexicon has a clause vocabulary
    unfinished: Optional[str] = None  # the last sentence, when the text stops in the middle of it
    _regex_cache: dict = field(default_factory=dict, repr=False, compare=False)
    _terms_cache: dict = field(default_factory=dict, repr=False, compare=False)
    _counted_cache: dict = field(default_factory=dict, repr=False, compare=False)
    _candidates_cache: dict = field(default_factory=dict, repr=False, compare=False)
    _needle_cache: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def sentences(self) -> list[Sentence]:
        return self.outline.sentences

    def text_of(self, sentence: Sentence) -> str:
        return self.outline.text[sentence.start:sentence.end]

    def found(self, index: int, termset: TermSet, span: Optional[tuple[int, int]] = None) -> list[str]:
        """The terms of `termset` that count in sentence `index` (or in `span` of it).

        Not those inside an exception word, inside a name (市场监管局), or in a drafting instruction.
        """
        return terms_within(self.counted(index, termset), span)

    def counted(self, index: int, termset: TermSet, concrete: bool = False) -> dict[str, list[tuple[int, int]]]:
        """The terms of `termset` that count in sentence `index`, with their occurrences that do.

        As `hits` decides, an exception word blocks an occurrence inside it wherever it stands in the
        sentence. A rule asking clause after clause of one sentence finds its terms with `terms_within`.
        `concrete`: only the occurrences that can be a concrete act on their topic (not those said in
        passing, in an event's name). Remembered (several signals ask the same of a sentence): callers
        only read what they get.
        """
        concrete = concrete and self.clauses is not None and self.clauses.in_passing(index)  # else the same
        key = (index, termset, concrete)
        cached = self._counted_cache.get(key)
        if cached is None:
            counting = self.counting_terms(index, concrete)
            cached = self._counted_cache[key] = unblocked(
                counting, termset.terms, termset.excepts, self.index.terms_in(index))
        return cached

    def names_any(self, index: int, termset: TermSet) -> bool:
        """Does sentence `index` name a term of `termset` anywhere, a title or a name included (审议《…法治政府建设
        实施方案》), though not inside an exception word?"""
        said = self.index.terms_in(index)
        return bool(unblocked(said, termset.terms, termset.excepts, said))

    def counting_terms(self, index: int, concrete: bool = False) -> dict[str, list[tuple[int, int]]]:
        """The term occurrences of a sentence that say what it is about (`concrete`: not in passing)."""
        key = (index, concrete)
        cached = self._terms_cache.get(key)
        if cached is None:
            if concrete:
                cached = self.clauses.concrete(index, self.counting_terms(index))
            else:
                cached = self.index.terms_in(index)
                if self.clauses is not None:
                    cached = self.clauses.counting(index, cached)
            self._terms_cache[key] = cached
        return cached

    def candidates(self, termset: TermSet) -> frozenset[int]:
        """Sentences that hold some term of `termset` (before exceptions are applied).

        Remembered: rules share term groups.
        """
        found = self._candidates_cache.get(termset)
        if found is None:
            sentences_of = self.index.sentences_of
            holding = [sentences_of[term] for term in sentences_of.keys() & termset.terms]  # the few it has
            found = self._candidates_cache[termset] = frozenset().union(*holding)
        return found

    @cached_property
    def quantities(self) -> list[bool]:
        """Does each sentence report a figure with its unit?"""
        quantity = self.spec.regex("quantity")
        return [quantity.search(self.text_of(s)) is not None for s in self.sentences]

    @cached_property
    def instructions(self) -> frozenset[int]:
        """The sentences that are drafting instructions (a template's prompts): never content."""
        if self.clauses is None:
            return frozenset()
        return self.clauses.instructions

    @cached_property
    def _starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    def regex_hits(self, pattern: str) -> dict[int, list[Matched]]:
        """Sentence index → the matches of `pattern` inside it, from one pass over the text."""
        cached = self._regex_cache.get(pattern)
        if cached is None:
            cached = self._regex_cache[pattern] = self._matches_by_sentence(pattern)
        return cached

    def _matches_by_sentence(self, pattern: str) -> dict[int, list[Matched]]:
        text, found = self.outline.text, {}
        hints, sentences = needles(pattern), self.sentences
        holding = None
        if hints is not None and not _anchored_at_end(pattern):
            holding = self._sentences_holding(hints, len(sentences) // 2)  # none for most patterns of template residue
        elif hints is not None and not any(needle in text for needle in hints):
            return found
        regex = compiled(pattern)
        if holding is not None:
            # Only the sentences holding a needle can hold a match, and when they are few, searching them alone
            # is far quicker than searching the text for a pattern that opens on no literal (a lookbehind, a
            # class): the engine tries that at every position.
            for i in holding:
                for match in regex.finditer(text, sentences[i].start, sentences[i].end):
                    if match.end() > match.start():
                        found.setdefault(i, []).append(Matched(match.start(), match.group(0)))
            return found
        starts = self._starts
        for match in regex.finditer(text):  # some patterns match hundreds of times
            start, end = match.span()
            i = bisect_right(starts, start) - 1
            if i >= 0 and start < end <= sentences[i].end:  # not empty, inside the sentence
                found.setdefault(i, []).append(Matched(start, match.group(0)))
        return found

    def _sentences_holding(self, hints: tuple[str, ...], most: int) -> Optional[list[int]]:
        """The sentences (in order) that hold one of `hints`, whole; None when more than `most` do (a needle
        as common as a unit of count, 件 or 人, is in most sentences: then the text is searched as a whole)."""
        holding: set[int] = set()
        for needle in hints:
            holding.update(self._sentences_with(needle))
            if len(holding) > most:
                return None
        return sorted(holding)

    def _sentences_with(self, needle: str) -> list[int]:
        """The sentences that hold `needle` whole. Remembered: patterns share needles (法治, 件).

        `str.find` from the end of the last sentence found, not a search of each sentence: most hold none."""
        cached = self._needle_cache.get(needle)
        if cached is None:
            text, sentences, starts = self.outline.text, self.sentences, self._starts
            cached, at = [], text.find(needle)
            while at >= 0:
                i = bisect_right(starts, at) - 1
                if i >= 0 and at + len(needle) <= sentences[i].end:
                    cached.append(i)
                    at = text.find(needle, sentences[i].end)
                else:  # between sentences, or across an edge: the next occurrence may be whole in one
                    at = text.find(needle, at + 1)
            self._needle_cache[needle] = cached
        return cached

    def part_sections(self, part: str) -> list[Section]:
        """The top-most sections whose own heading names `part`."""
        chosen = [s for s in self.outline.sections if part in s.own_parts]
        return [s for s in chosen if not _has_ancestor_in(s, chosen)]


class Matched(NamedTuple):
    """A pattern's match in a sentence: where it starts in the text, and what it matched."""

    start: int
    text: str


def terms_within(counted: dict[str, list[tuple[int, int]]], span: Optional[tuple[int, int]]) -> list[str]:
    """The terms of `counted` (see Document.counted) with an occurrence inside `span`; all of them without one."""
    if span is None:
        return list(counted)
    start, end = span
    inside = []
    for term, spans in counted.items():  # a loop, not any(…): called for every clause a rule reads
        for a, b in spans:
            if start <= a and b <= end:
                inside.append(term)
                break
    return inside


def read_outline(source: Source, spec: DocumentSpec) -> Outline:
    """The first step alone: enough to read the year, which chooses the rulebook."""
    return parse(source, spec)


def read(
    source: Source, lexicon: Lexicon, year: Optional[int] = None, published: Optional[str] = None,
    outline: Optional[Outline] = None, statements: Optional[list[YearStatement]] = None,
) -> Document:
    """Read `source` by `lexicon`. `year` and `published` override what the text says.

    `outline` and `statements` are what `read_outline` and `facts.year_statements` gave with the same
    conventions, when the caller has them already.
    """
    spec = lexicon.spec
    outline = outline or parse(source, spec)
    if statements is None:
        statements = facts.year_statements(outline, spec, lexicon.look_ahead)
    # A year the caller gives is stated; one only inferred (the year named most, the plenum cited) is weaker.
    inferred = statements[0].source if year is None and statements and statements[0].source in facts.INFERRED else None
    year = year or (statements[0].year if statements else None)
    index = TermIndex(
        outline.text, lexicon.vocabulary, [(s.start, s.end) for s in outline.sentences],
        spec.regex("law_title"), spec.law_list_min,
    )
    parts_found = assign_parts(outline, index, lexicon.parts, spec, lexicon.look_ahead, year, lexicon.look_back)
    issuer = facts.issuer(outline, spec)
    clauses = read_clauses(outline, index, lexicon.clauses, year, issuer) if lexicon.clauses else None
    kind, reasons = facts.kind_of(outline, spec, parts_found, year, inferred)
    return Document(
        path=source.path,
        format=source.format,
        encoding=source.encoding,
        notices=tuple(source.notices),
        outline=outline,
        index=index,
        spec=spec,
        year=year,
        year_statements=tuple(statements),
        issuer=issuer,
        level=facts.document_level(issuer, outline, spec),
        kind=kind,
        kind_reasons=tuple(reasons),
        parts_found=parts_found,
        published=published or outline.published,
        clauses=clauses,
        unfinished=facts.unfinished_ending(outline, spec),
    )


def _has_ancestor_in(section: Section, group: list[Section]) -> bool:
    node = section.parent
    while node is not None:
        if node in group:
            return True
        node = node.parent
    return False
