"""Which part of the report each heading and sentence belongs to (rulebook `parts:`)."""

from __future__ import annotations

import pytest

from checker.document import read
from checker.document.ingest.source import Source, lines_from_text
from checker.rules.rulebook import builtin_editions, load_rulebook

from .conftest import conventions

TITLE = "某某县人民政府关于2023年度法治政府建设情况的报告\n"


@pytest.fixture(scope="module")
def lexicon():
    return load_rulebook(builtin_editions()[-1]).lexicon


@pytest.fixture(scope="module")
def read_text(lexicon):
    def read_text(text: str, year: int | None = None):
        source = Source(path="t.txt", format="txt", lines=lines_from_text(text), encoding="utf-8")
        return read(source, lexicon, year)

    return read_text


def sections(document) -> dict[str, tuple[frozenset, frozenset]]:
    """Heading → (the parts it names itself, the roles it has)."""
    return {s.heading: (s.own_parts, s.roles) for s in document.outline.sections}


def sentence_roles(document) -> list[tuple[str, frozenset]]:
    return [(document.text_of(s), s.roles) for s in document.sentences]


def roles_of(document, text: str) -> frozenset:
    return next(roles for said, roles in sentence_roles(document) if said == text)


# --------------------------------------------------------------------------- part headings


def test_a_top_level_part_has_only_its_own_role(read_text):
    doc = read_text(TITLE + "一、主要举措和成效\n全年办理行政复议案件206件。\n二、存在的不足和原因\n基层执法力量不足，主要原因是编制有限。\n")
    assert sections(doc) == {
        "主要举措和成效": ({"measures"}, {"measures"}),
        "存在的不足和原因": ({"shortcomings"}, {"shortcomings"}),
    }
    assert doc.parts_found == {"measures", "shortcomings"}
    assert roles_of(doc, "基层执法力量不足,主要原因是编制有限。") == {"shortcomings"}


def test_the_first_responsible_sub_part_inside_the_achievements_keeps_both_roles(read_text):
    doc = read_text(TITLE + "一、主要举措和成效\n（一）加强党的领导\n全年召开专题会议4次。\n"
                    "（二）党政主要负责人履行推进法治建设第一责任人职责情况\n县长主持召开常务会议3次。\n")
    assert sections(doc) == {
        "主要举措和成效": ({"measures"}, {"measures"}),
        "加强党的领导": (frozenset(), {"measures"}),
        "党政主要负责人履行推进法治建设第一责任人职责情况": ({"first_responsible"}, {"first_responsible", "measures"}),
    }
    assert roles_of(doc, "县长主持召开常务会议3次。") == {"first_responsible", "measures"}
    assert roles_of(doc, "全年召开专题会议4次。") == {"measures"}


def test_a_heading_naming_parts_of_different_precedence_is_the_most_specific(read_text):
    doc = read_text(TITLE + "一、党政主要负责人履行推进法治建设第一责任人职责工作情况\n县长主持召开常务会议3次。\n")
    (own, roles), = sections(doc).values()
    assert own == roles == {"first_responsible"}  # not also measures (工作情况)


def test_a_part_heading_at_the_deepest_rank_read_is_a_part(read_text):
    max_rank = conventions().facts.part_heading_max_rank
    doc = read_text(TITLE + "一、2023年度工作情况\n（一）主要举措和成效\n全年办理行政复议案件206件。\n"
                    "（二）存在的不足\n基层执法力量不足。\n")
    sub = next(s for s in doc.outline.sections if s.heading == "存在的不足")
    assert sub.rank == max_rank
    assert sub.own_parts == {"shortcomings"}
    assert "shortcomings" in doc.parts_found


def test_below_the_rank_limit_only_parts_recognised_at_any_depth_count(read_text):
    max_rank = conventions().facts.part_heading_max_rank
    doc = read_text(TITLE + "一、主要举措和成效\n（一）加强党的领导\n"
                    "1.主要负责人履行第一责任人职责\n县长带头述法。\n"
                    "2.存在的问题整改\n整改问题12个。\n")
    deep = {s.heading: s for s in doc.outline.sections if s.rank > max_rank}
    assert set(deep) == {"主要负责人履行第一责任人职责", "存在的问题整改"}
    assert deep["主要负责人履行第一责任人职责"].own_parts == {"first_responsible"}
    assert deep["存在的问题整改"].own_parts == frozenset()
    assert doc.parts_found == {"measures", "first_responsible"}
    assert roles_of(doc, "整改问题12个。") == {"measures"}


