"""Character-level normalisation: a half-width copy with every offset kept, sentences, years written in Chinese."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.document.textnorm import SENTENCE_END, cjk_count, normalize, shorten, split_sentences, year_from_chinese

SPACES = ["\u3000", "\u00a0", "\u2002", "\u2003", "\u200b", "\ufeff", "\t"]
REPORT_TEXT = st.text(
    alphabet=st.sampled_from(list("法治政府建设年度报告一二三〇（）：；，。！？;:,.!?“”’」』) \n\t\u3000ＡＢ１２３％")), max_size=60)


# --------------------------------------------------------------------------- normalize


def test_every_full_width_ascii_form_becomes_its_half_width_twin():
    for code in range(0xFF01, 0xFF5F):  # ！ … ～
        assert normalize(chr(code)) == chr(code - 0xFEE0)
    assert normalize("（一）２０２４年：执法人员持证率１００％；ＡＢＣ") == "(一)2024年:执法人员持证率100%;ABC"


def test_characters_next_to_the_full_width_block_are_kept():
    assert normalize("\uff00\uff5f\uff60") == "\uff00\uff5f\uff60"  # not ASCII forms
    assert normalize("、。「」《》") == "、。「」《》"  # CJK punctuation is not full-width ASCII


@pytest.mark.parametrize("space", SPACES)
def test_wide_and_invisible_spaces_and_tabs_become_plain_spaces(space):
    assert normalize(f"一、{space}总体情况") == "一、 总体情况"


def test_line_breaks_and_control_characters_are_kept():
    assert normalize("第一行\n第二行\r\n\x08") == "第一行\n第二行\r\n\x08"
    assert normalize("\u2001\u2004\u200a\u200c\u2fff\ufefe") == "\u2001\u2004\u200a\u200c\u2fff\ufefe"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_normalizing_keeps_every_offset_and_is_idempotent(text):
    half = normalize(text)
    assert len(half) == len(text)
    for before, after in zip(text, half):
        assert after == before or after == " " or ord(before) - ord(after) == 0xFEE0 or after == "\ufffd"
    assert normalize(half) == half


def test_list_bullets_read_as_spaces_but_a_middle_dot_in_a_name_is_kept():
    assert normalize("• 2020年，●■▪◆") == "  2020年,    "
    assert normalize("“8·12”暴雨") == "“8·12”暴雨"


def test_a_lone_surrogate_becomes_the_replacement_character_in_the_copy():
    assert normalize("依法\udb6c行政\udcb1") == "依法\ufffd行政\ufffd"
    assert normalize("依法\udb6c行政").encode("utf-8")  # OpenCC's folding needs text that encodes
    assert normalize("\ud7ff\ue000") == "\ud7ff\ue000"  # next to the surrogates: kept


# --------------------------------------------------------------------------- cjk_count


def test_cjk_count_counts_chinese_characters_only():
    assert cjk_count("2024年，法治政府建设（ABC）。") == 7
    assert cjk_count("") == 0
    assert cjk_count("〇○") == 0  # year digits are not CJK ideographs


# --------------------------------------------------------------------------- split_sentences


def pieces(text: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text)]


def test_sentences_end_at_their_delimiters_which_they_keep():
    assert pieces("推进法治建设。完善制度！是否落实？下一步；继续推进") == [
        "推进法治建设。", "完善制度！", "是否落实？", "下一步；", "继续推进"]
    assert pieces("half;width!stops?ok") == ["half;", "width!", "stops?", "ok"]


def test_closing_quotes_and_repeated_stops_stay_with_their_sentence():
    assert pieces("他说：“依法行政。”随后散会。") == ["他说：“依法行政。”", "随后散会。"]
    assert pieces("真的吗？！是的。」好") == ["真的吗？！", "是的。」", "好"]


def test_blank_pieces_are_not_sentences():
    assert split_sentences("") == []
    assert split_sentences("   ") == []
    assert split_sentences("推进法治建设。  ") == [(0, 7)]


@settings(max_examples=200, deadline=None)
@given(REPORT_TEXT)
def test_sentence_spans_are_ordered_inside_the_text_and_cover_every_non_blank_character(text):
    spans = split_sentences(text)
    covered = set()
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        assert text[start:end].strip()
        covered.update(range(start, end))
        previous_end = end
    assert all(i in covered for i, ch in enumerate(text) if not ch.isspace())
    for start, end in spans[:-1]:  # every sentence but the last ends on a stop or a closing quote
        assert text[end - 1] in SENTENCE_END or text[end - 1] in "”’」』)"


# --------------------------------------------------------------------------- year_from_chinese


@pytest.mark.parametrize("text,year", [
    ("二〇二三", 2023), ("二○一八", 2018), ("二零二四", 2024), ("二O二一", 2021), ("一九九九", 1999),
])
def test_a_year_in_chinese_numerals_becomes_a_number(text, year):
    assert year_from_chinese(text) == year


@pytest.mark.parametrize("text", ["二〇二", "二〇二三年", "二〇二X", "二〇二三四", "年度报告", ""])
def test_anything_but_four_chinese_digits_is_not_a_year(text):
    assert year_from_chinese(text) is None


# --------------------------------------------------------------------------- shorten


def test_shorten_keeps_text_up_to_the_limit_and_strips_it():
    assert shorten("  依法行政  ", 4) == "依法行政"
    assert shorten("依法行政", 5) == "依法行政"


def test_shorten_cuts_longer_text_to_the_limit_with_an_ellipsis():
    assert shorten("推进依法行政", 5) == "推进依法…"
    assert len(shorten("推进依法行政" * 10, 20)) == 20
