"""Find rulebook terms in a document, respecting Chinese word boundaries.

A plain substring search finds 调解 in 协调解决 and 学法 in 科学法治; `\\b` does
not work on Chinese. So the text is segmented with jieba, whose dictionary is
given every rulebook term (三项制度, 重大行政决策, 第一责任人 stay whole), and an
occurrence of a term counts only if it does not cut into words at both ends:
it sits inside one word (复议 in 行政复议) or starts or ends on a word boundary.
"""

from __future__ import annotations

import logging
import re
import warnings
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Optional

_TOKENIZER = None
_KNOWN_WORDS: set[str] = set()


def tokenizer(words: Iterable[str] = ()):
    """The shared jieba tokenizer, with `words` added to its dictionary."""
    global _TOKENIZER
    if _TOKENIZER is None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # jieba imports the deprecated pkg_resources
            import jieba
        jieba.setLogLevel(logging.CRITICAL)  # a cache it cannot write is not the user's problem
        _TOKENIZER = jieba.Tokenizer()
        _TOKENIZER.initialize()
    new = [word for word in words if word not in _KNOWN_WORDS]
    for word in sorted(new):
        _TOKENIZER.add_word(word)
    _KNOWN_WORDS.update(new)
    return _TOKENIZER


@dataclass(frozen=True)
class TermSet:
    """Terms to look for, and the longer words that do not count as them (副书记 is not 书记)."""

    terms: frozenset[str]
    excepts: frozenset[str] = frozenset()


class TermIndex:
    """Every valid occurrence of every vocabulary term in `text`, by sentence."""

    def __init__(
        self, text: str, vocabulary: frozenset[str], sentences: list[tuple[int, int]], law_title: re.Pattern[str],
        law_list_min: int,
    ):
        """`law_title` and `law_list_min`: a sentence naming that many laws lists them; their words are not topics."""
        words = _Words(text, vocabulary)
        masked = _law_list_spans(text, sentences, law_title, law_list_min)
        sentence_starts = [start for start, _ in sentences]
        self.by_sentence: list[dict[str, list[tuple[int, int]]]] = [dict() for _ in sentences]
        self.sentences_of: dict[str, list[int]] = {}  # term → the sentences it occurs in, in order
        for last, term in _automaton(vocabulary).iter(text):
            end = last + 1
            start = end - len(term)
            if not words.fits(start, end) or (masked and _inside(masked, start)):
                continue
            sentence = bisect_right(sentence_starts, start) - 1
            if sentence >= 0 and end <= sentences[sentence][1]:
                found = self.by_sentence[sentence]
                if term not in found:
                    found[term] = []
                    self.sentences_of.setdefault(term, []).append(sentence)
                found[term].append((start, end))

    def terms_in(self, sentence: int) -> dict[str, list[tuple[int, int]]]:
        return self.by_sentence[sentence]


def within(found: dict[str, list[tuple[int, int]]], start: int, end: int) -> dict[str, list[tuple[int, int]]]:
    """The occurrences in `found` that lie between `start` and `end` (a clause of the sentence)."""
    return {term: inside for term, spans in found.items()
            if (inside := [(a, b) for a, b in spans if start <= a and b <= end])}


def hits(
    found: dict[str, list[tuple[int, int]]], terms: frozenset[str], excepts: frozenset[str],
    context: Optional[dict[str, list[tuple[int, int]]]] = None,
) -> list[str]:
    """Terms of `terms` present in a sentence, not counting those inside an exception.

    `context` holds every occurrence in the sentence, when `found` is only some of them: an
    exception blocks a term wherever it stands.
    """
    present = [term for term in found if term in terms]
    if not excepts or not present:
        return present
    blocked = [span for term, spans in (context or found).items() if term in excepts for span in spans]
    return [
        term
        for term in present
        if any(not any(b0 <= s and e <= b1 for b0, b1 in blocked) for s, e in found[term])
    ]


@lru_cache(maxsize=4)
def _automaton(vocabulary: frozenset[str]):
    """An Aho-Corasick automaton over the vocabulary: every occurrence, overlapping ones too, in one pass."""
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for term in vocabulary:
        automaton.add_word(term, term)
    automaton.make_automaton()
    return automaton


class _Words:
    """Where jieba puts word boundaries in a text: word i spans starts[i]..starts[i+1]."""

    def __init__(self, text: str, vocabulary: frozenset[str]):
        self.starts = [start for _word, start, _end in tokenizer(vocabulary).tokenize(text, HMM=False)]
        self.length = len(text)

    def word_at(self, position: int) -> int:
        return bisect_right(self.starts, position) - 1

    def fits(self, start: int, end: int) -> bool:
        """Inside one word, or spanning words with at least one clean edge.

        Both edges cutting into words is the false match (协调|解决 for 调解). One
        clean edge is kept because adding terms to the dictionary can pull a word
        boundary into a term: 主要|领导责任 still holds 主要领导.
        """
        first, last = self.word_at(start), self.word_at(end - 1)
        if first == last:
            return True
        starts_clean = self.starts[first] == start
        ends_clean = end == self.length or (last + 1 < len(self.starts) and self.starts[last + 1] == end)
        return starts_clean or ends_clean


def _law_list_spans(
    text: str, sentences: list[tuple[int, int]], law_title: re.Pattern[str], law_list_min: int
) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for start, end in sentences:
        found = [m.span() for m in law_title.finditer(text, start, end)]
        if len(found) >= law_list_min:
            spans.extend(found)
    return spans


def _inside(spans: list[tuple[int, int]], position: int) -> bool:
    """Is `position` inside one of `spans` (sorted, not overlapping)?"""
    index = bisect_right(spans, (position, float("inf"))) - 1
    return index >= 0 and spans[index][0] <= position < spans[index][1]
