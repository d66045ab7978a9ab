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

The patterns read on every clause (specifics, drafting marks, intentions, years) run only on the
clauses that hold one of their needles (see `_Sieve`). A sentence's clauses are read when a rule
first asks for them (see `Clauses`): rules ask only of the sentences that hold their terms.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import chain
from typing import Any, Callable, Iterable, Iterator, Mapping, NamedTuple, Optional

from checker.concepts import MOODS
from checker.document.conventions import ClauseConventions, ContextMask, UnitLeader, compiled, needles
from checker.document.outline import Outline, Section, Sentence
from checker.document.segment import TermIndex, TermSet, hits, unblocked, within

ACT, AGENDA, INTENTION, PLAN, INSTRUCTION, HEADING, PAST, RECEIVED = MOODS


# The patterns besides the specifics that a clause is read by (ClauseConventions' fields; submits and past are optional).
_CLAUSE_PATTERNS = ("stock", "instruction", "intention", "not_yet", "formula", "formula_heading", "year", "submits", "past",
                    "received")


@dataclass(frozen=True)
class ClauseLexicon:
    """The clause vocabulary as term sets, resolved from the rulebook's term groups."""

    conventions: ClauseConventions
    actors: dict[str, TermSet]  # actor kind → the terms that name it, strongest kind first
    instruction: TermSet
    plan: TermSet
    intention: TermSet
    agenda: TermSet
    # Each context mask with the terms it applies to (None: every term).
    masks: tuple[tuple[ContextMask, Optional[TermSet]], ...] = ()
    # Words the rulebook has only as exceptions (执法部门, 行政执法单位): they name no topic, nor do the terms
    # inside them.
    exceptions_only: frozenset[str] = frozenset()
    untopical: frozenset[str] = frozenset()  # words of doing (开展, 推进): no topic of their own (conventions.untopical_terms)
    findings: frozenset[str] = frozenset()  # what an act found (问题, 短板): its result, no topic (conventions.findings_terms)

    @cached_property
    def _read_terms(self) -> frozenset[str]:
        """Every term and exception the reading of a clause looks at (a few of a sentence's terms, if any)."""
        sets = [*self.actors.values(), self.instruction, self.plan, self.intention, self.agenda]
        return frozenset().union(*(termset.terms | termset.excepts for termset in sets))

    def said(self, found: dict[str, list[tuple[int, int]]]) -> dict[str, list[tuple[int, int]]]:
        """The occurrences in `found` of the terms a clause is read by (who acts, in what mood)."""
        if found.keys().isdisjoint(self._read_terms):
            return {}
        return {term: spans for term, spans in found.items() if term in self._read_terms}

    def own_actors_named(self, found: dict[str, list[tuple[int, int]]]) -> dict[str, list[tuple[int, int]]]:
        """The occurrences in `found` of terms naming an actor whose counts are an act of its own (常务会议), not
        of those who carry out the act before them (各部门: conventions.counting_actors)."""
        return {term: spans for term, spans in found.items() if term in self._own_actor_terms}

    @cached_property
    def _own_actor_terms(self) -> frozenset[str]:
        counting = self.conventions.counting_actors
        return frozenset().union(*(termset.terms for kind, termset in self.actors.items() if kind not in counting))

    def topics(self, found: dict[str, list[tuple[int, int]]], doing: bool = True) -> dict[str, list[tuple[int, int]]]:
        """The occurrences in `found` of terms that name a topic: not those a clause is read by alone, nor an
        exception word (执法部门) or a term inside one (its 执法); nor words of doing, unless `doing`."""
        passed_over = self._read_terms if doing else self._read_and_doing
        if found.keys().isdisjoint(passed_over) and found.keys().isdisjoint(self.exceptions_only):
            return found
        return unblocked(found, frozenset(found.keys() - passed_over), self.exceptions_only)

    def lending_topics(self, topics: dict[str, list[tuple[int, int]]]) -> dict[str, list[tuple[int, int]]]:
        """`topics` (as `topics` gives them), less what an act found: a clause counting only those (…督察，反馈问题227条)
        gives the act before it its result."""
        if topics.keys().isdisjoint(self.findings):
            return topics
        return {term: spans for term, spans in topics.items() if term not in self.findings}

    @cached_property
    def _read_and_doing(self) -> frozenset[str]:
        return self._read_terms | self.untopical

    @cached_property
    def context_masks(self) -> "_ContextMasks":
        """The context masks, compiled, with the automaton that finds their needles."""
        c = self.conventions
        founded = (c.regex("founded_by"), c.founded_window) if c.founded_by is not None else None
        return _ContextMasks(tuple(_MaskTest(mask, termset, founded if mask.unless_founded else None)
                                   for mask, termset in self.masks))

    @cached_property
    def plan_roles(self) -> frozenset[str]:
        return frozenset(self.conventions.plan_roles)

    @cached_property
    def _pattern_fields(self) -> tuple[str, ...]:
        """The conventions' fields of the other patterns read on every clause, those the rulebook sets."""
        return tuple(name for name in _CLAUSE_PATTERNS if getattr(self.conventions, name) is not None)

    @cached_property
    def sieve(self) -> "_Sieve":
        """The patterns run on every clause, sifted by their needles."""
        c = self.conventions
        return _Sieve.of((*c.specifics.values(), *(getattr(c, name) for name in self._pattern_fields)))

    @cached_property
    def specifics(self) -> tuple[tuple[int, re.Pattern[str], bool], ...]:
        """The specifics patterns with their bits in the sieve, in the rulebook's order, and whether each
        stands where it ends (conventions.closing_specifics)."""
        closing = set(self.conventions.closing_specifics)
        return tuple((self.sieve.bit(pattern), compiled(pattern), name in closing)
                     for name, pattern in self.conventions.specifics.items())

    @cached_property
    def lent(self) -> Optional[re.Pattern[str]]:
        """Matches the whole of a specific a clause naming no topic lends to the act before it
        (conventions.lent_specifics); None when every kind lends."""
        return self._specifics_of(self.conventions.lent_specifics)

    @cached_property
    def lent_back(self) -> Optional[re.Pattern[str]]:
        """Matches the whole of a specific a clause lends to one after it that says what became of all it counted
        (conventions.lent_back); None when none does."""
        return self._specifics_of(self.conventions.lent_back)

    @cached_property
    def lent_across(self) -> Optional[re.Pattern[str]]:
        """Matches the whole of a specific a sentence lends to the sentence before it
        (conventions.lent_across_sentences); None when none does."""
        return self._specifics_of(self.conventions.lent_across_sentences)

    def _specifics_of(self, names: list[str]) -> Optional[re.Pattern[str]]:
        """Matches any of the named specifics; None for no names."""
        if not names:
            return None
        return re.compile("|".join(f"(?:{self.conventions.specifics[name]})" for name in names))

    @cached_property
    def reported(self) -> Optional[re.Pattern[str]]:
        """Finds a specific that reports what was done (conventions.reported); None when none is named."""
        return self._specifics_of(self.conventions.reported)

    @cached_property
    def patterns(self) -> dict[str, tuple[int, re.Pattern[str]]]:
        """The other patterns read on every clause, by their field, with their bits in the sieve."""
        c = self.conventions
        return {name: (self.sieve.bit(getattr(c, name)), c.regex(name)) for name in self._pattern_fields}

    @cached_property
    def instruction_marks(self) -> Optional[re.Pattern[str]]:
        """Finds a needle of the drafting-instruction pattern; None when the pattern has none."""
        found = needles(self.conventions.instruction)
        return re.compile("|".join(map(re.escape, found))) if found else None

    @cached_property
    def echoes(self) -> "_Echoes":
        """What a clause of figures that names the doing before it again needs to complete it."""
        c = self.conventions
        return _Echoes(self.untopical, c.regex("others_do") if c.others_do is not None else None,
                       c.regex("counted_again") if c.counted_again is not None else None,
                       c.regex("breakdown") if c.breakdown is not None else None, self.patterns["stock"][1],
                       {doing: frozenset(yields) for doing, yields in c.outcomes.items()})

    @cached_property
    def any_specific(self) -> int:
        """The bits of the stock formulas and of every specific: a clause with none of them holds none."""
        return self.patterns["stock"][0] | sum(bit for bit, _, _ in self.specifics)


