"""Coverage: count the kinds of sentence a rule looks for in its scope, and judge by its conditions."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import chain
from typing import Optional, Union

from checker.concepts import SUMMARY_ROLES
from checker.document import Document, Matched, terms_within
from checker.document.outline import Sentence, earlier_in_paragraph
from checker.document.segment import TermSet
from checker.rules.kinds.base import Kind, Outcome
from checker.rules.kinds.evidence import Match, best_evidence, unique
from checker.rules.reading import Reading
from checker.document.clauses import Clause
from checker.rules.schema import ClauseFilter, Condition, Rule, Scope, Signal


@dataclass
class Tally:
    """What a coverage rule found in a document."""

    counts: dict[str, int] = field(default_factory=dict)
    matches: dict[str, list[Match]] = field(default_factory=dict)
    points: float = 0.0
    chars: int = 0
    part_chars: int = 0
    section: bool = False
    year: bool = False
    report: bool = False


def check_coverage(rule: Rule, reading: Reading) -> Outcome:
    tally = tally_rule(rule, reading)
    # (a section on the topic decides only when nothing more telling does: the act it holds is quoted rather)
    holds = [c for c in rule.met if _holds(c, tally)]
    meeting = next((c for c in holds if not _section_signals(rule, c)), holds[0] if holds else None)
    holding = [meeting] if meeting else [c for c in rule.partial if _holds(c, tally)]
    status = "met" if meeting else "partial" if holding else "missing"
    detail = "" if status == "met" else _shortfall(rule, tally, reading)
    pool = [m for name in ["heading", *rule.signals] for m in tally.matches.get(name, [])] or _part_headings(rule, reading)
    # The reason quotes what decided the status (the leader's own act, not a meeting's figure).
    deciding = {name for condition in holding for name in condition.signals}
    counted = [m for name in rule.signals if name in deciding for m in tally.matches.get(name, [])]
    recurring = meeting is not None and _met_by_recurrence(rule, tally, meeting)
    # met by a section on the topic: the reason quotes that section's heading, not another signal's match
    sections = [m for name in (_section_signals(rule, meeting) if meeting else ()) for m in tally.matches.get(name, [])]
    why = _why(rule, status, sections or counted or pool, reading, recurring, bool(sections))
    return status, best_evidence(reading, pool), why + detail


def _section_signals(rule: Rule, condition: Condition) -> list[str]:
    """The signals of `condition` that a section on the topic meets (they read a section's body)."""
    return [name for name in condition.signals if rule.signals[name].section_body is not None]


def _part_headings(rule: Rule, reading: Reading) -> list[Match]:
    """The headings of the rule's part, for a finding that found nothing else: its section is all there is."""
    if not rule.part:
        return []
    sections = {id(section) for section in reading.part_sections(rule.part)}
    return [Match(i, [], reading.quantities[i], True) for i, sentence in enumerate(reading.sentences)
            if sentence.heading and id(sentence.section) in sections]


def _met_by_recurrence(rule: Rule, tally: Tally, deciding: Condition) -> bool:
    """Is a rule that asks for a concrete act met only by how often the text names its topic?

    That is: the condition that meets it only counts occurrences, several of each signal, of one at least asking for
    no concrete act ({mention: 4}; not {task: 2, targeted_task: 1}, which one task decides), and no signal that asks
    for one found anything."""
    concrete = {name for name, signal in rule.signals.items()
                if (signal.clause is not None and signal.clause.specific) or signal.section_body is not None}
    by_count = (all(needed > 1 for needed in deciding.signals.values())
                and any(name not in concrete for name in deciding.signals))
    return bool(concrete) and by_count and not any(tally.matches.get(name) for name in concrete)


# Why a finding is what it is, in the reviewer's words, by what the deciding clause does.
_PASSING = {
    "intention": "只有原则性表述（如“{clause}”），缺少具体做法。",
    "heading": "仅有标题“{clause}”，正文缺少具体做法。",
    "agenda": "只写了开会或学习研究此事（如“{clause}”），缺少本方面的具体做法。",
    "act": "仅有提及（如“{clause}”），缺少数字、文件名、日期或结果等具体做法。",
    "list": "仅在列举中提及（如“{clause}”），缺少本方面的具体做法。",
    # (a principle or a claim of the opening summary: 积极推动相关立法)
    "opening": "只在开头概述中提及（如“{clause}”），正文缺少本方面的具体做法。",
    # (…or of the summary a part opens on before its sub-sections)
    "lead": "只在该部分开头的总述中提及（如“{clause}”），正文缺少本方面的具体做法。",
    # (quoted whole, as is a past act: its first clause may be no more than the year, 2025年，…)
    "plan": "只有笼统的打算（如“{clause}”），缺少具体任务。",
    "past": "写的是往年的做法（如“{clause}”），不是本年度的工作。",
    # (an inspection the body received, another body's work in its place: 县人大常委会对我乡…开展执法检查)
    "received": "写的是上级或其他机关的检查或工作（如“{clause}”），未写本机关自己的做法。",
    # (a shortfall the problems part names: the area is named, no work of the year on it)
    "problem": "只在存在的不足中提及（如“{clause}”），缺少本方面的具体做法。",
    # a clause with a figure or a name that is not this topic's (a meeting's name, another item of a list)
    "named": "仅有提及（如“{clause}”），其中的数字或名称不是本方面的具体做法。",
}
# …by who acts instead of the principal leader, for a rule that asks who acts
_NOT_PRINCIPAL = {
    "collective": "只写了集体（会议、领导小组等）的行动（如“{clause}”），未写主要负责人本人做了什么。",
    "deputy": "只写了分管领导等副职的行动（如“{clause}”），未写主要负责人本人做了什么。",
    "others": "写的是其他单位或下级的主要负责人（如“{clause}”），不是本机关主要负责人本人的行动。",
}
_CONCRETE = "有具体做法：“{clause}”（{specifics}）。"
_ACTED = "有具体做法：“{clause}”。"   # an act concrete in itself (主要负责人主持召开…)
_RECURRING = "多处写到此项（{count}处，如“{clause}”）。"
_SECTION = "有专门一节“{heading}”，正文写有具体做法。"
_CLAUSE_CHARS = 40


def _why(rule: Rule, status: str, matches: list[Match], reading: Reading, recurring: bool, by_section: bool) -> str:
    """The deciding clause and the reason, when the rule reads clauses.

    `recurring`: met only because the text keeps naming the topic; no clause is quoted as concrete
    then (the figure of a clause that names the topic in passing is not the topic's). `by_section`:
    met by a section on the topic, whose heading is quoted."""
    with_clause = [m for m in matches if m.clause is not None]
    if by_section and matches and reading.document.clauses is not None:
        heading = reading.sentences[matches[0].sentence]
        return " " + _SECTION.format(heading=_quote(reading, heading))
    if not with_clause or status == "missing":
        return ""
    if recurring:
        count = len({m.sentence for m in with_clause})
        return " " + _RECURRING.format(count=count, clause=_quote(reading, with_clause[0].clause))
    if status == "met":
        concrete = next((m.clause for m in with_clause if m.clause.specifics), None)
        if concrete is None:
            return " " + _ACTED.format(clause=_quote(reading, with_clause[0].clause))
        return " " + _CONCRETE.format(clause=_quote(reading, concrete), specifics="、".join(unique(list(concrete.specifics))[:3]))
    # The body's own words first: the opening summary is quoted only when nothing else names the topic.
    in_body = [m for m in with_clause if SUMMARY_ROLES.isdisjoint(reading.sentences[m.sentence].roles)]
    first = (in_body or with_clause)[0]
    clause, mood = first.clause, first.clause.mood
    listed = mood in ("act", "intention") and _listed(reading, clause, first.terms)
    if not in_body and mood in ("act", "intention") and not listed:
        where = "opening" if "preamble" in reading.sentences[first.sentence].roles else "lead"
        return " " + _PASSING[where].format(clause=_quote(reading, clause))
    if "shortcomings" in reading.sentences[first.sentence].roles:
        return " " + _PASSING["problem"].format(clause=_quote(reading, clause))
    about_actors = any(signal.clause and signal.clause.actors for signal in rule.signals.values())
    if about_actors:
        actor = "collective" if _names_collective(reading, first.terms) else clause.actor
        if actor in _NOT_PRINCIPAL:
            return " " + _NOT_PRINCIPAL[actor].format(clause=_quote(reading, clause))
    if mood == "act" and listed:
        mood = "list"
    elif mood == "act" and clause.specifics:
        mood = "named"
    quoted = reading.sentences[first.sentence] if mood in ("plan", "past") else clause  # (they open on the year)
    return " " + _PASSING.get(mood, _PASSING["act"]).format(clause=_quote(reading, quoted))


def _names_collective(reading: Reading, terms: list[str]) -> bool:
    """Do `terms` name a collective body (召开…委员会会议: the collective's act, whoever held it)?"""
    collective = reading.terms(reading.document.spec.clauses.actors.get("collective", []))
    return any(term in collective.terms for term in terms)


def _listed(reading: Reading, clause: Clause, terms: list[str]) -> bool:
    """Is one of `terms` an item of a list of topics in `clause` (A、B、C等), that is named in passing?

    A list's first or last item may carry the rest of the clause (县长、常务副县长、分管副县长分别带队开展行政
    执法检查): it counts as an item only when it is short."""
    conventions = reading.document.spec.clauses
    if conventions.enumeration is None or conventions.list_stop is None or conventions.enumeration_item_max_chars is None:
        return False
    listing = conventions.regex("enumeration").search(reading.outline.text[clause.start:clause.end])
    if listing is None:
        return False
    items = conventions.regex("list_stop").split(listing.group(0))
    longest = conventions.enumeration_item_max_chars
    inner = [item for k, item in enumerate(items) if 0 < k < len(items) - 1 or len(item) <= longest]
    return any(term in item for item in inner for term in terms)


def _quote(reading: Reading, span: Union[Clause, Sentence]) -> str:
    """The text of a clause or a sentence, as the report has it, cut to a quotable length."""
    text = reading.outline.excerpt(span.start, span.end).strip().rstrip("，,。;；:：")
    return text if len(text) <= _CLAUSE_CHARS else text[: _CLAUSE_CHARS - 1] + "…"


def tally_rule(rule: Rule, reading: Reading) -> Tally:
    tally = Tally(year=reading.year is not None, report=reading.kind == "annual_report")
    for name, signal in rule.signals.items():
        found = signal_matches(signal, signal.scope or rule.scope, reading)
        tally.matches[name] = found
        tally.counts[name] = len(found)
        tally.points += sum(signal.points + (signal.number_points if m.number else 0) for m in found)
    if rule.heading:
        headings = _heading_matches(reading.terms(rule.heading), rule.scope, reading)
        if headings:
            tally.matches["heading"] = headings
            tally.points += rule.heading_points
    tally.chars = reading.content_chars(rule.scope)
    if rule.part:
        sections = reading.part_sections(rule.part)
        if sections:
            tally.section = True
            tally.part_chars = sum(section.subtree_chars() for section in sections)
        elif rule.part in reading.document.parts_found:  # a part no heading names (同时也要看到，…)
            tally.section = True
            tally.part_chars = sum(s.end - s.start for s in reading.sentences if rule.part in s.roles)
    return tally


def signal_matches(signal: Signal, scope: Scope, reading: Reading, instructions: bool = False) -> list[Match]:
    """The sentences in `scope` that are the kind of sentence `signal` describes.

    Drafting instructions are never content, so they are passed over unless `instructions` is set.
    """
    required, either = _needed_terms(signal, reading)
    forbidden = reading.terms(signal.none) if signal.none else None
    around = reading.terms(signal.sentence) if signal.sentence else None
    elsewhere = [(reading.terms(topic.names), reading.terms(topic.unless)) for topic in signal.elsewhere]
    regex_hits = [reading.regex_hits(p) for p in signal.regex]
    document = reading.document
    sentences, quantities = reading.sentences, document.quantities
    passed_over = frozenset() if instructions else document.instructions
    wanted = signal.clause if document.clauses is not None else None
    # A signal that asks for a concrete act does not take a topic said in passing (召开…部署会).
    concrete = bool(wanted is not None and wanted.specific) or signal.section_body is not None
    # A signal with a pattern is read in the clauses its match says (its terms too: a list of the year's work names its
    # own items, not the guiding thought its sentence opens on), and one that is a pattern alone first in the clause
    # holding its match.
    where, found = signal.where, []
    for i in _candidates(reading, required, either, regex_hits, reading.admits(scope)):
        sentence = sentences[i]
        if (where != "any" and not _stands_where(where, sentence)) or i in passed_over:
            continue
        number = quantities[i]
        if signal.number is not None and number != signal.number:
            continue
        if signal.section_body is not None and not _body_has(reading, i, signal.section_body, either):
            continue
        # the sentence's, whatever the clause (most signals have no regex)
        matched = [m for hits_of in regex_hits for m in hits_of.get(i, ())] if regex_hits else []
        if regex_hits and not matched:
            continue
        if around is not None and not document.names_any(i, around):
            continue
        if elsewhere and any(document.names_any(i, names) and not document.names_any(i, unless)
                             for names, unless in elsewhere):
            continue
        counted = _Counted.of(document, i, required, either, forbidden, concrete)
        if counted is None:
            continue
        if wanted is None:
            clause, terms = None, counted.terms_in(None)
        else:
            clauses = document.clauses.of(i)
            if regex_hits:
                clauses = _saying(clauses, matched, counted)
            clause, terms = counted.first_fit(clauses, wanted)
        if terms is not None:
            # (what the pattern matched is shown too, unless it holds the terms: a list of the year's work around
            # 矛盾纠纷 would mark the whole list, where a reader looks for the term)
            shown = terms + [match.text for match in matched if not any(term in match.text for term in terms)]
            found.append(Match(i, unique(shown), number, sentence.heading, clause))
    return found


def _needed_terms(signal: Signal, reading: Reading) -> tuple[list[TermSet], Optional[TermSet]]:
    """The term sets a signal needs in a sentence: one per `all` entry, and its `any` terms' (None without)."""
    inside = signal.unless_inside
    required = [reading.terms([entry], inside) for entry in signal.all]
    return required, reading.terms(signal.any, inside) if signal.any else None


def _holding(clauses: tuple[Clause, ...], starts: list[int], at: int) -> Optional[int]:
    """The index of the clause holding offset `at` (`starts`: the clauses' starts, in order; they do not overlap)."""
    k = bisect_right(starts, at) - 1
    return k if k >= 0 and at < clauses[k].end else None


def _saying(clauses: tuple[Clause, ...], matched: list[Matched], counted: "_Counted") -> tuple[Clause, ...]:
    """The clauses that say what a pattern matched: those holding a match (in the order of the matches), then those a
    match runs into; none that names a term the signal forbids (`none`), nor any at all when every match stands in
    one. Another clause of the sentence says something else (…平台自2021年建成投入使用以来，持续为各部门提供支撑:
    only the launch, which is past, names the platform; …平台于2021年建成投用，全年办理行政复议案件56件: the figures
    are another area's work). The holding clause of each match is found by its start (a one-line text may hold
    thousands of matches and clauses)."""
    starts = [clause.start for clause in clauses]
    held: dict[int, None] = {}  # in the order of the matches
    into: set[int] = set()
    for match in matched:
        k = _holding(clauses, starts, match.start)
        if k is not None and k not in held and not counted.forbids(clauses[k]):
            held[k] = None
        end = match.start + len(match.text)
        following = k + 1 if k is not None else bisect_right(starts, match.start)
        while following < len(clauses) and clauses[following].start < end:
            into.add(following)
            following += 1
    if not held:
        return ()
    running_into = [clauses[k] for k in sorted(into - held.keys()) if not counted.forbids(clauses[k])]
    return (*(clauses[k] for k in held), *running_into)


def _stands_where(where: str, sentence: Sentence) -> bool:
    """Is `sentence` a heading, a body sentence, or content (not a part's own heading), as `where` asks?"""
    if where == "content":
        return not (sentence.heading and sentence.section is not None and sentence.section.own_parts)
    return (where == "heading") == sentence.heading


class _Counted:
    """The occurrences of a signal's terms that count in one sentence, read once for all its clauses."""

    __slots__ = ("needed", "forbidden")

    def __init__(self, needed: list[dict[str, list[tuple[int, int]]]],
                 forbidden: Optional[dict[str, list[tuple[int, int]]]]):
        self.needed = needed  # one per `all` entry, then the `any` terms' when the signal has them
        self.forbidden = forbidden

    @classmethod
    def of(cls, document: Document, i: int, required: list[TermSet], either: Optional[TermSet],
           forbidden: Optional[TermSet], concrete: bool = False) -> Optional["_Counted"]:
        """None when a needed term counts nowhere in sentence `i`: then in none of its clauses either.

        `concrete`: only occurrences that can be a concrete act count (see Document.counted)."""
        needed = []
        for termset in required if either is None else [*required, either]:
            counted = document.counted(i, termset, concrete)
            if not counted:
                return None
            needed.append(counted)
        return cls(needed, document.counted(i, forbidden) if forbidden is not None else None)

    def terms_in(self, span: Optional[tuple[int, int]]) -> Optional[list[str]]:
        """The terms the signal finds in the sentence (or `span` of it); None when it does not fit."""
        terms: list[str] = []
        for counted in self.needed:
            hit = terms_within(counted, span)
            if not hit:
                return None
            terms += hit
        if self.forbidden is not None and terms_within(self.forbidden, span):
            return None
        return terms

    def forbids(self, clause: Clause) -> bool:
        """Does `clause` name one of the signal's `none` terms?"""
        return self.forbidden is not None and bool(terms_within(self.forbidden, (clause.start, clause.end)))

    def first_fit(self, clauses: tuple[Clause, ...], wanted: ClauseFilter,
                  ) -> tuple[Optional[Clause], Optional[list[str]]]:
        """The first clause of the wanted kind that holds the terms, with them; (None, None) when none does."""
        moods, actors, specific = wanted.moods, wanted.actors, wanted.specific
        for clause in clauses:  # `_fits`, written out: run for every clause of every sentence a signal asks of
            if clause.mood not in moods or (actors is not None and clause.actor not in actors):
                continue
            if specific and not clause.specifics:
                continue
            for span in clause.concrete if specific else ((clause.start, clause.end),):
                terms = self.terms_in(span)
                if terms is not None:
                    return clause, terms
        return None, None


def _fits(clause: Clause, wanted: ClauseFilter) -> bool:
    """Is `clause` of the wanted moods and actors, with specifics if it asks for them?"""
    return (clause.mood in wanted.moods and (wanted.actors is None or clause.actor in wanted.actors)
            and (not wanted.specific or bool(clause.specifics)))


def _body_has(reading: Reading, heading: int, wanted: ClauseFilter, topic: Optional[TermSet]) -> bool:
    """Does the section under heading sentence `heading` hold a clause of the wanted kind, on `topic`
    or on nothing `wanted.off_topic` names, and naming nothing `wanted.none` names?"""
    clauses = reading.document.clauses
    section = reading.sentences[heading].section
    if clauses is None or section is None:
        return False
    elsewhere = reading.terms(wanted.off_topic) if wanted.off_topic else None
    excluded = reading.terms(wanted.none) if wanted.none else None
    # (a body of numbered items alone, each read as a heading: 1.部分领导干部法治思维不强，…。 is what the section says,
    # where the filter takes headings; a label over nothing, 1.主观方面, is taken with them, rare as it is)
    items = "heading" in wanted.moods
    for node in section.subtree():
        for i in reading.body_sentences(node) + (reading.heading_sentences(node) if items and node is not section else []):
            fitting = [clause for clause in clauses.of(i) if _fits(clause, wanted)
                       and not (excluded is not None and reading.found(i, excluded, (clause.start, clause.end)))
                       and not _in_passing_only(reading, i, clause, topic)]
            if fitting and (elsewhere is None or any(_on_topic(reading, i, clause, topic, elsewhere)
                                                     for clause in fitting)):
                return True
    return False


def _in_passing_only(reading: Reading, i: int, clause: Clause, topic: Optional[TermSet]) -> bool:
    """Does `clause` of sentence `i` name `topic` only in passing (市政府现有法律顾问9名: a stock, no act on it)?"""
    if topic is None:
        return False
    span = (clause.start, clause.end)
    return bool(reading.found(i, topic, span)) and not terms_within(reading.document.counted(i, topic, True), span)


def _on_topic(reading: Reading, i: int, clause: Clause, topic: Optional[TermSet], elsewhere: TermSet) -> bool:
    """Is `clause` of sentence `i` about `topic`, or about nothing `elsewhere` names?

    A clause that names neither (全年共开展集中宣传活动26场次) is about what its sentence last named before it
    (坚持以数字赋能…，同步推进权责清单动态管理，全年调整权责事项96项: the list's), or failing that what its
    sentence names, or what its paragraph last named before it (深入落实普法责任制。…全年共开展…): a figure
    in a 普法 paragraph under an enforcement heading is 普法's.
    """
    span = (clause.start, clause.end)
    if topic is not None and reading.found(i, topic, span):
        return True
    if reading.found(i, elsewhere, span):
        return False
    named = _named_last(reading, i, clause.start, topic, elsewhere)
    if named is not None:
        return named
    for k in chain([i], earlier_in_paragraph(reading.sentences, i)):
        if topic is not None and reading.found(k, topic):
            return True
        if reading.found(k, elsewhere):
            return False
    return True


def _named_last(reading: Reading, i: int, end: int, topic: Optional[TermSet], elsewhere: TermSet) -> Optional[bool]:
    """Which of `topic` (True) and `elsewhere` (False) sentence `i` names last before `end`; None for neither."""
    def last(termset: Optional[TermSet]) -> int:
        counted = reading.document.counted(i, termset) if termset is not None else {}
        return max((a for spans in counted.values() for a, b in spans if b <= end), default=-1)

    on, off = last(topic), last(elsewhere)
    return None if on == off == -1 else on > off


def _candidates(
    reading: Reading, required: list[TermSet], either: Optional[TermSet], regex_hits: list[dict[int, list[Matched]]],
    admitted: frozenset[int],
) -> list[int]:
    """The sentences worth testing, of those `admitted`: those holding what the signal needs."""
    sets = [reading.candidates(termset) for termset in required]
    if either is not None:
        sets.append(reading.candidates(either))
    if regex_hits:
        sets.append(set().union(*(hits_of.keys() for hits_of in regex_hits)))
    return sorted(admitted.intersection(*sets))


def _heading_matches(termset: TermSet, scope: Scope, reading: Reading) -> list[Match]:
    """Headings in scope that name the rule's topic; a long "heading" is a list item's first sentence."""
    admitted = reading.admits(scope)
    longest = reading.document.spec.outline.topic_heading_max_chars
    matches = []
    for i in sorted(reading.candidates(termset) & admitted):
        sentence = reading.sentences[i]
        if sentence.heading and sentence.end - sentence.start <= longest and (hit := reading.found(i, termset)):
            matches.append(Match(i, hit, reading.quantities[i], True))
    return matches


def _holds(condition: Condition, tally: Tally) -> bool:
    return not _unmet(condition, tally)


def _unmet(condition: Condition, tally: Tally) -> list[tuple[str, object]]:
    """The parts of `condition` that `tally` does not satisfy."""
    missing: list[tuple[str, object]] = []
    if condition.section is not None and tally.section != condition.section:
        missing.append(("section", condition.section))
    for name, needed in condition.signals.items():
        if tally.counts.get(name, 0) < needed:
            missing.append(("signal", name))
    if condition.points is not None and tally.points < condition.points:
        missing.append(("points", condition.points))
    if condition.chars is not None and tally.chars < condition.chars:
        missing.append(("chars", condition.chars))
    if condition.part_chars is not None and tally.part_chars < condition.part_chars:
        missing.append(("part_chars", condition.part_chars))
    if condition.year is not None and tally.year != condition.year:
        missing.append(("year", condition.year))
    if condition.report is not None and tally.report != condition.report:
        missing.append(("report", condition.report))
    return missing


def _shortfall(rule: Rule, tally: Tally, reading: Reading) -> str:
    """What stands between this finding and `met`, in the drafter's terms."""
    if not rule.met:
        return ""
    gaps = min((_unmet(c, tally) for c in rule.met), key=len)
    part_label = reading.part_label(rule.part) if rule.part else ""
    words = []
    for kind, value in gaps:
        if kind == "section":
            words.append(f"单列的“{part_label}”部分")
        elif kind == "signal":
            signal = rule.signals[str(value)]
            why = _why_not_counted(signal, signal.scope or rule.scope, reading)
            words.append(f"{signal.label or value}——{why}" if why else signal.label or str(value))
        elif kind == "points":
            words.append("足够具体的内容（专门的标题、两处以上具体表述或带数字的表述）")
        elif kind in ("chars", "part_chars"):
            words.append(f"足够的篇幅（至少约{value}字）")
        elif kind == "year":
            words.append("明确的报告年度")
        elif kind == "report":
            words.append("年度报告的体裁（本文不是年度报告）")
    return f" 还缺少：{'；'.join(unique(words))}。" if words else ""


def _why_not_counted(signal: Signal, scope: Scope, reading: Reading) -> Optional[str]:
    """Why the text's own words for a signal that found nothing do not count, where the mask that took them out
    says (所写原因只是套话): the first such occurrence in scope, its sentence quoted."""
    clauses = reading.document.clauses
    if clauses is None:
        return None
    required, either = _needed_terms(signal, reading)
    admitted = reading.admits(scope)
    for termset in [*required, *([either] if either is not None else [])]:
        for i in sorted(reading.candidates(termset) & admitted):
            for term, spans in reading.document.index.terms_in(i).items():
                if term not in termset.terms:
                    continue
                says = next((why for start, end in spans if (why := clauses.why_masked(start, end)) is not None), None)
                if says is not None:
                    return f"{says}（“{_quote(reading, reading.sentences[i])}”）"
    return None


KIND = Kind(
    name="coverage",
    judge=check_coverage,
    summary="signals (kinds of sentence built from term groups) counted in the rule's scope, judged by `met` and `partial`",
    signals=True,
    conditions=True,
    example="""\
- id: item.shortcomings
  check: coverage
  part: shortcomings
  scope: {include: [shortcomings]}
  signals:
    problem: {label: 具体问题, any: ['@problem']}
    cause: {label: 原因分析, any: ['@cause'], where: body}
  met: [{section: true, signals: {problem: 1, cause: 1}}]
  partial: [{section: true}]
""",
)
