"""Plain text: a short summary for the terminal, or the full findings (`--format text`)."""

from __future__ import annotations

from checker.concepts import GAPS
from checker.model import CheckResult, DocumentResult, Summary
from checker.render import LEVEL_LABEL, SEVERITY_LABEL, STATUS_LABEL, line_unit, verdict_label
from checker.render.stream import Writer, render_all

MAX_GAPS_IN_SUMMARY = 3


class SummaryWriter(Writer):
    """The short terminal summary: a line or two per document, then the totals.

    In a long run, passing documents are listed only up to `SHOW_PASSED`; every
    document that fails or cannot be read is always listed.
    """

    SHOW_PASSED = 20

    def __init__(self) -> None:
        self.passed = 0

    def chunk(self, document: DocumentResult) -> str:
        if document.error is None and document.passed:
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


def _summary_line(document: DocumentResult) -> str:
    label = f"[{verdict_label(document)}]"
    if document.error is not None:
        return f"{label} {document.error.message}"
    reported = document.meta is not None and document.meta.kind == "annual_report"
    score = f"{document.score:5.1f}分" if reported and document.score is not None else ""
    about = _about(document)
    line = " ".join(part for part in (label, score, f"{document.path}{about}") if part)
    if document.meta and document.meta.kind != "annual_report":
        return f"{line}\n        {document.verdict}"
    gaps = [f"{f.title}（{STATUS_LABEL[f.status]}）" for f in document.gaps() if f.severity != "info"]
    if gaps:
        more = f" 等{len(gaps)}项" if len(gaps) > MAX_GAPS_IN_SUMMARY else ""
        line += f"\n        待改进：{'；'.join(gaps[:MAX_GAPS_IN_SUMMARY])}{more}"
    return line


def _about(document: DocumentResult) -> str:
    meta = document.meta
    if meta is None:
        return ""
    bits = [meta.issuer or "", f"{meta.year}年度" if meta.year else "", LEVEL_LABEL.get(meta.level or "", "")]
    text = " ".join(bit for bit in bits if bit)
    return f"（{text}）" if text else ""


def _totals(s: Summary) -> str:
    lines = [f"共 {s.documents} 份：通过 {s.passed}，未通过 {s.failed}，无法检查 {s.errors}"
             + (f"；豁免 {s.waived} 项" if s.waived else "")]
    lines.extend(f"已过期的豁免（未适用）：{label}" for label in s.expired_waivers)
    lines.extend(f"未用到的豁免：{label}" for label in s.unused_waivers)
    return "\n".join(lines)


def render_text(result: CheckResult) -> str:
    return render_all(TextWriter(), result)


def _document_text(document: DocumentResult) -> str:
    out = [f"== {document.path}", f"结论：{verdict_label(document)}  {document.verdict}"]
    if document.error is not None:
        return "\n".join(out)
    meta = document.meta
    assert meta is not None and document.rulebook is not None
    out.append(f"得分：{document.score:g} / 100    规则：{document.rulebook.name}（{document.rulebook.id} {document.rulebook.version}）")
    out.append(
        f"标题：{meta.title or '（未找到）'}    年度：{meta.year or '（未识别）'}    "
        f"发文机关：{meta.issuer or '（未识别）'}    层级：{LEVEL_LABEL.get(meta.level or '', '（未识别）')}"
    )
    out.extend(f"注意：{notice}" for notice in document.notices)
    for finding in document.findings:
        waived = "（已豁免）" if finding.waiver else ""
        out.append(
            f"- [{STATUS_LABEL[finding.status]}]{waived} {finding.rule} {finding.title}"
            f"（{SEVERITY_LABEL[finding.severity]}，{finding.points:g}/{finding.weight:g}分）"
        )
        if finding.waiver:
            w = finding.waiver
            out.append(f"    豁免：{w.reason}（批准：{w.approved_by}，有效期至 {w.expires}）")
        out.append(f"    {finding.message}")
        if finding.status in GAPS:
            out.append(f"    建议：{finding.advice}")
            out.append(f"    依据：{finding.basis.cite()}")
        for evidence in finding.evidence:
            page = f"第{evidence.page}页 " if evidence.page else ""
            out.append(f"    · {page}第{evidence.line}{line_unit(document)} {evidence.section}：{evidence.excerpt}")
    return "\n".join(out)
