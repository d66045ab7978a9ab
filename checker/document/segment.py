"""Find rulebook terms in a document, respecting Chinese word boundaries.

A plain substring search finds 调解 in 协调解决 and 学法 in 科学法治; `\\b` does
not work on Chinese. So the text is segmented with jieba's dictionary, given
every rulebook term (三项制度, 重大行政决策, 第一责任人 stay whole), and an
occurrence of a term counts only if it does not cut into words at both ends:
it sits inside one word (复议 in 行政复议) or starts or ends on a word boundary.

The segmenter is rjieba (jieba in Rust, with jieba's dictionary: it loads it five
times and cuts thirty times faster) where it is installed, and jieba itself
otherwise; both put the boundaries in the same places (tests/test_rjieba.py).
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate, chain, starmap
from typing import Iterable, NamedTuple, Optional

_SEGMENTER: Optional["_Segmenter"] = None
_KNOWN_WORDS: set[str] = set()
_KNOWN_VOCABULARIES: set[frozenset[str]] = set()  # every check passes the same few: skip re-reading them


def tokenizer(words: Iterable[str] = ()) -> "_Segmenter":
    """The shared segmenter, with `words` added to its dictionary (in sorted order: the order changes frequencies)."""
    global _SEGMENTER
    if _SEGMENTER is None:
        _SEGMENTER = _new_segmenter()
    if isinstance(words, frozenset) and words in _KNOWN_VOCABULARIES:
        return _SEGMENTER
    new = [word for word in words if word not in _KNOWN_WORDS]
    for word in sorted(new):
        _SEGMENTER.add(word)
    _KNOWN_WORDS.update(new)
    if isinstance(words, frozenset):
        _KNOWN_VOCABULARIES.add(words)
    return _SEGMENTER


def _new_segmenter() -> "_Segmenter":
    try:
        return _RustJieba()
    except ImportError:  # not installed, or no wheel for this machine
        return _PythonJieba()


class _Segmenter:
    """Word boundaries by jieba's dictionary and its arithmetic, HMM off (no guessed words)."""

    name = ""

    def add(self, word: str) -> int:
        """Add `word` with the frequency that keeps it whole; return that frequency."""
        raise NotImplementedError

    def cut(self, text: str) -> list[str]:
        raise NotImplementedError

    def starts(self, text: str) -> list[int]:
        """Where each word of `text` starts (the first is 0)."""
        return list(accumulate(map(len, self.cut(text)), initial=0))[:-1]


class _RustJieba(_Segmenter):
    name = "rjieba"

    def __init__(self, jieba=None):
        """`jieba`: an rjieba.Jieba of one's own; by default the one rjieba's functions use."""
        # Importing rjieba already builds a dictionary for its module-level functions: use that
        # one rather than build a second. Nothing else in the process uses rjieba.
        import rjieba

        self._add_word, self._cut = (jieba.add_word, jieba.cut) if jieba else (rjieba.add_word, rjieba.cut)

    def add(self, word: str) -> int:
        return self._add_word(word, None, None)

    def cut(self, text: str) -> list[str]:
        return self._cut(text, False)


class _PythonJieba(_Segmenter):
    """jieba itself, keeping its word frequencies and total as rjieba does, so both cut alike.

    jieba's total counts dict.txt's one repeated line twice and, when a word is added again,
    adds its new frequency on top of the old one; rjieba counts every word once. The frequency
    of an added word is rjieba's suggestion (a sum of logarithms, where jieba multiplies
    ratios: the two round differently). With the same total and frequencies, jieba's and
    rjieba's routes through a sentence are the same sums of the same logarithms.
    """

    name = "jieba"

    def __init__(self):
        import logging  # only jieba needs them: not imported on a check's start-up otherwise
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # jieba imports the deprecated pkg_resources
            import jieba
        jieba.setLogLevel(logging.CRITICAL)  # a cache it cannot write is not the user's problem
        self._jieba = jieba.Tokenizer()
        self._jieba.initialize()
        self._jieba.total = sum(self._jieba.FREQ.values())  # prefixes of words are there with 0

    def add(self, word: str) -> int:
        freq = self._suggest_freq(word)
        replaced = self._jieba.FREQ.get(word, 0)
        self._jieba.add_word(word, freq)
        self._jieba.total -= replaced
        return freq

    def _suggest_freq(self, word: str) -> int:
        """rjieba's (jieba-rs's) suggest_freq, operation for operation: the word outweighs its parts."""
        freqs, logtotal, logfreq = self._jieba.FREQ, math.log(self._jieba.total), 0.0
        for part in self._jieba.cut(word, HMM=False):
            logfreq = logfreq + math.log(freqs.get(part) or 1) - logtotal
        return max(int(math.exp(logfreq + logtotal)) + 1, freqs.get(word) or 1)

    def cut(self, text: str) -> list[str]:
        return self._jieba.lcut(text, HMM=False)


