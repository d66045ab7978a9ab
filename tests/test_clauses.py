"""Reading each clause of a sentence: where clauses end, who acts, in what mood, with what specifics,
and which term occurrences are only part of a name (checker/document/clauses.py).

Documents are read by the built-in rulebook (a 2024 report), whose `document.clauses` section holds
the vocabulary; thresholds such as `subject_window` are read from it, not written here.
"""

from __future__ import annotations

from functools import lru_cache

import pytest

from checker.document.ingest.source import Source, lines_from_text
from checker.run.engine import Checker

from .conftest import conventions

TITLE = "青山市人民政府关于2024年度法治政府建设情况的报告"
MEASURES = "一、2024年度推进法治政府建设的主要举措和成效"
NEXT_YEAR = "三、2025年度推进法治政府建设的主要安排"
LEADER = "一、市政府主要负责同志履行推进法治建设第一责任人职责情况"


@lru_cache(maxsize=1)
def _checker() -> Checker:
    return Checker()


@lru_cache(maxsize=None)
def read(text: str):
    document, _book, _notice = _checker().read(Source(path="t.txt", format="txt", lines=lines_from_text(text)))
    return document


def report(*lines: str, heading: str = MEASURES) -> str:
    return "\n".join([TITLE, heading, *lines]) + "\n"


def body_clauses(text: str):
    """Every clause of the body sentences (not headings), in reading order."""
    document = read(text)
    return [c for i, s in enumerate(document.sentences) if not s.heading for c in document.clauses.of(i)]


def words(text: str) -> list[str]:
    """The text of every body clause, as the half-width copy has it (stops included)."""
    document = read(text)
    return [document.outline.text[c.start:c.end] for c in body_clauses(text)]


def actors(text: str) -> list:
    return [c.actor for c in body_clauses(text)]


def moods(text: str) -> list[str]:
    return [c.mood for c in body_clauses(text)]


def sentence_of(document, text: str) -> int:
    return next(i for i, s in enumerate(document.sentences) if document.text_of(s) == text)


def occurrences(document, i: int, term: str) -> list[tuple[int, int]]:
    return document.index.terms_in(i)[term]


# --------------------------------------------------------------------------- cutting a sentence into clauses


def test_a_sentence_is_cut_after_each_clause_stop_and_every_clause_keeps_its_stop():
    text = report("县长主持召开常务会议5次，专题研究法治政府建设，听取执法工作汇报：部署重点任务。")
    assert words(text) == ["县长主持召开常务会议5次,", "专题研究法治政府建设,", "听取执法工作汇报:", "部署重点任务。"]
    document = read(text)
    i = sentence_of(document, "县长主持召开常务会议5次,专题研究法治政府建设,听取执法工作汇报:部署重点任务。")
    clauses = document.clauses.of(i)
    assert clauses[0].start == document.sentences[i].start and clauses[-1].end == document.sentences[i].end
    assert all(a.end == b.start for a, b in zip(clauses, clauses[1:]))  # the clauses tile the sentence
    assert {c.sentence for c in clauses} == {i}


def test_a_sentence_without_a_stop_is_one_clause():
    assert words(report("全年办理行政复议案件206件。")) == ["全年办理行政复议案件206件。"]


@pytest.mark.parametrize("sentence,expected", [
    ("学习《关于推进法治建设，深化改革的意见》，开展培训3场。",
     ["学习《关于推进法治建设,深化改革的意见》,", "开展培训3场。"]),
    ("提出“法治引领，依法行政”的要求，开展培训3场。", ["提出“法治引领,依法行政”的要求,", "开展培训3场。"]),
    ("聘请法律顾问（含公职律师，共12名），审查文件30件。", ["聘请法律顾问(含公职律师,共12名),", "审查文件30件。"]),
    ("学习《条例》，开展培训3场，组织考试1次。", ["学习《条例》,", "开展培训3场,", "组织考试1次。"]),
])
def test_a_stop_inside_a_title_quotes_or_brackets_does_not_cut(sentence, expected):
    assert words(report(sentence)) == expected


