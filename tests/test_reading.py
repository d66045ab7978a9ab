"""Reading what each clause says: who acts, in what mood, with what specifics; and what stays the same.

The behaviours the corpus labelling rules ask for (../shared/corpus/README.md): a concrete act of
the year meets a rule, a mention, an intention, a meeting's agenda or a heading alone is partial,
a keyword inside a name or a drafting instruction is nothing, and the same report in Traditional
characters or with compatibility characters reads the same.
"""

from __future__ import annotations

import re
import unicodedata

import opencc
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker import template as drafting
from checker.document.ingest.source import Source, lines_from_text
from checker.run.engine import Checker, Settings

from .conftest import SEEDS, finding

TITLE = "青山市人民政府关于2024年度法治政府建设情况的报告\n"
PART = "一、2024年度推进法治政府建设的主要举措和成效\n"
REAL_SEEDS = [SEEDS / "001_7724204651865b79.txt", SEEDS / "003_eed9f17129c08ac0.txt"]


@pytest.fixture(scope="module")
def reader():
    return Checker()


def clauses_of(reader: Checker, body: str):
    """(clause text, actor, mood, specifics) of every clause of the body sentences."""
    source = Source(path="t.txt", format="txt", lines=lines_from_text(TITLE + PART + body))
    document, _book, _notice = reader.read(source)
    out = []
    for i, sentence in enumerate(document.sentences):
        if sentence.heading:
            continue
        for clause in document.clauses.of(i):
            out.append((document.outline.text[clause.start:clause.end].rstrip(",;:。"), clause.actor, clause.mood,
                        clause.specifics))
    return out


def status(reader: Checker, body: str, rule: str) -> str:
    return finding(reader.check_text(TITLE + PART + body), rule).status


# --------------------------------------------------------------------------- clauses


def test_who_acts_is_the_subject_not_a_leader_named_after_a_duty_verb(reader):
    read = clauses_of(reader, "市政府主要负责同志主持召开常务会议5次，专题研究法治政府建设。"
                              "严格落实党政主要负责人履行推进法治建设第一责任人职责。"
                              "市政府常务会议专题研究行政执法工作。分管副市长调度执法检查。")
    actors = [actor for _text, actor, _mood, _specifics in read]
    assert actors == ["principal", "principal", None, "collective", "deputy"]


def test_a_part_whose_heading_names_the_leader_is_acted_by_the_leader(reader):
    source = Source(path="t.txt", format="txt", lines=lines_from_text(
        TITLE + "一、市政府主要负责同志履行推进法治建设第一责任人职责情况\n带头开展述法，主持召开专题会议3次。\n"))
    document, _book, _notice = reader.read(source)
    body = [c for i, s in enumerate(document.sentences) if not s.heading for c in document.clauses.of(i)]
    assert {clause.actor for clause in body} == {"principal"}


@pytest.mark.parametrize("sentence,mood", [
    ("全年办理行政复议案件206件。", "act"),
    ("要进一步加强行政执法监督。", "intention"),
    ("坚持把法治政府建设摆在突出位置。", "intention"),
    ("将法治建设纳入乡域发展规划。", "act"),  # 将 here puts one thing into another: done, not planned
    ("继续开展专项整治，查处案件56起。", "act"),  # with a figure it is no mere intention
    ("形成党委领导、政府负责的工作格局。", "intention"),
    ("专题研究行政执法工作。", "agenda"),
    ("2025年将推进数字政府建设。", "plan"),
    ("写明全年办理的案件数。", "instruction"),
    ("主要原因是……。", "instruction"),
])
def test_the_mood_of_a_clause(reader, sentence, mood):
    moods = {m for _text, _actor, m, _specifics in clauses_of(reader, sentence)}
    assert moods == {mood}


def test_a_sentence_that_instructs_is_instruction_throughout(reader):
    read = clauses_of(reader, "单列或在有关部分写明主要负责同志本人做了什么：主持召开几次常务会议专题研究法治政府建设。")
    assert {mood for _text, _actor, mood, _specifics in read} == {"instruction"}


@pytest.mark.parametrize("sentence,specific", [
    ("全年办理行政复议案件206件。", "206件"),
    ("召开专题会议五次。", "五次"),
    ("制定《青山市重大行政决策程序规定》。", "《青山市重大行政决策程序规定》"),
    ("3月15日召开推进会。", "3月15日"),
    ("行政复议案件均已按期办结。", "均已"),
    ("推动“四乱”整治。", "“四乱”整治"),
    ("成立了法治政府建设工作领导小组。", "成立了法治政府建设工作领导小组"),
])
def test_what_makes_a_clause_concrete(reader, sentence, specific):
    specifics = [s for _text, _actor, _mood, found in clauses_of(reader, sentence) for s in found]
    assert specific in specifics


