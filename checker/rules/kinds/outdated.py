"""Outdated: dated facts, e.g. the 2015 纲要 cited as current after 2021 or 法制办 after 2019."""

from __future__ import annotations

import re
from typing import Optional

from pydantic import Field

from checker.concepts import Level
from checker.document.conventions import Regex, Strict
from checker.model import Evidence
from checker.rules.kinds.base import Kind, Outcome
from checker.rules.kinds.evidence import evidence_for, title_evidence
from checker.rules.reading import Reading
from checker.rules.schema import Rule


class OutdatedFact(Strict):
    id: str
    pattern: Regex
    message: str
    basis: str = ""
    from_year: Optional[int] = None
    to_year: Optional[int] = None
    unless: Optional[Regex] = None  # not outdated when the report also says this
    levels: Optional[list[Level]] = None
    issuer_except: Optional[Regex] = None
    sentence_except: Optional[Regex] = None



class OutdatedParams(Strict):
    facts: list[OutdatedFact] = Field(min_length=1)


def check_outdated(rule: Rule, reading: Reading) -> Outcome:
    year = reading.year
    if year is None:
        return "not_applicable", [], " 未能识别报告年度，无法判断提法是否过时。"
    text = reading.outline.body_text
    problems: list[str] = []
    evidence: list[Evidence] = []
    for fact in rule.settings().facts:
        if (fact.from_year and year < fact.from_year) or (fact.to_year and year > fact.to_year):
            continue
        if fact.levels and reading.level not in fact.levels:
            continue
        if fact.issuer_except and reading.issuer and re.search(fact.issuer_except, reading.issuer):
            continue
        if fact.unless and re.search(fact.unless, text):
            continue
        hits = [
            (i, found[0].text)
            for i, found in sorted(reading.regex_hits(fact.pattern).items())
            if not (fact.sentence_except and re.search(fact.sentence_except, reading.text_of(reading.sentences[i])))
        ]
        title_hit = re.search(fact.pattern, reading.outline.title or "")
        if not hits and not title_hit:
            continue
        basis = f"（依据：{fact.basis}）" if fact.basis else ""
        problems.append(f"{fact.message}{basis}")
        if title_hit:
            evidence.append(title_evidence(reading, [title_hit.group(0)]))
        for i, term in hits[:2]:
            evidence.append(evidence_for(reading, reading.sentences[i], [term]))
    if not problems:
        return "met", [], ""
    return "missing", evidence, " " + "；".join(problems) + "。"


KIND = Kind(
    name="outdated",
    judge=check_outdated,
    summary="dated facts: a document, body or phrase that the report's year had already replaced",
    params=OutdatedParams,
    example="""\
- id: quality.outdated-terms
  check: outdated
  params:
    facts:
      - {id: fazhiban, pattern: '法制办', from_year: 2019, message: 法制办已并入司法行政部门}
""",
)
