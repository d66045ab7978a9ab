"""The PDF reader: reports printed by a browser and by LibreOffice read as the text they were
printed from, quotation marks stay inside their paragraphs, PDFium runs in a bounded child
process, and scanned pages go to OCR (here a stand-in; the real OCR is tested in test_ocr).

Chromium and LibreOffice tests skip when the program is missing, unless FZCHECK_REQUIRE_BROWSER=1
or FZCHECK_REQUIRE_OFFICE=1 (as in CI) makes them fail instead.
"""

from __future__ import annotations

import html
import io
import os
import re
import shutil
import signal
import subprocess
import unicodedata
from pathlib import Path

import pytest

from checker.document.ingest import pdf, read_source
from checker.document.ingest.office import find_soffice
from checker.document.ingest.source import SourceLine
from checker.document.outline import parse
from checker.document.script import ScriptFolder
from checker.errors import FzError

from . import hostile
from .builders import build_docx, build_pdf, report_lines
from .conftest import SEEDS, conventions

SEED_NAMES = ["001_7724204651865b79.txt", "003_eed9f17129c08ac0.txt"]
QUOTED = "“立克办”"


# --------------------------------------------------------------------------- printing, as people do


def print_with_chromium(page: Path, target: Path, headers: bool = False) -> Path:
    """`page` (an .html or .txt) printed to PDF by headless Chromium, with or without its date, title,
    address and page numbers in the margins."""
    browser = os.environ.get("FZCHECK_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not browser:
        if os.environ.get("FZCHECK_REQUIRE_BROWSER") == "1":
            pytest.fail("Chromium is required (FZCHECK_REQUIRE_BROWSER=1) but not installed; run `make browser`")
        pytest.skip("Chromium is not installed")
    options = [] if headers else ["--no-pdf-header-footer"]
    subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", *options, f"--print-to-pdf={target}",
                    page.resolve().as_uri()], check=True, capture_output=True, timeout=120)
    assert target.is_file() and target.stat().st_size > 0
    return target


def convert_with_office(sources: list[Path], folder: Path) -> list[Path]:
    """`sources` (.txt or .docx) converted to PDF by LibreOffice, into `folder`."""
    soffice = find_soffice()
    if soffice is None:
        if os.environ.get("FZCHECK_REQUIRE_OFFICE") == "1":
            pytest.fail("LibreOffice is required (FZCHECK_REQUIRE_OFFICE=1) but not installed; run `make office`")
        pytest.skip("LibreOffice is not installed")
    folder.mkdir(parents=True, exist_ok=True)
    profile = (folder / "profile").as_uri()
    subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation={profile}", "--convert-to", "pdf",
                    "--outdir", str(folder), *map(str, sources)], check=True, capture_output=True, timeout=180)
    out = [folder / f"{source.stem}.pdf" for source in sources]
    assert all(path.is_file() for path in out)
    return out


def report_page(lines: list[str], target: Path, indent: bool = True, width: str = "") -> Path:
    """A plain web page of the report: its first line a headline when it reads like a title."""
    titled = len(lines[0]) < 60 and "。" not in lines[0]
    head = f"<h1>{html.escape(lines[0])}</h1>\n" if titled else ""
    body = "\n".join(f"<p>{html.escape(line)}</p>" for line in (lines[1:] if titled else lines))
    style = f"p {{ {'text-indent: 2em;' if indent else 'margin: 0;'} font-size: 16px; }} body {{ {width} }}"
    target.write_text(f'<!DOCTYPE html><html><head><meta charset="utf-8"><style>{style}</style></head>'
                      f"<body>{head}{body}</body></html>", encoding="utf-8")
    return target


