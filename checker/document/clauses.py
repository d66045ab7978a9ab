"""What each clause of a report says: who acts, in what mood, with what specifics.

A sentence is cut into clauses at its clause stops (not inside 《》, “” or
brackets). For each clause the reader finds:

- the actor: the principal leader (by role or title), a collective body, other
  units or deputies, or the writer in the first person; a clause without one
  takes its sentence's earlier actor, and a sentence without one takes the
  actor its section's heading names;
- the mood: a drafting instruction (写明……, 请填写, ××), a plan for next year, an
  intention or principle (要, 将, 坚持…), a heading, an agenda (a meeting or a study of
  topics: 研究, 学习, 听取), or an act of the year;
- the specifics: figures with a unit, named documents, dates, results (均, 全覆盖).

Terms inside a name — 监管 in 市场监管局, 机构改革 in 机构改革领导小组, 线上 in
线上线下培训 — are not the clause's topic: a term followed, within a few
characters and no punctuation, by an organisation, group or event suffix is
masked, unless it is that suffix itself. The vocabulary is the rulebook's
`document.clauses` section, resolved into term sets by the rulebook.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Optional

from checker.concepts import MOODS
from checker.document.conventions import ClauseConventions, compiled
from checker.document.outline import Outline, Section
from checker.document.segment import TermIndex, TermSet, hits, within

ACT, AGENDA, INTENTION, PLAN, INSTRUCTION, HEADING = MOODS


@dataclass(frozen=True)
class ClauseLexicon:
    """The clause vocabulary as term sets, resolved from the rulebook's term groups."""

    conventions: ClauseConventions
    actors: dict[str, TermSet]  # actor kind → the terms that name it, strongest kind first
    instruction: TermSet
    plan: TermSet
    intention: TermSet
    agenda: TermSet
    worked_on: TermSet  # terms that are the object of the work after `worked_on` (研究…存在问题)


@dataclass(frozen=True)
class Clause:
    sentence: int  # index in outline.sentences
    start: int
    end: int
    actor: Optional[str]  # a key of ClauseLexicon.actors, or None
    mood: str  # one of MOODS
    specifics: tuple[str, ...]  # figures, named documents, dates, results, as written in the half-width copy
    # Where the specifics belong: the list items (…、…和…) that hold one, or the whole clause when
    # its last item does (办理建议和提案56件: a closing figure counts the whole list).
    concrete: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Clauses:
    """Every clause of a document, by sentence, and the term occurrences that are only part of a name."""

    by_sentence: tuple[tuple[Clause, ...], ...]
    masked: frozenset[tuple[int, int]]  # (start, end) of term occurrences inside a name

    def of(self, sentence: int) -> tuple[Clause, ...]:
        return self.by_sentence[sentence]

    def is_masked(self, start: int, end: int) -> bool:
        return (start, end) in self.masked


def read_clauses(outline: Outline, index: TermIndex, lexicon: ClauseLexicon, year: Optional[int]) -> Clauses:
    """Cut every sentence into clauses and read each one."""
    c = lexicon.conventions
    masked = _masked_terms(outline.text, index, lexicon)
    heading_actor: dict[int, Optional[str]] = {}
    by_sentence: list[tuple[Clause, ...]] = []
    for i, sentence in enumerate(outline.sentences):
        text = outline.text[sentence.start:sentence.end]
        actor = None
        in_sentence = index.terms_in(i)
        if sentence.heading and sentence.section is not None:
            heading_actor[id(sentence.section)] = _actor_in(in_sentence, lexicon, sentence.start, c.subject_window,
                                                            outline.text)
        inherited = _section_actor(sentence.section, heading_actor)
        clauses = []
        for a, b in _spans(text, c):
            start, end = sentence.start + a, sentence.start + b
            terms = within(in_sentence, start, end)
            actor = _actor_in(terms, lexicon, start, c.subject_window, outline.text) or actor
            found = _specifics(outline.text[start:end], c)
            specifics = tuple(text for text, _ in found)
            mood = _mood(outline.text[start:end], terms, lexicon, sentence.heading, sentence.roles, year, bool(specifics))
            clauses.append(Clause(sentence=i, start=start, end=end, actor=actor or inherited, mood=mood,
                                  specifics=specifics, concrete=_concrete(outline.text, start, end, found, c)))
        if any(clause.mood == INSTRUCTION for clause in clauses):  # a sentence that instructs is all instruction
            clauses = [replace(clause, mood=INSTRUCTION) for clause in clauses]
        elif any(clause.specifics for clause in clauses):  # 继续开展专项整治，查处案件56起: an act, not an intention
            clauses = [replace(clause, mood=ACT) if clause.mood == INTENTION else clause for clause in clauses]
        by_sentence.append(tuple(clauses))
    return Clauses(tuple(by_sentence), masked)


def _spans(text: str, c: ClauseConventions) -> list[tuple[int, int]]:
    """(start, end) of each clause of a sentence; stops inside brackets and quotes do not cut."""
    return _cut(text, c.brackets, f"[{re.escape(c.stops)}]")