class _Sieve:
    """Which clauses may match which patterns, from one pass of an automaton over their sentence.

    Every match of a pattern holds one of its needles (conventions.needles), so a clause holding none
    of them cannot match and the pattern is not run on it: most clauses hold no figure, no date and no
    drafting mark. A pattern without needles is run on every clause.
    """

    def __init__(self, bits: dict[str, int], automaton: Any, always: int):
        self._bits = bits  # pattern → its bit
        self._automaton = automaton  # needle → (its length, the bits of the patterns it is a needle of)
        self._always = always  # the bits of the patterns without needles

    @classmethod
    def of(cls, patterns: tuple[str, ...]) -> "_Sieve":
        import ahocorasick  # as in segment.py

        bits = {pattern: 1 << n for n, pattern in enumerate(dict.fromkeys(patterns))}
        by_needle: dict[str, int] = {}
        always = 0
        for pattern, bit in bits.items():
            found = needles(pattern)
            if found is None:
                always |= bit
            for needle in found or ():
                by_needle[needle] = by_needle.get(needle, 0) | bit
        if not by_needle:
            return cls(bits, None, always)
        automaton = ahocorasick.Automaton()
        for needle, needle_bits in by_needle.items():
            automaton.add_word(needle, (len(needle), needle_bits))
        automaton.make_automaton()
        return cls(bits, automaton, always)

    def sift(self, text: str, spans: list[tuple[int, int]]) -> list[int]:
        """For each span of `text` (in order, not overlapping), the bits of the patterns it may match.

        One pass over the text the spans cover (a sentence's clauses, or a whole text's); a needle
        counts for the span it lies inside.
        """
        if any(end > following for (_, end), (following, _) in zip(spans, spans[1:])):
            return [-1] * len(spans)  # every pattern, on every span
        return self.sift_ordered(text, spans)

    def sift_ordered(self, text: str, spans: list[tuple[int, int]]) -> list[int]:
        """`sift`, for spans known to be in order and not to overlap (a sentence's clauses)."""
        if self._automaton is None:
            return [-1] * len(spans)  # every pattern, on every span
        sifted = [self._always] * len(spans)
        if not spans:
            return sifted
        k, (start, end) = 0, spans[0]
        first = start  # the slice's offset: iter(text, start, stop) reads the whole text at each call
        found = self._automaton.iter(text[first:spans[-1][1]])  # in order of `last`
        if len(spans) == 1:  # one clause (a third of sentences): every needle of the slice is inside it
            for _, (_, needle_bits) in found:
                sifted[0] |= needle_bits
            return sifted
        for found_last, (length, needle_bits) in found:
            last = first + found_last
            while last >= end and k + 1 < len(spans):  # the needle ends past span k: it is in a later one, if any
                k += 1
                start, end = spans[k]
            if start <= last + 1 - length and last < end:
                sifted[k] |= needle_bits
        return sifted

    def bit(self, pattern: str) -> int:
        """The bit of `pattern`: a span whose sifted bits lack it cannot match it."""
        return self._bits[pattern]


class Clause(NamedTuple):
    """One clause as read. A named tuple: hundreds are built a check, and a frozen dataclass sets each
    field through object.__setattr__."""

    sentence: int  # index in outline.sentences
    start: int
    end: int
    actor: Optional[str]  # a key of ClauseLexicon.actors, or None
    mood: str  # one of MOODS
    specifics: tuple[str, ...]  # figures, named documents, dates, results, as written in the half-width copy
    # Where the specifics belong: the list items (…、…和…) that hold one, or the whole clause when
    # its last item does (办理建议和提案56件: a closing figure counts the whole list).
    concrete: tuple[tuple[int, int], ...] = ()


class Clauses:
    """Every clause of a document, by sentence, and the term occurrences that are only part of a name.

    A sentence's clauses are read when first asked for (`of`): the rules ask only of the sentences
    that hold their terms. What a sentence's clauses say depends on the sentence and on the headings
    before it (the actor a heading names), which are read at once; so a sentence read alone has the
    clauses it has when every sentence is read in order (tests/test_speed_clause.py).
    """

    def __init__(self, outline: Outline, index: TermIndex, lexicon: ClauseLexicon, year: Optional[int],
                 issuer: Optional[str] = None):
        self._text, self._sentences = outline.text, outline.sentences
        self._index, self._lexicon, self._year, self._issuer = index, lexicon, year, issuer
        self._leaders = _leaders_by_name(outline, index, lexicon, issuer)
        self._inherited = _inherited_actors(outline, index, lexicon, issuer, self._leaders)
        self._read: list[Optional[tuple[Clause, ...]]] = [None] * len(self._sentences)
        self._own_read: list[Optional[tuple[Clause, ...]]] = [None] * len(self._sentences)

    def of(self, sentence: int) -> tuple[Clause, ...]:
        read = self._read[sentence]
        if read is None:
            read = self._read[sentence] = self._with_counts_after(sentence, self._own(sentence))
        return read

    def _own(self, sentence: int) -> tuple[Clause, ...]:
        """The clauses of a sentence as it reads by itself, before any sentence after it lends it counts."""
        own = self._own_read[sentence]
        if own is None:
            own = self._own_read[sentence] = _read_sentence(
                sentence, self._sentences[sentence], self._text, self._index, self._lexicon, self._year,
                self._inherited[sentence], self._issuer, self._leaders)
        return own

    def _with_counts_after(self, i: int, read: tuple[Clause, ...]) -> tuple[Clause, ...]:
        """A short sentence naming no specifics, followed in its paragraph by one that opens on counts naming no
        topic of their own (…开展执法案卷评查。共抽查案卷320卷，…), or does after a clause naming none either
        (经逐件审查，共清理…): the counts complete its acts, as a bare
        figure completes the clause before it (`_lend_bare_figures`). Not an item of a list (A、B、C等工作)."""
        lexicon, sentences = self._lexicon, self._sentences
        lendable, after = lexicon.lent_across, i + 1
        if (lendable is None or len(read) > lexicon.conventions.lent_across_max_clauses
                or any(clause.specifics for clause in read) or after >= len(sentences)
                or sentences[after].line != sentences[i].line or sentences[after].heading):
            return read
        terms = self._index.terms_in(after)
        topics = lexicon.topics(terms, doing=False)  # (全年开展演练215场次 names none)
        opening, *rest = self._own(after)
        if rest and opening.mood == ACT and not opening.specifics and not within(topics, opening.start, opening.end):
            opening = rest[0]  # after a clause that only says how (经逐件审查，共清理文件1326件)
        # (nor one naming who acts: 全年召开市政府常务会议28次 counts the meetings, no act before it; but other
        # units carry the act out: …应急演练。全年各级各部门开展演练215场次)
        if opening.mood != ACT or within(topics, opening.start, opening.end) or within(
                lexicon.own_actors_named(terms), opening.start, opening.end):
            return read
        counts = tuple(word for word in opening.specifics if lendable.fullmatch(word))
        if not counts:
            return read
        listing = lexicon.conventions.regex("enumeration") if lexicon.conventions.enumeration else None
        return tuple(clause if listing is not None and listing.search(self._text, clause.start, clause.end)
                     else clause._replace(specifics=counts, concrete=((clause.start, clause.end),)) for clause in read)

    @cached_property
    def by_sentence(self) -> tuple[tuple[Clause, ...], ...]:
        return tuple(self.of(i) for i in range(len(self._sentences)))

    @cached_property
    def instructions(self) -> frozenset[int]:
        """The sentences that are drafting instructions; only those that may be (`_may_instruct`) are read."""
        return frozenset(i for i in range(len(self._sentences))
                         if self._may_instruct(i) and any(clause.mood == INSTRUCTION for clause in self.of(i)))

    def _may_instruct(self, i: int) -> bool:
        """Could a clause of sentence `i` be an instruction? Not without an instruction term or mark (a needle)."""
        lexicon, sentence = self._lexicon, self._sentences[i]
        if not lexicon.said(self._index.terms_in(i)).keys().isdisjoint(lexicon.instruction.terms):
            return True
        marks = lexicon.instruction_marks
        return marks is None or marks.search(self._text, sentence.start, sentence.end) is not None

    @cached_property
    def _masked(self) -> _Masked:
        return _masked_terms(self._text, self._index, self._lexicon)

    @property
    def masked(self) -> frozenset[tuple[int, int]]:
        """(start, end) of term occurrences inside a name."""
        return self._masked.names

    @property
    def masked_in(self) -> frozenset[int]:
        """The sentences that hold such occurrences."""
        return self._masked.named_in

    def is_masked(self, start: int, end: int) -> bool:
        return (start, end) in self.masked

    def why_masked(self, start: int, end: int) -> Optional[str]:
        """Why the occurrence text[start:end] does not count, where the mask that took it out says."""
        return self._masked.reasons.get((start, end))

    def counting(self, sentence: int, found: dict[str, list[tuple[int, int]]]) -> dict[str, list[tuple[int, int]]]:
        """The occurrences in `found` (a sentence's) that say what it is about.

        Not those inside a name or in a drafting instruction; `found` itself when none is (most sentences).
        """
        instructions = [(c.start, c.end) for c in self.of(sentence) if c.mood == INSTRUCTION] \
            if sentence in self.instructions else []
        masked, masked_in = self._masked.names, self._masked.named_in
        if not instructions and sentence not in masked_in:
            return found
        return {term: kept for term, spans in found.items()
                if (kept := [(a, b) for a, b in spans if (a, b) not in masked
                             and not any(s <= a and b <= e for s, e in instructions)])}

    def in_passing(self, sentence: int) -> bool:
        """Does the sentence say some term only in passing?"""
        return sentence in self._masked.passing_in

    def concrete(self, sentence: int, counting: dict[str, list[tuple[int, int]]]) -> dict[str, list[tuple[int, int]]]:
        """Of the occurrences that count in a sentence (`counting`), those that can be a concrete act on
        their topic: not those said in passing."""
        passing = self._masked.passing
        return {term: kept for term, spans in counting.items() if (kept := [span for span in spans if span not in passing])}

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Clauses):
            return NotImplemented
        return (self.by_sentence, self._masked) == (other.by_sentence, other._masked)

    def __hash__(self) -> int:
        return hash((self.by_sentence, self.masked))

    def __repr__(self) -> str:
        return f"Clauses({len(self._sentences)} sentences)"


