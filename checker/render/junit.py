"""JUnit XML: one testsuite per document, one testcase per rule; failures carry the advice.

A testcase fails when its finding fails the document (a missing rule at or
above the failing severity); other gaps pass with their message in
system-out, so the JUnit view agrees with the exit code.

Against a baseline, only what is new fails: a rule in the document's
`baseline.new_gaps`, or the verdict when the score fell below the baseline's.
Gaps that were already in the baseline pass with a note in system-out, so a
JUnit-driven CI is green exactly when the exit code is 0. A document new
since the baseline is judged on its own, as without one.

All text goes through `xml_text` first: characters XML 1.0 forbids
(controls, lone surrogates from names that were not UTF-8, U+FFFE/FFFF) are
shown as visible escapes, so the file parses whatever the names and texts.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from checker.concepts import GAPS, at_least, is_judged
from checker.model import CheckResult, DocumentResult, Summary
from checker.render import STATUS_LABEL
from checker.render.escape import xml_text
from checker.render.stream import Writer, render_all
from checker.render.text import baseline_note


class JunitWriter(Writer):
    separator = "\n"

    def __init__(self, fail_on: str = "error"):
        self.fail_on = fail_on
        self.tests = self.failures = self.errors = 0

    def chunk(self, document: DocumentResult) -> str:
        suite, failures, errors, tests = _suite(document, self.fail_on)
        self.tests, self.failures, self.errors = self.tests + tests, self.failures + failures, self.errors + errors
        return suite

    def head(self, summary: Summary) -> str:
        return ('<?xml version="1.0" encoding="UTF-8"?>\n'
                f'<testsuites name="fzcheck" tests="{self.tests}" failures="{self.failures}" errors="{self.errors}">\n')

    def tail(self, summary: Summary) -> str:
        return "\n</testsuites>\n"


def render_junit(result: CheckResult, fail_on: str = "error") -> str:
    return render_all(JunitWriter(fail_on), result)


def _attr(text: str) -> str:
    return quoteattr(xml_text(text))


def _text(text: str) -> str:
    return escape(xml_text(text))


def _suite(document: DocumentResult, fail_on: str) -> tuple[str, int, int, int]:
    name = _attr(document.path)
    if document.error is not None:
        case = (f'    <testcase classname={name} name="读取文件">\n'
                f'      <error type={_attr(document.error.code)} message={_attr(document.error.message)}/>\n'
                "    </testcase>")
        return f'  <testsuite name={name} tests="1" failures="0" errors="1">\n{case}\n  </testsuite>', 0, 1, 1
    cases, failures = [], 0
    delta = document.baseline if document.baseline is not None and document.baseline.known else None
    reported = document.meta is not None and document.meta.kind == "annual_report"
    for finding in document.findings:
        label = _attr(f"{finding.rule} {finding.title}")
        text = f"[{finding.label}] {finding.message}"
        if not is_judged(finding.status) or finding.waiver is not None:
            reason = finding.waiver.reason if finding.waiver else finding.message
            cases.append(f"    <testcase classname={name} name={label}><skipped message={_attr(reason)}/></testcase>")
            continue
        if delta is not None:
            fails = finding.is_gap and finding.rule in delta.new_gaps
            if not fails and finding.is_gap:
                text += "\n基线：基线中已有此缺项，不计为失败"
        else:
            fails = reported and finding.is_gap and finding.status == "missing" and at_least(finding.severity, fail_on)
        if fails:
            failures += 1
            new = "\n基线：较基线新增的缺项" if delta is not None else ""
            detail = _text(f"{text}\n建议：{finding.advice}\n依据：{finding.basis.cite()}{new}")
            cases.append(f"    <testcase classname={name} name={label}>\n"
                         f"      <failure type={_attr(finding.severity)} message={_attr(finding.advice)}>{detail}</failure>\n"
                         "    </testcase>")
        else:
            cases.append(f"    <testcase classname={name} name={label}><system-out>{_text(text)}</system-out></testcase>")
    verdict_fails = delta.regressed if delta is not None else not document.passed
    if verdict_fails and failures == 0:
        failures += 1
        message = (baseline_note(document) or "基线：较基线退步") if delta is not None else document.verdict
        kind = "baseline" if delta is not None else "verdict"
        cases.append(f'    <testcase classname={name} name="总体结论"><failure type="{kind}" message={_attr(message)}/></testcase>')
    else:
        out = document.verdict
        if delta is not None and not delta.regressed and not document.passed:
            out += "\n基线：与基线相比没有退步，不计为失败"
        cases.append(f'    <testcase classname={name} name="总体结论"><system-out>{_text(out)}</system-out></testcase>')
    suite = (f'  <testsuite name={name} tests="{len(cases)}" failures="{failures}" errors="0">\n'
             f'    <properties><property name="score" value="{document.score}"/></properties>\n'
             + "\n".join(cases) + "\n  </testsuite>")
    return suite, failures, 0, len(cases)
