"""JUnit XML: one testsuite per document, one testcase per rule; failures carry the advice.

A testcase fails when its finding fails the document (a missing rule at or
above the failing severity); other gaps pass with their message in
system-out, so the JUnit view agrees with the exit code.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from checker.concepts import at_least, is_judged
from checker.model import CheckResult, DocumentResult, Summary
from checker.render import STATUS_LABEL
from checker.render.stream import Writer, render_all


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


def _suite(document: DocumentResult, fail_on: str) -> tuple[str, int, int, int]:
    name = quoteattr(document.path)
    if document.error is not None:
        case = (f'    <testcase classname={name} name="读取文件">\n'
                f'      <error type={quoteattr(document.error.code)} message={quoteattr(document.error.message)}/>\n'
                "    </testcase>")
        return f'  <testsuite name={name} tests="1" failures="0" errors="1">\n{case}\n  </testsuite>', 0, 1, 1
    cases, failures = [], 0
    verdict_fails = not document.passed
    reported = document.meta is not None and document.meta.kind == "annual_report"
    for finding in document.findings:
        label = quoteattr(f"{finding.rule} {finding.title}")
        text = f"[{STATUS_LABEL[finding.status]}] {finding.message}"
        if not is_judged(finding.status) or finding.waiver is not None:
            reason = finding.waiver.reason if finding.waiver else finding.message
            cases.append(f"    <testcase classname={name} name={label}><skipped message={quoteattr(reason)}/></testcase>")
        elif reported and finding.status == "missing" and at_least(finding.severity, fail_on):
            failures += 1
            detail = escape(f"{text}\n建议：{finding.advice}\n依据：{finding.basis.cite()}")
            cases.append(f"    <testcase classname={name} name={label}>\n"
                         f"      <failure type={quoteattr(finding.severity)} message={quoteattr(finding.advice)}>{detail}</failure>\n"
                         "    </testcase>")
        else:
            cases.append(f"    <testcase classname={name} name={label}><system-out>{escape(text)}</system-out></testcase>")
    verdict = quoteattr(document.verdict)
    if verdict_fails and failures == 0:
        failures += 1
        cases.append(f'    <testcase classname={name} name="总体结论"><failure type="verdict" message={verdict}/></testcase>')
    else:
        cases.append(f'    <testcase classname={name} name="总体结论"><system-out>{escape(document.verdict)}</system-out></testcase>')
    suite = (f'  <testsuite name={name} tests="{len(cases)}" failures="{failures}" errors="0">\n'
             f'    <properties><property name="score" value="{document.score}"/></properties>\n'
             + "\n".join(cases) + "\n  </testsuite>")
    return suite, failures, 0, len(cases)
