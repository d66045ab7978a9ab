"""A new rule from data alone.

tests/data/new-rule/local.yaml extends the 2021 edition with one coverage rule,
area.legal-advisers, and term groups of its own; area.legal-advisers.yaml beside
it holds the rule's cases. Nothing under checker/ or rules/ knows the rule: the
command line lints, lists, shows and checks with it, every output format reports
it, and its cases run through the same harness as tests/rules/.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ElementTree

import pytest
import yaml

from checker.rules.rulebook import builtin_editions, load_rulebook

from .conftest import ROOT, run_cli
from .test_rule_cases import case_params, load_case_file, run_case

DATA = ROOT / "tests" / "data" / "new-rule"
BOOK = DATA / "local.yaml"
CASES = DATA / "area.legal-advisers.yaml"
RULE = "area.legal-advisers"
BOOK_ARG = str(BOOK.relative_to(ROOT))  # as a user would type it, from the repository root
# The whole report in the case file that meets every other rule: the new rule is its only gap.
REPORT_CASE = "完整报告中只提到聘请法律顾问"


@pytest.fixture(scope="module")
def rule():
    return load_rulebook(BOOK).rule(RULE)


@pytest.fixture(scope="module")
def report_case():
    return next(case for case in load_case_file(CASES) if case.name == REPORT_CASE)


def test_the_rule_and_its_terms_come_from_the_data_alone(rule):
    assert rule is not None and rule.check == "coverage" and rule.category == "area"
    builtin = [load_rulebook(path) for path in builtin_editions()]
    assert all(book.rule(RULE) is None for book in builtin)
    assert all({"legal_advisers", "adviser_work"}.isdisjoint(book.header.terms) for book in builtin)
    cases = load_case_file(CASES)
    assert {case.expect for case in cases} >= {"met", "partial", "missing"}
    assert all(case.setup.rulebook == str(BOOK.resolve()) for case in cases)


@pytest.mark.parametrize("case", case_params([CASES]))
def test_rule_case(case):
    run_case(case)


# --------------------------------------------------------------------------- the command line


def test_lint_accepts_the_rulebook():
    done = run_cli("rules", "lint", BOOK_ARG)
    assert done.returncode == 0, done.stderr
    assert "通过 (ok)" in done.stdout and "local.yaml" in done.stdout


def test_list_shows_the_new_rule(rule):
    done = run_cli("rules", "list", "--rulebook", BOOK_ARG)
    assert done.returncode == 0, done.stderr
    assert "local-legal-advisers" in done.stdout
    line = next(line for line in done.stdout.splitlines() if line.startswith(RULE + " "))
    assert rule.title in line and "重要" in line


def test_show_prints_the_whole_rule(rule):
    done = run_cli("rules", "show", RULE, "--rulebook", BOOK_ARG)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("# ") and "local-legal-advisers" in done.stdout.splitlines()[0]
    shown = yaml.safe_load(done.stdout)  # the header line is a YAML comment
    assert shown["id"] == RULE and shown["title"] == rule.title
    assert shown["severity"] == "warning" and shown["weight"] == 3
    assert shown["basis"]["document"] == rule.basis.document
    assert shown["signals"]["strong"]["all"] == ["@legal_advisers", "@adviser_work"]
    assert shown["messages"]["partial"] == rule.messages.partial and shown["advice"] == rule.advice


@pytest.fixture(scope="module")
def checked(tmp_path_factory, report_case):
    """The whole report of the case file, checked once into files and once to stdout (github)."""
    folder = tmp_path_factory.mktemp("new-rule")
    report = folder / "青山县2024年度报告.txt"
    report.write_text(report_case.text, encoding="utf-8")
    out = folder / "out"
    common = ("--rulebook", BOOK_ARG, "--no-config", "--jobs", "1")
    files = run_cli("check", str(report), *common, "--format", "html,json,sarif,junit,markdown,text", "-o", str(out))
    github = run_cli("check", str(report), *common, "--format", "github")
    return {"report": report, "out": out, "files": files, "github": github}


def test_check_passes_with_the_new_rule_as_the_only_gap(checked):
    for done in (checked["files"], checked["github"]):
        assert done.returncode == 0, done.stdout + done.stderr


def test_json_reports_the_new_rule(checked, rule, report_case):
    data = json.loads((checked["out"] / "fzcheck.json").read_text(encoding="utf-8"))
    [document] = data["documents"]
    assert document["rulebook"]["id"] == "local-legal-advisers" and document["rulebook"]["edition"] == "2021-2025"
    found = next(f for f in document["findings"] if f["rule"] == RULE)
    assert found["status"] == report_case.expect == "partial"
    assert found["title"] == rule.title and found["basis"]["document"] == rule.basis.document
    assert [e["line"] for e in found["evidence"]] == report_case.evidence_lines
    gaps = [f["rule"] for f in document["findings"] if f["status"] in ("partial", "missing") and f["severity"] != "info"]
    assert gaps == [RULE]


def test_sarif_reports_the_new_rule(checked, rule):
    run = json.loads((checked["out"] / "fzcheck.sarif").read_text(encoding="utf-8"))["runs"][0]
    described = next(r for r in run["tool"]["driver"]["rules"] if r["id"] == RULE)
    assert described["shortDescription"]["text"] == rule.title and rule.advice in described["help"]["text"]
    [result] = [r for r in run["results"] if r["ruleId"] == RULE]
    assert result["properties"]["status"] == "partial" and result["message"]["text"].startswith("[部分满足]")
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] == 7


def test_junit_reports_the_new_rule(checked, rule):
    root = ElementTree.fromstring((checked["out"] / "fzcheck-junit.xml").read_text(encoding="utf-8"))
    [case] = [c for c in root.iter("testcase") if c.get("name") == f"{RULE} {rule.title}"]
    assert case.find("failure") is None  # a partial warning does not fail the document
    assert case.findtext("system-out").startswith("[部分满足]")


def test_markdown_reports_the_new_rule(checked, rule):
    text = (checked["out"] / "fzcheck.md").read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if "青山县2024年度报告.txt" in line)
    assert f"{rule.title}（部分满足）" in row and "通过" in row


def test_text_reports_the_new_rule(checked, rule):
    text = (checked["out"] / "fzcheck.txt").read_text(encoding="utf-8")
    assert f"- [部分满足] {RULE} {rule.title}（重要，1.5/3分）" in text


def test_html_reports_the_new_rule(checked, rule):
    page = (checked["out"] / "青山县2024年度报告.txt.html").read_text(encoding="utf-8")
    row = re.search(
        r'<tr>\s*<td><span class="badge s-(\w+)">([^<]*)</span></td>\s*<td>([^<]*)'
        + re.escape(f'<span class="tech">{RULE}</span></td>'),
        page, re.S,
    )
    assert row is not None and row.groups() == ("partial", "部分满足", rule.title)
    assert f'（重要）</span> <span class="tech">{RULE}</span></h3>' in page  # listed among the gaps, with its advice
    assert rule.advice in page
    index = (checked["out"] / "index.html").read_text(encoding="utf-8")
    columns = re.findall(r'<th class="rule[^"]*" data-type="status" title="([^"]*)"', index)
    column = columns.index(f"{rule.title}（{RULE}）")
    marks = re.search(r'<tr data-verdict="[^"]*"[^>]*data-s="([^"]*)"[^>]*>(?:(?!</tr>).)*青山县2024年度报告', index, re.S)
    assert marks is not None and marks.group(1)[column] == "◐"  # the dashboard's mark for 部分满足


def test_github_annotates_the_new_rule(checked, rule):
    lines = checked["github"].stdout.splitlines()
    [line] = [line for line in lines if f"title={RULE} " in line]
    assert line.startswith("::notice file=") and ",line=7," in line
    assert f"title={RULE} {rule.title}（部分满足）::" in line
