"""Markdown: a summary table for a pull-request comment or a CI job summary.

Every cell goes through `markdown_text`, so a name with `|`, a newline, a
backtick, `<img>` or `[link](…)` shows as written and cannot break the table or
bring in a link, an image or HTML. GitHub refuses a job summary over 1 MiB, so
after `BUDGET` bytes of rows the table stops and a line says how many
documents were left out and where the full results are.
"""

from __future__ import annotations

from checker.model import CheckResult, DocumentResult, Summary
from checker.render import LEVEL_LABEL, STATUS_LABEL, verdict_label
from checker.render.escape import markdown_text
from checker.render.stream import Writer, render_all
from checker.render.text import baseline_note, baseline_totals

MAX_GAPS = 3
BUDGET = 900 * 1024  # bytes of table rows; the head and tail stay far below the rest of GitHub's 1 MiB


class MarkdownWriter(Writer):
    separator = "\n"

    def __init__(self) -> None:
        self.used = 0
        self.left_out = 0

    def chunk(self, document: DocumentResult) -> str:
        row = _row(document)
        size = len(row.encode("utf-8")) + len(self.separator)
        if self.left_out or self.used + size > BUDGET:
            self.left_out += 1
            return ""
        self.used += size
        return row

    def head(self, s: Summary) -> str:
        counts = (f"共 {s.documents} 份：通过 **{s.passed}**，未通过 **{s.failed}**，无法检查 **{s.errors}**"
                  + (f"，豁免 {s.waived} 项" if s.waived else ""))
        headline = baseline_totals(s)
        if headline:
            lead, rest = headline.split("，", 1)
            lines = [f"**{lead}**，{rest}", "", f"不计基线：{counts.replace('**', '')}（仅供参考）"]
        else:
            lines = [counts]
        return "\n".join([
            "## fzcheck 法治政府建设年度报告检查结果",
            "",
            *lines,
            "",
            "| 文件 | 发文机关 | 年度 | 得分 | 结论 | 主要缺项 |",
            "|---|---|---|---:|---|---|",
            "",
        ])

    def tail(self, summary: Summary) -> str:
        if not self.left_out:
            return "\n"
        return (f"\n\n另有 {self.left_out} 份未在表中列出（摘要已达 GitHub 的大小上限），"
                "完整结果见 fzcheck.json 或 HTML 汇总页 index.html。\n")


def render_markdown(result: CheckResult) -> str:
    return render_all(MarkdownWriter(), result)


def _row(document: DocumentResult) -> str:
    path = _cell(document.path)
    if document.error is not None:
        return f"| {path} |  |  |  | 无法检查 | {_cell(document.error.message)} |"
    meta = document.meta
    issuer = f"{meta.issuer or ''}{'（' + LEVEL_LABEL[meta.level] + '）' if meta.level else ''}"
    if meta.kind != "annual_report":
        gaps = ["、".join(meta.kind_reasons[:2]) or "不是年度报告"]
    else:
        gaps = [f"{f.title}（{STATUS_LABEL[f.status]}）" for f in document.gaps() if f.severity != "info"][:MAX_GAPS]
    score = f"{document.score:g}" if meta.kind == "annual_report" and document.score is not None else "—"
    return (f"| {path} | {_cell(issuer)} | {meta.year or ''} | {score} | "
            f"{_verdict(document)} | {_cell('；'.join(gaps))} |")


def _verdict(document: DocumentResult) -> str:
    """The verdict, and against a baseline whether the document got worse."""
    label = verdict_label(document)
    delta = document.baseline
    if delta is None:
        return label
    note = baseline_note(document)
    if delta.regressed:
        return f"{label}，**较基线退步**" + (f"（{_cell(note)}）" if note else "")
    if not document.passed and delta.known:
        return f"{label}（未较基线退步）"
    return label


def _cell(text: str) -> str:
    return markdown_text(text)
