"""Term matching respects Chinese word boundaries, exception words and lists of laws."""

from __future__ import annotations

import re
from functools import lru_cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.document import segment
from checker.document.segment import TermIndex, hits, tokenizer

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


# --------------------------------------------------------------------------- word boundaries, edge by edge


@lru_cache(maxsize=1)
def rulebook_words() -> frozenset[str]:
    """The words the checker gives the segmenter: every term of the built-in rulebook."""
    from checker.rules.rulebook import builtin_editions, load_rulebook

    return load_rulebook(builtin_editions()[-1]).vocabulary


def index_of(text: str, terms: set[str], sentences=None, law_title=None, law_list_min=None) -> TermIndex:
    """The index the checker builds for `text`: the rulebook's words segment it, `terms` are looked for."""
    spec = conventions()
    return TermIndex(
        text, rulebook_words() | frozenset(terms), sentences or [(0, len(text))],
        law_title or spec.regex("law_title"), spec.law_list_min if law_list_min is None else law_list_min,
    )


def spans_of(text: str, term: str, **options) -> list[tuple[int, int]]:
    return index_of(text, {term}, **options).terms_in(0).get(term, [])


@pytest.mark.parametrize(
    "text,term",
    [
        ("压实主要领导责任", "主要领导"),  # 主要|领导责任: a clean start is enough
        ("乡镇综合执法队伍专业人员偏少", "执法队伍"),  # 综合执法|队伍: a clean end is enough
        ("依法化解矛盾纠纷。", "矛盾纠纷"),  # 化解矛盾|纠纷|。: clean before the last word
        ("依法化解矛盾纠纷", "矛盾纠纷"),  # …and at the very end of the text
        # No guessed words: jieba's HMM would glue 对大 into a word and cut 大调解 at both ends.
        ("加强对大调解机制的统筹协调。", "大调解"),  # 对|大|调解机制
    ],
)
def test_a_term_with_one_clean_edge_counts(text, term):
    start = text.index(term)
    assert spans_of(text, term) == [(start, start + len(term))]


@pytest.mark.parametrize("text", ["依法协调解决", "依法协调解决。", "协调解决群众诉求"])
def test_a_term_cutting_into_words_at_both_ends_never_counts_even_at_the_end_of_the_text(text):
    assert spans_of(text, "调解") == []


def test_every_occurrence_is_indexed_once_per_sentence_in_order():
    text = "开展人民调解。调解组织建设。完善复议制度。行政调解有力。"
    sentences = [(0, 7), (7, 14), (14, 21), (21, 28)]
    index = index_of(text, {"调解"}, sentences=sentences)
    assert index.sentences_of["调解"] == [0, 1, 3]
    assert "调解" not in index.terms_in(2)
    assert index.terms_in(0)["调解"] == [(4, 6)]
    repeated = index_of("调解员开展调解，调解成功。", {"调解"})
    assert [text_span for text_span in repeated.terms_in(0)["调解"]] == [(0, 2), (5, 7), (8, 10)]
    assert repeated.sentences_of["调解"] == [0]


def test_a_term_running_past_the_end_of_its_sentence_counts_in_neither():
    text = "开展人民调解工作"  # 开展|人民调解|工作, cut into two "sentences" inside 人民调解
    index = index_of(text, {"人民调解", "调解"}, sentences=[(0, 4), (4, 8)])
    assert "人民调解" not in index.sentences_of
    assert index.terms_in(1)["调解"] == [(4, 6)]
    assert "调解" not in index.terms_in(0)


def test_a_term_from_the_sentence_before_is_not_taken_for_one_of_the_next_after_a_shorter_one_there():
    # 执法 ends inside the second sentence before 行政执法监督, which starts in the first, ends: the longer one is
    # still in neither
    text = "推进行政执法监督工作"
    index = index_of(text, {"行政执法监督", "执法"}, sentences=[(0, 4), (4, 10)])
    assert "行政执法监督" not in index.sentences_of
    assert index.terms_in(1)["执法"] == [(4, 6)]