@pytest.mark.parametrize("sentence,expected", [
    # a comma grouping a figure's digits by thousands, as web copies write them, is no stop; the figure is one
    ("抽查执法案卷1,200卷,逐一反馈整改。", ["抽查执法案卷1,200卷,", "逐一反馈整改。"]),
    ("全年办理政务服务事项12,345,678件。", ["全年办理政务服务事项12,345,678件。"]),
    # …nor one between figures that are not a group of three digits: a list (办结3件，200余人参加; 2022,2023年)
    ("办结案件3件,20人参加。", ["办结案件3件,", "20人参加。"]),
    ("开展培训12,3456人次参加。", ["开展培训12,", "3456人次参加。"]),
    ("分别于2022,2023年开展。", ["分别于2022,", "2023年开展。"]),
])
def test_a_thousands_separator_does_not_cut_a_clause(sentence, expected):
    assert words(report(sentence)) == expected


def test_a_figure_with_thousands_separators_is_one_quantity():
    assert body_clauses(report("抽查执法案卷1，200卷，逐一反馈整改。"))[0].specifics == ("1,200卷",)


def test_a_closing_bracket_without_an_opening_one_does_not_stop_the_cutting():
    # 1）2） number items inside a sentence: the ）s close nothing.
    assert words(report("主要做法有：1）完善制度，2）加强监督，3）严格考核。")) == [
        "主要做法有:", "1)完善制度,", "2)加强监督,", "3)严格考核。"]


def test_the_last_clause_of_a_line_without_a_final_stop_is_kept():
    assert words(report("全年办理行政复议案件206件，纠错案件12件")) == ["全年办理行政复议案件206件,", "纠错案件12件"]


# --------------------------------------------------------------------------- who acts


def test_the_subject_named_at_the_start_acts_and_later_clauses_of_the_sentence_inherit_it():
    text = report("县长主持召开常务会议5次，专题研究法治政府建设，听取执法工作汇报。")
    assert actors(text) == ["principal", "principal", "principal"]


def test_a_later_clause_that_names_its_own_subject_changes_the_actor():
    text = report("县长主持召开常务会议5次，分管副县长调度执法检查，县政府常务会议审议规范性文件8件。")
    assert actors(text) == ["principal", "deputy", "collective"]


def test_the_actor_does_not_carry_over_to_the_next_sentence():
    assert actors(report("县长主持召开常务会议5次。全年办理行政复议案件206件。")) == ["principal", None]


def test_a_sentence_opening_on_a_venue_or_an_act_goes_on_with_the_subject_of_its_paragraph():
    text = report("厅长带头尊法学法守法用法。一是加强学习。抓住“关键少数”。在厅党组会上带头学习宪法。")
    assert actors(text)[-1] == "principal"
    # not in another paragraph, and not a sentence that opens on anything else
    assert actors(report("厅长带头尊法学法守法用法。\n在厅党组会上带头学习宪法。"))[-1] is None
    assert actors(report("厅长带头尊法学法守法用法。全年学习宪法12次。"))[-1] is None


def test_a_long_paragraph_of_sentences_going_on_with_its_subject_is_read_once_a_sentence(monkeypatch):
    # the subject is kept as the paragraph goes by, not looked for again in every sentence before each one
    from checker.document import clauses

    calls = []
    real = clauses._actor_in
    monkeypatch.setattr(clauses, "_actor_in", lambda *args: calls.append(1) or real(*args))
    sentences = 400
    text = report("县长带头述法。" + "全年审定县政府规范性文件9件。" * sentences)
    document, _book, _notice = _checker().read(Source(path="t.txt", format="txt", lines=lines_from_text(text)))
    calls.clear()
    clauses.read_clauses(document.outline, document.index, _checker().books[0].lexicon.clauses, 2024)
    assert len(calls) <= len(document.sentences)
    assert actors(text)[-1] == "principal"


def test_a_body_named_as_the_venue_is_not_the_actor():
    assert actors(report("在厅党组会上带头学习习近平法治思想。")) == [None]
    assert actors(report("县长在县政府常务会议上带头学法。")) == ["principal"]
    assert actors(report("党组在会上研究法治政府建设。")) == ["collective"]  # 在 after the actor


def test_the_strongest_kind_of_actor_named_in_a_clause_wins():
    kinds = list(conventions().clauses.actors)
    assert kinds.index("principal") < kinds.index("collective")
    assert actors(report("县政府常务会议由县长主持，审议规范性文件8件。")) == ["principal", "principal"]


def test_others_and_the_writer_are_actors_too():
    assert actors(report("各部门主要负责人带头述法。")) == ["others"]
    assert actors(report("本人带头学法12次。")) == ["self"]


def test_a_leader_named_after_a_duty_verb_is_not_the_actor():
    pattern = conventions().clauses.regex("not_subject_after")
    assert pattern.search("严格落实")
    assert actors(report("严格落实党政主要负责人履行推进法治建设第一责任人职责。")) == [None]