class TermSet(NamedTuple):
    """Terms to look for, and the longer words that do not count as them (副书记 is not 书记).

    A named tuple rather than a frozen dataclass: it keys the document's caches, and a tuple hashes
    without calling Python (a dataclass's __hash__ is a Python function, called hundreds of times a check).
    """

    terms: frozenset[str]
    excepts: frozenset[str] = frozenset()


class TermIndex:
    """Every valid occurrence of every vocabulary term in `text`, by sentence."""

    def __init__(
        self, text: str, vocabulary: frozenset[str], sentences: list[tuple[int, int]], law_title: re.Pattern[str],
        law_list_min: int,
    ):
        """`sentences`: (start, end) spans in order, not overlapping.

        `law_title` and `law_list_min`: a sentence naming that many laws lists them; their words are not topics.
        """
        fits = _Words(text, vocabulary).fits
        masked = _law_list_positions(text, sentences, law_title, law_list_min)
        automaton = _automaton(vocabulary)
        self.by_sentence: list[dict[str, list[tuple[int, int]]]] = [{} for _ in sentences]
        self.sentences_of: dict[str, list[int]] = {}  # term → the sentences it occurs in, in order
        starts = [first for first, _ in sentences]
        sentence, first, stop = -1, 0, 0
        # One pass over the text rather than one per sentence (occurrences come in the order of their ends); one
        # that runs out of its sentence into the next, or lies between two, belongs to none.
        for last, (length, term) in automaton.iter(text):
            end = last + 1
            start = end - length
            if not first <= start < stop:
                sentence = bisect_right(starts, start) - 1
                first, stop = sentences[sentence] if sentence >= 0 else (0, 0)
            if sentence < 0 or end > stop or start in masked or not fits(start, end):
                continue
            found = self.by_sentence[sentence]
            spans = found.get(term)
            if spans is None:
                found[term] = [(start, end)]
                self.sentences_of.setdefault(term, []).append(sentence)
            else:
                spans.append((start, end))

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
    """Terms of `terms` present in a sentence, not counting those inside an exception (see `unblocked`)."""
    if found.keys().isdisjoint(terms):  # most calls, at a fraction of building the list
        return []
    return list(unblocked(found, terms, excepts, context))


def unblocked(
    found: dict[str, list[tuple[int, int]]], terms: frozenset[str], excepts: frozenset[str],
    context: Optional[dict[str, list[tuple[int, int]]]] = None,
) -> dict[str, list[tuple[int, int]]]:
    """The occurrences in `found` of terms of `terms` that stand inside no exception word.

    `context` holds every occurrence in the sentence, when `found` is only some of them: an
    exception blocks a term wherever it stands.
    """
    wanted = {term: spans for term, spans in found.items() if term in terms}
    everything = context or found
    if not wanted or excepts.isdisjoint(everything):  # most sentences hold no exception word
        return wanted
    said = [word for word in everything if word in excepts]
    if not any(term in word for word in said for term in wanted):  # an exception blocks only the terms inside it
        return wanted
    blocked = sorted(span for word in said for span in everything[word])
    starts = [s for s, _ in blocked]
    reach = list(accumulate((e for _, e in blocked), max))  # the furthest end of the exceptions so far

    def inside(a: int, b: int) -> bool:  # does an exception starting at or before a reach b?
        k = bisect_right(starts, a)
        return k > 0 and reach[k - 1] >= b

    return {term: kept for term, spans in wanted.items() if (kept := [(a, b) for a, b in spans if not inside(a, b)])}


@lru_cache(maxsize=4)
def _automaton(vocabulary: frozenset[str]):
    """An Aho-Corasick automaton over the vocabulary: every occurrence, overlapping ones too, in one pass."""
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for term in vocabulary:
        automaton.add_word(term, (len(term), term))
    automaton.make_automaton()
    return automaton


class _Words:
    """Where the segmenter puts word boundaries in a text."""

    def __init__(self, text: str, vocabulary: frozenset[str]):
        self.starts = tokenizer(vocabulary).starts(text)
        self.edges = set(self.starts)  # every boundary: where a word starts, and the end of the text
        self.edges.add(len(text))

    def fits(self, start: int, end: int) -> bool:
        """Spanning words with at least one clean edge, or inside one word.

        Both edges cutting into words is the false match (协调|解决 for 调解). One
        clean edge is kept because adding terms to the dictionary can pull a word
        boundary into a term: 主要|领导责任 still holds 主要领导.
        """
        if start in self.edges or end in self.edges:
            return True
        return bisect_right(self.starts, start) == bisect_right(self.starts, end - 1)  # no word starts inside


def _law_list_positions(
    text: str, sentences: list[tuple[int, int]], law_title: re.Pattern[str], law_list_min: int
) -> set[int]:
    """The positions inside the law titles of sentences that list laws."""
    positions: set[int] = set()
    for start, end in sentences:
        found = [match.span() for match in law_title.finditer(text, start, end)]
        if len(found) >= law_list_min:
            positions.update(chain.from_iterable(starmap(range, found)))
    return positions
