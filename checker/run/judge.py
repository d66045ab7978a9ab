"""Judging: one pure step from a document's findings to its score, verdict and pass or fail.

    judge(findings, policy, waivers, baseline) → judged result

The policy says which rules not to judge (`ignored`, recorded as such), the
pass mark and which severity of missing rule fails a report; waivers and the
baseline entry have been looked up by the caller. Nothing here reads files or
keeps state, so the CLI, the web page and the library judge alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from checker.concepts import DEFAULT_FAIL_ON, GAPS, PASS_SCORE, at_least, is_judged, status_rank
from checker.model import BaselineDelta, DocumentResult, Finding, PolicyRef, WaiverRef

# A score this much lower than the baseline's is a regression (scores are rounded to 0.1).
SCORE_TOLERANCE = 0.05


@dataclass(frozen=True)
class Policy:
    pass_score: float = PASS_SCORE  # fail_under: a lower score fails
    fail_on: str = DEFAULT_FAIL_ON  # a missing rule of this severity or stricter fails the document
    ignore: frozenset[str] = frozenset()  # rule ids not to judge

    def ref(self) -> PolicyRef:
        return PolicyRef(fail_under=self.pass_score, fail_on=self.fail_on, ignored=sorted(self.ignore))  # type: ignore[arg-type]


@dataclass(frozen=True)
class DocumentWaivers:
    """The waivers that name one document: live ones by rule, and expired ones to mention."""

    live: dict[str, WaiverRef] = field(default_factory=dict)
    expired: dict[str, tuple[str, str]] = field(default_factory=dict)  # rule → (expiry date, reason)


@dataclass(frozen=True)
class BaselineEntry:
    """What the baseline recorded for a document, or `known=False` for one new since."""

    known: bool
    score: Optional[float] = None
    statuses: dict[str, str] = field(default_factory=dict)
    recording: bool = False  # the baseline is being recorded from this very run


NO_WAIVERS = DocumentWaivers()


def judge(
    result: DocumentResult,
    policy: Policy,
    waivers: DocumentWaivers = NO_WAIVERS,
    baseline: Optional[BaselineEntry] = None,
) -> DocumentResult:
    """The judged copy of an unjudged `result`; a result with an error is returned as it is."""
    if result.error is not None:
        return result
    notices = list(result.notices)
    findings = [_apply(finding, policy, waivers, notices) for finding in result.findings]
    judged = result.model_copy(update={"findings": findings, "notices": notices, "policy": policy.ref()})
    judged.score = score_of(findings)
    judged.passed, judged.verdict = _verdict(judged, policy)
    if baseline is not None:
        judged.baseline = compare_with_baseline(judged, baseline)
    return judged


def _apply(finding: Finding, policy: Policy, waivers: DocumentWaivers, notices: list[str]) -> Finding:
    if finding.rule in policy.ignore:
        return finding.model_copy(update={
            "status": "ignored", "score": 0.0, "points": 0.0,
            "message": f"已按配置忽略此项（ignore）。{finding.message}",
        })
    if finding.status not in GAPS:
        return finding
    if finding.rule in waivers.live:
        return finding.model_copy(update={"waiver": waivers.live[finding.rule]})
    if finding.rule in waivers.expired:
        expires, reason = waivers.expired[finding.rule]
        notices.append(f"豁免已过期（{expires}），未予适用：{finding.rule}（{reason}）")
    return finding


def score_of(findings: list[Finding]) -> float:
    """Points earned over points at stake; rules not judged, not applicable or waived are not at stake."""
    counted = [f for f in findings if is_judged(f.status) and f.waiver is None and f.weight > 0]
    total = sum(f.weight for f in counted)
    return round(100 * sum(f.points for f in counted) / total, 1) if total else 0.0


def blocking(findings: list[Finding], fail_on: str) -> list[Finding]:
    """Missing rules severe enough to fail a report by themselves."""
    return [f for f in findings if f.status == "missing" and f.waiver is None and not f.optional
            and at_least(f.severity, fail_on)]


def _verdict(result: DocumentResult, policy: Policy) -> tuple[bool, str]:
    """Pass or fail, and the verdict in words."""
    assert result.meta is not None and result.score is not None
    if result.meta.kind != "annual_report":
        why = "；".join(result.meta.kind_reasons[:3])
        return False, f"不是法治政府建设年度报告（{why}），未按年度报告评判"
    stopping = blocking(result.findings, policy.fail_on)
    if stopping:
        required = "必备" if policy.fail_on == DEFAULT_FAIL_ON else ""
        return False, f"未通过：缺少{required}内容“" + "”“".join(f.title for f in stopping) + "”"
    if result.score < policy.pass_score:
        return False, f"未通过：得分 {result.score:g} 低于及格线 {policy.pass_score:g} 分"
    return True, f"通过：得分 {result.score:g}，无缺失的必备内容"


def compare_with_baseline(result: DocumentResult, before: BaselineEntry) -> BaselineDelta:
    """New gaps (a rule worse than recorded, or a gap in a rule not recorded) and a lower score regress."""
    if before.recording:
        return BaselineDelta(known=True, score_before=result.score)
    if not before.known:  # new since the baseline: judged on its own
        return BaselineDelta(known=False, regressed=not result.passed, new_gaps=[f.rule for f in result.gaps()])
    old = before.statuses
    new_gaps = [
        f.rule for f in result.findings
        if is_judged(f.status) and f.waiver is None and not f.optional and is_judged(old.get(f.rule, ""))
        and status_rank(f.status) < status_rank(old[f.rule])
    ]
    new_gaps += [f.rule for f in result.gaps() if f.rule not in old]
    lower = before.score is not None and result.score is not None and result.score < before.score - SCORE_TOLERANCE
    return BaselineDelta(known=True, score_before=before.score, new_gaps=new_gaps, regressed=bool(new_gaps) or lower)
