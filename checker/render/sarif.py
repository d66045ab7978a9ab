"""SARIF 2.1.0: one run; rules with their help text and basis; results with locations.

Code-scanning views show the gaps of each report where the evidence is; a
gap with no evidence (a part that is missing altogether) points at line 1.
"""

from __future__ import annotations

import json

from ..model import CheckResult, Finding
from . import STATUS_LABEL

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


def render_sarif(result: CheckResult) -> str:
    rules: dict[str, dict] = {}
    results = []
    notifications = []
    for document in result.documents:
        if document.error is not None:
            notifications.append({
                "level": "error",
                "message": {"text": document.error.message},
                "descriptor": {"id": document.error.code},
                "locations": [_location(document.path, 1)],
            })
            continue
        if document.meta is not None and document.meta.kind != "annual_report":
            rules.setdefault(NOT_A_REPORT["id"], NOT_A_REPORT)
            results.append({
                "ruleId": NOT_A_REPORT["id"],
                "ruleIndex": list(rules).index(NOT_A_REPORT["id"]),
                "level": "error",
                "message": {"text": document.verdict},
                "locations": [_location(document.path, 1)],
            })
            continue
        for finding in document.findings:
            rules.setdefault(finding.rule, _rule(finding))
            if finding.status in ("missing", "partial"):
                results.append(_result(document.path, finding, list(rules).index(finding.rule)))
    run = {
        "tool": {"driver": {
            "name": "fzcheck",
            "version": result.version,
            "informationUri": "https://example.invalid/fzcheck",
            "rules": list(rules.values()),
        }},
        "invocations": [{
            "executionSuccessful": not notifications,
            "toolExecutionNotifications": notifications,
        }],
        "results": results,
    }
    sarif = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(sarif, ensure_ascii=False, indent=2) + "\n"


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
    return {"physicalLocation": {"artifactLocation": {"uri": path.replace("\\", "/")}, "region": region}}
