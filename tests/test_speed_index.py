"""The faster ways of normalising and splitting text give what the plain ways gave."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.document.script import ScriptFolder
from checker.document.textnorm import _TABLE, OneForOne, normalize, split_sentences

from .conftest import conventions

# Characters around the tables' keys: held ones, their neighbours, and report text.
NEAR_KEYS = st.sampled_from(
    list("\uff00\uff01\uff0c\uff5e\uff5f\u2eff\u2f00\u2fdf\u2fe0\uf8ff\uf900\ufaff\ufb00\u3000\u00a0\t\n ")
    + ["\U0002f7ff", "\U0002f800", "\U0002fa1d", "\U0002fa20", "⺠", "⼈"]
    + list("法治政府建设年度报告。,;()（）")
)
TEXTS = st.text(alphabet=st.one_of(NEAR_KEYS, st.characters()), max_size=60)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_normalising_is_translating_by_the_table(text):
    assert normalize(text) == text.translate(_TABLE)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_unifying_is_translating_by_the_folders_table(text):
    folder = ScriptFolder(conventions().radicals)
    assert folder.unify(text) == text.translate(folder.table)


def test_an_empty_table_changes_nothing():
    assert OneForOne({})("法治\uff01") == "法治\uff01"


def _plain_split(text: str) -> list[tuple[int, int]]:
    """split_sentences as it was: every match of the sentence pattern that is not blank."""
    pattern = re.compile(r"[^。！？；;!?]*(?:[。！？；;!?]+[”’」』)]*|$)")
    return [m.span() for m in pattern.finditer(text) if m.end() > m.start() and text[m.start():m.end()].strip()]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("法治。！？；;!?”’」』) \n\t")), max_size=40), st.data())
def test_splitting_part_of_a_text_is_splitting_that_part(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert split_sentences(text) == _plain_split(text)
    assert split_sentences(text, start, end) == [(start + a, start + b) for a, b in _plain_split(text[start:end])]
