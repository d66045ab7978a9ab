"""Score one rule against one analysed document: met / partial / missing, with evidence.

Four kinds of check, chosen by a rule's `check:` field; every rule of a kind
is pure data, so adding a rule of a known kind needs no Python:
  coverage   signals (kinds of sentence) counted in the rule's scope;
  forbidden  something that must not appear (template placeholders);
  density    figures per thousand characters of the achievements;
  title      the title's year, issuer and genre.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Optional

from . import meta
from .analysis import Analysis
from .model import STATUS_VALUE, Evidence, Finding
from .outline import Sentence
from .rulebook import Condition, Rule, Scope, Signal, TermSet
from .textnorm import QUANTITY_RE, shorten

MAX_EVIDENCE = 3
EXCERPT_CHARS = 110
_DOCUMENT_NAME = re.compile(r"《[^《》\n]{2,60}》")


@dataclass
class Match:
    sentence: int
    terms: list[str]
    number: bool
    heading: bool


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


def evaluate(rule: Rule, analysis: Analysis) -> Finding:
    status, evidence, detail = CHECKS[rule.check](rule, analysis)
    message = getattr(rule.messages, status, "") or ""
    if detail:
        message = f"{message}{detail}" if message else detail
    return _finding(rule, status, evidence, message)


def _finding(rule: Rule, status: str, evidence: list[Evidence], message: str) -> Finding:
    score = STATUS_VALUE.get(status, 0.0)
    return Finding(
        rule=rule.id,
        title=rule.title,
        category=rule.category,
        status=status,  # type: ignore[arg-type]
        severity=rule.severity,
        weight=rule.weight,
        score=score,
        points=round(score * rule.weight, 3),
        evidence=evidence,
        message=message,
        advice=rule.advice,
        basis=rule.basis,
    )


# --------------------------------------------------------------------------- coverage


def check_coverage(rule: Rule, analysis: Analysis) -> tuple[str, list[Evidence], str]:
    tally = tally_rule(rule, analysis)
    if any(_holds(c, tally) for c in rule.met):
        status = "met"
    elif any(_holds(c, tally) for c in rule.partial):
        status = "partial"
    else:
        status = "missing"
    detail = "" if status == "met" else _shortfall(rule, tally, analysis)
    return status, _evidence(analysis, tally, rule), detail


def tally_rule(rule: Rule, analysis: Analysis) -> Tally:
    tally = Tally(year=analysis.year is not None, report=analysis.kind == "annual_report")
    for name, signal in rule.signals.items():
        found = _signal_matches(signal, signal.scope or rule.scope, analysis)
        tally.matches[name] = found
        tally.counts[name] = len(found)
        tally.points += sum(signal.points + (signal.number_points if m.number else 0) for m in found)
    if rule.heading:
        headings = _heading_matches(analysis.book.termset(rule.heading), rule.scope, analysis)
        if headings:
            tally.matches["heading"] = headings
            tally.points += rule.heading_points
    tally.chars = sum(s.end - s.start for s in analysis.sentences if not s.heading and rule.scope.admits_any(s.roles))
    if rule.part:
        sections = analysis.part_sections(rule.part)
        tally.section = bool(sections)
        tally.part_chars = sum(section.subtree_chars() for section in sections)
    return tally


def _signal_matches(signal: Signal, scope: Scope, analysis: Analysis) -> list[Match]:
    book = analysis.book
    required = [book.termset([entry]) for entry in signal.all]
    either = book.termset(signal.any) if signal.any else None
    forbidden = book.termset(signal.none) if signal.none else None
    patterns = [re.compile(p) for p in signal.regex]
    found = []
    for i, sentence in enumerate(analysis.sentences):
        if not _placed(sentence, signal.where) or not scope.admits_any(sentence.roles):
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
        if patterns:
            text = analysis.text_of(sentence)
            matched = [m.group(0) for p in patterns for m in p.finditer(text)]
            if not matched:
                continue
            terms.extend(matched)
        found.append(Match(i, _unique(terms), number, sentence.heading))
    return found


def _all_found(analysis: Analysis, index: int, required: list[TermSet]) -> Optional[list[str]]:
    """Terms of every set in `required`, or None if one set has none in the sentence."""
    terms: list[str] = []
    for termset in required:
        hit = analysis.found(index, termset)
        if not hit:
            return None
        terms.extend(hit)
    return terms


def _heading_matches(termset: TermSet, scope: Scope, analysis: Analysis) -> list[Match]:
    return [
        Match(i, hit, analysis.quantities[i], True)
        for i, sentence in enumerate(analysis.sentences)
        if sentence.heading and scope.admits_any(sentence.roles) and (hit := analysis.found(i, termset))
    ]


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
    return f" 还缺少：{'；'.join(_unique(words))}。" if words else ""


def _evidence(analysis: Analysis, tally: Tally, rule: Rule) -> list[Evidence]:
    pool: list[Match] = []
    for name in ["heading", *rule.signals]:
        pool.extend(tally.matches.get(name, []))
    seen: set[int] = set()
    ranked = sorted(pool, key=lambda m: (not m.heading, not m.number, m.sentence))
    out = []
    for match in ranked:
        if match.sentence in seen:
            continue
        seen.add(match.sentence)
        out.append(evidence_for(analysis, analysis.sentences[match.sentence], match.terms))
        if len(out) == MAX_EVIDENCE:
            break
    return sorted(out, key=lambda e: e.line)


def evidence_for(analysis: Analysis, sentence: Sentence, terms: list[str]) -> Evidence:
    outline = analysis.outline
    return Evidence(
        section=sentence.section.path() if sentence.section else _place_name(sentence),
        line=sentence.line,
        excerpt=shorten(outline.excerpt(sentence.start, sentence.end), EXCERPT_CHARS),
        terms=terms,
        page=outline.pages[sentence.line - 1] if sentence.line - 1 < len(outline.pages) else None,
    )


def _place_name(sentence: Sentence) -> str:
    return "开头部分" if "preamble" in sentence.roles else "正文"


# --------------------------------------------------------------------------- forbidden


def check_forbidden(rule: Rule, analysis: Analysis) -> tuple[str, list[Evidence], str]:
    found: list[Match] = []
    for name, signal in rule.signals.items():
        found.extend(_signal_matches(signal, signal.scope or rule.scope, analysis))
    title_hits = _title_hits(rule, analysis)
    if not found and not title_hits:
        return "met", [], ""
    evidence = [evidence_for(analysis, analysis.sentences[m.sentence], m.terms) for m in found[:MAX_EVIDENCE * 2]]
    if title_hits:
        evidence.insert(0, _title_evidence(analysis, title_hits))
    count = len(found) + (1 if title_hits else 0)
    return "missing", evidence, f" 共 {count} 处。"


def _title_hits(rule: Rule, analysis: Analysis) -> list[str]:
    title = analysis.outline.title
    if not title:
        return []
    return [m.group(0) for s in rule.signals.values() for p in s.regex for m in re.finditer(p, title)]


# --------------------------------------------------------------------------- density


def check_density(rule: Rule, analysis: Analysis) -> tuple[str, list[Evidence], str]:
    chosen = [
        (i, s) for i, s in enumerate(analysis.sentences) if not s.heading and rule.scope.admits_any(s.roles)
    ]
    chars = sum(s.end - s.start for _, s in chosen)
    figures = sum(len(QUANTITY_RE.findall(analysis.text_of(s))) for _, s in chosen)
    documents = sum(len(_DOCUMENT_NAME.findall(analysis.text_of(s))) for _, s in chosen)
    per_1000 = figures * 1000 / chars if chars else 0.0
    params = rule.params
    if chars and per_1000 >= params.get("met_per_1000", 4) and chars >= params.get("min_chars", 0):
        status = "met"
    elif chars and per_1000 >= params.get("partial_per_1000", 1.5):
        status = "partial"
    else:
        status = "missing"
    detail = f" 统计：相关部分约 {chars} 字，含数据 {figures} 处（每千字 {per_1000:.1f} 处），引用文件或事例名称 {documents} 个。"
    examples = [
        evidence_for(analysis, s, QUANTITY_RE.findall(analysis.text_of(s))[:4])
        for i, s in chosen
        if analysis.quantities[i]
    ][:MAX_EVIDENCE]
    return status, examples, detail


# --------------------------------------------------------------------------- title


def check_title(rule: Rule, analysis: Analysis) -> tuple[str, list[Evidence], str]:
    outline, spec = analysis.outline, analysis.book.header.document
    title = outline.title
    if not title:
        return "missing", [], ""
    evidence = [_title_evidence(analysis, [])]
    problems = []
    genre = meta.genre_of(title, spec)
    if "工作总结" in title or "述职" in title:
        problems.append("文种写成了“工作总结”或“述职”，应为“报告”")
    elif genre:
        problems.append(f"标题表明是{genre}，不是年度报告")
    elif not meta.title_is_report(title, spec):
        problems.append("标题未写明是“法治政府建设情况的报告”")
    if not re.search(r"(?:19|20)\d{2}\s*年", title):
        problems.append("标题未写明所报告的年度")
    if not meta.TITLE_ISSUER.match(title):
        problems.append("标题未写明发文机关")
    if not problems:
        return "met", evidence, ""
    return "partial", evidence, " 问题：" + "；".join(problems) + "。"


def _title_evidence(analysis: Analysis, terms: list[str]) -> Evidence:
    outline = analysis.outline
    line = outline.title_line or 1
    page = outline.pages[line - 1] if line - 1 < len(outline.pages) else None
    return Evidence(section="标题", line=line, excerpt=outline.title or "", terms=terms, page=page)


CHECKS: dict[str, Callable[[Rule, Analysis], tuple[str, list[Evidence], str]]] = {
    "coverage": check_coverage,
    "forbidden": check_forbidden,
    "density": check_density,
    "title": check_title,
}


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def not_applicable(rule: Rule, reason: str) -> Finding:
    return _finding(rule, "not_applicable", [], reason)
