"""Word documents laid out as a Chinese official document (党政机关公文格式, GB/T 9704-2012).

What staff expect when they open a .docx fzcheck wrote: A4, the standard margins, the title in
小标宋 二号, body text in 仿宋 三号 with a two-character indent and a fixed 28-point line, level-1
headings in 黑体 and level-2 in 楷体, all black; not python-docx's US Letter with blue Calibri.
"""

from __future__ import annotations

from typing import Optional

# GB/T 9704-2012 §5.2: A4; 天头 37 mm, 订口 28 mm; the text block 156 × 225 mm.
PAGE_MM = (210, 297)
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
LINE_PT = 28  # 22 lines of 28 characters on the page: a fixed line of about 28 points
# style → (east-Asian font, size in points, bold): 二号 22 pt, 三号 16 pt. The plain names (仿宋, not
# 仿宋_GB2312) are the ones every Windows has; Word substitutes nothing for them.
FONTS = {
    "Title": ("方正小标宋简体", 22, False),
    "Heading 1": ("黑体", 16, False),
    "Heading 2": ("楷体", 16, False),
    "Heading 3": ("仿宋", 16, True),
    "Normal": ("仿宋", 16, False),
}
LATIN_FONT = "Times New Roman"  # figures and Latin letters in official documents
INDENT_CHARS = 2


def official_document(author: str = "fzcheck", title: str = ""):
    """A new, empty python-docx Document with the official page and styles."""
    import docx

    document = docx.Document()
    apply_official_layout(document)
    properties = document.core_properties
    properties.author = author
    properties.last_modified_by = author
    properties.title = title
    properties.comments = ""
    return document


def apply_official_layout(document) -> None:
    """Page size, margins and the four styles fzcheck writes with."""
    from docx.shared import Mm

    for section in document.sections:
        section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
        section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
        section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    for name, (font, size, bold) in FONTS.items():
        _style(document.styles[name], font, size, bold)
    _plain_title(document.styles["Title"])


def _plain_title(style) -> None:
    """Centred, without the rule python-docx's template draws under a title."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn

    style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    properties = style.element.pPr
    border = properties.find(qn("w:pBdr")) if properties is not None else None
    if border is not None:
        properties.remove(border)


def _style(style, font: str, size: int, bold: bool) -> None:
    from docx.enum.text import WD_LINE_SPACING
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    style.font.name = LATIN_FONT
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = False
    style.font.color.rgb = RGBColor(0, 0, 0)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), font)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)  # a theme font would win over the names above
    paragraph = style.paragraph_format
    paragraph.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    paragraph.line_spacing = Pt(LINE_PT if size <= 16 else size * 1.5)
    paragraph.space_before = paragraph.space_after = Pt(0)


def body_paragraph(document, text: str, style: Optional[str] = None):
    """A paragraph of body text, indented two characters as official documents are."""
    from docx.shared import Pt

    paragraph = document.add_paragraph(text, style=style)
    size = FONTS.get(style or "Normal", FONTS["Normal"])[1]
    paragraph.paragraph_format.first_line_indent = Pt(size * INDENT_CHARS)
    return paragraph
