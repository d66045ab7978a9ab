"""Substance: are there figures and named cases, real problems with causes, a concrete plan?"""

from __future__ import annotations

import re

from ..analysis import Analysis
from ..outline import Section
from ..rulebook import Rule
from ..textnorm import QUANTITY_RE
from .evidence import MAX_EVIDENCE, Match, Outcome, best_evidence, evidence_for

_DOCUMENT_NAME = re.compile(r"《[^《》\n]{2,60}》")


def check_density(rule: Rule, analysis: Analysis) -> Outcome:
    settings = rule.settings()
    chosen = [(i, s) for i, s in enumerate(analysis.sentences) if not s.heading and rule.scope.admits_any(s.roles)]
    chars = sum(s.end - s.start for _, s in chosen)
    figures = sum(len(QUANTITY_RE.findall(analysis.text_of(s))) for _, s in chosen)
    documents = sum(len(_DOCUMENT_NAME.findall(analysis.text_of(s))) for _, s in chosen)
    per_1000 = figures * 1000 / chars if chars else 0.0
    if chars >= settings.min_chars and per_1000 >= settings.met_per_1000 and documents >= settings.met_documents:
        status = "met"
    elif chars and (per_1000 >= settings.partial_per_1000 or documents >= max(settings.met_documents, 1)):
        status = "partial"
    else:
        status = "missing"
    detail = (
        f" 统计：举措和成效部分约 {chars} 字，含数据 {figures} 处（每千字 {per_1000:.1f} 处，"
        f"宜不少于 {settings.met_per_1000:g} 处），引用具体文件或事例 {documents} 个。"
    )
    examples = [
        evidence_for(analysis, s, QUANTITY_RE.findall(analysis.text_of(s))[:4])
        for i, s in chosen
        if analysis.quantities[i]
    ][:MAX_EVIDENCE]
    return status, examples, detail


# --------------------------------------------------------------------------- problems and plan


def _items(analysis: Analysis, rule: Rule, role: str) -> tuple[list[list[int]], list[int]]:
    """The points listed in a part and all of its sentences but the part's own heading.

    A point is a sub-section (一是…, （一）…) with its sentences; a part without
    sub-sections lists one point per sentence.
    """
    tops = {id(section) for section in analysis.part_sections(role)}
    content = [
        i for i, s in enumerate(analysis.sentences)
        if role in s.roles and rule.scope.admits_any(s.roles) and not (s.heading and id(s.section) in tops)
    ]
    groups: dict[int, list[int]] = {}
    for i in content:
        section = analysis.sentences[i].section
        if section is not None and id(section) not in tops:
            groups.setdefault(id(_top_below(section, tops)), []).append(i)
    if groups:
        return list(groups.values()), content
    return [[i] for i in content], content


def _top_below(section: Section, tops: set[int]) -> Section:
    """The ancestor of `section` just below the part's own section (a whole sub-item)."""
    node = section
    while node.parent is not None and id(node.parent) not in tops:
        node = node.parent
    return node


def check_problems(rule: Rule, analysis: Analysis) -> Outcome:
    settings = rule.settings()
    items, body = _items(analysis, rule, "shortcomings")
    if not body:
        return "missing", [], " 未找到“存在的不足和原因”部分的内容。"
    book = analysis.book
    problem = book.termset(["@problem", "@problem_admission"])
    cause = book.termset(["@cause"])
    items = [item for item in items if any(analysis.found(i, problem) for i in item)] or items
    caused = [item for item in items if any(analysis.found(i, cause) for i in item)]
    chars = sum(len(analysis.text_of(analysis.sentences[i])) for i in body)
    achieved = sum(
        s.end - s.start for s in analysis.sentences
        if not s.heading and s.roles & {"measures", "body"} and not s.roles & {"shortcomings", "next_year"}
    )
    text = "".join(analysis.text_of(analysis.sentences[i]) for i in body)
    stock = [phrase for phrase in settings.stock_phrases if phrase in text]
    minimum = settings.min_chars.get(analysis.level or "", settings.min_chars.get("default", 300))
    reasons = []
    if chars < minimum:
        reasons.append(f"篇幅偏短（约{chars}字，宜不少于{minimum}字）")
    if achieved and chars < settings.min_ratio * achieved:
        reasons.append(f"只占举措和成效部分的{chars / achieved:.0%}")
    if len(caused) < settings.cause_share * len(items):
        reasons.append(f"列出{len(items)}个问题，只有{len(caused)}个分析了原因")
    if stock and len(stock) * 40 >= chars:
        reasons.append(f"多为套话（{'、'.join(stock[:3])}）")
    summary = f" 统计：不足部分约{chars}字，列出{len(items)}个问题，其中{len(caused)}个分析了原因。"
    matches = [Match(i, analysis.found(i, cause), False, False) for item in caused for i in item if analysis.found(i, cause)]
    matches += [Match(item[0], [], False, analysis.sentences[item[0]].heading) for item in items]
    evidence = best_evidence(analysis, matches)
    if not reasons:
        return "met", evidence, summary
    return "partial", evidence, " 问题：" + "；".join(reasons) + "。" + summary


def check_plan(rule: Rule, analysis: Analysis) -> Outcome:
    settings = rule.settings()
    items, content = _items(analysis, rule, "next_year")
    if not content:
        return "missing", [], " 未找到下一年度安排的具体内容。"
    task_verbs = analysis.book.termset(["@task_verb"])
    target = re.compile(settings.target_pattern)
    tasks = [item for item in items if any(analysis.found(i, task_verbs) for i in item)]
    targeted = [item for item in tasks if any(target.search(analysis.text_of(analysis.sentences[i])) for i in item)]
    detail = f" 统计：列出{len(tasks)}项任务，其中{len(targeted)}项写明了目标或时限。"
    evidence = best_evidence(analysis, [Match(item[0], [], True, True) for item in tasks])
    if len(tasks) >= settings.min_tasks and targeted:
        return "met", evidence, detail
    if tasks:
        return "partial", evidence, detail
    return "missing", evidence, detail
