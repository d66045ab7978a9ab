"""Web-portal furniture around a copied report: what is dropped, what is kept, the page's date."""

from __future__ import annotations

import pytest

from checker.document.chrome import is_chrome, is_content, strip_chrome
from checker.document.ingest.source import Source, lines_from_text
from checker.document.outline import parse

from .conftest import conventions


def chrome():
    return conventions().chrome


def prose(length: int, start: str = "本年度全区") -> str:
    """A line of report prose of exactly `length` characters, with commas and a full stop."""
    filler = start + "持续推进严格规范公正文明执法，深入开展法治宣传教育，行政复议案件全部依法办结，" * 4
    assert length - 1 <= len(filler)
    return filler[: length - 1] + "。"


PARAGRAPH_1 = "2024年，青山市坚持以习近平法治思想为指导，扎实推进法治政府建设，现将有关情况报告如下。"
PARAGRAPH_2 = "全年办理行政复议案件206件，审结115件，行政机关负责人出庭应诉率达到100%，法治政府建设取得新成效。"


def kept_lines(lines: list[str]) -> list[str]:
    result = strip_chrome(lines, chrome())
    return [line for line, keep in zip(lines, result.kept) if keep]


# --------------------------------------------------------------------------- what a line of prose is


def test_a_line_at_exactly_the_content_length_is_prose_and_one_shorter_is_not():
    n = chrome().content_min_chars
    assert is_content(prose(n), chrome()) is True
    assert is_content(prose(n - 1), chrome()) is False


def test_a_long_line_without_sentence_punctuation_is_not_prose():
    line = "青山市人民政府 青山市司法局 青山市发展和改革委员会 青山市财政局 青山市市场监督管理局 青山市生态环境局"
    assert len(line) >= chrome().content_min_chars
    assert is_content(line, chrome()) is False


def test_a_line_naming_page_furniture_is_prose_from_the_chrome_length_on():
    n = chrome().chrome_max_chars
    mention = "门户网站访问量12万次，"
    at_limit = mention + prose(n - len(mention))
    assert len(at_limit) == n and is_chrome(at_limit, chrome())
    assert is_content(at_limit, chrome()) is True
    shorter = mention + prose(n - 1 - len(mention))
    assert is_content(shorter, chrome()) is False


def test_a_channel_the_report_names_is_no_share_button():
    assert is_chrome("分享到：微信 微博", chrome()) is True
    assert is_chrome("微信 | 微博 | QQ空间", chrome()) is True
    assert is_chrome("欢迎访问中国治理网!微信公众号:治理中国", chrome()) is True  # the site's own account
    line = "北关街道通过政务公开栏、街道网站和微信公众号主动公开信息426条，受理依申请公开3件。"
    assert len(line) < chrome().chrome_max_chars
    assert is_chrome(line, chrome()) is False
    assert is_chrome("开通政务微博账号，发布政策解读32条。", chrome()) is False
    assert is_chrome("通过政府网站、政务微博、微信公众号主动公开政府信息3260条。", chrome()) is False  # channels listed
    assert is_chrome("微信公众号", chrome()) is True  # a line that is the site's account only
    assert is_chrome("扫码关注微信公众号", chrome()) is True


def test_a_menu_row_or_a_furniture_word_each_make_a_line_chrome():
    assert is_chrome("首页  机构概况  政务公开  办事服务  互动交流", chrome()) is True  # a menu row only
    assert is_chrome("当前位置：法治政府建设", chrome()) is True  # a breadcrumb only
    assert is_chrome("您所在的位置:政务公开 > 工作报告", chrome()) is True  # …said with 的
    assert is_chrome("政府信息公开", chrome()) is True  # a column's name alone
    assert is_chrome("政府信息公开工作", chrome()) is False
    assert is_chrome("依法行政工作情况", chrome()) is False


