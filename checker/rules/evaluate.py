"""Score one rule against one analysed document: met / partial / missing / not_applicable.

The kind of check comes from the rule's `check:` field (see `kinds/`); every
rule of a known kind is pure data. Here only what all kinds share: whether the
rule applies to this report at all, and turning the outcome into a finding.
"""

from __future__ import annotations

from typing import Optional

from checker.concepts import PROFILE_LABEL, STATUS_VALUE, is_judged
from checker.model import Evidence, Finding
from checker.rules.kinds import KINDS
from checker.rules.reading import Reading
from checker.rules.schema import Rule


def evaluate(rule: Rule, reading: Reading) -> Finding:
    status, evidence, detail = KINDS[rule.check].judge(rule, reading)
    reason = _inapplicable(rule, reading)
    if reason:
        # Not asked of this report; what the text shows is still said, never hidden behind not_applicable.
        return _finding(rule, "not_applicable", evidence if is_judged(status) and status != "missing" else [],
                        f"{reason}{_written(status)}", observed=status if is_judged(status) else None)
    if status == "missing" and reading.profile in rule.applies.optional_for:
        who = PROFILE_LABEL.get(reading.profile, reading.profile)
        return _finding(rule, "not_applicable", [], rule.applies.reason or f"{who}可不写此项，未写不扣分。",
                        observed=status)
    message = getattr(rule.messages, status, "") or ""
    return _finding(rule, status, evidence, f"{message}{detail}" if message else detail.strip())


def _written(status: str) -> str:
    """What the text shows on a rule the report is not asked for."""
    if status == "met":
        return "（本文已写此项，当年不作要求，不计分。）"
    if status == "partial":
        return "（本文略有提及，当年不作要求，不计分。）"
    if status == "missing":
        return "（本文未写此项。）"
    return ""


def _inapplicable(rule: Rule, reading: Reading) -> Optional[str]:
    applies, year = rule.applies, reading.year
    if applies.outside_years(year):
        return applies.reason or f"不适用于{year}年度的报告。"
    if applies.outside_profile(reading.profile):
        return applies.reason or f"不适用于{PROFILE_LABEL.get(reading.profile, reading.profile)}。"
    return None


def _finding(rule: Rule, status: str, evidence: list[Evidence], message: str, observed: Optional[str] = None) -> Finding:
    score = STATUS_VALUE.get(status, 0.0)
    return Finding(
        rule=rule.id,
        title=rule.title,
        short=rule.short,
        category=rule.category,
        status=status,  # type: ignore[arg-type]
        severity=rule.severity,
        weight=rule.weight,
        optional=rule.optional,
        score=score,
        points=round(score * rule.weight, 3),
        evidence=evidence,
        message=message,
        advice=rule.advice,
        basis=rule.basis,
        observed=observed,
    )
