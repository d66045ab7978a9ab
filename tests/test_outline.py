"""The outline parser: every heading style, front and back matter, web chrome, and robustness."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.document.ingest.source import Source, SourceLine, lines_from_text
from checker.document.outline import parse
from checker.document.textnorm import cjk_count

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


def test_an_item_run_into_its_paragraph_ends_at_its_first_clause_and_the_rest_is_body():
    text = "一、举措和成效\n三是依法稳妥推进机构改革，完成“五办四中心”挂牌，编制履职事项清单86项。四是规范执法。"
    found = headings(text)
    assert [h for _, h, _ in found] == ["举措和成效", "依法稳妥推进机构改革", "规范执法"]
    outline = outline_of(text)
    body = [outline.text[s.start:s.end] for s in outline.sentences if not s.heading]
    assert body == ["完成“五办四中心”挂牌,编制履职事项清单86项。"]


def test_a_run_in_item_that_opens_on_its_means_names_no_topic_and_is_all_body():
    text = "一、举措和成效\n三是依托郑州市信用平台，全区38个单位参与信用共建。四是规范执法。"
    assert [h for _, h, _ in headings(text)] == ["举措和成效", "规范执法"]
    outline = outline_of(text)
    body = [outline.text[s.start:s.end] for s in outline.sentences if not s.heading]
    assert body == ["三是依托郑州市信用平台,全区38个单位参与信用共建。"]


@pytest.mark.parametrize("topic_chars,cut", [(10, True), (11, False)])
def test_a_run_in_item_ends_at_a_clause_stop_within_the_clause_reach_only(topic_chars, cut):
    spec = conventions()
    spec = spec.model_copy(update={"outline": spec.outline.model_copy(update={"clause_max_chars": 10})})
    topic = "依" * topic_chars
    text = f"一、举措\n一是{topic}，完成清单86项。"
    outline = parse(Source(path="t.txt", format="txt", lines=lines_from_text(text)), spec)
    heading = outline.sections[-1].heading
    assert (heading == topic) is cut
    assert cut or heading == f"{topic}，完成清单86项"  # the whole sentence, as a numbered heading


def test_a_numbered_heading_line_keeps_its_clauses():  # only run-in items (一是) end at a clause
    (_, heading, _), = headings("(二)以民主、公开、公正、便民为核心，不断优化法治环境")
    assert heading == "以民主、公开、公正、便民为核心，不断优化法治环境"


def test_a_title_shown_again_below_the_page_header_split_after_its_issuer_is_no_heading():
    text = ("中共青山县委 青山县人民政府关于2024年法治政府建设情况的报告\n发布时间:2025年03月28日 16:52 来源:青山县司法局\n"
            "中共青山县委  青山县人民政府\n关于2024年法治政府建设情况的报告\n市委、市政府：\n"
            "2024年，我县坚持以习近平法治思想为指导，扎实推进法治政府建设。\n一、主要举措和成效\n全年办理行政复议案件206件。")
    outline = outline_of(text)
    assert outline.title == "中共青山县委 青山县人民政府关于2024年法治政府建设情况的报告"
    assert [s.heading for s in outline.sections] == ["主要举措和成效"]
    assert outline.addressee == "市委、市政府"


def test_a_page_headline_over_the_title_with_other_figures_gives_way_to_the_document_s_own_title():
    text = ("青山县 2022 年法治政府建设工作总结\n\n青山县2019年法治政府建设工作总结\n\n"
            "2019年，我县全面推进法治政府建设。\n一、主要举措和成效\n全年办理行政复议案件206件。")
    outline = outline_of(text)
    assert outline.title == "青山县2019年法治政府建设工作总结"
    assert outline.title_line == 3
    assert [s.heading for s in outline.sections] == ["主要举措和成效"]


PART_ONE = "\n一、主要举措和成效\n全年办理行政复议案件206件。"


@pytest.mark.parametrize("front,title", [
    # an issuer line over a title that repeats it is a letterhead, not the title's first half
    ("青山县人民政府\n青山县人民政府关于2022年度法治政府建设情况的报告", "青山县人民政府关于2022年度法治政府建设情况的报告"),
    # …or one that names the place again, shortened (霁州市青柳区人民政府 over 青柳区2022年度…报告)
    ("霁州市青柳区人民政府\n青柳区2022年度法治政府建设情况报告", "青柳区2022年度法治政府建设情况报告"),
    # a title's second half shown above it is no heading
    ("2022年度法治政府建设情况的报告\n中共青山区委 青山区人民政府\n关于2022年度法治政府建设情况的报告",
     "中共青山区委 青山区人民政府关于2022年度法治政府建设情况的报告"),
])
def test_a_title_shown_again_in_pieces_is_one_title_and_no_heading(front, title):
    outline = outline_of(front + "\n2022年，我县全面推进法治政府建设。" + PART_ONE)
    assert outline.title == title
    assert [s.heading for s in outline.sections] == ["主要举措和成效"]


COPIES = "青山县2023年法治政府建设年度报告\n青山县2022年法治政府建设年度报告\n"


@pytest.mark.parametrize("front,opening", [
    # the copy whose year the opening starts on…
    (COPIES, "2023年，我县全面推进法治政府建设。"),
    # …or reports on later in its sentence (现将2023年度…报告如下)
    (COPIES, "根据有关规定，现将2023年度我县法治政府建设工作情况报告如下。"),
    # a year it mentions first decides nothing (继2022年…之后): the copy nearest the body wins
    ("青山县2022年法治政府建设年度报告\n青山县2023年法治政府建设年度报告\n", "继2022年成功创建省级示范县之后，2023年我县持续推进法治政府建设。"),
    ("青山县2022年法治政府建设年度报告\n青山县2023年法治政府建设年度报告\n", "今年以来，我县法治政府建设在2022年基础上持续深化。"),
])
def test_of_two_copies_of_the_title_the_one_whose_year_the_opening_reports_on_wins(front, opening):
    assert outline_of(front + opening + PART_ONE).title == "青山县2023年法治政府建设年度报告"


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


@pytest.mark.parametrize("label", ["标\u3000\u3000题：", "标  题: ", "标题|"])
def test_the_title_field_of_a_portal_s_block_gives_the_title_without_its_label(label):
    outline = outline_of(label + "西藏自治区人民政府关于2017年度全区法治政府建设情况的报告\n"
                         "2017年，在自治区党委、政府的坚强领导下，各地各部门深入推进依法行政，法治政府建设取得新成效。")
    assert outline.title == "西藏自治区人民政府关于2017年度全区法治政府建设情况的报告"


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


# --------------------------------------------------------------------------- helpers for the tests below

TITLE = "青山市人民政府关于2024年度法治政府建设情况的报告"
OPENING = "2024年，青山市坚持以习近平法治思想为指导，扎实推进法治政府建设，现将有关情况报告如下。"
PARAGRAPH = "全年办理行政复议案件206件，审结115件，行政机关负责人出庭应诉率100%，切实维护群众合法权益。"
FILLER = "持续深化行政执法体制改革全面推行行政执法三项制度健全重大行政决策程序规范行政规范性文件管理" * 3


def rules():
    return conventions().outline


def with_hints(*lines: tuple[str, int | None], **source) -> Source:
    """A source as the Word or HTML reader hands it over: lines with their heading levels."""
    return Source(path="t.docx", format="docx", lines=[SourceLine(text, heading_level=level) for text, level in lines],
                  **source)


def report(*body: str, title: str = TITLE) -> str:
    return "\n".join([title, OPENING, *body])


def section_named(outline, heading: str):
    return next(s for s in outline.sections if s.heading == heading)


def line_text(outline, number: int) -> str:
    return outline.text.split("\n")[number - 1]


# --------------------------------------------------------------------------- the title and what surrounds it


def test_a_title_split_after_the_issuer_is_one_title_and_neither_half_is_left_in_the_body():
    outline = outline_of("\n".join([
        "青山市人民政府", "关于2024年度法治政府建设情况的报告", "（2025年3月20日）", OPENING, PARAGRAPH]))
    assert outline.title == "青山市人民政府关于2024年度法治政府建设情况的报告"
    assert outline.title_line == 1
    assert outline.subtitle == "(2025年3月20日)"  # half-width, as all of the outline's text
    assert outline.body_lines == [3, 4]


def test_an_issuer_line_joins_a_second_line_that_reads_as_the_rest_of_a_title():
    outline = outline_of("\n".join(["青山市司法局", "2024年度法治政府建设情况报告", OPENING]))
    assert outline.title == "青山市司法局2024年度法治政府建设情况报告"
    assert outline.title_line == 1
    outline = outline_of("\n".join(["青山市司法局", "2024年工作要点摘编", OPENING]))
    assert outline.title != "青山市司法局2024年工作要点摘编"


def test_a_title_over_three_lines_is_one_title():
    # a letterhead, the title cut before its last words, and a decision about the report named above
    outline = outline_of("\n".join([
        "江澜省粮食和物资储备局", "关于2024年度法治政府建设", "情况的报告", OPENING]))
    assert outline.title == "江澜省粮食和物资储备局关于2024年度法治政府建设情况的报告"
    outline = outline_of("\n".join([
        "澄江县人民政府", "关于对青石镇2023年度法治政府建设情况报告", "弄虚作假问题的问责决定", OPENING]))
    assert outline.title == "澄江县人民政府关于对青石镇2023年度法治政府建设情况报告弄虚作假问题的问责决定"
    assert outline.body_lines[0] == 3  # (0-based: the opening, below the three)


def test_a_column_name_above_a_guanyu_title_is_not_part_of_it():
    outline = outline_of("\n".join(["法治政府建设专栏", "关于2024年度法治政府建设情况的报告", OPENING]))
    assert outline.title == "关于2024年度法治政府建设情况的报告"


def test_the_line_that_most_sounds_like_a_title_wins_over_menu_words_above_it():
    outline = outline_of("\n".join(["政务公开", "无障碍", "青山市2024年法治政府建设年度报告", OPENING]))
    assert outline.title == "青山市2024年法治政府建设年度报告"
    assert outline.title_line == 3


def test_the_report_title_wins_over_a_covering_letter_heading_above_it():
    outline = outline_of("\n".join(["青山市司法局", "关于报送有关材料的函", "青山市2024年度法治政府建设情况报告", OPENING]))
    assert outline.title == "青山市2024年度法治政府建设情况报告"
    assert outline.title_line == 3


def test_a_parenthesised_line_above_the_title_is_not_its_subtitle():
    outline = outline_of("\n".join([
        "（青山市人民政府办公室供稿）", TITLE, "（2025年3月20日）", OPENING]))
    assert outline.title == TITLE and outline.title_line == 2
    assert outline.subtitle == "(2025年3月20日)"  # half-width, as all of the outline's text
    assert outline.body_lines == [0, 3]


def test_a_title_at_exactly_the_title_length_limit_is_still_a_title():
    n = rules().title_max_chars
    long_title = (FILLER[: n - len(TITLE)] + TITLE)
    assert len(long_title) == n
    assert outline_of(long_title + "\n" + OPENING).title == long_title
    too_long = FILLER[: n + 1 - len(TITLE)] + TITLE
    assert outline_of(too_long + "\n" + OPENING).title is None


def test_a_title_needs_the_minimum_number_of_chinese_characters():
    n = rules().title_min_cjk
    enough, short = "2024" + "年度工作报告"[-n:], "2024" + "年度工作报告"[-(n - 1):]
    assert cjk_count(enough) == n and cjk_count(short) == n - 1
    assert outline_of(enough + "\n" + OPENING).title == enough
    assert outline_of(short + "\n" + OPENING).title is None


def test_a_date_on_the_first_line_is_not_a_title():
    outline = outline_of("2025年3月28日\n" + OPENING)
    assert outline.title is None
    assert outline.body_lines == [0, 1]


def test_a_title_hint_from_the_file_is_used_when_no_line_looks_like_a_title():
    source = with_hints((OPENING, None), (PARAGRAPH, None), title_hint="青山市2024年度法治政府建设情况报告")
    outline = parse(source, conventions())
    assert outline.title == "青山市2024年度法治政府建设情况报告"
    assert outline.body_text.startswith("青山市2024年度法治政府建设情况报告\n2024年")


def test_a_title_in_the_text_outranks_the_title_hint():
    source = with_hints((TITLE, None), (OPENING, None), title_hint="新建 Microsoft Word 文档")
    assert parse(source, conventions()).title == TITLE


@pytest.mark.parametrize("opening", ["在以习近平同志为核心的党中央坚强领导下，自治区法治政府建设取得阶段性成效。",
                                     "今年以来，我局坚持依法行政，推动法治政府建设取得新成效。",
                                     "一年来，区政府坚持依法行政，推动法治政府建设取得新成效。"],
                         ids=["在…领导下", "今年以来", "一年来"])
def test_a_title_naming_what_it_reports_on_is_cut_off_whatever_the_body_opens_with(opening):
    """…关于…的报告 runs into the first paragraph however that paragraph begins (a copy that lost its line breaks)."""
    outline = outline_of("新疆维吾尔自治区人民政府关于2017年法治政府建设工作的报告" + opening)
    assert outline.title == "新疆维吾尔自治区人民政府关于2017年法治政府建设工作的报告"
    first = outline.sentences[0]
    assert outline.excerpt(first.start, first.end) == opening


def test_a_title_ending_on_its_work_or_its_building_runs_into_a_first_sentence_dated_in_its_year():
    """…法治政府建设工作情况2019年，… (a 工作情况 title, still a report's) is cut off as a 报告 title is."""
    outline = outline_of("青山市交通局2019年度法治政府部门建设工作情况2019年，青山市交通局认真学习贯彻习近平法治思想。")
    assert outline.title == "青山市交通局2019年度法治政府部门建设工作情况"
    assert outline_of("2019年，我局法治政府建设工作情况良好，全年办理复议案件12件。").title is None


def test_a_column_tag_before_a_glued_title_is_no_part_of_it():
    outline = outline_of("【法治建设报告】青山省司法厅2023年法治政府建设年度报告2023年，省司法厅坚持以习近平法治思想为指导。")
    assert outline.title == "青山省司法厅2023年法治政府建设年度报告"


@pytest.mark.parametrize("line", ["根据市政府关于2023年度法治政府建设情况的报告的要求，我局认真自查。",
                                  "市政府审议了关于2023年度法治政府建设情况的报告》等文件。"],
                         ids=["…的报告的要求", "《…的报告》"])
def test_a_report_named_inside_the_first_sentence_is_no_title(line):
    assert outline_of(line).title is None


def test_a_title_hint_is_not_replaced_by_a_glued_first_line():
    glued = "湖北省人民政府关于2023年度法治政府建设情况的报告2023年，省政府坚持依法行政，推动法治政府建设取得新成效。"
    outline = parse(with_hints((glued, None), title_hint="湖北省政府2023年度报告"), conventions())
    assert outline.title == "湖北省政府2023年度报告"
    assert outline.excerpt(outline.sentences[0].start, outline.sentences[0].end).startswith("湖北省人民政府关于")


def test_a_glued_title_is_cut_off_its_line_and_the_next_lines_are_untouched():
    outline = outline_of("\n".join([
        "湖北省人民政府关于2023年度法治政府建设情况的报告2023年，省政府坚持依法行政，推动法治政府建设取得新成效。",
        "一、坚持党的领导",
        PARAGRAPH,
    ]))
    assert outline.title == "湖北省人民政府关于2023年度法治政府建设情况的报告"
    assert outline.title_line == 1
    first = outline.sentences[0]
    assert outline.excerpt(first.start, first.end) == "2023年，省政府坚持依法行政，推动法治政府建设取得新成效。"
    assert [(s.marker, s.heading, s.line) for s in outline.sections] == [("一、", "坚持党的领导", 2)]


def test_the_addressee_is_taken_off_the_body():
    outline = outline_of("\n".join([TITLE, "省委、省政府：", OPENING, PARAGRAPH]))
    assert outline.addressee == "省委、省政府"
    assert outline.body_lines == [2, 3]


def test_a_lead_in_ending_with_a_colon_is_not_an_addressee():
    outline = outline_of("\n".join([TITLE, "具体情况是：", OPENING]))
    assert outline.addressee is None
    assert outline.body_lines == [1, 2]


def test_an_opening_that_names_the_government_is_not_an_addressee():
    outline = outline_of("\n".join([TITLE, OPENING, PARAGRAPH]))
    assert outline.addressee is None


def test_the_addressee_is_looked_for_only_right_after_the_title():
    n = rules().addressee_lines
    late = [PARAGRAPH] * n + ["市人大常委会："]
    assert outline_of("\n".join([TITLE, *late[-n:], OPENING])).addressee == "市人大常委会"
    assert outline_of("\n".join([TITLE, *late, OPENING])).addressee is None


# --------------------------------------------------------------------------- the closing


def test_signature_date_and_copy_note_are_taken_off_the_end():
    outline = outline_of("\n".join([TITLE, OPENING, PARAGRAPH, "青山市人民政府", "2025年3月20日", "（此件公开发布）", ""]))
    assert outline.signature == "青山市人民政府"
    assert outline.closing_date == "2025年3月20日"
    assert outline.body_lines == [1, 2]
    assert "此件" not in outline.body_text and "青山市人民政府\n" not in outline.body_text


def test_the_closing_date_is_written_without_spaces():
    outline = outline_of(report(PARAGRAPH, "青山市司法局", "2025 年 3 月 20 日"))
    assert outline.closing_date == "2025年3月20日"


def test_the_lowest_date_is_the_closing_date():
    outline = outline_of(report(PARAGRAPH, "青山市人民政府", "2025年3月20日", "2025年3月28日"))
    assert outline.closing_date == "2025年3月28日"
    assert outline.signature == "青山市人民政府"


def test_a_name_on_the_last_line_without_a_date_below_is_not_a_signature():
    outline = outline_of(report(PARAGRAPH, "青山市人民政府"))
    assert outline.signature is None
    assert outline.body_lines == [1, 2, 3]
    assert outline.sections == []


def test_a_signature_at_exactly_the_length_limit_is_taken_off_and_a_longer_one_is_not():
    n = rules().signature_max_chars
    signature = FILLER[: n - 3] + "司法局"
    assert len(signature) == n
    outline = outline_of(report(PARAGRAPH, signature, "2025年3月20日"))
    assert outline.signature == signature and outline.body_lines == [1, 2]
    longer = FILLER[: n + 1 - 3] + "司法局"
    outline = outline_of(report(PARAGRAPH, longer, "2025年3月20日"))
    assert outline.signature is None and outline.body_lines == [1, 2, 3]


def test_a_text_that_is_only_a_date_has_a_closing_date_and_no_body():
    outline = outline_of("2025年3月20日")
    assert outline.closing_date == "2025年3月20日"
    assert outline.body_lines == [] and outline.sentences == []


def test_a_title_with_only_a_date_below_it():
    outline = outline_of(TITLE + "\n2025年3月20日")
    assert outline.title == TITLE
    assert outline.closing_date == "2025年3月20日"
    assert outline.body_lines == []


def test_a_blank_line_after_the_date_does_not_hide_the_closing():
    outline = outline_of(report(PARAGRAPH, "青山市人民政府", "2025年3月20日", "", "  "))
    assert outline.closing_date == "2025年3月20日"
    assert outline.signature == "青山市人民政府"


def test_blank_lines_do_not_count_towards_the_addressee_window():
    outline = outline_of("\n".join([TITLE, "", "", "", "省委、省政府：", OPENING]))
    assert outline.addressee == "省委、省政府"


# --------------------------------------------------------------------------- headings


def test_a_numbered_heading_at_exactly_the_heading_length_limit_ends_at_its_full_stop():
    n = rules().heading_max_chars
    heading = FILLER[:n]
    outline = outline_of(report("一、" + heading + "。" + PARAGRAPH))
    assert outline.sections[0].heading == heading
    body = [outline.excerpt(s.start, s.end) for s in outline.sentences if s.section and not s.heading]
    assert body == [PARAGRAPH]


def test_past_the_heading_length_limit_a_heading_without_clauses_is_cut_at_half_the_clause_limit():
    c = rules()
    outline = outline_of(report("一、" + FILLER[: c.heading_max_chars + 1] + "。" + PARAGRAPH))
    assert outline.sections[0].heading == FILLER[: c.clause_max_chars // 2]
    first_body = next(s for s in outline.sentences if not s.heading and s.section)
    assert outline.excerpt(first_body.start, first_body.end).startswith(FILLER[c.clause_max_chars // 2:][:10])


def test_a_heading_line_without_a_full_stop_is_the_whole_line_up_to_the_limit():
    n = rules().heading_max_chars
    outline = outline_of(report("一、坚持党的领导，全面履行政府职能", "二、" + FILLER[:n], PARAGRAPH))
    assert [s.heading for s in outline.sections] == ["坚持党的领导，全面履行政府职能", FILLER[:n]]


def test_a_run_on_heading_ends_at_a_clause_stop_exactly_at_the_clause_limit():
    c = rules()
    run_on = FILLER[: c.clause_max_chars] + "，" + FILLER[:40] + "。"
    assert c.clause_max_chars >= c.heading_max_chars  # so no full stop lies within the heading limit
    outline = outline_of(report("一、" + run_on))
    assert outline.sections[0].heading == FILLER[: c.clause_max_chars]


def test_a_clause_stop_just_past_the_clause_limit_does_not_end_the_heading():
    c = rules()
    run_on = FILLER[: c.clause_max_chars + 1] + "，" + FILLER[:40] + "。"
    outline = outline_of(report("一、" + run_on))
    assert outline.sections[0].heading == FILLER[: c.clause_max_chars // 2]


def test_a_bare_number_is_not_a_heading():
    outline = outline_of(report("一、。", PARAGRAPH))
    assert outline.sections == []


def test_a_part_label_on_a_line_of_its_own_is_still_a_heading():
    outline = outline_of(report("第一部分", "2024年法治政府建设工作情况", PARAGRAPH))
    assert [s.heading for s in outline.sections][:1] == ["第一部分"]


def test_a_heading_hint_from_word_outranks_the_number_style():
    source = with_hints(
        (TITLE, None),
        ("（一）完善依法行政制度体系", 1), (PARAGRAPH, None),
        ("1.推进政府立法", 2), (PARAGRAPH, None),
        ("深入推进严格规范公正文明执法工作取得新的明显成效得到群众认可", 2), (PARAGRAPH, None),
        ("（二）推进行政决策科学化", 1), (PARAGRAPH, None),
    )
    outline = parse(source, conventions())
    assert [(s.heading, s.depth()) for s in outline.sections] == [
        ("完善依法行政制度体系", 1), ("推进政府立法", 2),
        ("深入推进严格规范公正文明执法工作取得新的明显成效得到群众认可", 2), ("推进行政决策科学化", 1),
    ]
    assert [s.rank for s in outline.sections] == [1, 2, 2, 1]


def test_a_word_heading_is_a_heading_even_where_the_text_alone_would_not_make_it_one():
    long_heading = "全面推进严格规范公正文明执法，着力提升行政执法质量和效能，切实维护人民群众合法权益"
    assert len(long_heading) > rules().unnumbered_max_chars
    source = with_hints((TITLE, None), (OPENING, None), (long_heading, 1), (PARAGRAPH, None), ("工作展望", 1))
    outline = parse(source, conventions())
    assert [s.heading for s in outline.sections] == [long_heading, "工作展望"]


def test_a_word_heading_level_applies_to_the_start_of_its_line_only():
    source = with_hints((TITLE, None), ("一、主要举措。一是规范执法。二是化解纠纷。", 3), (PARAGRAPH, None))
    outline = parse(source, conventions())
    assert [(s.heading, s.rank) for s in outline.sections] == [("主要举措", 1), ("规范执法", 6), ("化解纠纷", 6)]


def test_a_short_unnumbered_line_under_a_numbered_heading_nests_below_it():
    outline = outline_of(report("一、主要举措和成效", "制度建设体系化", PARAGRAPH, "二、存在的不足", PARAGRAPH))
    assert [(s.heading, s.depth()) for s in outline.sections] == [
        ("主要举措和成效", 1), ("制度建设体系化", 2), ("存在的不足", 1)]
    assert section_named(outline, "制度建设体系化").rank == rules().unnumbered_rank_sub


def test_without_top_level_numbers_unnumbered_headings_are_top_level():
    outline = outline_of(report("制度建设体系化", PARAGRAPH, "（一）健全立法机制", PARAGRAPH))
    assert [(s.heading, s.depth()) for s in outline.sections] == [("制度建设体系化", 1), ("健全立法机制", 2)]
    assert outline.sections[0].rank == rules().unnumbered_rank_top


def test_a_part_number_alone_makes_the_document_numbered_from_the_top():
    outline = outline_of(report("第一部分 主要举措", "制度建设体系化", PARAGRAPH))
    assert section_named(outline, "制度建设体系化").rank == rules().unnumbered_rank_sub


def test_an_unnumbered_heading_at_exactly_the_length_limit_and_one_past_it():
    n = rules().unnumbered_max_chars
    at_limit, past = FILLER[:n], FILLER[: n + 1]
    assert [s.heading for s in outline_of(report(at_limit, PARAGRAPH)).sections] == [at_limit]
    assert outline_of(report(past, PARAGRAPH)).sections == []


def test_an_unnumbered_heading_needs_the_minimum_chinese_characters():
    n = rules().heading_min_cjk
    enough, short = "2024" + "年度工作概况"[-n:], "2024" + "年度工作概况"[-(n - 1):]
    assert cjk_count(enough) == n and cjk_count(short) == n - 1
    assert [s.heading for s in outline_of(report(enough, PARAGRAPH)).sections] == [enough]
    assert outline_of(report(short, PARAGRAPH)).sections == []


def test_a_short_lead_in_ending_with_a_colon_is_not_a_heading():
    assert outline_of(report("主要做法有：", PARAGRAPH)).sections == []


def test_a_parenthesised_note_is_not_a_heading_but_a_heading_ending_in_brackets_is():
    assert outline_of(report("（数据截至2024年12月31日）", PARAGRAPH)).sections == []
    outline = outline_of(report("法治政府建设示范创建（市级）", PARAGRAPH))
    assert [s.heading for s in outline.sections] == ["法治政府建设示范创建（市级）"]


def test_a_short_line_above_a_numbered_item_is_a_heading():
    outline = outline_of(report("依法行政工作", "一是规范执法。", "二是化解纠纷。"))
    assert [(s.heading, s.depth()) for s in outline.sections] == [
        ("依法行政工作", 1), ("规范执法", 2), ("化解纠纷", 2)]


def test_a_short_line_is_a_heading_only_above_a_line_longer_by_the_margin():
    margin = rules().paragraph_longer_by
    line = "依法行政工作"
    longer = ("全年办理行政复议案件" * 3)[: len(line) + margin] + "。"  # longer by the margin + 1
    just = ("全年办理行政复议案件" * 3)[: len(line) + margin - 1] + "。"  # longer by exactly the margin
    assert len(longer) == len(line) + margin + 1 and len(just) == len(line) + margin
    assert [s.heading for s in outline_of(report(line, longer)).sections] == [line]
    assert outline_of(report(line, just)).sections == []


def test_a_heading_above_another_heading_line_at_the_length_limit():
    n = rules().unnumbered_max_chars
    upper = FILLER[30:30 + n - 2]
    lower = FILLER[:n]
    assert len(lower) <= len(upper) + rules().paragraph_longer_by
    outline = outline_of(report(upper, lower, PARAGRAPH))
    assert [s.heading for s in outline.sections] == [upper, lower]
    outline = outline_of(report(upper, FILLER[: n + 1], PARAGRAPH))
    assert [s.heading for s in outline.sections] == []


def test_a_short_last_line_is_not_a_heading():
    outline = outline_of(report(PARAGRAPH, "以上报告请审阅"))
    assert outline.sections == []


# --------------------------------------------------------------------------- what the outline offers its users


def test_sections_know_their_depth_path_children_and_size():
    outline = outline_of(report("一、主要举措和成效", "（一）深化放管服改革", PARAGRAPH, "（二）规范执法", "二、存在的不足", PARAGRAPH))
    top, first, second, last = outline.sections
    assert [s.depth() for s in outline.sections] == [1, 2, 2, 1]
    assert top.children == [first, second] and last.children == [] and first.parent is top
    assert top.subtree() == [top, first, second]
    assert first.path() == "一、主要举措和成效 > （一）深化放管服改革"
    assert (top.chars, first.chars, second.chars, last.chars) == (0, len(PARAGRAPH), 0, len(PARAGRAPH))
    assert top.subtree_chars() == len("主要举措和成效深化放管服改革规范执法") + len(PARAGRAPH)
    assert [s.line for s in outline.sections] == [3, 4, 6, 7]


def test_a_path_shortens_each_heading_longer_than_24_characters():
    heading = "全面推进严格规范公正文明执法着力提升行政执法质量和效能"
    outline = outline_of(report("一、" + heading[:24], PARAGRAPH, "二、" + heading[:25], PARAGRAPH))
    assert outline.sections[0].path() == "一、" + heading[:24]
    assert outline.sections[1].path() == "二、" + heading[:23] + "…"
    assert outline.sections[1].path(limit=10) == "二、" + heading[:9] + "…"


def test_sentences_point_at_their_lines_and_say_whether_they_are_headings():
    outline = outline_of(report("一、主要举措和成效。" + PARAGRAPH, "二、存在的不足", PARAGRAPH))
    found = [(outline.excerpt(s.start, s.end), s.line, s.heading, s.section.heading if s.section else None)
             for s in outline.sentences]
    assert found == [
        (OPENING, 2, False, None),
        ("主要举措和成效", 3, True, "主要举措和成效"),
        (PARAGRAPH, 3, False, "主要举措和成效"),
        ("存在的不足", 4, True, "存在的不足"),
        (PARAGRAPH, 5, False, "存在的不足"),
    ]
    assert outline.body_chars == len(OPENING) + 2 * len(PARAGRAPH)


def test_excerpts_are_the_original_full_width_text_and_body_text_is_half_width():
    outline = outline_of(report(PARAGRAPH))
    first = outline.sentences[0]
    assert outline.excerpt(first.start, first.end) == OPENING
    assert outline.text[first.start:first.end] == OPENING.replace("，", ",")
    assert outline.body_text == "\n".join([TITLE, OPENING, PARAGRAPH]).replace("，", ",")
    assert outline.line_starts == [0, len(TITLE) + 1, len(TITLE) + len(OPENING) + 2]


def test_body_text_without_a_title_starts_with_an_empty_line():
    outline = outline_of(OPENING + "\n" + PARAGRAPH)
    assert outline.title is None
    assert outline.body_text == "\n" + "\n".join([OPENING, PARAGRAPH]).replace("，", ",")


def test_body_before_the_first_heading_belongs_to_no_section():
    outline = outline_of(report("一、主要举措", PARAGRAPH))
    assert outline.sentences[0].section is None
    assert outline.sections[0].chars == len(PARAGRAPH)


def test_the_pages_of_the_source_lines_are_kept():
    source = Source(path="t.pdf", format="pdf", lines=[SourceLine(TITLE, page=1), SourceLine(OPENING, page=2)])
    assert parse(source, conventions()).pages == [1, 2]


# --------------------------------------------------------------------------- properties of every outline


@settings(max_examples=200, deadline=None)
@given(report_like())
def test_every_sentence_lies_inside_its_line_and_sentences_do_not_overlap(text):
    outline = outline_of(text)
    lines = outline.text.split("\n")
    assert len(outline.line_starts) == len(lines)
    for start, line in zip(outline.line_starts, lines, strict=True):
        assert outline.text[start:start + len(line)] == line
    previous_end = 0
    for sentence in sorted(outline.sentences, key=lambda s: s.start):
        line_start = outline.line_starts[sentence.line - 1]
        assert line_start <= sentence.start < sentence.end <= line_start + len(lines[sentence.line - 1])
        assert sentence.start >= previous_end
        previous_end = sentence.end
        assert len(outline.excerpt(sentence.start, sentence.end)) == sentence.end - sentence.start
    for section in outline.sections:
        start, end = section.heading_span
        assert outline.raw[start:end].strip() == section.heading


# --------------------------------------------------------------------------- known faults


def test_a_copy_note_at_the_end_of_a_short_report_is_not_a_subtitle():
    outline = outline_of("\n".join([
        "大河乡2024年法治政府建设年度报告", "2024年，大河乡扎实推进法治政府建设。", "全年开展法治宣传活动12场。",
        "大河乡人民政府", "2025年1月10日", "（此件公开发布）"]))
    assert outline.closing_date == "2025年1月10日"
    assert outline.subtitle is None


def test_a_pinyin_reading_a_copy_site_put_after_characters_is_not_read(checker):
    """應(yīng)急 reads as 应急: the same statuses as the clean text, and evidence quotes it without the debris."""
    from .conftest import SEEDS

    clean = (SEEDS / "001_7724204651865b79.txt").read_text(encoding="utf-8")
    readings = {"应": "yīng", "法": "fǎ", "政": "zhèng", "建": "jiàn"}
    littered = "".join(ch + (f"({readings[ch]})" if ch in readings else "") for ch in clean)
    before, after = checker.check_text(clean), checker.check_text(littered)
    assert {f.rule: f.status for f in after.findings} == {f.rule: f.status for f in before.findings}
    assert after.score == before.score
    excerpts = [e.excerpt for f in after.findings for e in f.evidence]
    assert excerpts and not any("(fǎ)" in excerpt for excerpt in excerpts)


def test_the_question_marks_a_copy_left_for_a_paragraph_s_indent_are_not_read(checker):
    """??2016年，… (full-width spaces lost in a copy) opens on the year as 2016年，… does; a ? in a line stays."""
    from .conftest import SEEDS

    clean = (SEEDS / "001_7724204651865b79.txt").read_text(encoding="utf-8")
    indented = "\n".join("??" + line if line.strip() else line for line in clean.split("\n"))
    before, after = checker.check_text(clean), checker.check_text(indented)
    assert {f.rule: f.status for f in after.findings} == {f.rule: f.status for f in before.findings}
    assert after.meta.kind_reasons == before.meta.kind_reasons
    assert "如何?" in outline_of("青山市司法局2023年法治政府建设年度报告\n群众问如何?办理。\n").raw
    # one ? may stand for a character the copy could not show (?溪镇): it stays
    assert outline_of("?溪镇人民政府关于2023年度法治政府建设情况的报告\n全镇办理复议案件6件。\n").raw.startswith("?溪镇")
    # mixed with spaces, however many
    mixed = checker.check_text("\n".join("? ? ?" + line if line.strip() else line for line in clean.split("\n")))
    assert mixed.meta.kind_reasons == before.meta.kind_reasons


def test_a_line_break_tag_left_as_text_between_characters_is_not_read(checker):
    result = checker.check_text("海南省人民政府br关于2020年度法治政府建设情况的报告\n2020年，我省扎实推进法治政府建设。\n")
    assert result.meta.title == "海南省人民政府关于2020年度法治政府建设情况的报告"
    assert result.meta.level == "province"
    assert "gov.br" in outline_of("青山市司法局2023年法治政府建设年度报告\n对照www.gov.br网站的做法。\n").raw


def test_a_bracketed_latin_word_without_tone_marks_is_kept():
    outline = outline_of("青山市人民政府关于2024年度法治政府建设情况的报告\n建成“青山通(app)”平台，上线事项120项。\n")
    assert "(app)" in outline.raw


def test_a_text_spaced_out_a_character_at_a_time_reads_as_the_text(checker):
    """法 治 政 府 (copied from a justified PDF): the same statuses and facts as the clean text, evidence closed up."""
    import re

    from .conftest import SEEDS

    clean = (SEEDS / "001_7724204651865b79.txt").read_text(encoding="utf-8")
    spaced = re.sub(r"(?<=\S)(?=\S)", " ", clean)  # 2 0 2 4 年 ， 克 拉 玛 依 市 …
    before, after = checker.check_text(clean), checker.check_text(spaced)
    assert {f.rule: f.status for f in after.findings} == {f.rule: f.status for f in before.findings}
    assert (after.meta.issuer, after.meta.year, after.meta.level) == (before.meta.issuer, before.meta.year, before.meta.level)
    excerpts = [e.excerpt for f in after.findings for e in f.evidence]
    assert excerpts and not any(re.search("[\u4e00-\u9fff] [\u4e00-\u9fff]", excerpt) for excerpt in excerpts)


def test_a_spaced_title_closes_up_and_a_line_with_a_few_spaces_keeps_them():
    outline = outline_of("青 山 县 人 民 政 府\n关 于 2023 年 度 法 治 政 府 建 设 情 况 的 报 告\n"
                         "2023年，全县办理复议案件6件。\n发布机构 青山县 司法局 人民政府办公室\n")
    assert outline.title == "青山县人民政府关于2023年度法治政府建设情况的报告"
    assert "发布机构 青山县 司法局 人民政府办公室" in outline.raw  # three spaced pairs, more standing together
    assert outline_of("报  告  全  文\n一、总体情况\n全县办理复议案件6件。\n").raw.startswith("报告全文")


# A copy site's stamp: its web address, with the words in front of it (made up here, as real ones vary).
STAMP = "文库之家—海量文档每日更新www.wenkuzj.com"


@pytest.mark.parametrize("stamp", [STAMP, "http://www.wenkuzj.com/doc/20240312.html", "https://m.wenkuzj.com/p/8a9b7c"],
                         ids=["words and address", "a page's address", "an address a figure may run into"])
def test_a_copy_sites_stamp_is_dropped_ahead_of_the_title_and_inside_sentences(stamp):
    text = "\n".join([stamp + TITLE, OPENING, "一、主要举措和成效",
                      "区政府主要负责人切实履行推进法治建设第一" + stamp + "责任人职责，主持召开常务会议5次。",
                      stamp + "2024年，全年办理行政复议案件206件。"])
    outline = outline_of(text)
    assert outline.title == TITLE
    assert "wenkuzj" not in outline.raw and "文库之家" not in outline.raw
    assert "切实履行推进法治建设第一责任人职责，主持召开常务会议5次。" in outline.raw
    assert "\n2024年，全年办理行政复议案件206件。" in outline.raw


def test_a_web_address_the_report_gives_once_stays():
    line = "在“信用中国”网站（www.creditchina.gov.cn）公示行政许可和行政处罚信息1.2万条。"
    outline = outline_of("\n".join([TITLE, OPENING, line]))
    assert line in outline.raw


def test_html_character_references_left_in_a_copy_are_read_as_the_characters_they_name():
    """A page's text saved without its markup decoded (&nbsp;&nbsp;一、…, &ldquo;放管服&rdquo;)."""
    text = "\n".join([TITLE, OPENING, "&nbsp;&nbsp;一、深化&ldquo;放管服&rdquo;改革",
                      "&#12288;&#12288;全年取消行政许可事项12项&amp;下放18项。"])
    outline = outline_of(text)
    assert [(s.marker, s.heading) for s in outline.sections] == [("一、", "深化“放管服”改革")]
    assert "全年取消行政许可事项12项&下放18项。" in outline.raw
    assert "R&D" in outline_of("\n".join([TITLE, OPENING, "支持企业R&D投入。"])).raw
    # a reference to a line break is a space: the text's lines stay the file's, which evidence cites
    broken = outline_of("\n".join([TITLE, OPENING, "全年办理行政复议案件&#10;206件。&#13;", PARAGRAPH]))
    assert broken.raw.split("\n")[2:] == ["全年办理行政复议案件 206件。 ", PARAGRAPH]


def test_a_stamp_shown_once_goes_only_ahead_of_the_text_on_its_first_line():
    ahead = outline_of("\n".join([STAMP + TITLE, OPENING, PARAGRAPH]))
    assert ahead.title == TITLE and "wenkuzj" not in ahead.raw
    words = "文" * 24  # stamp_max_chars words before the address go with it…
    assert "wenkuzj" not in outline_of("\n".join([words + "www.wenkuzj.com" + TITLE, OPENING])).raw
    later = outline_of("\n".join([TITLE, OPENING, "详见www.wenkuzj.com。"]))  # …an address given once later stays
    assert "详见www.wenkuzj.com。" in later.raw
    longer = outline_of("\n".join(["文" * 25 + "www.wenkuzj.com" + TITLE, OPENING]))  # …and one after more words
    assert "www.wenkuzj.com" in longer.raw


def test_a_stamp_shown_twice_inside_the_text_goes():
    outline = outline_of("\n".join([TITLE, OPENING, "全年办理行政复议" + STAMP + "案件206件。", "出庭应诉率" + STAMP + "100%。"]))
    assert "wenkuzj" not in outline.raw and "全年办理行政复议案件206件。" in outline.raw


def test_the_stamp_is_the_address_shown_most_not_every_address_shown_twice():
    sites = [f"详见www.site{k}.gov.cn。" for k in range(4)]
    lines = [TITLE, OPENING] + ["执法" + STAMP + "检查。"] * 3 + sites + sites
    outline = outline_of("\n".join(lines))
    assert "wenkuzj" not in outline.raw
    assert sum(f"www.site{k}.gov.cn" in outline.raw for k in range(4)) >= 2  # only stamp_max_sites sites are stamps


def test_lines_above_the_title_are_the_page_s_no_heading_or_sentence_of_the_report():
    # a portal's widgets and a column's name over the title (本网站支持IPv6, 长者模式, 详细内容): the opening under
    # the title is still the report's first sentence, in no section, and they are kept for its genre words only
    outline = outline_of("\n".join(["本网站支持IPv6", "长者模式", "国家部委政策", "详细内容",
                                    "青山市2024年法治政府建设年度报告", OPENING]))
    assert outline.title_line == 5
    assert outline.sections == []
    first = outline.sentences[0]
    assert outline.text[first.start:first.end].startswith("2024年") and first.section is None
    assert "长者模式" in outline.body_text


def test_an_editor_s_note_over_a_reposted_report_leaves_the_report_s_own_title_below_it():
    outline = outline_of("【编者按】根据《法治政府建设与责任落实督察工作规定》，现将区政府2021年度报告全文刊登如下。\n"
                         "霁州经济技术开发区2021年度法治政府建设情况报告\n"
                         "2021年，开发区管委会坚持以习近平法治思想为指导。现将有关情况报告如下：\n一、主要举措和成效\n")
    assert outline.title == "霁州经济技术开发区2021年度法治政府建设情况报告"


def test_a_wechat_article_s_account_line_is_chrome_and_its_editor_s_note_names_the_title():
    outline = outline_of("霁江城管  2023-03-28 18:05  发表于重庆\n"
                         "按:根据区委全面依法治区办统一安排,现将《重庆市霁江区城市管理局2022年度法治政府建设情况报告》全文刊发,接受社会监督。\n"
                         "2022年,区城市管理局坚持以习近平法治思想为指导。现将有关情况报告如下:\n一、推进法治政府建设的主要举措和成效\n")
    assert outline.title == "重庆市霁江区城市管理局2022年度法治政府建设情况报告"
    assert not any("发表于" in outline.text[s.start:s.end] for s in outline.sentences)


def test_an_editor_s_note_names_no_title_in_the_notice_it_follows():
    """根据《…关于做好…年度报告报送和公开工作的通知》要求，现将…予以公开: the notice is what the note follows, no title of
    the report below it (a title the note names is a report's or a summary's whole title)."""
    outline = outline_of("【编者按】根据《中共青山区委全面依法治区委员会办公室关于做好2024年度法治政府建设年度报告报送和公开工作的通知》"
                         "要求，现将各街道2024年度法治政府建设情况报告予以公开。以下为青石街道报告全文。\n"
                         "2024年，青石街道坚持以习近平法治思想为指导。现将有关情况报告如下：\n一、主要举措和成效\n")
    assert outline.title is None


def test_an_editor_s_note_names_the_report_s_title_with_its_bracketed_note():
    outline = outline_of("【编者按】近日，青山区人民政府发布《青山区2023年度法治政府建设情况报告（全文）》，现予转载。\n"
                         "2023年，青山区坚持以习近平法治思想为指导。现将有关情况报告如下：\n一、主要举措和成效\n")
    assert outline.title == "青山区2023年度法治政府建设情况报告(全文)"  # (half-width, as the outline reads it)


def test_a_table_of_contents_names_the_parts_and_the_opening_after_it_is_no_part_s_text():
    outline = outline_of("目  录\n一、2024年法治政府建设主要举措和成效………………1\n二、存在的不足和原因……………5\n"
                         "三、2025年工作安排………………7\n— 1 —\n"
                         "2024年，望湖街道坚持以习近平法治思想为指导。现将有关情况报告如下：\n"
                         "一、2024年法治政府建设主要举措和成效\n全年调解矛盾纠纷126件。\n")
    contents = [s for s in outline.sections if s.contents]
    assert [s.heading for s in contents] == ["2024年法治政府建设主要举措和成效", "存在的不足和原因", "2025年工作安排"]
    opening = next(s for s in outline.sentences if "现将" in outline.text[s.start:s.end])
    assert opening.section is None
    real = next(s for s in outline.sections if not s.contents)
    assert real.heading == "2024年法治政府建设主要举措和成效" and real.parent is None
    assert outline.title is None


def test_a_title_below_a_table_of_contents_is_the_title_and_the_entries_still_name_the_parts():
    outline = outline_of("目  录\n一、2024年推进法治政府建设的主要举措和成效…………1\n二、存在的不足和原因…………6\n\n"
                         "法治政府建设年度报告\n（2024年度）\n霁州市应急管理局\n\n"
                         "2024年，我市应急管理系统坚持以习近平法治思想为指导。现将有关情况报告如下。\n"
                         "一、2024年推进法治政府建设的主要举措和成效\n全年组织应急演练3场。\n")
    assert outline.title == "法治政府建设年度报告"
    contents = [s.heading for s in outline.sections if s.contents]
    assert contents == ["2024年推进法治政府建设的主要举措和成效", "存在的不足和原因"]
