"""The shortcuts of the clause reader and of the rules find what the long way finds.

Every match of a pattern holds one of its needles (conventions.needles): the clause reader runs a
pattern only on the clauses holding one (its sieve), and `Document.regex_hits` only on a text that
does. A sentence's clauses are read when first asked for, and only the sentences that may be drafting
instructions are read to find those. These tests read the seeds (and template drafts) both ways and compare.
"""

from __future__ import annotations

import re

import pytest

import checker.document as document_layer
from checker import template
from checker.document.clauses import INSTRUCTION, _concrete, _cut, _Sieve, _spans, _specifics
from checker.document.conventions import alternatives, compiled, found_in, needles
from checker.document.ingest.source import Source, lines_from_text
from checker.rules.rulebook import builtin_editions, load_rulebook


@pytest.mark.parametrize("pattern, expected", [
    ("(?<!原)(?:政府|市)?法制(?:办|局)(?!主任)", ("法制",)),  # lookarounds are no part of a match
    ("[XＸ]{2,}|××", ("X", "Ｘ", "××")),  # one needle per branch
    (r"\.{3,}", ("...",)),
    (r"(?:^|[是为,])\s*(?:……|…|\.{3,})", ("……", "…", "...")),
    (r"\d+", None),  # a class of characters has no needle
    ("甲|乙?", None),  # nor a branch that may match nothing
    ("(?i)abc", None),  # nor a pattern that ignores case
])
def test_the_needles_of_a_pattern(pattern, expected):
    assert needles(pattern) == expected


@pytest.mark.parametrize("pattern, text", [
    ("a|b(c)|^x", "zzbc"), ("a|b(c)|^x", "zx"), ("a|b(c)|^x", "x\n"),
    (r"(a)|b\1", "b"),  # a group another alternative sets is unset in both
    ("foo|(?<=q)r", "qr"), ("foo|(?<=q)r", "r"),  # a lookbehind still sees the text before
    ("(?i)FOO|bar", "foo"), ("(?m)^a|zz", "b\na"),  # the pattern's flags hold for every alternative
    ("x(?:a|b)", "xb"),  # no alternatives at the top: the pattern itself
])
def test_a_pattern_is_found_where_one_of_its_alternatives_is(pattern, text):
    assert found_in(pattern, text) == (re.search(pattern, text) is not None)
    assert found_in(pattern, text + "？") == (re.search(pattern, text + "？") is not None)


def test_the_kind_markers_are_found_alternative_by_alternative(seed_files):
    for book in _books():
        for marker in book.spec.other_markers:
            assert len(alternatives(marker.pattern)) >= 1
            for text in _texts(seed_files):
                for sample in (text, "作为局长，我坚持学法。2023/5/6 记者", "同志们：下面，我讲三点意见。"):
                    assert found_in(marker.pattern, sample) == (marker.regex.search(sample) is not None)


def _books():
    return [load_rulebook(edition) for edition in builtin_editions()]


def _patterns() -> list[str]:
    """The rulebooks' patterns that the clause reader sifts or a rule runs over a text."""
    found = set()
    for book in _books():
        clauses = book.spec.clauses
        found.update([clauses.stock, clauses.instruction, clauses.intention, clauses.year, clauses.name_end,
                      *clauses.specifics.values()])
        found.update(pattern for rule in book.rules for signal in rule.signals.values() for pattern in signal.regex)
    return sorted(found)


def _texts(seed_files) -> list[str]:
    return [path.read_text(encoding="utf-8") for path in seed_files]


def _read(checker, text: str):
    document, _book, _notice = checker.read(Source(path="t.txt", format="txt", lines=lines_from_text(text)))
    return document


def test_every_match_holds_a_needle(seed_files):
    for pattern in _patterns():
        hints = needles(pattern)
        for text in _texts(seed_files):
            for match in compiled(pattern).finditer(text):
                assert hints is None or not match.group(0) or any(n in match.group(0) for n in hints), pattern


def test_the_sieve_lets_through_every_clause_a_pattern_matches(checker, seed_files):
    for text in _texts(seed_files):
        document = _read(checker, text)
        lexicon = checker.choose(document.year)[0].lexicon.clauses
        spans = [(c.start, c.end) for clauses in document.clauses.by_sentence for c in clauses]
        sifted = lexicon.sieve.sift(document.outline.text, spans)
        c = lexicon.conventions
        for pattern in [c.stock, c.instruction, c.intention, c.year, *c.specifics.values()]:
            for (start, end), bits in zip(spans, sifted):
                if compiled(pattern).search(document.outline.text[start:end]):
                    assert bits & lexicon.sieve.bit(pattern), (pattern, document.outline.text[start:end])


def test_clauses_read_without_the_sieve_are_the_same(checker, seed_files, monkeypatch):
    sifted = [_read(checker, text).clauses for text in _texts(seed_files)]
    everything = lambda self, text, spans: [-1] * len(spans)  # noqa: E731 (every pattern on every clause)
    monkeypatch.setattr(_Sieve, "sift", everything)
    monkeypatch.setattr(_Sieve, "sift_ordered", everything)
    assert [_read(checker, text).clauses for text in _texts(seed_files)] == sifted