def test_a_menu_row_apart_by_single_spaces_is_chrome_from_five_labels_on():
    assert is_chrome("首   页 走进青山 新闻中心 政府信息公开 政务服务 互动交流", chrome()) is True
    assert is_chrome("走进青山 新闻中心 政府信息公开 政务服务", chrome()) is False  # four labels: maybe a title in pieces
    assert is_chrome("一是 加强 组织 领导，健全 机制", chrome()) is False  # prose punctuation
    assert is_chrome("2025 年 3 月 20 日", chrome()) is False  # a date spaced out


def test_a_page_stamp_with_its_time_and_a_font_size_control_are_furniture_but_a_date_alone_is_not():
    assert is_chrome("2021年03月22日 16时47分", chrome()) is True
    assert is_chrome("【字体:", chrome()) is True
    assert is_chrome("2025-04-27 10:14 黑龙江省人民政府网", chrome()) is True
    assert is_chrome("2021年3月22日", chrome()) is False  # may be the report's own closing date


def test_a_document_number_on_its_own_line_is_furniture():
    assert is_chrome("交法发〔2019〕31号", chrome()) is True
    assert is_chrome("西政办〔2020〕20号", chrome()) is True
    assert is_chrome("依据《行政复议法》〔2023〕修订", chrome()) is False


# --------------------------------------------------------------------------- the page around a report


PAGE = [
    "首页 > 政务公开 > 法治政府建设",  # 0 breadcrumb
    "青山市人民政府关于2024年度法治政府建设情况的报告",  # 1 title
    "发布时间：2025-03-28 10:30    来源：青山市司法局",  # 2
    "字号：[大 中 小]",  # 3
    PARAGRAPH_1,  # 4 first prose
    "（一）推进“互联网+政务服务”，微信办事",  # 5 heading in the body that names 微信
    PARAGRAPH_2,  # 6 last prose
    "青山市人民政府",  # 7 signature
    "2025年3月20日",  # 8 date
    "分享到：微信 微博",  # 9
    "打印本页 收藏本文",  # 10 the footer starts (not furniture by itself)
    "青山市人民政府办公室 主办",  # 11 below the footer: dropped though it names no furniture
]


@pytest.mark.parametrize("line", ["临川县人民政府门户网站", "青山市政府网"])
def test_a_portal_s_own_name_on_its_line_is_furniture_but_a_title_naming_a_website_is_not(line):
    assert is_chrome(line, chrome())
    assert not is_chrome("青山市政府网站2023年度工作年度报告", chrome())


@pytest.mark.parametrize("line", ["信息公开", "政府信息公开专栏", "包河区人民政府(政府办公室)-信息公开", "青山县人民政府 | 政务公开",
                                  "政府信息公开 规章库", "深圳市福田区福保街道办事处政府信息公开", "青山市司法局政务公开"])
def test_a_portal_s_disclosure_column_on_its_line_is_furniture_but_a_sentence_on_disclosure_is_not(line):
    assert is_chrome(line, chrome())
    assert not is_chrome("全年主动公开政府信息1200条-信息公开", chrome())
    assert not is_chrome("深化政务公开", chrome())
    assert not is_chrome("政务公开 全年发布信息1200条", chrome())
    assert not is_chrome("我局高度重视政府信息公开", chrome())


@pytest.mark.parametrize("line", ["通知公告", "计划规划", "规划计划", "工作动态"])
def test_a_portal_s_column_name_on_its_line_is_furniture_not_a_title_of_its_genre(checker, line):
    assert is_chrome(line, chrome())
    assert not any(is_chrome(genre, chrome()) for genre in ("工作总结", "工作计划", "政策解读", "通知公告栏目的规范化管理"))
    result = checker.check_text(f"{line}\n{PARAGRAPH_1}\n一、主要举措和成效\n{PARAGRAPH_2}\n")
    assert result.meta.title is None and result.meta.kind == "annual_report", result.meta.kind_reasons


def test_furniture_above_and_below_the_report_is_dropped_and_the_report_kept():
    result = strip_chrome(PAGE, chrome())
    assert result.dropped == [0, 2, 3, 9, 10, 11]
    assert result.kept == [i not in (0, 2, 3, 9, 10, 11) for i in range(len(PAGE))]
    assert result.published == "2025-03-28"


