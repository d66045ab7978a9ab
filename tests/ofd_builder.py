"""Build OFD files (GB/T 33190-2016) by hand: the XML of each part, zipped.

`layout_report` sets a report's lines on A4 pages the way GB/T 9704 sets a 公文: a centred title
in a larger size, body lines of 28 characters at 三号 with a two-character first-line indent,
22 lines a page, and the page number (— 1 —) under the type area, odd pages right, even left.
`build_ofd` writes the pages in one of three ways producers do:

- "line": a TextObject per line, one TextCode whose DeltaX uses the `g n v` shorthand;
- "char": a TextObject per character (converters from print streams), inside a PageBlock;
- "block": a TextObject per paragraph, a TextCode per line (X and Y inherited where unchanged).
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

NS = "http://www.ofdspec.org/2016"
PAGE = (210.0, 297.0)  # A4, mm
LEFT, TOP, TYPE_WIDTH = 27.0, 37.0, 156.8  # GB/T 9704 type area: 28 characters of 5.6 mm
BODY, TITLE, FOOT = 5.6, 7.8, 4.9  # 三号, 二号, 四号 in mm
PITCH, ROWS = 10.2, 22  # 22 lines in the 225 mm type area
FOOT_BASELINE = TOP + 225 + 7 + FOOT  # 7 mm under the type area
CN_HEADING = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[)）])")


@dataclass
class Run:
    """One line of text on a page: its left edge and baseline in mm."""

    text: str
    x: float
    y: float
    size: float = BODY
    paragraph: int = 0  # runs of one paragraph share a TextObject in the "block" style


def width(char: str, size: float) -> float:
    return size if unicodedata.east_asian_width(char) in ("W", "F", "A") else size / 2


def wrap(text: str, first: float, rest: float, size: float) -> list[str]:
    """Cut `text` into lines no wider than `first` (the first line) and then `rest`."""
    lines, current, used = [], "", 0.0
    for char in text:
        room = first if not lines else rest
        if current and used + width(char, size) > room + 0.01:
            lines.append(current)
            current, used = "", 0.0
        current += char
        used += width(char, size)
    return lines + [current] if current else lines


def is_title(line: str) -> bool:
    return len(line) < 60 and "。" not in line and not CN_HEADING.match(line) and "," not in line and "，" not in line


def layout_report(lines: list[str], footer: bool = True, header: str | None = None) -> list[list[Run]]:
    """The report's lines on pages; the first line is a title when it reads like one."""
    rows: list[Run] = []
    for index, line in enumerate(lines):
        if index == 0 and is_title(line):
            for part in wrap(line, TYPE_WIDTH - 2 * TITLE, TYPE_WIDTH - 2 * TITLE, TITLE):
                rows.append(Run(part, LEFT + (TYPE_WIDTH - sum(width(c, TITLE) for c in part)) / 2, 0, TITLE, index))
            rows.append(Run("", LEFT, 0, BODY, -1))  # a blank line under the title
            continue
        parts = wrap(line, TYPE_WIDTH - 2 * BODY, TYPE_WIDTH, BODY)
        rows.extend(Run(part, LEFT + (2 * BODY if n == 0 else 0), 0, BODY, index) for n, part in enumerate(parts))
    pages = []
    for start in range(0, len(rows), ROWS):
        page = []
        for row, run in enumerate(rows[start:start + ROWS]):
            if run.text:
                run.y = TOP + run.size + row * PITCH
                page.append(run)
        number = len(pages) + 1
        if footer:
            page.append(page_number(number))
        if header:
            page.insert(0, Run(header, LEFT + (TYPE_WIDTH - len(header) * FOOT) / 2, 20.0, FOOT, -2))
        pages.append(page)
    return pages


def page_number(number: int) -> Run:
    text = f"— {number} —"
    span = sum(width(c, FOOT) for c in text)
    x = LEFT + TYPE_WIDTH - FOOT - span if number % 2 else LEFT + FOOT
    return Run(text, x, FOOT_BASELINE, FOOT, -3)


# --------------------------------------------------------------------------- XML


def delta_x(text: str, size: float) -> str:
    """The advance after each character but the last, runs of three or more written `g n v`."""
    steps = [f"{width(char, size):g}" for char in text[:-1]]
    out, index = [], 0
    while index < len(steps):
        end = index
        while end < len(steps) and steps[end] == steps[index]:
            end += 1
        out.append(f"g {end - index} {steps[index]}" if end - index >= 3 else " ".join(steps[index:end]))
        index = end
    return " ".join(out)


def text_object(ident: int, x: float, top: float, w: float, h: float, size: float, codes: list[str]) -> str:
    return (f'<ofd:TextObject ID="{ident}" Boundary="{x:.3f} {top:.3f} {w:.3f} {h:.3f}" Font="1" Size="{size:g}">'
            f'<ofd:FillColor Value="0 0 0"/>{"".join(codes)}</ofd:TextObject>')


def text_code(text: str, x: float | None, y: float | None, deltas: str | None = None) -> str:
    attrs = "".join(f' {name}="{value:.3f}"' for name, value in (("X", x), ("Y", y)) if value is not None)
    if deltas:
        attrs += f" DeltaX={quoteattr(deltas)}"
    return f"<ofd:TextCode{attrs}>{escape(text)}</ofd:TextCode>"


