"""Page images read by OCR: paragraphs in reading order, margins and seals left out, bad images refused.

The pages are drawn here with Pillow and a CJK font. Without the font or without RapidOCR (the
`ocr` extra) the tests that recognise text are skipped; FZCHECK_REQUIRE_OCR=1 makes them fail
instead. The layout itself is also tested on made-up boxes, without the models.
"""

from __future__ import annotations

import io
import json
import math
import os
import struct
import zlib
from difflib import SequenceMatcher
from pathlib import Path

import pytest

from checker.document.ingest import ocr, read_source
from checker.errors import FzError
from checker.run import discover

from .conftest import SEEDS, run_cli

FONTS = Path("/usr/share/fonts/opentype/noto")
REGULAR, BOLD = FONTS / "NotoSansCJK-Regular.ttc", FONTS / "NotoSansCJK-Bold.ttc"
SC = 2  # the Simplified Chinese face in the Noto CJK collections
EM = 26  # px: 小四 (12 pt) at 150 dpi is 25 px
RED = (215, 30, 35)

TITLE = "青山市2024年法治政府建设年度报告"
HEADING = "一、主要举措和成效"
FIRST = ("全市坚持以习近平法治思想为指导，深入推进依法行政，持续优化法治化营商环境，"
         "全年审查行政规范性文件一百二十件，纠正问题文件五件。")
SECOND = "全市各级行政机关负责人出庭应诉率达到百分之百，行政复议案件办结率保持较高水平。"


def _require_ocr() -> None:
    missing = [what for what, ok in (("a CJK font", REGULAR.is_file()), ("RapidOCR", ocr.ocr_available())) if not ok]
    if missing:
        if os.environ.get("FZCHECK_REQUIRE_OCR") == "1":
            pytest.fail(f"OCR tests need {' and '.join(missing)} (FZCHECK_REQUIRE_OCR=1); run `make test`")
        pytest.skip(f"{' and '.join(missing)} not available")


@pytest.fixture
def needs_ocr():
    _require_ocr()


# --------------------------------------------------------------------------- drawing pages


class Sheet:
    """A page drawn the way a report is set: a centred title, indented paragraphs, wrapped lines."""

    def __init__(self, width: int = 900, height: int = 1270, margin: int = 90):
        from PIL import Image

        self.image = Image.new("RGB", (width, height), "white")
        self.width, self.height, self.margin = width, height, margin
        self.y = int(margin * 1.3)

    def font(self, size: int = EM, bold: bool = False):
        from PIL import ImageFont

        return ImageFont.truetype(str(BOLD if bold else REGULAR), size, index=SC)

    def draw(self, x: float, text: str, font, y: float | None = None, fill=(0, 0, 0)) -> None:
        from PIL import ImageDraw

        ImageDraw.Draw(self.image).text((x, self.y if y is None else y), text, font=font, fill=fill)

    def title(self, text: str) -> None:
        font = self.font(int(EM * 1.4), bold=True)
        self.draw((self.width - font.getlength(text)) / 2, text, font)
        self.y += int(EM * 3)

    def heading(self, text: str, left: int | None = None) -> None:
        self.draw((self.margin if left is None else left) + 2 * EM, text, self.font(bold=True))
        self.y += int(EM * 1.75)

    def paragraph(self, text: str, left: int | None = None, right: int | None = None) -> None:
        left = self.margin if left is None else left
        right = self.width - self.margin if right is None else right
        font, line, indent = self.font(), "", 2 * EM
        for char in text:
            if font.getlength(line + char) > right - left - indent:
                self.draw(left + indent, line, font)
                self.y += int(EM * 1.75)
                line, indent = "", 0
            line += char
        self.draw(left + indent, line, font)
        self.y += int(EM * 1.75)

    def right(self, text: str) -> None:
        font = self.font()
        self.draw(self.width - self.margin - 2 * EM - font.getlength(text), text, font)
        self.y += int(EM * 1.75)

    def page_number(self, number: int) -> None:
        font = self.font(int(EM * 0.8))
        text = f"- {number} -"
        self.draw((self.width - font.getlength(text)) / 2, text, font, y=self.height - self.margin * 0.7)

    def seal(self, cx: float, cy: float, radius: float, text: str) -> None:
        """A round red seal, its name on an arc, laid over the page as ink is (multiplied)."""
        from PIL import Image, ImageChops, ImageDraw

        ink = Image.new("RGB", self.image.size, "white")
        pen = ImageDraw.Draw(ink)
        pen.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), outline=RED, width=int(radius / 14))
        font = self.font(int(radius / 3.2), bold=True)
        for index, char in enumerate(text):
            angle = math.radians(-160 + 140 * index / max(len(text) - 1, 1))
            tile = Image.new("RGBA", (font.size * 2, font.size * 2), (0, 0, 0, 0))
            ImageDraw.Draw(tile).text((font.size / 2, font.size / 2), char, font=font, fill=RED)
            tile = tile.rotate(-math.degrees(angle) - 90, resample=Image.BICUBIC)
            x, y = cx + radius * 0.72 * math.cos(angle), cy + radius * 0.72 * math.sin(angle)
            ink.paste(tile, (int(x - font.size), int(y - font.size)), tile)
        star = [(cx + radius * 0.3 * math.cos(math.radians(-90 + 144 * k)),
                 cy + radius * 0.3 * math.sin(math.radians(-90 + 144 * k))) for k in range(5)]
        pen.polygon(star, fill=RED)
        self.image = ImageChops.multiply(self.image, ink)

    def png(self, path: Path) -> Path:
        self.image.save(path)
        return path


