"""OFD (GB/T 33190-2016): the text of the pages in reading order, and a clear error for every bad package."""

from __future__ import annotations

import json
import random
import struct
import time
import zipfile
from itertools import islice
from pathlib import Path

import pytest

from checker.document.ingest import read_source
from checker.document.ingest.ofd import MAX_PAGES, _deltas
from checker.errors import FzError

from . import ofd_builder as ob
from .builders import report_lines
from .conftest import SEEDS, run_cli

TITLE = "青山市人民政府关于2024年度法治政府建设情况的报告"
REPORT = [
    TITLE,
    "2024年，在市委坚强领导下，市政府深入学习贯彻习近平法治思想，全面推进法治政府建设，现将有关情况报告如下。",
    "一、2024年度推进法治政府建设的主要举措和成效",
    "（一）深化“放管服”改革",
    "全年取消和下放行政许可事项12项，政务服务事项网上可办率达到98.6%，“一网通办”覆盖市县乡村四级，"
    "企业开办时间压缩至1个工作日以内，群众满意度持续提升。",
    "（二）规范行政执法",
    "全面落实行政执法三项制度，全市执法人员持证率100%，开展行政执法案卷评查两次，评查案卷326卷，发现并整改问题41个。",
    "二、存在的不足和原因",
    "基层执法力量不足，主要原因是编制有限、培训不够。",
]


def read(path: Path):
    return read_source(str(path))


def texts(path: Path) -> list[str]:
    return [line.text for line in read(path).lines]


def error_of(path: Path) -> FzError:
    with pytest.raises(FzError) as caught:
        read(path)
    return caught.value


# --------------------------------------------------------------------------- reading


def test_one_page_report_is_read_as_its_paragraphs(tmp_path):
    path = ob.report_ofd(REPORT, tmp_path / "one.ofd", title="青山市2024年度法治政府建设报告")
    source = read(path)
    assert [line.text for line in source.lines] == REPORT  # wrapped lines joined, the page number gone
    assert {line.page for line in source.lines} == {1}
    assert source.format == "ofd"
    assert source.title_hint == "青山市2024年度法治政府建设报告"
    assert source.published is None  # a creation date is not a publication date


def test_the_layout_really_wraps_and_numbers_the_page():
    """The tests above and below mean something only if the builder wraps lines and adds the footer."""
    page = ob.layout_report(REPORT)[0]
    assert len(page) > len(REPORT) + 2
    assert page[-1].text == "— 1 —"


@pytest.mark.parametrize("style", ["line", "char", "block"])
@pytest.mark.parametrize("absolute", [False, True])
def test_multi_page_report_reads_back_its_lines(tmp_path, style, absolute):
    lines = report_lines(SEEDS / "001_7724204651865b79.txt")
    pages = ob.layout_report(lines)
    assert len(pages) > 5
    source = read(ob.build_ofd(pages, tmp_path / "r.ofd", style=style, absolute=absolute))
    assert [line.text for line in source.lines] == lines
    starts: dict[int, int] = {}  # paragraph → the page its first line is on
    for number, page in enumerate(pages, start=1):
        for run in page:
            starts.setdefault(run.paragraph, number)
    assert [line.page for line in source.lines] == [starts[index] for index in range(len(lines))]
    assert source.lines[-1].page >= len(pages) - 1


def test_a_paragraph_ending_at_the_right_edge_does_not_run_into_the_next(tmp_path):
    """In a 公文 every heading and first line is indented; with many one-line paragraphs most lines
    start at the indent, which must still not be taken for the left edge."""
    full = "全" * 26 + "面" * 27 + "。"  # exactly two full lines: 26 after the indent, then 28
    lines = ["一、主要举措", "（一）规范执法", "（二）深化改革", "（三）化解争议", full, "全年共办理行政复议案件12件。",
             "二、存在的问题", "三、下一步打算"]
    pages = ob.layout_report(lines)
    assert [run.text for run in pages[0]][4:6] == ["全" * 26, "面" * 27 + "。"]
    assert texts(ob.build_ofd(pages, tmp_path / "f.ofd")) == lines


def test_running_headers_in_the_page_or_a_template_are_dropped(tmp_path):
    lines = report_lines(SEEDS / "001_7724204651865b79.txt")[:12]
    pages = ob.layout_report(lines, header="青山市人民政府文件")
    assert len(pages) >= 3 and pages[1][0].text == "青山市人民政府文件"
    path = ob.build_ofd(pages, tmp_path / "h.ofd", template_header="法治政府建设年度报告")
    got = texts(path)
    assert got == lines
    assert not any("人民政府文件" in text or "年度报告" in text for text in got)