def objects(runs: list[Run], style: str = "line") -> str:
    """The page's text objects in the given style (see the module's docstring)."""
    out, ident = [], 100
    if style == "char":
        for run in runs:
            x = run.x
            for char in run.text:
                ident += 1
                out.append(text_object(ident, x, run.y - run.size, width(char, run.size), run.size * 1.2,
                                       run.size, [text_code(char, 0, run.size)]))
                x += width(char, run.size)
        return f'<ofd:PageBlock ID="99">{"".join(out)}</ofd:PageBlock>'
    groups: list[list[Run]] = []
    for run in runs:
        if style == "block" and groups and run.paragraph >= 0 and groups[-1][0].paragraph == run.paragraph:
            groups[-1].append(run)
        else:
            groups.append([run])
    for group in groups:
        ident += 1
        left = min(run.x for run in group)
        top = group[0].y - group[0].size
        right = max(run.x + sum(width(c, run.size) for c in run.text) for run in group)
        codes, previous_x = [], None
        for run in group:
            x = run.x - left
            codes.append(text_code(run.text, None if x == previous_x else x, run.y - top, delta_x(run.text, run.size)))
            previous_x = x
        out.append(text_object(ident, left, top, right - left, group[-1].y - top + group[-1].size * 0.3, group[0].size, codes))
    return "".join(out)


def content_xml(body: str, template: int | None = None, images: int = 0) -> str:
    tpl = f'<ofd:Template TemplateID="{template}" ZOrder="Background"/>' if template is not None else ""
    pictures = "".join(f'<ofd:ImageObject ID="{90 + n}" ResourceID="5" Boundary="0 0 210 297" CTM="210 0 0 297 0 0"/>'
                       for n in range(images))
    return (f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{NS}">{tpl}'
            f'<ofd:Content><ofd:Layer ID="2" Type="Body">{pictures}{body}</ofd:Layer></ofd:Content></ofd:Page>')


def ofd_xml(doc_root: str = "Doc_0/Document.xml", title: str | None = None) -> str:
    info = f"<ofd:Title>{escape(title)}</ofd:Title>" if title else ""
    return (f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="{NS}" Version="1.0" DocType="OFD">'
            f"<ofd:DocBody><ofd:DocInfo><ofd:DocID>7f3a</ofd:DocID>{info}"
            f"<ofd:CreationDate>2025-01-05</ofd:CreationDate></ofd:DocInfo>"
            f"<ofd:DocRoot>{escape(doc_root)}</ofd:DocRoot></ofd:DocBody></ofd:OFD>")


def document_xml(base_locs: list[str], template: str | None = None) -> str:
    pages = "".join(f'<ofd:Page ID="{10 + n}" BaseLoc={quoteattr(loc)}/>' for n, loc in enumerate(base_locs))
    tpl = f'<ofd:TemplatePage ID="3" BaseLoc="{template}"/>' if template else ""
    return (f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="{NS}"><ofd:CommonData>'
            f"<ofd:MaxUnitID>5000</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 {PAGE[0]:g} {PAGE[1]:g}</ofd:PhysicalBox>"
            f"</ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes>{tpl}</ofd:CommonData>"
            f"<ofd:Pages>{pages}</ofd:Pages><ofd:Annotations>Annots/Annotations.xml</ofd:Annotations></ofd:Document>")


PUBLIC_RES = (f'<?xml version="1.0" encoding="UTF-8"?><ofd:Res xmlns:ofd="{NS}" BaseLoc="Res"><ofd:Fonts>'
              '<ofd:Font ID="1" FontName="仿宋_GB2312" FamilyName="仿宋"/></ofd:Fonts></ofd:Res>')
ANNOTATIONS = (f'<?xml version="1.0" encoding="UTF-8"?><ofd:Annotations xmlns:ofd="{NS}">'
               '<ofd:Page PageID="10"><ofd:FileLoc>Page_0/Annotation.xml</ofd:FileLoc></ofd:Page></ofd:Annotations>')


def package(pages: list[str], title: str | None = None, absolute: bool = False, template_body: str | None = None,
            doc_root: str | None = None, base_locs: list[str] | None = None) -> dict[str, str | bytes]:
    """The parts of an OFD whose pages have the given Content.xml texts."""
    locs = base_locs or [(f"/Doc_0/Pages/Page_{n}/Content.xml" if absolute else f"Pages/Page_{n}/Content.xml")
                         for n in range(len(pages))]
    parts: dict[str, str | bytes] = {
        "OFD.xml": ofd_xml(doc_root or ("/Doc_0/Document.xml" if absolute else "Doc_0/Document.xml"), title),
        "Doc_0/Document.xml": document_xml(locs, "Tpls/Tpl_0/Content.xml" if template_body else None),
        "Doc_0/PublicRes.xml": PUBLIC_RES,
        "Doc_0/Annots/Annotations.xml": ANNOTATIONS,
    }
    for n, page in enumerate(pages):
        parts[f"Doc_0/Pages/Page_{n}/Content.xml"] = page
    if template_body:
        parts["Doc_0/Tpls/Tpl_0/Content.xml"] = content_xml(template_body)
    return parts


def write(parts: dict[str, str | bytes], target: Path) -> Path:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data.encode("utf-8") if isinstance(data, str) else data)
    return target


def build_ofd(pages: list[list[Run]], target: Path, style: str = "line", title: str | None = None,
              absolute: bool = False, template_header: str | None = None) -> Path:
    """An OFD of laid-out pages; `template_header` puts a running header in a template page."""
    template = objects([Run(template_header, LEFT, 20.0, FOOT)], "line") if template_header else None
    contents = [content_xml(objects(page, style), template=3 if template else None) for page in pages]
    return write(package(contents, title=title, absolute=absolute, template_body=template), target)


def report_ofd(lines: list[str], target: Path, style: str = "line", **kwargs) -> Path:
    return build_ofd(layout_report(lines), target, style=style, **kwargs)
