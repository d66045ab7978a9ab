"""Judging is one pure step: findings + policy (+ waivers, baseline) → score, verdict, pass or fail."""

from __future__ import annotations

import pytest

from checker.model import Basis, DocumentMeta, DocumentResult, Finding, WaiverRef
from checker.run.judge import BaselineEntry, DocumentWaivers, Policy, judge, score_of

BASIS = Basis(document="法治政府建设与责任落实督察工作规定")
VALUE = {"met": 1.0, "partial": 0.5, "missing": 0.0, "not_applicable": 0.0}


def finding(rule: str, status: str, severity: str = "warning", weight: float = 10) -> Finding:
    score = VALUE[status]
    return Finding(rule=rule, title=f"{rule}标题", category="item", status=status, severity=severity, weight=weight,
                   score=score, points=score * weight, message="说明", advice="建议", basis=BASIS)


def document(*findings: Finding, kind: str = "annual_report") -> DocumentResult:
    return DocumentResult(path="a.txt", meta=DocumentMeta(kind=kind, kind_reasons=["标题表明是讲话稿"]),
                          findings=list(findings))


WAIVER = WaiverRef(reason="本局不承担", approved_by="依法治市办", expires="2099-12-31", file="w.yaml")


def test_score_is_points_over_weights_at_stake():
    findings = [finding("a", "met"), finding("b", "partial"), finding("c", "missing", weight=20),
                finding("d", "not_applicable", weight=50)]
    assert score_of(findings) == round(100 * (10 + 5) / 40, 1)


def test_an_ignored_rule_is_recorded_as_ignored_and_not_at_stake():
    before = document(finding("a", "met"), finding("b", "missing", severity="error"))
    judged = judge(before, Policy(ignore=frozenset({"b"})))
    status = {f.rule: f.status for f in judged.findings}
    assert status == {"a": "met", "b": "ignored"}
    assert judged.score == 100.0 and judged.passed
    assert judged.policy.ignored == ["b"]
    assert "ignore" in judged.findings[1].message


def test_judging_never_changes_its_input():
    before = document(finding("a", "missing", severity="error"))
    frozen = before.model_dump()
    judge(before, Policy(ignore=frozenset({"a"})), DocumentWaivers(live={"a": WAIVER}))
    assert before.model_dump() == frozen


def test_a_missing_required_rule_fails_whatever_the_score():
    judged = judge(document(finding("a", "met", weight=90), finding("b", "missing", severity="error")), Policy())
    assert judged.score == 90.0 and not judged.passed and "b标题" in judged.verdict


@pytest.mark.parametrize("fail_on,passed", [("error", True), ("warning", False)])
def test_fail_on_warning_makes_a_missing_warning_fail(fail_on, passed):
    judged = judge(document(finding("a", "met", weight=90), finding("b", "missing")), Policy(fail_on=fail_on))
    assert judged.passed is passed


@pytest.mark.parametrize("pass_score,passed", [(50, True), (50.1, False)])
def test_the_pass_mark_is_inclusive(pass_score, passed):
    judged = judge(document(finding("a", "met"), finding("b", "missing")), Policy(pass_score=pass_score))
    assert judged.score == 50.0 and judged.passed is passed


def test_a_text_that_is_not_a_report_fails_with_the_reason():
    judged = judge(document(finding("a", "met"), kind="not_annual_report"), Policy())
    assert not judged.passed and "讲话稿" in judged.verdict


def test_a_waived_gap_is_shown_but_not_at_stake_and_an_expired_waiver_is_mentioned():
    waivers = DocumentWaivers(live={"b": WAIVER}, expired={"c": ("2020-01-01", "旧理由")})
    judged = judge(document(finding("a", "met"), finding("b", "missing", severity="error"), finding("c", "partial")),
                   Policy(), waivers)
    by_rule = {f.rule: f for f in judged.findings}
    assert by_rule["b"].waiver == WAIVER and by_rule["b"].status == "missing"
    assert by_rule["c"].waiver is None
    assert judged.passed and judged.score == 75.0
    assert any("2020-01-01" in notice and "c" in notice for notice in judged.notices)


def test_a_waiver_does_not_touch_a_rule_that_is_met():
    judged = judge(document(finding("a", "met")), Policy(), DocumentWaivers(live={"a": WAIVER}))
    assert judged.findings[0].waiver is None


def test_baseline_new_gap_and_lower_score_regress_only_when_worse():
    now = document(finding("a", "partial"), finding("b", "met"))
    same = judge(now, Policy(), baseline=BaselineEntry(known=True, score=75.0, statuses={"a": "partial", "b": "met"}))
    assert not same.baseline.regressed and same.baseline.new_gaps == []
    worse = judge(now, Policy(), baseline=BaselineEntry(known=True, score=100.0, statuses={"a": "met", "b": "met"}))
    assert worse.baseline.regressed and worse.baseline.new_gaps == ["a"]
    lower = judge(now, Policy(), baseline=BaselineEntry(known=True, score=75.1, statuses={"a": "partial", "b": "met"}))
    assert lower.baseline.regressed and lower.baseline.new_gaps == []
    new_rule = judge(now, Policy(), baseline=BaselineEntry(known=True, score=75.0, statuses={"b": "met"}))
    assert new_rule.baseline.new_gaps == ["a"]


def test_a_document_new_since_the_baseline_is_judged_on_its_own():
    judged = judge(document(finding("a", "met")), Policy(), baseline=BaselineEntry(known=False))
    assert judged.baseline.known is False and not judged.baseline.regressed
    recording = judge(document(finding("a", "met")), Policy(), baseline=BaselineEntry(known=True, recording=True))
    assert recording.baseline.score_before == 100.0


def test_an_optional_part_not_written_is_no_gap_and_never_fails_a_report():
    from checker.model import Basis, Finding

    other = Finding(rule="item.other", title="其他需要报告的情况", category="item", status="missing", severity="info",
                    weight=0, optional=True, score=0, points=0, message="未单列", advice="可单列",
                    basis=Basis(document="督察规定"))
    assert not other.is_gap and other.tone == "optional" and other.label == "可选，未写"
    required = other.model_copy(update={"optional": False})
    assert required.is_gap and required.tone == "missing" and required.label == "未满足"
    assert other.model_copy(update={"status": "met"}).tone == "met"