@pytest.mark.parametrize("holder", ["二、存在的问题及下一步工作打算", "二、2024年工作安排", "二、存在的不足和原因"])
def test_a_task_or_a_problem_that_names_another_part_is_the_plan_s_or_the_problems_item(read_text, holder):
    """Under the plan or the problems, 一是全面落实…第一责任人职责 is an item of that part, not the 第一责任人 part."""
    doc = read_text(TITLE + "一、主要举措和成效\n全年办理行政复议案件206件。\n" + holder + "\n"
                    "一是全面落实党政主要负责人履行推进法治建设第一责任人职责，推动述法全覆盖。\n"
                    "二是落实新修订的《行政复议法》，提升办案质量。\n")
    item = next(s for s in doc.outline.sections if s.heading.startswith("全面落实党政主要负责人"))
    assert item.own_parts == frozenset()
    assert "first_responsible" not in doc.parts_found
    # …while a 第一责任人 sub-part of the year's work stays that part (any depth)
    kept = read_text(TITLE + "一、主要举措和成效\n一是全面落实党政主要负责人履行推进法治建设第一责任人职责，县长带头述法。\n")
    assert "first_responsible" in kept.parts_found


def test_parts_numbered_in_arabic_at_the_top_of_the_outline_are_parts(read_text):
    """A report whose parts are 1. … 10. has them at the top, though 1. is a third-rank marker elsewhere."""
    doc = read_text(TITLE + "1.坚持党的领导\n全年召开专题会议4次。\n2.存在的问题和下一步打算\n"
                    "还存在一些不足：基层执法力量薄弱。\n2024年，区政府将重点抓好以下工作：\n（1）修订《行政规范性文件管理办法》。\n")
    heading = next(s for s in doc.outline.sections if s.heading == "存在的问题和下一步打算")
    assert heading.rank > conventions().facts.part_heading_max_rank
    assert heading.own_parts == {"shortcomings", "next_year"}
    assert roles_of(doc, "还存在一些不足:基层执法力量薄弱。") == {"shortcomings"}
    assert roles_of(doc, "修订《行政规范性文件管理办法》") == {"next_year"}


def test_run_in_items_at_the_top_of_an_outline_without_parts_headings_stay_items(read_text):
    """Numbered sentences run into their paragraph (2.制定印发《…工作计划》，…; 3.聚焦…困难和问题，…) are items of
    the year's work, not the plan or the problems; a title ending on a colon before its items is a part."""
    doc = read_text("某某乡2023年法治政府建设工作总结\n2023年，我乡认真贯彻落实《纲要》，现将全年工作总结如下：\n"
                    "1.制定印发《某某乡2023年法治政府建设工作计划》，将法治政府建设纳入全乡发展总体布局。\n"
                    "2.聚焦群众反映的困难和问题，全年调解各类纠纷86件，受理信访事项21件。\n"
                    "3.存在问题：一是部分干部法治意识不强；二是执法力量不足。\n"
                    "4.下一步工作打算：一是加强法治学习；二是规范执法行为。\n")
    own = {s.marker: s.own_parts for s in doc.outline.sections if s.parent is None}
    assert own == {"1.": frozenset(), "2.": frozenset(), "3.": {"shortcomings"}, "4.": {"next_year"}}


def test_a_part_title_on_its_own_line_under_the_plan_is_that_part(read_text):
    """（四）党政主要负责人…职责情况 after 三、2024年工作打算 continues the year's parts the outline nested there."""
    doc = read_text(TITLE + "一、主要举措和成效\n（一）依法化解矛盾纠纷。全年办理行政复议案件56件。\n三、2024年工作打算\n"
                    "一是深入学习贯彻习近平法治思想；二是持续深化“放管服”改革。\n"
                    "（四）党政主要负责人履行推进法治建设第一责任人职责情况\n县长主持召开县政府常务会议6次专题研究法治政府建设。\n")
    part = next(s for s in doc.outline.sections if s.heading.startswith("党政主要负责人"))
    assert part.own_parts == {"first_responsible"}