def read_clauses(outline: Outline, index: TermIndex, lexicon: ClauseLexicon, year: Optional[int],
                 issuer: Optional[str] = None) -> Clauses:
    """The clauses of every sentence, each sentence cut and read when first asked for. `issuer`: the report's
    own body, as the report names it (its leaders are not another unit's)."""
    return Clauses(outline, index, lexicon, year, issuer)


def _inherited_actors(outline: Outline, index: TermIndex, lexicon: ClauseLexicon,
                      issuer: Optional[str], leaders: Optional[re.Pattern[str]] = None) -> list[Optional[str]]:
    """For each sentence, the actor it takes where its clauses name none.

    A sentence that opens on a venue or an act (continues_subject: 在厅党组会上带头学习…) goes on with
    the subject last named in its paragraph; otherwise it takes the actor the headings of its sections
    name (the nearest one that names one), each heading from where it stands, in reading order.
    """
    text, sentences = outline.text, outline.sentences
    c = lexicon.conventions
    continues = c.regex("continues_subject")
    heading_actor: dict[int, Optional[str]] = {}
    inherited: list[Optional[str]] = []
    by_section: dict[int, Optional[str]] = {}  # the walk up from each section, until a heading changes it
    # The subject last named in the paragraph so far (over run-in item headings: 县长…。一是全年主持… goes on
    # with it too), kept as the sentences go by: a paragraph of many sentences is not walked back for each.
    line, subject = None, None
    headed = None  # the section whose heading came last, until its first body sentence
    for i, sentence in enumerate(sentences):
        named = (_actor_in(lexicon.said(index.terms_in(i)), lexicon, sentence.start, sentence.end, text, issuer)
                 or _named_leader(text, sentence.start, leaders, lexicon))
        if sentence.heading and sentence.section is not None:
            heading_actor[id(sentence.section)] = named
            by_section.clear()
            headed = sentence.section
        elif headed is not None:
            # The section's first sentence names the body itself as its subject, and no other actor (县委、县政府主要
            # 负责同志… is the leaders'): the section speaks of the body.
            if c.body_actor is not None and sentence.section is headed and (
                    named == c.body_actor or (named is None and _names_the_issuer(text, sentence.start, issuer,
                                                                                  c.subject_window))):
                heading_actor[id(headed)] = c.body_actor
                by_section.clear()
            headed = None
        key = id(sentence.section)
        if key not in by_section:
            by_section[key] = _section_actor(sentence.section, heading_actor)
        if sentence.line != line:
            line, subject = sentence.line, None
        carried = subject if subject and continues.match(text, sentence.start, sentence.end) else None
        inherited.append(carried or by_section[key])
        subject = named or subject
    return inherited


# The shortest end of the issuer's name that names it (司法局 of 重庆市长寿区司法局): its kind and a character more.
ISSUER_END_MIN_CHARS = 3


def _names_the_issuer(text: str, start: int, issuer: Optional[str], window: int) -> bool:
    """Does the sentence at `start` name the issuer (its whole name or an end of it: 长寿区司法局) within `window`
    characters of its start?"""
    if not issuer:
        return False
    head = text[start:start + window + len(issuer)]
    return any(issuer[k:] in head[:window + len(issuer) - k] for k in range(len(issuer) - ISSUER_END_MIN_CHARS + 1))


def _read_sentence(i: int, sentence: Sentence, text: str, index: TermIndex, lexicon: ClauseLexicon,
                   year: Optional[int], inherited: Optional[str], issuer: Optional[str],
                   leaders: Optional[re.Pattern[str]] = None) -> tuple[Clause, ...]:
    """Cut sentence `i` into clauses and read each one."""
    c = lexicon.conventions
    spans = _spans(text, sentence.start, sentence.end, c)
    if len(spans) > 1 and (c.joins_next is not None or c.joins_previous is not None):  # one clause joins none
        spans = _joined(text, spans, c)
    everything = index.terms_in(i)
    terms = lexicon.said(everything)
    # In a sentence naming no term of the clause vocabulary, a clause holding no needle (no pattern
    # can match) has no actor, no specifics, and the mood its sentence gives it: nothing to run.
    plain = None if terms else HEADING if sentence.heading else \
        PLAN if not lexicon.plan_roles.isdisjoint(sentence.roles) else ACT
    read = [(start, end, None, plain, []) if plain is not None and not sifted
            else _read_clause(text, start, end, terms, lexicon, sentence, year, sifted, issuer, leaders)
            for (start, end), sifted in zip(spans, lexicon.sieve.sift_ordered(text, spans))]
    if len(read) > 1:
        topics = lexicon.topics(everything)
        lent = _lend_bare_figures(read, lexicon.lending_topics(topics), lexicon.lent, everything, lexicon.echoes, text)
        lent = _lend_counts_back(lent, c, lexicon.lent_back, text)
        read = _lend_opening_date(lent, topics, text, c.stops)
    looks_ahead = not sentence.heading and c.opens_on_plan(text, sentence.start, sentence.end, year)
    looks_back = not (sentence.heading or looks_ahead) and c.opens_on_past(text, sentence.start, sentence.end, year)
    return _as_clauses(i, read, inherited, text, c, looks_ahead, looks_back, lexicon.reported)


# A clause's mood while its sentence is read: an intention that the sentence's figures do not make an act,
# a formula or an act not done yet (拟制定《…》).
_FORMULA = "formula"
_NOT_YET = "not yet"

# A clause that convenes a leaders' body and names no one: who acts is decided with its sentence (`_convened`).
_CONVENED = "convened"

# A clause as read before its sentence is: (start, end, the actor it names, mood, specifics found).
_Read = tuple[int, int, Optional[str], str, list[tuple[str, int]]]


def _read_clause(
    text: str, start: int, end: int, terms: dict[str, list[tuple[int, int]]], lexicon: ClauseLexicon,
    sentence: Sentence, year: Optional[int], sifted: int, issuer: Optional[str],
    leaders: Optional[re.Pattern[str]] = None,
) -> _Read:
    """What the clause text[start:end] says by itself (see `_Read`).

    `terms`: its sentence's occurrences of the clause vocabulary; `sifted`: the patterns it may match.
    """
    in_clause = within(terms, start, end) if terms else terms
    clause = text[start:end]
    found = _specifics(clause, lexicon, sifted)
    mood = _mood(clause, in_clause, lexicon, sentence, year, bool(found), sifted)
    actor = (_actor_in(in_clause, lexicon, start, end, text, issuer) or _convened(in_clause, lexicon, start, text)
             or _named_leader(text, start, leaders, lexicon))
    return start, end, actor, mood, found


