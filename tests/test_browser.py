"""The page and the reports as a person sees them, in headless Chromium (Debian's package).

Playwright drives the system browser (`executable_path`); browser downloads
are not possible here. `make test` installs Chromium when it can; CI sets
FZCHECK_REQUIRE_BROWSER=1 so these tests fail rather than skip without it.
"""

from __future__ import annotations

import base64
import io

import pytest

from .builders import build_docx, report_lines
from .conftest import ROOT, SEEDS
from .livesite import BROWSER_ARGS, chromium_path, live_server

SEED = SEEDS / "001_7724204651865b79.txt"
SCREENSHOT = ROOT / "reports" / "serve-result.png"
A4_CONTENT_PX = 695  # 210 mm less the 13 mm margins, at 96 dpi


@pytest.fixture(scope="module")
def browser():
    path = chromium_path()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=path, args=BROWSER_ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="module")
def site():
    with live_server(max_bytes=5 * 1024 * 1024) as url:
        yield url


def test_upload_a_word_draft_and_see_the_gaps(browser, site, checker, tmp_path):
    draft = build_docx(report_lines(SEED), tmp_path / "克拉玛依市2024年报告.docx")
    expected = checker.check_file(str(draft))
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(site)
    page.set_input_files("#file", str(draft))
    assert "克拉玛依市2024年报告.docx" in page.inner_text("#chosen")
    page.click("#submit")
    page.wait_for_selector("#result", state="visible", timeout=60000)
    assert page.inner_text("#score") == f"{expected.score:g}"
    assert page.inner_text("#verdict-word") == "通过"
    gaps = page.inner_text("#gaps")
    assert "上一年度推进法治政府建设存在的不足和原因" in gaps
    assert page.get_attribute("#download-html", "download").endswith("检查报告.html")
    report = page.frame_locator("#report")
    assert "需要补充或修改的内容" in report.locator("body").inner_text()
    SCREENSHOT.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOT), full_page=True)
    page.close()


def test_drop_a_file_on_the_page(browser, site, checker):
    expected = checker.check_file(str(SEED))
    page = browser.new_page()
    page.goto(site)
    payload = base64.b64encode(SEED.read_bytes()).decode()
    page.evaluate(
        """([name, data]) => {
            const bytes = Uint8Array.from(atob(data), c => c.charCodeAt(0));
            const transfer = new DataTransfer();
            transfer.items.add(new File([bytes], name, {type: "text/plain"}));
            const zone = document.getElementById("drop");
            for (const type of ["dragenter", "dragover", "drop"]) {
                zone.dispatchEvent(new DragEvent(type, {dataTransfer: transfer, bubbles: true, cancelable: true}));
            }
        }""",
        ["拖入的报告.txt", payload],
    )
    assert "拖入的报告.txt" in page.inner_text("#chosen")
    page.click("#submit")
    page.wait_for_selector("#result", state="visible", timeout=60000)
    assert page.inner_text("#score") == f"{expected.score:g}"  # the score the library gives the same file
    page.close()


def test_a_bad_file_shows_the_reason(browser, site, tmp_path):
    bad = tmp_path / "损坏的报告.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    page = browser.new_page()
    page.goto(site)
    page.set_input_files("#file", str(bad))
    page.click("#submit")
    page.wait_for_function("document.getElementById('error').textContent.length > 0", timeout=60000)
    message = page.inner_text("#error")
    assert "损坏的报告.docx" in message and "已损坏" in message
    page.close()


@pytest.mark.parametrize("seed", ["001_7724204651865b79.txt", "003_eed9f17129c08ac0.txt"])
def test_gap_report_fits_a4_and_shows_the_verdict_first(browser, checker, seed, tmp_path):
    from checker.render.html import render_document_html

    page_file = tmp_path / "report.html"
    page_file.write_text(render_document_html(checker.check_file(str(SEEDS / seed))), encoding="utf-8")
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(page_file.as_uri())
    for selector in (".score", ".verdict", ".gap"):
        box = page.locator(selector).first.bounding_box()
        assert box is not None and box["y"] + box["height"] <= 800, f"{selector} is below the fold"
    page.set_viewport_size({"width": A4_CONTENT_PX, "height": 1000})
    page.emulate_media(media="print")
    overflow = page.evaluate(
        """() => [...document.querySelectorAll('table, .gap, pre, .outline div')]
                  .filter(e => e.scrollWidth > e.clientWidth + 1).length
               + (document.documentElement.scrollWidth > window.innerWidth ? 1 : 0)"""
    )
    assert overflow == 0, "something is wider than an A4 page"
    pdf = page.pdf(format="A4", print_background=True)
    page.close()
    _check_pdf(pdf, tmp_path / f"{seed}.pdf")


def _check_pdf(data: bytes, keep) -> None:
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTTextContainer

    keep.write_bytes(data)
    pages = list(extract_pages(io.BytesIO(data)))
    assert pages
    for layout in pages:
        assert abs(layout.width - 595.3) < 2 and abs(layout.height - 841.9) < 2  # A4 in points
        for item in layout:
            if isinstance(item, LTTextContainer) and item.get_text().strip():
                assert 0 <= item.x0 and item.x1 <= layout.width, f"text cut off: {item.get_text()[:30]!r}"