def test_a_key_work_heading_is_the_plan_at_the_top_only(read_text):
    doc = read_text(TITLE + "一、主要举措和成效\n（一）强化重点工作\n全年办理行政复议案件206件。\n"
                    "二、工作重点\n继续推进行政执法规范化建设。\n")
    assert sections(doc)["强化重点工作"] == (frozenset(), {"measures"})
    assert sections(doc)["工作重点"][0] == {"next_year"}


@pytest.mark.parametrize("heading,plan", [
    ("围绕省委重点工作，加快推动相关立法进程", False),  # the object of the year's work
    ("重点工作开展情况", False),  # the work done
    ("2022年重点工作及主要工作举措", False),  # …with the measures taken on it
    ("谋划法治政府建设，有序推进重点工作", False),  # …and told as the year did it
    ("扎实推进重点工作的打算", True),  # (打算 says it)
    ("工作重点和措施", True),
    ("重点工作任务", True),
    ("工作重点，具体如下：", True),
    ("2025年法治政府建设重点工作", True),
])
def test_a_key_work_heading_is_the_plan_unless_it_is_the_years_object_or_work_done(read_text, heading, plan):
    doc = read_text(TITLE + "一、主要举措和成效\n全年出台地方性法规3部。\n"
                    f"二、{heading}\n继续推进行政执法规范化建设。\n")
    assert (sections(doc)[heading][0] == {"next_year"}) is plan


def test_the_duty_to_put_the_work_into_the_yearly_plan_is_no_plan(read_text):
    doc = read_text(TITLE + "一、主要举措和成效\n（一）把法治政府建设纳入本部门发展总体规划和年度工作计划情况\n"
                    "研究部署了行政许可清单编制工作。\n（二）2025年工作计划\n继续推进行政执法规范化建设。\n")
    assert sections(doc)["把法治政府建设纳入本部门发展总体规划和年度工作计划情况"] == (frozenset(), {"measures"})
    assert sections(doc)["2025年工作计划"][0] == {"next_year"}


# --------------------------------------------------------------------------- the plan by its year


def test_a_heading_naming_the_next_year_is_the_plan_even_without_a_plan_word(read_text):
    doc = read_text(TITLE + "一、主要举措和成效\n全年办理行政复议案件206件。\n二、2024年工作\n深化行政执法体制改革。\n")
    assert doc.year == 2023
    assert sections(doc)["2024年工作"] == ({"next_year"}, {"next_year"})
    assert roles_of(doc, "深化行政执法体制改革。") == {"next_year"}


def test_a_heading_naming_the_reported_year_is_not_the_plan(read_text):
    doc = read_text(TITLE + "一、2023年工作\n全年办理行政复议案件206件。\n")
    assert sections(doc)["2023年工作"] == (frozenset(), {"body"})
    assert doc.parts_found == frozenset()


def test_a_heading_naming_a_plans_span_or_a_title_is_not_the_plan(read_text):
    """编制《…实施方案（2021—2025年）》 in a 2021 report's heading is the year's work, not next year's plan."""
    doc = read_text("海口市人民政府2021年度法治政府建设情况报告\n一、主要举措和成效\n"
                    "（一）科学谋划法治政府建设工作编制《海口市法治政府建设实施方案（2021—2025年）》\n"
                    "明确未来五年法治政府建设具体路径，提出建立25项重要制度。\n"
                    "（二）2021年至2025年分步实施\n健全23个工作机制。\n")
    assert doc.year == 2021
    assert "next_year" not in doc.parts_found
    assert roles_of(doc, "健全23个工作机制。") == {"measures"}


def test_a_later_year_counts_at_the_deepest_rank_read_but_not_below(read_text):
    max_rank = conventions().facts.part_heading_max_rank
    doc = read_text(TITLE + "一、2023年度法治政府建设情况\n（一）主要举措和成效\n"
                    "1.制定2024年度立法计划\n立法计划包括地方性法规3件。\n"
                    "（二）2024年重点任务\n推进行政执法三项制度全覆盖。\n")
    by_heading = {s.heading: s for s in doc.outline.sections}
    plan, achievement = by_heading["2024年重点任务"], by_heading["制定2024年度立法计划"]
    assert plan.rank == max_rank < achievement.rank
    assert plan.own_parts == {"next_year"}
    assert achievement.own_parts == frozenset()
    assert roles_of(doc, "立法计划包括地方性法规3件。") == {"measures"}
    assert roles_of(doc, "推进行政执法三项制度全覆盖。") == {"measures", "next_year"}  # nested: both