def _lend_bare_figures(read: list[_Read], topics: dict[str, list[tuple[int, int]]],
                       lendable: Optional[re.Pattern[str]], terms: dict[str, list[tuple[int, int]]],
                       echoes: "_Echoes", text: str) -> list[_Read]:
    """A clause of figures that names no topic (…，参加人员120人次; …，全年集中学习6次) completes the act
    before it.

    `topics`: the sentence's occurrences of the vocabulary terms that name a topic (ClauseLexicon.topics);
    `lendable`: matches the specifics that are lent (ClauseLexicon.lent); `terms`: all its term occurrences;
    `echoes`: what a clause of figures that names a doing again needs (`_Echoes`). The figures are read as the
    earlier clause's too, as if they closed it, so that its whole act is concrete (组织领导干部旁听庭审). The figures'
    clause may name again the doing the clause before names, as a count of it (开展规范性文件全面清理，共清理文件41件;
    …专项清理，清理文件268件: the same act counted), but no topic and no other doing, and not a doing that clause gives
    others before it (督促县直部门举办…). Not to a clause that names nothing at all (同时，…): it has no act to complete.
    """
    lent = list(read)
    terms_of = topics_of = None  # each clause's, found in one pass when first asked for
    parts_of_stock: set[int] = set()  # clauses only breaking down a stock: passed over for the act before them
    for k in range(1, len(lent)):
        start, end, _, _, found = lent[k]
        j = k - 1
        while j in parts_of_stock and j > 0:
            j -= 1
        before_start, before_end, named, mood, before_found = lent[j]
        if not found or before_found:
            continue
        if echoes.breaks_down_stock(text, (start, end), (before_start, before_end)):  # the stock's parts: no act's
            lent[k] = (start, end, lent[k][2], lent[k][3], [])
            parts_of_stock.add(k)
            continue
        if terms_of is None or topics_of is None:
            terms_of, topics_of = _by_clause(terms, lent), _by_clause(topics, lent)
        named_before, its_topics = terms_of[j], topics_of[k].keys()
        figure_at = start + min(offset for _, offset in found)
        if named_before and (not its_topics or echoes.count_again(text, its_topics, named_before, (start, figure_at),
                                                                  (before_start, before_end))):
            words = [word for word, _ in found if lendable is None or lendable.fullmatch(word)]
            if words:
                closing = before_end - before_start - 1
                lent[j] = (before_start, before_end, named, mood, [(word, closing) for word in words])
    return lent


class _Echoes(NamedTuple):
    """When a clause of figures names again the doing of the clause before it (开展…清理，共清理文件41件), and when it
    only breaks down a stock there (…现有成员11名，其中专家学者4名)."""

    doing: frozenset[str]  # the words of doing anything (ClauseLexicon.untopical)
    others_do: Optional[re.Pattern[str]]  # what gives a doing to others (ClauseConventions.others_do)
    counted_again: Optional[re.Pattern[str]]  # how the clause opens on a count of it (ClauseConventions.counted_again)
    breakdown: Optional[re.Pattern[str]] = None  # how it opens on the parts of the count before (ClauseConventions.breakdown)
    stock: Optional[re.Pattern[str]] = None  # what the body has, no act (the clause pattern `stock`)
    outcomes: Mapping[str, frozenset[str]] = {}  # the doings a doing yields (ClauseConventions.outcomes)

    def breaks_down_stock(self, text: str, clause: tuple[int, int], before_clause: tuple[int, int]) -> bool:
        """Is the clause only the parts of a stock the clause `before_clause` counts?"""
        return (self.breakdown is not None and self.stock is not None
                and self.breakdown.fullmatch(text, *clause) is not None
                and self.stock.search(text[before_clause[0]:before_clause[1]]) is not None)

    def count_again(self, text: str, named: Iterable[str], before: dict[str, list[tuple[int, int]]],
                    clause: tuple[int, int], before_clause: tuple[int, int]) -> bool:
        """Are the words `named` in the clause of `text` from `clause[0]` to its first figure at `clause[1]` only
        doings of the clause `before_clause`, whose terms are `before`, counted again, or what its doings yield,
        and done by the body itself (nothing gives them to others before them)?"""
        named = set(named)
        if not named:
            return False
        yielded = {word for doing in before.keys() & self.outcomes.keys() for word in self.outcomes[doing]}
        if not ((named <= yielded and _opens_on_yields(text, named, clause, before_clause)) or (
                named <= self.doing & before.keys() and (
                    self.counted_again is not None and self.counted_again.match(text, clause[0])
                    or _repeats_act(text, named, clause, before_clause)))):
            return False
        doings = (named & before.keys()) or (before.keys() & self.outcomes.keys())
        first = min(span[0] for term in doings for span in before[term])
        return self.others_do is None or self.others_do.search(text, before_clause[0], first) is None


def _repeats_act(text: str, doings: set[str], clause: tuple[int, int], before_clause: tuple[int, int]) -> bool:
    """Does the clause open on one of `doings` and the object the clause before names, then its figure
    (…专项清理，清理文件268件; 评查案卷620卷 after …案卷评查)? Not another object of the same doing (召开…会议，召开群众座谈会18场)."""
    start, figure_at = clause
    while start < figure_at and text[start].isspace():
        start += 1
    doing = next((word for word in doings if text.startswith(word, start)), None)
    if doing is None:
        return False
    thing = text[start + len(doing):figure_at]
    return not thing or thing in text[before_clause[0]:before_clause[1]]


_YIELDS_LISTED = re.compile(r"(?:[\u4e00-\u9fff]{1,4}、)*")  # outcomes listed before the last one (废止、修改)
_OUTCOME_WORD = re.compile(r"[\u4e00-\u9fff]{1,4}")  # …or one counted alone before it (废止3件、修改5件)


def _opens_on_yields(text: str, yields: set[str], clause: tuple[int, int], before_clause: tuple[int, int]) -> bool:
    """Does the clause open on what the doing before it yields, listed (废止、修改), then on what the clause before names or
    on nothing, then its figure (…清理，废止、修改文件27件)? Not on someone else doing it (指导各乡镇修改…), nor on another
    object (修改党建工作制度12项)."""
    start, figure_at = clause
    head = text[start:figure_at].strip()
    at, word = max(((head.rfind(word), word) for word in yields), default=(-1, ""))
    if at < 0:  # another outcome counted first, the yield's own count after it (废止3件、修改5件)
        return _OUTCOME_WORD.fullmatch(head) is not None
    if _YIELDS_LISTED.fullmatch(head, 0, at) is None:
        return False
    thing = head[at + len(word):]
    return not thing or thing in text[before_clause[0]:before_clause[1]]


def _by_clause(found: dict[str, list[tuple[int, int]]], read: list[_Read]) -> list[dict[str, list[tuple[int, int]]]]:
    """The occurrences in `found` that lie inside each clause of `read` (as `within` gives them for one clause)."""
    starts = [start for start, *_ in read]
    of: list[dict[str, list[tuple[int, int]]]] = [{} for _ in read]
    for term, spans in found.items():
        for a, b in spans:
            k = bisect_right(starts, a) - 1
            if k >= 0 and b <= read[k][1]:
                of[k].setdefault(term, []).append((a, b))
    return of


def _lend_counts_back(read: list[_Read], c: ClauseConventions, lendable: Optional[re.Pattern[str]],
                      text: str) -> list[_Read]:
    """A clause that opens on what became of all the items counted before it (发布通告、通知41份，均经市司法局合法性
    审查) is about those items: their counts (`lendable` matches the whole of one) are its own, as if it named them."""
    if c.counts_back is None or lendable is None:
        return read
    lent = list(read)
    for k in range(1, len(lent)):
        start, end, named, mood, found = lent[k]
        if found or not lent[k - 1][4]:  # (most clauses: a specific of its own, or none before it to take)
            continue
        counts = [word for word, _ in lent[k - 1][4] if lendable.fullmatch(word)]
        if not counts or not c.regex("counts_back").match(text, start, end):
            continue
        lent[k] = (start, end, named, mood, [(word, end - start - 1) for word in counts])
    return lent