def folded(text: str) -> str:
    """A paragraph as compared: no spaces, compatibility characters as the ideographs they stand for."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", ScriptFolder(conventions().radicals).unify(text)))


def paragraphs(path: Path) -> list[str]:
    return [folded(line.text) for line in read_source(str(path)).lines if line.text.strip()]


def headings(path: Path) -> list[str]:
    return [section.heading for section in parse(read_source(str(path)), conventions()).sections]


def statuses(checker, path: Path) -> dict[str, str]:
    result = checker.check_file(str(path))
    assert result.error is None, (path.name, result.error)
    return {finding.rule: finding.status for finding in result.findings}


# --------------------------------------------------------------------------- seeds printed


@pytest.fixture(scope="module")
def sources(tmp_path_factory) -> dict[str, dict[str, Path]]:
    """Each seed report as text and as a Word file."""
    folder = tmp_path_factory.mktemp("sources")
    out = {}
    for name in SEED_NAMES:
        text = folder / name
        shutil.copy(SEEDS / name, text)
        out[text.stem] = {"txt": text, "docx": build_docx(report_lines(text), folder / f"{text.stem}.docx")}
    return out


@pytest.fixture(scope="module")
def printed(sources, tmp_path_factory) -> dict[str, dict[str, Path]]:
    """Chromium printing each seed's .txt (with the date, address and page numbers in the margins)
    and a web page of it."""
    folder = tmp_path_factory.mktemp("printed")
    return {stem: {**files,
                   "chromium-txt": print_with_chromium(files["txt"], folder / f"{stem}.txt.pdf", headers=True),
                   "chromium-html": print_with_chromium(report_page(report_lines(files["txt"]), folder / f"{stem}.html"),
                                                        folder / f"{stem}.html.pdf")}
            for stem, files in sources.items()}


@pytest.fixture(scope="module")
def office(sources, tmp_path_factory) -> dict[str, dict[str, Path]]:
    """LibreOffice converting each seed's .txt and .docx."""
    folder = tmp_path_factory.mktemp("office")
    texts = convert_with_office([files["txt"] for files in sources.values()], folder / "txt")
    words = convert_with_office([files["docx"] for files in sources.values()], folder / "docx")
    return {stem: {**files, "office-txt": text, "office-docx": word}
            for (stem, files), text, word in zip(sources.items(), texts, words, strict=True)}


@pytest.mark.parametrize("kind", ["chromium-txt", "chromium-html"])
def test_a_report_printed_by_chromium_reads_as_its_text(printed, checker, kind):
    for files in printed.values():
        assert paragraphs(files[kind]) == paragraphs(files["txt"]), kind
        assert statuses(checker, files[kind]) == statuses(checker, files["txt"]), kind


@pytest.mark.parametrize("kind", ["office-txt", "office-docx"])
def test_a_report_converted_by_libreoffice_reads_as_its_source(office, checker, kind):
    for files in office.values():
        source = files["docx"] if kind == "office-docx" else files["txt"]  # the Word file splits heading and body
        assert paragraphs(files[kind]) == paragraphs(source), kind
        assert statuses(checker, files[kind]) == statuses(checker, files["txt"]), kind


def test_compatibility_characters_are_handed_on_as_the_pdf_has_them(tmp_path):
    """A PDF may say ⼈⺠ for 人民 (its font's radicals): the document folds them, so that evidence
    can quote the text as written; the reader does not."""
    cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n1 begincodespacerange <00> <FF> "
            b"endcodespacerange\n4 beginbfchar <41> <2F08> <42> <2EA0> <43> <653F> <44> <5E9C> endbfchar\n"
            b"endcmap CMapName currentdict /CMap defineresource pop end end")
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>"
    data = hostile.one_page_pdf(b"BT /F1 12 Tf 72 720 Td (ABCD) Tj ET", extra=[hostile.stream(cmap)], font=font)
    assert [line.text for line in read_source(str(hostile.write(tmp_path, "radicals.pdf", data))).lines] == ["\u2f08\u2ea0政府"]


# --------------------------------------------------------------------------- quotation marks


def _quoted_paragraphs(columns: int) -> list[str]:
    """Paragraphs that put QUOTED at every place of a line of `columns` characters, and at a
    paragraph's end alone on its last line."""
    filler = "全面推进政务服务标准化规范化便利化建设"
    out = []
    for offset in range(columns - 6, columns + 1):
        lead = (filler * 3)[:offset]
        out.append(f"{lead}{QUOTED}政务服务正式上线运行，“一网通办”承诺时限缩减78.63%，{filler}。")
    for full in (2, 3):  # the phrase alone on the last line
        out.append((filler * 4)[:columns * full - 1] + "，" + QUOTED)
    return out


