"""Reading text files: encodings are detected, bad files give clear errors."""

from __future__ import annotations

import pytest

from checker.errors import FzError
from checker.document.ingest import read_source
from checker.document.ingest.text import decode_bytes

SAMPLE = "青山市人民政府关于2024年度法治政府建设情况的报告\n一、主要举措和成效（一）深化“放管服”改革：取消事项12项；出庭应诉率100%。\n"


@pytest.mark.parametrize(
    "encoding,prefix",
    [
        ("utf-8", b""),
        ("utf-8", b"\xef\xbb\xbf"),
        ("gb18030", b""),
        ("gbk", b""),
        ("utf-16-le", b"\xff\xfe"),
        ("utf-16-be", b"\xfe\xff"),
    ],
)
def test_encodings_are_detected(encoding, prefix):
    text, detected = decode_bytes(prefix + SAMPLE.encode(encoding))
    assert text == SAMPLE


def test_gbk_is_read_as_gb18030_not_assumed_utf8(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes(SAMPLE.encode("gbk"))
    source = read_source(str(path))
    assert source.encoding == "gb18030"
    assert source.lines[0].text == "青山市人民政府关于2024年度法治政府建设情况的报告"


def test_utf16_without_bom_is_detected():
    text, detected = decode_bytes((SAMPLE * 3).encode("utf-16-le"))
    assert text == SAMPLE * 3 and detected.startswith("utf_16")


@pytest.mark.parametrize(
    "data,code",
    [
        (b"", "empty"),
        (b"   \n\n  ", "empty"),
        (bytes(range(256)) * 20, "not-text"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00\x01\x02\x03\xff\xfe" * 300, "not-text"),
    ],
)
def test_bad_files_give_coded_errors(tmp_path, data, code):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(FzError) as caught:
        read_source(str(path))
    assert caught.value.code == code
    assert caught.value.zh and caught.value.en


def test_unknown_extension_and_missing_file(tmp_path):
    other = tmp_path / "report.xyz"
    other.write_text("内容", encoding="utf-8")
    with pytest.raises(FzError) as caught:
        read_source(str(other))
    assert caught.value.code == "unsupported-format"
    with pytest.raises(FzError) as caught:
        read_source(str(tmp_path / "nothing.txt"))
    assert caught.value.code == "not-found"


def test_size_limit(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(SAMPLE.encode("utf-8") * 10)
    with pytest.raises(FzError) as caught:
        read_source(str(path), max_bytes=100)
    assert caught.value.code == "too-large"
    assert "超过上限 100 字节" in caught.value.zh


def test_markdown_headings_become_hints(tmp_path):
    path = tmp_path / "r.md"
    path.write_text("# 青山市2024年度法治政府建设情况报告\n\n## 主要举措和成效\n\n**全年**办理复议案件12件。\n", encoding="utf-8")
    source = read_source(str(path))
    assert [line.heading_level for line in source.lines if line.heading_level] == [1, 2]
    assert "**" not in source.text


@pytest.mark.parametrize("text,hints", [
    # a draft typed in Markdown and saved as .txt (an editor's or a chat assistant's): read as Markdown
    ("# 青山市2024年度法治政府建设情况报告\n\n## 一、主要举措和成效\n\n全年办理复议案件12件。\n", [1, 2]),
    ("青山市2024年度法治政府建设情况报告\n仍存在一些不足：**一是发展不平衡。**县乡相对滞后。**二是争议高发。**原因是……\n", []),
])
def test_a_txt_typed_in_markdown_is_read_as_markdown(tmp_path, text, hints):
    path = tmp_path / "draft.txt"
    path.write_text(text, encoding="utf-8")
    source = read_source(str(path))
    assert [line.heading_level for line in source.lines if line.heading_level] == hints
    assert "**" not in source.text and "#" not in source.text and source.format == "txt"


@pytest.mark.parametrize("text", [
    # a name's masked characters are no Markdown bold: 当事人张**、李**; 彰显了**战疫的…
    "对当事人张**、李**作出行政处罚。普法网红、**普法抖音号等品牌被推向全国，彰显了**战疫的法治底色。\n",
    # one bold lead-in, or one # line, is no Markdown draft
    "**一是**全面推进法治政府建设。\n# 备注\n",
    # …nor a title whose place is masked, shown twice (**县**局关于…)
    "**县**局关于2024年度法治政府建设情况的报告\n**县**局2024年推进法治政府建设。\n",
])
def test_masked_names_and_a_lone_mark_leave_a_txt_as_typed(tmp_path, text):
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    assert "**" in read_source(str(path)).text


def test_a_declared_charset_that_does_not_decode_falls_back_with_a_notice(tmp_path):
    page = tmp_path / "p.html"
    page.write_text('<html><head><meta charset="utf-16"></head><body><p>青山市人民政府关于2024年度法治政府建设情况的报告</p>'
                    '<p>2024年，青山市扎实推进法治政府建设。</p></body></html>', encoding="utf-8")
    source = read_source(str(page))
    assert source.encoding == "utf-8"
    assert any("utf-16" in notice and "乱码" in notice for notice in source.notices)
    assert "青山市" in source.lines[0].text


def test_word_text_as_word_shows_it_tracked_insertions_and_fields_in_deletions_out(tmp_path):
    """Drafts arrive with tracked changes: inserted text is the text, deleted text is not."""
    import docx
    from docx.oxml import parse_xml

    from checker.document.ingest import read_source

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    document = docx.Document()
    body = document.element.body
    paragraphs = [
        f'<w:p {w}><w:r><w:t>全年办理</w:t></w:r><w:ins w:id="1" w:author="a"><w:r><w:t>行政复议案件</w:t></w:r></w:ins>'
        f'<w:del w:id="2" w:author="a"><w:r><w:delText>旧的数字</w:delText></w:r></w:del><w:r><w:t>206件。</w:t></w:r></w:p>',
        f'<w:p {w}><w:fldSimple w:instr="DOCPROPERTY Company"><w:r><w:t>青山市人民政府</w:t></w:r></w:fldSimple></w:p>',
        f'<w:p {w}><w:smartTag w:uri="x" w:element="place"><w:r><w:t>青山镇</w:t></w:r></w:smartTag>'
        f'<w:hyperlink><w:r><w:t>政务公开</w:t></w:r></w:hyperlink></w:p>',
    ]
    for xml in paragraphs:
        body.insert(len(body) - 1, parse_xml(xml))  # before the section properties
    path = tmp_path / "tracked.docx"
    document.save(str(path))
    lines = [line.text for line in read_source(str(path)).lines if line.text.strip()]
    assert lines == ["全年办理行政复议案件206件。", "青山市人民政府", "青山镇政务公开"]
