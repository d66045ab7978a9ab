"""The document layer's entry point: `read` a source by a rulebook's lexicon into one `Document`."""

from __future__ import annotations

import dataclasses
import re

import pytest

from checker.document import facts, read, read_outline
from checker.document.facts import YearStatement
from checker.document.ingest.source import Source, lines_from_text
from checker.document.segment import TermSet, unblocked
from checker.rules.rulebook import builtin_editions, load_rulebook

REPORT = (
    "某某县人民政府关于2023年度法治政府建设情况的报告\n"
    "县人大常委会：\n"
    "2023年，我县扎实推进法治政府建设。现将2023年度法治政府建设情况报告如下：\n"
    "一、主要举措和成效\n"
    "全年办理行政复议案件206件，审结115件。组织执法人员培训，效果良好。\n"
    "二、存在的问题和下一步打算\n"
    "执法不够规范。下一步，我们将继续推进。\n"
    "某某县人民政府\n"
    "2024年1月10日\n"
)


@pytest.fixture(scope="module")
def lexicon():
    return load_rulebook(builtin_editions()[-1]).lexicon


def source(text: str = REPORT, **fields) -> Source:
    return Source(path="县政府报告.txt", format="txt", lines=lines_from_text(text), encoding="utf-8", **fields)


@pytest.fixture(scope="module")
def report(lexicon):
    return read(source(), lexicon)


def sentence_index(document, text: str) -> int:
    return next(i for i, s in enumerate(document.sentences) if document.text_of(s) == text)


# --------------------------------------------------------------------------- reading


def test_read_says_what_the_report_says_about_itself(report):
    assert (report.path, report.format, report.encoding) == ("县政府报告.txt", "txt", "utf-8")
    assert report.year == 2023
    assert [s.source for s in report.year_statements] == [facts.FROM_TITLE, facts.FROM_STATEMENT, facts.FROM_OPENING]
    assert (report.issuer, report.level, report.kind) == ("某某县人民政府", "county", "annual_report")
    assert "有主送机关" in report.kind_reasons
    assert report.parts_found == {"measures", "shortcomings", "next_year"}
    assert report.published is None


def test_a_single_statement_of_the_year_is_enough(lexicon):
    document = read(source("某某县人民政府关于2023年度法治政府建设情况的报告\n全年办理行政复议案件206件。\n"), lexicon)
    assert [(s.source, s.year) for s in document.year_statements] == [(facts.FROM_TITLE, 2023)]
    assert document.year == 2023


def test_a_year_given_by_the_caller_overrides_the_text(lexicon):
    document = read(source(), lexicon, year=2022)
    assert document.year == 2022
    assert {s.year for s in document.year_statements} == {2023}  # what the text says is kept


def test_statements_the_caller_has_are_used_as_given(lexicon):
    spec = lexicon.spec
    outline = read_outline(source(), spec)
    earlier = [YearStatement(facts.FROM_TITLE, 2019, 1)]
    document = read(source(), lexicon, outline=outline, statements=earlier)
    assert document.outline is outline
    assert document.year_statements == tuple(earlier) and document.year == 2019
    unstated = read(source(), lexicon, statements=[])
    assert unstated.year_statements == () and unstated.year is None
    assert "未写明所报告的年度" in unstated.kind_reasons


def test_a_publication_date_given_by_the_caller_is_kept(lexicon):
    assert read(source(), lexicon, published="2024-01-15").published == "2024-01-15"
    assert read(source(published="2024-02-01"), lexicon).published == "2024-02-01"


# --------------------------------------------------------------------------- looking things up


def test_terms_and_the_sentences_that_hold_them(report, lexicon):
    plan = sentence_index(report, "下一步,我们将继续推进。")
    assert lexicon.look_ahead.terms >= {"下一步", "我们将"}
    assert set(report.found(plan, lexicon.look_ahead)) >= {"下一步", "我们将"}
    heading = sentence_index(report, "存在的问题和下一步打算")
    assert report.candidates(lexicon.look_ahead) == {heading, plan}
    assert report.candidates(TermSet(frozenset({"行政复议"}))) == {sentence_index(report, "全年办理行政复议案件206件,审结115件。")}


