"""Machine formats from the one result model, the dashboard, baselines and parallel runs."""

from __future__ import annotations

import json
import os
import re
import shutil
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from checker.model import json_schema

from .conftest import ROOT, SEEDS, run_cli

SCHEMA_FILE = ROOT / "checker" / "schema" / "fzcheck.result-1.schema.json"
FORMATS = ["json", "sarif", "junit", "github", "markdown", "text"]


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    """Every run-level format for the seeds, one run each, from the repository root."""
    out = {}
    for fmt in FORMATS:
        done = run_cli("check", "seeds", "--format", fmt, "--jobs", "1", cwd=ROOT)
        out[fmt] = done
    return out


def test_exit_code_is_the_same_whatever_the_format(outputs):
    assert {fmt: done.returncode for fmt, done in outputs.items()} == {fmt: 1 for fmt in FORMATS}


def test_schema_file_is_in_step_with_the_model():
    assert json.loads(SCHEMA_FILE.read_text(encoding="utf-8")) == json_schema()


def test_json_output_validates_against_the_shipped_schema(outputs, tmp_path):
    import jsonschema

    schema = json.loads(run_cli("schema").stdout)
    jsonschema.validate(json.loads(outputs["json"].stdout), schema)
    bad = tmp_path / "nope.txt"
    errors = json.loads(run_cli("check", str(bad), "--format", "json").stdout)
    jsonschema.validate(errors, schema)


def test_sarif_structure(outputs):
    sarif = json.loads(outputs["sarif"].stdout)
    assert sarif["version"] == "2.1.0" and len(sarif["runs"]) == 1
    run = sarif["runs"][0]
    rules = {rule["id"]: rule for rule in run["tool"]["driver"]["rules"]}
    assert "item.shortcomings" in rules and "依据" in rules["item.shortcomings"]["help"]["text"]
    for result in run["results"]:
        assert result["ruleId"] in rules
        assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"].startswith("seeds/") and location["region"]["startLine"] >= 1
    assert any(r["ruleId"] == "document.not-annual-report" for r in run["results"])


def test_junit_structure(outputs):
    root = ElementTree.fromstring(outputs["junit"].stdout)
    suites = root.findall("testsuite")
    assert len(suites) == 5
    passing = next(s for s in suites if s.get("name").endswith("001_7724204651865b79.txt"))
    assert passing.get("failures") == "0"
    failing = next(s for s in suites if s.get("name").endswith("000_3cd4e8562be4d342.txt"))
    assert int(failing.get("failures")) >= 1
    assert int(root.get("tests")) == sum(int(s.get("tests")) for s in suites)


def test_junit_failures_carry_the_advice(tmp_path):
    done = run_cli("check", str(SEEDS / "001_7724204651865b79.txt"), "--format", "junit", "--fail-on", "warning")
    root = ElementTree.fromstring(done.stdout)
    failures = root.findall(".//failure")
    assert done.returncode == 1 and failures
    assert any("标题写作" in f.get("message") for f in failures)


def test_github_annotations(outputs):
    lines = outputs["github"].stdout.splitlines()
    pattern = re.compile(r"^::(error|warning|notice) file=[^,:]+(?:,line=\d+)?,title=[^:]+::.+$")
    assert lines and all(pattern.match(line) for line in lines)


def test_fail_on_warning_makes_warnings_fail():
    seed = str(SEEDS / "001_7724204651865b79.txt")
    assert run_cli("check", seed, "-q", "--format", "json").returncode == 0
    assert run_cli("check", seed, "-q", "--format", "json", "--fail-on", "warning").returncode == 1


def test_dashboard_lists_every_document_and_rule(tmp_path):
    done = run_cli("check", str(SEEDS), "-o", str(tmp_path))
    assert done.returncode == 1
    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    for seed in SEEDS.glob("*.txt"):
        assert f'href="{seed.name}.html"' in page
    assert page.count("<tr data-verdict=") == 5
    assert "item.shortcomings" in page and "各检查项未满足的报告数" in page
    assert not re.search(r"<(?:script|link)[^>]+(?:src|href)=", page)
    assert not re.search(r"(?:src|href)\s*=\s*[\"']?(?:https?:)?//", page)