@pytest.mark.parametrize("sentence", [
    "重大行政规范性文件均经合法性审核。",  # a stock formula: its 均 is no result
    "每年集中学习不少于2次。",  # a norm, not a result
    "建立健全行政执法三项制度。",  # the stock 建立健全……制度 is not the body's own output
])
def test_formulas_and_norms_are_not_concrete(reader, sentence):
    assert [found for _text, _actor, _mood, found in clauses_of(reader, sentence)] == [()]


# --------------------------------------------------------------------------- statuses


@pytest.mark.parametrize("body,expected", [
    ("全年办理行政复议案件206件，纠错率12.5%。", "met"),
    ("深入推进行政复议体制改革。", "partial"),  # a passing mention
    ("要进一步做好行政复议工作。", "partial"),  # an intention
    ("市政府常务会议专题研究行政复议工作5次。", "partial"),  # a meeting's agenda, not an act in the area
    ("", "missing"),
])
def test_an_area_is_met_only_by_a_concrete_act_of_the_year(reader, body, expected):
    text = body + "\n全年组织法治培训2场。" if body else "全年组织法治培训2场。"
    assert status(reader, text, "area.disputes") == expected


def test_a_keyword_inside_a_name_covers_nothing(reader):
    assert status(reader, "市场监管局、机构改革领导小组负责同志参加培训12人次。", "area.enforcement") == "missing"
    assert status(reader, "市场监管局、机构改革领导小组负责同志参加培训12人次。", "area.functions") == "missing"
    assert status(reader, "市场监管局查处违法案件56起。", "area.enforcement") == "met"


def test_a_cited_document_is_not_the_topic_but_a_produced_one_is(reader):
    cited = "深入学习《重大行政决策程序暂行条例》，开展培训3场。"
    produced = "编制《青山市2024年度重大行政决策事项目录》。"
    assert status(reader, cited, "area.decisions") in ("missing", "partial")
    assert status(reader, produced, "area.decisions") == "met"


def test_a_section_on_an_area_with_a_concrete_body_meets_it(reader):
    body = "（一）深化“放管服”改革\n全年取消和下放审批事项23项。\n"
    assert status(reader, body, "area.functions") == "met"
    assert status(reader, "（一）深化“放管服”改革\n", "area.functions") == "partial"  # a heading whose body is missing


def test_the_first_responsible_item_needs_the_leader_as_actor(reader):
    assert status(reader, "县长主持召开常务会议4次专题研究法治政府建设。", "item.first-responsible") == "met"
    assert status(reader, "县政府常务会议4次专题研究法治政府建设。", "item.first-responsible") == "partial"
    assert status(reader, "严格落实主要负责人第一责任人职责。", "item.first-responsible") == "partial"
    found = finding(reader.check_text(TITLE + PART + "县政府常务会议4次专题研究法治政府建设。"), "item.first-responsible")
    assert "只写了集体" in found.message


def test_each_status_says_why(reader):
    met = finding(reader.check_text(TITLE + PART + "全年办理行政复议案件206件。"), "area.disputes")
    assert "有具体做法" in met.message and "206件" in met.message
    partial = finding(reader.check_text(TITLE + PART + "要进一步做好行政复议工作。"), "area.disputes")
    assert "只有原则性表述" in partial.message


def test_deleting_the_only_section_on_an_area_drops_it(reader):
    emergencies = "（二）健全突发事件应对体系\n修订应急预案12部，开展应急演练8场。\n"
    other = "（一）推进严格规范公正文明执法\n全年查处违法案件56起。\n"
    assert status(reader, other + emergencies, "area.emergencies") == "met"
    assert status(reader, other, "area.emergencies") == "missing"


def test_a_rule_the_year_does_not_ask_for_still_says_what_is_written(reader):
    text = "青山市人民政府关于2018年度法治政府建设情况的报告\n一、主要举措和成效\n建成政务服务平台，网上办理事项1200项。\n"
    found = finding(reader.check_text(text), "area.digital")
    assert found.status == "not_applicable" and found.observed == "met"
    assert "本文已写此项" in found.message


# --------------------------------------------------------------------------- genre, level, completeness


@pytest.mark.parametrize("text", [
    "西河区关于履行推进法治建设第一责任人职责情况的报告\n2024年，我坚持以习近平法治思想为指导。现将本人2024年述法工作情况报告如下：\n一、履职情况\n",
    "青山市2024年上半年法治政府建设工作情况报告\n2024年上半年，我市扎实推进法治政府建设，现将有关情况报告如下。\n",
    "2024年度法治政府建设情况报告范文\n2024年，我局扎实推进法治政府建设，现将有关情况报告如下。\n",
])
def test_look_alike_genres_are_not_annual_reports(reader, text):
    assert reader.check_text(text).meta.kind == "not_annual_report"


