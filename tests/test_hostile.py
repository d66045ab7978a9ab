"""Hostile files fail fast with a clear error, or are read correctly; legitimate files read as before.

Each hostile file is built here (tests/hostile.py) and read in a child process under an address-space
limit, so that a regression shows as a failed test rather than a machine out of memory. Times are
generous guards (CI shares its cores): the readers answer in a second or two.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from checker.document.ingest import read_source

from . import hostile
from .builders import build_docx, build_html, build_pdf, report_lines
from .conftest import ROOT, SEEDS

MEMORY_LIMIT = 1536 * 1024 * 1024  # RLIMIT_AS of the child: a regression fails with MemoryError
SECONDS = 20.0
PEAK_MB = 450  # resident memory of the whole child, interpreter and libraries included

_CHILD = r"""
import json, resource, sys
resource.setrlimit(resource.RLIMIT_AS, (int(sys.argv[3]), int(sys.argv[3])))
from checker.errors import FzError
path, mode = sys.argv[1], sys.argv[2]
try:
    if mode == "read":
        from checker.document.ingest import read_source
        source = read_source(path)
        out = {"lines": [line.text[:300] for line in source.lines[:60]], "count": len(source.lines),
               "chars": sum(len(line.text) for line in source.lines)}
    else:
        from checker.run.engine import Checker
        result = Checker().check_file(path)
        out = {"result_error": result.error and {"code": result.error.code, "message": result.error.message}}
except FzError as error:
    out = {"code": error.code, "zh": error.zh, "en": error.en, "message": error.message()}