def test_a_furniture_word_inside_the_report_is_never_lost():
    assert PAGE[5] in kept_lines(PAGE)


def test_furniture_right_after_the_last_paragraph_is_dropped():
    lines = [PARAGRAPH_1, PARAGRAPH_2, "责任编辑：张明  浏览次数：120", "青山市人民政府", "2025年3月20日"]
    assert kept_lines(lines) == [PARAGRAPH_1, PARAGRAPH_2, "青山市人民政府", "2025年3月20日"]


def test_the_footer_right_after_the_last_paragraph_takes_everything_below_it():
    lines = [PARAGRAPH_1, PARAGRAPH_2, "打印本页 收藏本文", "青山市人民政府办公室 主办"]
    assert kept_lines(lines) == [PARAGRAPH_1, PARAGRAPH_2]


def test_long_paragraphs_that_mention_furniture_words_are_prose_at_both_ends():
    first = "全面推行“一网通办”，依托政务微信公众号和微博发布政策解读，群众办事更加便捷，" + prose(45)
    last = "开通“扫一扫”评价功能，群众扫一扫二维码即可对行政执法行为进行评价和监督，" + prose(50)
    assert len(first) >= chrome().chrome_max_chars and len(last) >= chrome().chrome_max_chars
    assert is_chrome(first, chrome()) and is_chrome(last, chrome())
    lines = ["首页 > 法治政府", first, PARAGRAPH_2, last, "青山市人民政府", "2025年3月20日", "关闭窗口"]
    result = strip_chrome(lines, chrome())
    assert result.dropped == [0, 6]
    assert kept_lines(lines) == lines[1:6]


def test_a_site_banner_sentence_above_the_breadcrumb_does_not_shield_it():
    lines = ["欢迎访问青山市人民政府门户网站。", "首页 > 政务公开", "您的位置：法治政府建设", PARAGRAPH_1, PARAGRAPH_2]
    assert strip_chrome(lines, chrome()).dropped == [1, 2]


def test_text_without_any_sentence_keeps_every_line():
    lines = ["首页 > 政务公开", "青山市法治政府建设年度报告", "关闭窗口"]
    result = strip_chrome(lines, chrome())
    assert result.kept == [True, True, True]
    assert result.dropped == [] and result.published is None


# --------------------------------------------------------------------------- short texts


def short_sentence(length: int) -> str:
    return ("本区全年办理行政复议案件二十件，全部依法审结"[: length - 1]) + "。"


def test_in_a_short_text_a_sentence_of_the_minimum_length_marks_where_the_page_starts():
    n = chrome().short_text_min_chars
    lines = ["青山区法治政府建设情况", "发布时间：2024-01-05", short_sentence(n)]
    result = strip_chrome(lines, chrome())
    assert result.dropped == [1]
    assert result.published == "2024-01-05"


def test_in_a_short_text_a_sentence_below_the_minimum_length_marks_nothing():
    n = chrome().short_text_min_chars
    lines = ["青山区法治政府建设情况", "发布时间：2024-01-05", short_sentence(n - 1)]
    result = strip_chrome(lines, chrome())
    assert result.dropped == [] and result.published is None


def test_in_a_short_text_a_furniture_line_with_a_full_stop_is_not_the_report():
    lines = ["青山区法治政府建设情况", "来源：青山区司法局。", "本区全年办理行政复议案件二十件。", "关闭窗口"]
    result = strip_chrome(lines, chrome())
    assert result.dropped == [1, 3]


# --------------------------------------------------------------------------- the publication date


def published(line: str) -> str | None:
    return strip_chrome([line, PARAGRAPH_1], chrome()).published


@pytest.mark.parametrize("line, expected", [
    ("发布时间：2025-03-28", "2025-03-28"),
    ("发布日期：2024年1月5日  浏览次数：120", "2024-01-05"),
    ("来源：青山市司法局  2023.12.31", "2023-12-31"),
    ("发布时间：1990-01-01", "1990-01-01"),
    ("发布时间：1989-12-31", None),
    ("发布时间：2100-12-31", "2100-12-31"),
    ("发布时间：2101-01-01", None),
    ("发布时间：2024-00-10", None),
    ("发布时间：2024-13-10", None),
    ("发布时间：2024-12-00", None),
    ("发布时间：2024-01-32", None),
    ("来源：青山市司法局", None),
])
def test_the_publication_date_is_read_from_the_furniture_above(line, expected):
    assert published(line) == expected


