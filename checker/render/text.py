"""Plain text: a short summary for the terminal, or the full findings (`--format text`).

Every piece of text from a document or a path goes through `visible`, so no
control character or escape sequence reaches the terminal and a name with a
newline cannot start a line of its own.

Against a baseline (`Summary.regressed` is not None) the totals lead with how
many documents got worse than the baseline, which is what the exit code
follows; the plain pass and fail counts come second. The baseline wording
(`baseline_note`, `baseline_totals`, `score_drop`) lives here and the other
human-facing outputs use it too.
"""

from __future__ import annotations

from typing import Optional

from checker.concepts import GAPS, WAIVED_LABEL
from checker.model import CheckResult, DocumentResult, Summary
from checker.render import LEVEL_LABEL, SEVERITY_LABEL, STATUS_LABEL, verdict_label
from checker.render.escape import visible
from checker.render.stream import Writer, render_all

MAX_GAPS_IN_SUMMARY = 3


class SummaryWriter(Writer):
    """The short terminal summary: a line or two per document, then the totals.

    In a long run, passing documents are listed only up to `SHOW_PASSED`; every
    document that fails, got worse than the baseline or cannot be read is always listed.
    """

    SHOW_PASSED = 20

    def __init__(self) -> None:
        self.passed = 0

    def chunk(self, document: DocumentResult) -> str:
        regressed = document.baseline is not None and document.baseline.regressed
        if document.error is None and document.passed and not regressed:
            self.passed += 1
            if self.passed > self.SHOW_PASSED:
                return ""
        return _summary_line(document) + "\n"

    def tail(self, summary: Summary) -> str:
        hidden = self.passed - self.SHOW_PASSED
        note = f"另有 {hidden} 份通过，未逐一列出（见 HTML 汇总页或 JSON 结果）\n" if hidden > 0 else ""
        return note + _totals(summary) + "\n"


class TextWriter(Writer):
    """Every finding of every document (`--format text`)."""

    separator = "\n\n"

    def chunk(self, document: DocumentResult) -> str:
        return _document_text(document)

    def tail(self, summary: Summary) -> str:
        return "\n\n" + _totals(summary) + "\n"


def render_summary(result: CheckResult) -> str:
    return render_all(SummaryWriter(), result)


# ----------------------------------------------------------------------------- baseline wording


def score_drop(document: DocumentResult) -> Optional[float]:
    """How far the score fell below the baseline's (negative, to 0.1), or None when it did not."""
    delta = document.baseline
    if delta is None or not delta.known or delta.score_before is None or document.score is None:
        return None
    change = round(document.score - delta.score_before, 1)
    return change if change < 0 else None


def new_gap_titles(document: DocumentResult) -> list[str]:
    """The titles of the rules that are gaps now and were not in the baseline."""
    delta = document.baseline
    if delta is None or not delta.known:
        return []
    titles = {f.rule: f.title for f in document.findings}
    return [titles.get(rule, rule) for rule in delta.new_gaps]


def baseline_note(document: DocumentResult) -> str:
    """'基线：新增缺项 …；得分较基线 …' for a document worse than the baseline, else ''."""
    delta = document.baseline
    if delta is None:
        return ""
    if not delta.known:
        return "基线：基线中没有此文件，按本次结果判定为未通过" if delta.regressed else ""
    bits = []
    titles = new_gap_titles(document)
    if titles:
        more = f" 等{len(titles)}项" if len(titles) > MAX_GAPS_IN_SUMMARY else ""
        bits.append(f"新增缺项 {'；'.join(titles[:MAX_GAPS_IN_SUMMARY])}{more}")
    drop = score_drop(document)
    if drop is not None:
        bits.append(f"得分较基线 {delta.score_before:g} → {document.score:g}（{drop:+g}）")
    return "基线：" + "；".join(bits) if bits else ""


def baseline_totals(s: Summary) -> str:
    """The headline of a run against a baseline: how many documents got worse, and what that means."""
    if s.regressed is None:
        return ""
    code = s.exit_code()
    outcome = {0: "通过", 1: "未通过", 2: "有文件无法检查"}[code]
    return f"对照基线：{s.regressed} 份较基线退步（出现新缺项或得分下降），结论：{outcome}（退出码 {code}）"