def test_a_term_outside_every_sentence_is_not_indexed():
    text = "（一）人民调解"  # the heading number is not part of the heading's sentence
    index = index_of(text, {"人民调解", "调解"}, sentences=[(3, 7)])
    assert index.terms_in(0)["人民调解"] == [(3, 7)]
    assert index.terms_in(0)["调解"] == [(5, 7)]
    assert "人民调解" not in index_of("人民调解（一）", {"人民调解"}, sentences=[(4, 7)]).sentences_of


# --------------------------------------------------------------------------- exceptions


def test_an_exception_that_starts_with_the_term_blocks_it():
    terms, excepts = frozenset({"书记"}), frozenset({"书记员"})
    assert hits(found("书记员记录庭审", set(terms | excepts)), terms, excepts) == []


def test_a_term_counts_when_one_of_its_occurrences_is_outside_every_exception():
    terms, excepts = frozenset({"书记"}), frozenset({"副书记"})
    assert hits(found("副书记和书记共同出席会议", set(terms | excepts)), terms, excepts) == ["书记"]


def test_hits_keep_only_the_asked_terms_in_the_order_found():
    present = {"复议": [(2, 4)], "调解": [(6, 8)], "信访": [(9, 11)]}
    assert hits(present, frozenset({"调解", "复议"}), frozenset()) == ["复议", "调解"]
    assert hits(present, frozenset({"诉讼"}), frozenset({"复议"})) == []
    assert hits({}, frozenset({"调解"}), frozenset({"人民调解"})) == []


# --------------------------------------------------------------------------- lists of laws


LAWS = ["《行政处罚法》", "《民法典》", "《信访工作条例》", "《行政复议法》", "《安全生产法》"]


def test_a_sentence_naming_exactly_law_list_min_laws_is_a_list():
    least = conventions().law_list_min
    listed = "组织学习" + "".join(LAWS[:least]) + "等法律法规"
    assert spans_of(listed, "行政处罚") == []  # the first title of the list
    named = "组织学习" + "".join(LAWS[:least - 1]) + "等法律法规"
    assert spans_of(named, "行政处罚") == [(5, 9)]


def test_words_outside_the_titles_of_a_law_list_still_count():
    text = "组织开展《民法典》《行政处罚法》普法宣传5次"  # 普法 right after the last 》
    assert spans_of(text, "普法") == [(text.index("普法"), text.index("普法") + 2)]
    assert spans_of(text, "行政处罚") == []


def test_the_mask_covers_a_title_from_its_first_character():
    # A rulebook whose law_title pattern matches the name alone, without the brackets.
    names = re.compile(r"(?<=《)[^《》]+?(?:法|条例)(?=》)")
    text = "学习《行政处罚法》《行政复议法》"
    assert spans_of(text, "行政处罚", law_title=names, law_list_min=2) == []
    assert spans_of(text, "行政处罚", law_title=names, law_list_min=3) == [(3, 7)]


# --------------------------------------------------------------------------- the tokenizer


def test_the_tokenizer_is_shared_and_keeps_words_given_to_it_whole():
    assert tokenizer() is tokenizer()
    text = "全面推行首违不罚清单制度"  # jieba alone: 首|违|不|罚
    assert "首违不罚" in tokenizer(["首违不罚"]).cut(text)


def test_word_starts_are_character_offsets_of_the_cut():
    text = "2024年，全面推行首违不罚清单制度。\n行政复议"
    words = tokenizer(["首违不罚"]).cut(text)
    starts = tokenizer().starts(text)
    assert len(starts) == len(words) and starts[0] == 0
    assert [text[a:b] for a, b in zip(starts, starts[1:] + [len(text)])] == words


def test_a_vocabulary_met_before_is_not_added_again(monkeypatch):
    vocabulary = frozenset({"首违不罚", "行政复议"})
    segmenter = tokenizer(vocabulary)
    added = []
    monkeypatch.setattr(segmenter, "add", added.append)  # nothing reaches the real dictionary…
    for known in ("_KNOWN_WORDS", "_KNOWN_VOCABULARIES"):  # …nor stays marked as being in it
        monkeypatch.setattr(segment, known, set(getattr(segment, known)))
    tokenizer(vocabulary)
    tokenizer(frozenset(vocabulary | {"不见面开标"}))  # a word no rulebook has
    assert added == ["不见面开标"]


