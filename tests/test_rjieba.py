"""rjieba (jieba in Rust) and jieba put word boundaries in the same places, and fzcheck runs on either.

The checker segments with rjieba where it is installed and falls back to jieba; a report must
get the same findings on both machines. Each segmenter here is built fresh, with the built-in
rulebooks' words added as the checker adds them.
"""

from __future__ import annotations

import subprocess
import sys
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.document import segment

from .conftest import ROOT, SEEDS

rjieba = pytest.importorskip("rjieba")

CORPUS = ROOT.parent / "shared" / "corpus"


def texts() -> list[Path]:
    """The seeds and, when it is there, the labelled corpus (openings and negatives)."""
    corpus = sorted((CORPUS / "openings").glob("*.txt")) + sorted((CORPUS / "negatives").glob("*"))
    return sorted(SEEDS.glob("*.txt")) + corpus


@lru_cache(maxsize=1)
def vocabulary() -> frozenset[str]:
    """What Checker.warm_up gives the segmenter: every built-in rulebook's words."""
    from checker.rules.rulebook import builtin_editions, load_rulebook

    return frozenset().union(*(load_rulebook(path).vocabulary for path in builtin_editions()))


@lru_cache(maxsize=1)
def segmenters() -> tuple[segment._Segmenter, segment._Segmenter, dict[str, tuple[int, int]]]:
    """A fresh rjieba and a fresh jieba segmenter given the vocabulary, and each word's two frequencies."""
    rust, python = segment._RustJieba(rjieba.Jieba()), segment._PythonJieba()
    freqs = {word: (rust.add(word), python.add(word)) for word in sorted(vocabulary())}
    return rust, python, freqs


def test_the_two_give_every_added_word_the_same_frequency():
    _rust, _python, freqs = segmenters()
    assert len(freqs) > 100
    assert {word: pair for word, pair in freqs.items() if pair[0] != pair[1]} == {}


def test_a_word_already_in_the_dictionary_gets_the_same_new_frequency():
    # 行政复议 is in jieba's dictionary: jieba alone would add its new frequency to the total
    # without taking the old one away, and the totals, hence all later routes, would drift apart.
    rust, python = segment._RustJieba(rjieba.Jieba()), segment._PythonJieba()
    for word in ("行政复议", "首违不罚", "调解", "一件事一次办"):
        assert rust.add(word) == python.add(word), word
    assert python._jieba.total == sum(python._jieba.FREQ.values())


@pytest.mark.parametrize("path", texts(), ids=lambda path: path.name)
def test_the_same_words_on_real_texts(path):
    rust, python, _freqs = segmenters()
    text = path.read_text(encoding="utf-8")
    assert rust.cut(text) == python.cut(text)
    assert rust.starts(text) == python.starts(text)


# Characters where the two could part: Han inside and outside jieba's Han range (㐀 豈 𠀀),
# ASCII runs jieba glues together, whitespace it keeps whole (\r\n), separators Python calls
# space and Rust does not (\x1c), full-width forms, emoji, and the rulebook's own words.
PIECES = ["行政复议", "复议", "调解", "协调解决", "法治政府", "建设", "年度报告", "推进", "落实", "的", "了", "在",
          "对", "开", "a", "Z", "0", "9", "3.5", "C++", "e-mail", "%", "#", "&", "_", " ", "\t", "\n", "\r\n",
          "\r", "\u3000", "\x1c", "\u00a0", "\u200b", "㐀", "豈", "𠀀", "👪", "，", "。", "、", "（", "）", "《",
          "》", "１２", "Ⅻ", "首违不罚", "三项制度", "第一责任人"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=40).map("".join))
def test_the_same_words_on_mixed_text(text):
    rust, python, _freqs = segmenters()
    assert rust.cut(text) == python.cut(text)


# --------------------------------------------------------------------------- the checker on each


def results(checker) -> dict[str, dict]:
    return {path.name: checker.check_text(path.read_text(encoding="utf-8"), name=path.name).model_dump(mode="json")
            for path in texts()}


def checker_with(monkeypatch, segmenter):
    """A checker whose shared segmenter starts afresh: `segmenter`, or what `import rjieba` now gives."""
    from checker.run.engine import Checker

    monkeypatch.setattr(segment, "_SEGMENTER", segmenter)
    monkeypatch.setattr(segment, "_KNOWN_WORDS", set())  # other tests add words of their own
    monkeypatch.setattr(segment, "_KNOWN_VOCABULARIES", set())
    checker = Checker()
    checker.warm_up()
    return checker


def test_without_rjieba_the_checker_uses_jieba_and_finds_the_same(monkeypatch):
    expected = results(checker_with(monkeypatch, segment._RustJieba(rjieba.Jieba())))
    monkeypatch.setitem(sys.modules, "rjieba", None)  # `import rjieba` now raises ImportError
    fallback = checker_with(monkeypatch, None)
    assert segment.tokenizer().name == "jieba"
    assert results(fallback) == expected


def test_with_rjieba_installed_it_is_the_segmenter():
    assert segment._new_segmenter().name == "rjieba"


def test_a_check_with_rjieba_never_loads_jieba():
    script = (
        "import sys\n"
        "from checker.run.engine import Checker\n"
        "checker = Checker()\n"
        "checker.warm_up()\n"
        "checker.check_text(open(sys.argv[1], encoding='utf-8').read())\n"
        "from checker.document.segment import tokenizer\n"
        "print(tokenizer().name, 'jieba' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(SEEDS / "001_7724204651865b79.txt")], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.stdout.split() == ["rjieba", "False"], done.stderr
