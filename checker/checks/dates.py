"""Title, years, publication date and outdated references: what depends on the reported year."""

from __future__ import annotations

import re
from datetime import date
from typing import Optional

from .. import meta
from ..analysis import Analysis
from ..model import Evidence
from ..rulebook import Rule
from .evidence import Outcome, evidence_for, title_evidence


def check_title(rule: Rule, analysis: Analysis) -> Outcome:
    spec = analysis.book.header.document
    title = analysis.outline.title
    if not title:
        return "missing", [], ""
    problems = []
    genre = meta.genre_of(title, spec)
    if "工作总结" in title or "述职" in title:
        problems.append("文种写成了“工作总结”或“述职”，应为“报告”")
    elif genre:
        problems.append(f"标题表明是{genre}，不是年度报告")
    elif not meta.title_is_report(title, spec):
        problems.append("标题未写明是“法治政府建设情况的报告”")
    elif not re.search(r"报告\s*$", re.sub(r"《[^》]*》", "", title)):
        problems.append("标题缺少文种“报告”")
    if not re.search(r"(?:19|20)\d{2}\s*年", title):
        problems.append("标题未写明所报告的年度")
    if not meta.TITLE_ISSUER.match(title):
        problems.append("标题未写明发文机关")
    evidence = [title_evidence(analysis, [])]
    if not problems:
        return "met", evidence, ""
    return "partial", evidence, " 问题：" + "；".join(problems) + "。"


def check_years(rule: Rule, analysis: Analysis) -> Outcome:
    year = analysis.year
    if year is None:
        return "not_applicable", [], " 未能识别报告年度，无法核对。"
    outline = analysis.outline
    conflicts: list[tuple[str, int]] = []
    statements = meta.year_statements(outline)
    stated = {s.year for s in statements if s.source != "第一部分标题"}
    if len(stated) > 1:
        where = "、".join(f"{s.source}写{s.year}年" for s in statements if s.source != "第一部分标题")
        conflicts.append((f"报告年度前后不一：{where}", statements[0].line))
    for section in outline.sections:
        match = meta.YEAR_RE.search(section.heading)
        if not match or section.rank > 2:
            continue
        said = int(match.group(1))
        if "measures" in section.own_parts and said != year:
            conflicts.append((f"“{section.marker}{section.heading}”写的是{said}年，报告年度为{year}年", section.line))
        if "next_year" in section.own_parts and said <= year:
            conflicts.append((f"下一年度安排“{section.marker}{section.heading}”写的是{said}年，应为{year + 1}年", section.line))
    if not conflicts:
        return "met", [], f" 报告年度为{year}年。"
    evidence = [_line_evidence(analysis, line, text) for text, line in conflicts]
    return "missing", evidence, " " + "；".join(text for text, _ in conflicts) + "。"


def _line_evidence(analysis: Analysis, line: int, note: str) -> Evidence:
    sentence = next((s for s in analysis.sentences if s.line == line), None)
    if sentence is None:
        return title_evidence(analysis, [])
    found = evidence_for(analysis, sentence, re.findall(r"(?:19|20)\d{2}", note)[:2])
    return found


def check_publication(rule: Rule, analysis: Analysis) -> Outcome:
    settings = rule.settings()
    published = _parse(analysis.published)
    if published is None:
        return "not_applicable", [], " 未能确定发布日期（可从网页读取，或用 --published 指定）。"
    if analysis.year is None:
        return "not_applicable", [], " 未能识别报告年度，无法判断是否按时公开。"
    due = _day(analysis.year + 1, settings.due)
    grace = _day(analysis.year + 1, settings.grace) if settings.grace else None
    detail = f" 发布日期 {published.isoformat()}，期限为 {due.isoformat()} 前（含当日）。"
    if published <= due:
        return "met", [], detail
    if grace is not None and published <= grace:
        return "partial", [], detail
    late = (published - due).days
    return "missing", [], detail + f" 逾期 {late} 天。"


def _day(year: int, month_day: str) -> date:
    month, day = (int(part) for part in month_day.split("-"))
    return date(year, month, day)


def _parse(value: Optional[str]) -> Optional[date]:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def check_outdated(rule: Rule, analysis: Analysis) -> Outcome:
    year = analysis.year
    if year is None:
        return "not_applicable", [], " 未能识别报告年度，无法判断提法是否过时。"
    text = analysis.outline.body_text
    problems: list[str] = []
    evidence: list[Evidence] = []
    for fact in rule.settings().facts:
        if (fact.from_year and year < fact.from_year) or (fact.to_year and year > fact.to_year):
            continue
        if fact.levels and analysis.level not in fact.levels:
            continue
        if fact.issuer_except and analysis.issuer and re.search(fact.issuer_except, analysis.issuer):
            continue
        if fact.unless and re.search(fact.unless, text):
            continue
        hits = [
            (i, found[0])
            for i, found in sorted(analysis.regex_hits(fact.pattern).items())
            if not (fact.sentence_except and re.search(fact.sentence_except, analysis.text_of(analysis.sentences[i])))
        ]
        title_hit = re.search(fact.pattern, analysis.outline.title or "")
        if not hits and not title_hit:
            continue
        basis = f"（依据：{fact.basis}）" if fact.basis else ""
        problems.append(f"{fact.message}{basis}")
        if title_hit:
            evidence.append(title_evidence(analysis, [title_hit.group(0)]))
        for i, term in hits[:2]:
            evidence.append(evidence_for(analysis, analysis.sentences[i], [term]))
    if not problems:
        return "met", [], ""
    return "missing", evidence, " " + "；".join(problems) + "。"