out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
print(json.dumps(out, ensure_ascii=False))
"""


def isolated(path: Path, mode: str = "read") -> tuple[dict, float]:
    """Read (or check) `path` in a child process with a memory limit: its answer and the time taken."""
    start = time.monotonic()
    done = subprocess.run([sys.executable, "-c", _CHILD, str(path), mode, str(MEMORY_LIMIT)],
                          capture_output=True, text=True, timeout=180, cwd=ROOT)
    elapsed = time.monotonic() - start
    assert done.returncode == 0 and done.stdout.strip(), done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1]), elapsed


def _bilingual(out: dict) -> None:
    assert any("\u4e00" <= ch <= "\u9fff" for ch in out["zh"]), out
    assert out["en"] and out["en"].isascii(), out
    assert "\n" not in out["message"] and f"({out['en']})" in out["message"]


def _text(out: dict) -> str:
    return "\n".join(out.get("lines", []))


# name, builder, suffix, expected: an error code, or a check of what was read
HOSTILE = [
    ("hand-written-pdf-is-readable", lambda: hostile.pdf_text(["Hello world", "Second line"]), ".pdf",
     lambda out: out["lines"] == ["Hello worldSecond line"]),
    # 1. list numbering from 10**10 in Roman numerals: shown in Arabic digits
    ("roman-numbering", lambda: hostile.docx_huge_numbering(), ".docx",
     lambda out: out["lines"][0].startswith("10000000000.") and out["lines"][1].startswith("10000000001.")),
    ("chinese-numbering", lambda: hostile.docx_huge_numbering(fmt="chineseCounting"), ".docx",
     lambda out: out["lines"][0].startswith("10000000000.")),
    ("style-cycle", hostile.docx_style_cycle, ".docx", lambda out: out["lines"] == ["依法行政工作情况。"]),
    ("cell-spanning-a-billion-columns", hostile.docx_wide_span, ".docx",
     lambda out: out["lines"] == ["合并单元格", "依法行政。"]),
    ("vertical-merge-of-5000-rows", hostile.docx_long_vertical_merge, ".docx",
     lambda out: out["count"] == 5000 and out["lines"][:2] == ["类别  第0行", "类别  第1行"]),
    ("300000-paragraphs", hostile.docx_many_paragraphs, ".docx", "too-long"),
    # 2. a stream whose /Length refers to itself (or two that refer to each other): read to `endstream`
    ("self-referencing-length", hostile.pdf_self_length, ".pdf", lambda out: out["lines"] == ["Hello"]),
    ("length-cycle", hostile.pdf_length_cycle, ".pdf", lambda out: "Hello" in _text(out) and "World" in _text(out)),
    # PDFium reads a page whose resources are a loop as a page without resources (its text in the
    # default font), and finds no pages in a cross-reference stream of a billion entries.
    ("reference-cycle", hostile.pdf_reference_cycle, ".pdf", lambda out: out["lines"] == ["Hello"]),
    ("billion-object-xref-without-pages", hostile.pdf_endless_objects, ".pdf", "corrupt"),
    # 3. form XObjects fanning out 10**8 draws: PDFium runs out of memory in the reader's child process
    ("xobject-fan-out", hostile.pdf_xobject_fanout, ".pdf", "too-complex"),
    # 4. one page of 14,000 lines, or 20,000 scattered words
    ("14000-lines-on-a-page", hostile.pdf_many_lines, ".pdf", "too-complex"),
    ("20000-scattered-words", hostile.pdf_scattered_words, ".pdf", "too-complex"),
    ("3000-scattered-words", lambda: hostile.pdf_scattered_words(3000), ".pdf",
     lambda out: out["chars"] >= sum(len(f"w{i}") for i in range(3000))),
    ("3-million-character-string", hostile.pdf_long_string, ".pdf", "too-complex"),
    # PDFium parses the paths (in the reader's child, half a GB) and reads the one word.
    ("2-million-path-operators", hostile.pdf_many_paths, ".pdf", lambda out: out["lines"] == ["Paths"]),
    # 5. decompression bombs: PDFium inflates without a bound, and aborts in the reader's child when its
    # memory runs out (a clear error here); LZW's 90 MB fit within it, and PDFium refuses RunLength data
    # decoding past 20 MB, reading the page without that stream.
    ("flate-1mb-to-1gb", hostile.pdf_flate_bomb, ".pdf", "too-complex"),
    ("flate-inside-flate", hostile.pdf_nested_flate_bomb, ".pdf", "too-complex"),
    ("lzw-bomb", hostile.pdf_lzw_bomb, ".pdf", lambda out: out["lines"] == ["Hello"]),
    ("run-length-bomb", hostile.pdf_runlength_bomb, ".pdf", lambda out: out["lines"] == ["Hello"]),
    ("predictor-rows-of-two-billion-bytes", hostile.pdf_predictor_bomb, ".pdf", lambda out: out["lines"] == ["Hello"]),
    # PDFium looks a code up in a range when it meets it (Hello's letters, moved up the range as it says);
    # long and unclosed strings cost it nothing.
    ("cmap-range-of-four-billion", hostile.pdf_cmap_bomb, ".pdf", lambda out: out["count"] == 1 and out["chars"] == 5),
    ("24mb-string", hostile.pdf_giant_string, ".pdf", lambda out: out["lines"] == ["Hello"]),
    ("string-left-open-over-300000-escapes", hostile.pdf_open_string, ".pdf", lambda out: out["lines"] == ["Hello"]),
    ("zip-version-19.1", hostile.docx_bad_zip_version, ".docx", "corrupt"),
    # 6. far more text than a report
    ("8mb-of-one-letter", hostile.text_one_letter, ".txt", "too-long"),
    ("8-million-lines", hostile.text_many_lines, ".txt", "too-long"),
    ("8mb-markdown", hostile.text_one_letter, ".md", "too-long"),
    ("markdown-heading-with-200000-spaces-inside", lambda: "# 标题".encode() + b" " * 200_000 + "结束 ##".encode(), ".md",
     lambda out: out["count"] == 1 and out["lines"][0].startswith("标题   ") and out["chars"] == 200_004),
    ("million-paragraph-page", hostile.html_many_paragraphs, ".html", "too-complex"),
    ("elements-nested-100000-deep", hostile.html_deep_nesting, ".html", "too-complex"),
    ("long-text-in-inline-elements-240-deep", hostile.html_nested_inline, ".html",
     lambda out: out["count"] == 1 and out["chars"] == 400_000),
]


@pytest.mark.parametrize("name,builder,suffix,expected", HOSTILE, ids=[case[0] for case in HOSTILE])
def test_hostile_file_fails_fast_or_is_read(tmp_path, name, builder, suffix, expected):
    path = hostile.write(tmp_path, f"hostile{suffix}", builder())
    out, elapsed = isolated(path)
    assert elapsed < SECONDS, (name, elapsed)
    assert out["peak_mb"] < PEAK_MB, (name, out["peak_mb"])
    if isinstance(expected, str):
        assert out.get("code") == expected, (name, out)
        _bilingual(out)
    else:
        assert "code" not in out, (name, out)
        assert expected(out), (name, out)


@pytest.mark.parametrize("width", [0, 28], ids=["one-line", "wrapped"])
def test_a_text_that_never_ends_a_sentence_is_checked_in_time(tmp_path, width):
    """420,000 characters without a stop: one sentence, on one line or wrapped (joined into one paragraph)."""
    path = hostile.write(tmp_path, "report.txt", hostile.text_without_a_stop(width=width))
    out, elapsed = isolated(path, "check")
    assert elapsed < SECONDS and out["result_error"] is None, (elapsed, out)


@pytest.mark.parametrize("builder", [hostile.text_of_a_blank_line, hostile.text_of_one_long_list,
                                     hostile.text_of_counted_acts],
                         ids=["a line of spaces", "a list that never ends", "acts and their counts"])
def test_a_long_run_of_one_kind_is_read_once(tmp_path, builder):
    """A run of spaces is tried as a page number's margins once, a list that never ends as the year's work from each
    item a bounded way, and a sentence of many clauses has each clause's words found once: none is read again from
    each of its places (the list took minutes, the counted acts over a minute at 300 KB)."""
    path = hostile.write(tmp_path, "report.txt", builder())
    out, elapsed = isolated(path, "check")
    assert elapsed < SECONDS and out["result_error"] is None, (elapsed, out)


@pytest.mark.parametrize("builder", [hostile.text_of_address_characters, hostile.text_of_addresses],
                         ids=["a run of address characters", "thousands of addresses"])
def test_a_text_full_of_web_addresses_is_checked_in_time_and_memory(tmp_path, builder):
    """Looking for a copy site's stamp reads a run of address characters once, not once from each of them, and keeps
    no more of the text before each address than a stamp's words."""
    path = hostile.write(tmp_path, "report.txt", builder())
    out, elapsed = isolated(path, "check")
    assert elapsed < SECONDS and out["result_error"] is None, (elapsed, out)