@pytest.mark.parametrize("indent", [True, False], ids=["indented", "flush"])
def test_quoted_phrases_stay_in_their_paragraphs_when_chromium_wraps_them(tmp_path, indent):
    columns = 20
    lines = ["青山市2024年度法治政府建设情况报告", "一、主要举措和成效", *_quoted_paragraphs(columns), "二、存在的不足"]
    page = report_page(lines, tmp_path / "quoted.html", indent=indent, width=f"width: {columns}em; font-size: 16px;")
    path = print_with_chromium(page, tmp_path / "quoted.pdf")
    read = read_source(str(path))
    assert [folded(line.text) for line in read.lines] == [folded(line) for line in lines]
    assert not any(line.text.strip() in (QUOTED, "“", "”") for line in read.lines)
    text = tmp_path / "quoted.txt"
    text.write_text("\n".join(lines), encoding="utf-8")
    assert headings(path) == headings(text) == ["主要举措和成效", "存在的不足"]


def test_quoted_phrases_stay_in_their_paragraphs_when_libreoffice_prints_them(tmp_path):
    """LibreOffice draws a line's quotation marks after its other characters, from another font."""
    lines = ["青山市2024年度法治政府建设情况报告", "一、主要举措和成效", *_quoted_paragraphs(38)]
    word = build_docx(lines, tmp_path / "quoted.docx")
    path = convert_with_office([word], tmp_path / "pdf")[0]
    assert paragraphs(path) == paragraphs(word)
    assert all(QUOTED in line.text for line in read_source(str(path)).lines[2:])
    assert headings(path) == headings(word) == ["主要举措和成效"]


def _run(text: str, x0: float, x1: float, top: float, page: int = 1, size: float = 12.0) -> pdf._Run:
    return pdf._Run(page, x0, x1, top, text, (x1 - x0) / len(text), size)


def test_a_line_that_is_only_a_quoted_phrase_joins_the_paragraph_above():
    layout = pdf._Layout(left=72.0, right=522.0, width=12.0, body=12.0, pitch=20.0)

    def joins(previous: pdf._Run, line: pdf._Run) -> bool:
        return pdf._joins(previous, line, layout, layout)

    full = _run("进一步优化简化服务流程" * 3, 72.0, 521.0, 100.0)
    assert joins(full, _run(QUOTED + "。", 72.0, 132.0, 120.0))
    # The phrase could not follow the line above, three characters short: a quotation mark keeps its
    # neighbours, so the character before it came along.
    short = _run("进一步优化简化服务流程" * 3, 72.0, 486.0, 100.0)
    assert joins(short, _run("行" + QUOTED + "政务服务正式上线运行，实现全市通办。", 72.0, 400.0, 120.0))
    # ... where a character alone, five characters short, would have fitted: the paragraph ended.
    assert not joins(_run("进一步优化简化服务流程" * 3, 72.0, 462.0, 100.0), _run("二是持续提升政务公开质效。", 72.0, 240.0, 120.0))
    # A line never starts with a closing mark, nor ends with an opening one.
    assert joins(_run("全面梳理“", 72.0, 200.0, 100.0), _run("综窗”等事项", 72.0, 160.0, 120.0))
    assert joins(_run("全面梳理", 72.0, 200.0, 100.0), _run("”等事项共797个。", 72.0, 190.0, 120.0))
    # A short line followed by one that would have fitted after it: a new paragraph.
    assert not joins(_run("全市通办。", 72.0, 132.0, 100.0), _run("二是持续提升政务公开质效。", 72.0, 240.0, 120.0))


def _one_page(tmp_path: Path, content: bytes) -> list[str]:
    return [line.text for line in read_source(str(hostile.write(tmp_path, "page.pdf", hostile.one_page_pdf(content)))).lines]


