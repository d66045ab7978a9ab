"""GitHub Actions workflow commands: an annotation per gap, on the file and line of its evidence.

Messages escape `%`, CR and LF (%25 %0D %0A) and properties (`file=`,
`title=`) also `:` and `,` (%3A %2C), as GitHub documents; other control
characters and bytes that were not UTF-8 are shown as visible escapes, so a
file name can never start a workflow command of its own.

Against a baseline, gaps already in the baseline are notices and only what is
new (a rule in `baseline.new_gaps`, a lower score) is an error, as for the exit code.
"""

from __future__ import annotations

from checker.model import CheckResult, DocumentResult
from checker.render import STATUS_LABEL
from checker.render.escape import workflow_data as _data
from checker.render.escape import workflow_property as _prop
from checker.render.stream import Writer, render_all
from checker.render.text import baseline_note

COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


class GithubWriter(Writer):
    def chunk(self, document: DocumentResult) -> str:
        return "".join(line + "\n" for line in _annotations(document))


def render_github(result: CheckResult) -> str:
    return render_all(GithubWriter(), result)


def _annotations(document: DocumentResult) -> list[str]:
    file = _prop(document.path)
    if document.error is not None:
        return [f"::error file={file},title={_prop('无法检查')}::{_data(document.error.message)}"]
    delta = document.baseline if document.baseline is not None and document.baseline.known else None
    if document.meta is not None and document.meta.kind != "annual_report":
        if delta is not None and not delta.regressed:
            return [f"::notice file={file},title={_prop('不是年度报告（基线中已有）')}::{_data(document.verdict)}"]
        return [f"::error file={file},title={_prop('不是年度报告')}::{_data(document.verdict)}"]
    lines = []
    for finding in document.gaps():
        line = finding.evidence[0].line if finding.evidence else 1
        command = COMMAND[finding.severity] if finding.status == "missing" else "warning" if finding.severity == "error" else "notice"
        title = f"{finding.rule} {finding.title}（{STATUS_LABEL[finding.status]}）"
        if delta is not None:
            if finding.rule in delta.new_gaps:
                title += "（较基线新增）"
            else:
                command, title = "notice", title + "（基线中已有）"
        message = f"{finding.message} 建议：{finding.advice}"
        lines.append(f"::{command} file={file},line={line},title={_prop(title)}::{_data(message)}")
    if delta is not None:
        if delta.regressed:
            message = "；".join(bit for bit in (document.verdict, baseline_note(document)) if bit)
            lines.append(f"::error file={file},title={_prop('结论：较基线退步')}::{_data(message)}")
        elif not document.passed:
            lines.append(f"::notice file={file},title={_prop('结论：未较基线退步')}::{_data(document.verdict)}")
    elif not document.passed:
        lines.append(f"::error file={file},title={_prop('结论')}::{_data(document.verdict)}")
    return lines