def _one_column() -> Sheet:
    sheet = Sheet()
    sheet.title(TITLE)
    sheet.heading(HEADING)
    sheet.paragraph(FIRST)
    sheet.paragraph(SECOND)
    sheet.page_number(3)
    return sheet


def _near(text: str, phrase: str, at_least: float = 0.75) -> bool:
    """`phrase` occurs in `text`, allowing a character or two misread."""
    if phrase in text:
        return True
    size = len(phrase)
    return any(SequenceMatcher(None, text[i:i + size], phrase).ratio() >= at_least
               for i in range(max(len(text) - size + 1, 1)))


def _index(lines, phrase: str) -> int:
    found = [i for i, line in enumerate(lines) if _near(line.text, phrase)]
    assert found, f"{phrase!r} not in {[line.text for line in lines]}"
    return found[0]


# --------------------------------------------------------------------------- pages recognised


def test_one_column_page_gives_title_heading_and_paragraphs_without_the_page_number(needs_ocr, capfd):
    seconds = []
    lines = ocr.recognise_page(_one_column().image, page=3, progress=lambda page, s: seconds.append((page, s)))
    assert capfd.readouterr() == ("", "")  # nothing printed: progress goes through the callback
    texts = [line.text for line in lines]
    assert len(lines) == 4, texts  # title, heading, two paragraphs; the page number dropped
    assert [_index(lines, p) for p in ("法治政府建设年度报告", "主要举措和成效", "深入推进依法行政", "出庭应诉率")] == [0, 1, 2, 3]
    assert _near(texts[2], "纠正问题文件五件") and _near(texts[3], "较高水平")  # wrapped lines joined again
    assert " " not in texts[2]  # Chinese line fragments join without spaces
    assert all(line.page == 3 and line.recognised for line in lines)
    assert len(seconds) == 1 and seconds[0][0] == 3 and seconds[0][1] > 0


def test_two_columns_are_read_one_after_the_other(needs_ocr):
    sheet = Sheet(width=1200)
    sheet.title(TITLE)
    top, middle = sheet.y, sheet.width // 2
    sheet.paragraph("左栏第一段：" + FIRST, right=middle - EM)
    sheet.paragraph("左栏第二段：" + SECOND, right=middle - EM)
    sheet.y = top
    sheet.paragraph("右栏第一段：" + SECOND, left=middle + EM)
    sheet.paragraph("右栏第二段：" + FIRST, left=middle + EM)
    lines = ocr.recognise_page(sheet.image, page=1)
    order = [_index(lines, p) for p in ("法治政府建设年度报告", "左栏第一段", "左栏第二段", "右栏第一段", "右栏第二段")]
    assert order == sorted(order) and len(lines) == 5, [line.text for line in lines]
    assert _near(lines[order[1]].text, "纠正问题文件五件")  # a paragraph stays whole within its column