def test_a_later_year_in_full_width_digits_is_a_later_year(read_text):
    """二、２０２４年重点任务 (full-width digits, as some Word files write them) is the plan all the same."""
    doc = read_text(TITLE + "一、主要举措和成效\n全年办理行政复议案件206件。\n二、２０２４年重点任务\n深化行政执法体制改革。\n")
    assert sections(doc)["２０２４年重点任务"][0] == {"next_year"}


def test_without_a_reported_year_no_heading_is_the_plan_by_its_year(read_text):
    doc = read_text("某某县法治政府建设情况报告\n全县行政机关负责人出庭应诉率100%。\n"
                    "一、主要举措和成效\n全年办理行政复议案件206件。\n二、2024年工作\n深化行政执法体制改革。\n")
    assert doc.year is None
    assert sections(doc)["2024年工作"][0] == frozenset()
    assert doc.parts_found == {"measures"}


def test_a_year_given_by_the_caller_decides_which_heading_is_the_plan(read_text):
    text = TITLE + "一、主要举措和成效\n全年办理行政复议案件206件。\n二、2024年工作\n深化行政执法体制改革。\n"
    assert "next_year" not in read_text(text, year=2024).parts_found
    assert "next_year" in read_text(text, year=2023).parts_found


# --------------------------------------------------------------------------- sentences outside parts


def test_sentences_before_the_first_heading_are_the_preamble(read_text):
    doc = read_text(TITLE + "2023年，我县扎实推进法治政府建设。现将有关情况报告如下：\n"
                    "一、2023年工作\n全年办理行政复议案件206件。\n")
    assert sentence_roles(doc) == [
        ("2023年,我县扎实推进法治政府建设。", {"preamble"}),
        ("现将有关情况报告如下:", {"preamble"}),
        ("2023年工作", {"body"}),
        ("全年办理行政复议案件206件。", {"body"}),
    ]


def test_a_text_without_headings_is_all_body(read_text):
    doc = read_text(TITLE + "2023年，我县扎实推进法治政府建设。全年办理行政复议案件206件。\n")
    assert doc.outline.sections == []
    assert [roles for _, roles in sentence_roles(doc)] == [{"body"}, {"body"}]


# A copy that lost its numbering: the part heading above a short sub-heading reads as a sentence.
UNNUMBERED = (TITLE + "2023年，在县委的坚强领导下，我县深入学习贯彻习近平法治思想，执法水平不断提高。现将有关情况报告如下：\n"
              "2023年推进法治政府建设的主要举措和成效\n坚持学习重要思想，提升思想素质。\n"
              "全年办理行政复议案件206件。\n")


def test_without_headings_the_preamble_ends_at_the_sentence_that_closes_it(read_text):
    doc = read_text(UNNUMBERED)
    assert doc.outline.sections == []
    assert [roles for _, roles in sentence_roles(doc)] == [{"preamble"}] * 2 + [{"body"}] * 3