def _lend_opening_date(read: list[_Read], topics: dict[str, list[tuple[int, int]]], text: str,
                       stops: str) -> list[_Read]:
    """A sentence that opens on its date alone (12月，区委办…督查通报) dates the act after it. A clause that is its date
    and nothing else (4月，) is no act of its own, whatever the clause after it names (4月，局党组会议专题学习了《…规定》:
    no concrete act under a 决策 heading). `stops`: the characters that end a clause."""
    start, end, _, _, found = read[0]
    after_start, after_end, named, mood, after_found = read[1]
    if not found or within(topics, start, end):
        return read
    first = read[0]
    if "".join(word for word, _ in found) == text[start:end].strip().rstrip(stops).strip():
        first = (*first[:4], [])
    if after_found:
        return [first, *read[1:]]
    closing = after_end - after_start - 1  # the whole clause is dated, every item of a list in it
    return [first, (after_start, after_end, named, mood, [(word, closing) for word, _ in found]), *read[2:]]


def _as_clauses(i: int, read: list[_Read], inherited: Optional[str], text: str, c: ClauseConventions,
                looks_ahead: bool = False, looks_back: bool = False,
                reported: Optional[re.Pattern[str]] = None) -> tuple[Clause, ...]:
    """The clauses of sentence `i`: one naming no actor has the one before it, or its section's.

    `looks_ahead`: the sentence opens on a plan word (下一步，将…): all of it is plan, whatever it names;
    `looks_back`: it opens on an earlier year than the report's (2022年，我市出台…): all of it is past."""
    moods = [mood for _, _, _, mood, _ in read]
    if INSTRUCTION in moods:  # a sentence that instructs is all instruction
        moods = [INSTRUCTION] * len(read)
    elif looks_ahead:
        moods = [PLAN] * len(read)
    elif looks_back:
        moods = [PAST] * len(read)
    elif INTENTION in moods and any(found for _, _, _, _, found in read):
        # 继续开展专项整治，查处案件56起: an act, not an intention
        moods = [ACT if mood == INTENTION else mood for mood in moods]
    if _NOT_YET in moods:
        if c.not_yet_done is not None:
            moods = _done_after(moods, read, text, c.regex("not_yet_done"))
        moods = _plan_carried(moods, read, text, reported)
    moods = [INTENTION if mood in (_FORMULA, _NOT_YET) else mood for mood in moods]  # these stay intentions
    clauses, actor = [], None
    convened = False  # the actor carried is a meeting convened (`_convened`), no one named before it
    for (start, end, named, _, found), mood in zip(read, moods):
        if named == _CONVENED:  # (县长高度重视，召开常务会议…: the leader named before convened it)
            named, convened = actor or c.convened_actor, actor is None
        elif named is not None:
            convened = False
        elif convened and mood == ACT and found:
            # The meeting goes on deliberating and steering (…研究法治建设工作，审议年度工作要点；…，加强统筹指导力度，
            # 定期听取汇报); a concrete act of another kind after it is a person's (…，带头讲授法治专题党课1次，出庭应诉
            # 2次): whoever its section says acts.
            actor, convened = None, False
        actor = named or actor
        if found:
            specifics, concrete = tuple([word for word, _ in found]), _concrete(text, start, end, found, c)
        else:
            specifics = concrete = ()
        # (sentence, start, end, actor, mood, specifics, concrete), by position: built for every clause
        clauses.append(Clause(i, start, end, actor or inherited, mood, specifics, concrete))
    return tuple(clauses)


def _done_after(moods: list[str], read: list[_Read], text: str, done: re.Pattern[str]) -> list[str]:
    """An act not done yet is an act after all when a later clause of its sentence says it was done (计划开展执法检查
    12次，实际开展15次; 力争…，已培训860人次)."""
    moods = list(moods)
    for k, mood in enumerate(moods):
        if mood == _NOT_YET and any(done.match(text[start:end]) for start, end, *_ in read[k + 1:]):
            moods[k] = ACT
    return moods


def _plan_carried(moods: list[str], read: list[_Read], text: str, reported: Optional[re.Pattern[str]]) -> list[str]:
    """A sentence that opens on an act not done yet goes on planning in the clauses after it that name no one new and
    report nothing done (拟在全市推行…，计划梳理…清单，对…事项同步制定事中事后监管规则: all of it planned); a clause with
    a count, a date, a named document or a result reports the year's work (…，废止规范性文件十五件), and one naming who
    acts starts an act of its own."""
    if not moods or moods[0] != _NOT_YET:
        return moods
    moods = list(moods)
    for k in range(1, len(moods)):
        start, end, named, _, _ = read[k]
        if moods[k] == _NOT_YET:
            continue
        if moods[k] != ACT or named is not None or (reported is not None and reported.search(text[start:end])):
            break
        moods[k] = _NOT_YET
    return moods


def _spans(text: str, start: int, end: int, c: ClauseConventions) -> list[tuple[int, int]]:
    """(start, end) of each clause of the sentence text[start:end]; stops inside brackets and quotes do not cut.

    `_cut` with the stops as its `stop`; here every mark is one character, so one class of characters
    finds them all (the regex engine scans a class far faster than three alternatives).
    """
    marks, kinds = _single_marks(c.brackets, c.stops)
    not_a_stop = c.regex("not_a_stop") if c.not_a_stop is not None else None
    spans, piece, depth = [], start, 0
    for match in marks.finditer(text, start, end):
        kind = kinds[match.group()]
        if kind == "open":
            depth += 1
        elif kind == "close":
            depth = max(0, depth - 1)
        elif not_a_stop is not None and not_a_stop.match(text, match.start()):
            continue
        elif depth == 0:  # a stop: one character, after the piece's start
            piece_end = match.end()
            spans.append((piece, piece_end))
            piece = piece_end
    if piece < end:
        spans.append((piece, end))
    return [(a, b) for a, b in spans if text[a:b].strip()] or [(start, end)]


def _joined(text: str, spans: list[tuple[int, int]], c: ClauseConventions) -> list[tuple[int, int]]:
    """`spans` with each clause that only gives the means of the next (依托一体化政务服务平台，…) joined to it,
    and each that only gives the rate the one before achieved (…首问负责制，落实率100%) joined to that one."""
    ahead = c.regex("joins_next") if c.joins_next is not None else None
    behind = c.regex("joins_previous") if c.joins_previous is not None else None
    out: list[tuple[int, int]] = []
    carried = None
    for k, (a, b) in enumerate(spans):
        start = a if carried is None else carried
        if ahead is not None and k < len(spans) - 1 and ahead.match(text, a, b):
            carried = start
            continue
        carried = None
        if out and behind is not None and behind.match(text, a, b):
            out[-1] = (out[-1][0], b)
        else:
            out.append((start, b))
    return out


@lru_cache(maxsize=16)
def _single_marks(brackets: str, stops: str) -> tuple[re.Pattern, dict[str, str]]:
    """The brackets and stops as one class of characters, and what each is (as `_marks` ranks them)."""
    kinds = {stop: "stop" for stop in stops}
    kinds.update({close: "close" for close in brackets[1::2]})
    kinds.update({opening: "open" for opening in brackets[0::2]})
    return re.compile(f"[{re.escape(brackets + stops)}]"), kinds


def _cut(text: str, brackets: str, stop: str, start: int = 0, end: Optional[int] = None) -> list[tuple[int, int]]:
    """(start, end) of the pieces of text[start:end] that end where `stop` matches outside brackets and quotes.

    Only the window is searched, and the pattern sees the text around it: `stop` must not look around.
    """
    end = len(text) if end is None else end
    spans, piece, depth = [], start, 0
    for match in _marks(brackets, stop).finditer(text, start, end):
        if match.lastgroup == "open":
            depth += 1
        elif match.lastgroup == "close":
            depth = max(0, depth - 1)
        elif depth == 0 and match.end() > piece and match.start() >= piece:
            spans.append((piece, match.end()))
            piece = match.end()
    if piece < end:
        spans.append((piece, end))
    return [(a, b) for a, b in spans if text[a:b].strip()] or [(start, end)]


@lru_cache(maxsize=16)
def _marks(brackets: str, stop: str) -> re.Pattern:
    """Brackets opening and closing, and the stops, in one pattern: a sentence is scanned once."""
    opening, closing = re.escape(brackets[0::2]), re.escape(brackets[1::2])
    return re.compile(f"(?P<open>[{opening}])|(?P<close>[{closing}])|(?P<stop>{stop})")


