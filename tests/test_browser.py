"""The page and the reports as a person sees them, in headless Chromium (Debian's package).

Playwright drives the system browser (`executable_path`); browser downloads
are not possible here. `make test` installs Chromium when it can; CI sets
FZCHECK_REQUIRE_BROWSER=1 so these tests fail rather than skip without it.
"""

from __future__ import annotations

import base64

import pytest

from .builders import build_docx, report_lines
from .conftest import ROOT, SEEDS
from .livesite import browser, live_server  # noqa: F401 (browser: a fixture)

SEED = SEEDS / "001_7724204651865b79.txt"
SCREENSHOT = ROOT / "reports" / "serve-result.png"
A4_CONTENT_PX = 695  # 210 mm less the 13 mm margins, at 96 dpi

# The chosen files are listed once the page has read their first bytes (asynchronously).
CHOSEN = "text => document.getElementById('chosen').textContent.includes(text)"


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
    page.wait_for_function(CHOSEN, arg="克拉玛依市2024年报告.docx", timeout=10000)
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
    page.wait_for_function(CHOSEN, arg="拖入的报告.txt", timeout=10000)
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
    import pypdfium2 as pdfium

    keep.write_bytes(data)
    document = pdfium.PdfDocument(data)
    assert len(document)
    for page in document:
        width, height = page.get_size()
        assert abs(width - 595.3) < 2 and abs(height - 841.9) < 2  # A4 in points
        text = page.get_textpage()
        for index in range(text.count_chars()):
            if text.get_text_range(index, 1).strip():
                left, _, right, _ = text.get_charbox(index)
                assert 0 <= left and right <= width, f"text cut off: {text.get_text_range(index, 20)!r}"


# --------------------------------------------------------------------------- the dashboard at a thousand rows


ROWS = 1000
FIRST_RESPONSIBLE = "item.first-responsible"


@pytest.fixture(scope="module")
def big_dashboard(tmp_path_factory):
    """A dashboard of a thousand reports over the 2021-2025 rulebook's rules, built without the checker."""
    from checker.model import summarise
    from checker.render.html import Dashboard
    from checker.rules.rulebook import load_rulebook

    from . import synthetic

    book = load_rulebook(ROOT / "rules" / "edition-2021-2025.yaml")
    rules = [(rule.id, rule.title, rule.short, rule.optional) for rule in book.rules]
    documents = synthetic.many(ROWS, rules)
    dashboard = Dashboard()
    for index, document in enumerate(documents):
        dashboard.add(document, f"r{index}.html")
    target = tmp_path_factory.mktemp("dashboard") / "index.html"
    target.write_text(dashboard.render(summarise(documents), synthetic.RUN), encoding="utf-8")
    return target, documents, {rule: title for rule, title, _, _ in rules}


def _status(document, rule: str):
    return next((f.tone for f in document.findings if f.rule == rule), None)


def test_dashboard_header_and_first_column_stay_in_view(browser, big_dashboard):
    target, _, _ = big_dashboard
    page = browser.new_page(viewport={"width": 760, "height": 700})  # narrower than the table
    page.goto(target.as_uri())
    box = page.locator("#table-box")
    box.scroll_into_view_if_needed()
    moved = page.evaluate("""() => { const b = document.getElementById('table-box');
        b.scrollTop = 20000; b.scrollLeft = 3000; return [b.scrollTop, b.scrollLeft]; }""")
    assert moved[0] > 1000 and moved[1] > 200, "the table does not scroll inside its box"
    page.wait_for_timeout(50)
    frame = box.bounding_box()
    for selector in ("#results thead th:first-child", "#results thead th:last-child"):
        head = page.locator(selector).bounding_box()
        assert abs(head["y"] - frame["y"]) <= 2, f"{selector} scrolled away"
    corner = page.locator("#results thead th:first-child").bounding_box()
    assert abs(corner["x"] - frame["x"]) <= 2
    # What a reader sees at those points: the header above the rows, the file names over the rule cells.
    header_height = corner["height"]
    seen = page.evaluate("""([x, y, h, w]) => [
        document.elementFromPoint(x + w / 2, y + 5).closest('th') !== null,
        document.elementFromPoint(x + 5, y + h + 20).closest('td.name') !== null,
        getComputedStyle(document.querySelector('#results tbody td.name')).backgroundColor,
        getComputedStyle(document.querySelector('#results thead th')).backgroundColor]""",
        [frame["x"], frame["y"], header_height, frame["width"]])
    assert seen[0] and seen[1], "the sticky header or first column is covered by the cells scrolled under it"
    assert "rgba(0, 0, 0, 0)" not in seen[2:], "a sticky cell without a background lets the rows show through"
    page.close()