# --------------------------------------------------------------------------- invariants

CHUNKS = ["开展", "人民调解", "调解", "协调解决", "行政复议", "复议", "副书记", "书记", "书记员", "主要领导责任",
          "三项制度", "《民法典》", "《行政处罚法》", "工作", "。", "，", "群众", "诉求"]
VOCABULARY = {"调解", "人民调解", "复议", "行政复议", "书记", "副书记", "书记员", "主要领导", "三项制度", "行政处罚"}


@st.composite
def texts_with_sentences(draw):
    text = "".join(draw(st.lists(st.sampled_from(CHUNKS), min_size=1, max_size=12)))
    cuts = sorted(draw(st.sets(st.integers(1, max(1, len(text) - 1)), max_size=5)) | {0, len(text)})
    sentences = list(zip(cuts, cuts[1:]))
    kept = [span for span in sentences if draw(st.booleans()) or span is sentences[0]]
    return text, kept


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts_with_sentences())
def test_every_term_found_is_that_term_inside_its_sentence(case):
    text, sentences = case
    index = index_of(text, VOCABULARY, sentences=sentences)
    for number, (start, end) in enumerate(sentences):
        for term, spans in index.terms_in(number).items():
            assert term in rulebook_words() | VOCABULARY
            assert spans == sorted(spans)
            for s, e in spans:
                assert start <= s < e <= end
                assert text[s:e] == term
            assert number in index.sentences_of[term]
    for term, numbers in index.sentences_of.items():
        assert numbers == sorted(set(numbers))
        assert all(term in index.terms_in(n) for n in numbers)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts_with_sentences())
def test_every_occurrence_inside_a_sentence_that_fits_the_words_is_found(case):
    """The index misses nothing: each vocabulary word standing inside a sentence, on the segmenter's word
    boundaries and outside a list of laws, is indexed in that sentence."""
    text, sentences = case
    spec = conventions()
    index = index_of(text, VOCABULARY, sentences=sentences)
    fits = segment._Words(text, rulebook_words() | frozenset(VOCABULARY)).fits
    masked = segment._law_list_positions(text, sentences, spec.regex("law_title"), spec.law_list_min)
    for number, (start, end) in enumerate(sentences):
        for word, spans in _occurrences(text[start:end], sorted(VOCABULARY)).items():
            expected = [(start + a, start + b) for a, b in spans
                        if start + a not in masked and fits(start + a, start + b)]
            assert index.terms_in(number).get(word, []) == expected


def _occurrences(text: str, words: list[str]) -> dict[str, list[tuple[int, int]]]:
    """Every occurrence of every word in `text`, overlapping ones included."""
    spans_of = {word: [(m.start(), m.start() + len(word)) for m in re.finditer(f"(?={re.escape(word)})", text)]
                for word in words}
    return {word: spans for word, spans in spans_of.items() if spans}


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="法治政府建设监督", min_size=0, max_size=40),
       st.lists(st.text(alphabet="法治政府建设监督", min_size=1, max_size=3), min_size=1, max_size=5),
       st.lists(st.text(alphabet="法治政府建设监督", min_size=2, max_size=5), max_size=4))
def test_an_occurrence_is_kept_unless_an_exception_occurrence_covers_it(text, terms, excepts):
    everything = _occurrences(text, sorted(set(terms) | set(excepts)))
    kept = segment.unblocked(everything, frozenset(terms), frozenset(excepts), everything)
    expected = {}
    for term in terms:
        spans = [(a, b) for a, b in everything.get(term, ())
                 if not any(s <= a and b <= e for word in excepts for s, e in everything.get(word, ()))]
        if spans:
            expected[term] = spans
    assert kept == expected