def test_quantities_mark_sentences_that_report_a_figure(report):
    assert [report.text_of(s) for s, q in zip(report.sentences, report.quantities) if q] == [
        "全年办理行政复议案件206件,审结115件。"]


def test_regex_hits_are_given_per_sentence(report):
    first = sentence_index(report, "全年办理行政复议案件206件,审结115件。")
    hits = report.regex_hits(r"\d+件")
    assert {i: [match.text for match in found] for i, found in hits.items()} == {first: ["206件", "115件"]}
    # Each where it stands in the text: the second 件 figure after the first, both inside their sentence.
    assert [report.outline.text[m.start:m.start + len(m.text)] for m in hits[first]] == ["206件", "115件"]
    assert report.sentences[first].start < hits[first][0].start < hits[first][1].start < report.sentences[first].end
    # A match that ends a sentence is in it (the stop included).
    assert [match.text for match in report.regex_hits(r"115件。")[first]] == ["115件。"]


def test_regex_hits_outside_any_one_sentence_are_not_reported(report):
    assert report.outline.title.endswith("报告")
    # In the title (before the first sentence), or in the signature after the last one: not sentences.
    assert report.regex_hits(r"人民政府") == {}
    # Across two sentences, or empty.
    assert report.regex_hits(r"115件。组织") == {}
    assert report.regex_hits(r"[xyz]*") == {}


def test_regex_hits_in_the_few_sentences_holding_a_needle_are_those_a_scan_of_each_sentence_finds(lexicon):
    # a pattern that opens on a lookbehind, whose needle (协议) few sentences hold: only those are searched
    filler = "".join(f"第{n}项工作有序推进。" for n in range(12))
    text = REPORT.replace("组织执法人员培训，效果良好。", filler + "审查合作协议12份，审查调解协议8份。")
    document = read(source(text), lexicon)
    pattern = r"(?<!调解)协议\d+份"
    expected = {i: [(s.start + m.start(), m.group(0)) for m in re.finditer(pattern, document.text_of(s))]
                for i, s in enumerate(document.sentences) if re.search(pattern, document.text_of(s))}
    assert document.regex_hits(pattern) == expected
    (only, found), = expected.items()
    assert only == sentence_index(document, "审查合作协议12份,审查调解协议8份。") and [text for _, text in found] == ["协议12份"]
    # a pattern anchored to the text's start is still read over the whole text (no sentence starts the text)
    assert document.regex_hits(r"^某某县") == {}
    # searched from a sentence's start, ^ is still a line's start, and $ a line's end, not the sentence's
    assert document.regex_hits(r"(?m)^审查合作协议") == {}
    assert document.regex_hits(r"调解协议8份。$") == {}
    assert [text for _, text in document.regex_hits(r"(?m)(?:^|(?<=。))审查合作协议\d+份")[only]] == ["审查合作协议12份"]


def test_regex_hits_are_remembered_without_changing_the_document(report, lexicon):
    twin = dataclasses.replace(report, _regex_cache={})
    assert twin == report
    report.regex_hits(r"复议")
    assert twin == report  # the cache is not part of what a document is
    assert "_regex_cache" not in repr(report)
    assert report.regex_hits(r"复议") is report.regex_hits(r"复议")


# --------------------------------------------------------------------------- parts


def test_part_sections_are_the_top_most_sections_naming_the_part(lexicon):
    document = read(source(
        "某某县人民政府关于2023年度法治政府建设情况的报告\n"
        "一、主要举措和成效\n（一）主要做法\n制定规范性文件3件。\n（二）取得的成效\n行政复议纠错率下降5%。\n"
        "二、存在的不足和原因\n基层执法力量不足，主要原因是编制有限。\n"
        "三、其他工作情况\n开展法治政府建设示范创建。\n"
    ), lexicon)
    assert [s.heading for s in document.part_sections("measures")] == ["主要举措和成效", "其他工作情况"]
    assert [s.heading for s in document.part_sections("shortcomings")] == ["存在的不足和原因"]
    assert document.part_sections("next_year") == []