@pytest.mark.parametrize("builder,suffix,code", [
    (hostile.text_one_letter, ".txt", "too-long"),
    (hostile.pdf_flate_bomb, ".pdf", "too-complex"),
    (hostile.pdf_xobject_fanout, ".pdf", "too-complex"),
], ids=["text", "flate", "fan-out"])
def test_the_checker_reports_a_hostile_file_as_one_clear_error(tmp_path, builder, suffix, code):
    path = hostile.write(tmp_path, f"report{suffix}", builder())
    out, elapsed = isolated(path, mode="check")
    assert elapsed < SECONDS + 10
    error = out["result_error"]
    assert error and error["code"] == code, out
    assert f"report{suffix}" in error["message"] and "\n" not in error["message"]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in error["message"]) and "(" in error["message"]


# --------------------------------------------------------------------------- legitimate files, as before

SEED = SEEDS / "001_7724204651865b79.txt"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, Path]:
    lines = report_lines(SEED)
    out = tmp_path_factory.mktemp("rendered")
    return {
        "txt": SEED,
        "docx": build_docx(lines, out / "r.docx", table_rows=[["指标", "数值"], ["行政复议收案", "206件"]]),
        "pdf": build_pdf(lines, out / "r.pdf"),
        "html": build_html(lines, out / "r.html", charset="gbk"),
    }


def test_rendered_seeds_get_the_statuses_of_the_text(checker, rendered):
    results = {fmt: checker.check_file(str(path)) for fmt, path in rendered.items()}
    baseline = {f.rule: f.status for f in results["txt"].findings}
    for fmt, result in results.items():
        assert result.error is None, (fmt, result.error)
        assert {f.rule: f.status for f in result.findings} == baseline, fmt


# The PDF reader's own checks (the paragraphs of printed reports, the child process) are in test_pdf_reader.py.


