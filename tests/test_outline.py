"""The outline parser: every heading style, front and back matter, web chrome, and robustness."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.document.ingest.source import Source, lines_from_text
from checker.document.outline import parse

from .conftest import conventions


def outline_of(text: str):
    return parse(Source(path="t.txt", format="txt", lines=lines_from_text(text)), conventions())


def headings(text: str) -> list[tuple[str, str, int]]:
    """(marker, heading, depth) for each section."""
    out = []
    for section in outline_of(text).sections:
        depth, node = 0, section.parent
        while node is not None:
            depth, node = depth + 1, node.parent
        out.append((section.marker, section.heading, depth))
    return out


def test_every_numbered_style_nests_by_rank():
    text = "\n".join([
        "第一部分 总体情况",
        "一、主要举措和成效",
        "（一）深化放管服改革",
        "1.推进政务服务标准化",
        "（1）优化服务流程",
        "①压缩办理时限",
        "具体内容写在这里，共压缩时限30%。",
        "2、加强行政执法",
        "3．规范行政检查",
        "(二)依法化解纠纷",
        "二、存在的不足和原因",
    ])
    found = headings(text)
    assert [(m, d) for m, _, d in found] == [
        ("第一部分", 0), ("一、", 1), ("（一）", 2), ("1.", 3), ("（1）", 4), ("①", 5),
        ("2、", 3), ("3．", 3), ("(二)", 2), ("二、", 1),
    ]
    assert found[1][1] == "主要举措和成效"


def test_enumerations_inside_a_paragraph_become_subsections():
    text = "一、举措和成效\n一是推进政务公开。全年公开信息120条。二是规范执法。持证率100%。三是化解纠纷。调解成功50件。"
    found = headings(text)
    assert [h for _, h, _ in found] == ["举措和成效", "推进政务公开", "规范执法", "化解纠纷"]
    assert all(d == 1 for _, _, d in found[1:])


def test_heading_followed_by_body_on_the_same_line():
    text = "一、健全领导体制和工作机制，切实把依法行政作为“一把手”工程来抓。我区把推进依法行政列入重要议事日程。"
    (marker, heading, _), = headings(text)
    assert heading == "健全领导体制和工作机制，切实把依法行政作为“一把手”工程来抓"


def test_half_width_punctuation_from_web_pages():
    text = "一、主要举措\n(一)深化改革。内容。\n(二)规范执法。内容。\n二、存在的问题\n"
    assert [(m, d) for m, _, d in headings(text)] == [("一、", 0), ("(一)", 1), ("(二)", 1), ("二、", 0)]


def test_broken_parenthesis_still_a_subheading():
    text = "一、规范执法\n(三)落实裁量基准。内容。\n四)认真落实重大行政处罚报备制度。内容。"
    assert [d for _, _, d in headings(text)] == [0, 1, 1]


def test_unnumbered_short_lines_above_paragraphs_are_headings():
    text = "潍坊市推进法治政府建设纪实\n行政效能系统化\n一是审批服务系统化。开辟自助服务区和24小时不打烊服务区，实现一次不跑。\n制度建设体系化\n每年制定政府立法工作计划，先后制定多部地方性法规，发挥立法引领作用。"
    found = headings(text)
    assert ("", "行政效能系统化", 0) in found and ("", "制度建设体系化", 0) in found


def test_title_addressee_and_closing():
    text = "\n".join([
        "青山市人民政府关于2024年度法治政府建设情况的报告",
        "省委、省政府：",
        "2024年，青山市坚持以习近平法治思想为指导，扎实推进法治政府建设，现将有关情况报告如下：",
        "一、主要举措和成效",
        "全年办理行政复议案件206件，审结115件，行政机关负责人出庭应诉率100%。",
        "青山市人民政府",
        "2025年3月20日",
    ])
    outline = outline_of(text)
    assert outline.title == "青山市人民政府关于2024年度法治政府建设情况的报告"
    assert outline.addressee == "省委、省政府"
    assert outline.signature == "青山市人民政府"
    assert outline.closing_date == "2025年3月20日"


def test_title_split_over_two_lines():
    outline = outline_of("大河乡人民政府\n关于法治政府建设的情况报告\n2025年，大河乡坚持以习近平法治思想为根本遵循，持续创新基层治理模式，现将本年度情况汇报如下：")
    assert outline.title == "大河乡人民政府关于法治政府建设的情况报告"


def test_title_glued_to_the_body():
    outline = outline_of("湖北省人民政府关于2023年度法治政府建设情况的报告2023年，省政府坚持依法行政，推动法治政府建设取得新成效。一、坚持党的领导")
    assert outline.title == "湖北省人民政府关于2023年度法治政府建设情况的报告"
    assert outline.sections[0].heading == "坚持党的领导"


def test_web_page_chrome_is_removed(seed_files):
    seed = next(p for p in seed_files if p.name.startswith("003"))
    from checker.document.ingest import read_source

    outline = parse(read_source(str(seed)), conventions())
    assert outline.title == "高新区(新市区)2017年法治政府建设"
    assert outline.addressee == "市政府、区委、区人大常委会"
    assert outline.closing_date == "2018年1月"
    assert outline.published == "2018-01-11"
    body = outline.body_text
    for chrome in ("首页", "字号", "关闭窗口", "访客", "技术支持", "网站地图"):
        assert chrome not in body


def test_column_tag_is_not_part_of_the_title():
    outline = outline_of("【法治建设报告】湖北省司法厅2023年法治政府建设年度报告\n\n2023年，省司法厅坚持以习近平法治思想为指导，扎实推进法治政府建设，取得新成效。")
    assert outline.title == "湖北省司法厅2023年法治政府建设年度报告"


# --------------------------------------------------------------------------- properties

HEADING_PIECES = st.sampled_from(["一、", "（一）", "1.", "（1）", "①", "一是", "第一部分", "二、", "(二)", "四)", ""])
TEXT_PIECES = st.sampled_from(["推进法治政府建设", "。", "，", "\n", " ", "2024年", "：", "报告", "XX", "（", "）", "【", "】"])


@st.composite
def report_like(draw):
    parts = draw(st.lists(st.tuples(HEADING_PIECES, st.lists(TEXT_PIECES, max_size=8)), max_size=30))
    return "\n".join(head + "".join(body) for head, body in parts)


def _check_invariants(text: str) -> None:
    outline = outline_of(text)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for sentence in outline.sentences:
        assert 0 <= sentence.start < sentence.end <= len(outline.text)
        assert 1 <= sentence.line <= len(lines)
    for section in outline.sections:
        if section.parent is not None:
            assert section.parent.rank < section.rank
        assert 1 <= section.line <= len(lines)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_arbitrary_text_never_crashes_the_parser(text):
    _check_invariants(text)


@settings(max_examples=300, deadline=None)
@given(report_like())
def test_report_like_text_keeps_the_outline_consistent(text):
    _check_invariants(text)