# --------------------------------------------------------------------------- the terms that count


def body_document(lexicon, *lines: str):
    return read(source("某某县人民政府关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n" + "\n".join(lines) + "\n"), lexicon)


def test_found_in_a_span_counts_only_the_terms_inside_it_from_its_first_character(lexicon):
    document = body_document(lexicon, "县长主持召开常务会议5次，专题研究行政复议工作。")
    i = sentence_index(document, "县长主持召开常务会议5次,专题研究行政复议工作。")
    first, second = document.clauses.of(i)
    wanted = TermSet(frozenset({"县长", "行政复议"}))
    assert document.index.terms_in(i)["县长"] == [(first.start, first.start + 2)]  # the span's first characters
    assert document.found(i, wanted) == ["县长", "行政复议"]
    assert document.found(i, wanted, (first.start, first.end)) == ["县长"]
    assert document.found(i, wanted, (second.start, second.end)) == ["行政复议"]


def test_a_drafting_instruction_counts_no_term_from_its_first_to_its_last_character(lexicon):
    document = body_document(lexicon, "写明全年办理的行政复议案件数。", "各单位在年度报告中如实填写")
    prompt = sentence_index(document, "写明全年办理的行政复议案件数。")
    assert {"写明", "行政复议"} <= set(document.index.terms_in(prompt))
    assert document.index.terms_in(prompt)["写明"][0][0] == document.sentences[prompt].start
    assert document.counting_terms(prompt) == {}
    assert document.found(prompt, TermSet(frozenset({"行政复议"}))) == []
    last = sentence_index(document, "各单位在年度报告中如实填写")
    assert document.index.terms_in(last)["如实填写"][0][1] == document.sentences[last].end
    assert document.counting_terms(last) == {}


def test_the_terms_of_a_sentence_beside_an_instruction_still_count(lexicon):
    document = body_document(lexicon, "写明全年办理的案件数。", "全年办理行政复议案件206件。")
    i = sentence_index(document, "全年办理行政复议案件206件。")
    assert document.found(i, TermSet(frozenset({"行政复议"}))) == ["行政复议"]


def test_a_term_inside_a_name_does_not_count(lexicon):
    document = body_document(lexicon, "城市管理执法局查处违法案件56起。")
    i = sentence_index(document, "城市管理执法局查处违法案件56起。")
    assert "执法" in document.index.terms_in(i)
    assert document.found(i, TermSet(frozenset({"执法", "查处"}))) == ["查处"]


def test_counted_terms_and_candidates_are_remembered_per_term_set(report):
    """Two term sets with the same terms and other exceptions are remembered apart."""
    plain = TermSet(frozenset({"行政复议", "复议"}))
    blocked = TermSet(frozenset({"行政复议", "复议"}), frozenset({"行政复议"}))
    fresh = dataclasses.replace(report, _counted_cache={}, _candidates_cache={})
    for termset in (plain, blocked, plain):
        for i in range(len(report.sentences)):
            assert report.counted(i, termset) == unblocked(
                fresh.counting_terms(i), termset.terms, termset.excepts, fresh.index.terms_in(i))
        assert report.candidates(termset) == {i for i, found in enumerate(report.index.by_sentence)
                                              if not termset.terms.isdisjoint(found)}
    assert any(report.counted(i, plain) != report.counted(i, blocked) for i in range(len(report.sentences)))


def test_a_rulebook_resolves_the_same_entries_to_the_same_term_set():
    book = load_rulebook(builtin_editions()[-1])
    first = book.termset(["@problem", "差距"])
    assert book.termset(["@problem", "差距"]) is first
    assert first == book._resolve(["@problem", "差距"])


def test_counting_terms_are_remembered_without_changing_the_document(report):
    twin = dataclasses.replace(report, _terms_cache={})
    first = report.counting_terms(3)
    assert report.counting_terms(3) is first
    assert twin == report  # the cache is not part of what a document is
    assert "_terms_cache" not in repr(report)