def _clause_naming_the_leader_at(offset: int) -> str:
    """A clause whose leader (县长) stands `offset` characters in, after words that name no actor."""
    filler = "在本年度全市法治政府建设的各项重点工作推进过程中"
    assert len(filler) >= offset
    return filler[:offset] + "县长带头宣讲法律知识。"


def test_a_leader_exactly_subject_window_characters_in_is_still_the_subject():
    window = conventions().clauses.subject_window
    text = report(_clause_naming_the_leader_at(window))
    document = read(text)
    i = sentence_of(document, _clause_naming_the_leader_at(window))
    assert [a - document.sentences[i].start for a, _ in occurrences(document, i, "县长")] == [window]
    assert actors(text) == ["principal"]


def test_a_leader_named_past_the_subject_window_is_not_the_subject():
    window = conventions().clauses.subject_window
    text = report(_clause_naming_the_leader_at(window + 1))
    document = read(text)
    i = sentence_of(document, _clause_naming_the_leader_at(window + 1))
    assert [a - document.sentences[i].start for a, _ in occurrences(document, i, "县长")] == [window + 1]
    assert actors(text) == [None]


def test_the_window_is_counted_from_the_start_of_the_clause_not_of_the_sentence():
    window = conventions().clauses.subject_window
    text = report("全年办理行政复议案件206件，" + _clause_naming_the_leader_at(window))
    assert actors(text) == [None, "principal"]


def test_the_first_mention_of_a_leader_decides_whether_they_are_the_subject():
    # The second 主要负责同志 is far into the clause (and after 听取); the first one opens it.
    assert actors(report("主要负责同志带头述法并听取下属单位主要负责同志述法情况。")) == ["principal"]


# --------------------------------------------------------------------------- the actor a section's heading names


def test_a_part_whose_heading_names_the_leader_is_acted_by_the_leader_in_every_sentence():
    text = "\n".join([TITLE, LEADER, "带头开展述法。", "主持召开专题会议3次。", "全年出庭应诉2次。"]) + "\n"
    assert actors(text) == ["principal", "principal", "principal"]


def test_a_subsection_takes_the_actor_of_the_nearest_heading_that_names_one():
    text = "\n".join([TITLE, LEADER, "（一）带头学法", "参加集中学法4次。", "（二）县政府常务会议", "研究法治议题5项。",
                      "二、其他工作", "开展执法检查。"]) + "\n"
    assert actors(text) == ["principal", "collective", None]


def test_a_clause_that_names_its_own_actor_overrides_the_heading():
    text = "\n".join([TITLE, LEADER, "分管副市长调度执法检查，带头开展述法。"]) + "\n"
    assert actors(text) == ["deputy", "deputy"]


# --------------------------------------------------------------------------- moods


@pytest.mark.parametrize("sentence,mood", [
    ("全年办理行政复议案件206件。", "act"),
    ("要进一步加强行政执法监督。", "intention"),  # by the intention pattern (要 at the start)
    ("各部门努力提升依法行政能力。", "intention"),  # by an intention term alone
    ("专题研究行政执法工作。", "agenda"),
    ("提请市人大常委会审议地方性法规草案7件。", "act"),  # laying a draft before a congress: the body's own act
    ("明年深化行政执法体制改革。", "plan"),  # by a plan term
    ("2025年深化行政执法体制改革。", "plan"),  # a year after the reported one
    ("2024年深化行政执法体制改革。", "act"),  # the reported year itself
    ("写明全年办理的案件数。", "instruction"),  # by an instruction term
    ("主要原因是……。", "instruction"),  # by an instruction mark
])
def test_the_mood_of_a_clause(sentence, mood):
    assert moods(report(sentence)) == [mood]


def test_an_instruction_term_at_the_very_end_of_a_line_still_instructs():
    assert moods(report("各单位在年度报告中如实填写")) == ["instruction"]


def test_every_clause_of_a_part_about_next_year_is_a_plan():
    roles = conventions().clauses.plan_roles
    text = report("全年办理行政复议案件206件。", NEXT_YEAR, "深化行政执法体制改革，办理案件300件。")
    document = read(text)
    i = sentence_of(document, "深化行政执法体制改革,办理案件300件。")
    assert set(document.sentences[i].roles) & set(roles)
    assert moods(text) == ["act", "plan", "plan"]