def _cut(text: str, brackets: str, stop: str) -> list[tuple[int, int]]:
    """(start, end) of the pieces of `text` that end where `stop` matches outside brackets and quotes."""
    spans, start, depth = [], 0, 0
    for match in _marks(brackets, stop).finditer(text):
        if match.lastgroup == "open":
            depth += 1
        elif match.lastgroup == "close":
            depth = max(0, depth - 1)
        elif depth == 0 and match.end() > start and match.start() >= start:
            spans.append((start, match.end()))
            start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()] or [(0, len(text))]


@lru_cache(maxsize=16)
def _marks(brackets: str, stop: str) -> re.Pattern:
    """Brackets opening and closing, and the stops, in one pattern: a sentence is scanned once."""
    opening, closing = re.escape(brackets[0::2]), re.escape(brackets[1::2])
    return re.compile(f"(?P<open>[{opening}])|(?P<close>[{closing}])|(?P<stop>{stop})")


def _actor_in(
    terms: dict[str, list[tuple[int, int]]], lexicon: ClauseLexicon, start: int,
    window: Optional[int] = None, text: str = "",
) -> Optional[str]:
    """The strongest kind of actor named as the subject of a span: near its start, not after a duty verb."""
    duty = lexicon.conventions.regex("not_subject_after")
    for kind, termset in lexicon.actors.items():
        for term in hits(terms, termset.terms, termset.excepts):
            first = min(a for a, _ in terms[term])
            if window is not None and first - start > window:
                continue
            if text and duty.search(text[start:first]):
                continue
            return kind
    return None


def _section_actor(section: Optional[Section], heading_actor: dict[int, Optional[str]]) -> Optional[str]:
    node = section
    while node is not None:
        actor = heading_actor.get(id(node))
        if actor:
            return actor
        node = node.parent
    return None


def _mood(
    text: str, terms: dict[str, list[tuple[int, int]]], lexicon: ClauseLexicon, heading: bool,
    roles: frozenset[str], year: Optional[int], specific: bool,
) -> str:
    """Instruction, heading, plan, intention, agenda or act; a clause with specifics is no mere intention."""
    c = lexicon.conventions

    def says(termset: TermSet) -> bool:
        return bool(hits(terms, termset.terms, termset.excepts))

    if says(lexicon.instruction) or c.regex("instruction").search(text):
        return INSTRUCTION
    if heading:
        return HEADING
    if roles & set(c.plan_roles) or says(lexicon.plan) or _names_a_later_year(text, c, year):
        return PLAN
    if not specific and (c.regex("intention").search(text) or says(lexicon.intention)):
        return INTENTION
    if says(lexicon.agenda):
        return AGENDA
    return ACT


def _names_a_later_year(text: str, c: ClauseConventions, year: Optional[int]) -> bool:
    if year is None:
        return False
    return any(int(match.group(1)) > year for match in c.regex("year").finditer(text))


def _specifics(text: str, c: ClauseConventions) -> list[tuple[str, int]]:
    """Each specific of a clause with its offset in the clause; stock formulas hold none."""
    if c.regex("stock").search(text):
        text = c.regex("stock").sub(lambda m: "　" * len(m.group(0)), text)
    found: list[tuple[str, int]] = []
    for pattern in c.specifics.values():
        found.extend((match.group(0), match.start()) for match in compiled(pattern).finditer(text) if match.group(0))
    return found


def _concrete(text: str, start: int, end: int, found: list[tuple[str, int]], c: ClauseConventions,
              ) -> tuple[tuple[int, int], ...]:
    """The spans of a clause its specifics belong to (see Clause.concrete)."""
    if not found:
        return ()
    items = [(start + a, start + b) for a, b in _cut(text[start:end], c.brackets, c.list_stop)] \
        if c.list_stop else [(start, end)]
    holding = [item for item in items if any(item[0] <= start + at < item[1] for _, at in found)]
    if items[-1] in holding:
        return ((start, end),)
    return tuple(holding)


def _masked_terms(text: str, index: TermIndex, lexicon: ClauseLexicon) -> frozenset[tuple[int, int]]:
    """Term occurrences that are only part of a name: of an organisation, a group or a meeting
    (市场监管局, 机构改革领导小组), or of a document the report cites rather than produced; and
    problems named as the object of the work (解决存在的问题)."""
    c = lexicon.conventions
    name_end = c.regex("name_end")
    cited = [m.span() for m in c.regex("document_title").finditer(text)
             if not c.regex("produced_by").search(text, max(0, m.start() - c.produced_window), m.start())]
    starts = [a for a, _ in cited]  # titles do not overlap: the one a term may be inside is the last before it
    masked = set()
    for found in index.by_sentence:
        for term, spans in found.items():
            for start, end in spans:
                inside = bisect_left(starts, start) - 1
                if (name_end.match(text, end) or (inside >= 0 and end < cited[inside][1])
                        or _worked_on(term, text, start, lexicon)):
                    masked.add((start, end))
    return frozenset(masked)


def _worked_on(term: str, text: str, start: int, lexicon: ClauseLexicon) -> bool:
    """Is this occurrence the object of the work (研究…存在问题), not what the sentence admits?"""
    c = lexicon.conventions
    if c.worked_on is None or term not in lexicon.worked_on.terms:
        return False
    return bool(c.regex("worked_on").search(text, max(0, start - c.worked_on_window), start))