def _actor_in(terms: dict[str, list[tuple[int, int]]], lexicon: ClauseLexicon, start: int, end: int, text: str,
              issuer: Optional[str]) -> Optional[str]:
    """The strongest kind of actor named as the subject of text[start:end]: near its start, not after a duty verb, not
    inside a document's title (制定《党政主要负责人年度述法评议工作办法》 names no leader acting); a leader of another
    unit than the issuer (市司法局局长 in a city's report) is that unit's (see UnitLeader)."""
    if not terms:  # most clauses name no actor
        return None
    c = lexicon.conventions
    duty = c.regex("not_subject_after")
    titles: Optional[list[tuple[int, int]]] = None  # the spans of the titles in the span, found once if needed
    for kind, termset in lexicon.actors.items():
        # (not an occurrence inside an exception: 市长 in 常务副市长受市长委托 is the second one)
        for spans in unblocked(terms, termset.terms, termset.excepts).values():
            near = [(a, b) for a, b in spans if a - start <= c.subject_window]
            if not near:
                continue
            if titles is None:
                titles = [title.span() for title in c.regex("document_title").finditer(text, start, end)] if text else []
            outside = [(a, b) for a, b in near if not any(s < a and b < e for s, e in titles)]
            if not outside:
                continue
            first, first_end = min(outside)
            if text and duty.search(text[start:first]):
                continue
            if text and c.delegates is not None and c.regex("delegates").match(text, first_end, end):
                continue  # (局长委托分管副局长出庭应诉: the one sent acts)
            unit = c.unit_leader
            if unit is not None and text and kind in unit.of and _leads_another_unit(text, first, unit, issuer):
                return unit.actor
            return kind
    return None


def _leaders_by_name(outline: Outline, index: TermIndex, lexicon: ClauseLexicon,
                     issuer: Optional[str]) -> Optional[re.Pattern[str]]:
    """What opens a clause whose subject is a leader named earlier by title and name (县长李明… makes 李明…, 李明同志…
    the principal's): None when the text names none so. Not another unit's leader (县司法局局长张伟: see UnitLeader)."""
    c = lexicon.conventions
    if c.leader_name is None or c.leader_name_actor not in lexicon.actors:
        return None
    kind, text = c.leader_name_actor, outline.text
    titles, name, unit = lexicon.actors[kind], c.regex("leader_name"), c.unit_leader
    others = unit is not None and kind in unit.of
    names = set()
    for i in range(len(outline.sentences)):
        for spans in unblocked(index.terms_in(i), titles.terms, titles.excepts).values():
            names.update(found.group(1) for start, end in spans if (found := name.match(text, end))
                         and not (others and _leads_another_unit(text, start, unit, issuer)))
    if not names:
        return None
    # (longest first: 李明 inside 李明华 is another person)
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    follows = f"(?={c.leader_name_next})" if c.leader_name_next is not None else ""
    return re.compile(f"{c.leader_name_lead or ''}(?:{alternatives}){follows}")


def _named_leader(text: str, start: int, leaders: Optional[re.Pattern[str]], lexicon: ClauseLexicon) -> Optional[str]:
    """The principal's kind of actor when the clause at `start` opens on a leader's name (see _leaders_by_name)."""
    if leaders is None or not leaders.match(text, start):
        return None
    return lexicon.conventions.leader_name_actor


def _convened(terms: dict[str, list[tuple[int, int]]], lexicon: ClauseLexicon, start: int, text: str) -> Optional[str]:
    """The kind of actor of a clause that names none but convenes a leaders' body (全年召开局党组会议3次研究…): the
    meeting's, unless an earlier clause of its sentence named who convened it; the meeting goes on acting in the
    clauses after it, up to a concrete act of another kind (see `_as_clauses`)."""
    c = lexicon.conventions
    if not terms or c.convened is None or c.convened_actor is None:
        return None
    named = lexicon.actors[c.convened_actor]
    bodies = unblocked(terms, named.terms, named.excepts)
    first = min((a for spans in bodies.values() for a, _ in spans), default=None)
    return _CONVENED if first is not None and c.regex("convened").fullmatch(text, start, first) else None


def _leads_another_unit(text: str, at: int, unit: UnitLeader, issuer: Optional[str]) -> bool:
    """Does the leader's title at `at` follow the name of a unit that is not the report's own? Not when the
    report does not say whose it is: then the unit may be its own."""
    named = compiled(unit.before).search(text, max(0, at - unit.window), at) if issuer else None
    if named is None:
        return False
    name = named.group("unit")
    own = ((unit.own is not None and compiled(unit.own).match(name)) or name[-unit.own_chars:] in issuer
           or _of_issuer_s_tier(name, unit, issuer) or _shortens_issuer(name, unit, issuer))
    return not own


def _shortens_issuer(name: str, unit: UnitLeader, issuer: str) -> bool:
    """Is the unit the issuer by its tier and its field shortened (市医保局 for 霁州市医疗保障局): the issuer names the
    tier and no lower one after it, then the field's characters in their order, and ends in the unit's kind?"""
    short = compiled(unit.abbreviated_unit).match(name) if unit.abbreviated_unit is not None else None
    if short is None or not issuer.endswith(short.group(3)):
        return False
    tier, field = short.group(1), short.group(2)
    at = issuer.rfind(tier, 0, len(issuer) - len(short.group(3)))
    if at < 0 or any(lower in issuer[at + 1:] for lower in unit.lower_tiers.get(tier, "")):
        return False  # (霁州市青柳区医疗保障局's 市医保局 is the city's, above it)
    remaining = iter(issuer[at + 1:])
    return all(char in remaining for char in field)  # (in order: each found after the one before)


def _of_issuer_s_tier(name: str, unit: UnitLeader, issuer: str) -> bool:
    """Is the unit named by its tier alone (市局) the issuer's own: the issuer names that tier and none below it after
    it (霁州市医疗保障局, not 青山市东湖区市场监管局)?"""
    tier = compiled(unit.tier_unit).match(name) if unit.tier_unit is not None else None
    named = compiled(unit.tier_named.replace("{tier}", re.escape(tier.group(1)))).search(issuer) if tier else None
    if tier is None or named is None:
        return False
    after = issuer[named.end():]
    return not any(compiled(unit.tier_named.replace("{tier}", re.escape(lower))).search(after)
                   for lower in unit.lower_tiers.get(tier.group(1), ""))


def _section_actor(section: Optional[Section], heading_actor: dict[int, Optional[str]]) -> Optional[str]:
    node = section
    while node is not None:
        actor = heading_actor.get(id(node))
        if actor:
            return actor
        node = node.parent
    return None


def _mood(
    text: str, terms: dict[str, list[tuple[int, int]]], lexicon: ClauseLexicon, sentence: Sentence,
    year: Optional[int], specific: bool, sifted: int,
) -> str:
    """Instruction, heading, plan, intention, agenda or act; a clause with specifics is no mere intention,
    nor a mere heading: a heading that states the act itself (一是印发《…》; （三）办理复议案件126件) is read as that act.

    `terms`: the clause's occurrences of the clause vocabulary; `sifted`: the patterns it may match.
    """
    patterns = lexicon.patterns
    instruction, intention, formula, later = (
        patterns["instruction"], patterns["intention"], patterns["formula"], patterns["year"])
    if (terms and _says(terms, lexicon.instruction)) or _matches(instruction, text, sifted):
        return INSTRUCTION
    if sentence.heading and not specific:
        return _FORMULA if _matches(patterns.get("formula_heading"), text, sifted) else HEADING
    if (not lexicon.plan_roles.isdisjoint(sentence.roles) or (terms and _says(terms, lexicon.plan))
            or (sifted & later[0] and _names_a_later_year(text, later[1], year))):
        return PLAN
    past = patterns.get("past")
    if past is not None and sifted & past[0] and _dated_earlier(text, past[1], year):
        return PAST
    if _matches(patterns.get("received"), text, sifted):
        return RECEIVED
    if _matches(patterns.get("not_yet"), text, sifted):
        return _NOT_YET
    if not specific and _matches(formula, text, sifted):
        return _FORMULA
    if not specific and (_matches(intention, text, sifted) or (terms and _says(terms, lexicon.intention))):
        return INTENTION
    if terms and _says(terms, lexicon.agenda) and not _matches(patterns.get("submits"), text, sifted):
        return AGENDA
    return ACT


def _matches(pattern: Optional[tuple[int, re.Pattern[str]]], text: str, sifted: int) -> bool:
    """Does a clause pattern (its sieve bit, the pattern; None when the rulebook sets none) match the clause?"""
    return pattern is not None and bool(sifted & pattern[0]) and pattern[1].search(text) is not None