def test_a_sentence_that_opens_on_a_plan_marker_is_all_plan_whatever_it_names():
    # 下一步，将…《…》: a document it means to make is no act of the year
    assert moods(report("下一步，将加快推进《青山市城市供水条例》立法进程。")) == ["plan", "plan"]
    # …but a plan word later in the sentence plans only its own clause
    assert moods(report("制定《青山市行政执法监督办法》，明年全面推行。")) == ["act", "plan"]
    assert moods(report("明年我局将修订《青山市行政执法监督办法》，新增执法事项30项。")) == ["plan", "plan"]
    # …and one inside the first act plans nothing this year did (编制下一年度立法计划), nor one that qualifies
    # a noun (下一年度立法计划已…印发), nor 将 as 把 (将进一步…作为…)
    assert moods(report("编制下一年度立法计划，确定立法项目12件。"))[1] == "act"
    assert moods(report("下一年度立法计划已于12月印发，确定立法项目8件。"))[1] == "act"
    assert moods(report("将进一步自觉接受人大监督作为重要政治责任，全年办理人大代表建议126件。"))[1] == "act"
    # 当前和今后 is the span of a principle, no plan
    assert moods(report("当前和今后一个时期，全市办理行政复议案件206件。"))[1] == "act"


def test_a_heading_is_read_as_a_heading():
    document = read(report("全年办理行政复议案件206件。"))
    headings = [c.mood for i, s in enumerate(document.sentences) if s.heading for c in document.clauses.of(i)]
    assert headings == ["heading"]


def test_without_a_reported_year_no_year_makes_a_plan():
    text = "青山市人民政府关于法治政府建设情况的报告\n一、主要举措和成效\n全年办理行政复议案件206件。\n"
    assert read(text).year is None
    assert moods(text) == ["act"]


def test_a_sentence_with_one_instruction_is_instruction_throughout():
    text = report("全年办理行政复议案件206件，写明其中纠错的件数。")
    assert moods(text) == ["instruction", "instruction"]
    assert body_clauses(text)[0].specifics == ("206件",)  # its specifics are still read


def test_a_sentence_with_specifics_holds_no_mere_intentions_but_keeps_its_agendas():
    assert moods(report("继续开展专项整治，查处案件56起。")) == ["act", "act"]
    assert moods(report("专题研究行政执法工作，查处案件56起。")) == ["agenda", "act"]
    assert moods(report("要进一步加强行政执法监督，推进严格规范公正文明执法。")) == ["intention", "act"]


# --------------------------------------------------------------------------- specifics


def test_an_output_the_body_says_it_has_not_made_is_no_specific():
    assert body_clauses(report("目前全县尚未设立行政复议工作站。"))[0].specifics == ()
    assert body_clauses(report("部分部门没有制定规范性文件合法性审核办法。"))[0].specifics == ()
    assert body_clauses(report("在各乡镇设立行政复议工作站。"))[0].specifics != ()


def test_the_specifics_of_a_clause_are_quoted_as_written():
    clause = body_clauses(report("3月15日印发《青山市行政执法公示办法》。"))[0]
    assert {"3月15日", "《青山市行政执法公示办法》"} <= set(clause.specifics)
    assert body_clauses(report("召开专题会议五次。"))[0].specifics == ("五次",)


def test_a_stock_formula_or_a_norm_is_no_specific_but_a_figure_beside_it_is():
    assert [c.specifics for c in body_clauses(report("重大行政规范性文件均经合法性审核。"))] == [()]
    assert [c.specifics for c in body_clauses(report("每年集中学习不少于2次。"))] == [()]
    # the studies counted beside the norm name no topic of their own: their figure completes it
    assert [c.specifics for c in body_clauses(report("每年集中学习不少于2次，全年实际学习6次。"))] == [("6次",), ("6次",)]
    assert [c.specifics for c in body_clauses(report("每年集中学习不少于2次，全年办理复议案件6件。"))] == [(), ("6件",)]


@pytest.mark.parametrize("stock", ["建立完善执法配套制度", "建立健全执法配套制度", "建立和完善执法配套制度"])
def test_setting_up_and_perfecting_a_system_is_a_stock_formula_but_setting_one_up_is_output(stock):
    assert [c.specifics for c in body_clauses(report(f"注重{stock}。"))] == [()]
    assert body_clauses(report("建立了执法配套制度。"))[0].specifics == ("建立了执法配套制度",)


def test_an_award_with_a_count_is_a_claim_with_its_figure():
    assert [c.specifics for c in body_clauses(report("获评全国法治政府建设示范项目2项。"))] == [("2项",)]
    assert [c.specifics for c in body_clauses(report("荣获全省依法行政先进单位称号。"))] == [()]
    assert body_clauses(report("组织法治政府建设考核3次。"))[0].specifics == ("3次",)