def test_a_number_in_the_body_is_not_taken_for_a_page_number(tmp_path):
    runs = [ob.Run("一、主要数据", ob.LEFT + 2 * ob.BODY, 60.0), ob.Run("2024", ob.LEFT + 2 * ob.BODY, 120.0)]
    path = ob.write(ob.package([ob.content_xml(ob.objects(runs))]), tmp_path / "n.ofd")
    assert texts(path) == ["一、主要数据", "2024"]


def test_page_objects_are_read_top_to_bottom_and_left_to_right(tmp_path):
    """Objects written in any order are read by position: Boundary plus TextCode X/Y."""
    body = (ob.text_object(1, 100.0, 90.0, 30, 8, 5.0, [ob.text_code("第二行右", 0, 6.0)])
            + ob.text_object(2, 60.0, 40.0, 30, 8, 5.0, [ob.text_code("第一行右", 0, 6.0)])
            + ob.text_object(3, 20.0, 80.0, 80, 20, 5.0, [ob.text_code("第二行左", 0, 16.0)])
            + ob.text_object(4, 20.0, 40.0, 30, 8, 5.0, [ob.text_code("第一行左", 10.0, 6.0)]))
    path = ob.write(ob.package([ob.content_xml(body)]), tmp_path / "o.ofd")
    assert texts(path) == ["第一行左 第一行右", "第二行左 第二行右"]


def test_delta_x_with_the_g_shorthand_places_each_character(tmp_path):
    # 甲 at 0, then three steps of 30 mm: four characters far apart, as the cells of a table row.
    far = ob.text_object(1, 20.0, 50.0, 120, 8, 5.0, [ob.text_code("甲乙丙丁", 0, 6.0, "g 3 30")])
    # Steps of one size: a run of characters reading as one word.
    near = ob.text_object(2, 20.0, 70.0, 120, 8, 5.0, [ob.text_code("行政复议", 0, 6.0, "5 g 2 5")])
    # DeltaY moves the second character down a line.
    down = ob.text_object(3, 20.0, 90.0, 120, 30, 5.0, ['<ofd:TextCode X="0" Y="6" DeltaY="12">上下</ofd:TextCode>'])
    path = ob.write(ob.package([ob.content_xml(far + near + down)]), tmp_path / "g.ofd")
    assert texts(path) == ["甲 乙 丙 丁", "行政复议", "上", "下"]


def test_delta_values_expand_lazily():
    assert list(_deltas("1 g 3 2.5 4")) == [1.0, 2.5, 2.5, 2.5, 4.0]
    assert list(islice(_deltas("g 99999999999999 5"), 3)) == [5.0, 5.0, 5.0]
    assert list(_deltas("2 nan 3")) == [2.0]  # values stop at the first that is not a number


def test_a_huge_g_count_costs_nothing(tmp_path):
    body = ob.text_object(1, 20.0, 50.0, 150, 8, 5.0, [ob.text_code("行政执法", 0, 6.0, "g 999999999999 5")])
    path = ob.write(ob.package([ob.content_xml(body)]), tmp_path / "g.ofd")
    start = time.monotonic()
    assert texts(path) == ["行政执法"]
    assert time.monotonic() - start < 2


def test_ctm_scales_and_turned_text_is_left_out(tmp_path):
    scaled = ('<ofd:TextObject ID="1" Boundary="20 40 150 10" CTM="0.5 0 0 0.5 0 0" Size="10">'
              '<ofd:TextCode X="0" Y="12" DeltaX="g 3 10">依法行政</ofd:TextCode></ofd:TextObject>')
    watermark = ('<ofd:TextObject ID="2" Boundary="30 100 150 150" CTM="0.7071 -0.7071 0.7071 0.7071 0 80" Size="20">'
                 '<ofd:TextCode X="0" Y="20" DeltaX="g 3 20">内部资料</ofd:TextCode></ofd:TextObject>')
    path = ob.write(ob.package([ob.content_xml(scaled + watermark)]), tmp_path / "c.ofd")
    assert texts(path) == ["依法行政"]


def test_a_character_drawn_twice_for_bold_is_read_once(tmp_path):
    runs = [ob.Run("一、主要举措", 40.0, 60.0), ob.Run("一、主要举措", 40.2, 60.0)]
    path = ob.write(ob.package([ob.content_xml(ob.objects(runs))]), tmp_path / "b.ofd")
    assert texts(path) == ["一、主要举措"]


