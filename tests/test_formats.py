"""The same report read from .txt, .docx, .pdf and .html gets the same findings."""

from __future__ import annotations


import pytest

from checker.document.ingest import read_source

from .builders import build_docx, build_html, build_pdf, report_lines
from .conftest import SEEDS

REAL_REPORTS = ["001_7724204651865b79.txt", "003_eed9f17129c08ac0.txt"]


@pytest.fixture(scope="module", params=REAL_REPORTS)
def versions(request, tmp_path_factory):
    seed = SEEDS / request.param
    lines = report_lines(seed)
    out = tmp_path_factory.mktemp(seed.stem)
    return {
        "txt": seed,
        "docx": build_docx(lines, out / f"{seed.stem}.docx"),
        "pdf": build_pdf(lines, out / f"{seed.stem}.pdf"),
        "html": build_html(lines, out / f"{seed.stem}.html"),
    }


def test_every_format_gets_the_same_statuses_and_score(checker, versions):
    results = {fmt: checker.check_file(str(path)) for fmt, path in versions.items()}
    for fmt, result in results.items():
        assert result.error is None, (fmt, result.error)
        assert result.meta.format == fmt
    baseline = {f.rule: f.status for f in results["txt"].findings}
    scores = [result.score for result in results.values()]
    for fmt, result in results.items():
        statuses = {f.rule: f.status for f in result.findings}
        assert statuses == baseline, fmt
        assert (result.meta.year, result.meta.kind, result.meta.title) == (
            results["txt"].meta.year, results["txt"].meta.kind, results["txt"].meta.title), fmt
    assert max(scores) - min(scores) <= 2


def test_pdf_evidence_names_the_page(checker, versions):
    result = checker.check_file(str(versions["pdf"]))
    pages = [e.page for f in result.findings for e in f.evidence]
    assert pages and all(isinstance(p, int) and p >= 1 for p in pages)
    assert max(pages) > 1


# --------------------------------------------------------------------------- docx


def test_docx_numbering_and_heading_styles_give_the_outline(tmp_path):
    lines = [
        "青山市人民政府关于2024年度法治政府建设情况的报告",
        "一、2024年度推进法治政府建设的主要举措和成效",
        "（一）深化放管服改革",
        "取消和下放行政许可事项12项。",
        "（二）规范行政执法",
        "全市执法人员持证率100%。",
        "二、存在的不足和原因",
        "基层执法力量不足，主要原因是编制有限。",
    ]
    source = read_source(str(build_docx(lines, tmp_path / "r.docx")))
    texts = [line.text for line in source.lines]
    # The numbers come from Word's numbering definition, not from the text.
    assert "一、2024年度推进法治政府建设的主要举措和成效" in texts
    assert "（二）规范行政执法" in texts and "二、存在的不足和原因" in texts
    levels = {line.text: line.heading_level for line in source.lines if line.heading_level}
    assert levels["一、2024年度推进法治政府建设的主要举措和成效"] == 1 and levels["（一）深化放管服改革"] == 2


def test_docx_tables_are_read_in_order(tmp_path):
    path = build_docx(["青山市2024年度法治政府建设情况报告", "一、主要数据"], tmp_path / "t.docx",
                      table_rows=[["指标", "数值"], ["行政复议收案", "206件"], ["出庭应诉率", "100%"]])
    texts = [line.text for line in read_source(str(path)).lines]
    assert texts[-3:] == ["指标  数值", "行政复议收案  206件", "出庭应诉率  100%"]


# --------------------------------------------------------------------------- pdf


def test_pdf_running_headers_and_page_numbers_are_removed(versions):
    source = read_source(str(versions["pdf"]))
    texts = [line.text for line in source.lines]
    assert not any(text.strip() == "法治政府建设情况报告" for text in texts)
    assert not any(text.strip().startswith("- ") and text.strip().endswith(" -") for text in texts)


def test_pdf_lines_are_joined_into_paragraphs_but_headings_stay_apart(tmp_path):
    long = "全面落实行政执法三项制度，" * 12 + "执法质量明显提升。"
    lines = ["青山市2024年度法治政府建设情况报告", "一、主要举措和成效", long, "（一）规范执法", long]
    texts = [line.text for line in read_source(str(build_pdf(lines, tmp_path / "p.pdf"))).lines]
    assert long in texts
    assert "一、主要举措和成效" in texts and "(一)规范执法" in [t.replace("（", "(").replace("）", ")") for t in texts]


# --------------------------------------------------------------------------- html


def test_gbk_portal_page(checker, tmp_path):
    lines = report_lines(SEEDS / "001_7724204651865b79.txt")
    lines = ["克拉玛依市2024年法治政府建设年度报告"] + lines
    path = build_html(lines, tmp_path / "gbk.html", charset="gbk", published="2025-03-20")
    source = read_source(str(path))
    assert source.encoding == "gb18030"
    assert source.published == "2025-03-20"
    body = source.text
    for chrome in ("首页", "当前位置", "分享到", "版权所有", "访客", "统计代码"):
        assert chrome not in body
    result = checker.check_file(str(path))
    assert result.meta.title == "克拉玛依市2024年法治政府建设年度报告"
    assert result.meta.published == "2025-03-20"


def test_html_without_declared_charset_is_detected(tmp_path):
    page = "<html><body><div class='content'><p>青山市2024年度法治政府建设情况报告</p><p>一、主要举措和成效。全年办理复议案件12件，审结10件，负责人出庭应诉率达到100%。</p></div></body></html>"
    path = tmp_path / "plain.htm"
    path.write_bytes(page.encode("gb18030"))
    source = read_source(str(path))
    assert "一、主要举措和成效" in source.text