def test_characters_are_read_where_they_stand_not_in_the_order_drawn(tmp_path):
    # One drawing command that draws "World", then moves back left and draws "Hello" before it.
    assert _one_page(tmp_path, b"BT /F1 12 Tf 200 700 Td [(World) 6000 (Hello)] TJ ET") == ["Hello World"]
    # Two lines drawn bottom first.
    assert _one_page(tmp_path, b"BT /F1 12 Tf 72 680 Td (second) Tj ET BT /F1 12 Tf 72 700 Td (first) Tj ET") == ["firstsecond"]


def test_words_scattered_down_a_page_are_not_chained_into_one_row():
    """Each word half overlaps the one below: a row measured by all its words would take the page."""
    staircase = [(f"w{index}", 10.0 * (index % 7), 800.0 - 2.0 * index, 10.0 * (index % 7) + 8, 804.0 - 2.0 * index)
                 for index in range(60)]
    rows = pdf._rows(staircase)
    assert len(rows) >= 20 and max(len(row) for row in rows) <= 3


TURNED = {0: b"1 0 0 1 100 700", 90: b"0 1 -1 0 100 100", 180: b"-1 0 0 -1 500 700", 270: b"0 -1 1 0 495 742"}


@pytest.mark.parametrize("rotate", [0, 90])
@pytest.mark.parametrize("turn", sorted(TURNED))
def test_text_turned_across_the_page_is_read_upright(tmp_path, turn, rotate):
    """A landscape table printed across a portrait page (or the page turned by /Rotate): lines are
    made along the text, whichever way it runs."""
    matrix = TURNED[turn]
    step = {0: b"0 -16", 90: b"16 0", 180: b"0 16", 270: b"-16 0"}[turn]
    x, y = (float(value) for value in step.split())
    parts = matrix.split()
    second = b" ".join([*parts[:4], b"%g" % (float(parts[4]) + x), b"%g" % (float(parts[5]) + y)])
    content = b"BT /F1 12 Tf " + matrix + b" Tm (Hello World first line) Tj ET BT /F1 12 Tf " + second + b" Tm (and the second) Tj ET"
    page = hostile.one_page_pdf(content).replace(b"/MediaBox [0 0 595 842]", b"/MediaBox [0 0 595 842] /Rotate %d" % rotate)
    source = read_source(str(hostile.write(tmp_path, "turned.pdf", page)))
    assert " ".join(line.text for line in source.lines) in ("Hello World first lineand the second",
                                                              "Hello World first line and the second")


def test_a_watermark_laid_across_the_page_is_not_read(tmp_path):
    body = b"".join(b"BT /F1 12 Tf 72 %d Td (line %d of the body text) Tj ET " % (700 - 14 * index, index) for index in range(6))
    watermark = b"BT /F1 60 Tf 0.7071 0.7071 -0.7071 0.7071 200 560 Tm (DRAFT) Tj ET"
    assert _one_page(tmp_path, body + watermark) == _one_page(tmp_path, body)
    assert "DRAFT" not in " ".join(_one_page(tmp_path, body + watermark))


def test_a_bold_struck_twice_is_read_once_and_double_letters_stay(tmp_path):
    twice = b"BT /F1 12 Tf 200 700 Td (Hello) Tj ET BT /F1 12 Tf 200.4 700.2 Td (Hello) Tj ET"
    assert _one_page(tmp_path, twice) == ["Hello"]
    assert _one_page(tmp_path, b"BT /F1 12 Tf 200 700 Td (all well) Tj ET") == ["all well"]


def test_cells_of_a_row_are_lines_of_their_own_but_a_list_number_keeps_its_text(tmp_path):
    row = b"BT /F1 12 Tf 72 700 Td (Cell one) Tj ET BT /F1 12 Tf 300 700 Td (Cell two) Tj ET"
    assert _one_page(tmp_path, row) == ["Cell one", "Cell two"]
    numbered = b"BT /F1 12 Tf 72 700 Td (1.) Tj ET BT /F1 12 Tf 120 700 Td (First item) Tj ET"
    assert _one_page(tmp_path, numbered) == ["1. First item"]


# --------------------------------------------------------------------------- the child process


