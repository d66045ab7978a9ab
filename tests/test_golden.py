"""Golden files: what each renderer writes for one synthetic result, compared exactly.

The result is built in code (tests/synthetic.py) and takes every renderer
through every branch, so a golden file changes only when a renderer does:
a new rule, a changed seed or a different score leaves them alone. Any change
to the JSON contract, the reports or the machine formats shows up as a diff
in review. After an intended change, regenerate with:

    UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py

and review the diff. The last test is not a golden file: it checks that a real
run over the seeds writes every format and exits as it should.
"""

from __future__ import annotations

import json
import os
import typing
from pathlib import Path

import pytest

from checker.model import Severity, Status, json_schema
from checker.render import CATEGORY_LABEL, report_name
from checker.render import html as html_renderer
from checker.render.diff import render_diff_html, render_diff_text
from checker.render.github import GithubWriter
from checker.render.html import Dashboard, render_document_html
from checker.render.json_out import JsonWriter
from checker.render.junit import JunitWriter
from checker.render.markdown import MarkdownWriter
from checker.render.sarif import SarifWriter
from checker.render.stream import Spooled
from checker.render.text import SummaryWriter, TextWriter

from .conftest import ROOT, SEEDS, run_cli
from .synthetic import VERSION, check_result, diff_result

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
# output -> its golden file
FILES = {
    "document-html": "document.html",  # every document's gap report, one after another
    "dashboard-html": "index.html",
    "json": "result.json",
    "sarif": "result.sarif",
    "junit": "result-junit.xml",
    "github": "result.github",
    "markdown": "result.md",
    "text": "result.txt",
    "summary": "summary.txt",  # the short summary the command prints on the terminal
    "diff-text": "diff.txt",
    "diff-html": "diff.html",
}


def _stream(writer, result) -> str:
    """A run-level format as `fzcheck check` writes it: documents one by one, then the summary."""
    spooled = Spooled(writer)
    for document in result.documents:
        spooled.add(document)
    return "".join(spooled.pieces(result.summary))


@pytest.fixture(scope="module")
def rendered() -> dict[str, str]:
    """Every output for the synthetic result and the synthetic diff, rendered the way the command line does."""
    result = check_result()
    with pytest.MonkeyPatch.context() as patch:
        # The HTML pages print the package's version; pin it so a release does not change them.
        patch.setattr(html_renderer, "__version__", VERSION)  # gap reports and the dashboard
        patch.setattr("checker.__version__", VERSION)  # render_diff_html reads it when called
        pages, dashboard, taken = [], Dashboard(), {"index.html"}
        for document in result.documents:
            name = report_name(document.path, taken)
            pages.append(f"<!-- golden: {name} -->\n" + render_document_html(document, result.run))
            dashboard.add(document, name)
        out = {
            "document-html": "\n".join(pages),
            "dashboard-html": dashboard.render(result.summary, result.run),
            "diff-text": render_diff_text(diff_result()),
            "diff-html": render_diff_html(diff_result()),
        }
    out["json"] = _stream(JsonWriter(VERSION, result.run), result)
    out["sarif"] = _stream(SarifWriter(VERSION), result)
    out["junit"] = _stream(JunitWriter("error"), result)
    out["github"] = _stream(GithubWriter(), result)
    out["markdown"] = _stream(MarkdownWriter(), result)
    out["text"] = _stream(TextWriter(), result)
    out["summary"] = _stream(SummaryWriter(), result)
    assert set(out) == set(FILES)
    return out


def _compare(actual: str, golden: Path) -> None:
    if UPDATE:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8", newline="\n")
    assert golden.is_file(), f"missing golden file {golden}; run with UPDATE_GOLDEN=1"
    expected = golden.read_text(encoding="utf-8")
    assert actual == expected, f"{golden.name} differs; if intended, run with UPDATE_GOLDEN=1 and review the diff"


@pytest.mark.parametrize("output", sorted(FILES))
def test_renderer_output_matches_its_golden_file(rendered, output):
    _compare(rendered[output], GOLDEN / FILES[output])


def test_no_stray_golden_files():
    """Every file in tests/golden/ belongs to a renderer above (old ones are deleted, not left behind)."""
    present = {path.relative_to(GOLDEN).as_posix() for path in GOLDEN.rglob("*") if path.is_file()}
    assert present == set(FILES.values())


def test_the_synthetic_result_covers_what_renderers_branch_on():
    """When the model grows (a new status, severity or category), the synthetic result must grow with it."""
    result = check_result()
    findings = [f for d in result.documents for f in d.findings]
    assert {f.status for f in findings} == set(typing.get_args(Status))
    assert {f.severity for f in findings} == set(typing.get_args(Severity))
    assert {f.category for f in findings} == set(CATEGORY_LABEL)
    assert any(f.waiver for f in findings)
    assert {e.page is None for f in findings for e in f.evidence} == {True, False}
    assert {d.meta.format for d in result.documents if d.meta} == {"txt", "docx"}
    assert {d.meta.kind for d in result.documents if d.meta} == {"annual_report", "not_annual_report"}
    assert any(d.error for d in result.documents) and any(d.notices for d in result.documents)
    assert any(d.baseline for d in result.documents) and any(d.passed for d in result.documents)
    assert result.summary.expired_waivers and result.summary.unused_waivers
    diff = diff_result()
    assert {c.better for c in diff.changes} == {True, False} and {p.same for p in diff.repeated} == {True, False}


def test_the_json_golden_file_is_valid_output(rendered):
    import jsonschema

    jsonschema.validate(json.loads(rendered["json"]), json_schema())


# --------------------------------------------------------------------------- behaviour, not golden


def test_a_run_over_the_seeds_writes_every_format(tmp_path):
    formats = "html,json,sarif,junit,github,markdown,text"
    done = run_cli("check", "seeds", "--format", formats, "-o", str(tmp_path), cwd=ROOT)
    assert done.returncode == 1, done.stderr  # the three texts that are not reports fail
    for name in ("index.html", "fzcheck.json", "fzcheck.sarif", "fzcheck-junit.xml", "fzcheck.md", "fzcheck.txt"):
        assert (tmp_path / name).stat().st_size > 0, name
    reports = sorted(p.name for p in tmp_path.glob("*.html") if p.name != "index.html")
    assert reports == [f"{seed.name}.html" for seed in sorted(SEEDS.glob("*.txt"))]
    assert done.stdout.startswith("::")  # github annotations go to stdout
    data = json.loads((tmp_path / "fzcheck.json").read_text(encoding="utf-8"))
    assert {k: data["summary"][k] for k in ("documents", "passed", "failed", "errors", "waived")} == {
        "documents": 5, "passed": 2, "failed": 3, "errors": 0, "waived": 0}
    assert "共 5 份：通过 2，未通过 3，无法检查 0" in (tmp_path / "fzcheck.txt").read_text(encoding="utf-8")