def test_the_first_valid_date_above_the_report_is_the_publication_date():
    lines = ["发布时间：2024-13-01", "发布时间：2024-04-02", "更新时间：2024-05-06 浏览次数：3", PARAGRAPH_1]
    assert strip_chrome(lines, chrome()).published == "2024-04-02"


def test_a_date_in_the_report_itself_is_not_the_publication_date():
    lines = ["青山市法治政府建设年度报告", PARAGRAPH_1, "2025-03-20"]
    assert strip_chrome(lines, chrome()).published is None


# --------------------------------------------------------------------------- through the parser


def test_the_parser_reads_the_report_out_of_the_page():
    source = Source(path="page.html", format="html", lines=lines_from_text("\n".join(PAGE)))
    outline = parse(source, conventions())
    assert outline.title == "青山市人民政府关于2024年度法治政府建设情况的报告"
    assert outline.published == "2025-03-28"
    assert outline.signature == "青山市人民政府"
    assert outline.closing_date == "2025年3月20日"
    for word in ("首页", "字号", "分享到", "打印本页", "主办", "发布时间"):
        assert word not in outline.body_text
    assert "微信办事" in outline.body_text


def test_a_date_the_reader_found_outranks_the_one_in_the_furniture():
    source = Source(path="page.html", format="html", lines=lines_from_text("\n".join(PAGE)), published="2025-04-01")
    assert parse(source, conventions()).published == "2025-04-01"


def test_an_impossible_calendar_date_is_not_a_publication_date():
    lines = ["发布时间：2023-02-29", "更新时间：2023-03-01", PARAGRAPH_1]
    assert strip_chrome(lines, chrome()).published == "2023-03-01"


def test_the_information_disclosure_block_above_a_report_is_furniture():
    block = ["- 索 引 号: sm09901-1800-2025-00003", "- 备注/文号: 青镇委〔2025〕5号", "发布机构：青山镇人民政府",
             "公文生成日期: 2025-02-07", "主题分类：政务公开"]
    assert kept_lines(block + [PARAGRAPH_1, PARAGRAPH_2]) == [PARAGRAPH_1, PARAGRAPH_2]


def test_the_block_copied_from_its_table_with_its_bars_is_furniture_and_gives_the_date():
    block = ["索引号 | SY-310115-2024-01660 |", "文件编号 | 浦东明办〔2024〕3号 |", "发布机构 | 东明路街道 |",
             "公开类别 | 主动公开 |", "发布时间 | 2024-03-28 |"]
    assert kept_lines(block + [PARAGRAPH_1, PARAGRAPH_2]) == [PARAGRAPH_1, PARAGRAPH_2]
    assert strip_chrome(block + [PARAGRAPH_1], chrome()).published == "2024-03-28"
    # a report's own line with a bar in it stays (来源 | 口径 tables are no furniture below the first paragraph)
    assert not is_chrome("全年办理行政复议案件206件 | 审结115件", chrome())


def test_the_block_as_a_markdown_table_is_furniture():
    block = ["| 索引号: | 4300000001/2026-00628 | 分类: | |", "| 发文机关: | 青山县应急管理局 | 发文日期: | |",
             "| 名称: | |||", "| 文号 : | |||"]
    title = "青山县应急管理局2025年法治政府建设报告"
    assert kept_lines(block + [title, PARAGRAPH_1]) == [title, PARAGRAPH_1]


def test_the_block_copied_with_spaces_between_its_labels_and_values_is_furniture():
    block = ["索引号 001008003002009/2024-45223", "组配分类 计划总结 发布机构 区委依法治区办",
             "生成日期 2024-03-26 公开方式 主动公开", "索引号 发布机构 区政府", "公开类别 主动公开 发布时间 2023-03-27"]
    title = "青山市2023年度法治政府建设情况报告"
    assert kept_lines(block + [title, PARAGRAPH_1]) == [title, PARAGRAPH_1]
    # a title that merely begins with such a word is no furniture
    assert not is_chrome("有效性审查工作情况报告", chrome())