def test_a_work_summary_of_the_year_is_still_a_report(reader):
    text = ("青山镇2024年法治政府建设工作总结\n2024年，我镇坚持以习近平法治思想为指导，扎实推进法治政府建设，取得了新成效。"
            "现将有关情况报告如下：\n一、主要举措和成效\n全年办理行政复议案件26件。\n")
    result = reader.check_text(text)
    assert result.meta.kind == "annual_report"
    assert finding(result, "quality.title").status == "partial"


def test_a_municipality_district_and_the_reports_own_voice(reader):
    district = reader.check_text("天津市静海区人民政府关于2023年度法治政府建设情况的报告\n2023年，静海区扎实推进法治政府建设。\n")
    assert district.meta.level == "county"
    bureau = reader.check_text("2023年，我局扎实推进法治政府建设，全市法治政府建设取得新成效，全市、全市、全市。"
                               "现将2023年度法治政府建设情况报告如下：\n一、主要举措和成效\n全年办理案件26件。\n")
    assert bureau.meta.level == "department"


def test_a_title_split_after_its_issuer_is_one_title(reader):
    result = reader.check_text("青山市司法局\n2024年度法治政府建设情况报告\n2024年，我局扎实推进法治政府建设。\n")
    assert result.meta.title == "青山市司法局2024年度法治政府建设情况报告"
    assert result.meta.level == "department"


def test_a_text_that_stops_mid_sentence_says_so(reader):
    cut = reader.check_text(TITLE + PART + "全年办理行政复议案件206件，纠错率12.5%，行政机关负责人出庭应诉")
    assert any("文本似不完整" in notice for notice in cut.notices)
    whole = reader.check_text(TITLE + PART + "全年办理行政复议案件206件。")
    assert not any("文本似不完整" in notice for notice in whole.notices)


# --------------------------------------------------------------------------- drafts and scripts


def test_a_template_with_its_marks_deleted_fails_with_every_required_item_unmet():
    checker = Checker(Settings(year=2025))
    book, _notice = checker.choose(2025)
    draft = drafting.to_markdown(drafting.build(book, 2025, "township"))
    stripped = draft.replace("【请填写：", "").replace("】", "")
    result = checker.check_text(stripped, name="draft.md")
    assert not result.passed
    required_items = [f for f in result.findings if f.category == "item" and f.severity == "error"]
    assert required_items and all(f.status in ("partial", "missing") for f in required_items)
    assert finding(result, "quality.placeholders").status == "missing"


_TO_TRADITIONAL = opencc.OpenCC("s2t").convert
_COMPATIBLE = {unicodedata.normalize("NFKC", chr(code)): chr(code) for code in range(0x2F00, 0x2FE0)
               if len(unicodedata.normalize("NFKC", chr(code))) == 1}
_COMPATIBLE["民"] = "\u2ea0"  # ⺠, as browsers' PDFs write it
_UNIFIED = {compatible: unified for unified, compatible in _COMPATIBLE.items()}


@pytest.mark.parametrize("seed", REAL_SEEDS, ids=lambda p: p.name[:3])
def test_traditional_and_compatibility_copies_read_the_same(reader, seed):
    text = seed.read_text(encoding="utf-8")
    original = reader.check_text(text, name="s.txt")
    for copy in (_TO_TRADITIONAL(text), "".join(_COMPATIBLE.get(ch, ch) for ch in text)):
        again = reader.check_text(copy, name="c.txt")
        assert [(f.rule, f.status) for f in again.findings] == [(f.rule, f.status) for f in original.findings]
        assert (again.score, again.meta.year, again.meta.level) == (original.score, original.meta.year, original.meta.level)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.integers(min_value=0, max_value=5000), max_size=40))
def test_evidence_always_quotes_the_text_as_written(reader, positions):
    """Folding, masking and clause reading never move evidence off the original text."""
    text = REAL_SEEDS[0].read_text(encoding="utf-8")
    chars = list(text)
    for position in positions:  # some characters in Traditional or compatibility form, as real copies mix them
        i = position % len(chars)
        chars[i] = _COMPATIBLE.get(chars[i]) or _TO_TRADITIONAL(chars[i])
    mixed = "".join(chars)
    result = reader.check_text(mixed, name="m.txt")
    unified = "".join(_UNIFIED.get(ch, ch) for ch in mixed)  # evidence shows ⼈⺠ as 人民, all else as written
    lines = unified.split("\n")
    for found in result.findings:
        for evidence in found.evidence:
            if evidence.section == "标题":
                continue
            excerpt = re.sub(r"…$", "", evidence.excerpt)
            assert excerpt in lines[evidence.line - 1], (found.rule, evidence.line, excerpt)


def test_evidence_shows_compatibility_characters_as_the_characters_they_stand_for(reader):
    text = REAL_SEEDS[0].read_text(encoding="utf-8")
    printed = "".join(_COMPATIBLE.get(ch, ch) for ch in text)
    excerpts = [e.excerpt for f in reader.check_text(printed, name="p.txt").findings for e in f.evidence]
    assert excerpts and not any(ch in excerpt for excerpt in excerpts for ch in _UNIFIED)
