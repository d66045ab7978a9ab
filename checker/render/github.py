"""GitHub Actions workflow commands: an annotation per gap, on the file and line of its evidence."""

from __future__ import annotations

from checker.model import CheckResult, DocumentResult
from checker.render import STATUS_LABEL
from checker.render.stream import Writer, render_all

COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


class GithubWriter(Writer):
    def chunk(self, document: DocumentResult) -> str:
        return "".join(line + "\n" for line in _annotations(document))


def render_github(result: CheckResult) -> str:
    return render_all(GithubWriter(), result)


def _annotations(document: DocumentResult) -> list[str]:
    if document.error is not None:
        return [f"::error file={_prop(document.path)},title={_prop('无法检查')}::{_data(document.error.message)}"]
    if document.meta is not None and document.meta.kind != "annual_report":
        return [f"::error file={_prop(document.path)},title={_prop('不是年度报告')}::{_data(document.verdict)}"]
    lines = []
    for finding in document.gaps():
        line = finding.evidence[0].line if finding.evidence else 1
        command = COMMAND[finding.severity] if finding.status == "missing" else "warning" if finding.severity == "error" else "notice"
        title = f"{finding.rule} {finding.title}（{STATUS_LABEL[finding.status]}）"
        message = f"{finding.message} 建议：{finding.advice}"
        lines.append(f"::{command} file={_prop(document.path)},line={line},title={_prop(title)}::{_data(message)}")
    if not document.passed:
        lines.append(f"::error file={_prop(document.path)},title={_prop('结论')}::{_data(document.verdict)}")
    return lines


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")
