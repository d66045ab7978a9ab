"""The gap report on paper: printed by Chromium to A4 PDF, then read back page by page.

Staff print the report and act on it, so page one must carry the verdict, the
score and every gap, and "只打印问题" must keep a report with four gaps to two
pages. Rule ids, file paths and English belong on the technical line at the
end only. Playwright drives the system Chromium (see test_browser.py); without
it these tests skip, unless FZCHECK_REQUIRE_BROWSER=1.
"""

from __future__ import annotations

import re

import pytest

from checker.model import RunInfo
from checker.render.html import render_document_html

from .conftest import SEEDS
from .livesite import browser  # noqa: F401 (a fixture)

SEED = SEEDS / "001_7724204651865b79.txt"
NAME = "克拉玛依市2024年报告.txt"
RUN = RunInfo(checked_at="2025-03-20T09:30:00+08:00", reviewer="市司法局 王某")
RULE_ID = re.compile(r"\b(?:item|area|quality)\.[a-z-]+")
FOOTER = "技术信息："  # where the technical line starts; it is the last thing on the last page
A4_POINTS = (595.3, 841.9)


def _cut(lines: list[str], start: str, stop: str) -> list[str]:
    """`lines` without the part from the heading starting `start` up to the one starting `stop`."""
    first = next(i for i, line in enumerate(lines) if line.startswith(start))
    last = next(i for i, line in enumerate(lines) if i > first and line.startswith(stop))
    return lines[:first] + lines[last:]


@pytest.fixture(scope="module")
def four_gaps(checker, tmp_path_factory):
    """A real report with its shortcomings deleted and its leader's own acts left out: about four gaps."""
    lines = _cut(SEED.read_text(encoding="utf-8").splitlines(), "三、", "四、")
    lines = [line for line in lines if "主要负责" not in line]
    source = tmp_path_factory.mktemp("print") / NAME
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = checker.check_file(str(source))
    assert 4 <= len(result.gaps()) <= 5, "the seed changed: cut it so that it has about four gaps again"
    page = source.with_suffix(".html")
    page.write_text(render_document_html(result, RUN), encoding="utf-8")
    return result, page


def _print(browser, page_file, target, gaps_only: bool, script: bool = True) -> list[str]:
    """Print the page as a user would (tick the box, then print) and return each PDF page's text."""
    import pypdfium2

    context = browser.new_context(java_script_enabled=script)
    page = context.new_page()
    page.goto(page_file.as_uri())
    if gaps_only:
        page.check("#gaps-only")
    if script:  # the print styles read a class on <body>, for browsers without :has()
        assert page.evaluate("document.body.classList.contains('gaps-only')") == gaps_only
    page.pdf(path=str(target), format="A4")
    context.close()
    pdf = pypdfium2.PdfDocument(str(target))
    try:
        for sheet in pdf:
            width, height = sheet.get_size()
            assert abs(width - A4_POINTS[0]) < 2 and abs(height - A4_POINTS[1]) < 2
        return [sheet.get_textpage().get_text_range() for sheet in pdf]
    finally:
        pdf.close()


def _body(pages: list[str]) -> str:
    """All printed text but the technical line."""
    text = "\n".join(pages)
    assert text.count(FOOTER) == 1 and pages[-1].find(FOOTER) >= 0, "the technical line is not at the end"
    return text[:text.index(FOOTER)]


def test_only_the_gaps_fit_two_pages_with_everything_on_page_one(browser, four_gaps, tmp_path):
    result, page_file = four_gaps
    full = _print(browser, page_file, tmp_path / "full.pdf", gaps_only=False)
    short = _print(browser, page_file, tmp_path / "gaps.pdf", gaps_only=True)
    print(f"pages: full {len(full)}, only the gaps {len(short)} ({len(result.gaps())} gaps)")
    assert len(short) <= 2 < len(full)
    first = re.sub(r"\s+", "", short[0])  # wrapped lines: a title may break anywhere
    assert "未通过" in first and f"{result.score:g}" in first and "得分" in first
    for gap in result.gaps():
        assert re.sub(r"\s+", "", gap.title) in first, f"gap not on page one: {gap.title}"
    assert "检查时间：2025年3月20日09:30" in first and "审核人：市司法局王某" in first
    assert "全部检查项" not in "".join(short) and "识别出的报告结构" not in "".join(short)
    assert "全部检查项" in "".join(full)


@pytest.mark.parametrize("gaps_only", [False, True], ids=["everything", "only-the-gaps"])
def test_rule_ids_paths_and_english_only_on_the_technical_line(browser, four_gaps, tmp_path, gaps_only):
    result, page_file = four_gaps
    pages = _print(browser, page_file, tmp_path / "out.pdf", gaps_only=gaps_only)
    body = _body(pages)
    assert not RULE_ID.search(body), RULE_ID.search(body)
    assert NAME not in body and "/" + page_file.parent.name not in body
    assert not re.search(r"[A-Za-z]{3,}", body), re.search(r"[A-Za-z]{3,}", body)
    footer = "".join(pages)[("".join(pages)).index(FOOTER):]
    from checker import __version__

    assert f"fzcheck {__version__}" in footer and result.rulebook.id in footer
    assert NAME in re.sub(r"\s+", "", footer)


def test_the_verdict_and_gaps_start_page_one_without_a_break(browser, four_gaps, tmp_path):
    """Printed whole, page one still opens with the verdict and is filled by the gaps, not half empty."""
    result, page_file = four_gaps
    first = re.sub(r"\s+", "", _print(browser, page_file, tmp_path / "full.pdf", gaps_only=False)[0])
    assert "需要补充或修改的内容" in first
    assert all(re.sub(r"\s+", "", gap.title) in first for gap in result.gaps())


def test_only_the_gaps_works_without_script(browser, four_gaps, tmp_path):
    """Where script is off, ticking the box still drops the details (CSS :has())."""
    _, page_file = four_gaps
    assert len(_print(browser, page_file, tmp_path / "noscript.pdf", gaps_only=True, script=False)) <= 2