def test_the_closing_lines_stand_alone_and_the_seal_is_left_out(needs_ocr):
    sheet = Sheet(height=900)
    sheet.paragraph(SECOND)
    sheet.paragraph("特此报告。")
    sheet.y += 2 * EM
    issuer_y = sheet.y
    sheet.right("青山市人民政府")
    sheet.right("2025年1月20日")
    sheet.seal(sheet.width - sheet.margin - 2 * EM - 3.5 * EM, issuer_y + EM, 3.4 * EM, "青山市人民政府")
    lines = ocr.recognise_page(sheet.image, page=9)
    texts = [line.text for line in lines]
    assert len(lines) == 4, texts
    assert _near(texts[1], "特此报告") and _near(texts[2], "青山市人民政府") and "2025年1月20日" in texts[3]
    assert len(texts[2]) <= len("青山市人民政府") + 1  # the seal's own characters are not read into it


def test_a_multi_page_tiff_is_read_page_by_page(needs_ocr, tmp_path):
    first, second = Sheet(height=600), Sheet(height=600)
    first.title(TITLE)
    first.paragraph(SECOND)
    second.paragraph(FIRST)
    path = tmp_path / "scan.tif"  # black and white, fax-compressed, as office scanners save
    pages = [sheet.image.convert("L").point(lambda v: 255 if v > 128 else 0).convert("1") for sheet in (first, second)]
    pages[0].save(path, save_all=True, append_images=pages[1:], compression="group4")
    heard = []
    token = ocr.PAGE_PROGRESS.set(lambda page, seconds: heard.append(page))  # what a worker would pass on
    try:
        source = read_source(str(path))
    finally:
        ocr.PAGE_PROGRESS.reset(token)
    assert heard == [1, 2]
    assert source.format == "image" and source.notices == [ocr.NOTICE]
    assert [line.page for line in source.lines] == [1, 1, 2]
    assert _near(source.lines[2].text, "纠正问题文件五件")


def test_a_page_image_named_on_the_command_line_is_checked(needs_ocr, tmp_path):
    seed = next(SEEDS.glob("001_*.txt"))
    sheet = Sheet(width=1240, height=1754, margin=150)
    sheet.title("克拉玛依市2024年法治政府建设情况报告")
    for paragraph in [line for line in seed.read_text(encoding="utf-8").splitlines() if line.strip()][:4]:
        sheet.paragraph(paragraph)
    sheet.page_number(1)
    image = sheet.png(tmp_path / "page1.png")
    done = run_cli("check", str(image), "--format", "json", "--no-config")
    assert done.returncode in (0, 1), done.stderr
    assert "Traceback" not in done.stderr and "RapidOCR" not in done.stderr and "onnxruntime" not in done.stderr
    document = json.loads(done.stdout)["documents"][0]
    assert document["error"] is None and document["meta"]["format"] == "image"
    assert ocr.NOTICE in document["notices"] and document["findings"]
    assert document["meta"]["year"] == 2024


# --------------------------------------------------------------------------- bad images


