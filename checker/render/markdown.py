"""Markdown: a summary table for a pull-request comment or a CI job summary."""

from __future__ import annotations

from checker.model import CheckResult, DocumentResult, Summary
from checker.render import LEVEL_LABEL, STATUS_LABEL, verdict_label
from checker.render.stream import Writer, render_all

MAX_GAPS = 3


class MarkdownWriter(Writer):
    separator = "\n"

    def chunk(self, document: DocumentResult) -> str:
        return _row(document)

    def head(self, s: Summary) -> str:
        return "\n".join([
            "## fzcheck 法治政府建设年度报告检查结果",
            "",
            f"共 {s.documents} 份：通过 **{s.passed}**，未通过 **{s.failed}**，无法检查 **{s.errors}**"
            + (f"，豁免 {s.waived} 项" if s.waived else ""),
            "",
            "| 文件 | 发文机关 | 年度 | 得分 | 结论 | 主要缺项 |",
            "|---|---|---|---:|---|---|",
            "",
        ])

    def tail(self, summary: Summary) -> str:
        return "\n"


def render_markdown(result: CheckResult) -> str:
    return render_all(MarkdownWriter(), result)


def _row(document: DocumentResult) -> str:
    if document.error is not None:
        return f"| `{_cell(document.path)}` |  |  |  | 无法检查 | {_cell(document.error.message)} |"
    meta = document.meta
    issuer = f"{meta.issuer or ''}{'（' + LEVEL_LABEL[meta.level] + '）' if meta.level else ''}"
    if meta.kind != "annual_report":
        gaps = ["、".join(meta.kind_reasons[:2]) or "不是年度报告"]
    else:
        gaps = [f"{f.title}（{STATUS_LABEL[f.status]}）" for f in document.gaps() if f.severity != "info"][:MAX_GAPS]
    score = f"{document.score:g}" if meta.kind == "annual_report" and document.score is not None else "—"
    return (f"| `{_cell(document.path)}` | {_cell(issuer)} | {meta.year or ''} | {score} | "
            f"{verdict_label(document)} | {_cell('；'.join(gaps))} |")


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