def _table_lines_as_before(table) -> list[str]:
    """The table reader as it was: python-docx's `row.cells`."""
    out = []
    for row in table.rows:
        seen, cells = set(), []
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cells.append("".join(p.text for p in cell.paragraphs).strip())
        text = "  ".join(cell for cell in cells if cell)
        if text:
            out.append(text)
    return out


def _heading_level_as_before(paragraph):
    from checker.document.ingest.docx import _HEADING_STYLE, _outline_level

    level = _outline_level(paragraph._p.pPr)
    if level is not None:
        return level
    style = paragraph.style
    while style is not None:
        match = _HEADING_STYLE.match(style.name or "")
        if match:
            return int(match.group(1))
        level = _outline_level(style.element.pPr)
        if level is not None:
            return level
        style = style.base_style
    return None


def test_docx_tables_and_styles_read_as_before(tmp_path):
    import docx
    from docx.enum.style import WD_STYLE_TYPE

    from checker.document.ingest.archive import open_zip
    from checker.document.ingest.docx import _Package, _Styles, _table_lines

    document = docx.Document()
    derived = document.styles.add_style("Derived", WD_STYLE_TYPE.PARAGRAPH)
    derived.base_style = document.styles["Heading 2"]
    document.add_paragraph("基于标题样式", style="Derived")
    document.add_paragraph("正文")
    table = document.add_table(rows=5, cols=4)
    rng = random.Random(5)
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            cell.text = f"格{r}{c}" if rng.random() < 0.8 else ""
    table.cell(0, 0).merge(table.cell(0, 2))  # across
    table.cell(1, 1).merge(table.cell(3, 1))  # down
    table.cell(2, 2).merge(table.cell(4, 3))  # both
    path = tmp_path / "merged.docx"
    document.save(str(path))

    document = docx.Document(str(path))
    table = document.tables[0]
    assert [line.text for line in _table_lines(table._tbl)] == _table_lines_as_before(table)
    styles = _Styles(_Package(open_zip(path.read_bytes(), ".docx")).styles_xml())
    for paragraph in document.paragraphs:
        assert styles.heading_level(paragraph) == _heading_level_as_before(paragraph)
    assert _heading_level_as_before(document.paragraphs[0]) == 2


_HEADING_STYLES = (
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Sub"><w:name w:val="Sub"/><w:basedOn w:val="Body"/>'
    '<w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="Body"><w:name w:val="Body"/></w:style>'
    '<w:style w:type="table" w:styleId="Unused"><w:name w:val="Unused"/><w:tblPr/></w:style>'
)


def _styled_docx(styles: str = _HEADING_STYLES, garble: bytes = b"") -> bytes:
    """Paragraphs in styles Heading1, Sub, none and Body; `garble` replaces the byte 0x7f in the styles part."""
    import io
    import zipfile

    body = "".join(hostile._paragraph(text, style=style) for text, style in
                   (("一、总体情况", "Heading1"), ("（一）具体工作", "Sub"), ("正文。", None), ("正文二。", "Body")))
    data = hostile.docx_file(body, styles=styles)
    if not garble:
        return data
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            part = source.read(name)
            target.writestr(name, part.replace(b"\x7f", garble) if name == "word/styles.xml" else part)
    return out.getvalue()


def _levels(data: bytes) -> list:
    from checker.document.ingest.docx import read_docx

    return [line.heading_level for line in read_docx("r.docx", data).lines]


def test_docx_styles_are_read_alike_whether_parsed_whole_or_only_those_used():
    from checker.document.ingest.docx import _AllStyles, _Styles, _StyleBlocks

    quoted = _HEADING_STYLES.replace('w:styleId="Sub"', "w:styleId='Sub'")
    layouts = {  # as Word and python-docx write the part, and others the quick reading leaves to a whole parse
        "as written": _HEADING_STYLES, "single quotes": quoted,
        "a comment": "<!-- 注释 -->" + _HEADING_STYLES,
        "a character reference": _HEADING_STYLES.replace('w:styleId="Body"', 'w:styleId="B&#111;dy"'),
        "another child": "<w:foo/>" + _HEADING_STYLES,
    }
    for name, styles in layouts.items():
        xml = _styles_part(hostile.docx_file("", styles=styles))
        quick, whole = _Styles(xml), _Styles(xml)
        whole.styles = _AllStyles(xml)
        assert (_StyleBlocks.read(xml) is not None) == (name in ("as written", "single quotes")), name
        for style_id in ("Heading1", "Sub", "Body", "Unused", "Normal", "missing", None):
            assert quick.level_of(style_id) == whole.level_of(style_id), (name, style_id)
            assert [s.name for s in quick.chain(style_id)] == [s.name for s in whole.chain(style_id)], (name, style_id)
    assert _levels(_styled_docx()) == [1, 2, None, None]


