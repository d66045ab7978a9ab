"""SARIF 2.1.0: one run; rules with their help text and basis; results with locations.

Code-scanning views show the gaps of each report where the evidence is; a
gap with no evidence (a part that is missing altogether) points at line 1.

A path becomes `artifactLocation.uri` as a percent-encoded relative URI
reference (`uri_reference`), and all JSON goes through `json_dumps`, so any
name, even one that was not UTF-8, gives a valid SARIF file.

Against a baseline each result carries `baselineState`: `new` for a rule in
the document's `baseline.new_gaps` (and for every result of a document new
since the baseline), `unchanged` for a gap that was already there. A score
that fell below the baseline's is one more result, `document.score-lower`.
"""

from __future__ import annotations

from typing import Optional

from checker.concepts import GAPS
from checker.model import CheckResult, DocumentResult, Finding, Summary
from checker.render import STATUS_LABEL
from checker.render.escape import json_dumps, uri_reference
from checker.render.stream import Writer, render_all
from checker.render.text import score_drop

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}
# A text that is not an annual report gets one result, not a gap for every rule.
NOT_A_REPORT = {
    "id": "document.not-annual-report",
    "name": "document_not_annual_report",
    "shortDescription": {"text": "不是法治政府建设年度报告"},
    "fullDescription": {"text": "文件不是法治政府建设年度报告（如新闻、讲话、方案、论文），未按年度报告评判。"},
    "help": {"text": "年度报告应写明所报告的年度，包括主要举措和成效、不足和原因、第一责任人履职情况、下一年度安排。"},
    "defaultConfiguration": {"level": "error"},
}
# Against a baseline: the score fell below the baseline's.
SCORE_LOWER = {
    "id": "document.score-lower",
    "name": "document_score_lower",
    "shortDescription": {"text": "得分低于基线"},
    "fullDescription": {"text": "报告得分低于基线中记录的得分。"},
    "help": {"text": "对照基线文件，找出得分下降的检查项并补充相应内容；确属有意的变化可用 --update-baseline 更新基线。"},
    "defaultConfiguration": {"level": "error"},
}


class SarifWriter(Writer):
    """Results are written as documents come; the rules they used and any file errors close the run."""

    separator = ",\n"

    def __init__(self, version: str = ""):
        self.version = version
        self.rules: dict[str, dict] = {}
        self.notifications: list[dict] = []

    def _index(self, rule: dict) -> int:
        self.rules.setdefault(rule["id"], rule)
        return list(self.rules).index(rule["id"])

    def chunk(self, document: DocumentResult) -> str:
        if document.error is not None:
            self.notifications.append({
                "level": "error",
                "message": {"text": document.error.message},
                "descriptor": {"id": document.error.code},
                "locations": [_location(document.path, 1)],
            })
            return ""
        delta = document.baseline
        if document.meta is not None and document.meta.kind != "annual_report":
            results = [{
                "ruleId": NOT_A_REPORT["id"],
                "ruleIndex": self._index(NOT_A_REPORT),
                "level": "error",
                "message": {"text": document.verdict},
                "locations": [_location(document.path, 1)],
                **_state(document, None),
            }]
        else:
            results = []
            for finding in document.findings:
                index = self._index(_rule(finding))
                if finding.status in GAPS and not finding.optional:
                    results.append({**_result(document.path, finding, index), **_state(document, finding.rule)})
        drop = score_drop(document)
        if drop is not None and delta is not None:
            results.append({
                "ruleId": SCORE_LOWER["id"],
                "ruleIndex": self._index(SCORE_LOWER),
                "level": "error",
                "message": {"text": f"得分较基线下降：{delta.score_before:g} → {document.score:g}（{drop:+g}）"},
                "locations": [_location(document.path, 1)],
                "baselineState": "new",
            })
        return ",\n".join(_indent(json_dumps(r, indent=2), 8) for r in results)

    def head(self, summary: Summary) -> str:
        return '{\n  "$schema": "%s",\n  "version": "2.1.0",\n  "runs": [\n    {\n      "results": [\n' % SARIF_SCHEMA

    def tail(self, summary: Summary) -> str:
        tool = {"driver": {
            "name": "fzcheck",
            "version": self.version,
            "informationUri": "https://example.invalid/fzcheck",
            "rules": list(self.rules.values()),
        }}
        invocations = [{"executionSuccessful": not self.notifications, "toolExecutionNotifications": self.notifications}]
        rest = json_dumps({"tool": tool, "invocations": invocations}, indent=2)
        return "\n      ],\n" + _indent(rest[1:-1].strip("\n"), 4) + "\n    }\n  ]\n}\n"


def render_sarif(result: CheckResult) -> str:
    return render_all(SarifWriter(result.version), result)


def _indent(text: str, spaces: int) -> str:
    pad = " " * spaces
    return "\n".join(pad + line for line in text.split("\n"))


def _state(document: DocumentResult, rule: Optional[str]) -> dict:
    """`baselineState` of a result on `rule` (None: the document's own result), when the run has a baseline."""
    delta = document.baseline
    if delta is None:
        return {}
    if not delta.known:
        return {"baselineState": "new"}
    new = rule in delta.new_gaps if rule is not None else delta.regressed
    return {"baselineState": "new" if new else "unchanged"}


def _rule(finding: Finding) -> dict:
    basis = finding.basis.cite() + (f"（{finding.basis.note}）" if finding.basis.note else "")
    return {
        "id": finding.rule,
        "name": finding.rule.replace(".", "_").replace("-", "_"),
        "shortDescription": {"text": finding.title},
        "fullDescription": {"text": f"{finding.title}。依据：{basis}"},
        "help": {"text": f"{finding.advice}\n依据：{basis}", "markdown": f"{finding.advice}\n\n**依据**：{basis}"},
        "defaultConfiguration": {"level": LEVEL[finding.severity]},
        "properties": {"category": finding.category, "weight": finding.weight, "basis": basis},
    }


def _result(path: str, finding: Finding, index: int) -> dict:
    evidence = finding.evidence[:3] or []
    locations = [_location(path, e.line, e.excerpt) for e in evidence] or [_location(path, 1)]
    level = LEVEL[finding.severity] if finding.status == "missing" else "warning" if finding.severity == "error" else "note"
    return {
        "ruleId": finding.rule,
        "ruleIndex": index,
        "level": level,
        "message": {"text": f"[{STATUS_LABEL[finding.status]}] {finding.title}：{finding.message} 建议：{finding.advice}"},
        "locations": locations,
        "properties": {"status": finding.status, "score": finding.score, "waived": finding.waiver is not None},
        **({"suppressions": [{"kind": "external", "justification": finding.waiver.reason}]} if finding.waiver else {}),
    }


def _location(path: str, line: int, excerpt: str = "") -> dict:
    region = {"startLine": max(1, line)}
    if excerpt:
        region["snippet"] = {"text": excerpt}
    return {"physicalLocation": {"artifactLocation": {"uri": uri_reference(path)}, "region": region}}