def test_paths_relative_to_the_root_and_odd_case_are_found(tmp_path):
    page = ob.content_xml(ob.objects([ob.Run("一、主要举措和成效", 40.0, 60.0)]))
    parts = ob.package([page], base_locs=["Doc_0/Pages/Page_0/Content.xml"])  # relative to the root, not Doc_0
    assert texts(ob.write(parts, tmp_path / "root.ofd")) == ["一、主要举措和成效"]
    parts = ob.package([page], base_locs=["pages/page_0/content.xml"])
    assert texts(ob.write(parts, tmp_path / "case.ofd")) == ["一、主要举措和成效"]


def test_elements_without_the_namespace_are_read(tmp_path):
    parts = ob.package([ob.content_xml(ob.objects([ob.Run("二、存在的不足", 40.0, 60.0)]))])
    plain = {name: text.replace("ofd:", "").replace(f' xmlns:ofd="{ob.NS}"', "") for name, text in parts.items()}
    assert texts(ob.write(plain, tmp_path / "plain.ofd")) == ["二、存在的不足"]


# --------------------------------------------------------------------------- end to end


@pytest.fixture(scope="module")
def seed_ofds(tmp_path_factory) -> list[tuple[Path, Path]]:
    out = tmp_path_factory.mktemp("ofd")
    pairs = []
    for name in ("001_7724204651865b79.txt", "003_eed9f17129c08ac0.txt"):
        seed = SEEDS / name
        pairs.append((seed, ob.report_ofd(report_lines(seed), out / f"{seed.stem}.ofd", style="block")))
    return pairs


def test_cli_gets_the_statuses_of_the_text(seed_ofds):
    paths = [str(path) for pair in seed_ofds for path in pair]
    done = run_cli("check", *paths, "--format", "json")
    assert "Traceback" not in done.stderr
    documents = {Path(d["path"]).name: d for d in json.loads(done.stdout)["documents"]}
    for seed, ofd in seed_ofds:
        txt, got = documents[seed.name], documents[ofd.name]
        assert got["error"] is None, got["error"]
        assert got["meta"]["format"] == "ofd"
        assert {f["rule"]: f["status"] for f in got["findings"]} == {f["rule"]: f["status"] for f in txt["findings"]}
        assert (got["meta"]["year"], got["meta"]["kind"], got["meta"]["title"]) == (
            txt["meta"]["year"], txt["meta"]["kind"], txt["meta"]["title"])
        assert got["passed"] == txt["passed"]
        assert abs(got["score"] - txt["score"]) <= 2
        pages = [e["page"] for f in got["findings"] for e in f["evidence"]]
        assert pages and all(isinstance(p, int) and p >= 1 for p in pages) and max(pages) > 1


def test_cli_reports_a_bad_ofd_as_one_clear_error(tmp_path):
    path = tmp_path / "bad.ofd"
    path.write_bytes(b"%PDF-1.4 not an ofd")
    done = run_cli("check", str(path), "--format", "json")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    error = json.loads(done.stdout)["documents"][0]["error"]
    assert error["code"] == "corrupt" and "OFD" in error["message"]


# --------------------------------------------------------------------------- hostile packages


def good_parts(pages: int = 1) -> dict[str, str | bytes]:
    page = ob.content_xml(ob.objects([ob.Run("一、主要举措和成效", 40.0, 60.0)]))
    return ob.package([page] * pages)


def bad(tmp_path: Path, parts: dict) -> FzError:
    return error_of(ob.write(parts, tmp_path / "bad.ofd"))


def assert_clear(error: FzError, code: str, *words: str) -> None:
    assert error.code == code, (error.code, error.zh)
    assert error.zh and error.en and error.zh != error.en
    for word in words:
        assert word in error.zh, (word, error.zh)


def test_not_a_zip(tmp_path):
    path = tmp_path / "renamed.ofd"
    path.write_text("青山市2024年度法治政府建设情况报告", encoding="utf-8")
    assert_clear(error_of(path), "corrupt", "不是有效的 OFD")