# ----------------------------------------------------------------------------- lines


def _summary_line(document: DocumentResult) -> str:
    label = f"[{verdict_label(document)}]"
    if document.error is not None:
        return f"{label} {visible(document.error.message)}"
    reported = document.meta is not None and document.meta.kind == "annual_report"
    score = f"{document.score:5.1f}分" if reported and document.score is not None else ""
    about = _about(document)
    line = " ".join(part for part in (label, score, f"{visible(document.path)}{about}") if part)
    note = baseline_note(document)
    if document.meta and document.meta.kind != "annual_report":
        line = f"{line}\n        {visible(document.verdict)}"
    else:
        gaps = [f"{f.title}（{STATUS_LABEL[f.status]}）" for f in document.gaps() if f.severity != "info"]
        if gaps:
            more = f" 等{len(gaps)}项" if len(gaps) > MAX_GAPS_IN_SUMMARY else ""
            line += f"\n        待改进：{visible('；'.join(gaps[:MAX_GAPS_IN_SUMMARY]))}{more}"
    if note:
        line += f"\n        {visible(note)}"
    return line


def _about(document: DocumentResult) -> str:
    meta = document.meta
    if meta is None:
        return ""
    bits = [meta.issuer or "", f"{meta.year}年度" if meta.year else "", LEVEL_LABEL.get(meta.level or "", "")]
    text = " ".join(bit for bit in bits if bit)
    return f"（{visible(text)}）" if text else ""


def _totals(s: Summary) -> str:
    counts = (f"共 {s.documents} 份：通过 {s.passed}，未通过 {s.failed}，无法检查 {s.errors}"
              + (f"；豁免 {s.waived} 项" if s.waived else ""))
    headline = baseline_totals(s)
    lines = [headline, f"不计基线：{counts}（仅供参考，结论以基线对照为准）"] if headline else [counts]
    lines.extend(f"已过期的豁免（未适用）：{visible(label)}" for label in s.expired_waivers)
    lines.extend(f"未用到的豁免：{visible(label)}" for label in s.unused_waivers)
    return "\n".join(lines)


def render_text(result: CheckResult) -> str:
    return render_all(TextWriter(), result)


def _document_text(document: DocumentResult) -> str:
    v = visible
    out = [f"== {v(document.path)}", f"结论：{verdict_label(document)}  {v(document.verdict)}"]
    note = baseline_note(document)
    if note:
        out.append(v(note))
    if document.error is not None:
        return "\n".join(out)
    meta = document.meta
    assert meta is not None and document.rulebook is not None
    rulebook = document.rulebook
    out.append(f"得分：{document.score:g} / 100    规则：{v(rulebook.name)}（{v(rulebook.id)} {v(rulebook.version)}）")
    out.append(
        f"标题：{v(meta.title or '（未找到）')}    年度：{meta.year or '（未识别）'}    "
        f"发文机关：{v(meta.issuer or '（未识别）')}    层级：{LEVEL_LABEL.get(meta.level or '', '（未识别）')}"
    )
    out.extend(f"注意：{v(notice)}" for notice in document.notices)
    new = set(document.baseline.new_gaps) if document.baseline is not None and document.baseline.known else set()
    for finding in document.findings:
        waived = f"（{WAIVED_LABEL}）" if finding.waiver else ""
        fresh = "（较基线新增）" if finding.rule in new else ""
        out.append(
            f"- [{finding.label}]{waived}{fresh} {v(finding.rule)} {v(finding.title)}"
            f"（{SEVERITY_LABEL[finding.severity]}，{finding.points:g}/{finding.weight:g}分）"
        )
        if finding.waiver:
            w = finding.waiver
            out.append(f"    豁免：{v(w.reason)}（批准：{v(w.approved_by)}，有效期至 {v(w.expires)}）")
        out.append(f"    {v(finding.message)}")
        if finding.status in GAPS:
            out.append(f"    建议：{v(finding.advice)}")
            out.append(f"    依据：{v(finding.basis.cite())}")
        for evidence in finding.evidence:
            where = f"{v(evidence.place)}：" if evidence.place else ""
            out.append(f"    · {where}{v(evidence.excerpt)}")
    return "\n".join(out)
