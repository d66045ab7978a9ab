"""Builders of hostile input files, in pure Python: each is small and makes a naive reader hang or blow up.

PDFs are written byte by byte (a real cross-reference table, so that pdfminer follows it);
.docx files are zipped by hand from the few parts python-docx needs. Every builder returns
the bytes; `write(folder, name, data)` puts them in a file.
"""

from __future__ import annotations

import zlib
from pathlib import Path

# --------------------------------------------------------------------------- PDF

FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def pdf_file(objects: list[bytes], root: int = 1) -> bytes:
    """A PDF of `objects` (object i+1 is objects[i]) with a correct xref table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, xref)
    return bytes(out)


def stream(data: bytes, entries: bytes = b"", length: bytes | None = None) -> bytes:
    """A stream object body; `length` overrides the /Length value (e.g. b"4 0 R")."""
    size = length if length is not None else b"%d" % len(data)
    return b"<< " + entries + b" /Length " + size + b" >>\nstream\n" + data + b"\nendstream"


def one_page_pdf(content: bytes, extra: list[bytes] | None = None, resources: bytes = b"",
                 content_entries: bytes = b"", font: bytes = FONT, contents: bytes = b"4 0 R") -> bytes:
    """Catalog 1, Pages 2, Page 3, content stream 4, font 5, then `extra` objects from 6."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents " + contents +
        b" /Resources << /Font << /F1 5 0 R >> " + resources + b" >> >>",
        stream(content, content_entries),
        font,
        *(extra or []),
    ]
    return pdf_file(objects)


HELLO = b"BT /F1 12 Tf 72 720 Td (Hello) Tj ET"


def with_stream(data: bytes, entries: bytes) -> bytes:
    """A one-page PDF saying Hello whose page also draws a second content stream (object 6)."""
    return one_page_pdf(HELLO, extra=[stream(data, entries)], contents=b"[4 0 R 6 0 R]")


def pdf_self_length() -> bytes:
    """About 470 bytes: the content stream's /Length is a reference to the stream itself."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        stream(b"BT /F1 12 Tf 72 720 Td (Hello) Tj ET", length=b"4 0 R"),
        FONT,
    ]
    return pdf_file(objects)


def pdf_length_cycle() -> bytes:
    """Two streams whose /Length each point at the other."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents [4 0 R 6 0 R] "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        stream(b"BT /F1 12 Tf 72 720 Td (Hello) Tj ET", length=b"6 0 R"),
        FONT,
        stream(b"BT /F1 12 Tf 72 700 Td (World) Tj ET", length=b"4 0 R"),
    ]
    return pdf_file(objects)