def _says(terms: dict[str, list[tuple[int, int]]], termset: TermSet) -> bool:
    return bool(hits(terms, termset.terms, termset.excepts))


def _names_a_later_year(text: str, year_pattern: re.Pattern[str], year: Optional[int]) -> bool:
    """Does the clause name a year after the report's (group 1 of the pattern; a match without it names
    a year that makes no plan)?"""
    if year is None:
        return False
    return any(match.group(1) and int(match.group(1)) > year for match in year_pattern.finditer(text))


def _dated_earlier(text: str, past: re.Pattern[str], year: Optional[int]) -> bool:
    """Is the clause's act dated before the report's year: a year the pattern's groups give that is earlier, or
    a time before it that names no year (上年度, 去年)?"""
    for match in past.finditer(text):
        named = [int(group) for group in match.groups() if group]
        if not named or (year is not None and min(named) < year):
            return True
    return False


def _specifics(text: str, lexicon: ClauseLexicon, sifted: int) -> list[tuple[str, int]]:
    """Each specific of a clause with its offset in the clause (its end's, for one that stands where it
    ends: then it belongs to the whole list before it); stock formulas hold none."""
    if not sifted & lexicon.any_specific:  # most clauses
        return []
    bit, stock = lexicon.patterns["stock"]
    if sifted & bit and stock.search(text):
        text = stock.sub(lambda m: "　" * len(m.group(0)), text)
        sifted = -1  # the blanks are new text: every pattern is tried on it
    found: list[tuple[str, int]] = []
    for bit, pattern, closing in lexicon.specifics:
        if sifted & bit and (first := pattern.search(text)) is not None:  # most sifted clauses hold none
            # From the first match on, finditer finds what it finds from the clause's start.
            found += [(match.group(0), match.end() - 1 if closing else match.start())
                      for match in pattern.finditer(text, first.start()) if match.group(0)]
    return found


def _concrete(text: str, start: int, end: int, found: list[tuple[str, int]], c: ClauseConventions,
              ) -> tuple[tuple[int, int], ...]:
    """The spans of a clause its specifics belong to (see Clause.concrete); `found` is not empty."""
    listed = bool(c.list_stop and c.regex("list_stop").search(text[start:end]))
    close = "list_close" if listed else "topic_close"
    if getattr(c, close) is None:
        return ((start, end),)
    items = [(start + a, start + b) for a, b in _cut(text[start:end], c.brackets, c.list_stop)] if listed else [(start, end)]
    holding = [item for item in items if any(item[0] <= start + at < item[1] for _, at in found)]
    if holding == items[:1] and len(items) > 1 and _steps_of(text, start, items, found, c):
        return ((start, end),)
    if items[-1] not in holding:
        return tuple(holding)
    # The last item (or the clause, no list in it) holds them: they count the whole list (办理人大代表建议和政协提案56件;
    # 审查合同、协议等40余件), unless the list closes on 等 and names what they count after it (…、政务公开等8个方面32项
    # 重点任务; …、生态环境等领域执法检查120次; …、涉营商环境等4次专项清理; with one topic, only tasks or aspects:
    # 强化突发事件依法处置等35项主要任务): then they count that, not an act on each item.
    last_start, last_end = items[-1]
    first = min(start + at for _, at in found if last_start <= start + at < last_end)
    closing = c.regex(close).finditer(text, last_start, last_end)  # (it looks ahead)
    closes = [match.end() for match in closing if match.start() < first]
    if closes and _names_more(text[closes[-1]:end], found):
        return (*holding[:-1], (closes[-1], end))
    return ((start, end),)


def _steps_of(text: str, start: int, items: list[tuple[int, int]], found: list[tuple[str, int]],
              c: ClauseConventions) -> bool:
    """Is the list of a clause (starting at `start`, cut into `items`) the steps a specific of its first item went
    through (《…》经公开征求意见、专家论证…)? The words from the specific's end to the first item's end open the steps,
    and every other item names one (not 《…条例》经省人大常委会批准、行政执法“三项制度”全面落实: other matters)."""
    if c.steps_of is None or c.step is None:
        return False
    first = items[0]
    ends = [start + at + len(word) for word, at in found if start + at < first[1]]
    step = c.regex("step")
    return (c.regex("steps_of").fullmatch(text, max(ends), first[1]) is not None
            and all(step.match(text, a, b) is not None for a, b in items[1:]))


_WORD = re.compile(r"\w")


def _names_more(tail: str, found: list[tuple[str, int]]) -> bool:
    """Does `tail` name something besides the specifics `found` (8个方面32项重点任务, not 40余件)?"""
    for word, _ in found:
        tail = tail.replace(word, "", 1)
    return _WORD.search(tail) is not None


def _cited_titles(text: str, c: ClauseConventions) -> tuple[list[tuple[int, int]], set[tuple[int, int]]]:
    """The spans of the document titles the report cites rather than produced, and those of them it says it
    implements (严格执行《…》).

    A title is the body's own when a producing verb comes right before it (起草《…》), or a verb of setting up when the
    title is its whole object (健全完善《…制度》), unless the making is asked of others (督促各乡镇制定《…》); or when its
    publishing comes right after it (《…目录》在区政府网站公开), or it follows such a title in a list (起草《…》《…》,
    制定《…》和《…》).
    """
    cited, implemented, produced_end = [], set(), None
    implementing = c.regex("implemented_by") if c.implemented_by is not None else None
    published = c.regex("produced_after") if c.produced_after is not None else None
    for match in c.regex("document_title").finditer(text):
        start, before = match.start(), max(0, match.start() - c.produced_window)
        listed = produced_end is not None and c.regex("title_list_gap").fullmatch(text, produced_end, start)
        if listed or _made_by_the_body(text, before, start, match.end(), c) or (
                published is not None and published.match(text, match.end())):
            produced_end = match.end()
            continue
        cited.append(match.span())
        produced_end = None
        if implementing is not None and implementing.search(text, before, start):
            implemented.add(match.span())
    return cited, implemented


def _reviewed_kind_starts(text: str, titles: list[tuple[int, int]], c: ClauseConventions) -> list[int]:
    """Where each title's closing kind of document begins, when a review of it comes before it
    (conventions.reviewed_kind, kind_reviewed_by): its end when it names none."""
    if c.reviewed_kind is None or c.kind_reviewed_by is None:
        return [end for _, end in titles]
    kind, reviewed = c.regex("reviewed_kind"), c.regex("kind_reviewed_by")
    starts = []
    for start, end in titles:
        found = kind.search(text, start, end - 1)
        if found is not None and reviewed.search(text, max(0, start - c.kind_window), start) is not None:
            starts.append(found.start())
        else:
            starts.append(end)
    return starts


def _made_by_the_body(text: str, before: int, start: int, end: int, c: ClauseConventions) -> bool:
    """Does a verb between `before` and the title text[start:end] say the body made it (see _cited_titles)?"""
    verb = c.regex("produced_by").search(text, before, start)
    if verb is None and c.set_up_by is not None and c.regex("whole_object_end").match(text, end):
        verb = c.regex("set_up_by").search(text, before, start)
    if (verb is None and c.reviewed_by is not None and c.reviewed_own is not None
            and c.regex("reviewed_own").search(text, start, end)):
        verb = c.regex("reviewed_by").search(text, min(before, max(0, start - c.reviewed_window)), start)
    if verb is None or c.asked_of_others is None:
        return verb is not None
    return c.regex("asked_of_others").search(text, max(0, verb.start() - c.produced_window), verb.start()) is None


class _Masked(NamedTuple):
    """Term occurrences that do not say what their sentence is about, with the sentences holding them."""

    names: frozenset[tuple[int, int]]  # only part of a name: they count for nothing
    named_in: frozenset[int]
    passing: frozenset[tuple[int, int]]  # said in passing (an event's name): mentions, no concrete act
    passing_in: frozenset[int]
    reasons: dict[tuple[int, int], str]  # why some of `names` do not count, where their mask says (ContextMask.says)