def test_docx_styles_looked_up_by_id_and_default_alike_quick_or_whole():
    """The quick reading finds a style by the bytes of its id before reading the start tag: the first
    of two styles with one id, not one whose id holds it (Heading10) or one naming it otherwise
    (in w:basedOn, in another attribute); and the default style is the last marked so."""
    from checker.document.ingest.docx import _AllStyles, _Styles, _StyleBlocks

    styles = (
        '<w:style w:type="paragraph" w:styleId="Heading10"><w:name w:val="heading 3"/></w:style>'
        '<w:style w:type="paragraph" w:customStyle="Heading1" w:styleId="Other"><w:name w:val="Other"/>'
        '<w:basedOn w:val="Heading1"/></w:style>'
        "<w:style w:type='paragraph' w:styleId='Heading1'><w:name w:val='heading 1'/></w:style>"
        '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 2"/></w:style>'
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="heading 4"/></w:style>'
        '<w:style w:type="character" w:default="1" w:styleId="Chars"><w:name w:val="heading 5"/></w:style>'
        '<w:style w:default="on" w:type="paragraph" w:styleId="Body"><w:name w:val="heading 6"/></w:style>'
    )
    xml = _styles_part(hostile.docx_file("", styles=styles))
    assert _StyleBlocks.read(xml) is not None
    quick, whole = _Styles(xml), _Styles(xml)
    whole.styles = _AllStyles(xml)
    for style_id in ("Heading1", "Heading10", "Other", "Normal", "Chars", "Body", "Heading", "eading1", None):
        assert quick.level_of(style_id) == whole.level_of(style_id), style_id
        assert [s.name for s in quick.chain(style_id)] == [s.name for s in whole.chain(style_id)], style_id
    assert [quick.level_of(style_id) for style_id in ("Heading1", "Heading10", "Other", None)] == [1, 3, 1, 6]


def _styles_part(data: bytes) -> bytes:
    import io
    import zipfile

    return zipfile.ZipFile(io.BytesIO(data)).read("word/styles.xml")