def test_a_menu_of_three_short_words_and_a_link_to_the_policy_reading_are_furniture():
    title = "青山市人民政府2017年度法治政府建设工作报告"
    lines = ["青山市人民政府", "  新闻 信息公开 智能办事", title, "政策解读链接:点击查看政策解读", PARAGRAPH_1]
    assert kept_lines(lines) == ["青山市人民政府", title, PARAGRAPH_1]
    # two words apart by a space are no menu (a title set off from its body's name), nor a title spaced out, nor prose
    # that names a link's clicks
    assert not is_chrome("法治政府 建设报告", chrome())
    assert not is_chrome("法治政府 建设 工作报告", chrome())
    assert not is_chrome("政务公开专栏点击查看量达12万次。", chrome())
    assert not is_chrome("全年办理行政复议案件56件，点击查看达15万人次。", chrome())
    # a link line naming the report it explains is furniture above the report's own title
    link = "解读链接：《青山市人民政府关于2023年度法治政府建设情况的报告》政策解读"
    assert kept_lines([link, title, PARAGRAPH_1]) == [title, PARAGRAPH_1]


def test_the_block_in_brackets_a_row_of_portal_names_and_the_read_aloud_button_are_furniture():
    block = ["中国政府网 | 青山省人民政府网 | 青山经济技术开发区网 | |", "[ 索引号 ] 11500101008630031F/2022-00251",
             "[ 主题分类 ] 司法", "[ 发布机构 ] 青山区政府办公室", "[ 有效性 ]", "[ 成文日期 ] 2021-02-26"]
    title = "青山区人民政府关于2020年度法治政府建设情况的报告"
    assert kept_lines(block + [title, "日期:2021-02-26 来源:青山区政府办公室", "语音播报", PARAGRAPH_1]) == [title, PARAGRAPH_1]
    # a line of prose between bars stays
    assert not is_chrome("全年办理行政复议案件206件 | 审结115件 |", chrome())
    # the site's name before its menu, however long, is the menu's
    assert is_chrome("青山市生态环境局网站  |  首页  |  机构概况  |  信息公开  |  办事服务", chrome())
    assert not is_chrome("青山市生态环境局网站上线 | 全年发布信息126条 | 办结率100%", chrome())
    # an empty field in brackets ending the block takes no line after it for its value (a title over two lines)
    issuer, rest = "青山区人民政府", "关于2020年度法治政府建设情况的报告"
    assert kept_lines(["[ 成文日期 ] 2021-02-26", "[ 有效性 ]", issuer, rest, PARAGRAPH_1]) == [issuer, rest, PARAGRAPH_1]


@pytest.mark.parametrize("title", ["青山市司法局2025年度法治政府建设情况的报告", "青山区司法局2023年度法治政府建设工作情况",
                                   "青山区司法局2023年度法治政府建设情况报告（全文）"])
def test_a_field_left_empty_above_the_title_does_not_take_the_title_for_its_value(title):
    block = ["索  引  号 113708120042347000/2026-00508 公开方式 主动公开", "成文日期 2026-01-21 废止日期", "有效性"]
    assert kept_lines(block + [title, PARAGRAPH_1]) == [title, PARAGRAPH_1]


def test_the_date_the_block_labels_as_published_outranks_the_date_the_document_was_written():
    block = ["发文机关 青山市人民政府 成文日期 2018年04月04日", "发文字号 青政文〔2018〕32号 发布时间 2019年06月05日"]
    assert strip_chrome(block + [PARAGRAPH_1], chrome()).published == "2019-06-05"
    assert strip_chrome(block[:1] + [PARAGRAPH_1], chrome()).published == "2018-04-04"
    # …also on a line of its own, spaced, below the portal's greeting with the day's date
    spaced = ["今天是2025年6月5日 星期四", "成文日期 2024-03-20 公开方式 主动公开", "发布时间 2024-04-08 来源 区司法局"]
    assert strip_chrome(spaced + [PARAGRAPH_1], chrome()).published == "2024-04-08"
    assert kept_lines(spaced + [PARAGRAPH_1]) == [PARAGRAPH_1]