def test_sifting_a_sentence_in_one_pass_is_sifting_each_clause(checker, seed_files):
    for text in _texts(seed_files):
        document = _read(checker, text)
        sieve = checker.choose(document.year)[0].lexicon.clauses.sieve
        for clauses in document.clauses.by_sentence:
            spans = [(c.start, c.end) for c in clauses]
            assert sieve.sift_ordered(document.outline.text, spans) == \
                [sieve.sift_ordered(document.outline.text, [span])[0] for span in spans]


def _drafts(checker) -> list[str]:
    """Template drafts: every section a drafting instruction (【请填写：……】) beside its heading."""
    return [template.to_markdown(template.build(book, book.header.edition.last_year, "government"))
            for book in checker.books]


def test_clauses_read_when_asked_for_are_those_read_in_order(checker, seed_files):
    """A sentence read alone, in any order, has the clauses it has when every sentence is read in order."""
    for text in _texts(seed_files) + _drafts(checker):
        document = _read(checker, text)
        in_order = document.clauses.by_sentence
        again = _read(checker, text).clauses
        backwards = [again.of(i) for i in reversed(range(len(in_order)))]
        assert backwards[::-1] == list(in_order)


def test_the_sentences_that_may_instruct_are_all_that_do(checker, seed_files):
    """Only the sentences holding an instruction term or mark are read to find the drafting instructions."""
    texts = _texts(seed_files) + _drafts(checker)
    found = 0
    for text in texts:
        clauses = _read(checker, text).clauses
        every = {i for i, read in enumerate(clauses.by_sentence) if any(c.mood == INSTRUCTION for c in read)}
        assert clauses.instructions == every
        found += len(every)
    assert found  # the drafts have some


def test_a_clause_is_cut_at_the_stops_as_the_general_cut_does(checker, seed_files):
    c = checker.books[0].lexicon.clauses.conventions
    stop = f"[{re.escape(c.stops)}]"
    samples = ["甲,乙", "《甲,乙》,丙", "(甲,(乙),丙),丁;戊", "“甲,”乙:", " , ", ",,", "甲)),乙", "】甲,【乙"]
    for text in samples + _texts(seed_files):
        for start in range(0, len(text), 7):
            end = min(len(text), start + 60)
            assert _spans(text, start, end, c) == _cut(text, c.brackets, stop, start, end)


def _concrete_the_long_way(text, start, end, found, c):
    """`_concrete` without its shortcut for a clause that lists nothing."""
    items = [(start + a, start + b) for a, b in _cut(text[start:end], c.brackets, c.list_stop)] \
        if c.list_stop else [(start, end)]
    holding = [item for item in items if any(item[0] <= start + at < item[1] for _, at in found)]
    return ((start, end),) if items[-1] in holding else tuple(holding)


def test_the_specifics_of_a_clause_belong_where_the_long_way_puts_them(checker, seed_files):
    lexicon = checker.books[0].lexicon.clauses
    c = lexicon.conventions
    checked = 0
    for text in _texts(seed_files):
        document = _read(checker, text)
        for clause in (clause for clauses in document.clauses.by_sentence for clause in clauses):
            found = _specifics(document.outline.text[clause.start:clause.end], lexicon, -1)
            if found:
                checked += 1
                args = (document.outline.text, clause.start, clause.end, found, c)
                assert _concrete(*args) == _concrete_the_long_way(*args)
    assert checked


def test_regex_hits_without_needles_are_the_same(checker, seed_files, monkeypatch):
    documents = [_read(checker, text) for text in _texts(seed_files)]
    fast = [[document.regex_hits(pattern) for pattern in _patterns()] for document in documents]
    monkeypatch.setattr(document_layer, "needles", lambda pattern: None)
    documents = [_read(checker, text) for text in _texts(seed_files)]
    assert [[document.regex_hits(pattern) for pattern in _patterns()] for document in documents] == fast


@pytest.mark.parametrize("plain, fast", [
    (r"(?<![\d.])\d+(?:\.\d+)?\s*(?:件|次|%)", r"\d(?<![\d.]\d)\d*(?:\.\d+)?\s*(?:件|次|%)"),  # patterns.quantity
    (r"\d+(?:\.\d+)?\s*(?:件|次|%)", r"\d\d*(?:\.\d+)?\s*(?:件|次|%)"),  # item.measures figures
    (r"_{3,}|＿{2,}|□{2,}|○{2,}", r"___+|＿＿+|□□+|○○+"),  # quality.placeholders
])
def test_a_pattern_written_to_start_with_a_character_matches_the_same(seed_files, plain, fast):
    samples = ["12件", "1.5%", "第3.25次", "v2.0版12次", ".5件", "a12次", "3", "__", "___", "＿＿＿＿", "□○○"]
    for text in samples + _texts(seed_files):
        assert [m.span() for m in compiled(fast).finditer(text)] == [m.span() for m in compiled(plain).finditer(text)]