def test_a_named_system_is_a_specific_but_a_quoted_national_programme_is_not_a_system():
    assert body_clauses(report("上线“青山执法”APP。"))[0].specifics == ("“青山执法”APP",)
    # (a channel opened is the body's output as well)
    assert body_clauses(report("开通“渝快办”通道。"))[0].specifics == ("“渝快办”通道", "开通“渝快办”通道")
    assert [c.specifics for c in body_clauses(report("坚持和发展“枫桥经验”。"))] == [()]


def test_figures_that_name_nothing_complete_the_act_before_them():
    lent, own = body_clauses(report("组织领导干部旁听庭审，参加人员120人次。"))
    assert lent.specifics == ("120人次",) and own.specifics == ("120人次",)
    assert lent.concrete == ((lent.start, lent.end),)


def test_figures_complete_no_clause_that_names_nothing():
    # a clause that names nothing (同时，) has no act to complete, and keeps no figure
    joiner, own = body_clauses(report("同时，向企业发放《安全生产法》读本2000余册。"))
    assert joiner.specifics == () and "2000余册" in own.specifics
    # …and figures whose words a context mask took out belong to no act before them: the files' kinds are the
    # file check's (oversight's), not the decisions' review before it
    act, counted = body_clauses(report("严格落实重大行政决策合法性审查，抽查行政处罚、行政许可案卷40卷。"))
    assert act.specifics == () and counted.specifics == ("40卷",)


def test_a_thing_named_by_a_clause_of_no_topic_is_its_own_act_and_not_lent_before_it():
    slogan, named = body_clauses(report("以数字化改革为总牵引，以“法助共富、法护平安”专项行动为主抓手。"))
    assert slogan.specifics == () and named.specifics == ("“法助共富、法护平安”专项行动",)
    # …while its results are lent, as figures are, and what the act produced
    act, done = body_clauses(report("受理行政复议申请，全部办结。"))
    assert act.specifics == done.specifics == ("全部办结",)
    act, way = body_clauses(report("加强行政执法监督，形成“三查三改”工作法。"))
    assert act.specifics == way.specifics == ("“三查三改”工作法",)


def test_the_month_a_sentence_opens_on_dates_the_act_after_it():
    """…and is the act's, no act of its own, also when the act has figures of its own."""
    month, act = body_clauses(report("12月，区委办专门对行政诉讼案件应诉情况进行督查通报。"))
    assert month.specifics == () and act.specifics == ("12月",)
    assert act.concrete == ((act.start, act.end),)
    month, act = body_clauses(report("4月，局党组会议专题学习了《重大行政决策程序规定》。"))
    assert month.specifics == () and act.specifics == ("《重大行政决策程序规定》",)


def test_a_month_inside_a_clause_or_closing_a_sentence_is_no_date():
    assert [c.specifics for c in body_clauses(report("区委办12月对应诉情况进行督查。"))] == [()]
    assert [c.specifics for c in body_clauses(report("对应诉情况进行督查，12月。"))] == [(), ()]


def test_an_act_with_figures_of_its_own_keeps_them_after_an_opening_month():
    month, act = body_clauses(report("12月，办理行政复议案件206件。"))
    assert act.specifics == ("206件",)


@pytest.mark.parametrize("slogan", ["实现“一次不跑”", "推行一次性告知", "最多跑一次"])
def test_a_slogan_s_numeral_is_no_figure(slogan):
    assert [c.specifics for c in body_clauses(report(f"{slogan}。"))] == [()]


def test_figures_of_a_clause_that_names_its_own_topic_stay_its_own():
    first, second = body_clauses(report("深入推进行政复议体制改革，办理行政复议案件206件。"))
    assert first.specifics == () and second.specifics == ("206件",)


def test_a_clause_without_specifics_has_none():
    assert [c.specifics for c in body_clauses(report("深入推进行政复议体制改革。"))] == [()]


# --------------------------------------------------------------------------- terms that are only part of a name


def masked_terms(text: str, sentence: str) -> dict[str, list[bool]]:
    """Each term of `sentence` → whether each of its occurrences is masked."""
    document = read(text)
    i = sentence_of(document, sentence)
    return {term: [document.clauses.is_masked(a, b) for a, b in spans]
            for term, spans in document.index.terms_in(i).items()}