def test_a_breadcrumb_split_over_lines_is_furniture():
    block = ["首页", ">> 政务公开 >> 法治政府工作报告", "  • 审核程序:", "", "    单位审核公开"]
    title = "澧浦镇2023年度法治政府建设工作报告"
    assert [line for line in kept_lines(block + [title, PARAGRAPH_1]) if line.strip()] == [title, PARAGRAPH_1]


def test_the_block_copied_from_its_table_drops_each_label_and_the_value_under_it():
    block = ["交通运输部2017年度法治政府部门建设工作情况", "", "索引号", "", "000019713O03/2018-00450", "", "主题分类",
             "", "政府信息公开", "公文类型", "部文件"]
    assert kept_lines(block + [PARAGRAPH_1, PARAGRAPH_2]) == [block[0], "", "", "", "", PARAGRAPH_1, PARAGRAPH_2]


def test_the_table_s_labels_with_bullets_and_colons_are_labels_too():
    block = ["  • 信息索引号:", "", "    330782000000/2020-210705", "", "  • 文件名称:", "", "  • 发布机构:", "", "    其他",
             "  • 成文日期:", "    2020-03-31", "  • 公开方式:", "    主动公开"]
    title = "青山市2019年度法治政府建设工作报告"
    kept = [line for line in kept_lines(block + [title, PARAGRAPH_1]) if line.strip()]
    assert kept == [title, PARAGRAPH_1]


def test_a_line_that_is_no_field_label_keeps_the_line_under_it():
    above = ["政府信息公开工作", "青山市人民政府2024年度法治政府建设情况报告"]
    assert kept_lines(above + [PARAGRAPH_1]) == above + [PARAGRAPH_1]


def test_a_report_s_figure_named_like_a_page_counter_is_kept():
    last = "加强政府网站管理，全年政府网站共发布各类信息8700条，年访问量累计2986773次"
    assert kept_lines([PARAGRAPH_1, PARAGRAPH_2, last, "浏览次数：120"]) == [PARAGRAPH_1, PARAGRAPH_2, last]


def test_a_copy_site_s_note_above_the_text_it_reposts_is_furniture():
    note = "下面是小编为大家整理的乡镇法治政府建设工作总结（全文），供大家参考。"
    assert kept_lines([note, PARAGRAPH_1, PARAGRAPH_2]) == [PARAGRAPH_1, PARAGRAPH_2]


def test_a_body_line_set_off_by_one_arrow_is_no_breadcrumb():
    body = "→ 审查上会议题86件"
    assert not is_chrome(body, chrome())


def test_a_flow_of_steps_is_no_breadcrumb():
    assert not is_chrome("受理→审查→决定", chrome())


@pytest.mark.parametrize("tab", ["{title}_通知公告_柏原县人民政府", "{title} - 通知公告 - 柏原县人民政府",
                                 "{title}|通知公告|柏原县人民政府门户网站", "{title}-通知公告-柏原县人民政府",
                                 "{title}_柏原县人民政府"])
def test_a_browser_tab_s_title_is_no_title(checker, tab):
    """The page's name, its column and its site joined by _ (…报告_通知公告_柏原县人民政府): furniture, not a 通知."""
    title = "渭北省人民政府关于2018年法治政府建设情况的报告"
    text = (tab.format(title=title) + "\n"
            "渭北省人民政府关于2018年法治政府建设情况的报告\n"
            "2018年，省政府深入推进依法行政，法治政府建设取得新的成效。现将有关情况报告如下：\n"
            "一、依法全面履行政府职能\n全年取消和下放省级行政许可事项42项。\n")
    result = checker.check_text(text)
    assert result.meta.kind == "annual_report", result.meta.kind_reasons
    assert result.meta.title == "渭北省人民政府关于2018年法治政府建设情况的报告"