def test_parallel_run_gives_the_same_results(tmp_path):
    one = run_cli("check", "seeds", "--format", "json", "--jobs", "1", cwd=ROOT)
    two = run_cli("check", "seeds", "--format", "json", "--jobs", "2", cwd=ROOT)
    assert one.returncode == two.returncode == 1
    first, second = json.loads(one.stdout), json.loads(two.stdout)
    assert first.pop("run")["checked_at"] <= second.pop("run")["checked_at"]  # only the clock differs
    assert first == second


def test_progress_is_not_shown_when_not_a_terminal():
    done = run_cli("check", "seeds", "--format", "json", cwd=ROOT)
    assert "检查中" not in done.stderr


def test_ignore_file_and_exclude_globs(tmp_path):
    folder = tmp_path / "in"
    (folder / "附件").mkdir(parents=True)
    shutil.copy(SEEDS / "001_7724204651865b79.txt", folder / "report.txt")
    (folder / "附件" / "table.txt").write_text("统计表", encoding="utf-8")
    (folder / "draft-old.txt").write_text("旧稿", encoding="utf-8")
    (folder / "notes.md").write_text("# 备注", encoding="utf-8")
    (folder / ".fzcheckignore").write_text("# 附件不是报告\n附件/\n*-old.txt\n", encoding="utf-8")
    done = run_cli("check", str(folder), "--format", "json", "--exclude", "*.md")
    names = [Path(d["path"]).name for d in json.loads(done.stdout)["documents"]]
    assert names == ["report.txt"] and done.returncode == 0


def test_baseline_fails_only_on_new_gaps(tmp_path):
    folder = tmp_path / "archive"
    shutil.copytree(SEEDS, folder)
    baseline = tmp_path / "fzcheck-baseline.json"
    first = run_cli("check", str(folder), "--format", "json", "--baseline", str(baseline))
    assert baseline.is_file() and first.returncode == 0  # recorded: the archive as it is now is accepted
    again = run_cli("check", str(folder), "--format", "json", "--baseline", str(baseline))
    assert again.returncode == 0
    assert json.loads(again.stdout)["summary"]["regressed"] == 0
    report = folder / "001_7724204651865b79.txt"
    text = report.read_text(encoding="utf-8")
    report.write_text(text.split("四、2025年法治政府建设重点工作")[0], encoding="utf-8")  # the plan is gone
    worse = run_cli("check", str(folder), "--format", "json", "--baseline", str(baseline))
    assert worse.returncode == 1
    data = json.loads(worse.stdout)
    delta = next(d for d in data["documents"] if d["path"].endswith("001_7724204651865b79.txt"))["baseline"]
    assert delta["regressed"] and "item.next-year" in delta["new_gaps"]
    assert data["summary"]["regressed"] == 1


def test_library_renderers_match_the_command_line(outputs):
    """`render_*` on a finished result writes what the streaming command line writes."""
    from checker.run.engine import Checker, Settings
    from checker.render.github import render_github
    from checker.render.json_out import render_json
    from checker.render.junit import render_junit
    from checker.render.markdown import render_markdown
    from checker.render.sarif import render_sarif
    from checker.render.text import render_text

    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        result = Checker(Settings(jobs=1)).check_paths(["seeds"])
    finally:
        os.chdir(cwd)
    rendered = {"json": render_json, "sarif": render_sarif, "junit": render_junit, "github": render_github,
                "markdown": render_markdown, "text": render_text}
    for fmt, render in rendered.items():
        expected = outputs[fmt].stdout
        if fmt == "json":  # the command line records when it ran; a result built in a library does not
            expected = re.sub(r'  "run": \{[^}]*\},\n', "", expected)
        assert render(result) == expected, fmt


def test_long_runs_list_every_failure_but_not_every_pass(checker):
    from checker.model import CheckResult, summarise
    from checker.render.text import SummaryWriter, render_summary

    passing = checker.check_file(str(SEEDS / "001_7724204651865b79.txt"))
    failing = checker.check_file(str(SEEDS / "000_3cd4e8562be4d342.txt"))
    documents = [passing] * (SummaryWriter.SHOW_PASSED + 5) + [failing]
    text = render_summary(CheckResult(documents=documents, summary=summarise(documents)))
    assert text.count("[通过]") == SummaryWriter.SHOW_PASSED
    assert text.count("[不是年度报告]") == 1
    assert "另有 5 份通过" in text