def _png_header(width: int, height: int) -> bytes:
    """A PNG that declares `width`×`height` pixels and holds almost nothing."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b"")


@pytest.mark.parametrize("size", [(100_000, 100_000), (9_500, 9_000)])  # past Pillow's own guard; past ours only
def test_an_image_of_absurd_size_is_refused_clearly(tmp_path, size):
    path = tmp_path / "huge.png"
    path.write_bytes(_png_header(*size))
    with pytest.raises(FzError) as caught:
        read_source(str(path))
    assert caught.value.code == "image-too-large" and "图片尺寸过大" in caught.value.zh


@pytest.mark.parametrize("damage", ["truncated", "garbage"])
def test_a_damaged_image_is_refused_clearly(tmp_path, damage):
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (300, 200), "white").save(buffer, "PNG")
    data = buffer.getvalue()
    path = tmp_path / "page.png"
    path.write_bytes(data[: len(data) // 2] if damage == "truncated" else b"\x89PNG not really" * 20)
    with pytest.raises(FzError) as caught:
        read_source(str(path))
    assert caught.value.code == "image-corrupt"


def test_a_tiff_of_too_many_pages_is_refused_before_any_is_decoded(tmp_path, monkeypatch):
    from PIL import Image

    monkeypatch.setattr(ocr, "MAX_IMAGE_PAGES", 3)
    path = tmp_path / "scan.tiff"
    pages = [Image.new("L", (200, 100), "white") for _ in range(4)]
    pages[0].save(path, save_all=True, append_images=pages[1:])
    with pytest.raises(FzError) as caught:
        read_source(str(path))
    assert caught.value.code == "image-too-many-pages"


def test_a_page_scanned_at_a_very_high_resolution_is_read_at_about_300_dpi():
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("1", (4960, 7016), 1).save(buffer, "TIFF", compression="group4")  # A4 at 600 dpi
    image = ocr._open(buffer.getvalue())
    page = ocr._page(image, 0)
    assert max(page.size) <= ocr.READ_MAX_SIDE and max(page.size) >= ocr.READ_MAX_SIDE / 2


def test_red_seals_are_washed_out_but_a_red_masthead_stays(needs_ocr):
    import numpy as np

    red = (40, 30, 210)  # BGR, as OpenCV holds pages
    page = np.full((1400, 1000, 3), 255, np.uint8)
    page[100:160, 150:850] = red  # a masthead's red type, long and flat
    page[900:1100, 600:800] = red  # a seal's worth of red ink
    page[990:1010, 550:850:8] = 0  # the strokes of the black type it is stamped over
    washed = ocr._without_seals(page.copy())
    assert (washed[100:160, 150:850] == red).all()
    assert (washed[900:980, 600:800] == 255).all() and (washed[990:1010, 550:850:8] == 0).all()


def test_without_rapidocr_an_image_says_how_to_add_ocr(tmp_path, monkeypatch):
    from PIL import Image

    path = tmp_path / "page.jpg"
    Image.new("RGB", (300, 200), "white").save(path)
    monkeypatch.setattr(ocr, "ocr_available", lambda: False)
    with pytest.raises(FzError) as caught:
        read_source(str(path))
    error = caught.value
    assert error.code == "needs-ocr" and "文字识别" in error.zh and "Word" in error.zh
    assert "pip install 'fzcheck[ocr]'" in error.zh and "pip install 'fzcheck[ocr]'" in error.en


def test_images_in_a_folder_are_skipped_but_named_ones_are_read(tmp_path):
    (tmp_path / "r.txt").write_bytes(next(SEEDS.glob("001_*.txt")).read_bytes())
    for name in ("seal.png", "photo.JPG", "scan.tiff"):
        (tmp_path / name).write_bytes(b"\x00")
    found = {Path(item.path).name: item for item in discover.expand([str(tmp_path)])}
    assert found["r.txt"].skipped is None
    assert all("图片文件" in found[name].skipped for name in ("seal.png", "photo.JPG", "scan.tiff"))
    named = list(discover.expand([str(tmp_path / "seal.png")]))
    assert len(named) == 1 and named[0].skipped is None and named[0].error is None


def test_a_folder_of_images_only_has_no_reports(tmp_path):
    (tmp_path / "seal.png").write_bytes(b"\x00")
    found = list(discover.expand([str(tmp_path)]))
    assert found[0].error is not None and found[0].error.code == "no-reports"


# --------------------------------------------------------------------------- layout on made-up boxes


def _box(x0: float, y0: float, x1: float, text: str, score: float = 0.98, slant: float = 0.0, height: float = 26):
    """What RapidOCR returns for one box: four corners (turned by `slant` degrees), text, confidence."""
    turn = math.radians(slant)
    corners = [(x0, y0), (x1, y0), (x1, y0 + height), (x0, y0 + height)]
    cx, cy = (x0 + x1) / 2, y0 + height / 2
    turned = [[cx + (x - cx) * math.cos(turn) + (y - cy) * math.sin(turn),
               cy - (x - cx) * math.sin(turn) + (y - cy) * math.cos(turn)] for x, y in corners]
    return turned, text, score


def _layout(monkeypatch, pages: list[list[tuple]], size=(900, 1270)):
    from PIL import Image

    queue = list(pages)
    monkeypatch.setattr(ocr, "_recognised", lambda image: queue.pop(0))
    images = [Image.new("RGB", size, "white") for _ in pages]
    return [line.text for line in ocr.recognise_pages(images)]


BODY = [  # x0, x1 of a paragraph's lines: an indented first line, full lines, a short last line
    (142, 810), (90, 810), (90, 500),
]


def _paragraph(top: float, words: str, pitch: float = 45) -> list[tuple]:
    return [_box(x0, top + i * pitch, x1, f"{words}{i}") for i, (x0, x1) in enumerate(BODY)]


def test_layout_joins_wrapped_lines_and_splits_paragraphs(monkeypatch):
    boxes = [_box(250, 120, 650, "标题"), *_paragraph(220, "甲"), *_paragraph(355, "乙"),
             _box(90, 490, 810, "丙0"), _box(90, 535, 400, "丙1"),  # a paragraph without indent, after a short line
             _box(420, 1200, 470, "- 3 -", score=0.9)]  # the page number
    assert _layout(monkeypatch, [boxes]) == ["标题", "甲0甲1甲2", "乙0乙1乙2", "丙0丙1"]


def test_layout_joins_a_number_the_line_broke_and_keeps_latin_words_apart(monkeypatch):
    boxes = [_box(142, 200, 810, "审核规范性文件1"), _box(90, 245, 810, "8件，推行PPP"), _box(90, 290, 400, "project模式")]
    assert _layout(monkeypatch, [boxes]) == ["审核规范性文件18件，推行PPP project模式"]


def test_layout_drops_unsure_and_slanted_boxes_and_keeps_a_skewed_scan(monkeypatch):
    spans = [(142, 810, "甲0"), (90, 810, "甲1"), (142, 810, "乙0"), (90, 500, "乙1")]  # 乙 starts indented
    skewed = [_box(x0, 200 + i * 45 + x0 * 0.07, x1, text, slant=-4) for i, (x0, x1, text) in enumerate(spans)]  # 4° askew
    noise = [_box(600, 300, 700, "印章", score=0.45),  # a stamp over text reads at 0.2 to 0.6
             _box(620, 240, 760, "青山市人民政府", slant=35)]  # a seal's curved name
    assert _layout(monkeypatch, [skewed + noise]) == ["甲0甲1", "乙0乙1"]


def test_layout_keeps_the_closing_lines_apart(monkeypatch):
    boxes = [*_paragraph(200, "甲"), _box(142, 335, 300, "特此报告。"),
             _box(600, 470, 810, "青山市人民政府"), _box(640, 515, 810, "2025年1月20日")]
    assert _layout(monkeypatch, [boxes]) == ["甲0甲1甲2", "特此报告。", "青山市人民政府", "2025年1月20日"]


def test_layout_joins_a_centred_title_over_two_lines_but_not_its_date(monkeypatch):
    boxes = [_box(120, 100, 780, "青山市人民政府关于二〇二四年度法治"), _box(306, 145, 598, "政府建设情况的报告"),
             _box(380, 190, 520, "（2025年1月）"), *_paragraph(260, "甲")]
    assert _layout(monkeypatch, [boxes]) == ["青山市人民政府关于二〇二四年度法治政府建设情况的报告", "（2025年1月）", "甲0甲1甲2"]


def test_layout_reads_two_columns_and_carries_a_paragraph_over(monkeypatch):
    def column(left: float, words: str, last_short: bool) -> list[tuple]:
        spans = [(left + 52, left + 380)] + [(left, left + 380)] * 4 + [(left, left + (200 if last_short else 380))]
        return [_box(x0, 200 + i * 45, x1, f"{words}{i}") for i, (x0, x1) in enumerate(spans)]

    boxes = [_box(300, 100, 600, "标题"), *column(90, "左", last_short=False), *column(510, "右", last_short=True)]
    boxes = [b for b in boxes if b[1] != "右0"] + [_box(510, 200, 890, "右0")]  # the right column runs on
    assert _layout(monkeypatch, [boxes]) == ["标题", "左0左1左2左3左4左5右0右1右2右3右4右5"]


def test_layout_joins_a_paragraph_a_page_break_cut(monkeypatch):
    first = [_box(142, 200, 810, "甲0"), _box(90, 245, 810, "甲1")]
    second = [_box(90, 120, 810, "甲2"), _box(90, 165, 400, "甲3"), _box(142, 210, 810, "乙0"), _box(90, 255, 300, "乙1")]
    assert _layout(monkeypatch, [first, second]) == ["甲0甲1甲2甲3", "乙0乙1"]