def pdf_xobject_fanout(levels: int = 8, fan: int = 10) -> bytes:
    """Form XObject k draws XObject k+1 `fan` times, `levels` deep: fan**levels draws of one word."""
    first = 6
    extra = []
    for level in range(levels):
        number = first + level
        if level < levels - 1:
            body = b" ".join(b"q 1 0 0 1 %d 0 cm /X Do Q" % i for i in range(fan))
            res = b"<< /XObject << /X %d 0 R >> /Font << /F1 5 0 R >> >>" % (number + 1)
        else:
            body = b"BT /F1 1 Tf 0 0 Td (x) Tj ET"
            res = b"<< /Font << /F1 5 0 R >> >>"
        extra.append(stream(body, b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources " + res))
    content = b"BT /F1 12 Tf 72 800 Td (Fan out) Tj ET /X Do"
    return one_page_pdf(content, extra, resources=b"/XObject << /X %d 0 R >>" % first)


def pdf_many_lines(count: int = 14000) -> bytes:
    """One page holding `count` short lines of text (a tiny font, stacked)."""
    step = 800 / count
    body = b"".join(b"BT /F1 1 Tf 20 %.4f Td (line %d) Tj ET\n" % (20 + i * step, i) for i in range(count))
    return one_page_pdf(body)


def pdf_scattered_words(count: int = 20000, seed: int = 7) -> bytes:
    """One page with `count` words at pseudo-random positions."""
    state = seed
    parts = []
    for i in range(count):
        state = (state * 1103515245 + 12345) % 2**31
        x, y = 10 + state % 570, 10 + (state // 577) % 820
        parts.append(b"BT /F1 4 Tf %d %d Td (w%d) Tj ET\n" % (x, y, i))
    return one_page_pdf(b"".join(parts))


def deflate_zeros(size: int) -> bytes:
    """zlib data that inflates to `size` zero bytes (size // 1000 bytes long), built in milliseconds.

    One MB of zeros is deflated once, ending in a full flush so that the block stands alone,
    and repeated; an empty final block and the Adler-32 of `size` zeros close the stream.
    """
    chunk = 1024 * 1024
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = packer.compress(bytes(chunk)) + packer.flush(zlib.Z_FULL_FLUSH)
    tail = zlib.compressobj(9, zlib.DEFLATED, -15)
    rest = tail.compress(bytes(size % chunk)) + tail.flush(zlib.Z_FINISH)
    adler = ((size % 65521) << 16) | 1  # A stays 1, B adds 1 per zero byte
    return b"\x78\xda" + block * (size // chunk) + rest + adler.to_bytes(4, "big")


def pdf_flate_bomb(size: int = 1024 ** 3) -> bytes:
    """About 1 MB: a Flate content stream that inflates to `size` bytes (1 GB)."""
    return with_stream(deflate_zeros(size), b"/Filter /FlateDecode")


def pdf_nested_flate_bomb() -> bytes:
    """Flate inside Flate: a few KB that inflate to 1 MB, which inflates to 1 GB."""
    return with_stream(zlib.compress(deflate_zeros(1024 ** 3), 9), b"/Filter [/FlateDecode /FlateDecode]")


def pdf_long_string(chars: int = 3_000_000) -> bytes:
    """One Tj of a few million characters: every character becomes a layout object."""
    content = b"BT /F1 1 Tf 10 400 Td (" + b"a" * chars + b") Tj ET"
    return one_page_pdf(zlib.compress(content), content_entries=b"/Filter /FlateDecode")


def pdf_many_paths(count: int = 2_000_000) -> bytes:
    """A content stream of a few million path operators (compressed: about 100 KB)."""
    content = b"BT /F1 12 Tf 72 720 Td (Paths) Tj ET\n" + b"0 0 m 1 1 l S\n" * count
    return one_page_pdf(zlib.compress(content, 9), content_entries=b"/Filter /FlateDecode")


def pdf_giant_string(size: int = 24 * 1024 * 1024) -> bytes:
    """The page dictionary holds one string of `size` bytes (pdfminer builds long tokens quadratically)."""
    return one_page_pdf(HELLO, resources=b"/Junk (" + b"A" * size + b")")


def pdf_open_string(escapes: int = 300_000) -> bytes:
    """A content stream whose last string never closes, made of octal escapes: pdfminer adds
    them to the string one byte at a time, copying the string each time."""
    return one_page_pdf(HELLO + b" (" + b"\\101" * escapes)


def pdf_cmap_bomb() -> bytes:
    """A font whose ToUnicode map is one range of four billion codes (a 200-byte stream)."""
    cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
            b"1 begincodespacerange <00000000> <FFFFFFFF> endcodespacerange\n"
            b"1 beginbfrange <00000000> <FFFFFFFF> <0041> endbfrange\n"
            b"endcmap CMapName currentdict /CMap defineresource pop end end")
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>"
    return one_page_pdf(HELLO, extra=[stream(cmap)], font=font)


def pdf_reference_cycle() -> bytes:
    """The page's resources are object 6, which is a reference to 7, which refers back to 6."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources 6 0 R >>",
        stream(b"BT /F1 12 Tf 72 720 Td (Hello) Tj ET"),
        FONT,
        b"7 0 R",
        b"6 0 R",
    ]
    return pdf_file(objects)


def pdf_predictor_bomb(columns: int = 2_000_000_000) -> bytes:
    """A small Flate stream with a PNG predictor declaring rows two billion bytes wide."""
    entries = b"/Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns %d >>" % columns
    return with_stream(zlib.compress(b"\x02" + bytes(4000)), entries)


def lzw_zeros(cycles: int, codes: int = 3800) -> bytes:
    """PDF LZW data of `cycles` runs of about codes**2/2 zero bytes each (a few KB per run).

    After a clear code, the codes 0, 258, 259, ... each name the previous string plus one zero,
    so the decoder builds ever longer runs; the code width follows the decoder (early change).
    """
    out, value, filled = bytearray(), 0, 0
    width = 9

    def put(code: int, bits: int) -> None:
        nonlocal value, filled
        value, filled = (value << bits) | code, filled + bits
        while filled >= 8:
            filled -= 8
            out.append((value >> filled) & 0xFF)
        value &= (1 << filled) - 1

    for _ in range(cycles):
        put(256, width)
        width, table = 9, 258
        put(0, width)
        for code in range(258, 258 + codes):
            put(code, width)
            table += 1
            width = {511: 10, 1023: 11, 2047: 12}.get(table, width)
    put(257, width)
    if filled:
        out.append((value << (8 - filled)) & 0xFF)
    return bytes(out)


def pdf_lzw_bomb(cycles: int = 12) -> bytes:
    """About 70 KB of LZW that decodes to about 90 MB."""
    return with_stream(lzw_zeros(cycles), b"/Filter /LZWDecode")


def pdf_runlength_bomb(size: int = 2 * 1024 * 1024) -> bytes:
    """`size` bytes of RunLength data, each pair a run of 128 zeros: 64 times as much decoded."""
    return with_stream(b"\x81\x00" * (size // 2) + b"\x80", b"/Filter /RunLengthDecode")


def pdf_endless_objects() -> bytes:
    """No page tree, and a cross-reference stream claiming a billion objects: pdfminer looks for
    pages by trying every object number the stream names."""
    head = b"%PDF-1.5\n"
    catalog = b"1 0 obj\n<< /Type /Catalog >>\nendobj\n"
    entries = b"\x00\x00\x00\x00" + b"\x01" + len(head).to_bytes(2, "big") + b"\x00"
    xref_at = len(head) + len(catalog)
    entries += b"\x01" + xref_at.to_bytes(2, "big") + b"\x00"
    xref = (b"2 0 obj\n<< /Type /XRef /Size 1000000000 /Index [0 1000000000] /W [1 2 1] /Root 1 0 R "
            b"/Length %d >>\nstream\n" % len(entries) + entries + b"\nendstream\nendobj\n")
    return head + catalog + xref + b"startxref\n%d\n%%%%EOF\n" % xref_at


def pdf_text(lines: list[str]) -> bytes:
    """A legitimate one-page PDF with ASCII lines (for sanity checks of the builders)."""
    body = b"".join(b"BT /F1 12 Tf 72 %d Td (%s) Tj ET\n" % (780 - 16 * i, line.encode("ascii"))
                    for i, line in enumerate(lines))
    return one_page_pdf(body)


# --------------------------------------------------------------------------- DOCX

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
</Types>"""
_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""
_DOC_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
</Relationships>"""
_EMPTY_STYLES = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles xmlns:w="{W}"/>'


def docx_file(body: str, numbering: str = "", styles: str = "") -> bytes:
    """A minimal .docx: `body` is the inside of <w:body>, `numbering` the inside of <w:numbering>."""
    import io
    import zipfile

    document = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>'
    numbering_xml = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:numbering xmlns:w="{W}">{numbering}</w:numbering>'
    styles_xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles xmlns:w="{W}">{styles}</w:styles>'
                  if styles else _EMPTY_STYLES)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("word/_rels/document.xml.rels", _DOC_RELS)
        archive.writestr("word/document.xml", document)
        archive.writestr("word/numbering.xml", numbering_xml)
        archive.writestr("word/styles.xml", styles_xml)
    return buffer.getvalue()


def _paragraph(text: str, num_id: str | None = None, ilvl: int = 0, style: str | None = None) -> str:
    props = ""
    if style:
        props += f'<w:pStyle w:val="{style}"/>'
    if num_id:
        props += f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'
    return f"<w:p><w:pPr>{props}</w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"


def docx_bad_zip_version() -> bytes:
    """A .docx whose central directory asks for zip version 19.1 (one damaged byte)."""
    data = bytearray(docx_file(_paragraph("依法行政。")))
    central = data.find(b"PK\x01\x02")
    data[central + 6] = 191  # "version needed to extract"
    return bytes(data)


def docx_huge_numbering(start: int = 10 ** 10, fmt: str = "upperRoman", paragraphs: int = 3) -> bytes:
    """A list whose numbering starts at `start`, shown in `fmt` (Roman numerals by default)."""
    numbering = (
        f'<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="{start}"/>'
        f'<w:numFmt w:val="{fmt}"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
    )
    body = "".join(_paragraph(f"第{i}项工作情况。", "1") for i in range(paragraphs))
    return docx_file(body, numbering)


def docx_style_cycle() -> bytes:
    """Two paragraph styles each based on the other."""
    styles = ('<w:style w:type="paragraph" w:styleId="A"><w:name w:val="Style A"/><w:basedOn w:val="B"/></w:style>'
              '<w:style w:type="paragraph" w:styleId="B"><w:name w:val="Style B"/><w:basedOn w:val="A"/></w:style>')
    return docx_file(_paragraph("依法行政工作情况。", style="A"), styles=styles)


def docx_many_paragraphs(count: int = 300_000) -> bytes:
    """Far more paragraphs than any report, numbered so that they do not compress like a bomb."""
    return docx_file("".join(_paragraph(f"第{i}段，编号{i * 7919 % 100003}。") for i in range(count)))


def docx_wide_span(span: int = 10 ** 9) -> bytes:
    """A table cell that spans a billion grid columns."""
    cell = f'<w:tc><w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr><w:p><w:r><w:t>合并单元格</w:t></w:r></w:p></w:tc>'
    return docx_file(f"<w:tbl><w:tr>{cell}</w:tr></w:tbl>" + _paragraph("依法行政。"))


def docx_long_vertical_merge(rows: int = 5000) -> bytes:
    """A table whose first column is one cell merged down `rows` rows."""
    first = '<w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>类别</w:t></w:r></w:p></w:tc>'
    rest = '<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>'
    body = "".join(
        f"<w:tr>{first if i == 0 else rest}<w:tc><w:p><w:r><w:t>第{i}行</w:t></w:r></w:p></w:tc></w:tr>" for i in range(rows))
    return docx_file(f"<w:tbl>{body}</w:tbl>")


# --------------------------------------------------------------------------- text and HTML


def text_one_letter(size: int = 8 * 1024 * 1024) -> bytes:
    return b"a" * size


def text_many_lines(size: int = 8 * 1024 * 1024) -> bytes:
    return b"\n" * (size - 1) + b"a"


def html_many_paragraphs(count: int = 1_000_000) -> bytes:
    """About 16 MB: a page of a million short paragraphs."""
    return b"<html><body><div>" + b"<p>\xe6\xb3\x95\xe6\xb2\xbb</p>\n" * count + b"</div></body></html>"


def html_deep_nesting(depth: int = 100_000) -> bytes:
    """Elements nested far deeper than any page."""
    text = "依法行政，建设法治政府。".encode("utf-8")
    return b"<html><body>" + b"<div><span>" * depth + text + b"</span></div>" * depth + b"</body></html>"


def html_nested_inline(depth: int = 240, sentences: int = 16_000) -> bytes:
    """A long text inside inline elements nested as deep as lxml allows (255), every one of
    them a navigation block: naive scoring measures the whole text once per level."""
    prose = "依法行政，建设法治政府，推进严格规范公正文明执法。".encode("utf-8") * sentences
    opening = b"".join(b'<span class="nav">' if i % 2 else b"<font>" for i in range(depth))
    closing = b"".join(b"</span>" if i % 2 else b"</font>" for i in reversed(range(depth)))
    return b"<html><body><div>" + opening + prose + closing + b"</div></body></html>"


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def text_without_a_stop(chars: int = 420_000, width: int = 28) -> bytes:
    """A paragraph of `chars` characters that never ends a sentence, wrapped every `width` characters (0: one line)."""
    text = ("法治政府建设年度报告依法行政复议案件" * (chars // 18 + 1))[:chars]
    lines = [text[i:i + width] for i in range(0, chars, width)] if width else [text]
    return "\n".join(lines).encode("utf-8")


def text_of_a_blank_line(chars: int = 200_000) -> bytes:
    """A report's opening, then one line of spaces only: every split of the run could be a page number's margins."""
    opening = "青山市人民政府关于2024年度法治政府建设情况的报告\n全市办理行政复议案件206件。\n"
    return (opening + " " * chars + "\n全年审核规范性文件46件。").encode("utf-8")


def text_of_one_long_list(chars: int = 200_000) -> bytes:
    """A report's opening, then one sentence listing the same work again and again (重点工作、重点工作、…) that never
    ends in 等 or a count: every item could open the opening summary's list of the year's work."""
    opening = "青山市人民政府关于2024年度法治政府建设情况的报告\n2024年，市政府主要领导对"
    return (opening + "重点工作、" * (chars // 5) + "。").encode("utf-8")


def text_of_counted_acts(chars: int = 300_000) -> bytes:
    """A report's opening, then one sentence of acts each followed by its count (开展…清理，共清理文件41件，…): every
    count could complete the act before it, and each clause's words are looked up once, not once per clause."""
    opening = "青山市人民政府关于2024年度法治政府建设情况的报告\n一、主要举措和成效\n"
    return (opening + "开展规范性文件清理，共清理文件41件，" * (chars // 19) + "。").encode("utf-8")


def text_of_address_characters(chars: int = 400_000) -> bytes:
    """One run of the characters a web address is made of (a.a.a.…) with no address in it, after a report's
    opening: every place in it could start an address, and none ends one."""
    opening = "青山市人民政府关于2024年度法治政府建设情况的报告\n全市办理行政复议案件206件。\n"
    return (opening + "a." * (chars // 2)).encode("utf-8")


def text_of_addresses(lines: int = 20_000, sites: int = 50) -> bytes:
    """A report's opening, then many lines each naming one of `sites` web addresses: stamps to look for everywhere."""
    opening = "青山市人民政府关于2024年度法治政府建设情况的报告\n全市办理行政复议案件206件。\n"
    return (opening + "".join(f"段落{i}www.site{i % sites}.com继续。\n" for i in range(lines))).encode("utf-8")
