"""Against a baseline every output says what the exit code follows: what got worse, not what was already there.

Built from the synthetic results (tests/synthetic.py) with baseline deltas set
by hand: a run where nothing is new (exit 0 although two texts fail), one with
a new gap and a lower score, one with a lower score only, and a document new
since the baseline. Also: the Markdown summary stays under GitHub's 1 MiB.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ElementTree

from checker.model import BaselineDelta, CheckResult, DocumentResult, summarise
from checker.render.github import render_github
from checker.render.html import Dashboard, render_document_html
from checker.render.json_out import render_json
from checker.render.junit import render_junit
from checker.render.markdown import BUDGET, render_markdown
from checker.render.sarif import render_sarif
from checker.render.text import render_summary, render_text

from .synthetic import JIA_PATH, VERSION, jia, news, yi

NEXT_YEAR = "下一年度推进法治政府建设的主要安排"


def _with(document: DocumentResult, **delta) -> DocumentResult:
    return document.model_copy(update={"baseline": BaselineDelta(**delta)})


def _run(*documents: DocumentResult) -> CheckResult:
    summary = summarise(list(documents))
    summary.regressed = sum(1 for d in documents if d.baseline is not None and d.baseline.regressed)
    return CheckResult(version=VERSION, documents=list(documents), summary=summary)


def nothing_new() -> CheckResult:
    """甲市 fails and the news item is no report, but both were so in the baseline."""
    return _run(_with(jia(), known=True, score_before=67.8),
                _with(yi(), known=True, score_before=93.8),
                _with(news(), known=True, score_before=32.1))


def a_new_gap() -> CheckResult:
    """甲市 lost its next-year plans since the baseline, and its score fell."""
    return _run(_with(jia(), known=True, score_before=72.4, new_gaps=["item.next-year"], regressed=True),
                _with(yi(), known=True, score_before=93.8),
                _with(news(), known=True, score_before=32.1))


def _dashboard(result: CheckResult) -> str:
    dashboard = Dashboard()
    for index, document in enumerate(result.documents):
        dashboard.add(document, f"r{index}.html")
    return dashboard.render(result.summary)


def _junit(result: CheckResult) -> ElementTree.Element:
    return ElementTree.fromstring(render_junit(result).encode("utf-8"))


def _sarif_results(result: CheckResult) -> list[dict]:
    return json.loads(render_sarif(result))["runs"][0]["results"]


# --------------------------------------------------------------------------- nothing new: exit 0, green everywhere


def test_nothing_new_passes_in_every_output():
    result = nothing_new()
    assert result.exit_code() == 0 and result.summary.failed == 2

    for text in (render_summary(result), render_text(result)):
        assert "对照基线：0 份较基线退步（出现新缺项或得分下降），结论：通过（退出码 0）" in text
        assert "不计基线：共 3 份：通过 1，未通过 2，无法检查 0" in text
        assert "基线：新增缺项" not in text and "得分较基线" not in text
        assert text.index("对照基线") < text.index("不计基线")  # the baseline view comes first

    markdown = render_markdown(result)
    assert "**对照基线：0 份较基线退步（出现新缺项或得分下降）**，结论：通过（退出码 0）" in markdown
    assert "未通过（未较基线退步）" in markdown and "较基线退步**" not in markdown

    root = _junit(result)
    assert root.get("failures") == "0" and root.get("errors") == "0"
    assert not root.findall(".//failure")
    assert "基线中已有此缺项，不计为失败" in "".join(e.text or "" for e in root.iter("system-out"))

    results = _sarif_results(result)
    assert results and {r["baselineState"] for r in results} == {"unchanged"}
    assert not any(r["ruleId"] == "document.score-lower" for r in results)

    github = render_github(result)
    assert "::error" not in github and "::warning" not in github

    assert json.loads(render_json(result))["summary"]["regressed"] == 0

    page = render_document_html(result.documents[0])
    assert "对照基线：没有退步" in page and "较基线新增" not in page
    dashboard = _dashboard(result)
    assert "对照基线：0 份较基线退步" in dashboard and ">未退步<" in dashboard and 'class="regressed"' not in dashboard


# --------------------------------------------------------------------------- a new gap: shows up as new everywhere


def test_a_new_gap_shows_up_as_new_everywhere():
    result = a_new_gap()
    assert result.exit_code() == 1

    summary = render_summary(result)
    assert "对照基线：1 份较基线退步（出现新缺项或得分下降），结论：未通过（退出码 1）" in summary
    assert f"        基线：新增缺项 {NEXT_YEAR}；得分较基线 72.4 → 67.8（-4.6）\n" in summary
    assert summary.count("基线：新增缺项") == 1
    assert f"- [未满足]（较基线新增） item.next-year {NEXT_YEAR}" in render_text(result)

    markdown = render_markdown(result)
    assert "**对照基线：1 份较基线退步（出现新缺项或得分下降）**，结论：未通过（退出码 1）" in markdown
    row = next(line for line in markdown.splitlines() if line.startswith(f"| {JIA_PATH}"))
    assert f"**较基线退步**（基线：新增缺项 {NEXT_YEAR}；得分较基线 72.4 → 67.8（-4.6））" in row

    root = _junit(result)
    assert root.get("failures") == "1"
    failing = [case.get("name") for case in root.iter("testcase") if case.find("failure") is not None]
    assert failing == [f"item.next-year {NEXT_YEAR}"]

    states = {(r["ruleId"], r["baselineState"]) for r in _sarif_results(result)
              if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].startswith("reports/%E7%94%B2")}
    assert ("item.next-year", "new") in states and ("document.score-lower", "new") in states
    assert {state for rule, state in states if rule not in ("item.next-year", "document.score-lower")} == {"unchanged"}

    errors = [line for line in render_github(result).splitlines() if line.startswith("::error")]
    assert len(errors) == 2
    assert "title=item.next-year" in errors[0] and "（较基线新增）" in errors[0]
    assert "title=结论：较基线退步::" in errors[1] and "得分较基线 72.4 → 67.8" in errors[1]

    assert json.loads(render_json(result))["summary"]["regressed"] == 1

    page = render_document_html(result.documents[0])
    assert "对照基线：较基线退步" in page and f"新增缺项：{NEXT_YEAR}" in page
    assert page.count("较基线新增") == 1
    dashboard = _dashboard(result)
    assert "对照基线：1 份较基线退步" in dashboard and '<td class="regressed">退步</td>' in dashboard


def test_a_lower_score_alone_fails_the_verdict():
    result = _run(_with(yi(), known=True, score_before=99.0, regressed=True))
    assert result.exit_code() == 1
    assert "基线：得分较基线 99 → 93.8（-5.2）" in render_summary(result)  # listed though it passes
    root = _junit(result)
    assert root.get("failures") == "1"
    failure = root.find(".//testcase[@name='总体结论']/failure")
    assert failure is not None and failure.get("type") == "baseline" and "得分较基线 99" in failure.get("message")
    results = _sarif_results(result)
    assert [r["baselineState"] for r in results if r["ruleId"] == "document.score-lower"] == ["new"]


def test_a_document_new_since_the_baseline_is_judged_on_its_own():
    failing = jia()
    result = _run(_with(failing, known=False, regressed=True, new_gaps=[f.rule for f in failing.gaps()]))
    assert result.exit_code() == 1
    assert "基线：基线中没有此文件，按本次结果判定为未通过" in render_summary(result)
    root = _junit(result)
    assert root.get("failures") == "1"  # as without a baseline: the missing required item
    assert {r["baselineState"] for r in _sarif_results(result)} == {"new"}
    assert "对照基线：基线中没有此文件" in render_document_html(result.documents[0])


def test_without_a_baseline_nothing_changes():
    result = _run(jia().model_copy(update={"baseline": None}), yi())
    result.summary.regressed = None
    summary = render_summary(result)
    assert "对照基线" not in summary and "基线：" not in summary
    assert "共 2 份：通过 1，未通过 1，无法检查 0" in summary
    assert "baselineState" not in render_sarif(result)
    assert "对照基线" not in render_markdown(result) and "较基线" not in _dashboard(result)


# --------------------------------------------------------------------------- the Markdown summary's size


def test_markdown_summary_of_20000_documents_stays_under_one_mebibyte():
    template = jia()
    documents = [template.model_copy(update={"path": f"reports/市{i:05d}/甲市人民政府关于2024年度法治政府建设情况的报告.docx"})
                 for i in range(20_000)]
    result = CheckResult(version=VERSION, documents=documents, summary=summarise(documents))
    text = render_markdown(result)
    size = len(text.encode("utf-8"))
    assert BUDGET * 0.99 < size < 1024 * 1024  # the table is as long as the budget allows, and no longer
    rows = sum(1 for line in text.splitlines() if line.startswith("| reports/"))
    assert 0 < rows < 20_000
    left = re.search(r"另有 (\d+) 份未在表中列出", text)
    assert left and int(left.group(1)) == 20_000 - rows
    assert "fzcheck.json" in text and "index.html" in text
    assert text.rstrip("\n").splitlines()[-1].startswith("另有")