def test_pdfium_runs_in_a_child_and_its_death_is_a_clear_error():
    def dies():
        yield 1
        os.kill(os.getpid(), signal.SIGKILL)

    got = []
    with pytest.raises(FzError) as caught:
        for item in pdf._contained(dies):
            got.append(item)
    assert got == [1] and caught.value.code == "too-complex" and "内存" in caught.value.zh


def test_an_error_in_the_child_comes_back_as_it_was_and_a_bug_as_a_bug():
    def refuses():
        raise FzError("corrupt", "坏了", "broken")
        yield

    def fails():
        raise ValueError("a bug")
        yield

    with pytest.raises(FzError) as caught:
        list(pdf._contained(refuses))
    assert (caught.value.code, caught.value.zh, caught.value.en) == ("corrupt", "坏了", "broken")
    with pytest.raises(RuntimeError, match="a bug"):
        list(pdf._contained(fails))


def test_a_child_left_early_is_ended_and_reaped():
    def endless():
        while True:
            yield os.getpid()

    items = pdf._contained(endless)
    child = next(items)
    items.close()
    assert child != os.getpid()
    with pytest.raises(ProcessLookupError):
        os.kill(child, 0)


def test_the_child_has_bounded_memory(tmp_path):
    def allocates():
        yield len(bytearray(2 * pdf.CHILD_MEMORY))

    with pytest.raises(FzError) as caught:
        list(pdf._contained(allocates))
    assert caught.value.code == "too-complex"


def test_without_fork_pdfium_runs_here_and_reads_the_same(tmp_path, monkeypatch):
    path = build_pdf(report_lines(SEEDS / SEED_NAMES[0])[:12], tmp_path / "r.pdf")
    contained = [(line.text, line.page) for line in read_source(str(path)).lines]
    monkeypatch.delattr(os, "fork")
    assert [(line.text, line.page) for line in read_source(str(path)).lines] == contained


def test_reading_without_system_fonts_reads_the_same(tmp_path):
    """The child gives PDFium no system fonts (the reader never draws); a PDF whose Chinese font is not
    embedded (reportlab's STSong) reads the same as with them."""
    path = build_pdf(report_lines(SEEDS / SEED_NAMES[1]), tmp_path / "r.pdf")
    data = path.read_bytes()
    with_fonts = [line for page in pdf._contained(pdf._read_pages, data) for line in page.lines]
    without = [line for page in pdf._contained(pdf._read_pages, data, prepare=pdf._without_system_fonts)
               for line in page.lines]
    assert [(line.page, line.text) for line in without] == [(line.page, line.text) for line in with_fonts]
    assert len({line.page for line in with_fonts}) > 3
    # Boxes may differ by a little (a Latin letter's width is the PDF's own, not the system font's).
    for a, b in zip(with_fonts, without, strict=True):
        assert abs(a.top - b.top) < 1 and abs(a.x0 - b.x0) < 1 and abs(a.x1 - b.x1) < 3, (a, b)
    assert pdf._paragraphs([without]) == pdf._paragraphs([with_fonts])


# --------------------------------------------------------------------------- bad and bounded files


def test_an_encrypted_pdf_is_refused_clearly(tmp_path):
    path = build_pdf(report_lines(SEEDS / SEED_NAMES[0])[:6], tmp_path / "e.pdf", encrypt="secret")
    with pytest.raises(FzError) as caught:
        read_source(str(path))
    assert caught.value.code == "encrypted" and "加密" in caught.value.zh


@pytest.mark.parametrize("data", [b"%PDF-1.4\n" + b"\x00" * 300, b"not a pdf at all", b"%PDF-1.7\n1 0 obj << >> endobj\n"])
def test_damaged_pdfs_are_refused_clearly(tmp_path, data):
    path = tmp_path / "bad.pdf"
    path.write_bytes(data)
    with pytest.raises(FzError) as caught:
        read_source(str(path))
    assert caught.value.code == "corrupt"


