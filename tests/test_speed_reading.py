"""The shortcuts in indexing terms, masking them and fitting clauses find what the long way finds.

- the term index runs its automaton sentence by sentence, not over the whole text with a search
  for the sentence each occurrence is in;
- the context masks are compiled once, tried only on the terms they name near one of their needles
  (found by one automaton pass over the text), `after` before `before`;
- a signal's first fitting clause is found in one loop over the clauses, not from a filtered list;
- the clauses that say what a pattern matched are found by the matches' starts, not by trying every clause for each.

These tests read the seeds (and template drafts, and sentences written to trip each context mask)
both ways and compare.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

import pytest

from checker import template
from checker.document.clauses import _cited_titles, _Masked, _masked_terms
from checker.document.conventions import compiled
from checker.document.ingest.source import Source, lines_from_text
from checker.document.segment import TermIndex, _automaton, _law_list_positions, _Words
from checker.rules.kinds.coverage import _Counted, _body_has, _saying

# Sentences each context mask of the rulebook takes a term out of (and one it leaves alone).
MASKED = (
    "一、总体情况\n我局认真研究法治建设中存在的问题，解决工作中存在的问题。"
    "组织干部学习了疫情防控、安全生产等多部法律法规。"
    "严格落实公众参与、专家论证、风险评估、合法性审查、集体讨论决定等程序。"
    "合法性审查和集体讨论决定均严格执行。法律顾问深入社区开展“法治体检”讲座12场。"
    "开展网上学法考试，线上法治讲座3期。推进数字政府建设，上线政务服务平台。"
    "我局仍存在法治宣传不够深入的问题。召开优化营商环境工作推进会，部署行政执法专项工作会议。\n"
    "召开优化营商环境业务培训推进会。\n"  # a training's name and a meeting's: the name wins, nothing is in passing
    "二、存在的不足和原因\n执法不够规范。究其原因，主要是思想认识不到位、学习不够深入。对此，我们将认真整改。\n"
    # (stock causes: a mask that says why)
)


# A numbered line with no stop is cut into a heading and a body inside its text: shifted a character at
# a time, a term stands across the cut (in neither sentence), then in one, then in the other.
ACROSS_THE_CUT = "\n".join(f"{n}、{'很' * (20 + n)}推进行政执法体制改革{'很' * 60}" for n in range(1, 21))


def _texts(seed_files, checker) -> list[str]:
    drafts = [template.to_markdown(template.build(book, book.header.edition.last_year, "government"))
              for book in checker.books]
    return [path.read_text(encoding="utf-8") for path in seed_files] + drafts + [MASKED, ACROSS_THE_CUT]


def _read(checker, text: str):
    document, book, _notice = checker.read(Source(path="t.txt", format="txt", lines=lines_from_text(text)))
    return document, book


def _index_the_long_way(text, vocabulary, sentences, law_title, law_list_min):
    """TermIndex as it was: one pass over the whole text, each occurrence placed by a search."""
    fits = _Words(text, vocabulary).fits
    masked = _law_list_positions(text, sentences, law_title, law_list_min)
    starts, ends = [a for a, _ in sentences], [b for _, b in sentences]
    by_sentence = [{} for _ in sentences]
    sentences_of: dict[str, list[int]] = {}
    for last, (length, term) in _automaton(vocabulary).iter(text):
        end = last + 1
        start = end - length
        i = bisect_right(starts, start) - 1
        if i < 0 or end > ends[i] or start in masked or not fits(start, end):
            continue
        if term not in by_sentence[i]:
            by_sentence[i][term] = []
            sentences_of.setdefault(term, []).append(i)
        by_sentence[i][term].append((start, end))
    return by_sentence, sentences_of


def test_the_term_index_sentence_by_sentence_is_the_whole_text_pass(checker, seed_files):
    for text in _texts(seed_files, checker):
        document, book = _read(checker, text)
        spec = book.spec
        args = (document.outline.text, book.lexicon.vocabulary, [(s.start, s.end) for s in document.sentences],
                spec.regex("law_title"), spec.law_list_min)
        index = TermIndex(*args)
        by_sentence, sentences_of = _index_the_long_way(*args)
        assert index.by_sentence == by_sentence
        assert [list(found) for found in index.by_sentence] == [list(found) for found in by_sentence]  # term order
        assert list(index.sentences_of.items()) == list(sentences_of.items())


def _masked_the_long_way(text, index, lexicon, contexts: bool = True):
    """`_masked_terms` as it was: each mask looked up and compiled per occurrence, `before` tried first."""
    c = lexicon.conventions
    cited, implemented = _cited_titles(text, c)  # the titles are not what this compares
    starts = [a for a, _ in cited]
    masked, masked_in, passing, passing_in = set(), set(), set(), set()
    reasons = {}  # the first mask in the rulebook's order that takes the occurrence out and says why
    for i, found in enumerate(index.by_sentence):
        for term, spans in found.items():
            masks = [mask for mask, termset in lexicon.masks if termset is None or term in termset.terms] \
                if contexts else []
            for start, end in spans:
                inside = bisect_left(starts, start) - 1
                in_title = inside >= 0 and end < cited[inside][1]
                if in_title and cited[inside] in implemented:  # a title the body carries out names its topic in passing
                    passing.add((start, end))
                    passing_in.add(i)
                    continue
                founded = c.founded_by is not None and c.regex("founded_by").search(
                    text, max(0, start - c.founded_window), start)  # founding the body named is no name to mask
                taking = [mask for mask in masks if not mask.passing and _in_context(text, start, end, mask)]
                if in_title or (c.regex("name_end").match(text, end) and not founded) or taking:
                    masked.add((start, end))
                    masked_in.add(i)
                    says = next((mask.says for mask in taking if mask.says is not None), None)
                    if says is not None and not in_title and not (c.regex("name_end").match(text, end) and not founded):
                        reasons[(start, end)] = says
                elif any(_in_context(text, start, end, mask) for mask in masks if mask.passing):
                    passing.add((start, end))
                    passing_in.add(i)
    return _Masked(frozenset(masked), frozenset(masked_in), frozenset(passing), frozenset(passing_in), reasons)


def _in_context(text, start, end, mask) -> bool:
    if mask.before is not None and not compiled(mask.before).search(text, max(0, start - mask.window), start):
        return False
    return mask.after is None or compiled(mask.after).match(text, end, end + mask.window) is not None


def test_context_masks_tried_the_quick_way_mask_what_the_long_way_masks(checker, seed_files):
    by_context = passing = reasons = 0
    for text in _texts(seed_files, checker):
        document, book = _read(checker, text)
        lexicon = book.lexicon.clauses
        args = (document.outline.text, document.index, lexicon)
        expected = _masked_the_long_way(*args)
        assert _masked_terms(*args) == expected
        by_context += len(expected.names - _masked_the_long_way(*args, contexts=False).names)
        passing += len(expected.passing)
        reasons += len(expected.reasons)
    assert by_context >= 6  # the texts trip the context masks, not only names and cited titles
    assert passing >= 1  # …and some occurrences are said in passing (an event's name)
    assert reasons >= 1  # …and some masks say why (stock causes)


def test_context_masks_without_needles_are_tried_on_every_occurrence(checker, seed_files, monkeypatch):
    """A mask whose contexts have no needles cannot be located: it is tried on every occurrence."""
    from dataclasses import replace

    from checker.document import clauses

    monkeypatch.setattr(clauses, "needles", lambda pattern: None)
    for text in _texts(seed_files, checker):
        document, book = _read(checker, text)
        lexicon = replace(book.lexicon.clauses)  # its context masks compiled anew, without needles
        args = (document.outline.text, document.index, lexicon)
        assert lexicon.context_masks._automaton is None
        assert _masked_terms(*args) == _masked_the_long_way(*args)


def _clause_signals(checker):
    return [signal for book in checker.books for rule in book.rules for signal in rule.signals.values()
            if signal.clause is not None or signal.section_body is not None]


def _fitting(clauses, wanted):
    return [clause for clause in clauses if clause.mood in wanted.moods
            and (wanted.actors is None or clause.actor in wanted.actors) and (not wanted.specific or clause.specifics)]


def _first_fit_the_long_way(counted, clauses, wanted):
    for clause in _fitting(clauses, wanted):
        for span in clause.concrete if wanted.specific else [(clause.start, clause.end)]:
            terms = counted.terms_in(span)
            if terms is not None:
                return clause, terms
    return None, None


def _on_topic_the_long_way(document, k, clause, topic, elsewhere):
    """The clause, then its sentence, then the sentences before it in its paragraph, nearest first: the first
    that names the topic or something else decides; one naming neither anywhere is on topic."""
    sentences = document.sentences
    looked_at = [(k, (clause.start, clause.end)), (k, None)]
    j = k - 1
    while j >= 0 and sentences[j].line == sentences[k].line:
        looked_at.append((j, None))
        j -= 1
    for j, span in looked_at:
        if topic and document.found(j, topic, span):
            return True
        if document.found(j, elsewhere, span):
            return False
    return True


@pytest.mark.parametrize("book_index", [0, -1])
def test_the_first_fitting_clause_is_the_first_of_the_fitting_ones(checker, seed_files, book_index):
    from checker.rules.reading import Reading

    book = checker.books[book_index]
    fitted = 0
    for text in _texts(seed_files, checker):
        document, _ = _read(checker, text)
        reading = Reading(document, book, "government")
        for rule in book.rules:
            for signal in rule.signals.values():
                required = [reading.terms([entry]) for entry in signal.all]
                either = reading.terms(signal.any) if signal.any else None
                forbidden = reading.terms(signal.none) if signal.none else None
                for i in range(len(document.sentences)):
                    counted = _Counted.of(document, i, required, either, forbidden)
                    if counted is None:
                        continue
                    clauses = document.clauses.of(i)
                    for wanted in filter(None, (signal.clause, signal.section_body)):
                        found = counted.first_fit(clauses, wanted)
                        assert found == _first_fit_the_long_way(counted, clauses, wanted)
                        fitted += found[0] is not None
                    if signal.section_body is not None and document.sentences[i].heading:
                        section = document.sentences[i].section
                        elsewhere = reading.terms(signal.section_body.off_topic)
                        expected = section is not None and any(
                            _on_topic_the_long_way(document, k, clause, either, elsewhere)
                            for node in section.subtree() for k in reading.body_sentences(node)
                            for clause in _fitting(document.clauses.of(k), signal.section_body))
                        assert _body_has(reading, i, signal.section_body, either) == expected
    assert fitted and _clause_signals(checker)


def _saying_the_long_way(clauses, matched, counted):
    held = []
    for match in matched:
        clause = next((c for c in clauses if c.start <= match.start < c.end), None)
        if clause is not None and clause not in held and not counted.forbids(clause):
            held.append(clause)
    if not held:
        return ()
    into = [c for c in clauses if c not in held and not counted.forbids(c) and any(
        c.start < m.start + len(m.text) and m.start < c.end for m in matched)]
    return (*held, *into)


def test_the_clauses_saying_a_match_are_those_the_long_way_finds():
    """Random clauses (with gaps between some), matches anywhere, some clauses forbidden: the same clauses, in order."""
    import random

    from checker.document import Matched
    from checker.document.clauses import Clause

    class Forbidding:
        def __init__(self, forbidden):
            self.forbidden = forbidden

        def forbids(self, clause):
            return clause.start in self.forbidden

    rng = random.Random(5)
    for _ in range(300):
        clauses, at = [], 0
        for _ in range(rng.randint(1, 12)):
            at += rng.choice((0, 0, 1))  # a gap now and then
            end = at + rng.randint(1, 9)
            clauses.append(Clause(0, at, end, None, "act", (), ()))
            at = end
        matched = [Matched(start, "x" * rng.randint(1, 12)) for start in sorted(rng.sample(range(at + 3), rng.randint(1, 6)))]
        counted = Forbidding({clause.start for clause in clauses if rng.random() < 0.2})
        clauses = tuple(clauses)
        assert _saying(clauses, matched, counted) == _saying_the_long_way(clauses, matched, counted)