def test_a_damaged_styles_part_is_a_damaged_file_where_it_matters():
    """python-docx parsed the whole styles part, so any damage in it made the file unreadable. Now
    only the styles paragraphs use are parsed: damage there, a part cut short, bytes that are not
    UTF-8 or XML text, or a part that is not a list of styles still make it unreadable (the same
    message), while damage inside a style no paragraph uses leaves the report readable, its
    headings read from the styles it does use."""
    from checker.document.ingest.docx import read_docx
    from checker.errors import FzError

    in_unused = _HEADING_STYLES.replace("Unused", "Un\x7fused")
    damaged = {
        "cut short": _styled_docx(_HEADING_STYLES[: len(_HEADING_STYLES) // 2]),
        "in a style used": _styled_docx(_HEADING_STYLES.replace('<w:name w:val="heading 1"/>', '<w:name w:val="heading 1">')),
        "not UTF-8": _styled_docx(in_unused, garble=b"\xff"),
        "a control character": _styled_docx(in_unused, garble=b"\x01"),
        "an end tag astray": _styled_docx(_HEADING_STYLES.replace('<w:style w:type="table"', '</w:tblPr><w:style w:type="table"')),
    }
    for name, data in damaged.items():
        with pytest.raises(FzError) as caught:
            read_docx("r.docx", data)
        assert caught.value.code == "corrupt" and "已损坏" in caught.value.message(), name
    unused = _HEADING_STYLES.replace("<w:tblPr/>", "<w:tblPr>")  # an element never closed, in the table style
    assert _levels(_styled_docx(unused)) == [1, 2, None, None]


_EXTRA_PARTS = {  # name: (content type, relationship type, bytes): a photo, and settings damaged beyond parsing
    "word/media/image1.png": ("image/png", "image", b"\x89PNG" + bytes(range(256)) * 64),
    "word/settings.xml": ("application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml", "settings",
                          b"<w:settings><w:zoom"),
}


def _with_extra_parts(data: bytes) -> bytes:
    """The .docx with `_EXTRA_PARTS` added, typed and related from the document as Word does."""
    import io
    import zipfile

    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    relationships = "".join(
        f'<Relationship Id="rX{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}" '
        f'Target="{name[len("word/"):]}"/>' for n, (name, (_, kind, _)) in enumerate(_EXTRA_PARTS.items()))
    types = "".join(f'<Override PartName="/{name}" ContentType="{content}"/>' for name, (content, _, _) in _EXTRA_PARTS.items())
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            part = source.read(name)
            if name == "word/_rels/document.xml.rels":
                part = part.replace(b"</Relationships>", relationships.encode() + b"</Relationships>")
            elif name == "[Content_Types].xml":
                part = part.replace(b"</Types>", types.encode() + b"</Types>")
            target.writestr(name, part)
        for name, (_, _, part) in _EXTRA_PARTS.items():
            target.writestr(name, part)
    return out.getvalue()


def test_parts_the_reader_does_not_read_are_not_unzipped(monkeypatch):
    """A report's photos, its settings, theme and fonts: only the text, its styles and its lists are
    unzipped, so photos cost nothing and damage in such a part leaves the report readable."""
    import zipfile

    from checker.document.ingest.docx import read_docx

    data = _with_extra_parts(_styled_docx())
    unzipped = []
    opening = zipfile.ZipFile.open  # every member read is opened (open_zip's ZipFile reads through open())
    monkeypatch.setattr(zipfile.ZipFile, "open", lambda self, name, *args, **kwargs:
                        unzipped.append(getattr(name, "filename", name)) or opening(self, name, *args, **kwargs))
    lines = read_docx("r.docx", data).lines
    assert [line.text for line in lines] == ["一、总体情况", "（一）具体工作", "正文。", "正文二。"]
    assert [line.heading_level for line in lines] == [1, 2, None, None]
    assert {"word/document.xml", "word/styles.xml", "word/numbering.xml"} <= set(unzipped)
    assert not set(_EXTRA_PARTS) & set(unzipped)


def _understated(data: bytes, member: str, padding: int) -> bytes:
    """`data` (a .docx) with `member` grown by `padding` bytes of blanks while its headers still declare
    its old size: what a hand-edited or hostile archive can hold."""
    import io
    import struct
    import zipfile

    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    declared = source.getinfo(member).file_size
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = source.read(info.filename)
            target.writestr(info.filename, body + b"<!--" + b" " * padding + b"-->" if info.filename == member else body)
    raw, name = bytearray(out.getvalue()), member.encode()
    for at in range(len(raw)):  # the size fields of the member's local header and central directory entry
        if raw.startswith(b"PK\x03\x04", at) and raw.startswith(name, at + 30):
            struct.pack_into("<I", raw, at + 22, declared)
        elif raw.startswith(b"PK\x01\x02", at) and raw.startswith(name, at + 46):
            struct.pack_into("<I", raw, at + 24, declared)
    return bytes(raw)


def test_a_member_larger_than_its_headers_declare_is_refused_without_inflating_it():
    """The size checks read the headers; a member that holds far more than they declare is damaged, and
    reading it stops at the declared size instead of inflating all of it at once."""
    import tracemalloc

    from checker.document.ingest.docx import read_docx
    from checker.errors import FzError

    data = _understated(_styled_docx(), "word/document.xml", 48 * 1024 * 1024)
    tracemalloc.start()
    try:
        with pytest.raises(FzError) as refused:
            read_docx("r.docx", data)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert refused.value.code == "corrupt"
    assert peak < 8 * 1024 * 1024, f"{peak / 1048576:.0f} MB held while reading"


def test_huge_list_numbers_are_shown_in_digits():
    from checker.document.ingest.docx import format_number

    assert format_number(10 ** 10, "upperRoman") == "10000000000"
    assert format_number(10 ** 10, "lowerLetter") == "10000000000"
    assert format_number(1994, "upperRoman") == "MCMXCIV" and format_number(4, "lowerRoman") == "iv"
    assert format_number(12, "chineseCounting") == "十二" and format_number(3, "decimalEnclosedCircle") == "③"


# --------------------------------------------------------------------------- HTML scoring, linear and the same


def _random_page(rng: random.Random, depth: int = 0) -> str:
    pieces = ["", " ", "  \n", "依法行政", "，推进法治", "abc", "。", "\u3000", "建设法治政府，" * rng.randrange(1, 40)]
    tags = ["div", "span", "p", "font", "td", "li", "b", "section"]
    out = [rng.choice(pieces)]
    for _ in range(rng.randrange(0, 4 if depth < 5 else 1)):
        kind = rng.random()
        if kind < 0.1:
            out.append(f"<!-- 注释{rng.choice(pieces)} -->")
        elif kind < 0.15:
            out.append("<br>")
        else:
            tag = rng.choice(tags)
            attrs = rng.choice(["", ' class="nav"', ' id="footer"', ' class="content"'])
            out.append(f"<{tag}{attrs}>{_random_page(rng, depth + 1)}</{tag}>")
        out.append(rng.choice(pieces))
    return "".join(out)


def test_html_text_measures_are_those_of_text_content():
    import lxml.html

    from checker.document.ingest import html

    rng = random.Random(11)
    for _ in range(300):
        root = lxml.html.document_fromstring(f"<html><body>{_random_page(rng)}</body></html>")
        content = html._content_stats(root)  # as chrome removal sees it: comments still there
        for element in root.iter():
            if isinstance(element.tag, str):
                assert content[element].prose == len(html._PROSE.findall(element.text_content()))
        html._remove_chrome(root)  # as the scoring sees it (the old code could not measure comments)
        content = html._content_stats(root)
        for element in root.iter():
            parts = [element.text or ""]
            for child in element:
                if not (isinstance(child.tag, str) and child.tag in html._BLOCK_TAGS):
                    parts.append(child.text_content())
                parts.append(child.tail or "")
            own = "".join(parts).strip()
            stats = html._own_stats(element, content)
            assert (stats.stripped, stats.prose) == (len(own), len(html._PROSE.findall(own)))


def test_html_chrome_removal_is_unchanged():
    import lxml.html

    from checker.document.ingest import html

    def remove_as_before(root):
        for element in list(root.iter()):
            if element.getparent() is None:
                continue
            tag = element.tag.lower() if isinstance(element.tag, str) else ""
            attrs = f"{element.get('class', '')} {element.get('id', '')}" if tag else ""
            if not tag or tag in html._DROP_TAGS:
                element.drop_tree()
            elif html._CHROME_ATTR.search(attrs) and len(html._PROSE.findall(element.text_content())) < 200:
                element.drop_tree()

    rng = random.Random(12)
    for _ in range(300):
        page = f"<html><body>{_random_page(rng)}<script>var x = '依法';</script></body></html>"
        old, new = lxml.html.document_fromstring(page), lxml.html.document_fromstring(page)
        remove_as_before(old)
        html._remove_chrome(new)
        assert lxml.html.tostring(old) == lxml.html.tostring(new)


# --------------------------------------------------------------------------- damaged text


def test_a_report_with_a_few_damaged_bytes_is_still_read_as_utf8(tmp_path):
    data = bytearray(SEED.read_bytes())
    rng = random.Random(4)
    for _ in range(3):
        data[rng.randrange(len(data))] = 0xFF  # never valid in UTF-8
    path = tmp_path / "damaged.txt"
    path.write_bytes(bytes(data))
    source = read_source(str(path))
    assert source.encoding == "utf-8"
    assert source.text.count("\ufffd") == 0 and len(source.text) > 0.95 * len(SEED.read_text(encoding="utf-8"))
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes(SEED.read_text(encoding="utf-8")[:40].encode("gbk"))  # still detected, not read as UTF-8
    assert read_source(str(gbk)).encoding == "gb18030"