def test_a_damaged_page_is_left_out_with_a_notice(tmp_path):
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 2 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
               hostile.stream(hostile.HELLO), hostile.FONT, b"42"]  # the second page is a number
    source = read_source(str(hostile.write(tmp_path, "page.pdf", hostile.pdf_file(objects))))
    assert [line.text for line in source.lines] == ["Hello"]
    assert source.notices == ["第 2 页已损坏，无法读取，其余各页照常检查"]


def test_a_truncated_pdf_reads_what_is_left_or_is_refused_clearly(tmp_path):
    whole = build_pdf(report_lines(SEEDS / SEED_NAMES[0]), tmp_path / "whole.pdf").read_bytes()
    for share in (0.3, 0.6, 0.9):
        path = tmp_path / f"cut{share}.pdf"
        path.write_bytes(whole[: int(len(whole) * share)])
        try:
            source = read_source(str(path))
        except FzError as error:
            assert error.code in ("corrupt", "needs-ocr", "empty"), error
        else:
            assert source.lines and source.lines[0].page == 1


def test_pages_text_and_characters_per_page_are_bounded(tmp_path, monkeypatch):
    path = build_pdf(report_lines(SEEDS / SEED_NAMES[0]), tmp_path / "r.pdf")
    from checker.document.ingest import limits

    for module, name, value, code in ((pdf, "MAX_PAGES", 2, "too-complex"), (limits, "MAX_TEXT_CHARS", 2000, "too-long"),
                                      (limits, "MAX_LINES", 30, "too-long"), (pdf, "MAX_PAGE_CHARS", 500, "too-complex")):
        with monkeypatch.context() as patch:
            patch.setattr(module, name, value)
            with pytest.raises(FzError) as caught:
                read_source(str(path))
            assert caught.value.code == code, name


def test_a_pdf_without_text_or_pictures_is_empty(tmp_path):
    path = hostile.write(tmp_path, "blank.pdf", hostile.one_page_pdf(b""))
    with pytest.raises(FzError) as caught:
        read_source(str(path))
    assert caught.value.code == "empty"


# --------------------------------------------------------------------------- scanned pages


A4 = (595.0, 842.0)


def _scan_pdf(target: Path, pages: list[str]) -> Path:
    """A PDF whose pages are "text" (a line of text), "scan" (a full-page picture, no text) or "sealed"
    (a date and a small seal picture)."""
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    picture = Image.new("RGB", (850, 1200), "white")
    draw = ImageDraw.Draw(picture)
    for row in range(20):
        draw.rectangle((80, 100 + row * 50, 760, 120 + row * 50), fill="black")
    seal = Image.new("RGB", (120, 120), "red")
    sheet = canvas.Canvas(str(target), pagesize=A4)
    for number, kind in enumerate(pages, start=1):
        sheet.setFont("STSong-Light", 12)
        if kind == "scan":
            sheet.drawImage(ImageReader(picture), 0, 0, width=A4[0], height=A4[1])
        elif kind == "sealed":
            sheet.drawString(400, 300, "2025年3月20日")
            sheet.drawImage(ImageReader(seal), 400, 320, width=100, height=100)
        else:
            sheet.drawString(72, 700, f"第{number}页的文字，全面推进依法行政工作。")
        sheet.showPage()
    sheet.save()
    return target


@pytest.fixture
def fake_ocr(monkeypatch):
    """OCR said to be installed, recognising "识别的第 N 页" on page N, and what it was shown."""
    from checker.document.ingest import ocr

    shown = []

    def recognise(image, page, progress=None):
        shown.append((page, image.size, image.mode))
        return [SourceLine(f"识别的第{page}页", page=page, recognised=True)]

    def recognise_run(images, first_page=1, progress=None):  # consecutive scanned pages come as one run
        lines = [line for page, image in enumerate(images, start=first_page) for line in recognise(image, page)]
        runs.append((first_page, len(lines)))
        return lines

    runs = []

    monkeypatch.setattr(ocr, "ocr_available", lambda: True)
    monkeypatch.setattr(ocr, "recognise_page", recognise)
    monkeypatch.setattr(ocr, "recognise_pages", recognise_run)
    monkeypatch.setattr(ocr, "RUNS_SEEN", runs, raising=False)
    return shown