def test_truncated_package(tmp_path):
    data = ob.write(good_parts(), tmp_path / "full.ofd").read_bytes()
    path = tmp_path / "cut.ofd"
    path.write_bytes(data[: len(data) // 2])
    assert_clear(error_of(path), "corrupt", "OFD")


def test_missing_ofd_xml(tmp_path):
    parts = good_parts()
    del parts["OFD.xml"]
    assert_clear(bad(tmp_path, parts), "corrupt", "缺少 OFD.xml")


def test_missing_document_xml(tmp_path):
    parts = good_parts()
    del parts["Doc_0/Document.xml"]
    assert_clear(bad(tmp_path, parts), "corrupt", "缺少 Document.xml")


def test_missing_page_content(tmp_path):
    parts = good_parts(2)
    del parts["Doc_0/Pages/Page_1/Content.xml"]
    assert_clear(bad(tmp_path, parts), "corrupt", "缺少第 2 页")


@pytest.mark.parametrize("part", ["OFD.xml", "Doc_0/Document.xml", "Doc_0/Pages/Page_0/Content.xml"])
def test_malformed_xml(tmp_path, part):
    parts = good_parts()
    parts[part] = parts[part][:-20]
    assert_clear(bad(tmp_path, parts), "corrupt", part, "不是有效的 XML")


def test_a_part_of_the_wrong_kind(tmp_path):
    parts = good_parts()
    parts["Doc_0/Pages/Page_0/Content.xml"] = ob.PUBLIC_RES
    assert_clear(bad(tmp_path, parts), "corrupt", "不是 OFD 的 Page")


def test_entities_are_refused(tmp_path):
    parts = good_parts()
    laughs = '<!DOCTYPE lol [<!ENTITY a "哈哈哈哈哈哈哈哈"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    page = parts["Doc_0/Pages/Page_0/Content.xml"]
    parts["Doc_0/Pages/Page_0/Content.xml"] = page.replace("?>", "?>" + laughs, 1).replace("一、", "&b;", 1)
    assert_clear(bad(tmp_path, parts), "corrupt", "DTD")


def test_external_entities_fetch_nothing(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("机密内容", encoding="utf-8")
    parts = good_parts()
    page = parts["Doc_0/Pages/Page_0/Content.xml"]
    doctype = f'<!DOCTYPE p [<!ENTITY s SYSTEM "file://{secret}">]>'
    parts["Doc_0/Pages/Page_0/Content.xml"] = page.replace("?>", "?>" + doctype, 1).replace("一、", "&s;", 1)
    error = bad(tmp_path, parts)
    assert "机密内容" not in error.message()


def test_zip_bomb_is_refused_before_inflating(tmp_path, monkeypatch):
    path = tmp_path / "bomb.ofd"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in good_parts().items():
            archive.writestr(name, text)
        with archive.open("Doc_0/Res/image_0.png", "w") as member:
            for _ in range(64):
                member.write(b"\0" * (1024 * 1024))
    assert path.stat().st_size < 1024 * 1024
    monkeypatch.setattr(zipfile.ZipExtFile, "read", lambda *a, **k: pytest.fail("inflated a member"))
    assert_clear(error_of(path), "zip-bomb", "压缩炸弹")


def test_too_many_entries(tmp_path):
    parts = good_parts()
    parts.update({f"Doc_0/Res/r{n}.xml": "" for n in range(5001)})
    assert_clear(bad(tmp_path, parts), "zip-bomb")


def _patch_member(data: bytes, name: str, size: int | None = None, flags: int | None = None) -> bytes:
    """Rewrite the declared size or the flags of `name` in its local header and its central record."""
    out, encoded = bytearray(data), name.encode()
    for signature, flag_at, size_at, name_at in ((b"PK\x03\x04", 6, 22, 30), (b"PK\x01\x02", 8, 24, 46)):
        start = out.find(signature)
        while start >= 0:
            if out[start + name_at:start + name_at + len(encoded)] == encoded:
                if size is not None:
                    out[start + size_at:start + size_at + 4] = struct.pack("<I", size)
                if flags is not None:
                    out[start + flag_at:start + flag_at + 2] = struct.pack("<H", flags)
            start = out.find(signature, start + 4)
    return bytes(out)


def test_a_part_larger_than_it_declares_is_not_inflated_past_its_declared_size(tmp_path):
    parts = good_parts()
    name = "Doc_0/Pages/Page_0/Content.xml"
    parts[name] = parts[name].replace("</ofd:Page>", " " * (8 * 1024 * 1024) + "</ofd:Page>")
    data = ob.write(parts, tmp_path / "big.ofd").read_bytes()
    path = tmp_path / "lying.ofd"
    path.write_bytes(_patch_member(data, name, size=4096))
    assert_clear(error_of(path), "corrupt", "无法解压")


def test_encrypted_members(tmp_path):
    data = ob.write(good_parts(), tmp_path / "plain.ofd").read_bytes()
    path = tmp_path / "locked.ofd"
    path.write_bytes(_patch_member(data, "Doc_0/Document.xml", flags=0x1))
    assert_clear(error_of(path), "encrypted", "加密")


def test_encrypted_parts_described_by_encryptions_xml(tmp_path):
    parts = good_parts()
    parts["Encryptions.xml"] = f'<ofd:Encryptions xmlns:ofd="{ob.NS}"/>'
    parts["Doc_0/Pages/Page_0/Content.xml"] = bytes(range(256)) * 4
    assert_clear(bad(tmp_path, parts), "encrypted", "加密")


@pytest.mark.parametrize("reference", ["../../../etc/passwd", "/../OFD.xml", "Pages/../../../x.xml"])
def test_a_path_escaping_the_package(tmp_path, reference):
    parts = good_parts()
    parts["Doc_0/Document.xml"] = ob.document_xml([reference])
    assert_clear(bad(tmp_path, parts), "corrupt", "文件包之外")


def test_a_page_naming_its_document_is_a_loop(tmp_path):
    parts = good_parts()
    parts["Doc_0/Document.xml"] = ob.document_xml(["/Doc_0/Document.xml"])
    assert_clear(bad(tmp_path, parts), "corrupt", "循环引用")
    parts["Doc_0/Document.xml"] = ob.document_xml(["../OFD.xml"])
    assert_clear(bad(tmp_path, parts), "corrupt", "循环引用")


def test_a_document_root_naming_ofd_xml_is_a_loop(tmp_path):
    parts = good_parts()
    parts["OFD.xml"] = ob.ofd_xml("/OFD.xml")
    assert_clear(bad(tmp_path, parts), "corrupt", "循环引用")


def test_too_many_pages(tmp_path):
    parts = good_parts()
    parts["Doc_0/Document.xml"] = ob.document_xml(["Pages/Page_0/Content.xml"] * (MAX_PAGES + 1))
    assert_clear(bad(tmp_path, parts), "too-complex", "页")


def test_one_page_named_many_times_is_parsed_within_a_budget(tmp_path):
    parts = good_parts()
    name = "Doc_0/Pages/Page_0/Content.xml"
    noise = random.Random(7).randbytes(512 * 1024).hex()  # 1 MB that does not compress: no zip bomb
    parts[name] = parts[name].replace("</ofd:Page>", f"<!--{noise}--></ofd:Page>")
    parts["Doc_0/Document.xml"] = ob.document_xml(["Pages/Page_0/Content.xml"] * MAX_PAGES)
    start = time.monotonic()
    assert_clear(bad(tmp_path, parts), "too-complex")
    assert time.monotonic() - start < 10


def test_too_many_characters_on_a_page(tmp_path):
    body = ob.text_object(1, 20.0, 50.0, 150, 8, 5.0, [ob.text_code("法" * 60_000, 0, 6.0, "g 59999 0.001")])
    assert_clear(bad(tmp_path, ob.package([ob.content_xml(body)])), "too-complex")


def test_images_only(tmp_path):
    parts = ob.package([ob.content_xml("", images=1), ob.content_xml("", images=1)])
    error = bad(tmp_path, parts)
    assert_clear(error, "needs-ocr", "只有图像", "文字版")
    assert "OCR" in error.en


def test_no_text_and_no_images(tmp_path):
    assert_clear(bad(tmp_path, ob.package([ob.content_xml("")])), "empty")
    only_numbers = [ob.content_xml(ob.objects([ob.page_number(n)])) for n in (1, 2)]
    assert_clear(bad(tmp_path, ob.package(only_numbers)), "empty")


def test_bad_numbers_are_read_around(tmp_path):
    body = (ob.text_object(1, 20.0, 50.0, 150, 8, 5.0, [ob.text_code("依法行政", 0, 6.0, "nan inf 1e999")])
            + '<ofd:TextObject ID="2" Boundary="a b c" Size="-3" CTM="0 0 0 0 0 0"><ofd:TextCode>丢弃</ofd:TextCode></ofd:TextObject>'
            + '<ofd:TextObject ID="3" Boundary="20 70 100 8" Size="x"><ofd:TextCode X="inf" Y="6">严格执法</ofd:TextCode></ofd:TextObject>')
    body += ('<ofd:TextObject ID="4" Boundary="1e308 1e308 1 1" Size="1e308" CTM="1e300 0 0 1e300 0 0">'
             '<ofd:TextCode X="1e308" Y="-1e308" DeltaX="1e308">溢出</ofd:TextCode></ofd:TextObject>')
    assert texts(ob.write(ob.package([ob.content_xml(body)]), tmp_path / "n.ofd")) == ["依法行政", "严格执法"]
