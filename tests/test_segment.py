"""Term matching respects Chinese word boundaries."""

from __future__ import annotations

import pytest

from checker.document.segment import TermIndex, hits

from .conftest import conventions


def found(text: str, vocabulary: set[str]) -> dict:
    spec = conventions()
    index = TermIndex(text, frozenset(vocabulary), [(0, len(text))], spec.regex("law_title"), spec.law_list_min)
    return index.terms_in(0)


@pytest.mark.parametrize(
    "text,term,expected",
    [
        ("协调解决群众诉求", "调解", False),  # 协调|解决 cut at both ends
        ("推进科学法治建设", "学法", False),  # 科学|法治
        ("开展人民调解工作", "调解", True),
        ("办理行政复议案件", "复议", True),  # inside one word
        ("全面落实三项制度", "三项制度", True),
        ("落实重大行政决策程序", "重大行政决策", True),
        ("履行第一责任人职责", "第一责任人", True),
    ],
)
def test_word_boundaries(text, term, expected):
    assert (term in found(text, {term})) is expected


def test_exceptions_block_longer_words():
    terms = frozenset({"书记"})
    excepts = frozenset({"副书记", "总书记"})
    vocabulary = set(terms | excepts)
    assert hits(found("区委副书记主持会议", vocabulary), terms, excepts) == []
    assert hits(found("学习习近平总书记重要讲话", vocabulary), terms, excepts) == []
    assert hits(found("区委书记主持会议", vocabulary), terms, excepts) == ["书记"]


def test_law_titles_in_a_study_list_do_not_count():
    text = "组织学习《民法典》《行政处罚法》《信访工作条例》等法律法规5次"
    assert "行政处罚" not in found(text, {"行政处罚", "信访"})
    assert "信访" not in found(text, {"行政处罚", "信访"})
    assert "重大行政决策" in found("认真贯彻落实《重大行政决策程序暂行条例》", {"重大行政决策"})
