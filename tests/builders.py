"""Build the same report as .docx, .pdf and .html, the way offices and portals produce them.

- .docx: headings get Word heading styles, and 一、 / （一） come from a
  numbering definition (the number is not in the paragraph's characters);
  body paragraphs have a two-character first-line indent.
- .pdf: reportlab with its built-in Chinese font, wrapped lines, an indented
  first line per paragraph, a running header and page numbers on every page.
- .html: a portal page with navigation, breadcrumb, share bar and footer.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from lxml import etree

CN_L1 = re.compile(r"^[一二三四五六七八九十]{1,3}、")
CN_L2 = re.compile(r"^[（(][一二三四五六七八九十]{1,3}[)）]")
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def report_lines(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


# --------------------------------------------------------------------------- docx


def _add_numbering(document) -> tuple[str, str]:
    """A two-level Chinese list (一、 then （一）); returns its numId and a second numId restarting it."""
    numbering = document.part.numbering_part.element
    abstract = etree.SubElement(numbering, f"{{{W}}}abstractNum", {f"{{{W}}}abstractNumId": "90"})
    for ilvl, text in ((0, "%1、"), (1, "（%2）")):
        lvl = etree.SubElement(abstract, f"{{{W}}}lvl", {f"{{{W}}}ilvl": str(ilvl)})
        etree.SubElement(lvl, f"{{{W}}}start", {f"{{{W}}}val": "1"})
        etree.SubElement(lvl, f"{{{W}}}numFmt", {f"{{{W}}}val": "chineseCounting"})
        etree.SubElement(lvl, f"{{{W}}}lvlText", {f"{{{W}}}val": text})
    # abstractNum elements must come before num elements
    first_num = numbering.find(f"{{{W}}}num")
    if first_num is not None:
        first_num.addprevious(abstract)
    num = etree.SubElement(numbering, f"{{{W}}}num", {f"{{{W}}}numId": "90"})
    etree.SubElement(num, f"{{{W}}}abstractNumId", {f"{{{W}}}val": "90"})
    return "90", "90"


def _number(paragraph, num_id: str, ilvl: int) -> None:
    p_pr = paragraph._p.get_or_add_pPr()
    num_pr = etree.SubElement(p_pr, f"{{{W}}}numPr")
    etree.SubElement(num_pr, f"{{{W}}}ilvl", {f"{{{W}}}val": str(ilvl)})
    etree.SubElement(num_pr, f"{{{W}}}numId", {f"{{{W}}}val": num_id})


def build_docx(lines: list[str], target: Path, table_rows: list[list[str]] | None = None) -> Path:
    import docx
    from docx.shared import Pt

    document = docx.Document()
    num_id, _ = _add_numbering(document)
    for line in lines:
        if CN_L1.match(line):
            heading, _, rest = CN_L1.sub("", line).partition("。")
            paragraph = document.add_paragraph(heading, style="Heading 1")
            _number(paragraph, num_id, 0)
            if rest.strip():
                document.add_paragraph(rest).paragraph_format.first_line_indent = Pt(24)
        elif CN_L2.match(line) and len(line) < 60 and "。" not in line[:-1]:
            paragraph = document.add_paragraph(CN_L2.sub("", line), style="Heading 2")
            _number(paragraph, num_id, 1)
        else:
            paragraph = document.add_paragraph(line)
            paragraph.paragraph_format.first_line_indent = Pt(24)
    if table_rows:
        table = document.add_table(rows=len(table_rows), cols=len(table_rows[0]))
        for row, values in zip(table.rows, table_rows, strict=False):
            for cell, value in zip(row.cells, values, strict=False):
                cell.text = value
    document.save(str(target))
    return target


# --------------------------------------------------------------------------- pdf


def build_pdf(lines: list[str], target: Path, header: str = "法治政府建设情况报告", encrypt: str | None = None) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle("body", fontName="STSong-Light", fontSize=12, leading=20, wordWrap="CJK", firstLineIndent=24)
    heading = ParagraphStyle("heading", parent=body, firstLineIndent=0, spaceBefore=6)
    title = ParagraphStyle("title", parent=body, fontSize=16, leading=26, alignment=1, firstLineIndent=0)

    def running(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont("STSong-Light", 9)
        canvas.drawCentredString(A4[0] / 2, A4[1] - 40, header)
        canvas.drawCentredString(A4[0] / 2, 30, f"- {doc.page} -")
        canvas.restoreState()

    flow = []
    for index, line in enumerate(lines):
        style = title if index == 0 and len(line) < 60 and "。" not in line else (
            heading if (CN_L1.match(line) or CN_L2.match(line)) and len(line) < 60 else body)
        flow.append(Paragraph(html.escape(line), style))
    kwargs = {}
    if encrypt:
        from reportlab.lib import pdfencrypt

        kwargs["encrypt"] = pdfencrypt.StandardEncryption(encrypt, ownerPassword=encrypt + "-owner", canPrint=0, canCopy=0)
    SimpleDocTemplate(str(target), pagesize=A4, **kwargs).build(flow, onFirstPage=running, onLaterPages=running)
    return target


def build_blank_pdf(target: Path) -> Path:
    """A PDF with a page but no text: what a scanner produces, minus the image."""
    from reportlab.pdfgen import canvas

    page = canvas.Canvas(str(target))
    page.rect(100, 100, 300, 400, fill=1)
    page.showPage()
    page.save()
    return target


# --------------------------------------------------------------------------- html


def build_html(lines: list[str], target: Path, charset: str = "utf-8", published: str | None = None) -> Path:
    """A portal page; the report's first line is its headline when it reads like a title."""
    titled = len(lines[0]) < 60 and "。" not in lines[0]
    title, body = (lines[0], lines[1:]) if titled else ("", lines)
    headline = f'<h1 class="article-title">{html.escape(title)}</h1>' if titled else ""
    paragraphs = "\n".join(
        f"<h2>{html.escape(line)}</h2>" if CN_L1.match(line) and len(line) < 60 else f"<p>{html.escape(line)}</p>"
        for line in body
    )
    page = f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{html.escape(title) + "_" if titled else ""}某某区人民政府网</title>
{f'<meta name="PubDate" content="{published} 10:00">' if published else ""}
<script>var tracker = "统计代码";</script><style>p {{ text-indent: 2em; }}</style></head>
<body>
<div class="top-nav"><a href="/">首页</a> <a href="/xxgk">政务公开</a> <a href="/hdjl">互动交流</a> <a href="/bsfw">办事服务</a></div>
<div class="breadcrumb">当前位置：首页 &gt; 政务公开 &gt; 法治政府建设年度报告</div>
<div class="article">
{headline}
<div class="info">来源：区司法局 【字号：大 中 小】</div>
<div class="TRS_Editor">
{paragraphs}
</div>
<div class="share">分享到：微信 微博 QQ空间</div>
</div>
<div class="footer">主办：某某区人民政府办公室 版权所有 备案号：京ICP备12345678号 您是本站第 1234567 位访客</div>
</body></html>
"""
    target.write_bytes(page.encode(charset))
    return target


_WIDE = re.compile("[\u2e80-\u9fff\uff00-\uff60]")


def wrap_text(text: str, columns: int) -> str:
    """`text` as copied out of a PDF: each line broken where the next character would not fit in `columns`
    (CJK and full-width characters take two)."""
    out = []
    for line in text.split("\n"):
        current, used = "", 0
        for char in line:
            width = 2 if _WIDE.match(char) else 1
            if used + width > columns:
                out.append(current)
                current, used = "", 0
            current, used = current + char, used + width
        out.append(current)
    return "\n".join(out)


def wrap_characters(text: str, width: int) -> str:
    """`text` with each line broken every `width` characters, as some converters wrap."""
    return "\n".join(line[i:i + width] for line in text.split("\n") for i in range(0, max(len(line), 1), width))