def test_scanned_pages_are_recognised_in_page_order_among_text_pages(tmp_path, fake_ocr):
    path = _scan_pdf(tmp_path / "mixed.pdf", ["text", "scan", "text", "scan", "sealed"])
    source = read_source(str(path))
    assert [(line.text, line.page, line.recognised) for line in source.lines] == [
        ("第1页的文字，全面推进依法行政工作。", 1, False),
        ("识别的第2页", 2, True),
        ("第3页的文字，全面推进依法行政工作。", 3, False),
        ("识别的第4页", 4, True),
        ("2025年3月20日", 5, False),  # a date under a seal is text, not a scan
    ]
    assert [page for page, _, _ in fake_ocr] == [2, 4]
    width, height = fake_ocr[0][1]
    assert abs(width - A4[0] * pdf.OCR_DPI / 72) <= 2 and abs(height - A4[1] * pdf.OCR_DPI / 72) <= 2
    assert len(source.notices) == 1 and "第 2、4 页" in source.notices[0] and "文字识别" in source.notices[0]


def test_consecutive_scanned_pages_are_read_as_one_run(tmp_path, fake_ocr):
    source = read_source(str(_scan_pdf(tmp_path / "scans.pdf", ["scan", "scan", "text", "scan"])))
    assert [(line.text, line.page) for line in source.lines][:2] == [("识别的第1页", 1), ("识别的第2页", 2)]
    assert [page for page, _, _ in fake_ocr] == [1, 2, 4]
    from checker.document.ingest import ocr

    assert ocr.RUNS_SEEN == [(1, 2), (4, 1)]  # pages 1-2 in one call: a paragraph over the break is joined


def test_a_very_large_scanned_page_is_rendered_smaller(tmp_path, fake_ocr, monkeypatch):
    monkeypatch.setattr(pdf, "MAX_RENDER_PIXELS", 1_000_000)
    read_source(str(_scan_pdf(tmp_path / "scan.pdf", ["scan"])))
    width, height = fake_ocr[0][1]
    assert width * height <= 1_000_000 and width > 500


def test_without_ocr_scanned_pages_are_skipped_with_a_notice(tmp_path, monkeypatch):
    from checker.document.ingest import ocr

    monkeypatch.setattr(ocr, "ocr_available", lambda: False)
    source = read_source(str(_scan_pdf(tmp_path / "mixed.pdf", ["text", "scan", "text", "scan"])))
    assert [line.page for line in source.lines] == [1, 3]
    assert len(source.notices) == 1 and "第 2、4 页" in source.notices[0] and "OCR" in source.notices[0]


def test_without_ocr_a_scan_asks_for_it(tmp_path, monkeypatch):
    from checker.document.ingest import ocr

    monkeypatch.setattr(ocr, "ocr_available", lambda: False)
    with pytest.raises(FzError) as caught:
        read_source(str(_scan_pdf(tmp_path / "scan.pdf", ["scan", "scan"])))
    assert caught.value.code == ocr.needs_ocr_error().code and caught.value.zh == ocr.needs_ocr_error().zh


def test_a_scan_in_which_ocr_finds_nothing_is_refused_clearly(tmp_path, monkeypatch):
    from checker.document.ingest import ocr

    monkeypatch.setattr(ocr, "ocr_available", lambda: True)
    monkeypatch.setattr(ocr, "recognise_page", lambda image, page, progress=None: [])
    with pytest.raises(FzError) as caught:
        read_source(str(_scan_pdf(tmp_path / "scan.pdf", ["scan"])))
    assert caught.value.code == "no-text"


def test_render_pages_gives_every_page_as_an_image(tmp_path):
    data = _scan_pdf(tmp_path / "two.pdf", ["text", "scan"]).read_bytes()
    images = list(pdf.render_pages(data, dpi=72))
    assert [number for number, _ in images] == [1, 2]
    assert all(abs(image.size[0] - 595) <= 1 for _, image in images)
    buffer = io.BytesIO()
    images[1][1].save(buffer, format="PNG")
    assert buffer.tell() > 0
