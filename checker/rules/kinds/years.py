"""Years: the title's year, the opening's year and the plan's year agree (a 2024 report plans 2025)."""

from __future__ import annotations

import re

from checker.document import facts
from checker.model import Evidence
from checker.rules.kinds.base import Kind, Outcome
from checker.rules.kinds.evidence import evidence_for, title_evidence
from checker.rules.reading import Reading
from checker.rules.schema import Rule


def check_years(rule: Rule, reading: Reading) -> Outcome:
    year = reading.year
    if year is None:
        return "not_applicable", [], " 未能识别报告年度，无法核对。"
    outline = reading.outline
    conflicts: list[tuple[str, int]] = []
    statements = reading.document.year_statements
    stated = {s.year for s in statements if s.source != facts.FROM_FIRST_PART}
    if len(stated) > 1:
        where = "、".join(f"{s.source}写{s.year}年" for s in statements if s.source != facts.FROM_FIRST_PART)
        conflicts.append((f"报告年度前后不一：{where}", statements[0].line))
    spec = reading.document.spec
    for section in outline.sections:
        said = facts.year_in(section.heading, spec)
        if said is None or section.rank > spec.facts.part_heading_max_rank:
            continue
        if "measures" in section.own_parts and said != year:
            conflicts.append((f"“{section.marker}{section.heading}”写的是{said}年，报告年度为{year}年", section.line))
        if "next_year" in section.own_parts and said <= year:
            conflicts.append((f"下一年度安排“{section.marker}{section.heading}”写的是{said}年，应为{year + 1}年", section.line))
    if not conflicts:
        return "met", [], f" 报告年度为{year}年。"
    evidence = [_line_evidence(reading, line, text) for text, line in conflicts]
    return "missing", evidence, " " + "；".join(text for text, _ in conflicts) + "。"


def _line_evidence(reading: Reading, line: int, note: str) -> Evidence:
    sentence = next((s for s in reading.sentences if s.line == line), None)
    if sentence is None:
        return title_evidence(reading, [])
    found = evidence_for(reading, sentence, re.findall(r"(?:19|20)\d{2}", note)[:2])
    return found


KIND = Kind(
    name="years",
    judge=check_years,
    summary="the title's year, the opening's year and the plan's year agree; a conflict is a violation",
    example="""\
- id: quality.year-consistency
  check: years
""",
)
