"""Forbidden: what a published report must not contain (template residue); any match is a violation."""

from __future__ import annotations

import re

from checker.rules.kinds.base import Kind, Outcome
from checker.rules.kinds.coverage import signal_matches
from checker.rules.kinds.evidence import MAX_EVIDENCE, Match, evidence_for, title_evidence
from checker.rules.reading import Reading
from checker.rules.schema import Rule


def check_forbidden(rule: Rule, reading: Reading) -> Outcome:
    found: list[Match] = []
    for signal in rule.signals.values():
        found.extend(signal_matches(signal, signal.scope or rule.scope, reading, instructions=True))
    title_hits = [m.group(0) for s in rule.signals.values() for p in s.regex
                  for m in re.finditer(p, reading.outline.title or "")]
    if not found and not title_hits:
        return "met", [], ""
    # Something that must not be there was found: the rule is not met.
    evidence = [evidence_for(reading, reading.sentences[m.sentence], m.terms) for m in found[: MAX_EVIDENCE * 2]]
    if title_hits:
        evidence.insert(0, title_evidence(reading, title_hits))
    return "missing", evidence, f" 共 {len(found) + (1 if title_hits else 0)} 处。"


KIND = Kind(
    name="forbidden",
    judge=check_forbidden,
    summary="template residue (XX, ××, *次, 【 】, an empty figure): any match in the title or the text is a violation",
    signals=True,
    example="""\
- id: quality.placeholders
  check: forbidden
  signals:
    placeholder: {label: 模板占位符, regex: ['××', '【\\s*】']}
""",
)