def test_a_term_followed_by_an_organisation_suffix_is_part_of_a_name():
    found = masked_terms(report("城市管理执法局查处违法案件56起。"), "城市管理执法局查处违法案件56起。")
    assert found["执法"] == [True]
    assert found["查处"] == [False]


@pytest.mark.parametrize("sentence,masked", [("深入信访办一线调研。", [True]), ("规范信访办理流程,办结信访事项56件。", [False, False])])
def test_a_short_office_name_masks_its_term_but_handling_the_matter_does_not(sentence, masked):
    assert masked_terms(report(sentence), sentence)["信访"] == masked


def test_the_words_of_a_cited_document_are_masked_but_not_the_same_words_outside_it():
    sentence = "推进重大行政决策科学化,深入学习《重大行政决策程序暂行条例》。"
    found = masked_terms(report("推进重大行政决策科学化，深入学习《重大行政决策程序暂行条例》。"), sentence)
    assert found["重大行政决策"] == [False, True]
    assert found["推进"] == [False] and found["学习"] == [False]


@pytest.mark.parametrize("sentence", ["编制《青山市重大行政决策事项目录》。", "印发了《青山市重大行政决策事项目录》。"])
def test_the_words_of_a_document_the_body_produced_are_its_topic(sentence):
    found = masked_terms(report(sentence), sentence.replace("，", ","))
    assert found["重大行政决策"] == [False]


@pytest.mark.parametrize("sentence,masked", [
    ("起草《青山县法治建设三年行动计划》《青山县党政主要负责人述法考核办法》。", [False]),  # both its own
    ("制定《青山县法治建设三年行动计划》和《青山县党政主要负责人述法考核办法》。", [False]),
    ("起草《青山县法治建设三年行动计划》,学习《青山县党政主要负责人述法考核办法》。", [True]),  # the second cited
])
def test_titles_listed_after_a_producing_verb_are_all_the_body_s_own(sentence, masked):
    assert masked_terms(report(sentence), sentence)["主要负责人"] == masked


def test_a_produced_document_at_the_very_start_of_the_text_is_still_produced():
    text = "印发《青山市行政执法公示办法》。\n"
    document = read(text)
    assert document.sentences[0].start == 0
    assert not document.clauses.is_masked(*occurrences(document, 0, "行政执法")[0])


# How far before 《 the producing verb is looked for (document.clauses.produced_window).
PRODUCED_BY_REACH = conventions().clauses.produced_window  # read from the rulebook


@pytest.mark.parametrize("spaces,masked", [(PRODUCED_BY_REACH - 3, False), (PRODUCED_BY_REACH - 2, True)])
def test_the_producing_verb_must_stand_right_before_the_title(spaces, masked):
    # 编制了 and the spaces: within the reach the document is the body's own; further off it is cited.
    sentence = "编制了" + " " * spaces + "《青山市重大行政决策事项目录》。"
    assert masked_terms(report(sentence), sentence)["重大行政决策"] == [masked]


def test_masking_is_read_for_every_sentence():
    document = read(report("市场监管局查处违法案件56起。", "全年办理行政复议案件206件。"))
    assert len(document.clauses.by_sentence) == len(document.sentences)
    assert all(document.clauses.of(i) for i in range(len(document.sentences)))


@pytest.mark.parametrize("sentence,expected", [
    # a clause that only gives the means is read with the act it serves
    ("依托一体化政务服务平台，政务服务事项一网通办率达98%。", ["依托一体化政务服务平台,政务服务事项一网通办率达98%。"]),
    # a list of means (通过实地研讨、专家论证、法制审核) is a clause of its own, and so is a means clause that ends the sentence
    ("通过实地研讨、专家论证、法制审核，形成条例草案。", ["通过实地研讨、专家论证、法制审核,", "形成条例草案。"]),
    ("全年办结案件56件，通过调解化解。", ["全年办结案件56件,", "通过调解化解。"]),
    # a clause that only gives the rate the one before achieved is read with it
    ("严格落实首问负责制，落实率100%。", ["严格落实首问负责制,落实率100%。"]),
    # a rate with an act of its own stays a clause
    ("全年办理信访事项320件，办结率98%，群众满意。", ["全年办理信访事项320件,办结率98%,", "群众满意。"]),
    ("严格落实首问负责制，办结各类事项1200件。", ["严格落实首问负责制,", "办结各类事项1200件。"]),
])
def test_a_clause_that_gives_only_the_means_or_the_rate_is_read_with_the_act(sentence, expected):
    assert words(report(sentence)) == expected