def _masked_terms(text: str, index: TermIndex, lexicon: ClauseLexicon) -> _Masked:
    """Term occurrences that are only part of a name: of an organisation or a group (市场监管局, 机构改革领导小组), or
    of a document the report cites rather than produced; and those the rulebook's context masks take out
    (解决存在的问题). Those said in passing are kept apart, as mentions only: a topic in a meeting's name (召开…督察部署会,
    a mask's), or in the title of a document the body carries out (严格执行《…》)."""
    c = lexicon.conventions
    name_end = c.regex("name_end")
    founded_by = c.regex("founded_by") if c.founded_by is not None else None
    cited, implemented = _cited_titles(text, c)
    starts = [a for a, _ in cited]  # titles do not overlap: the one a term may be inside is the last before it
    kinds_from = _reviewed_kind_starts(text, cited, c)  # a reviewed title's kind (…条例（草案）) counts as text
    masked, masked_in = set(), set()
    passing: dict[tuple[int, int], int] = {}  # occurrence → its sentence
    unnamed: list[_Occurrence] = []  # those in no name, for the context masks
    for sentence, found in enumerate(index.by_sentence):
        for term, spans in found.items():
            for start, end in spans:
                inside = bisect_left(starts, start) - 1
                in_title = inside >= 0 and end < cited[inside][1] and start < kinds_from[inside]
                if in_title and cited[inside] in implemented:
                    passing[(start, end)] = sentence
                elif in_title or _in_a_name(text, start, end, name_end, founded_by, c.founded_window):
                    masked.add((start, end))
                    masked_in.add(sentence)
                else:
                    unnamed.append((start, end, sentence, term))
    unnamed.sort()
    named = frozenset(masked)

    def unnamed_of(terms: frozenset[str]) -> list[_Occurrence]:
        """Those of `unnamed` that are occurrences of `terms`, found by term (in no particular order)."""
        by_sentence, sentences_of = index.by_sentence, index.sentences_of
        return [(start, end, sentence, term) for term in terms & sentences_of.keys() for sentence in sentences_of[term]
                for start, end in by_sentence[sentence][term] if (start, end) not in named]

    reasons: dict[tuple[int, int], str] = {}
    for (start, end, sentence, _), test in lexicon.context_masks.masked(text, unnamed, unnamed_of):
        if test.passing:
            passing[(start, end)] = sentence
        else:
            masked.add((start, end))
            masked_in.add(sentence)
            if test.says is not None:
                reasons.setdefault((start, end), test.says)
    passing = {span: sentence for span, sentence in passing.items() if span not in masked}  # a name wins
    return _Masked(frozenset(masked), frozenset(masked_in), frozenset(passing), frozenset(passing.values()), reasons)


def _in_a_name(text: str, start: int, end: int, name_end: re.Pattern[str],
               founded_by: Optional[re.Pattern[str]], window: int) -> bool:
    """Is the occurrence text[start:end] part of a name (…复议中心) the body does not found there?

    `founded_by`: the verbs of founding that come right before such a name, at most `window` characters back.
    """
    if not name_end.match(text, end):
        return False
    return founded_by is None or founded_by.search(text, max(0, start - window), start) is None


# A term occurrence: (start, end, its sentence, the term).
_Occurrence = tuple[int, int, int, str]


class _ContextMasks:
    """The context masks, and where in a text each may apply, from one pass of an automaton over it.

    Every match of a context holds one of its needles (conventions.needles), and a mask's contexts
    lie within its window of the occurrence: so a mask is tried only on the occurrences near one of
    its needles, where a context may lie. Most occurrences are near none.
    """

    def __init__(self, tests: tuple["_MaskTest", ...]):
        import ahocorasick  # as in segment.py

        self._tests = tests  # in the rulebook's order
        numbers: dict[str, int] = {}  # needle → its number
        for test in tests:
            for needle in test.needles or ():
                numbers.setdefault(needle, len(numbers))
        # each mask's needles, by number, each once
        self._needles_of = [tuple(dict.fromkeys(numbers[needle] for needle in test.needles or ())) for test in tests]
        self._automaton = None  # needle → (its length, its number)
        if numbers:
            self._automaton = ahocorasick.Automaton()
            for needle, n in numbers.items():
                self._automaton.add_word(needle, (len(needle), n))
            self._automaton.make_automaton()

    def masked(self, text: str, occurrences: list[_Occurrence],
               occurrences_of: Callable[[frozenset[str]], list[_Occurrence]]) -> Iterator[tuple[_Occurrence, "_MaskTest"]]:
        """The occurrences (given in order of their start) that some mask takes out, each with that mask (which
        says whether it leaves the occurrence a mention in passing); some more than once, in the order of the
        masks (each mask's in no particular order).

        `occurrences_of`: those of `occurrences` that are occurrences of some terms."""
        starts = [occurrence[0] for occurrence in occurrences]
        longest = max((occurrence[1] - occurrence[0] for occurrence in occurrences), default=0)
        spans_of = self._needle_spans(text)
        for test, numbers in zip(self._tests, self._needles_of):
            if test.needles is None:  # (on some terms: only theirs, not every occurrence)
                tried = occurrences if test.terms is None else occurrences_of(test.terms)
            elif test.terms is not None and len(test.terms) <= sum(len(spans_of.get(n, ())) for n in numbers):
                # A mask on a few terms among many needles: its terms' occurrences are fewer than those near.
                tried = occurrences_of(test.terms)
            else:
                needles_at = [span for n in numbers for span in spans_of.get(n, ())]
                near = test.near(needles_at, starts, longest)
                tried = chain.from_iterable(occurrences[first:stop] for first, stop in near)
            for occurrence in tried:
                start, end, _, term = occurrence
                if (test.terms is None or term in test.terms) and test.masks(text, start, end):
                    yield occurrence, test

    def _needle_spans(self, text: str) -> dict[int, list[tuple[int, int]]]:
        """Needle number → the (start, end) of its occurrences in `text`."""
        spans_of: dict[int, list[tuple[int, int]]] = {}
        if self._automaton is not None:
            for last, (length, n) in self._automaton.iter(text):
                spans_of.setdefault(n, []).append((last + 1 - length, last + 1))
        return spans_of


class _MaskTest:
    """A context mask, compiled, with the needles that locate it."""

    __slots__ = ("terms", "window", "passing", "says", "_before", "_after", "_founded", "needles", "_needles_before")

    def __init__(self, mask: ContextMask, termset: Optional[TermSet],
                 founded: Optional[tuple[re.Pattern[str], int]] = None):
        """`founded`: the verbs of founding and how far back they are looked for, where founding the name the
        occurrence is in makes it count (`ContextMask.unless_founded`)."""
        self.terms = termset.terms if termset is not None else None  # None: every term
        self.passing = mask.passing
        self.says = mask.says
        self.window = mask.window
        self._founded = founded
        self._before = compiled(mask.before) if mask.before is not None else None
        self._after = compiled(mask.after) if mask.after is not None else None
        # The needles of the context that locates the mask (None when neither context has any): the one
        # whose shortest needle is the longer (rarer in a text), `before` when they are as long.
        sides = [(min(map(len, found)), is_before, found)
                 for is_before, pattern in ((True, mask.before), (False, mask.after))
                 if pattern is not None and (found := needles(pattern))]
        _, self._needles_before, self.needles = max(sides) if sides else (0, False, None)

    def near(self, needles_at: Iterable[tuple[int, int]], starts: list[int], longest: int) -> list[tuple[int, int]]:
        """The occurrences (as ranges of their indices in `starts`, which is in order, ascending; the ranges in order,
        apart) for which one of the needles at `needles_at` lies inside the window of `self.needles`' context.
        `longest`: the longest occurrence."""
        ranges = []
        for a, b in needles_at:
            if self._needles_before:  # inside text[start - window:start]
                low, high = b, a + self.window
            else:  # inside text[end:end + window], where end is at most `longest` after start
                low, high = b - self.window - longest, a
            first, stop = bisect_left(starts, low), bisect_right(starts, high)
            if first < stop:
                ranges.append((first, stop))
        merged: list[tuple[int, int]] = []
        for first, stop in sorted(ranges):  # the ranges overlap: each index is taken once
            if merged and first <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], stop))
            else:
                merged.append((first, stop))
        return merged

    def masks(self, text: str, start: int, end: int) -> bool:
        """Do the surroundings of the occurrence text[start:end] match every context of the mask?

        `after` first: an anchored match is cheaper than the search `before` needs.
        """
        if self._after is not None and self._after.match(text, end, end + self.window) is None:
            return False
        if self._before is not None and self._before.search(text, max(0, start - self.window), start) is None:
            return False
        if self._founded is not None:
            verbs, window = self._founded
            return verbs.search(text, max(0, start - window), start) is None
        return True
