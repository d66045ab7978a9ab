"""Years: the title's year, the opening's year and the plan's year agree (a 2024 report plans 2025)."""

from __future__ import annotations

from checker.document import facts
from checker.model import Evidence
from checker.rules.kinds.base import Kind, Outcome
from checker.rules.kinds.evidence import evidence_for, title_evidence, unique
from checker.rules.reading import Reading
from checker.rules.schema import Rule


def check_years(rule: Rule, reading: Reading) -> Outcome:
    year = reading.year
    if year is None:
        return "not_applicable", [], " 未能识别报告年度，无法核对。"
    stated = reading.document.year_statements
    if stated and all(s.source in facts.INFERRED for s in stated):
        # Nothing states the year: the one inferred is a guess, nothing to check it against.
        return "not_applicable", [], f" 报告未写明年度（按{stated[0].source}推断为{stated[0].year}年），无法核对。"
    outline = reading.outline
    conflicts: list[tuple[str, int, int]] = []  # (what is wrong, line, the year written there)
    statements = [s for s in reading.document.year_statements if s.source != facts.FROM_FIRST_PART]
    if len({s.year for s in statements}) > 1:
        where = "、".join(f"{s.source}写{s.year}年" for s in statements)
        # Cite the statements that disagree with the strongest one (the title, usually).
        odd = [s for s in statements if s.year != statements[0].year]
        conflicts.extend((f"报告年度前后不一：{where}", s.line, s.year) for s in odd)
    spec = reading.document.spec
    for section in outline.sections:
        said = facts.heading_year(section.folded, spec)
        if said is None or section.rank > spec.facts.part_heading_max_rank:
            continue
        if "measures" in section.own_parts and said != year:
            conflicts.append((f"“{section.marker}{section.heading}”写的是{said}年，报告年度为{year}年", section.line, said))
        if "next_year" in section.own_parts and said <= year:
            conflicts.append((f"下一年度安排“{section.marker}{section.heading}”写的是{said}年，应为{year + 1}年", section.line, said))
    if not conflicts:
        return "met", [], f" 报告年度为{year}年。"
    evidence = [_year_evidence(reading, line, said) for _, line, said in conflicts]
    problems = unique([text for text, _, _ in conflicts])
    return "missing", evidence, " " + "；".join(problems) + "。"


def _year_evidence(reading: Reading, line: int, year: int) -> Evidence:
    """The sentence on `line` that writes `year` (the title when the line is the title's)."""
    on_line = [s for s in reading.sentences if s.line == line]
    if not on_line:
        return title_evidence(reading, [str(year)])
    sentence = next((s for s in on_line if str(year) in reading.text_of(s)), on_line[0])
    return evidence_for(reading, sentence, [str(year)])


KIND = Kind(
    name="years",
    judge=check_years,
    summary="the title's year, the opening's year and the plan's year agree; a conflict is a violation",
    example="""\
- id: quality.year-consistency
  check: years
""",
)
