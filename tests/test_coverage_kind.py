"""The coverage kind of check: signals counted in a rule's scope, judged by its `met` and `partial` conditions.

The rules under test live in tests/data/coverage/rules.yaml (a local rulebook that
extends edition-2021-2025). Most tests check a text through the whole checker and
look at the finding; threshold tests call the kind on a variant of one of those
rules (a copy with other conditions), so each threshold is tested exactly at and
just past its value.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from checker.document.ingest.source import Source, lines_from_text
from checker.rules.kinds import KINDS
from checker.rules.kinds.coverage import KIND, check_coverage, signal_matches, tally_rule
from checker.rules.reading import Reading
from checker.rules.schema import Rule, Scope, Signal
from checker.run.engine import Checker, Settings

from .conftest import finding

RULEBOOK = Path(__file__).parent / "data" / "coverage" / "rules.yaml"

TITLE = "青山市人民政府关于2024年度法治政府建设情况的报告"
OPENING = "2024年，本市扎实推进法治政府建设。现将有关情况报告如下："
MEASURES = "一、2024年度推进法治政府建设的主要举措和成效"
SHORTCOMINGS = "二、2024年度推进法治政府建设存在的不足和原因"
NEXT_YEAR = "三、2025年度推进法治政府建设的主要安排"
NEWS = "青山市召开法治政府建设推进会\n记者从市司法局获悉，5月10日，青山市召开会议，市法律顾问出具法律意见12份。"


def report(*lines: str) -> str:
    """A 2024 report whose achievements part (line 2 on) holds `lines`; text lines are numbered from 1."""
    return "\n".join([TITLE, MEASURES, *lines]) + "\n"


@lru_cache(maxsize=1)
def _checker() -> Checker:
    return Checker(Settings(rulebook=str(RULEBOOK)))


@pytest.fixture(scope="module")
def checker() -> Checker:
    return _checker()


def book():
    return _checker().books[0]


@lru_cache(maxsize=None)
def _document(text: str):
    document, _book, _notice = _checker().read(
        Source(path="t.txt", format="txt", lines=lines_from_text(text), encoding="utf-8"))
    return document


def reading(text: str) -> Reading:
    return Reading(_document(text), book(), "government")


def variant(rule_id: str, **changes) -> Rule:
    """The rule as the rulebook has it, with some fields replaced (validated like a rule in a file)."""
    data = book().rule(rule_id).model_dump(by_alias=True, exclude_unset=True)
    return Rule.model_validate({**data, **changes})


def judged(rule: Rule, text: str):
    return check_coverage(rule, reading(text))


def check(checker: Checker, text: str, rule_id: str = "quality.cov-advisers"):
    return finding(checker.check_text(text), rule_id)


def lines_of(found) -> list[int]:
    return [evidence.line for evidence in found.evidence]


# --------------------------------------------------------------------------- the rulebook


def test_the_test_rulebook_loads_and_adds_its_rules(checker):
    ids = {rule.id for rule in book().rules}
    assert {"quality.cov-advisers", "quality.cov-part", "quality.cov-scoped", "item.measures"} <= ids


def test_the_coverage_kind_declares_signals_and_conditions():
    # `fzcheck rules lint` accepts signals and met/partial only on kinds that declare them.
    assert KINDS["coverage"].judge is check_coverage
    assert KIND.name == "coverage"
    assert KIND.signals is True
    assert KIND.conditions is True


# --------------------------------------------------------------------------- status and message


def test_a_sentence_with_both_groups_and_a_figure_meets_the_rule(checker):
    found = check(checker, report("市政府法律顾问出具法律意见12份。"))
    assert found.status == "met"
    assert found.message == "已写明法律顾问的工作。"  # no shortfall when met
    assert lines_of(found) == [3]
    assert set(found.evidence[0].terms) == {"法律顾问", "法律意见"}


def test_without_a_figure_the_same_sentence_is_only_partial_and_says_what_is_missing(checker):
    found = check(checker, report("市政府法律顾问出具法律意见。"))
    assert found.status == "partial"
    assert found.message == "只提到法律顾问。 还缺少：足够具体的内容（专门的标题、两处以上具体表述或带数字的表述）。"
    assert lines_of(found) == [3]


def test_nothing_on_the_topic_is_missing(checker):
    found = check(checker, report("全市办理行政复议案件206件。"))
    assert found.status == "missing"
    assert found.message.startswith("未写法律顾问。 还缺少：")
    assert found.evidence == []


def test_any_met_alternative_is_enough():
    rule = variant("quality.cov-advisers", met=[{"points": 100}, {"signals": {"mention": 1}}])
    status, _evidence, detail = judged(rule, report("市政府聘请法律顾问。"))
    assert (status, detail) == ("met", "")


def test_any_partial_alternative_is_enough_when_no_met_holds():
    rule = variant("quality.cov-advisers", met=[{"points": 100}], partial=[{"points": 100}, {"signals": {"mention": 1}}])
    assert judged(rule, report("市政府聘请法律顾问。"))[0] == "partial"
    assert judged(rule, report("全市办理行政复议案件206件。"))[0] == "missing"


def test_a_rule_without_met_conditions_adds_no_shortfall():
    rule = variant("quality.cov-advisers", met=[])
    status, _evidence, detail = judged(rule, report("市政府聘请法律顾问。"))
    assert (status, detail) == ("partial", "")


# --------------------------------------------------------------------------- signals


def test_an_all_signal_needs_every_group_in_one_sentence():
    split = tally_rule(book().rule("quality.cov-advisers"), reading(report("市政府聘请法律顾问。审查文件时出具法律意见。")))
    assert split.counts["work"] == 0
    together = tally_rule(book().rule("quality.cov-advisers"), reading(report("市政府聘请法律顾问审查文件并出具法律意见。")))
    assert together.counts["work"] == 1
    assert together.matches["work"][0].terms == ["法律顾问", "法律意见"]


def test_an_all_signal_fails_when_one_group_is_only_inside_an_exception_word():
    # 法律顾问团 is an exception of the advisers group: the sentence has the work but not the advisers.
    tally = tally_rule(book().rule("quality.cov-advisers"), reading(report("法律顾问团出具法律意见。")))
    assert tally.counts == {"work": 0, "mention": 0}


def test_an_any_signal_needs_one_term_of_its_groups(checker):
    tally = tally_rule(book().rule("quality.cov-advisers"), reading(report("市政府聘请公职律师。", "全市办理行政复议案件。")))
    assert tally.counts["mention"] == 1
    assert check(checker, report("市政府聘请公职律师。")).status == "partial"


def test_a_none_group_vetoes_the_sentence_for_its_own_signal_only(checker):
    rule = book().rule("quality.cov-advisers")
    assert tally_rule(rule, reading(report("法律顾问列席常务会议。"))).counts["mention"] == 0
    assert check(checker, report("法律顾问列席常务会议。")).status == "missing"
    # The veto is the mention's: the same sentence still counts for the work signal.
    vetoed = tally_rule(rule, reading(report("法律顾问列席常务会议并出具法律意见5份。")))
    assert vetoed.counts == {"work": 1, "mention": 0}


def test_a_signal_without_a_none_group_vetoes_nothing():
    rule = variant("quality.cov-advisers", signals={"mention": {"any": ["@cov_advisers"]}},
                   partial=[{"signals": {"mention": 1}}])
    assert tally_rule(rule, reading(report("法律顾问列席常务会议。"))).counts["mention"] == 1


def test_a_regex_signal_counts_only_sentences_where_the_pattern_matches():
    rule = book().rule("quality.cov-scoped")
    tally = tally_rule(rule, reading(report("法律顾问审查文件12件。", "法律顾问审查文件十二件。", "全市审查文件8件。")))
    assert tally.counts["cases"] == 1
    assert tally.matches["cases"][0].terms == ["法律顾问", "12件"]  # the terms, then what the pattern matched


def test_a_regex_only_signal_finds_every_sentence_the_pattern_matches():
    rule = variant("quality.cov-scoped", signals={"cases": {"regex": [r"\d+件"]}}, met=[{"signals": {"cases": 2}}])
    tally = tally_rule(rule, reading(report("全市审查文件12件。", "审查文件十二件。", "受理申请3件。")))
    assert [m.terms for m in tally.matches["cases"]] == [["12件"], ["3件"]]
    assert judged(rule, report("全市审查文件12件。", "受理申请3件。"))[0] == "met"


@pytest.mark.parametrize("number,expected", [(True, ["法律顾问审查文件12件。"]), (False, ["法律顾问列席会议。"]),
                                             (None, ["法律顾问审查文件12件。", "法律顾问列席会议。"])])
def test_the_number_key_keeps_sentences_with_or_without_a_figure(number, expected):
    rule = variant("quality.cov-advisers", signals={"s": {"any": ["@cov_advisers"], "number": number}},
                   met=[{"signals": {"s": 1}}], partial=[])
    read = reading(report("法律顾问审查文件12件。", "法律顾问列席会议。"))
    assert [read.text_of(read.sentences[m.sentence]) for m in tally_rule(rule, read).matches["s"]] == expected


@pytest.mark.parametrize("where,expected", [("heading", ["发挥法律顾问作用"]), ("body", ["法律顾问列席会议。"]),
                                            ("any", ["发挥法律顾问作用", "法律顾问列席会议。"])])
def test_where_limits_a_signal_to_headings_or_body_text(where, expected):
    rule = variant("quality.cov-advisers", signals={"s": {"any": ["@cov_advisers"], "where": where}},
                   met=[{"signals": {"s": 1}}], partial=[], heading=[])
    read = reading(report("（一）发挥法律顾问作用", "法律顾问列席会议。"))
    assert [read.text_of(read.sentences[m.sentence]) for m in tally_rule(rule, read).matches["s"]] == expected


def test_a_signal_with_only_a_figure_test_admits_every_sentence_in_scope_with_a_figure():
    read = reading(report("全市审查文件12件。", "法律顾问列席会议。", "受理申请3件。"))
    found = signal_matches(Signal(number=True), Scope(include=["measures"]), read)
    assert [read.text_of(read.sentences[m.sentence]) for m in found] == ["全市审查文件12件。", "受理申请3件。"]
    assert all(m.number and m.terms == [] for m in found)


# --------------------------------------------------------------------------- scope


def test_sentences_outside_the_rule_scope_do_not_count(checker):
    text = "\n".join([TITLE, MEASURES, "全市办理行政复议案件206件。", SHORTCOMINGS,
                      "法律顾问出具法律意见12份，但作用发挥不够。"]) + "\n"
    found = check(checker, text)
    assert found.status == "missing"
    assert tally_rule(book().rule("quality.cov-advisers"), reading(text)).counts == {"work": 0, "mention": 0}


def test_a_signal_with_its_own_scope_looks_there_instead_of_in_the_rule_scope(checker):
    plan = "\n".join([TITLE, MEASURES, "法律顾问审查文件12件。", NEXT_YEAR, "下一步将增聘法律顾问。"]) + "\n"
    found = check(checker, plan, "quality.cov-scoped")
    assert found.status == "met"
    assert lines_of(found) == [3, 5]
    # The rule's own scope (the achievements) is not searched by that signal…
    assert tally_rule(book().rule("quality.cov-scoped"), reading(report("法律顾问审查文件12件。"))).counts["plan"] == 0
    # …and the other signals keep the rule's scope.
    other = "\n".join([TITLE, MEASURES, "全市办理案件。", NEXT_YEAR, "下一步将增聘法律顾问，审查文件12件。"]) + "\n"
    assert tally_rule(book().rule("quality.cov-scoped"), reading(other)).counts == {"plan": 1, "cases": 0}


# --------------------------------------------------------------------------- points


def test_points_add_number_points_only_for_sentences_with_a_figure():
    rule = book().rule("quality.cov-advisers")  # work: points 2, number_points 1; mention: no points
    assert tally_rule(rule, reading(report("法律顾问出具法律意见。"))).points == 2
    assert tally_rule(rule, reading(report("法律顾问出具法律意见12份。"))).points == 3
    assert tally_rule(rule, reading(report("法律顾问出具法律意见12份。", "法律顾问出具法律意见。"))).points == 5
    assert tally_rule(rule, reading(report("市政府聘请法律顾问3名。"))).points == 0


def test_number_points_alone_are_earned_only_with_a_figure():
    rule = variant("quality.cov-advisers", signals={"s": {"any": ["@cov_advisers"], "number_points": 1}},
                   met=[{"points": 1}], partial=[], heading=[])
    assert tally_rule(rule, reading(report("法律顾问列席会议。"))).points == 0
    assert tally_rule(rule, reading(report("法律顾问审查文件12件。"))).points == 1


def test_a_points_threshold_is_inclusive():
    text = report("法律顾问出具法律意见12份。")  # 3 points
    assert judged(variant("quality.cov-advisers", met=[{"points": 3}]), text)[0] == "met"
    assert judged(variant("quality.cov-advisers", met=[{"points": 3.5}]), text)[0] == "partial"


def test_a_signal_count_threshold_is_inclusive():
    two = report("法律顾问列席会议。", "公职律师参加会议。", "法律顾问参加培训。")  # one vetoed, two mentions
    assert judged(variant("quality.cov-advisers", met=[{"signals": {"mention": 2}}]), two)[0] == "met"
    status, _evidence, detail = judged(variant("quality.cov-advisers", met=[{"signals": {"mention": 3}}]), two)
    assert status == "partial"
    assert detail == " 还缺少：提到法律顾问。"


# --------------------------------------------------------------------------- headings


def heading_of(length: int) -> str:
    """A numbered heading naming the advisers whose text (without its number) is `length` characters."""
    text = "充分发挥法律顾问在重大行政决策中的作用全面提升依法行政水平推进政府治理规范化程序化法治化"
    assert len(text) >= length
    return "（一）" + text[:length]


def test_a_heading_that_names_the_topic_earns_heading_points_and_is_cited_first(checker):
    found = check(checker, report("（一）发挥法律顾问作用", "全市办理行政复议案件206件。"))
    assert found.status == "met"  # heading_points 3 = the met threshold
    assert lines_of(found) == [3]
    assert found.evidence[0].excerpt == "发挥法律顾问作用"


def test_heading_points_are_earned_once_however_many_headings_name_the_topic():
    rule = book().rule("quality.cov-advisers")
    tally = tally_rule(rule, reading(report("（一）发挥法律顾问作用", "（二）加强公职律师管理")))
    assert len(tally.matches["heading"]) == 2
    assert tally.points == rule.heading_points
    assert tally_rule(variant("quality.cov-advisers", heading_points=5),
                      reading(report("（一）发挥法律顾问作用"))).points == 5


def test_a_heading_up_to_the_topic_limit_earns_heading_points_and_a_longer_one_none():
    longest = _document(report("x")).spec.outline.topic_heading_max_chars
    rule = book().rule("quality.cov-advisers")
    at_limit = reading(report(heading_of(longest), "全市办理行政复议案件206件。"))
    heading = next(s for s in at_limit.sentences if s.heading and "法律顾问" in at_limit.text_of(s))
    assert heading.end - heading.start == longest
    assert tally_rule(rule, at_limit).points == rule.heading_points
    assert check_coverage(rule, at_limit)[0] == "met"
    past = reading(report(heading_of(longest + 1), "全市办理行政复议案件206件。"))
    assert tally_rule(rule, past).points == 0
    assert "heading" not in tally_rule(rule, past).matches
    assert check_coverage(rule, past)[0] == "partial"  # still a mention


def test_a_body_sentence_naming_the_topic_is_not_a_heading():
    tally = tally_rule(book().rule("quality.cov-advisers"), reading(report("市政府聘请法律顾问。")))
    assert "heading" not in tally.matches
    assert tally.points == 0


def test_a_heading_outside_the_rule_scope_earns_nothing():
    text = "\n".join([TITLE, MEASURES, "全市办理行政复议案件206件。", SHORTCOMINGS, "（一）法律顾问作用发挥不够"]) + "\n"
    tally = tally_rule(book().rule("quality.cov-advisers"), reading(text))
    assert tally.points == 0 and "heading" not in tally.matches


def test_a_rule_without_heading_terms_earns_no_heading_points():
    tally = tally_rule(variant("quality.cov-advisers", heading=[]), reading(report("（一）发挥法律顾问作用")))
    assert tally.points == 0 and "heading" not in tally.matches


# --------------------------------------------------------------------------- evidence


def test_evidence_is_headings_first_then_figures_at_most_three_in_reading_order(checker):
    found = check(checker, report(
        "（一）发挥法律顾问作用",            # line 3: a heading
        "法律顾问参加会议。",                # line 4: no figure
        "法律顾问出具法律意见12份。",        # line 5
        "市政府聘请法律顾问3名。",           # line 6
        "法律顾问审查文件20件并出具法律意见。",  # line 7: a figure, but a fourth sentence
    ))
    assert found.status == "met"
    assert lines_of(found) == [3, 5, 6]


def test_a_topic_heading_is_cited_first_even_when_no_signal_counts_headings():
    rule = variant("quality.cov-advisers", signals={"s": {"any": ["@cov_advisers"], "where": "body", "points": 1}})
    text = report("（一）发挥法律顾问作用", "法律顾问出具法律意见12份。", "市政府聘请法律顾问3名。", "法律顾问审查文件20件。")
    status, evidence, _detail = judged(rule, text)
    assert status == "met"
    assert [e.line for e in evidence] == [3, 4, 5]
    assert evidence[0].terms == ["法律顾问"]


def test_each_sentence_is_cited_once_with_the_terms_of_its_first_match(checker):
    found = check(checker, report("法律顾问出具法律意见12份。"))  # both the work and the mention signal
    assert len(found.evidence) == 1


# --------------------------------------------------------------------------- conditions: length, part, year, genre


BODY = ["市政府聘请法律顾问3名。", "法律顾问出具法律意见12份。"]


def test_chars_count_the_body_text_in_scope_without_headings():
    text = "\n".join([TITLE, OPENING, MEASURES, "（一）发挥法律顾问作用", *BODY, SHORTCOMINGS, "一些问题仍然存在。"]) + "\n"
    assert tally_rule(book().rule("quality.cov-advisers"), reading(text)).chars == sum(map(len, BODY))


def test_a_chars_threshold_is_inclusive_and_the_shortfall_names_it():
    text = report(*BODY)
    size = sum(map(len, BODY))
    assert judged(variant("quality.cov-advisers", met=[{"chars": size}]), text)[0] == "met"
    status, _evidence, detail = judged(variant("quality.cov-advisers", met=[{"chars": size + 1}]), text)
    assert status == "partial"
    assert detail == f" 还缺少：足够的篇幅（至少约{size + 1}字）。"


SHORT_PART = [SHORTCOMINGS, "一是问题较多。主要原因是人员不足。", "二是基层薄弱。"]


def part_text(*part: str) -> str:
    return "\n".join([TITLE, OPENING, MEASURES, "市政府聘请法律顾问3名。", *part, NEXT_YEAR, "下一步将增聘法律顾问。"]) + "\n"


def test_part_chars_count_the_part_headings_and_text_only():
    tally = tally_rule(book().rule("quality.cov-part"), reading(part_text(*SHORT_PART)))
    # 二、…不足和原因 / 一是问题较多。主要原因是人员不足。 / 二是基层薄弱。 (numbers not counted)
    expected = len(SHORTCOMINGS) - 2 + len("问题较多") + len("主要原因是人员不足。") + len("基层薄弱")
    assert tally.part_chars == expected
    assert tally.section is True


def test_a_part_chars_threshold_is_inclusive():
    text = part_text(*SHORT_PART)
    size = tally_rule(book().rule("quality.cov-part"), reading(text)).part_chars
    assert judged(variant("quality.cov-part", met=[{"part_chars": size}]), text)[0] == "met"
    status, _evidence, detail = judged(variant("quality.cov-part", met=[{"part_chars": size + 1}]), text)
    assert status == "partial"  # the section exists
    assert detail == f" 还缺少：足够的篇幅（至少约{size + 1}字）。"


def test_a_rule_without_a_part_has_no_part_chars():
    rule = variant("quality.cov-advisers", met=[{"part_chars": 1}])
    assert tally_rule(rule, reading(part_text(*SHORT_PART))).part_chars == 0
    assert judged(rule, part_text(*SHORT_PART))[0] == "partial"


def test_the_same_shortfall_is_named_once():
    rule = variant("quality.cov-part", met=[{"chars": 5000, "part_chars": 5000}])
    assert judged(rule, part_text(*SHORT_PART))[2] == " 还缺少：足够的篇幅（至少约5000字）。"


def test_a_section_condition_needs_the_part_under_its_own_heading(checker):
    with_part = check(checker, part_text(*SHORT_PART), "quality.cov-part")
    assert with_part.status == "met"
    assert with_part.message == "已写明不足和原因。"
    without = check(checker, part_text(), "quality.cov-part")
    assert without.status == "missing"
    label = book().header.parts["shortcomings"].label
    assert without.message == f"未写不足和原因。 还缺少：单列的“{label}”部分；problem；原因分析；足够的篇幅（至少约40字）。"
    assert tally_rule(book().rule("quality.cov-part"), reading(part_text())).section is False


def test_section_false_holds_only_without_the_part():
    rule = variant("quality.cov-part", partial=[{"section": False}])
    assert judged(rule, part_text())[0] == "partial"
    assert judged(rule, part_text(*SHORT_PART))[0] == "met"
    assert judged(variant("quality.cov-part", met=[{"section": False}]), part_text(*SHORT_PART))[0] == "partial"


def test_the_shortfall_describes_the_closest_met_alternative():
    rule = variant("quality.cov-advisers", met=[{"points": 100, "chars": 10000, "year": False},
                                                {"signals": {"mention": 2}}])
    status, _evidence, detail = judged(rule, report("市政府聘请法律顾问。"))
    assert status == "partial"
    assert detail == " 还缺少：提到法律顾问。"


def test_the_shortfall_names_a_signal_without_a_label_by_its_name():
    rule = variant("quality.cov-part", met=[{"signals": {"problem": 1}}])
    assert judged(rule, part_text())[2] == " 还缺少：problem。"


@pytest.mark.parametrize("wanted,text,holds", [
    (True, report("市政府聘请法律顾问。"), True),
    (True, "青山市人民政府关于法治政府建设情况的报告\n一、主要举措和成效\n市政府聘请法律顾问。\n", False),
    (False, "青山市人民政府关于法治政府建设情况的报告\n一、主要举措和成效\n市政府聘请法律顾问。\n", True),
    (False, report("市政府聘请法律顾问。"), False),
])
def test_a_year_condition_asks_whether_the_report_states_its_year(wanted, text, holds):
    status, _evidence, detail = judged(variant("quality.cov-advisers", met=[{"year": wanted}]), text)
    assert (status == "met") is holds
    if wanted and not holds:
        assert detail == " 还缺少：明确的报告年度。"


@pytest.mark.parametrize("wanted,text,holds", [
    (True, report("市政府聘请法律顾问。"), True),
    (True, NEWS, False),
    (False, NEWS, True),
    (False, report("市政府聘请法律顾问。"), False),
])
def test_a_report_condition_asks_whether_the_text_is_an_annual_report(wanted, text, holds):
    status, _evidence, detail = judged(variant("quality.cov-advisers", met=[{"report": wanted}]), text)
    assert (status == "met") is holds
    if wanted and not holds:
        assert detail == " 还缺少：年度报告的体裁（本文不是年度报告）。"


def test_a_full_shortfall_lists_every_gap_in_order():
    rule = variant("quality.cov-part", met=[{"section": True, "signals": {"cause": 1}, "points": 1, "chars": 9000,
                                             "year": True, "report": True}])
    label = book().header.parts["shortcomings"].label
    assert judged(rule, NEWS)[2] == (f" 还缺少：单列的“{label}”部分；原因分析；足够具体的内容（专门的标题、两处以上具体表述或带数字的表述）；"
                                     "足够的篇幅（至少约9000字）；明确的报告年度；年度报告的体裁（本文不是年度报告）。")


# --------------------------------------------------------------------------- rules that read clauses
#
# tests/data/coverage/clauses.yaml: quality.cov-review reads an area as the built-in area rules do
# (a concrete clause, a section with a concrete body, a mention); quality.cov-leader asks who acts.

CLAUSE_RULEBOOK = Path(__file__).parent / "data" / "coverage" / "clauses.yaml"
QUOTE_LIMIT = 40  # characters of a clause quoted in a finding's reason (coverage._CLAUSE_CHARS)


@lru_cache(maxsize=1)
def _clause_checker() -> Checker:
    return Checker(Settings(rulebook=str(CLAUSE_RULEBOOK)))


def clause_check(text: str, rule_id: str = "quality.cov-review"):
    return finding(_clause_checker().check_text(text), rule_id)


def clause_reading(text: str) -> Reading:
    checker = _clause_checker()
    document, _book, _notice = checker.read(Source(path="t.txt", format="txt", lines=lines_from_text(text)))
    return Reading(document, checker.books[0], "government")


def review(rule_id: str = "quality.cov-review") -> Rule:
    return _clause_checker().books[0].rule(rule_id)


def test_a_concrete_clause_meets_the_rule_and_is_quoted_with_its_specifics():
    found = clause_check(report("全年办理行政复议案件206件。"))
    assert found.status == "met"
    assert found.message == "已写明行政复议。 有具体做法：“全年办理行政复议案件206件”（206件）。"


def test_at_most_three_specifics_are_named_in_the_order_the_rulebook_lists_them():
    found = clause_check(report("2024年3月15日印发了《青山市行政复议案件办理办法》等文件12件。"))
    assert found.status == "met"
    assert found.message.endswith("（12件、《青山市行政复议案件办理办法》、2024年3月）。")


def quoted_clause(length: int) -> str:
    """One concrete clause on 行政复议 of exactly `length` characters, its full stop not counted."""
    ending = "办理行政复议案件206件"
    filler = "在市委市政府的坚强领导下全市各级行政复议机关坚持依法履职严格规范公正文明全年共"
    assert len(filler) + len(ending) >= length
    return filler[: length - len(ending)] + ending


def test_a_clause_up_to_the_quoting_limit_is_quoted_whole():
    clause = quoted_clause(QUOTE_LIMIT)
    found = clause_check(report(clause + "。"))
    assert found.status == "met"
    assert f"有具体做法：“{clause}”（206件）。" in found.message


def test_a_clause_past_the_quoting_limit_is_cut_with_an_ellipsis():
    clause = quoted_clause(QUOTE_LIMIT + 1)
    found = clause_check(report(clause + "。"))
    assert f"有具体做法：“{clause[:QUOTE_LIMIT - 1]}…”（206件）。" in found.message
    assert len(clause[:QUOTE_LIMIT - 1] + "…") == QUOTE_LIMIT


def test_the_quote_drops_the_clause_stop_and_spaces_around_it():
    found = clause_check(report("  全年办理行政复议案件206件，审结115件。"))
    assert "有具体做法：“全年办理行政复议案件206件”（206件）。" in found.message


@pytest.mark.parametrize("body,reason", [
    ("要进一步做好行政复议工作。", "只有原则性表述（如“要进一步做好行政复议工作”），缺少具体做法。"),
    ("专题研究行政复议工作。", "只写了开会或学习研究此事（如“专题研究行政复议工作”），缺少本方面的具体做法。"),
    ("深入推进行政复议体制改革。", "仅有提及（如“深入推进行政复议体制改革”），缺少数字、文件名、日期或结果等具体做法。"),
    ("（一）深化行政复议体制改革\n深入推进改革。", "仅有标题“深化行政复议体制改革”，正文缺少具体做法。"),
])
def test_a_partial_finding_says_what_the_deciding_clause_does(body, reason):
    found = clause_check(report(*body.split("\n")))
    assert found.status == "partial"
    assert found.message == f"只提到行政复议。 {reason} 还缺少：行政复议的具体做法。"


def test_a_missing_finding_quotes_no_clause():
    found = clause_check(report("全年审结案件115件。"))
    assert found.status == "missing"
    assert found.message == "未写行政复议。 还缺少：行政复议的具体做法。"


def test_a_rule_met_by_a_section_quotes_its_heading():
    # Met by the section signal (a heading over a concrete body); the clause on 行政复议 is the heading.
    found = clause_check(report("（一）深化行政复议体制改革", "全年审结案件115件。"))
    assert found.status == "met"
    assert found.message == "已写明行政复议。 有专门一节“深化行政复议体制改革”，正文写有具体做法。"


def test_a_collective_actor_is_the_reason_when_the_rule_asks_who_acts():
    found = clause_check(report("县政府常务会议专题研究行政复议工作。"), "quality.cov-leader")
    assert found.status == "partial"
    assert found.message == ("只写了集体履职。 只写了集体（会议、领导小组等）的行动（如“县政府常务会议专题研究行政复议工作”），"
                             "未写主要负责人本人做了什么。 还缺少：主要负责人本人的履职行动。")


def test_a_collective_actor_is_no_reason_for_a_rule_that_does_not_ask_who_acts():
    found = clause_check(report("县政府常务会议专题研究行政复议工作。"))
    assert found.status == "partial"
    assert "只写了开会或学习研究此事（如“县政府常务会议专题研究行政复议工作”）" in found.message
    assert "集体" not in found.message


def test_the_principal_leader_acting_meets_a_rule_that_asks_who_acts():
    found = clause_check(report("县长主持召开常务会议4次，专题研究行政复议工作。"), "quality.cov-leader")
    assert found.status == "met"
    assert found.message == "已写明主要负责人本人履职。 有具体做法：“县长主持召开常务会议4次”（4次）。"


# --------------------------------------------------------------------------- section_body: a heading over a concrete body


def variant_of(rule: Rule, **changes) -> Rule:
    data = rule.model_dump(by_alias=True, exclude_unset=True)
    return Rule.model_validate({**data, **changes})


def section_count(*lines: str) -> int:
    return tally_rule(review(), clause_reading(report(*lines))).counts["section"]


def test_a_heading_over_a_body_with_a_concrete_clause_is_a_section_signal():
    assert section_count("（一）深化行政复议体制改革", "全年审结案件115件。") == 1


def test_a_heading_over_a_body_without_a_concrete_clause_is_not_a_section_signal():
    assert section_count("（一）深化行政复议体制改革", "深入推进改革。") == 0


def test_a_concrete_clause_in_another_section_does_not_make_the_heading_a_section_signal():
    assert section_count("（一）深化行政复议体制改革", "深入推进改革。", "（二）推进严格规范公正文明执法",
                         "全年查处违法案件56起。") == 0
    assert section_count("（一）推进严格规范公正文明执法", "全年查处违法案件56起。", "（二）深化行政复议体制改革",
                         "深入推进改革。") == 0


def test_a_concrete_clause_in_a_subsection_counts_for_the_heading_above_it():
    assert section_count("（一）深化行政复议体制改革", "1.规范案件审理", "全年审结案件115件。") == 1


def test_a_heading_that_states_a_concrete_act_is_that_act_and_one_without_specifics_stays_a_heading():
    read = clause_reading(report("（一）深化行政复议体制改革", "1.审结案件115件", "深入推进改革。"))
    top, sub = (next(i for i, s in enumerate(read.sentences) if read.text_of(s) == heading)
                for heading in ("深化行政复议体制改革", "审结案件115件"))
    assert read.sentences[top].heading and read.sentences[sub].heading
    assert [(c.mood, c.specifics) for c in read.document.clauses.of(top)] == [("heading", ())]
    assert [(c.mood, c.specifics) for c in read.document.clauses.of(sub)] == [("act", ("115件",))]


def test_without_a_clause_vocabulary_clause_filters_admit_every_sentence_and_no_heading_is_a_section():
    import dataclasses

    from checker.document import read as read_document

    book_ = _clause_checker().books[0]
    lexicon = dataclasses.replace(book_.lexicon, clauses=None)  # a rulebook that reads no clauses
    text = report("（一）深化行政复议体制改革", "全年审结案件115件。", "要进一步做好行政复议工作。")
    document = read_document(Source(path="t.txt", format="txt", lines=lines_from_text(text)), lexicon)
    assert document.clauses is None
    tally = tally_rule(review(), Reading(document, book_, "government"))
    assert tally.counts == {"act": 2, "section": 0, "mention": 2}  # the heading and the intention alike
    assert check_coverage(review(), Reading(document, book_, "government"))[2] == ""  # no clause to quote


def test_a_pattern_that_only_picks_the_sentences_leaves_the_terms_as_what_the_evidence_shows():
    """The opening summary's list of the year's work (signal `listed`: terms and a pattern): the evidence marks the
    area's own words in it (矛盾纠纷), not the whole list the pattern matched."""
    text = "\n".join([TITLE, "2024年，市政府全年重点推进了简政放权、重大行政决策程序建设和矛盾纠纷多元化解等工作。现将有关情况报告如下：",
                      MEASURES, "全年组织法治培训2场。"]) + "\n"
    disputes = finding(Checker().check_text(text), "area.disputes")
    assert disputes.status == "partial"
    (evidence,) = disputes.evidence
    assert "矛盾纠纷" in evidence.terms and not any("等工作" in term for term in evidence.terms)