def test_dashboard_filters_by_rule_status_year_and_verdict(browser, big_dashboard):
    target, documents, titles = big_dashboard
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(target.as_uri())

    def shown() -> int:
        count = page.evaluate("() => [...document.querySelectorAll('#results tbody tr')]"
                              ".filter(row => row.offsetParent).length")
        assert page.inner_text("#shown") == f"显示 {count} / {ROWS} 份"
        return count

    assert shown() == ROWS
    assert page.is_disabled("#status")  # a status means nothing before a rule is chosen
    page.select_option("#rule", label=titles[FIRST_RESPONSIBLE])
    page.select_option("#status", label="未满足")
    lacking = [d for d in documents if _status(d, FIRST_RESPONSIBLE) == "missing"]
    assert 0 < shown() == len(lacking) < ROWS
    page.select_option("#status", label="未满足或部分满足")
    assert shown() == sum(1 for d in documents if _status(d, FIRST_RESPONSIBLE) in ("missing", "partial"))
    page.select_option("#year", "2022")
    assert shown() == sum(1 for d in documents if _status(d, FIRST_RESPONSIBLE) in ("missing", "partial")
                          and d.meta and d.meta.year == 2022)
    page.select_option("#rule", label=titles["item.other"] + "（可选）")
    page.select_option("#status", label="可选，未写")
    assert shown() == sum(1 for d in documents if _status(d, "item.other") == "optional" and d.meta
                          and d.meta.year == 2022)
    page.select_option("#rule", "")
    page.select_option("#year", "")
    page.select_option("#verdict", "无法检查")
    assert shown() == sum(1 for d in documents if d.error)
    page.select_option("#verdict", "")
    # One filtering pass over all rows, style and layout included, is quick even on a slow office PC.
    took = page.evaluate("""() => { const s = document.getElementById('level'); const t = performance.now();
        s.value = s.options[1].value; s.dispatchEvent(new Event('change'));
        document.body.offsetHeight; return performance.now() - t; }""")
    assert took < 1000, f"filtering {ROWS} rows took {took:.0f} ms"
    page.close()


def test_dashboard_sorts_a_rule_column_worst_first(browser, big_dashboard):
    target, _, titles = big_dashboard
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(target.as_uri())
    page.click(f"#results thead th[title^='{titles[FIRST_RESPONSIBLE]}']")
    column = list(titles).index(FIRST_RESPONSIBLE)
    marks = page.evaluate("c => [...document.querySelectorAll('#results tbody tr')].map(r => r.dataset.s[c])", column)
    assert marks[0] == "✗" and marks[-1] != "✗" and len(marks) == ROWS
    page.close()


def test_dashboard_on_a_phone_shows_the_chart_first(browser, big_dashboard):
    target, _, _ = big_dashboard
    page = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True)
    page.goto(target.as_uri())
    chart = page.locator("#chart").bounding_box()
    assert chart["y"] < 844 * 0.6, "the chart is pushed off the first screen"
    widths = page.evaluate("""() => { const b = document.getElementById('table-box'); return [
        document.documentElement.scrollWidth, b.getBoundingClientRect().right, b.scrollWidth, b.clientWidth]; }""")
    assert widths[0] <= 390 and widths[1] <= 390, "the page is wider than the phone"
    assert widths[2] > widths[3], "the table does not scroll sideways in its own box"
    page.close()