def test_without_headings_a_closing_sentence_far_from_the_start_is_no_preamble(read_text, lexicon):
    far = lexicon.spec.outline.preamble_max_chars
    doc = read_text(TITLE + "全年办理行政复议案件206件。" * (far // 15 + 1) + "现将有关情况报告如下：\n")
    assert {roles for _, roles in sentence_roles(doc)} == {frozenset({"body"})}


def test_a_slogan_before_the_closing_sentence_of_an_unnumbered_copy_covers_no_area():
    """The sentence is the opening summary's (the preamble's), whose frame names no area: the guiding thought,
    whose lead, a result claimed (执法水平不断提高); in the body the same words would be mentions."""
    from checker.run.engine import Checker

    findings = {f.rule: f.status for f in Checker().check_text(UNNUMBERED).findings}
    assert findings["area.leadership"] == findings["area.enforcement"] == "missing"


# --------------------------------------------------------------------------- a combined 问题和打算 part

COMBINED = (TITLE + "一、主要举措和成效\n全年办理行政复议案件206件。\n"
            "二、存在的问题和下一步打算\n"
            "依法行政工作进展还不够平衡。基层执法力量薄弱。今后，我们将切实抓好以下几方面工作：\n"
            "（一）继续完善行政决策机制。\n（二）着力深化行政审批制度改革。\n")


def test_a_combined_part_is_split_at_its_first_sentence_that_looks_ahead(read_text):
    doc = read_text(COMBINED)
    both = {"shortcomings", "next_year"}
    assert sentence_roles(doc)[2:] == [
        ("存在的问题和下一步打算", both),  # its own heading says 下一步: that does not switch
        ("依法行政工作进展还不够平衡。", {"shortcomings"}),
        ("基层执法力量薄弱。", {"shortcomings"}),
        ("今后,我们将切实抓好以下几方面工作:", {"next_year"}),
        ("继续完善行政决策机制", {"next_year"}),  # a numbered task is a sub-heading
        ("着力深化行政审批制度改革", {"next_year"}),
    ]
    assert sections(doc)["存在的问题和下一步打算"] == (both, both)
    assert doc.parts_found == {"measures"} | both


def test_a_combined_part_whose_tasks_are_numbered_turns_to_the_plan_at_the_first_task(read_text):
    doc = read_text(TITLE + "二、存在的问题及今后打算\n基层执法力量薄弱，执法规范化水平有待提高。\n"
                    "（一）完善行政决策机制\n出台重大行政决策程序规定。\n")
    assert sentence_roles(doc) == [
        ("存在的问题及今后打算", {"shortcomings", "next_year"}),
        ("基层执法力量薄弱,执法规范化水平有待提高。", {"shortcomings"}),
        ("完善行政决策机制", {"next_year"}),
        ("出台重大行政决策程序规定。", {"next_year"}),
    ]


def test_a_numbered_problem_after_the_plan_began_turns_the_part_back_to_the_problems(read_text):
    # each problem followed by what will be done about it; a numbered task stays the plan's
    doc = read_text(TITLE + "三、存在的问题和2024年工作打算\n对照法治政府建设要求，我局仍存在一些不足，下一步将逐项加以改进。\n"
                    "一是基层监察力量不足。受机构改革中人员分流影响，专职人员由112人减少到74人。2024年，我局将设立监察工作站3个。\n"
                    "二是劳动争议案件居高不下。由于新就业形态权益保障规则尚不完善，争议同比增长46%。2024年将出台裁审衔接指引。\n"
                    "三是加强执法队伍建设\n全年组织执法人员轮训2期。\n")
    roles = {
        "受机构改革中人员分流影响,专职人员由112人减少到74人。": "shortcomings",
        "2024年,我局将设立监察工作站3个。": "next_year",
        "劳动争议案件居高不下": "shortcomings",
        "由于新就业形态权益保障规则尚不完善,争议同比增长46%。": "shortcomings",
        "2024年将出台裁审衔接指引。": "next_year",
        "加强执法队伍建设": "next_year",  # a task: no shortfall stated
    }
    assert {sentence: roles_of(doc, sentence) for sentence in roles} == {sentence: {role} for sentence, role in roles.items()}


MEASURES = "一、主要举措和成效\n全年办理行政复议案件206件。\n"


def test_tasks_that_name_a_problem_stay_the_plan_after_a_lead_in_or_an_opening_verb(read_text):
    # the plan led into by a sentence introducing its points: no point turns it back, whatever problem it names
    doc = read_text(TITLE + MEASURES + "三、存在的问题和2024年工作打算\n一是基层监察力量薄弱，全市专职监察员仅45人。二是案卷质量不高。\n"
                    "2024年，我局将重点做好以下工作：\n一是解决基层执法力量不足问题\n配齐专职监察员20名。\n"
                    "二是健全工作机制\n完善执法程序。\n")
    assert roles_of(doc, "解决基层执法力量不足问题") == {"next_year"}
    assert roles_of(doc, "完善执法程序。") == {"next_year"}
    # …nor does a point that opens on what will be done, where no lead-in came
    doc = read_text(TITLE + MEASURES + "三、存在的问题和2024年工作打算\n对照要求，我局仍存在一些不足，下一步将逐项加以改进。\n"
                    "一是补齐基层执法短板\n配齐专职监察员20名。\n")
    assert roles_of(doc, "补齐基层执法短板") == {"next_year"}


@pytest.mark.parametrize("lead_in", ["2024年工作计划如下：", "我局2024年工作计划主要有以下几个方面："])
def test_a_lead_in_naming_next_years_work_plan_opens_the_plan(read_text, lead_in):
    doc = read_text(TITLE + MEASURES + "三、存在的问题和2024年工作打算\n基层执法力量薄弱，案卷质量不高。\n" + lead_in + "\n"
                    "组织全局执法人员参加培训4次，修订行政执法程序规定。\n")
    assert roles_of(doc, "组织全局执法人员参加培训4次,修订行政执法程序规定。") == {"next_year"}


PROBLEMS_AND_PLAN = "二、存在问题及下一步工作\n"
STOCK_GAP = "对照上级要求和人民群众期待还有一定差距。\n"


@pytest.mark.parametrize("part,roles", [
    # 还存在一些问题：一是…；二是…: the points are the problems; the plan starts where the text looks ahead
    ("二、存在的问题和下一步打算\n当前还存在一些问题：一是执法人员持证率不高；二是乡镇法治力量薄弱。究其原因，主要是培训不足。\n"
     "2024年，我们将重点做好以下工作：一是组织执法资格考试2次；二是配备法治专职人员。\n",
     {"执法人员持证率不高": "shortcomings", "究其原因,主要是培训不足。": "shortcomings", "组织执法资格考试2次": "next_year"}),
    # …as are those after a sentence that names them and ends (我区仍存在一些不足。一是…)
    ("二、存在的不足、原因和下一步工作\n对照上级要求，我区仍存在一些不足。一是基层执法力量不足，究其原因是培训跟进不及时。"
     "二是备案审查质量有待提高。\n下一步，区政府将继续推进法治政府建设。\n",
     {"基层执法力量不足": "shortcomings", "下一步,区政府将继续推进法治政府建设。": "next_year"}),
    # …and those after the stock gap it states at the end of its sentence (与群众期待还有不小距离。一是…)
    (PROBLEMS_AND_PLAN + "我区工作取得一定成效，但与群众期待相比还有不小距离。一是行政执法不规范问题仍然存在；二是行政机关败诉率仍然偏高。\n"
     "2024年，我们将继续推进法治政府建设。\n",
     {"行政机关败诉率仍然偏高": "shortcomings", "2024年,我们将继续推进法治政府建设。": "next_year"}),
    # …but points opening on what will be done are the tasks, whatever the text before them
    (PROBLEMS_AND_PLAN + STOCK_GAP + "（一）深化“放管服”改革\n推行告知承诺制，2024年实现全覆盖。\n（二）加强行政执法监督\n开展案卷评查。\n",
     {"深化“放管服”改革": "next_year", "开展案卷评查。": "next_year"}),
    # …unless they go on to a problem
    (PROBLEMS_AND_PLAN + STOCK_GAP + "（一）落实行政执法三项制度不到位\n个别部门公示不及时。\n", {"落实行政执法三项制度不到位": "shortcomings"}),
    (PROBLEMS_AND_PLAN + STOCK_GAP + "（一）推进法治政府建设的力度还需加大\n主要原因是统筹不够。\n（二）落实第一责任人职责存在短板\n"
     "（三）严格规范公正文明执法的能力仍有欠缺\n",
     {"推进法治政府建设的力度还需加大": "shortcomings", "严格规范公正文明执法的能力仍有欠缺": "shortcomings"}),
    # …while a task that names the problem it remedies is a task
    (PROBLEMS_AND_PLAN + STOCK_GAP + "（一）深化行政执法体制改革，着力破解基层执法存在的难点堵点\n（二）加强法治队伍建设，弥补法治专业人才缺乏的不足\n",
     {"深化行政执法体制改革,着力破解基层执法存在的难点堵点": "next_year", "加强法治队伍建设,弥补法治专业人才缺乏的不足": "next_year"}),
    # …but not one whose later clause states a shortfall (…，案卷评查发现的问题未及时整改)
    (PROBLEMS_AND_PLAN + STOCK_GAP + "（一）落实行政执法三项制度不到位，案卷评查发现的问题未及时整改\n"
     "（二）落实法治政府建设责任仍有差距，确保各项任务落地的机制尚不健全\n",
     {"落实行政执法三项制度不到位,案卷评查发现的问题未及时整改": "shortcomings",
      "落实法治政府建设责任仍有差距,确保各项任务落地的机制尚不健全": "shortcomings"}),
    # a text introducing the plan's points (主要打算如下：) turns to the plan there
    ("二、存在的问题和下一步打算\n基层执法力量薄弱。主要打算如下：\n（一）完善行政决策机制\n出台决策程序规定。\n",
     {"完善行政决策机制": "next_year"}),
    # a text that introduces measures (针对上述问题，我局将采取以下措施：) is no list of problems
    ("二、存在的问题和下一步安排\n基层执法力量薄弱。针对上述问题，我局将采取以下措施加以改进：\n（一）完善行政决策机制\n出台决策程序规定。\n",
     {"完善行政决策机制": "next_year"}),
    # …and a problem that speaks of 打算 does not look ahead
    ("二、存在的问题和下一步打算\n个别部门对法治建设缺乏长远打算，主要原因是认识不到位。\n今后，我们将加强培训。\n",
     {"个别部门对法治建设缺乏长远打算,主要原因是认识不到位。": "shortcomings"}),
])
def test_numbered_points_a_combined_part_s_text_introduces_are_what_it_introduces(read_text, part, roles):
    doc = read_text(TITLE + part)
    assert {sentence: roles_of(doc, sentence) for sentence in roles} == {sentence: {role} for sentence, role in roles.items()}


def test_a_combined_part_turns_to_the_plan_at_a_later_year_and_what_the_body_will_do_in_it(read_text):
    """Problems run into the part's text (仍存在一些短板：一是…), then 2024年，我县将…: the plan, whatever the subject."""
    doc = read_text(TITLE + "二、存在的问题和下一步工作打算\n对照上级要求，我县法治政府建设仍存在一些短板：一是规范性文件制定程序不规范，"
                    "个别文件未经合法性审核；二是基层执法力量不足。\n2024年，我县将重点做好以下工作：\n"
                    "一是深化行政规范性文件全链条管理，开展合法性审核质效评估。\n二是完善行政复议与调解衔接机制。\n")
    assert roles_of(doc, "规范性文件制定程序不规范") == {"shortcomings"}
    assert roles_of(doc, "2024年,我县将重点做好以下工作:") == {"next_year"}
    assert roles_of(doc, "深化行政规范性文件全链条管理") == {"next_year"}
    assert roles_of(doc, "完善行政复议与调解衔接机制") == {"next_year"}
    # …not the report's own year, nor 将 as 把 (2024年，我县将法治政府建设纳入…)
    doc = read_text(TITLE + "二、存在的问题和下一步工作打算\n基层执法力量薄弱。\n2023年，我县将部分执法事项下放乡镇，承接能力不足。\n"
                    "2024年，我县将法治政府建设纳入考核，考核机制仍不完善。\n")
    assert roles_of(doc, "2023年,我县将部分执法事项下放乡镇,承接能力不足。") == {"shortcomings"}
    assert roles_of(doc, "2024年,我县将法治政府建设纳入考核,考核机制仍不完善。") == {"shortcomings"}


def test_look_ahead_words_do_not_move_sentences_of_a_separate_shortcomings_part(read_text):
    doc = read_text(TITLE + "一、存在的不足和原因\n下一步工作中仍需加强执法监督，主要原因是人员不足。\n"
                    "二、下一步工作安排\n我们将继续加强培训。\n")
    assert sentence_roles(doc)[1] == ("下一步工作中仍需加强执法监督,主要原因是人员不足。", {"shortcomings"})
    assert sentence_roles(doc)[3] == ("我们将继续加强培训。", {"next_year"})


def test_a_problems_sub_section_of_a_combined_part_stays_with_the_shortcomings(read_text):
    doc = read_text(TITLE + "二、存在的问题和下一步打算\n（一）存在的问题\n执法人员素质参差不齐，主要原因是培训不足。\n"
                    "（二）下一步打算\n我们将继续加强培训。\n")
    assert roles_of(doc, "执法人员素质参差不齐,主要原因是培训不足。") == {"shortcomings"}
    assert roles_of(doc, "我们将继续加强培训。") == {"next_year"}
