"""Evidence says where it is in the terms of the file it is in (`Evidence.place`).

PDF: 第2页第3段, counted on the page; OCR text: 第2页（识别文字）第3段; Word and web pages, which
show no numbers: “一、…”下第2段, empty paragraphs not counted; plain text: 第N行, as editors number lines.
The expected places are written out from how each file is built, never computed the way the code does.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from checker.document import read
from checker.document.ingest import read_source
from checker.document.ingest.source import Source, SourceLine
from checker.model import CheckResult, Evidence
from checker.render.html import render_document_html
from checker.render.text import render_text
from checker.rules.kinds.evidence import evidence_for, heading_place
from checker.rules.reading import Reading
from checker.rules.rulebook import builtin_editions, load_rulebook

from .builders import build_html

TITLE = "某某县人民政府关于2023年度法治政府建设情况的报告"
ADDRESSEE = "县人大常委会："
PREAMBLE = "2023年，我县扎实推进法治政府建设。现将有关情况报告如下："
PART_ONE = "一、2023年度主要举措和成效"
ENFORCEMENT = "（一）严格规范公正文明执法"
PART_TWO = "二、存在的不足和原因"
LONG = "全县坚持以习近平法治思想为指导，统筹推进法治政府建设各项工作，" * 4 + "取得明显成效。"
TARGET = "全年办理行政复议案件58件，纠错率百分之十。"
SHORTCOMING = "基层执法力量不足，主要原因是编制有限。"


@pytest.fixture(scope="module")
def book():
    return load_rulebook(builtin_editions()[-1])


def evidence(book, source: Source, needle: str) -> Evidence:
    """The evidence a rule would show for the first sentence holding `needle`."""
    document = read(source, book.lexicon)
    reading = Reading(document=document, book=book, profile="government")
    sentence = next(s for s in document.sentences if needle in reading.text_of(s))
    return evidence_for(reading, sentence, [])


def outline_places(book, source: Source) -> dict[str, str]:
    document = read(source, book.lexicon)
    return {section.marker + section.heading: heading_place(document, section) for section in document.outline.sections}


# --------------------------------------------------------------------------- PDF: page, then paragraph on the page


def build_paged_pdf(pages: list[list[str]], target: Path) -> Path:
    """One list of paragraphs per page (explicit page breaks), with a running header and page numbers."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle("body", fontName="STSong-Light", fontSize=12, leading=20, wordWrap="CJK", firstLineIndent=24)
    heading = ParagraphStyle("heading", parent=body, firstLineIndent=0)

    def running(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont("STSong-Light", 9)
        canvas.drawCentredString(A4[0] / 2, A4[1] - 40, "法治政府建设情况报告")
        canvas.drawCentredString(A4[0] / 2, 30, f"- {doc.page} -")
        canvas.restoreState()

    flow = []
    for number, page in enumerate(pages):
        if number:
            flow.append(PageBreak())
        for text in page:
            style = heading if len(text) < 30 and "。" not in text else body
            flow.append(Paragraph(html.escape(text), style))
    SimpleDocTemplate(str(target), pagesize=A4).build(flow, onFirstPage=running, onLaterPages=running)
    return target


PDF_PAGES = [
    [TITLE, ADDRESSEE, PREAMBLE, PART_ONE, LONG, "全年组织执法人员培训12次。"],
    # page 2: the heading, a paragraph wrapped over several lines, then the target: its third paragraph
    [ENFORCEMENT, LONG, TARGET, "行政机关负责人出庭应诉率达到百分之百。"],
    [PART_TWO, SHORTCOMING],
]


@pytest.fixture(scope="module")
def paged_pdf(tmp_path_factory) -> Path:
    return build_paged_pdf(PDF_PAGES, tmp_path_factory.mktemp("pdf") / "report.pdf")


def test_pdf_evidence_counts_paragraphs_on_its_page(book, paged_pdf):
    found = evidence(book, read_source(str(paged_pdf)), "58件")
    assert found.page == 2
    # Counted from the start of the document it would be the 9th paragraph; on page 2 it is the 3rd.
    assert found.place == f"第2页第3段 · {PART_ONE} > {ENFORCEMENT}"


def test_pdf_first_paragraph_of_a_page_and_the_title(book, paged_pdf):
    source = read_source(str(paged_pdf))
    assert evidence(book, source, "编制有限").place == f"第3页第2段 · {PART_TWO}"
    assert evidence(book, source, "扎实推进").place == "第1页第3段 · 开头部分"
    assert outline_places(book, source)[ENFORCEMENT] == "第2页第1段"
    assert outline_places(book, source)[PART_TWO] == "第3页第1段"


def test_a_checked_pdf_shows_its_places_in_the_reports(checker, paged_pdf):
    result = checker.check_file(str(paged_pdf))
    places = [e for f in result.findings for e in f.evidence]
    assert places
    for found in places:
        match = re.match(r"第(\d+)页第(\d+)段 · ", found.place)
        assert match, found.place
        page, paragraph = int(match.group(1)), int(match.group(2))
        assert page == found.page and 1 <= paragraph <= len(PDF_PAGES[page - 1]), found.place
    shown = places[0].place
    assert shown in render_text(CheckResult(documents=[result]))
    page = render_document_html(result)
    assert html.escape(shown, quote=False) in page
    # The outline shows each heading's place.
    assert re.search(f"{re.escape(ENFORCEMENT)}(<span class=\"part\">[^<]*</span>)?<span class=\"line\">第2页第1段</span>", page)


# --------------------------------------------------------------------------- Word: under the heading, empties skipped


def build_gappy_docx(target: Path) -> Path:
    """A report typed with empty paragraphs for spacing, as many are."""
    import docx

    document = docx.Document()
    for text, style in [
        (TITLE, None), ("", None), (ADDRESSEE, None), ("", None), (PREAMBLE, None), ("", None),
        (PART_ONE, "Heading 1"), ("", None), (LONG, None), ("", None), ("", None), (TARGET, None),
        ("", None), (PART_TWO, "Heading 1"), ("", None), (SHORTCOMING, None),
    ]:
        document.add_paragraph(text, style=style)
    document.save(str(target))
    return target


@pytest.fixture(scope="module")
def gappy_docx(tmp_path_factory) -> Path:
    return build_gappy_docx(tmp_path_factory.mktemp("docx") / "report.docx")


def test_word_evidence_counts_non_empty_paragraphs_under_its_heading(book, gappy_docx):
    source = read_source(str(gappy_docx))
    # The target is the 2nd paragraph with text below 一、 (the 5th counting the empty ones).
    assert evidence(book, source, "58件").place == f"“{PART_ONE}”下第2段"
    assert evidence(book, source, "编制有限").place == f"“{PART_TWO}”下第1段"
    # Before the first heading: counted from the top, title included, the empty paragraphs not.
    assert evidence(book, source, "扎实推进").place == "第3段 · 开头部分"


def test_word_headings_are_found_by_their_words(book, gappy_docx):
    places = outline_places(book, read_source(str(gappy_docx)))
    assert places and set(places.values()) == {""}


def test_old_word_formats_read_as_docx_place_the_same_way(book, gappy_docx):
    source = read_source(str(gappy_docx))
    source.format = "wps"  # what read_source makes of a .wps converted to .docx
    assert evidence(book, source, "58件").place == f"“{PART_ONE}”下第2段"


# --------------------------------------------------------------------------- plain text: the editor's line


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_plain_text_evidence_gives_the_line(book, tmp_path, suffix):
    lines = [TITLE, "", ADDRESSEE, PREAMBLE, "", PART_ONE, "", LONG, "", TARGET, PART_TWO, SHORTCOMING]
    path = tmp_path / f"report{suffix}"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    source = read_source(str(path))
    # Empty lines count: editors number them.
    assert evidence(book, source, "58件").place == f"第10行 · {PART_ONE}"
    assert outline_places(book, source)[PART_TWO] == "第11行"


# --------------------------------------------------------------------------- web page: heading path


def test_web_page_evidence_gives_the_heading_and_the_paragraph_under_it(book, tmp_path):
    lines = [TITLE, PREAMBLE, PART_ONE, LONG, "全年组织执法人员培训12次。", PART_TWO, SHORTCOMING,
             "二是执法监督平台建设滞后，主要原因是经费不足。"]
    source = read_source(str(build_html(lines, tmp_path / "report.html")))
    assert evidence(book, source, "培训12次").place == f"“{PART_ONE}”下第2段"
    assert evidence(book, source, "经费不足").place.startswith(f"“{PART_TWO}”下第2段")
    assert evidence(book, source, "编制有限").place == f"“{PART_TWO}”下第1段"


# --------------------------------------------------------------------------- OCR: marked as recognised


def scanned(pages: list[list[str]], recognised: set[int], fmt: str = "pdf", paged: bool = True) -> Source:
    """A source as the OCR reader hands it on: pages in `recognised` read from images."""
    lines = [SourceLine(text, page=number if paged else None, recognised=number in recognised)
             for number, page in enumerate(pages, start=1) for text in page]
    return Source(path=f"扫描件.{fmt}", format=fmt, lines=lines)


def test_recognised_text_says_so_after_its_page(book):
    source = scanned(PDF_PAGES, recognised={2})
    assert evidence(book, source, "58件").place == f"第2页（识别文字）第3段 · {PART_ONE} > {ENFORCEMENT}"
    assert evidence(book, source, "编制有限").place == f"第3页第2段 · {PART_TWO}"  # page 3 has a text layer
    assert "识别文字" not in evidence(book, source, "扎实推进").place


def test_recognised_text_without_pages_says_so_first(book):
    source = scanned([[TITLE, PREAMBLE, PART_ONE, "", LONG, TARGET]], recognised={1}, fmt="png", paged=False)
    assert evidence(book, source, "58件").place == f"（识别文字）“{PART_ONE}”下第2段"
