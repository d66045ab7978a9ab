"""Coverage: count the kinds of sentence a rule looks for; forbidden: things that must not be there."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from ..analysis import Analysis
from ..outline import Sentence
from ..rulebook import Condition, Rule, Scope, Signal, TermSet
from .evidence import MAX_EVIDENCE, Match, Outcome, best_evidence, evidence_for, title_evidence, unique


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


def check_coverage(rule: Rule, analysis: Analysis) -> Outcome:
    tally = tally_rule(rule, analysis)
    if any(_holds(c, tally) for c in rule.met):
        status = "met"
    elif any(_holds(c, tally) for c in rule.partial):
        status = "partial"
    else:
        status = "missing"
    detail = "" if status == "met" else _shortfall(rule, tally, analysis)
    pool = [m for name in ["heading", *rule.signals] for m in tally.matches.get(name, [])]
    return status, best_evidence(analysis, pool), detail


def tally_rule(rule: Rule, analysis: Analysis) -> Tally:
    tally = Tally(year=analysis.year is not None, report=analysis.kind == "annual_report")
    for name, signal in rule.signals.items():
        found = signal_matches(signal, signal.scope or rule.scope, analysis)
        tally.matches[name] = found
        tally.counts[name] = len(found)
        tally.points += sum(signal.points + (signal.number_points if m.number else 0) for m in found)
    if rule.heading:
        headings = _heading_matches(analysis.book.termset(rule.heading), rule.scope, analysis)
        if headings:
            tally.matches["heading"] = headings
            tally.points += rule.heading_points
    tally.chars = sum(
        analysis.sentences[i].end - analysis.sentences[i].start
        for i in analysis.in_scope(rule.scope) if not analysis.sentences[i].heading
    )
    if rule.part:
        sections = analysis.part_sections(rule.part)
        tally.section = bool(sections)
        tally.part_chars = sum(section.subtree_chars() for section in sections)
    return tally


def signal_matches(signal: Signal, scope: Scope, analysis: Analysis) -> list[Match]:
    """The sentences in `scope` that are the kind of sentence `signal` describes."""
    book = analysis.book
    required = [book.termset([entry]) for entry in signal.all]
    either = book.termset(signal.any) if signal.any else None
    forbidden = book.termset(signal.none) if signal.none else None
    regex_hits = [analysis.regex_hits(p) for p in signal.regex]
    admitted = set(analysis.in_scope(scope))
    found = []
    for i in _candidates(analysis, required, either, regex_hits):
        sentence = analysis.sentences[i]
        if i not in admitted or not _placed(sentence, signal.where):
            continue
        number = analysis.quantities[i]
        if signal.number is not None and number != signal.number:
            continue
        terms = _all_found(analysis, i, required)
        if terms is None:
            continue
        if either is not None:
            hit = analysis.found(i, either)
            if not hit:
                continue
            terms.extend(hit)
        if forbidden is not None and analysis.found(i, forbidden):
            continue
        if regex_hits:
            matched = [m for hits_of in regex_hits for m in hits_of.get(i, ())]
            if not matched:
                continue
            terms.extend(matched)
        found.append(Match(i, unique(terms), number, sentence.heading))
    return found


def _candidates(
    analysis: Analysis, required: list[TermSet], either: Optional[TermSet], regex_hits: list[dict[int, list[str]]]
) -> list[int]:
    """The sentences worth testing: those holding what the signal needs."""
    sets = [analysis.candidates(termset) for termset in required]
    if either is not None:
        sets.append(analysis.candidates(either))
    if regex_hits:
        sets.append(set().union(*(hits_of.keys() for hits_of in regex_hits)))
    if not sets:
        return list(range(len(analysis.sentences)))
    return sorted(set.intersection(*sets))


def _all_found(analysis: Analysis, index: int, required: list[TermSet]) -> Optional[list[str]]:
    """Terms of every set in `required`, or None if one set has none in the sentence."""
    terms: list[str] = []
    for termset in required:
        hit = analysis.found(index, termset)
        if not hit:
            return None
        terms.extend(hit)
    return terms


# A heading longer than this is the first sentence of a list item (四是要建立健全…制度，并确保…), not a title.
TITLE_MAX = 30


def _heading_matches(termset: TermSet, scope: Scope, analysis: Analysis) -> list[Match]:
    admitted = set(analysis.in_scope(scope))
    matches = []
    for i in sorted(analysis.candidates(termset) & admitted):
        sentence = analysis.sentences[i]
        if sentence.heading and sentence.end - sentence.start <= TITLE_MAX and (hit := analysis.found(i, termset)):
            matches.append(Match(i, hit, analysis.quantities[i], True))
    return matches


def _placed(sentence: Sentence, where: str) -> bool:
    return where == "any" or (where == "heading") == sentence.heading


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


def _shortfall(rule: Rule, tally: Tally, analysis: Analysis) -> str:
    """What stands between this finding and `met`, in the drafter's terms."""
    if not rule.met:
        return ""
    gaps = min((_unmet(c, tally) for c in rule.met), key=len)
    part_label = analysis.book.header.parts[rule.part].label if rule.part else ""
    words = []
    for kind, value in gaps:
        if kind == "section":
            words.append(f"单列的“{part_label}”部分")
        elif kind == "signal":
            words.append(rule.signals[str(value)].label or str(value))
        elif kind == "points":
            words.append("足够具体的内容（专门的标题、两处以上具体表述或带数字的表述）")
        elif kind in ("chars", "part_chars"):
            words.append(f"足够的篇幅（至少约{value}字）")
        elif kind == "year":
            words.append("明确的报告年度")
        elif kind == "report":
            words.append("年度报告的体裁（本文不是年度报告）")
    return f" 还缺少：{'；'.join(unique(words))}。" if words else ""


def check_forbidden(rule: Rule, analysis: Analysis) -> Outcome:
    found: list[Match] = []
    for signal in rule.signals.values():
        found.extend(signal_matches(signal, signal.scope or rule.scope, analysis))
    title_hits = [m.group(0) for s in rule.signals.values() for p in s.regex
                  for m in re.finditer(p, analysis.outline.title or "")]
    if not found and not title_hits:
        return "met", [], ""
    evidence = [evidence_for(analysis, analysis.sentences[m.sentence], m.terms) for m in found[: MAX_EVIDENCE * 2]]
    if title_hits:
        evidence.insert(0, title_evidence(analysis, title_hits))
    return "missing", evidence, f" 共 {len(found) + (1 if title_hits else 0)} 处。"
